package sentences

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	punkt "gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
)

// tokenizer returns the Punkt tokenizer of gopkg.in/neurosnap/sentences.v1
// with the English parameters that prose v2 ships, plus newsmill's own
// corrections. It is built once per process, on first use: loading the
// parameters takes about 20 ms, which prose pays on every NewDocument call.
// After construction it is only read, so one instance serves every
// goroutine. It panics when the embedded English parameters cannot be
// decoded, which would mean a broken build rather than a bad input.
var tokenizer = sync.OnceValue(func() *punkt.DefaultSentenceTokenizer {
	t, err := newTokenizer()
	if err != nil {
		panic(fmt.Sprintf("sentences: loading Punkt English parameters: %v", err))
	}
	return t
})

// extraAbbrevs are abbreviations missing from the English parameters.
var extraAbbrevs = []string{"sgt", "gov", "no", "mt", "n°", "ft", "sr", "jr", "approx", "est", "dept", "univ"}

// extraStarters are capitalised words that, after an abbreviation such as
// "U.S.", signal a new sentence (the parameters list only 39 starters).
var extraStarters = []string{"how", "what", "why", "who", "where", "we", "she", "you", "that", "those", "their", "his", "her", "our", "a", "an", "after", "on", "at", "for", "as"}

// titles are abbreviations written before a name; a sentence never ends
// with one ("Mr. Smith", "Mt. Fuji", "Gen. Milley").
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "col": true, "capt": true, "sgt": true, "st": true,
	"mt": true, "rev": true, "fr": true, "hon": true, "pres": true, "adm": true, "maj": true,
	"cpl": true, "pvt": true, "cmdr": true, "supt": true, "insp": true, "det": true, "n°": true,
}

func newTokenizer() (*punkt.DefaultSentenceTokenizer, error) {
	b, err := data.Asset("data/english.json")
	if err != nil {
		return nil, err
	}
	store, err := punkt.LoadTraining(b)
	if err != nil {
		return nil, err
	}
	for _, a := range extraAbbrevs {
		store.AbbrevTypes.Add(a)
	}
	for _, s := range extraStarters {
		store.SentStarters.Add(s)
	}
	lang := punkt.NewPunctStrings()
	word := &wordTokenizer{DefaultWordTokenizer: punkt.DefaultWordTokenizer{PunctStrings: lang}}
	ann := punkt.NewAnnotations(store, lang, word)
	ann = append(ann, &corrections{store: store, word: word})
	return &punkt.DefaultSentenceTokenizer{
		Storage:       store,
		PunctStrings:  lang,
		WordTokenizer: word,
		Annotations:   ann,
	}, nil
}

// wordTokenizer changes which tokens end a sentence by their characters
// alone: "?" or "!", or a period followed by closing quotes or brackets
// ("great.”", "engineer.)"). Unlike the library's default it does not treat
// a period inside a word ("Jr.'s") as an ending.
type wordTokenizer struct {
	punkt.DefaultWordTokenizer
}

// HasSentEndChars reports whether t ends with sentence-final punctuation
// other than a bare period.
func (w *wordTokenizer) HasSentEndChars(t *punkt.Token) bool {
	core := strings.TrimRightFunc(t.Tok, isCloser)
	if core == "" {
		return false
	}
	if strings.HasSuffix(core, "[...") || strings.HasSuffix(core, "[…") {
		return false // an elision mark inside a sentence: "stairways [...]"
	}
	switch core[len(core)-1] {
	case '?', '!':
		return true
	case '.':
		return len(core) < len(t.Tok)
	}
	return false
}

// isCloser reports whether r closes a quotation or a bracket.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '»', '›':
		return true
	}
	return false
}

// corrections is a Punkt annotation pass run after the standard ones. It
// looks at each token that may end a sentence together with the word after
// it and fixes the library's common mistakes.
type corrections struct {
	store *punkt.Storage
	word  *wordTokenizer
}

// Annotate implements punkt.AnnotateTokens. Tokens come in text order; with
// the period-context tokenization every token holding ". ! ?" is followed
// by the word after it.
func (c *corrections) Annotate(toks []*punkt.Token) []*punkt.Token {
	for i, t := range toks {
		if i+1 < len(toks) {
			c.pair(t, toks[i+1])
		}
	}
	return toks
}

func (c *corrections) pair(t, next *punkt.Token) {
	tok := t.Tok
	switch {
	case strings.HasSuffix(tok, ".") && next.Tok == ".":
		// Inside a spaced ellipsis ". . .".
		t.SentBreak = false
		next.SentBreak = false
		return
	case tok == "." || isEllipsis(tok):
		// "that.... She left", "a period . . . . Next": an ellipsis ends a
		// sentence when a capitalised word follows that is usually written
		// in lower case (so not "I" or a name).
		t.SentBreak = c.word.FirstUpper(next) && c.store.OrthoContext[c.word.TypeNoSentPeriod(next)]&orthoLower != 0
	case strings.HasSuffix(tok, ".") && titles[strings.ToLower(strings.TrimSuffix(tok, "."))]:
		t.SentBreak = false
		t.Abbr = true
		return
	}
	if t.SentBreak && startsLowerWord(next.Tok) {
		// "Yahoo! in", "“This is great.” she said", "(… engineer.) at":
		// a sentence does not start with a lower-case word.
		t.SentBreak = false
	}
}

// orthoLower is the set of Punkt orthographic flags saying a word type was
// seen with a lower-case first letter (at the start, middle or an unknown
// position of a sentence).
const orthoLower = 16 | 32 | 64

// isEllipsis reports whether tok ends with two or more periods ("...",
// "that....", "complex.").
func isEllipsis(tok string) bool {
	tok = strings.TrimRightFunc(tok, isCloser)
	return strings.HasSuffix(tok, "..") || tok == "…" || strings.HasSuffix(tok, "…")
}

// startsLowerWord reports whether tok starts with a lower-case letter and
// has no upper-case letter ("said", but not "iPhone").
func startsLowerWord(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	if !unicode.IsLower(r) {
		return false
	}
	return strings.IndexFunc(tok, unicode.IsUpper) < 0
}
