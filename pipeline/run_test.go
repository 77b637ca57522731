package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsmill/newsmill/pipeline"
)

// numbered emits n documents whose Text is their input position.
func numbered(n int) pipeline.Source {
	return pipeline.SourceFunc(func(ctx context.Context, emit func(*pipeline.Doc) error) error {
		for i := range n {
			if err := emit(&pipeline.Doc{ID: fmt.Sprint(i), Text: fmt.Sprintf("doc %d", i)}); err != nil {
				return err
			}
		}
		return nil
	})
}

// collect is a Sink that keeps what it is given.
type collect struct {
	mu     sync.Mutex
	docs   []*pipeline.Doc
	closed int
	block  chan struct{} // when set, Write waits on it
}

func (c *collect) Write(ctx context.Context, d *pipeline.Doc) error {
	if c.block != nil {
		select {
		case <-c.block:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.docs = append(c.docs, d)
	return nil
}

func (c *collect) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed++
	return nil
}

// jitter sleeps a random short time, so that workers finish out of order.
func jitter(ctx context.Context, d *pipeline.Doc) error {
	time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
	return nil
}

// checkNoLeak fails the test if goroutines started after before are still
// running shortly after the run returned.
func checkNoLeak(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("goroutines left behind: %d > %d\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestRunKeepsInputOrder(t *testing.T) {
	for _, tc := range []struct {
		name     string
		workers  []int
		inflight int
	}{
		{"one worker", []int{1, 1}, 0},
		{"four workers", []int{4, 4}, 0},
		{"mixed", []int{3, 1, 5}, 0},
		{"tight bound", []int{4, 4}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			var steps []pipeline.Step
			for i, w := range tc.workers {
				steps = append(steps, pipeline.Step{Name: fmt.Sprint("s", i), Stage: pipeline.StageFunc(jitter), Workers: w})
			}
			sink := &collect{}
			stats, err := pipeline.Run(context.Background(), pipeline.Config{
				Source: numbered(200), Steps: steps, Sink: sink, InFlight: tc.inflight,
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(sink.docs) != 200 || stats.Docs != 200 || stats.Words != 400 {
				t.Fatalf("wrote %d docs, stats %+v", len(sink.docs), stats)
			}
			for i, d := range sink.docs {
				if d.Seq != int64(i) || d.ID != fmt.Sprint(i) {
					t.Fatalf("position %d holds doc %s (seq %d)", i, d.ID, d.Seq)
				}
			}
			if sink.closed != 1 {
				t.Errorf("sink closed %d times", sink.closed)
			}
			for i, s := range stats.Steps {
				if s.Docs != 200 {
					t.Errorf("step %d processed %d docs", i, s.Docs)
				}
			}
			checkNoLeak(t, before)
		})
	}
}

func TestRunBoundsDocumentsInFlight(t *testing.T) {
	var live, peak atomic.Int64
	enter := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		n := live.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		return jitter(ctx, d)
	})
	leave := &countingSink{onWrite: func() { live.Add(-1) }}
	_, err := pipeline.Run(context.Background(), pipeline.Config{
		Source:   numbered(300),
		Steps:    []pipeline.Step{{Name: "enter", Stage: enter, Workers: 4}, {Name: "slow", Stage: pipeline.StageFunc(jitter), Workers: 1}},
		Sink:     leave,
		InFlight: 5,
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p > 5 {
		t.Fatalf("%d documents in flight, bound is 5", p)
	}
}

type countingSink struct{ onWrite func() }

func (c *countingSink) Write(context.Context, *pipeline.Doc) error { c.onWrite(); return nil }
func (c *countingSink) Close() error                               { return nil }

func TestRunStageErrorsBecomeErrorRows(t *testing.T) {
	failOdd := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		if d.Seq%2 == 1 {
			return errors.New("odd document")
		}
		return nil
	})
	var after atomic.Int64
	count := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		if d.Err != nil {
			t.Errorf("doc %d reached a later stage despite its error", d.Seq)
		}
		after.Add(1)
		return nil
	})
	sink := &collect{}
	stats, err := pipeline.Run(context.Background(), pipeline.Config{
		Source:  numbered(10),
		Steps:   []pipeline.Step{{Name: "fail", Stage: failOdd}, {Name: "count", Stage: count}},
		Sink:    sink,
		Workers: 3,
	})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Docs != 5 || stats.Errors != 5 || after.Load() != 5 {
		t.Fatalf("docs %d errors %d later-stage calls %d", stats.Docs, stats.Errors, after.Load())
	}
	if stats.Steps[0].Errors != 5 || stats.Steps[1].Docs != 5 {
		t.Fatalf("step stats %+v", stats.Steps)
	}
	for _, d := range sink.docs {
		want := d.Seq%2 == 1
		if (d.Err != nil) != want {
			t.Fatalf("doc %d: err %v", d.Seq, d.Err)
		}
		if want && (d.Err.Stage != "fail" || d.Err.Message() != "odd document") {
			t.Fatalf("doc %d: err %+v", d.Seq, d.Err)
		}
	}
}

