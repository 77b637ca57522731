package quotes

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/pipeline/stagetest"
	"github.com/newsmill/newsmill/stages/sentences"
)

func TestPairMarks(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // the outermost quotations, marks included
	}{
		{"curly", "He said “yes” and “no”.", []string{"“yes”", "“no”"}},
		{"straight", `She said "go," then "stop."`, []string{`"go,"`, `"stop."`}},
		{"nested", "“He told me ‘never’ twice,” she said.", []string{"“He told me ‘never’ twice,”"}},
		{"british nesting", "‘He told me “never” twice,’ she said.", []string{"‘He told me “never” twice,’"}},
		{"guillemets", "«Oui» and »Ja« and « Si »", []string{"«Oui»", "»Ja«", "« Si »"}},
		{"low-9", "„Ja“, sagte er.", []string{"„Ja“"}},
		{"doubled curly singles", "“Done,’’ he said of the ‘‘final offer.’’", []string{"“Done,’’", "‘‘final offer.’’"}},
		{"apostrophes", "Iraq’s don’t rock ’n’ roll '90s the ’80s singers' tour", nil},
		{"single after apostrophes", "Iraq’s view: ‘we don’t know’.", []string{"‘we don’t know’"}},
		{"multi-paragraph", "“One.\n\n“Two.\n\n“Three,” he said.", []string{"“One.\n\n“Two.\n\n“Three,”"}},
		{"unclosed at paragraph end", "“Never closed.\n\nNext “ok” here.", []string{"“ok”"}},
		{"stray opener replaced", "“a “b” c", []string{"“b”"}},
		{"same-family nesting", "“I’d live in what he calls “hell” than here.” ― Ana", []string{"“I’d live in what he calls “hell” than here.”"}},
		{"stray closer cannot close a nest", "“a “b” c ” d", []string{"“b”"}},
		{"no carry-over with marks left open", "“One “two ‘three\n\n“Four.”", []string{"“Four.”"}},
		{"stray closer", "a” “b”", []string{"“b”"}},
		{"soft wrap", "“a long\nline,” he said.", []string{"“a long\nline,”"}},
		{"empty", "“” and “ ”", nil},
		{"markup attributes", `<tweet pic="" author="a">“Hi,” she wrote "here"`, []string{"“Hi,”", `"here"`}},
		{"closing mark as opener", "Getty. ”Fear is here.” ― Ana", []string{"”Fear is here.”"}},
		{"closing mark before an ellipsis", "He noted: ” … it was fine,” Ana said.", []string{"” … it was fine,”"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range pairMarks(tt.text) {
				got = append(got, s.span().In(tt.text))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("pairMarks(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestLexiconInflections(t *testing.T) {
	tests := []struct {
		word   string
		class  verbClass
		invert bool
		ing    bool
	}{
		{"said", classSpeech, true, false},
		{"says", classSpeech, true, false},
		{"told", classSpeech, true, false},
		{"added", classSpeech, true, false},
		{"admitted", classSpeech, true, false},
		{"admitting", classSpeech, true, true},
		{"replied", classSpeech, true, false},
		{"replies", classSpeech, true, false},
		{"tweeted", classWriting, true, false},
		{"wrote", classWriting, true, false},
		{"writing", classWriting, true, true},
		{"warned", classSpeech, true, false},
		{"insisted", classSpeech, true, false},
		{"argues", classSpeech, true, false},
		{"quipped", classSpeech, true, false},
		{"explained", classSpeech, true, false},
		{"noted", classSpeech, true, false},
		{"denied", classSpeech, false, false},
		{"asked", classQuestion, true, false},
		{"thought", classCognition, false, false},
	}
	for _, tt := range tests {
		f, ok := lexicon[tt.word]
		if !ok || f.class != tt.class || f.invert != tt.invert || f.ing != tt.ing {
			t.Errorf("lexicon[%q] = %+v, %v; want class %d invert %v ing %v", tt.word, f, ok, tt.class, tt.invert, tt.ing)
		}
	}
	for _, w := range []string{"the", "embassy", "close", "withdraw", "state department"} {
		if _, ok := lexicon[w]; ok {
			t.Errorf("lexicon holds %q, which is not a reporting verb", w)
		}
	}
	if len(lexicon) < 600 {
		t.Errorf("lexicon has %d forms, want several hundred verbs with inflections", len(lexicon))
	}
}

func TestAttributionRules(t *testing.T) {
	tests := []struct {
		name, text     string
		speaker, name2 string
		kind           string
	}{
		{"x said colon", "The minister said: “We are ready.”", "The minister", "The minister", "direct"},
		{"x said before, no colon", "Ms Ito said “It is over.”", "Ms Ito", "Ito", "direct"},
		{"after with adverb", "“It is over,” she later told reporters.", "she", "she", "direct"},
		{"inverted title", "“It is over,” said Mr. Ito.", "Mr. Ito", "Ito", "direct"},
		{"surname to full name", "Kenji Ito chairs the panel. “It is over,” Ito said.", "Ito", "Kenji Ito", "direct"},
		{"passive is no cue", "“The hearing is over for today,” they were told by Ann Lee.", "", "", "direct"},
		{"plural pronoun", "Two nurses spoke at the vigil. “We stayed all night,” they said.", "they", "Two nurses", "direct"},
		{"parenthetical subject", "The Foreign Office, asked about the visit, said: “No comment.”", "The Foreign Office", "The Foreign Office", "direct"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := Extract(tt.text, sentences.Split(tt.text), nil)
			if len(qs) != 1 {
				t.Fatalf("got %d quotes: %+v", len(qs), view(tt.text, qs))
			}
			q := qs[0]
			if q.Speaker.In(tt.text) != tt.speaker || (tt.speaker != "" && q.SpeakerName != tt.name2) || q.Kind != tt.kind {
				t.Errorf("got speaker %q (%q) kind %s; want %q (%q) %s", q.Speaker.In(tt.text), q.SpeakerName, q.Kind, tt.speaker, tt.name2, tt.kind)
			}
			if tt.speaker == "" && (q.SpeakerType != pipeline.SpeakerUnknown || q.Confidence > 0.2) {
				t.Errorf("speakerless quote typed %s with confidence %v", q.SpeakerType, q.Confidence)
			}
		})
	}
}

// TestEntitiesOverride checks that a PERSON entity names and types the
// speaker when the entities stage ran.
func TestEntitiesOverride(t *testing.T) {
	text := "“We will appeal,” said Kenji Ito."
	start := strings.Index(text, "Kenji")
	ents := []pipeline.Entity{{Span: pipeline.Span{Start: start, End: start + len("Kenji Ito")}, Label: pipeline.LabelPerson, Canonical: "Kenji Ito Jr"}}
	qs := Extract(text, sentences.Split(text), ents)
	if len(qs) != 1 || qs[0].SpeakerName != "Kenji Ito Jr" || qs[0].SpeakerType != pipeline.SpeakerPerson {
		t.Fatalf("got %+v", qs)
	}
}

// TestPlaceNotAntecedent checks that a place the entities name, as a
// capitalised run ("Harbour Square") or as a sentence's subject ("Paris
// lost power"), is no antecedent for a pronoun speaker.
func TestPlaceNotAntecedent(t *testing.T) {
	tests := []struct{ name, text, place string }{
		{"name run", "Inspector Lena Voss spoke to reporters on Monday. They gathered later at Harbour Square in the rain.\n\n“Nobody was hurt,” she said.", "Harbour Square"},
		{"subject", "Inspector Lena Voss flew in from Paris.\n\nParis lost power at noon.\n\n“Nobody was hurt,” she said.", "Paris"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ents []pipeline.Entity
			for off := 0; ; {
				i := strings.Index(tt.text[off:], tt.place)
				if i < 0 {
					break
				}
				start := off + i
				ents = append(ents, pipeline.Entity{Span: pipeline.Span{Start: start, End: start + len(tt.place)}, Label: pipeline.LabelLocation, Canonical: tt.place})
				off = start + len(tt.place)
			}
			qs := Extract(tt.text, sentences.Split(tt.text), ents)
			if len(qs) != 1 || qs[0].SpeakerName != "Lena Voss" {
				t.Fatalf("got %+v, want one quote by Lena Voss", qs)
			}
		})
	}
}

func TestStageRegistered(t *testing.T) {
	spec, ok := pipeline.Lookup("quotes")
	if !ok {
		t.Fatal("quotes stage not registered")
	}
	if fmt.Sprint(spec.Requires, spec.Provides) != "[sentences] [quotes]" {
		t.Errorf("requires %v provides %v", spec.Requires, spec.Provides)
	}
	if _, err := spec.New(pipeline.Options{"bogus": "1"}); err == nil {
		t.Error("unknown option accepted")
	}
	st, err := spec.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	text := seedText(t)
	want := len(Extract(text, sentences.Split(text), nil))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			d := &pipeline.Doc{Text: text, Sentences: sentences.Split(text)}
			if err := st.Process(context.Background(), d); err != nil {
				t.Error(err)
			}
			if len(d.Quotes) != want {
				t.Errorf("got %d quotes, want %d", len(d.Quotes), want)
			}
		})
	}
	wg.Wait()
}

