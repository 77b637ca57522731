package main

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// sample is an invented article with brat annotations in code point
// offsets: a split quote, a partial quote and an unquoted paraphrase.
const sampleText = "“We won,” said Ana Díaz, “and we will govern.”\n\nShe called the result “historic.” Díaz thanked voters."

func sampleAnn(t *testing.T) string {
	t.Helper()
	at := func(s string) (int, int) {
		i := strings.Index(sampleText, s)
		if i < 0 {
			t.Fatalf("%q not in sample", s)
		}
		start := utf8.RuneCountInString(sampleText[:i])
		return start, start + utf8.RuneCountInString(s)
	}
	line := func(id, typ, s string) string {
		a, b := at(s)
		return id + "\t" + typ + " " + itoa(a) + " " + itoa(b) + "\t" + s + "\n"
	}
	q1a, q1b := at("“We won,”")
	q2a, q2b := at("“and we will govern.”")
	return "T1\tContent " + itoa(q1a) + " " + itoa(q1b) + ";" + itoa(q2a) + " " + itoa(q2b) + "\tx\n" +
		line("T2", "Cue", "said") + line("T3", "Source", "Ana Díaz") +
		"E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n" +
		line("T4", "Source", "She") + line("T5", "Cue", "called") + line("T6", "Content", "the result “historic.”") +
		"E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n" +
		line("T7", "Source", "Díaz") + line("T8", "Cue", "thanked") + line("T9", "Content", "voters") +
		"E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7\n" +
		"#1\tAnnotatorNotes T1\ta note\na continuation line\n"
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		if n /= 10; n == 0 {
			return string(b[i:])
		}
	}
}

func TestGoldQuotes(t *testing.T) {
	ann, err := parseAnn(strings.NewReader(sampleAnn(t)), sampleText)
	if err != nil {
		t.Fatal(err)
	}
	gold := goldQuotes(sampleText, ann)
	if len(gold) != 2 {
		t.Fatalf("got %d gold quotes, want 2 (the paraphrase has no marks)", len(gold))
	}
	var segs []string
	for _, g := range gold {
		for _, s := range g.segs {
			segs = append(segs, sampleText[s.start:s.end])
		}
	}
	want := []string{"We won,", "and we will govern.", "historic."}
	if strings.Join(segs, "|") != strings.Join(want, "|") {
		t.Errorf("segments %q, want %q", segs, want)
	}
	if gold[0].sourceText != "Ana Díaz" || gold[1].sourceText != "She" {
		t.Errorf("sources %q, %q", gold[0].sourceText, gold[1].sourceText)
	}
}

