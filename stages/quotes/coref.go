package quotes

import (
	"slices"
	"sort"
	"strings"

	"github.com/newsmill/newsmill/pipeline"
)

// resolver turns speaker phrases into the fullest name the document gives
// them: pronouns go to the last person mentioned before, definite
// descriptions to an earlier mention with the same head or shared words
// ("the Shia leader" -> "A senior figure in a Shia political party"),
// surnames to the full name ("Pompeo" -> "Mike Pompeo"). It is built per
// document and is not safe for concurrent use.
type resolver struct {
	a     *analysis
	cands []mention // sorted by start
	// fullest maps a person's last name to the longest person entity
	// ending with it (titles stripped), else the longest candidate (see
	// indexNames).
	fullest map[string]string
	// fromCands holds the last names of fullest that no entity gave.
	fromCands map[string]bool
	// notName is a name a pronoun may not resolve to (see selfNamed).
	notName string
}

// newResolver collects the candidate antecedents of a document: the
// speakers of all reporting verbs, person names found by capitalisation,
// and the entities. It works in the cands and keys of buf.
func newResolver(a *analysis, buf *buffers) *resolver {
	r := &resolver{a: a, cands: buf.cands[:0]}
	// Room for every candidate at once, so that growing the slice never
	// holds two copies of it (they are about 180 bytes each).
	r.cands = slices.Grow(r.cands, len(a.attrs)+len(a.sents)+len(a.ents)+len(a.toks)/16)
	for _, at := range a.attrs {
		if at.hasSpeaker() {
			m := a.describe(at.from, at.to)
			m.speaker = true
			r.cands = append(r.cands, m)
		}
	}
	r.cands = a.nameRuns(r.cands)
	for _, s := range a.sents {
		// Sentence subjects introduce people who say nothing yet: "A
		// spokesman for the ministry declined to comment." A place that
		// opens a sentence ("Napa County lost power") is no one.
		// A he, she or they subject keeps who it refers to for the
		// pronouns after it: "He was arrested in April ... of Omar. During
		// the call, he asked" is still the man arrested.
		if from, to := a.clauseSubject(s); to > from && !a.placeAt(from) && (a.toks[from].flags&fPron == 0 || a.thirdPerson(from)) {
			r.cands = append(r.cands, a.describe(from, to))
		}
	}
	for _, e := range a.ents {
		if a.inQuote(e.Start) {
			continue // a name inside a quotation is not who speaks around it
		}
		switch e.Label {
		case pipeline.LabelPerson:
			r.cands = append(r.cands, mention{start: e.Start, end: e.End, typ: pipeline.SpeakerPerson,
				human: true, name: dropEcho(e.Canonical), resolved: true})
		case pipeline.LabelOrg:
			r.cands = append(r.cands, mention{start: e.Start, end: e.End, typ: pipeline.SpeakerOrganization,
				name: e.Canonical, resolved: true})
		}
	}
	r.sortCands(buf)
	r.indexNames()
	return r
}

// candKey is where a candidate starts, in the high 32 bits, and its index
// before sorting, in the low 32 bits, so that keys sort as integers.
type candKey uint64

// i returns the index part of key.
func (key candKey) i() int { return int(uint32(key)) }

// sortCands sorts r.cands by start, keeping the order of equal starts: it
// sorts small keys rather than the mentions, then moves each mention once,
// in place, following the cycles of the permutation (a sorted copy would
// double the memory of the largest slice of a document).
func (r *resolver) sortCands(buf *buffers) {
	keys := buf.keys[:0]
	for i, c := range r.cands {
		keys = append(keys, candKey(uint64(uint32(c.start))<<32|uint64(uint32(i))))
	}
	slices.Sort(keys)
	for j := range keys {
		if keys[j].i() == j {
			continue
		}
		first := r.cands[j]
		for k := j; ; {
			from := keys[k].i()
			keys[k] = candKey(k) // placed
			if from == j {
				r.cands[k] = first
				break
			}
			r.cands[k], k = r.cands[from], from
		}
	}
	buf.keys = keys
}

