package cli

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// run runs a command in-process, as Main would.
func runCmd(t *testing.T, ctx context.Context, stdout io.Writer, args ...string) (int, string) {
	t.Helper()
	var stderr bytes.Buffer
	code := Run(ctx, args, strings.NewReader(""), stdout, &stderr)
	return code, stderr.String()
}

func TestViewCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if code, stderr := runCmd(t, context.Background(), io.Discard, "annotate", "-q", "-o", out, "../testdata/000_be515a28a143e7f9.txt"); code != exitOK {
		t.Fatalf("annotate: exit %d: %s", code, stderr)
	}
	if code, _ := runCmd(t, context.Background(), io.Discard, "view"); code != exitUsage {
		t.Errorf("view without OUT: exit %d, want %d", code, exitUsage)
	}
	if code, stderr := runCmd(t, context.Background(), io.Discard, "view", t.TempDir()); code != exitFail || !strings.Contains(stderr, "no Parquet dataset") {
		t.Errorf("view of an empty directory: exit %d, %s", code, stderr)
	}

	site := filepath.Join(t.TempDir(), "site")
	var stdout bytes.Buffer
	if code, stderr := runCmd(t, context.Background(), &stdout, "view", "--export", site, out); code != exitOK {
		t.Fatalf("view --export: exit %d: %s", code, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(site, "doc", "0.html")); err != nil || !bytes.Contains(b, []byte("Gati Rikabi")) {
		t.Errorf("exported article: %v", err)
	}

	// Served: the URL printed answers, and the context stops the server.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		code, _ := runCmd(t, ctx, pw, "view", "--addr", "127.0.0.1:0", out)
		pw.Close()
		done <- code
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	url := regexp.MustCompile(`http://\S+/`).FindString(line)
	if url == "" {
		t.Fatalf("no URL in %q", line)
	}
	resp, err := http.Get(url + "doc/0")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(`class="quote quote-direct"`)) {
		t.Errorf("GET %sdoc/0: status %d", url, resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("view exited %d after the context ended", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("view did not stop when its context ended")
	}
}
