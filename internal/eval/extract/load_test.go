package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGoldText(t *testing.T) {
	tests := []struct {
		name, raw, url, gold string
	}{
		{"cleaneval", "URL: http://a.example/x\n\n<p>First  para&#039;s text.\n<h>Head\n<l> * item", "http://a.example/x", "First para's text. Head * item"},
		{"readability html", `<div id="readability-page-1"><p>Hello <a href="/">world</a>.</p></div>`, "", "Hello world ."},
		{"dragnet comments", "Story text.\n\n!@#$%^&*()  COMMENTS\nnice post", "", "Story text."},
		{"dragnet slip", "Story.\n!@ $%^&*()  COMMENTS\t\nspam", "", "Story."},
		{"bom, plain", "\ufeffJust text < 5 and > 3.", "", "Just text < 5 and > 3."},
	}
	for _, tt := range tests {
		// Only tokens are scored: whitespace is compared collapsed.
		url, gold := goldText(tt.raw)
		if gold = strings.Join(strings.Fields(gold), " "); url != tt.url || gold != tt.gold {
			t.Errorf("%s: goldText = %q, %q; want %q, %q", tt.name, url, gold, tt.url, tt.gold)
		}
	}
}

func TestDecodeGold(t *testing.T) {
	for _, raw := range [][]byte{
		[]byte("Hé"),
		{0xff, 0xfe, 'H', 0, 0xe9, 0},
		{0xfe, 0xff, 0, 'H', 0, 0xe9},
	} {
		if got := decodeGold(raw); got != "Hé" {
			t.Errorf("decodeGold(% x) = %q", raw, got)
		}
	}
}

func TestLoadMerged(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"input/b.html":        "<p>B</p>",
		"input/a.html":        "<p>A</p>",
		"GoldStandard/a.txt":  "URL: http://x.example/a\n<p>A text",
		"GoldStandard/b.txt":  "B text",
		"GoldStandard/c.txt":  "gold without a page is ignored",
		"input/notes.txt.bak": "not a page",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pages, err := load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].id != "a" || pages[0].url != "http://x.example/a" || strings.TrimSpace(pages[0].gold) != "A text" || pages[1].id != "b" {
		t.Errorf("pages = %+v", pages)
	}
	if err := os.Remove(filepath.Join(dir, "GoldStandard", "b.txt")); err != nil {
		t.Fatal(err)
	}
	if _, err := load(dir); err == nil {
		t.Error("a page without gold: no error")
	}
}

func TestUnseen(t *testing.T) {
	n := 0
	for i := range 1000 {
		if unseen("set", strings.Repeat("x", i%7)+string(rune('a'+i%26))+string(rune('0'+i/26))) {
			n++
		}
	}
	if n < 150 || n > 250 {
		t.Errorf("unseen kept %d of 1000 pages, want about 200", n)
	}
}
