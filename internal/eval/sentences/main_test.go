package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.jsonl")
	data := `{"rule": 1, "name": "simple", "text": "Hello World. My name is Jonas.", "sentences": ["Hello World.", "My name is Jonas."]}

{"rule": 2, "name": "impossible", "text": "One two.", "sentences": ["One", "two."]}
`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := score(path, &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "FAIL rule 2 (impossible)") || strings.Contains(got, "rule 1") || !strings.Contains(got, "1/2 rules pass") {
		t.Errorf("output:\n%s", got)
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := score(bad, &out); err == nil || !strings.Contains(err.Error(), ":1:") {
		t.Errorf("error %v, want one naming line 1", err)
	}
}
