package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/pipeline/stagetest"
	_ "github.com/newsmill/newsmill/stages/builtin"
)

// discard is a Sink that drops documents.
type discard struct{}

func (discard) Write(context.Context, *pipeline.Doc) error { return nil }
func (discard) Close() error                               { return nil }

// BenchmarkScalingPipeline runs the whole default pipeline, one worker per
// stage, on one document of prose with ever new names at 1x (about 50 kB),
// 2x, 4x and 8x, after a first run that loads the models.
func BenchmarkScalingPipeline(b *testing.B) {
	steps, err := pipeline.Resolve([]string{"extract", "sentences", "entities", "quotes"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B, text string) {
		src := pipeline.SourceFunc(func(ctx context.Context, emit func(*pipeline.Doc) error) error {
			return emit(&pipeline.Doc{ID: "d", Text: text})
		})
		if _, err := pipeline.Run(context.Background(), pipeline.Config{Source: src, Steps: steps, Sink: discard{}, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
	run(b, "Warm-up. “Loaded,” she said.")
	for _, x := range stagetest.ScalingSizes {
		text := stagetest.Prose.Make(stagetest.Prose.Unit * x)
		b.Run(fmt.Sprintf("%s/%dx", stagetest.Prose.Name, x), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				run(b, text)
			}
		})
	}
}
