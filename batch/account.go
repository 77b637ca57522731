package batch

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/sink"
	"github.com/newsmill/newsmill/source"
)

// accountant keeps a run's manifest. It learns from the source which
// inputs were read to their end (inputDone, on the reader's goroutine), and
// from the Parquet sink which rows each committed part holds (commitPart,
// on the sink's goroutine); each commit is Commit applied to the manifest,
// which is then saved. As a Sink wrapping the real one it counts this
// run's writes for the limits and progress reports, and for JSON Lines
// output, which has no parts, it tallies the rows by input until finish.
// A mutex guards the shared state.
type accountant struct {
	sink  pipeline.Sink
	path  string // manifest file; "" when there is none (JSON Lines output)
	tally bool   // count rows by input here (no parts)

	mu      sync.Mutex
	m       Manifest
	read    map[string]source.InputCounts // inputs read to their end in this run
	written map[string]sink.Counts        // rows by input, when tally is set

	// This run's written documents and error rows; safe to read from any
	// goroutine.
	docs, errs atomic.Int64
	// onWrite is called after each write with this run's totals.
	onWrite func(docs, errs int64)
	// finished is set by finish; stopping does nothing after it.
	finished bool
}

func newAccountant(m Manifest, path string, tally bool) *accountant {
	return &accountant{m: m, path: path, tally: tally,
		read: map[string]source.InputCounts{}, written: map[string]sink.Counts{}}
}

// inputDone is the source's OnInputDone hook.
func (a *accountant) inputDone(input string, c source.InputCounts) {
	a.mu.Lock()
	a.read[input] = c
	a.mu.Unlock()
}

// Write passes d to the sink and counts it.
func (a *accountant) Write(ctx context.Context, d *pipeline.Doc) error {
	if err := a.sink.Write(ctx, d); err != nil {
		return err
	}
	if a.tally {
		a.mu.Lock()
		c := a.written[d.Input]
		if d.Err != nil {
			c.Errors++
		} else {
			c.Docs++
		}
		a.written[d.Input] = c
		a.mu.Unlock()
	}
	var docs, errs int64
	if d.Err != nil {
		errs, docs = a.errs.Add(1), a.docs.Load()
	} else {
		docs, errs = a.docs.Add(1), a.errs.Load()
	}
	if a.onWrite != nil {
		a.onWrite(docs, errs)
	}
	return nil
}

// Close closes the sink, which commits its last part.
func (a *accountant) Close() error { return a.sink.Close() }

// commitPart is the Parquet sink's OnPart hook: part p is stored.
func (a *accountant) commitPart(p sink.Part) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.m = Commit(a.m, p, a.read)
	if a.path == "" {
		return nil
	}
	return a.m.Save(a.path)
}

// stopping saves the manifest as stopped as soon as the run is asked to
// stop, before the documents in flight finish and the last part is
// committed: if that shutdown is cut short (a second signal's forced exit,
// a kill), the manifest already says stopped, and it lists only the parts
// committed, which is always true. Parts committed later keep the status;
// finish records the final one.
func (a *accountant) stopping() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.finished || a.path == "" {
		return nil
	}
	a.m.Status = StatusStopped
	return a.m.Save(a.path)
}

// removeUnlisted removes the part files of out with prefix that the
// manifest does not list. Call it once the sink is closed.
func (a *accountant) removeUnlisted(out, prefix string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return sink.RemoveParts(out, prefix, listed(a.m.Parts))
}

// finish records the run's end in the manifest, saves it and returns it.
// Rows tallied here (JSON Lines) are committed first, since they were all
// written. It also returns the inputs of this run that were read to their
// end but whose records were not all stored, which means records were
// lost.
func (a *accountant) finish(status string) (Manifest, []string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.finished = true
	// Rows tallied here are stored now; inputs read to their end after the
	// last part (records all stored before, or none) are complete too.
	a.m = addCounts(a.m.clone(), a.written, a.read)
	a.written = map[string]sink.Counts{}
	a.m.Status = status
	a.m.Totals = a.m.Total()
	var lost []string
	for _, in := range a.m.Inputs {
		if rc, ok := a.read[in.Key]; ok && in.Status != InputComplete && status == StatusComplete {
			lost = append(lost, fmt.Sprintf("%s: %d records read, %d written", in.Path, rc.Records, in.Documents+in.Errors))
		}
	}
	sort.Strings(lost)
	if a.path != "" {
		if err := a.m.Save(a.path); err != nil {
			return a.m.clone(), lost, err
		}
	}
	return a.m.clone(), lost, nil
}

var _ pipeline.Sink = (*accountant)(nil)
