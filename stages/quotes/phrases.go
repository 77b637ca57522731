package quotes

import (
	"strings"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// Phrases: where a speaker phrase starts and ends around a verb ("said
// the lawyer, John Smith", "Smith, who ..., said"), for the cues and the
// rules that choose a speaker.

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
		if t.flags&(fAdv|fAux) != 0 && t.flags&fBe == 0 && !a.auxGivenName(j) {
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
		// With more commas, a person's name is preferred to what the
		// commas after it say of them: "Cynthia Thompson, curator at the
		// University of Arkansas, Fayetteville, said".
		lo := max(a.sents[a.sentOf[k]].from, j-maxAside)
		first := -1
		for c := j - 1; c >= lo; c-- {
			if a.toks[c].kind == tkQuote {
				break
			}
			if !a.punctIn(c, ",") {
				continue
			}
			if first < 0 {
				first = c
			}
			if from, to := a.phraseLeft(c); to > from && a.describe(from, to).typ == pipeline.SpeakerPerson && !a.placeAt(from) {
				return from, to
			}
		}
		if first >= 0 {
			return a.phraseLeft(first)
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
	if p := a.timeOrPlacePhrase(j); p > 0 && p < k {
		// "Ryan, the party's leader, on Tuesday called": the subject is
		// before the phrase of time or place.
		return a.subjectLeft(p)
	}
	if a.is(j, "who") || a.is(j, "which") {
		return a.relativeAntecedent(j)
	}
	if a.is(j, "and") || a.is(j, "but") {
		return a.coordinatedSubject(j)
	}
	from, to = a.phraseLeft(j + 1)
	if to > from && a.anyNPPrep(from, to) {
		if f, t := a.nameBeforeRole(from); t > f {
			return f, t
		}
	}
	if to > from && j == k-1 && (a.is(from, "a") || a.is(from, "an")) && a.baseForm(k) {
		return 0, 0 // "a blunt message to Trump": a noun, not "a blunt" that messages
	}
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
		// "In a Bloomberg interview Trump declared": the name after the
		// introductory phrase.
		return a.trailingName(from, to)
	}
	return from, to
}

// nameBeforeRole returns the person's name before the comma that
// opens the lower-case role phrase at token k ("Roe, owner of the
// Patriots said", an apposition whose closing comma is missing), or an
// empty range.
func (a *analysis) nameBeforeRole(k int) (from, to int) {
	if k < 2 || a.toks[k].kind != tkWord || a.toks[k].cap || a.toks[k].flags&(fDet|fPron|fStop) != 0 || !a.punctIn(k-1, ",") || a.sentOf[k-1] != a.sentOf[k] {
		return 0, 0
	}
	from, to = a.phraseLeft(k - 1)
	if to <= from || a.describe(from, to).typ != pipeline.SpeakerPerson || a.placeAt(from) {
		return 0, 0
	}
	return from, to
}

// anyNPPrep reports whether [from, to) holds of, for, at, with or from,
// as a role with its body does ("owner of the Patriots", but not
// "digital consultant Phil Musser").
func (a *analysis) anyNPPrep(from, to int) bool {
	for k := from; k < to; k++ {
		if a.toks[k].kind == tkWord && a.toks[k].flags&fNPPrep != 0 && !a.toks[k].cap {
			return true
		}
	}
	return false
}

// timeOrPlacePhrase returns the preposition that opens a phrase of time
// or place ending at token j ("on Tuesday", "in Iowa", "last week", "on
// Dec. 6"), or -1: up to four tokens of weekdays, months, numbers,
// places the entities name and time words after "on", "in", "at",
// "during" or "since".
func (a *analysis) timeOrPlacePhrase(j int) int {
	s := a.sents[a.sentOf[j]]
	for c := j; c >= max(s.from, j-4); c-- {
		t := a.toks[c]
		if t.kind == tkPunct {
			if !a.punctIn(c, ".,") {
				return -1
			}
			continue
		}
		if t.kind != tkWord {
			return -1
		}
		switch w := a.lowerWord(c); {
		case w == "on" || w == "in" || w == "at" || w == "during" || w == "since":
			if c == j {
				return -1
			}
			return c
		case !timeWord(w) && !isNumber(w) && !(t.cap && a.placeAt(c)):
			return -1
		}
	}
	return -1
}

// timeWord reports whether the lower-case word w names a day, a month or
// a time of day.
func timeWord(w string) bool {
	switch strings.TrimSuffix(w, ".") {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
		"oct", "nov", "dec", "morning", "afternoon", "evening", "night", "week", "weekend", "month", "year",
		"today", "tonight", "yesterday", "day", "the", "this", "last", "early", "late":
		return true
	}
	return false
}

// isNumber reports whether w starts with a digit.
func isNumber(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// baseForm reports whether word token k is a reporting verb's bare
// form, which a singular subject such as "a blunt" cannot take right
// before it: no -s, no -ed, no irregular past.
func (a *analysis) baseForm(k int) bool {
	w := a.lowerWord(k)
	return a.toks[k].isVerb && !strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ed") && !irregularPast[w] &&
		w != "said" && w != "told" && w != "wrote" && w != "spoke" && w != "thought" && w != "read" && w != "put"
}

// coordinatedSubject returns the subject of a verb after "and" at token
// j, which is the subject of the verb before it: after ", and" the
// sentence's ("The president noted that he taught law, and added" gives
// "The president"); else the phrase opening the clause, after a comma or
// a word such as "when" ("when he laughed and said" gives "he"), else
// the subject of the sentence ("Trump, her opponent, bemoaned the unrest
// and said" gives "Trump").
func (a *analysis) coordinatedSubject(j int) (int, int) {
	s := a.sents[a.sentOf[j]]
	if a.punctIn(j-1, ",") {
		// "The president noted that he taught law, and added": a comma
		// joins the main clause's verb.
		if from, to := a.clauseSubject(s); to > from && to <= j {
			return from, to
		}
	}
	c := j - 1
	for c > s.from && a.toks[c-1].kind == tkWord && a.toks[c-1].flags&fStop == 0 && j-c < maxAside {
		c--
	}
	if c < j && (c == s.from || a.toks[c-1].kind == tkWord) {
		if from, to := a.validSubject(a.rightPhrase(c)); to > from && to < j {
			return from, to
		}
	}
	if from, to := a.clauseSubject(s); to > from && to <= j {
		return from, to
	}
	return 0, 0
}

// trailingName returns the run of capitalised words that ends the phrase
// [from, to) after a lower-case word, or an empty range.
func (a *analysis) trailingName(from, to int) (int, int) {
	k := to
	for k > from && (a.toks[k-1].kind == tkWord && a.toks[k-1].cap || a.punctIn(k-1, ".") && k-2 >= from && a.toks[k-2].flags&fAbbrev != 0) {
		k--
	}
	if k == to || k == from || a.toks[k-1].kind != tkWord || a.toks[k-1].flags&(fDet|fPrep) != 0 {
		return 0, 0
	}
	return k, to
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
			if a.punctIn(i, ".") && i > 0 && a.abbrevOrInitial(i-1) && i < end-1 {
				continue // "Mr. Smith", "Paul D. Ryan"
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
		if t.flags&(fStop|fAux) != 0 && !(t.cap && t.flags&fDet != 0) && !a.auxGivenName(i) {
			break
		}
		if t.isVerb && !t.cap && !a.afterDeterminer(i) {
			break
		}
		if a.reducedRelative(i, end) {
			// "The members gathered around Mr. Trump laughed": the subject
			// is the noun before the participle.
			return a.phraseLeft(i)
		}
		if a.pastWithObject(i, end) {
			break // "The doctor subsequently prescribed the man in the case report"
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

// ownedPerson returns the end of a run of up to three lower-case words
// from token k that ends in a person or organisation noun ("rep",
// "former campaign manager", "campaign"), or k when there is none.
func (a *analysis) ownedPerson(k int) int {
	end := k
	for i := k; i < min(len(a.toks), k+3); i++ {
		t := a.toks[i]
		if t.kind != tkWord || t.cap || t.isVerb || t.flags&(fStop|fAux|fPrep|fPron|fDet) != 0 || a.sentOf[i] != a.sentOf[k] {
			break
		}
		if t.flags&(fHuman|fOrg|fTitle) != 0 {
			end = i + 1
		}
	}
	return end
}

// reducedRelative reports whether word token i, inside a phrase that
// ends before token end, is a past participle that opens a clause
// qualifying the noun before it: lower case, ending in -ed, after a noun
// and before a preposition or determiner ("members gathered around",
// "officials involved in").
func (a *analysis) reducedRelative(i, end int) bool {
	if i+1 >= end || i == 0 || a.toks[i].cap || !strings.HasSuffix(a.word(i), "ed") || len(a.word(i)) < 5 {
		return false
	}
	p, n := a.toks[i-1], a.toks[i+1]
	return p.kind == tkWord && a.sentOf[i-1] == a.sentOf[i] && p.flags&(fDet|fStop|fAux|fPrep|fPron|fAdv) == 0 && !p.isVerb &&
		n.kind == tkWord && n.flags&(fPrep|fDet) != 0 && n.flags&fPron == 0
}

// pastWithObject reports whether word token i, inside a phrase that ends
// before token end, is a lower-case -ed form followed by a determiner,
// preposition or pronoun, so a verb with its object rather than an
// adjective ("the newly elected mayor").
func (a *analysis) pastWithObject(i, end int) bool {
	if i+1 >= end || a.toks[i].cap || len(a.word(i)) < 5 || !strings.HasSuffix(a.word(i), "ed") || a.afterDeterminer(i) {
		return false
	}
	n := a.toks[i+1]
	return n.kind == tkWord && n.flags&(fDet|fPrep|fPron) != 0
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
	case t.flags&fPron != 0 && !a.surnameHe(k):
		return k, k + 1
	case a.is(k, "that") && k+1 < len(a.toks) && (a.toks[k+1].cap || a.toks[k+1].flags&(fDet|fPron) != 0):
		return k, k // "“…” suggests that Phoenix": a clause follows, not a speaker
	case t.flags&fPrep != 0 && t.flags&fDet == 0, t.flags&(fStop|fAux) != 0 && t.flags&fDet == 0 && !a.auxGivenName(k):
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
			if a.punctIn(i, ".") && a.abbrevOrInitial(i-1) && i+1 < len(a.toks) && a.toks[i+1].cap {
				continue // "Mr. Smith", "Paul D. Ryan"
			}
			break
		}
		if i == k {
			continue
		}
		if name && !u.cap && a.possessive(i-1) {
			if h := a.ownedPerson(i); h > i {
				return k, h // "Swift's rep", "Clinton's campaign manager": the possessor's person or body
			}
			break
		}
		if name {
			if u.cap || a.nameParticle(i) || (a.is(i, "of") && i+1 < len(a.toks) && a.toks[i+1].cap) {
				continue
			}
			if h := a.headAfterCapitals(i); h > i {
				return k, h // "Former royal PR aides": the capitals modify a noun
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
		if !u.cap && !a.afterDeterminer(i) && (strings.HasSuffix(a.word(i), "ed") || irregularPast[a.lowerWord(i)] && a.afterName(i)) {
			break // "a spokesman for the ministry declined", "the columnist David Auerbach went": a verb
		}
	}
	for i > k && a.toks[i-1].flags&fNPPrep != 0 {
		i-- // never end on a preposition
	}
	return k, i
}

// headAfterCapitals returns the end of the person noun that the
// capitalised words before the lower-case word token i modify, or i when
// none follows: a run of up to three lower-case words ending in a person
// noun with no name after it ("PR aides", "campaign aides said").
func (a *analysis) headAfterCapitals(i int) int {
	if h := a.ownedPerson(i); h > i && a.toks[h-1].flags&fHuman != 0 && !a.capWord(h) {
		return h
	}
	return i
}

// afterName reports whether token k follows two capitalised words that
// are no determiners, as a person's name: "David Auerbach went", but not
// "The Post sent".
func (a *analysis) afterName(k int) bool {
	return k >= 2 && a.capWord(k-1) && a.capWord(k-2) && a.toks[k-2].flags&fDet == 0
}

// irregularPast holds common irregular past forms, which end a speaker
// phrase after a name as -ed forms do: "The columnist David Auerbach went
// so far".
var irregularPast = map[string]bool{
	"went": true, "got": true, "made": true, "took": true, "gave": true, "came": true, "left": true,
	"began": true, "kept": true, "felt": true, "knew": true, "saw": true, "held": true, "ran": true,
	"sat": true, "stood": true, "brought": true, "sent": true, "met": true, "led": true, "won": true,
	"lost": true, "paid": true, "spent": true, "built": true, "became": true, "fell": true, "grew": true,
	"drew": true, "threw": true, "wore": true, "rose": true, "sought": true, "fought": true, "caught": true,
	"taught": true, "bought": true, "found": true, "heard": true, "meant": true, "shot": true, "struck": true,
}

// surnameHe reports whether token k is the surname He before a given
// name ("He Jianxiong, the former director, said"), not the pronoun: "He"
// followed by a capitalised word that is neither a verb, a function word
// nor a title.
func (a *analysis) surnameHe(k int) bool {
	if a.word(k) != "He" || !a.capWord(k+1) || a.sentOf[k] != a.sentOf[k+1] {
		return false
	}
	n := a.toks[k+1]
	return !n.isVerb && n.flags&(fStop|fAux|fTitle|fPron|fPrep|fDet|fAdv) == 0
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

// abbrevOrInitial reports whether word token k is an abbreviation that a
// period follows inside a name ("Mr", "Gen") or an initial ("D").
func (a *analysis) abbrevOrInitial(k int) bool {
	t := a.toks[k]
	return t.kind == tkWord && (t.flags&fAbbrev != 0 || t.end-t.start == 1 && a.text[t.start] >= 'A' && a.text[t.start] <= 'Z')
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

// auxGivenName reports whether word token k is a capitalised auxiliary
// inside its sentence that is a name: a first name before another
// capitalised word ("Will Moy", "May Tran"), or a surname before a
// reporting verb ("During the segment, Will said"). "Will Trump attend?"
// opens its sentence and is no name.
func (a *analysis) auxGivenName(k int) bool {
	t := a.toks[k]
	if !t.cap || t.flags&fAux == 0 || k == 0 || k+1 >= len(a.toks) || a.sentOf[k+1] != a.sentOf[k] || a.opensSentence(k) {
		return false
	}
	if n := a.toks[k+1]; n.kind == tkWord && n.isVerb && !n.cap && !n.verb.ing {
		return true // "Will said", "May told"
	}
	if !a.capWord(k+1) || a.toks[k+1].isVerb || a.toks[k+1].flags&(fStop|fAux|fTitle|fPron|fPrep|fDet|fAdv|fOrg|fHuman) != 0 {
		return false
	}
	_, ok := firstNames()[a.lowerWord(k)]
	return ok
}
