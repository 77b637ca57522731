package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/newsmill/newsmill/batch"
	"github.com/newsmill/newsmill/internal/duckdbtest"
	"github.com/newsmill/newsmill/internal/gen"
	"github.com/newsmill/newsmill/sink"
)

// fastStages skips entity recognition, the slowest stage, where a test is
// about batch mechanics rather than annotation.
const fastStages = "extract,sentences,quotes"

// readManifest reads OUT/name.
func readManifest(t *testing.T, out, name string) *batch.Manifest {
	t.Helper()
	m, err := batch.LoadManifest(filepath.Join(out, name))
	if err != nil || m == nil {
		t.Fatalf("manifest %s: %v", name, err)
	}
	return m
}

// checkAccounts checks that every input of m is complete and that records
// = documents + error rows, per input and in total, and that the tables in
// out hold exactly those rows.
func checkAccounts(t *testing.T, m *batch.Manifest, out string) {
	t.Helper()
	for _, in := range m.Inputs {
		if in.Status != batch.InputComplete || in.Records != in.Documents+in.Errors {
			t.Errorf("input %+v: not complete or records != documents + errors", in)
		}
	}
	tot := m.Total()
	if m.Status != batch.StatusComplete || tot != m.Totals || tot.Records != tot.Documents+tot.Errors {
		t.Errorf("manifest status %s, totals %+v (sum of inputs %+v)", m.Status, m.Totals, tot)
	}
	db := openDuckDB(t, out)
	var docs, errs int64
	must(t, db.QueryRow(`SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM errors)`).Scan(&docs, &errs))
	if docs != tot.Documents || errs != tot.Errors {
		t.Errorf("tables hold %d documents and %d error rows, manifest says %d and %d", docs, errs, tot.Documents, tot.Errors)
	}
}

