package quotes

import (
	"strings"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/sentences"
)

// TestSpeakerGenderAndEntity checks the gender and entity link of the last
// direct quote of small articles. Entities are given as the names to mark
// PERSON (their canonical is the fullest name ending with the same word).
func TestSpeakerGenderAndEntity(t *testing.T) {
	tests := []struct {
		name, text string
		persons    []string
		gender     string
		entity     string // the text of the linked entity, "" for none
	}{
		{"pronoun she", "Maria Lopez runs a bakery.\n\n“We are barely surviving,” she said.", []string{"Maria Lopez"}, "female", "Maria Lopez"},
		{"first name", "“The figures do not add up,” said Omar Haddad, an economist.", []string{"Omar Haddad"}, "male", "Omar Haddad"},
		{"title only", "Ms. Okonkwo arrived late. “It was a long night,” Okonkwo said.", []string{"Okonkwo"}, "female", "Okonkwo"},
		{"title in the phrase", "“We will appeal,” said Mr. Xi.", []string{"Xi"}, "male", "Xi"},
		{"pronoun elsewhere", "Dana Kowalski led the inquiry. “It took a year,” she said. “The report is clear,” Kowalski said.", []string{"Dana Kowalski", "Kowalski"}, "female", "Kowalski"},
		{"role noun", "“No comment,” said the spokeswoman.", nil, "female", ""},
		{"possessive is not the speaker", "“We will appeal,” her lawyer said.", nil, "unknown", ""},
		{"organisation", "“We never comment,” the State Department said.", nil, "unknown", ""},
		{"unisex name", "“We will appeal,” said Casey Ivanenko.", []string{"Casey Ivanenko"}, "unknown", "Casey Ivanenko"},
		{"name the table knows", "“We will appeal,” said Sasha Ivanenko.", []string{"Sasha Ivanenko"}, "female", "Sasha Ivanenko"},
		{"name no list knows", "“We will appeal,” said Zorvath Ivanenko.", []string{"Zorvath Ivanenko"}, "unknown", "Zorvath Ivanenko"},
		{"no entities", "“We will appeal,” said John Smith.", nil, "male", ""},
		{"pronoun subject, not speaker", "Casey Ivanenko chairs the board. She took office in May.\n\n“The budget is final,” Ivanenko said.", []string{"Casey Ivanenko", "Ivanenko"}, "female", "Ivanenko"},
		{"pronouns of both genders", "Casey Ivanenko chairs the board. She took office in May. He resigned in June.\n\n“The budget is final,” Ivanenko said.", []string{"Casey Ivanenko", "Ivanenko"}, "unknown", "Ivanenko"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := sentences.Split(tt.text)
			ents := personEntities(tt.text, sents, tt.persons)
			var last *pipeline.Quote
			qs := Extract(tt.text, sents, ents)
			for i := range qs {
				if qs[i].Kind == pipeline.KindDirect {
					last = &qs[i]
				}
			}
			if last == nil {
				t.Fatalf("no direct quote in %+v", qs)
			}
			if last.SpeakerGender != tt.gender {
				t.Errorf("gender %q, want %q (speaker %q, name %q)", last.SpeakerGender, tt.gender, last.Speaker.In(tt.text), last.SpeakerName)
			}
			got := ""
			if last.SpeakerEntity != nil {
				got = ents[*last.SpeakerEntity].In(tt.text)
			}
			if got != tt.entity {
				t.Errorf("entity %q, want %q", got, tt.entity)
			}
		})
	}
}

// personEntities returns a PERSON entity for each occurrence of each of
// names in text, sorted by start, with the fullest name sharing the last
// word as canonical.
func personEntities(text string, sents []pipeline.Sentence, names []string) []pipeline.Entity {
	var out []pipeline.Entity
	for i := 0; i < len(text); i++ {
		for _, n := range names {
			if !strings.HasPrefix(text[i:], n) || i > 0 && text[i-1] != ' ' && text[i-1] != '\n' || covered(out, i) {
				continue
			}
			canon := n
			for _, m := range names {
				if len(m) > len(canon) && strings.HasSuffix(m, " "+n) {
					canon = m
				}
			}
			out = append(out, pipeline.Entity{Span: pipeline.Span{Start: i, End: i + len(n)}, Label: pipeline.LabelPerson,
				Sentence: sentenceIndex(sents, i), Canonical: canon})
		}
	}
	return out
}

// covered reports whether byte i falls inside one of es.
func covered(es []pipeline.Entity, i int) bool {
	return len(es) > 0 && es[len(es)-1].End > i
}

// TestSpeakerNameWithEntities checks that an entity names the speaker
// only when it heads the speaker phrase.
func TestSpeakerNameWithEntities(t *testing.T) {
	tests := []struct {
		name, text string
		persons    []string
		want       string
	}{
		{"possessive", "“Big Machine is trying to deflect,” Swift's rep told Fox News.", []string{"Swift"}, "Swift's rep"},
		{"object of a preposition", "“We will not sit on our hands,” the ambassador to Britain warned.", []string{"Britain"}, "the ambassador to Britain"},
		{"title and organisation before the name", "“The hearing is a sham,” White House Press Secretary Stephanie Grisham said.", []string{"Stephanie Grisham"}, "Stephanie Grisham"},
		{"the possessor of a speech noun, not a phrase opening with a preposition", "Despite Mr. Trump’s Oct. 11 announcement that the two had reached a “historic” agreement, signing a deal has proved elusive.", []string{"Trump"}, "Trump"},
		{"surname He", "“Without rolling back the tariffs, it will be hard,” He Jianxiong, the former director, said.", nil, "He Jianxiong"},
		{"pronoun He", "Tom Reis walked in. “I found it,” He said.", nil, "Tom Reis"},
		{"title stripped", "Eva-Marie Persson led the inquiry. “The evidence has weakened,” Ms Persson said.", []string{"Eva-Marie Persson", "Ms Persson"}, "Eva-Marie Persson"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := sentences.Split(tt.text)
			qs := Extract(tt.text, sents, personEntities(tt.text, sents, tt.persons))
			if len(qs) == 0 || qs[0].SpeakerName != tt.want {
				t.Errorf("quotes %+v, want speaker name %q", qs, tt.want)
			}
		})
	}
}

// TestCompanyResolvesToOrganisation checks that "the company" with no
// mention sharing its words resolves to the organisation named just before.
func TestCompanyResolvesToOrganisation(t *testing.T) {
	text := "Shortly after the news broke, Brightwater Holdings denied the report.\n\n“No agreement was made,” the production company said."
	sents := sentences.Split(text)
	start := strings.Index(text, "Brightwater Holdings")
	ents := []pipeline.Entity{{Span: pipeline.Span{Start: start, End: start + len("Brightwater Holdings")}, Label: pipeline.LabelOrg, Canonical: "Brightwater Holdings"}}
	qs := Extract(text, sents, ents)
	if len(qs) == 0 || qs[0].SpeakerName != "Brightwater Holdings" || qs[0].SpeakerEntity == nil || *qs[0].SpeakerEntity != 0 {
		t.Errorf("quotes %+v, want Brightwater Holdings", qs)
	}
}
