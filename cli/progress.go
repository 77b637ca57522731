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
	done chan struct{}
	wg   sync.WaitGroup
}

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

// stop ends the reports and waits until the last one is out.
func (p *progress) stop() {
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
	c := mpb.New(mpb.WithOutput(w), mpb.WithWidth(32), mpb.WithRefreshRate(200*time.Millisecond))
	docs := decor.Any(func(decor.Statistics) string {
		d, e := src.written()
		return fmt.Sprintf("%d docs, %d errors, %.0f docs/s", d, e, rate(d+e, start))
	})
	var bar *mpb.Bar
	if total > 0 {
		bar = c.New(total, mpb.BarStyle(),
			mpb.PrependDecorators(decor.CountersKibiByte("% .1f / % .1f ")),
			mpb.AppendDecorators(docs, decor.Name(" ETA "), decor.AverageETA(decor.ET_STYLE_GO)))
	} else {
		bar = c.New(0, mpb.SpinnerStyle(), mpb.AppendDecorators(docs))
	}
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if total > 0 {
				bar.SetCurrent(min(src.bytesRead(), total-1))
			}
		case <-p.done:
			if total > 0 {
				bar.SetCurrent(total)
			} else {
				bar.SetTotal(-1, true)
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
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			d, e := src.written()
			read := src.bytesRead()
			args := []any{"documents", d, "error_rows", e, "docs_per_s", fmt.Sprintf("%.1f", rate(d+e, start)), "read_bytes", read}
			if total > 0 && read > 0 {
				eta := time.Duration(float64(time.Since(start)) * float64(total-read) / float64(read))
				args = append(args, "total_bytes", total, "eta", eta.Round(time.Second).String())
			}
			logger.Info("progress", args...)
		case <-p.done:
			return
		}
	}
}
