package quotes

import (
	"context"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/sentences"
)

// TestLanguageSkip checks that only English documents get quotes, and
// that the others say why in their warnings.
func TestLanguageSkip(t *testing.T) {
	english := "Maria Lopez runs a bakery in Leeds. It was opened by her father in 1970 and has never closed.\n\n“We are barely surviving,” she said, “but we will not close.”"
	german := "Die Bundeskanzlerin äußerte sich am Montag in Berlin zu den Plänen der Regierung für das kommende Jahr.\n\n„Wir schaffen das“, sagte Angela Merkel vor Journalisten. Die Opposition kritisierte die Pläne scharf."
	tests := []struct {
		name, lang, text string
		quotes           bool
		warning          string
	}{
		{"english undeclared", "", english, true, ""},
		{"english declared", "en-GB", english, true, ""},
		{"german declared", "de", german, false, "does not read as English"},
		{"german undeclared", "", german, false, "does not read as English"},
		{"german declared english", "en", german, false, "does not read as English"},
		{"english text declared french", "fr", english, true, ""},
		{"short text declared german", "de", "„Ja“, sagte er.", false, `language "de" is not English`},
		{"short text", "", "“Yes,” he said.", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &pipeline.Doc{Text: tt.text, Language: tt.lang, Sentences: sentences.Split(tt.text)}
			if err := (Stage{}).Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if got := len(d.Quotes) > 0; got != tt.quotes {
				t.Errorf("quotes %v, want %v: %+v", got, tt.quotes, d.Quotes)
			}
			w := strings.Join(d.Warnings, "; ")
			if tt.warning == "" && w != "" || !strings.Contains(w, tt.warning) {
				t.Errorf("warnings %q, want %q", w, tt.warning)
			}
			for _, q := range d.Quotes {
				if strings.Contains(q.SpeakerName, "sagte") {
					t.Errorf("garbage speaker %q", q.SpeakerName)
				}
			}
		})
	}
}
