package pipeline_test

import (
	"context"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
)

func spec(name string, requires, provides []string) pipeline.Spec {
	return pipeline.Spec{Name: name, Requires: requires, Provides: provides,
		New: func(pipeline.Options) (pipeline.Stage, error) {
			return pipeline.StageFunc(func(context.Context, *pipeline.Doc) error { return nil }), nil
		}}
}

func TestCheck(t *testing.T) {
	extract := spec("extract", []string{"raw"}, []string{"text"})
	sentences := spec("sentences", []string{"text"}, []string{"sentences"})
	quotes := spec("quotes", []string{"sentences"}, []string{"quotes"})
	for _, tc := range []struct {
		name  string
		specs []pipeline.Spec
		err   string
	}{
		{"in order", []pipeline.Spec{extract, sentences, quotes}, ""},
		{"empty", nil, ""},
		{"quotes before sentences", []pipeline.Spec{extract, quotes, sentences}, `stage "quotes" requires sentences`},
		{"nothing provides text", []pipeline.Spec{sentences}, `stage "sentences" requires text`},
		{"twice", []pipeline.Spec{extract, extract}, `stage "extract" appears twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := pipeline.Check(tc.specs)
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Fatalf("Check = %v, want %q", err, tc.err)
			}
		})
	}
}

func TestRegistry(t *testing.T) {
	r := pipeline.NewRegistry()
	r.Register(spec("b", nil, nil))
	r.Register(spec("a", nil, nil))
	if _, ok := r.Lookup("a"); !ok {
		t.Fatal("registered stage not found")
	}
	if _, ok := pipeline.Lookup("a"); ok {
		t.Fatal("a stage registered with its own registry is in the default one")
	}
	if got := strings.Join(r.Names(), ","); got != "a,b" {
		t.Fatalf("Names = %v", got)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("registering a name twice did not panic")
		}
	}()
	r.Register(spec("a", nil, nil))
}

func TestResolve(t *testing.T) {
	r := pipeline.NewRegistry()
	r.Register(spec("text", nil, []string{"text"}))
	r.Register(pipeline.Spec{Name: "opts", Requires: []string{"text"},
		Options: []pipeline.Option{{Name: "n", Default: "1"}, {Name: "model"}},
		New: func(o pipeline.Options) (pipeline.Stage, error) {
			n, err := o.Int("n", 1)
			if err != nil {
				return nil, err
			}
			if n != 3 {
				t.Errorf("option n = %d, want 3", n)
			}
			return pipeline.StageFunc(func(context.Context, *pipeline.Doc) error { return nil }), nil
		}})
	steps, err := r.Resolve([]string{"text", "opts"}, map[string]pipeline.Options{"opts": {"n": "3"}})
	if err != nil || len(steps) != 2 || steps[1].Name != "opts" {
		t.Fatalf("Resolve = %v, %v", steps, err)
	}
	for _, tc := range []struct {
		names []string
		opts  map[string]pipeline.Options
		err   string
	}{
		{[]string{"no-such-stage"}, nil, `unknown stage "no-such-stage"`},
		{[]string{"txet"}, nil, `unknown stage "txet" (did you mean "text"?)`},
		{[]string{"opts"}, nil, "requires text"},
		{[]string{"text"}, map[string]pipeline.Options{"other": {}}, `options given for stage "other"`},
		{[]string{"text", "opts"}, map[string]pipeline.Options{"opts": {"n": "x"}}, "not an integer"},
		{[]string{"text", "opts"}, map[string]pipeline.Options{"text": {"typo": "1"}}, `stage text: unknown option "typo": the stage takes none`},
		{[]string{"text", "opts"}, map[string]pipeline.Options{"opts": {"modle": "1", "zz": "2"}},
			"stage opts: unknown option \"modle\" (did you mean \"model\"?) (known: n, model)\n" +
				`stage opts: unknown option "zz" (known: n, model)`},
	} {
		if _, err := r.Resolve(tc.names, tc.opts); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("Resolve(%v, %v) = %v, want %q", tc.names, tc.opts, err, tc.err)
		}
	}
}

func TestQuoteWords(t *testing.T) {
	text := "He said: “First part.\n\n“Second part.” Done."
	q := pipeline.Quote{Span: pipeline.Span{Start: 9, End: strings.Index(text, " Done")}}
	q.Content = pipeline.Span{Start: q.Start + len("“"), End: q.End - len("”")}
	if got, want := q.Words(text), "First part.\n\nSecond part."; got != want {
		t.Fatalf("Words = %q, want %q", got, want)
	}
	nyt := "``First.\n\n''Second.''"
	q = pipeline.Quote{Content: pipeline.Span{Start: 2, End: len(nyt) - 2}}
	if got, want := q.Words(nyt), "First.\n\nSecond."; got != want {
		t.Fatalf("Words = %q, want %q", got, want)
	}
	if got := (pipeline.Span{Start: 3, End: 100}).In(text); got != "" {
		t.Fatalf("out-of-range span gave %q", got)
	}
}

func TestDocValidate(t *testing.T) {
	text := "Zoë \xff said “hi”."
	for _, tc := range []struct {
		name string
		span pipeline.Span
		err  string
	}{
		{"whole", pipeline.Span{Start: 0, End: len(text)}, ""},
		{"empty at end", pipeline.Span{Start: len(text), End: len(text)}, ""},
		{"after invalid byte", pipeline.Span{Start: 5, End: 6}, ""},
		{"past the end", pipeline.Span{Start: 0, End: len(text) + 1}, "outside text"},
		{"negative", pipeline.Span{Start: -1, End: 2}, "outside text"},
		{"reversed", pipeline.Span{Start: 4, End: 2}, "outside text"},
		{"inside ë", pipeline.Span{Start: 3, End: 6}, "splits a UTF-8 character"},
		{"inside “", pipeline.Span{Start: 0, End: strings.Index(text, "“") + 1}, "splits a UTF-8 character"},
	} {
		d := &pipeline.Doc{Text: text, Quotes: []pipeline.Quote{{Speaker: tc.span}}}
		err := d.Validate()
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s: Validate = %v, want %q", tc.name, err, tc.err)
		}
	}
}

func TestCheckColumns(t *testing.T) {
	col := func(stage string, cols ...pipeline.Column) pipeline.Spec {
		s := spec(stage, nil, nil)
		s.Columns = cols
		return s
	}
	for _, tc := range []struct {
		name  string
		specs []pipeline.Spec
		err   string
	}{
		{"new columns", []pipeline.Spec{col("a", pipeline.Column{Table: "quotes", Name: "sentiment", Type: pipeline.Float64}),
			col("b", pipeline.Column{Table: "people", Name: "name", Type: pipeline.String})}, ""},
		{"built in", []pipeline.Spec{col("a", pipeline.Column{Table: "quotes", Name: "speaker", Type: pipeline.String})}, "is built in"},
		{"twice", []pipeline.Spec{col("a", pipeline.Column{Table: "quotes", Name: "x"}), col("b", pipeline.Column{Table: "quotes", Name: "x"})}, "both declare"},
		{"bad name", []pipeline.Spec{col("a", pipeline.Column{Table: "quotes", Name: "Bad Name"})}, "names must be"},
		{"errors table", []pipeline.Spec{col("a", pipeline.Column{Table: "errors", Name: "x"})}, "errors table"},
		{"bad type", []pipeline.Spec{col("a", pipeline.Column{Table: "quotes", Name: "x", Type: 99})}, "unknown type"},
		{"own doc_id", []pipeline.Spec{col("a", pipeline.Column{Table: "people", Name: "doc_id"})}, "added by newsmill"},
	} {
		err := pipeline.Check(tc.specs)
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s: Check = %v, want %q", tc.name, err, tc.err)
		}
	}
}

func TestOptionsKnown(t *testing.T) {
	if err := (pipeline.Options{"model": "prose"}).Known("model"); err != nil {
		t.Fatal(err)
	}
	if err := (pipeline.Options{"modle": "prose"}).Known("model"); err == nil || !strings.Contains(err.Error(), `"modle"`) {
		t.Fatalf("Known = %v", err)
	}
	if err := (pipeline.Options{"x": "1"}).Known(); err == nil || !strings.Contains(err.Error(), "takes none") {
		t.Fatalf("Known = %v", err)
	}
}

func TestTypeAccepts(t *testing.T) {
	if !pipeline.Float64.Accepts(0.5) || pipeline.Float64.Accepts(1) || !pipeline.String.Accepts(nil) || !pipeline.StringList.Accepts([]string{"a"}) {
		t.Fatal("Type.Accepts disagrees with the documented Go types")
	}
}
