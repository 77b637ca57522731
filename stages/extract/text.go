package extract

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// Text cleans a plain-text page dump. It normalises line endings, removes
// media-player and sharing debris, the masthead, tagline and date line
// before the headline, the repeated headline itself, photo captions, and a
// trailing "Related Articles" section or list of headlines. The headline
// becomes Article.Title, a date line Article.Published (midnight UTC when
// it has no time) and a "By ..." line after the headline Article.Authors.
// Paragraphs are separated by exactly one blank line; line breaks inside a
// paragraph are kept. Text without any of that debris comes back unchanged
// apart from whitespace at line starts and ends and runs of blank lines; a lone
// headline-like first line is taken as the title and moved out of the text.
//
// Nothing is dropped silently: every removed line that holds a letter,
// other than the headline, date line and bylines moved into fields, is
// listed in Article.Dropped.
//
// Text is safe for concurrent use and costs a few passes over raw.
func Text(raw string) Article {
	var a Article
	blocks := splitBlocks(raw)
	before := letterLines(blocks)
	blocks = dropDebris(blocks)
	blocks = cleanHead(blocks, &a)
	blocks = cleanTail(blocks)
	blocks = dropCaptions(blocks)
	parts := make([]string, 0, len(blocks))
	for _, b := range blocks {
		parts = append(parts, strings.Join(b.lines, "\n"))
	}
	a.Text = strings.Join(parts, "\n\n")
	a.Dropped = dropped(before, blocks, &a)
	return a
}

// letterLines returns the lines of blocks that hold a letter, in order.
func letterLines(blocks []textBlock) []string {
	var out []string
	for _, b := range blocks {
		for _, l := range b.lines {
			if strings.IndexFunc(l, unicode.IsLetter) >= 0 {
				out = append(out, l)
			}
		}
	}
	return out
}

// dropped returns the lines of before that the cleaned blocks no longer
// hold, leaving out those moved into a's title, date and authors.
func dropped(before []string, blocks []textBlock, a *Article) []string {
	kept := make(map[string]int, len(before))
	for _, b := range blocks {
		for _, l := range b.lines {
			kept[l]++
		}
	}
	var out []string
	for _, l := range before {
		switch {
		case kept[l] > 0:
			kept[l]--
		case l == a.Title, isCreditLine(l):
		default:
			if _, ok := parseDateLine(l); !ok {
				out = append(out, l)
			}
		}
	}
	return out
}

