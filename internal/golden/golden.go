// Package golden compares test output with golden files under testdata,
// as go/printer's tests do: run the tests with -update to rewrite the
// files, and a mismatch is reported as a line diff, not a dump.
//
// Importing the package defines the -update flag for the test binary, so a
// package using it must not define its own.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with the output of the tests")

// Update reports whether the tests run with -update.
func Update() bool { return *update }

// Check compares got with the file at path. Under -update it writes got to
// path (creating its directory) instead. A mismatch or a missing file is a
// test error naming the file and showing the differing lines. It costs a
// file read and, on mismatch, a diff quadratic in the lines that differ.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run the test with -update if the change is intended):\n%s", path, Diff(string(want), string(got)))
	}
}

// Diff returns the lines that differ between want and got, "-" for want's
// and "+" for got's, with up to two lines of context around each change
// and "…" between distant changes. It is a pure function.
func Diff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	// Common prefix and suffix need no table.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ops := lcs(a[pre:len(a)-suf], b[pre:len(b)-suf])
	type line struct {
		op   byte
		text string
	}
	var lines []line
	for _, s := range a[:pre] {
		lines = append(lines, line{' ', s})
	}
	i, j := pre, pre
	for _, op := range ops {
		switch op {
		case ' ':
			lines = append(lines, line{' ', a[i]})
			i++
			j++
		case '-':
			lines = append(lines, line{'-', a[i]})
			i++
		case '+':
			lines = append(lines, line{'+', b[j]})
			j++
		}
	}
	for _, s := range a[len(a)-suf:] {
		lines = append(lines, line{' ', s})
	}
	const context = 2
	var out strings.Builder
	last := -1 // index of the last line printed
	for k, l := range lines {
		near := false
		for d := -context; d <= context; d++ {
			if k+d >= 0 && k+d < len(lines) && lines[k+d].op != ' ' {
				near = true
				break
			}
		}
		if !near {
			continue
		}
		if last >= 0 && k > last+1 {
			out.WriteString("…\n")
		}
		fmt.Fprintf(&out, "%c %s\n", l.op, l.text)
		last = k
	}
	return out.String()
}

// lcs returns the edit script from a to b along a longest common
// subsequence: ' ' keeps a line, '-' drops one of a, '+' adds one of b.
func lcs(a, b []string) []byte {
	n, m := len(a), len(b)
	if n*m > 4_000_000 { // too big to align: all of a out, all of b in
		ops := bytes.Repeat([]byte{'-'}, n)
		return append(ops, bytes.Repeat([]byte{'+'}, m)...)
	}
	// l[i][j] is the LCS length of a[i:] and b[j:].
	l := make([][]int32, n+1)
	for i := range l {
		l[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	var ops []byte
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, ' ')
			i++
			j++
		case i < n && (j == m || l[i+1][j] >= l[i][j+1]):
			ops = append(ops, '-')
			i++
		default:
			ops = append(ops, '+')
			j++
		}
	}
	return ops
}
