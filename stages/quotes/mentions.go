package quotes

import (
	"sort"
	"strings"

	"github.com/newsmill/newsmill/pipeline"
)

// Mentions: the phrases that may name a speaker, what they say about
// themselves (head, number, person or not, roles), and the name helpers
// coref.go and link.go share.

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

// stripTitles returns the words of a name after its last capitalised
// title word, when a word is left after it: "Ms Persson" gives
// "Persson", "CPUC President Marybel Batjer" gives "Marybel Batjer";
// "Stephen King" stays. A repeat of the name's first words after it is
// dropped first (see dropEcho).
func stripTitles(name string) string {
	name = dropEcho(name)
	last := strings.LastIndexByte(name, ' ')
	if last < 0 {
		return name
	}
	var buf [maxKey]byte
	// Walk the words before the last one right to left, without
	// splitting the name.
	for end, second := last, true; end > 0; second = false {
		start := strings.LastIndexByte(name[:end], ' ') + 1
		w := name[start:end]
		key, fits := lowerKey(&buf, strings.TrimSuffix(w, "."))
		if fits && wordFlags[string(key)]&fTitle != 0 && w != string(key) && w != string(key)+"." {
			if second && royalTitle(string(key)) {
				return strings.TrimLeft(name[start:], " ") // "Prince Andrew", "Pope Francis": the title is part of the name
			}
			return strings.TrimLeft(name[end:], " ")
		}
		end = start - 1
		for end > 0 && name[end-1] == ' ' {
			end--
		}
	}
	return trimRoles(name)
}

// maxEchoWords bounds the first words of a name that dropEcho looks for
// again at its end.
const maxEchoWords = 2

// dropEcho returns name without a repeat of its first one or two words
// at its end, when a word is left between them: a page's hover card
// writes a name again right after it ("Charles Schumer Charles (Chuck)
// Ellis Schumer"), and an entity takes "Charles Schumer Charles". It
// costs time linear in the name.
func dropEcho(name string) string {
	end := 0
	for n := 0; n < maxEchoWords; n++ {
		i := strings.IndexByte(name[end:], ' ')
		if i < 0 {
			return name
		}
		end += i
		first := name[:end]
		if rest := name[end:]; len(rest) > len(first)+2 && strings.HasSuffix(rest, " "+first) && rest[1] != ' ' {
			return name[:len(name)-len(first)-1]
		}
		end++
	}
	return name
}

// royalTitle reports whether the lower-case title t names a royal or a
// pope, whose title stays with a single name.
func royalTitle(t string) bool {
	switch t {
	case "prince", "princess", "king", "queen", "pope", "emir", "sheikh", "crown":
		return true
	}
	return false
}

// trimRoles returns a name without the capitalised words before its first
// name that name a role or a body rather than a person: a word the
// lexicon knows as a title, organisation, role or demonym, an acronym, or
// a word with the ending of a role or a field ("NASA Administrator
// Ada Quill", "Lead Producer Ravi Tandon", "Minister of Education Lia
// Serra" give "Ada Quill", "Ravi Tandon" and "Lia Serra"). The first
// name is the word before the surname and its initials ("Patrick D.
// Orme Jr."), and known
// first names before it stay ("Mary Ann Cole").
func trimRoles(name string) string {
	if strings.Count(name, " ") < 2 {
		return name // a first name and a surname at most
	}
	words := strings.Fields(name)
	s := len(words) - 1
	for s > 0 && generational(words[s]) {
		s--
	}
	f := s - 1
	for f >= 0 && (initial(words[f]) || strings.ToLower(words[f]) == words[f]) {
		f-- // initials and particles: "W.", "bin", "van"
	}
	c := f - 1
	for c >= 0 && firstName(words[c]) {
		c--
	}
	if f < 1 || c < 0 || !roleWord(words[c]) {
		return name
	}
	return strings.Join(words[c+1:], " ")
}

// generational reports whether w is a suffix after a surname: Jr., III.
func generational(w string) bool {
	switch strings.TrimSuffix(strings.TrimSuffix(w, ","), ".") {
	case "Jr", "Sr", "II", "III", "IV":
		return true
	}
	return false
}

