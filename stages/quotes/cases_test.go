package quotes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/stages/sentences"
)

// wantQuote is what a case expects of one quote; empty fields are not
// checked.
type wantQuote struct {
	begins, kind, speaker, name, typ string
}

func TestCases(t *testing.T) {
	tests := []struct {
		file string
		want []wantQuote
	}{
		{"multiparagraph.txt", []wantQuote{
			{"“The first storm took the awning", "direct", "she", "Rosa Delgado", "pronoun"},
		}},
		{"split.txt", []wantQuote{
			{"“We will rebuild the bridge,” Mayor Tom Ellery said, “and we will do it before the winter.”", "direct", "Mayor Tom Ellery", "Tom Ellery", "person"},
		}},
		{"colon_before.txt", []wantQuote{
			{"“Nobody will lose their home", "direct", "council leader Priya Nair", "Priya Nair", "person"},
		}},
		{"said_member.txt", []wantQuote{
			{"“The figures do not add up,”", "direct", "Omar Haddad", "Omar Haddad", "person"},
		}},
		{"according_to.txt", []wantQuote{
			{"“The collection has never", "direct", "Helen Park", "Helen Park", "person"},
		}},
		{"pronoun.txt", []wantQuote{
			{"“We are barely surviving,”", "direct", "she", "Maria Lopez", "pronoun"},
			{"“Every week another regular", "direct", "she", "Maria Lopez", "pronoun"},
			{"“I could smell the smoke", "direct", "he", "James Whitfield", "pronoun"},
		}},
		{"marks.txt", []wantQuote{
			{`"We have no plans to sell,"`, "direct", "Dana Kerr", "Dana Kerr", "person"},
			{"«The port will stay open all winter»", "direct", "the harbour master", "the harbour master", "nominal"},
			{"‘We were never consulted,’", "direct", "Ben Ortiz", "Ben Ortiz", "person"},
			{"„Wir bleiben hier“", "direct", "Anna Weber", "Anna Weber", "person"},
		}},
		{"apostrophes.txt", []wantQuote{
			{"'It's the only life I know,'", "direct", "Lee Marr", "Lee Marr", "person"},
		}},
		{"unbalanced.txt", []wantQuote{
			{"“We recovered,”", "direct", "the clerk", "the clerk", "nominal"},
		}},
		{"scare.txt", nil},
		{"dash_colon.txt", []wantQuote{
			{"“Every community deserves", "direct", "Commissioner Geoffrey Starks", "Geoffrey Starks", "person"},
			{"“We will publish the full report", "direct", "the chairwoman", "the chairwoman", "nominal"},
			{"“The line will reopen on Monday.”", "direct", "Transport minister", "Transport minister", "nominal"},
			{"“We will vote against the budget.”", "direct", "Polish MEP", "Polish MEP", "nominal"},
		}},
		{"partial.txt", []wantQuote{
			{"“rigged beyond repair”", "partial", "The senator", "The senator", "nominal"},
		}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".txt"), func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "cases", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			got := view(text, Extract(text, sentences.Split(text), nil))
			if len(got) != len(tt.want) {
				t.Fatalf("got %d quotes, want %d:\n%+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				g := got[i]
				if !strings.HasPrefix(g.Quote, w.begins) || g.Kind != w.kind || g.Speaker != w.speaker ||
					g.SpeakerName != w.name || g.SpeakerType != w.typ {
					t.Errorf("quote %d = %q %s by %q (%q, %s);\n want %q %s by %q (%q, %s)", i,
						g.Quote, g.Kind, g.Speaker, g.SpeakerName, g.SpeakerType, w.begins, w.kind, w.speaker, w.name, w.typ)
				}
				if g.Confidence <= 0 || g.Confidence > 1 {
					t.Errorf("quote %d confidence %v outside (0, 1]", i, g.Confidence)
				}
			}
		})
	}
}
