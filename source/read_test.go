package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"

	"github.com/newsmill/newsmill/pipeline"
)

// collect reads every document of src.
func collect(t testing.TB, src pipeline.Source) []*pipeline.Doc {
	t.Helper()
	var docs []*pipeline.Doc
	err := src.Read(context.Background(), func(d *pipeline.Doc) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return docs
}

// writeFile creates dir/name (and its parents) holding data.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func zstded(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, err := zstd.NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// summary is the part of a Doc the table tests compare.
type summary struct {
	ID, Source, Text, HTML, URL, Title, Site string
	Published                                time.Time
	Offset, Precision, DateSource            string // Doc.PublishedOffset, PublishedPrecision, PublishedSource
	Authors, Meta, Warnings                  string // Warnings joined by "|"
	Err                                      string // substring of the error message; "" for none
}

func summarize(d *pipeline.Doc) summary {
	s := summary{
		ID: d.ID, Source: d.Source, Text: d.Text, HTML: string(d.HTML), URL: d.URL,
		Title: d.Title, Site: d.Site, Published: d.Published, Offset: d.PublishedOffset,
		Precision: d.PublishedPrecision, DateSource: d.PublishedSource, Authors: strings.Join(d.Authors, "|"),
		Meta: d.Meta, Warnings: strings.Join(d.Warnings, "|"),
	}
	if d.Err != nil {
		s.Err = d.Err.Message()
	}
	return s
}

func TestRead(t *testing.T) {
	long := strings.Repeat("é long line ", 20000) // about 260 KiB, past bufio's 64 KiB
	tests := []struct {
		name  string
		files map[string][]byte // relative to a fresh temp dir
		args  []string          // relative to that dir
		opts  []Option
		want  []summary // Err holds a substring the message must contain
	}{
		{
			name:  "text file",
			files: map[string][]byte{"a.txt": []byte("\xEF\xBB\xBFHello “world”.\n")},
			args:  []string{"a.txt"},
			want:  []summary{{ID: shortID("a.txt"), Source: "a.txt", Text: "Hello “world”.\n"}},
		},
		{
			name:  "html file, upper-case extension, path cleaned",
			files: map[string][]byte{"p.HTM": []byte("<p>Hi</p>")},
			args:  []string{"./p.HTM"},
			want:  []summary{{ID: shortID("p.HTM"), Source: "p.HTM", HTML: "<p>Hi</p>"}},
		},
		{
			name:  "invalid UTF-8 in a text file is kept as is",
			files: map[string][]byte{"bad.txt": []byte("a\xffb\xe2\x80")},
			args:  []string{"bad.txt"},
			want:  []summary{{ID: shortID("bad.txt"), Source: "bad.txt", Text: "a\xffb\xe2\x80"}},
		},
		{
			name: "jsonl records and fields",
			files: map[string][]byte{"in.jsonl": []byte(
				`{"id":"x1","text":"One.","url":"http://a/1","title":"T","site":"S","published":"2024-05-06T07:08:09.123+02:00","authors":["A","B"]}` + "\r\n" +
					"\n   \n" +
					`{"html":"<p>Two</p>","authors":"Solo","published":"2024-05-06","id":42}` + "\n" +
					`{"text":"Three.","unknown":{"x":[1,2]}}`)}, // no final newline
			args: []string{"in.jsonl"},
			want: []summary{
				{ID: "x1", Source: "in.jsonl:1", Text: "One.", URL: "http://a/1", Title: "T", Site: "S",
					Published: time.Date(2024, 5, 6, 5, 8, 9, 123e6, time.UTC), Offset: "+02:00", Precision: "second",
					DateSource: "input", Authors: "A|B"},
				{ID: "42", Source: "in.jsonl:4", HTML: "<p>Two</p>", Authors: "Solo",
					Published: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC), Precision: "day", DateSource: "input"},
				{ID: shortID("in.jsonl:5"), Source: "in.jsonl:5", Text: "Three.", Meta: `{"unknown":{"x":[1,2]}}`},
			},
		},
		{
			name: "malformed lines become error documents and reading goes on",
			files: map[string][]byte{"m.ndjson": []byte(strings.Join([]string{
				`{"text": "ok"`,
				`[1,2]`,
				`{"title":"no body"}`,
				`{"id":"p","text":"x","published":"yesterday"}`,
				`{"text":"x","authors":[1]}`,
				`{"text":"x","id":{"a":1}}`,
				`{"text":7}`,
				`{"text":"fine"}`,
			}, "\n"))},
			args: []string{"m.ndjson"},
			want: []summary{
				{ID: shortID("m.ndjson:1"), Source: "m.ndjson:1", Err: "m.ndjson:1: invalid JSON"},
				{ID: shortID("m.ndjson:2"), Source: "m.ndjson:2", Err: "m.ndjson:2: not a JSON object"},
				{ID: shortID("m.ndjson:3"), Source: "m.ndjson:3", Err: `neither "text" nor "html"`},
				{ID: "p", Source: "m.ndjson:4", Text: "x", Warnings: `"published" "yesterday" is not a date newsmill reads (RFC 3339, "YYYY-MM-DD hh:mm:ss", RFC 1123, YYYY-MM-DD or seconds since 1970); published left null`},
				{ID: shortID("m.ndjson:5"), Source: "m.ndjson:5", Text: "x", Warnings: `"authors": 1 is neither a name nor an object with a "name"; left out`},
				{ID: shortID("m.ndjson:6"), Source: "m.ndjson:6", Err: `"id" must be a string or a number`},
				{ID: shortID("m.ndjson:7"), Source: "m.ndjson:7", Err: `"text" must be a string, not 7`},
				{ID: shortID("m.ndjson:8"), Source: "m.ndjson:8", Text: "fine"},
			},
		},
		{
			name:  "line longer than 64 KiB",
			files: map[string][]byte{"l.jsonl": []byte(`{"text":"` + long + `"}` + "\n" + `{"text":"after"}` + "\n")},
			args:  []string{"l.jsonl"},
			want: []summary{
				{ID: shortID("l.jsonl:1"), Source: "l.jsonl:1", Text: long},
				{ID: shortID("l.jsonl:2"), Source: "l.jsonl:2", Text: "after"},
			},
		},
		{
			name:  "line over the record limit is skipped with an error",
			files: map[string][]byte{"l.jsonl": []byte(`{"text":"` + long + `"}` + "\n" + `{"text":"after"}` + "\n" + `{"text":"` + long + `"}`)},
			args:  []string{"l.jsonl"},
			opts:  []Option{WithMaxRecordBytes(100 << 10)},
			want: []summary{
				{ID: shortID("l.jsonl:1"), Source: "l.jsonl:1", Err: "l.jsonl:1: line is longer than the 102400-byte limit"},
				{ID: shortID("l.jsonl:2"), Source: "l.jsonl:2", Text: "after"},
				{ID: shortID("l.jsonl:3"), Source: "l.jsonl:3", Err: "longer than"},
			},
		},
		{
			name:  "text file over the record limit",
			files: map[string][]byte{"big.txt": []byte("0123456789")},
			args:  []string{"big.txt"},
			opts:  []Option{WithMaxRecordBytes(4)},
			want:  []summary{{ID: shortID("big.txt"), Source: "big.txt", Err: "big.txt: file is larger than the 4-byte limit"}},
		},
		{
			name: "gzip",
			files: map[string][]byte{
				"z.jsonl.gz": gzipped(t, []byte(`{"text":"zipped"}`+"\n")),
				"z.txt.gz":   gzipped(t, []byte("zipped text")),
			},
			args: []string{"z.jsonl.gz", "z.txt.gz"},
			want: []summary{
				{ID: shortID("z.jsonl.gz:1"), Source: "z.jsonl.gz:1", Text: "zipped"},
				{ID: shortID("z.txt.gz"), Source: "z.txt.gz", Text: "zipped text"},
			},
		},
		{
			name: "compression is told by magic bytes, not names",
			files: map[string][]byte{
				"n.jsonl.gz":  []byte(`{"text":"plain"}`),
				"z.ndjson":    gzipped(t, []byte(`{"text":"zipped"}`)),
				"s.jsonl.zst": zstded(t, []byte(`{"text":"zstd"}`+"\n")),
				"h.txt.gz":    {0x1f, 0x8b},
			},
			args: []string{"n.jsonl.gz", "z.ndjson", "s.jsonl.zst", "h.txt.gz"},
			want: []summary{
				{ID: shortID("n.jsonl.gz:1"), Source: "n.jsonl.gz:1", Text: "plain"},
				{ID: shortID("z.ndjson:1"), Source: "z.ndjson:1", Text: "zipped"},
				{ID: shortID("s.jsonl.zst:1"), Source: "s.jsonl.zst:1", Text: "zstd"},
				{ID: shortID("h.txt.gz"), Source: "h.txt.gz", Err: "h.txt.gz: gzip: unexpected end"},
			},
		},
		{
			name:  "empty files",
			files: map[string][]byte{"e.txt": nil, "e.jsonl": nil, "e.html.gz": gzipped(t, nil)},
			args:  []string{"e.txt", "e.jsonl", "e.html.gz"},
			want: []summary{
				{ID: shortID("e.txt"), Source: "e.txt", Err: "e.txt: empty file"},
				{ID: shortID("e.html.gz"), Source: "e.html.gz", Err: "e.html.gz: empty file"},
			},
		},
		{
			name:  "input over the decompressed limit",
			files: map[string][]byte{"big.jsonl.gz": gzipped(t, []byte(strings.Repeat(`{"text":"abc"}`+"\n", 100)))},
			args:  []string{"big.jsonl.gz"},
			opts:  []Option{WithMaxInputBytes(15 * 3)},
			want: []summary{
				{ID: shortID("big.jsonl.gz:1"), Source: "big.jsonl.gz:1", Text: "abc"},
				{ID: shortID("big.jsonl.gz:2"), Source: "big.jsonl.gz:2", Text: "abc"},
				{ID: shortID("big.jsonl.gz:3"), Source: "big.jsonl.gz:3", Text: "abc"},
				{ID: shortID("big.jsonl.gz:4"), Source: "big.jsonl.gz:4", Err: "larger than the 45-byte limit after decompression"},
			},
		},
		{
			name:  "input of exactly the decompressed limit",
			files: map[string][]byte{"ok.jsonl": []byte(strings.Repeat(`{"text":"abc"}`+"\n", 3))},
			args:  []string{"ok.jsonl"},
			opts:  []Option{WithMaxInputBytes(15 * 3)},
			want: []summary{
				{ID: shortID("ok.jsonl:1"), Source: "ok.jsonl:1", Text: "abc"},
				{ID: shortID("ok.jsonl:2"), Source: "ok.jsonl:2", Text: "abc"},
				{ID: shortID("ok.jsonl:3"), Source: "ok.jsonl:3", Text: "abc"},
			},
		},
		{
			name:  "glob pattern",
			files: map[string][]byte{"g/b.txt": []byte("b"), "g/a.txt": []byte("a"), "g/c.md": []byte("c")},
			args:  []string{"g/*.txt"},
			want: []summary{
				{ID: shortID("g/a.txt"), Source: "g/a.txt", Text: "a"},
				{ID: shortID("g/b.txt"), Source: "g/b.txt", Text: "b"},
			},
		},
		{
			name: "directory: lexical order, known extensions, no hidden entries",
			files: map[string][]byte{
				"d/b.txt":           []byte("b"),
				"d/a/z.html":        []byte("z"),
				"d/a/y.jsonl":       []byte(`{"text":"y1"}` + "\n" + `{"text":"y2"}`),
				"d/c.md":            []byte("ignored"),
				"d/.hidden.txt":     []byte("ignored"),
				"d/.git/x.txt":      []byte("ignored"),
				"d/B.TXT":           []byte("B"),
				"d/a b/é.ndjson.gz": gzipped(t, []byte(`{"text":"sp"}`)),
			},
			args: []string{"d/"},
			want: []summary{
				{ID: shortID("d/B.TXT"), Source: "d/B.TXT", Text: "B"},
				{ID: shortID("d/a/y.jsonl:1"), Source: "d/a/y.jsonl:1", Text: "y1"},
				{ID: shortID("d/a/y.jsonl:2"), Source: "d/a/y.jsonl:2", Text: "y2"},
				{ID: shortID("d/a/z.html"), Source: "d/a/z.html", HTML: "z"},
				{ID: shortID("d/a b/é.ndjson.gz:1"), Source: "d/a b/é.ndjson.gz:1", Text: "sp"},
				{ID: shortID("d/b.txt"), Source: "d/b.txt", Text: "b"},
			},
		},
		{
			name:  "missing path and unknown explicit type",
			files: map[string][]byte{"notes.md": []byte("x")},
			args:  []string{"nope.txt", "notes.md"},
			want: []summary{
				{ID: shortID("nope.txt"), Source: "nope.txt", Err: "nope.txt: stat nope.txt: no such file"},
				{ID: shortID("notes.md"), Source: "notes.md", Err: "notes.md: unknown file type"},
			},
		},
		{
			name: "stdin",
			args: []string{"-"},
			opts: []Option{WithStdin(strings.NewReader(`{"text":"from stdin"}` + "\n" + "oops\n"))},
			want: []summary{
				{ID: shortID("stdin:1"), Source: "stdin:1", Text: "from stdin"},
				{ID: shortID("stdin:2"), Source: "stdin:2", Err: "stdin:2: not a JSON object"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			for name, data := range tt.files {
				writeFile(t, dir, name, data)
			}
			docs := collect(t, New(tt.args, tt.opts...))
			if len(docs) != len(tt.want) {
				for _, d := range docs {
					t.Logf("got %+v", summarize(d))
				}
				t.Fatalf("got %d documents, want %d", len(docs), len(tt.want))
			}
			for i, d := range docs {
				got, want := summarize(d), tt.want[i]
				if want.Err == "" && got.Err != "" {
					t.Errorf("doc %d: unexpected error %q", i, got.Err)
				}
				if want.Err != "" {
					if !strings.Contains(got.Err, want.Err) {
						t.Errorf("doc %d: error %q does not contain %q", i, got.Err, want.Err)
					}
					if d.Err.Stage != Stage {
						t.Errorf("doc %d: error stage %q, want %q", i, d.Err.Stage, Stage)
					}
					got.Err = want.Err
				}
				if !got.Published.Equal(want.Published) {
					t.Errorf("doc %d: published %v, want %v", i, got.Published, want.Published)
				}
				got.Published = want.Published
				if got != want {
					t.Errorf("doc %d:\n got %+.200v\nwant %+.200v", i, got, want)
				}
			}
		})
	}
}

func TestTruncatedGzip(t *testing.T) {
	var lines strings.Builder
	for range 2000 {
		lines.WriteString(`{"text":"a reasonably long line of text so that the stream spans blocks"}` + "\n")
	}
	full := gzipped(t, []byte(lines.String()))
	dir := t.TempDir()
	p := writeFile(t, dir, "t.jsonl.gz", full[:len(full)/2])
	docs := collect(t, New([]string{p}))
	if len(docs) < 2 {
		t.Fatalf("got %d documents, want the complete lines before the cut and an error", len(docs))
	}
	last := docs[len(docs)-1]
	if last.Err == nil || !strings.Contains(last.Err.Message(), "truncated") {
		t.Fatalf("last document: err %v, want a truncation error", last.Err)
	}
	for i, d := range docs[:len(docs)-1] {
		if d.Err != nil || !strings.HasPrefix(d.Text, "a reasonably long line") {
			t.Fatalf("doc %d before the cut: %+v", i, summarize(d))
		}
	}
	if !strings.HasSuffix(last.Source, ":"+strconv.Itoa(len(docs))) {
		t.Errorf("error source %q does not name line %d", last.Source, len(docs))
	}
}

func TestUnreadableFileInDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "d/a.txt", []byte("a"))
	if err := os.Symlink("missing.txt", filepath.Join(dir, "d", "broken.txt")); err != nil {
		t.Skip("no symlinks:", err)
	}
	writeFile(t, dir, "d/c.txt", []byte("c"))
	docs := collect(t, New([]string{"d"}))
	if len(docs) != 3 || docs[0].Text != "a" || docs[2].Text != "c" {
		t.Fatalf("got %d docs, want a, error, c", len(docs))
	}
	if e := docs[1].Err; e == nil || docs[1].Source != "d/broken.txt" || !strings.Contains(e.Message(), `d/broken.txt: symbolic link to "missing.txt" cannot be followed`) {
		t.Errorf("broken link: source %q, err %v", docs[1].Source, e)
	}
}

