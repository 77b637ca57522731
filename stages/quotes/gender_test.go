package quotes

import (
	"strings"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/sentences"
)

// TestCompoundGender checks first names made of two of the table's: one
// gender from both parts, unknown when the parts disagree or are short.
func TestCompoundGender(t *testing.T) {
	tests := []struct {
		name string
		want gender
	}{
		{"ednamaude", genderFemale},   // edna + maude
		{"kevinpaul", genderMale},     // kevin + paul
		{"lindakevin", genderUnknown}, // parts of both genders
		{"caseykevin", genderUnknown}, // a unisex part
		{"maryzorv", genderUnknown},   // one part no name
		{"edjo", genderUnknown},       // parts too short
		{"", genderUnknown},
	}
	for _, tt := range tests {
		if got := compoundGender(tt.name); got != tt.want {
			t.Errorf("compoundGender(%q) = %d, want %d", tt.name, got, tt.want)
		}
	}
	if got := firstNameGender("ednamaude"); got != genderFemale {
		t.Errorf("firstNameGender(ednamaude) = %d, want female", got)
	}
}

// TestGenderFromArticle checks speaker_gender and pronoun agreement on
// small invented articles: a he or she opening a speaker's reported
// speech, a first name only the SSA table knows deciding whom "he"
// refers to, and a "he" whose quote names its first antecedent in full
// (selfNamed).
func TestGenderFromArticle(t *testing.T) {
	tests := []struct {
		name, text string
		persons    []string
		begins     string // the direct quote checked
		speaker    string // its resolved speaker name
		gender     string
	}{
		{"reported he", "Casey Ivanenko said that he would stay on.\n\n“The budget is final,” Ivanenko said.",
			[]string{"Casey Ivanenko", "Ivanenko"}, "The budget", "Casey Ivanenko", "male"},
		{"reported she", "Casey Ivanenko says she will stay on.\n\n“The budget is final,” Ivanenko said.",
			[]string{"Casey Ivanenko", "Ivanenko"}, "The budget", "Casey Ivanenko", "female"},
		{"reported speech of both genders", "Casey Ivanenko said that he would stay on. Ivanenko said she would not.\n\n“The budget is final,” Ivanenko said.",
			[]string{"Casey Ivanenko", "Ivanenko"}, "The budget", "Casey Ivanenko", "unknown"},
		{"a pronoun speaker's reported he is someone else", "Casey Ivanenko met the mayor. She said he would resign.\n\n“The budget is final,” Ivanenko said.",
			[]string{"Casey Ivanenko", "Ivanenko"}, "The budget", "Casey Ivanenko", "female"},
		{"no reported speech", "“The budget is final,” said Casey Ivanenko.",
			[]string{"Casey Ivanenko"}, "The budget", "Casey Ivanenko", "unknown"},
		{"a speaker does not name himself in full", "For Piet Varga, who taught in Ohio, Lars Okafor was a legend. He said, “Lars Okafor changed everything.”",
			[]string{"Piet Varga", "Lars Okafor"}, "Lars Okafor changed", "Piet Varga", "male"},
		{"a table name rules out she", "Sonya Abara introduced Wendell Okafor to the board. He said, “We are ready.”",
			[]string{"Sonya Abara", "Wendell Okafor"}, "We are ready", "Wendell Okafor", "male"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := sentences.Split(tt.text)
			ents := personEntities(tt.text, sents, tt.persons)
			for _, q := range Extract(tt.text, sents, ents) {
				if q.Kind == pipeline.KindIndirect || !strings.HasPrefix(strings.TrimLeft(q.Content.In(tt.text), "“\"‘'"), tt.begins) {
					continue
				}
				if q.SpeakerName != tt.speaker || q.SpeakerGender != tt.gender {
					t.Errorf("speaker %q, gender %q; want %q, %q", q.SpeakerName, q.SpeakerGender, tt.speaker, tt.gender)
				}
				return
			}
			t.Fatalf("no quote beginning %q", tt.begins)
		})
	}
}
