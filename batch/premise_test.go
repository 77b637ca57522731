package batch_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/batch"
	"github.com/newsmill/newsmill/pipeline"
)

// TestResumePremise stops a run on two inputs and checks that --resume
// refuses, with a one-line reason and before touching OUT, what would not
// continue it: standard input, other stage options, an input dropped or
// added; then that the unchanged resume finishes it.
func TestResumePremise(t *testing.T) {
	dir := t.TempDir()
	a, b := corpus(t, dir, "a.jsonl", 30), corpus(t, dir, "b.jsonl", 30)
	c := corpus(t, dir, "c.jsonl", 3)
	out := filepath.Join(dir, "out")
	opts := map[string]pipeline.Options{"extract": {"clean-jsonl": "true"}}
	cfg := batch.Config{Inputs: []string{a, b}, Out: out, Stages: fast, Options: opts, Workers: 2, PartDocs: 10, StopAfter: 15}
	if _, err := batch.Run(context.Background(), cfg); !errors.Is(err, pipeline.ErrStopped) {
		t.Fatalf("first run: %v", err)
	}
	before := files(t, out)
	cfg.Resume, cfg.StopAfter = true, 0
	for _, tc := range []struct {
		name string
		edit func(*batch.Config)
		want string
	}{
		{"stdin", func(cf *batch.Config) { cf.Inputs = []string{a, b, "-"}; cf.Stdin = strings.NewReader("") }, "standard input"},
		{"other options", func(cf *batch.Config) { cf.Options = nil }, "--stage-opt extract.clean-jsonl=true, not none"},
		{"other option value", func(cf *batch.Config) {
			cf.Options = map[string]pipeline.Options{"extract": {"clean-jsonl": "false"}}
		}, "resume with the same --stage-opt"},
		{"input dropped", func(cf *batch.Config) { cf.Inputs = []string{a} }, "b.jsonl, which this run does not list"},
		{"input added", func(cf *batch.Config) { cf.Inputs = []string{a, b, c} }, "c.jsonl is not in"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := cfg
			tc.edit(&cfg)
			msg := configError(t, cfg)
			if !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("refusal %q, want one line with %q", msg, tc.want)
			}
			if got := files(t, out); strings.Join(got, " ") != strings.Join(before, " ") {
				t.Errorf("a refused resume changed OUT:\n%v\nwas\n%v", got, before)
			}
		})
	}
	res, err := batch.Run(context.Background(), cfg)
	if err != nil || res.Status != batch.StatusComplete || res.Manifest.Totals.Records != 60 {
		t.Fatalf("resume: %v, status %s, %+v", err, res.Status, res.Manifest.Totals)
	}
	if o := res.Manifest.Options["extract"]["clean-jsonl"]; o != "true" {
		t.Errorf("manifest options %v", res.Manifest.Options)
	}
}
