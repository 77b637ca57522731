//go:build cgo

package readme

import (
	"bytes"
	"compress/gzip"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/klauspost/compress/zstd"

	"github.com/newsmill/newsmill/internal/gen"
)

// TestMain lets the test binary stand in for the duckdb command-line tool
// (run through a link named duckdb) where none is installed: the README's
// `duckdb -c "SQL"` lines then run through the same DuckDB as the Go tests.
func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == "duckdb" {
		os.Exit(duckdbMain(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// duckdbMain runs `duckdb -c SQL` in process: each statement's rows are
// printed tab-separated.
func duckdbMain(args []string) int {
	if len(args) != 2 || args[0] != "-c" {
		fmt.Fprintln(os.Stderr, "duckdb stand-in: usage: duckdb -c SQL")
		return 2
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	for _, stmt := range statements(args[1]) {
		rows, err := query(db, stmt)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		for _, r := range rows {
			fmt.Println(strings.Join(r, "\t"))
		}
	}
	return 0
}

// block is one fenced code block of the README.
type block struct {
	lang, text, section string
	line                int // of the opening fence
}

// readmeBlocks returns the code blocks of README.md in order, each with
// the heading it is under.
func readmeBlocks(t *testing.T, root string) []block {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []block
	var cur *block
	section := ""
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &block{lang: strings.TrimPrefix(line, "```"), section: section, line: i + 1}
		case cur != nil && line == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.text += line + "\n"
		case strings.HasPrefix(line, "#"):
			section = strings.TrimSpace(strings.TrimLeft(line, "#"))
		}
	}
	if cur != nil {
		t.Fatalf("README line %d: unclosed code block", cur.line)
	}
	return out
}

// fixture is the temporary directory the README's commands run in, laid
// out as they expect: the bundled articles as articles/, dump.jsonl (with
// a malformed line, so that error lines appear) and its .gz and .zst
// copies, page.html, story.txt, two CC-NEWS-like files in cc-news/, and a
// link newsmill/ to the repository, as a clone beside a custom stage.
type fixture struct {
	t          *testing.T
	root, work string
	bin        string // on PATH first: newsmill, and duckdb if none is installed
	env        []string

	makeRunOutput string // what make run printed
	tablesMade    bool   // out/ and shards/ hold runs (see tables)
}

func newFixture(t *testing.T, root string) *fixture {
	f := &fixture{t: t, root: root, work: t.TempDir()}
	f.bin = filepath.Join(f.work, ".bin")
	must(t, os.MkdirAll(f.bin, 0o755))
	must(t, os.CopyFS(filepath.Join(f.work, "articles"), os.DirFS(filepath.Join(root, "testdata", "articles"))))
	wire, err := os.ReadFile(filepath.Join(root, "testdata", "articles", "wire.jsonl"))
	must(t, err)
	dump := append(append([]byte{}, wire...), "{\"id\": \"broken\", \"text\": \n"...)
	f.write("dump.jsonl", dump)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(dump)
	must(t, zw.Close())
	f.write("dump.jsonl.gz", gz.Bytes())
	zst, err := zstd.NewWriter(nil)
	must(t, err)
	f.write("dump.jsonl.zst", zst.EncodeAll(dump, nil))
	html, err := os.ReadFile(filepath.Join(root, "testdata", "articles", "harbour-bridge.html"))
	must(t, err)
	f.write("page.html", html)
	story, err := os.ReadFile(filepath.Join(root, "testdata", "000_be515a28a143e7f9.txt"))
	must(t, err)
	f.write("story.txt", story)
	for i := range 2 {
		var b bytes.Buffer
		_, err := gen.WriteWARC(&b, gen.WARCOptions{First: i * 10, N: 10, Words: 150, Gzip: true})
		must(t, err)
		f.write(fmt.Sprintf("cc-news/CC-NEWS-%d.warc.gz", i), b.Bytes())
	}
	must(t, os.Symlink(root, filepath.Join(f.work, "newsmill")))
	if _, err := exec.LookPath("duckdb"); err != nil {
		self, err := os.Executable()
		must(t, err)
		must(t, os.Symlink(self, filepath.Join(f.bin, "duckdb")))
	}
	f.env = append(os.Environ(), "PATH="+f.bin+string(os.PathListSeparator)+os.Getenv("PATH"), "GOBIN="+f.bin)
	// Installed as the README says, from the clone; every command uses it.
	if out, err := f.sh(root, "go install ./cmd/newsmill"); err != nil {
		t.Fatalf("go install ./cmd/newsmill: %v\n%s", err, out)
	}
	return f
}

func (f *fixture) write(name string, data []byte) {
	p := filepath.Join(f.work, name)
	must(f.t, os.MkdirAll(filepath.Dir(p), 0o755))
	must(f.t, os.WriteFile(p, data, 0o644))
}

// sh runs script with bash -euo pipefail in dir and returns its output.
func (f *fixture) sh(dir, script string) (string, error) {
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
	cmd.Dir, cmd.Env = dir, f.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestREADME plays the README on the bundled data, block by block, in the
// order a new user reads it. A block no case below handles fails the test,
// so a new snippet cannot go untested.
func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("installs newsmill and builds a custom binary")
	}
	root, err := filepath.Abs("../..")
	must(t, err)
	f := newFixture(t, root)
	t.Chdir(f.work)
	blocks := readmeBlocks(t, root)

	help, err := f.sh(f.work, "newsmill annotate --help 2>&1 || true")
	must(t, err)

	// The custom stage's files, saved as the README says, before its
	// commands run.
	for _, b := range blocks {
		switch {
		case b.lang == "go" && strings.Contains(b.text, "func main()"):
			f.write("mynewsmill/main.go", []byte(b.text))
		case b.lang == "go" && strings.Contains(b.text, "func Test"):
			f.write("mynewsmill/shouting_test.go", []byte(b.text))
		}
	}
	for _, b := range blocks {
		name := fmt.Sprintf("line%d-%s", b.line, b.lang)
		t.Run(name, func(t *testing.T) {
			switch {
			case b.lang == "sh":
				f.shellBlock(t, b)
			case b.lang == "sql":
				f.sqlBlock(t, b)
			case b.lang == "go":
				// Saved above; built and tested by the sh block that follows it.
				if !strings.Contains(b.text, "func main()") && !strings.Contains(b.text, "func Test") {
					t.Errorf("README line %d: a Go block that is neither the program nor its test", b.line)
				}
			case b.lang == "python":
				f.pythonBlock(t, b)
			case b.lang == "yaml" || b.lang == "bash":
				flagsBlock(t, f, b, help)
			case b.lang == "" && strings.Contains(b.text, "→"):
				f.pipelineBlock(t, b)
			case b.lang == "" && b.section == "Two commands":
				f.sampleOutputBlock(t, b)
			default:
				t.Errorf("README line %d: a %q block under %q that no test runs", b.line, b.lang, b.section)
			}
		})
	}
	t.Run("every column is described", func(t *testing.T) { f.columnsDescribed(t) })
}

// columnsDescribed checks that the README's section on the tables names,
// as `column`, every column of every table of a real run.
func (f *fixture) columnsDescribed(t *testing.T) {
	f.tables(t)
	readme, err := os.ReadFile(filepath.Join(f.root, "README.md"))
	must(t, err)
	_, section, _ := strings.Cut(string(readme), "## The tables")
	section, _, _ = strings.Cut(section, "\n## ")
	db, err := sql.Open("duckdb", "")
	must(t, err)
	defer db.Close()
	for _, table := range []string{"documents", "sentences", "entities", "quotes", "errors"} {
		rows, err := query(db, "SELECT column_name FROM (DESCRIBE SELECT * FROM 'out/"+table+"/*.parquet')")
		if err != nil {
			t.Errorf("%s: %v", table, err)
			continue
		}
		for _, r := range rows {
			if !strings.Contains(section, "`"+r[0]+"`") {
				t.Errorf("README, The tables: %s.%s is not described", table, r[0])
			}
		}
	}
}

// shellBlock runs a sh block. Lines calling make are checked with make -n
// (make run is really run, into a temporary OUT); the install line for the
// published module is checked against go.mod; a go test line is checked
// with -list; everything else runs as one script from the fixture's
// directory, in order.
func (f *fixture) shellBlock(t *testing.T, b block) {
	var script []string
	flush := func() {
		if len(script) == 0 {
			return
		}
		s := strings.Join(script, "\n")
		script = nil
		out, err := f.sh(f.work, s)
		if err != nil {
			t.Fatalf("README line %d:\n%s\nfailed: %v\n%s", b.line, s, err, out)
		}
		t.Logf("%s\n%s", s, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(b.text), "\n") {
		cmd := strings.TrimSpace(stripComment(line))
		fields := strings.Fields(cmd)
		switch {
		case cmd == "":
		case fields[0] == "make":
			flush()
			f.makeLine(t, b, fields[1:])
		case strings.HasPrefix(cmd, "go install ./"):
			// Installed by newFixture before any block runs.
		case strings.HasPrefix(cmd, "go install ") && strings.HasSuffix(cmd, "@latest"):
			flush()
			f.publishedInstall(t, strings.TrimSuffix(fields[2], "@latest"))
		case strings.HasPrefix(cmd, "go test ./") && strings.Contains(cmd, "-update"):
			flush()
			f.goldenLine(t, fields)
		default:
			script = append(script, line)
		}
	}
	flush()
}

// stripComment drops a shell comment that starts a line or follows a
// space, outside quotes (enough for the README's commands).
func stripComment(line string) string {
	inSingle, inDouble := false, false
	for i, r := range line {
		switch {
		case r == '\'' && !inDouble:
			inSingle = !inSingle
		case r == '"' && !inSingle:
			inDouble = !inDouble
		case r == '#' && !inSingle && !inDouble && (i == 0 || line[i-1] == ' '):
			return line[:i]
		}
	}
	return line
}

// makeLine checks `make target [VAR=value]`: the target exists (make -n);
// `make run` is run for real, into a temporary OUT, and must print quotes.
func (f *fixture) makeLine(t *testing.T, b block, args []string) {
	if len(args) == 0 {
		t.Fatalf("README line %d: bare make", b.line)
	}
	if args[0] == "run" {
		out, err := f.sh(f.root, "make run OUT="+filepath.Join(f.work, "make-run-out"))
		if err != nil || !strings.Contains(out, "\tdirect\t") {
			t.Fatalf("make run: %v\n%s", err, out)
		}
		f.makeRunOutput = out
		return
	}
	if out, err := f.sh(f.root, "make -n "+strings.Join(args, " ")+" >/dev/null"); err != nil {
		t.Errorf("README line %d: make %s: %v\n%s", b.line, strings.Join(args, " "), err, out)
	}
}

// publishedInstall checks the install line for the published module: its
// path is this module's, and the command package exists.
func (f *fixture) publishedInstall(t *testing.T, pkg string) {
	mod, err := os.ReadFile(filepath.Join(f.root, "go.mod"))
	must(t, err)
	m := regexp.MustCompile(`(?m)^module (\S+)$`).FindSubmatch(mod)
	rel, ok := strings.CutPrefix(pkg, string(m[1])+"/")
	if !ok {
		t.Fatalf("go install %s: not in module %s", pkg, m[1])
	}
	if _, err := os.Stat(filepath.Join(f.root, rel, "main.go")); err != nil {
		t.Errorf("go install %s: %v", pkg, err)
	}
}

// goldenLine checks `go test ./pkg -run Name -update`: the package has
// that test and an -update flag. It does not rewrite the golden file.
func (f *fixture) goldenLine(t *testing.T, fields []string) {
	pkg, run := fields[2], ""
	for i, a := range fields {
		if a == "-run" && i+1 < len(fields) {
			run = fields[i+1]
		}
	}
	out, err := f.sh(f.root, fmt.Sprintf("go test -list '%s' %s", run, pkg))
	if err != nil || !regexp.MustCompile(`(?m)^Test\w*`+run).MatchString(out) {
		t.Errorf("%s: no test matching %q: %v\n%s", strings.Join(fields, " "), run, err, out)
	}
	if out, err := f.sh(f.root, fmt.Sprintf("go test -count=1 -run '^$' %s -update", pkg)); err != nil {
		t.Errorf("%s: the package has no -update flag: %v\n%s", pkg, err, out)
	}
}

// tables makes the runs the SQL and Python snippets read: out/ (the
// bundled articles, story.txt and dump.jsonl with its error, unsharded) and shards/ (the same plus
// page.html and cc-news/, as two shards).
func (f *fixture) tables(t *testing.T) {
	if f.tablesMade {
		return
	}
	script := `newsmill annotate -o out articles story.txt dump.jsonl
newsmill annotate --shard 0/2 -o shards articles story.txt page.html cc-news
newsmill annotate --shard 1/2 -o shards articles story.txt page.html cc-news`
	if out, err := f.sh(f.work, script); err != nil {
		t.Fatalf("%s\n%v\n%s", script, err, out)
	}
	f.tablesMade = true
}

// sqlBlock runs each statement of a sql block through DuckDB over real
// output; every SELECT must return rows. The paths of the sharded example
// (/data/out/2024-03) are read both as a sharded and as an unsharded run.
func (f *fixture) sqlBlock(t *testing.T, b block) {
	f.tables(t)
	db, err := sql.Open("duckdb", "")
	must(t, err)
	defer db.Close()
	for _, stmt := range statements(b.text) {
		variants := []string{stmt}
		if strings.Contains(stmt, "/data/out/2024-03") {
			variants = []string{strings.ReplaceAll(stmt, "/data/out/2024-03", "shards"), strings.ReplaceAll(stmt, "/data/out/2024-03", "out")}
		}
		for _, v := range variants {
			rows, err := query(db, v)
			if err != nil {
				t.Errorf("README line %d:\n%s\n%v", b.line, v, err)
				continue
			}
			if len(rows) == 0 {
				t.Errorf("README line %d:\n%s\nreturned no rows", b.line, v)
			}
		}
	}
}

// statements splits SQL at semicolons that end a line, dropping comments.
func statements(text string) []string {
	var out []string
	var cur []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			continue
		}
		cur = append(cur, line)
		if strings.HasSuffix(strings.TrimSpace(line), ";") || line == "" {
			if s := strings.TrimSpace(strings.Join(cur, "\n")); s != "" {
				out = append(out, strings.TrimSuffix(s, ";"))
			}
			cur = nil
		}
	}
	if s := strings.TrimSpace(strings.Join(cur, "\n")); s != "" {
		out = append(out, strings.TrimSuffix(s, ";"))
	}
	return out
}

