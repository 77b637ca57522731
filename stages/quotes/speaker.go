package quotes

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// attribution is a reporting verb (or "according to") with the speaker
// phrase found for it, in token indexes.
type attribution struct {
	cue, cueEnd int // the cue tokens [cue, cueEnd)
	from, to    int // the speaker phrase tokens [from, to); empty when none
	verb        verbForm
	inverted    bool // the speaker follows the cue ("said Smith")
}

func (at attribution) hasSpeaker() bool { return at.to > at.from }

// last returns the index after the attribution's last token.
func (at attribution) last() int { return max(at.cueEnd, at.to) }

// maxPhrase bounds the words of a speaker phrase.
const maxPhrase = 12

// findAttributions collects every reporting verb outside quotations with
// the phrase that names its speaker: the subject on the left ("the
// diplomat replied"), skipping a parenthetical between commas ("The
// Department, asked about it, said"), or the phrase on the right for
// inversions ("said Gati Rikabi, a member of ..." gives the name only) and
// "according to X". Infinitives ("to say") and passives ("was told") are
// skipped. It costs a bounded look-around per verb.
func (a *analysis) findAttributions() {
	for k, t := range a.toks {
		if t.kind != tkWord {
			continue
		}
		if a.is(k, "according") && k+1 < len(a.toks) && a.is(k+1, "to") {
			from, to := a.rightPhrase(k + 2)
			if to > from {
				a.attrs = append(a.attrs, attribution{cue: k, cueEnd: k + 2, from: from, to: to, inverted: true})
			}
			continue
		}
		if !t.isVerb || t.verb.ing || (t.cap && !a.sentenceStart(k) && !a.isSay(k)) {
			continue
		}
		if k > 0 && a.is(k-1, "to") {
			continue // infinitive
		}
		if k > 0 && a.toks[k-1].flags&fDet != 0 {
			continue // a noun: "the report", "his claims"
		}
		j := a.skipAdverbsLeft(k)
		if j >= 0 && a.toks[j].kind == tkWord && a.toks[j].flags&fBe != 0 {
			continue // passive: "was told"
		}
		at := attribution{cue: k, cueEnd: k + 1, verb: t.verb}
		if t.verb.invert && a.inversionSlot(k) {
			if from, to := a.rightPhrase(k + 1); to > from && a.phraseEnds(to) {
				at.from, at.to, at.inverted = from, to, true
				a.attrs = append(a.attrs, at)
				continue
			}
		}
		at.from, at.to = a.subjectLeft(k)
		a.attrs = append(a.attrs, at)
	}
}

// isSay reports whether token k is a form of "say", which title-case
// headlines capitalise ("Lawyer Says ...").
func (a *analysis) isSay(k int) bool {
	return a.is(k, "says") || a.is(k, "said") || a.is(k, "say")
}

// inversionSlot reports whether the verb at k stands where journalists
// invert: after a quotation, a comma, a dash or at the start of a sentence.
func (a *analysis) inversionSlot(k int) bool {
	if a.sentenceStart(k) {
		return true
	}
	p := a.toks[k-1]
	return p.kind == tkQuote || a.punctIn(k-1, ",—–-")
}

// phraseEnds reports whether an inverted speaker phrase ending before
// token k is followed by what may follow a subject at the end of a
// clause: punctuation, a break, a quotation, the end, or a preposition
// ("said the minister on Monday"), but not a verb ("said the US would").
func (a *analysis) phraseEnds(k int) bool {
	if k >= len(a.toks) || a.sentOf[k] != a.sentOf[k-1] {
		return true
	}
	t := a.toks[k]
	return t.kind != tkWord || t.flags&(fPrep|fStop) != 0 && t.flags&fAux == 0
}

// skipAdverbsLeft returns the index of the first token left of k, in its
// sentence, that is not an adverb or auxiliary ("has also said"), or -1.
func (a *analysis) skipAdverbsLeft(k int) int {
	j := k - 1
	for ; j >= 0 && a.sentOf[j] == a.sentOf[k]; j-- {
		t := a.toks[j]
		if t.kind != tkWord {
			return j
		}
		if t.flags&(fAdv|fAux) != 0 && t.flags&fBe == 0 {
			continue
		}
		if !t.cap && strings.HasSuffix(a.word(j), "ly") && j > 0 && a.toks[j-1].flags&fDet == 0 {
			continue // reportedly, flatly; but not "the family"
		}
		return j
	}
	return -1
}