// writeGenerated writes a generated corpus file into dir and returns its path.
func writeGenerated(t *testing.T, dir, name string, write func(*bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	must(t, write(&b))
	p := filepath.Join(dir, name)
	must(t, os.WriteFile(p, b.Bytes(), 0o644))
	return p
}

// TestWARCThroughCLI runs a generated CC-NEWS-like WARC file through the
// CLI: exactly its 200 HTML responses become documents, with UTF-8 text
// whatever the page's charset, the page's date when it has one and the
// WARC date otherwise.
func TestWARCThroughCLI(t *testing.T) {
	dir := t.TempDir()
	var st gen.WARCStats
	warc := writeGenerated(t, dir, "CC-NEWS-20240301000000-00001.warc.gz", func(b *bytes.Buffer) (err error) {
		st, err = gen.WriteWARC(b, gen.WARCOptions{N: 30, Words: 120, Gzip: true})
		return err
	})
	out := filepath.Join(dir, "out")
	code, _, stderr := annotateTo(t, "annotate", "-o", out, "--stages", fastStages, "--workers", "2", warc)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	m := readManifest(t, out, "_manifest.json")
	checkAccounts(t, m, out)
	if got := m.Totals; got.Documents != int64(len(st.Articles)) || got.Errors != 0 || got.Records+got.Skipped != int64(st.Records) {
		t.Errorf("totals %+v, want %d documents of %d WARC records", got, len(st.Articles), st.Records)
	}
	if !strings.Contains(stderr, fmt.Sprintf("%d WARC records skipped", st.Records-len(st.Articles))) {
		t.Errorf("summary does not count skipped records:\n%s", stderr)
	}
	db := openDuckDB(t, out)
	for _, a := range st.Articles {
		var title, text, url string
		var published time.Time
		must(t, db.QueryRow(`SELECT title, text, url, published FROM documents WHERE doc_id = ?`, a.RecordID).Scan(&title, &text, &url, &published))
		want := a.Published
		if !a.Dated {
			want = a.Fetched
		}
		if title != a.Title || url != a.URL || !published.Equal(want) {
			t.Errorf("%s (%s, dated %v): %q %q %v, want %q %q %v", a.RecordID, a.Charset, a.Dated, title, url, published, a.Title, a.URL, want)
		}
		if !strings.Contains(text, a.Paragraphs[0]) || !strings.Contains(text, a.Paragraphs[1]) || strings.Contains(text, "Most read") {
			t.Errorf("%s (%s): text %.200q", a.RecordID, a.Charset, text)
		}
	}
	var quotes int
	must(t, db.QueryRow(`SELECT count(*) FROM quotes WHERE kind = 'direct' AND speaker_name IS NOT NULL`).Scan(&quotes))
	if quotes < len(st.Articles) {
		t.Errorf("%d attributed direct quotes in %d articles", quotes, len(st.Articles))
	}
}

// TestBadInput runs the CLI over testdata/bad plus large inputs generated
// here (a 20 MB document, HTML nested 100,000 deep, a gzip bomb): the run
// completes, every record is accounted for, each kind of damage is an
// error row naming its input, and every Parquet file reads back.
func TestBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("generates about 30 MB of input")
	}
	dir := t.TempDir()
	big := writeGenerated(t, dir, "big.txt", func(b *bytes.Buffer) error {
		for b.Len() < 20<<20 {
			b.WriteString("The council met again on Monday and said nothing new. ")
		}
		return nil
	})
	nested := writeGenerated(t, dir, "nested.html", func(b *bytes.Buffer) error {
		b.WriteString("<html><body>")
		b.WriteString(strings.Repeat("<div>", 100_000))
		b.WriteString("<p>“Deep,” said Ann Lee.</p>")
		b.WriteString(strings.Repeat("</div>", 100_000))
		return nil
	})
	bomb := writeGenerated(t, dir, "bomb.jsonl.gz", func(b *bytes.Buffer) error {
		zw, err := gzip.NewWriterLevel(b, gzip.BestCompression)
		if err != nil {
			return err
		}
		zeros := make([]byte, 1<<20)
		for range 96 { // 96 MiB of zeros, about 100 KB compressed
			if _, err := zw.Write(zeros); err != nil {
				return err
			}
		}
		return zw.Close()
	})
	out := filepath.Join(dir, "out")
	code, _, stderr := annotateTo(t, "annotate", "-o", out, "--stages", fastStages, "--workers", "2",
		"--max-input-bytes", "32MiB", "../testdata/bad", big, nested, bomb)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	m := readManifest(t, out, "_manifest.json")
	checkAccounts(t, m, out)
	if len(m.Inputs) != 13 {
		t.Errorf("%d inputs, want 13", len(m.Inputs))
	}

	db := openDuckDB(t, out)
	wantErrors := []struct {
		source, message string
		n               int // rows; 0 means 1
	}{
		{"bad/truncated-gzip.jsonl.gz:", "truncated", 0},
		{"bad/truncated-record.warc:", "record truncated", 0},
		{"bad/binary.jsonl:", "not a JSON object", 5}, // every "line" of random bytes
		{"bad/binary.html", "", 1},                    // extract finds no article
		{"bad/empty.txt", "empty file", 0},
		{"bad/empty-documents.jsonl:1", `neither "text" nor "html"`, 0},
		{"bad/broken-lines.jsonl:2", "invalid JSON", 0},
		{"bad/broken-lines.jsonl:3", "not a JSON object", 0},
		{"bad/broken-lines.jsonl:5", `neither "text" nor "html"`, 0},
		{"big.txt", "larger than the 16777216-byte limit", 0},
		{"bomb.jsonl.gz:1", "larger than the 33554432-byte limit after decompression", 0},
	}
	for _, w := range wantErrors {
		var n int
		must(t, db.QueryRow(`SELECT count(*) FROM errors WHERE source LIKE '%' || ? || '%' AND message LIKE '%' || ? || '%'`,
			w.source, w.message).Scan(&n))
		if want := max(w.n, 1); n != want {
			t.Errorf("error rows for %s with %q: %d, want %d", w.source, w.message, n, want)
		}
	}
	// A date that does not parse is a warning, not a reason to drop the
	// record (its one-letter text may still fail a later stage).
	var kept int
	must(t, db.QueryRow(`SELECT (SELECT count(*) FROM documents WHERE doc_id = 'bad-date' AND published IS NULL AND len(warnings) > 0) +
		(SELECT count(*) FROM errors WHERE doc_id = 'bad-date' AND stage <> 'read')`).Scan(&kept))
	if kept != 1 {
		t.Error("the record with an unusable date was rejected by the reader")
	}
	for _, id := range []string{"good-1", "good-2", "bad-utf8"} {
		var text string
		if err := db.QueryRow(`SELECT text FROM documents WHERE doc_id = ?`, id).Scan(&text); err != nil {
			t.Errorf("document %s: %v", id, err)
		}
	}
	var invalid int
	must(t, db.QueryRow(`SELECT count(*) FROM documents WHERE source LIKE '%invalid-utf8.txt' AND text LIKE '%' || chr(65533) || '%'`).Scan(&invalid))
	if invalid != 1 {
		t.Error("invalid UTF-8 in a text file was not replaced by U+FFFD")
	}
	var nestedRows int
	must(t, db.QueryRow(`SELECT (SELECT count(*) FROM documents WHERE source LIKE '%nested.html') + (SELECT count(*) FROM errors WHERE source LIKE '%nested.html')`).Scan(&nestedRows))
	if nestedRows != 1 {
		t.Errorf("nested.html gave %d rows, want 1", nestedRows)
	}
}

