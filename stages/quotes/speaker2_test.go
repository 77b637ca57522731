package quotes

import (
	"sort"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/sentences"
)

// resolveCase is an invented attribution shape from news writing: the
// quote starting with begins must have the speaker name want.
type resolveCase struct {
	name, text string
	persons    []string // PERSON entities, each occurrence
	places     []string // GPE entities
	orgs       []string // ORG entities
	begins     string   // the start of the quote's content
	want       string
}

// run extracts the quotes of tt.text with its entities and checks the
// quote that begins with tt.begins.
func (tt resolveCase) run(t *testing.T) {
	t.Helper()
	sents := sentences.Split(tt.text)
	ents := personEntities(tt.text, sents, tt.persons)
	ents = labelledEntities(ents, tt.text, tt.places, pipeline.LabelGPE)
	ents = labelledEntities(ents, tt.text, tt.orgs, pipeline.LabelOrg)
	sort.Slice(ents, func(i, j int) bool { return ents[i].Start < ents[j].Start })
	qs := Extract(tt.text, sents, ents)
	for _, q := range qs {
		if strings.HasPrefix(strings.TrimLeft(q.Content.In(tt.text), "“\"‘'"), tt.begins) {
			if q.SpeakerName != tt.want {
				t.Errorf("quote %q: speaker %q, name %q, want name %q", tt.begins, q.Speaker.In(tt.text), q.SpeakerName, tt.want)
			}
			return
		}
	}
	t.Errorf("no quote begins with %q in %+v", tt.begins, view(tt.text, qs))
}

// labelledEntities appends to ents an entity with label for each
// occurrence of each of names in text, and returns it.
func labelledEntities(ents []pipeline.Entity, text string, names []string, label string) []pipeline.Entity {
	for _, n := range names {
		for off := 0; ; {
			i := strings.Index(text[off:], n)
			if i < 0 {
				break
			}
			start := off + i
			ents = append(ents, pipeline.Entity{Span: pipeline.Span{Start: start, End: start + len(n)}, Label: label, Canonical: n})
			off = start + len(n)
		}
	}
	return ents
}

