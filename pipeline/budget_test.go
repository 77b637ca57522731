package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsmill/newsmill/pipeline"
)

// docs emits the given documents.
func docs(ds ...*pipeline.Doc) pipeline.Source {
	return pipeline.SourceFunc(func(ctx context.Context, emit func(*pipeline.Doc) error) error {
		for _, d := range ds {
			if err := emit(d); err != nil {
				return err
			}
		}
		return nil
	})
}

func TestRunBudgetMakesSlowDocumentAnErrorRow(t *testing.T) {
	cases := []struct {
		name  string
		stage pipeline.StageFunc
	}{
		{"returns ctx.Err", func(ctx context.Context, d *pipeline.Doc) error {
			if d.ID == "slow" {
				<-ctx.Done()
				return ctx.Err()
			}
			return nil
		}},
		{"ignores ctx and returns nil", func(ctx context.Context, d *pipeline.Doc) error {
			if d.ID == "slow" {
				time.Sleep(80 * time.Millisecond)
			}
			return nil
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var sink collect
			stats, err := pipeline.Run(context.Background(), pipeline.Config{
				Source:     docs(&pipeline.Doc{ID: "a"}, &pipeline.Doc{ID: "slow"}, &pipeline.Doc{ID: "b"}),
				Steps:      []pipeline.Step{{Name: "entities", Stage: c.stage}},
				Sink:       &sink,
				MaxDocTime: 30 * time.Millisecond,
			})
			if err != nil {
				t.Fatal(err)
			}
			if stats.Docs != 2 || stats.Errors != 1 {
				t.Fatalf("docs %d errors %d, want 2 and 1", stats.Docs, stats.Errors)
			}
			got := sink.docs[1].Err
			const want = "entities: exceeded the 0.03 s budget per document"
			if got == nil || got.Error() != want {
				t.Fatalf("error %v, want %q", got, want)
			}
		})
	}
}

func TestRunCancelAbandonsStageIgnoringContext(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	spin := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		<-release // ignores ctx
		return nil
	})
	var sink collect
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := pipeline.Run(ctx, pipeline.Config{Source: numbered(3), Steps: []pipeline.Step{{Name: "spin", Stage: spin}}, Sink: &sink})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("Run returned %v after the cancel", d)
	}
	if sink.closed != 1 {
		t.Fatalf("sink closed %d times", sink.closed)
	}
}

func TestRunCapsLongIDs(t *testing.T) {
	long := strings.Repeat("x", 2<<20)
	var sink collect
	_, err := pipeline.Run(context.Background(), pipeline.Config{
		Source: docs(&pipeline.Doc{ID: long}, &pipeline.Doc{ID: long}, &pipeline.Doc{ID: strings.Repeat("y", pipeline.MaxIDBytes)}),
		Sink:   &sink,
	})
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := sink.docs[0], sink.docs[1], sink.docs[2]
	if len(a.ID) > pipeline.MaxIDBytes || a.ID != b.ID || !strings.HasPrefix(a.ID, "sha256:") {
		t.Fatalf("long id became %q and %q", a.ID, b.ID)
	}
	if len(a.Warnings) != 1 || !strings.Contains(a.Warnings[0], "2097152 bytes") {
		t.Fatalf("warnings %q", a.Warnings)
	}
	if len(c.ID) != pipeline.MaxIDBytes || c.Warnings != nil {
		t.Fatalf("an id of %d bytes was changed", pipeline.MaxIDBytes)
	}
}