// subjectLeft finds the subject of the verb at k on its left.
func (a *analysis) subjectLeft(k int) (from, to int) {
	j := a.skipAdverbsLeft(k)
	if j < 0 {
		return 0, 0
	}
	if a.punctIn(j, ",") {
		// "X, asked about it, said": the subject is before the parenthetical.
		lo := max(a.sents[a.sentOf[k]].from, j-30)
		for c := j - 1; c >= lo; c-- {
			if a.toks[c].kind == tkQuote {
				break
			}
			if a.punctIn(c, ",") {
				return a.phraseLeft(c)
			}
		}
		return 0, 0
	}
	if a.toks[j].kind != tkWord {
		return 0, 0
	}
	return a.phraseLeft(j + 1)
}

// phraseLeft collects the noun phrase that ends before token end, walking
// left to a clause boundary, and trims a leading prepositional phrase
// ("On Monday the ministry" gives "the ministry").
func (a *analysis) phraseLeft(end int) (from, to int) {
	if end <= 0 {
		return 0, 0
	}
	s := a.sentOf[end-1]
	i := end - 1
	for ; i >= 0 && a.sentOf[i] == s && end-i <= maxPhrase; i-- {
		t := a.toks[i]
		if t.kind != tkWord {
			if a.punctIn(i, ".") && i > 0 && a.toks[i-1].flags&fAbbrev != 0 && i < end-1 {
				continue // "Mr. Smith"
			}
			break
		}
		if t.flags&fPron != 0 && i < end-1 && !a.is(i+1, "and") {
			break // "he thought Trump said": the pronoun is another clause's subject
		}
		if a.is(i, "and") {
			if i > 0 && a.toks[i-1].kind == tkWord && (a.toks[i-1].cap || a.toks[i-1].flags&(fPron|fHuman) != 0) {
				continue
			}
			break
		}
		if t.flags&(fStop|fAux) != 0 && !(t.cap && t.flags&fDet != 0) {
			break
		}
		if t.isVerb && !t.cap {
			break
		}
	}
	from = i + 1
	if from >= end {
		return 0, 0
	}
	if t := a.toks[from]; t.flags&fPrep != 0 && t.flags&fDet == 0 {
		start := end - 1
		for m := end - 2; m > from; m-- {
			if a.toks[m].flags&(fDet|fPron) != 0 {
				start = m
				break
			}
		}
		from = start
	}
	return from, end
}

// rightPhrase collects the speaker phrase starting at token k: a pronoun,
// a capitalised name without its apposition ("Gati Rikabi, a member"
// gives "Gati Rikabi"), or a description up to a clause boundary ("the
// Shia leader", "a spokesman for the ministry").
func (a *analysis) rightPhrase(k int) (from, to int) {
	if k >= len(a.toks) || a.toks[k].kind != tkWord {
		return k, k
	}
	s := a.sentOf[k]
	t := a.toks[k]
	switch {
	case t.flags&fPron != 0:
		return k, k + 1
	case t.flags&fPrep != 0 && t.flags&fDet == 0, t.flags&(fStop|fAux) != 0 && t.flags&fDet == 0:
		return k, k
	}
	name := t.cap && t.flags&fDet == 0
	i := k
	for ; i < len(a.toks) && a.sentOf[i] == s && i-k < maxPhrase; i++ {
		u := a.toks[i]
		if u.kind != tkWord {
			if a.punctIn(i, ".") && a.toks[i-1].flags&fAbbrev != 0 && i+1 < len(a.toks) && a.toks[i+1].cap {
				continue // "Mr. Smith"
			}
			break
		}
		if i == k {
			continue
		}
		if name {
			if u.cap || a.nameParticle(i) || (a.is(i, "of") && i+1 < len(a.toks) && a.toks[i+1].cap) {
				continue
			}
			break
		}
		if u.flags&fNPPrep != 0 {
			if i+1 < len(a.toks) && a.toks[i+1].kind == tkWord {
				continue
			}
			break
		}
		if u.flags&(fStop|fAux|fPrep|fPron) != 0 || (u.isVerb && !u.cap) {
			break
		}
	}
	for i > k && a.toks[i-1].flags&fNPPrep != 0 {
		i-- // never end on a preposition
	}
	return k, i
}

