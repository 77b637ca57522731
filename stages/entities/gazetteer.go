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
		abdel abdelaziz abdulla abdulrahman ada adel adnan ahmet aisha akbar akira alberto aleksandr alexandra alexis
		alfonso ali alma alonso amal amina amit anand andres andrzej angel anil anita antoine antonia arjun arnold
		arturo ashraf aziz bashar beatriz benedict bernie betty beverly bilal bob bobby boris brandon brenda bruno
		camila carla carol carolyn cesar chang chen cheng chloe christophe cindy claudia colin craig cristina cynthia
		dan dana daniela dario darren dave dean debra denis diane diego dimitri dina dmitri dominic don doris
		duncan dylan ebrahim eduardo elena eli elias elif elijah elisabeth elon emil emilio enrique esther
		eugene evelyn fabio faisal farid farouk fatma federico felipe felix fidel florence francesca franco francois
		franz fyodor gabriel gabriela gareth gavin gennady gerhard gianni gilbert giorgio giovanni giuseppe gloria
		goran gustavo hakan hamza hana hannah haruki hasan heinz helmut herbert hiroshi hong hugh hui hyun ibrahim
		ignacio ilya imran ingrid isabel isabella ismail jacqueline jaime jamal jan janet janice jared javad jayden
		jean-claude jean-luc jean-pierre jens jesus jia jiang jihad jill joanna joaquin jochen jonas jordi
		josef joyce juergen jung kamal kamala karim katarzyna kazuo keir ken kenji khaled khalil kiril kirill
		klaus kristen kumar lars laurent leila lena leonid liam lin ling liu lorenzo luca lucas ludwig luigi luiz
		lukas magdalena mahmoud majid malik manuel marco marcus margaret mariam marie marina mario marion marta
		marwan masood matteo maxim mehdi mei melissa mia ming mohamad mohsen monica morgan moshe mukesh nabil
		nadia naftali narendra nasser natalia nawaz nelson nicola nicole nikita nikolas ning nigel nora olaf
		oleg oliver olivia omer orhan otto paolo pascal paula pavel pedro penny petr petra philippe pierre-yves
		piotr pradeep priya pyotr qasim rahul raj rajesh ramzan rania raul reza ricardo rishi rita robin rodrigo
		roman ron rosa rudy rupert saad sadiq salah salman sami samir sanjay santiago sara sasha satya saud sean
		sebastien sergio shaikh shahid sharif shen shimon shlomo silvio sofia sonia stefan stefano
		stephanie sung sunil suzanne svetlana takashi tamara tanya tarek tatiana ted teodor theresa thierry
		thomas tina tomas ulrich uri valentina valentin vanessa vera victoria vijay viktor vitaly vivian vladislav
		volodymyr walid wei wen werner willem wolfgang xavier xu yan yang yaroslav yasmin yevgeny yoav yoshihide
		yossi youssef yu yulia yusuf zaid zainab zbigniew zeynep zhou zoran
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
		abuja accra addis aden aleppo algiers almaty amman amsterdam anbar ankara antwerp arizona athens atlanta
		auckland baku bali bamako bangkok barcelona basel beijing belfast belgrade benghazi bern bogota bombay boston
		brasilia bratislava brisbane bucharest budapest buenos calcutta cambridge canberra cape caracas casablanca
		chechnya chengdu chennai chittagong colombo colorado copenhagen crimea dakar dallas delhi detroit dhaka doha
		donetsk dublin durban edinburgh erbil fiji frankfurt gaza glasgow gothenburg guangzhou hamburg hanoi harare
		hawaii helmand helsinki herat hiroshima homs hong houston hyderabad idlib illinois jeddah johannesburg kampala
		kansas karbala kathmandu kentucky kharkiv khartoum kigali kinshasa kolkata kuala kunduz kyoto lahore lebanon
		liverpool lisbon ljubljana luanda luxembourg lyon macedonia madagascar malawi maldives malta manchester
		maryland mauritania mecca medina melbourne miami michigan milan minsk mogadishu moldova monaco mongolia
		montenegro montreal morocco munich nairobi najaf namibia nagasaki naples nevada newcastle nicaragua niger
		nineveh odessa ohio oregon osaka oslo palermo paraguay pennsylvania perth philadelphia phnom pittsburgh
		prague pretoria puerto pyongyang quebec quetta rabat ramadi ramallah rangoon riga rio rome rotterdam
		salvador samarra sanaa santiago sarajevo seattle shanghai sicily sinai skopje slovenia sofia srebrenica
		stockholm strasbourg stuttgart suez sulaimaniyah surabaya tallinn tashkent tbilisi tennessee tirana
		toronto tripoli turin ukraine ulaanbaatar utah vancouver venice vermont vilnius virginia warsaw wellington
		wuhan yangon yerevan zagreb zurich arabia emirates zealand lanka leone herzegovina
		bahamas barbados belize benin bhutan botswana brunei burundi cameroon comoros djibouti dominica eswatini
		gabon gambia grenada guinea guyana iceland jamaica kiribati kyrgyzstan laos latvia lesotho liechtenstein
		mauritius micronesia nauru palau samoa seychelles somaliland suriname swaziland tajikistan tanzania timor
		togo tonga trinidad turkmenistan tuvalu vanuatu
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
		zambia zimbabwe
		alps andes antarctica arctic atlantic balkans caribbean caucasus danube euphrates ganges himalayas indus
		mediterranean mekong mississippi nile pacific rhine sahara siberia thames tigris volga yangtze`)
	add(classOrgHead, `
		airports authority bancorp brotherhood caucus commissions companies conglomerate cooperative corps council
		councils courts diocese embassy fraternity guardians institutes laboratories labs ministries
		nations observatory parliaments partnership seminary taskforce tribune unions watch
		academy agency airline airlines airways alliance army assembly association associates authority bank banks
		battalion board brigade brigades broadcasting bureau cabinet caucus centre center chamber church club coalition
		co co. college command commission committee communications company confederation conference congress consortium
		corp corp. corporation council court department directorate division enterprises exchange federation fleet
		force forces foundation front fund government group guard guards holdings hospital inc inc. industries institute
		institution insurance international journal league limited llc ltd ltd. media militia ministry mission monitor
		motors movement navy network news newspaper office organisation organization orchestra pictures parliament
		partners party pharmaceuticals police post press program programme radio railway railways records regiment
		reserve school secretariat senate service services society squad studios syndicate systems team technologies
		telecom television times tribunal trust union unit university`)
	add(classPlaceHead, `
		bay canal city coast county desert district gulf island islands lake mountain mountains ocean peninsula
		province region republic river sea state strait territory valley village zone`)
	add(classOrg, `
		aljazeera al-shabaab amnesty apec barclays bayer blackrock bloomberg bundesbank bundestag citigroup cnbc
		comcast dhl duma ecowas europol fbi fedex frontex goldman hsbc huawei hyundai ikea isro jpmorgan kremlin
		lufthansa mossad motorola nafta nhs nokia npr opcw pepsico pfizer politico renault rosneft ryanair sabic
		saudi-aramco shin-bet siemens spacex starbucks telegraph tencent tiktok uber unitednations vodafone whatsapp
		wikileaks youtube zte labour tories likud knesset hamas houthis hezbollah kataib
		afp airbus al-jazeera al-qaeda al-qaida al-shabab amazon apple asean at&t bbc boeing bp chevron cia cnn
		disney eu europol exxon facebook fatah fbi fifa ford gazprom google hamas hezbollah honda hsbc iaea ibm imf
		intel interpol ioc isil isis kgb microsoft nasa nato netflix nissan nokia nvidia oecd opec oracle pentagon
		petrobras reuters samsung siemens sony taliban taleban tesla toyota twitter u.n. uefa un unesco
		unhcr unicef volkswagen walmart wto xinhua yahoo`)
	add(classDemonym, `
		afghan african american arab asian australian british canadian chinese egyptian european french german greek
		indian iranian iraqi irish israeli italian japanese jordanian korean kurdish lebanese libyan mexican muslim
		pakistani palestinian russian saudi shia shiite shi'ite sunni syrian turkish ukrainian western yemeni`)
}

// wordClass returns the gazetteer class of a normalised (lower-case) word.
func wordClass(norm []byte) uint8 { return gazetteer[string(norm)] }