// speaker returns the resolved mention of the phrase of tokens [from, to).
func (r *resolver) speaker(from, to int) mention {
	m := r.a.describe(from, to)
	r.resolve(&m)
	return m
}

// resolve fills m.name and m.typ from the entities and earlier mentions.
func (r *resolver) resolve(m *mention) {
	if m.resolved {
		return
	}
	m.resolved = true
	a := r.a
	m.name = a.text[m.start:m.end]
	if m.to > m.from && a.possessive(m.to-1) {
		m.name = trimPossessive(m.name) // "PC World's analysis concluded"
	}
	// A person named at the end of a longer phrase is the speaker, whatever
	// the words before say: "White House Press Secretary Stephanie
	// Grisham", "Wikileaks editor-in-chief Kristinn Hrafnsson".
	if e, ok := a.personEnding(m.start, m.end); ok && m.typ != pipeline.SpeakerPronoun && !m.definite {
		m.typ, m.human, m.name = pipeline.SpeakerPerson, true, a.royal(e, r.fullName(stripTitles(e.Canonical)))
		return
	}
	// A role with its body before a name the entities missed: "CEO of the
	// Refugee Council Enver Solomon".
	if k := a.nameAfterRole(m.from, m.to); k > m.from && m.typ != pipeline.SpeakerPronoun && !m.definite {
		m.typ, m.human, m.name = pipeline.SpeakerPerson, true, r.fullName(a.personCore(k, m.to))
		return
	}
	// An entity names the speaker unless the mention's own head already says
	// it is an organisation ("The Pentagon", which NER may call a person);
	// an organisation names it only when it holds the head ("his adviser in
	// the White House" is no body).
	if e, ok := a.entityIn(m.start, m.end); ok && m.typ != pipeline.SpeakerPronoun && m.typ != pipeline.SpeakerOrganization && !m.definite && a.entityHead(e, m.end) && (e.Label != pipeline.LabelOrg || e.Start <= m.headAt && m.headAt < e.End) && !a.objectOfIng(e) {
		switch e.Label {
		case pipeline.LabelPerson:
			m.typ, m.human, m.name = pipeline.SpeakerPerson, true, a.royal(e, r.fullName(stripTitles(e.Canonical)))
			return
		case pipeline.LabelOrg:
			m.typ, m.human = pipeline.SpeakerOrganization, false
			return
		}
	}
	if m.typ != pipeline.SpeakerPronoun && m.typ != pipeline.SpeakerPerson {
		if name, typ, ok := r.appositiveName(m); ok {
			// "said the lawyer, John Smith": the name the description gives.
			m.name, m.typ = name, typ
			m.human = typ == pipeline.SpeakerPerson
			return
		}
	}
	switch {
	case m.typ == pipeline.SpeakerPronoun:
		if ante := r.antecedentOfPronoun(m); ante != nil {
			m.name, m.human, m.plural = ante.name, ante.human, ante.plural
		}
	case m.definite:
		if name, ok := r.documentAuthor(m); ok {
			m.name = name // "“…,” the statement adds": whoever said it in a statement
		} else if ante := r.antecedentOfDescription(m); ante != nil {
			m.name = ante.name
		} else if ante := r.epithetReferent(m); ante != nil {
			m.name = ante.name
		}
	case m.typ == pipeline.SpeakerPerson:
		m.name = r.fullName(a.personCore(m.from, m.to))
	}
	if m.typ == pipeline.SpeakerNominal && m.to > m.from && m.name == a.text[m.start:m.end] {
		m.name = a.text[m.start:a.descriptionEnd(m.from, m.to)]
	}
}

// descriptionEnd returns the byte where a description of tokens [from,
// to) ends without a participle with its agent after its head ("a
// leaked letter seen by the paper" gives "a leaked letter"). What else
// qualifies the head stays: "a senior figure in a party", "a study by
// the institute".
func (a *analysis) descriptionEnd(from, to int) int {
	for k := from + 1; k+1 < to; k++ {
		if a.toks[k].kind == tkWord && a.is(k+1, "by") && a.participle(k) {
			return int(a.toks[k-1].end)
		}
	}
	return int(a.toks[to-1].end)
}

