package batch

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/newsmill/newsmill/sink"
	"github.com/newsmill/newsmill/source"
)

// TestCommit applies parts to a manifest as a run would and checks the
// accounting without touching a file: complete and partial inputs, an
// input read to its end with a record not yet stored, an input unknown to
// the manifest, and that Commit leaves its argument alone.
func TestCommit(t *testing.T) {
	m0 := Manifest{Inputs: []Input{
		{Path: "a.warc", Key: "/d/a.warc", Status: InputPending},
		{Path: "b.jsonl", Key: "/d/b.jsonl", Status: InputPending},
	}}
	read := map[string]source.InputCounts{"/d/a.warc": {Records: 2, Skipped: 7}}
	m1 := Commit(m0, sink.Part{Index: 0, Name: "part-00000", Docs: 2, Errors: 1,
		Inputs: map[string]sink.Counts{"/d/a.warc": {Docs: 1}, "/d/b.jsonl": {Errors: 1}, "/d/x.txt": {Docs: 1}}}, read)
	if m0.Inputs[0].Status != InputPending || len(m0.Parts) != 0 || len(m0.Inputs) != 2 {
		t.Fatalf("Commit changed its argument: %+v", m0)
	}
	want := []Input{
		{Path: "a.warc", Key: "/d/a.warc", Status: InputPartial, Counts: Counts{Records: 1, Documents: 1}},
		{Path: "b.jsonl", Key: "/d/b.jsonl", Status: InputPartial, Counts: Counts{Records: 1, Errors: 1}},
		{Path: "/d/x.txt", Key: "/d/x.txt", Status: InputPartial, Counts: Counts{Records: 1, Documents: 1}},
	}
	if !reflect.DeepEqual(m1.Inputs, want) || !reflect.DeepEqual(m1.Parts, []string{"part-00000"}) || m1.NextPart != 1 {
		t.Fatalf("after part 0: %+v", m1)
	}

	read["/d/b.jsonl"] = source.InputCounts{Records: 2}
	m2 := Commit(m1, sink.Part{Index: 1, Name: "part-00001", Docs: 1,
		Inputs: map[string]sink.Counts{"/d/a.warc": {Docs: 1}}}, read)
	want[0] = Input{Path: "a.warc", Key: "/d/a.warc", Status: InputComplete, Counts: Counts{Records: 2, Documents: 2, Skipped: 7}}
	if !reflect.DeepEqual(m2.Inputs, want) || m2.NextPart != 2 || len(m2.Parts) != 2 {
		t.Fatalf("after part 1: %+v", m2)
	}
	if tot := m2.Total(); tot != (Counts{Records: 4, Documents: 3, Errors: 1, Skipped: 7}) {
		t.Errorf("Total = %+v", tot)
	}

	// A complete input stays complete when a later part holds none of it.
	m3 := Commit(m2, sink.Part{Index: 2, Name: "part-00002"}, map[string]source.InputCounts{})
	if m3.Inputs[0].Status != InputComplete {
		t.Errorf("a complete input became %s", m3.Inputs[0].Status)
	}
}

// TestFinishReportsLostRecords: an input read to its end whose records
// were not all stored is reported when the run ends as complete.
func TestFinishReportsLostRecords(t *testing.T) {
	a := newAccountant(Manifest{Inputs: []Input{{Path: "b.jsonl", Key: "/b.jsonl", Status: InputPending}}}, "", true)
	a.inputDone("/b.jsonl", source.InputCounts{Records: 2})
	a.written["/b.jsonl"] = sink.Counts{Docs: 1}
	m, lost, err := a.finish(StatusComplete)
	if err != nil {
		t.Fatal(err)
	}
	if len(lost) != 1 || lost[0] != "b.jsonl: 2 records read, 1 written" {
		t.Errorf("lost = %q", lost)
	}
	if m.Status != StatusComplete || m.Totals.Documents != 1 || m.Inputs[0].Status != InputPartial {
		t.Errorf("manifest %+v", m)
	}
}

func TestErrorLimit(t *testing.T) {
	for _, bad := range []string{"-2", "x", "100%", "0%"} {
		var l ErrorLimit
		if err := l.Set(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	for _, tc := range []struct {
		limit      string
		docs, errs int64
		want       bool
	}{
		{"10", 0, 10, false}, {"10", 0, 11, true}, {"0", 5, 0, false}, {"0", 0, 1, true}, {"-1", 0, 1000, false},
		{"50%", 40, 59, false}, {"50%", 40, 61, true}, {"50%", 10, 20, false},
	} {
		var l ErrorLimit
		if err := l.Set(tc.limit); err != nil {
			t.Fatal(err)
		}
		if got := l.Exceeded(tc.docs, tc.errs); got != tc.want {
			t.Errorf("%s with %d docs, %d errors: %v", tc.limit, tc.docs, tc.errs, got)
		}
		if l.String() != tc.limit {
			t.Errorf("String = %q, want %q", l.String(), tc.limit)
		}
	}
}

// TestCommitManyInputs: accounting for 80,000 inputs, each with rows in one
// part, takes linear time (issue 17: 80,000 input files cost 15 s of
// quadratic start-up before any work, each input looked up by a scan).
func TestCommitManyInputs(t *testing.T) {
	const n = 80000
	var m Manifest
	index := m.indexer()
	stored := make(map[string]sink.Counts, n)
	for i := range n {
		key := fmt.Sprintf("/d/%06d.txt", i)
		if j := index(key); j != i {
			t.Fatalf("input %d added at %d", i, j)
		}
		stored[key] = sink.Counts{Docs: 1}
	}
	start := time.Now()
	m = Commit(m, sink.Part{Name: "part-00000", Docs: n, Inputs: stored}, nil)
	took := time.Since(start)
	t.Logf("%d inputs committed in %v", n, took)
	if len(m.Inputs) != n || m.Total().Documents != n {
		t.Fatalf("%d inputs, %+v", len(m.Inputs), m.Total())
	}
	if took > 3*time.Second {
		t.Errorf("committing %d inputs took %v", n, took)
	}
}
