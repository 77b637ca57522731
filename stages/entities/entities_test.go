package entities

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/pipeline/stagetest"
	"github.com/newsmill/newsmill/stages/sentences"
)

// found is an entity as text: label, mention and canonical.
type found struct{ label, text, canonical string }

func findAll(t testing.TB, text string) []found {
	t.Helper()
	es, err := Find(text)
	if err != nil {
		t.Fatal(err)
	}
	checkEntities(t, text, sentences.Split(text), es)
	out := make([]found, len(es))
	for i, e := range es {
		out[i] = found{e.Label, e.In(text), e.Canonical}
	}
	return out
}

// checkEntities fails t unless es are valid entities of text: spans in
// bounds, non-empty, ordered, non-overlapping, inside their sentence,
// not cutting a character, with a known label.
func checkEntities(t testing.TB, text string, sents []pipeline.Sentence, es []pipeline.Entity) {
	t.Helper()
	prevEnd := 0
	for i, e := range es {
		if e.Empty() || e.Start < prevEnd || e.End > len(text) {
			t.Fatalf("entity %d: bad span %+v after %d (text of %d bytes)", i, e.Span, prevEnd, len(text))
		}
		if e.Sentence < 0 || e.Sentence >= len(sents) {
			t.Fatalf("entity %d: sentence %d of %d", i, e.Sentence, len(sents))
		}
		if s := sents[e.Sentence]; e.Start < s.Start || e.End > s.End {
			t.Fatalf("entity %d %+v outside its sentence %+v", i, e.Span, s.Span)
		}
		if utf8.ValidString(text) && !utf8.ValidString(e.In(text)) {
			t.Fatalf("entity %d %q cuts a character", i, e.In(text))
		}
		switch e.Label {
		case pipeline.LabelPerson, pipeline.LabelOrg, pipeline.LabelGPE, pipeline.LabelLocation, pipeline.LabelFacility:
		default:
			t.Fatalf("entity %d: label %q", i, e.Label)
		}
		if e.Canonical == "" {
			t.Fatalf("entity %d %q: empty canonical", i, e.In(text))
		}
		prevEnd = e.End
	}
}

// mentionCase is a text with mentions that must be found and mention
// texts that must not be.
type mentionCase struct {
	name string
	text string
	want []found // must be among the results
	not  []string
}

// runMentionCases checks each case against findAll.
func runMentionCases(t *testing.T, cases []mentionCase) {
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got := findAll(t, tt.text)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %+v in %+v", w, got)
				}
			}
			for _, g := range got {
				if slices.Contains(tt.not, g.text) {
					t.Errorf("unexpected mention %q", g.text)
				}
			}
		})
	}
}

func TestEntities(t *testing.T) {
	runMentionCases(t, []mentionCase{
		{
			name: "curly quotes and possessive",
			text: "Some officials dismissed Mike Pompeo’s threat. “Pompeo’s words matter,” they said.",
			want: []found{{"PERSON", "Mike Pompeo", "Mike Pompeo"}, {"PERSON", "Pompeo", "Mike Pompeo"}},
			not:  []string{"Mike Pompeo’s", "Pompeo’s"},
		},
		{
			name: "entity at the end of the input",
			text: "The minister flew to Baghdad",
			want: []found{{"GPE", "Baghdad", "Baghdad"}},
		},
		{
			name: "repeated words",
			text: "Iraq said Iraq would talk to Iran, and Iran agreed with Iraq.",
			want: []found{{"GPE", "Iraq", "Iraq"}, {"GPE", "Iran", "Iran"}},
		},
		{
			name: "name particle after title",
			text: "He backed Prime Minister Mustafa al-Kadhimi on Tuesday.",
			want: []found{{"PERSON", "Mustafa al-Kadhimi", "Mustafa al-Kadhimi"}},
		},
		{
			name: "characters prose's tokenizer cannot lower-case",
			text: "Officials in İstanbul met President Recep Erdoğan\xff in Ankara.",
			want: []found{{"GPE", "Ankara", "Ankara"}},
		},
		{
			name: "leading determiner",
			text: "Officials in the United States said nothing.",
			want: []found{{"GPE", "United States", "United States"}},
			not:  []string{"the United States"},
		},
		{
			name: "surname gets the full name",
			text: "US President Donald Trump spoke on Monday. Later, Trump left.",
			want: []found{{"PERSON", "Donald Trump", "Donald Trump"}, {"PERSON", "Trump", "Donald Trump"}},
			not:  []string{"US President Donald Trump"},
		},
	})
}

