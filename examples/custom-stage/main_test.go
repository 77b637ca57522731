package main

import (
	"database/sql"
	"os/exec"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// TestCustomBinary builds this module's newsmill binary with go build, runs
// it with the two extra stages and reads their columns back with DuckDB.
func TestCustomBinary(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "newsmill-custom")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, "annotate", "-o", out,
		"--stages", "extract,sentences,entities,quotes,sentiment,people",
		"--stage-opt", "people.list=testdata/people.csv", "../../testdata/articles/harbour-bridge.html")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("annotate: %v\n%s", err, b)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	table := func(name string) string { return "read_parquet('" + filepath.Join(out, name, "*.parquet") + "')" }
	checks := []struct {
		name, query string
		want        int
	}{
		{"quotes with a sentiment", `SELECT count(*) FROM ` + table("quotes") + ` WHERE sentiment IS NOT NULL AND kind <> 'indirect'`, 5},
		{"negative quote", `SELECT count(*) FROM ` + table("quotes") + ` WHERE text LIKE 'a gamble%' AND sentiment < 0`, 1},
		{"council members", `SELECT count(*) FROM ` + table("entities") + ` WHERE "group" = 'council' AND canonical = 'Helen Okafor'`, 2},
		{"business", `SELECT count(DISTINCT canonical) FROM ` + table("entities") + ` WHERE "group" = 'business'`, 1},
		{"listed people per document", `SELECT max(listed_people) FROM ` + table("documents"), 3},
	}
	for _, c := range checks {
		var n int
		if err := db.QueryRow(c.query).Scan(&n); err != nil {
			t.Errorf("%s: %v", c.name, err)
		} else if n != c.want {
			t.Errorf("%s: %d, want %d", c.name, n, c.want)
		}
	}
}
