package entities

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
)

// lineSentences makes each line of text a sentence, as headlines, datelines
// and table rows are.
func lineSentences(text string) []pipeline.Sentence {
	var out []pipeline.Sentence
	start := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		if end := start + len(strings.TrimRight(line, "\n")); end > start {
			out = append(out, pipeline.Sentence{Span: pipeline.Span{Start: start, End: end}})
		}
		start += len(line)
	}
	return out
}

func TestSportsAndDatelines(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		want       []string // LABEL:mention, all of which must be found
		not        []string // LABEL:mention that must not be
	}{
		{
			name: "dateline",
			text: "LONDON 1996-08-30\nShares fell in early trading on Friday.",
			want: []string{"GPE:LONDON"},
		},
		{
			name: "dateline with a month",
			text: "BAGHDAD, Oct 5 (Reuters) - Officials said nothing.",
			want: []string{"GPE:BAGHDAD"},
		},
		{
			name: "score line and cue",
			text: "Leicester 2 Bolton 1\nLeicester beat Bolton at home on Saturday, and Bolton drew with Chelsea last week.",
			want: []string{"ORG:Leicester", "ORG:Bolton"},
			not:  []string{"GPE:Leicester", "GPE:Bolton"},
		},
		{
			name: "standings row",
			text: "Standings after Saturday's games:\nLiverpool 22 9 6 7 31 28 33\nBarcelona 21 8 6 7 30 27 30",
			want: []string{"ORG:Liverpool", "ORG:Barcelona"},
		},
		{
			name: "national teams stay places",
			text: "Germany beat Italy 2-1 in Berlin.\nGermany 2 Italy 1",
			want: []string{"GPE:Germany", "GPE:Italy"},
			not:  []string{"ORG:Germany", "ORG:Italy"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := lineSentences(tt.text)
			es := tg.Entities(tt.text, sents)
			checkEntities(t, tt.text, sents, es)
			var got []string
			for _, e := range es {
				got = append(got, e.Label+":"+e.In(tt.text))
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %s in %q", w, got)
				}
			}
			for _, n := range tt.not {
				if slices.Contains(got, n) {
					t.Errorf("unexpected %s in %q", n, got)
				}
			}
		})
	}
}

// TestNoSportsEvidence checks that ordinary lines with names and numbers
// are neither score lines nor team cues.
func TestNoSportsEvidence(t *testing.T) {
	for _, text := range []string{
		"The mayor of Leicester said 22 people were hurt in 2019 floods .",
		"Leicester 22",
		"Paris , Berlin and Rome 3 4",
		"Leicester won 3 seats , 4 more than Bolton .",
	} {
		var toks []token
		for _, w := range strings.Fields(text) {
			toks = append(toks, token{text: w})
		}
		if ms := sportsLine(toks, nil); ms != nil {
			t.Errorf("%q: a sports line %+v", text, ms)
		}
		for i := range toks {
			if isCapitalized(toks[i].text) && teamCue(toks, mention{first: i, last: i}) {
				t.Errorf("%q: a team cue at %q", text, toks[i].text)
			}
		}
	}
}

func TestIsNumber(t *testing.T) {
	for w, want := range map[string]bool{"2": true, "2-1": true, "19.32": true, "1996-08-30": false, "-": false, "2-": false, "a1": false, "": false} {
		if got := isNumber(w); got != want {
			t.Errorf("isNumber(%q) = %v", w, got)
		}
	}
}
