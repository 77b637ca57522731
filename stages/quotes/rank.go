package quotes

import (
	"math"
	"sort"

	"github.com/newsmill/newsmill/pipeline"
)

// Speaker reranking: the sieve of speaker.go takes the first rule that
// fires, and gives some quotations no speaker at all. rerank scores a
// few speaker candidates found near a quotation (the sieve's, the
// speakers of other cues, the subjects of its sentence and of the one
// before, the previous quote's speaker, names, entities and pronouns
// nearby) with a linear model over cheap token features, a conditional
// logit fitted across all development sources at once by TestRefitRank
// (rankrefit_test.go). A quotation the sieve gave no speaker gets the
// best candidate when it beats the option of none by rankFill; one with
// a speaker keeps it unless a candidate of another name scores rankMargin
// higher. Both thresholds are chosen by leaving one source out, and
// either is off (infinite) when it loses on some source.

// rankSrc marks the generators that proposed a speaker candidate.
type rankSrc uint16

const (
	srcSieve       rankSrc = 1 << iota // the sieve's choice
	srcContinue                        // the previous quote's speaker
	srcAttr                            // a cue's speaker in the window
	srcSubject                         // the clause subject of the quote's sentence
	srcPrevSubject                     // the clause subject of the sentence before
	srcMention                         // a name, entity or subject the resolver knows
	srcPronoun                         // a personal pronoun
)

// rankCand is one speaker candidate of a quotation: its phrase tokens
// [from, to), the generators that proposed it, the attribution whose
// speaker it is (or -1) and its resolved mention.
type rankCand struct {
	from, to int
	src      rankSrc
	attr     int
	m        mention
}

// The window candidates come from: the quotation's sentence, rankBefore
// sentences before it and one after, at most rankReach tokens from the
// quotation either way; and at most maxCands candidates.
const (
	rankBefore = 2
	rankReach  = 80
	maxCands   = 16
)

// rankObserver, when set by TestRefitRank, sees each quotation's
// candidates with their features; it is nil in production.
var rankObserver func(text string, seg segment, cands []rankCand, x [][nRankFeatures]float64)

// rerank returns the choice for quotation token q: c, the sieve's, or the
// same choice with the speaker phrase of a better-scored candidate (the
// rule, and so the confidence's prior, stays the sieve's). prev and
// prevTok are the previous speaker's choice and quotation token, as for
// attribute. It costs a bounded window of tokens and at most maxCands
// resolved candidates per quotation.
func (a *analysis) rerank(res *resolver, q int, c choice, prev choice, prevTok int) choice {
	if c.hasSpeaker() && math.IsInf(rankMargin, 1) && rankObserver == nil {
		return c // the refit found no margin worth overriding the sieve by
	}
	var buf [maxCands]rankCand
	cands := a.rankCands(buf[:0], res, q, c, prev, prevTok)
	var xs [maxCands][nRankFeatures]float64
	prevName := ""
	if prev.hasSpeaker() {
		prevName = res.speaker(prev.from, prev.to).name
	}
	for i := range cands {
		a.rankFeatures(&xs[i], q, c, &cands[i], prevName)
	}
	a.rankRelations(xs[:len(cands)], q, cands)
	if rankObserver != nil {
		rankObserver(a.text, a.segs[a.toks[q].seg], cands, xs[:len(cands)])
	}
	if !c.hasSpeaker() {
		// No speaker from the sieve: the best candidate when it beats
		// the option of none by rankFill.
		best, bz := -1, math.Inf(-1)
		for i := range cands {
			if z := rankScore(&xs[i]); z > bz {
				best, bz = i, z
			}
		}
		if best >= 0 && bz-rankWeights[rkNone] > rankFill {
			c.from, c.to = cands[best].from, cands[best].to
		}
		return c
	}
	best, bz, sz := -1, math.Inf(-1), 0.0
	for i := range cands {
		z := rankScore(&xs[i])
		if cands[i].src&srcSieve != 0 {
			sz = z
		} else if cands[i].m.name == cands[0].m.name {
			continue // the same speaker by another mention
		}
		if z > bz {
			best, bz = i, z
		}
	}
	if best < 0 || cands[best].src&srcSieve != 0 || bz-sz <= rankMargin {
		return c
	}
	c.from, c.to = cands[best].from, cands[best].to
	return c
}

// rankScore is the model's score of a candidate's features.
func rankScore(x *[nRankFeatures]float64) float64 {
	z := 0.0
	for i, v := range x {
		z += rankWeights[i] * v
	}
	return z
}

