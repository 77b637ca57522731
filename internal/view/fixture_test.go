package view

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
)

// The row types below mirror the output schema (package sink) so that tests
// can write datasets of any shape without running the pipeline.

type fxDoc struct {
	DocID              string     `parquet:"doc_id"`
	Source             string     `parquet:"source"`
	URL                *string    `parquet:"url,optional"`
	Title              *string    `parquet:"title,optional"`
	Site               *string    `parquet:"site,optional"`
	Domain             *string    `parquet:"domain,optional"`
	Published          *time.Time `parquet:"published,optional,timestamp(millisecond)"`
	PublishedPrecision *string    `parquet:"published_precision,optional,dict"`
	Authors            []string   `parquet:"authors,list"`
	Language           *string    `parquet:"language,optional,dict"`
	Warnings           []string   `parquet:"warnings,list"`
	WordCount          int64      `parquet:"word_count"`
	Text               string     `parquet:"text"`
}

// fxOldDoc is the documents row of schema version 1: no optional strings,
// none of the newer columns.
type fxOldDoc struct {
	DocID     string     `parquet:"doc_id"`
	Source    string     `parquet:"source"`
	URL       string     `parquet:"url"`
	Title     string     `parquet:"title"`
	Site      string     `parquet:"site"`
	Published *time.Time `parquet:"published,optional,timestamp(millisecond)"`
	Authors   []string   `parquet:"authors,list"`
	Language  string     `parquet:"language"`
	Text      string     `parquet:"text"`
}

type fxSentence struct {
	DocID    string `parquet:"doc_id"`
	Sentence int64  `parquet:"sentence"`
	Start    int64  `parquet:"start"`
	End      int64  `parquet:"end"`
	Text     string `parquet:"text"`
}

type fxEntity struct {
	DocID     string `parquet:"doc_id"`
	Entity    int64  `parquet:"entity"`
	Text      string `parquet:"text"`
	Label     string `parquet:"label,dict"`
	Start     int64  `parquet:"start"`
	End       int64  `parquet:"end"`
	Sentence  int64  `parquet:"sentence"`
	Canonical string `parquet:"canonical"`
}

type fxQuote struct {
	DocID         string  `parquet:"doc_id"`
	Quote         int64   `parquet:"quote"`
	Text          string  `parquet:"text"`
	Start         int64   `parquet:"start"`
	End           int64   `parquet:"end"`
	Kind          string  `parquet:"kind,dict"`
	Speaker       *string `parquet:"speaker,optional"`
	SpeakerStart  *int64  `parquet:"speaker_start,optional"`
	SpeakerEnd    *int64  `parquet:"speaker_end,optional"`
	SpeakerName   *string `parquet:"speaker_name,optional"`
	SpeakerType   *string `parquet:"speaker_type,optional,dict"`
	SpeakerGender *string `parquet:"speaker_gender,optional,dict"`
	SpeakerEntity *int64  `parquet:"speaker_entity,optional"`
	Cue           *string `parquet:"cue,optional"`
	CueStart      *int64  `parquet:"cue_start,optional"`
	CueEnd        *int64  `parquet:"cue_end,optional"`
	Sentence      int64   `parquet:"sentence"`
	Paragraph     int64   `parquet:"paragraph"`
	Confidence    float64 `parquet:"confidence"`
}

type fxError struct {
	Source  string `parquet:"source"`
	DocID   string `parquet:"doc_id"`
	Stage   string `parquet:"stage,dict"`
	Message string `parquet:"message"`
}

// fxArticle is one document with its rows, spans given as substrings.
type fxArticle struct {
	doc       fxDoc
	sentences []fxSentence
	entities  []fxEntity
	quotes    []fxQuote
}

func ptr[T any](v T) *T { return &v }

