package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// maxWARCHeader bounds the header of one WARC record; CC-NEWS headers are
// under 1 KiB.
const maxWARCHeader = 1 << 20

// httpHeadRoom is what a WARC block may hold beyond the record limit for
// its HTTP status line and headers.
const httpHeadRoom = 64 << 10

// recordBoundary is how a WARC record ends and the next begins: the block's
// trailing CRLF CRLF, then the next record's version line.
var recordBoundary = []byte("\r\n\r\nWARC/")

// warcRecord is one WARC record: its header fields, by lower-case name, and
// its block, cut to the reader's limit.
type warcRecord struct {
	fields map[string][]string
	block  []byte
	length int64 // Content-Length: the whole block's size
}

// field returns the first value of the named header field ("" if absent),
// without the angle brackets WARC 1.0 puts around URIs.
func (r *warcRecord) field(name string) string {
	v := r.fields[strings.ToLower(name)]
	if len(v) == 0 {
		return ""
	}
	return strings.TrimSuffix(strings.TrimPrefix(v[0], "<"), ">")
}

// id is the record's WARC-Record-ID.
func (r *warcRecord) id() string { return r.field("WARC-Record-ID") }

// date is the record's WARC-Date, zero when absent or malformed.
func (r *warcRecord) date() time.Time {
	t, _ := time.Parse(time.RFC3339, r.field("WARC-Date"))
	return t
}

// cut reports whether the block was longer than the reader keeps.
func (r *warcRecord) cut() bool { return int64(len(r.block)) < r.length }

// framingError is a record whose bounds are wrong: no, several or a wrong
// Content-Length, a header that is not one, a block that does not end
// where it should. The reader has already moved on to the start of the
// next record, or to the end of the input when there is none.
type framingError struct {
	rec *warcRecord // what was read of the record's header; nil if none
	msg string
}

func (e *framingError) Error() string { return e.msg }

// warcReader splits a decompressed WARC stream into records, by the
// Content-Length of each and checked by the CRLF CRLF that ends it. It holds
// at most keep bytes of a block in memory and a 64 KiB buffer, and never writes
// anything to disk: the rest of a longer block is read and dropped. A framing error is
// reported once for the broken record, and reading resumes at the next
// record boundary found in the stream. It is not safe for concurrent use.
type warcReader struct {
	r    *bufio.Reader
	src  *pushback // below r
	keep int
}

// warcBuffer is the size of a warcReader's read buffer, whatever it keeps.
const warcBuffer = 64 << 10

// newWARCReader reads r, keeping up to keep bytes of each block.
func newWARCReader(r io.Reader, keep int) *warcReader {
	src := &pushback{r: r}
	return &warcReader{r: bufio.NewReaderSize(src, warcBuffer+len(recordBoundary)), src: src, keep: keep}
}

