package sink

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsmill/newsmill/internal/golden"
)

func TestJSONLGolden(t *testing.T) {
	var buf bytes.Buffer
	sink := NewJSONL(&buf)
	for _, d := range testDocs(t) {
		if err := sink.Write(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()

	// Each line is valid UTF-8 JSON whose spans index its own text.
	lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines, want 5", len(lines))
	}
	for i, line := range lines {
		if !utf8.ValidString(line) {
			t.Errorf("line %d: invalid UTF-8", i+1)
		}
		var v struct {
			DocID     string `json:"doc_id"`
			Text      string `json:"text"`
			Sentences []struct {
				Start, End int
				Text       string
			} `json:"sentences"`
			Error *struct{ Stage, Message string } `json:"error"`
		}
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if (v.Error != nil) != (i == 1) {
			t.Errorf("line %d: error %+v", i+1, v.Error)
		}
		runes := []rune(v.Text)
		for _, s := range v.Sentences {
			if string(runes[s.Start:s.End]) != s.Text {
				t.Errorf("line %d: sentence [%d,%d) %q != %q", i+1, s.Start, s.End, s.Text, string(runes[s.Start:s.End]))
			}
		}
	}

	golden.Check(t, filepath.Join("testdata", "docs.golden.jsonl"), got)
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n += len(p); w.n > 10 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestJSONLWriteError(t *testing.T) {
	sink := NewJSONL(&failingWriter{})
	doc := testDocs(t)[0]
	doc.Text = strings.Repeat("long text ", 10_000) // past the 64 KiB buffer
	err := sink.Write(context.Background(), doc)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Write = %v, want the writer's error", err)
	}
	if err2 := sink.Write(context.Background(), testDocs(t)[4]); err2 != err {
		t.Errorf("second Write = %v, want the sticky %v", err2, err)
	}
	if cerr := sink.Close(); cerr != err {
		t.Errorf("Close = %v, want %v", cerr, err)
	}
}
