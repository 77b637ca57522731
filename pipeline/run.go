package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

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
	// Stop, when closed, ends reading: the context Source.Read got is
	// cancelled (a source blocked on a stalled input returns at once),
	// its emit returns ErrStopped, the documents already read finish every
	// stage and are written, and Run returns ErrStopped. Cancelling the
	// context instead drops the documents in flight.
	Stop <-chan struct{}
	// OnDoc, when set, is called from the sink goroutine after each
	// document is written; progress reporting hooks in here.
	OnDoc func(*Doc)
	// MaxDocTime is the time budget of one document in one stage (0: no
	// budget). Process receives a context with that deadline; a stage that
	// returns after it, whatever it returns, fails the document with an
	// error naming the stage and the budget, and the run goes on.
	MaxDocTime time.Duration
	// InFlightBytes bounds the memory of the documents in flight, each
	// charged with its Estimate over Steps (its size as read plus each
	// stage's working set), besides InFlight's count; 0 means no bound. A
	// document whose estimate is larger than the bound still runs, alone.
	InFlightBytes int64
	// UniqueIDs makes the second and later documents of a run with an ID
	// already seen error rows ("duplicate doc_id"). It keeps an 8-byte hash
	// and a 4-byte input index per document (about 20 bytes with the map).
	UniqueIDs bool
}