// initial reports whether w is an initial: "W.", "J".
func initial(w string) bool {
	w = strings.TrimSuffix(w, ".")
	return len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z'
}

// firstName reports whether w is a capitalised first name that firstNameGender
// gives a gender and that is no title or role.
func firstName(w string) bool {
	var buf [maxKey]byte
	l := lowerBytes(&buf, w)
	return string(l) != w && firstNameGender(string(l)) != genderUnknown && wordFlags[string(l)]&(fTitle|fHuman) == 0 && !serviceRoles[string(l)]
}

// serviceRoles are ranks and services of the armed forces and police
// that stand before a name without being part of it and that the
// lexicon's titles and roleWord's endings miss.
var serviceRoles = map[string]bool{"marine": true, "corporal": true, "private": true, "airman": true, "sailor": true,
	"pilot": true, "cadet": true, "trooper": true, "ranger": true, "seaman": true, "constable": true, "marshal": true}

// roleWord reports whether the capitalised word w names a role or a body
// rather than being part of a person's name (see trimRoles).
func roleWord(w string) bool {
	var buf [maxKey]byte
	l := string(lowerBytes(&buf, strings.TrimSuffix(w, ".")))
	if wordFlags[l]&(fTitle|fOrg|fHuman|fDemonym) != 0 {
		return true
	}
	if len(w) >= 2 && strings.ToUpper(w) == w && strings.ToLower(w) != w {
		return true // an acronym: NASA, CEI
	}
	if serviceRoles[l] {
		return true // "Royal Marine Matthew Hancox", "Corporal Ana Lind"
	}
	if len(l) < 6 || firstName(w) {
		return false
	}
	for _, end := range [...]string{"or", "er", "ist", "ion", "ent", "ary", "ant", "ian", "ive", "ics", "ogy"} {
		if strings.HasSuffix(l, end) {
			return true
		}
	}
	return false
}

// lastWord returns the part of name after its last space.
func lastWord(name string) string { return name[strings.LastIndexByte(name, ' ')+1:] }

// describe builds the mention of tokens [from, to): its head word, number,
// whether it names a person, and its speaker type as written.
func (a *analysis) describe(from, to int) mention {
	m := mention{from: from, to: to, start: int(a.toks[from].start), end: int(a.toks[to-1].end)}
	if to-from == 1 && (a.toks[from].flags&fPron != 0 || a.contraction(from) || a.is(from, "his") || a.is(from, "her") || a.is(from, "their")) {
		m.typ = pipeline.SpeakerPronoun
		w := strings.ToLower(a.word(from))
		m.plural = strings.HasPrefix(w, "they") || w == "their" || strings.HasPrefix(w, "we") && (len(w) == 2 || w[2] == '\'' || strings.HasPrefix(w[2:], "’"))
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
			if !coordinated && (a.toks[k].flags&fPrep != 0 && a.toks[k].flags&fDet == 0 ||
				k > from+1 && a.toks[k].kind == tkWord && !a.toks[k].cap && a.toks[k].flags == 0 && strings.HasSuffix(a.word(k), "ing") && a.verbal(k)) {
				// "a spokesman for the ministry", "defenders representing Roof": the head is before.
				head = k - 1
				break
			}
		}
	}
	m.head, m.headAt = trimPossessive(a.word(head)), int(a.toks[head].start)
	ht := a.toks[head]
	// "The President said": a capitalised title after "the" still
	// refers back, where "The Pentagon" names a body.
	// "the California Democrat": a capitalised party noun heads a
	// description too.
	m.definite = a.toks[from].flags&fDefinite != 0 && (!ht.cap || to-from == 2 && ht.flags&fTitle != 0 && ht.flags&fOrg == 0 ||
		to-from > 2 && partyNouns[strings.ToLower(m.head)])
	m.plural = !partitive && (coordinated || a.toks[from].flags&fPlural != 0 ||
		(!ht.cap && strings.HasSuffix(m.head, "s") && !strings.HasSuffix(m.head, "ss")))
	switch {
	case ht.cap && to-from == 1 && timeWord(trimPossessive(a.lowerWord(head))):
		m.typ = pipeline.SpeakerNominal // "Today’s youth", "Monday": no one
	case ht.cap:
		m.typ = pipeline.SpeakerPerson
		switch {
		case m.definite && partyNouns[strings.ToLower(m.head)]:
			// "the California Democrat": a party's member, no body.
		case a.titledName(from, head):
			// "Police spokeswoman Sgt. Amy Chen", "Apple CEO Tim Cook": a
			// person, whatever body the words before name.
		case a.ownsCapitals(from, head), orgEndings[a.lowerWord(head)]:
			// "NASA’s Harbor Test Range": a body's part, no person;
			// "Dick Clark Productions": a company's name.
			m.typ = pipeline.SpeakerOrganization
		case a.anyFlag(from, to, fOrg) || a.toks[from].flags&fDefinite != 0 && !a.roleBeforeName(from, head):
			m.typ = pipeline.SpeakerOrganization
		case a.onlyTitles(from, to):
			m.typ = pipeline.SpeakerNominal // "Polish MEP", "Transport Minister"
		}
	case ht.flags&fOrg != 0:
		m.typ = pipeline.SpeakerOrganization
	default:
		m.typ = pipeline.SpeakerNominal
	}
	headWord := trimPlural(a.lower(m.headAt, m.headAt+len(m.head)))
	m.human = m.typ == pipeline.SpeakerPerson || ht.flags&fHuman != 0 ||
		m.plural && wordFlags[headWord]&fHuman != 0 || personNouns[headWord] // "authors", "the nominee"
	return m
}

