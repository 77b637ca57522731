package entities

import (
	"context"

	"github.com/newsmill/newsmill/pipeline"
)

func init() {
	pipeline.Register(pipeline.Spec{
		Name:        "entities",
		Description: "named entities (PERSON, ORG, GPE, LOC, FAC) with prose's model, one sentence at a time, placed at byte offsets",
		Requires:    []string{"sentences"},
		Provides:    []string{"entities"},
		New:         func(pipeline.Options) (pipeline.Stage, error) { return &Stage{}, nil },
	})
}

// Stage fills Doc.Entities from Doc.Text and Doc.Sentences. Open loads the
// shared prose model (about 0.5 s and 100 MB, once per process); Process is
// safe for concurrent use and costs about 1.5 ms per
// sentence.
type Stage struct {
	r *Recognizer
}

// Open loads the shared Recognizer.
func (s *Stage) Open(context.Context) error {
	r, err := Shared()
	if err != nil {
		return err
	}
	s.r = r
	return nil
}

// Process replaces d.Entities with the entities of d's sentences. It loads
// the model itself if Open was not called, and returns the context's error
// when ctx is done.
func (s *Stage) Process(ctx context.Context, d *pipeline.Doc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r := s.r
	if r == nil {
		var err error
		if r, err = Shared(); err != nil {
			return err
		}
	}
	d.Entities = r.Entities(d.Text, d.Sentences)
	return nil
}