func TestRunUniqueIDs(t *testing.T) {
	for _, unique := range []bool{false, true} {
		t.Run(fmt.Sprint(unique), func(t *testing.T) {
			var sink collect
			stats, err := pipeline.Run(context.Background(), pipeline.Config{
				Source: docs(&pipeline.Doc{ID: "a", Input: "/in/1.jsonl"}, &pipeline.Doc{ID: "b", Input: "/in/1.jsonl"},
					&pipeline.Doc{ID: "a", Input: "/in/2.jsonl"}, &pipeline.Doc{Input: "/in/2.jsonl"}, &pipeline.Doc{Input: "/in/2.jsonl"}),
				Sink:      &sink,
				UniqueIDs: unique,
			})
			if err != nil {
				t.Fatal(err)
			}
			if !unique {
				if stats.Errors != 0 {
					t.Fatalf("%d errors without UniqueIDs", stats.Errors)
				}
				return
			}
			if stats.Errors != 1 {
				t.Fatalf("%d errors, want 1 (empty ids are not compared)", stats.Errors)
			}
			const want = `read: duplicate doc_id "a", first seen in /in/1.jsonl`
			if err := sink.docs[2].Err; err == nil || err.Error() != want {
				t.Fatalf("error %v, want %q", err, want)
			}
		})
	}
}

func TestRunBoundsBytesInFlight(t *testing.T) {
	const bound = 1000
	var live, peak atomic.Int64
	size := func(d *pipeline.Doc) int64 { return min(int64(len(d.Text)), bound) }
	enter := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		n := live.Add(size(d))
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		return jitter(ctx, d)
	})
	var in []*pipeline.Doc
	for i := range 100 {
		in = append(in, &pipeline.Doc{ID: fmt.Sprint(i), Text: strings.Repeat("w ", 50+i*3)})
	}
	in = append(in, &pipeline.Doc{ID: "huge", Text: strings.Repeat("w", 5*bound)}) // larger than the bound: runs alone
	var written []*pipeline.Doc
	stats, err := pipeline.Run(context.Background(), pipeline.Config{
		Source:        docs(in...),
		Steps:         []pipeline.Step{{Name: "enter", Stage: enter, Workers: 4}},
		Sink:          &leaveSink{live: &live, size: size, docs: &written},
		InFlightBytes: bound,
	})
	if err != nil || stats.Docs != 101 {
		t.Fatalf("docs %d, err %v", stats.Docs, err)
	}
	if p := peak.Load(); p > bound {
		t.Fatalf("%d bytes in flight, bound is %d", p, bound)
	}
}

// leaveSink subtracts each document's size from live as it is written.
type leaveSink struct {
	live *atomic.Int64
	size func(*pipeline.Doc) int64
	docs *[]*pipeline.Doc
}

func (s *leaveSink) Write(_ context.Context, d *pipeline.Doc) error {
	s.live.Add(-s.size(d))
	*s.docs = append(*s.docs, d)
	return nil
}
func (s *leaveSink) Close() error { return nil }

func TestRunInvalidSpanFailsTheDocument(t *testing.T) {
	bad := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		if d.ID == "bad" {
			d.Entities = append(d.Entities, pipeline.Entity{Span: pipeline.Span{Start: 2, End: 99}})
		}
		return nil
	})
	var sink collect
	stats, err := pipeline.Run(context.Background(), pipeline.Config{
		Source: docs(&pipeline.Doc{ID: "ok", Text: "fine"}, &pipeline.Doc{ID: "bad", Text: "short"}),
		Steps:  []pipeline.Step{{Name: "people", Stage: bad}},
		Sink:   &sink,
	})
	if err != nil || stats.Errors != 1 {
		t.Fatalf("errors %d, err %v", stats.Errors, err)
	}
	const want = "people: entity 0: span [2,99) outside text of 5 bytes"
	if e := sink.docs[1].Err; e == nil || e.Error() != want {
		t.Fatalf("error %v, want %q", e, want)
	}
}

// BenchmarkValidate measures the check the engine makes after each stage,
// over a document with 10,000 entities.
func BenchmarkValidate(b *testing.B) {
	d := &pipeline.Doc{Text: strings.Repeat("Anna Smith met Bob. ", 10000)}
	for i := range 10000 {
		d.Entities = append(d.Entities, pipeline.Entity{Span: pipeline.Span{Start: 20 * i, End: 20*i + 10}})
	}
	for b.Loop() {
		if err := d.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
