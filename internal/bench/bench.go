// Package bench measures newsmill's whole pipeline (extract, sentences,
// entities, quotes) against prose v2's NewDocument with a shared model, on
// the same articles, in words per second. BenchmarkProse and
// BenchmarkPipeline in this package's tests run them under `go test
// -bench`; `go run ./internal/bench/ratio` runs both side by side and
// prints the ratio and the two-worker scaling.
package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jdkato/prose/v2"
	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/source"

	_ "github.com/newsmill/newsmill/stages/entities" // registers "entities"
	_ "github.com/newsmill/newsmill/stages/extract"  // registers "extract"
	_ "github.com/newsmill/newsmill/stages/quotes"   // registers "quotes"
	_ "github.com/newsmill/newsmill/stages/sentences"
)

// Stages are the pipeline's stages, in order.
var Stages = []string{"extract", "sentences", "entities", "quotes"}

// Copies is how many times each iteration processes the corpus, so that
// two workers have documents to share.
const Copies = 4

// Corpus is the benchmark input: the raw documents and their clean texts.
type Corpus struct {
	Raw   []*pipeline.Doc // as read, before extract
	Texts []string        // each document's Text after extract
	Words int             // pipeline.CountWords over Texts
}

// LoadCorpus reads the bundled articles under root (the repository's
// root): testdata/000_*.txt and testdata/articles. It runs the extract
// stage once to get the texts prose is given; it takes a few milliseconds.
// The Corpus is read-only afterwards and may be shared by benchmarks.
func LoadCorpus(root string) (*Corpus, error) {
	seeds, err := filepath.Glob(filepath.Join(root, "testdata", "000_*.txt"))
	if err != nil {
		return nil, err
	}
	paths := append(seeds, filepath.Join(root, "testdata", "articles"))
	c := &Corpus{}
	err = source.New(paths).Read(context.Background(), func(d *pipeline.Doc) error {
		if d.Err != nil {
			return fmt.Errorf("%s: %s", d.Source, d.Err.Message())
		}
		c.Raw = append(c.Raw, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(c.Raw) == 0 {
		return nil, fmt.Errorf("no articles under %s", root)
	}
	spec, _ := pipeline.Lookup("extract")
	ex, err := spec.New(nil)
	if err != nil {
		return nil, err
	}
	for _, raw := range c.Raw {
		d := clone(raw)
		if err := ex.Process(context.Background(), d); err != nil {
			return nil, err
		}
		c.Texts = append(c.Texts, d.Text)
		c.Words += pipeline.CountWords(d.Text)
	}
	return c, nil
}

// clone copies the fields a source sets, so that every run starts from the
// raw document.
func clone(d *pipeline.Doc) *pipeline.Doc {
	return &pipeline.Doc{ID: d.ID, Source: d.Source, URL: d.URL, Title: d.Title, Site: d.Site,
		Published: d.Published, Authors: d.Authors, Language: d.Language, HTML: d.HTML, Text: d.Text}
}

var (
	proseOnce  sync.Once
	proseModel *prose.Model
	proseErr   error
)

// sharedProse loads prose's model once.
func sharedProse() (*prose.Model, error) {
	proseOnce.Do(func() {
		var doc *prose.Document
		if doc, proseErr = prose.NewDocument(""); proseErr == nil {
			proseModel = doc.Model
		}
	})
	return proseModel, proseErr
}

// Prose returns a benchmark that runs prose.NewDocument, with its shared
// model and all its steps (segmentation, tagging, NER), on every text of c,
// Copies times per iteration, and reports words/s.
func Prose(c *Corpus) func(b *testing.B) {
	return func(b *testing.B) {
		m, err := sharedProse()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			for range Copies {
				for _, t := range c.Texts {
					doc, err := prose.NewDocument(t, prose.UsingModel(m))
					if err != nil {
						b.Fatal(err)
					}
					_ = doc.Entities()
				}
			}
		}
		reportWords(b, c.Words*Copies)
	}
}

// Pipeline returns a benchmark that runs every stage of Stages with
// pipeline.Run and the given workers per stage on c's raw documents,
// Copies times per iteration, and reports words/s.
func Pipeline(c *Corpus, workers int) func(b *testing.B) {
	return func(b *testing.B) {
		steps, err := newSteps()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			src := pipeline.SourceFunc(func(ctx context.Context, emit func(*pipeline.Doc) error) error {
				for range Copies {
					for _, d := range c.Raw {
						if err := emit(clone(d)); err != nil {
							return err
						}
					}
				}
				return nil
			})
			sink := &discard{}
			if _, err := pipeline.Run(context.Background(), pipeline.Config{Source: src, Steps: steps, Sink: sink, Workers: workers}); err != nil {
				b.Fatal(err)
			}
			if sink.failed > 0 {
				b.Fatalf("%d documents failed", sink.failed)
			}
		}
		reportWords(b, c.Words*Copies)
	}
}

// newSteps builds Stages with their default options.
func newSteps() ([]pipeline.Step, error) {
	var steps []pipeline.Step
	for _, name := range Stages {
		spec, ok := pipeline.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("stage %q not registered", name)
		}
		st, err := spec.New(nil)
		if err != nil {
			return nil, err
		}
		steps = append(steps, pipeline.Step{Name: name, Stage: st})
	}
	return steps, nil
}