func TestRunFatalStageErrorStopsRun(t *testing.T) {
	before := runtime.NumGoroutine()
	boom := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		if d.Seq == 7 {
			return fmt.Errorf("disk gone: %w", pipeline.ErrFatal)
		}
		return nil
	})
	sink := &collect{}
	_, err := pipeline.Run(context.Background(), pipeline.Config{
		Source: numbered(1000), Steps: []pipeline.Step{{Name: "boom", Stage: boom}}, Sink: sink, Workers: 2,
	})
	if !errors.Is(err, pipeline.ErrFatal) || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("err = %v", err)
	}
	if sink.closed != 1 || len(sink.docs) > 7 {
		t.Fatalf("closed %d, wrote %d docs (doc 7 and later must not be written)", sink.closed, len(sink.docs))
	}
	checkNoLeak(t, before)
}

func TestRunCancel(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	endless := pipeline.SourceFunc(func(ctx context.Context, emit func(*pipeline.Doc) error) error {
		for {
			if err := emit(&pipeline.Doc{Text: "x"}); err != nil {
				return err
			}
		}
	})
	var n atomic.Int64
	stage := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		if n.Add(1) == 50 {
			cancel()
		}
		return nil
	})
	sink := &collect{}
	done := make(chan error)
	go func() {
		_, err := pipeline.Run(ctx, pipeline.Config{Source: endless, Steps: []pipeline.Step{{Name: "s", Stage: stage}}, Sink: sink, Workers: 2})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancellation")
	}
	if sink.closed != 1 {
		t.Fatalf("sink closed %d times", sink.closed)
	}
	checkNoLeak(t, before)
}

func TestRunCancelWhileSinkBlocked(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	sink := &collect{block: make(chan struct{})}
	done := make(chan error)
	go func() {
		_, err := pipeline.Run(ctx, pipeline.Config{Source: numbered(1000), Steps: []pipeline.Step{{Name: "s", Stage: pipeline.StageFunc(jitter)}}, Sink: sink})
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancellation")
	}
	checkNoLeak(t, before)
}

func TestRunStopFinishesDocumentsInFlight(t *testing.T) {
	stop := make(chan struct{})
	var once sync.Once
	stage := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		if d.Seq == 20 {
			once.Do(func() { close(stop) })
		}
		return jitter(ctx, d)
	})
	sink := &collect{}
	stats, err := pipeline.Run(context.Background(), pipeline.Config{
		Source: numbered(10000), Steps: []pipeline.Step{{Name: "s", Stage: stage, Workers: 3}}, Sink: sink, Stop: stop,
	})
	if !errors.Is(err, pipeline.ErrStopped) {
		t.Fatalf("err = %v, want ErrStopped", err)
	}
	if len(sink.docs) < 21 || len(sink.docs) >= 10000 || int64(len(sink.docs)) != stats.Docs {
		t.Fatalf("wrote %d docs, stats %d", len(sink.docs), stats.Docs)
	}
	for i, d := range sink.docs {
		if d.Seq != int64(i) {
			t.Fatalf("gap: position %d holds seq %d", i, d.Seq)
		}
	}
}

// TestRunStopEndsStalledSource: a source blocked on an input that
// delivers nothing more (a stalled stdin or a slow pipe) returns on the
// first Stop, because Run cancels the context it reads under; the
// documents it read still finish and are written (issue 17: the first
// SIGTERM left such a run waiting forever).
func TestRunStopEndsStalledSource(t *testing.T) {
	before := runtime.NumGoroutine()
	hangs := make(chan struct{})
	stalled := pipeline.SourceFunc(func(ctx context.Context, emit func(*pipeline.Doc) error) error {
		for i := range 3 {
			if err := emit(&pipeline.Doc{ID: fmt.Sprint(i), Text: "doc"}); err != nil {
				return err
			}
		}
		close(hangs)
		<-ctx.Done() // the producer hangs
		return ctx.Err()
	})
	slow := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		if d.Seq == 2 {
			time.Sleep(100 * time.Millisecond) // still in flight when Stop closes
		}
		return nil
	})
	stop := make(chan struct{})
	sink := &collect{}
	done := make(chan error, 1)
	go func() {
		_, err := pipeline.Run(context.Background(), pipeline.Config{
			Source: stalled, Steps: []pipeline.Step{{Name: "s", Stage: slow}}, Sink: sink, Stop: stop})
		done <- err
	}()
	<-hangs
	close(stop)
	stopped := time.Now()
	select {
	case err := <-done:
		t.Logf("returned %v after Stop", time.Since(stopped))
		if !errors.Is(err, pipeline.ErrStopped) {
			t.Errorf("err = %v, want ErrStopped", err)
		}
		if len(sink.docs) != 3 || sink.closed != 1 {
			t.Errorf("wrote %d documents (closed %d), want the 3 read", len(sink.docs), sink.closed)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run still waiting on the stalled source 5 s after Stop")
	}
	checkNoLeak(t, before)
}