func TestQuotedStretches(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"curly", "He said “go home” today", "go home"},
		{"nested keeps outer", "“He said ‘no’ twice,” she said", "He said ‘no’ twice,"},
		{"multi-paragraph", "“One.\n\n“Two.”", "One.\n\n“Two."},
		{"nyt apostrophes", "''Yes,'' he said", "Yes,"},
		{"single only", "Trump’s ‘Great Deal’ now", "Great Deal"},
		{"apostrophes only", "Iraq’s leaders don’t agree", ""},
		{"left open", "“It never closes", "It never closes"},
		{"closing mark typed as opening", "Getty. ”Fear. I am afraid.” ― Ana", "Fear. I am afraid."},
		{"closing mark opening mid-sentence", "let aides ”get close.” Then", "get close."},
		{"closing mark before words still closes", "“Yes ”he said", "Yes "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range quotedStretches(tt.text, []span{{0, len(tt.text)}}) {
				got = append(got, tt.text[s.start:s.end])
			}
			if strings.Join(got, "|") != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestScore(t *testing.T) {
	ann, err := parseAnn(strings.NewReader(sampleAnn(t)), sampleText)
	if err != nil {
		t.Fatal(err)
	}
	a := &article{name: "sample", text: sampleText, gold: goldQuotes(sampleText, ann)}
	find := func(s string) pipeline.Span {
		i := strings.Index(sampleText, s)
		return pipeline.Span{Start: i, End: i + len(s)}
	}
	split := find("“We won,” said Ana Díaz, “and we will govern.”")
	partial := find("“historic.”")
	later := find("Díaz thanked")
	later.End = later.Start + len("Díaz")
	a.pred = []pipeline.Quote{
		// One prediction for the split quote's two segments.
		{Span: split, Content: split, Kind: pipeline.KindDirect, Speaker: find("Ana Díaz"), Confidence: 0.98},
		// The right person, but the gold source is the pronoun "She", which
		// only an overlapping mention matches.
		{Span: partial, Content: partial, Kind: pipeline.KindPartial, Speaker: later, SpeakerName: "Ana Díaz", Confidence: 0.5},
		{Span: find("thanked voters"), Kind: pipeline.KindIndirect},
	}
	var tl tally
	var reported []string
	tl.score(a, func(cat string, _ *article, _ span, _ string) { reported = append(reported, cat) })
	if c := tl.at[0]; c.gold != 3 || c.goldFound != 3 || c.pred != 2 || c.predOK != 2 {
		t.Errorf("counts at 30%%: %+v (indirect must not count)", c)
	}
	if tl.speaker.n != 3 || tl.speaker.ok != 2 || tl.pronoun.n != 1 || tl.pronoun.ok != 0 {
		t.Errorf("speaker %+v pronoun %+v", tl.speaker, tl.pronoun)
	}
	if tl.confident.n != 2 || tl.confident.ok != 2 {
		t.Errorf("confident %+v", tl.confident)
	}
	if len(reported) != 1 || !strings.HasPrefix(reported[0], "speaker wrong, gold pronoun") {
		t.Errorf("errors %q", reported)
	}
}

func TestSpeakerRight(t *testing.T) {
	text := "Longtime pollster Pat Caddell spoke. Beck, who called it “bad”, left."
	idx := func(s string) span { i := strings.Index(text, s); return span{i, i + len(s)} }
	gold := goldQuote{source: []span{idx("Longtime pollster Pat Caddell")}, sourceText: "Longtime pollster Pat Caddell"}
	if !speakerRight(text, gold, pipeline.Quote{Speaker: pipeline.Span{Start: 0, End: 1}, SpeakerName: "Caddell"}) {
		t.Error("overlap not accepted")
	}
	far := pipeline.Quote{Speaker: pipeline.Span{Start: idx("Beck").start, End: idx("Beck").end}, SpeakerName: "Pat Caddell"}
	if !speakerRight(text, gold, far) {
		t.Error("same surname not accepted")
	}
	rel := goldQuote{source: []span{idx("who")}, sourceText: "who"}
	beck := pipeline.Quote{Speaker: pipeline.Span{Start: idx("Beck").start, End: idx("Beck").end}, SpeakerName: "Glenn Beck"}
	if !speakerRight(text, rel, beck) {
		t.Error("relative pronoun not resolved to Beck")
	}
	if speakerRight(text, rel, pipeline.Quote{}) {
		t.Error("a quote without speaker was right")
	}
}

func TestParseAnnErrors(t *testing.T) {
	for _, bad := range []string{"T1\tSource 0 99\tx\n", "T1\tSource a b\tx\n", "T1\tSource\tx\n"} {
		if _, err := parseAnn(strings.NewReader(bad), "short"); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestSplitFlag(t *testing.T) {
	if _, err := parseFlags([]string{"-split", "test", "x"}); err == nil {
		t.Error("the held-out test split was accepted")
	}
	o, err := parseFlags([]string{"-split", "train", "/p"})
	if err != nil || o.split != "train" || o.root != "/p" {
		t.Errorf("got %+v, %v", o, err)
	}
}

func FuzzParseAnn(f *testing.F) {
	f.Add("T1\tContent 0 4;5 7\tx\nE1\tAttribution:T1 Content:T1\n", "“ab” cd")
	f.Add("T1\tSource 0 1\t\n#1\tnote\n", "é")
	f.Fuzz(func(t *testing.T, ann, text string) {
		a, err := parseAnn(strings.NewReader(ann), text)
		if err != nil {
			return
		}
		for _, tb := range a.bounds {
			for _, s := range tb.frags {
				if s.start < 0 || s.end > len(text) || s.start > s.end {
					t.Fatalf("fragment %v outside %d bytes", s, len(text))
				}
			}
		}
		for _, g := range goldQuotes(text, a) {
			for _, s := range g.segs {
				if s.start < 0 || s.end > len(text) || s.start > s.end {
					t.Fatalf("segment %v outside %d bytes", s, len(text))
				}
			}
		}
	})
}