// participle reports whether word token k is a lower-case past
// participle: an -ed or -en form, or an irregular past.
func (a *analysis) participle(k int) bool {
	w := a.word(k)
	return !a.toks[k].cap && len(w) > 3 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || irregularPast[w])
}

// maxEpithetSentences bounds how many sentences back an epithet looks
// for the person it describes.
const maxEpithetSentences = 3

// epithetReferent returns the person an epithet refers to: a definite,
// singular description of a person with a capitalised modifier before
// its head ("the California Democrat", "The Republican nominee") names
// the nearest person before it, at most maxEpithetSentences sentences
// back, who is the subject of a clause or a reporting verb's speaker and
// whose gender does not clash. It returns nil otherwise.
func (r *resolver) epithetReferent(m *mention) *mention {
	a := r.a
	if !m.human || m.plural || m.to-m.from < 3 || !a.capitalisedModifier(m.from+1, a.tokenAt(m.headAt)) {
		return nil
	}
	want := a.genderOf(m)
	here := a.sentOf[m.from]
	var found *mention
	rank := 0
	r.before(m.start, func(c *mention) bool {
		if rank++; rank > maxAntecedents || here-a.sentOf[a.tokenAt(c.start)] > maxEpithetSentences {
			return false
		}
		if c.typ != pipeline.SpeakerPerson || !c.human || !c.speaker && !a.subjectHolds(c.start, c.end) {
			return true
		}
		r.resolve(c)
		if g := a.genderOf(c); want != genderUnknown && g != genderUnknown && g != want {
			return true
		}
		found = c
		return false
	})
	return found
}

// capitalisedModifier reports whether a capitalised word lies in [from,
// to), before a description's head.
func (a *analysis) capitalisedModifier(from, to int) bool {
	for k := from; k < to; k++ {
		if a.capWord(k) {
			return true
		}
	}
	return false
}

// documentNouns are the heads of descriptions of something written
// that the text attributes to its author: "said in a statement", and
// then "the statement adds".
var documentNouns = map[string]bool{"statement": true, "letter": true, "tweet": true, "post": true, "email": true, "release": true}

// maxDocumentSentences bounds how many sentences back documentAuthor
// looks for the cue that names a document's author.
const maxDocumentSentences = 4

// documentAuthor returns the resolved name of who issued the document
// that the definite description m names ("the statement"): the speaker
// of the nearest cue before it, at most maxDocumentSentences sentences
// back, that "in a" or "in an" and the same noun follow ("her lawyers
// said in a statement"). It reports false when there is none.
func (r *resolver) documentAuthor(m *mention) (string, bool) {
	a := r.a
	head := strings.ToLower(m.head)
	if m.to-m.from != 2 || !documentNouns[head] {
		return "", false
	}
	here := a.sentOf[m.from]
	last := a.attrsFrom(m.from) - 1
	for i := last; i >= max(0, last-maxAntecedents) && here-a.sentOf[a.attrs[i].cue] <= maxDocumentSentences; i-- {
		at := a.attrs[i]
		if !at.hasSpeaker() || at.to > m.from {
			continue
		}
		k := at.last()
		if (a.is(k, "in") || a.is(k, "on")) && (a.is(k+1, "a") || a.is(k+1, "an")) && k+2 < len(a.toks) && a.is(k+2, head) {
			sm := r.speaker(at.from, at.to)
			return sm.name, true
		}
	}
	return "", false
}

// royal returns name with the royal title that precedes entity e in the
// text when name is one word: "Prince Andrew" for the entity "Andrew".
func (a *analysis) royal(e pipeline.Entity, name string) string {
	k := a.tokenAt(e.Start) - 1
	if strings.Contains(name, " ") || k < 0 || a.toks[k].kind != tkWord || !a.toks[k].cap || !royalTitle(a.lowerWord(k)) {
		return name
	}
	return a.word(k) + " " + name
}

