package hostile_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsmill/newsmill/batch"
	"github.com/newsmill/newsmill/cli"
	"github.com/newsmill/newsmill/pipeline"
	_ "github.com/newsmill/newsmill/stages/builtin"
	"github.com/parquet-go/parquet-go"
)

// spinStage is registered as "hostile-spin": on a document whose text
// holds "POISON" it burns CPU for spinFor ("POISON-LONG": spinLong),
// ignoring its context, as a quadratic stage would.
const (
	spinFor  = 1500 * time.Millisecond
	spinLong = 20 * time.Second
)

func init() {
	pipeline.Register(pipeline.Spec{
		Name:        "hostile-spin",
		Description: "test stage: spins on POISON, ignoring ctx",
		Requires:    []string{"text"},
		New: func(pipeline.Options) (pipeline.Stage, error) {
			return pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
				if !strings.Contains(d.Text, "POISON") {
					return nil
				}
				d0 := spinFor
				if strings.Contains(d.Text, "POISON-LONG") {
					d0 = spinLong
				}
				n := 0
				for end := time.Now().Add(d0); time.Now().Before(end); {
					n++
				}
				return nil
			}), nil
		},
	})
	pipeline.Register(pipeline.Spec{
		Name:        "hostile-stuckclose",
		Description: "test stage: Close never returns",
		Requires:    []string{"text"},
		New:         func(pipeline.Options) (pipeline.Stage, error) { return stuckClose{}, nil },
	})
	pipeline.Register(pipeline.Spec{
		Name:        "hostile-badspan",
		Description: "test stage: an entity span past the end of the text",
		Requires:    []string{"text"},
		New: func(pipeline.Options) (pipeline.Stage, error) {
			return pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
				d.Entities = append(d.Entities, pipeline.Entity{Span: pipeline.Span{Start: 0, End: len(d.Text) + 5}, Label: "PERSON"})
				return nil
			}), nil
		},
	})
}

// stuckClose is a stage whose Close hangs, as one waiting on a lost
// connection would.
type stuckClose struct{}

func (stuckClose) Process(context.Context, *pipeline.Doc) error { return nil }
func (stuckClose) Close() error                                 { select {} }

// childEnv, when set, makes the test binary run newsmill with the
// arguments it holds (separated by newlines) instead of the tests.
const childEnv = "NEWSMILL_HOSTILE_CHILD"

func TestMain(m *testing.M) {
	if args := os.Getenv(childEnv); args != "" {
		os.Args = append([]string{"newsmill"}, strings.Split(args, "\n")...)
		os.Exit(cli.Main())
	}
	os.Exit(m.Run())
}

// record is the part of a JSON Lines output line the tests read.
type record struct {
	DocID    string   `json:"doc_id"`
	Text     string   `json:"text"`
	Warnings []string `json:"warnings"`
	Error    *struct {
		Stage, Message string
	} `json:"error"`
}

// annotate runs newsmill annotate in-process on stdin with JSON Lines
// output and returns the exit status, the records and stderr.
func annotate(t *testing.T, stdin string, args ...string) (int, []record, string) {
	t.Helper()
	return annotateInputs(t, stdin, append(args, "-")...)
}

// annotateInputs is annotate with the inputs given at the end of args.
func annotateInputs(t *testing.T, stdin string, args ...string) (int, []record, string) {
	t.Helper()
	var out, errs bytes.Buffer
	args = append([]string{"annotate", "--format", "jsonl", "-o", "-", "-q"}, args...)
	code := cli.Run(context.Background(), args, strings.NewReader(stdin), &out, &errs)
	var recs []record
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("output line: %v", err)
		}
		recs = append(recs, r)
	}
	return code, recs, errs.String()
}

// jsonl makes one JSON Lines record.
func jsonl(id, text string) string {
	b, _ := json.Marshal(map[string]string{"id": id, "text": text})
	return string(b) + "\n"
}