// query runs one statement and returns its rows as text.
func query(db *sql.DB, stmt string) ([][]string, error) {
	rows, err := db.Query(stmt)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = fmt.Sprint(v)
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// pythonBlock checks a Python snippet's syntax, and runs it over out/ when
// the libraries it imports are installed.
func (f *fixture) pythonBlock(t *testing.T, b block) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("no python3")
	}
	check := "import ast, sys; ast.parse(sys.stdin.read())"
	cmd := exec.Command("python3", "-c", check)
	cmd.Stdin = strings.NewReader(b.text)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("README line %d: Python syntax: %v\n%s", b.line, err, out)
	}
	var mods []string
	for _, m := range regexp.MustCompile(`(?m)^import (\w+)`).FindAllStringSubmatch(b.text, -1) {
		mods = append(mods, m[1])
	}
	if strings.Contains(b.text, "pd.read_parquet") {
		mods = append(mods, "pyarrow")
	}
	if out, err := exec.Command("python3", "-c", "import "+strings.Join(mods, ", ")).CombinedOutput(); err != nil {
		t.Logf("syntax checked only: %s", bytes.TrimSpace(out))
		return
	}
	f.tables(t)
	cmd = exec.Command("python3", "-")
	cmd.Dir, cmd.Stdin = f.work, strings.NewReader(b.text)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("README line %d: %v\n%s", b.line, err, out)
	}
}

