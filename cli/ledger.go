package cli

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/sink"
	"github.com/newsmill/newsmill/source"
)

// ledger accounts for every record of a run. It sits on both ends of the
// pipeline: as the reader's Observer it learns which input each document
// comes from and how many records each input held, and as a Sink wrapping
// the real one it counts what is written per input. When the Parquet sink
// completes a part, the counts of the documents in it are committed to the
// manifest, which is saved; an input is complete once it was read to its
// end and all its records are committed. It also gives a WARC document the
// record's fetch date when the page itself has none.
//
// Observer methods run on the reader's goroutine, Write and commit on the
// sink's; a mutex guards the shared state.
type ledger struct {
	sink pipeline.Sink
	m    *manifest
	path string // manifest file; "" when there is none (JSON Lines output)

	mu      sync.Mutex
	index   map[string]*inputAt // by source.Name
	origins map[*pipeline.Doc]source.Origin
	read    map[*inputAt]source.InputCounts // inputs read to their end in this run
	pending map[*inputAt]*counts            // written but not yet committed
	err     error                           // first accounting error

	// This run's written documents and error rows, for the limits and
	// progress; safe to read from any goroutine.
	docs, errs atomic.Int64
	// onWrite is called after each write with this run's totals.
	onWrite func(docs, errs int64)
}

// newLedger keeps its accounts in m (saved to path unless path is "") and
// passes documents on to sink.
func newLedger(m *manifest, path string, sink pipeline.Sink) *ledger {
	l := &ledger{
		sink: sink, m: m, path: path,
		index:   map[string]*inputAt{},
		origins: map[*pipeline.Doc]source.Origin{},
		read:    map[*inputAt]source.InputCounts{},
		pending: map[*inputAt]*counts{},
	}
	for _, in := range m.Inputs {
		l.index[in.Path] = in
	}
	return l
}

// input returns the manifest entry of name, adding a pending one.
func (l *ledger) input(name string) *inputAt {
	in, ok := l.index[name]
	if !ok {
		in = &inputAt{Path: name, Status: inputPending}
		l.index[name] = in
		l.m.Inputs = append(l.m.Inputs, in)
	}
	return in
}

// Doc implements source.Observer.
func (l *ledger) Doc(d *pipeline.Doc, o source.Origin) {
	l.mu.Lock()
	l.origins[d] = o
	l.mu.Unlock()
}

// InputDone implements source.Observer.
func (l *ledger) InputDone(name string, c source.InputCounts) {
	l.mu.Lock()
	l.read[l.input(name)] = c
	l.mu.Unlock()
}

// Write passes d to the sink and counts it against its input.
func (l *ledger) Write(ctx context.Context, d *pipeline.Doc) error {
	l.mu.Lock()
	o, ok := l.origins[d]
	delete(l.origins, d)
	l.mu.Unlock()
	if d.Err == nil && d.Published.IsZero() && !o.Date.IsZero() {
		d.Published = o.Date // the WARC date, when the page has none
	}
	if err := l.sink.Write(ctx, d); err != nil {
		return err
	}
	l.mu.Lock()
	if !ok {
		o.Input = "(unknown input)"
	}
	in := l.input(o.Input)
	p := l.pending[in]
	if p == nil {
		p = &counts{}
		l.pending[in] = p
	}
	if d.Err != nil {
		p.Errors++
	} else {
		p.Documents++
	}
	l.mu.Unlock()
	var docs, errs int64
	if d.Err != nil {
		errs, docs = l.errs.Add(1), l.docs.Load()
	} else {
		docs, errs = l.docs.Add(1), l.errs.Load()
	}
	if l.onWrite != nil {
		l.onWrite(docs, errs)
	}
	return nil
}

// Close closes the sink, which commits its last part.
func (l *ledger) Close() error { return l.sink.Close() }

// commitPart is the Parquet sink's OnPart hook: the pending counts are now
// stored in part p.
func (l *ledger) commitPart(p sink.Part) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var n int64
	for _, c := range l.pending {
		n += c.Documents + c.Errors
	}
	if n != p.Docs+p.Errors {
		l.err = fmt.Errorf("part %s holds %d records but %d were written to it", p.Name, p.Docs+p.Errors, n)
		return l.err
	}
	l.m.Parts = append(l.m.Parts, p.Name)
	l.m.NextPart = p.Index + 1
	l.commitLocked()
	if l.path == "" {
		return nil
	}
	return l.m.save(l.path)
}

// commitLocked moves the pending counts into the manifest and updates the
// inputs' statuses.
func (l *ledger) commitLocked() {
	for in, c := range l.pending {
		in.Documents += c.Documents
		in.Errors += c.Errors
		delete(l.pending, in)
	}
	for _, in := range l.m.Inputs {
		stored := in.Documents + in.Errors
		rc, done := l.read[in]
		switch {
		case done && rc.Records == stored:
			in.Status, in.Records, in.Skipped = inputComplete, rc.Records, rc.Skipped
		case in.Status == inputComplete:
		case stored > 0:
			in.Status, in.Records = inputPartial, stored
		}
	}
}

// finish records the run's end in the manifest and saves it. Output
// without parts (JSON Lines) is committed here, since it was all written.
// It returns the inputs of this run that were read to their end but whose
// records were not all written, which means records were lost.
func (l *ledger) finish(status string, noParts bool) ([]string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if noParts {
		l.commitLocked()
	}
	l.m.Status = status
	var lost []string
	for in, rc := range l.read {
		if in.Status != inputComplete && status == statusComplete {
			lost = append(lost, fmt.Sprintf("%s: %d records read, %d written", in.Path, rc.Records, in.Documents+in.Errors))
		}
	}
	if l.path == "" {
		return lost, l.err
	}
	if err := l.m.save(l.path); err != nil {
		return lost, err
	}
	return lost, l.err
}

var (
	_ pipeline.Sink   = (*ledger)(nil)
	_ source.Observer = (*ledger)(nil)
)
