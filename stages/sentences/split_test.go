package sentences

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/pipeline/stagetest"
)

// texts returns the text of each sentence.
func texts(text string, ss []pipeline.Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.In(text)
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"blank", " \n\n\t ", nil},
		{"two sentences", "Hello World. My name is Jonas.", []string{"Hello World.", "My name is Jonas."}},
		{"surrounding space", "  \n It rained.  It poured. \n", []string{"It rained.", "It poured."}},
		{"paragraph boundary without period", "First paragraph without period\n\nSecond one.", []string{"First paragraph without period", "Second one."}},
		{"heading before text", "Perennial Risk\nIn a region polarised between allies, Iraq is rare.", []string{"Perennial Risk", "In a region polarised between allies, Iraq is rare."}},
		{"list of titles", "Severe Heatwave Claims Lives Across Europe\nNVIDIA Achieves Historic Milestone\n×", []string{"Severe Heatwave Claims Lives Across Europe", "NVIDIA Achieves Historic Milestone", "×"}},
		{"wrapped line continues", "The minister said that the plan to close the embassy was\nbeing studied by officials in Baghdad.", []string{"The minister said that the plan to close the embassy was\nbeing studied by officials in Baghdad."}},
		{"hard-wrapped paragraph with capital at line start", "The United States has made preparations to withdraw diplomats from\nIraq after warning Baghdad it could shut its embassy, two officials\nsay.", []string{"The United States has made preparations to withdraw diplomats from\nIraq after warning Baghdad it could shut its embassy, two officials\nsay."}},
		{"title abbreviation", "Dr. Brown said it. Gen. Mark Milley agreed.", []string{"Dr. Brown said it.", "Gen. Mark Milley agreed."}},
		{"prepositive abbreviation", "I can see Mt. Fuji from here.", []string{"I can see Mt. Fuji from here."}},
		{"U.S. inside", "I work for the U.S. Government in Virginia.", []string{"I work for the U.S. Government in Virginia."}},
		{"U.S. at end", "I live in the U.S. How about you?", []string{"I live in the U.S.", "How about you?"}},
		{"company at end", "They closed the deal with Pitt, Briggs & Co. It closed yesterday.", []string{"They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."}},
		{"initial", "My name is Jonas E. Smith.", []string{"My name is Jonas E. Smith."}},
		{"number", "She has $100.00. It is in her bag.", []string{"She has $100.00.", "It is in her bag."}},
		{"quote then said", "She turned to him, \"This is great.\" she said.", []string{"She turned to him, \"This is great.\" she said."}},
		{"curly quote then said", "“Why?” he asked. “Because.”", []string{"“Why?” he asked.", "“Because.”"}},
		{"quote then new sentence", "She turned to him, “This is great.” She held the book out.", []string{"She turned to him, “This is great.”", "She held the book out."}},
		{"closing quote pushed", "She said: “No. ” Then she left.", []string{"She said: “No. ”", "Then she left."}},
		{"closing bracket pushed", "(He left early. ) Then rain fell.", []string{"(He left early. )", "Then rain fell."}},
		{"parenthetical", "He teaches science (He worked for 5 years as an engineer.) at the University.", []string{"He teaches science (He worked for 5 years as an engineer.) at the University."}},
		{"exclamation inside name", "She works at Yahoo! in the accounting department.", []string{"She works at Yahoo! in the accounting department."}},
		{"ellipsis inside", "I wasn’t really ... well, what I mean...see . . . I didn’t mean it.", []string{"I wasn’t really ... well, what I mean...see . . . I didn’t mean it."}},
		{"ellipsis at end", "I never meant that.... She left the store.", []string{"I never meant that....", "She left the store."}},
		{"elision in brackets", `"Bohr [...] used stairways [...]" (Smith 55).`, []string{`"Bohr [...] used stairways [...]" (Smith 55).`}},
		{"upper-case P.M. ends a sentence", "He left at 6 P.M. Mr. Smith stayed.", []string{"He left at 6 P.M.", "Mr. Smith stayed."}},
		{"lower-case a.m. before a name", "At 5 a.m. Mr. Smith went out.", []string{"At 5 a.m. Mr. Smith went out."}},
		{"four-dot ellipsis between sentences", "It ended. . . . The rest was lost. . . .", []string{"It ended.", ". . . The rest was lost. . . ."}},
		{"no space between sentences", "Hello world.Today is Tuesday.Mr. Smith paid 1,000.That is a lot.", []string{"Hello world.", "Today is Tuesday.", "Mr. Smith paid 1,000.", "That is a lot."}},
		{"web address and decimal", "See www.Example.com and example.Com/Page for 3.5 points.", []string{"See www.Example.com and example.Com/Page for 3.5 points."}},
		{"spaced ellipsis inside", "It was . . . gone.", []string{"It was . . . gone."}},
		{"numbered items", "1. The first item. 2. The second item.", []string{"1. The first item.", "2. The second item."}},
		{"enumeration on one line", "1) The first item 2) The second item", []string{"1) The first item", "2) The second item"}},
		{"lettered enumeration", "a. The first item b. The second item c. The third item", []string{"a. The first item", "b. The second item", "c. The third item"}},
		{"bullets", "• 9. The first item • 10. The second item", []string{"• 9. The first item", "• 10. The second item"}},
		{"numbers mid-sentence are not items", "Scores were 1) low and 3) high.", []string{"Scores were 1) low and 3) high."}},
		{"multi-byte end", "Il a dit « non ». C’était fini…", []string{"Il a dit « non ».", "C’était fini…"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(tt.text, Split(tt.text))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
			checkSentences(t, tt.text, Split(tt.text))
		})
	}
}

