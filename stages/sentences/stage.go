package sentences

import (
	"context"

	"github.com/newsmill/newsmill/pipeline"
)

func init() {
	pipeline.Register(pipeline.Spec{
		Name:        "sentences",
		Description: "split Text into sentences (Punkt with prose's English parameters; blank lines and headings are hard boundaries)",
		Requires:    []string{"text"},
		Provides:    []string{"sentences"},
		New:         func(pipeline.Options) (pipeline.Stage, error) { return Stage{}, nil },
	})
}

// Stage fills Doc.Sentences with Split(Doc.Text). It has no state and is
// safe for concurrent use; Open loads the shared Punkt parameters so that
// the first document does not pay for them.
type Stage struct{}

// Open loads the Punkt parameters once per process.
func (Stage) Open(context.Context) error {
	tokenizer()
	return nil
}

// MemoryEstimate implements pipeline.MemoryEstimator: Split holds at most
// about bytesPerByte bytes per byte of text (the words' positions and the
// sentences) and punktPerByte per byte of the piece Punkt has at once (at
// most maxPiece bytes).
func (Stage) MemoryEstimate(d *pipeline.Doc) int64 {
	n := pipeline.InputBytes(d)
	return bytesPerByte*n + punktPerByte*min(n, maxPiece)
}

// bytesPerByte and punktPerByte are MemoryEstimate's working set per byte
// of text and per byte of a piece. internal/bench's BenchmarkHugeDocument
// measured at most 9.3 MB on 1 MB and 10.2 MB on 4 MB (one paragraph of
// "Dr. Mr. St. "), 1.5 bytes per byte on prose; TestEstimatesCoverPeaks
// checks that the estimate covers them.
const (
	bytesPerByte = 4
	punktPerByte = 32
)

// Process replaces d.Sentences with the sentences of d.Text. It returns the
// context's error when ctx is done.
func (Stage) Process(ctx context.Context, d *pipeline.Doc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d.Sentences = Split(d.Text)
	return nil
}
