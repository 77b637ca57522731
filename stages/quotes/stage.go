// Package quotes is newsmill's quote-attribution stage: it finds the
// quotations of an article, tells direct quotes from partial ones and
// scare quotes, extracts reported speech without marks, and names who
// said each one.
//
// The work is split by concern: marks.go pairs quotation marks over the
// whole text in one pass (so a sentence split can never cut a quote),
// tokens.go cuts the token stream and internal sentences, lexicon.go holds
// the reporting verbs with their inflections, cues.go finds the cue verbs,
// phrases.go and subjects.go the speaker phrases around them and the
// subjects of sentences, speaker.go picks one attribution per quote,
// analysis.go and features.go tell speech from terms, scare quotes and
// titles (the latter with a small logistic model whose weights,
// speechweights.go, refit_test.go fits on PolNeAR's train split and
// hand-annotated real news at once), coref.go and gender.go resolve
// pronouns, descriptions and surnames to the fullest name, link.go links
// speakers to entities and gives their gender, indirect.go finds reported
// speech ("Officials said the embassy would close"), transcript.go reads
// interview transcripts ("HOST: ...", "Q: ... A: ...", the answers by the
// interviewee), language.go keeps other languages out, and score.go turns
// the evidence into a calibrated confidence. Everything is rules and fixed
// weights over a byte-level token stream, with no model to load.
// internal/eval/quotes measures it on PolNeAR and on hand-annotated real
// news.
package quotes

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/newsmill/newsmill/pipeline"
)

func init() {
	pipeline.Register(pipeline.Spec{
		Name:        "quotes",
		Description: "quotations with kind, speaker, resolved speaker name, cue verb and confidence",
		Requires:    []string{"sentences"},
		Uses:        []string{"entities"},
		Provides:    []string{"quotes"},
		New: func(opts pipeline.Options) (pipeline.Stage, error) {
			for k := range opts {
				return nil, fmt.Errorf("unknown option %q (the quotes stage takes none)", k)
			}
			return Stage{}, nil
		},
	})
}

// Stage is the quotes stage. It holds no state, so it is safe for
// concurrent use; Process costs one pass of Extract over the document.
type Stage struct{}

// Process appends the quotations of d.Text to d.Quotes, using d.Sentences
// for sentence indexes and d.Entities, when present, to type and name
// speakers. A document whose d.Language is not English, or whose text
// does not read as English when no language is given, gets no quotes and
// a note in d.Warnings instead (language.go).
func (Stage) Process(ctx context.Context, d *pipeline.Doc) error {
	if note := notEnglish(d.Language, d.Text); note != "" {
		d.Warn("%s", note)
		return nil
	}
	d.Quotes = append(d.Quotes, Extract(d.Text, d.Sentences, d.Entities)...)
	return nil
}

