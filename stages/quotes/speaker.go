package quotes

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
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

// maxAside bounds the tokens of a parenthetical or an apposition between
// a subject and its verb ("Ian Hollis, the president of the Reserve Bank
// of New York, said").
const maxAside = 30

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
		if !t.isVerb || (t.cap && !a.sentenceStart(k) && !a.isSay(k)) {
			continue
		}
		if k > 0 && a.is(k-1, "to") {
			continue // infinitive
		}
		if a.afterDeterminer(k) {
			continue // a noun: "the report", "his claims", "Trump's comments"
		}
		j := a.skipAdverbsLeft(k)
		be := j >= 0 && a.toks[j].kind == tkWord && a.toks[j].flags&fBe != 0
		at := attribution{cue: k, cueEnd: k + 1, verb: t.verb}
		if t.verb.ing {
			if !be {
				// "..., telling reporters" / "by saying": the clause's subject speaks.
				if a.participleSlot(k) {
					at.from, at.to = a.clauseSubject(a.sents[a.sentOf[k]])
					a.attrs = append(a.attrs, at)
				}
				continue
			}
			// "is insisting": progressive, the subject is left of the auxiliary.
			at.from, at.to = a.validSubject(a.subjectLeft(j))
			a.attrs = append(a.attrs, at)
			continue
		}
		if be {
			continue // passive: "was told"
		}
		if t.verb.invert && a.inversionSlot(k) {
			if from, to := a.rightPhrase(k + 1); to > from && a.phraseEnds(to) {
				at.from, at.to, at.inverted = from, to, true
				a.attrs = append(a.attrs, at)
				continue
			}
		}
		at.from, at.to = a.validSubject(a.subjectLeft(k))
		a.attrs = append(a.attrs, at)
	}
}

// anyPrep reports whether [from, to) holds a preposition other than "of".
func (a *analysis) anyPrep(from, to int) bool {
	for k := from; k < to; k++ {
		if a.toks[k].kind == tkWord && a.toks[k].flags&fPrep != 0 && a.toks[k].flags&fDet == 0 && !a.is(k, "of") {
			return true
		}
	}
	return false
}

// participleSlot reports whether the -ing verb at k heads a participle
// clause whose subject is the sentence's: after a comma or dash, or after
// "by", "while", "when", "after", "before".
func (a *analysis) participleSlot(k int) bool {
	j := a.skipAdverbsLeft(k)
	if j < 0 {
		return false
	}
	return a.punctIn(j, ",—–―‒-") || a.is(j, "by") || a.is(j, "while") || a.is(j, "when") ||
		a.is(j, "after") || a.is(j, "before")
}

// clauseSubject returns the subject phrase that opens the main clause of
// sentence s (see mainClause), or an empty range when it does not look
// like a subject that can speak. It remembers the subject of each of
// a.sents, which several rules ask for.
func (a *analysis) clauseSubject(s sentence) (from, to int) {
	if s.from < 0 || s.from >= len(a.sentOf) || a.sents[a.sentOf[s.from]] != s {
		return a.findClauseSubject(s)
	}
	if a.subjects == nil {
		a.subjects = make([]subjectMemo, len(a.sents))
	}
	m := &a.subjects[a.sentOf[s.from]]
	if !m.done {
		from, to := a.findClauseSubject(s)
		*m = subjectMemo{from: int32(from), to: int32(to), done: true}
	}
	return int(m.from), int(m.to)
}

// subjectMemo is a remembered result of findClauseSubject.
type subjectMemo struct {
	from, to int32
	done     bool
}

// findClauseSubject does the work of clauseSubject.
func (a *analysis) findClauseSubject(s sentence) (from, to int) {
	k := a.mainClause(s)
	if k >= s.to {
		return 0, 0
	}
	from, to = a.validSubject(a.rightPhrase(k))
	if to > from && (!a.agent(from, to) || a.bareCapital(from, to, s)) {
		return 0, 0
	}
	return from, to
}

