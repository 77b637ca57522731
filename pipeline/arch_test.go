package pipeline_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/newsmill/newsmill/"

// imports returns the module-internal imports of the non-test Go files of
// the package in dir (relative to the module root), without the module
// prefix.
func imports(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if rest, ok := strings.CutPrefix(p, module); ok {
				out = append(out, rest)
			}
		}
	}
	return out
}

// TestArchitecture enforces ARCHITECTURE.md's forbidden arrows: the engine
// imports no stage, source, sink, batch or cli; the library never imports
// the CLI; source and sink import no stage, and a stage no source, sink or
// batch. (A stage may use another's exported API, as entities uses
// sentences.Split; the compiler keeps each stage's internal packages its
// own.)
func TestArchitecture(t *testing.T) {
	stages, err := os.ReadDir("../stages")
	if err != nil {
		t.Fatal(err)
	}
	check := func(dir string, forbidden func(string) bool) {
		for _, p := range imports(t, dir) {
			if forbidden(p) {
				t.Errorf("%s imports %s", dir, p)
			}
		}
	}
	check("pipeline", func(p string) bool {
		return strings.HasPrefix(p, "stages") || p == "source" || p == "sink" || p == "batch" || p == "cli"
	})
	for _, dir := range []string{"source", "sink"} {
		check(dir, func(p string) bool { return strings.HasPrefix(p, "stages") || p == "batch" || p == "cli" })
	}
	check("batch", func(p string) bool { return p == "cli" || strings.HasPrefix(p, "stages") })
	for _, e := range stages {
		if !e.IsDir() || e.Name() == "builtin" || e.Name() == "testdata" {
			continue
		}
		check("stages/"+e.Name(), func(p string) bool { return p == "cli" || p == "batch" || p == "source" || p == "sink" })
	}
}
