package entities

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/sentences"
)

func tokenTexts(text string) []string {
	var out []string
	for _, s := range tokenize(text, 0, len(text), nil) {
		out = append(out, text[s.start:s.end])
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"  \n\t ", nil},
		{"U.S. troops left.", []string{"U.S.", "troops", "left", "."}},
		{"Mr. Smith met Dr. Jones", []string{"Mr.", "Smith", "met", "Dr.", "Jones"}},
		{"George W. Bush", []string{"George", "W.", "Bush"}},
		{"Pompeo’s threat", []string{"Pompeo", "’s", "threat"}},
		{"Iraq's oil", []string{"Iraq", "'s", "oil"}},
		{"Muqtada al-Sadr", []string{"Muqtada", "al-Sadr"}},
		{"O'Brien didn't", []string{"O'Brien", "didn't"}},
		{"$1,000.50 and 3.5%", []string{"$", "1,000.50", "and", "3.5", "%"}},
		{"“Strikes,” he said.", []string{"“", "Strikes", ",", "”", "he", "said", "."}},
		{"AT&T and B-2", []string{"AT&T", "and", "B-2"}},
		{"end.", []string{"end", "."}},
		{"a\xffb", []string{"a", "\xff", "b"}},
		{"José\u00a0Núñez", []string{"José", "Núñez"}},
	}
	for _, tt := range tests {
		if got := tokenTexts(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"U.S. troops", "Pompeo’s al-Sadr", "1,000.5.", "a\xff’s", "'s'", "X.Y.Z."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range tokenize(text, 0, len(text), nil) {
			if s.start < prev || s.end <= s.start || s.end > len(text) {
				t.Fatalf("bad token %+v after %d in %q", s, prev, text)
			}
			w := text[s.start:s.end]
			if strings.TrimSpace(w) != w {
				t.Fatalf("token %q has white space", w)
			}
			if utf8.ValidString(text) && !utf8.ValidString(w) {
				t.Fatalf("token %q cuts a character", w)
			}
			prev = s.end
		}
	})
}

// toyCorpus is a small training set the perceptron can fit.
func toyCorpus() []LabeledSentence {
	var out []LabeledSentence
	people := []string{"Anna Berg", "Omar Said", "Lena Holt"}
	places := []string{"Paris", "Cairo", "Lima"}
	orgs := []string{"Acme Corp", "Blue Bank"}
	for i := range 30 {
		p := strings.Fields(people[i%3])
		s := LabeledSentence{
			Words:  append(append([]string{}, p...), "visited", places[i%3], "for", strings.Fields(orgs[i%2])[0], strings.Fields(orgs[i%2])[1], "."),
			Labels: []string{"B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O"},
		}
		out = append(out, s)
	}
	return out
}

func TestTrainAndRoundTrip(t *testing.T) {
	corpus := toyCorpus()
	m := Train(corpus, TrainOptions{Epochs: 5, Bits: 12, Seed: 7})
	for _, s := range corpus[:5] {
		if got := m.Tag(s.Words); !slices.Equal(got, s.Labels) {
			t.Errorf("Tag(%q) = %q, want %q", s.Words, got, s.Labels)
		}
	}
	var buf bytes.Buffer
	n, err := m.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo = %d, %v; buffer has %d bytes", n, err, buf.Len())
	}
	m2, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	unseen := []string{"Omar", "Said", "visited", "Lima", "."}
	if a, b := m.Tag(unseen), m2.Tag(unseen); !slices.Equal(a, b) {
		t.Errorf("model read back tags %q, original %q", b, a)
	}
	if _, err := ReadModel(strings.NewReader("not a model")); err == nil {
		t.Error("ReadModel accepted garbage")
	}
}

func TestTagKeepsBIO(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	m := tg.Model()
	words := strings.Fields("Secretary of State Mike Pompeo told the Iraqi parliament in Baghdad that the United Nations and NATO agree .")
	labels := m.Tag(words)
	for i, l := range labels {
		if strings.HasPrefix(l, "I-") && (i == 0 || labels[i-1][2:] != l[2:]) {
			t.Errorf("label %d %s follows %s: %q", i, l, labels[i-1], labels)
		}
	}
}

