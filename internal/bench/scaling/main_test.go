package main

import (
	"math"
	"strings"
	"testing"
)

const sample = `goos: linux
pkg: github.com/newsmill/newsmill/stages/quotes
BenchmarkScaling/pairs/1x-2         	       3	   1000000 ns/op	  12 B/op
BenchmarkScaling/pairs/2x-2         	       3	   2000000 ns/op
BenchmarkScaling/pairs/2x-2         	       3	   1900000 ns/op
BenchmarkScaling/pairs/4x-2         	       3	   4000000 ns/op
BenchmarkScaling/pairs/8x-2         	       3	   8000000 ns/op
pkg: github.com/newsmill/newsmill/stages/entities
BenchmarkScaling/caps/1x-2         	       3	   1000 ns/op
BenchmarkScaling/caps/2x-2         	       3	   4000 ns/op
BenchmarkScaling/caps/4x-2         	       3	   16000 ns/op
BenchmarkScaling/caps/8x-2         	       3	   64000 ns/op
BenchmarkOther-2                   	       3	   64000 ns/op
PASS
`

// TestParseAndReport: a linear shape passes, a quadratic one fails, the
// fastest of repeated runs is used and other benchmarks are ignored.
func TestParseAndReport(t *testing.T) {
	series, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(series) != 2 {
		t.Fatalf("series %+v", series)
	}
	steps, whole := series[0].Growth()
	if len(steps) != 3 || math.Abs(steps[0]-1.9) > 1e-9 || math.Abs(whole-2) > 1e-9 {
		t.Errorf("linear: steps %v, whole %v", steps, whole)
	}
	if _, whole := series[1].Growth(); math.Abs(whole-4) > 1e-9 {
		t.Errorf("quadratic: whole %v", whole)
	}
	var b strings.Builder
	if bad := report(&b, series, 2.3); bad != 1 || !strings.Contains(b.String(), "FAIL 4.00x per doubling") ||
		!strings.Contains(b.String(), "stages/entities BenchmarkScaling/caps") {
		t.Errorf("bad %d:\n%s", bad, b.String())
	}
}

// TestOneSizeFails: a shape measured at one size only proves nothing.
func TestOneSizeFails(t *testing.T) {
	s := []Series{{Name: "x", NS: map[int]float64{1: 5}}}
	var b strings.Builder
	if bad := report(&b, s, 2.3); bad != 1 {
		t.Errorf("bad %d: %s", bad, b.String())
	}
}
