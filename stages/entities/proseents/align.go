package proseents

import (
	"github.com/newsmill/newsmill/stages/entities"
	"strings"
	"unicode"
	"unicode/utf8"
)

// place finds each token of toks in text[from:to], in order, and sets its
// span. prose drops white space, rewrites curly quotes and apostrophes to
// straight ones (and "&rsquo;" to "'"), so the match tolerates those. A
// token that cannot be found is left unplaced and does not move the cursor.
func place(text string, from, to int, toks []entities.TaggedToken) {
	cur := from
	for i := range toks {
		toks[i].Start, toks[i].End = -1, -1
		for cur < to {
			r, size := utf8.DecodeRuneInString(text[cur:to])
			if !unicode.IsSpace(r) {
				break
			}
			cur += size
		}
		if end, ok := matchAt(text[:to], cur, toks[i].Text); ok {
			toks[i].Start, toks[i].End = cur, end
			cur = end
			continue
		}
		// Rare: search forward for the token.
		for p := cur; p < to; {
			if end, ok := matchAt(text[:to], p, toks[i].Text); ok {
				toks[i].Start, toks[i].End = p, end
				cur = end
				break
			}
			_, size := utf8.DecodeRuneInString(text[p:to])
			p += size
		}
	}
}

// matchAt reports whether tok, as prose rewrote it, is written in text at
// pos, and where it ends. U+FFFD in tok matches any character or invalid
// byte.
func matchAt(text string, pos int, tok string) (end int, ok bool) {
	if tok == "" {
		return 0, false
	}
	j := pos
	for i := 0; i < len(tok); {
		if j >= len(text) {
			return 0, false
		}
		tr, tsize := utf8.DecodeRuneInString(tok[i:])
		sr, ssize := utf8.DecodeRuneInString(text[j:])
		switch {
		case tok[i:i+tsize] == text[j:j+ssize]:
		case tr == utf8.RuneError: // proseSafe's stand-in for any character
		case tr == '"' && (sr == '“' || sr == '”'):
		case tr == '\'' && (sr == '‘' || sr == '’'):
		case tr == '\'' && strings.HasPrefix(text[j:], "&rsquo;"):
			ssize = len("&rsquo;")
		default:
			return 0, false
		}
		i += tsize
		j += ssize
	}
	return j, true
}
