package quotes

import (
	"strings"

	"github.com/newsmill/newsmill/pipeline"
)

// gender is what a mention reveals about its referent's gender, for
// agreement between "he"/"she" and an antecedent.
type gender uint8

const (
	genderUnknown gender = iota
	genderMale
	genderFemale
)

// genderWords maps lower-case titles, role nouns and pronouns to a
// gender, and the first names that the first-name table (firstNames)
// lacks or gets wrong for news: names from outside the US, and a few that
// US births make unisex but that are one sex where the news comes from
// ("yuri", "carmen"). A name the table gives the same gender is not
// repeated here (see TestGenderWordsAddToTable). It is built at init and
// only read afterwards, so it is safe for concurrent use.
var genderWords = func() map[string]gender {
	m := map[string]gender{}
	for _, w := range strings.Fields(`mr mr. sir lord king prince father husband son brother man
		boy uncle grandfather spokesman chairman congressman councilman businessman he him his
		mitt jean-claude narendra min-jun ji-hoon tunde uwe
		alexei yuri michel amit alfie freddie theo`) {
		m[w] = genderMale
	}
	for _, w := range strings.Fields(`mrs mrs. ms ms. miss lady dame queen princess mother wife
		daughter sister woman girl aunt grandmother spokeswoman chairwoman congresswoman
		councilwoman businesswoman she her hers
		condoleezza ulrike xiaoyan ji-woo seo-yeon min-ji sarah-jane mary-jane
		ines carmen pilar orla`) {
		m[w] = genderFemale
	}
	return m
}()

// genderOf returns what mention c reveals about gender: a pronoun's own, a
// title or role word in or just before it, a name of the hand list in it,
// or, for a person's name of two words or more, its first name's
// (firstNameGender: the hand list, then the SSA table).
func (a *analysis) genderOf(c *mention) gender {
	if c.to > c.from {
		var buf [maxKey]byte
		for k := max(0, c.from-2); k < c.to; k++ {
			if a.toks[k].kind != tkWord {
				continue
			}
			if g := genderWords[string(lowerBytes(&buf, a.word(k)))]; g != genderUnknown {
				if k < c.from && a.toks[k].flags&fTitle == 0 {
					continue // only titles count before the mention
				}
				return g
			}
		}
	}
	if c.typ == pipeline.SpeakerPerson {
		// The first of two or more words, as strings.Fields splits them,
		// looked up without allocating.
		start, end := nextField(c.name, 0)
		if next, _ := nextField(c.name, end); next < len(c.name) {
			var buf [maxKey]byte
			return firstNameGender(string(lowerBytes(&buf, c.name[start:end])))
		}
	}
	return genderUnknown
}

// reportedGenders adds to known the gender of each speaker whose reported
// speech opens with he or she, "Lee said that he would stay" giving Lee
// male: the subject of a reported clause is its speaker far more often
// than anyone else. A pronoun speaker ("she said he") shows nothing of
// the name, and a name given both genders is left unknown. It costs time
// linear in the quotes.
func (a *analysis) reportedGenders(qs []pipeline.Quote, known map[string]gender) {
	for i := range qs {
		q := &qs[i]
		if q.Kind != pipeline.KindIndirect || q.SpeakerName == "" || q.SpeakerType == pipeline.SpeakerOrganization ||
			q.SpeakerType == pipeline.SpeakerUnknown || pronounGender(q.Speaker.In(a.text)) != genderUnknown {
			continue
		}
		content := q.Content.In(a.text)
		start, end := nextField(content, 0)
		if strings.EqualFold(content[start:end], "that") {
			start, end = nextField(content, end)
		}
		g := pronounGender(content[start:end])
		if g == genderUnknown {
			continue
		}
		if old, ok := known[q.SpeakerName]; ok && old != g {
			g = genderUnknown
		}
		known[q.SpeakerName] = g
	}
}