// TestViterbiBest checks the decoder against every label sequence of a
// short sentence: no allowed sequence may score higher than the one it
// returns, and the one it returns keeps BIO.
func TestViterbiBest(t *testing.T) {
	m := Train(toyCorpus(), TrainOptions{Epochs: 2, Bits: 10, Seed: 3})
	words := []string{"Omar", "Berg", "visited", "Blue"}
	var d decoder
	got := viterbi(&d, m.weights, m.bits, words, nil)
	score := func(seq []int) (float32, bool) {
		total, prev := float32(0), labelO
		for i, l := range seq {
			if !allowed(prev, l) {
				return 0, false
			}
			var s [numLabels]float32
			for _, h := range d.staticOf(i) {
				addRow(&s, m.weights, m.bits, h)
			}
			for _, h := range d.histOf(i, prev) {
				addRow(&s, m.weights, m.bits, h)
			}
			total += s[l]
			prev = l
		}
		return total, true
	}
	best, ok := score(got)
	if !ok {
		t.Fatalf("viterbi returned a sequence that breaks BIO: %v", got)
	}
	seq := make([]int, len(words))
	for n := 0; n < numLabels*numLabels*numLabels*numLabels; n++ {
		for i, k := 0, n; i < len(seq); i, k = i+1, k/numLabels {
			seq[i] = k % numLabels
		}
		if s, ok := score(seq); ok && s > best {
			t.Fatalf("sequence %v scores %v, above viterbi's %v with %v", seq, s, best, got)
		}
	}
}

func TestAcronymLength(t *testing.T) {
	for w, want := range map[string]uint8{"NATO": 4, "U.N.": 2, "A": 0, "Nato": 0, "al-Qaeda": 0, "G8": 0, "AT&T": 3, "UNESCOS": 6} {
		if got := acronymLength(w); got != want {
			t.Errorf("acronymLength(%q) = %d, want %d", w, got, want)
		}
	}
}

func TestRuns(t *testing.T) {
	tests := []struct {
		text string
		want [][2]int32 // run of each token: start, end
	}{
		{"the Federal Office for the Environment said", [][2]int32{{0, 1}, {1, 6}, {1, 6}, {1, 6}, {1, 6}, {1, 6}, {6, 7}}},
		{"Bank of England and the Treasury", [][2]int32{{0, 3}, {0, 3}, {0, 3}, {3, 4}, {4, 5}, {5, 6}}},
		{"in Office for the", [][2]int32{{0, 1}, {1, 2}, {2, 3}, {3, 4}}},
	}
	var f featurizer
	for _, tt := range tests {
		f.describe(strings.Fields(tt.text))
		for i, w := range tt.want {
			if got := [2]int32{f.runs[i], f.runE[i]}; got != w {
				t.Errorf("%q: token %d in run %v, want %v", tt.text, i, got, w)
			}
		}
	}
}

