package batch_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/batch"
	"github.com/newsmill/newsmill/internal/gen"
	"github.com/newsmill/newsmill/pipeline"
)

var fast = []string{"extract", "sentences"}

// corpus writes n generated JSON Lines records to dir/name.
func corpus(t *testing.T, dir, name string, n int) string {
	t.Helper()
	var b bytes.Buffer
	if err := gen.WriteJSONL(&b, 0, n, 40); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestResumeWithOtherSpelling stops a run, resumes it naming the input by
// its absolute path instead of a relative one, and checks that the input is
// finished, not read again: inputs are matched by their canonical path.
func TestResumeWithOtherSpelling(t *testing.T) {
	dir := t.TempDir()
	in := corpus(t, dir, "a.jsonl", 60)
	rel, err := filepath.Rel(mustGetwd(t), in)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cfg := batch.Config{Inputs: []string{rel}, Out: out, Stages: fast, Workers: 2, PartDocs: 10, StopAfter: 25}
	res, err := batch.Run(context.Background(), cfg)
	if !errors.Is(err, pipeline.ErrStopped) || res.Status != batch.StatusStopped || !strings.Contains(res.StopReason, "--stop-after") {
		t.Fatalf("first run: %v, status %s (%s)", err, res.Status, res.StopReason)
	}
	if got := res.Manifest.Inputs[0]; got.Status != batch.InputPartial || got.Documents < 25 {
		t.Fatalf("after the stop: %+v", got)
	}
	cfg.Inputs, cfg.Resume, cfg.StopAfter = []string{in}, true, 0
	res, err = batch.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	m := res.Manifest
	if len(m.Inputs) != 1 || m.Inputs[0].Status != batch.InputComplete || m.Totals.Records != 60 || m.Totals.Documents+m.Totals.Errors != 60 {
		t.Errorf("after the resume: %+v", m)
	}
}

// TestJSONLAccounting: JSON Lines output has no manifest file, but the
// result accounts for every record.
func TestJSONLAccounting(t *testing.T) {
	in := corpus(t, t.TempDir(), "a.jsonl", 7)
	var out bytes.Buffer
	res, err := batch.Run(context.Background(), batch.Config{Inputs: []string{in}, JSONL: &out, Stages: fast})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "\n"); n != 7 || res.ManifestPath != "" || res.Manifest.Totals.Records != 7 ||
		res.Manifest.Inputs[0].Status != batch.InputComplete {
		t.Errorf("%d lines, result %+v", n, res)
	}
}