// next returns the next record. It returns io.EOF at the end of the input,
// a *framingError for a broken record (reading can go on with next), and any
// other error of the stream below as is (the input is unreadable from
// there on).
func (w *warcReader) next() (*warcRecord, error) {
	line, err := w.line()
	for err == nil && len(bytes.TrimSpace(line)) == 0 {
		line, err = w.line()
	}
	if err == io.EOF && len(bytes.TrimSpace(line)) == 0 {
		return nil, io.EOF
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	if !bytes.HasPrefix(line, []byte("WARC/")) {
		return nil, w.resync(nil, fmt.Sprintf("%q is not a WARC version line", abbreviate(line)))
	}
	rec := &warcRecord{fields: make(map[string][]string)}
	if msg, err := w.header(rec); err != nil {
		return nil, err
	} else if msg != "" {
		return nil, w.resync(rec, msg)
	}
	n, msg := contentLength(rec.fields["content-length"])
	if msg != "" {
		return nil, w.resync(rec, msg)
	}
	rec.length = n
	return rec, w.block(rec)
}

// header reads the header fields of rec up to the blank line that ends
// them. It returns a message for a malformed header and an error for a
// failing stream.
func (w *warcReader) header(rec *warcRecord) (string, error) {
	size, last := 0, ""
	for {
		line, err := w.line()
		if err == io.EOF {
			return "the input ends inside the record header", nil
		}
		if err != nil {
			return "", err
		}
		if size += len(line); size > maxWARCHeader {
			return fmt.Sprintf("record header longer than %d bytes", maxWARCHeader), nil
		}
		text := strings.TrimRight(string(line), "\r\n")
		switch {
		case text == "":
			return "", nil
		case (text[0] == ' ' || text[0] == '\t') && last != "":
			v := rec.fields[last]
			v[len(v)-1] += " " + strings.TrimSpace(text)
		default:
			name, value, ok := strings.Cut(text, ":")
			if !ok {
				return fmt.Sprintf("header line %q has no colon", abbreviate([]byte(text))), nil
			}
			last = strings.ToLower(strings.TrimSpace(name))
			rec.fields[last] = append(rec.fields[last], strings.TrimSpace(value))
		}
	}
}

// contentLength checks the Content-Length values of a record: exactly one
// (or several that agree), a non-negative integer. It returns a message
// when they are unusable.
func contentLength(values []string) (int64, string) {
	if len(values) == 0 {
		return 0, "record has no Content-Length"
	}
	for _, v := range values[1:] {
		if v != values[0] {
			return 0, fmt.Sprintf("record has %d different Content-Length values (%s)", len(values), strings.Join(values, ", "))
		}
	}
	n, err := strconv.ParseInt(values[0], 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Sprintf("Content-Length %q is not a byte count", values[0])
	}
	return n, ""
}

// block reads rec's block and the CRLF CRLF after it, keeping at most keep
// bytes of the block. A block that runs into the next record (a
// Content-Length too large, or the input cut short) or does not end where
// its Content-Length says (too small) is a framing error, after which
// reading resumes at the next record.
func (w *warcReader) block(rec *warcRecord) error {
	// Grown as bytes arrive, so that a Content-Length that lies costs no
	// more memory than the bytes that are there.
	buf, err := io.ReadAll(io.LimitReader(w.r, min(rec.length, int64(w.keep))))
	if err != nil {
		return err
	}
	n := len(buf)
	// The next record inside the block: its Content-Length is too large,
	// or it was cut short.
	overlong := func(at int) error {
		rec.block = buf[:at]
		w.unread(buf[at+4:])
		return &framingError{rec, fmt.Sprintf("Content-Length %d runs into the next record, which starts after %d bytes", rec.length, at)}
	}
	if int64(n) < rec.length {
		if i := bytes.Index(buf, recordBoundary); i >= 0 {
			return overlong(i)
		}
		if n < w.keep {
			rec.block = buf
			return &framingError{rec, fmt.Sprintf("record truncated: Content-Length %d, but %d bytes", rec.length, n)}
		}
		// Longer than kept: drop the rest as it streams by, stopping early
		// if the next record shows up inside it.
		dropped, found, err := w.skip(rec.length - int64(n))
		rec.block = buf
		switch {
		case err != nil:
			return err
		case found:
			return &framingError{rec, fmt.Sprintf("Content-Length %d runs into the next record, which starts after %d bytes", rec.length, int64(n)+dropped)}
		case int64(n)+dropped < rec.length:
			return &framingError{rec, fmt.Sprintf("record truncated: Content-Length %d, but %d bytes", rec.length, int64(n)+dropped)}
		}
	}
	rec.block = buf
	after, err := w.r.Peek(len(recordBoundary))
	// A corrupt gzip member that starts after this record's trailer does
	// not make it broken; the next read meets the error again.
	var me *memberError
	if errors.As(err, &me) && me.data >= w.pos()+int64(trailerLen(after)) && endsRecord(after, true) {
		err = io.EOF
	}
	if err != nil && err != io.EOF {
		return err
	}
	if endsRecord(after, err == io.EOF) {
		_, err := w.r.Discard(trailerLen(after))
		return err
	}
	if i := bytes.Index(buf, recordBoundary); i >= 0 {
		return overlong(i)
	}
	return w.resync(rec, fmt.Sprintf("the block does not end after its Content-Length of %d bytes", rec.length))
}

// unread puts b back in front of what is still to be read.
func (w *warcReader) unread(b []byte) {
	buffered, _ := w.r.Peek(w.r.Buffered())
	w.src.pending = append(append(append([]byte(nil), b...), buffered...), w.src.pending...)
	w.r.Reset(w.src)
}

// pos is the offset in the stream below of the next byte to parse.
func (w *warcReader) pos() int64 {
	return w.src.n - int64(len(w.src.pending)) - int64(w.r.Buffered())
}

// pushback is a reader with bytes put back in front of it.
type pushback struct {
	pending []byte
	r       io.Reader
	n       int64 // bytes read from r
}

func (p *pushback) Read(b []byte) (int, error) {
	if len(p.pending) > 0 {
		n := copy(b, p.pending)
		p.pending = p.pending[n:]
		return n, nil
	}
	n, err := p.r.Read(b)
	p.n += int64(n)
	return n, err
}

// endsRecord reports whether b, the bytes after a block, show the record's
// end: CRLF CRLF (or fewer line breaks, leniently) then the next record or
// the end of the input (eof: b is all there is).
func endsRecord(b []byte, eof bool) bool {
	if bytes.HasPrefix(b, recordBoundary[:4]) {
		return true
	}
	rest := b[trailerLen(b):]
	return bytes.HasPrefix(rest, []byte("WARC/")) || (eof && len(rest) == 0)
}

// trailerLen is the number of line-break bytes (at most 4) that start b.
func trailerLen(b []byte) int {
	n := 0
	for n < len(b) && n < 4 && (b[n] == '\r' || b[n] == '\n') {
		n++
	}
	return n
}

// skip drops up to n bytes, stopping after the CRLF CRLF of a record
// boundary that starts within them. It returns how many bytes it dropped
// before the boundary (or in all) and whether it found one; at the end of
// the input it returns fewer than n and no error.
func (w *warcReader) skip(n int64) (int64, bool, error) {
	var dropped int64
	for dropped < n {
		chunk := int(min(n-dropped, warcBuffer))
		buf, err := w.r.Peek(chunk + len(recordBoundary) - 1)
		if err != nil && err != io.EOF {
			return dropped, false, err
		}
		if i := bytes.Index(buf, recordBoundary); i >= 0 && i < chunk {
			w.r.Discard(i + 4)
			return dropped + int64(i), true, nil
		}
		step := min(len(buf), chunk)
		if step == 0 {
			break
		}
		w.r.Discard(step)
		dropped += int64(step)
	}
	return dropped, false, nil
}

// resync moves to the next record boundary (or the end of the input) and
// returns a framing error for the broken record, or the stream's error.
func (w *warcReader) resync(rec *warcRecord, msg string) error {
	_, found, err := w.skip(1 << 62)
	if err != nil {
		return err
	}
	if !found {
		msg += "; no further record in the input"
	}
	return &framingError{rec, msg}
}

// line reads one line, newline included, up to the buffer's size; a longer
// line is returned in pieces.
func (w *warcReader) line() ([]byte, error) {
	line, err := w.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		err = nil
	}
	return line, err
}
