package sink

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/newsmill/newsmill/pipeline"
)

func TestExtensionWidensRows(t *testing.T) {
	cols := []pipeline.Column{
		{Table: "quotes", Name: "sentiment", Type: pipeline.Float64},
		{Table: "quotes", Name: "label", Type: pipeline.String},
		{Table: "quotes", Name: "tags", Type: pipeline.StringList},
		{Table: "quotes", Name: "seen", Type: pipeline.Timestamp},
		{Table: "quotes", Name: "n", Type: pipeline.Int64},
		{Table: "quotes", Name: "ok", Type: pipeline.Bool},
	}
	x := newExtension(reflect.TypeFor[sentenceRow](), cols)
	schema := parquet.SchemaOf(reflect.New(x.typ).Interface())
	var got []string
	for _, f := range schema.Fields() {
		got = append(got, f.Name())
	}
	if want := "doc_id sentence start end text sentiment label tags seen n ok"; strings.Join(got, " ") != want {
		t.Fatalf("columns %q, want %q", got, want)
	}

	var buf bytes.Buffer
	w := parquet.NewWriter(&buf, schema)
	seen := time.Date(2026, 3, 1, 12, 0, 0, 0, time.FixedZone("CET", 3600))
	for _, f := range []pipeline.Fields{
		{"sentiment": 0.25, "label": "bad\xffbyte", "tags": []string{"a"}, "seen": seen, "n": int64(7), "ok": true},
		nil,
	} {
		row, err := x.widen(sentenceRow{DocID: "d", Sentence: 1, Start: 2, End: 3, Text: "t"}, f)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	r := parquet.NewReader(pf)
	rows := []map[string]any{}
	for {
		m := map[string]any{}
		if err := r.Read(&m); err != nil {
			break
		}
		rows = append(rows, m)
	}
	if len(rows) != 2 {
		t.Fatalf("read %d rows", len(rows))
	}
	first, second := rows[0], rows[1]
	if first["sentiment"] != 0.25 || first["label"] != "bad\uFFFDbyte" || first["n"] != int64(7) || first["ok"] != true ||
		first["doc_id"] != "d" || first["seen"] != seen.UnixMilli() {
		t.Errorf("first row %v", first)
	}
	if second["sentiment"] != nil || second["label"] != nil || second["text"] != "t" {
		t.Errorf("second row %v", second)
	}
}

func TestExtensionOwnTableAndTypeErrors(t *testing.T) {
	x := newExtension(reflect.TypeFor[ownRow](), []pipeline.Column{{Table: "people", Name: "name", Type: pipeline.String}})
	row, err := x.widen(ownRow{DocID: "doc-1"}, pipeline.Fields{"name": "Ann"})
	if err != nil {
		t.Fatal(err)
	}
	v := reflect.ValueOf(row).Elem()
	if v.Field(0).String() != "doc-1" || *v.Field(1).Interface().(*string) != "Ann" {
		t.Fatalf("row %+v", v.Interface())
	}
	if _, err := x.widen(ownRow{DocID: "doc-1"}, pipeline.Fields{"name": 3}); err == nil || !strings.Contains(err.Error(), "column name: value 3 of type int, want string") {
		t.Fatalf("widen with a wrong type: %v", err)
	}
}

// stageColumns are the columns of an imaginary stage: one per built-in
// table it extends and a table of its own.
var stageColumns = []pipeline.Column{
	{Table: "documents", Name: "topic", Type: pipeline.String},
	{Table: "sentences", Name: "long", Type: pipeline.Bool},
	{Table: "entities", Name: "wikidata", Type: pipeline.String},
	{Table: "quotes", Name: "sentiment", Type: pipeline.Float64},
	{Table: "people", Name: "name", Type: pipeline.String},
	{Table: "people", Name: "mentions", Type: pipeline.Int64},
}

// annotated returns the test documents with values for stageColumns.
func annotated(t *testing.T) []*pipeline.Doc {
	docs := testDocs(t)
	d := docs[0]
	d.Fields = d.Fields.Set("topic", "cafés")
	d.Sentences[0].Fields = d.Sentences[0].Fields.Set("long", true)
	d.Entities[0].Fields = d.Entities[0].Fields.Set("wikidata", "Q1")
	d.Quotes[0].Fields = d.Quotes[0].Fields.Set("sentiment", 0.75)
	d.AddRow("people", pipeline.Fields{"name": "Zoë Martín", "mentions": int64(2)})
	d.AddRow("people", pipeline.Fields{"name": "the mayor"})
	return docs
}

func TestParquetStageColumns(t *testing.T) {
	dir := writeParquet(t, annotated(t), Columns(stageColumns))
	db := openDuckDB(t, dir)
	if _, err := db.Exec(`CREATE VIEW people AS SELECT * FROM read_parquet('` + filepath.Join(dir, "people", PartName) + `')`); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int64{
		`SELECT count(*) FROM documents WHERE topic = 'cafés' AND doc_id = 'd1'`:                    1,
		`SELECT count(*) FROM documents WHERE topic IS NULL`:                                        int64(queryInt(t, db, `SELECT count(*) FROM documents`) - 1),
		`SELECT count(*) FROM sentences WHERE long`:                                                 1,
		`SELECT count(*) FROM entities WHERE wikidata = 'Q1'`:                                       1,
		`SELECT count(*) FROM quotes WHERE sentiment = 0.75`:                                        1,
		`SELECT count(*) FROM people WHERE doc_id = 'd1'`:                                           2,
		`SELECT sum(mentions) FROM people`:                                                          2,
		`SELECT count(*) FROM people p JOIN documents d USING (doc_id) WHERE p.name = 'Zoë Martín'`: 1,
	} {
		if got := queryInt(t, db, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
}

func TestJSONLStageColumns(t *testing.T) {
	var buf bytes.Buffer
	j := NewJSONL(&buf, stageColumns...)
	for _, d := range annotated(t) {
		if err := j.Write(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(buf.String(), "\n", 2)[0]
	for _, want := range []string{`"topic":"cafés"`, `"long":true`, `"wikidata":"Q1"`, `"sentiment":0.75`,
		`"people":[{"doc_id":"d1","name":"Zoë Martín","mentions":2},{"doc_id":"d1","name":"the mayor","mentions":null}]`} {
		if !strings.Contains(first, want) {
			t.Errorf("first line lacks %s:\n%s", want, first)
		}
	}
}
