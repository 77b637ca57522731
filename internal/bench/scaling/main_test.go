package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestParseAndReport(t *testing.T) {
	out := `goos: linux
pkg: github.com/newsmill/newsmill/stages/entities
BenchmarkScaling/Prose/1x-2         	       1	  10000000 ns/op	 1 MB/s
BenchmarkScaling/Prose/2x-2         	       1	  20000000 ns/op
BenchmarkScaling/Prose/4x-2         	       1	  41000000 ns/op
BenchmarkScaling/Prose/8x-2         	       1	  80000000 ns/op
pkg: github.com/newsmill/newsmill/stages/quotes
BenchmarkScaling/Marks/1x         	       1	  1000000 ns/op
BenchmarkScaling/Marks/2x         	       1	  4000000 ns/op
BenchmarkScaling/Marks/4x         	       1	  16000000 ns/op
PASS
`
	shapes, err := parse(strings.NewReader(out))
	if err != nil || len(shapes) != 2 {
		t.Fatalf("%d shapes, %v", len(shapes), err)
	}
	var w bytes.Buffer
	if !report(&w, shapes, 2.3) {
		t.Fatalf("quadratic shape passed:\n%s", w.String())
	}
	lines := strings.Split(strings.TrimSpace(w.String()), "\n")
	if !strings.Contains(lines[0], "entities.BenchmarkScaling/Prose") || !strings.Contains(lines[0], "mean 2.00 ok") {
		t.Errorf("linear line: %s", lines[0])
	}
	if !strings.Contains(lines[1], "quotes.BenchmarkScaling/Marks") || !strings.Contains(lines[1], "mean 4.00 TOO FAST-GROWING") {
		t.Errorf("quadratic line: %s", lines[1])
	}
}