// bareCapital reports whether [from, to) is one capitalised word that is
// the first word of sentence s and that nothing else marks as a name or a
// speaker. Such a word is capitalised only because it opens the sentence
// ("Eventually", "Computers", "Breathing", "There’s"), so it is no subject
// to give a quotation or a pronoun to. A word is not bare when it is a
// name's possessive ("Bornstein's"), when a noun phrase goes on after it
// ("Small groups of protesters", but not "Drones flying"), when it is a
// pronoun ("He’s"), a person noun ("Protesters"), a title or an
// organisation word, when a person or organisation entity covers it, or
// when the document capitalises it inside a sentence elsewhere (where
// "Pence" also counts for "PENCE").
func (a *analysis) bareCapital(from, to int, s sentence) bool {
	if to-from != 1 || !a.toks[from].cap {
		return false
	}
	for k := s.from; k < from; k++ {
		if a.toks[k].kind == tkWord {
			return false
		}
	}
	var buf [maxKey]byte
	key, ok := lowerKey(&buf, trimPossessive(a.word(from)))
	if !ok {
		return false
	}
	flags := a.toks[from].flags | wordFlags[string(key)]
	if flags&(fPron|fHuman|fOrg|fTitle) != 0 {
		return false
	}
	if a.possessive(from) && flags&(fStop|fDet|fAux) == 0 {
		return false // "Bornstein's letter": a name, where "There’s" is not
	}
	if n := from + 1; n < s.to && a.toks[n].kind == tkWord && !a.toks[n].cap && !a.toks[n].isVerb &&
		a.toks[n].flags&(fDet|fStop|fAux|fPrep|fPron|fAdv) == 0 && !strings.HasSuffix(a.word(n), "ing") {
		return false // "Small groups of protesters": a noun phrase goes on
	}
	if _, ok := a.entityIn(int(a.toks[from].start), int(a.toks[from].end)); ok {
		return false
	}
	return !a.capitalisedInside(trimPossessive(a.word(from)))
}

// capitalisedInside reports whether word w (without a possessive) appears
// capitalised after another word of the same sentence somewhere in the
// text, as names do; an upper-case word also matches its title-case form
// ("PENCE" and "Pence"). It builds a set of such words on first use, in
// one pass over the tokens, keyed by substrings of the text.
func (a *analysis) capitalisedInside(w string) bool {
	if a.midCaps == nil {
		mid := func(k int) bool {
			t := a.toks[k]
			return t.kind == tkWord && t.cap && a.toks[k-1].kind == tkWord && a.sentOf[k-1] == a.sentOf[k]
		}
		n := 0
		for k := 1; k < len(a.toks); k++ {
			if mid(k) {
				n++
			}
		}
		a.midCaps = make(map[string]struct{}, n)
		for k := 1; k < len(a.toks); k++ {
			if mid(k) {
				a.midCaps[trimPossessive(a.word(k))] = struct{}{}
			}
		}
	}
	if _, ok := a.midCaps[w]; ok {
		return true
	}
	if len(w) < 2 || len(w) > maxKey || strings.IndexFunc(w, unicode.IsLower) >= 0 {
		return false
	}
	var buf [maxKey]byte
	title, _ := lowerKey(&buf, w)
	title[0] = w[0]
	_, ok := a.midCaps[string(title)]
	return ok
}

// mainClause returns the token where the main clause of sentence s
// starts: after a leading conjunction ("But"), an introductory phrase
// ending in a comma ("On Monday,", "Despite what he wrote,") and a place
// that belongs to it ("in Salem, New Hampshire,").
func (a *analysis) mainClause(s sentence) int {
	k := s.from
	var buf [maxKey]byte
	for k < s.to && a.toks[k].kind == tkWord && coordinator(lowerBytes(&buf, a.word(k))) {
		k++ // But, And, Meanwhile, Still
	}
	if k < s.to && a.punctIn(k, ",") {
		k++
	}
	if k < s.to && a.introPhrase(k) {
		for c := k + 1; c < min(s.to, k+12); c++ {
			if a.toks[c].kind == tkQuote {
				break
			}
			if a.punctIn(c, ",") {
				k = c + 1
				break
			}
		}
	}
	// "At an event in Salem, New Hampshire, Trump said": a place after the
	// introductory phrase's comma belongs to it.
	for n := 0; n < 2 && k < s.to && a.toks[k].cap; n++ {
		_, end := a.rightPhrase(k)
		if end+1 < s.to && a.punctIn(end, ",") && a.toks[end+1].kind == tkWord && a.toks[end+1].cap && a.placeAt(k) {
			k = end + 1
			continue
		}
		break
	}
	return k
}

