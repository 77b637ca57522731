package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/entities"
)

func TestNewDoc(t *testing.T) {
	d := newDoc([]entities.LabeledSentence{
		{Words: []string{"Mike", "Pompeo", "visited", "Baghdad", "."}, Labels: []string{"B-PER", "I-PER", "O", "B-LOC", "O"}},
		{Words: []string{"NATO"}, Labels: []string{"B-ORG"}},
	})
	if d.text != "Mike Pompeo visited Baghdad .\nNATO\n" || d.tokens != 6 || len(d.sents) != 2 {
		t.Fatalf("doc %q, %d tokens, %d sentences", d.text, d.tokens, len(d.sents))
	}
	var got []string
	for _, g := range d.gold {
		got = append(got, g.typ+":"+d.text[g.start:g.end])
	}
	if strings.Join(got, "|") != "PER:Mike Pompeo|LOC:Baghdad|ORG:NATO" {
		t.Errorf("gold %q", got)
	}
}

func TestScores(t *testing.T) {
	var s scores
	gold := []mention{{"PER", 0, 4}, {"LOC", 5, 9}}
	pred := predicted([]pipeline.Entity{
		{Span: pipeline.Span{Start: 0, End: 4}, Label: pipeline.LabelPerson},
		{Span: pipeline.Span{Start: 5, End: 9}, Label: pipeline.LabelGPE},
		{Span: pipeline.Span{Start: 10, End: 12}, Label: pipeline.LabelOrg},
		{Span: pipeline.Span{Start: 13, End: 15}, Label: pipeline.LabelFacility},
	})
	s.add(gold, pred)
	var b bytes.Buffer
	s.print(&b)
	if !strings.Contains(b.String(), "micro  P 0.667  R 1.000  F1 0.800") {
		t.Errorf("scores:\n%s", b.String())
	}
}

func TestRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.conll")
	data := "Secretary\tO\nof\tO\nState\tO\nMike\tB-PER\nPompeo\tI-PER\nvisited\tO\nBaghdad\tB-LOC\n.\tO\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run([]string{path}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "micro  P 1.000  R 1.000  F1 1.000") {
		t.Errorf("output:\n%s", out.String())
	}
	model := filepath.Join(t.TempDir(), "model.bin.gz")
	toy := entities.Train([]entities.LabeledSentence{{Words: []string{"Ann", "Lee", "visited", "Oslo", "."}, Labels: []string{"B-PER", "I-PER", "O", "B-LOC", "O"}}},
		entities.TrainOptions{Epochs: 3, Bits: 10})
	var buf bytes.Buffer
	if _, err := toy.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(model, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run([]string{"-weights", model, path}, &out); err != nil || !strings.Contains(out.String(), "micro") {
		t.Errorf("run with -weights: %v\n%s", err, out.String())
	}
	for _, args := range [][]string{nil, {"-model", "bogus", path}, {filepath.Join(t.TempDir(), "missing")},
		{"-weights", path, path}, {"-weights", filepath.Join(t.TempDir(), "missing"), path}} {
		if err := run(args, &out); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}

func TestPrintErrors(t *testing.T) {
	text := "Mike Pompeo visited Baghdad .\nNATO met\n"
	gold := []mention{{"PER", 0, 11}, {"ORG", 30, 34}}
	pred := []mention{{"PER", 5, 11}, {"ORG", 30, 34}}
	var b bytes.Buffer
	printErrors(&b, text, gold, pred)
	want := "- PER \"Mike Pompeo\" | Mike Pompeo visited Baghdad .\n+ PER \"Pompeo\" | Mike Pompeo visited Baghdad .\n"
	if b.String() != want {
		t.Errorf("printErrors wrote\n%s\nwant\n%s", b.String(), want)
	}
	if got := lineOf("last line", mention{"ORG", 5, 9}); got != "last line" {
		t.Errorf("lineOf without a final newline = %q", got)
	}
}
