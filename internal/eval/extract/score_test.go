package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	got := tokens("It's 3.5% — naïve_user, 東京 café!")
	want := []string{"It", "s", "3", "5", "naïve_user", "東京", "café"}
	if !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

func TestShingles(t *testing.T) {
	tests := []struct {
		text string
		want map[string]int
	}{
		{"", map[string]int{}},
		{"one two", map[string]int{"one two": 1}},
		{"a b c d", map[string]int{"a b c d": 1}},
		{"a b c d e", map[string]int{"a b c d": 1, "b c d e": 1}},
		// Repeated shingles are counted, and case is kept.
		{"x y z w x y z w", map[string]int{"x y z w": 2, "y z w x": 1, "z w x y": 1, "w x y z": 1}},
		{"A b c d a b c d", map[string]int{"A b c d": 1, "b c d a": 1, "c d a b": 1, "d a b c": 1, "a b c d": 1}},
	}
	for _, tt := range tests {
		got := shingles(tt.text)
		if len(got) != len(tt.want) {
			t.Errorf("shingles(%q) = %v, want %v", tt.text, got, tt.want)
			continue
		}
		for k, n := range tt.want {
			if got[k] != n {
				t.Errorf("shingles(%q)[%q] = %d, want %d", tt.text, k, got[k], n)
			}
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestMatch(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred string
		want       counts
		p, r       float64
	}{
		{"identical", "a b c d e", "a b c d e", counts{1, 0, 0}, 1, 1},
		{"both empty", "", "  ", counts{0, 0, 0}, 1, 1},
		{"nothing predicted", "a b c d", "", counts{0, 0, 1}, 0, 0},
		{"half extra", "a b c d e", "a b c d e . z y x w", counts{2.0 / 6, 4.0 / 6, 0}, 1.0 / 3, 1},
		// gold has "x y z w" twice, pred once: one tp, one fn for it.
		{"multiplicity", "x y z w x y z w", "x y z w", counts{0.2, 0, 0.8}, 1, 0.2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := match(tt.gold, tt.pred)
			if !near(c.tp, tt.want.tp) || !near(c.fp, tt.want.fp) || !near(c.fn, tt.want.fn) {
				t.Errorf("match = %+v, want %+v", c, tt.want)
			}
			if !near(c.precision(), tt.p) || !near(c.recall(), tt.r) {
				t.Errorf("precision %v recall %v, want %v %v", c.precision(), c.recall(), tt.p, tt.r)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	pages := []counts{
		{1, 0, 0},       // perfect
		{0.5, 0.5, 0},   // precision 0.5, recall 1
		{0, 0, 1},       // nothing predicted: left out of precision, recall 0
		{0, 0, 0},       // both empty: left out of both
		{0.25, 0, 0.75}, // precision 1, recall 0.25
	}
	p, r, f1 := summary(pages)
	wantP, wantR := (1+0.5+1)/3.0, (1+1+0+0.25)/4.0
	if !near(p, wantP) || !near(r, wantR) || !near(f1, 2*wantP*wantR/(wantP+wantR)) {
		t.Errorf("summary = %v %v %v, want %v %v", p, r, f1, wantP, wantR)
	}
}

// TestRun runs the command's report on a two-page benchmark made here.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	body := "The bridge over the river reopened on Tuesday after two years of repairs, the council said."
	files := map[string]string{
		"gold.json": `{"b":{"url":"https://x.example/b","articleBody":"` + body + `"},
			"a":{"url":"https://x.example/a","articleBody":"Something else entirely was the article here."}}`,
		"html/a.html": "<html><body><nav><a href=/>Home</a></nav><article><p>" + body + "</p></article></body></html>",
		"html/b.html": "<html><body><article><p>" + body + "</p></article></body></html>",
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	texts := filepath.Join(dir, "out")
	if err := run(&out, []string{dir}, options{worst: 1, runs: 1, out: texts, split: "all"}); err != nil {
		t.Fatal(err)
	}
	// Page a predicts only wrong shingles (P 0, R 0), page b is perfect.
	name := filepath.Base(dir)
	want := regexp.MustCompile(`^` + regexp.QuoteMeta(name) + `: pages 2  precision 0\.5000  recall 0\.5000  F1 0\.5000  ms/page \d+\.\d\d \(slowest [ab] [\d.]+ ms\)\n  worst pages:\n    a  F1 0\.000  P 0\.000  R 0\.000\n\nset +pages  precision  recall +F1  ms/page\n.* 2 +0\.5000  0\.5000  0\.5000 +[\d.]+\nmacro average \(all\) +2  +0\.5000  0\.5000  0\.5000 +[\d.]+\n$`)
	if !want.MatchString(out.String()) {
		t.Errorf("report:\n%s", out.String())
	}
	if got, err := os.ReadFile(filepath.Join(texts, name, "b.txt")); err != nil || string(got) != body {
		t.Errorf("out/b.txt = %q, %v; want the extracted text", got, err)
	}
	if err := run(&out, []string{filepath.Join(dir, "missing")}, options{runs: 1, split: "dev"}); err == nil || !strings.Contains(err.Error(), "gold.json") {
		t.Errorf("missing dir: err = %v", err)
	}
}