// nameParticle reports whether the lower-case word k continues a name:
// al-Sadr, bin, van.
func (a *analysis) nameParticle(k int) bool {
	t := a.toks[k]
	if t.kind != tkWord || t.cap {
		return false
	}
	if t.flags&fParticle != 0 {
		return k+1 < len(a.toks) && a.toks[k+1].cap
	}
	w := a.word(k)
	if h := strings.IndexByte(w, '-'); h > 0 && h+1 < len(w) {
		r, _ := utf8.DecodeRuneInString(w[h+1:])
		return r >= 'A' && r <= 'Z' || r > utf8.RuneSelf && strings.ToUpper(string(r)) == string(r)
	}
	return false
}

// attrsFrom returns the index of the first attribution whose cue is at or
// after token k.
func (a *analysis) attrsFrom(k int) int {
	return sort.Search(len(a.attrs), func(i int) bool { return a.attrs[i].cue >= k })
}

// attrAt returns the index in a.attrs of the attribution whose cue starts
// at token k, or -1.
func (a *analysis) attrAt(k int) int {
	i := a.attrsFrom(k)
	if i < len(a.attrs) && a.attrs[i].cue == k {
		return i
	}
	return -1
}

// rule names the evidence that tied a quote to its speaker, strongest
// first; scoring gives each its prior.
type rule uint8

const (
	ruleNone     rule = iota
	ruleAfter         // “…,” X said / “…,” said X, right after the quote
	ruleBefore        // X said: “…” / according to X, “…”
	ruleDash          // “…” — X
	ruleColon         // X: “…” with no verb (headlines, transcripts)
	ruleNear          // a cue elsewhere in the quote's sentence (partial quotes)
	ruleLead          // the sentence before ends in a colon: X put it this way:
	ruleContinue      // no cue: the quote continues the previous quote's speaker
)

// choice is what the rules found for one quotation token.
type choice struct {
	rule     rule
	attr     int // index into a.attrs, or -1
	from, to int // speaker phrase tokens
	// last is the token after the attribution; a following “…” starting
	// there after a comma continues a split quote.
	last int
}

func (c choice) hasSpeaker() bool { return c.to > c.from }

// nearDistance bounds how many tokens a cue in the same sentence may sit
// from the quotation it introduces.
const nearDistance = 40

// attribute finds the speaker of the quotation token q. prev is the choice
// made for the previous reported quote (rule none when there is none) and
// prevTok its token.
func (a *analysis) attribute(q int, prev choice, prevTok int) choice {
	s := a.sents[a.sentOf[q]]
	none := choice{attr: -1, last: q + 1}

	// After the quote: “…,” X said / said X / according to X / — X.
	k := q + 1
	dash := false
	if k < s.to && a.punctIn(k, ",—–-") {
		dash = !a.punctIn(k, ",")
		k++
	}
	if k < s.to {
		if i := a.attrAt(k); i >= 0 && a.attrs[i].inverted {
			return a.fromAttr(ruleAfter, i)
		}
		for i := a.attrsFrom(k); i < len(a.attrs) && a.attrs[i].cue < min(s.to, k+maxPhrase); i++ {
			if at := a.attrs[i]; !at.inverted && at.from == k && at.hasSpeaker() {
				return a.fromAttr(ruleAfter, i)
			}
		}
		if dash && a.toks[k].cap {
			if from, to := a.rightPhrase(k); to > from && (to >= s.to || a.toks[to].kind != tkWord) {
				return choice{rule: ruleDash, attr: -1, from: from, to: to, last: to}
			}
		}
	}

	// Before the quote: X said: “…” / according to X, “…” / X: “…”.
	k = q - 1
	if k >= s.from && a.punctIn(k, ":,") {
		k--
	}
	if k >= s.from {
		if i := a.attrAt(k); i >= 0 && !a.attrs[i].inverted && a.attrs[i].hasSpeaker() {
			return a.fromAttr(ruleBefore, i)
		}
		for i := a.attrsFrom(k - maxPhrase - 2); i < len(a.attrs) && a.attrs[i].cue < k; i++ {
			if at := a.attrs[i]; at.inverted && at.to == k+1 {
				return a.fromAttr(ruleBefore, i)
			}
		}
	}
	if from, to := a.colonLabel(q-1, s); to > from {
		return choice{rule: ruleColon, attr: -1, from: from, to: to, last: q + 1}
	}

	// A cue elsewhere in the same sentence, nearest first, left before right.
	if i := a.nearestAttr(q, s, -1); i >= 0 {
		return a.fromAttr(ruleNear, i)
	}
	if q == s.from {
		// The sentence before ends with a colon: "He put it this way:".
		if si := a.sentOf[q]; si > 0 {
			p := a.sents[si-1]
			if a.punctIn(p.to-1, ":") {
				if i := a.nearestAttr(p.to, p, -1); i >= 0 {
					return a.fromAttr(ruleLead, i)
				}
				if from, to := a.colonLabel(p.to-1, p); to > from {
					return choice{rule: ruleLead, attr: -1, from: from, to: to, last: q + 1}
				}
			}
		}
	}
	if i := a.nearestAttr(q, s, 1); i >= 0 {
		return a.fromAttr(ruleNear, i)
	}
	if q == s.from && prev.hasSpeaker() && a.continues(prevTok, q) {
		c := prev
		c.rule, c.attr, c.last = ruleContinue, -1, q+1
		return c
	}
	return none
}

