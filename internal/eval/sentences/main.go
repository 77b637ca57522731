// Command sentences scores newsmill's sentence segmenter on Golden Rules
// files: JSON Lines records with "rule", "name", "text" and "sentences"
// (the expected sentences, as text).
//
//	go run ./internal/eval/sentences FILE.jsonl [FILE.jsonl...]
//
// A rule passes when sentences.Split gives exactly the expected sentences.
// For each file it prints the failing rules with what came out, then the
// pass count. It exits 1 when a file cannot be read.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/newsmill/newsmill/stages/sentences"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: sentences FILE.jsonl [FILE.jsonl...]")
		os.Exit(2)
	}
	for _, path := range os.Args[1:] {
		if err := score(path, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "eval/sentences:", err)
			os.Exit(1)
		}
	}
}

// rule is one Golden Rule.
type rule struct {
	Rule      int      `json:"rule"`
	Name      string   `json:"name"`
	Text      string   `json:"text"`
	Sentences []string `json:"sentences"`
}

// score checks every rule of the file at path and prints the result to w.
func score(path string, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	pass, total := 0, 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var r rule
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if r.Text == "" && len(r.Sentences) == 0 {
			return fmt.Errorf("%s:%d: %w", path, line, errors.New("record without text and sentences"))
		}
		total++
		got := split(r.Text)
		if slices.Equal(got, r.Sentences) {
			pass++
			continue
		}
		fmt.Fprintf(w, "FAIL rule %d (%s)\n  got  %q\n  want %q\n", r.Rule, r.Name, got, r.Sentences)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(w, "%s: %d/%d rules pass\n", path, pass, total)
	return nil
}

// split returns the sentences of text as strings.
func split(text string) []string {
	var out []string
	for _, s := range sentences.Split(text) {
		out = append(out, s.In(text))
	}
	return out
}
