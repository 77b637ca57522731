package quotes

import (
	"fmt"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/sentences"
)

// TestGovernmentTranscripts checks the two label formats of US government
// transcripts: a reporter's bare "Q" followed by spaces, which is a turn
// of its own and ends the turn before it, and labels in capitals with an
// honorific or a role, named by the full name the document gives or by
// the surname in normal case.
func TestGovernmentTranscripts(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		people []string
		want   []string // "speaker name|quote" of the transcript quotes
	}{
		{"bare Q turns after an honorific label",
			"Remarks by Press Secretary Dana Morrow\n\nMS. MORROW: Good morning. Go ahead.\n\nQ    Will the bill pass?\n\nMS. MORROW: We think so.\n\nQ\tAnd when?",
			[]string{"Dana Morrow"},
			[]string{"Dana Morrow|Good morning. Go ahead.", "Q|Will the bill pass?", "Dana Morrow|We think so.", "Q|And when?"}},
		{"a role label and a full label with a role",
			"Briefing by Port Administrator Helena Voss\n\nREGENT ADMINISTRATOR VOSS: The dock is open.\n\nQ    Since when?\n\nPort Administrator Helena Voss: Since Monday.",
			[]string{"Port Administrator Helena Voss"},
			[]string{"Helena Voss|The dock is open.", "Q|Since when?", "Helena Voss|Since Monday."}},
		{"a surname with no full name keeps normal case",
			"The mayor took questions.\n\nMAYOR TRELLING: Thank you all.\n\nQ    Is the road safe?\n\nMAYOR TRELLING: It is.",
			nil,
			[]string{"Trelling|Thank you all.", "Q|Is the road safe?", "Trelling|It is."}},
		{"a hyphenated surname in capitals",
			"Press Secretary Mara Lind-Oakes spoke.\n\nMS. LIND-OAKES: Hello.\n\nQ    Hi.",
			[]string{"Mara Lind-Oakes"},
			[]string{"Mara Lind-Oakes|Hello.", "Q|Hi."}},
		{"a Q with one space is no label",
			"Q is a letter.\n\nQ Branch makes gadgets.",
			nil,
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := sentences.Split(tc.text)
			var got []string
			for _, q := range Extract(tc.text, sents, personEntities(tc.text, sents, tc.people)) {
				if q.Kind == pipeline.KindDirect && q.Start == q.Content.Start {
					got = append(got, q.SpeakerName+"|"+q.Content.In(tc.text))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("transcript quotes:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}
