// Package stagetest checks that a pipeline stage keeps the engine's
// contract. A stage's author calls Conformance from a test, ideally run
// with -race:
//
//	func TestConformance(t *testing.T) {
//		stagetest.Conformance(t, "mystage", []string{"extract", "sentences"}, stagetest.Texts(
//			"“We are ready,” said Anna Berg.",
//			"Another article.",
//		))
//	}
//
// It runs the stage through pipeline.Run the way the CLI does and checks
// that parallel workers give the same result as one, that documents failed
// upstream are skipped and untouched, that cancellation stops the run
// promptly, and that every span lies inside the text on character
// boundaries.
package stagetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/newsmill/newsmill/pipeline"
)

// Texts builds documents from plain texts, for Conformance.
func Texts(texts ...string) []*pipeline.Doc {
	docs := make([]*pipeline.Doc, len(texts))
	for i, t := range texts {
		docs[i] = &pipeline.Doc{ID: fmt.Sprint("doc", i), Source: fmt.Sprint("stagetest:", i), Text: t}
	}
	return docs
}

// Conformance runs the stage called name in pipeline.Default after the
// stages in before (registered names, which must provide what it requires)
// over copies of docs, and reports every breach of the stage contract as a
// test error. It needs at least one document; it costs about six runs of
// the stages over docs.
func Conformance(t testing.TB, name string, before []string, docs []*pipeline.Doc) {
	t.Helper()
	ConformanceIn(t, pipeline.Default, name, before, docs)
}

// ConformanceIn is Conformance with the stages looked up in r.
func ConformanceIn(t testing.TB, r *pipeline.Registry, name string, before []string, docs []*pipeline.Doc) {
	t.Helper()
	if len(docs) == 0 {
		t.Fatal("stagetest: Conformance needs at least one document")
	}
	names := append(append([]string(nil), before...), name)

	// One worker is the reference.
	ref, err := run(context.Background(), r, names, clone(docs), 1, nil)
	if err != nil {
		t.Fatalf("stagetest: run with one worker: %v", err)
	}
	for _, d := range ref {
		if err := d.Validate(); err != nil {
			t.Errorf("stagetest: %s: %v", d.ID, err)
		}
	}

	// Four workers over the documents repeated: same result, in order.
	var many []*pipeline.Doc
	for range 4 {
		many = append(many, clone(docs)...)
	}
	par, err := run(context.Background(), r, names, many, 4, nil)
	if err != nil {
		t.Fatalf("stagetest: run with four workers: %v", err)
	}
	for i, d := range par {
		if want := ref[i%len(ref)]; !sameAnnotations(d, want) {
			t.Errorf("stagetest: %s annotated differently with four workers than with one", d.ID)
		}
	}

	// A document failed upstream reaches the sink untouched.
	failed := clone(docs)
	failed[0].Fail("upstream", "failed before %s", name)
	kept := *failed[0]
	out, err := run(context.Background(), r, names, failed, 2, nil)
	if err != nil {
		t.Fatalf("stagetest: run with a failed document: %v", err)
	}
	if d := out[0]; d.Err == nil || d.Err.Stage != "upstream" || !sameAnnotations(d, &kept) {
		t.Errorf("stagetest: a document failed upstream was processed (err %v)", d.Err)
	}

	// Cancellation: the run returns promptly with the context's error.
	ctx, cancel := context.WithCancel(context.Background())
	var endless []*pipeline.Doc
	for range 64 {
		endless = append(endless, clone(docs)...)
	}
	done := make(chan error, 1)
	go func() {
		_, err := run(ctx, r, names, endless, 2, cancel)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("stagetest: cancelled run returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Error("stagetest: run did not stop within 30 s of cancellation")
	}
}

// run resolves names and runs them over docs, returning the documents the
// sink received. When cancelAfterFirst is set it is called after the
// first document is written.
func run(ctx context.Context, r *pipeline.Registry, names []string, docs []*pipeline.Doc, workers int, cancelAfterFirst func()) ([]*pipeline.Doc, error) {
	steps, err := r.Resolve(names, nil)
	if err != nil {
		return nil, err
	}
	src := pipeline.SourceFunc(func(ctx context.Context, emit func(*pipeline.Doc) error) error {
		for _, d := range docs {
			if err := emit(d); err != nil {
				return err
			}
		}
		return nil
	})
	sink := &keep{onWrite: cancelAfterFirst}
	_, err = pipeline.Run(ctx, pipeline.Config{Source: src, Steps: steps, Sink: sink, Workers: workers})
	return sink.docs, err
}

// keep is a Sink that keeps the documents it is given.
type keep struct {
	docs    []*pipeline.Doc
	onWrite func()
}

func (k *keep) Write(_ context.Context, d *pipeline.Doc) error {
	k.docs = append(k.docs, d)
	if k.onWrite != nil {
		k.onWrite()
	}
	return nil
}

func (k *keep) Close() error { return nil }

// clone copies the input fields of docs, so each run starts afresh.
func clone(docs []*pipeline.Doc) []*pipeline.Doc {
	out := make([]*pipeline.Doc, len(docs))
	for i, d := range docs {
		out[i] = &pipeline.Doc{ID: d.ID, Source: d.Source, URL: d.URL, Title: d.Title, Site: d.Site,
			Published: d.Published, Authors: d.Authors, Language: d.Language, HTML: d.HTML, Text: d.Text}
	}
	return out
}

// sameAnnotations compares what stages write, ignoring Seq.
func sameAnnotations(a, b *pipeline.Doc) bool {
	x, y := *a, *b
	x.Seq, y.Seq = 0, 0
	return reflect.DeepEqual(x, y)
}