// nameAfterRole returns where a person's name starts that ends the
// phrase [from, to) after a role word and the body it belongs to ("CEO
// of the Refugee Council Enver Solomon"): two or more capitalised words,
// none a title, role, body or demonym, the first a first name the name
// table knows or after a body word, with a title or person noun before. It returns from when
// there is none.
func (a *analysis) nameAfterRole(from, to int) int {
	k := to
	for k > from && a.capWord(k-1) && a.toks[k-1].flags&(fTitle|fHuman|fOrg|fDemonym|fDet) == 0 {
		k--
	}
	if to-k < 2 || k == from || !a.capWord(k-1) {
		return from
	}
	if _, ok := firstNames()[a.lowerWord(k)]; !ok && a.toks[k-1].flags&fOrg == 0 {
		return from
	}
	for j := from; j < k; j++ {
		if a.toks[j].kind == tkWord && a.toks[j].flags&(fTitle|fHuman) != 0 {
			return k
		}
	}
	return from
}

// partyNouns are capitalised nouns for a party's members, which head
// descriptions of a person ("the Ohio Republican").
var partyNouns = map[string]bool{"democrat": true, "republican": true, "conservative": true, "liberal": true, "socialist": true, "tory": true}

// personNouns are singular nouns for people that the lexicon's person
// heads lack, so that a description headed by one can speak and be a he
// or she: "The Republican nominee", "the billionaire", "one poster".
var personNouns = map[string]bool{
	"nominee": true, "incumbent": true, "challenger": true, "frontrunner": true, "front-runner": true,
	"mogul": true, "billionaire": true, "millionaire": true, "businessman": true, "businesswoman": true, "tycoon": true,
	"actor": true, "actress": true, "singer": true, "rapper": true, "musician": true, "artist": true, "comedian": true,
	"player": true, "athlete": true, "pundit": true, "blogger": true, "poster": true, "user": true, "fan": true,
	"donor": true, "veteran": true, "agent": true, "patient": true, "relative": true, "son": true, "daughter": true,
	"wife": true, "husband": true, "brother": true, "sister": true, "boy": true, "girl": true, "child": true,
	"teenager": true, "mom": true, "dad": true, "grandmother": true, "grandfather": true,
}

