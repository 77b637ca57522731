package entities

import (
	"strings"

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
func canonicalize(text string, ents []pipeline.Entity) {
	words := make([][]string, len(ents))
	for i, e := range ents {
		words[i] = strings.Fields(quoteFold.Replace(e.In(text)))
		ents[i].Canonical = strings.Join(words[i], " ")
	}
	for i := range ents {
		if len(words[i]) == 1 && ents[i].Label != pipeline.LabelPerson && isSurname(words[i][0], ents, words) {
			ents[i].Label = pipeline.LabelPerson
		}
	}
	for i := range ents {
		if ents[i].Label != pipeline.LabelPerson {
			continue
		}
		best, bestSuffix := -1, false
		for j := range ents {
			w := words[j]
			if ents[j].Label != pipeline.LabelPerson || len(w) <= len(words[i]) || len(w) > maxNameWords || !containsAll(w, words[i]) {
				continue
			}
			suffix := strings.EqualFold(w[len(w)-1], words[i][len(words[i])-1])
			if best < 0 || suffix && !bestSuffix || suffix == bestSuffix && len(w) > len(words[best]) {
				best, bestSuffix = j, suffix
			}
		}
		if best >= 0 {
			ents[i].Canonical = strings.Join(words[best], " ")
		}
	}
}

// isSurname reports whether w is the last word of a multi-word PERSON
// mention among ents.
func isSurname(w string, ents []pipeline.Entity, words [][]string) bool {
	for j, e := range ents {
		if e.Label == pipeline.LabelPerson && len(words[j]) > 1 && words[j][len(words[j])-1] == w {
			return true
		}
	}
	return false
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