// reportWords adds the words/s metric for b.N iterations of perOp words.
func reportWords(b *testing.B, perOp int) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(perOp*b.N)/s, "words/s")
	}
}

// StagesParallel returns a benchmark that runs every stage of Stages on each raw
// document of c in turn, without the engine, from GOMAXPROCS goroutines
// at once (b.RunParallel), and reports words/s: how the stages themselves
// scale with cores.
func StagesParallel(c *Corpus) func(b *testing.B) {
	return func(b *testing.B) {
		steps, err := newSteps()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				for _, raw := range c.Raw {
					d := clone(raw)
					for _, s := range steps {
						if err := s.Stage.Process(context.Background(), d); err != nil {
							b.Error(err)
							return
						}
					}
				}
			}
		})
		reportWords(b, c.Words)
	}
}

// Stage returns a benchmark of the stage Stages[i] alone: each iteration
// runs it on a shallow copy of every document of c as the stages before it
// left it, Copies times, and reports words/s. Comparing the stages' times
// gives each one's share of the pipeline.
func Stage(c *Corpus, i int) func(b *testing.B) {
	return func(b *testing.B) {
		steps, err := newSteps()
		if err != nil {
			b.Fatal(err)
		}
		var ready []*pipeline.Doc
		for _, raw := range c.Raw {
			d := clone(raw)
			for _, s := range steps[:i] {
				if err := s.Stage.Process(context.Background(), d); err != nil {
					b.Fatal(err)
				}
			}
			ready = append(ready, d)
		}
		st := steps[i].Stage
		b.ReportAllocs()
		for b.Loop() {
			for range Copies {
				for _, d := range ready {
					cp := *d
					if err := st.Process(context.Background(), &cp); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		reportWords(b, c.Words*Copies)
	}
}

// Spin is a control benchmark: a CPU-bound loop with no memory traffic,
// from GOMAXPROCS goroutines at once. Its scaling from one core to two is
// what the machine allows at the moment of measuring; on a shared machine
// it can be far below 2.
func Spin(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		x := uint64(1)
		for pb.Next() {
			for range 10000 {
				x = x*6364136223846793005 + 1442695040888963407
			}
		}
		spinSink.Add(x)
	})
}

var spinSink atomic.Uint64

// discard is a Sink that keeps nothing and counts failed documents.
type discard struct{ failed int }

func (d *discard) Write(_ context.Context, doc *pipeline.Doc) error {
	if doc.Err != nil {
		d.failed++
	}
	return nil
}

func (d *discard) Close() error { return nil }

// WordsPerSecond returns the words/s metric a Prose or Pipeline benchmark
// result reported, or 0.
func WordsPerSecond(r testing.BenchmarkResult) float64 { return r.Extra["words/s"] }
