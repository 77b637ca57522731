package quotes

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Only English is analysed: the reporting verbs, pronouns and titles are
// English words, and on other languages the rules would name garbage
// speakers ("sagte Angela Merkel"). A document declared in another
// language, or whose opening reads as another language, is skipped with a
// warning.

// sampleBytes bounds how much of a text notEnglish reads, so that the
// check costs the same on any document.
const sampleBytes = 4000

// minSampleWords is the fewest words a sample must have for its function
// words to say anything; shorter texts count as English.
const minSampleWords = 20

// minEnglishShare is the least share of English function words in a
// sample of English news; running English has about 30–45%, other
// languages written in Latin letters stay under 5%.
const minEnglishShare = 0.12

// englishFunctionWords are frequent English words that are rare as words
// of other languages written in Latin letters (so not "a", "in", "die" or
// "son").
var englishFunctionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and of to is was that with for on are were said says
		he she it they we you i his her their this which who from by at be been has have had not
		but an or will would as its our my there what when about after more than also can could`) {
		m[w] = true
	}
	return m
}()

// maxFunctionWord is the length in bytes of the longest of
// englishFunctionWords.
const maxFunctionWord = 5

// functionWordTable holds englishFunctionWords packed by packWord.
var functionWordTable = func() (t packedSet) {
	for w := range englishFunctionWords {
		t.add(packWord(w))
	}
	return t
}()

// packedSet is a set of packed words, each at its packSlot or the next
// free slot after it; zero marks a free slot. It has room for fewer than
// 128 words.
type packedSet [128]uint64

// add puts k, which must not be zero, in the set.
func (t *packedSet) add(k uint64) {
	i := packSlot(k)
	for t[i] != 0 && t[i] != k {
		i = (i + 1) % len(t)
	}
	t[i] = k
}

// has reports whether k is in the set.
func (t *packedSet) has(k uint64) bool {
	for i := packSlot(k); t[i] != 0; i = (i + 1) % len(t) {
		if t[i] == k {
			return true
		}
	}
	return false
}

// packWord returns ASCII word w of one to maxFunctionWord bytes, in lower
// case, as an integer: one byte each, none of them zero.
func packWord(w string) uint64 {
	var k uint64
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		k = k<<8 | uint64(c)
	}
	return k
}

// packSlot returns the slot of packed word k in functionWordTable.
func packSlot(k uint64) int { return int((k * 0x9E3779B97F4A7C15) >> 57) }

// countFunctionWords splits sample into words of letters and apostrophes,
// as strings.FieldsFunc would, and returns how many there are and how many
// of them are englishFunctionWords. It reads each byte once: it skips the
// bytes between words, then runs over a word's ASCII bytes in a tight
// loop, packing them as it goes (see packWord), and does not allocate on
// ASCII text.
func countFunctionWords(sample string) (words, english int) {
	for i := 0; i < len(sample); {
		// Between words.
		if c := sample[i]; c < utf8.RuneSelf {
			if wordByteLower[c] == 0 {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(sample[i:]); !isLetterRune(r) {
			i += size
			continue
		}
		// A word starts at i.
		start, ascii := i, true
		var k uint64 // the word's ASCII bytes packed (see packWord)
		for i < len(sample) {
			if l := wordByteLower[sample[i]]; l != 0 {
				k = k<<8 | uint64(l)
				i++
				continue
			}
			if sample[i] < utf8.RuneSelf {
				break
			}
			r, size := utf8.DecodeRuneInString(sample[i:])
			if !isLetterRune(r) {
				break
			}
			ascii = false
			i += size
		}
		words++
		if ascii && i-start <= maxFunctionWord && functionWordTable.has(k) ||
			!ascii && englishFunctionWords[strings.ToLower(sample[start:i])] {
			english++
		}
	}
	return words, english
}

// isLetterRune reports whether the non-ASCII rune r is a letter. General
// Punctuation (curly quotes, dashes, …) holds no letter; it is most of the
// non-ASCII in English news.
func isLetterRune(r rune) bool {
	return !(generalPunctuationFirst <= r && r <= generalPunctuationLast) && unicode.IsLetter(r)
}

// generalPunctuationFirst and generalPunctuationLast bound Unicode's
// General Punctuation block, where no character is a letter.
const (
	generalPunctuationFirst = 0x2000
	generalPunctuationLast  = 0x206F
)

// wordByteLower maps each ASCII letter and the apostrophe, the ASCII
// characters of countFunctionWords' words, to its lower case, and every
// other byte to zero.
var wordByteLower = func() (t [256]byte) {
	for c := range utf8.RuneSelf {
		if unicode.IsLetter(rune(c)) || c == '\'' {
			t[c] = byte(unicode.ToLower(rune(c)))
		}
	}
	return t
}()

// clearlyEnglish is the share of English function words above which a
// text is analysed whatever its declared language (pages that keep a
// template's lang attribute).
const clearlyEnglish = 0.25

// notEnglish returns a note explaining why a document in language lang
// (a BCP 47 tag, "" when unknown) with text is not analysed, or "" when it
// is English. The text decides when its opening is long enough and clear:
// under minEnglishShare English function words it is skipped, above
// clearlyEnglish it is analysed; otherwise the declared language decides,
// and no declaration means English. It reads at most sampleBytes of text.
func notEnglish(lang, text string) string {
	sample := text[:min(len(text), sampleBytes)]
	words, english := countFunctionWords(sample)
	share := float64(english) / float64(max(words, 1))
	if words >= minSampleWords {
		if share < minEnglishShare {
			return fmt.Sprintf("quotes: skipped, the text does not read as English (%.0f%% English function words; only English is analysed)", 100*share)
		}
		if share > clearlyEnglish {
			return ""
		}
	}
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	primary, _, _ = strings.Cut(primary, "_")
	if primary != "" && primary != "en" {
		return fmt.Sprintf("quotes: skipped, language %q is not English (only English is analysed)", lang)
	}
	return ""
}