func TestBudgetMakesPoisonPillAnErrorRow(t *testing.T) {
	in := jsonl("a", "Fine text.") + jsonl("poison", "POISON here.") + jsonl("b", "More fine text.")
	start := time.Now()
	code, recs, stderr := annotate(t, in, "--stages", "extract,hostile-spin", "--max-doc-seconds", "0.2")
	if code != 0 || len(recs) != 3 {
		t.Fatalf("exit %d, %d records: %s", code, len(recs), stderr)
	}
	e := recs[1].Error
	if e == nil || e.Stage != "hostile-spin" || e.Message != "exceeded the 0.2 s budget per document" {
		t.Fatalf("poison record %+v", recs[1])
	}
	if recs[0].Error != nil || recs[2].Error != nil {
		t.Fatalf("good records failed: %+v", recs)
	}
	t.Logf("%v for a run whose poison pill spins %v", time.Since(start), spinFor)
}

func TestDuplicateIDIsAnErrorRow(t *testing.T) {
	code, recs, stderr := annotate(t, jsonl("x", "One.")+jsonl("y", "Two.")+jsonl("x", "Three."), "--stages", "extract")
	if code != 0 || len(recs) != 3 {
		t.Fatalf("exit %d, %d records: %s", code, len(recs), stderr)
	}
	if e := recs[2].Error; e == nil || e.Message != `duplicate doc_id "x", first seen in standard input` {
		t.Fatalf("third record %+v", recs[2])
	}
}

func TestLongIDIsReplacedByAHash(t *testing.T) {
	long := strings.Repeat("id", 1<<20) // 2 MB
	code, recs, stderr := annotate(t, jsonl(long, "Someone said “this is fine,” and left."), "--stages", "extract,sentences,quotes")
	if code != 0 || len(recs) != 1 || recs[0].Error != nil {
		t.Fatalf("exit %d, records %+v: %s", code, recs, stderr)
	}
	if id := recs[0].DocID; len(id) > pipeline.MaxIDBytes || !strings.HasPrefix(id, "sha256:") {
		t.Fatalf("doc_id of %d bytes: %.80q", len(id), id)
	}
	if w := strings.Join(recs[0].Warnings, "; "); !strings.Contains(w, "2097152 bytes") {
		t.Fatalf("warnings %q", w)
	}
}

func TestMaxErrorsZeroStopsAtTheFirstError(t *testing.T) {
	var in strings.Builder
	in.WriteString(jsonl("ok", "Fine."))
	for i := range 200 {
		fmt.Fprintf(&in, "{\"id\":\"bad%d\",\n", i)
	}
	code, recs, stderr := annotate(t, in.String(), "--stages", "extract", "--max-errors", "0", "--inflight", "2", "--workers", "1")
	if code != 1 || !strings.Contains(stderr, "more than 0 error rows") || len(recs) > 10 {
		t.Fatalf("exit %d, %d records: %s", code, len(recs), stderr)
	}
	code, recs, _ = annotate(t, in.String(), "--stages", "extract", "--max-errors", "-1")
	if code != 0 || len(recs) != 201 {
		t.Fatalf("--max-errors -1: exit %d, %d records", code, len(recs))
	}
}

func TestInvalidSpanIsAnErrorRow(t *testing.T) {
	code, recs, stderr := annotate(t, jsonl("x", "Some text."), "--stages", "extract,hostile-badspan")
	if code != 0 || len(recs) != 1 {
		t.Fatalf("exit %d, %d records: %s", code, len(recs), stderr)
	}
	if e := recs[0].Error; e == nil || e.Stage != "hostile-badspan" || !strings.Contains(e.Message, "outside text") {
		t.Fatalf("record %+v", recs[0])
	}
}

// TestSecondSignalExitsWithinTwoSeconds runs newsmill in a child process
// on input whose second document makes a stage spin, ignoring its
// context, for longer than the test waits; two SIGTERMs must end the
// child within 2 s, with a stopped manifest and valid parts.
func TestSecondSignalExitsWithinTwoSeconds(t *testing.T) {
	secondSignal(t, "extract,hostile-spin")
}

// TestStoppedManifestWhenShutdownHangs is the same with a stage whose
// Close never returns, so that the run cannot end before the forced exit:
// the manifest must say stopped all the same, and the parts it lists hold
// its documents (it said running before).
func TestStoppedManifestWhenShutdownHangs(t *testing.T) {
	secondSignal(t, "extract,hostile-spin,hostile-stuckclose")
}

