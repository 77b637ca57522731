package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a token.
type tokKind uint8

const (
	tkWord  tokKind = iota
	tkPunct         // one punctuation or symbol character
	tkQuote         // a whole outermost quotation, marks included
	tkBreak         // a line or paragraph break
)

// token is one unit of the text as the attribution rules see it. A
// quotation is a single token, so that rules never look inside one and a
// sentence boundary inside a quotation never cuts it.
type token struct {
	start, end int32
	kind       tokKind
	cap        bool     // a word whose first letter is upper case
	ascii      bool     // a word of ASCII bytes only
	flags      wordFlag // closed-class membership of a word
	verb       verbForm // valid when isVerb
	isVerb     bool
	seg        int32 // index into segments for tkQuote
}

// vocabEntry is what tokenize learns about a word: its closed-class flags
// and, for a reporting verb, its form.
type vocabEntry struct {
	flags  wordFlag
	verb   verbForm
	isVerb bool
}

// vocab joins wordFlags and lexicon, so that tokenize looks each word up
// once. It is built at init and only read afterwards, so it is safe for
// concurrent use.
var vocab = func() map[string]vocabEntry {
	m := make(map[string]vocabEntry, len(wordFlags)+len(lexicon))
	for w, f := range wordFlags {
		m[w] = vocabEntry{flags: f}
	}
	for w, v := range lexicon {
		e := m[w]
		e.verb, e.isVerb = v, true
		m[w] = e
	}
	return m
}()

// vocabTable is vocab as an open-addressing hash table over lower-cased
// key bytes, which tokenize probes faster than the map: keys[i] is ""
// for an empty slot. It is built at init and only read afterwards, so it
// is safe for concurrent use.
var vocabTable = func() (t struct {
	keys    []string
	entries []vocabEntry
	mask    uint32
}) {
	size := 1
	for size < 4*len(vocab) {
		size *= 2
	}
	t.keys, t.entries, t.mask = make([]string, size), make([]vocabEntry, size), uint32(size-1)
	for w, e := range vocab {
		i := hashKey([]byte(w)) & t.mask
		for t.keys[i] != "" {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.entries[i] = w, e
	}
	return t
}()

// vocabFilter rules out most words outside vocab before hashing them: bit
// l of vocabFilter[n][f] is set when vocab holds a key of n bytes whose
// first and last bytes are the lower-case ASCII letters 'a'+f and 'a'+l.
// Words whose first or last byte is not such a letter always go to the
// table.
var vocabFilter = func() (f [maxKey + 1][26]uint32) {
	for w := range vocab {
		if n := len(w); n > 0 && n <= maxKey && lowerLetter(w[0]) && lowerLetter(w[n-1]) {
			f[n][w[0]-'a'] |= 1 << (w[n-1] - 'a')
		}
	}
	return f
}()

// lowerLetter reports whether c is a lower-case ASCII letter.
func lowerLetter(c byte) bool { return 'a' <= c && c <= 'z' }

// FNV-1a hashing of vocab keys.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// hashKey is the FNV-1a hash of b.
func hashKey(b []byte) uint32 {
	h := uint32(fnvOffset)
	for _, c := range b {
		h = (h ^ uint32(c)) * fnvPrime
	}
	return h
}

// ruledOut reports whether vocabFilter shows that the non-empty key of at
// most maxKey bytes is not in vocab.
func ruledOut(key []byte) bool {
	n, first, last := len(key), key[0], key[len(key)-1]
	return lowerLetter(first) && lowerLetter(last) && vocabFilter[n][first-'a']&(1<<(last-'a')) == 0
}

// inVocab returns the vocab entry of key, a lower-cased word, as the vocab
// map would, without allocating.
func inVocab(key []byte) (vocabEntry, bool) {
	if len(key) == 0 {
		e, ok := vocab[""]
		return e, ok
	}
	if len(key) <= maxKey && ruledOut(key) {
		return vocabEntry{}, false
	}
	return probe(key, hashKey(key))
}

// probe looks key, whose hash is h, up in vocabTable.
func probe(key []byte, h uint32) (vocabEntry, bool) {
	for i := h & vocabTable.mask; vocabTable.keys[i] != ""; i = (i + 1) & vocabTable.mask {
		if vocabTable.keys[i] == string(key) {
			return vocabTable.entries[i], true
		}
	}
	return vocabEntry{}, false
}

// lookupWord returns the vocab entry of word w as written, as
// inVocab(lowerKey(w)) would, lower-casing and hashing it in one pass.
func lookupWord(w string) (vocabEntry, bool) {
	n := len(w)
	if n > maxKey {
		return vocabEntry{}, false // as lowerKey, look no long word up
	}
	if n == 0 {
		return inVocab(nil)
	}
	var buf [maxKey]byte
	h := uint32(fnvOffset)
	for i := 0; i < n; i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
		h = (h ^ uint32(c)) * fnvPrime
	}
	if ruledOut(buf[:n]) {
		return vocabEntry{}, false
	}
	return probe(buf[:n], h)
}

