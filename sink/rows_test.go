package sink

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// checkRows asserts the writers' invariants on the rows of one document:
// valid UTF-8 everywhere and every span's code points of the document text
// equal to the row's text.
func checkRows(t testing.TB, r *docRows) {
	t.Helper()
	runes := []rune(r.doc.Text)
	sub := func(what string, start, end int64) string {
		t.Helper()
		if start < 0 || start > end || end > int64(len(runes)) {
			t.Fatalf("%s: span [%d,%d) outside %d code points", what, start, end, len(runes))
		}
		return string(runes[start:end])
	}
	valid := func(what, s string) {
		t.Helper()
		if !utf8.ValidString(s) {
			t.Fatalf("%s: invalid UTF-8 %q", what, s)
		}
	}
	for _, s := range append([]string{r.doc.DocID, r.doc.Source, str(r.doc.URL), str(r.doc.Title), str(r.doc.Site), r.doc.Text}, r.doc.Authors...) {
		valid("document", s)
	}
	for _, s := range r.sentences {
		valid("sentence", s.Text)
		if got := sub("sentence", s.Start, s.End); got != s.Text {
			t.Errorf("sentence %d: text %q, span gives %q", s.Sentence, s.Text, got)
		}
	}
	for _, e := range r.entities {
		valid("entity", e.Text+e.Label+e.Canonical)
		if got := sub("entity", e.Start, e.End); got != e.Text {
			t.Errorf("entity %d: text %q, span gives %q", e.Entity, e.Text, got)
		}
	}
	for _, q := range r.quotes {
		valid("quote", q.Text+q.Kind)
		sub("quote", q.Start, q.End)
		if (q.Speaker == nil) != (q.SpeakerStart == nil) || (q.Speaker == nil) != (q.SpeakerEnd == nil) {
			t.Errorf("quote %d: speaker columns not null together", q.Quote)
		}
		if q.Speaker != nil {
			valid("speaker", *q.Speaker)
			if got := sub("speaker", *q.SpeakerStart, *q.SpeakerEnd); got != *q.Speaker {
				t.Errorf("quote %d: speaker %q, span gives %q", q.Quote, *q.Speaker, got)
			}
		}
		for _, p := range []*string{q.SpeakerName, q.SpeakerType, q.Cue} {
			if p != nil {
				valid("quote field", *p)
			}
		}
	}
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func TestFill(t *testing.T) {
	docs := testDocs(t)
	var r docRows

	r.fill(docs[0])
	checkRows(t, &r)
	wantTime := time.Date(2024, 3, 1, 9, 30, 15, 123e6, time.UTC)
	if r.doc.Published == nil || !r.doc.Published.Equal(wantTime) || r.doc.Published.Location() != time.UTC {
		t.Errorf("published = %v, want %v", r.doc.Published, wantTime)
	}
	if e := r.entities[0]; e.Text != "Zoë Martín" || e.Start != 11 || e.End != 21 {
		t.Errorf("entity 0 = %+v, want Zoë Martín at [11,21)", e)
	}
	q := r.quotes[0]
	if q.Text != "We’re open." || q.Start != 28 || q.End != 41 || str(q.Cue) != "said" ||
		str(q.Speaker) != "Zoë Martín" || *q.SpeakerStart != 11 || str(q.SpeakerName) != "Zoë Martín" {
		t.Errorf("quote 0 = %+v (speaker %q, cue %q)", q, str(q.Speaker), str(q.Cue))
	}

	r.fill(docs[2])
	checkRows(t, &r)
	if r.doc.DocID != "d3\uFFFD" || str(r.doc.Title) != "t\uFFFDitle" || strings.Join(r.doc.Authors, "|") != "ok|b\uFFFDd" {
		t.Errorf("sanitised fields: %q %q %q", r.doc.DocID, str(r.doc.Title), r.doc.Authors)
	}
	if r.doc.Published != nil {
		t.Errorf("published = %v, want nil", r.doc.Published)
	}
	if got, want := r.entities[1].Text, "\uFFFD bytes"; got != want {
		t.Errorf("entity 1 text = %q, want %q", got, want)
	}
	if got, want := r.entities[2].Text, "\uFFFD\uFFFD” and Ünïcode.\n\nNext \uFFFD para."; got != want {
		t.Errorf("snapped, clamped entity text = %q, want %q", got, want)
	}
	if q := r.quotes[0]; q.Text != "é\uFFFD\uFFFD" || q.Speaker != nil || q.Cue != nil || q.SpeakerName != nil || str(q.SpeakerType) != "unknown" {
		t.Errorf("quote = %+v", q)
	}

	r.fill(docs[3])
	checkRows(t, &r)
	if q := r.quotes[0]; q.Text != "First part.\n\nSecond part," || str(q.Speaker) != "she" || q.SpeakerName != nil {
		t.Errorf("multi-paragraph quote = %+v, words %q", q, q.Text)
	}

	r.fill(docs[4])
	checkRows(t, &r)
	if len(r.sentences)+len(r.entities)+len(r.quotes) != 0 || r.doc.Authors == nil {
		t.Errorf("empty document: %+v", r)
	}
}

func TestValidUTF8(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain é “x”", "plain é “x”"},
		{"a\xffb", "a\uFFFDb"},
		{"\xff\xfe", "\uFFFD\uFFFD"},           // one per byte, unlike strings.ToValidUTF8
		{"\xe2\x80x", "\uFFFD\uFFFDx"},         // truncated sequence
		{"\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"}, // surrogate
	}
	for _, tt := range tests {
		if got := validUTF8(tt.in); got != tt.want {
			t.Errorf("validUTF8(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if utf8.RuneCountInString(tt.in) != utf8.RuneCountInString(tt.want) {
			t.Errorf("%q: code point count changed", tt.in)
		}
	}
}

// FuzzOffsets builds a document from arbitrary text and arbitrary spans
// (possibly out of range, reversed or inside characters): filling its rows
// must not panic and must keep every invariant checkRows checks.
func FuzzOffsets(f *testing.F) {
	f.Add("Café “x” \xff\xfe é", 0, 5, 3, 9, -2, 100)
	f.Add("\xe2\x80\xe2\x80\x9d", 1, 4, 0, 2, 5, 1)
	f.Add("", 0, 0, 0, 0, 0, 0)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		doc := &pipeline.Doc{
			ID: "x", Text: text,
			Sentences: []pipeline.Sentence{{Span: pipeline.Span{Start: a, End: b}}, {Span: pipeline.Span{Start: c, End: d}}},
			Entities:  []pipeline.Entity{{Span: pipeline.Span{Start: e, End: g}}, {Span: pipeline.Span{Start: a, End: d}}},
			Quotes: []pipeline.Quote{{
				Span: pipeline.Span{Start: a, End: g}, Content: pipeline.Span{Start: b, End: c},
				Speaker: pipeline.Span{Start: d, End: e}, Cue: pipeline.Span{Start: c, End: g},
			}},
		}
		var r docRows
		r.fill(doc)
		checkRows(t, &r)
		if utf8.RuneCountInString(r.doc.Text) != utf8.RuneCountInString(text) {
			t.Fatalf("sanitising changed the code point count of %q", text)
		}
	})
}

// TestFetchedDate: a page without a date of its own is dated by its fetch
// (WARC-Date), marked as such; a page's own date wins.
func TestFetchedDate(t *testing.T) {
	docs := testDocs(t)
	var r docRows
	fetched := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	docs[2].Fetched = fetched
	r.fill(docs[2])
	if r.doc.Published == nil || !r.doc.Published.Equal(fetched) || str(r.doc.PublishedSource) != pipeline.DateFromFetch ||
		str(r.doc.PublishedPrecision) != pipeline.PrecisionSecond || str(r.doc.PublishedOffset) != "+00:00" || !r.doc.Fetched.Equal(fetched) {
		t.Errorf("fetched page: published %v (%s, %s, %s)", r.doc.Published, str(r.doc.PublishedSource), str(r.doc.PublishedPrecision), str(r.doc.PublishedOffset))
	}
	docs[0].Fetched = fetched
	if r.fill(docs[0]); r.doc.Published == nil || r.doc.Published.Equal(fetched) || str(r.doc.PublishedSource) == pipeline.DateFromFetch {
		t.Errorf("a page's own date gave way to the fetch date: %v", r.doc.Published)
	}
}
