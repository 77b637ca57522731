// Package entities finds named entities at byte offsets of the document
// text, and provides the "entities" stage that runs it.
//
// Tagger, the default recogniser, is newsmill's own: a byte-level
// tokenizer and an averaged-perceptron BIO tagger over hashed word, shape,
// affix, context, capitalised-run, word-list and word-cluster features,
// trained by internal/nertrain and embedded in the binary (model.bin.gz).
// A light rule layer then fixes common misses: names after a title
// ("Prime Minister Mustafa al-Kadhimi"), name particles ("al-", "bin",
// "de"), leading determiners and possessive "'s"; mentions are grouped
// under canonical names.
//
// Other recognisers plug in with RegisterModel and share the rule layer
// through Assemble: the package stages/entities/proseents registers prose
// v2's model as the stage option model=prose, so that only binaries that
// import it carry prose's model.
package entities

import (
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/sentences"
)

// Finder is what a recogniser offers: the named entities of text in order,
// sentence by sentence of sents (spans of text), each entity's Sentence
// indexing sents, spans in bounds, non-empty, ordered and non-overlapping,
// with canonical names. Implementations must be safe for concurrent use.
type Finder interface {
	Entities(text string, sents []pipeline.Sentence) []pipeline.Entity
}

var (
	modelsMu sync.RWMutex
	models   = map[string]func() (Finder, error){}
)

// RegisterModel makes the stage option model=name load a recogniser with
// load, called once per stage on Open. It is meant for init functions of
// opt-in packages, is safe for concurrent use, and panics when name is
// empty, "newsmill" or already registered.
func RegisterModel(name string, load func() (Finder, error)) {
	modelsMu.Lock()
	defer modelsMu.Unlock()
	if _, dup := models[name]; dup || name == "" || name == ModelNewsmill {
		panic(fmt.Sprintf("entities: RegisterModel(%q) twice or reserved", name))
	}
	models[name] = load
}

// registeredModel returns the loader registered for name.
func registeredModel(name string) (func() (Finder, error), bool) {
	modelsMu.RLock()
	defer modelsMu.RUnlock()
	load, ok := models[name]
	return load, ok
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

// TaggedToken is a token another recogniser placed in the text: its text
// as the recogniser wrote it, its part of speech (Penn tags; "" when
// unknown), its IOB label over PERSON, ORGANIZATION, GPE, GSP, LOCATION and
// FACILITY ("B-PERSON", "I-GPE", "O"), and its byte span.
type TaggedToken struct {
	Text, Tag, Label string
	Start, End       int
}

// Assemble returns the entities of text from the tokens tag gives for each
// sentence of sents, through the rule layer the Tagger uses: chunking,
// trimmed edges, names after titles and before appositions, particles,
// and canonical names. tag returns a sentence's tokens in order, each
// placed inside the sentence. Assemble is safe for concurrent use when tag
// is; its cost is linear in the tokens.
func Assemble(text string, sents []pipeline.Sentence, tag func(s pipeline.Span) []TaggedToken) []pipeline.Entity {
	var out []pipeline.Entity
	var toks []token
	for i, s := range sents {
		if s.Start < 0 || s.End > len(text) || s.Empty() {
			continue
		}
		toks = toks[:0]
		for _, t := range tag(s.Span) {
			if t.Start >= s.Start && t.End <= s.End && t.Start < t.End {
				toks = append(toks, token{text: t.Text, tag: t.Tag, label: t.Label, start: t.Start, end: t.End})
			}
		}
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

// token is one token of a sentence placed in the document text.
type token struct {
	text       string // as the recogniser wrote it
	tag        string // part of speech, "" when unknown
	label      string // IOB entity label: "O", "B-PERSON", "I-GPE", ...
	start, end int    // byte span in the document text
}

// labels maps recognisers' entity types to newsmill's.
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