func TestSeedPersons(t *testing.T) {
	b, err := os.ReadFile("../../testdata/000_be515a28a143e7f9.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := findAll(t, string(b))
	persons := map[string]bool{}
	for _, f := range got {
		if f.label == pipeline.LabelPerson {
			persons[f.canonical] = true
		}
	}
	for _, want := range []string{"Donald Trump", "Mike Pompeo", "Barham Salih", "Muqtada al-Sadr", "Qassem Soleimani", "Gati Rikabi", "Mustafa al-Kadhimi"} {
		if !persons[want] {
			t.Errorf("missing PERSON %q", want)
		}
	}
	for _, f := range got {
		if f.text == "Pompeo" && f.canonical != "Mike Pompeo" {
			t.Errorf("Pompeo canonical = %q", f.canonical)
		}
	}
}

func TestCanonicalize(t *testing.T) {
	text := "Mike Pompeo met Pompeo and Trump met Donald Trump and Lee."
	span := func(s string) pipeline.Span {
		i := strings.Index(text, s)
		return pipeline.Span{Start: i, End: i + len(s)}
	}
	es := []pipeline.Entity{
		{Span: span("Mike Pompeo"), Label: "PERSON"},
		{Span: span("Pompeo and"), Label: "PERSON"}, // not a subset
		{Span: pipeline.Span{Start: strings.Index(text, "Trump"), End: strings.Index(text, "Trump") + 5}, Label: "GPE"},
		{Span: span("Donald Trump"), Label: "PERSON"},
		{Span: span("Lee"), Label: "PERSON"},
	}
	canonicalize(text, es)
	want := []struct{ label, canonical string }{
		{"PERSON", "Mike Pompeo"}, {"PERSON", "Pompeo and"}, {"PERSON", "Donald Trump"}, {"PERSON", "Donald Trump"}, {"PERSON", "Lee"},
	}
	for i, w := range want {
		if es[i].Label != w.label || es[i].Canonical != w.canonical {
			t.Errorf("entity %d %q: %s %q, want %s %q", i, es[i].In(text), es[i].Label, es[i].Canonical, w.label, w.canonical)
		}
	}
}

func TestStage(t *testing.T) {
	spec, ok := pipeline.Lookup("entities")
	if !ok {
		t.Fatal("stage not registered")
	}
	st, err := spec.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.(pipeline.Opener).Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			text := fmt.Sprintf("Doc %d. Secretary of State Mike Pompeo visited Baghdad.", i)
			d := &pipeline.Doc{Text: text, Sentences: sentences.Split(text)}
			if err := st.Process(context.Background(), d); err != nil {
				t.Error(err)
				return
			}
			checkEntities(t, text, d.Sentences, d.Entities)
			if !slices.ContainsFunc(d.Entities, func(e pipeline.Entity) bool { return e.In(text) == "Mike Pompeo" && e.Sentence == 1 }) {
				t.Errorf("doc %d: no Mike Pompeo in %+v", i, d.Entities)
			}
		})
	}
	wg.Wait()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := st.Process(ctx, &pipeline.Doc{Text: "A."}); err == nil {
		t.Error("Process with a cancelled context succeeded")
	}
}

func ExampleFind() {
	text := "Secretary of State Mike Pompeo called President Barham Salih. Pompeo’s threat worried Baghdad."
	es, err := Find(text)
	if err != nil {
		panic(err)
	}
	for _, e := range es {
		fmt.Printf("%s %q -> %q\n", e.Label, e.In(text), e.Canonical)
	}
	// Output:
	// PERSON "Mike Pompeo" -> "Mike Pompeo"
	// PERSON "Barham Salih" -> "Barham Salih"
	// PERSON "Pompeo" -> "Mike Pompeo"
	// GPE "Baghdad" -> "Baghdad"
}

func FuzzEntities(f *testing.F) {
	for _, s := range []string{
		"Secretary of State Mike Pompeo called President Barham Salih.",
		"“Iran wants out,” said Gati Rikabi, a member of Iraq’s parliament.",
		"José Núñez met Osama bin Laden in Paris\n\nThe End",
		"Iraq said Iraq &rsquo; \xff Iran",
		"Police Arrest Two In Paris After Raid\n\nThe End",
		"U.S. A.B. \xff’s al- -al X.",
	} {
		f.Add(s)
	}
	for _, s := range stagetest.Seeds(scalingShapes) {
		f.Add(s)
	}
	r, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sents := sentences.Split(text)
		checkEntities(t, text, sents, r.Entities(text, sents))
	})
}

func BenchmarkEntities(b *testing.B) {
	raw, err := os.ReadFile("../../testdata/000_be515a28a143e7f9.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	r, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	sents := sentences.Split(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		r.Entities(text, sents)
	}
}
