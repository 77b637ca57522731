package stagetest

import (
	"context"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
)

// Fuzz is the fuzz target body every stage can share: it runs the stage
// called name in pipeline.Default after the stages in before on documents
// made from the fuzzer's inputs (the bytes as Doc.Text, or as Doc.HTML
// when the fuzzer's second argument is true), and fails on a panic or on any span
// that Doc.Validate rejects. A stage may fail a document; that is an error
// row, not a bug. seeds start the corpus. Call it from a FuzzXxx function:
//
//	func FuzzQuotes(f *testing.F) {
//		stagetest.Fuzz(f, "quotes", []string{"sentences"}, "“Yes,” she said.")
//	}
//
// The stages are built and opened once; each input costs one pass of the
// stages, called directly on the fuzzing goroutine.
func Fuzz(f *testing.F, name string, before []string, seeds ...string) {
	FuzzIn(f, pipeline.Default, name, before, seeds...)
}

// FuzzIn is Fuzz with the stages looked up in r.
func FuzzIn(f *testing.F, r *pipeline.Registry, name string, before []string, seeds ...string) {
	f.Helper()
	names := append(append([]string(nil), before...), name)
	steps, err := r.Resolve(names, nil)
	if err != nil {
		f.Fatalf("stagetest: %v", err)
	}
	ctx := context.Background()
	for _, s := range steps {
		if o, ok := s.Stage.(pipeline.Opener); ok {
			if err := o.Open(ctx); err != nil {
				f.Fatalf("stagetest: open %s: %v", s.Name, err)
			}
		}
		if c, ok := s.Stage.(pipeline.Closer); ok {
			f.Cleanup(func() { c.Close() })
		}
	}
	for _, s := range seeds {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, input []byte, asHTML bool) {
		d := &pipeline.Doc{ID: "fuzz", Source: "fuzz", Text: string(input)}
		if asHTML {
			d.HTML, d.Text = input, ""
		}
		for _, s := range steps {
			if err := s.Stage.Process(ctx, d); err != nil {
				return // an error row
			}
			if err := d.Validate(); err != nil {
				t.Fatalf("after stage %s: %v", s.Name, err)
			}
		}
	})
}