// TestSpeakerPhrases checks the phrases that name a speaker around a
// verb: a name's spokesperson, a role noun before a name, a participle
// clause after the subject, a role "to" a place, and a name before a
// comma that is not an introductory phrase.
func TestSpeakerPhrases(t *testing.T) {
	tests := []resolveCase{
		{name: "a name's representative", text: "Lena Ortiz has stayed silent.\n\nOrtiz's rep told the magazine the story was wrong. “The contract was never signed.”",
			persons: []string{"Lena Ortiz", "Ortiz"}, begins: "The contract", want: "Ortiz's rep"},
		{name: "a name's campaign manager", text: "“We will win the county,” Mara Quill’s campaign manager said on Sunday.",
			begins: "We will win", want: "Mara Quill’s campaign manager"},
		{name: "role noun before a name", text: "Mr. Brandt spoke in October. The huge orders Mr. Brandt requested, orders larger “than anything we have seen,” are not in the draft.",
			persons: []string{"Brandt"}, begins: "than anything", want: "Brandt"},
		{name: "the lawyer and a name", text: "“We will appeal the ruling,” the lawyer Tomas Varga said.",
			persons: []string{"Tomas Varga"}, begins: "We will appeal", want: "Tomas Varga"},
		{name: "participle clause after the subject", text: "“We are not leaving,” the tenants gathered outside the town hall shouted.",
			begins: "We are not leaving", want: "the tenants"},
		{name: "a name before a comma", text: "Director Ana Feld spoke to the board.\n\nFeld, by her own account, has given “dozens of interviews that went nowhere.”",
			persons: []string{"Ana Feld", "Feld"}, begins: "dozens of interviews", want: "Ana Feld"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestParagraphContinuation checks that a quote opening a paragraph
// without a cue keeps the previous quote's speaker across a paragraph
// where no person is the subject, and not across one where someone is.
func TestParagraphContinuation(t *testing.T) {
	tests := []resolveCase{
		{name: "across a paragraph about a body", text: "“The ward was full by noon,” said Jane Roe, a nurse.\n\nThe hospital declined to comment.\n\n“We sent people home.”",
			persons: []string{"Jane Roe"}, begins: "We sent people", want: "Jane Roe"},
		{name: "across a paragraph about a person", text: "“The ward was full by noon,” said Jane Roe, a nurse.\n\nHer colleague Tom Hale said the night was worse.\n\n“We sent people home.”",
			persons: []string{"Jane Roe", "Tom Hale"}, begins: "We sent people", want: "Tom Hale"},
		{name: "a subject of its own before the quote", text: "“It was a hard week,” said Jane Roe, a nurse.\n\nHe offered “my thoughts and prayers” to the families.",
			persons: []string{"Jane Roe"}, begins: "my thoughts", want: "He"},
		{name: "the next paragraph", text: "“The ward was full by noon,” said Jane Roe, a nurse.\n\n“We sent people home.”",
			persons: []string{"Jane Roe"}, begins: "We sent people", want: "Jane Roe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestSentenceFinalCue checks that a cue closing a sentence owns a
// partial quote earlier in it, across a second quote, and that without
// such a cue the earlier quote stays without a speaker.
func TestSentenceFinalCue(t *testing.T) {
	tests := []resolveCase{
		{name: "cue at the end", text: "The closures have been “deeply damaging” and the port is building new berths, but for now “we will not take the risk,” harbour chief Olga Brenner said.",
			persons: []string{"Olga Brenner"}, begins: "deeply damaging", want: "Olga Brenner"},
		{name: "second quote's own cue", text: "The closures have been “deeply damaging” and the port, “we will not take the risk,” harbour chief Olga Brenner said, is adding berths.",
			persons: []string{"Olga Brenner"}, begins: "we will not take", want: "Olga Brenner"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestPronounAntecedents checks the scored choice of a he or she: the
// person a sentence is about wins over one named later in passing, a
// pronoun subject keeps the thread across sentences, and gender still
// decides when it is known.
func TestPronounAntecedents(t *testing.T) {
	tests := []resolveCase{
		{name: "subject over a name in passing", text: "Darren Holt, 41, admitted making the threats, prosecutors said.\n\nHolt faces up to five years in prison. He was arrested in May after a call to the office of Senator Ruiz.\n\nDuring the call, he asked about the budget, called the senator a “coward” and hung up, officials said.",
			persons: []string{"Darren Holt", "Holt", "Ruiz"}, begins: "coward", want: "Darren Holt"},
		{name: "pronoun chain", text: "Nadia Pell runs the shelter on Bank Street. She took over in March from Oscar Lind. She says the winter was hard.\n\n“We ran out of blankets twice,” she said.",
			persons: []string{"Nadia Pell", "Oscar Lind"}, begins: "We ran out", want: "Nadia Pell"},
		{name: "gender decides", text: "Maria Pell met John Lind at the depot.\n\n“The trucks were late,” he said.",
			persons: []string{"Maria Pell", "John Lind"}, begins: "The trucks", want: "John Lind"},
		{name: "gender from a wider list of first names", text: "Nadia Pell met Oscar Lind at the depot.\n\n“The trucks were late,” he said.",
			persons: []string{"Nadia Pell", "Oscar Lind"}, begins: "The trucks", want: "Oscar Lind"},
		{name: "comma before and joins the main verb", text: "The mayor noted that he had once run the depot, and added: “I know a little about trucks.”",
			begins: "I know a little", want: "The mayor"},
		{name: "a day is no person", text: "Dr. Natalia Bata studies exoplanets.\n\nToday’s youth belong to a new generation of explorers.\n\n“That is the rewarding part of my work,” she said.",
			persons: []string{"Natalia Bata"}, begins: "That is the rewarding", want: "Natalia Bata"},
		{name: "known gender over unknown nearby", text: "The night went well. The award went to Maria Pell and Robin Quist.\n\n“We were short of drivers all year,” she said.",
			persons: []string{"Maria Pell", "Robin Quist"}, begins: "We were short", want: "Maria Pell"},
		{name: "nearest subject", text: "Oscar Lind spoke first. Then Tom Eady took the microphone.\n\n“We need more drivers,” he said.",
			persons: []string{"Oscar Lind", "Tom Eady"}, begins: "We need more", want: "Tom Eady"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestFullNames checks how a speaker's name is completed and cleaned:
// role words and bodies before a first name go, a surname or initials
// take the full name given elsewhere, and a name the entities know only
// by its surname takes the first name found by capitalisation.
func TestFullNames(t *testing.T) {
	tests := []resolveCase{
		{name: "acronym and role before the name", text: "“The decision was a hard one,” NASA Administrator Carl Boden said.",
			persons: []string{"NASA Administrator Carl Boden"}, begins: "The decision", want: "Carl Boden"},
		{name: "role of a field before the name", text: "Minister of Education Sara Gianni said the reform needed a “broader reflection.”",
			begins: "broader reflection", want: "Sara Gianni"},
		{name: "place before the name", text: "In a statement, Governor of Oregon Tina Kale said, “The museum earned this.”",
			places: []string{"Oregon"}, begins: "The museum", want: "Tina Kale"},
		{name: "initials", text: "Postdoctoral researcher Xiaoli Zheng led the search.\n\n“We got lucky,” X. Zheng said.",
			persons: []string{"Xiaoli Zheng", "X. Zheng"}, begins: "We got lucky", want: "Xiaoli Zheng"},
		{name: "surname only in the entities", text: "As coauthor Colette Hearn told the paper, “The projections agree.”\n\n“Nobody has looked at both,” Hearn said.",
			persons: []string{"Hearn"}, begins: "Nobody has", want: "Colette Hearn"},
		{name: "a titled name after a body", text: "Police spokeswoman Sgt. Amy Chen said the suspect “fled on foot.”",
			begins: "fled on foot", want: "Amy Chen"},
		{name: "a royal title stays", text: "“It was a great success,” Prince Edmund told the BBC.",
			persons: []string{"Edmund"}, begins: "It was a great", want: "Prince Edmund"},
		{name: "a person on a website is no name", text: "“How did they get here?” one user on Weibo posted.",
			begins: "How did they", want: "one user on Weibo"},
		{name: "title stripped from a name by capitalisation", text: "Ms Tamsin Ruel spoke first.\n\n“Salt is the answer,” Ms Ruel said.",
			persons: []string{"Ruel"}, begins: "Salt is", want: "Tamsin Ruel"},
		{name: "generational suffix", text: "Patrick D. Orme Jr., 55, pleaded guilty.\n\n“I regret it,” Orme said.",
			persons: []string{"Patrick D. Orme Jr.", "Orme"}, begins: "I regret", want: "Patrick D. Orme Jr."},
		{name: "middle first names stay", text: "“The river is rising,” ranger Mary Ann Cole said.",
			persons: []string{"Mary Ann Cole"}, begins: "The river", want: "Mary Ann Cole"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestAppositionsAndDescriptions checks names given in apposition to a
// description, descriptions that keep their own words when what they
// refer back to is no name, and the speakers a they may refer to.
func TestAppositionsAndDescriptions(t *testing.T) {
	tests := []resolveCase{
		{name: "inverted, apposition ends the sentence", text: "“We will appeal,” said the lawyer, Jonas Hale.",
			begins: "We will appeal", want: "Jonas Hale"},
		{name: "apposition between commas", text: "The chief of the port, Ana Ruiz, said: “We will reopen.”",
			begins: "We will reopen", want: "Ana Ruiz"},
		{name: "apposition with a title", text: "The undersecretary, Mr. Toccafo, says “fees will rise.”",
			persons: []string{"Toccafo"}, begins: "fees will rise", want: "Toccafo"},
		{name: "apposition after brackets", text: "The secretary general of CEI (the bishops' conference), Nunzio Galli, has called the ruling “dangerous.”",
			begins: "dangerous", want: "Nunzio Galli"},
		{name: "in the words of", text: "Her skin broke every time, and in the words of the Crown prosecutor, Mark Tedesco, QC, “Gloria cried for months.”",
			begins: "Gloria cried", want: "Mark Tedesco"},
		{name: "a name before the commas of its apposition", text: "Cynthia Thorne, curator of exhibits at the University of Arkansas, Fayetteville, said, “These images are a record.”",
			begins: "These images", want: "Cynthia Thorne"},
		{name: "in the words of a noun the lexicon lacks", text: "Here is how bad it got, in the words of the patient: “I could not climb the stairs.”",
			begins: "I could not", want: "the patient"},
		{name: "a name's friend is no apposition", text: "“We will appeal,” said the lawyer, Jonas Hale's old friend.",
			begins: "We will appeal", want: "the lawyer"},
		{name: "a date is no apposition", text: "The minister, Tuesday, said: “We will reopen.”",
			begins: "We will reopen", want: "The minister"},
		{name: "a description after a description", text: "Doctors described a 43-year-old man who grew breathless.\n\nAccording to the man, the drugs “worked within two days.”",
			begins: "worked within", want: "the man"},
		{name: "they are people, not results", text: "The authors say the results confirm the shortfall. They call for “urgent action on salt.”",
			begins: "urgent action", want: "The authors"},
		{name: "a possessive body", text: "PC Planet's analysis of its traffic concluded, “Chrome is gaining fast.”",
			begins: "Chrome is", want: "PC Planet"},
		{name: "a title and a one-word name ending the phrase", text: "Undersecretary for Education Mr. Toccafo says “fees will rise.”",
			persons: []string{"Undersecretary", "Toccafo"}, begins: "fees will rise", want: "Toccafo"},
		{name: "a surname with a particle", text: "Civil Defense director General Suleiman al-Amran, in remarks to television, said “All the wounded are in hospital.”",
			persons: []string{"Suleiman al-Amran"}, begins: "All the wounded", want: "Suleiman al-Amran"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestPhraseLeft checks the subject phrase collected left of a word: a
// participle clause after a noun is left out, and a past form with an
// object ends the phrase.
func TestPhraseLeft(t *testing.T) {
	tests := []struct{ text, before, want string }{
		{"The members gathered outside the hall laughed.", "laughed", "The members"},
		{"The doctor subsequently prescribed the man in the case report.", "report", "the man in the case"},
		{"The newly elected mayor said it.", "said", "The newly elected mayor"},
		{"Officials involved in the talks said it.", "said", "Officials"},
	}
	for _, tt := range tests {
		segs := pairMarks(tt.text)
		a := &analysis{text: tt.text, segs: segs}
		a.toks = tokenize(nil, tt.text, segs)
		a.sents, a.sentOf = splitSentences(nil, nil, tt.text, a.toks)
		got := ""
		for k := range a.toks {
			if a.word(k) == tt.before {
				if from, to := a.phraseLeft(k); to > from {
					got = tt.text[a.toks[from].start:a.toks[to-1].end]
				}
			}
		}
		if got != tt.want {
			t.Errorf("phrase before %q in %q: %q, want %q", tt.before, tt.text, got, tt.want)
		}
	}
}

// TestContinuedSpeakers checks quotes without a cue of their own: one
// going on after an aside between dashes, one opening a sentence after
// a sentence whose speaker is inside an "as" clause, and a he or she
// after a caption line and a sentence opening with "It’s".
func TestContinuedSpeakers(t *testing.T) {
	tests := []resolveCase{
		{name: "after an aside between dashes", text: "“The orbit is no longer round,” said Shan Nair, a navigator. “Its period” – the time one loop takes – “is now 33 minutes shorter.”",
			persons: []string{"Shan Nair"}, begins: "is now 33", want: "Shan Nair"},
		{name: "speaker in an as clause", text: "As Colm Healy told the paper, ozone has dropped since 1980. “The cleanup worked across the country.”",
			persons: []string{"Colm Healy"}, begins: "The cleanup", want: "Colm Healy"},
		{name: "a caption is no person", text: "The system was built by Sarah Wright, the project lead. It is the size of a cart, Wright added.\n\nNASA’s Wallops Flight Facility\n\n“That is the essence of balloon science,” she said.",
			persons: []string{"Sarah Wright", "Wright"}, begins: "That is the essence", want: "Sarah Wright"},
		{name: "It’s is no person", text: "Dr. Maria Batal studies distant planets. It’s a lofty question.\n\n“I love being part of a larger community,” she said.",
			persons: []string{"Maria Batal"}, begins: "I love being", want: "Maria Batal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestSubjectShapes checks subjects found across an introductory phrase
// without a comma, a coordinated verb, a complementiser after an
// inverted verb, an adjective that is no speaker, a name's person after
// a long role, and the possessor of a speech noun.
func TestSubjectShapes(t *testing.T) {
	tests := []resolveCase{
		{name: "name after an introductory phrase", text: "In a radio interview Tomas Berg declared “the treaty may be obsolete.”",
			begins: "the treaty", want: "Tomas Berg"},
		{name: "coordinated verb", text: "Rita Vance, the mayor's rival, bemoaned the closures in Dunmore and said the cuts were a “very big mistake” for the town.",
			persons: []string{"Rita Vance"}, begins: "very big mistake", want: "Rita Vance"},
		{name: "coordinated verb in a clause", text: "When he was asked about the vote, Paul Ortiz laughed and said, “We will see.”",
			persons: []string{"Paul Ortiz"}, begins: "We will see", want: "Paul Ortiz"},
		{name: "that after an inverted verb", text: "City lawyer Dana Holt said in the letter that the poster “wrongly” suggests that Marlow supports the campaign.",
			persons: []string{"Dana Holt"}, begins: "wrongly", want: "Dana Holt"},
		{name: "a name after a is no speaker", text: "Hillary Clinton is describing as “unhinged” a Donald Trump tweet attacking a former Miss Universe.",
			begins: "unhinged", want: "Hillary Clinton"},
		{name: "an adjective is no speaker", text: "FactWatch rated 32% of Republican claims as false last year, warning that “most of them repeat numbers the party has known to be wrong for years.”",
			begins: "most of them", want: "FactWatch"},
		{name: "a name's person after a long role", text: "Independent presidential candidate Gary Jansen’s doctor is calling the candidate “extremely fit.”",
			begins: "extremely fit", want: "Independent presidential candidate Gary Jansen’s doctor"},
		{name: "possessor of a speech noun", text: "The site seized on Mayor Lund’s claim that there have been “thousands of break-ins” this year.",
			persons: []string{"Lund"}, begins: "thousands of", want: "Lund"},
		{name: "a day between subject and verb", text: "Speaker Paul D. Rayne, the party's leader, on Tuesday called the remarks “racist.”",
			begins: "racist", want: "Paul D. Rayne"},
		{name: "a place and a date between subject and verb", text: "Lena Moss, who has feuded with the board, in Dublin on Dec. 6 described the plan as a “big tent.”",
			places: []string{"Dublin"}, begins: "big tent", want: "Lena Moss"},
		{name: "a predicate about the words", text: "The town said Mayor Lund’s comments “are based on opinion, not facts.”",
			persons: []string{"Lund"}, begins: "are based", want: "The town"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestLeadIns checks quotes a colon or comma introduces without a verb
// the lexicon knows, and the names before a colon that are objects.
func TestLeadIns(t *testing.T) {
	tests := []resolveCase{
		{name: "a name before the colon", text: "The timing of the surge doesn’t surprise Republican pollster Dara Shawn: “Lesser-known candidates often win late.”",
			begins: "Lesser-known", want: "Dara Shawn"},
		{name: "a past form the lexicon lacks", text: "During the first debate, Helen Carr cracked, “I'm a progressive who gets things done.”",
			begins: "I'm a progressive", want: "Helen Carr"},
		{name: "put it", text: "As Professor Lina Foss put it: “The country does better than most.”",
			begins: "The country", want: "Lina Foss"},
		{name: "a name and an -ing form", text: "The ad uses footage of Helen Carr asking, “Why aren’t we further ahead?”",
			begins: "Why aren’t", want: "Helen Carr"},
		{name: "with a name and an -ing form", text: "Republicans were irritated by the plan, with Sen. Jon Macklin calling it a “Chinese menu.”",
			begins: "Chinese menu", want: "Jon Macklin"},
		{name: "an adverb between the name and the -ing form", text: "A protester was punched, with Tom Bray reportedly yelling: “Get him out of here!”",
			persons: []string{"Tom Bray"}, begins: "Get him out", want: "Tom Bray"},
		{name: "a noun after a and an adjective", text: "Senate Majority Leader Mitch Connell delivered a blunt message to the mayor: “It is time to stop.”",
			begins: "It is time", want: "Mitch Connell"},
		{name: "a modal before a bare form", text: "A spokesman for the mayor could only quip: “I guess Christmas Eve was booked.”",
			begins: "I guess", want: "A spokesman for the mayor"},
		{name: "a verb and its particle", text: "Clara Voss emails Rita Mills with, “Why now? Was that on my way?” Mills then writes back, “You look cute.”",
			persons: []string{"Clara Voss", "Rita Mills", "Mills"},
			begins:  "You look cute", want: "Rita Mills"},
		{name: "put it with a phrase after it", text: "He was shielded from view, as The Weekly Review put it in a long profile, “the operator.”",
			begins: "the operator", want: "The Weekly Review"},
		{name: "put it after the quote", text: "The main test is a “lawful source of income,” as a Homeland Security memo put it.",
			begins: "lawful source", want: "a Homeland Security memo"},
		{name: "an infinitive", text: "The Slate columnist David Auber went so far as to say: “The site as we know it is over.”",
			begins: "The site", want: "David Auber"},
		{name: "the object of a verb", text: "A woman who lives near the plant and did not want her name used told Newsline: “Even a small rise matters.”",
			begins: "Even a small", want: "A woman"},
		{name: "a long subject and the object of a verb", text: "Ian Hale, an expert in drug use at a university that had no part in the study, told Newsline: “Even a small rise matters.”",
			begins: "Even a small", want: "Ian Hale"},
		{name: "the object of a preposition", text: "The results were published in Nature Letters: “A new kind of star.”",
			begins: "A new kind", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestCompanyByItsWords checks that "the production company" resolves
// to the organisation whose name shares a word with it, past nearer
// organisations.
func TestCompanyByItsWords(t *testing.T) {
	text := "Dorn Clark Productions denied the deal. Big Machine Records said it was pleased, and the Reading Label Group thanked the fans.\n\n“At no time did we agree to a statement,” the production company said."
	var ents []pipeline.Entity
	for _, n := range []string{"Dorn Clark Productions", "Big Machine Records", "Reading Label Group"} {
		i := strings.Index(text, n)
		ents = append(ents, pipeline.Entity{Span: pipeline.Span{Start: i, End: i + len(n)}, Label: pipeline.LabelOrg, Canonical: n})
	}
	// Also when the entities know only the founder's name in it.
	i := strings.Index(text, "Dorn Clark")
	founder := []pipeline.Entity{{Span: pipeline.Span{Start: i, End: i + len("Dorn Clark")}, Label: pipeline.LabelPerson, Canonical: "Dorn Clark"}}
	for _, ents := range [][]pipeline.Entity{ents, founder} {
		for _, q := range Extract(text, sentences.Split(text), ents) {
			if strings.HasPrefix(q.Content.In(text), "At no time") && q.SpeakerName != "Dorn Clark Productions" {
				t.Errorf("speaker name %q, want Dorn Clark Productions", q.SpeakerName)
			}
		}
	}
}

// TestNamesGivenLater checks that a description whose name the article
// gives only later takes it from a later speaker phrase holding all its
// words, and that an indefinite description does not.
func TestNamesGivenLater(t *testing.T) {
	tests := []resolveCase{
		{name: "the name comes later", text: "Norway’s envoy to Chile warned that Oslo “will not stand by.”\n\nOther diplomats agreed.\n\nNorway’s envoy to Chile Kari Lunde said: “We want calm.”",
			persons: []string{"Kari Lunde"}, begins: "will not stand", want: "Kari Lunde"},
		{name: "an indefinite description", text: "An envoy warned that Oslo “will not stand by.”\n\n“We want calm,” said envoy Kari Lunde.",
			persons: []string{"Kari Lunde"}, begins: "will not stand", want: "An envoy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// TestDescriptionsThatNameThemselves checks that a description with a
// demonym does not take another country's body as its antecedent, and
// that "the letter" is not the person a letter was sent to.
func TestDescriptionsThatNameThemselves(t *testing.T) {
	text := "Russia's foreign ministry said the plan was “another step back.” The Security Council met on Monday.\n\nThe French foreign ministry said it “regrets any decision” of the kind."
	var ents []pipeline.Entity
	for _, n := range []string{"Security Council"} {
		i := strings.Index(text, n)
		ents = append(ents, pipeline.Entity{Span: pipeline.Span{Start: i, End: i + len(n)}, Label: pipeline.LabelOrg, Canonical: n})
	}
	for _, q := range Extract(text, sentences.Split(text), ents) {
		if strings.HasPrefix(q.Content.In(text), "regrets") && q.SpeakerName != "The French foreign ministry" {
			t.Errorf("speaker name %q, want The French foreign ministry", q.SpeakerName)
		}
	}
	resolveCase{name: "letter", text: "The doctors said in a Nov. 5 letter to Kevin Mallon that they would help.\n\n“This is an emergency,” says the letter signed by seven physicians.",
		persons: []string{"Kevin Mallon"}, begins: "This is an emergency", want: "the letter"}.run(t)
}

// TestTrimRoles checks trimRoles on names with and without role words
// before the first name.
func TestTrimRoles(t *testing.T) {
	for in, want := range map[string]string{
		"NASA Administrator Carl Boden":    "Carl Boden",
		"Lead Producer Anand Rao":          "Anand Rao",
		"Public Prosecution Eva-Lena Berg": "Eva-Lena Berg",
		"Martin Luther King":               "Martin Luther King",
		"Patrick W. Carlineo Jr.":          "Patrick W. Carlineo Jr.",
		"Stephen King":                     "Stephen King",
		"Carlineo":                         "Carlineo",
		"Abu Bakr al-Baghdadi":             "Abu Bakr al-Baghdadi",
	} {
		if got := trimRoles(in); got != want {
			t.Errorf("trimRoles(%q) = %q, want %q", in, got, want)
		}
	}
}
