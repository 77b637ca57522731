package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"golang.org/x/sync/errgroup"
)

// ErrFatal, wrapped in an error returned by a Stage, a Source or a Sink,
// stops the whole run instead of failing one document.
var ErrFatal = errors.New("fatal")

// ErrStopped is returned by Run, and by a source's emit, after Config.Stop
// was closed.
var ErrStopped = errors.New("stopped before the end of the input")

// Source produces documents. Read calls emit once per document, in input
// order, and returns when the input is exhausted, when emit returns an error
// (return that error), or when ctx is done. A record that cannot be parsed
// is emitted as a Doc with Err set, so that it becomes an error row. emit
// blocks while the run has its maximum of documents in flight.
type Source interface {
	Read(ctx context.Context, emit func(*Doc) error) error
}

// SourceFunc adapts a function to the Source interface.
type SourceFunc func(ctx context.Context, emit func(*Doc) error) error

// Read calls f(ctx, emit).
func (f SourceFunc) Read(ctx context.Context, emit func(*Doc) error) error { return f(ctx, emit) }

// Sink consumes finished documents, failed ones included, in input order
// from a single goroutine. Close is called once at the end of the run, also
// after a failure or cancellation, and must leave complete, valid output
// for whatever was written.
type Sink interface {
	Write(ctx context.Context, d *Doc) error
	Close() error
}

// Step is one stage placed in a run.
type Step struct {
	Name  string
	Stage Stage
	// Workers is the number of goroutines calling Process; 0 means
	// Config.Workers.
	Workers int
	// Columns are the output columns the stage declared (Spec.Columns).
	Columns []Column
}

// Config sets up a Run.
type Config struct {
	Source Source
	Steps  []Step
	Sink   Sink
	// Workers is the default number of workers per step (1 when < 1).
	Workers int
	// InFlight bounds the documents between the source and the sink
	// (4 × the largest worker count, at least 16, when < 1).
	InFlight int
	// Recover turns a panic inside a stage into an error row for that
	// document, with a *PanicError as the cause, instead of crashing the
	// process; the panic's stack trace is logged to Log.
	Recover bool
	// Log receives the stack traces of recovered panics; nil means
	// slog.Default().
	Log *slog.Logger
	// Stop, when closed, ends reading: the source's emit returns ErrStopped,
	// the documents already read finish every stage and are written, and
	// Run returns ErrStopped. Cancelling the context instead drops the
	// documents in flight.
	Stop <-chan struct{}
	// OnDoc, when set, is called from the sink goroutine after each
	// document is written; progress reporting hooks in here.
	OnDoc func(*Doc)
}

// StepStats counts what one step did.
type StepStats struct {
	Name   string
	Docs   int64         // documents given to Process
	Errors int64         // documents Process failed
	Busy   time.Duration // time spent inside Process, summed over workers
}

// Stats summarises a run.
type Stats struct {
	Docs    int64 // documents written without error
	Errors  int64 // error rows (failed documents), read errors included
	Words   int64 // words of Text over successful documents
	Elapsed time.Duration
	Steps   []StepStats
}

type stepCounter struct {
	docs, errors, busy atomic.Int64
}

// Run reads every document from cfg.Source, passes it through cfg.Steps in
// order and writes it to cfg.Sink in input order. Stages run in parallel,
// each with its own workers; at most cfg.InFlight documents exist at once.
// A document a stage fails skips the later stages and reaches the sink with
// Err set. Run returns when the input is exhausted and every document is
// written, or on the first fatal error (source, sink or ErrFatal from a
// stage), or when ctx is cancelled; in every case it has called Open and
// Close on the stages that have them, and Close on the sink, and no
// goroutine it started is left running. The returned Stats are valid even
// with an error.
func Run(ctx context.Context, cfg Config) (Stats, error) {
	start := time.Now()
	workers := max(cfg.Workers, 1)
	inflight := cfg.InFlight
	if inflight < 1 {
		w := workers
		for _, s := range cfg.Steps {
			w = max(w, s.Workers)
		}
		inflight = max(16, 4*w)
	}
	counters := make([]stepCounter, len(cfg.Steps))
	var stats Stats
	finish := func() {
		stats.Elapsed = time.Since(start)
		stats.Steps = make([]StepStats, len(cfg.Steps))
		for i, s := range cfg.Steps {
			stats.Steps[i] = StepStats{
				Name:   s.Name,
				Docs:   counters[i].docs.Load(),
				Errors: counters[i].errors.Load(),
				Busy:   time.Duration(counters[i].busy.Load()),
			}
		}
	}

	var err error
	opened := 0
	for _, s := range cfg.Steps {
		if o, ok := s.Stage.(Opener); ok {
			if err = o.Open(ctx); err != nil {
				err = fmt.Errorf("open stage %s: %w", s.Name, err)
				break
			}
		}
		opened++
	}
	if err == nil {
		err = run(ctx, cfg, workers, inflight, counters, &stats)
	}
	for _, s := range cfg.Steps[:opened] {
		if c, ok := s.Stage.(Closer); ok {
			if cerr := c.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("close stage %s: %w", s.Name, cerr)
			}
		}
	}
	if cerr := cfg.Sink.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("close output: %w", cerr)
	}
	finish()
	return stats, err
}

