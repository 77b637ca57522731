package quotes

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"sync"
)

// firstNamesData is the first-name gender table, written by `make
// gen-names` (internal/gen/names) from the US Social Security
// Administration's national baby-name counts (public domain): "name\tf",
// "name\tm" or "name\tu" lines, u for a name whose births were not
// nearly all one sex.
//
//go:embed firstnames.txt.gz
var firstNamesData []byte

// firstNames returns the embedded first-name table, lower-case name to
// gender (unknown for a unisex name), parsing it on the first call
// (about 51,000 names: some 30 milliseconds and 3 MB); later calls return
// the same map. It is safe for concurrent use; the map is only read.
var firstNames = sync.OnceValue(func() map[string]gender {
	m, err := parseFirstNames(firstNamesData)
	if err != nil {
		panic(err) // the embedded table is tested; see TestFirstNamesTable
	}
	return m
})

// parseFirstNames reads a gzip-compressed first-name table: comment lines
// starting with #, then "name\tf", "name\tm" or "name\tu" lines.
func parseFirstNames(data []byte) (map[string]gender, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("first names: %w", err)
	}
	m := make(map[string]gender, 16384)
	sc := bufio.NewScanner(zr)
	for line := 1; sc.Scan(); line++ {
		b := sc.Bytes()
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		n := len(b)
		g, ok := sexes[b[n-1]]
		if n < 3 || b[n-2] != '\t' || !ok {
			return nil, fmt.Errorf("first names: line %d: not name<TAB>f, m or u: %q", line, b)
		}
		m[string(b[:n-2])] = g
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("first names: %w", err)
	}
	return m, nil
}

// sexes maps the sex letters of the first-name table to a gender.
var sexes = map[byte]gender{'f': genderFemale, 'm': genderMale, 'u': genderUnknown}

// firstNameGender returns the gender of a lower-case first name: the hand
// list's (genderWords: non-US names and those the table gets wrong for
// news), else the table's, which is unknown for a unisex name ("jordan",
// "kelly"), else that of a name the table lacks made of two of its names
// of one gender (see compoundGender), else unknown. Words the lexicon
// knows as titles, roles, bodies or demonyms take only the hand list's
// gender ("lord" is male, "major" unknown). It is safe for concurrent use.
func firstNameGender(first string) gender {
	if g, ok := genderWords[first]; ok || wordFlags[first]&(fTitle|fHuman|fOrg|fDemonym) != 0 {
		return g
	}
	if g, ok := firstNames()[first]; ok {
		return g
	}
	return compoundGender(first)
}

// minCompoundPart is the shortest part of a compound first name.
const minCompoundPart = 4

// compoundGender returns the gender of a first name made of two names of
// the table of one gender, "annemarie" female for "anne" and "marie", or
// unknown when no split gives two, or two splits disagree. Its parts have
// minCompoundPart letters or more: split so, the table's own compound
// names get the table's gender 1,257 times in 1,312. It costs a map
// look-up or two per split point.
func compoundGender(name string) gender {
	names := firstNames()
	found := genderUnknown
	for i := minCompoundPart; i <= len(name)-minCompoundPart; i++ {
		g := names[name[:i]]
		if g == genderUnknown || names[name[i:]] != g {
			continue
		}
		if found != genderUnknown && found != g {
			return genderUnknown
		}
		found = g
	}
	return found
}