// NormalizeNewlines returns s with every "\r\n" and lone "\r" turned into
// "\n", the only change the extract stage makes to JSON Lines text by
// default.
func NormalizeNewlines(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// textBlock is a run of non-blank lines, with the number of blank lines
// that separate it from its neighbours.
type textBlock struct {
	lines               []string
	gapBefore, gapAfter int
}

// splitBlocks normalises raw (valid UTF-8, "\n" line ends, no indentation
// or trailing spaces, no control characters) and splits it into blocks.
func splitBlocks(raw string) []textBlock {
	raw = strings.ToValidUTF8(raw, "\uFFFD")
	raw = strings.TrimPrefix(raw, "\ufeff")
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	raw = strings.ReplaceAll(raw, "\r", "\n")
	var blocks []textBlock
	var cur []string
	gap := 0
	for _, line := range strings.Split(raw, "\n") {
		line = strings.TrimSpace(strings.Map(dropControl, line))
		if line == "" {
			if len(cur) > 0 {
				blocks = append(blocks, textBlock{lines: cur, gapBefore: gap})
				cur, gap = nil, 0
			}
			gap++
			continue
		}
		if len(cur) == 0 && len(blocks) > 0 {
			blocks[len(blocks)-1].gapAfter = gap
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		blocks = append(blocks, textBlock{lines: cur, gapBefore: gap})
	}
	return blocks
}

// dropControl removes control characters other than tabs.
func dropControl(r rune) rune {
	if r != '\t' && unicode.IsControl(r) {
		return -1
	}
	return r
}

// debrisLines are whole lines left behind by media players, sharing bars
// and sign-up boxes; they are compared lower-cased, trimmed of punctuation.
var debrisLines = wordSet("close", "newsletter", "advertisement", "share", "share this", "share this article",
	"play", "pause", "mute", "unmute", "loading", "subscribe", "sign up", "print", "email", "facebook",
	"twitter", "whatsapp", "linkedin", "copy link", "listen", "listen to this article", "skip to content",
	"skip advertisement", "live", "watch", "read more", "continue reading", "comments", "×", "x")

// isDebris reports whether line is player or sharing debris: a known word, a
// media time such as "0:00", or a line with no letters or digits.
func isDebris(line string) bool {
	t := strings.TrimSpace(line)
	if debrisLines[strings.ToLower(strings.Trim(t, " .:…|"))] || isMediaTime(t) {
		return true
	}
	return strings.IndexFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0
}

// isMediaTime reports whether s is a player position like "0:00" or "1:02:03".
func isMediaTime(s string) bool {
	if s == "" || len(s) > 8 {
		return false
	}
	for _, part := range strings.Split(s, ":") {
		if part == "" || len(part) > 2 || strings.Trim(part, "0123456789") != "" {
			return false
		}
	}
	return strings.Contains(s, ":")
}

// dropDebris removes debris lines and the blocks they empty.
func dropDebris(blocks []textBlock) []textBlock {
	out := blocks[:0]
	for _, b := range blocks {
		lines := b.lines[:0]
		for _, l := range b.lines {
			if !isDebris(l) {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			if len(out) > 0 {
				out[len(out)-1].gapAfter = max(out[len(out)-1].gapAfter, b.gapAfter)
			}
			continue
		}
		b.lines = lines
		out = append(out, b)
	}
	return out
}

// headZone is how many lines before the first body line cleanHead inspects.
const headZone = 8

// cleanHead finds the headline and date among the lines before the first
// body line, stores them in a, and removes the masthead lines before the
// headline. Without a body line in the first headZone lines it changes
// nothing.
func cleanHead(blocks []textBlock, a *Article) []textBlock {
	// Flatten the head into (block, line) positions.
	type pos struct{ b, l int }
	var head []pos
	found := false
scan:
	for bi, b := range blocks {
		for li, l := range b.lines {
			if isBodyLine(l) {
				found = true
				break scan
			}
			if len(head) == headZone {
				break scan
			}
			head = append(head, pos{bi, li})
		}
	}
	if !found || len(head) == 0 {
		return blocks
	}
	line := func(p pos) string { return strings.TrimSpace(blocks[p.b].lines[p.l]) }
	cut := -1 // index in head of the last line to remove
	titleAt := -1
	for i, p := range head {
		l := line(p)
		if r, ok := readDateLine(l); ok {
			if a.Published.IsZero() {
				a.Published, a.PublishedOffset, a.PublishedPrecision = r.t.UTC(), r.offset(), r.precision()
			}
			cut = max(cut, i)
			continue
		}
		for j := i + 1; j < len(head); j++ {
			if line(head[j]) == l && isTitleLike(l) {
				titleAt, cut = j, max(cut, j)
			}
		}
	}
	if titleAt < 0 {
		// No repeated headline: the last title-like line of the head that
		// ends its block is the headline, and what comes before it is
		// masthead.
		for i := len(head) - 1; i > cut; i-- {
			p := head[i]
			if l := line(p); isTitleLike(l) && !isCreditLine(l) && p.l == len(blocks[p.b].lines)-1 {
				titleAt, cut = i, i
				break
			}
		}
	}
	if titleAt >= 0 {
		a.Title = line(head[titleAt])
	}
	// Bylines right after the cut become authors.
	for i := cut + 1; i < len(head) && isCreditLine(line(head[i])); i++ {
		a.Authors = appendAuthors(a.Authors, splitAuthors(line(head[i]))...)
		cut = i
	}
	if cut < 0 {
		return blocks
	}
	last := head[cut]
	rest := blocks[last.b:]
	rest[0].lines = rest[0].lines[last.l+1:]
	if len(rest[0].lines) == 0 {
		rest = rest[1:]
	}
	return rest
}

// isCreditLine reports whether line is an author credit such as "By Jane Doe".
func isCreditLine(line string) bool {
	return (strings.HasPrefix(line, "By ") || strings.HasPrefix(line, "BY ")) && pipeline.CountWords(line) <= 12 && !endsSentence(line)
}

// parseDateLine reads a line that is only a date, possibly with a label
// ("Published: 10 July 2025").
func parseDateLine(line string) (time.Time, bool) {
	r, ok := readDateLine(line)
	return r.t.UTC(), ok
}

// readDateLine is parseDateLine's reading with its zone and precision.
func readDateLine(line string) (dateReading, bool) {
	if pipeline.CountWords(line) > 8 {
		return dateReading{}, false
	}
	return readDate(line)
}

// isBodyLine reports whether line reads as running text: at least twelve
// words ending in sentence punctuation.
func isBodyLine(line string) bool {
	return pipeline.CountWords(line) >= 12 && endsSentence(line)
}

// isTitleLike reports whether line could be a headline or heading: one to
// twenty words without final sentence punctuation or a trailing comma.
func isTitleLike(line string) bool {
	n := pipeline.CountWords(line)
	return n >= 1 && n <= 20 && !endsSentence(line) && !strings.HasSuffix(line, ",")
}

// endsSentence reports whether line ends with sentence punctuation, looking
// through closing quotes and brackets.
func endsSentence(line string) bool {
	s := strings.TrimRight(strings.TrimSpace(line), "\"'”’»)]")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;", r)
}

// tailMarkers are lines that open a section of links to other articles.
var tailMarkers = wordSet("related articles", "related", "related stories", "related news", "related content",
	"more stories", "more from", "you may also like", "you might also like", "recommended", "recommended for you",
	"most read", "most popular", "latest news", "read next", "see also", "more on this story", "trending")

// cleanTail removes a trailing related-articles section: everything from a
// marker line after the first two fifths of the text, then, from the end,
// lists of three or more short lines and lone short lines without final
// punctuation or quotation marks, as long as they add up to no more than
// half of the text.
func cleanTail(blocks []textBlock) []textBlock {
	total, seen := 0, 0
	for _, b := range blocks {
		for _, l := range b.lines {
			total += len(l)
		}
	}
	for bi, b := range blocks {
		for li, l := range b.lines {
			if seen > total*2/5 && tailMarkers[strings.ToLower(strings.Trim(l, " .:…"))] {
				blocks = blocks[:bi+1]
				blocks[bi].lines = b.lines[:li]
				if li == 0 {
					blocks = blocks[:bi]
				}
				goto trim
			}
			seen += len(l)
		}
	}
trim:
	end, cut := len(blocks), 0
	for ; end > 1; end-- {
		b := blocks[end-1]
		if slices.ContainsFunc(b.lines, quoted) ||
			!(len(b.lines) >= 3 && isHeadlineList(b.lines)) && !(len(b.lines) == 1 && isTitleLike(b.lines[0]) && pipeline.CountWords(b.lines[0]) <= 10) {
			break
		}
		for _, l := range b.lines {
			cut += len(l)
		}
	}
	if 2*cut > total {
		return blocks // not a tail: a text of short lines (a poem, a list, a results table)
	}
	return blocks[:end]
}

// quoted reports whether line holds a quotation mark: the close of a quote
// ("“…,” she said") is article text, however short.
func quoted(line string) bool { return strings.ContainsAny(line, "\"“”«»„") }

// isHeadlineList reports whether lines look like a list of headlines: lines
// of at most twenty-five words, most without final punctuation. Plain-text
// cleaning asks for three or more; after a marker heading, one will do.
func isHeadlineList(lines []string) bool {
	bare := 0
	for _, l := range lines {
		if pipeline.CountWords(l) > 25 {
			return false
		}
		if !endsSentence(l) {
			bare++
		}
	}
	return bare*2 > len(lines)
}

// dropCaptions removes photo captions: single lines of eight or more words
// without final punctuation, set apart by two or more blank lines on each side.
func dropCaptions(blocks []textBlock) []textBlock {
	out := blocks[:0]
	for i, b := range blocks {
		if i > 0 && i < len(blocks)-1 && len(b.lines) == 1 && b.gapBefore >= 2 && b.gapAfter >= 2 &&
			pipeline.CountWords(b.lines[0]) >= 8 && !endsSentence(b.lines[0]) {
			continue
		}
		out = append(out, b)
	}
	return out
}
