// Package entities finds named entities at byte offsets of the document
// text, and provides the "entities" stage that runs it.
//
// Two recognisers share one rule layer and one way of grouping mentions.
// Tagger, the default, is newsmill's own: a byte-level tokenizer and an
// averaged-perceptron BIO tagger over hashed word, shape, affix, context
// and capitalised-run features, trained by internal/nertrain and embedded
// in the binary (model.bin.gz). Recognizer runs prose v2's model and is
// kept for comparison.
//
// prose gives entities without offsets, with curly quotes rewritten and
// tokens joined by single spaces. The recogniser here runs prose one
// sentence at a time, places every token back in the text and builds the
// entities from the tokens' labels itself, which avoids prose's chunking
// defects (an entity at the end of the input dropped, neighbours of the
// same part of speech merged). A light rule layer then fixes common misses:
// names after a title ("Prime Minister Mustafa al-Kadhimi"), name particles
// ("al-", "bin", "de"), leading determiners and possessive "'s".
package entities

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/sentences"
)

// Recognizer finds named entities with one loaded prose model. It is safe
// for concurrent use: inference only reads the model.
type Recognizer struct {
	model *prose.Model
}

var (
	sharedOnce sync.Once
	shared     *Recognizer
	sharedErr  error
)

// Shared returns the process-wide Recognizer, loading prose's model on the
// first call (about 0.5 s and 100 MB); later calls return the same value.
// It is safe for concurrent use.
func Shared() (*Recognizer, error) {
	sharedOnce.Do(func() {
		shared, sharedErr = load()
	})
	return shared, sharedErr
}

// load reads prose's built-in tagger and classifier. prose panics on a
// broken model asset; that becomes an error here.
func load() (r *Recognizer, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("entities: loading prose model: %v", p)
		}
	}()
	doc, err := prose.NewDocument("", prose.WithSegmentation(false))
	if err != nil {
		return nil, fmt.Errorf("entities: loading prose model: %w", err)
	}
	return &Recognizer{model: doc.Model}, nil
}

// Find returns the named entities of text, split into sentences with
// sentences.Split, using the Default tagger. It is safe for concurrent use
// and costs a few microseconds per sentence once the model is loaded.
func Find(text string) ([]pipeline.Entity, error) {
	r, err := Default()
	if err != nil {
		return nil, err
	}
	return r.Entities(text, sentences.Split(text)), nil
}

// Entities returns the named entities of text in order, one prose run per
// sentence of sents (spans of text). Each entity's Sentence indexes sents and
// its Canonical is the fullest mention of the same entity in text. Spans
// are in bounds, non-empty, ordered and non-overlapping. Entities is safe
// for concurrent use.
func (r *Recognizer) Entities(text string, sents []pipeline.Sentence) []pipeline.Entity {
	var out []pipeline.Entity
	for i, s := range sents {
		if s.Start < 0 || s.End > len(text) || s.Empty() {
			continue
		}
		toks := r.tokens(text, s.Span)
		for _, m := range mentions(text, toks, true) {
			out = append(out, pipeline.Entity{
				Span:     pipeline.Span{Start: toks[m.first].start, End: toks[m.last].end},
				Label:    m.label,
				Sentence: i,
			})
		}
	}
	canonicalize(text, out)
	return out
}

// tokens runs prose over the sentence text[s.Start:s.End] and places its
// tokens in text. A sentence without final punctuation gets " ." appended
// first, so that it looks like prose's training data and its last word is
// not the end of the input; that token is not placed.
func (r *Recognizer) tokens(text string, s pipeline.Span) []token {
	in := s.In(text)
	if last, _ := utf8.DecodeLastRuneInString(in); !strings.ContainsRune(".!?”\"'’)", last) {
		in += " ."
	}
	ptoks := r.run(proseSafe(in))
	toks := make([]token, len(ptoks))
	for i, t := range ptoks {
		toks[i] = token{text: t.Text, tag: t.Tag, label: t.Label}
	}
	place(text, s.Start, s.End, toks)
	// Keep the placed tokens only.
	out := toks[:0]
	for _, t := range toks {
		if t.placed() {
			out = append(out, t)
		}
	}
	return out
}

// run tags in with prose. prose's tokenizer can still panic on input it
// was not written for; the sentence then yields no tokens.
func (r *Recognizer) run(in string) (toks []prose.Token) {
	defer func() {
		if recover() != nil {
			toks = nil
		}
	}()
	doc, err := prose.NewDocument(in, prose.UsingModel(r.model), prose.WithSegmentation(false))
	if err != nil {
		return nil
	}
	return doc.Tokens()
}

// proseSafe replaces with U+FFFD each invalid byte of s and each character
// whose lower case has another UTF-8 length ("İ"): prose's tokenizer
// indexes a word with offsets found in its lower-case form and panics on
// those. matchAt accepts U+FFFD for any character.
func proseSafe(s string) string {
	bad := false
	for _, r := range s {
		if r == utf8.RuneError || utf8.RuneLen(unicode.ToLower(r)) != utf8.RuneLen(r) {
			bad = true
			break
		}
	}
	if !bad {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || utf8.RuneLen(unicode.ToLower(r)) != size {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

// labels maps prose's entity types to newsmill's.
var labels = map[string]string{
	"PERSON":       pipeline.LabelPerson,
	"ORGANIZATION": pipeline.LabelOrg,
	"GPE":          pipeline.LabelGPE,
	"GSP":          pipeline.LabelGPE,
	"LOCATION":     pipeline.LabelLocation,
	"FACILITY":     pipeline.LabelFacility,
}

// isCapitalized reports whether w starts with an upper-case letter.
func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
