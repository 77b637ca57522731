package entities

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/pipeline/stagetest"
	"github.com/newsmill/newsmill/stages/sentences"
)

// scalingShapes are the hostile shapes of issue 17, at 1x: ordinary prose
// with ever new names, one sentence of capitalised words, "Dr. Mr. St. "
// repeated, and one-word lines in one paragraph.
var scalingShapes = []stagetest.Shape{
	{Name: "Prose", Unit: 400, Make: func(n int) string {
		var b strings.Builder
		for k := range n {
			name := stagetest.Word(k)
			fmt.Fprintf(&b, "Minister Anna %s met President Mike Pompeo%s of the Federal Office for the Environment in Baghdad on Tuesday. "+
				"%s said the United Nations would send aid to Basra, and Pompeo%s agreed. “We will act,” %s told Reuters.\n\n",
				name, name, name, name, name)
		}
		return b.String()
	}},
	{Name: "CapitalisedWords", Unit: 12500, Make: func(n int) string { return words(n, "Word", ' ') }},
	{Name: "Titles", Unit: 25000, Make: func(n int) string { return strings.Repeat("Dr. Mr. St. ", n) }},
	{Name: "OneWordLines", Unit: 25000, Make: func(n int) string { return words(n, "Name", '\n') }},
}

// words returns n capitalised words, prefix and one of 5,000 endings,
// each followed by sep.
func words(n int, prefix string, sep byte) string {
	var b strings.Builder
	for k := range n {
		b.WriteString(prefix)
		b.WriteString(stagetest.Word(k % 5000))
		b.WriteByte(sep)
	}
	return b.String()
}

// BenchmarkScaling runs the default tagger over each hostile shape at 1x,
// 2x, 4x and 8x its size; `make bench-scaling` checks that the time per
// operation at most about doubles when the input doubles.
func BenchmarkScaling(b *testing.B) {
	tg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	stagetest.BenchScaling(b, scalingShapes, func(text string) func() {
		sents := sentences.Split(text)
		return func() { tg.Entities(text, sents) }
	})
}

// TestScalingShapes runs each hostile shape at 2x and fails when one takes
// longer than a linear-time stage can (they took minutes when quadratic).
func TestScalingShapes(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	limit := 20 * time.Second
	if testing.Short() {
		limit = 40 * time.Second // -short runs beside other packages' tests
	}
	for _, sh := range scalingShapes {
		t.Run(sh.Name, func(t *testing.T) {
			text := sh.Make(sh.Unit * 2)
			sents := sentences.Split(text)
			start := time.Now()
			es := tg.Entities(text, sents)
			if d := time.Since(start); d > limit {
				t.Errorf("%d bytes took %v", len(text), d)
			}
			checkEntities(t, text, sents, es)
		})
	}
}

// TestLongSentenceWindows checks that a sentence longer than a window is
// tagged whole: names on both sides of a window's edge are found.
func TestLongSentenceWindows(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "Mike Pompeo visited Baghdad" + strings.Repeat(" and then", maxWindowTokens) + " Mike Pompeo visited Baghdad."
	sents := []pipeline.Sentence{{Span: pipeline.Span{Start: 0, End: len(text)}}}
	es := tg.Entities(text, sents)
	checkEntities(t, text, sents, es)
	var got []string
	for _, e := range es {
		got = append(got, e.Label+":"+e.In(text))
	}
	want := "PERSON:Mike Pompeo GPE:Baghdad PERSON:Mike Pompeo GPE:Baghdad"
	if strings.Join(got, " ") != want {
		t.Errorf("entities %q, want %s", got, want)
	}
}

// TestMemoryPerDocument checks that the memory a document costs does not
// grow with its longest sentence or token beyond a small multiple of its
// size (it was about 1.5 KB per token of the longest sentence).
func TestMemoryPerDocument(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const size = 4 << 20
	for name, text := range map[string]string{
		"one token":    strings.Repeat("A", size),
		"one sentence": strings.Repeat("Word ", size/5),
	} {
		sents := []pipeline.Sentence{{Span: pipeline.Span{Start: 0, End: len(text)}}}
		tg.Entities(text, sents) // warm the pools
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		es := tg.Entities(text, sents)
		runtime.ReadMemStats(&after)
		checkEntities(t, text, sents, es)
		got := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s of %d bytes: %d bytes allocated", name, size, got)
		if got > 32*size {
			t.Errorf("%s of %d bytes allocated %d bytes", name, size, got)
		}
	}
}

// TestEntitiesContextStops checks that a long document stops early when
// its context is done, and that a live context changes nothing.
func TestEntitiesContextStops(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	text := scalingShapes[0].Make(100)
	sents := sentences.Split(text)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if es, err := tg.EntitiesContext(ctx, text, sents); err == nil || es != nil {
		t.Errorf("cancelled: %d entities, error %v", len(es), err)
	}
	es, err := tg.EntitiesContext(context.Background(), text, sents)
	if err != nil || len(es) != len(tg.Entities(text, sents)) {
		t.Errorf("live context: %d entities, error %v", len(es), err)
	}
}
