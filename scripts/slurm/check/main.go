// Command check compares two newsmill Parquet datasets with DuckDB, as
// scripts/slurm/test.sh needs: the union of a sharded run's parts must
// equal a single-process run row for row, in every table, and every shard
// manifest must be complete and of the expected count.
//
//	go run ./scripts/slurm/check -shards 4 REF OUT
//
// It exits 0 when they match, 1 with the differences otherwise. Its cost
// is a few full scans of both datasets.
package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver

	"github.com/newsmill/newsmill/batch"
	"github.com/newsmill/newsmill/sink"
)

func main() {
	shards := flag.Int("shards", 0, "shard manifests OUT must hold, all complete (0: an unsharded run)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: check [-shards N] REF OUT")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	problems, err := compare(flag.Arg(0), flag.Arg(1), *shards)
	if err != nil {
		fmt.Fprintln(os.Stderr, "check:", err)
		os.Exit(1)
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "check:", p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	fmt.Printf("check: %s equals %s row for row\n", flag.Arg(1), flag.Arg(0))
}

// compare returns what differs between the datasets ref and out.
func compare(ref, out string, shards int) ([]string, error) {
	problems, err := manifests(out, shards)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	for _, tbl := range sink.Tables {
		a := "read_parquet('" + filepath.Join(ref, tbl, "*.parquet") + "')"
		b := "read_parquet('" + filepath.Join(out, tbl, "*.parquet") + "')"
		var na, nb, missing, extra int64
		q := fmt.Sprintf(`SELECT (SELECT count(*) FROM %[1]s), (SELECT count(*) FROM %[2]s),
			(SELECT count(*) FROM (SELECT * FROM %[1]s EXCEPT ALL SELECT * FROM %[2]s)),
			(SELECT count(*) FROM (SELECT * FROM %[2]s EXCEPT ALL SELECT * FROM %[1]s))`, a, b)
		if err := db.QueryRow(q).Scan(&na, &nb, &missing, &extra); err != nil {
			return nil, fmt.Errorf("%s: %w", tbl, err)
		}
		fmt.Printf("check: %-9s %6d rows in %s, %6d in %s\n", tbl, na, ref, nb, out)
		if missing != 0 || extra != 0 || na != nb {
			problems = append(problems, fmt.Sprintf("%s: %d rows missing from %s, %d extra", tbl, missing, out, extra))
		}
	}
	return problems, nil
}

// manifests checks that out holds exactly the manifests of a complete run
// of shards shards.
func manifests(out string, shards int) ([]string, error) {
	names, err := filepath.Glob(filepath.Join(out, "_manifest*.json"))
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for i := range max(shards, 1) {
		want[batch.ManifestName(batch.Shard{Index: i, Count: shards})] = true
	}
	var problems []string
	for _, name := range names {
		base := filepath.Base(name)
		if !want[base] {
			problems = append(problems, "unexpected manifest "+base)
			continue
		}
		delete(want, base)
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var m batch.Manifest
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if m.Status != batch.StatusComplete {
			problems = append(problems, fmt.Sprintf("%s: status %s", base, m.Status))
		}
	}
	for base := range want {
		problems = append(problems, "missing manifest "+base)
	}
	if len(problems) > 0 {
		problems = append(problems, "manifests: "+strings.Join(names, " "))
	}
	return problems, nil
}