// corpus writes a mixed corpus into dir: JSON Lines files (one gzipped,
// one zstd-free plain with a broken line) and a gzipped WARC file. It
// returns the directory to pass to the CLI.
func corpus(t *testing.T, dir string) string {
	t.Helper()
	in := filepath.Join(dir, "in")
	must(t, os.MkdirAll(in, 0o755))
	writeGenerated(t, in, "a.jsonl", func(b *bytes.Buffer) error { return gen.WriteJSONL(b, 0, 23, 80) })
	writeGenerated(t, in, "b.jsonl.gz", func(b *bytes.Buffer) error {
		zw := gzip.NewWriter(b)
		if err := gen.WriteJSONL(zw, 23, 17, 80); err != nil {
			return err
		}
		return zw.Close()
	})
	writeGenerated(t, in, "c.warc.gz", func(b *bytes.Buffer) error {
		_, err := gen.WriteWARC(b, gen.WARCOptions{First: 40, N: 20, Words: 80, Gzip: true})
		return err
	})
	writeGenerated(t, in, "d.jsonl", func(b *bytes.Buffer) error {
		if err := gen.WriteJSONL(b, 60, 5, 80); err != nil {
			return err
		}
		b.WriteString("{broken\n")
		return gen.WriteJSONL(b, 65, 5, 80)
	})
	must(t, os.WriteFile(filepath.Join(in, "e.txt"), []byte("Ann Lee said “the end”.\n"), 0o644))
	return in
}

// sameRows fails unless the tables in a and b hold the same rows (as
// multisets), comparing every column.
func sameRows(t *testing.T, a, b string) {
	t.Helper()
	db := duckdbtest.Open(t)
	for _, table := range sink.Tables {
		ga, gb := filepath.Join(a, table, "*.parquet"), filepath.Join(b, table, "*.parquet")
		var rows, onlyA, onlyB int
		q := fmt.Sprintf(`SELECT (SELECT count(*) FROM '%[1]s'),
			(SELECT count(*) FROM (SELECT * FROM '%[1]s' EXCEPT ALL SELECT * FROM '%[2]s')),
			(SELECT count(*) FROM (SELECT * FROM '%[2]s' EXCEPT ALL SELECT * FROM '%[1]s'))`, ga, gb)
		must(t, db.QueryRow(q).Scan(&rows, &onlyA, &onlyB))
		if onlyA != 0 || onlyB != 0 {
			t.Errorf("%s: %d rows, %d only in %s, %d only in %s", table, rows, onlyA, a, onlyB, b)
		}
		if table == "documents" && rows == 0 {
			t.Errorf("no documents in %s", a)
		}
	}
}