// fromAttr makes a choice from attribution i.
func (a *analysis) fromAttr(r rule, i int) choice {
	at := a.attrs[i]
	return choice{rule: r, attr: i, from: at.from, to: at.to, last: at.last()}
}

// nearestAttr returns the attribution with a speaker in sentence s closest
// to token q on the left (dir -1) or right (dir 1) without another
// quotation in between, or -1.
func (a *analysis) nearestAttr(q int, s sentence, dir int) int {
	lo, hi := max(s.from, q-nearDistance), min(s.to, q+nearDistance)
	for k := q + dir; k >= lo && k < hi; k += dir {
		if a.toks[k].kind == tkQuote {
			return -1
		}
		if i := a.attrAt(k); i >= 0 && a.attrs[i].hasSpeaker() {
			at := a.attrs[i]
			if dir > 0 && at.from <= q && at.to > q {
				continue
			}
			return i
		}
	}
	return -1
}

// continues reports whether the quotation at q, which starts a sentence,
// follows the quotation at p closely enough to keep its speaker: in the
// same or the next paragraph, with no other speaker introduced between
// the two sentences.
func (a *analysis) continues(p, q int) bool {
	if p < 0 {
		return false
	}
	breaks := 0
	for k := p + 1; k < q; k++ {
		if a.toks[k].kind == tkBreak {
			breaks++
		}
	}
	if breaks > 1 {
		return false
	}
	ps, qs := a.sentOf[p], a.sentOf[q]
	for i := a.attrsFrom(p); i < len(a.attrs) && a.attrs[i].cue < q; i++ {
		if at := a.attrs[i]; a.sentOf[at.cue] > ps && at.hasSpeaker() {
			return false
		}
	}
	return qs-ps <= 3
}

// maxLabel bounds the words of a speaker label before a colon.
const maxLabel = 6

// colonLabel returns the speaker label when token colon is a colon that
// ends a short verbless phrase opening sentence s: "Transport minister:",
// "From the chairwoman:" (without "From"). It returns an empty range
// otherwise.
func (a *analysis) colonLabel(colon int, s sentence) (from, to int) {
	if colon <= s.from || !a.punctIn(colon, ":") {
		return 0, 0
	}
	from = s.from
	if a.is(from, "from") {
		from++
	}
	f, to := a.phraseLeft(colon)
	if to <= f || f > from || to-from > maxLabel || !a.noVerb(from, to) {
		return 0, 0
	}
	return from, to
}

// noVerb reports whether tokens [from, to) hold no reporting verb, so that
// "X: “…”" is a label and not a clause.
func (a *analysis) noVerb(from, to int) bool {
	for k := from; k < to; k++ {
		if a.toks[k].isVerb && !a.toks[k].cap {
			return false
		}
	}
	return true
}
