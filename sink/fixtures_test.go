package sink

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsmill/newsmill/pipeline"
)

// at returns the byte span of the n-th (0-based) occurrence of sub in text.
func at(t testing.TB, text, sub string, n int) pipeline.Span {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], sub)
		if j < 0 {
			t.Fatalf("%q: occurrence %d of %q not found", text, n, sub)
		}
		if i == n {
			return pipeline.Span{Start: off + j, End: off + j + len(sub)}
		}
		off += j + len(sub)
	}
}

// testDocs returns documents covering what the writers must handle:
// multi-byte text, curly quotes, a failed document, invalid UTF-8, a quote
// over two paragraphs, and a document with no annotations.
func testDocs(t testing.TB) []*pipeline.Doc {
	t.Helper()

	t1 := "Café owner Zoë Martín said: “We’re open.” The mayor disagreed."
	q1 := at(t, t1, "“We’re open.”", 0)
	d1 := &pipeline.Doc{
		ID: "d1", Source: "in.jsonl:1", URL: "https://example.com/a", Title: "Zoë’s café", Site: "Example",
		Published: time.Date(2024, 3, 1, 10, 30, 15, 123456789, time.FixedZone("CET", 3600)),
		Authors:   []string{"Ann Lee", "José Núñez"},
		Text:      t1,
		Sentences: []pipeline.Sentence{
			{Span: pipeline.Span{Start: 0, End: q1.End}},
			{Span: at(t, t1, "The mayor disagreed.", 0)},
		},
		Entities: []pipeline.Entity{
			{Span: at(t, t1, "Zoë Martín", 0), Label: pipeline.LabelPerson, Canonical: "Zoë Martín"},
			{Span: at(t, t1, "Café", 0), Label: pipeline.LabelOrg, Canonical: "Café"},
			{Span: at(t, t1, "mayor", 0), Label: pipeline.LabelPerson, Sentence: 1, Canonical: "mayor"},
		},
		Quotes: []pipeline.Quote{{
			Span:    q1,
			Content: pipeline.Span{Start: q1.Start + len("“"), End: q1.End - len("”")},
			Kind:    pipeline.KindDirect, Speaker: at(t, t1, "Zoë Martín", 0), SpeakerName: "Zoë Martín",
			SpeakerType: pipeline.SpeakerPerson, Cue: at(t, t1, "said", 0), Confidence: 0.9,
		}},
	}

	d2 := &pipeline.Doc{ID: "d2", Source: "in.jsonl:2", Text: "partial",
		Err: &pipeline.StageError{Stage: "extract", Err: errors.New("no article body in “page”")}}

	t3 := "Bad \xff\xfe bytes, then “é\xe2\x80” and Ünïcode.\n\nNext \xc3 para."
	d3 := &pipeline.Doc{
		ID: "d3\xff", Source: "in\xff.txt", Title: "t\xffitle", Authors: []string{"ok", "b\xe9d"},
		Text: t3,
		Sentences: []pipeline.Sentence{
			{Span: at(t, t3, "Bad \xff\xfe bytes, then “é\xe2\x80” and Ünïcode.", 0)},
			{Span: at(t, t3, "Next \xc3 para.", 0), Paragraph: 1},
		},
		Entities: []pipeline.Entity{
			{Span: at(t, t3, "Ünïcode", 0), Label: pipeline.LabelGPE, Canonical: "Ünïcode"},
			{Span: at(t, t3, "\xfe bytes", 0), Label: pipeline.LabelOrg, Canonical: "x\xfe"},
			// A span that starts inside "é" and ends past the text: it is
			// moved to character boundaries and clamped.
			{Span: pipeline.Span{Start: at(t, t3, "é", 0).Start + 1, End: len(t3) + 10}, Label: pipeline.LabelLocation},
		},
		Quotes: []pipeline.Quote{{
			Span:    at(t, t3, "“é\xe2\x80”", 0),
			Content: at(t, t3, "é\xe2\x80", 0),
			Kind:    pipeline.KindPartial, SpeakerType: pipeline.SpeakerUnknown, Confidence: 0.25,
		}},
	}

	t4 := "“First part.\n\n“Second part,” she said."
	q4 := pipeline.Span{Start: 0, End: at(t, t4, "”", 0).End}
	d4 := &pipeline.Doc{
		ID: "d4", Source: "d4.txt", Text: t4,
		Sentences: []pipeline.Sentence{{Span: pipeline.Span{Start: 0, End: len(t4)}}},
		Quotes: []pipeline.Quote{{
			Span: q4, Content: pipeline.Span{Start: len("“"), End: q4.End - len("”")},
			Kind: pipeline.KindDirect, Speaker: at(t, t4, "she", 0), SpeakerType: pipeline.SpeakerPronoun,
			Cue: at(t, t4, "said", 0), Confidence: 0.7,
		}},
	}

	d5 := &pipeline.Doc{ID: "d5", Source: "empty.txt"}
	return []*pipeline.Doc{d1, d2, d3, d4, d5}
}