// coordinator reports whether w, a lower-cased word opening a sentence, links it to the one
// before without starting a subordinate clause: "But", "Meanwhile".
func coordinator(w []byte) bool {
	switch string(w) {
	case "and", "but", "so", "yet", "or", "nor", "still", "meanwhile", "however", "also", "then", "now":
		return true
	}
	return false
}

// placeAt reports whether an entity other than a person or organisation
// (a place) starts at token k.
func (a *analysis) placeAt(k int) bool {
	start := int(a.toks[k].start)
	i := sort.Search(len(a.ents), func(i int) bool { return a.ents[i].End > start })
	if i < len(a.ents) && a.ents[i].Start <= start {
		l := a.ents[i].Label
		return l == pipeline.LabelGPE || l == pipeline.LabelLocation || l == pipeline.LabelFacility
	}
	return false
}

// introPhrase reports whether the word at k opens an introductory phrase
// rather than a subject: a preposition or adverb ("On Monday", "Later"),
// a participle ("Speaking to reporters"), or a capitalised word directly
// followed by a comma that no apposition follows ("Tuesday, ...").
func (a *analysis) introPhrase(k int) bool {
	t := a.toks[k]
	if t.kind != tkWord {
		return false
	}
	if t.flags&fPrep != 0 || t.flags&(fAdv|fStop) != 0 && t.flags&(fPron|fDet) == 0 {
		return true
	}
	var buf [maxKey]byte
	w := lowerBytes(&buf, a.word(k))
	nextName := k+1 < len(a.toks) && a.toks[k+1].kind == tkWord && a.toks[k+1].cap
	if len(w) > 4 && !nextName && (endsWith(w, "ing") || endsWith(w, "ly") || endsWith(w, "ed")) {
		return true
	}
	for c := k + 1; c < min(len(a.toks), k+3); c++ {
		if a.punctIn(c, ",") {
			return c+1 >= len(a.toks) || a.toks[c+1].flags&fDet == 0
		}
		if a.toks[c].kind != tkWord {
			break
		}
	}
	return false
}

// agent reports whether the phrase [from, to) can speak: a person, an
// organisation, a pronoun, or a description of people.
func (a *analysis) agent(from, to int) bool {
	m := a.describe(from, to)
	return m.typ != pipeline.SpeakerNominal || m.human
}