// cp returns the code point offsets of the first occurrence of sub in text
// at or after code point from.
func cp(t testing.TB, text, sub string, from int64) (int64, int64) {
	t.Helper()
	b := 0
	for i := int64(0); i < from; i++ {
		_, n := utf8.DecodeRuneInString(text[b:])
		b += n
	}
	i := strings.Index(text[b:], sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	start := from + int64(utf8.RuneCountInString(text[b:b+i]))
	return start, start + int64(utf8.RuneCountInString(sub))
}

// article builds a document whose text is the sentences joined by " ";
// entities are (text, label) and quotes (text in marks, speaker, cue, kind).
func article(t testing.TB, id, title, site string, day time.Time, sentences []string, entities [][2]string, quotes [][4]string) fxArticle {
	text := strings.Join(sentences, " ")
	a := fxArticle{doc: fxDoc{
		DocID: id, Source: id + ".txt", Title: ptr(title), Site: ptr(site), URL: ptr("https://" + site + "/" + id),
		Published: ptr(day), PublishedPrecision: ptr("second"), Authors: []string{"A. Writer"}, Language: ptr("en"),
		Warnings: []string{}, Text: text, WordCount: int64(len(strings.Fields(text))),
	}}
	pos := int64(0)
	for i, s := range sentences {
		st, en := cp(t, text, s, pos)
		a.sentences = append(a.sentences, fxSentence{DocID: id, Sentence: int64(i), Start: st, End: en, Text: s})
		pos = en
	}
	sentenceOf := func(at int64) int64 {
		for _, s := range a.sentences {
			if at >= s.Start && at < s.End {
				return s.Sentence
			}
		}
		return 0
	}
	for i, e := range entities {
		st, en := cp(t, text, e[0], 0)
		a.entities = append(a.entities, fxEntity{DocID: id, Entity: int64(i), Text: e[0], Label: e[1], Start: st, End: en, Sentence: sentenceOf(st), Canonical: e[0]})
	}
	for i, q := range quotes {
		st, en := cp(t, text, q[0], 0)
		row := fxQuote{DocID: id, Quote: int64(i), Text: strings.Trim(q[0], "“”\""), Start: st, End: en, Kind: q[3], Sentence: sentenceOf(st), Confidence: 0.9 - float64(i)/20}
		if q[1] != "" {
			ss, se := cp(t, text, q[1], 0)
			row.Speaker, row.SpeakerStart, row.SpeakerEnd, row.SpeakerName = ptr(q[1]), ptr(ss), ptr(se), ptr(q[1])
			row.SpeakerType, row.SpeakerGender = ptr("person"), ptr("unknown")
			for _, e := range a.entities {
				if e.Start == ss {
					row.SpeakerEntity = ptr(e.Entity)
				}
			}
		}
		if q[2] != "" {
			from := en
			if !strings.Contains(string([]rune(text)[en:]), q[2]) {
				from = 0
			}
			cs, ce := cp(t, text, q[2], from)
			row.Cue, row.CueStart, row.CueEnd = ptr(q[2]), ptr(cs), ptr(ce)
		}
		a.quotes = append(a.quotes, row)
	}
	return a
}

// writeTable writes rows to dir/table/part.parquet with row groups of at
// most groupRows rows.
func writeTable[T any](t testing.TB, dir, table, part string, rows []T, groupRows int) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, table), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, table, part+".parquet"))
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[T](f, parquet.MaxRowsPerRowGroup(int64(groupRows)), parquet.PageBufferSize(64<<10))
	for len(rows) > 0 {
		n := min(len(rows), groupRows)
		if _, err := w.Write(rows[:n]); err != nil {
			t.Fatal(err)
		}
		rows = rows[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// writePart writes one part of a dataset.
func writePart(t testing.TB, dir, part string, arts []fxArticle, errs []fxError) {
	t.Helper()
	var docs []fxDoc
	var sents []fxSentence
	var ents []fxEntity
	var quotes []fxQuote
	for _, a := range arts {
		docs = append(docs, a.doc)
		sents = append(sents, a.sentences...)
		ents = append(ents, a.entities...)
		quotes = append(quotes, a.quotes...)
	}
	writeTable(t, dir, tDocuments, part, docs, 5000)
	writeTable(t, dir, tSentences, part, sents, 50000)
	writeTable(t, dir, tEntities, part, ents, 50000)
	writeTable(t, dir, tQuotes, part, quotes, 50000)
	writeTable(t, dir, tErrors, part, errs, 50000)
}

// writeManifest writes dir/_manifest.json listing parts.
func writeManifest(t testing.TB, dir string, parts []string, docs, errs int) {
	t.Helper()
	writeManifestAs(t, dir, "_manifest.json", parts, docs, errs)
}

// writeManifestAs writes the manifest dir/name listing parts.
func writeManifestAs(t testing.TB, dir, name string, parts []string, docs, errs int) {
	t.Helper()
	m := map[string]any{
		"schema_version": 2, "newsmill_version": "(test)", "stages": []string{"extract", "sentences", "entities", "quotes"},
		"status": "complete", "updated": "2026-12-01T00:00:00Z", "parts": parts, "next_part": len(parts),
		"totals": map[string]int{"records": docs + errs, "documents": docs, "errors": errs},
		"inputs": []map[string]any{{"path": "in.jsonl", "status": "complete", "records": docs + errs, "documents": docs, "errors": errs}},
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Hostile strings: markup in every field a page shows.
const (
	hostileScript = `<script>document.title="pwned"</script>`
	hostileImg    = `"><img src=x onerror="document.title='pwned'">`
)

// fixture writes a small dataset: two parts, a hostile article, an error
// row sharing a document's doc_id and one of its own.
func fixture(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	day := time.Date(2025, 7, 10, 9, 30, 0, 0, time.UTC)
	a := article(t, "doc-a", "Harbour bridge to close", "example.com", day,
		[]string{
			"The bridge will close in May, Mayor Jane Doe said on Monday.",
			"“We have no choice,” said Jane Doe.",
			"Critics in Springfield called it “a disgrace”.",
		},
		[][2]string{{"Jane Doe", "PERSON"}, {"Springfield", "GPE"}},
		[][4]string{
			{"“We have no choice,”", "Jane Doe", "said", "direct"},
			{"“a disgrace”", "", "called", "partial"},
		})
	// A quote with no speaker: its speaker columns are null.
	hostile := article(t, "doc-<h>", "Title "+hostileScript, "evil"+hostileImg, day.AddDate(0, 0, 1),
		[]string{
			"He wrote " + hostileScript + " here.",
			"Then " + hostileImg + " came, said Mallory <b>Bold</b>.",
			"“" + hostileScript + "” said Mallory <b>Bold</b>.",
		},
		[][2]string{{"Mallory <b>Bold</b>", "PERSON"}, {hostileScript, "ORG" + hostileImg}},
		[][4]string{{"“" + hostileScript + "”", "Mallory <b>Bold</b>", "said", "direct"}})
	hostile.doc.Authors = []string{hostileImg}
	hostile.doc.Warnings = []string{"warning " + hostileScript}
	errs := []fxError{
		{Source: "in.jsonl:3", DocID: "doc-a", Stage: "extract", Message: "duplicate record " + hostileScript},
		{Source: "in.jsonl:4", DocID: "doc-c", Stage: "quotes", Message: "panic " + hostileImg},
	}
	writePart(t, dir, "part-00000", []fxArticle{a}, errs[:1])
	writePart(t, dir, "part-00001", []fxArticle{hostile}, errs[1:])
	writeManifest(t, dir, []string{"part-00000", "part-00001"}, 2, 2)
	return dir
}

// synth writes a dataset of n generated documents in parts of perPart,
// for the benchmarks: each document has 6 sentences, 6 entity mentions and
// 3 quotes, from 20,000 speakers, 5,000 entities and 200 sites over two
// years. It takes about 6 s per 100,000 documents on this machine.
func synth(t testing.TB, dir string, n, perPart int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the minister said plans for new housing would be announced after talks with council leaders and residents in the city centre on tuesday while opposition groups warned of delays costs and a lack of consultation over the bridge project which has divided opinion for years")
	kinds := []string{"direct", "indirect", "partial"}
	labels := []string{"PERSON", "GPE", "ORG"}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var parts []string
	for p := 0; p*perPart < n; p++ {
		part := fmt.Sprintf("part-%05d", p)
		parts = append(parts, part)
		var docs []fxDoc
		var sents []fxSentence
		var ents []fxEntity
		var quotes []fxQuote
		for i := p * perPart; i < min((p+1)*perPart, n); i++ {
			id := fmt.Sprintf("doc-%08d", i)
			var sb strings.Builder
			var spans [][2]int64
			for s := range 6 {
				start := int64(sb.Len())
				for w := range 14 {
					if w > 0 {
						sb.WriteByte(' ')
					}
					sb.WriteString(words[rng.IntN(len(words))])
				}
				sb.WriteString(".")
				spans = append(spans, [2]int64{start, int64(sb.Len())})
				sents = append(sents, fxSentence{DocID: id, Sentence: int64(s), Start: start, End: int64(sb.Len())})
				sb.WriteByte(' ')
			}
			text := sb.String()
			for e := range 6 {
				sp := spans[e]
				ents = append(ents, fxEntity{DocID: id, Entity: int64(e), Text: text[sp[0] : sp[0]+3], Label: labels[e%3],
					Start: sp[0], End: sp[0] + 3, Sentence: int64(e), Canonical: fmt.Sprintf("Entity %d", rng.IntN(5000))})
			}
			for q := range 3 {
				sp := spans[q+1]
				name := fmt.Sprintf("Speaker %d", rng.IntN(20000))
				quotes = append(quotes, fxQuote{DocID: id, Quote: int64(q), Text: text[sp[0]+4 : sp[1]-1], Start: sp[0] + 4, End: sp[1] - 1,
					Kind: kinds[q], Speaker: ptr(name), SpeakerStart: ptr(sp[0]), SpeakerEnd: ptr(sp[0] + 3), SpeakerName: ptr(name),
					Cue: ptr("said"), CueStart: ptr(sp[0]), CueEnd: ptr(sp[0] + 3), Sentence: int64(q + 1), Confidence: rng.Float64()})
			}
			docs = append(docs, fxDoc{DocID: id, Source: "gen.jsonl", Title: ptr("Article " + id), Site: ptr(fmt.Sprintf("site%d.example", rng.IntN(200))),
				Published: ptr(base.Add(time.Duration(rng.IntN(730*24)) * time.Hour)), Authors: []string{}, Warnings: []string{}, Text: text})
		}
		writeTable(t, dir, tDocuments, part, docs, 20000)
		writeTable(t, dir, tSentences, part, sents, 50000)
		writeTable(t, dir, tEntities, part, ents, 50000)
		writeTable(t, dir, tQuotes, part, quotes, 50000)
		writeTable(t, dir, tErrors, part, []fxError{{Source: "gen.jsonl", DocID: fmt.Sprintf("bad-%d", p), Stage: "extract", Message: "no text"}}, 50000)
	}
	writeManifest(t, dir, parts, n, len(parts))
}
