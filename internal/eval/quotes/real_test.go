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
		doc.Quotes = append(doc.Quotes, struct {
			Start       int     `json:"start"`
			End         int     `json:"end"`
			Kind        string  `json:"kind"`
			SpeakerName *string `json:"speaker_name"`
		}{s, e, "direct", &name})
	}
	tally := scoreReal([]realDoc{doc, {ID: "other"}}, gold)["Example"]
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
