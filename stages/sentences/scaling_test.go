package sentences

import (
	"strings"
	"testing"

	"github.com/newsmill/newsmill/pipeline/stagetest"
)

// scalingShapes are issue 17's hostile shapes for sentence splitting, at
// 1x: ordinary prose, text without sentence punctuation, abbreviations
// repeated, and one-word lines in one paragraph.
var scalingShapes = []stagetest.Shape{
	{Name: "Prose", Unit: 2000, Make: func(n int) string {
		return strings.Repeat("The minister said on Tuesday that aid would reach Basra. “We will act,” she told Reuters. ", n)
	}},
	{Name: "NoPunctuation", Unit: 10000, Make: func(n int) string { return strings.Repeat("word and more words ", n) }},
	{Name: "Titles", Unit: 10000, Make: func(n int) string { return strings.Repeat("Dr. Mr. St. ", n) }},
	{Name: "OneWordLines", Unit: 20000, Make: func(n int) string { return strings.Repeat("Name\n", n) }},
}

// BenchmarkScaling splits each hostile shape at 1x, 2x, 4x and 8x its
// size; `make bench-scaling` checks the growth per doubling.
func BenchmarkScaling(b *testing.B) {
	stagetest.BenchScaling(b, scalingShapes, func(text string) func() {
		return func() { Split(text) }
	})
}