func TestRunRecoverTurnsPanicIntoErrorRow(t *testing.T) {
	bad := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		if d.Seq == 3 {
			panic("stage bug")
		}
		return nil
	})
	sink := &collect{}
	var log bytes.Buffer
	stats, err := pipeline.Run(context.Background(), pipeline.Config{
		Source: numbered(6), Steps: []pipeline.Step{{Name: "bad", Stage: bad}}, Sink: sink, Recover: true,
		Log: slog.New(slog.NewTextHandler(&log, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	e := sink.docs[3].Err
	if stats.Errors != 1 || e == nil || e.Stage != "bad" || e.Message() != "panic: stage bug" {
		t.Fatalf("errors %d, doc 3 err %v", stats.Errors, e)
	}
	var p *pipeline.PanicError
	if !errors.As(e, &p) || len(p.Stack) == 0 {
		t.Errorf("the error row's cause is not a PanicError with a stack: %#v", e.Err)
	}
	if !strings.Contains(log.String(), "stage=bad") || !strings.Contains(log.String(), "runtime/debug.Stack") {
		t.Errorf("the stack trace was not logged:\n%s", log.String())
	}
}

// TestStageErrorUnwraps: the error a stage returns is the cause of the
// document's StageError, for errors.Is and errors.As.
func TestStageErrorUnwraps(t *testing.T) {
	errBad := errors.New("bad input")
	st := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		return fmt.Errorf("doc %d: %w", d.Seq, errBad)
	})
	sink := &collect{}
	if _, err := pipeline.Run(context.Background(), pipeline.Config{
		Source: numbered(1), Steps: []pipeline.Step{{Name: "st", Stage: st}}, Sink: sink,
	}); err != nil {
		t.Fatal(err)
	}
	e := sink.docs[0].Err
	if e == nil || !errors.Is(e, errBad) || e.Error() != "st: doc 0: bad input" {
		t.Fatalf("err %v", e)
	}
}

// lifecycle records Open and Close calls.
type lifecycle struct {
	opened, closed int
	openErr        error
}

func (l *lifecycle) Open(context.Context) error                   { l.opened++; return l.openErr }
func (l *lifecycle) Close() error                                 { l.closed++; return nil }
func (l *lifecycle) Process(context.Context, *pipeline.Doc) error { return nil }

func TestRunOpensAndClosesStagesOnce(t *testing.T) {
	a, b := &lifecycle{}, &lifecycle{openErr: errors.New("no model")}
	c := &lifecycle{}
	sink := &collect{}
	_, err := pipeline.Run(context.Background(), pipeline.Config{
		Source: numbered(3),
		Steps:  []pipeline.Step{{Name: "a", Stage: a}, {Name: "b", Stage: b}, {Name: "c", Stage: c}},
		Sink:   sink,
	})
	if err == nil || !strings.Contains(err.Error(), "open stage b: no model") {
		t.Fatalf("err = %v", err)
	}
	if a.opened != 1 || a.closed != 1 || c.opened != 0 || c.closed != 0 || sink.closed != 1 {
		t.Fatalf("a %+v, c %+v, sink closed %d", a, c, sink.closed)
	}
}

func TestCountWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"  ", 0},
		{"one", 1},
		{"Gati Rikabi said: “Strikes.”", 4},
		{"a\n\nb\tc ", 3},
	} {
		if got := pipeline.CountWords(tc.in); got != tc.want {
			t.Errorf("CountWords(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestRunChecksColumnValueTypes(t *testing.T) {
	cols := []pipeline.Column{{Table: pipeline.TableQuotes, Name: "score", Type: pipeline.Float64}}
	stage := pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		d.Quotes = []pipeline.Quote{{}}
		if d.Seq == 1 {
			d.Quotes[0].Fields = d.Quotes[0].Fields.Set("score", 1) // an int, not a float64
		} else {
			d.Quotes[0].Fields = d.Quotes[0].Fields.Set("score", 0.5)
		}
		return nil
	})
	sink := &collect{}
	stats, err := pipeline.Run(context.Background(), pipeline.Config{
		Source: numbered(3), Steps: []pipeline.Step{{Name: "score", Stage: stage, Columns: cols}}, Sink: sink,
	})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Errors != 1 || sink.docs[1].Err == nil || !strings.Contains(sink.docs[1].Err.Message(), "column quotes.score: value 1 of type int, want float64") {
		t.Fatalf("errors %d, doc 1: %v", stats.Errors, sink.docs[1].Err)
	}
}