// asciiWord marks the ASCII letters and digits; it has a slot for every
// byte, so that a byte indexes it without a bounds check (no byte of a
// multi-byte character is marked).
var asciiWord = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

// tokenize splits text into words, punctuation, breaks and quotation
// tokens (one per segment in segs, which must be sorted and disjoint).
// Words keep internal apostrophes, hyphens and periods (don’t, al-Sadr,
// U.S) and digit groups (5,000). It appends to dst[:0], allocating a
// new token slice only when dst is too small.
func tokenize(dst []token, text string, segs []segment) []token {
	toks := dst[:0]
	if n := len(text)/5 + 8; cap(toks) < n {
		toks = make([]token, 0, n)
	}
	si := 0
	limit := len(text) // where the next quotation opens, which ends a word
	if len(segs) > 0 {
		limit = segs[0].open
	}
	for i := 0; i < len(text); {
		if si < len(segs) && i >= limit {
			s := segs[si]
			toks = append(toks, token{start: int32(s.open), end: int32(s.span().End), kind: tkQuote, seg: int32(si)})
			i = s.span().End
			si++
			limit = len(text)
			if si < len(segs) {
				limit = segs[si].open
			}
			continue
		}
		if text[i] == ' ' {
			i++ // most of the bytes between words
			continue
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r < utf8.RuneSelf && asciiWord[r]:
			i = tokenizeWord(&toks, text, i, limit, r)
		case r == '\n':
			if n := len(toks); n == 0 || toks[n-1].kind != tkBreak {
				toks = append(toks, token{start: int32(i), end: int32(i + 1), kind: tkBreak})
			}
			i += size
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			i = tokenizeWord(&toks, text, i, limit, r)
		default:
			toks = append(toks, token{start: int32(i), end: int32(i + size), kind: tkPunct})
			i += size
		}
	}
	return toks
}

// tokenizeWord appends the word token that starts at text[i] with rune r
// to toks, with its vocab entry, and returns its end.
func tokenizeWord(toks *[]token, text string, i, limit int, r rune) int {
	j, ascii := wordEnd(text, i, limit)
	upper := 'A' <= r && r <= 'Z'
	if r >= utf8.RuneSelf {
		upper = unicode.IsUpper(r)
	}
	t := token{start: int32(i), end: int32(j), kind: tkWord, cap: upper, ascii: ascii}
	if e, ok := lookupWord(text[i:j]); ok {
		t.flags, t.verb, t.isVerb = e.flags, e.verb, e.isVerb
	}
	*toks = append(*toks, t)
	return j
}

// wordEnd returns the end of the word starting at text[i], not past limit,
// and whether the word is all ASCII.
func wordEnd(text string, i, limit int) (int, bool) {
	j, ascii := i, true
	for s := text[:limit]; j < limit; {
		for j < len(s) && asciiWord[s[j]] {
			j++ // the run of ASCII letters and digits, most of a word
		}
		if j >= len(s) {
			break
		}
		r, size := rune(text[j]), 1
		// An ASCII character here is no word character, and none is a
		// nonspacing mark.
		if r >= utf8.RuneSelf {
			if r, size = utf8.DecodeRuneInString(text[j:]); isWordRune(r) || unicode.Is(unicode.Mn, r) {
				j += size
				ascii = false
				continue
			}
		}
		if !joiner(r) || j+size >= limit {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[j+size:])
		prev, _ := utf8.DecodeLastRuneInString(text[:j])
		if !isWordRune(next) || (r == ',' && !(unicode.IsDigit(prev) && unicode.IsDigit(next))) {
			break
		}
		if r == '.' && unicode.IsUpper(next) && j-i > 1 && !unicode.IsUpper(prev) {
			break // "said.Trump": a missing space, not "U.S"
		}
		j += size
		ascii = ascii && size == 1
	}
	return j, ascii
}

