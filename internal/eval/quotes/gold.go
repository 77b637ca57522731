package main

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// goldQuote is one PolNeAR attribution whose content holds quotation marks.
type goldQuote struct {
	// segs are the quoted stretches of the content, without their marks: one
	// per outermost pair of marks ("“A,” he said, “B.”" gives two). A
	// multi-paragraph quote whose paragraphs reopen the mark is one stretch.
	segs   []span
	source []span // the gold source fragments; none for Attribution-no-source
	// sourceText is the source as written, fragments joined by a space.
	sourceText string
}

// goldQuotes returns the attributions of ann whose content holds at least
// one quoted stretch.
func goldQuotes(text string, ann *annotations) []goldQuote {
	var out []goldQuote
	for _, rel := range ann.relations {
		if !strings.HasPrefix(rel.typ, "Attribution") {
			continue
		}
		segs := quotedStretches(text, ann.frags(rel.content))
		if len(segs) == 0 {
			continue
		}
		g := goldQuote{segs: segs, source: ann.frags(rel.source)}
		var parts []string
		for _, s := range g.source {
			parts = append(parts, text[s.start:s.end])
		}
		g.sourceText = strings.Join(parts, " ")
		out = append(out, g)
	}
	return out
}

// quotedStretches finds the quoted stretches inside content fragments.
// Fragments separated only by white space are merged first (brat cuts an
// annotation at line breaks), and each region is widened over marks and
// final punctuation the annotator left just outside it. Double marks
// (“ ” " « » „) are paired first: ” after a space with words following
// opens a quote when none is open (some copy types ” at both ends); an
// opening mark at a paragraph start while a quote is open continues it;
// one left open runs to the region's end; a closing mark with none open
// closes a stretch from the region's start. Only when a region has no double marks are single ones (‘ ’ ')
// paired, and then a mark between two letters or digits is an apostrophe.
// Stretches without a letter or digit are dropped.
func quotedStretches(text string, frags []span) []span {
	var out []span
	for _, r := range regions(text, frags) {
		segs := pairIn(text, r, false)
		if len(segs) == 0 {
			segs = pairIn(text, r, true)
		}
		for _, s := range segs {
			if strings.IndexFunc(text[s.start:s.end], isWordRune) >= 0 {
				out = append(out, s)
			}
		}
	}
	return out
}

// regions merges and widens content fragments as quotedStretches describes.
func regions(text string, frags []span) []span {
	frags = slices.Clone(frags)
	slices.SortFunc(frags, func(a, b span) int { return a.start - b.start })
	var out []span
	for _, f := range frags {
		if n := len(out); n > 0 && strings.TrimSpace(text[out[n-1].end:max(f.start, out[n-1].end)]) == "" {
			out[n-1].end = max(out[n-1].end, f.end)
			continue
		}
		out = append(out, f)
	}
	for i := range out {
		for out[i].start > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:out[i].start])
			if !isMark(r) {
				break
			}
			out[i].start -= size
		}
		for out[i].end < len(text) {
			r, size := utf8.DecodeRuneInString(text[out[i].end:])
			if !isMark(r) && !strings.ContainsRune(",.?!…", r) {
				break
			}
			out[i].end += size
		}
	}
	return out
}

// pairIn pairs the marks of one family in region r and returns the
// stretches between them.
func pairIn(text string, r span, single bool) []span {
	var (
		out   []span
		depth int
		start int
	)
	for i := r.start; i < r.end; {
		c, size := utf8.DecodeRuneInString(text[i:])
		if !single && strings.HasPrefix(text[i:], "''") {
			c, size = '"', 2 // ''A,'' in NYT copy
		}
		open, close := markRole(text, i, size, c, single)
		if open && close {
			// A mark that can do either closes an open quote, else opens.
			open, close = depth == 0, depth > 0
		}
		switch {
		case open && depth == 0:
			start, depth = i+size, 1
		case open && paragraphStart(text, i):
			// a reopened paragraph of the same quote
		case open:
			depth++
		case close && depth == 1:
			out = append(out, span{start, i})
			depth = 0
		case close && depth > 1:
			depth--
		case close && !single && len(out) == 0:
			out = append(out, span{r.start, i})
		}
		i += size
	}
	if depth > 0 {
		out = append(out, span{start, r.end})
	}
	return out
}

// markRole classifies the mark c of size bytes at text[i] as an opening or closing
// quotation mark of the double (or, with single, the single) family; a
// mark may be both, and then pairIn decides by whether a quote is open.
func markRole(text string, i, size int, c rune, single bool) (open, close bool) {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i+size:])
	before := i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/“‘«\"'", prev)
	if single {
		if isWordRune(prev) && isWordRune(next) {
			return false, false
		}
		switch c {
		case '‘':
			return true, false
		case '’':
			return false, !before
		case '\'':
			return before && isWordRune(next), !before
		}
		return false, false
	}
	switch c {
	case '“', '«', '„':
		return true, false
	case '”', '»':
		// After a space, with words following on its line, it may also
		// open: ”Fear. I am…” (some copy types the closing mark at both
		// ends).
		return before && wordsFollow(text[i+size:]), true
	case '"':
		return before, !before
	}
	return false, false
}

// wordsFollow reports whether a letter, a digit or an ellipsis comes
// before the end of the line in s, after optional spaces.
func wordsFollow(s string) bool {
	s = strings.TrimLeft(s, " \t")
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r) || r == '…'
}

// paragraphStart reports whether only white space holding a newline
// separates text[i] from the previous non-space character.
func paragraphStart(text string, i int) bool {
	j := strings.LastIndexFunc(text[:i], func(r rune) bool { return !unicode.IsSpace(r) })
	return strings.Contains(text[j+1:i], "\n")
}

// isMark reports whether r is a quotation mark of either family.
func isMark(r rune) bool { return strings.ContainsRune("“”\"«»„‘’'", r) }

// isWordRune reports whether r is a letter or a digit.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