// titledName reports whether the phrase [from, head] ends with a run of
// capitalised name words, none an organisation word, right after a title
// or a person noun that is not its first word: "Police spokeswoman Sgt.
// Amy Chen", "Committee Chairman Adam Schiff".
func (a *analysis) titledName(from, head int) bool {
	k := head
	for k > from && (a.toks[k].kind == tkWord && a.toks[k].cap && a.toks[k].flags&(fTitle|fOrg|fHuman) == 0 ||
		a.punctIn(k, ".") && a.abbrevOrInitial(k-1) && a.toks[k-1].flags&fTitle == 0) {
		k--
	}
	if k == head || k <= from {
		return false
	}
	t := a.toks[k]
	if a.punctIn(k, ".") && k-1 > from {
		t = a.toks[k-1] // "Sgt." before the name
	}
	return t.kind == tkWord && t.flags&(fTitle|fHuman) != 0
}

// orgEndings are the capitalised last words of company names that the
// lexicon's organisation words lack.
var orgEndings = map[string]bool{
	"productions": true, "records": true, "studios": true, "entertainment": true, "media": true,
	"holdings": true, "partners": true, "industries": true, "systems": true, "technologies": true,
	"labs": true, "airlines": true, "airways": true, "motors": true, "pharmaceuticals": true,
	"enterprises": true, "ventures": true, "capital": true, "communications": true, "publishing": true,
}

// contraction reports whether word token k is a pronoun with a
// contracted verb that the tokenizer keeps whole: "It’s", "He's", "I’d".
func (a *analysis) contraction(k int) bool {
	w := a.word(k)
	i := strings.IndexAny(w, "’'")
	if i <= 0 {
		return false
	}
	var buf [maxKey]byte
	key, ok := lowerKey(&buf, w[:i])
	return ok && wordFlags[string(key)]&fPron != 0
}

// ownsCapitals reports whether a capitalised word of [from, head) other
// than a person entity is in the possessive and only capitalised words
// that are no titles follow it to head: "NASA’s Harbor Test Range", but
// not "the senator's Chief of Staff Ana Ruiz".
func (a *analysis) ownsCapitals(from, head int) bool {
	for k := from; k < head; k++ {
		if !a.possessive(k) || !a.toks[k].cap {
			continue
		}
		if e, ok := a.entityIn(int(a.toks[k].start), int(a.toks[k].end)); ok && e.Label == pipeline.LabelPerson {
			return false
		}
		for j := k + 1; j <= head; j++ {
			if t := a.toks[j]; t.kind != tkWord || !t.cap || t.flags&fTitle != 0 {
				return false
			}
		}
		return true
	}
	return false
}

