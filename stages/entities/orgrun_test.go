package entities

import (
	"slices"
	"strings"
	"testing"
)

func TestMarkOrgRuns(t *testing.T) {
	tests := []struct {
		name   string
		words  string
		labels string // one letter a word: O, P/p (B/I-PER), G/g (ORG), L/l (LOC)
		want   string
	}{
		{"for the", "a spokesman of the Federal Office for the Environment said", "OOOOGgOOOO", "OOOOGggggO"},
		{"of, with a place inside", "officials at the Ministry of Defence said", "OOOOOLO", "OOOGggO"},
		{"and before the head", "the Justice and Development Party won", "OOOGgO", "OGgggO"},
		{"and after the head ends it", "the Bank of England and Barclays", "OGggOG", "OGggOG"},
		{"one word is left alone", "the Party said", "OOO", "OOO"},
		{"person in the run", "Mike Pompeo Foundation", "PpO", "PpO"},
		{"place typed whole", "in the West Bank", "OOLl", "OOLl"},
		{"leading place kept", "the U.S. Justice Department", "OLGg", "OLGg"},
		{"leading place kept, rest relabelled", "the U.S. Justice Department", "OLOO", "OLGg"},
		{"demonym left out stays out", "the Iraqi Health Ministry", "OOOO", "OOGg"},
		{"demonym inside kept", "the British Broadcasting Corporation", "OGgO", "OGgg"},
		{"inside a longer mention", "the Lord 's Resistance Army", "OGggg", "OGggg"},
		{"a mention runs on after it", "the Carlyle Group 's fund", "OOOgO", "OOOgO"},
		{"sentence opener dropped", "Meanwhile Acme Holdings Ltd rose sharply on Monday", "OOOOOOOO", "OGggOOOO"},
		{"title case skipped", "Police Arrest Head Of Labour Party In Paris", "OOOOOOOL", "OOOOOOOL"},
	}
	code := map[byte]int{'O': labelO, 'P': labelBPer, 'p': labelIPer, 'G': labelBOrg, 'g': labelIOrg, 'L': labelBLoc, 'l': labelILoc}
	decode := func(s string) []int {
		out := make([]int, len(s))
		for i := range s {
			out[i] = code[s[i]]
		}
		return out
	}
	for _, tt := range tests {
		words := strings.Fields(tt.words)
		if len(words) != len(tt.labels) || len(words) != len(tt.want) {
			t.Fatalf("%s: %d words, %d labels, %d wanted", tt.name, len(words), len(tt.labels), len(tt.want))
		}
		labels := decode(tt.labels)
		markOrgRuns(words, labels)
		if want := decode(tt.want); !slices.Equal(labels, want) {
			t.Errorf("%s: labels %v, want %v", tt.name, labels, want)
		}
	}
}