// appositiveName returns the name in apposition right after the
// description m, between commas or ending the clause ("the lawyer, John
// Smith, said"; "said the family's lawyer, John Smith."), with its type:
// a person entity or a run of capitalised words of two words or more, or
// one after a title ("the minister, Mr. Toccafondi"), or an organisation
// entity ("the production company, Dick Clark Productions,"). Places and
// single capitalised words ("Tuesday") are no names.
func (r *resolver) appositiveName(m *mention) (string, string, bool) {
	a := r.a
	k := m.to
	if a.punctIn(k, "(") {
		// "The secretary general of CEI (Italian Episcopal Conference),
		// Nunzio Galantino,": past the brackets.
		for c := k + 1; c < min(len(a.toks), k+10); c++ {
			if a.punctIn(c, ")") {
				k = c + 1
				break
			}
		}
	}
	k = a.pastOfPhrase(k)
	if m.to <= m.from || !a.punctIn(k, ",") || k+1 >= len(a.toks) || a.sentOf[k+1] != a.sentOf[m.from] {
		return "", "", false
	}
	from, to := a.rightPhrase(k + 1)
	if to <= from || !a.toks[from].cap || !a.toks[to-1].cap || a.toks[from].flags&(fDet|fPron) != 0 || a.placeAt(from) {
		return "", "", false
	}
	if end := a.sents[a.sentOf[from]].to; to < end && !a.punctIn(to, ",.;:)—–") {
		return "", "", false // "the lawyer, Smith said": not an apposition
	}
	start, stop := int(a.toks[from].start), int(a.toks[to-1].end)
	if e, ok := a.personEnding(start-1, stop); ok {
		// "her interviewer, NPR reporter Nina Totenberg,": the person
		// the apposition ends with, not the body before.
		return r.fullName(stripTitles(e.Canonical)), pipeline.SpeakerPerson, true
	}
	if e, ok := a.entityIn(start, stop); ok {
		if e.Label == pipeline.LabelOrg {
			return e.Canonical, pipeline.SpeakerOrganization, true
		}
		return r.fullName(stripTitles(e.Canonical)), pipeline.SpeakerPerson, true
	}
	titled := false
	words := 0
	for j := from; j < to; j++ {
		if a.toks[j].kind != tkWord {
			continue
		}
		if a.toks[j].flags&fTitle != 0 {
			titled = true
		} else {
			words++
		}
	}
	if words >= 2 || words == 1 && titled {
		if a.anyFlag(from, to, fOrg) {
			return "", "", false
		}
		return r.fullName(a.personCore(from, to)), pipeline.SpeakerPerson, true
	}
	return "", "", false
}

// pastOfPhrase returns the token after a short prepositional phrase
// that completes a role and runs to a comma from token k ("director of
// public prosecutions, Eva Lind"), or k when there is none: a phrase of
// up to six words opening with of, for, at, with or from, holding no
// verb, pronoun or clause word.
func (a *analysis) pastOfPhrase(k int) int {
	if k >= len(a.toks) || a.toks[k].kind != tkWord || a.toks[k].flags&fNPPrep == 0 {
		return k
	}
	for c := k + 1; c < min(len(a.toks), k+8) && a.sentOf[c] == a.sentOf[k]; c++ {
		t := a.toks[c]
		if a.punctIn(c, ",") && c > k+1 {
			return c
		}
		if t.kind != tkWord || t.isVerb && !t.cap || t.flags&(fPron|fStop|fAux) != 0 {
			return k
		}
	}
	return k
}

// before calls f on the candidates that end before byte p, nearest first,
// until f returns false.
func (r *resolver) before(p int, f func(c *mention) bool) {
	i := sort.Search(len(r.cands), func(i int) bool { return r.cands[i].start >= p })
	for i--; i >= 0; i-- {
		c := &r.cands[i]
		if c.end > p {
			continue
		}
		if !f(c) {
			return
		}
	}
}

// maxAntecedents bounds how many earlier mentions a reference looks at,
// which keeps resolution linear in long documents.
const maxAntecedents = 200

