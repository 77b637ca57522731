package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
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

// TestRunRealPooled checks the macro and the pooled (micro) rows of the
// real-news report on two sources of different sizes.
func TestRunRealPooled(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gold := write("gold.tsv", "a1\tOne\tAnn Lee\n"+
		"b1\tTwo\tBo Kim\nb1\tThree\tBo Kim\nb1\tFour\tBo Kim\nb1\tFive\tBo Kim\n")
	genders := write("gender.tsv", "a1\tAnn Lee\tfemale\tname\nb1\tBo Kim\tmale\tpronoun\n")
	doc := func(id, site, text string, quotes ...[3]string) realDoc {
		d := realDoc{ID: id, Site: site, Text: text}
		for _, q := range quotes {
			i := len([]rune(text[:strings.Index(text, q[0])]))
			name, g := q[1], q[2]
			d.Quotes = append(d.Quotes, realQuote{Start: i, End: i + len([]rune(q[0])), Kind: "direct", SpeakerName: &name, SpeakerGender: &g})
		}
		return d
	}
	var lines bytes.Buffer
	enc := json.NewEncoder(&lines)
	for _, d := range []realDoc{
		doc("a1", "A", "“One,” said Ann Lee.", [3]string{"“One,”", "Ann Lee", "female"}),
		doc("b1", "B", "“Two.” “Three.” “Four.” “Five.”",
			[3]string{"“Two.”", "Bo Kim", "unknown"}, // right speaker, wrong gender
			[3]string{"“Three.”", "Bo Kim", "male"},  // right
			[3]string{"“Four.”", "Someone", "male"}), // wrong speaker; Five is missed
	} {
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	docs := write("docs.jsonl", lines.String())
	var out strings.Builder
	if err := runReal(gold, genders, docs, 0, false, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"A                            1     1  1.000  1.000  1.000    1.000  (1/1)\n",
		"B                            4     3  1.000  0.750  0.857    0.667  (2/3)\n",
		"macro average                         1.000  0.875  0.929    0.833\n",
		"pooled (micro)               5     4  1.000  0.800  0.889    0.750  (3/4)\n",
		"macro average               0.750\n",
		"pooled (micro)              0.667  (2/3)\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
