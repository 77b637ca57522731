package batch_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsmill/newsmill/batch"
	"github.com/newsmill/newsmill/pipeline"
)

// files lists every file under dir but lock files, relative to it, with
// its modification time, sorted.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".lock") {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out = append(out, rel+" "+info.ModTime().Format(time.RFC3339Nano))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// configError runs cfg and returns its *ConfigError's message, failing
// the test when the run does not fail with one.
func configError(t *testing.T, cfg batch.Config) string {
	t.Helper()
	_, err := batch.Run(context.Background(), cfg)
	var ce *batch.ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("%+v: %v, want a *ConfigError", cfg.Shard, err)
	}
	return ce.Msg
}

// TestOtherLayoutRefused fills a directory with a run in 2 shards, then
// checks that an unsharded run and a run in 4 shards refuse to mix with
// it, saying what to pass, and that --force replaces it, parts of a
// stage's own table included.
func TestOtherLayoutRefused(t *testing.T) {
	dir := t.TempDir()
	ins := []string{corpus(t, dir, "a.jsonl", 10), corpus(t, dir, "b.jsonl", 10)}
	out := filepath.Join(dir, "out")
	for i := range 2 {
		cfg := batch.Config{Inputs: ins, Out: out, Stages: fast, Workers: 2, Shard: batch.Shard{Index: i, Count: 2}}
		if _, err := batch.Run(context.Background(), cfg); err != nil {
			t.Fatalf("shard %d: %v", i, err)
		}
	}
	own := filepath.Join(out, "breadcrumbs", "part-0001-of-0002-00000.parquet") // as a stage's own table would hold
	if err := os.MkdirAll(filepath.Dir(own), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(own, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	before := files(t, out)

	tests := []struct {
		name  string
		cfg   batch.Config
		wants []string
	}{
		{"unsharded", batch.Config{}, []string{"a run in 2 shards", "--shard i/2", "--force"}},
		{"4 shards", batch.Config{Shard: batch.Shard{Index: 3, Count: 4}}, []string{"--shard i/2", "--force"}},
		{"unsharded resume", batch.Config{Resume: true}, []string{"resume with --shard i/2"}},
		{"4 shards resume", batch.Config{Resume: true, Shard: batch.Shard{Index: 0, Count: 4}}, []string{"resume with --shard i/2"}},
		{"force and resume", batch.Config{Resume: true, Force: true}, []string{"give one of them"}},
	}
	for _, tt := range tests {
		cfg := tt.cfg
		cfg.Inputs, cfg.Out, cfg.Stages = ins, out, fast
		msg := configError(t, cfg)
		for _, w := range tt.wants {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: %q does not say %q", tt.name, msg, w)
			}
		}
	}
	if after := files(t, out); !slices.Equal(after, before) {
		t.Errorf("refused runs changed the directory:\n%v\nwas\n%v", after, before)
	}

	res, err := batch.Run(context.Background(), batch.Config{Inputs: ins, Out: out, Stages: fast, Workers: 2, Force: true})
	if err != nil || res.Status != batch.StatusComplete || res.Manifest.Totals.Records != 20 {
		t.Fatalf("forced run: %v, %+v", err, res.Manifest.Totals)
	}
	for _, f := range files(t, out) {
		if strings.Contains(f, "-of-0002") {
			t.Errorf("%s left by the forced run", f)
		}
	}
}

// TestResumeChangedInput checks that resuming refuses an input that
// changed since the run it continues, partial or complete.
func TestResumeChangedInput(t *testing.T) {
	dir := t.TempDir()
	a, b := corpus(t, dir, "a.jsonl", 30), corpus(t, dir, "b.jsonl", 30)
	out := filepath.Join(dir, "out")
	cfg := batch.Config{Inputs: []string{a, b}, Out: out, Stages: fast, Workers: 1, PartDocs: 5, StopAfter: 40}
	if _, err := batch.Run(context.Background(), cfg); !errors.Is(err, pipeline.ErrStopped) {
		t.Fatalf("first run: %v", err)
	}
	cfg.Resume, cfg.StopAfter = true, 0
	for _, in := range []string{a, b} { // a is complete, b partial
		info, err := os.Stat(in)
		if err != nil {
			t.Fatal(err)
		}
		later := info.ModTime().Add(time.Minute)
		if err := os.Chtimes(in, later, later); err != nil {
			t.Fatal(err)
		}
		if msg := configError(t, cfg); !strings.Contains(msg, "changed since") || !strings.Contains(msg, in) {
			t.Errorf("resume after %s changed: %q", in, msg)
		}
		if err := os.Chtimes(in, info.ModTime(), info.ModTime()); err != nil {
			t.Fatal(err)
		}
	}
	res, err := batch.Run(context.Background(), cfg)
	if err != nil || res.Manifest.Totals.Records != 60 {
		t.Fatalf("resume with the inputs restored: %v, %+v", err, res.Manifest.Totals)
	}
	for _, in := range res.Manifest.Inputs {
		if in.Size == 0 || in.Modified.IsZero() || !filepath.IsAbs(in.Key) {
			t.Errorf("manifest entry %+v: want the canonical path, size and modification time", in)
		}
	}
}

// TestNoopResumeWritesNothing resumes a complete run: no part file is
// added or rewritten, and the manifest still says complete.
func TestNoopResumeWritesNothing(t *testing.T) {
	dir := t.TempDir()
	in := corpus(t, dir, "a.jsonl", 20)
	out := filepath.Join(dir, "out")
	cfg := batch.Config{Inputs: []string{in}, Out: out, Stages: fast, Workers: 2}
	if _, err := batch.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	parts := func() []string {
		var p []string
		for _, f := range files(t, out) {
			if strings.HasSuffix(strings.Fields(f)[0], ".parquet") {
				p = append(p, f)
			}
		}
		return p
	}
	before := parts()
	cfg.Resume = true
	for range 2 {
		res, err := batch.Run(context.Background(), cfg)
		if err != nil || res.Status != batch.StatusComplete || res.Manifest.Totals.Records != 20 || len(res.Manifest.Parts) != 1 {
			t.Fatalf("no-op resume: %v, %s, %+v, parts %v", err, res.Status, res.Manifest.Totals, res.Manifest.Parts)
		}
	}
	if after := parts(); !slices.Equal(after, before) {
		t.Errorf("no-op resumes changed the parts:\n%v\nwas\n%v", after, before)
	}
}