func TestReadStopsOnEmitErrorAndCancel(t *testing.T) {
	input := strings.Repeat(`{"text":"x"}`+"\n", 10)
	stop := errors.New("stop")
	n := 0
	err := New([]string{"-"}, WithStdin(strings.NewReader(input))).Read(context.Background(), func(*pipeline.Doc) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("emit error: got %v after %d docs, want %v after 3", err, n, stop)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = New([]string{"-"}, WithStdin(strings.NewReader(input))).Read(ctx, func(*pipeline.Doc) error {
		n++
		if n == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 2 {
		t.Errorf("cancel: got %v after %d docs, want context.Canceled after 2", err, n)
	}
}

func TestLineReader(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want []string // "!" marks errTooLong
	}{
		{"", 10, nil},
		{"\n", 10, []string{""}},
		{"a\nb", 10, []string{"a", "b"}},
		{"a\r\nb\r\n", 10, []string{"a", "b"}},
		{"0123456789\n01234567890\nx", 10, []string{"0123456789", "!", "x"}},
		{"01234567890", 10, []string{"!"}},
	}
	for _, tt := range tests {
		lr := lineReader{r: bufio.NewReaderSize(strings.NewReader(tt.in), 16), max: tt.max}
		var got []string
		for {
			line, err := lr.next()
			if err != nil {
				if errors.Is(err, errTooLong) {
					got = append(got, "!")
					continue
				}
				break
			}
			got = append(got, string(line))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("lines of %q (max %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

// FuzzJSONL feeds arbitrary bytes to the JSON Lines reader: it must not
// panic, must give every document an ID and a "stdin:N" source with N
// increasing, and every document without an error must have valid UTF-8
// text or HTML.
func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"text":"a","id":"x"}` + "\n" + `{"html":"<p>b</p>","published":"2020-01-02T03:04:05Z"}`))
	f.Add([]byte("{\"text\":\"\xff\"}\n\n[]\n{"))
	f.Add([]byte(`{"text":"x","authors":"a","id":1e3}` + "\r\n"))
	f.Add([]byte(strings.Repeat("x", 3000) + "\n{\"text\":\"y\"}"))
	f.Add([]byte(`{"text":"x","published":"2024-03-01 10:00:00+0530","authors":[{"name":"A"},7,null],"extra":{"k":"\u00ff"}}`))
	f.Add([]byte(`{"text":"x","published":1709287200123,"title":["t"]}` + "\n" + `{"text":"y","published":"Fri, 01 Mar 2024 10:00:00 EST"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := New([]string{"-"}, WithStdin(bytes.NewReader(data)), WithMaxRecordBytes(1<<10))
		prev := 0
		for _, d := range collect(t, src) {
			if d.ID == "" {
				t.Fatalf("document without ID: %+v", summarize(d))
			}
			n, ok := strings.CutPrefix(d.Source, "stdin:")
			line, err := strconv.Atoi(n)
			if !ok || err != nil || line <= prev {
				t.Fatalf("source %q after line %d", d.Source, prev)
			}
			prev = line
			if d.Err != nil {
				continue
			}
			if d.Text == "" && len(d.HTML) == 0 {
				t.Fatalf("document without text or HTML: %+v", summarize(d))
			}
			if !utf8.ValidString(d.Text) || !utf8.Valid(d.HTML) || !utf8.ValidString(d.ID) || !utf8.ValidString(d.Meta) {
				t.Fatalf("invalid UTF-8 in %+v", summarize(d))
			}
			if d.Meta != "" && !json.Valid([]byte(d.Meta)) {
				t.Fatalf("meta is not JSON: %q", d.Meta)
			}
			if d.Published.IsZero() != (d.PublishedSource == "") {
				t.Fatalf("published %v with source %q", d.Published, d.PublishedSource)
			}
		}
	})
}

// BenchmarkReadJSONL reads 1,000 JSON Lines records of about 5 KB each from
// an in-memory standard input.
func BenchmarkReadJSONL(b *testing.B) {
	line := `{"id":"x","url":"https://example.com/a","title":"T","published":"2024-05-06T07:08:09Z","authors":["A"],"text":"` +
		strings.Repeat("Some article text with “quotes” and é. ", 125) + `"}` + "\n"
	input := strings.Repeat(line, 1000)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := New([]string{"-"}, WithStdin(strings.NewReader(input))).Read(context.Background(), func(d *pipeline.Doc) error {
			if d.Err != nil {
				b.Fatal(d.Err)
			}
			n++
			return nil
		})
		if err != nil || n != 1000 {
			b.Fatalf("read %d docs, err %v", n, err)
		}
	}
}
