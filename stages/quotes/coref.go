package quotes

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/newsmill/newsmill/pipeline"
)

// mention is a phrase that may name a speaker: a reporting verb's subject,
// a person's name found in the text, or a PERSON/ORG entity.
type mention struct {
	start, end int // bytes
	from, to   int // tokens; from == to for entities
	typ        string
	head       string // the head word as written
	headAt     int    // byte offset of head in the text
	plural     bool
	human      bool // a person, or a description of one ("the diplomat")
	definite   bool // "the diplomat": refers back
	speaker    bool // the subject of a reporting verb
	name       string
	resolved   bool
	words      []string // stems of the content words, filled on first use
	headStem   string   // stem of head, filled with words
	wordsDone  bool
	// roles are the lower-cased role words around a name: its title
	// ("Inspector Dana Kowalski") or apposition ("Karl Weiss, an engineer").
	roles []string
}

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
	// ending with it (titles stripped), else the longest candidate, built
	// on first use.
	fullest map[string]string
	// fromCands holds the last names of fullest that no entity gave.
	fromCands map[string]bool
}

// newResolver collects the candidate antecedents of a document: the
// speakers of all reporting verbs, person names found by capitalisation,
// and the entities. It works in the cands, spare and keys of buf.
func newResolver(a *analysis, buf *buffers) *resolver {
	r := &resolver{a: a, cands: buf.cands[:0]}
	for _, at := range a.attrs {
		if at.hasSpeaker() {
			m := a.describe(at.from, at.to)
			m.speaker = true
			r.cands = append(r.cands, m)
		}
	}
	r.cands = append(r.cands, a.nameRuns()...)
	for _, s := range a.sents {
		// Sentence subjects introduce people who say nothing yet: "A
		// spokesman for the ministry declined to comment." A place that
		// opens a sentence ("Napa County lost power") is no one.
		if from, to := a.clauseSubject(s); to > from && a.toks[from].flags&fPron == 0 && !a.placeAt(from) {
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
				human: true, name: e.Canonical, resolved: true})
		case pipeline.LabelOrg:
			r.cands = append(r.cands, mention{start: e.Start, end: e.End, typ: pipeline.SpeakerOrganization,
				name: e.Canonical, resolved: true})
		}
	}
	r.sortCands(buf)
	return r
}

// candKey is where a candidate starts and its index before sorting.
type candKey struct{ start, i int }

// sortCands sorts r.cands by start, keeping the order of equal starts: it
// sorts small keys rather than the mentions, then moves each mention once,
// into buf.spare, and leaves the unsorted slice as buf's next spare.
func (r *resolver) sortCands(buf *buffers) {
	keys := buf.keys[:0]
	for i, c := range r.cands {
		keys = append(keys, candKey{c.start, i})
	}
	slices.SortFunc(keys, func(x, y candKey) int { return cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(x.i, y.i)) })
	sorted := buf.spare[:0]
	for _, k := range keys {
		sorted = append(sorted, r.cands[k.i])
	}
	buf.keys, buf.spare, r.cands = keys, r.cands, sorted
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
	// A person named at the end of a longer phrase is the speaker, whatever
	// the words before say: "White House Press Secretary Stephanie
	// Grisham", "Wikileaks editor-in-chief Kristinn Hrafnsson".
	if e, ok := a.personEnding(m.start, m.end); ok && m.typ != pipeline.SpeakerPronoun && !m.definite {
		m.typ, m.human, m.name = pipeline.SpeakerPerson, true, r.fullName(stripTitles(e.Canonical))
		return
	}
	// An entity names the speaker unless the mention's own head already says
	// it is an organisation ("The Pentagon", which NER may call a person).
	if e, ok := a.entityIn(m.start, m.end); ok && m.typ != pipeline.SpeakerPronoun && m.typ != pipeline.SpeakerOrganization && !m.definite {
		switch e.Label {
		case pipeline.LabelPerson:
			m.typ, m.human, m.name = pipeline.SpeakerPerson, true, r.fullName(stripTitles(e.Canonical))
			return
		case pipeline.LabelOrg:
			m.typ, m.human = pipeline.SpeakerOrganization, false
			return
		}
	}
	switch {
	case m.typ == pipeline.SpeakerPronoun:
		if ante := r.antecedentOfPronoun(m); ante != nil {
			m.name, m.human, m.plural = ante.name, ante.human, ante.plural
		}
	case m.definite:
		if ante := r.antecedentOfDescription(m); ante != nil {
			m.name = ante.name
		}
	case m.typ == pipeline.SpeakerPerson:
		m.name = r.fullName(a.personCore(m.from, m.to))
	}
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

