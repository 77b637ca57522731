package main

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	births := map[string]*[2]int{
		"ann":    {990, 10},  // 99% female
		"bob":    {30, 970},  // 97% male
		"jordan": {300, 700}, // unisex
		"rare":   {50, 0},    // too few births
		"edge":   {950, 50},  // exactly the share
	}
	got := table(births, 0.95, 100)
	want := []row{{"ann", 'f'}, {"bob", 'm'}, {"edge", 'f'}, {"jordan", 'u'}}
	if !slices.Equal(got, want) {
		t.Errorf("table = %v, want %v", got, want)
	}
}

func TestCount(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"yob1900.txt": "Ann,F,7\n", "yob1990.txt": "Ann,F,5\nAnn,M,1\n\n", "yob1991.txt": "Ann,F,2\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "names.txt.gz")
	if err := run(dir, out, 1920, 0.8, 5); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if !strings.HasSuffix(text, "\nann\tf\n") || !strings.Contains(text, "births 1990-1991") {
		t.Errorf("table:\n%s", text)
	}
	if err := os.WriteFile(filepath.Join(dir, "yob1995.txt"), []byte("Ann;F;5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(dir, out, 1920, 0.8, 5); err == nil || !strings.Contains(err.Error(), "yob1995.txt:1") {
		t.Errorf("bad line: error %v, want one naming yob1995.txt:1", err)
	}
	if err := run(t.TempDir(), out, 1920, 0.8, 5); err == nil {
		t.Error("no files: no error")
	}
}
