package bench

import (
	"flag"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
)

var hugeSize = flag.Int("huge.size", 256<<10, "bytes of text of BenchmarkHugeDocument's documents (make bench-memory: 15900000, the largest the default limits allow)")

// BenchmarkHugeDocument runs every stage, one worker, on one document of
// each of HugeShapes of -huge.size bytes and reports each stage's peak
// working set and what it keeps, in MB. The default size keeps `make
// bench-smoke` short; `make bench-memory` runs it on the largest
// documents the default limits allow.
func BenchmarkHugeDocument(b *testing.B) {
	for _, sh := range HugeShapes {
		b.Run(sh.Name, func(b *testing.B) {
			text := sh.Make(0, *hugeSize)
			for b.Loop() {
				peaks, err := HugePeaks(sh, text)
				if err != nil {
					b.Fatal(err)
				}
				for _, p := range peaks {
					b.ReportMetric(float64(p.Peak)/1e6, p.Stage+"-peak-MB")
					b.ReportMetric(float64(p.Kept)/1e6, p.Stage+"-kept-MB")
				}
			}
		})
	}
}

// TestEstimatesCoverPeaks runs every stage on a 1 MB document of each of
// HugeShapes and fails when a stage's peak working set exceeds the
// MemoryEstimate the engine admits documents by, or when the whole
// pipeline's exceeds 40 bytes per byte of input (the quotes stage alone
// held 45 on prose and 39 on pairs of quotation marks before its
// candidates were sorted in place and its quotes allocated as kept).
func TestEstimatesCoverPeaks(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("runs the whole pipeline on 7 MB of text; the race detector changes what it allocates")
	}
	const size = 1 << 20
	steps, err := newSteps()
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range HugeShapes {
		t.Run(sh.Name, func(t *testing.T) {
			text := sh.Make(0, size)
			d := &pipeline.Doc{Text: text}
			if sh.HTML {
				d = &pipeline.Doc{HTML: []byte(text)}
			}
			peaks, err := HugePeaks(sh, text)
			if err != nil {
				t.Fatal(err)
			}
			var kept, worst int64
			for i, p := range peaks {
				t.Logf("%s: peak %.1f bytes per byte, kept %.1f", p.Stage, float64(p.Peak)/size, float64(p.Kept)/size)
				if e, ok := steps[i].Stage.(pipeline.MemoryEstimator); ok && int64(p.Peak) > e.MemoryEstimate(d) {
					t.Errorf("%s: peak %d bytes, estimate %d", p.Stage, p.Peak, e.MemoryEstimate(d))
				}
				worst = max(worst, kept+int64(p.Peak))
				kept += p.Kept
			}
			if worst > 40*size {
				t.Errorf("the pipeline peaked at %.1f bytes per byte of input", float64(worst)/size)
			}
		})
	}
}