func TestReadCoNLL(t *testing.T) {
	in := "-DOCSTART- O\n\nJohn I-PER\nSmith I-PER\nof O\nAcme I-ORGANIZATION\nin B-geo\nParis I-LOC\n.\tO\n\n\nIraqi B-MISC\n"
	got, err := ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []LabeledSentence{
		{Words: []string{"John", "Smith", "of", "Acme", "in", "Paris", "."}, Labels: []string{"B-PER", "I-PER", "O", "B-ORG", "B-LOC", "I-LOC", "O"}},
		{Words: []string{"Iraqi"}, Labels: []string{"O"}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d sentences, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !slices.Equal(got[i].Words, want[i].Words) || !slices.Equal(got[i].Labels, want[i].Labels) {
			t.Errorf("sentence %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if _, err := ReadCoNLL(strings.NewReader("a O\nlonely\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error %v, want one naming line 2", err)
	}
}

func TestTaggerEntities(t *testing.T) {
	runMentionCases(t, []mentionCase{
		{
			name: "title left out, surname grouped",
			text: "Secretary of State Mike Pompeo spoke. Pompeo left for Baghdad.",
			want: []found{{"PERSON", "Mike Pompeo", "Mike Pompeo"}, {"PERSON", "Pompeo", "Mike Pompeo"}, {"GPE", "Baghdad", "Baghdad"}},
			not:  []string{"Secretary of State Mike Pompeo", "State Mike Pompeo"},
		},
		{
			name: "name particle",
			text: "The cleric Muqtada al-Sadr rallied supporters in Najaf.",
			want: []found{{"PERSON", "Muqtada al-Sadr", "Muqtada al-Sadr"}},
		},
		{
			name: "organisation",
			text: "The United Nations and the World Bank warned the Iraqi government.",
			want: []found{{"ORG", "United Nations", "United Nations"}, {"ORG", "World Bank", "World Bank"}},
			not:  []string{"Iraqi"},
		},
		{
			name: "natural place",
			text: "Floods hit towns along the Tigris River near Mosul.",
			want: []found{{"LOC", "Tigris River", "Tigris River"}},
		},
		{
			name: "organisation name with for the",
			text: "A spokesman for the Federal Office for the Environment said emissions fell.",
			want: []found{{"ORG", "Federal Office for the Environment", "Federal Office for the Environment"}},
			not:  []string{"Federal Office"},
		},
		{
			name: "known place after the",
			text: "Rockets regularly fly across the Tigris towards the embassy.",
			want: []found{{"GPE", "Tigris", "Tigris"}},
		},
		{
			name: "headline in capitals",
			text: "POLICE IN PARIS ARREST TWO AFTER PRESIDENT MACRON SPEAKS",
			not:  []string{"POLICE", "ARREST TWO", "TWO", "SPEAKS", "PRESIDENT"},
		},
		{
			name: "name does not run over a colon",
			text: "Richard Kemp: I felt safer in Iraq.",
			want: []found{{"PERSON", "Richard Kemp", "Richard Kemp"}},
			not:  []string{"Richard Kemp: I"},
		},
	})
}

func TestStageOptions(t *testing.T) {
	spec, _ := pipeline.Lookup("entities")
	for _, opts := range []pipeline.Options{{"model": "bogus"}, {"colour": "blue"}} {
		if _, err := spec.New(opts); err == nil {
			t.Errorf("New(%v) succeeded", opts)
		}
	}
	text := "Prime Minister Mustafa al-Kadhimi met Barham Salih in Baghdad."
	for _, model := range []string{"", ModelNewsmill} {
		st, err := spec.New(pipeline.Options{"model": model})
		if err != nil {
			t.Fatal(err)
		}
		d := &pipeline.Doc{Text: text, Sentences: sentences.Split(text)}
		if err := st.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		checkEntities(t, text, d.Sentences, d.Entities)
		if !slices.ContainsFunc(d.Entities, func(e pipeline.Entity) bool { return e.In(text) == "Mustafa al-Kadhimi" }) {
			t.Errorf("model %s: no Mustafa al-Kadhimi in %+v", model, d.Entities)
		}
	}
}

func ExampleTagger_Entities() {
	tg, err := Default()
	if err != nil {
		panic(err)
	}
	text := "Prime Minister Mustafa al-Kadhimi met the United Nations envoy in Baghdad. Al-Kadhimi said little."
	for _, e := range tg.Entities(text, sentences.Split(text)) {
		fmt.Printf("%s %q -> %q\n", e.Label, e.In(text), e.Canonical)
	}
	// Output:
	// PERSON "Mustafa al-Kadhimi" -> "Mustafa al-Kadhimi"
	// ORG "United Nations" -> "United Nations"
	// GPE "Baghdad" -> "Baghdad"
	// PERSON "Al-Kadhimi" -> "Mustafa al-Kadhimi"
}

func BenchmarkTagger(b *testing.B) {
	raw, err := os.ReadFile("../../testdata/000_be515a28a143e7f9.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	tg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	sents := sentences.Split(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		tg.Entities(text, sents)
	}
}

func TestConsistentLabels(t *testing.T) {
	text := "Fatah Fatah Fatah Gaza Gaza Ann Ann"
	ents := []pipeline.Entity{
		{Span: pipeline.Span{Start: 0, End: 5}, Label: pipeline.LabelOrg},
		{Span: pipeline.Span{Start: 6, End: 11}, Label: pipeline.LabelGPE},
		{Span: pipeline.Span{Start: 12, End: 17}, Label: pipeline.LabelOrg},
		{Span: pipeline.Span{Start: 18, End: 22}, Label: pipeline.LabelLocation},
		{Span: pipeline.Span{Start: 23, End: 27}, Label: pipeline.LabelPerson},
		{Span: pipeline.Span{Start: 28, End: 31}, Label: pipeline.LabelPerson},
		{Span: pipeline.Span{Start: 32, End: 35}, Label: pipeline.LabelOrg},
	}
	consistentLabels(text, ents)
	var got []string
	for _, e := range ents {
		got = append(got, e.Label)
	}
	want := []string{pipeline.LabelOrg, pipeline.LabelOrg, pipeline.LabelOrg, pipeline.LabelLocation, pipeline.LabelPerson,
		pipeline.LabelPerson, pipeline.LabelOrg} // ties stay as tagged
	if !slices.Equal(got, want) {
		t.Errorf("labels %q, want %q", got, want)
	}
}
