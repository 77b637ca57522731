package quotes

import (
	"slices"
	"sort"
	"strings"

	"github.com/newsmill/newsmill/pipeline"
)

// link fills the SpeakerEntity and SpeakerGender of each quote of qs that
// has a speaker. The entity is a person or organisation mention inside
// the speaker phrase, else the first mention whose canonical name (or
// text) is the resolved speaker name; it stays nil without entities. The
// gender comes, in order, from a he/she speaker, a gendered title or role
// word of the phrase ("Mrs.", "spokeswoman"), the first name of the
// resolved name, and what the rest of the article says of the same name:
// "Mr. Xi" anywhere, a quote whose he/she speaker resolves to it, or its
// reported speech opening with he or she ("Lee said he would stay").
// Organisations are of unknown gender. link costs time linear in the
// tokens, entities and quotes.
func (a *analysis) link(qs []pipeline.Quote, res *resolver) {
	a.repeatedQuotes(qs)
	a.selfNamed(qs, res)
	a.laterNames(qs)
	byName := map[string]int{}
	for i := len(a.ents) - 1; i >= 0; i-- {
		if l := a.ents[i].Label; l == pipeline.LabelPerson || l == pipeline.LabelOrg {
			byName[a.ents[i].Canonical] = i
			byName[a.ents[i].In(a.text)] = i
		}
	}
	known := a.titledSurnames()
	a.reportedGenders(qs, known)
	a.pronounGenders(res, known)
	for i := range qs {
		q := &qs[i]
		if q.Speaker.Empty() || q.SpeakerType == pipeline.SpeakerUnknown {
			continue
		}
		if e, ok := a.entityIndexIn(q.Speaker.Start, q.Speaker.End); ok {
			q.SpeakerEntity = &e
		} else if e, ok := byName[q.SpeakerName]; ok && q.SpeakerName != "" {
			q.SpeakerEntity = &e
		}
		if g := pronounGender(q.Speaker.In(a.text)); g != genderUnknown && q.SpeakerName != "" {
			known[q.SpeakerName] = g
		}
	}
	for i := range qs {
		q := &qs[i]
		if q.Speaker.Empty() {
			continue
		}
		q.SpeakerGender = pipeline.GenderUnknown
		if q.SpeakerType == pipeline.SpeakerOrganization || q.SpeakerType == pipeline.SpeakerUnknown {
			continue
		}
		g := a.phraseGender(q.Speaker)
		if g == genderUnknown {
			g = nameGender(q.SpeakerName, known)
		}
		switch g {
		case genderFemale:
			q.SpeakerGender = pipeline.GenderFemale
		case genderMale:
			q.SpeakerGender = pipeline.GenderMale
		}
	}
}

// pronounGenders adds to known the gender of each name that a he or she
// sentence subject resolves to ("Marybel Batjer said ... . She said"),
// not only the he/she speakers of quotes; a name the article's pronouns
// give both genders is left unknown. It resolves each such pronoun once,
// as the speakers' resolution does.
func (a *analysis) pronounGenders(res *resolver, known map[string]gender) {
	both := map[string]bool{}
	for i := range res.cands {
		c := &res.cands[i]
		if c.typ != pipeline.SpeakerPronoun {
			continue
		}
		g := pronounGender(a.text[c.start:c.end])
		if g == genderUnknown {
			continue
		}
		res.resolve(c)
		if c.name == "" || c.name == a.text[c.start:c.end] {
			continue // resolved to no one
		}
		if old, ok := known[c.name]; both[c.name] || ok && old != g {
			both[c.name], known[c.name] = true, genderUnknown
			continue
		}
		known[c.name] = g
	}
}

// maxLater bounds how many quotes ahead laterNames looks for a name.
const maxLater = 12

// laterNames gives a quote whose speaker is a definite or possessive
// description that named no one ("China’s ambassador to Britain") the
// name of a later quote's speaker whose phrase holds all of the
// description's words ("China’s ambassador to Britain Liu Xiaoming"): the
// name is given only later. It looks at most maxLater quotes ahead.
func (a *analysis) laterNames(qs []pipeline.Quote) {
	for i := range qs {
		q := &qs[i]
		phrase := q.Speaker.In(a.text)
		if q.SpeakerType != pipeline.SpeakerNominal || q.SpeakerName != phrase {
			continue
		}
		words := a.describingWords(q.Speaker)
		if len(words) == 0 {
			continue
		}
		for j := i + 1; j < min(len(qs), i+1+maxLater); j++ {
			later := qs[j].Speaker.In(a.text)
			if qs[j].SpeakerType != pipeline.SpeakerPerson || qs[j].SpeakerName == later || len(later) <= len(phrase) {
				continue
			}
			if holdsAll(a.describingWords(qs[j].Speaker), words) {
				q.SpeakerName = qs[j].SpeakerName
				break
			}
		}
	}
}