// MaxIDBytes is the longest document ID kept as given: a longer one, which
// every child row would repeat, is replaced by "sha256:" and the first 32
// hex digits of its SHA-256, with a warning on the document holding the
// original's length and first bytes.
const MaxIDBytes = 256

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
// Err set; so does one whose spans a stage left not fitting its text
// (Doc.Validate is checked after each stage). Run returns when the input is exhausted and every document is
// written, or on the first fatal error (source, sink or ErrFatal from a
// stage), or when ctx is cancelled; in every case it has called Open and
// Close on the stages that have them, and Close on the sink, and no
// goroutine it started is left running, but for a stage's Process that
// ignores a cancelled ctx, which is abandoned. The returned Stats are valid
// even with an error.
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
	// The sink first: what was written is committed even when a stage's
	// Close then hangs.
	if cerr := cfg.Sink.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("close output: %w", cerr)
	}
	for _, s := range cfg.Steps[:opened] {
		if c, ok := s.Stage.(Closer); ok {
			if cerr := c.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("close stage %s: %w", s.Name, cerr)
			}
		}
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
	bytes := newByteBound(cfg.InFlightBytes, cfg.Steps)
	ids := newIDSet(cfg.UniqueIDs)
	stopped := false // written by the source goroutine, read after g.Wait

	// Source: numbers documents and takes a slot for each.
	first := make(chan *Doc)
	g.Go(func() error {
		defer close(first)
		// The source reads under a context that Stop also cancels, so
		// that a source blocked on a stalled input (a producer that hangs
		// on standard input, a slow network file) returns on the first
		// stop instead of waiting for its next document.
		srcCtx, cancelSrc := context.WithCancel(ctx)
		defer cancelSrc()
		go func() {
			select {
			case <-cfg.Stop:
				cancelSrc()
			case <-srcCtx.Done():
			}
		}()
		var seq int64
		err := cfg.Source.Read(srcCtx, func(d *Doc) error {
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
			if err := bytes.acquire(ctx, cfg.Stop, d); err != nil {
				<-slots
				return err
			}
			seq++
			capID(d)
			ids.check(d)
			select {
			case first <- d:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		switch {
		case errors.Is(err, ErrStopped),
			err != nil && ctx.Err() == nil && srcCtx.Err() != nil && errors.Is(err, context.Canceled):
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
						if err := process(ctx, step, d, log, cfg.MaxDocTime, &counters[i]); err != nil {
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
				bytes.release(d)
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

// process runs one stage on one document and records the outcome. The
// stage runs on a goroutine of its own, so that when ctx is cancelled
// (a second signal) process returns at once even if the stage ignores
// ctx; that goroutine is abandoned and the document dropped.
func process(ctx context.Context, step Step, d *Doc, log *slog.Logger, budget time.Duration, c *stepCounter) (fatal error) {
	t := time.Now()
	dctx, cancel := ctx, context.CancelFunc(func() {})
	if budget > 0 {
		dctx, cancel = context.WithTimeout(ctx, budget)
	}
	defer cancel()
	done := make(chan error, 1)
	go func() {
		var err error
		defer func() { done <- err }()
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
		err = step.Stage.Process(dctx, d)
		if err == nil {
			// One pass over the spans (about 15 ns each, 0.16 ms for
			// 10,000 entities; BenchmarkValidate): a span that does not
			// fit the text fails the document instead of being clamped by
			// the sink.
			err = d.Validate()
		}
		if err == nil && len(step.Columns) > 0 {
			err = checkValues(d, step.Columns)
		}
	}()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	elapsed := time.Since(t)
	c.busy.Add(int64(elapsed))
	c.docs.Add(1)
	if ctx.Err() != nil && err != nil && errors.Is(err, ctx.Err()) {
		return err
	}
	if budget > 0 && ctx.Err() == nil && (elapsed >= budget || dctx.Err() != nil) {
		err = &BudgetError{Budget: budget}
	}
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrFatal) {
		return fmt.Errorf("stage %s: %w", step.Name, err)
	}
	c.errors.Add(1)
	if d.Err == nil {
		d.Err = &StageError{Stage: step.Name, Err: err}
	}
	return nil
}

// BudgetError is the cause of a StageError when a stage spent longer than
// Config.MaxDocTime on a document.
type BudgetError struct{ Budget time.Duration }

func (e *BudgetError) Error() string {
	return fmt.Sprintf("exceeded the %g s budget per document", e.Budget.Seconds())
}

// Is makes errors.Is(err, context.DeadlineExceeded) true.
func (e *BudgetError) Is(target error) bool { return target == context.DeadlineExceeded }

// capID replaces an ID longer than MaxIDBytes by a hash of it (see
// MaxIDBytes).
func capID(d *Doc) {
	if len(d.ID) <= MaxIDBytes {
		return
	}
	sum := sha256.Sum256([]byte(d.ID))
	prefix := d.ID[:32]
	for !utf8.ValidString(prefix) && len(prefix) > 0 {
		prefix = prefix[:len(prefix)-1]
	}
	d.Warn("id of %d bytes (%q...) replaced by a hash: ids are at most %d bytes", len(d.ID), prefix, MaxIDBytes)
	d.ID = "sha256:" + hex.EncodeToString(sum[:16])
}

// idSet finds documents whose ID an earlier document of the run had. It
// is used by the source goroutine only.
type idSet struct {
	seen   map[uint64]uint32 // hash of the ID -> index in inputs
	inputs []string
	last   map[string]uint32
}

func newIDSet(on bool) *idSet {
	if !on {
		return nil
	}
	return &idSet{seen: map[uint64]uint32{}, last: map[string]uint32{}}
}

// check fails d when its ID was seen before. Two different IDs with the
// same 64-bit hash (odds about n²/2⁶⁵) would be reported as duplicates.
func (s *idSet) check(d *Doc) {
	if s == nil || d.ID == "" || d.Err != nil {
		return
	}
	h := maphash.String(idSeed, d.ID)
	if i, ok := s.seen[h]; ok {
		d.Err = &StageError{Stage: "read", Err: fmt.Errorf("duplicate doc_id %q, first seen in %s", d.ID, s.inputs[i])}
		return
	}
	i, ok := s.last[d.Input]
	if !ok {
		name := d.Input
		switch name {
		case "-":
			name = "standard input"
		case "":
			name = "this run"
		}
		i = uint32(len(s.inputs))
		s.inputs = append(s.inputs, name)
		s.last[d.Input] = i
	}
	s.seen[h] = i
}

var idSeed = maphash.MakeSeed()

// byteBound is a semaphore over the estimated memory of the documents in
// flight (see Estimate); nil means no bound.
type byteBound struct {
	max   int64
	steps []Step
	mu    sync.Mutex
	used  int64
	held  map[int64]int64 // bytes acquired, by Doc.Seq (stages change the sizes)
	wake  chan struct{}   // closed and replaced on each release
}

func newByteBound(n int64, steps []Step) *byteBound {
	if n <= 0 {
		return nil
	}
	return &byteBound{max: n, steps: steps, held: map[int64]int64{}, wake: make(chan struct{})}
}

// docBytes is what a document counts against the bound: its Estimate, at
// most the whole bound (so that a larger document runs alone).
func (b *byteBound) docBytes(d *Doc) int64 {
	return min(Estimate(b.steps, d), b.max)
}

// acquire waits until d fits among the documents in flight.
func (b *byteBound) acquire(ctx context.Context, stop <-chan struct{}, d *Doc) error {
	if b == nil {
		return nil
	}
	n := b.docBytes(d)
	for {
		b.mu.Lock()
		if b.used+n <= b.max {
			b.used += n
			b.held[d.Seq] = n
			b.mu.Unlock()
			return nil
		}
		wake := b.wake
		b.mu.Unlock()
		select {
		case <-wake:
		case <-stop:
			return ErrStopped
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// release returns the bytes d acquired.
func (b *byteBound) release(d *Doc) {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.used -= b.held[d.Seq]
	delete(b.held, d.Seq)
	close(b.wake)
	b.wake = make(chan struct{})
	b.mu.Unlock()
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