// validSubject returns [from, to) when those tokens look like the subject
// of a reporting verb, and an empty range otherwise. A subject is a
// pronoun; a phrase opening with a determiner ("the diplomat", "two
// officials"); a name ("Gati Rikabi", "Secretary of State John Kerry");
// a capitalised phrase whose other words are titles, roles or
// organisations ("Clinton aides"), or that ends with a name ("Republican
// presidential candidate Donald Trump"); or a bare role ("officials").
// A phrase ending in a pronoun ("every time he") gives the pronoun.
func (a *analysis) validSubject(from, to int) (int, int) {
	if to <= from {
		return 0, 0
	}
	if to-from > 1 && a.toks[to-1].flags&fPron != 0 && a.toks[to-1].kind == tkWord {
		return to - 1, to
	}
	first := a.toks[from]
	switch {
	case first.kind != tkWord:
		return 0, 0
	case first.flags&(fPron|fDet) != 0 && !(first.flags&fStop != 0 && !first.cap && to-from == 1):
		return from, to
	case first.flags&(fHuman|fTitle|fOrg|fDemonym) != 0 && !first.cap:
		return from, to
	case !first.cap && !unicode.IsDigit(rune(a.text[first.start])):
		// "election law expert Rick Hasen": a role before a name.
		if a.toks[to-1].cap && !a.anyPrep(from, to) {
			return from, to
		}
		return 0, 0
	}
	if a.toks[to-1].cap {
		return from, to
	}
	for k := from + 1; k < to; k++ {
		t := a.toks[k]
		if t.kind == tkWord && !t.cap && t.flags&(fHuman|fTitle|fOrg|fDemonym|fDet|fNPPrep|fParticle) == 0 && !a.is(k, "and") {
			return 0, 0
		}
	}
	return from, to
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
	// Right after the quotation, or after a comma or dash closing a clause
	// that holds a quotation ("... a “lightning rod” and Clevelanders get
	// nervous, said Christine Link"), but a verb that takes a person as
	// object after an apposition's comma is not inverted ("Graham, a
	// former candidate, told CBS").
	if a.toks[k-1].kind == tkQuote {
		return true
	}
	if !a.punctIn(k-1, ",—–―‒-") {
		return false
	}
	return k >= 2 && a.toks[k-2].kind == tkQuote || !a.takesObject(k) && (a.quoteBefore(k) || a.phraseClosesSentence(k+1))
}

// phraseClosesSentence reports whether the speaker phrase starting at
// token k runs to the end of its sentence: "..., said Anna Weber."
func (a *analysis) phraseClosesSentence(k int) bool {
	from, to := a.rightPhrase(k)
	if to <= from {
		return false
	}
	s := a.sents[a.sentOf[from]]
	for ; to < s.to; to++ {
		if a.toks[to].kind != tkPunct || a.punctIn(to, ",") {
			return false
		}
	}
	return true
}

// quoteBefore reports whether a quotation precedes token k in its sentence.
func (a *analysis) quoteBefore(k int) bool {
	for j := k - 1; j >= a.sents[a.sentOf[k]].from; j-- {
		if a.toks[j].kind == tkQuote {
			return true
		}
	}
	return false
}

// takesObject reports whether the verb at k is one that names its
// listener right after it: told, asked, urged, warned, reminded.
func (a *analysis) takesObject(k int) bool {
	var buf [maxKey]byte
	w := lowerBytes(&buf, a.word(k))
	for _, stem := range [...]string{"tell", "told", "ask", "urg", "warn", "remind", "assur", "advis", "inform"} {
		if startsWith(w, stem) {
			return true
		}
	}
	return false
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
		lo := max(a.sents[a.sentOf[k]].from, j-maxAside)
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
	if a.punctIn(j, ")") {
		// "Paul Ryan (R-WI) said": skip the parenthetical.
		for c := j - 1; c >= max(0, j-8) && a.sentOf[c] == a.sentOf[k]; c-- {
			if a.punctIn(c, "(") {
				return a.phraseLeft(c)
			}
		}
		return 0, 0
	}
	if a.toks[j].kind != tkWord {
		return 0, 0
	}
	if a.is(j, "who") || a.is(j, "which") {
		return a.relativeAntecedent(j)
	}
	from, to = a.phraseLeft(j + 1)
	if to > from && from > 0 && a.toks[from-1].flags&fPrep != 0 && a.toks[from-1].flags&(fDet|fStop) == 0 && !a.toks[from].cap {
		// "Beck, who has in the past described": the phrase was inside a
		// prepositional phrase; the subject is before it.
		for c := from - 2; c >= max(0, from-4) && a.sentOf[c] == a.sentOf[k]; c-- {
			if a.toks[c].kind != tkWord {
				break
			}
			if a.is(c, "who") || a.is(c, "which") {
				return a.relativeAntecedent(c)
			}
			if a.toks[c].flags&(fAux|fAdv) == 0 {
				break
			}
		}
		return 0, 0
	}
	return from, to
}

