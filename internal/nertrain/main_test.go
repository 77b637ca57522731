package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/stages/entities"
)

const gmbSample = `Sentence #,Word,POS,Tag
Sentence: 1,President,NNP,B-per
,George,NNP,I-per
,Bush,NNP,I-per
,visited,VBD,O
,the,DT,B-org
,U.N.,NNP,I-org
,in,IN,O
,New,NNP,B-geo
,York,NNP,I-geo
,.,.,O
Sentence: 2,Iraqi,JJ,B-gpe
,",",",",O
,U.S.,NNP,B-org
,troops,NNS,O
,left,VBD,I-tim
,U.N.,NNP,B-geo
,envoy,NN,O
`

func TestReadGMB(t *testing.T) {
	sents, err := readGMB(strings.NewReader(gmbSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 {
		t.Fatalf("%d sentences, want 2", len(sents))
	}
	for _, s := range sents {
		cleanSpans(s)
	}
	want := [][]string{
		{"O", "B-PER", "I-PER", "O", "O", "B-ORG", "O", "B-LOC", "I-LOC", "O"},
		{"O", "O", "B-LOC", "O", "O", "B-ORG", "O"},
	}
	for i, w := range want {
		if !slices.Equal(sents[i].Labels, w) {
			t.Errorf("sentence %d labels %q, want %q", i, sents[i].Labels, w)
		}
	}
	if sents[1].Words[1] != `,` {
		t.Errorf("quoted comma read as %q", sents[1].Words[1])
	}
}

func TestReadUNER(t *testing.T) {
	in := "# sent_id = a-1\n# text = Mike in Tampa Bay\n1\tMike\tB-PER\t-\t-\n2\tin\tO\t-\t-\n3\tTampa\tB-LOC\t-\t-\n4\tBay\tI-LOC\t-\t-\n\n"
	sents, err := readUNER(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1 || strings.Join(sents[0].Words, " ") != "Mike in Tampa Bay" || strings.Join(sents[0].Labels, " ") != "B-PER O B-LOC I-LOC" {
		t.Errorf("sentences %+v", sents)
	}
}

func TestReadGUM(t *testing.T) {
	in := "# sent_id = x-1\n" +
		"1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(1-organization-new-s-cf1-2-coref\n" +
		"2\tIndonesian\tIndonesian\tADJ\tJJ\t_\t3\tamod\t_\tEntity=(2-place-new-s-cf2-1-coref)\n" +
		"3\tNavy\tNavy\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=1)\n" +
		"4\tsaved\tsave\tVERB\tVBD\t_\t0\troot\t_\t_\n" +
		"5\tofficials\tofficial\tNOUN\tNNS\t_\t4\tobj\t_\tEntity=(3-person-new-s-cf3-1-coref\n" +
		"6\tof\tof\tADP\tIN\t_\t7\tcase\t_\t_\n" +
		"7\tAceh\tAceh\tPROPN\tNNP\t_\t5\tnmod\t_\tEntity=(4-place-new-s-cf4-1-coref\n" +
		"8\t,\t,\tPUNCT\t,\t_\t7\tpunct\t_\t_\n" +
		"9\tIndonesia\tIndonesia\tPROPN\tNNP\t_\t7\tappos\t_\tEntity=(5-place-new-s-cf5-1-coref-Indonesia)4)3)\n\n"
	sents, err := readGUM(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := "O B-ORG I-ORG O O O B-LOC O B-LOC"
	if len(sents) != 1 || strings.Join(sents[0].Labels, " ") != want {
		t.Errorf("labels %+v, want %s", sents, want)
	}
}

func TestHeadlines(t *testing.T) {
	s := []entities.LabeledSentence{{Words: []string{"police", "in", "Paris", "arrest", "two"}, Labels: []string{"O", "O", "B-LOC", "O", "O"}}}
	got := headlines(s, 1)
	if len(got) != 1 || strings.Join(got[0].Words, " ") != "Police in Paris Arrest Two" || !slices.Equal(got[0].Labels, s[0].Labels) {
		t.Errorf("headlines = %+v", got)
	}
	two := headlines(append(s, s[0]), 1)
	if len(two) != 2 || strings.Join(two[1].Words, " ") != "POLICE IN PARIS ARREST TWO" {
		t.Errorf("second headline = %+v", two)
	}
	if headlines(s, 0) != nil {
		t.Error("headlines(…, 0) made copies")
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	gmb := filepath.Join(dir, "gmb.csv")
	var b strings.Builder
	b.WriteString("Sentence #,Word,POS,Tag\n")
	for i := range 40 {
		b.WriteString("Sentence: " + string(rune('0'+i%10)) + ",Anna,NNP,B-per\n,Berg,NNP,I-per\n,visited,VBD,O\n,Paris,NNP,B-geo\n,.,.,O\n")
	}
	if err := os.WriteFile(gmb, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	model, heldout := filepath.Join(dir, "m.gz"), filepath.Join(dir, "gmb.conll")
	var log bytes.Buffer
	if err := run([]string{"-corpus", "gmb:gmb:split:" + gmb, "-holdout", "0.25", "-heldout", dir, "-o", model, "-bits", "12", "-epochs", "2"}, &log); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "F1 1.000") {
		t.Errorf("log does not show a perfect fit:\n%s", log.String())
	}
	f, err := os.Open(model)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := entities.ReadModel(f); err != nil {
		t.Fatal(err)
	}
	h, err := os.ReadFile(heldout)
	if err != nil || strings.Count(string(h), "Anna\tB-PER") != 10 {
		t.Errorf("held-out file: %v\n%s", err, h)
	}
	if err := run(nil, &log); err == nil {
		t.Error("run without data succeeded")
	}
	for _, bad := range []string{"gmb", "gmb:xml:train:f", "gmb:gmb:test:f", "gmb:gmb:train:" + filepath.Join(dir, "none*")} {
		if err := run([]string{"-corpus", bad, "-o", model}, &log); err == nil {
			t.Errorf("-corpus %s accepted", bad)
		}
	}
}