func TestSplitParagraphs(t *testing.T) {
	text := "Title Here\n\nOne. Two.\nThree\n\n\n  Four.  "
	got := Split(text)
	want := []struct {
		text string
		para int
	}{{"Title Here", 0}, {"One.", 1}, {"Two.", 1}, {"Three", 1}, {"Four.", 2}}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %v", texts(text, got), want)
	}
	for i, w := range want {
		if got[i].In(text) != w.text || got[i].Paragraph != w.para {
			t.Errorf("sentence %d = %q in paragraph %d, want %q in %d", i, got[i].In(text), got[i].Paragraph, w.text, w.para)
		}
	}
}

// checkSentences fails t unless ss are trimmed, non-empty, ordered,
// non-overlapping spans of text with non-decreasing paragraphs.
func checkSentences(t testing.TB, text string, ss []pipeline.Sentence) {
	t.Helper()
	prevEnd, prevPara := 0, 0
	for i, s := range ss {
		if s.Start < prevEnd || s.End > len(text) || s.Empty() {
			t.Fatalf("sentence %d: bad span %+v after %d in text of %d bytes", i, s, prevEnd, len(text))
		}
		if s.Paragraph < prevPara {
			t.Fatalf("sentence %d: paragraph %d after %d", i, s.Paragraph, prevPara)
		}
		str := s.In(text)
		if strings.TrimSpace(str) != str {
			t.Fatalf("sentence %d %q is not trimmed", i, str)
		}
		if utf8.ValidString(text) && !utf8.ValidString(str) {
			t.Fatalf("sentence %d %q cuts a character", i, str)
		}
		prevEnd, prevPara = s.End, s.Paragraph
	}
	// Every non-space character is in a sentence.
	covered := 0
	for _, s := range ss {
		covered += len(strings.Map(dropSpace, s.In(text)))
	}
	if all := len(strings.Map(dropSpace, text)); covered != all {
		t.Fatalf("sentences cover %d non-space bytes of %d", covered, all)
	}
}

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

