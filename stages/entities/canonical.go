package entities

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// quoteFold writes curly apostrophes and quotes straight, so that mentions
// compare equal however they were typed.
var quoteFold = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`)

// canonicalize sets Canonical on every entity: for a PERSON mention, the
// fullest PERSON mention of the document (up to maxNameWords words) whose
// words include all of its words, preferring one that ends with the same
// word ("Pompeo" -> "Mike Pompeo"); otherwise the mention's own text with white
// space collapsed. A one-word mention of another type that is the last
// word of a multi-word PERSON mention ("Trump" labelled GPE next to "Donald
// Trump") is relabelled PERSON.
//
// Candidates are found through an index from lower-case words to the
// distinct PERSON names that hold them, and each distinct mention is
// resolved once, scanning at most maxCandidates names, so the cost is
// linear in the number of mentions.
func canonicalize(text string, ents []pipeline.Entity) {
	words := make([][]string, len(ents)) // of PERSON mentions only
	surnames := map[string]bool{}
	for i, e := range ents {
		ents[i].Canonical = collapse(e.In(text))
		if e.Label == pipeline.LabelPerson {
			words[i] = strings.Fields(ents[i].Canonical)
			if w := words[i]; len(w) > 1 {
				surnames[w[len(w)-1]] = true
			}
		}
	}
	for i := range ents {
		// A surname holds no space, so this is a one-word mention.
		if ents[i].Label != pipeline.LabelPerson && surnames[ents[i].Canonical] {
			ents[i].Label = pipeline.LabelPerson
			words[i] = []string{ents[i].Canonical}
		}
	}
	// names are the distinct PERSON mentions of up to maxNameWords words,
	// in order of first appearance; byWord lists them by lower-case word.
	var names [][]string
	seen := map[string]bool{}
	byWord := map[string][]int{}
	for i, e := range ents {
		if e.Label != pipeline.LabelPerson || len(words[i]) > maxNameWords || seen[e.Canonical] {
			continue
		}
		seen[e.Canonical] = true
		for _, w := range uniqueLower(words[i]) {
			byWord[w] = append(byWord[w], len(names))
		}
		names = append(names, words[i])
	}
	resolved := map[string]string{}
	for i := range ents {
		if ents[i].Label != pipeline.LabelPerson {
			continue
		}
		if c, ok := resolved[ents[i].Canonical]; ok {
			ents[i].Canonical = c
			continue
		}
		part := words[i]
		var cands []int // the names holding part's rarest word
		for k, w := range uniqueLower(part) {
			if l := byWord[w]; k == 0 || len(l) < len(cands) {
				cands = l
			}
		}
		best, bestSuffix := -1, false
		for _, j := range cands[:min(len(cands), maxCandidates)] {
			w := names[j]
			if len(w) <= len(part) || !containsAll(w, part) {
				continue
			}
			suffix := strings.EqualFold(w[len(w)-1], part[len(part)-1])
			if best < 0 || suffix && !bestSuffix || suffix == bestSuffix && len(w) > len(names[best]) {
				best, bestSuffix = j, suffix
			}
		}
		c := ents[i].Canonical
		if best >= 0 {
			c = strings.Join(names[best], " ")
		}
		resolved[ents[i].Canonical] = c
		ents[i].Canonical = c
	}
}

// collapse returns mention with curly quotes straightened (quoteFold) and
// white space collapsed to single spaces. A mention that needs neither,
// as most do, is returned as it is: a substring of the text, not a copy.
func collapse(mention string) string {
	plain := mention != "" && mention[0] != ' ' && mention[len(mention)-1] != ' '
	for i := 0; plain && i < len(mention); i++ {
		c := mention[i]
		plain = c >= ' ' && c < utf8.RuneSelf && (c != ' ' || mention[i+1] != ' ')
	}
	if plain {
		return mention
	}
	return strings.Join(strings.Fields(quoteFold.Replace(mention)), " ")
}

// maxCandidates bounds the names a mention is compared with.
const maxCandidates = 256

// uniqueLower returns the distinct words of ws in lower case.
func uniqueLower(ws []string) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if l := strings.ToLower(w); !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// containsAll reports whether every word of part is in whole, ignoring
// case ("Al-Kadhimi" opening a sentence is "al-Kadhimi").
func containsAll(whole, part []string) bool {
	for _, p := range part {
		found := false
		for _, w := range whole {
			if strings.EqualFold(w, p) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
