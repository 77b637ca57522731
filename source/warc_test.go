package source

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"unicode/utf8"

	"github.com/newsmill/newsmill/internal/gen"
	"github.com/newsmill/newsmill/pipeline"
)

// recorder keeps the counts of the inputs read to their end.
type recorder struct {
	done map[string]InputCounts
}

func newRecorder() *recorder { return &recorder{done: map[string]InputCounts{}} }

func (r *recorder) option() Option {
	return OnInputDone(func(in string, c InputCounts) { r.done[in] = c })
}

// counts returns the counts of the input at path.
func (r *recorder) counts(path string) (InputCounts, bool) {
	c, ok := r.done[Canonical(path)]
	return c, ok
}

func genWARC(t testing.TB, n int, gz bool) ([]byte, gen.WARCStats) {
	t.Helper()
	var b bytes.Buffer
	st, err := gen.WriteWARC(&b, gen.WARCOptions{First: 0, N: n, Words: 120, Gzip: gz})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), st
}

// TestWARC reads a generated CC-NEWS-like WARC file, plain and gzipped, and
// checks that exactly the 200 HTML responses become documents, with their
// record IDs, URLs, fetch dates and UTF-8 text whatever their charset.
func TestWARC(t *testing.T) {
	for _, gz := range []bool{false, true} {
		name := "plain"
		if gz {
			name = "gzip"
		}
		t.Run(name, func(t *testing.T) {
			data, st := genWARC(t, 40, gz)
			dir := t.TempDir()
			t.Chdir(dir)
			file := "cc.warc"
			if gz {
				file += ".gz"
			}
			writeFile(t, dir, file, data)
			rec := newRecorder()
			docs := collect(t, New([]string{file}, rec.option()))
			if len(docs) != len(st.Articles) {
				t.Fatalf("%d documents, want %d", len(docs), len(st.Articles))
			}
			for i, d := range docs {
				want := st.Articles[i]
				if d.Err != nil {
					t.Fatalf("doc %d: %v", i, d.Err)
				}
				if d.ID != want.RecordID || d.URL != want.URL || !strings.HasPrefix(d.Source, file+":") {
					t.Errorf("doc %d: id %q url %q source %q, want %q %q", i, d.ID, d.URL, d.Source, want.RecordID, want.URL)
				}
				if !d.Published.IsZero() {
					t.Errorf("doc %d: Published set by the reader", i)
				}
				if d.Input != Canonical(file) || !d.Fetched.Equal(want.Fetched) {
					t.Errorf("doc %d: input %s, fetched %v, want %v", i, d.Input, d.Fetched, want.Fetched)
				}
				page := string(d.HTML)
				switch want.Charset {
				case "iso-8859-1": // left for extract, which reads <meta charset>
					if utf8.Valid(d.HTML) && strings.ContainsAny(page, "íó") {
						t.Errorf("doc %d: meta-only charset was decoded by the reader", i)
					}
				default:
					if !utf8.Valid(d.HTML) || !strings.Contains(page, "“We will not accept") {
						t.Errorf("doc %d (%s): HTML not decoded to UTF-8: %.300q", i, want.Charset, page)
					}
				}
				if !strings.Contains(page, want.Paragraphs[0][:20]) {
					t.Errorf("doc %d: body missing from %.200q", i, page)
				}
			}
			c, ok := rec.counts(file)
			if !ok || c.Records != int64(len(docs)) || c.Records+c.Skipped != int64(st.Records) {
				t.Errorf("counts %+v (done %v), want %d records of %d", c, ok, len(docs), st.Records)
			}
		})
	}
}

// TestWARCBroken cuts a WARC file short and corrupts one, and checks that
// the complete records still become documents and the damage one error
// document.
func TestWARCBroken(t *testing.T) {
	plain, st := genWARC(t, 12, false)
	gz, _ := genWARC(t, 12, true)
	last := st.Articles[len(st.Articles)-1]
	cut := bytes.LastIndex(plain, []byte(last.Paragraphs[0][:30]))
	tests := []struct {
		name    string
		data    []byte
		docs    int    // documents without error
		errLike string // the one error document's message
	}{
		{"record cut in its payload", plain[:cut], len(st.Articles) - 1, "record truncated"},
		{"gzip cut", gz[:len(gz)*2/3], -1, "truncated"},
		{"garbage after the records", append(append([]byte{}, plain...), "\x00\x01 garbage"...), len(st.Articles), "WARC record"},
		{"not a WARC file", []byte("<html>hello</html>"), 0, "WARC record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			writeFile(t, dir, "x.warc.gz", tt.data)
			rec := newRecorder()
			docs := collect(t, New([]string{"x.warc.gz"}, rec.option()))
			var ok, failed int
			for _, d := range docs {
				if d.Err == nil {
					ok++
					continue
				}
				failed++
				if !strings.Contains(d.Err.Message(), tt.errLike) {
					t.Errorf("error %q, want %q", d.Err.Message(), tt.errLike)
				}
			}
			if failed != 1 || (tt.docs >= 0 && ok != tt.docs) || (tt.docs < 0 && ok == 0) {
				t.Errorf("%d documents and %d errors, want %d and 1", ok, failed, tt.docs)
			}
			if c, done := rec.counts("x.warc.gz"); !done || c.Records != int64(len(docs)) {
				t.Errorf("counts %+v done %v, want %d records", c, done, len(docs))
			}
		})
	}
}