// TestResume interrupts a run several times (--stop-after stops it as
// SIGINT does), leaves debris as a killed run would, resumes it until it
// completes, and checks that the result has the same rows as one
// uninterrupted run.
func TestResume(t *testing.T) {
	dir := t.TempDir()
	in := corpus(t, dir)
	common := []string{"annotate", "--stages", fastStages, "--workers", "2", "--part-docs", "9", "-q"}
	whole := filepath.Join(dir, "whole")
	if code, _, stderr := annotateTo(t, append(common, "-o", whole, in)...); code != exitOK {
		t.Fatalf("uninterrupted run: exit %d: %s", code, stderr)
	}
	wm := readManifest(t, whole, "_manifest.json")
	checkAccounts(t, wm, whole)

	out := filepath.Join(dir, "resumed")
	code, _, stderr := annotateTo(t, append(common, "-o", out, "--stop-after", "20", in)...)
	if code != exitFail || !strings.Contains(stderr, "--resume") {
		t.Fatalf("interrupted run: exit %d: %s", code, stderr)
	}
	m := readManifest(t, out, "_manifest.json")
	if m.Status != batch.StatusStopped || m.Totals.Documents+m.Totals.Errors < 20 || len(m.Parts) == 0 {
		t.Fatalf("after the stop: status %s, totals %+v, parts %v", m.Status, m.Totals, m.Parts)
	}
	// What a kill -9 leaves: a temporary file and a part the manifest does
	// not list (renamed, but the manifest was not saved).
	part := filepath.Join(out, "documents", m.Parts[0]+".parquet")
	data, err := os.ReadFile(part)
	must(t, err)
	must(t, os.WriteFile(filepath.Join(out, "documents", "part-00090.parquet"), data, 0o644))
	must(t, os.WriteFile(filepath.Join(out, "quotes", ".part-00091.parquet.tmp"), []byte("half"), 0o644))

	for i := 0; ; i++ {
		code, _, stderr = annotateTo(t, append(common, "-o", out, "--resume", "--stop-after", "25", in)...)
		if code == exitOK {
			break
		}
		if code != exitFail || i == 10 {
			t.Fatalf("resume %d: exit %d: %s", i, code, stderr)
		}
	}
	for _, junk := range []string{"documents/part-00090.parquet", "quotes/.part-00091.parquet.tmp"} {
		if _, err := os.Stat(filepath.Join(out, junk)); !os.IsNotExist(err) {
			t.Errorf("%s survived the resume", junk)
		}
	}
	m = readManifest(t, out, "_manifest.json")
	checkAccounts(t, m, out)
	if m.Totals != wm.Totals {
		t.Errorf("resumed totals %+v, uninterrupted %+v", m.Totals, wm.Totals)
	}
	sameRows(t, whole, out)

	// Resuming a complete run reads nothing.
	code, _, stderr = annotateTo(t, "annotate", "--stages", fastStages, "-o", out, "--resume", in)
	if code != exitOK || !strings.Contains(stderr, "0 documents, 0 error rows") || !strings.Contains(stderr, "5 inputs already complete") {
		t.Errorf("resume of a complete run: exit %d: %s", code, stderr)
	}
	sameRows(t, whole, out)
	code, _, stderr = annotateTo(t, "annotate", "--stages", "extract,sentences", "-o", out, "--resume", in)
	if code != exitUsage || !strings.Contains(stderr, "same stages") {
		t.Errorf("resume with other stages: exit %d: %s", code, stderr)
	}
}