// maxRepeat bounds how many quotes apart repeatedQuotes looks for a
// quote's first telling.
const maxRepeat = 32

// minRepeat is the fewest bytes of a quote that repeatedQuotes matches.
const minRepeat = 24

// repeatedQuotes gives a direct quote without a cue whose words, its closing
// punctuation aside, repeat part of a quote with a cue and a speaker at
// most maxRepeat quotes away that quote's speaker: a pull quote or a
// closing line that repeats what someone was quoted saying (“…,” Weld
// said, and at the end “That is treason. It's treason pure and
// simple.”). It costs time linear in the quotes times maxRepeat times
// their length.
func (a *analysis) repeatedQuotes(qs []pipeline.Quote) {
	for i := range qs {
		q := &qs[i]
		if !q.Cue.Empty() || q.Kind != pipeline.KindDirect {
			continue // a partial quote is part of a sentence whose speaker it has
		}
		words := strings.TrimRight(q.Content.In(a.text), ".,;:!?… ")
		if len(words) < minRepeat || strings.Count(words, " ") < 3 {
			continue
		}
		for j := max(0, i-maxRepeat); j < min(len(qs), i+maxRepeat+1); j++ {
			o := &qs[j]
			if j != i && !o.Cue.Empty() && !o.Speaker.Empty() && strings.Contains(o.Content.In(a.text), words) {
				q.Speaker, q.SpeakerName, q.SpeakerType = o.Speaker, o.SpeakerName, o.SpeakerType
				break
			}
		}
	}
}

// describingWords returns the lower-case content words of a speaker
// phrase of two words or more that opens with "the" or a possessive
// ("the ambassador", "China’s ambassador to Britain"), possessives
// trimmed, or nil for any other phrase.
func (a *analysis) describingWords(sp pipeline.Span) []string {
	from, to := a.tokenAt(sp.Start), a.tokenAt(sp.End-1)+1
	if to-from < 2 || !a.is(from, "the") && !a.possessive(from) {
		return nil
	}
	return a.contentWords(from, to, "", fDet|fPrep|fStop)
}

// holdsAll reports whether have holds every word of want.
func holdsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// entityIndexIn returns the index of the first person or organisation
// entity overlapping bytes [start, end).
func (a *analysis) entityIndexIn(start, end int) (int, bool) {
	i := sort.Search(len(a.ents), func(i int) bool { return a.ents[i].End > start })
	for ; i < len(a.ents) && a.ents[i].Start < end; i++ {
		if l := a.ents[i].Label; l == pipeline.LabelPerson || l == pipeline.LabelOrg {
			return i, true
		}
	}
	return 0, false
}

// pronounGender returns the gender of a speaker phrase that is he or she.
// Only an ASCII phrase of two or three bytes lowers to either, and for
// ASCII, strings.EqualFold is comparing in lower case, without allocating.
func pronounGender(phrase string) gender {
	if len(phrase) > len("she") || !isASCII(phrase) {
		return genderUnknown
	}
	switch {
	case strings.EqualFold(phrase, "he"):
		return genderMale
	case strings.EqualFold(phrase, "she"):
		return genderFemale
	}
	return genderUnknown
}

// phraseGender returns the gender a speaker phrase shows by itself: he or
// she, a gendered title just before or at its start ("Mrs. Lopez"), or a
// gendered role noun at its end ("the spokeswoman"). A possessive before
// the head says nothing of the speaker ("her lawyer").
func (a *analysis) phraseGender(sp pipeline.Span) gender {
	phrase := sp.In(a.text)
	if g := pronounGender(phrase); g != genderUnknown {
		return g
	}
	// The phrase's first and last words, as strings.Fields splits them,
	// looked up in lower case without allocating (see lowerBytes).
	start, end := nextField(phrase, 0)
	if start == end {
		return genderUnknown
	}
	var buf [maxKey]byte
	if g := titleGender[string(lowerBytes(&buf, strings.TrimSuffix(phrase[start:end], ".")))]; g != genderUnknown {
		return g
	}
	if g := titleGender[string(lowerBytes(&buf, a.wordBefore(sp.Start)))]; g != genderUnknown {
		return g
	}
	words := 1
	for s, e := nextField(phrase, end); s < e; s, e = nextField(phrase, e) {
		start, end, words = s, e, words+1
	}
	last := lowerBytes(&buf, strings.Trim(phrase[start:end], ",."))
	if g := genderWords[string(last)]; g != genderUnknown && words > 1 && !pronounWord(string(last)) {
		return g // "the spokeswoman", "her husband"
	}
	return genderUnknown
}

