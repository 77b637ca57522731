//go:build !cgo

package duckdbtest

import (
	"database/sql"
	"testing"
)

// Open skips the test: DuckDB's driver needs cgo.
func Open(t testing.TB) *sql.DB {
	t.Helper()
	t.Skip("reading Parquet back with DuckDB needs cgo (CGO_ENABLED=1 and a C compiler)")
	return nil
}