// Extract returns the quotations of text in order of their start: quotes
// in quotation marks (kind direct or partial), interview-transcript lines
// (direct) and reported speech without marks (indirect), each with its
// speaker, resolved speaker name and type, cue verb, sentence index and
// confidence. sents gives the sentence indexes (Quote.Sentence is 0 when
// it is empty); ents, which may be nil, helps type and name speakers and
// must be sorted by Start. Extract is safe for concurrent use; it runs in
// time linear in the text (with bounded look-around per verb and quote)
// and works in a token slice of about one token per five bytes, which
// it reuses from earlier calls when it can (see buffers).
func Extract(text string, sents []pipeline.Sentence, ents []pipeline.Entity) []pipeline.Quote {
	if text == "" {
		return nil
	}
	buf := bufPool.Get().(*buffers)
	defer bufPool.Put(buf)
	segs := pairMarks(text)
	a := &analysis{text: text, segs: segs, ents: ents, attrs: buf.attrs[:0]}
	a.toks = tokenize(buf.toks, text, segs)
	a.sents, a.sentOf = splitSentences(buf.sents, buf.sentOf, text, a.toks)
	a.findAttributions()
	res := newResolver(a, buf)
	defer buf.keep(a, res)

	n := 0
	for _, t := range a.toks {
		if t.kind == tkQuote {
			n++
		}
	}
	// Room for every quotation up to a point: most of a million pairs of
	// marks are terms or scare quotes, and a Quote is 160 bytes.
	out := make([]pipeline.Quote, 0, min(n, maxQuotesAhead))
	prev, prevTok, prevConf := choice{attr: -1}, -1, 0.0
	for q := 0; q < len(a.toks); q++ {
		if a.toks[q].kind != tkQuote {
			continue
		}
		c := a.attribute(q, prev, prevTok)
		seg := a.segs[a.toks[q].seg]
		if a.scare(q, seg, c) {
			continue
		}
		c = a.rerank(res, q, c, prev, prevTok)
		quote := pipeline.Quote{
			Span:        seg.span(),
			Content:     seg.content(),
			Kind:        a.kind(q, c),
			SpeakerType: pipeline.SpeakerUnknown,
			Sentence:    sentenceIndex(sents, seg.open),
		}
		if next, ok := a.splitContinuation(q, c); ok {
			// “A,” he said, “B.” is one quote.
			s := a.segs[a.toks[next].seg]
			quote.Span.End, quote.Content.End = s.span().End, s.close
			q = next
		}
		var (
			cue *verbForm
			m   *mention
		)
		if c.attr >= 0 {
			at := a.attrs[c.attr]
			quote.Cue = pipeline.Span{Start: int(a.toks[at.cue].start), End: int(a.toks[at.cueEnd-1].end)}
			if a.toks[at.cue].isVerb {
				cue = &at.verb
			}
		}
		if c.hasSpeaker() {
			sm := res.speaker(c.from, c.to)
			m = &sm
			quote.Speaker = pipeline.Span{Start: sm.start, End: sm.end}
			quote.SpeakerName, quote.SpeakerType = sm.name, sm.typ
		}
		quote.Confidence = confidence(c.rule, cue, m, quote.Speaker.In(text))
		if c.rule == ruleContinue {
			// A continued speaker is no surer than where it came from.
			quote.Confidence = min(quote.Confidence, prevConf)
		}
		out = append(out, quote)
		if c.hasSpeaker() {
			// A quote without a speaker does not break a run of quotes by
			// the last one who had a speaker.
			prev, prevTok, prevConf = c, q, quote.Confidence
		}
	}
	marked := len(out)
	out = append(a.indirectQuotes(out, res, sents), a.transcriptQuotes(res, sents)...)
	if len(out) > marked {
		slices.SortStableFunc(out, func(x, y pipeline.Quote) int { return cmp.Compare(x.Start, y.Start) })
	}
	a.link(out, res)
	return out
}

// buffers holds the slices one call of Extract works in. Extract takes
// them from bufPool and puts them back when done, so that a stage that
// processes many documents reuses them instead of allocating them anew;
// nothing Extract returns refers to them.
type buffers struct {
	toks   []token
	sents  []sentence
	sentOf []int32
	cands  []mention
	keys   []candKey
	attrs  []attribution
}

// keep takes back the slices a and res grew, dropping the mentions'
// references to the text's strings. A huge document's slices are left to
// the garbage collector rather than kept for the next document.
func (b *buffers) keep(a *analysis, res *resolver) {
	if cap(a.toks) > maxKeptTokens {
		return
	}
	clear(res.cands)
	b.toks, b.sents, b.sentOf, b.cands, b.attrs = a.toks, a.sents, a.sentOf, res.cands, a.attrs
}

// maxQuotesAhead bounds the quotes Extract makes room for before it
// knows how many it keeps.
const maxQuotesAhead = 1024

// maxKeptTokens bounds the tokens of the buffers kept in bufPool (about
// a megabyte of text; 6 MB of tokens and as much of candidates).
const maxKeptTokens = 1 << 18

// bufPool holds idle buffers; it is safe for concurrent use.
var bufPool = sync.Pool{New: func() any { return new(buffers) }}

// sentenceIndex returns the index of the sentence holding byte pos: the
// last one starting at or before it, or 0.
func sentenceIndex(sents []pipeline.Sentence, pos int) int {
	i := sort.Search(len(sents), func(i int) bool { return sents[i].Start > pos })
	return max(0, i-1)
}
