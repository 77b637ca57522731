//go:build unix

package source

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsmill/newsmill/pipeline"
)

// TestIrregularInputs: only regular files are read. A named pipe, a
// socket, a device, a dangling or looping link, in a directory or named
// directly, each becomes one error document and the files around them are
// read; nothing blocks (issue 17: a FIFO blocked the run, a dangling link
// failed it).
func TestIrregularInputs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "d/a.txt", []byte("a"))
	writeFile(t, dir, "d/z.txt", []byte("z"))
	if err := os.Symlink("missing.txt", "d/b-dangling.txt"); err != nil {
		t.Skip("no symlinks:", err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("c-loop.txt", "d/c-loop.txt"))
	must(os.Symlink("/dev/null", "d/e-device.txt"))
	must(os.Symlink("a.txt", "d/f-link.txt"))
	if err := syscall.Mkfifo("d/d-fifo.jsonl", 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	l, err := net.Listen("unix", filepath.Join(dir, "d/g-socket.jsonl"))
	if err != nil {
		t.Skip("no unix sockets:", err)
	}
	defer l.Close()
	want := []struct{ source, text, err string }{
		{"d/a.txt", "a", ""},
		{"d/b-dangling.txt", "", `symbolic link to "missing.txt" cannot be followed: no such file or directory`},
		{"d/c-loop.txt", "", `symbolic link to "c-loop.txt" cannot be followed: too many levels of symbolic links`},
		{"d/d-fifo.jsonl", "", "a named pipe (FIFO); only regular files are read"},
		{"d/e-device.txt", "", "a device; only regular files are read"},
		{"d/f-link.txt", "a", ""},
		{"d/g-socket.jsonl", "", "a socket; only regular files are read"},
		{"d/z.txt", "z", ""},
		{"d/d-fifo.jsonl", "", "a named pipe"}, // named directly
	}
	done := make(chan []*pipeline.Doc)
	go func() { done <- collect(t, New([]string{"d", "d/d-fifo.jsonl"})) }()
	var docs []*pipeline.Doc
	select {
	case docs = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("reading blocked")
	}
	if len(docs) != len(want) {
		for _, d := range docs {
			t.Logf("%+v", summarize(d))
		}
		t.Fatalf("%d documents, want %d", len(docs), len(want))
	}
	for i, d := range docs {
		got := summarize(d)
		if got.Source != want[i].source || got.Text != want[i].text || !strings.Contains(got.Err, want[i].err) || (want[i].err == "") != (got.Err == "") {
			t.Errorf("doc %d: source %q text %q err %q, want %+v", i, got.Source, got.Text, got.Err, want[i])
		}
	}
}

// TestOutputIsNeverInput: the run's output, named as an input or found in
// an input directory, is an error document, not read back (issue 17: a
// JSON Lines output inside the input directory grew until the disk filled).
func TestOutputIsNeverInput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "in/a.jsonl", []byte(`{"text":"a"}`+"\n"))
	writeFile(t, dir, "in/out.jsonl", []byte(`{"text":"written by the last run"}`+"\n"))
	writeFile(t, dir, "in/ds/part.jsonl", []byte(`{"text":"inside an output directory"}`+"\n"))
	for _, tt := range []struct{ out, skipped string }{
		{"in/out.jsonl", "in/out.jsonl"},
		{filepath.Join(dir, "in", "out.jsonl"), "in/out.jsonl"},
		{"in/ds", "in/ds/part.jsonl"},
	} {
		docs := collect(t, New([]string{"in"}, WithOutput(tt.out)))
		var errs, texts []string
		for _, d := range docs {
			if d.Err != nil {
				errs = append(errs, d.Source)
				if !strings.Contains(d.Err.Error(), "is the run's own output; not read") {
					t.Errorf("out %s: error %v", tt.out, d.Err)
				}
			} else {
				texts = append(texts, d.Text)
			}
		}
		if len(errs) != 1 || errs[0] != tt.skipped || len(texts) != 2 {
			t.Errorf("out %s: errors for %q and %d documents, want one for %s and 2", tt.out, errs, len(texts), tt.skipped)
		}
	}
}

// TestStalledStdin: a producer that stops writing without closing the
// stream does not keep Read from returning once its context is cancelled
// (issue 17: a stalled stdin ignored SIGTERM).
func TestStalledStdin(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	go w.Write([]byte(`{"text":"first"}` + "\n"))
	ctx, cancel := context.WithCancel(context.Background())
	var got []string
	errc := make(chan error, 1)
	go func() {
		errc <- New([]string{"-"}, WithStdin(r)).Read(ctx, func(d *pipeline.Doc) error {
			got = append(got, d.Text)
			cancel() // the stream now stalls: stop the run
			return nil
		})
	}()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) || len(got) != 1 || got[0] != "first" {
			t.Errorf("Read = %v after %q, want context.Canceled after the first record", err, got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Read still blocked on the stalled stream after cancel")
	}
}
