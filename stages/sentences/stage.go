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

// Process replaces d.Sentences with the sentences of d.Text. It returns the
// context's error when ctx is done.
func (Stage) Process(ctx context.Context, d *pipeline.Doc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d.Sentences = Split(d.Text)
	return nil
}
