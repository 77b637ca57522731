package quotes

import (
	"strings"

	"github.com/newsmill/newsmill/pipeline"
)

// Speaker choice: for each quotation, the rules that pick its
// attribution, strongest first (see rule).

// rule names the evidence that tied a quote to its speaker, strongest
// first; scoring gives each its prior.
type rule uint8

const (
	ruleNone      rule = iota
	ruleAfter          // “…,” X said / “…,” said X, right after the quote
	ruleBefore         // X said: “…” / according to X, “…”
	ruleDash           // “…” — X
	ruleColon          // X: “…” with no verb (headlines, transcripts)
	ruleNear           // a cue elsewhere in the quote's sentence (partial quotes)
	ruleLead           // the sentence before ends in a colon: X put it this way:
	ruleContinue       // no cue: the quote continues the previous quote's speaker
	ruleSubject        // no cue: the subject of the quote's sentence
	ruleTrail          // “…,” X with a verb the lexicon lacks, or none
	ruleIndirect       // reported speech without marks: X said the embassy would close
	ruleNeighbour      // no cue: the subject of the sentence before
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
	if k < s.to && a.punctIn(k, ",—–―‒-") {
		dash = !a.punctIn(k, ",")
		k++
	}
	if k < s.to {
		if i := a.attrAt(k); i >= 0 && a.attrs[i].inverted {
			return a.fromAttr(ruleAfter, i)
		}
		for i := a.attrsFrom(k); i < len(a.attrs) && a.attrs[i].cue < min(s.to, k+maxPhrase+maxAside); i++ {
			if at := a.attrs[i]; !at.inverted && at.from == k && at.hasSpeaker() {
				return a.fromAttr(ruleAfter, i)
			}
		}
		if dash && a.toks[k].cap {
			if from, to := a.rightPhrase(k); to > from && (to >= s.to || a.toks[to].kind != tkWord) {
				return choice{rule: ruleDash, attr: -1, from: from, to: to, last: to}
			}
		}
		if from, to := a.trailingSpeaker(q, k, s); to > from {
			return choice{rule: ruleTrail, attr: -1, from: from, to: to, last: to}
		}
	}
	if i := a.bareAttribution(q); i >= 0 {
		return a.fromAttr(ruleAfter, i)
	}

	// Before the quote: X said: “…” / according to X, “…” / X: “…”.
	k = q - 1
	if k >= s.from && a.punctIn(k, ":,") {
		k--
	}
	if k > s.from && (a.is(k, "back") || a.is(k, "up") || a.is(k, "out")) && a.attrAt(k-1) >= 0 {
		k-- // "Mills then writes back, “…”", "she spoke up:"
	}
	if k >= s.from {
		if i := a.attrAt(k); i >= 0 && !a.attrs[i].inverted && a.attrs[i].hasSpeaker() {
			return a.fromAttr(ruleBefore, i)
		}
		if i := a.cueBeforeObject(q-1, s); i >= 0 {
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

	// A headline or transcript label opening the sentence: "Graham: Trump’s
	// ‘Hateful Rhetoric’ Hurts GOP".
	if from, to := a.openingLabel(q, s); to > from {
		return choice{rule: ruleColon, attr: -1, from: from, to: to, last: q + 1}
	}
	// Phrases right before the quote that name its speaker without a cue
	// of the sentence's own (see clauseRules).
	for _, cr := range clauseRules {
		if from, to := cr.find(a, q, s); to > from {
			return choice{rule: cr.rule, attr: -1, from: from, to: to, last: q + 1}
		}
	}
	// A cue earlier in the same sentence: the outermost one, since the
	// first speaker reports everything after it ("He said she called it
	// “rigged”" is his).
	if i := a.leftmostAttr(q, s); i >= 0 {
		return a.fromAttr(ruleNear, i)
	}
	// "Republican pollster Daron Shaw: “…”", "Hillary Clinton cracked,
	// “…”", "As Vulture put it, “…”", "he went so far as to say: “…”".
	if from, to := a.leadIn(q, s); to > from {
		return choice{rule: ruleColon, attr: -1, from: from, to: to, last: q + 1}
	}
	if from, to := a.putIt(q, s); to > from {
		return choice{rule: ruleNear, attr: -1, from: from, to: to, last: q + 1}
	}
	// "with Sen. John McCain calling it a “Chinese menu”": a name before
	// a reporting verb's -ing form in the quote's sentence.
	if from, to := a.nameIng(q, s); to > from {
		return choice{rule: ruleNear, attr: -1, from: from, to: to, last: q + 1}
	}
	// "Trump’s claim that there have been “thousands”": the one whose
	// words the noun names.
	if from, to := a.possessorOfWords(q, s); to > from {
		return choice{rule: ruleNear, attr: -1, from: from, to: to, last: q + 1}
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
	if q-s.from <= 2 && prev.hasSpeaker() && a.continues(prevTok, q) && !a.subjectBefore(q, s) || a.sameSentence(prev, prevTok, q) {
		c := prev
		c.rule, c.attr, c.last = ruleContinue, -1, q+1
		return c
	}
	// A quotation opening its sentence with no cue, after a sentence that
	// introduces someone: "Harbour master Ines Carvalho spent the morning
	// on the quay. “We lost two berths.”"
	if from, to := a.previousSubject(q, s); to > from {
		return choice{rule: ruleNeighbour, attr: -1, from: from, to: to, last: q + 1}
	}
	// No cue at all: the sentence's subject owns a quotation inside it
	// ("Huckabee is labeling the order “an abuse of power”").
	if q > s.from {
		if from, to := a.clauseSubject(s); to > from && to <= q {
			return choice{rule: ruleSubject, attr: -1, from: from, to: to, last: q + 1}
		}
		if from, to := a.closingCueBefore(q, s); to > from {
			return choice{rule: ruleNeighbour, attr: -1, from: from, to: to, last: q + 1}
		}
	}
	return none
}

// closingCueBefore returns the speaker of the cue that closes the
// sentence before sentence s in the same paragraph, for a quotation q
// inside s, which has no cue and no subject of its own: "It is not
// clear which came first, Roe says. Just because the tongue's receptors
// were found first, “that does not mean …”". It returns an empty range
// otherwise.
func (a *analysis) closingCueBefore(q int, s sentence) (from, to int) {
	si := a.sentOf[q]
	if si == 0 {
		return 0, 0
	}
	p := a.sents[si-1]
	if q-p.to > nearDistance {
		return 0, 0 // bounded look-back: the cue must be near
	}
	for k := p.to; k < q; k++ {
		if a.toks[k].kind == tkBreak || a.toks[k].isVerb && !a.toks[k].cap {
			return 0, 0 // a new paragraph, or a cue of its own: "Yet another said, “…”"
		}
	}
	i := a.attrsFrom(p.to) - 1
	if i < 0 || a.attrs[i].cue < p.from {
		return 0, 0
	}
	if at := a.attrs[i]; at.hasSpeaker() && at.from >= p.from && a.closesSentence(at, p) && a.agent(at.from, at.to) {
		return at.from, at.to
	}
	return 0, 0
}

// clauseRules find a speaker in the clause right before a quotation,
// in order: the possessor of an answer noun before a colon ("Her
// response was short: “…”"), the agent of a passive reporting verb
// ("Warren was asked by Rachel Maddow: “…”") and the subject of a
// participle clause opened by "with" ("It quoted two critics, with Roe
// stating: “…”"). They come before the sentence's own cues, which these
// clauses override.
var clauseRules = [...]struct {
	find func(a *analysis, q int, s sentence) (from, to int)
	rule rule
}{
	{(*analysis).answerOwner, ruleColon},
	{(*analysis).passiveAgent, ruleBefore},
	{(*analysis).withSaying, ruleNear},
}

// trailingSpeaker returns the speaker of a quotation that ends with a
// comma, "!" or "?" and is followed, from token k, by a name or a
// description with a verb the lexicon does not know ("“…,” Texas delegate
// Bill Eastland, wearing a hat"; "“…!” beamed Donald Hartley"), or an
// empty range.
func (a *analysis) trailingSpeaker(q, k int, s sentence) (from, to int) {
	content := strings.TrimSpace(a.segs[a.toks[q].seg].content().In(a.text))
	if !strings.HasSuffix(content, ",") && !strings.HasSuffix(content, "!") && !strings.HasSuffix(content, "?") &&
		!a.punctIn(q+1, ",") || k >= s.to || a.toks[k].kind != tkWord {
		return 0, 0
	}
	if t := a.toks[k]; !t.cap && t.flags == 0 && !t.isVerb && strings.HasSuffix(a.word(k), "ed") && k+1 < s.to && a.toks[k+1].cap {
		k++ // an inverted verb the lexicon lacks
	}
	from, to = a.validSubject(a.rightPhrase(k))
	if to <= from || !a.agent(from, to) {
		return 0, 0
	}
	if to < s.to && (a.toks[to].kind == tkQuote || a.toks[to].flags&fAux != 0) {
		return 0, 0 // another quotation, or a passive or copula: “…,” they were told
	}
	return from, to
}

// previousSubject returns the subject of the sentence before the one
// quotation q opens, when that sentence holds no quotation, lies at most
// one paragraph break away and its subject is a person or a group.
func (a *analysis) previousSubject(q int, s sentence) (from, to int) {
	si := a.sentOf[q]
	if q != s.from || si == 0 {
		return 0, 0
	}
	p := a.sents[si-1]
	breaks := 0
	for k := p.from; k < q; k++ {
		switch a.toks[k].kind {
		case tkQuote:
			return 0, 0
		case tkBreak:
			breaks++
		}
	}
	if breaks > 1 {
		return 0, 0
	}
	from, to = a.clauseSubject(p)
	if i := a.attrsFrom(p.to) - 1; i >= 0 && to > from {
		// "The union will watch the case, Roe says. “…”": the one who
		// reports the sentence before, not its subject.
		if at := a.attrs[i]; at.cue > to && at.from > to && at.hasSpeaker() && a.closesSentence(at, p) && a.agent(at.from, at.to) {
			from, to = at.from, at.to
		}
	}
	if to <= from {
		// "As Heald told the paper, ozone has dropped. “…”": the one who
		// spoke in the sentence before.
		from, to = a.lastSpeaker(p)
	}
	if to <= from {
		// "Why did she want to go? “It is Warhol.”": who the question
		// before asks about answers it.
		from, to = a.questionSubject(p)
	}
	if to <= from || a.describe(from, to).typ == pipeline.SpeakerPronoun && to-from == 1 && a.pronoun(from, "it") {
		return 0, 0
	}
	return from, to
}

// questionSubject returns the subject of sentence s when it is a
// question that opens with a wh-word and an auxiliary ("Why did she so
// badly want to go?"), or an empty range.
func (a *analysis) questionSubject(s sentence) (from, to int) {
	if s.to-s.from < 4 || !a.punctIn(s.to-1, "?") || !a.is(s.from, "why") && !a.is(s.from, "how") && !a.is(s.from, "what") ||
		a.toks[s.from+1].kind != tkWord || a.toks[s.from+1].flags&fAux == 0 {
		return 0, 0
	}
	from, to = a.validSubject(a.rightPhrase(s.from + 2))
	if to <= from || !a.agent(from, to) {
		return 0, 0
	}
	return from, to
}

// lastSpeaker returns the speaker phrase of the last attribution in
// sentence s whose speaker can speak, or an empty range.
func (a *analysis) lastSpeaker(s sentence) (from, to int) {
	for i := a.attrsFrom(s.to) - 1; i >= 0 && a.attrs[i].cue >= s.from; i-- {
		if at := a.attrs[i]; at.hasSpeaker() && at.from >= s.from && at.to <= s.to && a.agent(at.from, at.to) {
			return at.from, at.to
		}
	}
	return 0, 0
}

// bareAttribution returns the attribution that makes up the whole
// sentence after the quotation q when q ends its own sentence: “… the
// end.” Clinton said. It returns -1 otherwise.
func (a *analysis) bareAttribution(q int) int {
	si := int(a.sentOf[q])
	if q != a.sents[si].to-1 || si+1 >= len(a.sents) || a.toks[q+1].kind == tkBreak {
		return -1
	}
	ns := a.sents[si+1]
	i := a.attrsFrom(ns.from)
	if i >= len(a.attrs) || !a.attrs[i].hasSpeaker() {
		return -1
	}
	at := a.attrs[i]
	if min(at.from, at.cue) != ns.from {
		return -1
	}
	for k := at.last(); k < ns.to; k++ {
		if a.toks[k].kind != tkPunct {
			return -1
		}
	}
	return i
}

// leftmostAttr returns the first attribution with a speaker whose cue lies
// in sentence s before token q, after the last ", and" or ";" that opens a
// clause with an attribution of its own, or -1.
func (a *analysis) leftmostAttr(q int, s sentence) int {
	from := s.from
	m := a.mainClause(s)
	if m == s.from && a.subordinator(s.from) {
		// "When the reporter asked the director about it later, Trump
		// clarified that “…”": a long subordinate clause ends at the
		// first comma with a cue after it.
		for c := s.from + 1; c < min(q, s.from+nearDistance); c++ {
			if a.punctIn(c, ",") {
				m = c + 1
				break
			}
		}
	}
	if m > s.from && m < q {
		// "Despite what he wrote, Cross said he “…”": not the introduction's cue.
		if i := a.attrsFrom(m); i < len(a.attrs) && a.attrs[i].cue < q && a.attrs[i].hasSpeaker() && a.attrs[i].to <= q {
			from = m
		}
	}
	for k := q - 1; k > from; k-- {
		// ", and Trump vowed to “…”": a coordinated clause has its own
		// speaker, and so has one that "when" subordinates ("Audience
		// members laughed when he urged voters, “…”").
		if a.punctIn(k, ";") || a.commaBefore(k) && (a.is(k, "and") || a.is(k, "but") || a.is(k, "while")) || a.is(k, "when") && a.toks[k-1].kind == tkWord {
			if i := a.attrsFrom(k); i < len(a.attrs) && a.attrs[i].cue < q && a.attrs[i].hasSpeaker() && a.attrs[i].to <= q {
				from = k
			}
			break
		}
	}
	for i := a.attrsFrom(from); i < len(a.attrs) && a.attrs[i].cue < q; i++ {
		if at := a.attrs[i]; at.hasSpeaker() && at.to <= q {
			return i
		}
	}
	return -1
}

// subordinator reports whether token k is a conjunction that opens a
// subordinate clause: when, while, after, before, although, though,
// because, since, as, if, once, until, unless.
func (a *analysis) subordinator(k int) bool {
	switch a.lowerWord(k) {
	case "when", "while", "after", "before", "although", "though", "because", "since", "as", "if", "once", "until", "unless":
		return true
	}
	return false
}

// commaBefore reports whether a comma ends the token before k, on its
// own or inside a quotation: “…,” and.
func (a *analysis) commaBefore(k int) bool {
	if k == 0 || a.punctIn(k-1, ",") {
		return k > 0
	}
	t := a.toks[k-1]
	return t.kind == tkQuote && strings.HasSuffix(strings.TrimSpace(a.segs[t.seg].content().In(a.text)), ",")
}

// openingLabel returns the label of a sentence that opens with a short
// verbless phrase and a colon before token q ("Graham: ..."), or an empty
// range.
func (a *analysis) openingLabel(q int, s sentence) (from, to int) {
	for k := s.from + 1; k < min(q, s.from+maxLabel+2); k++ {
		if a.punctIn(k, ":") {
			return a.colonLabel(k, s)
		}
		if a.toks[k].kind != tkWord {
			break
		}
	}
	return 0, 0
}

// cueBeforeObject returns the attribution with a speaker whose verb is
// followed only by words up to token colon, a colon ending the words
// before a quotation: "He told the BBC interviewer: “…”", "Raab said in
// a statement: “…”". It returns -1 otherwise.
func (a *analysis) cueBeforeObject(colon int, s sentence) int {
	if !a.punctIn(colon, ":") {
		return -1
	}
	for c := colon - 1; c >= max(s.from, colon-maxPhrase); c-- {
		if a.toks[c].kind != tkWord {
			return -1
		}
		if i := a.attrAt(c); i >= 0 {
			if at := a.attrs[i]; !at.inverted && at.hasSpeaker() {
				return i
			}
			return -1
		}
	}
	return -1
}

// fromAttr makes a choice from attribution i.
func (a *analysis) fromAttr(r rule, i int) choice {
	at := a.attrs[i]
	return choice{rule: r, attr: i, from: at.from, to: at.to, last: at.last()}
}

// nearestAttr returns the attribution with a speaker in sentence s closest
// to token q on the left (dir -1) or right (dir 1) without another
// quotation in between, or -1. On the right, a quotation in between is
// passed over when the attribution closes the sentence: in "The outages
// were “disruptive” and, for now, “we won’t gamble,” the chief said."
// both quotes are the chief's.
func (a *analysis) nearestAttr(q int, s sentence, dir int) int {
	lo, hi := max(s.from, q-nearDistance), min(s.to, q+nearDistance)
	crossed := false
	for k := q + dir; k >= lo && k < hi; k += dir {
		if a.toks[k].kind == tkQuote {
			if dir < 0 {
				return -1
			}
			crossed = true
			continue
		}
		if i := a.attrAt(k); i >= 0 && a.attrs[i].hasSpeaker() {
			at := a.attrs[i]
			if dir > 0 && at.from <= q && at.to > q {
				continue
			}
			if crossed && !a.closesSentence(at, s) {
				return -1
			}
			return i
		}
	}
	return -1
}

// closesSentence reports whether only punctuation follows attribution at
// in sentence s.
func (a *analysis) closesSentence(at attribution, s sentence) bool {
	for k := at.last(); k < s.to; k++ {
		if a.toks[k].kind != tkPunct {
			return false
		}
	}
	return true
}

// leadIn returns the speaker of a quotation q that a colon or comma
// introduces without a verb the lexicon knows: a name right before the
// colon ("Republican pollster Daron Shaw: “…”"), the subject of a past
// form or of "put it" before it ("Hillary Clinton cracked, “…”", "As
// Vulture put it, “…”", "Mr. Smith shot back: “…”"), or the sentence's
// subject before an infinitive ("he went so far as to say: “…”"). It
// returns an empty range otherwise.
func (a *analysis) leadIn(q int, s sentence) (from, to int) {
	p := q - 1
	if p <= s.from || !a.punctIn(p, ":,") {
		return 0, 0
	}
	if from, to := a.wordsOf(p, s); to > from {
		return from, to
	}
	if from, to := a.nameSaying(p, s); to > from {
		return from, to
	}
	v := p - 1
	switch {
	case a.is(v, "it") && a.is(v-1, "put"):
		v-- // "put it"
	case a.is(v, "back") && v-1 > s.from && a.toks[v-1].kind == tkWord && !a.toks[v-1].cap:
		v-- // "shot back", "fired back"
	}
	w := a.toks[v]
	switch {
	case w.kind != tkWord:
		return 0, 0
	case (a.is(v, "say") || a.is(v, "ask") || a.is(v, "add")) && a.is(v-1, "to"):
		return a.clauseSubject(s)
	case w.cap && a.punctIn(p, ":"):
		from, to = a.validSubject(a.phraseLeft(p))
		if to > from && !a.agent(from, to) {
			from, to = a.trailingName(from, to) // "doesn’t surprise pollster Daron Shaw:"
		}
		b := from - 1
		for b > s.from && a.capWord(b) {
			b--
		}
		if to > from && from > s.from && a.agent(from, to) && !a.placeAt(from) && a.toks[b].flags&fPrep == 0 && !a.toks[b].isVerb {
			// Not the object of a preposition or verb: "published in
			// Nature Letters:", "told Newsweek:".
			return from, to
		}
		return 0, 0
	case !w.cap && !w.isVerb && (a.is(v, "put") || strings.HasSuffix(a.word(v), "ed") && len(a.word(v)) > 4):
		from, to = a.validSubject(a.subjectLeft(v))
		if to > from && a.agent(from, to) {
			return from, to
		}
	}
	return 0, 0
}

// putIt returns the subject of "put it" in sentence s, before or after
// quotation q with no other quotation between: "as The New Yorker put it
// in a lengthy exposé, “the operator”", "a “lawful source of income,” as
// a Homeland Security memo put it". It returns an empty range otherwise.
func (a *analysis) putIt(q int, s sentence) (from, to int) {
	lo, hi := max(s.from, q-nearDistance), min(s.to, q+nearDistance)
	for k := lo; k+1 < hi; k++ {
		if k == q || !a.is(k, "put") || !a.is(k+1, "it") {
			continue
		}
		for c := min(k, q) + 1; c < max(k, q); c++ {
			if a.toks[c].kind == tkQuote {
				return 0, 0
			}
		}
		return a.validSubject(a.subjectLeft(k)) // a person, a body or a document: "a memo put it"
	}
	return 0, 0
}

// nameIng returns the name right before a reporting verb's -ing form
// (adverbs between) that precedes quotation q in sentence s with no other
// quotation between: "with Sen. John McCain calling it a “…”", "with Trump
// reportedly yelling: “…”". It returns an empty range otherwise.
func (a *analysis) nameIng(q int, s sentence) (from, to int) {
	for v := q - 1; v > max(s.from, q-nearDistance); v-- {
		t := a.toks[v]
		if t.kind == tkQuote {
			return 0, 0
		}
		if t.kind != tkWord || !t.isVerb || !t.verb.ing || t.cap {
			continue
		}
		n := v - 1
		for n > s.from && a.toks[n].kind == tkWord && !a.toks[n].cap && (a.toks[n].flags&fAdv != 0 || strings.HasSuffix(a.word(n), "ly")) {
			n--
		}
		if !a.capWord(n) || a.toks[n].flags&(fDet|fStop|fPron) != 0 {
			return 0, 0
		}
		k := n
		for k > max(s.from, n-maxPhrase) && (a.capWord(k-1) || a.punctIn(k-1, ".") && a.abbrevOrInitial(k-2)) {
			k--
		}
		if k == n && timeWord(a.lowerWord(n)) {
			// "The nominee joined the show on Monday saying “…”": the
			// participle's subject is the sentence's, whom the verb
			// makes a speaker.
			if from, to := a.validSubject(a.rightPhrase(a.mainClause(s))); to > from && to <= k {
				return from, to
			}
			return 0, 0
		}
		if a.toks[k].flags&(fDet|fStop) != 0 || a.placeAt(k) {
			return 0, 0
		}
		return k, n + 1
	}
	return 0, 0
}

// answerNouns are nouns for an answer that a possessive before them
// attributes: "Her response was concise: “…”".
var answerNouns = map[string]bool{"response": true, "reply": true, "answer": true, "verdict": true, "advice": true, "retort": true}

// answerOwner returns the possessor that opens sentence s, a pronoun or
// a name, when an answer noun follows it and the sentence ends with a
// colon right before quotation q with no cue of its own: "Her response
// was concise: “…”". It returns an empty range otherwise.
func (a *analysis) answerOwner(q int, s sentence) (from, to int) {
	p := q - 1
	if p <= s.from+1 || p-s.from > maxPhrase || !a.punctIn(p, ":") {
		return 0, 0
	}
	k := s.from
	if !a.is(k, "his") && !a.is(k, "her") && !a.is(k, "their") && !(a.possessive(k) && a.toks[k].cap) || !answerNouns[a.lowerWord(k+1)] {
		return 0, 0
	}
	if i := a.attrsFrom(s.from); i < len(a.attrs) && a.attrs[i].cue < q {
		return 0, 0
	}
	return k, k + 1
}

// passiveAgent returns the agent of a passive reporting verb that ends,
// with a colon or comma, right before quotation q in sentence s: "Roe
// was asked by the host: “…”". It returns an empty range otherwise.
func (a *analysis) passiveAgent(q int, s sentence) (from, to int) {
	p := q - 1
	if p <= s.from || !a.punctIn(p, ":,") {
		return 0, 0
	}
	b := p - 1
	for b > max(s.from, p-maxPhrase) && a.toks[b].kind == tkWord && !a.is(b, "by") {
		b--
	}
	if !a.is(b, "by") || b-2 < s.from || b+1 == p {
		return 0, 0
	}
	from, to = b+1, p
	v, be := b-1, b-2
	if !a.toks[v].isVerb || a.toks[v].cap || a.toks[be].kind != tkWord || a.toks[be].flags&fBe == 0 {
		return 0, 0
	}
	return a.validSubject(from, to)
}

// withSaying returns the speaker of a participle clause opened by
// "with" that ends right before quotation q in sentence s, a colon or
// comma between: "with Roe stating: “…”", "with one reader writing
// “…”". The phrase between "with" and the reporting verb's -ing form
// must have a subject's shape. It returns an empty range otherwise.
func (a *analysis) withSaying(q int, s sentence) (from, to int) {
	v := q - 1
	if v > s.from && a.punctIn(v, ":,") {
		v--
	}
	if v <= s.from || !a.toks[v].isVerb || !a.toks[v].verb.ing || a.toks[v].cap {
		return 0, 0
	}
	for w := v - 2; w >= max(s.from, v-maxPhrase-1); w-- {
		if a.toks[w].kind != tkWord {
			return 0, 0
		}
		if a.is(w, "with") {
			return a.validSubject(w+1, v) // the verb makes a speaker of "one poster"
		}
	}
	return 0, 0
}

// nameSaying returns the name right before a reporting verb's -ing form
// that shortly precedes the comma or colon p before a quotation, with no
// comma between ("footage of Hillary Clinton asking, “…”", "footage of
// Trump saying during the debate, “…”"). It returns an empty range
// otherwise.
func (a *analysis) nameSaying(p int, s sentence) (from, to int) {
	for v := p - 1; v > max(s.from, p-8); v-- {
		t := a.toks[v]
		if t.kind != tkWord {
			return 0, 0
		}
		if !t.isVerb || !t.verb.ing || t.cap {
			continue
		}
		n := v - 1
		if a.toks[n].kind != tkWord || !a.toks[n].cap && a.toks[n].flags&fPron == 0 {
			return 0, 0
		}
		if a.toks[n].flags&fPron != 0 {
			return n, n + 1
		}
		k := n
		for k > max(s.from, n-maxPhrase) && (a.capWord(k-1) || a.punctIn(k-1, ".") && a.abbrevOrInitial(k-2)) {
			k--
		}
		if a.toks[k].flags&(fDet|fStop) != 0 {
			return 0, 0
		}
		return k, n + 1
	}
	return 0, 0
}

// wordsOf returns the phrase after "in the words of" that ends, with its
// apposition, at the comma or colon p before a quotation: "in the words
// of the Crown prosecutor, Mark Tedeschi, QC, “…”". It returns an empty
// range otherwise.
func (a *analysis) wordsOf(p int, s sentence) (from, to int) {
	for c := p - 1; c > max(s.from, p-maxPhrase-maxAside); c-- {
		if a.toks[c].kind == tkQuote {
			return 0, 0
		}
		if a.is(c, "of") && a.is(c-1, "words") {
			return a.validSubject(a.rightPhrase(c + 1)) // someone's words, whatever the noun
		}
	}
	return 0, 0
}

// speechNouns are nouns for what someone said, besides the reporting
// verbs' own forms ("claim", "comments"), that name the speaker as their
// possessor: "his statement that", "Mr. Trump’s announcement that".
var speechNouns = map[string]bool{
	"claim": true, "claims": true, "comment": true, "remark": true, "statement": true, "statements": true, "announcement": true, "assertion": true, "remarks": true,
	"words": true, "promise": true, "pledge": true, "vow": true, "call": true, "calls": true,
	"message": true, "description": true, "accusation": true, "accusations": true, "argument": true,
	"insistence": true, "suggestion": true, "tweet": true, "tweets": true, "catchphrase": true,
	"mantra": true, "refrain": true, "rhetoric": true, "comments": true, "testimony": true,
}

// possessorOfWords returns the possessor of a speech noun that shortly
// precedes quotation q in sentence s and whose content the quote gives: a
// name in the possessive, up to three words, the noun, then "that",
// "about", "of", "to", a colon or a comma and tokens with no speaker of
// their own ("Trump’s claim that there have been “thousands”"). A his or
// her is left alone: PolNeAR gives such quotes to the pronoun inside the
// that-clause. It returns an empty range otherwise.
func (a *analysis) possessorOfWords(q int, s sentence) (from, to int) {
	lo := max(s.from, q-16)
	for n := q - 1; n > lo; n-- {
		t := a.toks[n]
		if t.kind == tkQuote {
			return 0, 0
		}
		if t.kind != tkWord || t.cap || !speechNouns[a.lowerWord(n)] {
			continue
		}
		if n+1 == q || !(a.is(n+1, "that") || a.is(n+1, "about") || a.is(n+1, "of") || a.is(n+1, "to") || a.punctIn(n+1, ":,")) {
			return 0, 0 // "Trump's comments “are baseless”", "his comments as “…”": not their content
		}
		for i := a.attrsFrom(n); i < len(a.attrs) && a.attrs[i].cue < q; i++ {
			if a.attrs[i].hasSpeaker() && a.attrs[i].cue > n {
				return 0, 0
			}
		}
		for k := n - 1; k >= max(s.from, n-4); k-- {
			switch {
			case a.possessive(k) && a.toks[k].cap:
				if from, to := a.trailingName(max(s.from, k-maxPhrase), k+1); to > from {
					return from, to
				}
				return k, k + 1
			case a.toks[k].kind != tkWord && !a.punctIn(k, "."):
				return 0, 0
			}
		}
		return 0, 0
	}
	return 0, 0
}

// subjectBefore reports whether a subject that can speak opens sentence
// s before quotation q: "He offered “…”" is his, not the previous
// quote's speaker's.
func (a *analysis) subjectBefore(q int, s sentence) bool {
	from, to := a.clauseSubject(s)
	return to > from && to < q
}

// sameSentence reports whether quotation q goes on the quotation p
// earlier in its sentence, which had speaker prev, after an aside
// between dashes or brackets with no other speaker: "“Its period” – the
// time one orbit takes – “is shorter now.”"
func (a *analysis) sameSentence(prev choice, p, q int) bool {
	if p < 0 || q-p < 3 || !prev.hasSpeaker() || a.sentOf[p] != a.sentOf[q] ||
		!a.punctIn(p+1, "—–―‒-(") || !a.punctIn(q-1, "—–―‒-)") {
		return false
	}
	for i := a.attrsFrom(p); i < len(a.attrs) && a.attrs[i].cue < q; i++ {
		if a.attrs[i].hasSpeaker() {
			return false
		}
	}
	return true
}

// continues reports whether the quotation at q, which (nearly) starts a
// sentence, follows the quotation at p closely enough to keep its
// speaker: within three sentences and two paragraph breaks, with no other
// speaker introduced between the two sentences, and across a break only
// when no person is the subject of what lies between.
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
	if breaks > 2 {
		return false
	}
	ps, qs := a.sentOf[p], a.sentOf[q]
	for i := a.attrsFrom(p); i < len(a.attrs) && a.attrs[i].cue < q; i++ {
		if at := a.attrs[i]; a.sentOf[at.cue] > ps && at.hasSpeaker() {
			return false
		}
	}
	if breaks > 0 {
		// Across a paragraph break, only when no one who can speak is
		// the subject of what lies between: "“…,” said Roe.¶The hospital
		// declined to comment.¶“…”" is still Roe's, but not "“…,” said
		// Roe.¶Senator Ann Berg issued a statement. “…”".
		for si := ps + 1; si < qs; si++ {
			if from, to := a.clauseSubject(a.sents[si]); to > from && a.describe(from, to).human {
				return false
			}
		}
	}
	return qs-ps <= 3
}

// maxLabel bounds the words of a speaker label before a colon.
const maxLabel = 6

// colonLabel returns the speaker label when token colon is a colon that
// ends a short verbless phrase opening sentence s: "Transport minister:",
// "From the chairwoman:" (without "From"), or that follows the word
// "caption" ("Image caption Ada Lind:" names Ada Lind). It returns an
// empty range otherwise.
func (a *analysis) colonLabel(colon int, s sentence) (from, to int) {
	if colon <= s.from || !a.punctIn(colon, ":") {
		return 0, 0
	}
	from = s.from
	if a.is(from, "from") {
		from++
	}
	for k := max(from, colon-maxLabel-1); k < colon; k++ {
		if a.is(k, "caption") {
			from = k + 1 // "Image copyright EPA Image caption Chelsea Manning:": the caption names the speaker
		}
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