// secondSignal runs stages on 50 documents, the 11th a long poison pill,
// and sends two SIGTERMs.
func secondSignal(t *testing.T, stages string) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	var text strings.Builder
	for i := range 50 {
		body := "Plain text."
		if i == 10 {
			body = "POISON-LONG"
		}
		text.WriteString(jsonl(fmt.Sprint(i), body))
	}
	if err := os.WriteFile(in, []byte(text.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd, stderr := start(t, nil, "annotate", "-q", "--stages", stages, "--max-doc-seconds", "0",
		"--part-docs", "5", "--workers", "1", "-o", out, in)
	time.Sleep(500 * time.Millisecond) // the spin takes spinFor
	_ = cmd.Process.Signal(syscall.SIGTERM)
	time.Sleep(100 * time.Millisecond)
	_ = cmd.Process.Signal(syscall.SIGTERM)
	took := exits(t, cmd, stderr, 2*time.Second)
	m := stopped(t, out, stderr)
	t.Logf("exit %v after the second signal; manifest: %d documents, %d parts", took, m.Totals.Documents, len(m.Parts))
}

// TestFirstSignalStopsStalledStdin: a producer that writes three records
// to newsmill's standard input and then hangs, the pipe still open; one
// SIGTERM must end the run promptly, the three documents stored and the
// manifest stopped (the first signal was ignored until the stream moved).
func TestFirstSignalStopsStalledStdin(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	cmd, stderr := start(t, r, "annotate", "--progress-every", "20ms", "--stages", "extract", "-o", out, "-")
	r.Close()
	if _, err := w.WriteString(jsonl("a", "One.") + jsonl("b", "Two.") + jsonl("c", "Three.")); err != nil {
		t.Fatal(err)
	}
	if !stderr.wait("documents=3", 30*time.Second) {
		_ = cmd.Process.Kill()
		t.Fatalf("the child did not write the three documents: %s", stderr.String())
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	took := exits(t, cmd, stderr, 2*time.Second)
	m := stopped(t, out, stderr)
	if m.Totals.Documents != 3 {
		t.Errorf("the manifest holds %d documents, want the 3 read", m.Totals.Documents)
	}
	t.Logf("exit %v after the first signal", took)
}

// start runs newsmill with args in a child process (this test binary, see
// childEnv) reading stdin, and returns it with its stderr.
func start(t *testing.T, stdin *os.File, args ...string) (*exec.Cmd, *output) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run", "^$")
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join(args, "\n"))
	stderr := &output{}
	cmd.Stdin, cmd.Stderr = stdin, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, stderr
}

// output is a child's stderr, safe to read while the child writes it.
type output struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.String()
}

// wait reports whether the output holds s within limit, checking every
// 10 ms.
func (o *output) wait(s string, limit time.Duration) bool {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(o.String(), s) {
			return true
		}
	}
	return false
}

// exits waits for cmd to end, at most limit, and checks it exits with
// status 1; it returns how long it took.
func exits(t *testing.T, cmd *exec.Cmd, stderr *output, limit time.Duration) time.Duration {
	t.Helper()
	sent := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		took := time.Since(sent)
		if took > limit {
			t.Errorf("exited %v after the signal", took)
		}
		if cmd.ProcessState.ExitCode() != 1 {
			t.Errorf("exit %v, want status 1: %s", err, stderr.String())
		}
		return took
	case <-time.After(limit):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("still running %v after the signal: %s", limit, stderr.String())
	}
	return 0
}

// stopped checks that out's manifest says stopped and that the parts it
// lists are valid Parquet files holding the documents it counts.
func stopped(t *testing.T, out string, stderr *output) *batch.Manifest {
	t.Helper()
	m, err := batch.LoadManifest(filepath.Join(out, "_manifest.json"))
	if err != nil || m == nil {
		t.Fatalf("manifest: %v", err)
	}
	if m.Status != batch.StatusStopped {
		t.Errorf("manifest status %q, want stopped; stderr: %s", m.Status, stderr.String())
	}
	var rows int64
	for _, p := range m.Parts {
		f, err := os.Open(filepath.Join(out, "documents", p+".parquet"))
		if err != nil {
			t.Fatalf("listed part: %v", err)
		}
		st, _ := f.Stat()
		pf, err := parquet.OpenFile(f, st.Size())
		if err != nil {
			t.Fatalf("part %s: %v", p, err)
		}
		rows += pf.NumRows()
		f.Close()
	}
	if rows != m.Totals.Documents || rows == 0 {
		t.Errorf("parts hold %d documents, the manifest says %d", rows, m.Totals.Documents)
	}
	return m
}
