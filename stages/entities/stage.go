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
			Description: "newsmill (the embedded tagger), or prose (prose's model, one sentence at a time) in binaries that import stages/entities/proseents"}},
		New: newStage,
	})
}

// ModelNewsmill is the stage's default "model" option: the embedded
// averaged perceptron. Other values name models registered with
// RegisterModel.
const ModelNewsmill = "newsmill"

// newStage builds the stage from its options: model=newsmill (default) or
// a registered model.
func newStage(opts pipeline.Options) (pipeline.Stage, error) {
	for k := range opts {
		if k != "model" {
			return nil, fmt.Errorf("entities: unknown option %q (known: model)", k)
		}
	}
	m := opts["model"]
	if m == "" || m == ModelNewsmill {
		return &Stage{load: func() (Finder, error) { return Default() }}, nil
	}
	load, ok := registeredModel(m)
	if !ok {
		return nil, fmt.Errorf("entities: unknown model %q (newsmill; prose when the binary imports stages/entities/proseents)", m)
	}
	return &Stage{load: load}, nil
}

// Stage fills Doc.Entities from Doc.Text and Doc.Sentences. Open loads the
// chosen model once per process: newsmill's tagger (about 0.1 s, 11 MB) or
// a registered one (prose: about 0.5 s and 100 MB). Process is safe for concurrent use; with the
// default model it costs two to four microseconds per token, with prose about
// 1.5 ms per sentence.
type Stage struct {
	load func() (Finder, error)
	f    Finder
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
	if cf, ok := f.(contextFinder); ok {
		es, err := cf.EntitiesContext(ctx, d.Text, d.Sentences)
		if err != nil {
			return err
		}
		d.Entities = es
		return nil
	}
	d.Entities = f.Entities(d.Text, d.Sentences)
	return nil
}

// MemoryEstimate implements pipeline.MemoryEstimator: the stage holds at
// most about bytesPerByte bytes per byte of text at once (the entities,
// their canonical names and the tagger's windows).
func (s *Stage) MemoryEstimate(d *pipeline.Doc) int64 {
	return bytesPerByte * pipeline.InputBytes(d)
}

// bytesPerByte is MemoryEstimate's working set per byte of text: the most
// internal/bench's BenchmarkHugeDocument measured over its shapes of 1
// and 4 MB was 12.2 (a paragraph of "Dr. Mr. St. ", an entity every 12
// bytes; ordinary prose with ever new names 8.6); TestEstimatesCoverPeaks
// checks that the estimate covers them.
const bytesPerByte = 16

// contextFinder is a Finder that stops when its context is done, as
// Tagger does.
type contextFinder interface {
	EntitiesContext(ctx context.Context, text string, sents []pipeline.Sentence) ([]pipeline.Entity, error)
}
