package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/internal/duckdbtest"
	"github.com/newsmill/newsmill/internal/golden"
	"github.com/newsmill/newsmill/sink"
)

const seedPath = "../testdata/000_be515a28a143e7f9.txt"

// annotateTo runs the CLI in-process and returns its exit status and output.
func annotateTo(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// openDuckDB opens an in-memory DuckDB with a view per table of out.
func openDuckDB(t *testing.T, out string) *sql.DB {
	t.Helper()
	return duckdbtest.Dataset(t, out, "*.parquet", sink.Tables)
}

// seedQuote is one quote of the seed article as the golden file records it.
type seedQuote struct {
	Text        string `json:"text"`
	Kind        string `json:"kind"`
	Speaker     string `json:"speaker"`
	SpeakerName string `json:"speaker_name"`
	SpeakerType string `json:"speaker_type"`
	Cue         string `json:"cue"`
}

// seedResult is what the golden test keeps of the seed article.
type seedResult struct {
	Title     string      `json:"title"`
	Published string      `json:"published"`
	FirstSent string      `json:"first_sentence"`
	LastSent  string      `json:"last_sentence"`
	Sentences int         `json:"sentences"`
	Persons   []string    `json:"persons"`
	Quotes    []seedQuote `json:"quotes"`
}

// TestSeedGolden annotates the seed article through the CLI, reads every
// table back with DuckDB and compares the result with a golden file.
func TestSeedGolden(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := annotateTo(t, "annotate", "-o", out, "--workers", "2", seedPath)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	db := openDuckDB(t, out)
	var got seedResult
	must(t, db.QueryRow(`SELECT title, strftime(published, '%Y-%m-%d') FROM documents`).Scan(&got.Title, &got.Published))
	must(t, db.QueryRow(`SELECT count(*), first(text ORDER BY sentence), last(text ORDER BY sentence) FROM sentences`).
		Scan(&got.Sentences, &got.FirstSent, &got.LastSent))
	rows, err := db.Query(`SELECT DISTINCT canonical FROM entities WHERE label = 'PERSON' ORDER BY canonical`)
	must(t, err)
	for rows.Next() {
		var p string
		must(t, rows.Scan(&p))
		got.Persons = append(got.Persons, p)
	}
	rows, err = db.Query(`SELECT text, kind, coalesce(speaker, ''), coalesce(speaker_name, ''),
		coalesce(speaker_type, ''), coalesce(cue, '') FROM quotes WHERE kind <> 'indirect' ORDER BY quote`)
	must(t, err)
	for rows.Next() {
		var q seedQuote
		must(t, rows.Scan(&q.Text, &q.Kind, &q.Speaker, &q.SpeakerName, &q.SpeakerType, &q.Cue))
		got.Quotes = append(got.Quotes, q)
	}

	// The product's promise, independent of the golden file.
	if got.Title != "Threat to evacuate US diplomats from Iraq raises fear of war" {
		t.Errorf("title %q", got.Title)
	}
	want := []struct{ begins, speaker, name string }{
		{"want to be limited in their options", "One of the Western diplomats", "One of the Western diplomats"},
		{"Strikes.", "the diplomat", "One of the Western diplomats"},
		{"We never comment on the secretary’s", "The US State Department", "The US State Department"},
		{"security, stability, and prosperity", "The Pentagon", "The Pentagon"},
		{"The American threat to close their embassy", "Gati Rikabi", "Gati Rikabi"},
		{"Iran wants to boot the Americans out", "the Shia leader", "A senior figure in a Shia political party"},
		{"Just like there are hawks in the US", "the Shia leader", "A senior figure in a Shia political party"},
	}
	if len(got.Quotes) != len(want) {
		t.Errorf("%d quotes, want %d: %+v", len(got.Quotes), len(want), got.Quotes)
	}
	for i := range min(len(want), len(got.Quotes)) {
		g, w := got.Quotes[i], want[i]
		if !strings.HasPrefix(g.Text, w.begins) || g.Speaker != w.speaker || g.SpeakerName != w.name {
			t.Errorf("quote %d = %q by %q (%q), want %q… by %q (%q)", i, g.Text, g.Speaker, g.SpeakerName, w.begins, w.speaker, w.name)
		}
	}
	for _, p := range []string{"Donald Trump", "Mike Pompeo", "Barham Salih", "Muqtada al-Sadr", "Qassem Soleimani", "Gati Rikabi", "Mustafa al-Kadhimi"} {
		found := false
		for _, g := range got.Persons {
			found = found || g == p
		}
		if !found {
			t.Errorf("PERSON %q missing from %v", p, got.Persons)
		}
	}
	// Nothing comes from the masthead or the related-articles list.
	var leaks int
	must(t, db.QueryRow(`SELECT count(*) FROM documents WHERE text LIKE '%London Daily%' OR text LIKE '%Related Articles%'
		OR text LIKE '%Linda Yaccarino%' OR text LIKE '%Focus on the big picture%'`).Scan(&leaks))
	if leaks != 0 {
		t.Error("boilerplate left in documents.text")
	}

	b, err := json.MarshalIndent(got, "", "  ")
	must(t, err)
	golden.Check(t, filepath.Join("..", "testdata", "golden", "seed.json"), append(b, '\n'))
}

// TestDuckDBReadsAllTables runs the CLI over every bundled article and
// checks, in DuckDB, that every span of every table points at its text in
// documents.text.
func TestDuckDBReadsAllTables(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := annotateTo(t, "annotate", "-o", out, seedPath, "../testdata/articles")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "5 documents, 0 error rows") {
		t.Errorf("summary: %s", stderr)
	}
	db := openDuckDB(t, out)
	checks := []struct {
		name, query string
		want        int
	}{
		{"documents", `SELECT count(*) FROM documents`, 5},
		{"errors", `SELECT count(*) FROM errors`, 0},
		{"sentence spans", `SELECT count(*) FROM sentences s JOIN documents d USING (doc_id)
			WHERE substring(d.text, s.start + 1, s."end" - s.start) <> s.text`, 0},
		{"entity spans", `SELECT count(*) FROM entities e JOIN documents d USING (doc_id)
			WHERE substring(d.text, e.start + 1, e."end" - e.start) <> e.text`, 0},
		{"quote spans", `SELECT count(*) FROM quotes q JOIN documents d USING (doc_id)
			WHERE position(q.text IN substring(d.text, q.start + 1, q."end" - q.start)) = 0`, 0},
		{"speaker spans", `SELECT count(*) FROM quotes q JOIN documents d USING (doc_id)
			WHERE q.speaker IS NOT NULL AND substring(d.text, q.speaker_start + 1, q.speaker_end - q.speaker_start) <> q.speaker`, 0},
		{"quotes of the JSON Lines articles", `SELECT count(*) FROM quotes WHERE doc_id LIKE 'wire-%' AND kind = 'direct'`, 5},
	}
	for _, c := range checks {
		var n int
		if err := db.QueryRow(c.query).Scan(&n); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if n != c.want {
			t.Errorf("%s: %d, want %d", c.name, n, c.want)
		}
	}
	var title, site, url string
	must(t, db.QueryRow(`SELECT title, site, url FROM documents WHERE source LIKE '%harbour-bridge.html'`).Scan(&title, &site, &url))
	if title != "Port city votes to rebuild harbour bridge" || site != "The Coastal Ledger" || !strings.HasSuffix(url, "/harbour-bridge") {
		t.Errorf("HTML metadata: %q %q %q", title, site, url)
	}
}

