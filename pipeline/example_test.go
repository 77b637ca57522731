package pipeline_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsmill/newsmill/pipeline"
)

// exclaim is a custom stage: it counts the exclamation marks in each
// document's text and keeps the count in the title.
type exclaim struct{}

func (exclaim) Process(ctx context.Context, d *pipeline.Doc) error {
	if strings.Contains(d.Text, "error") {
		return fmt.Errorf("refusing %q", d.ID)
	}
	d.Title = fmt.Sprintf("%d!", strings.Count(d.Text, "!"))
	return nil
}

// printer is a Sink that prints each document.
type printer struct{}

func (printer) Write(ctx context.Context, d *pipeline.Doc) error {
	if d.Err != nil {
		fmt.Printf("%s: error row: %v\n", d.ID, d.Err)
		return nil
	}
	fmt.Printf("%s: %s\n", d.ID, d.Title)
	return nil
}

func (printer) Close() error { return nil }

// Register a custom stage by name, resolve it into a run after a stage
// that provides text, and run it over three documents with four workers:
// output keeps input order, and a failure becomes an error row. The stages
// go into a registry of the example's own; a program registers its stages
// with pipeline.Register from init functions instead.
func Example_customStage() {
	reg := pipeline.NewRegistry()
	reg.Register(pipeline.Spec{
		Name:     "example-exclaim",
		Requires: []string{"text"},
		Provides: []string{"title"},
		New:      func(pipeline.Options) (pipeline.Stage, error) { return exclaim{}, nil },
	})
	reg.Register(pipeline.Spec{
		Name:     "example-text",
		Requires: []string{"raw"},
		Provides: []string{"text"},
		New: func(pipeline.Options) (pipeline.Stage, error) {
			return pipeline.StageFunc(func(context.Context, *pipeline.Doc) error { return nil }), nil
		},
	})
	steps, err := reg.Resolve([]string{"example-text", "example-exclaim"}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	src := pipeline.SourceFunc(func(ctx context.Context, emit func(*pipeline.Doc) error) error {
		for i, text := range []string{"Wow! Really!", "an error", "Calm."} {
			if err := emit(&pipeline.Doc{ID: fmt.Sprint("doc", i), Text: text}); err != nil {
				return err
			}
		}
		return nil
	})
	stats, err := pipeline.Run(context.Background(), pipeline.Config{Source: src, Steps: steps, Sink: printer{}, Workers: 4})
	fmt.Println(stats.Docs, "documents,", stats.Errors, "error rows,", err)
	// Output:
	// doc0: 2!
	// doc1: error row: example-exclaim: refusing "doc1"
	// doc2: 0!
	// 2 documents, 1 error rows, <nil>
}
