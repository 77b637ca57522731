package quotes

import "strings"

// verbClass groups reporting verbs by how reliably they introduce speech.
type verbClass uint8

const (
	classSpeech    verbClass = iota // say, tell, add: plain reporting
	classManner                     // warn, insist, shout: speech with a manner
	classWriting                    // write, tweet, post: written statements
	classQuestion                   // ask, reply, answer
	classCognition                  // think, believe: reported thought, weak for quotes
)

// weight is the prior that a verb of the class next to a quotation is the
// quote's cue, used by scoring.
func (c verbClass) weight() float64 {
	switch c {
	case classSpeech:
		return 1
	case classManner, classWriting, classQuestion:
		return 0.93
	default:
		return 0.6
	}
}

// verbForm is one inflected form of a reporting verb.
type verbForm struct {
	class verbClass
	// invert is set for verbs that journalists put before their subject
	// ("said Smith", "added the minister").
	invert bool
	// ing is set for the -ing form, which heads no finite clause.
	ing bool
}

// reportingVerbs lists base forms by class. An entry may carry its past
// form after a colon when it is irregular ("say:said"); a trailing "+"
// doubles the final consonant before -ed and -ing ("admit+"); a leading
// "^" marks verbs used in inversion ("said Smith").
var reportingVerbs = [...]struct {
	class verbClass
	list  string
}{
	{classSpeech, `
		^say:said ^tell:told ^add ^state ^announce ^declare ^explain ^note ^continue ^recall
		^comment ^remark ^observe ^mention ^confirm ^acknowledge ^admit+ ^concede ^warn ^insist
		^argue ^assert ^claim ^contend ^maintain ^stress ^emphasise ^emphasize ^predict ^suggest
		^conclude ^repeat ^reiterate ^quip+ ^joke ^promise ^vow ^pledge ^urge ^complain ^lament
		^boast ^counter ^retort ^recount ^reckon ^explain ^confide ^muse ^wonder ^caution
		^reply ^answer ^respond ^agree ^interject ^chime ^opine ^elaborate ^clarify ^reason
		point report demand brag+ concur+ deny dispute protest object affirm allege testify
		disclose reveal divulge specify summarise summarize describe characterise characterize
		relate narrate detail outline indicate signal hint imply speculate estimate forecast
		calculate guess suppose surmise advise counsel request plead beg+ implore call propose
		recommend encourage remind reassure assure refute contradict rebut+ rejoin+ chide scold
		rebuke reprimand criticise criticize condemn denounce decry deplore slam+ blast accuse
		blame praise laud apologise apologize regret+ confess swear:swore underline underscore
		highlight speak:spoke voice advocate dismiss question thank echo tout cite quote
		label brand hail applaud mock ridicule taunt charge chant read:read sing:sang recite
		proclaim vouch scoff sneer mourn lecture preach crack+ refer+
	`},
	{classManner, `
		^shout ^yell ^scream ^cry ^exclaim ^gasp ^whisper ^murmur ^mutter ^mumble ^sigh ^groan
		^laugh ^chuckle ^snap+ ^bark ^roar ^bellow ^plead ^gush ^enthuse ^gloat ^snort ^sniff
		stammer stutter moan grumble growl snarl rage rant rave giggle snicker sob+ weep:wept
		wail whine whimper beseech shriek screech howl holler persist snipe gripe carp quibble
		ramble blurt chatter sputter splutter fret+ beam smile grin shrug
	`},
	{classWriting, `
		^write:wrote ^tweet ^post ^text+ ^email ^message ^blog+ ^publish ^sign ^scrawl
		editorialise editorialize telegraph
	`},
	{classQuestion, `
		^ask ^inquire ^enquire ^query ^probe ^riposte quiz
	`},
	{classCognition, `
		think:thought believe feel:felt hope fear expect suspect doubt assume presume imagine
		consider wish sense deem
	`},
}

// lexicon maps every lower-case inflected form of a reporting verb to its
// class and flags. It is built once at init and only read afterwards, so it
// is safe for concurrent use.
var lexicon = buildLexicon()

func buildLexicon() map[string]verbForm {
	m := make(map[string]verbForm, 4096)
	put := func(w string, f verbForm) {
		old, ok := m[w]
		if ok && old.class <= f.class {
			// Keep the stronger class; inversion is allowed if any entry allows it.
			old.invert = old.invert || f.invert
			m[w] = old
			return
		}
		if ok {
			f.invert = f.invert || old.invert
		}
		m[w] = f
	}
	for _, group := range reportingVerbs {
		for _, entry := range strings.Fields(group.list) {
			invert := strings.HasPrefix(entry, "^")
			entry = strings.TrimPrefix(entry, "^")
			double := strings.HasSuffix(entry, "+")
			entry = strings.TrimSuffix(entry, "+")
			base, past, _ := strings.Cut(entry, ":")
			f := verbForm{class: group.class, invert: invert}
			if past == "" {
				past = pastForm(base, double)
			}
			put(past, f)
			put(thirdPerson(base), f)
			put(base, f)
			gf := f
			gf.ing = true
			put(ingForm(base, double), gf)
		}
	}
	return m
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// thirdPerson returns the third-person singular present of a regular verb.
func thirdPerson(v string) string {
	switch {
	case strings.HasSuffix(v, "s"), strings.HasSuffix(v, "x"), strings.HasSuffix(v, "z"),
		strings.HasSuffix(v, "ch"), strings.HasSuffix(v, "sh"), strings.HasSuffix(v, "o"):
		return v + "es"
	case len(v) > 1 && v[len(v)-1] == 'y' && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

// pastForm returns the regular past tense of v.
func pastForm(v string, double bool) string {
	switch {
	case double:
		return v + v[len(v)-1:] + "ed"
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case len(v) > 1 && v[len(v)-1] == 'y' && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ied"
	}
	return v + "ed"
}

// ingForm returns the present participle of v.
func ingForm(v string, double bool) string {
	switch {
	case double:
		return v + v[len(v)-1:] + "ing"
	case strings.HasSuffix(v, "ie"):
		return v[:len(v)-2] + "ying"
	case strings.HasSuffix(v, "e") && !strings.HasSuffix(v, "ee") && !strings.HasSuffix(v, "ye") &&
		!strings.HasSuffix(v, "oe") && len(v) > 2:
		return v[:len(v)-1] + "ing"
	}
	return v + "ing"
}
