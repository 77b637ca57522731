package quotes

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// family groups the quotation marks that close each other.
type family uint8

const (
	famDouble    family = iota + 1 // “ ” „ ‟ "
	famSingle                      // ‘ ’ ‛ '
	famGuillemet                   // « »
)

// role says whether a mark can open a quotation, close one, or both.
type role uint8

const (
	roleNone role = iota // an apostrophe or an inch mark, not a quotation mark
	roleOpen
	roleClose
	roleEither
)

// segment is one paired quotation: the byte offsets and lengths of its
// opening and closing marks.
type segment struct {
	open, openLen   int
	close, closeLen int
}

// span covers the quotation with its marks.
func (s segment) span() pipeline.Span { return pipeline.Span{Start: s.open, End: s.close + s.closeLen} }

// content covers the quoted words without the outer marks.
func (s segment) content() pipeline.Span {
	return pipeline.Span{Start: s.open + s.openLen, End: s.close}
}

// pending is an opening mark waiting for its close. nested is set once a
// mark of the same family opened inside it (“… what he calls “hell” …”):
// then a closing mark after a space, likely a stray one, cannot close it.
type pending struct {
	pos, size int
	fam       family
	nested    bool
}

// maxDepth bounds quotation nesting; deeper opening marks are ignored.
const maxDepth = 8

// pairMarks finds the quotations of text: it classifies every quotation
// mark as opening, closing or an apostrophe from the characters around it,
// pairs marks of the same family with a stack inside each paragraph (a
// quote may nest one of its own family, “… calls “hell” …”, but a closing
// mark after a space cannot then close the outer one), carries a quotation
// over a paragraph break when the next paragraph reopens it and nothing
// else was left open (the convention for multi-paragraph quotes), drops
// marks left open, and returns only the outermost quotations, in text
// order.
// It runs in one pass over the bytes of text and allocates only the result.
func pairMarks(text string) []segment {
	var (
		stack [maxDepth]pending
		depth int
		segs  []segment
	)
	for i := 0; i < len(text); {
		c := text[i]
		if !markLead[c] {
			i++
			continue
		}
		if c == '\n' {
			next, cont := paragraphBreak(text, i)
			if depth > 0 && !cont {
				// The quote goes on only if the next paragraph reopens it
				// and nothing else was left open inside it.
				if r, fam, size := markAt(text, next); depth == 1 && fam == stack[0].fam && (r == roleOpen || r == roleEither) {
					depth = 1
					next += size
				} else {
					depth = 0
				}
			}
			i = next
			continue
		}
		if skip := attributeValue(text, i); skip > 0 {
			i += skip
			continue
		}
		if skip := elision(text, i); skip > 0 {
			i += skip
			continue
		}
		r, fam, size := markAt(text, i)
		if fam == 0 {
			i++
			continue
		}
		if r == roleClose || r == roleEither {
			if j := topmost(stack[:depth], fam); j >= 0 && (!stack[j].nested || !afterSpace(text, i)) {
				p := stack[j]
				segs = append(segs, segment{open: p.pos, openLen: p.size, close: i, closeLen: size})
				depth = j
				i += size
				continue
			}
		}
		if r == roleOpen || r == roleEither {
			if j := topmost(stack[:depth], fam); j >= 0 {
				stack[j].nested = true
			}
			if depth < maxDepth {
				stack[depth] = pending{pos: i, size: size, fam: fam}
				depth++
			}
		}
		i += size
	}
	return outermost(segs, text)
}

// markLead marks the bytes pairMarks stops at: a newline, an ASCII mark,
// and the first byte of a curly mark (0xE2) or a guillemet (0xC2).
var markLead = [256]bool{'\n': true, '"': true, '\'': true, '`': true, 0xE2: true, 0xC2: true}

// topmost returns the index of the innermost pending mark of family fam,
// or -1.
func topmost(stack []pending, fam family) int {
	for j := len(stack) - 1; j >= 0; j-- {
		if stack[j].fam == fam {
			return j
		}
	}
	return -1
}

// outermost sorts segs by position and keeps those not inside another one
// and not empty.
func outermost(segs []segment, text string) []segment {
	slices.SortFunc(segs, func(a, b segment) int {
		return cmp.Or(cmp.Compare(a.open, b.open), cmp.Compare(b.close, a.close))
	})
	out := segs[:0]
	end := -1
	for _, s := range segs {
		if s.open < end || strings.TrimSpace(s.content().In(text)) == "" {
			continue
		}
		out = append(out, s)
		end = s.span().End
	}
	return out
}

// paragraphBreak looks at the newline at text[i]. It returns the offset of
// the next non-space character and cont = true when the break is a soft
// line wrap inside a paragraph (a single newline followed by a lower-case
// letter).
func paragraphBreak(text string, i int) (next int, cont bool) {
	newlines := 0
	j := i
	for j < len(text) {
		switch text[j] {
		case '\n':
			newlines++
		case ' ', '\t', '\r', '\f', '\v':
		default:
			r, _ := utf8.DecodeRuneInString(text[j:])
			return j, newlines == 1 && unicode.IsLower(r)
		}
		j++
	}
	return j, false
}

