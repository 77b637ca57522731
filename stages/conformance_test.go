// Package stages_test holds the conformance tests of the built-in stages;
// the stages themselves live in the sub-packages.
package stages_test

import (
	"os"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/pipeline/stagetest"
	_ "github.com/newsmill/newsmill/stages/builtin"
)

// articles returns the bundled articles as raw documents: the seed as
// text, the HTML page as HTML, and a few awkward texts.
func articles(t *testing.T) []*pipeline.Doc {
	seed, err := os.ReadFile("../testdata/000_be515a28a143e7f9.txt")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("../testdata/articles/harbour-bridge.html")
	if err != nil {
		t.Fatal(err)
	}
	docs := stagetest.Texts(string(seed), "", "“Unclosed, he said.\n\n'Quoted' — Zoë Núñez", "\xff\xfe broken “bytes”")
	return append(docs, &pipeline.Doc{ID: "page", HTML: page})
}

func TestBuiltinStagesConform(t *testing.T) {
	chain := []string{"extract", "sentences", "entities", "quotes"}
	for i, name := range chain {
		t.Run(name, func(t *testing.T) {
			stagetest.Conformance(t, name, chain[:i], articles(t))
		})
	}
}

// FuzzBuiltinStages runs the whole built-in chain on fuzzed text and HTML:
// no panic, every span inside the text on character boundaries. The
// pipeline's scaling shape is a seed too.
func FuzzBuiltinStages(f *testing.F) {
	seeds := append([]string{
		"“We are ready,” said Anna Berg, the mayor of Oslo.",
		"<html><body><p>“Deep,” said Ann Lee.</p></body></html>",
		"\xff\xfe broken “bytes”", "“Unclosed, he said.\n\n'Quoted' — Zoë Núñez",
	}, stagetest.Seeds([]stagetest.Shape{stagetest.Prose})...)
	stagetest.Fuzz(f, "quotes", []string{"extract", "sentences", "entities"}, seeds...)
}