// antecedentOfPronoun returns the antecedent of a pronoun: for he and
// she the best-scored person before it (see personScore) whose gender,
// when both are known, agrees with it; the last group or organisation
// before they/we; the last organisation before it. It returns nil for I,
// whose writer the text does not name.
func (r *resolver) antecedentOfPronoun(m *mention) *mention {
	if r.a.pronoun(m.from, "i") {
		return nil // a first-person writer is not named in the text
	}
	it := r.a.pronoun(m.from, "it") // a body, never a person
	var (
		found *mention
		best  float64
	)
	rank := 0
	want := r.a.genderOf(m)
	here := r.a.sentOf[m.from]
	r.before(m.start, func(c *mention) bool {
		if rank++; rank > maxAntecedents {
			return false
		}
		dist := float64(here - r.a.sentOf[r.a.tokenAt(c.start)])
		if found != nil && -dist+personSubject+personSalience+personGender <= best {
			// No one further back can score higher, but for personMain,
			// which only breaks ties and so does not widen the search
			// (widened, it costs PolNeAR train one speaker).
			return false
		}
		r.resolve(c)
		if c.typ == pipeline.SpeakerPronoun && (c.name == r.a.text[c.start:c.end] || !it && r.a.pronoun(c.from, "it")) {
			return true // an unresolved pronoun names nobody, and an it no person
		}
		if c.name == r.notName && c.name != "" {
			return true // the one the pronoun's own quote names (see selfNamed)
		}
		if g := r.a.genderOf(c); want != genderUnknown && g != genderUnknown && g != want {
			return true // "she" is not "Mr. Smith"
		}
		switch {
		case m.plural:
			// They who speak are people or a body: "The authors say the
			// results confirm it. They call for" is the authors.
			if c.plural && c.human || c.typ == pipeline.SpeakerOrganization {
				found = c
				return false
			}
			return true
		case it:
			if c.typ == pipeline.SpeakerOrganization && !c.plural {
				found = c
				return false
			}
			return true
		}
		if !c.human || c.plural || r.unknownWord(c) {
			return true
		}
		if s := r.personScore(c, dist, want); found == nil || s > best {
			found, best = c, s
		}
		return true
	})
	return found
}

// unknownWord reports whether candidate c is a single capitalised word
// that no person entity covers and whose surname no person entity gives
// ("Research focusing on these cells could", where the text names the
// "National Center for Scientific Research"): a capitalised common noun,
// no one a he or she refers to.
func (r *resolver) unknownWord(c *mention) bool {
	if c.to-c.from != 1 || c.typ != pipeline.SpeakerPerson {
		return false
	}
	if e, ok := r.a.entityIn(c.start, c.end); ok && e.Label == pipeline.LabelPerson {
		return false
	}
	w := trimPossessive(r.a.word(c.from))
	_, known := r.fullest[w]
	return !known || r.fromCands[w]
}

// Weights of personScore: a person named as a clause's subject or as a
// speaker is likelier to be the "he" or "she" of what follows than one
// named in passing ("the offices of Omar"), by about a sentence and a
// half of distance; one the text has already referred to by a pronoun
// keeps the thread; one whose gender is known to agree is preferred to
// one of unknown gender nearby. A grid over personSubject 0-4,
// personSalience 0-1.5 and personGender 0-2, scored on PolNeAR train (a
// gold name matched through a resolved pronoun), both real-news sets and
// dev2 a at once, puts these values on the plateau where every source is
// at its best; no subject weight (0) costs dev2 a 0.03 of resolved names
// and PolNeAR train six speakers, a salience of 1.5 or a gender weight
// of 1 costs real set 2, and no gender weight costs dev2 a 0.005.
const (
	personSubject  = 1.5
	personSalience = 0.5
	personGender   = 0.5
	// personMain breaks the tie between a main clause's speaker and the
	// speaker of a cue inside what it reports (one set 5 speaker gained,
	// no other changed; 0.25 given to every main-clause subject instead
	// costs PolNeAR train four speakers).
	personMain = 0.25
)

