package source

import (
	"strings"
	"testing"
	"time"

	"github.com/newsmill/newsmill/pipeline"
)

// TestPublishedSpellings: the common spellings of a date are read with
// their offset and precision; one that does not parse keeps the article,
// with published null and a warning (issues 13 and 17).
func TestPublishedSpellings(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s int) time.Time {
		return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
	}
	tests := []struct {
		published string // JSON value
		want      time.Time
		offset    string
		precision string
		warn      string // substring of the warning; "" for none
	}{
		{`"2024-03-01T10:00:00Z"`, utc(2024, 3, 1, 10, 0, 0), "+00:00", "second", ""},
		{`"2024-03-01T10:00:00+02:00"`, utc(2024, 3, 1, 8, 0, 0), "+02:00", "second", ""},
		{`"2024-03-01T10:00:00.25-05:30"`, utc(2024, 3, 1, 15, 30, 0).Add(250 * time.Millisecond), "-05:30", "second", ""},
		{`"2024-03-01T10:00:00+0200"`, utc(2024, 3, 1, 8, 0, 0), "+02:00", "second", ""},
		{`"2024-03-01T10:00:00"`, utc(2024, 3, 1, 10, 0, 0), "", "second", ""},
		{`"2024-03-01 10:00:00"`, utc(2024, 3, 1, 10, 0, 0), "", "second", ""},
		{`"2024-03-01 10:00:00.123456"`, utc(2024, 3, 1, 10, 0, 0).Add(123456 * time.Microsecond), "", "second", ""},
		{`"2024-03-01 10:00:00+01:00"`, utc(2024, 3, 1, 9, 0, 0), "+01:00", "second", ""},
		{`"2024-03-01 10:00"`, utc(2024, 3, 1, 10, 0, 0), "", "second", ""},
		{`"Fri, 01 Mar 2024 10:00:00 +0100"`, utc(2024, 3, 1, 9, 0, 0), "+01:00", "second", ""},
		{`"Fri, 01 Mar 2024 10:00:00 GMT"`, utc(2024, 3, 1, 10, 0, 0), "+00:00", "second", ""},
		{`"Fri, 01 Mar 2024 10:00:00 EST"`, utc(2024, 3, 1, 10, 0, 0), "", "second", ""},
		{`"2024-03-01"`, utc(2024, 3, 1, 0, 0, 0), "", "day", ""},
		{`" 2024/03/01 "`, utc(2024, 3, 1, 0, 0, 0), "", "day", ""},
		{`1709287200`, utc(2024, 3, 1, 10, 0, 0), "+00:00", "second", ""},
		{`1709287200000`, utc(2024, 3, 1, 10, 0, 0), "+00:00", "second", ""},
		{`null`, time.Time{}, "", "", ""},
		{`""`, time.Time{}, "", "", ""},
		{`"last week"`, time.Time{}, "", "", `"published" "last week" is not a date`},
		{`"0001-01-01"`, time.Time{}, "", "", `"published" "0001-01-01"`},
		{`true`, time.Time{}, "", "", `"published" true`},
		{`{"date":"2024-03-01"}`, time.Time{}, "", "", `"published" {"date":"2024-03-01"}`},
		{`1e300`, time.Time{}, "", "", "is not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.published, func(t *testing.T) {
			d := parseRecord("in.jsonl:1", []byte(`{"id":"a","text":"Body.","published":`+tt.published+`}`))
			if d.Err != nil {
				t.Fatalf("article lost: %v", d.Err)
			}
			if !d.Published.Equal(tt.want) || d.PublishedOffset != tt.offset || d.PublishedPrecision != tt.precision {
				t.Errorf("published %v offset %q precision %q, want %v %q %q", d.Published, d.PublishedOffset, d.PublishedPrecision, tt.want, tt.offset, tt.precision)
			}
			if _, off := d.Published.Zone(); tt.offset != "" && formatOffset(off) != tt.offset {
				t.Errorf("Published is in zone %s, want offset %s", formatOffset(off), tt.offset)
			}
			wantSource := "input"
			if tt.want.IsZero() {
				wantSource = ""
			}
			if d.PublishedSource != wantSource {
				t.Errorf("published source %q, want %q", d.PublishedSource, wantSource)
			}
			switch w := strings.Join(d.Warnings, "|"); {
			case tt.warn == "" && w != "":
				t.Errorf("unexpected warning %q", w)
			case !strings.Contains(w, tt.warn):
				t.Errorf("warnings %q lack %q", w, tt.warn)
			}
		})
	}
}

