package quotes

import (
	"sort"
	"strings"
	"unicode"

	"github.com/newsmill/newsmill/pipeline"
)

// Subjects: the subject of a sentence's main clause, and whether a
// phrase there can speak, for the rules that give a quote or a pronoun
// to it.

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
		if end+1 < s.to && a.punctIn(end, ",") && a.toks[end+1].kind == tkWord && a.toks[end+1].cap && a.placeEnd(k) >= int(a.toks[end-1].end) {
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
func (a *analysis) placeAt(k int) bool { return a.placeEnd(k) >= 0 }

// placeEnd returns the end byte of the place entity (one other than a
// person or organisation) at token k, or -1 when there is none: "U.S."
// in "U.S. Senator Ann Roe" ends before the name.
func (a *analysis) placeEnd(k int) int {
	start := int(a.toks[k].start)
	i := sort.Search(len(a.ents), func(i int) bool { return a.ents[i].End > start })
	if i < len(a.ents) && a.ents[i].Start <= start {
		if l := a.ents[i].Label; l == pipeline.LabelGPE || l == pipeline.LabelLocation || l == pipeline.LabelFacility {
			return a.ents[i].End
		}
	}
	return -1
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
			if e, ok := a.entityIn(int(t.start), int(a.toks[c-1].end)); ok && e.Label == pipeline.LabelPerson {
				return false // "Grisham, by her own account, has given"
			}
			return c+1 >= len(a.toks) || a.toks[c+1].flags&fDet == 0
		}
		if a.toks[c].kind != tkWord {
			break
		}
	}
	return false
}

// allCapitals reports whether every word of [from, to) is capitalised.
func (a *analysis) allCapitals(from, to int) bool {
	for k := from; k < to; k++ {
		if t := a.toks[k]; t.kind == tkWord && !t.cap {
			return false
		}
	}
	return true
}

// ownedByName reports whether [from, to) is a capitalised name in the
// possessive followed by the person or body it owns: "Swift's rep",
// "Donald Trump’s fired campaign manager".
func (a *analysis) ownedByName(from, to int) bool {
	for k := from; k < to-1; k++ {
		if a.possessive(k) && a.toks[k].cap {
			if a.ownedPerson(k+1) != to {
				return false
			}
			f, t := a.validSubject(from, k+1) // "Libertarian candidate Gary Johnson’s doctor"
			return f == from && t == k+1
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

// negatedAux reports whether word token k is an auxiliary with a
// contracted not: "didn’t", "won't".
func (a *analysis) negatedAux(k int) bool {
	w := a.word(k)
	return !a.toks[k].cap && (strings.HasSuffix(w, "n’t") || strings.HasSuffix(w, "n't"))
}

// infinitiveIn reports whether [from, to) holds "to" before a
// lower-case word that is no determiner, pronoun or number and that a
// determiner or pronoun follows: an infinitive with its object
// ("attempts to remove the video"), where "ambassador to Norland",
// "adviser to the mayor" and "a letter to committee members" are no
// clauses.
func (a *analysis) infinitiveIn(from, to int) bool {
	for k := from; k+2 < to; k++ {
		if n := a.toks[k+1]; a.is(k, "to") && n.kind == tkWord && !n.cap && n.flags&(fDet|fPron) == 0 && !isNumber(a.word(k+1)) &&
			a.toks[k+2].kind == tkWord && a.toks[k+2].flags&(fDet|fPron) != 0 {
			return true
		}
	}
	return false
}

// opensSentence reports whether token k is the first word of its
// sentence, with at most a few punctuation tokens before it.
func (a *analysis) opensSentence(k int) bool {
	for j := k - 1; j >= max(0, k-8) && a.sentOf[j] == a.sentOf[k]; j-- {
		if a.toks[j].kind == tkWord || a.toks[j].kind == tkQuote {
			return false
		}
	}
	return true
}

// verbal reports whether the lower-case word token k is an -ing form
// or an -ly adverb, which open a clause rather than a role before a
// name.
func (a *analysis) verbal(k int) bool {
	w := a.word(k)
	return len(w) > 4 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly"))
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
	for to-from > 1 && (a.negatedAux(to-1) || a.toks[to-1].flags&fPrep != 0 && a.toks[to-1].flags&fDet == 0 && !a.toks[to-1].cap) {
		to-- // "the donor didn’t say", "the former secretary of state": no auxiliary or preposition at the end
	}
	if to-from > 2 && a.is(from, "the") && (a.is(from+1, "more") || a.is(from+1, "less")) && a.toks[from+2].kind == tkWord && a.toks[from+2].flags&fDet != 0 {
		from += 2 // "the more the people shrug": a comparative clause's subject
	}
	if a.infinitiveIn(from, to) {
		return 0, 0 // "the church's attempts to remove the video from the Internet": a clause, no speaker
	}
	first := a.toks[from]
	switch {
	case first.kind != tkWord:
		return 0, 0
	case first.flags&(fPrep|fStop|fAux) != 0 && first.flags&(fDet|fPron) == 0 && a.opensSentence(from):
		return 0, 0 // "In declaring ...": a function word, no speaker (but "“…,” From said")
	case !first.cap && first.flags == 0 && to-from > 1 && a.verbal(from):
		return 0, 0 // "blaming Michael Bloomberg", "specifically naming Israel": a clause, no role
	case to-from == 1 && first.flags&fDemonym != 0 && !strings.HasSuffix(a.word(from), "s"):
		return 0, 0 // "Republican claims": an adjective, no speaker
	case to-from > 1 && (a.is(from, "a") || a.is(from, "an")) && a.allCapitals(from+1, to):
		return 0, 0 // "a Donald Trump tweet": a name that modifies a noun
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
	if a.toks[to-1].cap || a.nameParticle(to-1) || a.ownedByName(from, to) || a.toks[to-1].flags&fHuman != 0 {
		return from, to // a name, a name's person ("Swift's rep") or people it qualifies ("Clinton aides")
	}
	for k := from + 1; k < to; k++ {
		t := a.toks[k]
		if t.kind == tkWord && !t.cap && t.flags&(fHuman|fTitle|fOrg|fDemonym|fDet|fNPPrep|fParticle) == 0 && !a.is(k, "and") {
			return 0, 0
		}
	}
	return from, to
}