// personScore scores person c, dist sentences before a he or she of
// gender want, as its antecedent: minus the distance, plus personSubject
// when c is the subject of its clause or a reporting verb's speaker, and
// personMain more when it is both, a speaker of its sentence's main
// clause rather than of a cue inside what another reports ("McConnell
// said Mr. Obama must explain ... . He said" is McConnell),
// plus personSalience when c is itself a resolved pronoun, plus
// personGender when c shows the same gender (one of unknown gender is
// not ruled out).
func (r *resolver) personScore(c *mention, dist float64, want gender) float64 {
	s := -dist
	if want != genderUnknown && r.a.genderOf(c) == want {
		s += personGender
	}
	if main := r.a.subjectHolds(c.start, c.end); main || c.speaker {
		s += personSubject
		if main && c.speaker {
			s += personMain
		}
	}
	if c.typ == pipeline.SpeakerPronoun {
		s += personSalience
	}
	return s
}

// tokenAt returns the index of the token holding byte p, or the last
// token before it.
func (a *analysis) tokenAt(p int) int {
	k := sort.Search(len(a.toks), func(i int) bool { return int(a.toks[i].end) > p })
	return min(k, len(a.toks)-1)
}

// subjectHolds reports whether bytes [start, end) lie inside the subject
// of their sentence's main clause.
func (a *analysis) subjectHolds(start, end int) bool {
	from, to := a.clauseSubject(a.sents[a.sentOf[a.tokenAt(start)]])
	return to > from && int(a.toks[from].start) <= start && end <= int(a.toks[to-1].end)
}

// pronoun reports whether token k is the pronoun w, alone or with a
// contracted verb: "it", "It’s", "I'm".
func (a *analysis) pronoun(k int, w string) bool {
	if a.is(k, w) {
		return true
	}
	if !a.contraction(k) {
		return false
	}
	t := a.word(k)
	return strings.EqualFold(t[:strings.IndexAny(t, "’'")], w)
}

// thirdPerson reports whether token k is he, she or they.
func (a *analysis) thirdPerson(k int) bool {
	return a.pronoun(k, "he") || a.pronoun(k, "she") || a.pronoun(k, "they")
}

// antecedentOfDescription returns the earlier mention a definite
// description refers to: the best one by shared head noun, shared words
// and agreement, nearest on ties, or nil when none shares enough.
func (r *resolver) antecedentOfDescription(m *mention) *mention {
	var (
		best  *mention
		score float64
	)
	// Only the words up to the head count: "the man in the case" shares
	// nothing with "BMJ Case Reports".
	words := stems(r.a.contentWords(m.from, r.a.tokenAt(m.headAt)+1, m.head, closedClass))
	head := r.a.stemAt(m.headAt, len(m.head))
	rank := 0
	var org *mention    // the nearest organisation entity, for "the company"
	var spoken *mention // the nearest organisation that is a reporting verb's subject
	orgShared := 0      // 1 once org shares a word with m
	orgHead := r.a.toks[m.from].flags&fDet != 0 && wordFlags[strings.ToLower(m.head)]&fOrg != 0 && !m.plural
	dem := r.a.demonymOf(m) // found once for the clash checks below
	// Only a bare "the organization" goes to the body that spoke, not
	// "the US military".
	bare := orgHead && m.to-m.from == 2
	r.before(m.start, func(c *mention) bool {
		rank++
		if rank > maxAntecedents {
			return false
		}
		if c.from == c.to && c.typ == pipeline.SpeakerOrganization && orgHead && !r.a.properClash(c, dem) &&
			(org == nil && rank <= maxOrgRank || orgShared == 0 && r.sharesWord(c, words)) {
			// The nearest organisation, or the nearest one whose name
			// shares a word: "the production company" is "Dick Clark
			// Productions".
			org = c
			if r.sharesWord(c, words) {
				orgShared = 1
			}
		}
		if spoken == nil && bare && c.speaker && c.typ == pipeline.SpeakerOrganization && rank <= maxOrgRank && !r.a.properClash(c, dem) {
			spoken = c
		}
		if c.from == c.to || c.typ == pipeline.SpeakerPronoun {
			return true
		}
		if r.a.demonymClash(c, dem) || r.a.properClash(c, dem) {
			return true // "the Iraqi military" is not "the US military" nor "Russia's military"
		}
		if !c.wordsDone {
			c.words, c.headStem, c.wordsDone = stems(r.a.contentWords(c.from, c.to, "", closedClass)), r.a.stemAt(c.headAt, len(c.head)), true
		}
		s := 0.0
		if c.headStem == head || slices.Contains(c.roles, head) {
			s += 3
		}
		shared := 0
		for _, w := range c.words {
			for _, v := range words {
				if w == v {
					shared++
				}
			}
		}
		s += 2 * float64(shared)
		if c.human && m.human || orgHead && shared > 0 && c.typ == pipeline.SpeakerOrganization {
			s++ // two people, or "the production company" and "Dick Clark Productions"
		}
		if c.plural != m.plural {
			s -= 2
		}
		if s < 3 {
			return true
		}
		s -= 0.01 * float64(rank)
		if best == nil || s > score {
			best, score = c, s
		}
		return true
	})
	if best == nil && orgShared == 0 && spoken != nil {
		// "The Carter Center said ... at Emory University Hospital. ...,
		// the organization said": the body that spoke, not the nearest.
		best = spoken
	}
	if best == nil {
		best = org
	}
	if best != nil {
		r.resolve(best)
	}
	return best
}

