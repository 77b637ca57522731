package sink

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/newsmill/newsmill/internal/duckdbtest"
	"github.com/newsmill/newsmill/pipeline"
)

// writeParquet writes docs to a new dataset in a temporary directory and
// returns the directory.
func writeParquet(t *testing.T, docs []*pipeline.Doc, opts ...ParquetOption) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	sink, err := NewParquet(dir, opts...)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := sink.Write(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// openDuckDB returns an in-memory DuckDB with one view per table of the
// dataset in dir.
func openDuckDB(t *testing.T, dir string) *sql.DB {
	t.Helper()
	return duckdbtest.Dataset(t, dir, PartName, Tables)
}

func queryInt(t *testing.T, db *sql.DB, q string) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// wantSchema is the interface of the dataset: column names and DuckDB types.
var wantSchema = map[string][]string{
	"documents": {"doc_id VARCHAR", "source VARCHAR", "url VARCHAR", "title VARCHAR", "site VARCHAR",
		"domain VARCHAR", "published TIMESTAMP WITH TIME ZONE", "published_offset VARCHAR",
		"published_precision VARCHAR", "published_source VARCHAR", "modified TIMESTAMP WITH TIME ZONE",
		"fetched TIMESTAMP WITH TIME ZONE", "authors VARCHAR[]", "language VARCHAR", "description VARCHAR",
		"section VARCHAR", "tags VARCHAR[]", "image VARCHAR", "meta VARCHAR", "warnings VARCHAR[]",
		"extract_retries BIGINT", "word_count BIGINT", "text_hash VARCHAR", "text VARCHAR"},
	"sentences": {"doc_id VARCHAR", "sentence BIGINT", "start BIGINT", "end BIGINT", "text VARCHAR"},
	"entities": {"doc_id VARCHAR", "entity BIGINT", "text VARCHAR", "label VARCHAR", "start BIGINT",
		"end BIGINT", "sentence BIGINT", "canonical VARCHAR"},
	"quotes": {"doc_id VARCHAR", "quote BIGINT", "text VARCHAR", "start BIGINT", "end BIGINT", "kind VARCHAR",
		"speaker VARCHAR", "speaker_start BIGINT", "speaker_end BIGINT", "speaker_name VARCHAR",
		"speaker_type VARCHAR", "speaker_gender VARCHAR", "speaker_entity BIGINT", "cue VARCHAR",
		"cue_start BIGINT", "cue_end BIGINT", "sentence BIGINT", "paragraph BIGINT", "confidence DOUBLE"},
	"errors": {"source VARCHAR", "doc_id VARCHAR", "stage VARCHAR", "message VARCHAR"},
}

func checkSchema(t *testing.T, db *sql.DB) {
	t.Helper()
	for _, tbl := range Tables {
		rows, err := db.Query(`SELECT column_name, column_type FROM (DESCRIBE ` + tbl + `)`)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var name, typ string
			if err := rows.Scan(&name, &typ); err != nil {
				t.Fatal(err)
			}
			got = append(got, name+" "+typ)
		}
		rows.Close()
		if !slices.Equal(got, wantSchema[tbl]) {
			t.Errorf("%s schema:\n got %q\nwant %q", tbl, got, wantSchema[tbl])
		}
	}
}

