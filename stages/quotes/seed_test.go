package quotes

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/sentences"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// seedText returns the body of the seed article: from its headline through
// the "Just like there are hawks" paragraph, without the page furniture
// that the extract stage removes.
func seedText(t testing.TB) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "000_be515a28a143e7f9.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	start := strings.Index(s, "Threat to evacuate")
	last := strings.Index(s, "“Just like there are hawks")
	if start < 0 || last < 0 {
		t.Fatal("seed article changed")
	}
	end := last + strings.IndexByte(s[last:], '\n')
	return s[start:end] + "\n"
}

// quoteView is a quote with its spans replaced by the text they cover, for
// golden files that read well in a diff.
type quoteView struct {
	Quote       string `json:"quote"`
	Words       string `json:"words"`
	Kind        string `json:"kind"`
	Speaker     string `json:"speaker"`
	SpeakerName string `json:"speaker_name"`
	SpeakerType string `json:"speaker_type"`
	// SpeakerGender is empty without a speaker.
	SpeakerGender string  `json:"speaker_gender,omitempty"`
	Cue           string  `json:"cue"`
	Sentence      int     `json:"sentence"`
	Confidence    float64 `json:"confidence"`
	Start         int     `json:"start"`
	End           int     `json:"end"`
}

func view(text string, qs []pipeline.Quote) []quoteView {
	out := make([]quoteView, 0, len(qs))
	for _, q := range qs {
		out = append(out, quoteView{
			Quote: q.Span.In(text), Words: q.Words(text), Kind: q.Kind,
			Speaker: q.Speaker.In(text), SpeakerName: q.SpeakerName, SpeakerType: q.SpeakerType,
			SpeakerGender: q.SpeakerGender, Cue: q.Cue.In(text), Sentence: q.Sentence, Confidence: q.Confidence,
			Start: q.Start, End: q.End,
		})
	}
	return out
}

// golden compares got, as indented JSON, with testdata/name, or rewrites
// the file with -update.
func golden(t *testing.T, name string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != string(b) {
		t.Errorf("%s differs from the output; got:\n%s", path, b)
	}
}

func TestSeedGolden(t *testing.T) {
	text := seedText(t)
	golden(t, "seed.golden.json", view(text, Extract(text, sentences.Split(text), nil)))
}

// TestSeedSpeakers pins the seed's seven direct and partial quotes and
// their speakers, so that an -update of the golden file cannot lose them
// silently.
func TestSeedSpeakers(t *testing.T) {
	text := seedText(t)
	sents := sentences.Split(text)
	var got []quoteView
	for _, v := range view(text, Extract(text, sents, nil)) {
		if v.Kind != pipeline.KindIndirect {
			got = append(got, v)
		}
	}
	want := []struct{ begins, kind, speaker, name, typ string }{
		{"“want to be limited in their options”", "partial", "One of the Western diplomats", "One of the Western diplomats", "nominal"},
		{"“Strikes.”", "direct", "the diplomat", "One of the Western diplomats", "nominal"},
		{"“We never comment on the secretary’s", "direct", "The US State Department", "The US State Department", "organization"},
		{"“security, stability, and prosperity”", "partial", "The Pentagon", "The Pentagon", "organization"},
		{"“The American threat to close their embassy", "direct", "Gati Rikabi", "Gati Rikabi", "person"},
		{"“Iran wants to boot the Americans out", "direct", "the Shia leader", "A senior figure in a Shia political party", "nominal"},
		{"“Just like there are hawks in the US", "direct", "the Shia leader", "A senior figure in a Shia political party", "nominal"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d quotes, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if !strings.HasPrefix(g.Quote, w.begins) || g.Kind != w.kind || g.Speaker != w.speaker ||
			g.SpeakerName != w.name || g.SpeakerType != w.typ {
			t.Errorf("quote %d = %q %s by %q (%q, %s); want %q %s by %q (%q, %s)", i,
				g.Quote, g.Kind, g.Speaker, g.SpeakerName, g.SpeakerType, w.begins, w.kind, w.speaker, w.name, w.typ)
		}
		if s := sents[g.Sentence]; g.Start < s.Start || g.Start >= s.End {
			t.Errorf("quote %d starts at %d, outside its sentence %d %v", i, g.Start, g.Sentence, s.Span)
		}
	}
}