// TestResumeDropsLeadingRecords checks WithResume: the first documents of
// an input are read and counted but not emitted.
func TestResumeDropsLeadingRecords(t *testing.T) {
	input := strings.Repeat(`{"text":"x"}`+"\n", 5)
	rec := newRecorder()
	docs := collect(t, New([]string{"-"}, WithStdin(strings.NewReader(input)), WithResume(map[string]int64{"-": 3}), rec.option()))
	if len(docs) != 2 || docs[0].Source != "stdin:4" {
		t.Fatalf("got %d docs starting at %q, want stdin:4 and stdin:5", len(docs), docs[0].Source)
	}
	if c, _ := rec.counts("-"); c.Records != 5 {
		t.Errorf("records %d, want 5", c.Records)
	}
}

// FuzzWARC feeds arbitrary bytes to the WARC reader: it must not panic, and
// every document must have an ID, a source and valid UTF-8 HTML when it
// names a charset.
func FuzzWARC(f *testing.F) {
	var b bytes.Buffer
	if _, err := gen.WriteWARC(&b, gen.WARCOptions{N: 1, Words: 10}); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add(b.Bytes()[:b.Len()/2])
	// Gzipped record by record, one member's checksum wrong.
	var gz bytes.Buffer
	if _, err := gen.WriteWARC(&gz, gen.WARCOptions{N: 2, Words: 10, Gzip: true}); err != nil {
		f.Fatal(err)
	}
	bad := bytes.Clone(gz.Bytes())
	bad[len(bad)/2] ^= 0xff
	f.Add(bad)
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\n"))
	// Framing errors: no Content-Length, one too large, one too small, two.
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\nWARC/1.1\r\nContent-Length: 0\r\n\r\n\r\n\r\n"))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\nContent-Length: 27\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>y</p>\r\n\r\n"))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\nWARC/1.0\r\nContent-Length: 2\r\n\r\nabcdef\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := New([]string{"-"}, WithMaxRecordBytes(1<<16), WithMaxInputBytes(1<<20))
		src.stdin = nil
		in := src.newInput("f.warc", func(d *pipeline.Doc) error {
			if d.ID == "" || !strings.HasPrefix(d.Source, "f.warc") {
				t.Fatalf("document without ID or source: %+v", summarize(d))
			}
			if d.Err == nil && len(d.HTML) == 0 {
				t.Fatalf("document without HTML")
			}
			return nil
		})
		if err := src.readStream(context.Background(), in, bytes.NewReader(data), formatWARC); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzStream feeds arbitrary bytes, often starting with gzip or zstd magic,
// to the whole-file readers: no panic, exactly one document, and the
// decompressed size limit holds.
func FuzzStream(f *testing.F) {
	f.Add([]byte("plain text"), uint8(0))
	f.Add(gzipped(f, []byte("gzipped <p>html</p>")), uint8(1))
	f.Add([]byte{0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x00}, uint8(0))
	f.Add([]byte{0x1f, 0x8b, 0x08}, uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		src := New(nil, WithMaxRecordBytes(1<<12), WithMaxInputBytes(1<<14))
		var docs []*pipeline.Doc
		in := src.newInput("f", func(d *pipeline.Doc) error { docs = append(docs, d); return nil })
		format := []format{formatText, formatHTML}[kind%2]
		if err := src.readStream(context.Background(), in, bytes.NewReader(data), format); err != nil {
			t.Fatal(err)
		}
		if len(docs) != 1 {
			t.Fatalf("%d documents, want 1", len(docs))
		}
		if d := docs[0]; len(d.Text) > 1<<12 || len(d.HTML) > 1<<12 {
			t.Fatalf("document of %d bytes over the limit", max(len(d.Text), len(d.HTML)))
		}
	})
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, name := range []string{"d/b.warc.gz", "d/a.jsonl.zst", "d/.x.txt", "d/n.md", "top1.txt", "top2.txt"} {
		writeFile(t, dir, name, []byte("x"))
	}
	got, err := Expand([]string{"-", "top*.txt", "d", "missing.txt"})
	if err != nil {
		t.Fatal(err)
	}
	want := "- top1.txt top2.txt d/a.jsonl.zst d/b.warc.gz missing.txt"
	if strings.Join(got, " ") != want {
		t.Errorf("Expand = %q, want %q", got, want)
	}
	for _, bad := range []string{"nomatch*.txt", "[x"} {
		if _, err := Expand([]string{bad}); err == nil {
			t.Errorf("Expand(%q) succeeded", bad)
		}
	}
}

// BenchmarkReadWARC reads a gzipped CC-NEWS-like WARC file of 200 article
// indexes (about 160 articles among 800 records) from memory.
func BenchmarkReadWARC(b *testing.B) {
	data, st := genWARC(b, 200, true)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		src := New(nil)
		n := 0
		in := src.newInput("b.warc.gz", func(d *pipeline.Doc) error {
			if d.Err != nil {
				b.Fatal(d.Err)
			}
			n++
			return nil
		})
		if err := src.readStream(context.Background(), in, bytes.NewReader(data), formatWARC); err != nil || n != len(st.Articles) {
			b.Fatalf("read %d docs, err %v", n, err)
		}
	}
}