// TestConfigErrors: a Config that makes no run is refused before anything
// is read or written.
func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	in := corpus(t, dir, "a.jsonl", 1)
	for _, tc := range []struct {
		cfg  batch.Config
		want string
	}{
		{batch.Config{Out: dir}, "no input"},
		{batch.Config{Inputs: []string{in}}, "no output"},
		{batch.Config{Inputs: []string{in}, JSONL: &bytes.Buffer{}, Resume: true}, "Parquet output"},
		{batch.Config{Inputs: []string{in}, Out: filepath.Join(dir, "o"), Stages: []string{"extrat"}}, `did you mean "extract"`},
		{batch.Config{Inputs: []string{filepath.Join(dir, "missing.jsonl")}, Out: filepath.Join(dir, "o")}, "no such file"},
		{batch.Config{Inputs: []string{in}, Out: filepath.Join(dir, "o"), Shard: batch.Shard{Index: 3, Count: 2}}, "want 0 <= i < N"},
	} {
		_, err := batch.Run(context.Background(), tc.cfg)
		var ce *batch.ConfigError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want a ConfigError with %q", tc.cfg, err, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "o")); !os.IsNotExist(err) {
		t.Error("a refused config created its output directory")
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// TestResumeOfReadInputWritesNoEmptyPart: a run killed after its last part
// was committed but before its input was marked read to the end leaves
// that input partial with every record stored; resuming it reads the input
// again, drops every record, and must mark it complete without adding an
// empty part to every table (it added one).
func TestResumeOfReadInputWritesNoEmptyPart(t *testing.T) {
	dir := t.TempDir()
	in := corpus(t, dir, "a.jsonl", 12)
	out := filepath.Join(dir, "out")
	cfg := batch.Config{Inputs: []string{in}, Out: out, Stages: fast, Workers: 1, PartDocs: 5}
	res, err := batch.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	m := res.Manifest
	parts := slices.Clone(m.Parts)
	m.Inputs[0].Status, m.Status = batch.InputPartial, batch.StatusRunning
	if err := m.Save(res.ManifestPath); err != nil {
		t.Fatal(err)
	}
	cfg.Resume = true
	res, err = batch.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Manifest; !slices.Equal(got.Parts, parts) || got.Inputs[0].Status != batch.InputComplete ||
		got.Totals.Documents+got.Totals.Errors != 12 || got.Status != batch.StatusComplete {
		t.Errorf("after the resume: parts %v (were %v), %+v", got.Parts, parts, got)
	}
	files, _ := filepath.Glob(filepath.Join(out, "documents", "*"))
	if len(files) != len(parts) {
		t.Errorf("documents holds %d files for %d parts: %v", len(files), len(parts), files)
	}
}

// TestResumeAfterCorruptGzipMember: a .warc.gz with a corrupt member in the
// middle gives one error row and the records of every other member, on a
// fresh run and on a run stopped early and resumed: both end with the same
// counts (issue 17: the corrupt member ended the input).
func TestResumeAfterCorruptGzipMember(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	st, err := gen.WriteWARC(&b, gen.WARCOptions{N: 30, Words: 60, Gzip: true})
	if err != nil {
		t.Fatal(err)
	}
	// Each member starts with the header the generator's gzip writer
	// writes; damage the checksum of the member before the middle one.
	data := b.Bytes()
	header := []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")
	mid := len(data)/2 + bytes.Index(data[len(data)/2:], header)
	data[mid-8] ^= 0xff
	in := filepath.Join(dir, "x.warc.gz")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := batch.Config{Inputs: []string{in}, Out: filepath.Join(dir, "fresh"), Stages: []string{"extract"}, Workers: 1, PartDocs: 4}
	res, err := batch.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	fresh := res.Manifest.Totals
	if fresh.Errors != 1 || fresh.Documents < int64(len(st.Articles))-1 || res.Manifest.Inputs[0].Status != batch.InputComplete {
		t.Fatalf("fresh run: %+v of %d articles", res.Manifest.Inputs[0], len(st.Articles))
	}
	cfg.Out, cfg.StopAfter = filepath.Join(dir, "resumed"), 5
	if _, err := batch.Run(context.Background(), cfg); !errors.Is(err, pipeline.ErrStopped) {
		t.Fatalf("stopped run: %v", err)
	}
	cfg.StopAfter, cfg.Resume = 0, true
	if res, err = batch.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if got := res.Manifest.Totals; got != fresh || res.Manifest.Inputs[0].Status != batch.InputComplete {
		t.Errorf("stopped and resumed: %+v, fresh run %+v", got, fresh)
	}
}

// TestFailedCommitLeavesNoUnlistedPart: when committing a part fails half
// way (as on a full disk: the documents table's file renamed, the errors
// table's not), the run fails and OUT holds no part the manifest does not
// list (issue 17: some tables kept a part with rows of no listed document
// until a --resume).
func TestFailedCommitLeavesNoUnlistedPart(t *testing.T) {
	dir := t.TempDir()
	in := corpus(t, dir, "a.jsonl", 6)
	out := filepath.Join(dir, "out")
	cfg := batch.Config{Inputs: []string{in}, Out: out, Stages: fast, Workers: 1,
		OnStart: func(batch.Start) {
			// A directory where the errors table's part goes: its rename fails.
			if err := os.Mkdir(filepath.Join(out, "errors", "part-00000.parquet"), 0o755); err != nil {
				t.Error(err)
			}
		}}
	res, err := batch.Run(context.Background(), cfg)
	if err == nil || res.Status != batch.StatusFailed {
		t.Fatalf("run: %v, status %s", err, res.Status)
	}
	m, lerr := batch.LoadManifest(res.ManifestPath)
	if lerr != nil || m == nil || len(m.Parts) != 0 {
		t.Fatalf("manifest %+v: %v", m, lerr)
	}
	for _, f := range files(t, out) {
		if strings.Contains(f, "part-") {
			t.Errorf("%s left, the manifest lists no part", f)
		}
	}
}
