package sink

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// validUTF8 returns s with every byte that is not part of a valid UTF-8
// sequence replaced by U+FFFD, one replacement per byte. Unlike
// strings.ToValidUTF8, which merges a run of bad bytes into one U+FFFD, this
// keeps one code point per step of utf8.DecodeRuneInString, so code point
// offsets counted over the raw text are offsets into the result. It returns
// s itself, without allocating, when s is already valid.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// cpIndex converts the byte offsets of one document's spans to code point
// offsets in a single pass over the text: add every offset, build, then look
// them up. A code point here is one step of utf8.DecodeRuneInString, so an
// invalid byte counts as one (it becomes one U+FFFD in validUTF8's output).
//
// Offsets outside the text are clamped to it, and an offset inside a
// multi-byte character is moved forward to the end of that character, so
// every converted span lies on character boundaries of the text. The zero
// value is ready to use; reusing one index for many documents avoids
// allocation. It is not safe for concurrent use.
type cpIndex struct {
	text string
	offs []int // requested byte offsets, sorted and unique after build
	cps  []int // code point offset of offs[i]
	snap []int // offs[i] moved forward to a character boundary
}

// cpSpan is a span converted by cpIndex.
type cpSpan struct {
	Start, End int64         // code point offsets, end exclusive
	Bytes      pipeline.Span // the span's byte range on character boundaries
}

// reset starts a new document.
func (x *cpIndex) reset(text string) {
	x.text = text
	x.offs = x.offs[:0]
}

// clamp limits a byte offset to the text.
func (x *cpIndex) clamp(b int) int {
	return min(max(b, 0), len(x.text))
}

// add records both ends of s for conversion.
func (x *cpIndex) add(s pipeline.Span) {
	x.offs = append(x.offs, x.clamp(s.Start), x.clamp(s.End))
}

// build converts every added offset. It costs one sort of the offsets and
// one pass over the text up to the largest offset.
func (x *cpIndex) build() {
	slices.Sort(x.offs)
	x.offs = slices.Compact(x.offs)
	x.cps = slices.Grow(x.cps[:0], len(x.offs))[:len(x.offs)]
	x.snap = slices.Grow(x.snap[:0], len(x.offs))[:len(x.offs)]
	text := x.text
	i, n := 0, 0 // byte position on a character boundary, code points before it
	for j := 0; j < len(x.offs); {
		for j < len(x.offs) && x.offs[j] <= i {
			x.cps[j], x.snap[j] = n, i
			j++
		}
		if i >= len(text) {
			break
		}
		if text[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
		}
		n++
	}
}

// lookup returns the code point offset and the boundary-aligned byte offset
// of b, which must have been added before build.
func (x *cpIndex) lookup(b int) (cp, snapped int) {
	b = x.clamp(b)
	j := sort.SearchInts(x.offs, b)
	return x.cps[j], x.snap[j]
}

// span converts s, which must have been added before build. A span whose end
// precedes its start becomes empty at its start.
func (x *cpIndex) span(s pipeline.Span) cpSpan {
	sc, sb := x.lookup(s.Start)
	ec, eb := x.lookup(s.End)
	if ec < sc {
		ec, eb = sc, sb
	}
	return cpSpan{Start: int64(sc), End: int64(ec), Bytes: pipeline.Span{Start: sb, End: eb}}
}

// textOf returns the valid UTF-8 text of a converted span: exactly the code
// points [c.Start, c.End) of validUTF8 of the whole text.
func (x *cpIndex) textOf(c cpSpan) string {
	return validUTF8(x.text[c.Bytes.Start:c.Bytes.End])
}
