package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// paragraphs accumulates text into paragraphs, collapsing every run of
// whitespace inside a paragraph to one space. The zero value is ready to use;
// it is not safe for concurrent use.
type paragraphs struct {
	list    []string
	cur     strings.Builder
	pending bool // a space is owed before the next visible character
}

// write appends s to the current paragraph.
func (p *paragraphs) write(s string) {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && size == 1 {
			r = unicode.ReplacementChar
		}
		s = s[size:]
		switch {
		case unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff':
			p.pending = p.cur.Len() > 0
		case r == 0 || unicode.IsControl(r):
			// drop
		default:
			if p.pending {
				p.cur.WriteByte(' ')
				p.pending = false
			}
			p.cur.WriteRune(r)
		}
	}
}

// end closes the current paragraph, if it has any text.
func (p *paragraphs) end() {
	if p.cur.Len() > 0 {
		p.list = append(p.list, p.cur.String())
		p.cur.Reset()
	}
	p.pending = false
}

// done closes the current paragraph and returns them all.
func (p *paragraphs) done() []string {
	p.end()
	return p.list
}

// collapse trims s and collapses its whitespace runs to single spaces.
func collapse(s string) string {
	var p paragraphs
	p.write(s)
	return p.cur.String()
}
