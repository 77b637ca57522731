// Package sentences is newsmill's sentence segmenter and the "sentences"
// stage that runs it.
//
// Text is first cut at hard boundaries: blank lines end a paragraph, and a
// short line without final punctuation (a heading, a caption, an item of a
// list of links) stands alone. Each piece is then segmented with the Punkt
// algorithm of gopkg.in/neurosnap/sentences.v1 and the English parameters
// that github.com/jdkato/prose/v2 uses, with corrections for abbreviations,
// ellipses, quotations and enumerations. Sentences are byte spans of the
// original text, trimmed of surrounding white space, never empty, in order.
package sentences

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// Split returns the sentences of text in order. Paragraph counts the blank
// line separated blocks before each sentence's block.
//
// Split is safe for concurrent use. The first call in a process loads the
// Punkt parameters (about 20 ms); after that a call costs a few microseconds
// per sentence and allocates mostly for Punkt's tokens.
func Split(text string) []pipeline.Sentence {
	tok := tokenizer()
	var out []pipeline.Sentence
	for _, u := range blocks(text) {
		for from := u.start; from < u.end; {
			to := pieceEnd(text, from, u.end)
			piece := text[from:to]
			cuts := tok.SentencePositions(piece)
			for _, s := range spans(piece, cuts) {
				out = append(out, pipeline.Sentence{
					Span:      pipeline.Span{Start: from + s.Start, End: from + s.End},
					Paragraph: u.para,
				})
			}
			from = to
		}
	}
	return out
}

// maxPiece bounds the bytes given to Punkt at once. Punkt holds a token
// of about a hundred bytes per word of what it is given, so a block of
// megabytes without a blank line (text without paragraphs, or without
// any sentence punctuation) is cut into pieces of at most this size,
// each ending a sentence; no paragraph of news comes near it.
const maxPiece = 256 << 10

// pieceEnd returns the end of the piece of text[from:end] to segment
// next: end when it is at most maxPiece bytes away, else a cut in the
// second half of the next maxPiece bytes, the last of these found: after
// a line ending with . ! ? or a closing mark, after such punctuation and
// a space before a capital, after white space, or at a character's
// start.
func pieceEnd(text string, from, end int) int {
	if end-from <= maxPiece {
		return end
	}
	lo, hi := from+maxPiece/2, from+maxPiece
	window := text[lo:hi]
	for i := len(window) - 1; i > 0; i-- {
		if window[i] == '\n' && strings.ContainsRune(".!?", lastCoreRune(window[:i])) {
			return lo + i + 1
		}
	}
	for i := len(window) - 2; i > 0; i-- {
		if window[i] == ' ' && strings.IndexByte(".!?", window[i-1]) >= 0 && 'A' <= window[i+1] && window[i+1] <= 'Z' {
			return lo + i + 1
		}
	}
	if i := strings.LastIndexAny(window, " \t\n"); i >= 0 {
		return lo + i + 1
	}
	cut := hi
	for cut > lo && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return cut
}

