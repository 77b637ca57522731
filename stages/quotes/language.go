package quotes

import (
	"fmt"
	"strings"
	"unicode"
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
	words, english := 0, 0
	for _, w := range strings.FieldsFunc(sample, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		words++
		if englishFunctionWords[strings.ToLower(w)] {
			english++
		}
	}
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
