package stagetest_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/pipeline/stagetest"
)

// words marks every word of the text as a sentence: a well-behaved stage.
type words struct{}

func (words) Process(ctx context.Context, d *pipeline.Doc) error {
	start := -1
	for i, r := range d.Text + " " {
		if r == ' ' {
			if start >= 0 {
				d.Sentences = append(d.Sentences, pipeline.Sentence{Span: pipeline.Span{Start: start, End: i}})
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return nil
}

func register(r *pipeline.Registry, name string, st pipeline.Stage) {
	r.Register(pipeline.Spec{Name: name, Requires: []string{"raw"}, Provides: []string{"sentences"},
		New: func(pipeline.Options) (pipeline.Stage, error) { return st, nil }})
}

func TestConformancePasses(t *testing.T) {
	r := pipeline.NewRegistry()
	register(r, "stagetest-words", words{})
	stagetest.ConformanceIn(t, r, "stagetest-words", nil, stagetest.Texts("Zoë said “hi”.", "", "one two three"))
}

// recorder is a testing.TB that records errors instead of failing.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, format)
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...); panic(r) }

// conformance runs Conformance and returns what it reported.
func conformance(t *testing.T, reg *pipeline.Registry, name string) string {
	r := &recorder{TB: t}
	func() {
		defer func() {
			if p := recover(); p != nil && p != r {
				panic(p)
			}
		}()
		stagetest.ConformanceIn(r, reg, name, nil, stagetest.Texts("Zoë said “hi”.", "one two"))
	}()
	return strings.Join(r.errs, "\n")
}

func TestConformanceCatchesBadStages(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	reg := pipeline.NewRegistry()
	register(reg, "stagetest-out-of-bounds", pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		d.Sentences = append(d.Sentences, pipeline.Sentence{Span: pipeline.Span{Start: 0, End: len(d.Text) + 1}})
		return nil
	}))
	register(reg, "stagetest-mid-rune", pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		if i := strings.Index(d.Text, "ë"); i >= 0 {
			d.Sentences = append(d.Sentences, pipeline.Sentence{Span: pipeline.Span{Start: i + 1, End: len(d.Text)}})
		}
		return nil
	}))
	register(reg, "stagetest-stateful", pipeline.StageFunc(func(ctx context.Context, d *pipeline.Doc) error {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		d.Sentences = append(d.Sentences, pipeline.Sentence{Paragraph: n})
		return nil
	}))
	for _, tc := range []struct{ stage, want string }{
		{"stagetest-out-of-bounds", "stagetest: %s: %v"},
		{"stagetest-mid-rune", "stagetest: %s: %v"},
		{"stagetest-stateful", "annotated differently"},
	} {
		if got := conformance(t, reg, tc.stage); !strings.Contains(got, tc.want) {
			t.Errorf("%s: Conformance reported %q, want %q", tc.stage, got, tc.want)
		}
	}
}

func FuzzWords(f *testing.F) {
	r := pipeline.NewRegistry()
	register(r, "stagetest-words", words{})
	stagetest.FuzzIn(f, r, "stagetest-words", nil, "Zoë said “hi”.", "", "  two  spaces ")
}

// TestSeeds: a shape made into a fuzz seed repeats its unit, at least
// twice, and stays near SeedBytes.
func TestSeeds(t *testing.T) {
	shapes := []stagetest.Shape{
		{Name: "Pairs", Unit: 25000, Make: func(n int) string { return strings.Repeat("“a” ", n) }},
		{Name: "Paragraph", Unit: 100, Make: func(n int) string { return strings.Repeat(strings.Repeat("word ", 300)+"\n\n", n) }},
		{Name: "Empty", Unit: 1, Make: func(n int) string { return "" }},
	}
	seeds := stagetest.Seeds(shapes)
	if len(seeds) != len(shapes) {
		t.Fatalf("%d seeds for %d shapes", len(seeds), len(shapes))
	}
	for i, s := range seeds {
		unit := shapes[i].Make(1)
		if n := len(s); n > 2*max(stagetest.SeedBytes, len(unit)) || (unit != "" && strings.Count(s, unit) < 2) {
			t.Errorf("%s: seed of %d bytes from a unit of %d", shapes[i].Name, n, len(unit))
		}
	}
}