// lastCoreRune returns the last rune of s before trailing white space and
// closing marks, or -1.
func lastCoreRune(s string) rune {
	s = strings.TrimRightFunc(strings.TrimRightFunc(s, unicode.IsSpace), isCloser)
	if s == "" {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// block is a piece of text between hard boundaries.
type block struct {
	start, end int
	para       int // index of the blank-line separated paragraph
}

// line is one line of text, without its newline.
type line struct{ start, end int }

// blocks cuts text at blank lines and after lines that stand alone.
func blocks(text string) []block {
	var out []block
	var para []line
	n := 0
	flush := func() {
		if len(para) == 0 {
			return
		}
		wrapped := isWrapped(text, para)
		start := para[0].start
		for i, l := range para {
			if i+1 == len(para) || !wrapped && standsAlone(text[l.start:l.end], text[para[i+1].start:para[i+1].end]) {
				out = append(out, block{start, l.end, n})
				if i+1 < len(para) {
					start = para[i+1].start
				}
			}
		}
		para = para[:0]
		n++
	}
	for pos := 0; pos < len(text); {
		end := len(text)
		next := len(text)
		if i := strings.IndexByte(text[pos:], '\n'); i >= 0 {
			end, next = pos+i, pos+i+1
		}
		if isBlank(text[pos:end]) {
			flush()
		} else {
			para = append(para, line{pos, end})
		}
		pos = next
	}
	flush()
	return out
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// Hard-wrapped text: every line but the last is at least wrapShare of the
// longest, which is at most wrapWidth bytes.
const (
	wrapWidth = 100
	wrapShare = 0.75
)

// isWrapped reports whether the lines of a paragraph look like running text
// hard-wrapped at a fixed width, whose line ends are not boundaries: lines
// of similar length, not all of them titles.
func isWrapped(text string, lines []line) bool {
	if len(lines) < 2 {
		return false
	}
	width := 0
	for _, l := range lines {
		width = max(width, len(strings.TrimSpace(text[l.start:l.end])))
	}
	if width > wrapWidth {
		return false
	}
	titles := true
	for _, l := range lines[:len(lines)-1] {
		s := strings.TrimSpace(text[l.start:l.end])
		if float64(len(s)) < wrapShare*float64(width) {
			return false
		}
		titles = titles && isTitleCase(s)
	}
	return !titles
}

// isTitleCase reports whether at least three quarters of the words of four
// or more letters in s start with a capital.
func isTitleCase(s string) bool {
	upper, long := 0, 0
	for _, w := range strings.Fields(s) {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			upper++
		}
	}
	return long > 0 && upper*4 >= long*3
}

// standsAlone reports whether line, followed by next in a paragraph that is
// not hard-wrapped, is a line that no sentence continues past (a heading, a
// caption, an item of a list of links): it has no final punctuation and
// next does not start with a lower-case letter.
func standsAlone(line, next string) bool {
	line = strings.TrimSpace(line)
	next = strings.TrimSpace(next)
	if hasFinalPunct(line) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	return !unicode.IsLower(r)
}

// hasFinalPunct reports whether s ends, before closing marks, with
// punctuation that ends or continues a sentence.
func hasFinalPunct(s string) bool {
	s = strings.TrimRightFunc(s, isCloser)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;,", r)
}

// spans turns Punkt's sentence end positions in piece into trimmed,
// non-empty spans, after forcing cuts before the items of an enumeration
// that opens the piece, dropping cuts that leave a list marker alone, and
// moving closing marks that start a sentence to the end of the one before.
func spans(piece string, cuts []int) []pipeline.Span {
	words := fields(piece)
	cuts = append(cuts, enumerationCuts(piece, words)...)
	cuts = append(cuts, clockCuts(words)...)
	cuts = append(cuts, gluedCuts(words)...)
	cuts = ellipsisCuts(words, cuts)
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)

	var out []pipeline.Span
	start := 0
	for _, c := range cuts {
		if c <= start || c > len(piece) {
			continue
		}
		s := trim(piece, pipeline.Span{Start: start, End: c})
		if s.Empty() {
			start = c
			continue
		}
		if c < len(piece) && (isListMarker(s.In(piece)) || isTitleAbbrev(s.In(piece))) {
			continue // keep the marker with its item, the title with its name
		}
		out = append(out, s)
		start = c
	}
	if start < len(piece) {
		if s := trim(piece, pipeline.Span{Start: start, End: len(piece)}); !s.Empty() {
			out = append(out, s)
		}
	}
	return moveClosers(piece, out)
}

// clockCuts returns a cut after each upper-case "A.M." or "P.M." followed
// by a capitalised word: "at 6 P.M. Mr. Smith" is two sentences, while the
// lower-case "at 5 a.m. Mr. Smith" is left to Punkt, which keeps it whole.
func clockCuts(words []word) []int {
	var cuts []int
	for i, w := range words[:max(len(words)-1, 0)] {
		if (w.text == "A.M." || w.text == "P.M.") && startsUpper(words[i+1].text) {
			cuts = append(cuts, w.end)
		}
	}
	return cuts
}

// gluedCuts returns a cut after each period that ends a sentence with no
// space before the next ("Hello world.Today is Tuesday."): a period after
// a lower-case letter or a digit, inside a word, followed by a capital and
// a lower-case letter, and not in a web address.
func gluedCuts(words []word) []int {
	var cuts []int
	for _, w := range words {
		t := w.text
		if strings.Contains(t, "/") || strings.Contains(t, "@") || strings.HasPrefix(strings.ToLower(t), "www.") {
			continue
		}
		for i := 1; i+2 < len(t); i++ {
			if t[i] != '.' {
				continue
			}
			before, after, next := rune(t[i-1]), rune(t[i+1]), rune(t[i+2])
			if (unicode.IsLower(before) || unicode.IsDigit(before)) && after >= 'A' && after <= 'Z' && next >= 'a' && next <= 'z' {
				cuts = append(cuts, w.start+i+1)
			}
		}
	}
	return cuts
}

// isTitleAbbrev reports whether s is only a title abbreviation ("Mr."),
// which never ends a sentence.
func isTitleAbbrev(s string) bool {
	w, ok := strings.CutSuffix(s, ".")
	return ok && titles[strings.ToLower(w)]
}

// ellipsisCuts handles a four-dot ellipsis written with spaced periods
// before a capitalised word ("compounds. . . . The practice"): the first
// period ends the sentence and the spaced ". . ." opens the next one, so
// the cut moves from after the dots to before them.
func ellipsisCuts(words []word, cuts []int) []int {
	for i := 0; i+4 < len(words); i++ {
		w := words[i]
		if len(w.text) < 2 || !strings.HasSuffix(w.text, ".") {
			continue
		}
		if words[i+1].text != "." || words[i+2].text != "." || words[i+3].text != "." || !startsUpper(words[i+4].text) {
			continue
		}
		from, to := w.end, words[i+4].start
		cuts = slices.DeleteFunc(cuts, func(c int) bool { return c > from && c <= to })
		cuts = append(cuts, from)
		i += 3
	}
	return cuts
}

// startsUpper reports whether s starts with an upper-case letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// trim shrinks s to exclude white space at both ends.
func trim(text string, s pipeline.Span) pipeline.Span {
	t := text[s.Start:s.End]
	lead := len(t) - len(strings.TrimLeftFunc(t, unicode.IsSpace))
	t = strings.TrimSpace(t)
	return pipeline.Span{Start: s.Start + lead, End: s.Start + lead + len(t)}
}

// moveClosers gives closing quotes and brackets that open a sentence back
// to the sentence before, dropping a sentence left empty.
func moveClosers(text string, ss []pipeline.Span) []pipeline.Span {
	out := ss[:0]
	for _, s := range ss {
		if len(out) > 0 {
			n := leadingClosers(s.In(text))
			if n > 0 {
				out[len(out)-1].End = s.Start + n
				s = trim(text, pipeline.Span{Start: s.Start + n, End: s.End})
				if s.Empty() {
					continue
				}
			}
		}
		out = append(out, s)
	}
	return out
}

// leadingClosers returns the byte length of the closing marks at the start
// of s that are followed by white space or the end of s. Straight quotes
// count only in that position, where they cannot open a quotation.
func leadingClosers(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isCloser(r) {
			break
		}
		n += size
	}
	if n == len(s) {
		return n
	}
	if r, _ := utf8.DecodeRuneInString(s[n:]); !unicode.IsSpace(r) {
		return 0
	}
	return n
}

// word is a run of non-space characters of a piece and its position.
type word struct {
	text       string
	start, end int
}

// fields splits s at white space, keeping positions.
func fields(s string) []word {
	out := make([]word, 0, len(s)/5+1)
	start := -1
	for i, r := range s {
		switch {
		case unicode.IsSpace(r) && start >= 0:
			out = append(out, word{s[start:i], start, i})
			start = -1
		case !unicode.IsSpace(r) && start < 0:
			start = i
		}
	}
	if start >= 0 {
		out = append(out, word{s[start:], start, len(s)})
	}
	return out
}
