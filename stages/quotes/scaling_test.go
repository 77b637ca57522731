package quotes

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/newsmill/newsmill/pipeline/stagetest"
	"github.com/newsmill/newsmill/stages/sentences"
)

// scalingShapes are the hostile shapes of issue 17 for this stage, at 1x:
// many short quotation pairs in one sentence, reported speech without
// sentence punctuation, and ordinary prose with ever new speakers.
var scalingShapes = []stagetest.Shape{
	{Name: "ManyPairs", Unit: 25000, Make: func(n int) string { return strings.Repeat("“a” ", n) }},
	{Name: "Unpunctuated", Unit: 10000, Make: func(n int) string { return strings.Repeat("officials said the plan would work and ", n) }},
	{Name: "Prose", Unit: 1000, Make: func(n int) string {
		var b strings.Builder
		for k := range n {
			name := "Anna " + surname(k)
			fmt.Fprintf(&b, "“We will win,” said %s, the mayor of Leeds. She said the city would grow.\n\n"+
				"“It will not be easy,” she added. Critics disagreed, and Tom %s said the plan would fail.\n\n", name, surname(k+1))
		}
		return b.String()
	}},
}

// surname spells k as a capitalised made-up name ("Ba", "Bb", ...).
func surname(k int) string { return "B" + stagetest.Word(k) }

// BenchmarkScaling runs Extract over each hostile shape at 1x, 2x, 4x and
// 8x its size; `make bench-scaling` checks that the time per operation at
// most about doubles when the input doubles.
func BenchmarkScaling(b *testing.B) {
	stagetest.BenchScaling(b, scalingShapes, func(text string) func() {
		sents := sentences.Split(text)
		return func() { Extract(text, sents, nil) }
	})
}

// TestScalingShapes runs each hostile shape at 1x and 4x (see measure) and fails when
// the larger one takes longer than a linear-time stage can (the many pairs
// took minutes and gigabytes when quadratic), when time or memory grow
// more than linearly, or when the quotes' text outgrows a small multiple
// of the document's.
func TestScalingShapes(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes what time and memory grow with")
	}
	limit := 10 * time.Second
	if testing.Short() {
		limit = 30 * time.Second // -short runs beside other packages' tests
	}
	for _, sh := range scalingShapes {
		t.Run(sh.Name, func(t *testing.T) {
			small, large := measure(t, sh.Make(sh.Unit)), measure(t, sh.Make(sh.Unit*4))
			t.Logf("4x the text: %.1fx the time, %.1fx the memory", float64(large.took)/float64(small.took), float64(large.alloc)/float64(small.alloc))
			if large.took > limit {
				t.Errorf("%d bytes took %v", large.size, large.took)
			}
			if large.alloc > 6*small.alloc {
				t.Errorf("4x the text allocated %.1fx the memory (%d and %d bytes)", float64(large.alloc)/float64(small.alloc), small.alloc, large.alloc)
			}
			if large.quoted > 4*large.size {
				t.Errorf("%d bytes of quotes from %d bytes of text", large.quoted, large.size)
			}
		})
	}
}

// cost is what one call of Extract took.
type cost struct {
	size, quoted int // bytes of text and of the quotes' spans
	alloc        uint64
	took         time.Duration
}

// measure runs Extract on text twice and returns the cheaper run. Each
// run starts with the pool of buffers emptied (two collections clear a
// sync.Pool), so that runs of any size are measured alike.
func measure(t *testing.T, text string) cost {
	sents := sentences.Split(text)
	best := cost{size: len(text)}
	for run := range 2 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		qs := Extract(text, sents, nil)
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; run == 0 || alloc < best.alloc {
			best.alloc = alloc
		}
		if run == 0 || took < best.took {
			best.took = took
		}
		best.quoted = 0
		for _, q := range qs {
			best.quoted += q.End - q.Start
			if q.Start < 0 || q.End > len(text) || q.End < q.Start {
				t.Fatalf("quote %v out of a text of %d bytes", q.Span, len(text))
			}
		}
	}
	return best
}
