package source

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// withLength rewrites the WARC Content-Length line of the record with the
// given ID through f (which returns the replacement lines, "" to drop it).
func withLength(t *testing.T, data []byte, id string, f func(n int) string) []byte {
	t.Helper()
	at := bytes.Index(data, []byte("WARC-Record-ID: <"+id+">"))
	if at < 0 {
		t.Fatalf("no record %s", id)
	}
	m := regexp.MustCompile(`Content-Length: (\d+)\r\n`).FindSubmatchIndex(data[at:])
	var n int
	fmt.Sscan(string(data[at+m[2]:at+m[3]]), &n)
	out := append([]byte{}, data[:at+m[0]]...)
	out = append(out, f(n)...)
	return append(out, data[at+m[1]:]...)
}

// TestWARCFraming: a record with a missing, repeated, unreadable, too large
// or too small Content-Length becomes one error document, and every other
// article of the file is still read (issue 17: such a record used to end the
// file silently).
func TestWARCFraming(t *testing.T) {
	plain, st := genWARC(t, 12, false)
	victim := st.Articles[2]
	tests := []struct {
		name    string
		length  func(n int) string
		errLike string // "" when the record must be read as usual
	}{
		{"missing", func(int) string { return "" }, "no Content-Length"},
		{"repeated with different values", func(n int) string { return fmt.Sprintf("Content-Length: %d\r\nContent-Length: %d\r\n", n, n+7) }, "2 different Content-Length values"},
		{"repeated with one value", func(n int) string { return fmt.Sprintf("Content-Length: %d\r\nContent-Length: %d\r\n", n, n) }, ""},
		{"not a number", func(int) string { return "Content-Length: 12kB\r\n" }, `Content-Length "12kB" is not a byte count`},
		{"negative", func(int) string { return "Content-Length: -5\r\n" }, "is not a byte count"},
		{"too large", func(n int) string { return fmt.Sprintf("Content-Length: %d\r\n", n+5000) }, "runs into the next record"},
		{"far too large", func(n int) string { return "Content-Length: 900000000000\r\n" }, "runs into the next record"},
		{"too small", func(n int) string { return fmt.Sprintf("Content-Length: %d\r\n", n-50) }, "does not end after its Content-Length"},
	}
	for _, tt := range tests {
		for _, gz := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/gzip=%v", tt.name, gz), func(t *testing.T) {
				data := withLength(t, plain, victim.RecordID, tt.length)
				if gz {
					data = gzipped(t, data)
				}
				dir := t.TempDir()
				t.Chdir(dir)
				writeFile(t, dir, "x.warc.gz", data)
				rec := newRecorder()
				docs := collect(t, New([]string{"x.warc.gz"}, rec.option(), WithMaxRecordBytes(1<<20)))
				var got []string
				var errs []string
				for _, d := range docs {
					if d.Err != nil {
						errs = append(errs, d.Err.Error())
						if d.ID != victim.RecordID {
							t.Errorf("error document id %q, want the record's %q", d.ID, victim.RecordID)
						}
						continue
					}
					got = append(got, d.ID)
				}
				want := 0
				for _, a := range st.Articles {
					if tt.errLike == "" || a.RecordID != victim.RecordID {
						want++
					}
				}
				if len(got) != want {
					t.Errorf("%d articles, want %d", len(got), want)
				}
				switch {
				case tt.errLike == "" && len(errs) > 0:
					t.Errorf("errors %q, want none", errs)
				case tt.errLike != "" && (len(errs) != 1 || !strings.Contains(errs[0], tt.errLike)):
					t.Errorf("errors %q, want one like %q", errs, tt.errLike)
				}
				if c, ok := rec.counts("x.warc.gz"); !ok || c.Records != int64(len(docs)) || c.Records+c.Skipped != int64(st.Records) {
					t.Errorf("counts %+v (done %v), want %d records of %d", c, ok, len(docs), st.Records)
				}
			})
		}
	}
}

// TestWARCHugeResponse: a response far over the record limit inside a small
// .warc.gz is an error document, is never held in memory or spilled to a
// temporary file, and the record after it is read (issue 17).
func TestWARCHugeResponse(t *testing.T) {
	const size = 48 << 20
	body := "<html><body><p>" + strings.Repeat("All work and no play. ", size/22) + "</p></body></html>"
	record := func(id, payload string) string {
		block := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
		return fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Target-URI: https://example.com/%s\r\n"+
			"WARC-Date: 2024-03-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", id, id, len(block), block)
	}
	var b bytes.Buffer
	for _, r := range []string{record("huge", body), record("next", "<html><body><p>The next page.</p></body></html>")} {
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(r))
		zw.Close()
	}
	if b.Len() > 1<<20 {
		t.Fatalf("test file is %d bytes, want a small one", b.Len())
	}
	dir := t.TempDir()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Chdir(dir)
	writeFile(t, dir, "h.warc.gz", b.Bytes())
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	docs := collect(t, New([]string{"h.warc.gz"}, WithMaxRecordBytes(1<<20)))
	runtime.ReadMemStats(&after)
	if len(docs) != 2 || docs[0].Err == nil || !strings.Contains(docs[0].Err.Error(), "larger than the 1048576-byte limit") ||
		docs[1].Err != nil || docs[1].ID != "urn:uuid:next" {
		for _, d := range docs {
			t.Logf("%+.200v", summarize(d))
		}
		t.Fatalf("want an error for the huge record, then the next one")
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("reading allocated %d MiB for a %d MiB record over a 1 MiB limit", alloc>>20, size>>20)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
		t.Errorf("%d files left in TMPDIR", len(entries))
	}
}
