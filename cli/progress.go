package cli

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// progressSource is what progress reports read: bytes of input consumed
// and documents and error rows written. Both must be safe to call from any
// goroutine.
type progressSource struct {
	bytesRead func() int64
	written   func() (docs, errs int64)
}

// progress reports a run's advance until stop is called: a bar on a
// terminal, otherwise a log line at a fixed interval.
type progress struct {
	done     chan struct{}
	complete bool // set before done is closed: whether the run read everything
	wg       sync.WaitGroup
}

// eta estimates the time left from the rate of input read since the first
// record was written, so that start-up (loading models, filling the
// pipeline) does not inflate the first estimates. It is used from one
// goroutine.
type eta struct {
	total    int64
	t0       time.Time // when the first record was written
	read0    int64     // input read by then
	started  bool
	minSpell time.Duration // how long to measure before estimating
}

// update returns the estimate, false while there is none yet.
func (e *eta) update(now time.Time, read, written int64) (time.Duration, bool) {
	if e.total <= 0 || written == 0 {
		return 0, false
	}
	if !e.started {
		e.t0, e.read0, e.started = now, read, true
		return 0, false
	}
	spent, done := now.Sub(e.t0), read-e.read0
	if spent < e.minSpell || done <= 0 {
		return 0, false
	}
	left := max(e.total-read, 0)
	return time.Duration(float64(spent) * float64(left) / float64(done)), true
}

// etaSpell is how long the estimator measures before its first estimate.
const etaSpell = 2 * time.Second

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// startProgress reports on w: with an mpb bar over the input bytes (ETA
// included) when w is a terminal, otherwise with a slog line every
// interval. totalBytes is 0 when unknown (standard input).
func startProgress(w io.Writer, src progressSource, totalBytes int64, interval time.Duration) *progress {
	p := &progress{done: make(chan struct{})}
	p.wg.Add(1)
	if isTerminal(w) {
		go p.bar(w, src, totalBytes)
	} else {
		go p.log(w, src, totalBytes, interval)
	}
	return p
}

// stop ends the reports and waits until the last one is out. A complete
// run's bar ends full; a stopped or failed one's stays where the run was.
func (p *progress) stop(complete bool) {
	p.complete = complete
	close(p.done)
	p.wg.Wait()
}

// rate returns n per second since start.
func rate(n int64, start time.Time) float64 {
	if s := time.Since(start).Seconds(); s > 0 {
		return float64(n) / s
	}
	return 0
}

func (p *progress) bar(w io.Writer, src progressSource, total int64) {
	defer p.wg.Done()
	start := time.Now()
	est := eta{total: total, minSpell: etaSpell}
	var left string // the ETA text, updated on each tick
	c := mpb.New(mpb.WithOutput(w), mpb.WithWidth(32), mpb.WithRefreshRate(200*time.Millisecond))
	docs := decor.Any(func(decor.Statistics) string {
		d, e := src.written()
		return fmt.Sprintf("%d docs, %d errors, %.0f docs/s", d, e, rate(d+e, start))
	})
	var bar *mpb.Bar
	if total > 0 {
		bar = c.New(total, mpb.BarStyle(),
			mpb.PrependDecorators(decor.CountersKibiByte("% .1f / % .1f ")),
			mpb.AppendDecorators(docs, decor.Any(func(decor.Statistics) string { return left })))
	} else {
		bar = c.New(0, mpb.SpinnerStyle(), mpb.AppendDecorators(docs))
	}
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if total > 0 {
				read := src.bytesRead()
				d, e := src.written()
				left = " ETA …"
				if t, ok := est.update(time.Now(), read, d+e); ok {
					left = " ETA " + t.Round(time.Second).String()
				}
				bar.SetCurrent(min(read, total-1))
			}
		case <-p.done:
			switch {
			case p.complete && total > 0:
				left = ""
				bar.SetCurrent(total)
			case p.complete:
				bar.SetTotal(-1, true)
			default: // stopped: the bar stays where the run stopped
				left = " stopped"
				if total > 0 {
					bar.SetCurrent(min(src.bytesRead(), total-1))
				}
				bar.Abort(false)
			}
			c.Wait()
			return
		}
	}
}

func (p *progress) log(w io.Writer, src progressSource, total int64, interval time.Duration) {
	defer p.wg.Done()
	logger := slog.New(slog.NewTextHandler(w, nil))
	start := time.Now()
	est := eta{total: total, minSpell: min(etaSpell, interval)}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			d, e := src.written()
			read := src.bytesRead()
			args := []any{"documents", d, "error_rows", e, "docs_per_s", fmt.Sprintf("%.1f", rate(d+e, start)), "read_bytes", read}
			if total > 0 {
				args = append(args, "total_bytes", total)
			}
			if t, ok := est.update(time.Now(), read, d+e); ok {
				args = append(args, "eta", t.Round(time.Second).String())
			}
			logger.Info("progress", args...)
		case <-p.done:
			return
		}
	}
}
