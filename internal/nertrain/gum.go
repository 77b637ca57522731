package main

import (
	"bufio"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/stages/entities"
)

// gumTypes maps GUM's entity types to the tagger's.
var gumTypes = map[string]string{"person": "PER", "organization": "ORG", "place": "LOC"}

// gumMention is one GUM entity mention over tokens start..end (exclusive).
type gumMention struct {
	typ        string
	start, end int
}

// readGUM reads GUM's CoNLL-U files (dep/*.conllu) and labels its proper
// names: the person, organization and place mentions whose words, after
// a leading determiner and a trailing possessive are left out, start and
// end with a capitalised proper noun and hold only capitalised words or
// name joiners ("of", "the", "and", "de") between. Longer names win over
// names inside them ("the Indonesian Navy" is one ORG, not a place in an
// organisation).
func readGUM(r io.Reader) ([]entities.LabeledSentence, error) {
	var out []entities.LabeledSentence
	var words, upos []string
	var ms []gumMention
	open := map[string]gumMention{}
	flush := func() {
		if len(words) > 0 {
			out = append(out, gumSentence(words, upos, ms))
		}
		words, upos, ms = nil, nil, nil
		clear(open)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			flush()
			continue
		}
		if line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 10 || strings.ContainsAny(f[0], "-.") {
			continue // a multi-word token's range or an empty node
		}
		i := len(words)
		words, upos = append(words, f[1]), append(upos, f[3])
		for _, part := range strings.Split(f[9], "|") {
			if ann, ok := strings.CutPrefix(part, "Entity="); ok {
				gumEntities(ann, i, open, &ms)
			}
		}
	}
	flush()
	return out, sc.Err()
}

// gumEntities reads one token's Entity annotation: "(id-type-...)" opens
// (and with ")" closes) a mention at token i, "id)" closes one.
func gumEntities(ann string, i int, open map[string]gumMention, ms *[]gumMention) {
	for len(ann) > 0 {
		if ann[0] == '(' {
			end := strings.IndexAny(ann[1:], "()")
			body := ann[1:]
			if end >= 0 {
				body = ann[1 : 1+end]
			}
			attrs := strings.SplitN(body, "-", 3)
			m := gumMention{start: i, end: -1}
			if len(attrs) >= 2 {
				m.typ = gumTypes[attrs[1]]
			}
			if end >= 0 && ann[1+end] == ')' {
				m.end = i + 1
				*ms = append(*ms, m)
				ann = ann[2+end:]
			} else {
				open[attrs[0]] = m
				if end < 0 {
					return
				}
				ann = ann[1+end:]
			}
			continue
		}
		close := strings.IndexByte(ann, ')')
		if close < 0 {
			return
		}
		if m, ok := open[ann[:close]]; ok {
			m.end = i + 1
			*ms = append(*ms, m)
			delete(open, ann[:close])
		}
		ann = ann[close+1:]
	}
}

// gumSentence labels the proper-name mentions of one sentence.
func gumSentence(words, upos []string, ms []gumMention) entities.LabeledSentence {
	labels := make([]string, len(words))
	for i := range labels {
		labels[i] = "O"
	}
	slices.SortStableFunc(ms, func(a, b gumMention) int { return (b.end - b.start) - (a.end - a.start) })
	for _, m := range ms {
		if m.typ == "" || m.end <= m.start {
			continue
		}
		start, end := m.start, m.end
		for start < end && gumDeterminers[strings.ToLower(words[start])] {
			start++
		}
		for end > start && (words[end-1] == "'s" || words[end-1] == "’s" || words[end-1] == "'" || !startsUpper(words[end-1]) && upos[end-1] == "PUNCT") {
			end--
		}
		if start >= end || !startsUpper(words[start]) {
			continue
		}
		// The name is the mention, or the name that opens it before a comma
		// or a bracket ("Groningen, in the Netherlands", "Jacob Bernoulli
		// (who ...)").
		k := start
		for k < end && (startsUpper(words[k]) || gumJoiner(m.typ, words[k]) && k+1 < end && startsUpper(words[k+1])) {
			k++
		}
		if k < end && words[k] != "," && words[k] != "(" {
			continue
		}
		end = k
		if upos[end-1] != "PROPN" && upos[start] != "PROPN" || slices.ContainsFunc(labels[start:end], func(l string) bool { return l != "O" }) {
			continue
		}
		labels[start] = "B-" + m.typ
		for k := start + 1; k < end; k++ {
			labels[k] = "I-" + m.typ
		}
	}
	return entities.LabeledSentence{Words: words, Labels: labels}
}

// gumDeterminers open noun phrases but not names.
var gumDeterminers = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true, "our": true, "their": true, "his": true, "her": true, "its": true, "my": true}

// gumJoiners may stand between the capitalised words of a name.
var gumJoiners = map[string]bool{"of": true, "the": true, "and": true, "for": true, "de": true, "du": true, "la": true, "von": true, "van": true, "al": true, "bin": true, "&": true, "-": true, "on": true}

// gumJoiner reports whether w may join two capitalised words in a name of
// type typ; a person's name has no "and" or "&" ("Carrano & Biewener" is two).
func gumJoiner(typ, w string) bool {
	return gumJoiners[w] && !(typ == "PER" && (w == "and" || w == "&"))
}

// startsUpper reports whether w starts with an upper-case letter.
func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