// TestShards splits a corpus three ways, the shard taken from --shard, from
// a Kubernetes Indexed Job's environment and from a Slurm array's, all
// writing into one directory, and checks that together they give the rows
// of a single run.
func TestShards(t *testing.T) {
	dir := t.TempDir()
	in := corpus(t, dir)
	common := []string{"annotate", "--stages", fastStages, "--workers", "2", "-q"}
	single := filepath.Join(dir, "single")
	if code, _, stderr := annotateTo(t, append(common, "-o", single, in)...); code != exitOK {
		t.Fatalf("single run: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "sharded")
	if code, _, stderr := annotateTo(t, append(common, "-o", out, "--shard", "0/3", in)...); code != exitOK {
		t.Fatalf("shard 0: exit %d: %s", code, stderr)
	}
	t.Setenv("JOB_COMPLETION_INDEX", "1")
	t.Setenv("NEWSMILL_SHARD_COUNT", "3")
	if code, _, stderr := annotateTo(t, append(common, "-o", out, in)...); code != exitOK {
		t.Fatalf("shard 1: exit %d: %s", code, stderr)
	}
	t.Setenv("JOB_COMPLETION_INDEX", "")
	t.Setenv("NEWSMILL_SHARD_COUNT", "")
	// Task 2 resubmitted alone (sbatch --array=2): Slurm says 1 task, from 2.
	t.Setenv("SLURM_ARRAY_TASK_ID", "2")
	t.Setenv("SLURM_ARRAY_TASK_MIN", "2")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "1")
	if code, _, stderr := annotateTo(t, append(common, "-o", out, in)...); code != exitUsage || !strings.Contains(stderr, "SLURM_ARRAY_TASK_ID/N") {
		t.Fatalf("Slurm task without a count: exit %d, want %d and what to pass: %s", code, exitUsage, stderr)
	}
	common = append(common, "--shard-count", "3")
	if code, _, stderr := annotateTo(t, append(common, "-o", out, in)...); code != exitOK {
		t.Fatalf("shard 2: exit %d: %s", code, stderr)
	}
	var total batch.Counts
	seen := map[string]bool{}
	for i := range 3 {
		m := readManifest(t, out, fmt.Sprintf("_manifest-%04d-of-0003.json", i))
		if m.Shard == nil || m.Shard.Index != i || m.Shard.Count != 3 || m.Status != batch.StatusComplete {
			t.Errorf("shard %d manifest: %+v, status %s", i, m.Shard, m.Status)
		}
		for _, in := range m.Inputs {
			if seen[in.Path] {
				t.Errorf("%s in two shards", in.Path)
			}
			seen[in.Path] = true
		}
		tot := m.Total()
		total.Records += tot.Records
		total.Documents += tot.Documents
		total.Errors += tot.Errors
		total.Skipped += tot.Skipped
	}
	if sm := readManifest(t, single, "_manifest.json"); total != sm.Totals || len(seen) != len(sm.Inputs) {
		t.Errorf("shards total %+v over %d inputs, single run %+v over %d", total, len(seen), sm.Totals, len(sm.Inputs))
	}
	sameRows(t, single, out)

	// The README's query over the manifests of all shards.
	db := duckdbtest.Open(t)
	var shards, records int64
	must(t, db.QueryRow(`SELECT count(DISTINCT shard.index), sum(totals.records) FROM read_json_auto('`+out+`/_manifest*.json')`).Scan(&shards, &records))
	if shards != 3 || records != total.Records {
		t.Errorf("DuckDB over the manifests: %d shards, %d records, want 3 and %d", shards, records, total.Records)
	}

	// An unsharded run into the sharded directory would double the rows:
	// refused, saying what to pass, unless --force replaces the shards.
	t.Setenv("SLURM_ARRAY_TASK_ID", "")
	unsharded := []string{"annotate", "--stages", fastStages, "--workers", "2", "-q", "-o", out}
	if code, _, stderr := annotateTo(t, append(unsharded, in)...); code != exitUsage || !strings.Contains(stderr, "--shard i/3") || !strings.Contains(stderr, "--force") {
		t.Fatalf("unsharded run into a sharded OUT: exit %d, want %d and what to pass: %s", code, exitUsage, stderr)
	}
	if code, _, stderr := annotateTo(t, append(unsharded, "--force", in)...); code != exitOK {
		t.Fatalf("--force: exit %d: %s", code, stderr)
	}
	sameRows(t, single, out)
}

func TestMaxErrors(t *testing.T) {
	dir := t.TempDir()
	var lines strings.Builder
	for i := range 400 {
		if i%4 == 0 {
			fmt.Fprintf(&lines, "{\"id\":\"%d\",\"text\":\"Fine.\"}\n", i)
		} else {
			fmt.Fprintf(&lines, "{\"id\":\"%d\",\"text\":\n", i)
		}
	}
	bad := filepath.Join(dir, "bad.jsonl")
	must(t, os.WriteFile(bad, []byte(lines.String()), 0o644))
	for _, tt := range []struct {
		limit, msg string
		code       int
	}{
		{"10", "more than 10 error rows", exitFail},
		{"50%", "more than 50% error rows", exitFail},
		{"80%", "", exitOK},
		{"0", "more than 0 error rows", exitFail}, // stops at the first
		{"-1", "", exitOK},                        // no limit
	} {
		out := filepath.Join(dir, "out"+tt.limit)
		code, _, stderr := annotateTo(t, "annotate", "--stages", fastStages, "-o", out, "--max-errors", tt.limit, bad)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Fatalf("--max-errors %s: exit %d: %s", tt.limit, code, stderr)
		}
		m := readManifest(t, out, "_manifest.json")
		if tt.code == exitFail && (m.Status != batch.StatusStopped || m.Totals.Errors >= 300) {
			t.Errorf("--max-errors %s: status %s, %d error rows stored", tt.limit, m.Status, m.Totals.Errors)
		}
	}
}

func TestProgressLog(t *testing.T) {
	dir := t.TempDir()
	in := corpus(t, dir)
	code, _, stderr := annotateTo(t, "annotate", "--stages", fastStages, "-o", filepath.Join(dir, "out"), "--progress-every", "1ms", in)
	if code != exitOK || !strings.Contains(stderr, "msg=progress documents=") || !strings.Contains(stderr, "total_bytes=") {
		t.Errorf("exit %d, no progress log line:\n%s", code, stderr)
	}
}

