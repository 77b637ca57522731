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
	// subjects holds clauseSubject's answer for each of sents, made on
	// first use.
	subjects []subjectMemo
	// lowered is text with its ASCII letters in lower case, built by lower
	// on first use.
	lowered string
	// repeats counts the article's quotations by their words, built by
	// repeated (features.go) on first use.
	repeats map[string]int
	// turns holds the transcript's turns (transcript.go), found on first
	// use when turnsFound is set.
	turns      []transcriptLine
	turnsFound bool
}

// MemoryEstimate implements pipeline.MemoryEstimator: Extract holds at
// most about bytesPerByte bytes per byte of text at once (tokens, marks,
// sentences, coreference candidates and quotes).
func (Stage) MemoryEstimate(d *pipeline.Doc) int64 {
	return bytesPerByte * pipeline.InputBytes(d)
}

// bytesPerByte is MemoryEstimate's working set per byte of text: the most
// internal/bench's BenchmarkHugeDocument measured over its shapes of 1
// and 4 MB was 27 (prose with ever new names, quotes and entities; pairs
// of quotation marks 20); TestEstimatesCoverPeaks checks that the
// estimate covers them.
const bytesPerByte = 32

// lower returns strings.ToLower of text[start:end]. For ASCII text it
// returns a substring of a lower-cased copy of the text, made once, so
// that it does not allocate per word.
func (a *analysis) lower(start, end int) string {
	w := a.text[start:end]
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
	}
	return a.lowerText()[start:end]
}

// lowerText returns the text with its ASCII letters in lower case, made on
// first use.
func (a *analysis) lowerText() string {
	if a.lowered == "" {
		// Lowered a chunk at a time into one allocation of the text's size.
		var b strings.Builder
		b.Grow(len(a.text))
		var chunk [512]byte
		for i := 0; i < len(a.text); i += len(chunk) {
			n := copy(chunk[:], a.text[i:])
			for j, c := range chunk[:n] {
				chunk[j] = asciiLowerTable[c]
			}
			b.Write(chunk[:n])
		}
		a.lowered = b.String()
	}
	return a.lowered
}

// asciiLowerTable maps each byte to its lower case when it is an ASCII
// letter and to itself otherwise.
var asciiLowerTable = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// lowerWord returns token k's text in lower case (see lower), without
// reading it again when it is an ASCII word.
func (a *analysis) lowerWord(k int) string {
	if t := &a.toks[k]; t.ascii {
		return a.lowerText()[t.start:t.end]
	}
	return a.lower(int(a.toks[k].start), int(a.toks[k].end))
}

// lowerBytes returns strings.ToLower(w) as bytes: in buf, without
// allocating, when w is ASCII and fits, else newly allocated. It serves
// look-ups and comparisons that keep no string.
func lowerBytes(buf *[maxKey]byte, w string) []byte {
	if len(w) <= maxKey && isASCII(w) {
		key, _ := lowerKey(buf, w)
		return key
	}
	return []byte(strings.ToLower(w))
}

// isASCII reports whether w holds only ASCII characters.
func isASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// startsWith and endsWith report whether w begins or ends with s.
func startsWith(w []byte, s string) bool { return len(w) >= len(s) && string(w[:len(s)]) == s }
func endsWith(w []byte, s string) bool   { return len(w) >= len(s) && string(w[len(w)-len(s):]) == s }

// word returns the text of token k.
func (a *analysis) word(k int) string { return a.text[a.toks[k].start:a.toks[k].end] }

// is reports whether token k is the word w, ignoring case. w is ASCII (or
// token k's own text): only the Kelvin sign (three bytes) and the long s
// (two) fold to ASCII letters, so a word equal to w is at least as long
// and at most three times as long, and other lengths are ruled out
// without comparing.
//
// An ASCII word equals w only when w has its length (a multi-byte rune of
// w would have to fold to one byte of it), so it is compared byte by byte,
// folding ASCII letters, without calling strings.EqualFold.
func (a *analysis) is(k int, w string) bool {
	if k < 0 || k >= len(a.toks) || a.toks[k].kind != tkWord {
		return false
	}
	t := a.word(k)
	if a.toks[k].ascii {
		return len(t) == len(w) && equalFoldASCII(t, w)
	}
	return len(w) <= len(t) && len(t) <= 3*len(w) && strings.EqualFold(t, w)
}

