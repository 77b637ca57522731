package sink

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// benchDoc returns the seed article annotated with synthetic sentences (split
// at ". "), entities (capitalised words) and quotes (text between curly
// quotes), so that the writers see realistic numbers of rows.
func benchDoc(b *testing.B) *pipeline.Doc {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "000_be515a28a143e7f9.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	d := &pipeline.Doc{ID: "seed", Source: "seed.txt", Title: "Seed", Text: text}
	start := 0
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], ". ")
		if j < 0 {
			break
		}
		end := i + j + 1
		d.Sentences = append(d.Sentences, pipeline.Sentence{Span: pipeline.Span{Start: start, End: end}})
		start, i = end+1, end+1
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsUpper(r) {
			end := i + size
			for end < len(text) && text[end] != ' ' && text[end] != '\n' {
				end++
			}
			d.Entities = append(d.Entities, pipeline.Entity{Span: pipeline.Span{Start: i, End: end}, Label: pipeline.LabelPerson})
			i = end
			continue
		}
		i += size
	}
	for i := 0; ; {
		o := strings.Index(text[i:], "“")
		if o < 0 {
			break
		}
		c := strings.Index(text[i+o:], "”")
		if c < 0 {
			break
		}
		s, e := i+o, i+o+c+len("”")
		d.Quotes = append(d.Quotes, pipeline.Quote{
			Span: pipeline.Span{Start: s, End: e}, Content: pipeline.Span{Start: s + len("“"), End: e - len("”")},
			Kind: pipeline.KindDirect, Speaker: pipeline.Span{Start: 0, End: 5}, SpeakerName: "Name",
			SpeakerType: pipeline.SpeakerPerson, Cue: pipeline.Span{Start: 6, End: 10},
		})
		i = e
	}
	return d
}

// BenchmarkParquet writes the annotated seed article once per iteration to
// a Parquet dataset (row groups are flushed as they fill; the final Close is
// included in the timing).
func BenchmarkParquet(b *testing.B) {
	d := benchDoc(b)
	b.Logf("%d bytes, %d sentences, %d entities, %d quotes", len(d.Text), len(d.Sentences), len(d.Entities), len(d.Quotes))
	sink, err := NewParquet(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	benchSink(b, sink, d)
}

// BenchmarkJSONL writes the annotated seed article once per iteration as
// JSON Lines.
func BenchmarkJSONL(b *testing.B) {
	d := benchDoc(b)
	benchSink(b, NewJSONL(io.Discard), d)
}

// benchSink writes d to sink once per iteration, then closes it.
func benchSink(b *testing.B, sink pipeline.Sink, d *pipeline.Doc) {
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := sink.Write(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
	if err := sink.Close(); err != nil {
		b.Fatal(err)
	}
}
