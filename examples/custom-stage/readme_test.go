package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEStage builds the custom-stage program shown in the README, as
// printed there, and runs it: the README's promise of a new stage with its
// own column in under 50 lines stays true.
func TestREADMEStage(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	i := strings.Index(section, "## Writing a custom stage")
	if i < 0 {
		t.Fatal("README has no 'Writing a custom stage' section")
	}
	m := regexp.MustCompile("(?s)```go\n(package main\n.*?)```").FindStringSubmatch(section[i:])
	if m == nil {
		t.Fatal("no Go program in the README's custom stage section")
	}
	if n := strings.Count(m[1], "\n"); n >= 50 {
		t.Errorf("the README's stage program has %d lines, want under 50", n)
	}

	// Build it as a package of this module that exists only in an overlay.
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte(m[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	overlay, err := json.Marshal(map[string]map[string]string{"Replace": {filepath.Join(wd, "readmestage", "main.go"): src}})
	if err != nil {
		t.Fatal(err)
	}
	overlayPath := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(overlayPath, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "mynewsmill")
	if out, err := exec.Command("go", "build", "-overlay", overlayPath, "-o", bin, "./readmestage").CombinedOutput(); err != nil {
		t.Fatalf("go build of the README program: %v\n%s", err, out)
	}
	run := exec.Command(bin, "annotate", "-q", "--format", "jsonl", "-o", "-",
		"--stages", "extract,sentences,entities,quotes,shouting", "-")
	run.Stdin = strings.NewReader(`{"id":"a","text":"“WE WILL WIN,” said the coach, Ana Ruiz. “We are ready,” she added."}` + "\n")
	got, err := run.Output()
	if err != nil {
		t.Fatalf("running the README program: %v", err)
	}
	if s := string(got); !strings.Contains(s, `"shouting":true`) || !strings.Contains(s, `"shouting":false`) {
		t.Errorf("output lacks the shouting column:\n%s", s)
	}
}
