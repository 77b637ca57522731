// Package proseents runs prose v2's named-entity model through newsmill's
// rule layer, for comparison with the default tagger. Importing it (for
// its side effect, or to call Shared) registers the entities stage option
// model=prose; binaries that do not import it do not carry prose's model
// (about 4.4 MB).
//
// prose gives entities without offsets, with curly quotes rewritten and
// tokens joined by single spaces. The recogniser here runs prose one
// sentence at a time, places every token back in the text and builds the
// entities from the tokens' labels with entities.Assemble, which avoids
// prose's chunking defects (an entity at the end of the input dropped,
// neighbours of the same part of speech merged).
package proseents

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/entities"
)

// Model is the stage option value that selects this recogniser.
const Model = "prose"

func init() {
	entities.RegisterModel(Model, func() (entities.Finder, error) { return Shared() })
}

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
			err = fmt.Errorf("proseents: loading prose model: %v", p)
		}
	}()
	doc, err := prose.NewDocument("", prose.WithSegmentation(false))
	if err != nil {
		return nil, fmt.Errorf("proseents: loading prose model: %w", err)
	}
	return &Recognizer{model: doc.Model}, nil
}

// Entities returns the named entities of text in order, one prose run per
// sentence of sents (spans of text), with the contract of
// entities.Finder. It is safe for concurrent use and costs about 1.5 ms a
// sentence.
func (r *Recognizer) Entities(text string, sents []pipeline.Sentence) []pipeline.Entity {
	return entities.Assemble(text, sents, func(s pipeline.Span) []entities.TaggedToken { return r.tokens(text, s) })
}

// tokens runs prose over the sentence text[s.Start:s.End] and places its
// tokens in text. A sentence without final punctuation gets " ." appended
// first, so that it looks like prose's training data and its last word is
// not the end of the input; that token is not placed.
func (r *Recognizer) tokens(text string, s pipeline.Span) []entities.TaggedToken {
	in := s.In(text)
	if last, _ := utf8.DecodeLastRuneInString(in); !strings.ContainsRune(".!?”\"'’)", last) {
		in += " ."
	}
	ptoks := r.run(proseSafe(in))
	toks := make([]entities.TaggedToken, len(ptoks))
	for i, t := range ptoks {
		toks[i] = entities.TaggedToken{Text: t.Text, Tag: t.Tag, Label: t.Label}
	}
	place(text, s.Start, s.End, toks)
	return toks
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
