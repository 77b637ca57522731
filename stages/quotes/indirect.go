package quotes

import (
	"strings"

	"github.com/newsmill/newsmill/pipeline"
)

// Reported speech without quotation marks comes in three shapes, each found
// from an attribution whose sentence holds no quotation:
//
//	Officials said (that) the embassy would close.       subject, verb, clause
//	The embassy would close, officials said.             clause, subject, verb
//	The embassy would close, said a spokesman.           clause, verb, subject
//
// minClause bounds the words of a reported clause from below, so that
// "he said." or "as she said" report nothing; maxClause bounds its tokens
// from above, so that a text without sentence punctuation does not turn
// into many long overlapping clauses.
const (
	minClause = 3
	maxClause = 100
)

// indirect returns the reported clause of attribution i as a token range
// [from, to), or an empty range when it reports no speech in a sentence
// of its own.
func (a *analysis) indirect(i int) (from, to int) {
	at := a.attrs[i]
	if !at.hasSpeaker() || !a.toks[at.cue].isVerb || a.toks[at.cue].verb.class == classCognition {
		return 0, 0
	}
	s := a.sents[a.sentOf[at.cue]]
	for k := s.from; k < s.to; k++ {
		if a.toks[k].kind == tkQuote {
			return 0, 0
		}
	}
	end := s.to
	for end > s.from && a.toks[end-1].kind == tkPunct {
		end-- // final punctuation
	}
	if at.last() >= end || a.adjunctOnly(at.last(), end) {
		// The attribution ends the sentence, the clause is before it: "The
		// embassy would close, officials said."
		first := min(at.cue, at.from)
		if first-1 <= s.from || !a.punctIn(first-1, ",") {
			return 0, 0
		}
		from, to = s.from, first-1
	} else {
		k := -1
		if !at.inverted {
			k = a.clauseStart(at.last(), end)
		}
		if k < 0 {
			return 0, 0
		}
		from, to = k, end
	}
	if to-from > maxClause || a.words(from, to) < minClause || !a.finite(from, to) {
		return 0, 0
	}
	return from, to
}

// finite reports whether [from, to) looks like a clause, not a noun
// phrase: before its first comma (past a short introductory phrase) it holds an auxiliary or modal ("would
// close", "was dead") or a past-tense form ("closed").
func (a *analysis) finite(from, to int) bool {
	for k := from; k < to; k++ {
		t := a.toks[k]
		if a.punctIn(k, ",") && k-from > 4 {
			return false // a comma after an introductory "On Monday," is fine
		}
		if t.kind != tkWord || t.cap {
			continue
		}
		if t.flags&fAux != 0 || k > from && strings.HasSuffix(a.word(k), "ed") {
			return true
		}
	}
	return false
}

// adjunctOnly reports whether tokens [k, end) are a prepositional phrase
// and nothing more: "on Monday", "in a statement".
func (a *analysis) adjunctOnly(k, end int) bool {
	if k >= end || !a.is(k, a.word(k)) || a.toks[k].flags&fPrep == 0 || a.toks[k].flags&fDet != 0 {
		return false
	}
	for j := k + 1; j < end; j++ {
		if t := a.toks[j]; t.kind != tkWord || t.isVerb || t.flags&(fStop|fAux|fPron) != 0 {
			return false
		}
	}
	return true
}

// clauseStart returns where a content clause starts after a verb whose
// attribution ends at token k: after "that", after the listener and "that"
// ("told reporters that"), or right away when a subject follows ("said
// the embassy would close"). It returns -1 when no clause follows.
func (a *analysis) clauseStart(k, end int) int {
	if k >= end {
		return -1
	}
	for j := k; j < min(end, k+6); j++ {
		if a.is(j, "that") {
			return j + 1
		}
		if a.toks[j].kind != tkWord {
			break
		}
	}
	t := a.toks[k]
	if t.kind != tkWord || t.flags&(fPrep|fStop) != 0 && t.flags&fDet == 0 || a.takesObject(k-1) {
		return -1
	}
	if t.cap || t.flags&(fDet|fPron) != 0 {
		return k
	}
	return -1
}

// words counts the word tokens of [from, to).
func (a *analysis) words(from, to int) int {
	n := 0
	for k := from; k < to; k++ {
		if a.toks[k].kind == tkWord {
			n++
		}
	}
	return n
}

// indirectQuotes appends to out the reported speech of the document as
// quotes of kind indirect, each with its speaker, cue and confidence, and
// returns it.
func (a *analysis) indirectQuotes(out []pipeline.Quote, res *resolver, sents []pipeline.Sentence) []pipeline.Quote {
	for i, at := range a.attrs {
		from, to := a.indirect(i)
		if to <= from {
			continue
		}
		span := pipeline.Span{Start: int(a.toks[from].start), End: int(a.toks[to-1].end)}
		m := res.speaker(at.from, at.to)
		q := pipeline.Quote{
			Span:        span,
			Content:     span,
			Kind:        pipeline.KindIndirect,
			Speaker:     pipeline.Span{Start: m.start, End: m.end},
			SpeakerName: m.name,
			SpeakerType: m.typ,
			Cue:         pipeline.Span{Start: int(a.toks[at.cue].start), End: int(a.toks[at.cueEnd-1].end)},
			Sentence:    sentenceIndex(sents, span.Start),
		}
		q.Confidence = confidence(ruleIndirect, &at.verb, &m, q.Speaker.In(a.text))
		out = append(out, q)
	}
	return out
}