// equalFoldASCII reports whether ASCII t and w of the same length are
// equal, ignoring the case of ASCII letters; a byte of w outside ASCII
// matches nothing.
func equalFoldASCII(t, w string) bool {
	for i := 0; i < len(t); i++ {
		if c, d := t[i], w[i]; c != d && (c|0x20 != d|0x20 || c|0x20 < 'a' || c|0x20 > 'z') {
			return false
		}
	}
	return true
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
	if countWordsTo(content, maxTitleWords) <= maxTitleWords && (a.nameGiver(q) ||
		a.namingBefore(q) && titleCase(trimArticle(content)) || a.titleModifier(q, content)) {
		return true
	}
	if countWordsTo(content, maxTermWords) <= maxTermWords && !terminal(content) &&
		(a.termAfter(q) || !c.hasSpeaker() && (!a.cueInSentence(q) || a.termBefore(q))) {
		// A short fragment with no speaker and no reporting verb, or used
		// as a word, is a term, not speech: "a “VIP” guest", "the term
		// “torpor”". (PolNeAR attributes "he refused to use the words
		// “Islamic terrorism”" to him, so a speaker keeps it.)
		return true
	}
	return !a.speech(q, c)
}

// maxTermWords bounds the words of a quoted term: a fragment that short
// with no reporting verb of its own is not a quote.
const maxTermWords = 3

// cueInSentence reports whether the sentence of the quotation token q
// holds an attribution.
func (a *analysis) cueInSentence(q int) bool {
	s := a.sents[a.sentOf[q]]
	i := a.attrsFrom(s.from)
	return i < len(a.attrs) && a.attrs[i].cue < s.to
}

// termBefore reports whether the quotation token q is a word used as a
// word after "the word", "the term", "the slogan" and the like.
func (a *analysis) termBefore(q int) bool {
	for k := q - 1; k >= max(0, q-2); k-- {
		if a.toks[k].kind == tkWord && termNouns[a.lowerWord(k)] {
			return true
		}
	}
	return false
}

// termAfter reports whether the quotation token q is followed by "— the
// term for" or ", a word": then the phrase after it, which the rules may
// take for a speaker, explains the word.
func (a *analysis) termAfter(q int) bool {
	k := q + 1
	if a.punctIn(k, ",—–-(") {
		k++
	}
	return (a.is(k, "the") || a.is(k, "a")) && k+1 < len(a.toks) && a.toks[k+1].kind == tkWord && termNouns[a.lowerWord(k+1)]
}

// termNouns are the nouns that introduce a word used as a word.
var termNouns = map[string]bool{"word": true, "words": true, "term": true, "terms": true, "slogan": true,
	"hashtag": true, "motto": true, "chant": true, "label": true, "nickname": true, "acronym": true}

// titleModifier reports whether the quotation token q is a short Title
// Case name used as a modifier, between a determiner or possessive and a
// lower-case word: the “Bad Blood” songstress.
func (a *analysis) titleModifier(q int, content string) bool {
	if !titleCase(content) || terminal(content) || q < 1 || q+1 >= len(a.toks) {
		return false
	}
	p, n := a.toks[q-1], a.toks[q+1]
	det := p.kind == tkWord && (p.flags&fDet != 0 || strings.HasSuffix(a.word(q-1), "’s") || strings.HasSuffix(a.word(q-1), "'s"))
	return det && n.kind == tkWord && !n.cap && !n.isVerb && n.flags&(fStop|fPrep|fAux|fDet) == 0
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
func countWords(s string) int { return countWordsTo(s, len(s)) }

// countWordsTo returns countWords(s) when it is at most limit, and
// otherwise a number above limit, looking no further.
func countWordsTo(s string, limit int) int {
	n := 0
	for start, end := nextField(s, 0); start < end && n <= limit; start, end = nextField(s, end) {
		n++
	}
	return n
}

// nextField returns the bounds of the first word of s at or after byte i,
// where words are split at white space as strings.Fields splits them;
// start == end == len(s) when no word is left. It runs over ASCII bytes
// by table (see fieldBytes) and decodes only multi-byte characters.
func nextField(s string, i int) (start, end int) {
	for i < len(s) {
		switch fieldBytes[s[i]] {
		case fbSpace:
			i++
			continue
		case fbMulti:
			if space, size := spaceAt(s, i); space {
				i += size
				continue
			}
		}
		break
	}
	start = i
	for i < len(s) {
		for i < len(s) && fieldBytes[s[i]] == fbWord {
			i++
		}
		if i == len(s) || fieldBytes[s[i]] == fbSpace {
			break
		}
		space, size := spaceAt(s, i)
		if space {
			break
		}
		i += size
	}
	return start, i
}

// Classes of bytes for nextField.
const (
	fbWord  = iota // an ASCII character that is no white space
	fbSpace        // ASCII white space
	fbMulti        // a byte of a multi-byte character
)

// fieldBytes gives each byte its class for nextField.
var fieldBytes = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = fbMulti
		case asciiSpace(byte(c)):
			t[c] = fbSpace
		}
	}
	return t
}()

// asciiSpace reports whether the ASCII character c is white space.
func asciiSpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

// spaceAt reports whether the rune at s[i] is white space
// (unicode.IsSpace), and its size.
func spaceAt(s string, i int) (space bool, size int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiSpace(c), 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r), size
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
