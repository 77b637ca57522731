package stagetest

import (
	"fmt"
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