func FuzzQuotes(f *testing.F) {
	f.Add(seedText(f))
	for _, s := range []string{
		"“A,” he said, “B.”", "'n' ’n’ '90s ‘", "«»»«„“”‘’'\"", "“a\n\n“b\n\n“c”", "said: “”", "— X", "according to",
		"From the chairwoman:\n“x”", "\xff“\xfe”", "”“", "“Strikes.” the diplomat replied:",
	} {
		f.Add(s)
	}
	for _, s := range stagetest.Seeds(scalingShapes) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		qs := Extract(text, sentences.Split(text), nil)
		for _, q := range qs {
			for _, s := range []pipeline.Span{q.Span, q.Content, q.Speaker, q.Cue} {
				if s.Start < 0 || s.End > len(text) || s.Start > s.End {
					t.Fatalf("span %v out of bounds of %d bytes", s, len(text))
				}
			}
			if q.Content.Start < q.Start || q.Content.End > q.End {
				t.Fatalf("content %v outside quote %v", q.Content, q.Span)
			}
			if q.Confidence < 0 || q.Confidence > 1 {
				t.Fatalf("confidence %v", q.Confidence)
			}
			if utf8.ValidString(text) {
				for _, s := range []string{q.Span.In(text), q.Words(text), q.Speaker.In(text), q.SpeakerName, q.Cue.In(text)} {
					if !utf8.ValidString(s) {
						t.Fatalf("invalid UTF-8 %q", s)
					}
				}
			}
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	text := seedText(b)
	sents := sentences.Split(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(text, sents, nil)
	}
}

func ExampleExtract() {
	text := "Maria Lopez runs a bakery in Leeds.\n\n“We are barely surviving,” she said, “but we will not close.”"
	for _, q := range Extract(text, sentences.Split(text), nil) {
		fmt.Printf("%s\n%s by %q (%s, %s), cue %q\n", q.Words(text), q.Kind, q.Speaker.In(text), q.SpeakerName, q.SpeakerType, q.Cue.In(text))
	}
	// Output:
	// We are barely surviving,” she said, “but we will not close.
	// direct by "she" (Maria Lopez, pronoun), cue "said"
}