func TestSeedArticle(t *testing.T) {
	b, err := os.ReadFile("../../testdata/000_be515a28a143e7f9.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	ss := Split(text)
	checkSentences(t, text, ss)
	got := texts(text, ss)
	for _, want := range []string{
		"Threat to evacuate US diplomats from Iraq raises fear of war",
		"Perennial Risk",
		"Secretary of State Mike Pompeo threatened to close the embassy in a phone call a week ago to President Barham Salih, two Iraqi government sources said.",
		"The conversation was initially reported by an Iraqi news website.",
		"Asked whether he expected Washington to respond with economic or military measures, the diplomat replied: “Strikes.”",
		"“Iran wants to boot the Americans out, but not at any cost.",
		"It doesn’t want instability on its western border,” the Shia leader said.",
		"Severe Heatwave Claims 2,300 Lives Across Europe",
		"×",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("missing sentence %q", want)
		}
	}
}

func TestStage(t *testing.T) {
	spec, ok := pipeline.Lookup("sentences")
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
	// Several workers at once, under -race.
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			d := &pipeline.Doc{Text: fmt.Sprintf("Doc %d here. It has two sentences.", i)}
			if err := st.Process(context.Background(), d); err != nil {
				t.Error(err)
			}
			if len(d.Sentences) != 2 {
				t.Errorf("doc %d: %d sentences", i, len(d.Sentences))
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

func ExampleSplit() {
	text := "Perennial Risk\n\nDr. Brown met U.S. officials. “It went well,” he said."
	for _, s := range Split(text) {
		fmt.Printf("%d %q\n", s.Paragraph, s.In(text))
	}
	// Output:
	// 0 "Perennial Risk"
	// 1 "Dr. Brown met U.S. officials."
	// 1 "“It went well,” he said."
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"Hello World. My name is Jonas.",
		"Title\n\n“Quote.” he said. (Aside. ) Next…",
		"1.) a b 2.) c • 3. d",
		"I live in the U.S. How about you?\r\n\r\nOK",
		"\xff. \xfe! ”",
	} {
		f.Add(s)
	}
	for _, s := range stagetest.Seeds(scalingShapes) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkSentences(t, text, Split(text))
	})
}

func BenchmarkSplit(b *testing.B) {
	raw, err := os.ReadFile("../../testdata/000_be515a28a143e7f9.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	Split(text) // load the parameters outside the timing
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Split(text)
	}
}

// TestSplitCutsHugeBlocks checks that a block of megabytes without a
// blank line is segmented in pieces of at most maxPiece bytes (Punkt held
// about 26 bytes per byte of such a block at once), that the pieces end at
// sentence boundaries when the text has them, and that no sentence is
// longer than a piece.
func TestSplitCutsHugeBlocks(t *testing.T) {
	const size = 3 * maxPiece
	unit := "The minister said on Tuesday that aid would reach Basra. "
	cases := []struct {
		name string
		text string
		same string // when set, every sentence is this text
	}{
		{"prose", strings.Repeat(unit, size/len(unit)), strings.TrimSpace(unit)},
		{"prose in lines", strings.Repeat(unit+"\n", size/len(unit)), strings.TrimSpace(unit)},
		{"no punctuation", strings.Repeat("word and more words ", size/20), ""},
		{"titles", strings.Repeat("Dr. Mr. St. ", size/12), ""},
		{"one token", strings.Repeat("é", size/2), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ss := Split(c.text)
			if len(ss) < 3 {
				t.Fatalf("%d sentences from %d bytes", len(ss), len(c.text))
			}
			end := 0
			for i, s := range ss {
				if s.Start < end || s.Empty() || s.End-s.Start > maxPiece || !utf8.ValidString(s.In(c.text)) {
					t.Fatalf("sentence %d %v after %d: empty, overlapping, longer than %d bytes or cut inside a character", i, s.Span, end, maxPiece)
				}
				if c.same != "" && s.In(c.text) != c.same {
					t.Fatalf("sentence %d is %.80q, want %q", i, s.In(c.text), c.same)
				}
				end = s.End
			}
		})
	}
}
