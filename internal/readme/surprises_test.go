//go:build cgo

package readme

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/internal/duckdbtest"
)

// givenText is a JSON Lines text with what the plain-text cleaner of page
// dumps used to remove: an editor's note, one-word lines, a separator, a
// results table.
const givenText = "The council met on Monday.\n\nEditor's note: an earlier version misnamed the mayor.\n\nYes\n\n---\n\n1. Ana Ruiz 12.1\n2. Bo Li 12.4"

// TestFirstHourSurprises runs the binary on records shaped like the
// surprises a new user met (issue 13) and reads the tables back with DuckDB,
// as the user did: each check shows the new behaviour.
func TestFirstHourSurprises(t *testing.T) {
	if testing.Short() {
		t.Skip("installs newsmill")
	}
	root, err := filepath.Abs("../..")
	must(t, err)
	f := newFixture(t, root)
	lines := []string{
		`{"id":"a","text":"“We won,” said Ana Ruiz, the coach.","published":"2024-03-01 10:00:00+02:00","section":"Sport","outlet":{"country":"NZ"},"authors":[{"name":"Bo Li"}]}`,
		`{"id":"b","text":"The council met on Monday.","published":"last week"}`,
		`{"id":"c","text":` + jsonString(givenText) + `}`,
		`{"id":"a","text":"Another article that reuses the id of the first."}`,
	}
	f.write("s.jsonl", []byte(strings.Join(lines, "\n")+"\n"))
	if out, err := f.sh(f.work, "newsmill annotate -q -o out s.jsonl && newsmill annotate -q -o warc cc-news"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	tables := []string{"documents", "errors"}
	db := duckdbtest.Dataset(t, filepath.Join(f.work, "out"), "*.parquet", tables)
	tests := []struct{ name, sql, want string }{
		{"a date that does not parse keeps the article, with a warning",
			`SELECT published IS NULL, len(warnings), warnings[1] LIKE '%last week%' FROM documents WHERE doc_id = 'b'`, "true 1 true"},
		{"the offset, precision and source of the date are kept",
			`SELECT published_offset, published_precision, published_source, strftime(published, '%H:%M') FROM documents WHERE doc_id = 'a' AND text LIKE '%coach%'`,
			"+02:00 second input 08:00"},
		{"authors given as objects", `SELECT authors FROM documents WHERE doc_id = 'a' AND text LIKE '%coach%'`, "[Bo Li]"},
		{"unknown fields are carried in meta",
			`SELECT json_extract_string(meta, '$.section'), json_extract_string(meta, '$.outlet.country') FROM documents WHERE text LIKE '%coach%'`, "Sport NZ"},
		{"unknown strings are null, not empty",
			`SELECT count(*) FILTER (url = '' OR title = '' OR site = '' OR language = ''), bool_and(url IS NULL) FROM documents`, "0 true"},
		{"text_hash and word_count", `SELECT length(text_hash), word_count FROM documents WHERE doc_id = 'b'`, "64 5"},
		{"text given as JSON Lines text is kept as given", `SELECT text = '` + strings.ReplaceAll(givenText, "'", "''") + `' FROM documents WHERE doc_id = 'c'`, "true"},
		{"duplicate ids never collide in documents",
			`SELECT count(*) = count(DISTINCT doc_id) FROM documents`, "true"},
		{"a duplicate id is an error row", `SELECT source, message LIKE '%duplicate doc_id "a"%' FROM errors`, "s.jsonl:4 true"},
		{"every record is accounted for", `SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM errors)`, "4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := query(db, tt.sql)
			if err != nil {
				t.Fatalf("%s: %v", tt.sql, err)
			}
			if len(rows) != 1 || strings.Join(rows[0], " ") != tt.want {
				t.Errorf("%s\n= %v, want %s", tt.sql, rows, tt.want)
			}
		})
	}
	t.Run("a page without a date gets the WARC fetch time, marked as such", func(t *testing.T) {
		wdb := duckdbtest.Dataset(t, filepath.Join(f.work, "warc"), "*.parquet", []string{"documents"})
		rows, err := query(wdb, `SELECT count(*) FILTER (published_source = 'warc' AND published = fetched AND published_offset = '+00:00'), count(*) FILTER (fetched IS NULL) FROM documents`)
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] == "0" || rows[0][1] != "0" {
			t.Errorf("documents dated by the fetch time, documents without fetched: %v; want some, none", rows[0])
		}
	})
	if _, err := os.Stat(filepath.Join(f.work, "out", "_manifest.json")); err != nil {
		t.Error(err)
	}
}

// jsonString quotes s as a JSON string.
func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