// flagsBlock checks a deployment example that cannot run here (a
// Kubernetes Job, a Slurm script): every --flag it passes is one that
// newsmill annotate documents, and a bash script parses.
func flagsBlock(t *testing.T, f *fixture, b block, help string) {
	for _, m := range regexp.MustCompile(`--[a-z][a-z-]+`).FindAllString(b.text, -1) {
		if strings.HasPrefix(m, "--job") || strings.HasPrefix(m, "--array") || strings.HasPrefix(m, "--cpus") ||
			strings.HasPrefix(m, "--mem") || strings.HasPrefix(m, "--time") || strings.HasPrefix(m, "--requeue") || strings.HasPrefix(m, "--signal") ||
			strings.HasPrefix(m, "--open-mode") || strings.HasPrefix(m, "--output") {
			continue // sbatch's own options
		}
		if !regexp.MustCompile(`(?m)^\s+-` + m[2:] + `\b`).MatchString(help) {
			t.Errorf("README line %d: %s is not a flag of newsmill annotate", b.line, m)
		}
	}
	if b.lang == "bash" {
		if out, err := f.sh(f.work, "bash -n <<'EOF'\n"+b.text+"EOF"); err != nil {
			t.Errorf("README line %d: %v\n%s", b.line, err, out)
		}
	}
}