// joiner reports whether r may join two parts of one word.
func joiner(r rune) bool {
	switch r {
	case '-', '\'', '’', '.', '&', ',', '‑':
		return true
	}
	return false
}

// maxKey bounds the words looked up in the closed-class and verb tables.
const maxKey = 24

// lowerKey lower-cases the ASCII letters of w into buf, for map look-ups
// (which the compiler does without allocating). ok is false for words
// longer than the buffer.
func lowerKey(buf *[maxKey]byte, w string) ([]byte, bool) {
	if len(w) > maxKey {
		return nil, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)], true
}

// quoteEndsSentence reports whether the quotation token t closes with a
// period inside its marks: “Done.” (not “Why?”, which an inverted
// attribution often follows: “Why?” Smith asked).
func quoteEndsSentence(text string, t token) bool {
	body := strings.TrimRight(text[t.start:t.end], "\"'”’»“‘«„ ")
	r, _ := utf8.DecodeLastRuneInString(body)
	return r == '.'
}

// sentence is an internal sentence: a range [from, to) of tokens.
type sentence struct{ from, to int }

// maxSentence bounds the tokens of an internal sentence. Rules look
// around a quote or a verb within its sentence, so a text without
// sentence punctuation would make their work grow with the square of its
// length; news sentences stay far below this.
const maxSentence = 300

// splitSentences cuts toks into sentences at breaks and at . ! ? before a
// capitalised word, a digit, a quotation or a break, unless the period
// ends an abbreviation, and after maxSentence tokens whatever follows.
// Quotations are single tokens, so no split falls inside one. It returns the sentences and each token's sentence index,
// reusing the room of sents and of when there is enough.
func splitSentences(sents []sentence, of []int32, text string, toks []token) ([]sentence, []int32) {
	sents = sents[:0]
	if n := len(toks)/12 + 1; cap(sents) < n {
		sents = make([]sentence, 0, n)
	}
	if cap(of) < len(toks) {
		of = make([]int32, len(toks))
	}
	of = of[:len(toks)]
	from := 0
	end := func(to int) {
		if to > from {
			sents = append(sents, sentence{from, to})
		}
		from = to
	}
	for k, t := range toks {
		if k-from >= maxSentence {
			end(k)
		}
		of[k] = int32(len(sents))
		switch t.kind {
		case tkBreak:
			end(k)
			from = k + 1
		case tkQuote:
			// “… the end.” Next sentence: a quotation that ends with its own
			// final punctuation ends the sentence when a capitalised word
			// follows.
			if k+1 < len(toks) && toks[k+1].kind == tkWord && toks[k+1].cap && quoteEndsSentence(text, t) {
				end(k + 1)
			}
		case tkPunct:
			c := text[t.start]
			if c != '.' && c != '!' && c != '?' {
				continue
			}
			if c == '.' && k > 0 && toks[k-1].kind == tkWord &&
				(toks[k-1].flags&fAbbrev != 0 || (toks[k-1].cap && toks[k-1].end-toks[k-1].start == 1)) {
				continue
			}
			if k+1 < len(toks) {
				n := toks[k+1]
				if n.kind == tkWord && !n.cap && !unicode.IsDigit(rune(text[n.start])) {
					continue
				}
				if n.kind == tkPunct {
					continue
				}
			}
			end(k + 1)
		}
	}
	end(len(toks))
	// Tokens after the last boundary belong to the last sentence; breaks
	// belong to the sentence after them.
	s := 0
	for k := range toks {
		for s < len(sents) && k >= sents[s].to {
			s++
		}
		of[k] = int32(min(s, len(sents)-1))
	}
	return sents, of
}
