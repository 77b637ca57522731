package source

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"

	"github.com/newsmill/newsmill/pipeline"
)

// memberStarts returns the offset of each gzip member of data, and its
// end.
func memberStarts(t *testing.T, data []byte) []int64 {
	t.Helper()
	r := bytes.NewReader(data)
	var starts []int64
	var zr gzip.Reader
	for {
		at := r.Size() - int64(r.Len())
		if err := zr.Reset(r); err == io.EOF {
			return append(starts, at)
		} else if err != nil {
			t.Fatal(err)
		}
		starts = append(starts, at)
		zr.Multistream(false)
		if _, err := io.Copy(io.Discard, &zr); err != nil {
			t.Fatal(err)
		}
	}
}

// readNamed reads data as the file x.warc.gz and returns its documents,
// checking that the input was read to its end with every record counted.
func readNamed(t *testing.T, data []byte, opts ...Option) []*pipeline.Doc {
	t.Helper()
	dir := t.TempDir()
	p := writeFile(t, dir, "x.warc.gz", data)
	rec := newRecorder()
	docs := collect(t, New([]string{p}, append(opts, rec.option())...))
	if c, done := rec.counts(p); !done {
		t.Errorf("input not read to its end: %+v", c)
	}
	return docs
}

// ids lists the IDs of the documents without error.
func ids(docs []*pipeline.Doc) []string {
	var out []string
	for _, d := range docs {
		if d.Err == nil {
			out = append(out, d.ID)
		}
	}
	return out
}

// errorsOf lists the messages of the error documents.
func errorsOf(docs []*pipeline.Doc) []string {
	var out []string
	for _, d := range docs {
		if d.Err != nil {
			out = append(out, d.Err.Message())
		}
	}
	return out
}

// TestWARCCorruptGzipMember damages one gzip member of a .warc.gz (one
// record per member) in several ways, the first member included (a .gz
// file that does not start with gzip's magic): the record it held becomes
// one error document naming the member, and every other record is read,
// as from the file without that member (issue 17: the rest of the file
// was lost).
func TestWARCCorruptGzipMember(t *testing.T) {
	gz, _ := genWARC(t, 12, true)
	starts := memberStarts(t, gz)
	members := len(starts) - 1
	without := func(k int) []byte {
		return slices.Concat(gz[:starts[k]], gz[starts[k+1]:])
	}
	damage := map[string]func(b []byte, start, end int64) []byte{
		"checksum": func(b []byte, start, end int64) []byte { b[end-8] ^= 0xff; return b },
		"deflate data": func(b []byte, start, end int64) []byte {
			mid := (start + end) / 2
			copy(b[mid:], bytes.Repeat([]byte{0xff}, 16))
			return b
		},
		"header":     func(b []byte, start, end int64) []byte { b[start], b[start+1] = 'x', 'x'; return b },
		"member cut": func(b []byte, start, end int64) []byte { return slices.Concat(b[:(start+end)/2], b[end:]) },
		"garbage run": func(b []byte, start, end int64) []byte {
			return slices.Concat(b[:end], []byte("\x1f\x8b\x08 junk"), b[end:])
		},
	}
	for _, k := range []int{0, 1, members / 2, members - 2} {
		want := ids(readNamed(t, without(k)))
		for name, f := range damage {
			t.Run(fmt.Sprintf("%s of member %d", name, k), func(t *testing.T) {
				data := f(slices.Clone(gz), starts[k], starts[k+1])
				docs := readNamed(t, data)
				errs := errorsOf(docs)
				want, wantErr := want, fmt.Sprintf("corrupt gzip member at byte %d", starts[k])
				if name == "garbage run" { // the junk after member k is the corrupt one
					want, wantErr = ids(readNamed(t, gz)), fmt.Sprintf("corrupt gzip member at byte %d", starts[k+1])
				}
				if len(errs) != 1 || !strings.Contains(errs[0], wantErr) || !strings.Contains(errs[0], "reading resumed at the next gzip member") {
					t.Errorf("errors %q, want one saying %s", errs, wantErr)
				}
				if got := ids(docs); !slices.Equal(got, want) {
					t.Errorf("documents %q,\nwant %q", got, want)
				}
			})
		}
	}
}

// TestWARCCorruptLastGzipMember: with no member after the corrupt one,
// the error says so and the input ends there.
func TestWARCCorruptLastGzipMember(t *testing.T) {
	gz, _ := genWARC(t, 4, true)
	starts := memberStarts(t, gz)
	last := starts[len(starts)-2]
	data := slices.Clone(gz)
	data[len(data)-8] ^= 0xff
	docs := readNamed(t, data)
	if errs := errorsOf(docs); len(errs) != 1 || !strings.Contains(errs[0], fmt.Sprintf("corrupt gzip member at byte %d", last)) ||
		!strings.Contains(errs[0], "no further gzip member") {
		t.Errorf("errors %q", errs)
	}
}

// TestResumeAfterCorruptGzipMember: a resumed run drops the records an
// earlier run stored and yields the rest exactly as one run does, the
// corrupt member's error document included, wherever the earlier run
// stopped.
func TestResumeAfterCorruptGzipMember(t *testing.T) {
	gz, _ := genWARC(t, 12, true)
	starts := memberStarts(t, gz)
	k := (len(starts) - 1) / 2
	data := slices.Clone(gz)
	data[starts[k+1]-8] ^= 0xff
	dir := t.TempDir()
	p := writeFile(t, dir, "x.warc.gz", data)
	full := collect(t, New([]string{p}))
	bad := slices.IndexFunc(full, func(d *pipeline.Doc) bool { return d.Err != nil })
	if bad < 0 {
		t.Fatal("no error document")
	}
	for _, drop := range []int{1, bad, bad + 1, len(full) - 1} {
		got := collect(t, New([]string{p}, WithResume(map[string]int64{Canonical(p): int64(drop)})))
		if len(got) != len(full)-drop {
			t.Fatalf("resumed after %d: %d documents, want %d", drop, len(got), len(full)-drop)
		}
		for i, d := range got {
			if w := full[drop+i]; d.ID != w.ID || d.Source != w.Source || (d.Err == nil) != (w.Err == nil) {
				t.Errorf("resumed after %d: document %d is %s %s, want %s %s", drop, i, d.Source, d.ID, w.Source, w.ID)
			}
		}
	}
}
