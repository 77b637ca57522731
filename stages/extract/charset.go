package extract

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// toUTF8 returns page decoded to UTF-8. Valid UTF-8 is returned as is.
// Other bytes are decoded with the encoding the page declares: a byte order
// mark or <meta> in the first 1024 bytes (the HTML standard's prescan), else
// a charset or XML encoding declaration further into the head. A page with
// no declaration, or one that claims UTF-8 but is not, is decoded with the
// encoding guessCharset finds most plausible. It costs one decoding pass,
// plus one per candidate encoding over the first 64 kB when guessing.
func toUTF8(page []byte) []byte {
	if utf8.Valid(page) {
		return page
	}
	name := ""
	if _, n, certain := charset.DetermineEncoding(page, ""); certain {
		name = n
	} else {
		name = lateDeclaration(page)
	}
	if name == "" || name == "utf-8" {
		name = guessCharset(page)
	}
	if out, ok := decode(page, name); ok {
		return out
	}
	return bytes.ToValidUTF8(page, []byte("\uFFFD"))
}

// decode decodes page from the encoding named by label.
func decode(page []byte, label string) ([]byte, bool) {
	enc, _ := charset.Lookup(label)
	if enc == nil {
		return nil, false
	}
	out, err := enc.NewDecoder().Bytes(page)
	return out, err == nil
}

// sniffLen bounds how far into a page lateDeclaration and guessCharset look.
const sniffLen = 64 << 10

// lateDeclaration finds a "charset=" (in a <meta>) or an XML declaration's
// encoding="…" in the page's first 64 kB and returns the canonical name of
// the encoding it names, or "" when there is none it knows.
func lateDeclaration(page []byte) string {
	head := bytes.ToLower(page[:min(len(page), sniffLen)])
	for _, key := range []string{"charset=", "encoding="} {
		for rest := head; ; {
			i := bytes.Index(rest, []byte(key))
			if i < 0 {
				break
			}
			rest = rest[i+len(key):]
			label := strings.Trim(string(rest[:min(len(rest), 40)]), "\"' ")
			if j := strings.IndexAny(label, "\"'>;/ \t\r\n"); j >= 0 {
				label = label[:j]
			}
			if _, name := charset.Lookup(label); name != "" {
				return name
			}
		}
	}
	return ""
}

// guessCandidates are the encodings guessCharset weighs, the default first.
var guessCandidates = []string{"windows-1252", "utf-8", "shift_jis", "euc-jp", "gbk", "big5", "euc-kr", "windows-1251"}

// guessCharset returns the candidate encoding under which the start of page
// reads most like text (see charsetScore). Ties go to windows-1252.
func guessCharset(page []byte) string {
	sample := page[:min(len(page), sniffLen)]
	best, bestScore := guessCandidates[0], 0
	for i, name := range guessCandidates {
		out, ok := decode(sample, name)
		if !ok {
			continue
		}
		if s := charsetScore(string(out)); i == 0 || s > bestScore {
			best, bestScore = name, s
		}
	}
	return best
}

// commonRunes are the most frequent characters of Chinese (simplified and
// traditional) and Korean text. Bytes read in the wrong East Asian encoding
// decode to valid but mostly rare characters, so these tell the readings
// apart where script alone cannot.
var commonRunes = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日" +
		"這個們來為國時說會對於過發後裡種經麼學現當動還進樣實與" +
		"이다는의에고하를을가지서한기로사어도대니리자으아해수게시인그들나정구일것전보있라부적주장상과우원만제" {
		m[r] = true
	}
	return m
}()

// charsetScore rates how much s reads like text: characters an encoding
// could not map and C1 control codes count heavily against; kana, frequent
// CJK characters and Hangul, CJK punctuation, Cyrillic words and accented
// Latin letters inside Latin words count for. ASCII is neutral, as every
// candidate decodes it alike.
func charsetScore(s string) int {
	score := 0
	prev := ' '
	latinPending := false // an accented letter after a non-letter: "école" scores at the "c"
	for _, r := range s {
		if isWide(r) && isASCIILetter(prev) || isASCIILetter(r) && isWide(prev) {
			// East Asian characters glued to Latin letters ("Trump痴") are
			// mostly an apostrophe or accent read as a lead byte.
			score -= 4
		}
		switch {
		case r < 0x80:
			if latinPending && isASCIILetter(r) {
				score += 3
			}
		case r == utf8.RuneError || r < 0xA0 || (r >= 0xE000 && r <= 0xF8FF):
			score -= 20
		case commonRunes[r]:
			score += 6
		case r >= 0x3040 && r <= 0x30FF:
			score += 4
		case r >= 0xAC00 && r <= 0xD7A3, r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF5E:
			score += 2
		case r >= 0x4E00 && r <= 0x9FFF:
			score++
		case r >= 0xFF61 && r <= 0xFF9F:
			score -= 2 // half-width katakana: rare, the mark of a wrong double-byte reading
		case r >= 0x0410 && r <= 0x044F, r == 'ё', r == 'Ё':
			switch {
			case isASCIILetter(prev):
				score -= 2
			case unicode.IsUpper(r) && unicode.Is(unicode.Cyrillic, prev):
				score -= 3 // a capital inside a word: the mark of bytes misread
			default:
				score += 2
			}
		case r >= 0x2010 && r <= 0x203A, r == 0x20AC, r == 0xA0:
			score++ // dashes, curly quotes, ellipsis, euro, no-break space
		case r >= 0xC0 && r <= 0x24F:
			if isASCIILetter(prev) {
				score += 3
			}
			latinPending = !isASCIILetter(prev)
			prev = r
			continue
		}
		latinPending = false
		prev = r
	}
	return score
}

// isWide reports whether r is a kana, Hangul syllable or CJK ideograph.
func isWide(r rune) bool {
	return r >= 0x3040 && r <= 0x30FF || r >= 0x4E00 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7A3
}

func isASCIILetter(r rune) bool { return r < 0x80 && (r|0x20) >= 'a' && (r|0x20) <= 'z' }