func TestByteSize(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "512k": 512 << 10, "16MiB": 16 << 20, "2G": 2 << 30, "1.5KB": 1536, "3 GiB": 3 << 30} {
		var b byteSize
		if err := b.Set(in); err != nil || int64(b) != want {
			t.Errorf("%q = %d %v, want %d", in, b, err, want)
		}
		var again byteSize
		if err := again.Set(b.String()); err != nil || again != b {
			t.Errorf("%q printed as %q reads back as %d", in, b.String(), again)
		}
	}
	for _, in := range []string{"", "x", "-1", "5P"} {
		var b byteSize
		if err := b.Set(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

// TestMain lets a test run this binary as the newsmill command, with
// main's own signal handling: NEWSMILL_TEST_ARGS holds the arguments,
// separated by newlines.
func TestMain(m *testing.M) {
	if args := os.Getenv("NEWSMILL_TEST_ARGS"); args != "" {
		os.Args = append([]string{"newsmill"}, strings.Split(args, "\n")...)
		os.Exit(Main())
	}
	os.Exit(m.Run())
}

// TestSIGTERM sends SIGTERM to a running newsmill process once it has
// stored its first part: it must stop reading, finish what is in flight,
// leave valid files and a manifest, and exit with status 1; --resume then
// finishes the job with every record stored exactly once.
func TestSIGTERM(t *testing.T) {
	dir := t.TempDir()
	const n = 1500
	input := writeGenerated(t, dir, "big.jsonl", func(b *bytes.Buffer) error { return gen.WriteJSONL(b, 0, n, 80) })
	out := filepath.Join(dir, "out")
	args := []string{"annotate", "-o", out, "--stages", fastStages, "--workers", "1", "--inflight", "4", "--part-docs", "50", input}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "NEWSMILL_TEST_ARGS="+strings.Join(args, "\n"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	must(t, cmd.Start())
	deadline := time.Now().Add(60 * time.Second)
	for {
		m, _ := batch.LoadManifest(filepath.Join(out, "_manifest.json"))
		if m != nil && len(m.Parts) > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no part stored after 60 s: %s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	must(t, cmd.Process.Signal(syscall.SIGTERM))
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitFail || !strings.Contains(stderr.String(), "received terminated") {
		t.Fatalf("after SIGTERM: exit %d (%v): %s", code, err, stderr.String())
	}
	m := readManifest(t, out, "_manifest.json")
	if m.Status != batch.StatusStopped || m.Totals.Documents >= n || m.Inputs[0].Status != batch.InputPartial {
		t.Fatalf("after SIGTERM: status %s, totals %+v, input %+v", m.Status, m.Totals, m.Inputs[0])
	}
	db := openDuckDB(t, out) // every file reads back
	var stored int64
	must(t, db.QueryRow(`SELECT count(*) FROM documents`).Scan(&stored))
	if stored != m.Totals.Documents {
		t.Errorf("%d documents stored, manifest says %d", stored, m.Totals.Documents)
	}

	if code, _, stderr := annotateTo(t, append(args[:len(args)-1:len(args)-1], "--resume", input)...); code != exitOK {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}
	m = readManifest(t, out, "_manifest.json")
	checkAccounts(t, m, out)
	var rows, ids int64
	must(t, openDuckDB(t, out).QueryRow(`SELECT count(*), count(DISTINCT doc_id) FROM documents`).Scan(&rows, &ids))
	if rows != n || ids != n {
		t.Errorf("after resume: %d rows, %d distinct documents, want %d", rows, ids, n)
	}
}

func TestDuplicateInputs(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := annotateTo(t, "annotate", "--stages", fastStages, "-o", out, seedPath, "./"+seedPath, seedPath)
	if code != exitOK || !strings.Contains(stderr, "1 inputs (1 complete") || !strings.Contains(stderr, "1 documents") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// TestResumeRefusesOtherColumns: a manifest written by stages with other
// columns (another binary) cannot be resumed, so parts never mix layouts.
func TestResumeRefusesOtherColumns(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	args := []string{"annotate", "-q", "-o", out, "--stages", "extract,sentences", seedPath}
	if code, _, stderr := annotateTo(t, args...); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	path := filepath.Join(out, "_manifest.json")
	m, err := batch.LoadManifest(path)
	must(t, err)
	if len(m.Columns) != 0 {
		t.Fatalf("built-in stages declared columns %v", m.Columns)
	}
	m.Columns = []string{"quotes.sentiment float64"}
	must(t, m.Save(path))
	code, _, stderr := annotateTo(t, append(args, "--resume")...)
	if code != exitUsage || !strings.Contains(stderr, "columns [quotes.sentiment float64]") {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}
}