func TestExitStatus(t *testing.T) {
	out := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no command", nil, exitUsage, "Usage"},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"no output", []string{"annotate", seedPath}, exitUsage, "-o OUT is required"},
		{"no input", []string{"annotate", "-o", out}, exitUsage, "no INPUT"},
		{"bad format", []string{"annotate", "-o", out, "--format", "xml", seedPath}, exitUsage, "--format"},
		{"unknown stage", []string{"annotate", "-o", out, "--stages", "extract,nope", seedPath}, exitUsage, `unknown stage "nope"`},
		{"stage order", []string{"annotate", "-o", out, "--stages", "extract,quotes", seedPath}, exitUsage, "requires sentences"},
		{"missing input", []string{"annotate", "-o", out, "no/such/file.txt"}, exitUsage, "no such file"},
		{"bad flag", []string{"annotate", "--bogus"}, exitUsage, "flag provided but not defined"},
		{"help", []string{"annotate", "--help"}, exitOK, "Usage: newsmill annotate"},
		{"version", []string{"version"}, exitOK, ""},
		{"stages", []string{"stages"}, exitOK, ""},
		{"output is a file", []string{"annotate", "-o", seedPath, seedPath}, exitFail, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := annotateTo(t, tc.args...)
			if code != tc.code || !strings.Contains(stdout+stderr, tc.msg) {
				t.Fatalf("exit %d (want %d), output %q (want %q)", code, tc.code, stdout+stderr, tc.msg)
			}
		})
	}
}

