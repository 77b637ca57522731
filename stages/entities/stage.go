package entities

import (
	"context"
	"fmt"

	"github.com/newsmill/newsmill/pipeline"
)

func init() {
	pipeline.Register(pipeline.Spec{
		Name: "entities",
		Description: "named entities (PERSON, ORG, GPE, LOC, FAC) with newsmill's trained tagger; " +
			"the tables give their offsets in code points",
		Requires: []string{"sentences"},
		Provides: []string{"entities"},
		Options: []pipeline.Option{{Name: "model", Default: ModelNewsmill,
			Description: "newsmill (the embedded tagger) or prose (prose's model, one sentence at a time)"}},
		New: newStage,
	})
}

// Model names accepted by the stage's "model" option.
const (
	ModelNewsmill = "newsmill" // the embedded averaged perceptron (default)
	ModelProse    = "prose"    // prose v2's maximum-entropy model
)

// newStage builds the stage from its options: model=newsmill (default) or
// model=prose.
func newStage(opts pipeline.Options) (pipeline.Stage, error) {
	for k := range opts {
		if k != "model" {
			return nil, fmt.Errorf("entities: unknown option %q (known: model)", k)
		}
	}
	switch m := opts["model"]; m {
	case "", ModelNewsmill:
		return &Stage{load: func() (finder, error) { return Default() }}, nil
	case ModelProse:
		return &Stage{load: func() (finder, error) { return Shared() }}, nil
	default:
		return nil, fmt.Errorf("entities: unknown model %q (newsmill or prose)", m)
	}
}

// finder is what both recognisers offer.
type finder interface {
	Entities(text string, sents []pipeline.Sentence) []pipeline.Entity
}

// Stage fills Doc.Entities from Doc.Text and Doc.Sentences. Open loads the
// chosen model once per process: newsmill's tagger (about 30 ms, 7 MB) or prose's
// (about 0.5 s and 100 MB). Process is safe for concurrent use; with the
// default model it costs two to four microseconds per token, with prose about
// 1.5 ms per sentence.
type Stage struct {
	load func() (finder, error)
	f    finder
}

// Open loads the model.
func (s *Stage) Open(context.Context) error {
	f, err := s.load()
	if err != nil {
		return err
	}
	s.f = f
	return nil
}

// Process replaces d.Entities with the entities of d's sentences. It loads
// the model itself if Open was not called, and returns the context's error
// when ctx is done.
func (s *Stage) Process(ctx context.Context, d *pipeline.Doc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f := s.f
	if f == nil {
		var err error
		if f, err = s.load(); err != nil {
			return err
		}
	}
	d.Entities = f.Entities(d.Text, d.Sentences)
	return nil
}
