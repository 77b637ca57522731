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

// genderWords maps lower-case titles, role nouns and common first names to
// a gender. It is built at init and only read afterwards, so it is safe
// for concurrent use.
var genderWords = func() map[string]gender {
	m := map[string]gender{}
	for _, w := range strings.Fields(`mr mr. sir lord king prince father husband son brother man
		boy uncle grandfather spokesman chairman congressman councilman businessman he him his
		john james robert michael william david richard joseph thomas charles christopher daniel
		matthew anthony mark donald paul steven andrew kenneth george joshua kevin brian edward
		ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
		scott brandon benjamin samuel frank gregory raymond patrick jack dennis jerry tyler aaron
		jose henry adam douglas peter nathan zachary kyle walter harold carl jeremy keith roger
		gerald ethan arthur terry christian sean lawrence austin joe noah jesse albert bryan billy
		bruce willie jordan dylan alan ralph gabriel roy juan wayne eugene logan randy louis russell
		vincent philip bobby johnny bradley mike bill ted marco bernie barack jeb chris rand newt
		mitt tim vladimir mohammed muhammad ahmed ali omar hassan tom luis carlos jorge miguel pedro
		karl hans klaus pierre jean-claude francois giovanni marco luca ivan sergei dmitry igor`) {
		m[w] = genderMale
	}
	for _, w := range strings.Fields(`mrs mrs. ms ms. miss lady dame queen princess mother wife
		daughter sister woman girl aunt grandmother spokeswoman chairwoman congresswoman
		councilwoman businesswoman she her hers mary patricia jennifer linda elizabeth barbara
		susan jessica sarah karen nancy lisa betty margaret sandra ashley kimberly emily donna
		michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia
		kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine
		christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie
		joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah
		martha jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris
		abigail julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana
		brittany natalie isabella charlotte rose alexis kayla hillary chelsea melania ivanka
		huma kellyanne carly sonia ruth nikki condoleezza madeleine hilary theresa angela marine
		rosa sofia lena clara ines priya mira jana grace ana`) {
		m[w] = genderFemale
	}
	return m
}()

// genderOf returns what mention c reveals about gender: a pronoun's own, a
// title or role word in or just before it, or its first name.
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
		if f := strings.Fields(c.name); len(f) > 1 {
			return genderWords[strings.ToLower(f[0])]
		}
	}
	return genderUnknown
}