// rankCands appends to out the distinct speaker candidates of quotation
// q: the sieve's choice c first, then the others of the window.
func (a *analysis) rankCands(out []rankCand, res *resolver, q int, c choice, prev choice, prevTok int) []rankCand {
	add := func(from, to int, src rankSrc, attr int) {
		if to <= from || from < 0 || to > len(a.toks) {
			return
		}
		for i := range out {
			if out[i].from == from && out[i].to == to {
				out[i].src |= src
				if attr >= 0 {
					out[i].attr = attr
				}
				return
			}
		}
		if len(out) == cap(out) || src != srcSieve && a.passiveSubject(to) {
			return
		}
		out = append(out, rankCand{from: from, to: to, src: src, attr: attr, m: res.speaker(from, to)})
	}
	add(c.from, c.to, srcSieve, c.attr)
	si := int(a.sentOf[q])
	lo, hi := a.sents[max(0, si-rankBefore)].from, a.sents[min(len(a.sents)-1, si+1)].to
	lo, hi = max(lo, q-rankReach), min(hi, q+rankReach)
	if prev.hasSpeaker() && prevTok >= lo {
		add(prev.from, prev.to, srcContinue, -1)
	}
	if from, to := a.clauseSubject(a.sents[si]); to > from {
		add(from, to, srcSubject, -1)
	}
	if si > 0 {
		if from, to := a.clauseSubject(a.sents[si-1]); to > from {
			add(from, to, srcPrevSubject, -1)
		}
	}
	for i := a.attrsFrom(lo); i < len(a.attrs) && a.attrs[i].cue < hi; i++ {
		if at := a.attrs[i]; at.hasSpeaker() {
			add(at.from, at.to, srcAttr, i)
		}
	}
	for k := lo; k < hi; k++ {
		if a.toks[k].kind == tkWord && a.toks[k].flags&fPron != 0 && !a.is(k, "it") && !a.is(k, "you") {
			add(k, k+1, srcPronoun, -1)
		}
	}
	start, end := int(a.toks[lo].start), int(a.toks[hi-1].end)
	for i := sort.Search(len(res.cands), func(i int) bool { return res.cands[i].start >= start }); i < len(res.cands) && res.cands[i].start < end; i++ {
		m := &res.cands[i]
		from, to := m.from, m.to
		if to <= from {
			from, to = a.tokenAt(m.start), a.tokenAt(m.end-1)+1
		}
		if prep := from > 0 && a.toks[from-1].kind == tkWord && a.toks[from-1].flags&fPrep != 0; prep {
			continue // the object of a preposition: "published in Nature Letters"
		}
		if m.typ == pipeline.SpeakerPerson || m.typ == pipeline.SpeakerOrganization || m.human {
			add(from, to, srcMention, -1)
		}
	}
	return out
}

// The features of a candidate, in rankWeights order.
const (
	rkSieve          = iota // the sieve's choice
	rkSieveStrong           // ... by a cue right next to the quote, a dash, a label or a lead-in
	rkSieveNear             // ... by a cue elsewhere in the sentence
	rkSieveContinue         // ... by continuing the previous speaker
	rkSieveSubject          // ... by a subject or a trailing name with no cue
	rkContinue              // the previous quote's speaker
	rkSameName              // resolves to the previous quote's speaker's name
	rkAttr                  // a cue's speaker
	rkAttrSentence          // ... of a cue in the quote's sentence
	rkAttrAdjacent          // ... of a cue within four tokens of the quote
	rkSubject               // the subject of the quote's sentence
	rkPrevSubject           // the subject of the sentence before
	rkMention               // a name, entity or subject the resolver knows
	rkPronoun               // a pronoun
	rkResolved              // a pronoun or description resolved to a name
	rkPerson                // resolved type person
	rkOrg                   // resolved type organisation
	rkNominal               // a description
	rkHuman                 // a person or a person noun
	rkPlural                // plural
	rkEntity                // a person or organisation entity under it
	rkLength                // log(1 + tokens)
	rkCapital               // its first word capitalised
	rkRoleHead              // its head a person noun or title
	rkDistance              // log(1 + tokens between it and the quote)
	rkSameSentence          // in the quote's sentence
	rkSentenceBefore        // in the sentence before
	rkAfterQuote            // after the quote
	rkSameParagraph         // no break between it and the quote
	rkVerbAfter             // a reporting verb right after it
	rkVerbBefore            // a reporting verb right before it
	rkPrepBefore            // a preposition right before it
	rkPossessive            // ends in a possessive
	rkInSubject             // inside its sentence's subject
	rkNearestLeft           // the nearest candidate ending before the quote in its sentence
	rkNearestRight          // the nearest candidate after the quote in its sentence
	rkNearestAttr           // the speaker of the cue nearest the quote in its sentence
	rkSieveName             // resolves to the sieve's speaker's name
	rkNameCount             // log(1 + the window's candidates with its name)
	rkNone                  // the option of no speaker (only this feature is set)
	nRankFeatures
)

