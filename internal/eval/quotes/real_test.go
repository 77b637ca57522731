package main

import (
	"strings"
	"testing"
)

func TestScoreReal(t *testing.T) {
	gold, err := readRealGold(strings.NewReader("# comment\n" +
		"d1\tWe will win\tAnna Berg\n" +
		"d1\tBad Blood\t-\n" +
		"d1\tmissed\tTom Hale|the mayor\n" +
		"d1\tseamless\t?\n"))
	if err != nil {
		t.Fatal(err)
	}
	text := "“We will win,” said Berg. The “Bad Blood” singer. “Zoë” and “seamless”."
	at := func(s string) (int, int) {
		i := len([]rune(text[:strings.Index(text, s)]))
		return i, i + len([]rune(s))
	}
	doc := realDoc{ID: "d1", Site: "Example", Text: text}
	for _, q := range []struct{ s, name string }{{"“We will win,”", "anna berg"}, {"“Bad Blood”", ""}, {"“Zoë”", ""}, {"“seamless”", "x"}} {
		s, e := at(q.s)
		name := q.name
		doc.Quotes = append(doc.Quotes, realQuote{Start: s, End: e, Kind: "direct", SpeakerName: &name})
	}
	tally := scoreReal([]realDoc{doc, {ID: "other"}}, gold, nil)["Example"]
	got := tally.realCounts
	want := realCounts{gold: 3, found: 2, pred: 4, predOK: 2, speakers: 1, speakersOK: 1}
	if got != want {
		t.Errorf("tally %+v, want %+v", got, want)
	}
	if len(tally.errors) != 3 {
		t.Errorf("errors %q, want a term taken as quote, a quote not annotated and a missed one", tally.errors)
	}
	if _, err := readRealGold(strings.NewReader("d1\tonly two\n")); err == nil {
		t.Error("a line with two fields was accepted")
	}
}

func TestScoreGender(t *testing.T) {
	gold, err := readRealGold(strings.NewReader("" +
		"d1\tOne\tAnna Berg\n" +
		"d1\tTwo\tAnna Berg\n" +
		"d1\tThree\tTom Hale|the council\n" +
		"d1\tFour\tTom Hale|the council\n" +
		"d1\tFive\tLee Park\n" +
		"d1\tSix\tKim Ode\n" +
		"d1\tSeven\tKim Ode\n"))
	if err != nil {
		t.Fatal(err)
	}
	genders, err := readGenderGold(strings.NewReader("# doc_id\tname\tgender\tevidence\n" +
		"d1\tAnna Berg\tfemale\tpronoun\n" +
		"d1\tTom Hale\tmale\tname\n" +
		"d1\tthe council\tunknown\tbody\n" +
		"d1\tLee Park\tunknown\n"))
	if err != nil {
		t.Fatal(err)
	}
	text := "“One.” “Two.” “Three.” “Four.” “Five.” “Six.” “Seven.”"
	doc := realDoc{ID: "d1", Site: "Example", Text: text}
	for _, q := range []struct {
		quote, name, gender string
	}{
		{"“One.”", "Anna Berg", "female"},   // right
		{"“Two.”", "Anna Berg", ""},         // no speaker_gender: unknown, wrong
		{"“Three.”", "Tom Hale", "unknown"}, // the person's gender: wrong
		{"“Four.”", "The council", "male"},  // the body's alternative: wrong
		{"“Five.”", "Lee Park", "unknown"},  // right, evidence "-"
		{"“Six.”", "Kim Ode", "female"},     // no gender gold: ungraded
		{"“Seven.”", "Someone", "female"},   // wrong speaker: not scored
	} {
		i := len([]rune(text[:strings.Index(text, q.quote)]))
		name := q.name
		rq := realQuote{Start: i, End: i + len([]rune(q.quote)), Kind: "direct", SpeakerName: &name}
		if q.gender != "" {
			g := q.gender
			rq.SpeakerGender = &g
		}
		doc.Quotes = append(doc.Quotes, rq)
	}
	tally := scoreReal([]realDoc{doc}, gold, genders)["Example"]
	var want [3][3]int
	want[0][0], want[0][2] = 1, 1 // female: right, unknown
	want[1][2] = 1                // male as unknown
	want[2][1], want[2][2] = 1, 1 // unknown: as male, right
	if c := tally.realCounts; c.genders != 5 || c.gendersOK != 2 || c.genderUngraded != 1 || c.confusion != want {
		t.Errorf("gender counts %d/%d, %d ungraded, confusion %v; want 2/5, 1, %v", c.gendersOK, c.genders, c.genderUngraded, c.confusion, want)
	}
	wantEvidence := map[string][2]int{"pronoun": {1, 2}, "name": {0, 1}, "body": {0, 1}, "-": {1, 1}}
	if len(tally.byEvidence) != len(wantEvidence) {
		t.Errorf("by evidence %v, want %v", tally.byEvidence, wantEvidence)
	}
	for k, v := range wantEvidence {
		if tally.byEvidence[k] != v {
			t.Errorf("evidence %s: %v, want %v", k, tally.byEvidence[k], v)
		}
	}
	var out strings.Builder
	printGenders(&out, []string{"Example"}, map[string]*realTally{"Example": tally})
	for _, s := range []string{"Example                     0.400  (2/5)", "female            1        0        1", "body 0.000 (0/1)", "1 quotes with the right speaker have no gender gold"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("output lacks %q:\n%s", s, out.String())
		}
	}
	for _, bad := range []string{"d1\tAnna\n", "d1\tAnna\tshe\n", "d1\tAnna\t\tname\n", "\tAnna\tfemale\n", "d1\tAnna\tfemale\tname\tx\n"} {
		if _, err := readGenderGold(strings.NewReader(bad)); err == nil {
			t.Errorf("gender gold %q was accepted", bad)
		}
	}
}