// pronounWord reports whether w is a gendered pronoun form.
func pronounWord(w string) bool {
	switch w {
	case "he", "him", "his", "she", "her", "hers":
		return true
	}
	return false
}

// wordBefore returns the word (letters only) just before byte p, skipping
// a period and spaces: "Mrs" for "Mrs. Lopez" at Lopez.
func (a *analysis) wordBefore(p int) string {
	k := p
	for k > 0 && (a.text[k-1] == ' ' || a.text[k-1] == '.') && p-k < 3 {
		k--
	}
	j := k
	for j > 0 && isASCIILetter(a.text[j-1]) && k-j < 5 {
		j--
	}
	return a.text[j:k]
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// titleGender maps the gendered titles to a gender.
var titleGender = map[string]gender{
	"mr": genderMale, "sir": genderMale, "lord": genderMale, "king": genderMale, "prince": genderMale,
	"mrs": genderFemale, "ms": genderFemale, "miss": genderFemale, "lady": genderFemale,
	"dame": genderFemale, "queen": genderFemale, "princess": genderFemale,
}

// nameGender returns the gender of a resolved speaker name: what known
// says of it, of its last word or of its first, else its first name's.
func nameGender(name string, known map[string]gender) gender {
	if g := known[name]; g != genderUnknown {
		return g
	}
	fs := strings.Fields(name)
	if len(fs) == 0 {
		return genderUnknown
	}
	if g := known[fs[len(fs)-1]]; g != genderUnknown {
		return g
	}
	if g := known[fs[0]]; g != genderUnknown {
		return g // "Mr. Xi" for Xi Jinping
	}
	if first := strings.ToLower(fs[0]); len(fs) > 1 && fs[0] != first && !pronounWord(first) {
		return firstNameGender(first) // a capitalised first name, not "her lawyer"
	}
	return genderUnknown
}

// titledSurnames returns the capitalised words that follow a gendered
// title in the text ("Mr. Xi" gives Xi male), leaving out a word the
// article gives both genders.
func (a *analysis) titledSurnames() map[string]gender {
	out := map[string]gender{}
	for k := 0; k+1 < len(a.toks); k++ {
		if a.toks[k].kind != tkWord || a.toks[k].flags&fTitle == 0 {
			continue
		}
		g := titleGender[a.lowerWord(k)]
		if g == genderUnknown {
			continue
		}
		n := k + 1
		if a.toks[n].kind == tkPunct && a.text[a.toks[n].start] == '.' && n+1 < len(a.toks) {
			n++
		}
		if a.toks[n].kind != tkWord || !a.toks[n].cap {
			continue
		}
		w := trimPossessive(a.word(n))
		if old, ok := out[w]; ok && old != g {
			out[w] = genderUnknown
			continue
		}
		out[w] = g
	}
	return out
}

// selfNamed resolves anew the he or she speaker of each quote that names,
// in full, the person the pronoun resolved to ("He said, “Ann Lee was the
// centre of it all”" is not Ann Lee speaking), leaving that person out;
// the quote keeps its speaker when no one else is found. It costs a
// resolution per such quote.
func (a *analysis) selfNamed(qs []pipeline.Quote, res *resolver) {
	for i := range qs {
		q := &qs[i]
		if q.SpeakerType != pipeline.SpeakerPronoun || !strings.Contains(q.SpeakerName, " ") ||
			!strings.Contains(q.Content.In(a.text), q.SpeakerName) {
			continue
		}
		k := a.tokenAt(q.Speaker.Start)
		res.notName = q.SpeakerName
		m := res.speaker(k, k+1)
		res.notName = ""
		if m.name != "" && m.name != q.Speaker.In(a.text) {
			q.SpeakerName = m.name
		}
	}
}
