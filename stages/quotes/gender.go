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
		karl hans klaus pierre jean-claude francois giovanni marco luca ivan sergei dmitry igor
		oscar nathaniel elijah isaac caleb owen liam lucas mason logan hunter connor evan ian
		colin neil graham stuart hugh rupert nigel simon malcolm alistair angus callum declan
		liam sean seamus patrick brendan conor ronan finn oliver harry alfie archie freddie
		theo leo max felix otto stefan lars sven erik anders nils jens henrik bjorn olaf mikael
		piotr pavel andrei alexei mikhail vladislav yuri oleg boris viktor emmanuel
		francesco alessandro matteo lorenzo giuseppe antonio mario luigi paolo sergio diego
		javier alejandro fernando rafael ricardo eduardo andres manuel jesus raul hector
		ahmad mohammad mahmoud mustafa khalid hamid rashid tariq karim samir youssef ibrahim
		abdullah hussein hasan bilal faisal nasser salman imran amir arjun rahul raj vikram
		sanjay amit anil sunil ravi vijay narendra rajesh deepak wei jun hiroshi takeshi kenji
		satoshi akira min-jun ji-hoon kwame kofi chinedu emeka olusegun tunde jacques michel
		philippe nicolas laurent olivier thierry didier alain andre benoit emmanuel xavier
		wolfgang jurgen dieter helmut friedrich heinrich gerhard horst uwe rolf thorsten
		lindsey mitch kirk dale glenn curtis troy wade chuck hank ross clark dean brad chad
		derek duncan elliot gavin grant jared jeff lance marcus martin nick noel rex rick
		rod shane spencer todd trent vince warren wesley zach ben dan sam josh matt greg
		steve tony pete doug rob jim bob ken`) {
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
		rosa sofia lena clara ines priya mira jana grace ana
		nadia natasha tatiana svetlana olga irina elena ekaterina anastasia yulia ksenia
		ingrid astrid sigrid freya annika karin greta ulrike sabine petra ursula heike monika
		claudia francesca giulia chiara alessandra valentina federica silvia paola lucia
		carmen dolores pilar rocio beatriz raquel marta cristina isabel lourdes veronica
		fatima aisha amina khadija layla leila yasmin zainab mariam noor huda samira rania
		priyanka sunita anita kavita pooja neha deepika aishwarya indira sonali meera lakshmi
		mei ling xiaoyan yuki keiko yoko akiko hana sakura ji-woo seo-yeon min-ji
		chloe zoe ella lily amelia ava mia isla poppy evie freya harriet imogen beatrice
		eleanor florence georgia jessica lucy molly phoebe rosie ruby sophie tilly
		siobhan niamh aoife ciara sinead orla roisin saoirse bridget maureen colleen eileen
		kathryn caroline cecilia colette camille celine chantal genevieve isabelle
		juliette margot mathilde nathalie sylvie valerie brigitte francoise
		tiffany brittney courtney whitney lindsay kristen kirsten kristin megan meghan
		shannon tracy stacy wendy tina gina lori jill dawn erin tara vanessa monica
		gabriela mariana daniela fernanda adriana alejandra valeria camila sara elise
		nancy peggy susie kate katie liz beth sue jenny becky alexandria alexandra jane anne
		joanne jeanne rosemary louise sarah-jane mary-jane leah naomi esther miriam judith`) {
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
		// The first of two or more words, as strings.Fields splits them,
		// looked up without allocating.
		start, end := nextField(c.name, 0)
		if next, _ := nextField(c.name, end); next < len(c.name) {
			var buf [maxKey]byte
			return genderWords[string(lowerBytes(&buf, c.name[start:end]))]
		}
	}
	return genderUnknown
}