// antecedentOfPronoun returns the last person mentioned before a he/she
// pronoun whose gender, when both are known, agrees with it, the last
// group or organisation before they/we, or the last organisation before
// it. It returns nil for I, whose writer the text does not name.
func (r *resolver) antecedentOfPronoun(m *mention) *mention {
	if r.a.is(m.from, "i") {
		return nil // a first-person writer is not named in the text
	}
	it := r.a.is(m.from, "it") // a body, never a person
	var found *mention
	rank := 0
	want := r.a.genderOf(m)
	r.before(m.start, func(c *mention) bool {
		if rank++; rank > maxAntecedents {
			return false
		}
		r.resolve(c)
		if c.typ == pipeline.SpeakerPronoun && c.name == r.a.text[c.start:c.end] {
			return true // an unresolved pronoun names nobody
		}
		if g := r.a.genderOf(c); want != genderUnknown && g != genderUnknown && g != want {
			return true // "she" is not "Mr. Smith"
		}
		ok := c.human && !c.plural
		switch {
		case m.plural:
			ok = c.plural || c.typ == pipeline.SpeakerOrganization
		case it:
			ok = c.typ == pipeline.SpeakerOrganization && !c.plural
		}
		if ok {
			found = c
		}
		return !ok
	})
	if found != nil && !m.plural && !it {
		if subj := r.subjectOf(found, want); subj != nil {
			return subj
		}
	}
	return found
}

// subjectOf returns the subject of the sentence holding mention c when it
// is another person who agrees in gender with want and comes first: the
// subject is the likelier antecedent ("Nadia Rahman met Victor Hale. ...
// she said" is Nadia Rahman). It returns nil otherwise.
func (r *resolver) subjectOf(c *mention, want gender) *mention {
	a := r.a
	k := sort.Search(len(a.toks), func(i int) bool { return int(a.toks[i].end) > c.start })
	if k >= len(a.toks) {
		return nil
	}
	from, to := a.clauseSubject(a.sents[a.sentOf[k]])
	if to <= from || int(a.toks[from].start) >= c.start || a.toks[from].flags&fPron != 0 {
		return nil
	}
	s := a.describe(from, to)
	if s.typ != pipeline.SpeakerPerson || s.plural {
		return nil
	}
	if g := a.genderOf(&s); want != genderUnknown && g != genderUnknown && g != want {
		return nil
	}
	r.resolve(&s)
	return &s
}