// sharesWord reports whether the name of entity c holds one of the stems
// in words.
func (r *resolver) sharesWord(c *mention, words []string) bool {
	if len(words) == 0 {
		return false
	}
	for _, w := range strings.Fields(c.name) {
		if slices.Contains(words, stem(trimPossessive(w))) {
			return true
		}
	}
	return false
}

// maxOrgRank bounds how many mentions back "the company" or "the
// ministry" looks for an organisation entity when no mention shares its
// words.
const maxOrgRank = 8

// fullName returns the longest person name in the document that ends with
// the given name ("Pompeo" -> "Mike Pompeo"), or that the given initials
// and surname abbreviate ("X. Zhang" -> "Xiaoyuan Zhang"), or name itself.
func (r *resolver) fullName(name string) string {
	full := r.fullest[surnameOf(name)]
	if len(full) <= len(name) {
		return name
	}
	if strings.HasSuffix(full, " "+name) || strings.Contains(full, " "+name+" ") || abbreviates(name, full) {
		return full
	}
	return name
}

// abbreviates reports whether name is initials and a surname that match
// the first names and surname of full: "X. Zhang" and "Xiaoyuan Zhang".
func abbreviates(name, full string) bool {
	nw, fw := strings.Fields(name), strings.Fields(full)
	if len(nw) < 2 || len(nw) != len(fw) || nw[len(nw)-1] != fw[len(fw)-1] {
		return false
	}
	for i, w := range nw[:len(nw)-1] {
		if !initial(w) || fw[i][0] != w[0] {
			return false
		}
	}
	return true
}

// surnameOf returns the last word of name before a generational suffix:
// "Carlineo" for "Patrick W. Carlineo Jr.".
func surnameOf(name string) string {
	words := strings.Fields(name)
	s := len(words) - 1
	for s > 0 && generational(words[s]) {
		s--
	}
	if s < 0 {
		return ""
	}
	return words[s]
}

// indexNames fills r.fullest and r.fromCands. newResolver calls it before
// any mention is resolved, so that only names found as written count, not
// the text of a mention being resolved. A person entity's name comes
// first, as it ends where a name ends while a candidate may hold words
// before it ("of Public Prosecution"); a candidate's name counts only for
// a surname that no entity gives with a first name ("Heald" alone, next
// to "coauthor Colette Heald").
func (r *resolver) indexNames() {
	r.fullest, r.fromCands = map[string]string{}, map[string]bool{}
	for _, e := range r.a.ents {
		if e.Label != pipeline.LabelPerson {
			continue
		}
		n := stripTitles(e.In(r.a.text))
		if last := surnameOf(n); len(n) > len(r.fullest[last]) {
			r.fullest[last] = n
		}
	}
	for _, c := range r.cands {
		if c.speaker || c.typ != pipeline.SpeakerPerson {
			continue
		}
		n := stripTitles(c.name)
		last := surnameOf(n)
		if full, ok := r.fullest[last]; ok && full != last && !r.fromCands[last] {
			continue
		}
		if len(n) > len(r.fullest[last]) {
			r.fullest[last] = n
			r.fromCands[last] = true
		}
	}
}
