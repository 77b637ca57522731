// Package duckdbtest opens DuckDB for tests that read newsmill's Parquet
// output back, as users do. DuckDB's driver needs cgo: without it (as with
// CGO_ENABLED=0) Open skips the calling test, so every other test of a
// package still builds and runs.
package duckdbtest

import (
	"database/sql"
	"path/filepath"
	"testing"
)

// Dataset returns an in-memory DuckDB with one view per table of the
// dataset in dir, each over dir/<table>/<glob> (such as "*.parquet"). The
// database is closed when the test ends.
func Dataset(t testing.TB, dir, glob string, tables []string) *sql.DB {
	t.Helper()
	db := Open(t)
	db.SetMaxOpenConns(1) // views live in the one in-memory database
	for _, tbl := range tables {
		path := filepath.Join(dir, tbl, glob)
		if _, err := db.Exec(`CREATE VIEW ` + tbl + ` AS SELECT * FROM read_parquet('` + path + `')`); err != nil {
			t.Fatalf("DuckDB cannot read %s: %v", path, err)
		}
	}
	return db
}
