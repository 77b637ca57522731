package quotes

import (
	"strings"
	"testing"
	"unicode"
)

// TestFunctionWord checks that functionWord agrees with looking the
// lowered word up, on ASCII and other words, and that maxFunctionWord
// bounds every function word.
func TestFunctionWord(t *testing.T) {
	for w := range englishFunctionWords {
		if len(w) > maxFunctionWord {
			t.Errorf("%q is longer than maxFunctionWord", w)
		}
	}
	for _, w := range []string{"The", "THE", "tHe", "SAID", "would", "Would", "woulds", "I", "i", "İ", "\u212Ahe", "Über", "don't", "", "ab", "thé"} {
		ascii := true
		for _, r := range w {
			ascii = ascii && r <= unicode.MaxASCII
		}
		if got, want := functionWord(w, ascii), englishFunctionWords[strings.ToLower(w)]; got != want {
			t.Errorf("functionWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestCountFunctionWords checks countFunctionWords against splitting with
// strings.FieldsFunc and lowering each word.
func TestCountFunctionWords(t *testing.T) {
	for _, s := range []string{"", "The cat SAID it's there.", "Die Bundeskanzlerin äußerte sich, the end", "\xffthe\xe2\x80 and\xe2", "l'the ‘The’ were—were", "İ I i \u212Ahe"} {
		words, english := 0, 0
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
			words++
			if englishFunctionWords[strings.ToLower(w)] {
				english++
			}
		}
		if w, e := countFunctionWords(s); w != words || e != english {
			t.Errorf("countFunctionWords(%q) = %d, %d, want %d, %d", s, w, e, words, english)
		}
	}
}
