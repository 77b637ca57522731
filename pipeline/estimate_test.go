package pipeline_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
)

// hungry is a stage whose working set is perByte bytes per byte of text;
// it records the most documents and estimated bytes it held at once.
type hungry struct {
	perByte          int64
	live, peak, docs atomic.Int64
	peakDocs         atomic.Int64
}

func (h *hungry) MemoryEstimate(d *pipeline.Doc) int64 { return h.perByte * pipeline.InputBytes(d) }

func (h *hungry) Process(ctx context.Context, d *pipeline.Doc) error {
	n := h.live.Add(h.MemoryEstimate(d))
	k := h.docs.Add(1)
	raise(&h.peak, n)
	raise(&h.peakDocs, k)
	defer h.live.Add(-h.MemoryEstimate(d))
	defer h.docs.Add(-1)
	return jitter(ctx, d)
}

// raise sets v to n when n is larger.
func raise(v *atomic.Int64, n int64) {
	for p := v.Load(); n > p && !v.CompareAndSwap(p, n); p = v.Load() {
	}
}

func TestEstimate(t *testing.T) {
	h := &hungry{perByte: 10}
	plain := pipeline.StageFunc(func(context.Context, *pipeline.Doc) error { return nil })
	cases := []struct {
		name  string
		steps []pipeline.Step
		doc   *pipeline.Doc
		want  int64
	}{
		{"no steps", nil, &pipeline.Doc{Text: "abcd"}, 4},
		{"estimator", []pipeline.Step{{Stage: h}}, &pipeline.Doc{Text: "abcd"}, 4 + 40},
		{"default", []pipeline.Step{{Stage: plain}}, &pipeline.Doc{Text: "abcd"}, 4 + pipeline.DefaultBytesPerByte*4},
		{"html counts as text to come", []pipeline.Step{{Stage: h}, {Stage: h}}, &pipeline.Doc{HTML: []byte("<p>ab</p>")}, 9 + 2*90},
	}
	for _, c := range cases {
		if got := pipeline.Estimate(c.steps, c.doc); got != c.want {
			t.Errorf("%s: Estimate = %d, want %d", c.name, got, c.want)
		}
	}
}

// TestRunChargesEstimates checks that the bound on bytes in flight counts
// each stage's estimated working set: documents whose estimates exceed
// half the bound never run together, while small ones do.
func TestRunChargesEstimates(t *testing.T) {
	const bound = 100_000
	cases := []struct {
		name     string
		size     int
		maxDocs  int64 // most documents in the stage at once
		minDocs  int64 // fewest of that most (small documents share the stage)
		perBytes int64
	}{
		{"large documents run alone", 600, 1, 1, 100},   // 60 kB each
		{"small documents run together", 60, 4, 2, 100}, // 6 kB each
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := &hungry{perByte: c.perBytes}
			var in []*pipeline.Doc
			for i := range 200 {
				in = append(in, &pipeline.Doc{ID: fmt.Sprint(i), Text: strings.Repeat("w", c.size)})
			}
			var sink collect
			stats, err := pipeline.Run(context.Background(), pipeline.Config{
				Source:        docs(in...),
				Steps:         []pipeline.Step{{Name: "hungry", Stage: h, Workers: 4}},
				Sink:          &sink,
				InFlightBytes: bound,
			})
			if err != nil || stats.Docs != int64(len(in)) {
				t.Fatalf("docs %d, err %v", stats.Docs, err)
			}
			if p := h.peak.Load(); p > bound {
				t.Errorf("%d estimated bytes in the stage at once, bound is %d", p, bound)
			}
			if n := h.peakDocs.Load(); n > c.maxDocs || n < c.minDocs {
				t.Errorf("%d documents in the stage at once, want %d to %d", n, c.minDocs, c.maxDocs)
			}
		})
	}
}
