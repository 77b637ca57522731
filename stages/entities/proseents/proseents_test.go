package proseents

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/entities"
	"github.com/newsmill/newsmill/stages/sentences"
)

func TestMatchAt(t *testing.T) {
	tests := []struct {
		text, tok string
		pos, end  int
		ok        bool
	}{
		{"Iran's", "Iran", 0, 4, true},
		{"Iran’s", "'s", 4, len("Iran’s"), true},
		{"“Strikes.”", `"`, 0, len("“"), true},
		{"say &rsquo;no", "'", 4, len("say &rsquo;"), true},
		{"Iraq", "Iran", 0, 0, false},
		{"Ira", "Iraq", 0, 0, false},
		{"x", "", 0, 0, false},
		{"a\xffb", "a\uFFFDb", 0, 3, true},
	}
	for _, tt := range tests {
		end, ok := matchAt(tt.text, tt.pos, tt.tok)
		if ok != tt.ok || ok && end != tt.end {
			t.Errorf("matchAt(%q, %d, %q) = %d, %v; want %d, %v", tt.text, tt.pos, tt.tok, end, ok, tt.end, tt.ok)
		}
	}
}

func TestPlace(t *testing.T) {
	text := "He said: “Pompeo’s plan.”"
	var toks []entities.TaggedToken
	for _, w := range []string{"He", "said", ":", `"`, "Pompeo", "'s", "plan", ".", `"`, "."} {
		toks = append(toks, entities.TaggedToken{Text: w})
	}
	place(text, 0, len(text), toks)
	want := []string{"He", "said", ":", "“", "Pompeo", "’s", "plan", ".", "”"}
	for i, w := range want {
		if got := text[toks[i].Start:toks[i].End]; got != w {
			t.Errorf("token %d placed at %q, want %q", i, got, w)
		}
	}
	if toks[9].Start >= 0 {
		t.Errorf("appended token placed at %d", toks[9].Start)
	}
}

// TestStageOption runs the entities stage with model=prose, which this
// package registers, and checks the spans it gives.
func TestStageOption(t *testing.T) {
	spec, ok := pipeline.Lookup("entities")
	if !ok {
		t.Fatal("entities stage not registered")
	}
	st, err := spec.New(pipeline.Options{"model": Model})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"Prime Minister Mustafa al-Kadhimi met Barham Salih in Baghdad.", "Mustafa al-Kadhimi"},
		{"The minister flew to Baghdad", "Baghdad"},
		{"Officials in İstanbul met President Recep Erdoğan\xff in Ankara.", "Ankara"},
		{"Some officials dismissed Mike Pompeo’s threat. “Pompeo’s words matter,” they said.", "Mike Pompeo"},
	} {
		d := &pipeline.Doc{Text: tt.text, Sentences: sentences.Split(tt.text)}
		if err := st.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		prevEnd := 0
		for _, e := range d.Entities {
			if e.Empty() || e.Start < prevEnd || e.End > len(tt.text) || utf8.ValidString(tt.text) && !utf8.ValidString(e.In(tt.text)) || e.Canonical == "" {
				t.Fatalf("%q: bad entity %+v", tt.text, e)
			}
			prevEnd = e.End
		}
		if !slices.ContainsFunc(d.Entities, func(e pipeline.Entity) bool { return e.In(tt.text) == tt.want }) {
			t.Errorf("%q: no %q in %+v", tt.text, tt.want, d.Entities)
		}
	}
}

func FuzzRecognizer(f *testing.F) {
	for _, s := range []string{"Secretary of State Mike Pompeo called President Barham Salih.", "Iraq said Iraq &rsquo; \xff Iran", strings.Repeat("Dr. Mr. St. ", 3)} {
		f.Add(s)
	}
	r, err := Shared()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sents := sentences.Split(text)
		prevEnd := 0
		for _, e := range r.Entities(text, sents) {
			if e.Empty() || e.Start < prevEnd || e.End > len(text) || e.Sentence < 0 || e.Sentence >= len(sents) {
				t.Fatalf("bad entity %+v", e)
			}
			prevEnd = e.End
		}
	})
}

func BenchmarkRecognizer(b *testing.B) {
	text := strings.Repeat("Secretary of State Mike Pompeo called President Barham Salih in Baghdad. ", 20)
	sents := sentences.Split(text)
	r, err := Shared()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		r.Entities(text, sents)
	}
}
