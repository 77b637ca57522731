package quotes

import "strings"

// wordFlag marks closed-class words the attribution rules care about.
type wordFlag uint32

const (
	fDet      wordFlag = 1 << iota // the, a, two, those: starts a noun phrase
	fPlural                        // two, several, those: a plural determiner
	fDefinite                      // the, this, that: a definite description
	fPron                          // he, she, they: a subject pronoun
	fStop                          // that, which, but, when: ends a subject leftwards
	fAux                           // is, has, would: auxiliaries, skipped before a verb
	fBe                            // is, was, been: a passive before a participle
	fAdv                           // also, later, not: adverbs between subject and verb
	fPrep                          // in, on, at: prepositions
	fNPPrep                        // of, for, at, with, from: kept inside a speaker phrase
	fAbbrev                        // mr, dr, gen: a period after them ends no sentence
	fTitle                         // president, secretary, mr: stripped from names
	fParticle                      // al, bin, van: lower-case parts of names
	fOrg                           // ministry, department, pentagon: organisation heads
	fHuman                         // official, diplomat, leader: person heads
	fNaming                        // so-called, dubbed, called: a name may follow, not speech
	fDemonym                       // Iraqi, Western, US: adjectives, not names
	fWeak                          // US, senior, former: too common to link descriptions
	fWork                          // show, book, song, slogan: a title is quoted next to them
)

// wordLists feeds wordFlags; the same word may appear under several flags.
var wordLists = [...]struct {
	flag  wordFlag
	words string
}{
	{fDet, `the a an this that these those his her their its our my your another one two three
		four five six seven eight nine ten several some many all both each every other such no
		any most few more numerous various dozens hundreds thousands`},
	{fPlural, `these those two three four five six seven eight nine ten several some many all
		both few numerous various dozens hundreds thousands people men women police`},
	{fDefinite, `the this that these those`},
	{fPron, `he she they i we you it`},
	{fStop, `that which who whom whose what whether when while where why how if because since
		although though but so yet as after before until unless than once and or nor then
		however meanwhile also even there here`},
	{fAux, `is are was were be been being am has have had do does did will would could should
		may might must can shall`},
	{fBe, `is are was were be been being am`},
	{fAdv, `also later then earlier previously once again repeatedly often always never recently
		reportedly publicly privately separately simply just still further not had has have
		will would could should may might must can did does do later subsequently immediately
		quickly flatly bluntly firmly angrily calmly quietly instead`},
	{fPrep, `in on at for of by with from to about during after before into over under against
		among through near since within without across behind beyond inside outside upon via
		per like according despite amid toward towards throughout`},
	{fNPPrep, `of for at with from`},
	{fAbbrev, `mr mrs ms dr st gen sen rep gov lt col capt sgt prof jr sr inc corp ltd co no vs
		jan feb mar apr aug sept sep oct nov dec u.s u.k u.n e.g i.e a.m p.m rev hon maj adm cmdr
		supt insp det`},
	{fTitle, `mr mrs ms miss dr prof professor president vice prime minister secretary senator
		sen rep representative governor gov mayor judge justice chief general gen colonel col
		commissioner chairman chairwoman chair director ambassador sir lord lady dame king queen
		prince princess pope rev reverend father sheikh ayatollah speaker attorney deputy foreign
		defence defense interior finance state chancellor premier commander lt capt sgt officer
		detective inspector superintendent councillor councilman councilwoman congressman
		congresswoman mp mep leader head spokesman spokeswoman spokesperson ceo founder
		executive dr. mr. ms. mrs. hon adm cmdr maj emir crown lieutenant captain sergeant
		admiral major columnist editor reporter analyst economist coach engineer inspector lawyer
		author activist correspondent commentator strategist pollster`},
	{fParticle, `al el bin ibn abu de del della di da van von der den du la le dos das ter`},
	{fOrg, `government ministry department military army navy police administration embassy
		agency committee council company firm party court parliament congress senate office
		campaign union bank group organisation organization commission board authority
		authorities regime cabinet team club coalition alliance pentagon kremlin whitehall
		house corporation corp inc ltd university institute foundation association federation
		service services forces force network newspaper channel spokesman's mission consulate
		secretariat bureau directorate tribunal assembly legislature junta movement militia
		ministries departments governments companies agencies`},
	{fHuman, `official officials diplomat diplomats leader leaders figure figures spokesman
		spokeswoman spokesperson minister ministers member members lawmaker lawmakers senator
		senators president source sources analyst analysts expert experts resident residents man
		men woman women officer officers commander commanders aide aides adviser advisers advisor
		advisors ambassador envoy negotiator negotiators politician politicians candidate
		candidates chairman chairwoman chair director directors executive executives chief head
		professor teacher teachers nurse nurses doctor doctors worker workers activist activists
		protester protesters witness witnesses lawyer lawyers attorney judge prosecutor
		prosecutors researcher researchers scientist scientists economist economists strategist
		general colonel soldier soldiers journalist reporter editor author writer mayor governor
		representative delegate delegates legislator legislators parliamentarian mp mep mps meps
		secretary commissioner regulator manager managers owner founder ceo student students
		parent parents mother father farmer farmers voter voters supporter supporters critic
		critics victim victims survivor survivors neighbour neighbor friend colleague person
		people individual citizen citizens insider insiders observer observers campaigner
		campaigners organiser organizer organisers organizers boss bosses clerk cleric clerics
		host hosts moderator moderators anchor interviewer rep reps
		imam priest bishop rabbi king queen prince minister premier chancellor insider`},
	{fNaming, `so-called dubbed nicknamed titled named entitled called known term word phrase
		call calls calling dub dubs name names nickname nicknames
		slogan label motto hashtag`},
	{fDemonym, `us uk eu un american british iraqi iranian western eastern northern southern
		populist shia shiite sunni muslim christian jewish democratic republican european
		chinese russian french german israeli palestinian syrian turkish indian pakistani
		afghan saudi egyptian lebanese ukrainian polish italian spanish japanese korean
		canadian australian mexican brazilian african asian arab kurdish senior former top
		acting new`},
	{fWeak, `us uk eu un u.s u.k senior former top acting new other same`},
	{fWork, `show shows program programme broadcast episode series book books novel memoir song
		songs anthem album film movie documentary column op-ed essay editorial headline magazine
		newspaper play musical poem slogan slogans sign signs placard placards poster posters
		banner banners shirt shirts t-shirt t-shirts hat hats cap caps sticker stickers tagline
		ad ads advertisement commercial video podcast radio segment website blog hashtag
		loophole rule doctrine category label`},
}

// wordFlags maps a lower-case word to its flags. It is built at init and
// only read afterwards, so it is safe for concurrent use.
var wordFlags = func() map[string]wordFlag {
	m := make(map[string]wordFlag, 1024)
	for _, l := range wordLists {
		for _, w := range strings.Fields(l.words) {
			m[w] |= l.flag
		}
	}
	return m
}()