func TestStagesListsRequirements(t *testing.T) {
	_, stdout, _ := annotateTo(t, "stages")
	for _, want := range []string{"extract", "sentences", "entities", "quotes", "requires: sentences; provides: quotes; uses when present: entities",
		"option entities.model (default newsmill)", "FAC", "code points"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stages output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestJSONLToStdout pipes JSON Lines in and out, with a malformed line that
// must become an error row while the run goes on.
func TestJSONLToStdout(t *testing.T) {
	in := `{"id":"a","text":"“We are ready,” said Anna Berg, the mayor."}
{"id": broken
{"id":"c","text":"No quotes here."}
`
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"annotate", "--format", "jsonl", "-o", "-", "-"}, strings.NewReader(in), &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines out:\n%s", len(lines), stdout.String())
	}
	var first struct {
		DocID  string `json:"doc_id"`
		Quotes []struct {
			Text        string `json:"text"`
			SpeakerName string `json:"speaker_name"`
		} `json:"quotes"`
	}
	must(t, json.Unmarshal([]byte(lines[0]), &first))
	if first.DocID != "a" || len(first.Quotes) != 1 || first.Quotes[0].SpeakerName != "Anna Berg" {
		t.Errorf("first document: %+v", first)
	}
	if !strings.Contains(lines[1], `"error"`) || !strings.Contains(lines[1], "stdin:2") {
		t.Errorf("malformed line did not become an error naming its line: %s", lines[1])
	}
	if !strings.Contains(stderr.String(), "2 documents, 1 error rows") {
		t.Errorf("summary: %s", stderr.String())
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestQuotesCommand(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := annotateTo(t, "annotate", "-q", "-o", out, seedPath); code != exitOK {
		t.Fatalf("annotate: exit %d: %s", code, stderr)
	}
	code, stdout, _ := annotateTo(t, "quotes", "-n", "2", out)
	var id string
	must(t, openDuckDB(t, out).QueryRow(`SELECT doc_id FROM documents`).Scan(&id))
	want := id + "\tpartial\tOne of the Western diplomats: “want to be limited in their options”\n" +
		id + "\tdirect\tOne of the Western diplomats: “Strikes.”\n"
	if code != exitOK || stdout != want {
		t.Errorf("quotes -n 2: exit %d\n%s\nwant\n%s", code, stdout, want)
	}
	_, all, _ := annotateTo(t, "quotes", "-n", "0", "-indirect", out)
	if !strings.Contains(all, "\tindirect\t") || strings.Count(all, "\n") <= 7 {
		t.Errorf("quotes -indirect printed:\n%s", all)
	}
	if code, _, stderr := annotateTo(t, "quotes", t.TempDir()); code != exitFail || !strings.Contains(stderr, "no quotes table") {
		t.Errorf("quotes on an empty directory: exit %d, %s", code, stderr)
	}
}

// TestMessages: a command-line mistake gets one line saying what is wrong,
// with a "did you mean" where one is close, and a pointer to --help.
func TestMessages(t *testing.T) {
	out := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"annotate", "--stagse", "extract", seedPath}, "flag provided but not defined: -stagse (did you mean --stages?)"},
		{[]string{"anotate"}, `unknown command "anotate" (did you mean "annotate"?)`},
		{[]string{"annotate", "-o", out, "--stages", "extract,sentence", seedPath}, `unknown stage "sentence" (did you mean "sentences"?)`},
		{[]string{"annotate", "-o", out, "--stage-opt", "sentences.typo=1", seedPath}, `stage sentences: unknown option "typo": the stage takes none`},
		{[]string{"annotate", "-o", out, "--stage-opt", "entities.modle=prose", seedPath}, `unknown option "modle" (did you mean "model"?)`},
		{[]string{"quotes"}, "want one OUT directory"},
	} {
		code, _, stderr := annotateTo(t, tc.args...)
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if code != exitUsage || !strings.Contains(lines[0], tc.want) || len(lines) > 2 || !strings.Contains(stderr, "help") {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant %q in one line and a pointer to help", tc.args, code, stderr, tc.want)
		}
	}
}

// TestOutputAndLinksInInputDir runs twice with the JSON Lines output inside
// the input directory, which also holds a dangling link: the output is never
// read back (it once grew until the disk filled) and the link is an error row,
// not a refused run.
func TestOutputAndLinksInInputDir(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(`{"id":"a","text":"“Yes,” said Anna Berg."}`+"\n"), 0o644))
	must(t, os.Symlink(filepath.Join(dir, "missing.txt"), filepath.Join(dir, "dangling.txt")))
	out := filepath.Join(dir, "x.jsonl")
	for run := 1; run <= 2; run++ {
		var stdout, stderr bytes.Buffer
		code := Run(context.Background(), []string{"annotate", "--format", "jsonl", "-o", out, dir}, nil, &stdout, &stderr)
		if code != exitOK {
			t.Fatalf("run %d: exit %d: %s", run, code, stderr.String())
		}
		data, err := os.ReadFile(out)
		must(t, err)
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		if len(lines) != 3 {
			t.Fatalf("run %d: %d lines, want a, the link's error and the output's:\n%s", run, len(lines), data)
		}
		if !strings.Contains(string(data), "dangling.txt") || !strings.Contains(string(data), "run's own output") {
			t.Errorf("run %d: no error rows for the link and the output:\n%s", run, data)
		}
	}
}
