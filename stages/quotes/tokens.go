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

// tokenize splits text into words, punctuation, breaks and quotation
// tokens (one per segment in segs, which must be sorted and disjoint).
// Words keep internal apostrophes, hyphens and periods (don’t, al-Sadr,
// U.S) and digit groups (5,000). It allocates the token slice only.
func tokenize(text string, segs []segment) []token {
	toks := make([]token, 0, len(text)/5+8)
	si := 0
	var lower [maxKey]byte
	for i := 0; i < len(text); {
		if si < len(segs) && i >= segs[si].open {
			s := segs[si]
			toks = append(toks, token{start: int32(s.open), end: int32(s.span().End), kind: tkQuote, seg: int32(si)})
			i = s.span().End
			si++
			continue
		}
		limit := len(text)
		if si < len(segs) {
			limit = segs[si].open
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			if n := len(toks); n == 0 || toks[n-1].kind != tkBreak {
				toks = append(toks, token{start: int32(i), end: int32(i + 1), kind: tkBreak})
			}
			i += size
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			j := wordEnd(text, i, limit)
			t := token{start: int32(i), end: int32(j), kind: tkWord, cap: unicode.IsUpper(r)}
			if key, ok := lowerKey(&lower, text[i:j]); ok {
				if e, ok := vocab[string(key)]; ok {
					t.flags, t.verb, t.isVerb = e.flags, e.verb, e.isVerb
				}
			}
			toks = append(toks, t)
			i = j
		default:
			toks = append(toks, token{start: int32(i), end: int32(i + size), kind: tkPunct})
			i += size
		}
	}
	return toks
}

// wordEnd returns the end of the word starting at text[i], not past limit.
func wordEnd(text string, i, limit int) int {
	j := i
	for j < limit {
		r, size := utf8.DecodeRuneInString(text[j:])
		if isWordRune(r) || unicode.Is(unicode.Mn, r) {
			j += size
			continue
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
	}
	return j
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

// splitSentences cuts toks into sentences at breaks and at . ! ? before a
// capitalised word, a digit, a quotation or a break, unless the period
// ends an abbreviation. Quotations are single tokens, so no split falls
// inside one. It returns the sentences and each token's sentence index.
func splitSentences(text string, toks []token) ([]sentence, []int32) {
	sents := make([]sentence, 0, len(toks)/12+1)
	of := make([]int32, len(toks))
	from := 0
	end := func(to int) {
		if to > from {
			sents = append(sents, sentence{from, to})
		}
		from = to
	}
	for k, t := range toks {
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