// roleBeforeName reports whether the phrase opening at from with a
// determiner holds a lower-case noun before the run of capitalised words
// that ends at head, so that the run is a name the noun describes ("the
// lawyer John Smith", "the purchases Mr. Trump") rather than part of an
// organisation's name ("The New York Times"). An organisation noun
// ("the firm Uber") does not count.
func (a *analysis) roleBeforeName(from, head int) bool {
	k := head
	for k > from && (a.toks[k-1].kind == tkWord && a.toks[k-1].cap || a.punctIn(k-1, ".") && k-2 > from && a.toks[k-2].flags&fAbbrev != 0) {
		k--
	}
	if k-1 <= from || a.toks[k-1].kind != tkWord {
		return false
	}
	t := a.toks[k-1]
	return !t.cap && t.flags&(fOrg|fStop|fPrep|fNPPrep|fDet|fAux) == 0 && !a.possessive(k-1)
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

// closedClass are the flags of the words contentWords leaves out to
// compare descriptions: closed-class words and weak modifiers.
const closedClass = fDet | fPrep | fStop | fAux | fPron | fWeak

// contentWords returns the lower-case words of [from, to), possessives
// trimmed, that have none of the flags drop (closedClass, say) and are
// not the skip word.
func (a *analysis) contentWords(from, to int, skip string, drop wordFlag) []string {
	var out []string
	for k := from; k < to; k++ {
		t := a.toks[k]
		if t.kind != tkWord || t.flags&drop != 0 {
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
	for k < to-1 && (a.toks[k].flags&(fTitle|fDemonym|fDet) != 0 || !a.toks[k].cap || a.placeAt(k) && a.toks[k+1].cap) {
		k++ // "Governor of Washington Chris Gregoire": the place is no part of the name
	}
	return trimRoles(trimPossessive(a.text[a.toks[k].start:a.toks[to-1].end]))
}

// nameRuns finds person names by capitalisation: runs of capitalised
// words (with particles such as al- or van) that keep two words or more
// once leading titles, demonyms and function words are stripped, or one
// word after a title ("President Salih"), and that the entities do not
// call a place ("Central Park", "United States"). It appends them to out
// and returns it.
func (a *analysis) nameRuns(out []mention) []mention {
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
		if from+1 < end && a.possessive(from) && a.placeAt(from) {
			from++ // "Britain's Prince Harry": the place is no part of the name
		}
		for from < end && (a.toks[from].kind != tkWord || a.toks[from].flags&(fDet|fStop|fPrep|fPron|fAux|fAdv|fTitle|fDemonym) != 0 && !a.auxGivenName(from) ||
			a.toks[from].isVerb || a.contraction(from)) {
			titled = titled || a.toks[from].flags&fTitle != 0
			from++
		}
		n := end - from
		if (n >= 2 || n == 1 && titled) && !a.anyFlag(from, end, fOrg|fDemonym) && !a.placeAt(from) && !a.ownsCapitals(from, end-1) {
			out = append(out, mention{
				start: int(a.toks[from].start), end: int(a.toks[end-1].end), from: from, to: end,
				typ: pipeline.SpeakerPerson, human: true, head: a.word(end - 1), headAt: int(a.toks[end-1].start),
				name: trimRoles(trimPossessive(a.text[a.toks[from].start:a.toks[end-1].end])), resolved: true,
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
		if a.toks[k].cap && a.toks[k].flags&fTitle == 0 || a.toks[k].flags&fPrep != 0 {
			break // "a letter to Kevin McAleenan": the letter is no role of his
		}
		out = append(out, trimPlural(a.lowerWord(k)))
	}
	if to+1 < len(a.toks) && a.punctIn(to, ",") && a.toks[to+1].flags&fDet != 0 {
		end := to + 1
		for end < min(len(a.toks), to+10) && a.toks[end].kind == tkWord && a.toks[end].flags&fAux == 0 && !a.toks[end].isVerb {
			end++
		}
		if end < len(a.toks) && a.toks[end].kind == tkWord && (a.toks[end].flags&fAux != 0 || a.toks[end].isVerb) {
			end = to + 1 // "published in Case Digest, the man had": a clause's subject, no apposition
		}
		for _, w := range a.contentWords(to+1, end, "", closedClass) {
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

// entityHead reports whether entity e, inside a phrase ending at byte
// end, heads it rather than qualifying another noun: not a possessive
// ("Swift's rep") and not the object of a preposition ("China's
// ambassador to Britain").
func (a *analysis) entityHead(e pipeline.Entity, end int) bool {
	after := ""
	if e.End < end {
		after = a.text[e.End:end]
	}
	if strings.HasPrefix(after, "'s") || strings.HasPrefix(after, "’s") || strings.HasPrefix(after, "’ ") {
		return strings.TrimSpace(after[strings.IndexByte(after, 's')+1:]) == ""
	}
	before := strings.TrimRight(a.text[:e.Start], " ")
	w := before[strings.LastIndexAny(before, " \n")+1:]
	var buf [maxKey]byte
	key, ok := lowerKey(&buf, w)
	return !ok || wordFlags[string(key)]&fPrep == 0 || wordFlags[string(key)]&fDet != 0
}

// personEnding returns a person entity of at least two words, or of one
// after a title, that starts after byte start and ends the phrase [start,
// end) with no preposition before it but those that stay inside a
// speaker phrase ("Secretary of State", "Undersecretary for Education").
func (a *analysis) personEnding(start, end int) (pipeline.Entity, bool) {
	i := sort.Search(len(a.ents), func(i int) bool { return a.ents[i].End >= end })
	if i == len(a.ents) || a.ents[i].End != end {
		return pipeline.Entity{}, false
	}
	e := a.ents[i]
	if e.Label != pipeline.LabelPerson || e.Start <= start || !strings.Contains(a.text[e.Start:e.End], " ") && !a.titleBefore(e.Start) {
		return pipeline.Entity{}, false
	}
	for k := a.tokenAt(start); k < len(a.toks) && int(a.toks[k].start) < e.Start; k++ {
		if a.toks[k].kind == tkWord && a.toks[k].flags&fPrep != 0 && a.toks[k].flags&(fDet|fNPPrep) == 0 {
			return pipeline.Entity{}, false // "a letter to Secretary Kevin McAleenan": not the speaker
		}
	}
	if a.objectOfIng(e) {
		return pipeline.Entity{}, false // "public defenders representing Roof": the name is an object
	}
	return e, true
}

// objectOfIng reports whether entity e follows a lower-case -ing form,
// as its object: "public defenders representing Roof".
func (a *analysis) objectOfIng(e pipeline.Entity) bool {
	k := a.tokenAt(e.Start) - 1
	return k >= 0 && a.toks[k].kind == tkWord && !a.toks[k].cap && a.toks[k].flags == 0 && a.verbal(k) && strings.HasSuffix(a.word(k), "ing")
}

// titleBefore reports whether the word before byte p, a period after it
// skipped, is a title: "Mr. Toccafondi".
func (a *analysis) titleBefore(p int) bool {
	k := a.tokenAt(p) - 1
	if a.punctIn(k, ".") {
		k--
	}
	return k >= 0 && a.toks[k].kind == tkWord && a.toks[k].flags&fTitle != 0 && a.toks[k].cap
}

// trimPossessive removes a trailing ’s or 's.
func trimPossessive(w string) string {
	if w == "" {
		return w
	}
	switch w[len(w)-1] {
	case 's', '\'', 0x99: // the last bytes of the suffixes (’ is E2 80 99)
	default:
		return w
	}
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

// demonym is a description's demonym, found once for its clash checks
// against every earlier mention.
type demonym struct {
	word  string // as written; "" when the description has none
	lower string // word in lower case
	// proper is whether properClash applies: the demonym is not the
	// description's first word when that word is a weak modifier.
	proper bool
}

// demonymOf returns the demonym of description m (see demonyms).
func (a *analysis) demonymOf(m *mention) demonym {
	k := a.demonymAt(m.from, m.to)
	if k < 0 {
		return demonym{}
	}
	return demonym{word: a.word(k), lower: a.lowerWord(k),
		proper: a.toks[m.from].flags&fWeak == 0 || !strings.EqualFold(a.word(m.from), a.word(k))}
}

// demonymClash reports whether mention c carries a demonym other than d,
// a description's ("Iraqi" and "US"), so that they cannot name the same
// body.
func (a *analysis) demonymClash(c *mention, d demonym) bool {
	if d.word == "" {
		return false
	}
	cfrom := c.from
	if len(c.roles) > 0 {
		cfrom = max(0, c.from-3) // "Populist Iraqi leader Muqtada al-Sadr"
	}
	dc := a.demonyms(cfrom, c.to)
	return dc != "" && !strings.EqualFold(dc, d.word)
}

// properClash reports whether a description with demonym d carries one
// that mention c lacks: "The French foreign ministry" names itself, and
// is neither "Russia's foreign ministry" nor "the Security Council".
func (a *analysis) properClash(c *mention, d demonym) bool {
	return d.word != "" && d.proper && !strings.Contains(a.lower(c.start, c.end), d.lower)
}

// demonyms returns the first demonym of tokens [from, to) that is not a
// weak modifier ("senior", "former"), or "".
func (a *analysis) demonyms(from, to int) string {
	if k := a.demonymAt(from, to); k >= 0 {
		return a.word(k)
	}
	return ""
}

// demonymAt returns the token of the first demonym of tokens [from, to)
// that is not a weak modifier, or -1.
func (a *analysis) demonymAt(from, to int) int {
	for k := from; k < to; k++ {
		if t := a.toks[k]; t.kind == tkWord && t.flags&fDemonym != 0 && (t.flags&fWeak == 0 || t.cap) {
			return k
		}
	}
	return -1
}

// inQuote reports whether byte pos lies inside a quotation.
func (a *analysis) inQuote(pos int) bool {
	i := sort.Search(len(a.segs), func(i int) bool { return a.segs[i].span().End > pos })
	return i < len(a.segs) && a.segs[i].open <= pos
}
