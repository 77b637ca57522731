package write

import (
	"bytes"
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
	x := newExtension(nil, []pipeline.Column{{Table: "people", Name: "name", Type: pipeline.String}})
	row, err := x.widen("doc-1", pipeline.Fields{"name": "Ann"})
	if err != nil {
		t.Fatal(err)
	}
	v := reflect.ValueOf(row).Elem()
	if v.Field(0).String() != "doc-1" || *v.Field(1).Interface().(*string) != "Ann" {
		t.Fatalf("row %+v", v.Interface())
	}
	if _, err := x.widen("doc-1", pipeline.Fields{"name": 3}); err == nil || !strings.Contains(err.Error(), "column name: value 3 of type int, want string") {
		t.Fatalf("widen with a wrong type: %v", err)
	}
}
