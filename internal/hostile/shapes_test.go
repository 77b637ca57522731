package hostile_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsmill/newsmill/cli"
)

// TestHostileShapesFinishFast runs, through the command, one document of
// each shape that took a stage minutes when it was quadratic: 100,000
// capitalised words in one sentence (79 s), "Dr. Mr. St. " 50,000 times
// (over 20 minutes at 200,000), 100,000 pairs of quotation marks (a 4 MB
// document was killed after 120 s; 320 kB took 10.5 s) and 1.5 MB of prose
// with ever new names (1 MB took 12.5 s in the entities stage, 4 MB 142 s).
// Each must finish well within its budget, as a document, not an error
// row. Under the race detector the shapes are a quarter as long (quadratic
// code would still take longer than the budget) and the prose is left out
// (linear code already takes half the budget).
func TestHostileShapesFinishFast(t *testing.T) {
	const limit = 14 * time.Second // the budget per document and stage
	n := 100000
	if raceEnabled {
		n /= 4
	}
	var capitalised, prose strings.Builder
	for k := range n {
		fmt.Fprintf(&capitalised, "Word%c%c ", 'a'+k%26, 'a'+k/26%26)
	}
	for k := 0; prose.Len() < 1_500_000 && !raceEnabled; k++ {
		name := fmt.Sprintf("%c%c%c", 'a'+k%26, 'a'+k/26%26, 'a'+k/676%26)
		fmt.Fprintf(&prose, "Minister Anna %s met President Mike Pompeo%s of the Federal Office in Baghdad on Tuesday. "+
			"%s said the United Nations would send aid to Basra. “We will act,” %s told Reuters.\n\n", name, name, name, name)
	}
	for _, tc := range []struct{ name, stages, text string }{
		{"capitalised words", "extract,sentences,entities", capitalised.String()},
		{"titles", "extract,sentences,entities", strings.Repeat("Dr. Mr. St. ", n/2)},
		{"quotation pairs", "extract,sentences,quotes", strings.Repeat("“a” ", n)},
		{"prose", "extract,sentences,entities", prose.String()},
	} {
		if tc.text == "" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			code, recs, stderr := annotate(t, jsonl("x", tc.text), "--stages", tc.stages, "--max-doc-seconds", fmt.Sprint(limit.Seconds()))
			took := time.Since(start)
			if code != 0 || len(recs) != 1 || recs[0].Error != nil {
				t.Fatalf("exit %d, records %+v: %s", code, recs, stderr)
			}
			t.Logf("%d bytes in %v", len(tc.text), took)
			if took > limit {
				t.Errorf("%d bytes took %v", len(tc.text), took)
			}
		})
	}
}

// TestCleanerKeepsShortParagraphs: the plain-text cleaner keeps, or names
// in the warnings, short paragraphs without final punctuation: a closing
// “…,” she said quote, and a 2.7 MB document made only of such lines
// (issue 17: it came out as 38 bytes, and the quote vanished), in a .txt
// file and in JSON Lines text.
func TestCleanerKeepsShortParagraphs(t *testing.T) {
	dir := t.TempDir()
	closing := "The council met on Monday and agreed to close the bridge, officials said.\n\n" +
		strings.Repeat("A short line without a stop\n\n", 3) + "“We will see,” she said"
	lines := strings.Repeat("A short line without a stop\n\n", 100000)
	for name, text := range map[string]string{"closing.txt": closing, "lines.txt": lines} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdin := jsonl("closing", closing) + jsonl("lines", lines)
	code, recs, stderr := annotateInputs(t, stdin, "--stages", "extract", filepath.Join(dir, "closing.txt"), filepath.Join(dir, "lines.txt"), "-")
	if code != 0 || len(recs) != 4 {
		t.Fatalf("exit %d, %d records: %s", code, len(recs), stderr)
	}
	for i, r := range recs {
		in := []string{closing, lines}[i%2]
		warned := slices.ContainsFunc(r.Warnings, func(w string) bool { return strings.Contains(w, "dropped") || strings.Contains(w, "debris") })
		if r.Error != nil || (!warned && len(r.Text) < len(in)*9/10) {
			t.Errorf("record %d: %d of %d bytes kept, warnings %q, error %+v", i, len(r.Text), len(in), r.Warnings, r.Error)
		}
		if i%2 == 0 && !strings.Contains(r.Text, "she said") {
			t.Errorf("record %d: the closing quote is gone: %q", i, r.Text)
		}
	}
}

// TestProgressEveryRefusedBeforeDeleting: --progress-every 0 or negative is
// a usage error found before anything in OUT is removed (issue 17: it
// panicked after the previous dataset was deleted).
func TestProgressEveryRefusedBeforeDeleting(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, []byte(jsonl("a", "One.")), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	var stderr bytes.Buffer
	if code := cli.Run(context.Background(), []string{"annotate", "-q", "--stages", "extract", "-o", out, in}, nil, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr.String())
	}
	before := tree(t, out)
	for _, every := range []string{"0", "-1s"} {
		stderr.Reset()
		code := cli.Run(context.Background(), []string{"annotate", "--progress-every", every, "--stages", "extract", "-o", out, in}, nil, &bytes.Buffer{}, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), "--progress-every") {
			t.Errorf("--progress-every %s: exit %d: %s", every, code, stderr.String())
		}
		if after := tree(t, out); !slices.Equal(after, before) {
			t.Errorf("--progress-every %s changed OUT:\n%v\nwas\n%v", every, after, before)
		}
	}
}

// tree lists the files below dir with their sizes and times.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, fmt.Sprintf("%s %d %s", path, info.Size(), info.ModTime()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
