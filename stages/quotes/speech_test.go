package quotes

import (
	"strings"
	"testing"

	"github.com/newsmill/newsmill/stages/sentences"
)

// TestSpeechFilter checks what the speech model (features.go) keeps:
// partial quotes after "called" are speech, show titles, subheadings,
// film titles and short terms without a speaker are not.
func TestSpeechFilter(t *testing.T) {
	tests := []struct {
		name, text, quote string
		kept              bool
	}{
		{"called it", "The mayor called the plan “a disgrace” on Tuesday.", "“a disgrace”", true},
		{"called, sentence end", "Rivals have called his plan “a fantasy.”", "“a fantasy.”", true},
		{"show after a possessive", "He said on CNN’s “State of the Union” that he would run.", "“State of the Union”", false},
		{"subheading", "The talks ended.\n\n'All Bets Are Off.'\n\nThe next round begins in May.", "'All Bets Are Off.'", false},
		{"film title", "The film “Gone With the Wind” was shown at the festival.", "“Gone With the Wind”", false},
		{"headline quote with a label", "Mayor: Budget Talks Were ‘Going Nowhere Fast.’\n\nThe mayor spoke on Monday.", "‘Going Nowhere Fast.’", true},
		{"term without speaker or verb", "The staff did not know a “VIP” guest was coming.", "“VIP”", false},
		{"word as a word", "A drug would induce “torpor” — the term for the hibernating state.", "“torpor”", false},
		{"the word", "The word “hope” appeared 40 times in the speech.", "“hope”", false},
		{"title as a modifier", "However, the “Bad Blood” songstress has not returned his calls.", "“Bad Blood”", false},
		{"words with a speaker", "Obama said the words “lump” the good Muslims with the bad.", "“lump”", true},
		{"short fragment with a verb", "The outages have been “terribly disruptive,” CEO Andy Vesey said.", "“terribly disruptive,”", true},
		// Names given in the passive and words after "the term is" are never speech (features.go).
		{"is called", "When the substance is feathers, HP is called “feather duvet lung.” It is rare.", "“feather duvet lung.”", false},
		{"what's called", "Dust from hay can lead to what’s called “farmer’s lung,” a cough.", "“farmer’s lung,”", false},
		{"the term is", "On a bird, the term often used is “bird fancier’s lung.” It is rare.", "“bird fancier’s lung.”", false},
		{"called by someone", "He was called “a liar and a cheat” by the senator on Tuesday.", "“a liar and a cheat”", true},
		{"described as", "He praised the marchers, whom he described as “peaceful and orderly,” on Friday.", "“peaceful and orderly,”", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept := false
			for _, q := range Extract(tt.text, sentences.Split(tt.text), nil) {
				kept = kept || q.Span.In(tt.text) == tt.quote
			}
			if kept != tt.kept {
				t.Errorf("%s kept = %v, want %v", tt.quote, kept, tt.kept)
			}
		})
	}
}

func TestWordTraits(t *testing.T) {
	tests := []struct {
		content                  string
		person, clause, capShare float64
	}{
		{"I don’t know", 1, 1, 1.0 / 3},
		{"we will rebuild", 1, 1, 0},
		{"State of the Union", 0, 0, 0.5},
		{"carried interest", 0, 0, 0},
		{"", 0, 0, 0},
	}
	for _, tt := range tests {
		p, c, s := wordTraits(tt.content)
		if p != tt.person || c != tt.clause || s != tt.capShare {
			t.Errorf("wordTraits(%q) = %v, %v, %v; want %v, %v, %v", tt.content, p, c, s, tt.person, tt.clause, tt.capShare)
		}
	}
}

// TestPlacement checks the features that look at where a quotation
// stands: the headline, alone on a line, in a list, before a noun, near a
// word for a work.
func TestPlacement(t *testing.T) {
	text := "Mayor Calls Plan ‘A Fantasy’\n\n“Vote no.”\n\nIt sounds “too loud” or “too shrill,” she said. " +
		"The “carried interest” tax break stays. His book “Grit” is long. “We won,” he said."
	type traits struct{ headline, alone, listed, modifies, work bool }
	checkQuotations(t, analyse(text), map[string]traits{
		"‘A Fantasy’":        {headline: true},
		"“Vote no.”":         {alone: true},
		"“too loud”":         {listed: true},
		"“too shrill,”":      {listed: true},
		"“carried interest”": {modifies: true},
		"“Grit”":             {work: true},
		"“We won,”":          {},
	}, func(a *analysis, q int, seg segment) traits {
		return traits{a.inHeadline(seg.open), a.aloneOnLine(q), a.listed(q), a.modifies(q), a.nearWork(q)}
	})
	if !singleMark(text, strings.Index(text, "‘")) || singleMark(text, strings.Index(text, "“")) || singleMark("''a''", 0) {
		t.Error("singleMark")
	}
}
