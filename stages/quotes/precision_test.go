package quotes

import (
	"fmt"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/sentences"
)

// TestInterviewAnswers checks transcript lines: answers of a Q and A
// interview are by the interviewee, names label lines in mixed case when
// the document names that person, and labels that name no one are no
// transcript.
func TestInterviewAnswers(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		people []string
		want   []string // "speaker name|quote start" of the transcript quotes
	}{
		{"Q and A with colons",
			"Five questions for Dana Whitfield\n\nDana Whitfield took over the bakery in May. She spoke to us.\n\nQ: How was the first month?\n\nA: Busy. We sold out every day.\n\nQ: What comes next?\n\nA: A second shop, I hope.",
			[]string{"Dana Whitfield"},
			[]string{"Q|How was the first month?", "Dana Whitfield|Busy. We sold out every day.", "Q|What comes next?", "Dana Whitfield|A second shop, I hope."}},
		{"Q and A with periods",
			"An interview with Omar Haddad, the new coach.\n\nQ. Why this club?\n\nA. The players wanted to win.",
			[]string{"Omar Haddad"},
			[]string{"Q|Why this club?", "Omar Haddad|The players wanted to win."}},
		{"the interviewee named most often before the questions",
			"Lena Park met Ravi Shah at the fair. Shah runs the mill, and Ravi Shah has for ten years.\n\nQ: Why flour?\n\nA: My father milled it.",
			[]string{"Lena Park", "Ravi Shah", "Shah"},
			[]string{"Q|Why flour?", "Ravi Shah|My father milled it."}},
		{"answers with no person named keep the label",
			"The panel met on Monday.\n\nQ: Who pays?\n\nA: The city does.",
			nil,
			[]string{"Q|Who pays?", "A|The city does."}},
		{"an outline is no interview",
			"The plan has two parts.\n\nA. The bridge is rebuilt first.\n\nB. The road follows in spring.",
			nil,
			nil},
		{"name labels in mixed case",
			"Anchor Jake Tapper spoke to Senator Ruth Cole on Sunday.\n\nTapper: Will you run again?\n\nCole: Not this year. My family comes first.",
			[]string{"Jake Tapper", "Ruth Cole", "Tapper", "Cole"},
			[]string{"Jake Tapper|Will you run again?", "Ruth Cole|Not this year. My family comes first."}},
		{"two mixed-case labels taking turns, an answer of two paragraphs and a quote inside",
			"Wikinews: How did you find the anemones?\n\nMarymegan Daly: A camera saw them. We call them \"fields\" now.\n\nThe rest came later.\n\nWikinews: What next?\n\nMarymegan Daly: More dives.",
			nil,
			[]string{"Wikinews|How did you find the anemones?", "Marymegan Daly|A camera saw them. We call them \"fields\" now.\n\nThe rest came later.",
				"Wikinews|What next?", "Marymegan Daly|More dives."}},
		{"one repeated mixed-case label is a list, not a dialogue",
			"Meal 1\n\nPortion Fix Containers: 1 Green, 1 Red\n\nMeal 2\n\nPortion Fix Containers: 1 Purple, 1 tsp.",
			nil,
			nil},
		{"mixed-case labels that name no person",
			"The results are in.\n\nNote: Figures are provisional and may change.\n\nCitation: Smith and Jones, Nature, 2019.",
			nil,
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := sentences.Split(tc.text)
			var got []string
			for _, q := range Extract(tc.text, sents, personEntities(tc.text, sents, tc.people)) {
				if q.Kind == pipeline.KindDirect && q.Start == q.Content.Start { // no mark: a transcript line
					got = append(got, q.SpeakerName+"|"+q.Content.In(tc.text))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("transcript quotes:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}
