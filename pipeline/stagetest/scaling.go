package stagetest

import (
	"fmt"
	"strings"
	"testing"
)

// Shape is a kind of input that once made a stage superlinear (many
// quotation marks, long capitalised runs, …). Make returns it n units
// long; Unit is its size at 1x.
type Shape struct {
	Name string
	Unit int
	Make func(n int) string
}

// Prose is ordinary news prose with a new name in every paragraph, about
// 115 bytes a unit: the shape the whole pipeline's scaling benchmark runs
// (comparing every entity mention with every other made it quadratic).
var Prose = Shape{Name: "Prose", Unit: 400, Make: func(n int) string {
	var b strings.Builder
	for k := range n {
		fmt.Fprintf(&b, "Minister Anna %d met President Mike of the Federal Office in Baghdad on Tuesday. “We will act,” she told Reuters.\n\n", k)
	}
	return b.String()
}}

// Word spells k in the letters a to z ("a", "b", …, "ba", "bb", …): a
// distinct made-up word per k for shapes that need ever new names. It
// allocates one short string.
func Word(k int) string {
	var b []byte
	for {
		b = append(b, byte('a'+k%26))
		k /= 26
		if k == 0 {
			break
		}
	}
	return string(b)
}

// SeedBytes is about the size of a shape made into a fuzz seed (see
// Seeds): long enough to repeat its unit many times, short enough for
// each fuzzing run to stay fast.
const SeedBytes = 2048

// Seeds makes each shape into a fuzz seed: as many units as fit in about
// SeedBytes, at least two, so that a fuzz target starts from the inputs
// that once made a stage superlinear. Use it in a FuzzXxx function:
//
//	for _, s := range stagetest.Seeds(scalingShapes) {
//		f.Add(s)
//	}
//
// It costs one Make(1) and one Make(n) per shape.
func Seeds(shapes []Shape) []string {
	seeds := make([]string, len(shapes))
	for i, sh := range shapes {
		seeds[i] = sh.Make(max(2, SeedBytes/max(1, len(sh.Make(1)))))
	}
	return seeds
}

// ScalingSizes are the multiples of a Shape's Unit that BenchScaling runs.
var ScalingSizes = []int{1, 2, 4, 8}

// BenchScaling runs one sub-benchmark per shape and size, named
// "Shape/Nx", the names `make bench-scaling` reads to print the growth of
// the time per operation when the input doubles. prepare turns one text
// into the call to time; it runs outside the timed loop, so work such as
// splitting sentences is not measured. Each text is built once, before its
// sub-benchmark.
func BenchScaling(b *testing.B, shapes []Shape, prepare func(text string) func()) {
	for _, sh := range shapes {
		for _, x := range ScalingSizes {
			text := sh.Make(sh.Unit * x)
			op := prepare(text)
			b.Run(fmt.Sprintf("%s/%dx", sh.Name, x), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for b.Loop() {
					op()
				}
			})
		}
	}
}
