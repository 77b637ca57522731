package quotes

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// countFunctionWordsRef is what countFunctionWords computes, the plain
// way: split with strings.FieldsFunc and look each lowered word up.
func countFunctionWordsRef(s string) (words, english int) {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		words++
		if englishFunctionWords[strings.ToLower(w)] {
			english++
		}
	}
	return words, english
}

// TestCountFunctionWords checks countFunctionWords against
// countFunctionWordsRef, and that maxFunctionWord bounds every function
// word.
func TestCountFunctionWords(t *testing.T) {
	for w := range englishFunctionWords {
		if len(w) > maxFunctionWord {
			t.Errorf("%q is longer than maxFunctionWord", w)
		}
	}
	tests := []string{"", "The cat SAID it's there.", "Die Bundeskanzlerin äußerte sich, the end", "\xffthe\xe2\x80 and\xe2",
		"l'the ‘The’ were—were", "İ I i \u212Ahe", "THE", "tHe", "would", "Would", "woulds", "don't", "ab", "thé", "the"}
	for w := range englishFunctionWords {
		tests = append(tests, w, strings.ToUpper(w), "x"+w, w+"x")
	}
	for _, s := range tests {
		words, english := countFunctionWordsRef(s)
		if w, e := countFunctionWords(s); w != words || e != english {
			t.Errorf("countFunctionWords(%q) = %d, %d, want %d, %d", s, w, e, words, english)
		}
	}
}

// FuzzCountFunctionWords checks countFunctionWords against
// countFunctionWordsRef on any text.
func FuzzCountFunctionWords(f *testing.F) {
	f.Add("The cat SAID it's there, and ‘THEY’ were\xff—not.")
	f.Fuzz(func(t *testing.T, s string) {
		words, english := countFunctionWordsRef(s)
		if w, e := countFunctionWords(s); w != words || e != english {
			t.Errorf("countFunctionWords(%q) = %d, %d, want %d, %d", s, w, e, words, english)
		}
	})
}

// TestGeneralPunctuation checks that no character of the General
// Punctuation block is a letter, as countFunctionWords assumes.
func TestGeneralPunctuation(t *testing.T) {
	for r := rune(generalPunctuationFirst); r <= generalPunctuationLast; r++ {
		if unicode.IsLetter(r) {
			t.Errorf("%U is a letter", r)
		}
	}
}

// TestFoldsToASCII checks what analysis.is assumes: every character that
// folds to an ASCII character is ASCII, the Kelvin sign or the long s.
func TestFoldsToASCII(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < utf8.RuneSelf && r != '\u212A' && r != '\u017F' {
				t.Errorf("%U folds to ASCII %q", r, f)
			}
		}
	}
}

// TestTrimPossessive checks trimPossessive's quick exit against the
// suffixes it removes.
func TestTrimPossessive(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""}, {"s", "s"}, {"'s", ""}, {"Smith’s", "Smith"}, {"Smith's", "Smith"}, {"Jones’", "Jones"},
		{"Jones'", "Jones"}, {"Jones", "Jones"}, {"said", "said"}, {"’", ""}, {"a\u2019", "a"}, {"x\u0099", "x\u0099"},
	} {
		if got := trimPossessive(tt.in); got != tt.want {
			t.Errorf("trimPossessive(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTrimToWord checks trimToWord against strings.TrimFunc.
func TestTrimToWord(t *testing.T) {
	for _, w := range []string{"", "a", "word", "“word,”", "don't", "5,000", "é", "café", "naïve.", "-x-", "’s", "x\xff", "\xffx"} {
		if got, want := trimToWord(w), strings.TrimFunc(w, func(r rune) bool { return !isWordRune(r) }); got != want {
			t.Errorf("trimToWord(%q) = %q, want %q", w, got, want)
		}
	}
}