// relativeAntecedent returns the phrase a relative pronoun at token k
// refers to: "Beck, who ..." gives "Beck".
func (a *analysis) relativeAntecedent(k int) (from, to int) {
	end := k
	if end > 0 && a.punctIn(end-1, ",") {
		end--
	}
	if end <= 0 || a.sentOf[end-1] != a.sentOf[k] || a.toks[end-1].kind != tkWord {
		return 0, 0
	}
	return a.phraseLeft(end)
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
		if t.isVerb && !t.cap && !a.afterDeterminer(i) {
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
	if name {
		// "Cruz constituent Dan Golvach": a capitalised modifier and a role
		// before the name are part of it.
		if r := a.roleThenName(k + 1); r > k+1 {
			from, to := a.rightPhrase(r)
			if to > from {
				return k, to
			}
		}
	}
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
		if u.flags&(fStop|fAux|fPrep|fPron) != 0 || (u.isVerb && !u.cap && !a.afterDeterminer(i)) {
			break
		}
		if !u.cap && !a.afterDeterminer(i) && strings.HasSuffix(a.word(i), "ed") {
			break // "a spokesman for the ministry declined": a verb
		}
	}
	for i > k && a.toks[i-1].flags&fNPPrep != 0 {
		i-- // never end on a preposition
	}
	return k, i
}

// roleThenName returns the index of the capitalised word that follows a
// run of lower-case words starting at k which may describe a person
// ("presidential candidate", "constituent"), or k when there is none.
func (a *analysis) roleThenName(k int) int {
	i := k
	for ; i < len(a.toks) && i-k < 3; i++ {
		t := a.toks[i]
		if t.kind != tkWord || t.cap {
			break
		}
		if t.flags&(fStop|fAux|fPrep|fPron|fDet|fAdv) != 0 || t.isVerb {
			return k
		}
	}
	if i > k && i < len(a.toks) && a.toks[i].kind == tkWord && a.toks[i].cap && a.sentOf[i] == a.sentOf[k] {
		return i
	}
	return k
}

// possessive reports whether word token k ends in ’s or 's.
func (a *analysis) possessive(k int) bool {
	if a.toks[k].kind != tkWord {
		return false
	}
	w := a.word(k)
	return strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s")
}

// afterDeterminer reports whether token k follows a determiner or a
// possessive, which makes a verb form a noun: "the report", "his claims",
// "Trump's comments".
func (a *analysis) afterDeterminer(k int) bool {
	return k > 0 && a.toks[k-1].kind == tkWord && (a.toks[k-1].flags&fDet != 0 || a.possessive(k-1))
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
	// A cue earlier in the same sentence: the outermost one, since the
	// first speaker reports everything after it ("He said she called it
	// “rigged”" is his).
	if i := a.leftmostAttr(q, s); i >= 0 {
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
	if q-s.from <= 2 && prev.hasSpeaker() && a.continues(prevTok, q) {
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
	}
	return none
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
	if to <= from || a.describe(from, to).typ == pipeline.SpeakerPronoun && to-from == 1 && a.is(from, "it") {
		return 0, 0
	}
	return from, to
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
	if m := a.mainClause(s); m > s.from && m < q {
		// "Despite what he wrote, Cross said he “…”": not the introduction's cue.
		if i := a.attrsFrom(m); i < len(a.attrs) && a.attrs[i].cue < q && a.attrs[i].hasSpeaker() && a.attrs[i].to <= q {
			from = m
		}
	}
	for k := q - 1; k > from; k-- {
		// ", and Trump vowed to “…”": a coordinated clause has its own speaker.
		if a.punctIn(k, ";") || a.punctIn(k-1, ",") && (a.is(k, "and") || a.is(k, "but") || a.is(k, "while")) {
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

// continues reports whether the quotation at q, which (nearly) starts a
// sentence, follows the quotation at p closely enough to keep its
// speaker: within three sentences and one paragraph break, with no other
// speaker introduced between the two sentences.
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
