package sentences

import (
	"fmt"
	"strings"
	"testing"
)

// scalingShapes are issue 17's hostile shapes for sentence splitting, at
// 1x: ordinary prose, text without sentence punctuation, abbreviations
// repeated, and one-word lines in one paragraph.
var scalingShapes = []struct {
	name string
	make func(x int) string
}{
	{"Prose", func(x int) string {
		return strings.Repeat("The minister said on Tuesday that aid would reach Basra. “We will act,” she told Reuters. ", 2000*x)
	}},
	{"NoPunctuation", func(x int) string { return strings.Repeat("word and more words ", 10000*x) }},
	{"Titles", func(x int) string { return strings.Repeat("Dr. Mr. St. ", 10000*x) }},
	{"OneWordLines", func(x int) string { return strings.Repeat("Name\n", 20000*x) }},
}

// BenchmarkScaling splits each hostile shape at 1x, 2x, 4x and 8x its
// size; `make bench-scaling` checks the growth per doubling.
func BenchmarkScaling(b *testing.B) {
	for _, sh := range scalingShapes {
		for _, x := range []int{1, 2, 4, 8} {
			text := sh.make(x)
			b.Run(fmt.Sprintf("%s/%dx", sh.name, x), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					Split(text)
				}
			})
		}
	}
}