func TestParquetDuckDB(t *testing.T) {
	dir := writeParquet(t, testDocs(t))
	db := openDuckDB(t, dir)
	checkSchema(t, db)

	counts := map[string]int64{"documents": 4, "sentences": 5, "entities": 6, "quotes": 3, "errors": 1}
	for tbl, want := range counts {
		if got := queryInt(t, db, `SELECT count(*) FROM `+tbl); got != want {
			t.Errorf("%s: %d rows, want %d", tbl, got, want)
		}
	}

	// Every span, read back by DuckDB with its code point semantics, gives
	// the row's text.
	for _, q := range []string{
		`SELECT count(*) FROM sentences s JOIN documents d USING (doc_id)
		 WHERE substring(d.text, s.start + 1, s."end" - s.start) IS DISTINCT FROM s.text`,
		`SELECT count(*) FROM entities e JOIN documents d USING (doc_id)
		 WHERE substring(d.text, e.start + 1, e."end" - e.start) IS DISTINCT FROM e.text`,
		`SELECT count(*) FROM quotes q JOIN documents d USING (doc_id)
		 WHERE q.speaker IS NOT NULL
		   AND substring(d.text, q.speaker_start + 1, q.speaker_end - q.speaker_start) IS DISTINCT FROM q.speaker`,
		// Single-paragraph quotes: the words are the span without its marks.
		`SELECT count(*) FROM quotes q JOIN documents d USING (doc_id)
		 WHERE q.text NOT LIKE '%' || chr(10) || '%'
		   AND substring(d.text, q.start + 2, q."end" - q.start - 2) IS DISTINCT FROM q.text`,
	} {
		if n := queryInt(t, db, q); n != 0 {
			t.Errorf("%d rows whose span does not give their text:\n%s", n, q)
		}
	}

	var title, authors string
	var published int64
	if err := db.QueryRow(`SELECT title, array_to_string(authors, '|'), epoch_ms(published)
		FROM documents WHERE doc_id = 'd1'`).Scan(&title, &authors, &published); err != nil {
		t.Fatal(err)
	}
	wantMS := time.Date(2024, 3, 1, 9, 30, 15, 123e6, time.UTC).UnixMilli()
	if title != "Zoë’s café" || authors != "Ann Lee|José Núñez" || published != wantMS {
		t.Errorf("d1 = %q %q %d, want Zoë’s café, Ann Lee|José Núñez, %d", title, authors, published, wantMS)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM documents WHERE published IS NULL`); n != 3 {
		t.Errorf("%d documents with a null published time, want 3", n)
	}

	var text, speaker, cue string
	var start, end int64
	if err := db.QueryRow(`SELECT text, start, "end", speaker, cue FROM quotes WHERE doc_id = 'd1'`).
		Scan(&text, &start, &end, &speaker, &cue); err != nil {
		t.Fatal(err)
	}
	if text != "We’re open." || start != 28 || end != 41 || speaker != "Zoë Martín" || cue != "said" {
		t.Errorf("d1 quote = %q [%d,%d) %q %q", text, start, end, speaker, cue)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM quotes
		WHERE doc_id = 'd3' || chr(65533) AND speaker IS NULL AND speaker_start IS NULL
		  AND speaker_end IS NULL AND cue IS NULL AND speaker_name IS NULL AND speaker_type = 'unknown'`); n != 1 {
		t.Errorf("quote without speaker or cue: %d rows with nulls, want 1", n)
	}

	var source, docID, stage, msg string
	if err := db.QueryRow(`SELECT source, doc_id, stage, message FROM errors`).Scan(&source, &docID, &stage, &msg); err != nil {
		t.Fatal(err)
	}
	if source != "in.jsonl:2" || docID != "d2" || stage != "extract" || msg != "no article body in “page”" {
		t.Errorf("error row = %q %q %q %q", source, docID, stage, msg)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM documents WHERE doc_id = 'd2'`); n != 0 {
		t.Errorf("failed document written to documents")
	}

	// Only the final files remain.
	for _, tbl := range Tables {
		entries, err := os.ReadDir(filepath.Join(dir, tbl))
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].Name() != PartName {
			t.Errorf("%s holds %v, want only %s", tbl, entries, PartName)
		}
	}
}

func TestParquetEmptyTables(t *testing.T) {
	failedOnly := &pipeline.Doc{ID: "x", Source: "s", Err: &pipeline.StageError{Stage: "read", Err: errors.New("bad")}}
	for _, docs := range [][]*pipeline.Doc{nil, {failedOnly}} {
		db := openDuckDB(t, writeParquet(t, docs))
		checkSchema(t, db)
		if n := queryInt(t, db, `SELECT count(*) FROM documents`); n != 0 {
			t.Errorf("documents has %d rows, want 0", n)
		}
		if n := queryInt(t, db, `SELECT count(*) FROM errors`); n != int64(len(docs)) {
			t.Errorf("errors has %d rows, want %d", n, len(docs))
		}
	}
}

// rowGroupSizes returns the row count of each row group of a Parquet file.
func rowGroupSizes(t *testing.T, path string) []int64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, info.Size())
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int64
	for _, rg := range pf.RowGroups() {
		sizes = append(sizes, rg.NumRows())
	}
	return sizes
}

func TestParquetRowGroups(t *testing.T) {
	var docs []*pipeline.Doc
	for i := range 25 {
		d := testDocs(t)[0] // two sentences each
		d.ID = strings.Repeat("x", i+1)
		docs = append(docs, d)
	}
	tests := []struct {
		name string
		opts []ParquetOption
		// wanted row group sizes of documents and sentences; nil means
		// "more than one group"
		documents, sentences []int64
	}{
		// A document's two sentences never straddle row groups.
		{"by rows", []ParquetOption{MaxRowsPerRowGroup(10)}, []int64{10, 10, 5}, []int64{10, 10, 10, 10, 10}},
		{"by rows, odd limit", []ParquetOption{MaxRowsPerRowGroup(7)}, []int64{7, 7, 7, 4}, []int64{6, 6, 6, 6, 6, 6, 6, 6, 2}},
		{"by bytes", []ParquetOption{MaxBytesPerRowGroup(1000)}, nil, nil},
		{"defaults", nil, []int64{25}, []int64{50}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeParquet(t, docs, tt.opts...)
			perDoc := map[string]int64{"documents": 1, "sentences": 2}
			for tbl, want := range map[string][]int64{"documents": tt.documents, "sentences": tt.sentences} {
				got := rowGroupSizes(t, filepath.Join(dir, tbl, PartName))
				var sum int64
				for _, n := range got {
					sum += n
				}
				if sum != int64(len(docs))*perDoc[tbl] {
					t.Errorf("%s: %d rows in all, groups %v", tbl, sum, got)
				}
				if want == nil && len(got) < 2 || want != nil && !slices.Equal(got, want) {
					t.Errorf("%s: row groups %v, want %v", tbl, got, want)
				}
			}
		})
	}
}

func TestParquetTemporaryNames(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	sink, err := NewParquet(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Write(context.Background(), testDocs(t)[0]); err != nil {
		t.Fatal(err)
	}
	final := filepath.Join(dir, "documents", PartName)
	if _, err := os.Stat(final); !os.IsNotExist(err) {
		t.Errorf("%s exists before Close (err %v)", final, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "documents", "."+PartName+".tmp")); err != nil {
		t.Errorf("temporary file: %v", err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := sink.Write(context.Background(), testDocs(t)[0]); err == nil {
		t.Error("Write after Close succeeded")
	}
	if _, err := os.Stat(final); err != nil {
		t.Errorf("after Close: %v", err)
	}
}

func TestNewParquetError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewParquet(filepath.Join(file, "out")); err == nil {
		t.Fatal("NewParquet under a regular file succeeded")
	}
}

// TestParquetParts rolls parts over by documents and by bytes and checks
// names, OnPart reports, and that DuckDB reads all parts as one table.
func TestParquetParts(t *testing.T) {
	var docs []*pipeline.Doc
	for i := range 25 {
		d := testDocs(t)[0]
		d.ID = strings.Repeat("x", i+1)
		d.Input = []string{"/a.jsonl", "/b.jsonl"}[i/15]
		docs = append(docs, d)
	}
	docs[12] = testDocs(t)[1] // a failed one
	docs[12].Input = "/a.jsonl"
	var parts []Part
	dir := writeParquet(t, docs, MaxDocsPerPart(10), PartPrefix("s1"), FirstPart(3),
		OnPart(func(p Part) error { parts = append(parts, p); return nil }))
	want := []Part{
		{3, "s1-00003", 10, 0, map[string]Counts{"/a.jsonl": {10, 0}}},
		{4, "s1-00004", 9, 1, map[string]Counts{"/a.jsonl": {4, 1}, "/b.jsonl": {5, 0}}},
		{5, "s1-00005", 5, 0, map[string]Counts{"/b.jsonl": {5, 0}}},
	}
	if !reflect.DeepEqual(parts, want) {
		t.Errorf("parts %+v, want %+v", parts, want)
	}
	for _, tbl := range Tables {
		entries, err := os.ReadDir(filepath.Join(dir, tbl))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if !slices.Equal(names, []string{"s1-00003.parquet", "s1-00004.parquet", "s1-00005.parquet"}) {
			t.Errorf("%s holds %v", tbl, names)
		}
	}
	db := duckdbtest.Open(t)
	if n := queryInt(t, db, `SELECT count(*) FROM '`+dir+`/documents/*.parquet'`); n != 24 {
		t.Errorf("%d documents over all parts, want 24", n)
	}

	parts = nil
	writeParquet(t, docs, MaxBytesPerPart(1), OnPart(func(p Part) error { parts = append(parts, p); return nil }))
	if len(parts) != len(docs) {
		t.Errorf("a 1-byte part limit gave %d parts for %d documents", len(parts), len(docs))
	}
}

func TestRemoveParts(t *testing.T) {
	dir := t.TempDir()
	names := []string{"p-00000.parquet", "p-00001.parquet", ".p-00002.parquet.tmp", "q-00000.parquet", "p-x.parquet", "notes.txt"}
	tables := []string{"quotes", "breadcrumbs"} // a built-in table and a stage's own
	for _, tbl := range tables {
		if err := os.MkdirAll(filepath.Join(dir, tbl), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if err := os.WriteFile(filepath.Join(dir, tbl, n), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := RemoveParts(dir, "p", func(base string) bool { return base == "p-00001" || base == "p-00002" }); err != nil {
		t.Fatal(err)
	}
	for _, tbl := range tables {
		entries, _ := os.ReadDir(filepath.Join(dir, tbl))
		var left []string
		for _, e := range entries {
			left = append(left, e.Name())
		}
		if want := []string{"notes.txt", "p-00001.parquet", "p-x.parquet", "q-00000.parquet"}; !slices.Equal(left, want) {
			t.Errorf("%s: left %v, want %v", tbl, left, want)
		}
	}
}