// rankFeatures fills x with the features of candidate cd of quotation q,
// whose sieve choice is c and whose previous speaker resolved to
// prevName.
func (a *analysis) rankFeatures(x *[nRankFeatures]float64, q int, c choice, cd *rankCand, prevName string) {
	b := b2f
	m := &cd.m
	if cd.src&srcSieve != 0 {
		x[rkSieve] = 1
		switch c.rule {
		case ruleAfter, ruleBefore, ruleDash, ruleColon, ruleLead:
			x[rkSieveStrong] = 1
		case ruleNear:
			x[rkSieveNear] = 1
		case ruleContinue:
			x[rkSieveContinue] = 1
		default:
			x[rkSieveSubject] = 1
		}
	}
	x[rkContinue] = b(cd.src&srcContinue != 0)
	x[rkSameName] = b(prevName != "" && m.name == prevName)
	if cd.attr >= 0 {
		at := a.attrs[cd.attr]
		x[rkAttr] = 1
		x[rkAttrSentence] = b(a.sentOf[at.cue] == a.sentOf[q])
		x[rkAttrAdjacent] = b(at.cue >= q-4 && at.cue <= q+4)
	}
	x[rkSubject] = b(cd.src&srcSubject != 0)
	x[rkPrevSubject] = b(cd.src&srcPrevSubject != 0)
	x[rkMention] = b(cd.src&srcMention != 0)
	written := a.text[m.start:m.end]
	x[rkPronoun] = b(m.typ == pipeline.SpeakerPronoun || cd.src&srcPronoun != 0)
	x[rkResolved] = b(m.name != written && (m.typ == pipeline.SpeakerPronoun || m.definite))
	x[rkPerson] = b(m.typ == pipeline.SpeakerPerson)
	x[rkOrg] = b(m.typ == pipeline.SpeakerOrganization)
	x[rkNominal] = b(m.typ == pipeline.SpeakerNominal)
	x[rkHuman] = b(m.human)
	x[rkPlural] = b(m.plural)
	_, ent := a.entityIn(m.start, m.end)
	x[rkEntity] = b(ent)
	x[rkLength] = math.Log1p(float64(cd.to - cd.from))
	x[rkCapital] = b(a.toks[cd.from].cap)
	head := a.toks[cd.to-1]
	x[rkRoleHead] = b(head.flags&(fHuman|fTitle) != 0)
	dist := 0
	switch {
	case cd.to <= q:
		dist = q - cd.to
	case cd.from > q:
		dist = cd.from - q - 1
		x[rkAfterQuote] = 1
	}
	x[rkDistance] = math.Log1p(float64(dist))
	x[rkSameSentence] = b(a.sentOf[cd.from] == a.sentOf[q])
	x[rkSentenceBefore] = b(a.sentOf[cd.from]+1 == a.sentOf[q])
	lo, hi := min(cd.from, q), max(cd.to, q)
	para := true
	for k := lo; k < hi; k++ {
		if a.toks[k].kind == tkBreak {
			para = false
			break
		}
	}
	x[rkSameParagraph] = b(para)
	x[rkVerbAfter] = b(cd.to < len(a.toks) && a.toks[cd.to].isVerb)
	x[rkVerbBefore] = b(cd.from > 0 && a.toks[cd.from-1].isVerb)
	x[rkPrepBefore] = b(cd.from > 0 && a.toks[cd.from-1].kind == tkWord && a.toks[cd.from-1].flags&fPrep != 0)
	x[rkPossessive] = b(a.possessive(cd.to - 1))
	x[rkInSubject] = b(a.subjectHolds(m.start, m.end))
}

// rankRelations fills the features of each of cands that depend on the
// others: which is nearest the quotation q on either side and which has
// the nearest cue in its sentence, whether it names the sieve's speaker
// (cands[0] when the sieve has one) and how many name the same.
func (a *analysis) rankRelations(xs [][nRankFeatures]float64, q int, cands []rankCand) {
	left, right, attr := -1, -1, -1
	si := a.sentOf[q]
	for i := range cands {
		cd := &cands[i]
		if a.sentOf[cd.from] != si {
			continue
		}
		if cd.to <= q && (left < 0 || cd.to > cands[left].to) {
			left = i
		}
		if cd.from > q && (right < 0 || cd.from < cands[right].from) {
			right = i
		}
		if cd.attr >= 0 && (attr < 0 || absInt(a.attrs[cd.attr].cue-q) < absInt(a.attrs[cands[attr].attr].cue-q)) {
			attr = i
		}
	}
	for i := range cands {
		xs[i][rkNearestLeft] = b2f(i == left)
		xs[i][rkNearestRight] = b2f(i == right)
		xs[i][rkNearestAttr] = b2f(i == attr)
		n := 0
		for j := range cands {
			if cands[j].m.name == cands[i].m.name {
				n++
			}
		}
		xs[i][rkNameCount] = math.Log1p(float64(n))
		xs[i][rkSieveName] = b2f(cands[0].src&srcSieve != 0 && cands[i].m.name == cands[0].m.name)
	}
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// passiveSubject reports whether a phrase ending before token k is the
// subject of a passive reporting verb, the one spoken to: "they were
// told", "the board was informed".
func (a *analysis) passiveSubject(k int) bool {
	return k+1 < len(a.toks) && a.toks[k].kind == tkWord && a.toks[k].flags&fBe != 0 && a.toks[k+1].isVerb
}
