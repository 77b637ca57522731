package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// analysis is the per-document state of Extract: the quotations, the token
// stream with each quotation as one token, internal sentences, and the
// reporting verbs with their speakers. It is owned by one call.
type analysis struct {
	text   string
	segs   []segment
	toks   []token
	sents  []sentence
	sentOf []int32 // sentence index of each token
	attrs  []attribution
	ents   []pipeline.Entity
	// headEnd is the end of the headline plus one, 0 until inHeadline
	// first looks for it, and -1 when the text has no headline.
	headEnd int
	// midCaps holds the words capitalised after another word of their
	// sentence, as written, built by capitalisedInside on first use.
	midCaps map[string]struct{}
}

// word returns the text of token k.
func (a *analysis) word(k int) string { return a.text[a.toks[k].start:a.toks[k].end] }

// is reports whether token k is the word w, ignoring case.
func (a *analysis) is(k int, w string) bool {
	return k >= 0 && k < len(a.toks) && a.toks[k].kind == tkWord && strings.EqualFold(a.word(k), w)
}

// punctIn reports whether token k is a punctuation character in set.
func (a *analysis) punctIn(k int, set string) bool {
	if k < 0 || k >= len(a.toks) || a.toks[k].kind != tkPunct {
		return false
	}
	r, _ := utf8.DecodeRuneInString(a.text[a.toks[k].start:])
	return strings.ContainsRune(set, r)
}

// sentenceStart reports whether token k opens its internal sentence.
func (a *analysis) sentenceStart(k int) bool { return k == a.sents[a.sentOf[k]].from }

// maxTitleWords bounds the words of a name quoted after "so-called" or
// "goes by", or in Title Case after a naming verb.
const maxTitleWords = 6

// scare reports whether the quotation token q is not speech: empty of
// letters, a short name after "so-called" or "goes by" or in Title Case
// after a naming verb ("Locals call the tower “the Needle”"), or judged
// unlikely to be attributed speech by the speech model (features.go).
// Other quotes after "called", "titled" or "the phrase" are left to the
// model: PolNeAR annotates most of them as attributed ("he called Rubio
// “Little Marco”").
func (a *analysis) scare(q int, seg segment, c choice) bool {
	content := strings.TrimSpace(seg.content().In(a.text))
	if strings.IndexFunc(content, unicode.IsLetter) < 0 {
		return true
	}
	if countWords(content) <= maxTitleWords && (a.nameGiver(q) ||
		a.namingBefore(q) && titleCase(trimArticle(content))) {
		return true
	}
	return !a.speech(q, c)
}

// nameGiver reports whether the quotation token q follows "so-called" or
// "goes by" (went, go, going by), after which only names are quoted, or
// is a nickname inside a name.
func (a *analysis) nameGiver(q int) bool {
	return a.is(q-1, "so-called") ||
		a.is(q-1, "by") && (a.is(q-2, "goes") || a.is(q-2, "go") || a.is(q-2, "went") || a.is(q-2, "going")) ||
		a.nickname(q)
}

// nickname reports whether the quotation token q is one bare word between
// two capitalised words, not in a run of them (a Title Case line), and
// outside the headline: Marcia “Cia” Price.
func (a *analysis) nickname(q int) bool {
	if !a.capWord(q-1) || !a.capWord(q+1) || a.capWord(q-2) || a.sentOf[q-1] != a.sentOf[q+1] {
		return false
	}
	seg := a.segs[a.toks[q].seg]
	content := seg.content().In(a.text)
	return !a.inHeadline(seg.open) && strings.IndexFunc(content, func(r rune) bool { return !isWordRune(r) }) < 0
}

// capWord reports whether token k is a capitalised word.
func (a *analysis) capWord(k int) bool {
	return k >= 0 && k < len(a.toks) && a.toks[k].kind == tkWord && a.toks[k].cap
}

// namingBefore reports whether a naming verb ("call", "dubbed") stands
// within three words before the quotation token q: "Locals call the
// tower “the Needle”".
func (a *analysis) namingBefore(q int) bool {
	s := a.sents[a.sentOf[q]]
	for k := q - 1; k >= max(s.from, q-4); k-- {
		if a.naming(k) {
			return true
		}
	}
	return false
}

// trimArticle removes a leading "the", "a" or "an" from s.
func trimArticle(s string) string {
	for _, a := range [...]string{"the ", "The ", "a ", "an "} {
		if strings.HasPrefix(s, a) {
			return s[len(a):]
		}
	}
	return s
}

// naming reports whether token k is a word after which a name, not
// speech, is quoted: so-called, dubbed, nicknamed, known (as).
func (a *analysis) naming(k int) bool {
	return k >= 0 && a.toks[k].kind == tkWord && a.toks[k].flags&fNaming != 0
}

// terminal reports whether s ends with sentence punctuation.
func terminal(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…", r)
}

// countWords returns the number of space-separated words of s, without
// allocating.
func countWords(s string) int {
	n := 0
	for range strings.FieldsSeq(s) {
		n++
	}
	return n
}

// titleCase reports whether every word of s but short function words
// ("Gone With the Wind") starts with an upper-case letter or a digit.
func titleCase(s string) bool {
	s = strings.TrimRight(s, ".,!?;:…")
	i := -1
	for w := range strings.FieldsSeq(s) {
		i++
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			continue
		}
		if i == 0 || !minorWord(w) {
			return false
		}
	}
	return true
}

// minorWord reports whether w is a function word that titles leave in
// lower case.
func minorWord(w string) bool {
	switch w {
	case "a", "an", "the", "and", "or", "of", "in", "on", "to", "with", "for", "at", "by", "from",
		"is", "are", "as", "vs", "vs.", "but", "nor", "up", "&":
		return true
	}
	return false
}

// kind tells a direct quote, a whole utterance introduced as such, from a
// partial one, a fragment inside paraphrase: a direct quote starts its
// sentence or follows a colon, a comma or a cue verb, begins with a
// capital, and ends its clause or is followed by its attribution.
func (a *analysis) kind(q int, c choice) string {
	s := a.sents[a.sentOf[q]]
	content := strings.TrimSpace(a.segs[a.toks[q].seg].content().In(a.text))
	r, _ := utf8.DecodeRuneInString(content)
	upper := unicode.IsUpper(r) || unicode.IsDigit(r) || r == '…' || r == '.'
	introduced := q == s.from || a.punctIn(q-1, ":") || a.toks[q-1].isVerb ||
		a.punctIn(q-1, ",") && (c.rule == ruleBefore || q >= 2 && a.toks[q-2].isVerb)
	closed := q+1 >= s.to || a.toks[q+1].kind != tkWord || c.rule == ruleAfter || terminal(content) ||
		strings.HasSuffix(content, ",")
	if upper && introduced && closed {
		return pipeline.KindDirect
	}
	return pipeline.KindPartial
}

// splitContinuation reports whether the quote at q is the first half of a
// split quote, “A,” he said, “B.”, and returns the token of the second
// half: its attribution follows it directly and ends with a comma before
// another quotation, and the first half does not end a sentence.
func (a *analysis) splitContinuation(q int, c choice) (int, bool) {
	if c.rule != ruleAfter || c.last+1 >= len(a.toks) {
		return 0, false
	}
	content := strings.TrimSpace(a.segs[a.toks[q].seg].content().In(a.text))
	if terminal(content) || !a.punctIn(c.last, ",") || a.toks[c.last+1].kind != tkQuote {
		return 0, false
	}
	return c.last + 1, true
}