// TestRecordFields: authors given as objects are read, unknown fields are
// carried through in Meta, and a field of the wrong type is left out with
// a warning instead of losing the article.
func TestRecordFields(t *testing.T) {
	tests := []struct {
		name, line      string
		authors, meta   string // authors joined by "|"
		title, warnings string // warnings joined by "|"
		err             string
	}{
		{name: "authors as objects", line: `{"text":"x","authors":[{"name":"Ana Ruiz","url":"https://a"},{"@type":"Person","name":" Bo Li "}]}`,
			authors: "Ana Ruiz|Bo Li"},
		{name: "one author object", line: `{"text":"x","authors":{"name":"Ana Ruiz"}}`, authors: "Ana Ruiz"},
		{name: "mixed authors with an unusable one", line: `{"text":"x","authors":["Ana Ruiz",{"id":3},null,7]}`, authors: "Ana Ruiz",
			warnings: `"authors": {"id":3} is neither a name nor an object with a "name"; left out|"authors": 7 is neither a name nor an object with a "name"; left out`},
		{name: "unknown fields in meta, sorted", line: `{"text":"x","section":"World","outlet":{"country":"NZ"},"rank":3,"id":"a"}`,
			meta: `{"outlet":{"country":"NZ"},"rank":3,"section":"World"}`},
		{name: "keys are case-sensitive", line: `{"text":"x","Title":"T"}`, meta: `{"Title":"T"}`},
		{name: "title of the wrong type", line: `{"text":"x","title":["a","b"],"url":"u"}`,
			warnings: `"title" must be a string, not ["a","b"]; left out`},
		{name: "null fields", line: `{"text":"x","title":null,"authors":null,"html":null}`},
		{name: "text of the wrong type", line: `{"text":{"p":1}}`, err: `"text" must be a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseRecord("in.jsonl:1", []byte(tt.line))
			if tt.err != "" {
				if d.Err == nil || !strings.Contains(d.Err.Message(), tt.err) {
					t.Fatalf("error %v, want one containing %q", d.Err, tt.err)
				}
				return
			}
			if d.Err != nil {
				t.Fatalf("article lost: %v", d.Err)
			}
			got := []string{strings.Join(d.Authors, "|"), d.Meta, d.Title, strings.Join(d.Warnings, "|")}
			want := []string{tt.authors, tt.meta, tt.title, tt.warnings}
			for i, name := range []string{"authors", "meta", "title", "warnings"} {
				if got[i] != want[i] {
					t.Errorf("%s %q, want %q", name, got[i], want[i])
				}
			}
		})
	}
}

// TestLongID: an id of megabytes, which every sentence, entity and quote
// row would repeat, is replaced by a stable hash with a warning (issue 17:
// a 2 MB id cost 2.8 GB).
func TestLongID(t *testing.T) {
	long := strings.Repeat("x", 2<<20)
	input := `{"id":"` + long + `","text":"One. Two."}` + "\n" + `{"id":"` + strings.Repeat("y", MaxIDBytes) + `","text":"Kept."}` + "\n"
	read := func() []*pipeline.Doc {
		return collect(t, New([]string{"-"}, WithStdin(strings.NewReader(input))))
	}
	docs := read()
	if len(docs) != 2 || docs[0].Err != nil {
		t.Fatalf("got %d docs, first %+v", len(docs), docs[0].Err)
	}
	d := docs[0]
	if len(d.ID) > MaxIDBytes || !strings.HasPrefix(d.ID, "sha256:") || d.ID != read()[0].ID {
		t.Errorf("long id became %q (stable: %v)", d.ID, d.ID == read()[0].ID)
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "the id is 2097152 bytes") {
		t.Errorf("warnings %q", d.Warnings)
	}
	if docs[1].ID != strings.Repeat("y", MaxIDBytes) || len(docs[1].Warnings) != 0 {
		t.Errorf("an id at the limit was changed to %q", docs[1].ID)
	}
}