// antecedentOfDescription returns the earlier mention a definite
// description refers to: the best one by shared head noun, shared words
// and agreement, nearest on ties, or nil when none shares enough.
func (r *resolver) antecedentOfDescription(m *mention) *mention {
	var (
		best  *mention
		score float64
	)
	words := stems(r.a.contentWords(m.from, m.to, m.head))
	head := r.a.stemAt(m.headAt, len(m.head))
	rank := 0
	r.before(m.start, func(c *mention) bool {
		rank++
		if rank > maxAntecedents {
			return false
		}
		if c.from == c.to || c.typ == pipeline.SpeakerPronoun {
			return true
		}
		if r.a.demonymClash(c, m) {
			return true // "the Iraqi military" is not "the US military"
		}
		if !c.wordsDone {
			c.words, c.headStem, c.wordsDone = stems(r.a.contentWords(c.from, c.to, "")), r.a.stemAt(c.headAt, len(c.head)), true
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
		if c.human && m.human {
			s++
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
	if best != nil {
		r.resolve(best)
	}
	return best
}

// fullName returns the longest person name in the document that ends with
// the given name ("Pompeo" -> "Mike Pompeo"), or name itself.
func (r *resolver) fullName(name string) string {
	if r.fullest == nil {
		r.fullest, r.fromCands = map[string]string{}, map[string]bool{}
		// The entities' names first: they end where a name ends, while a
		// candidate may hold words before it ("of Public Prosecution").
		for _, e := range r.a.ents {
			if e.Label != pipeline.LabelPerson {
				continue
			}
			n := stripTitles(e.In(r.a.text))
			if last := lastWord(n); len(n) > len(r.fullest[last]) {
				r.fullest[last] = n
			}
		}
		named := len(r.fullest) // last names the entities gave
		for _, c := range r.cands {
			if c.speaker || c.typ != pipeline.SpeakerPerson {
				continue
			}
			last := lastWord(c.name)
			if _, ok := r.fullest[last]; ok && named > 0 && !r.fromCands[last] {
				continue
			}
			if len(c.name) > len(r.fullest[last]) {
				r.fullest[last] = c.name
				r.fromCands[last] = true
			}
		}
	}
	if full := r.fullest[lastWord(name)]; len(full) > len(name) && strings.HasSuffix(full, " "+name) {
		return full
	}
	return name
}

// stripTitles returns the words of a name after its last capitalised
// title word, when a word is left after it: "Ms Persson" gives
// "Persson", "CPUC President Marybel Batjer" gives "Marybel Batjer";
// "Stephen King" stays.
func stripTitles(name string) string {
	var buf [maxKey]byte
	words := strings.Fields(name)
	for i := len(words) - 2; i >= 0; i-- {
		w := words[i]
		key, fits := lowerKey(&buf, strings.TrimSuffix(w, "."))
		if fits && wordFlags[string(key)]&fTitle != 0 && strings.ToLower(w) != w {
			return strings.Join(words[i+1:], " ")
		}
	}
	return name
}

// lastWord returns the part of name after its last space.
func lastWord(name string) string { return name[strings.LastIndexByte(name, ' ')+1:] }

// describe builds the mention of tokens [from, to): its head word, number,
// whether it names a person, and its speaker type as written.
func (a *analysis) describe(from, to int) mention {
	m := mention{from: from, to: to, start: int(a.toks[from].start), end: int(a.toks[to-1].end)}
	if to-from == 1 && a.toks[from].flags&fPron != 0 {
		m.typ = pipeline.SpeakerPronoun
		m.plural = a.is(from, "they") || a.is(from, "we")
		m.human = true
		return m
	}
	head := to - 1
	partitive := to-from > 2 && a.toks[from].flags&fDet != 0 && a.is(from+1, "of")
	coordinated := false
	if !partitive {
		for k := from + 1; k < to; k++ {
			if a.is(k, "and") {
				coordinated = true
			}
			if !coordinated && (a.toks[k].flags&fNPPrep != 0 || a.is(k, "in")) {
				head = k - 1
				break
			}
		}
	}
	m.head, m.headAt = trimPossessive(a.word(head)), int(a.toks[head].start)
	ht := a.toks[head]
	m.definite = a.toks[from].flags&fDefinite != 0 && !ht.cap
	m.plural = !partitive && (coordinated || a.toks[from].flags&fPlural != 0 ||
		(!ht.cap && strings.HasSuffix(m.head, "s") && !strings.HasSuffix(m.head, "ss")))
	switch {
	case ht.cap:
		m.typ = pipeline.SpeakerPerson
		switch {
		case a.toks[from].flags&fDefinite != 0 || a.anyFlag(from, to, fOrg):
			m.typ = pipeline.SpeakerOrganization
		case a.onlyTitles(from, to):
			m.typ = pipeline.SpeakerNominal // "Polish MEP", "Transport Minister"
		}
	case ht.flags&fOrg != 0:
		m.typ = pipeline.SpeakerOrganization
	default:
		m.typ = pipeline.SpeakerNominal
	}
	m.human = m.typ == pipeline.SpeakerPerson || ht.flags&fHuman != 0
	return m
}

// anyFlag reports whether a capitalised word of [from, to) has flag f.
func (a *analysis) anyFlag(from, to int, f wordFlag) bool {
	for k := from; k < to; k++ {
		if a.toks[k].cap && a.toks[k].flags&f != 0 {
			return true
		}
	}
	return false
}

// onlyTitles reports whether every capitalised word of [from, to) is a
// title, a demonym or a person noun, so the phrase names a role, not a
// person.
func (a *analysis) onlyTitles(from, to int) bool {
	for k := from; k < to; k++ {
		if t := a.toks[k]; t.cap && t.flags&(fTitle|fDemonym|fHuman|fDet) == 0 {
			return false
		}
	}
	return true
}

// contentWords returns the lower-case words of [from, to) that are not
// closed-class words, weak modifiers or the skip word.
func (a *analysis) contentWords(from, to int, skip string) []string {
	var out []string
	for k := from; k < to; k++ {
		t := a.toks[k]
		if t.kind != tkWord || t.flags&(fDet|fPrep|fStop|fAux|fPron|fWeak) != 0 {
			continue
		}
		start := int(a.toks[k].start)
		w := a.lower(start, start+len(trimPossessive(a.word(k))))
		if w != skip {
			out = append(out, w)
		}
	}
	return out
}

// personCore returns the name inside a person phrase without leading
// titles, demonyms and lower-case words, and before them everything up to
// the last lower-case word ("US President Donald Trump", "council leader
// Priya Nair" and "Harbour master Ines Carvalho" give "Donald Trump",
// "Priya Nair" and "Ines Carvalho").
func (a *analysis) personCore(from, to int) string {
	k := from
	for j := to - 2; j > from; j-- {
		// The name is the last run of capitalised words: "Harbour master
		// Ines Carvalho" gives "Ines Carvalho".
		if t := a.toks[j]; t.kind == tkWord && !t.cap && !a.nameParticle(j) {
			k = j + 1
			break
		}
	}
	for k < to-1 && (a.toks[k].flags&(fTitle|fDemonym|fDet) != 0 || !a.toks[k].cap) {
		k++
	}
	return trimPossessive(a.text[a.toks[k].start:a.toks[to-1].end])
}

// nameRuns finds person names by capitalisation: runs of capitalised
// words (with particles such as al- or van) that keep two words or more
// once leading titles, demonyms and function words are stripped, or one
// word after a title ("President Salih"), and that the entities do not
// call a place ("Central Park", "United States").
func (a *analysis) nameRuns() []mention {
	var out []mention
	for k := 0; k < len(a.toks); {
		if a.toks[k].kind != tkWord || !a.toks[k].cap {
			k++
			continue
		}
		end := k + 1
		for end < len(a.toks) && a.sentOf[end] == a.sentOf[k] &&
			(a.toks[end].kind == tkWord && a.toks[end].cap || a.nameParticle(end) ||
				a.punctIn(end, ".") && a.toks[end-1].flags&fAbbrev != 0) {
			end++
		}
		from, titled := k, false
		for from < end && (a.toks[from].kind != tkWord || a.toks[from].flags&(fDet|fStop|fPrep|fPron|fAux|fAdv|fTitle|fDemonym) != 0 || a.toks[from].isVerb) {
			titled = titled || a.toks[from].flags&fTitle != 0
			from++
		}
		n := end - from
		if (n >= 2 || n == 1 && titled) && !a.anyFlag(from, end, fOrg|fDemonym) && !a.placeAt(from) {
			out = append(out, mention{
				start: int(a.toks[from].start), end: int(a.toks[end-1].end), from: from, to: end,
				typ: pipeline.SpeakerPerson, human: true, head: a.word(end - 1), headAt: int(a.toks[end-1].start),
				name: trimPossessive(a.text[a.toks[from].start:a.toks[end-1].end]), resolved: true,
				roles: a.roles(from, end),
			})
		}
		k = end
	}
	return out
}

// roles returns the role words of the name [from, to): up to two words
// before it that are titles or lower case ("Harbour master", "Inspector"),
// and the content words of an apposition after it ("Leon Brandt, the
// club's chairman," gives "club", "chairman").
func (a *analysis) roles(from, to int) []string {
	var out []string
	for k := from - 1; k >= max(0, from-2) && a.toks[k].kind == tkWord && a.sentOf[k] == a.sentOf[from]; k-- {
		if a.toks[k].cap && a.toks[k].flags&fTitle == 0 {
			break
		}
		out = append(out, trimPlural(a.lowerWord(k)))
	}
	if to+1 < len(a.toks) && a.punctIn(to, ",") && a.toks[to+1].flags&fDet != 0 {
		end := to + 1
		for end < min(len(a.toks), to+10) && a.toks[end].kind == tkWord {
			end++
		}
		for _, w := range a.contentWords(to+1, end, "") {
			out = append(out, stem(w))
		}
	}
	return out
}

// entityIn returns a PERSON or ORG entity overlapping [start, end).
func (a *analysis) entityIn(start, end int) (pipeline.Entity, bool) {
	i := sort.Search(len(a.ents), func(i int) bool { return a.ents[i].End > start })
	for ; i < len(a.ents) && a.ents[i].Start < end; i++ {
		if l := a.ents[i].Label; l == pipeline.LabelPerson || l == pipeline.LabelOrg {
			return a.ents[i], true
		}
	}
	return pipeline.Entity{}, false
}

// personEnding returns a person entity of at least two words that starts
// after byte start and ends the phrase [start, end).
func (a *analysis) personEnding(start, end int) (pipeline.Entity, bool) {
	i := sort.Search(len(a.ents), func(i int) bool { return a.ents[i].End >= end })
	if i == len(a.ents) || a.ents[i].End != end {
		return pipeline.Entity{}, false
	}
	e := a.ents[i]
	if e.Label != pipeline.LabelPerson || e.Start <= start || !strings.Contains(a.text[e.Start:e.End], " ") {
		return pipeline.Entity{}, false
	}
	return e, true
}

// trimPossessive removes a trailing ’s or 's.
func trimPossessive(w string) string {
	for _, s := range [...]string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(w, s) {
			return w[:len(w)-len(s)]
		}
	}
	return w
}

// stems replaces each word of ws by its stem and returns ws.
func stems(ws []string) []string {
	for i, w := range ws {
		ws[i] = stem(w)
	}
	return ws
}

// stem folds case and a plural -s so that "diplomats" matches "diplomat".
func stem(w string) string { return trimPlural(strings.ToLower(w)) }

// stemAt returns the stem of the n bytes of text at start, like stem but
// without allocating for ASCII words.
func (a *analysis) stemAt(start, n int) string { return trimPlural(a.lower(start, start+n)) }

// trimPlural removes the plural -s of a lower-case word longer than three
// bytes that does not end in -ss.
func trimPlural(w string) string {
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return w[:len(w)-1]
	}
	return w
}

// demonymClash reports whether mentions c and m carry different demonyms
// ("Iraqi" and "US"), so that they cannot name the same body.
func (a *analysis) demonymClash(c, m *mention) bool {
	cfrom := c.from
	if len(c.roles) > 0 {
		cfrom = max(0, c.from-3) // "Populist Iraqi leader Muqtada al-Sadr"
	}
	dc, dm := a.demonyms(cfrom, c.to), a.demonyms(m.from, m.to)
	if dc == "" || dm == "" {
		return false
	}
	return !strings.EqualFold(dc, dm)
}

// demonyms returns the first demonym of tokens [from, to) that is not a
// weak modifier ("senior", "former"), or "".
func (a *analysis) demonyms(from, to int) string {
	for k := from; k < to; k++ {
		if t := a.toks[k]; t.kind == tkWord && t.flags&fDemonym != 0 && (t.flags&fWeak == 0 || t.cap) {
			return a.word(k)
		}
	}
	return ""
}

// inQuote reports whether byte pos lies inside a quotation.
func (a *analysis) inQuote(pos int) bool {
	i := sort.Search(len(a.segs), func(i int) bool { return a.segs[i].span().End > pos })
	return i < len(a.segs) && a.segs[i].open <= pos
}