func run(ctx context.Context, cfg Config, workers, inflight int, counters []stepCounter, stats *Stats) error {
	var log *slog.Logger // nil: panics are not recovered
	if cfg.Recover {
		log = cfg.Log
		if log == nil {
			log = slog.Default()
		}
	}
	g, ctx := errgroup.WithContext(ctx)
	slots := make(chan struct{}, inflight)
	stopped := false // written by the source goroutine, read after g.Wait

	// Source: numbers documents and takes a slot for each.
	first := make(chan *Doc)
	g.Go(func() error {
		defer close(first)
		var seq int64
		err := cfg.Source.Read(ctx, func(d *Doc) error {
			select {
			case <-cfg.Stop:
				return ErrStopped
			default:
			}
			select {
			case slots <- struct{}{}:
			case <-cfg.Stop:
				return ErrStopped
			case <-ctx.Done():
				return ctx.Err()
			}
			d.Seq = seq
			seq++
			select {
			case first <- d:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		switch {
		case errors.Is(err, ErrStopped):
			stopped = true
			return nil
		case err != nil && ctx.Err() == nil:
			return fmt.Errorf("read input: %w", err)
		}
		return err
	})

	// Steps: each reads from in and writes to its own out, which it closes
	// when its last worker is done.
	last := first
	for i, step := range cfg.Steps {
		in, out := last, make(chan *Doc)
		n := step.Workers
		if n < 1 {
			n = workers
		}
		var wg sync.WaitGroup
		wg.Add(n)
		for range n {
			g.Go(func() error {
				defer wg.Done()
				for d := range in {
					if d.Err == nil {
						if err := process(ctx, step, d, log, &counters[i]); err != nil {
							return err
						}
					}
					select {
					case out <- d:
					case <-ctx.Done():
						return ctx.Err()
					}
				}
				return nil
			})
		}
		g.Go(func() error {
			wg.Wait()
			close(out)
			return nil
		})
		last = out
	}

	// Sink: puts documents back in input order and writes them.
	g.Go(func() error {
		pending := map[int64]*Doc{}
		var next int64
		for d := range last {
			pending[d.Seq] = d
			for {
				d, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				if err := cfg.Sink.Write(ctx, d); err != nil {
					return fmt.Errorf("write output: %w", err)
				}
				if d.Err != nil {
					stats.Errors++
				} else {
					stats.Docs++
					stats.Words += int64(CountWords(d.Text))
				}
				if cfg.OnDoc != nil {
					cfg.OnDoc(d)
				}
				<-slots
			}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return err
	}
	if stopped {
		return ErrStopped
	}
	return nil
}

// process runs one stage on one document and records the outcome.
func process(ctx context.Context, step Step, d *Doc, log *slog.Logger, c *stepCounter) (fatal error) {
	t := time.Now()
	var err error
	func() {
		if log != nil {
			defer func() {
				if r := recover(); r != nil {
					p := &PanicError{Value: r, Stack: debug.Stack()}
					log.Error("stage panicked; the document becomes an error row", "stage", step.Name,
						"doc_id", d.ID, "source", d.Source, "panic", p.Error(), "stack", string(p.Stack))
					err = p
				}
			}()
		}
		err = step.Stage.Process(ctx, d)
		if err == nil && len(step.Columns) > 0 {
			err = checkValues(d, step.Columns)
		}
	}()
	c.busy.Add(int64(time.Since(t)))
	c.docs.Add(1)
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrFatal) {
		return fmt.Errorf("stage %s: %w", step.Name, err)
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return err
	}
	c.errors.Add(1)
	if d.Err == nil {
		d.Err = &StageError{Stage: step.Name, Err: err}
	}
	return nil
}

// CountWords counts the runs of non-space characters in s, as wc -w does;
// the summary's word counts use it. It does not allocate.
func CountWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := !unicode.IsSpace(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
