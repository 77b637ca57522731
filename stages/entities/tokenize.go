package entities

import (
	"unicode"
	"unicode/utf8"
)

// wordSpan is one token of the byte-level tokenizer: a half-open byte range
// of the text.
type wordSpan struct{ start, end int }

// tokenize appends to dst the tokens of text[from:to] and returns it. A
// token is a word (letters, digits and marks, joined by inner hyphens,
// apostrophes, the periods of abbreviations such as "U.S." and the periods
// and commas of numbers), a possessive "'s", or one other character. White
// space separates tokens and is never part of one. Invalid UTF-8 bytes are
// one-byte tokens; a U+FFFD replacement character counts as a letter.
// tokenize does not allocate beyond growing dst and costs a few
// nanoseconds per byte.
func tokenize(text string, from, to int, dst []wordSpan) []wordSpan {
	dst, _ = tokenizeN(text, from, to, dst, -1)
	return dst
}

// tokenizeN is tokenize that stops after n tokens (n < 0: no limit) and
// also returns where it stopped, so that a long sentence can be read a
// window at a time.
func tokenizeN(text string, from, to int, dst []wordSpan, n int) ([]wordSpan, int) {
	i := from
	for i < to && n != 0 {
		r, size := decode(text, i, to)
		switch {
		case isSpace(r):
			i += size
			continue
		case isWordRune(r):
			end := wordEnd(text, i, to)
			dst = append(dst, wordSpan{i, end})
			i = end
		case isApostrophe(r) && possessiveAt(text, i, to):
			dst = append(dst, wordSpan{i, i + size + 1})
			i += size + 1
		default:
			dst = append(dst, wordSpan{i, i + size})
			i += size
		}
		n--
	}
	return dst, i
}

// wordEnd returns the end of the word that starts at text[i].
func wordEnd(text string, i, to int) int {
	start := i
	dots := false
	for i < to {
		r, size := decode(text, i, to)
		if isWordRune(r) {
			i += size
			continue
		}
		next, nsize := decode(text, i+size, to)
		switch {
		case (r == '-' || r == '&') && isWordRune(next):
		case isApostrophe(r) && isLetter(next) && !possessiveAt(text, i, to):
		case (r == '.' || r == ',') && isDigit(prevRune(text, start, i)) && isDigit(next):
		case r == '.' && isLetter(next) && i+size+nsize <= to && (i+size+nsize == to || !isLetterAt(text, i+size+nsize, to)) && i-start <= 2*utf8.UTFMax && runeCount(text[start:i]) <= 2:
			// "U.S", "U.N": single letters between periods.
			dots = true
		case r == '.' && (dots || abbreviation(text[start:i])):
			// The closing period of "U.S.", "Mr." or the initial "W.".
			return i + size
		default:
			return i
		}
		i += size
	}
	return i
}

// possessiveAt reports whether text[i:] starts with an apostrophe, "s" or
// "S", and then no letter or digit: the possessive "'s".
func possessiveAt(text string, i, to int) bool {
	r, size := decode(text, i, to)
	if !isApostrophe(r) || i+size >= to || (text[i+size] != 's' && text[i+size] != 'S') {
		return false
	}
	after := i + size + 1
	return after >= to || !isWordRuneAt(text, after, to)
}

// decode returns the rune at text[i] and its size, reading no further than
// to: -1 and 0 at or past to, invalidByte and 1 for an invalid byte.
func decode(text string, i, to int) (rune, int) {
	if i >= to {
		return -1, 0
	}
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	r, size := utf8.DecodeRuneInString(text[i:to])
	if r == utf8.RuneError && size == 1 {
		return invalidByte, 1
	}
	return r, size
}

// invalidByte is what decode returns for a byte that is not UTF-8, so that
// it differs from a real U+FFFD, which stands for a lost letter.
const invalidByte = -2

func prevRune(text string, start, i int) rune {
	if i <= start {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(text[start:i])
	return r
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }

func isWordRuneAt(text string, i, to int) bool {
	r, _ := decode(text, i, to)
	return isWordRune(r)
}

func isLetterAt(text string, i, to int) bool {
	r, _ := decode(text, i, to)
	return isLetter(r)
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return r == utf8.RuneError || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return r != utf8.RuneError && unicode.IsLetter(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// abbreviations are the words written with a period that the tokenizer keeps
// with them, in lower case. The GMB training data writes them this way.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "sen": true, "rep": true,
	"gov": true, "lt": true, "col": true, "capt": true, "sgt": true, "jr": true, "sr": true, "prof": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "mt": true, "ft": true, "no": true, "vs": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"adm": true, "maj": true, "cmdr": true, "rev": true, "messrs": true, "bros": true, "ave": true,
}

// abbreviation reports whether w takes its period with it: a listed
// abbreviation or a single capital letter (an initial).
func abbreviation(w string) bool {
	if len(w) == 1 {
		return w[0] >= 'A' && w[0] <= 'Z'
	}
	if len(w) > 6 {
		return false
	}
	var b [6]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return abbreviations[string(b[:len(w)])]
}