// pipelineBlock checks the diagram of the pipeline: the stages between
// the source and the sinks are the default stages, in order.
func (f *fixture) pipelineBlock(t *testing.T, b block) {
	parts := strings.Split(strings.TrimSpace(b.text), "→")
	var stages []string
	for _, p := range parts[1 : len(parts)-1] {
		stages = append(stages, strings.TrimSpace(p))
	}
	out, err := f.sh(f.work, "newsmill annotate --help 2>&1 || true")
	must(t, err)
	if want := "default `" + strings.Join(stages, ",") + "`"; !strings.Contains(out, strings.Join(stages, ",")) {
		t.Errorf("README line %d: the diagram's stages %v are not the default in --help (%s)", b.line, stages, want)
	}
}

// sampleOutputBlock checks that the quote lines the README says make run
// prints are among what it printed.
func (f *fixture) sampleOutputBlock(t *testing.T, b block) {
	if f.makeRunOutput == "" {
		t.Fatal("the sample output comes before make run")
	}
	for _, line := range strings.Split(strings.TrimSpace(b.text), "\n") {
		if !strings.Contains(f.makeRunOutput, line) {
			t.Errorf("README line %d: make run did not print\n%s\nbut\n%s", b.line, line, f.makeRunOutput)
		}
	}
}
