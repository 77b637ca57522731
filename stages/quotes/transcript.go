package quotes

import (
	"strings"
	"unicode"

	"github.com/newsmill/newsmill/pipeline"
)

// maxLabelWords bounds the words of a transcript speaker label.
const maxLabelWords = 4

// transcriptLine is one "LABEL: words" line of an interview transcript, in
// tokens: the label [from, to) and the spoken words [body, end).
type transcriptLine struct{ from, to, body, end int }

// transcript finds interview-transcript lines: a line that opens with an
// upper-case label of up to four words ("HOST:", "JAKE TAPPER:", "Q:")
// and a colon, followed by words with letters and no quotation (not "VIP:
// 60,000"). A document must hold at
// least two such lines, so that a lone "NOTE: ..." is not speech.
func (a *analysis) transcript() []transcriptLine {
	var out []transcriptLine
	for k := 0; k < len(a.toks); k++ {
		if k > 0 && a.toks[k-1].kind != tkBreak {
			continue
		}
		to := k
		for to < len(a.toks) && to-k < maxLabelWords && a.toks[to].kind == tkWord && a.upperWord(to) {
			to++
		}
		if to == k || to+1 >= len(a.toks) || !a.punctIn(to, ":") {
			continue
		}
		end := to + 1
		for end < len(a.toks) && a.toks[end].kind != tkBreak && a.toks[end].kind != tkQuote {
			end++
		}
		if end < len(a.toks) && a.toks[end].kind == tkQuote || !a.anyLetters(to+1, end) {
			continue
		}
		out = append(out, transcriptLine{from: k, to: to, body: to + 1, end: end})
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// anyLetters reports whether a word token of [from, to) holds a letter,
// so that "VIP: 60,000" (a price list) is not speech.
func (a *analysis) anyLetters(from, to int) bool {
	for k := from; k < to; k++ {
		if a.toks[k].kind == tkWord && strings.IndexFunc(a.word(k), unicode.IsLetter) >= 0 {
			return true
		}
	}
	return false
}

// upperWord reports whether word token k is written in capitals only.
func (a *analysis) upperWord(k int) bool {
	w := a.word(k)
	return strings.IndexFunc(w, unicode.IsLower) < 0 && strings.IndexFunc(w, unicode.IsUpper) >= 0
}

// transcriptQuotes returns the transcript lines as direct quotes whose
// speaker is the label, named by the document's person with that surname
// when there is one ("ORTEGA" -> "Luis Ortega").
func (a *analysis) transcriptQuotes(res *resolver, sents []pipeline.Sentence) []pipeline.Quote {
	var out []pipeline.Quote
	for _, l := range a.transcript() {
		span := pipeline.Span{Start: int(a.toks[l.body].start), End: int(a.toks[l.end-1].end)}
		speaker := pipeline.Span{Start: int(a.toks[l.from].start), End: int(a.toks[l.to-1].end)}
		name, typ := res.labelName(speaker.In(a.text))
		q := pipeline.Quote{
			Span: span, Content: span, Kind: pipeline.KindDirect,
			Speaker: speaker, SpeakerName: name, SpeakerType: typ,
			Sentence: sentenceIndex(sents, span.Start),
		}
		q.Confidence = rulePrior[ruleColon]
		out = append(out, q)
	}
	return out
}

// labelName names an upper-case transcript label: the fullest person
// mention whose last word matches it, ignoring case, or the label itself,
// typed nominal when it is a role ("HOST", "MODERATOR").
func (r *resolver) labelName(label string) (name, typ string) {
	last := lastWord(label)
	best := ""
	for _, c := range r.cands {
		if c.typ == pipeline.SpeakerPerson && strings.EqualFold(lastWord(c.name), last) && len(c.name) > len(best) {
			best = c.name
		}
	}
	if best != "" {
		return best, pipeline.SpeakerPerson
	}
	var buf [maxKey]byte
	if key, ok := lowerKey(&buf, last); ok && wordFlags[string(key)]&(fHuman|fTitle) != 0 || len(last) <= 1 {
		return label, pipeline.SpeakerNominal
	}
	return label, pipeline.SpeakerPerson
}
