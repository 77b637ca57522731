package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/sink"
	"github.com/newsmill/newsmill/source"
)

// discard is a Sink that keeps nothing.
type discard struct{}

func (discard) Write(context.Context, *pipeline.Doc) error { return nil }
func (discard) Close() error                               { return nil }

// TestLedger feeds a ledger what a reader and a sink would tell it and
// checks the accounting: complete and partial inputs, a record that was read
// but never written, a part whose size disagrees, and the WARC date
// fallback.
func TestLedger(t *testing.T) {
	m := &manifest{}
	l := newLedger(m, "", discard{})
	fetched := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	page := time.Date(2024, 2, 28, 0, 0, 0, 0, time.UTC)
	a1 := &pipeline.Doc{ID: "a1"}
	a2 := &pipeline.Doc{ID: "a2", Published: page}
	b1 := &pipeline.Doc{ID: "b1", Err: &pipeline.StageError{Stage: "read", Message: "bad"}}
	l.Doc(a1, source.Origin{Input: "a.warc", Date: fetched})
	l.Doc(a2, source.Origin{Input: "a.warc", Date: fetched})
	l.InputDone("a.warc", source.InputCounts{Records: 2, Skipped: 7})
	l.Doc(b1, source.Origin{Input: "b.jsonl"})
	l.InputDone("b.jsonl", source.InputCounts{Records: 2}) // one record never reaches the sink
	for _, d := range []*pipeline.Doc{a1, a2, b1} {
		if err := l.Write(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	if !a1.Published.Equal(fetched) || !a2.Published.Equal(page) {
		t.Errorf("published: %v (want the WARC date), %v (want the page's)", a1.Published, a2.Published)
	}
	if err := l.commitPart(sink.Part{Name: "part-00000", Docs: 5}); err == nil {
		t.Error("a part of 5 records was committed after 3 writes")
	}
	l.err = nil
	if err := l.commitPart(sink.Part{Index: 0, Name: "part-00000", Docs: 2, Errors: 1}); err != nil {
		t.Fatal(err)
	}
	lost, err := l.finish(statusComplete, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(lost) != 1 || !strings.HasPrefix(lost[0], "b.jsonl: 2 records read, 1 written") {
		t.Errorf("lost = %q", lost)
	}
	want := []inputAt{
		{Path: "a.warc", Status: inputComplete, counts: counts{Records: 2, Documents: 2, Skipped: 7}},
		{Path: "b.jsonl", Status: inputPartial, counts: counts{Records: 1, Errors: 1}},
	}
	if len(m.Inputs) != len(want) {
		t.Fatalf("inputs %+v", m.Inputs)
	}
	for i, in := range m.Inputs {
		if *in != want[i] {
			t.Errorf("input %d = %+v, want %+v", i, *in, want[i])
		}
	}
	if m.NextPart != 1 || len(m.Parts) != 1 || m.Status != statusComplete {
		t.Errorf("manifest: parts %v, next %d, status %s", m.Parts, m.NextPart, m.Status)
	}
}