// elision returns the number of bytes to skip when text[i] starts an
// elided word written with apostrophes that look like quotation marks:
// rock ’n’ roll, 'n', ’em, 'tis, ’cause, '90s. It returns 0 otherwise.
func elision(text string, i int) int {
	size := apostropheAt(text, i)
	if size == 0 {
		return 0
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	if i > 0 && !openContext(prev) {
		return 0
	}
	rest := text[i+size:]
	if len(rest) > 1 && (rest[0] == 'n' || rest[0] == 'N') {
		if s2 := apostropheAt(rest, 1); s2 > 0 {
			return size + 1 + s2
		}
	}
	if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
		return size // '90s, ’20
	}
	for _, w := range [...]string{"em", "tis", "twas", "til", "cause", "cos", "bout"} {
		if len(rest) >= len(w) && strings.EqualFold(rest[:len(w)], w) {
			if after, _ := utf8.DecodeRuneInString(rest[len(w):]); len(rest) == len(w) || !isWordRune(after) {
				return size
			}
		}
	}
	return 0
}

// maxAttribute bounds the bytes of a markup attribute value.
const maxAttribute = 300

// attributeValue returns the number of bytes to skip when text[i] opens
// the value of a markup attribute left in the text (<a href="…">,
// <tweet pic="" author="x">): a straight double mark after "=", through
// its closing mark on the same line. It returns 0 otherwise.
func attributeValue(text string, i int) int {
	if text[i] != '"' || i == 0 || text[i-1] != '=' {
		return 0
	}
	rest := text[i+1 : min(len(text), i+1+maxAttribute)]
	end := strings.IndexAny(rest, "\"\n")
	if end < 0 || rest[end] != '"' {
		return 0
	}
	return end + 2
}

// apostropheAt returns the byte length of an apostrophe-like mark (' ’ ‘)
// at text[i], or 0.
func apostropheAt(text string, i int) int {
	if i >= len(text) {
		return 0
	}
	if text[i] == '\'' {
		return 1
	}
	if strings.HasPrefix(text[i:], "’") || strings.HasPrefix(text[i:], "‘") {
		return 3
	}
	return 0
}

// markAt classifies the quotation mark at text[i], if any, from the
// characters on either side. fam is 0 when text[i] is not a mark.
func markAt(text string, i int) (r role, fam family, size int) {
	if i >= len(text) {
		return roleNone, 0, 0
	}
	var q rune
	q, size = utf8.DecodeRuneInString(text[i:])
	switch {
	case strings.HasPrefix(text[i:], "''") || strings.HasPrefix(text[i:], "``"):
		// Two apostrophes or backticks stand for a double mark (''A,'' he said).
		q, size = '"', 2
		if text[i] == '`' {
			q = '“'
		}
	case strings.HasPrefix(text[i:], "’’"):
		// Two curly single marks close a double one: “A,’’ he said.
		q, size = '”', 2*len("’")
	case strings.HasPrefix(text[i:], "‘‘"):
		q, size = '“', 2*len("‘")
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, nsize := utf8.DecodeRuneInString(text[i+size:])
	before := i == 0 || openContext(prev)
	after := nsize == 0 || closeContext(next)
	switch q {
	case '"':
		return either(before, after), famDouble, size
	case '“':
		if !before && after {
			return roleEither, famDouble, size
		}
		return roleOpen, famDouble, size
	case '”':
		if before && (!after || strings.HasPrefix(strings.TrimLeft(text[i+size:], " "), "…")) {
			// ”Fear…” and ” … what I learned”: some copy types ” at both ends.
			return roleEither, famDouble, size
		}
		return roleClose, famDouble, size
	case '„', '‟':
		return roleOpen, famDouble, size
	case '«':
		if !before && after {
			return roleClose, famGuillemet, size
		}
		return roleOpen, famGuillemet, size
	case '»':
		if before && !after {
			return roleOpen, famGuillemet, size
		}
		return roleClose, famGuillemet, size
	case '‛':
		return roleOpen, famSingle, size
	case '\'', '‘', '’':
		return single(q, prev, next, before, after), famSingle, size
	}
	return roleNone, 0, size
}

// either decides a straight double quote: opening after a space, closing
// before one, undecided otherwise.
func either(before, after bool) role {
	switch {
	case before && !after:
		return roleOpen
	case after && !before:
		return roleClose
	}
	return roleEither
}

// single decides a single mark, most of which are apostrophes: between
// letters (don’t, Iraq’s) it never quotes; ’ never opens.
func single(q, prev, next rune, before, after bool) role {
	if isWordRune(prev) && isWordRune(next) {
		return roleNone
	}
	switch {
	case before && !after && q != '’':
		return roleOpen
	case after && !before && q != '‘':
		return roleClose
	}
	return roleNone
}

// openContext reports whether a mark after r is in opening position.
func openContext(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("([{—–―‒-/“‘«„\"'", r)
}

// closeContext reports whether a mark before r is in closing position.
func closeContext(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(",.;:!?)]}—–―‒-…/”’»\"'", r)
}

// isWordRune reports whether r is a letter or a digit.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// afterSpace reports whether white space precedes text[i].
func afterSpace(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return i > 0 && unicode.IsSpace(r)
}
