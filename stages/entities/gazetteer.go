package entities

import "strings"

// Word classes the tagger sees as features, so that it generalises beyond
// the names of its training data: a given name suggests a person, a place
// name a place, a head word such as "Ministry" or "Records" an
// organisation. The lists are small and hand-written.
const (
	classNone = iota
	classGiven
	classPlace
	classOrgHead
	classPlaceHead
	classDemonym
	classOrg
)

// gazetteer maps a lower-case word to its class.
var gazetteer = map[string]uint8{}

func init() {
	add := func(class uint8, words string) {
		for _, w := range strings.Fields(words) {
			gazetteer[w] = class
		}
	}
	add(classGiven, `
		aaron abdul abdullah abu adam adrian ahmad ahmed alan albert alejandro alex alexander alexei alfred ali alice alicia
		amanda amir amy ana andrea andreas andrew andrei angela angelina anna anne anthony antonio ariel arthur ashley
		barack barbara barham ben benjamin benny bernard bill boris brad brian bruce carl carlos carmen caroline catherine
		charles charlie chris christian christina christine christopher claire clara daniel danny david deborah dennis diana
		dmitry donald dorothy douglas edward elizabeth ellen emily emma emmanuel eric erik ernest eva evan fatima fernando
		francis francisco frank fred frederick gary george georgia gerald gordon grace greg gregory hamid hans harold harry
		hassan heather helen henry hillary hossein howard hugo hussein ian igor imran irene isaac ivan jack jacob jacques
		james jane janet jason javier jean jeff jeffrey jennifer jeremy jerry jessica jim jimmy joan joe joel johan john
		johnny jonathan jorge jose joseph joshua juan julia julian julie justin karen karl kate katherine kathleen keith
		kelly kenneth kevin khalid kim kofi kurt larry laura lee leo leon linda lisa louis lucy luis maria mariano mark
		martin mary matthew maurice max mehmet michael michel michelle miguel mike mikhail mohamed mohammad mohammed
		muhammad mustafa nancy naomi natalie nathan neil nicholas nick nicolas nikolai nina noah nouri nuri olga omar
		oscar pablo pamela patricia patrick paul pedro peter philip pierre qassem rachel rafael ralph ramon raymond rebecca
		recep richard rick robert roberto roger ronald rosa ruth ryan saddam said salim sam samantha samuel sandra sarah
		scott sean sebastian sergei sergey shinzo simon sophie stanley stephen steve steven susan tariq teresa thomas
		tim timothy todd tom tony tyler ursula valerie victor viktor vincent vladimir walter wang wayne william xi yasser
		yuri yusuf zhang`)
	add(classPlace, `
		afghanistan africa albania algeria america americas angola argentina armenia asia australia austria azerbaijan
		baghdad bahrain bangladesh basra beijing beirut belarus belgium berlin bolivia bosnia brazil britain brussels
		bulgaria burma cairo california cambodia canada chad chicago chile china colombia congo croatia cuba cyprus
		damascus darfur denmark dubai ecuador egypt england eritrea estonia ethiopia europe fallujah finland florida
		france gaza geneva georgia germany ghana greece guatemala haiti havana honduras hungary india indonesia iran iraq
		ireland islamabad israel istanbul italy jakarta japan jerusalem jordan kabul kandahar karachi kashmir kazakhstan
		kenya kiev kirkuk korea kosovo kurdistan kuwait lagos lebanon liberia libya lithuania london madrid malaysia mali
		manila mexico moscow mosul mozambique mumbai myanmar nepal netherlands nigeria norway oman ottawa pakistan
		palestine panama paris peru philippines poland portugal qatar riyadh romania russia rwanda scotland senegal
		serbia seoul singapore slovakia somalia spain sudan sweden switzerland sydney syria taiwan tehran texas thailand
		tikrit tokyo tunisia turkey uganda ukraine uruguay uzbekistan venezuela vienna vietnam wales washington yemen
		zambia zimbabwe`)
	add(classOrgHead, `
		academy agency airlines airways alliance army assembly association authority bank bureau cabinet centre center
		church club coalition college commission committee company congress corp corp. corporation council court
		department federation force forces foundation front fund government group guard hospital inc inc. institute
		journal league ltd ltd. media ministry motors movement navy network news office organisation organization
		parliament party police post press records school senate service services society team television times
		tribunal trust union university`)
	add(classPlaceHead, `
		bay canal city coast county desert district gulf island islands lake mountain mountains ocean peninsula
		province region republic river sea state strait territory valley village`)
	add(classOrg, `
		airbus amazon apple at&t bbc boeing chevron cia cnn disney exxon facebook fbi fifa ford gazprom google
		hamas hezbollah honda ibm intel interpol isil isis microsoft nasa nato netflix nissan nokia nvidia opec
		oracle pentagon reuters samsung siemens sony taliban taleban tesla toyota twitter unesco unicef volkswagen
		walmart yahoo al-qaeda al-qaida al-jazeera fatah`)
	add(classDemonym, `
		afghan african american arab asian australian british canadian chinese egyptian european french german greek
		indian iranian iraqi irish israeli italian japanese jordanian korean kurdish lebanese libyan mexican muslim
		pakistani palestinian russian saudi shia shiite shi'ite sunni syrian turkish ukrainian western yemeni`)
}

// wordClass returns the gazetteer class of a normalised (lower-case) word.
func wordClass(norm []byte) uint8 { return gazetteer[string(norm)] }
