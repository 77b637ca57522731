package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// zstdMaxWindow bounds the memory a zstd stream may ask for; 128 MiB covers
// "zstd --long" archives.
const zstdMaxWindow = 128 << 20

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// stream is one input's decompressed bytes. It counts the stored bytes it
// consumes, stops after a limit of decompressed bytes, and remembers the
// first error of the layers below it, so that a format reader that wraps
// or swallows errors can still report truncation plainly. It is not safe
// for concurrent use.
type stream struct {
	r       io.Reader // decompressed bytes
	limit   int64     // decompressed bytes left before errInputTooLarge
	max     int64
	srcErr  error // first error other than io.EOF from below
	over    bool  // the limit was reached
	closeFn func()
	gz      *members // the gzip decompressor, nil for other streams
}

// openStream recognises gzip and zstd by their magic bytes and returns r
// decompressed. Bytes taken from r are added to counter. It fails only when
// a compressed stream's header cannot be read, but for a WARC file named
// .gz (warcGz): then a first member that is not one, or not gzip at all
// while the file does not start a WARC record either, is a corrupt member
// (see members), so that reading can resume at the next.
func openStream(r io.Reader, counter *atomic.Int64, max int64, warcGz bool) (*stream, error) {
	cr := &countingReader{r: r, n: counter}
	br := bufio.NewReaderSize(cr, 64<<10)
	st := &stream{r: br, limit: max, max: max, closeFn: func() {}}
	magic, _ := br.Peek(4)
	gz := bytes.HasPrefix(magic, gzipMagic)
	switch {
	case gz || warcGz && !bytes.HasPrefix(magic, zstdMagic) && !bytes.HasPrefix(magic, []byte("WARC")):
		m := &members{raw: r, cr: cr, br: br}
		err := errNotGzip
		if gz {
			err = m.zr.Reset(br)
		}
		switch {
		case err == nil:
			m.opened = true
			m.zr.Multistream(false)
		case warcGz:
			m.err = &memberError{err: err}
		default:
			return nil, fmt.Errorf("gzip: %s", describeReadError(err))
		}
		st.r, st.closeFn, st.gz = m, m.close, m
	case bytes.HasPrefix(magic, zstdMagic):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(zstdMaxWindow))
		if err != nil {
			return nil, fmt.Errorf("zstd: %s", describeReadError(err))
		}
		st.r, st.closeFn = zr, zr.Close
	}
	return st, nil
}

// Read reads decompressed bytes, returning errInputTooLarge once the limit
// is reached.
func (s *stream) Read(p []byte) (int, error) {
	if s.limit <= 0 {
		// An input of exactly the limit is fine: look for its end.
		var b [1]byte
		n, err := s.r.Read(b[:])
		if n == 0 && err != nil {
			if err != io.EOF && s.srcErr == nil {
				s.srcErr = err
			}
			return 0, err
		}
		s.over = true
		return 0, errInputTooLarge
	}
	if int64(len(p)) > s.limit {
		p = p[:s.limit]
	}
	n, err := s.r.Read(p)
	s.limit -= int64(n)
	if err != nil && err != io.EOF && s.srcErr == nil {
		s.srcErr = err
	}
	return n, err
}

// resync skips the corrupt gzip member that made Read fail (see
// members.resync) and clears the error; it returns where the next member
// starts, or false when the stream is not gzip or no member follows.
func (s *stream) resync() (int64, bool) {
	if s.gz == nil {
		return 0, false
	}
	at, ok := s.gz.resync()
	if ok {
		s.srcErr = nil
	}
	return at, ok
}

// Close releases the decompressor.
func (s *stream) Close() { s.closeFn() }

// describe explains err, an error met while reading s, by its root cause:
// the input limit, a truncated or corrupt stream, or err itself.
func (s *stream) describe(err error) string {
	switch {
	case s.over || errors.Is(err, errInputTooLarge):
		return fmt.Sprintf("input is larger than the %d-byte limit after decompression; the rest is skipped", s.max)
	case s.srcErr != nil:
		return describeReadError(s.srcErr)
	}
	return describeReadError(err)
}

// describeReadError explains a read error, naming truncation plainly.
func describeReadError(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of data (truncated file?)"
	}
	return err.Error()
}

// countingReader adds the bytes it reads to n and keeps its position in r.
type countingReader struct {
	r   io.Reader
	n   *atomic.Int64
	pos int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	c.pos += int64(n)
	return n, err
}

// memberError is a gzip member that cannot be decompressed (a bad header,
// corrupt deflate data, a wrong checksum, a cut): the error of the member
// starting at byte at of the stored stream, whose data would have started
// at byte data of the decompressed stream.
type memberError struct {
	at, data int64
	err      error
}

func (e *memberError) Error() string {
	return fmt.Sprintf("gzip member at byte %d: %s", e.at, describeReadError(e.err))
}

func (e *memberError) Unwrap() error { return e.err }

// errNotGzip is the error of a file named .gz that starts with neither a
// gzip member nor a WARC record.
var errNotGzip = errors.New("no gzip header at the start of a file named .gz")

// gzipMember is how a gzip member starts: the magic and the deflate method.
var gzipMember = []byte{0x1f, 0x8b, 8}

// members decompresses a gzip stream member by member (a .warc.gz holds one
// per record), so that a corrupt member can be skipped: after Read fails
// with a *memberError, resync moves to the next member that starts a WARC
// record. It reads the stored bytes through br, which the decompressor
// consumes byte by byte (it never reads past a member's end), so that the
// stored offset of each member is known. It is not safe for concurrent
// use.
type members struct {
	raw  io.Reader // the stored bytes; resync needs an io.Seeker
	cr   *countingReader
	br   *bufio.Reader // over cr
	zr   gzip.Reader
	at   int64        // stored offset of the current member
	data int64        // decompressed offset of the current member
	out  int64        // decompressed bytes returned by Read
	err  *memberError // sticky until resync
	head []byte       // decompressed bytes resync read, returned first
	// opened is set once zr has read a header (it has a decompressor to
	// close).
	opened bool
}

// close releases the decompressor.
func (m *members) close() {
	if m.opened {
		m.zr.Close()
	}
}

// offset is the stored offset of the next byte the decompressor reads.
func (m *members) offset() int64 { return m.cr.pos - int64(m.br.Buffered()) }

// Read returns decompressed bytes of the members in turn, io.EOF after the
// last, and the same *memberError on every call after a corrupt one, until
// resync.
func (m *members) Read(p []byte) (int, error) {
	if m.err != nil {
		return 0, m.err
	}
	if len(m.head) > 0 {
		n := copy(p, m.head)
		m.head = m.head[n:]
		m.out += int64(n)
		return n, nil
	}
	for {
		n, err := m.zr.Read(p)
		m.out += int64(n)
		if err == io.EOF { // the member ended: the next one starts here
			m.at, m.data = m.offset(), m.out
			if err = m.zr.Reset(m.br); err == io.EOF {
				return n, io.EOF
			}
			m.zr.Multistream(false)
		}
		if err != nil {
			m.err = &memberError{at: m.at, data: m.data, err: err}
			return n, m.err
		}
		if n > 0 || len(p) == 0 {
			return n, nil
		}
	}
}

// resync moves past the corrupt member to the next one whose decompressed
// data starts a WARC record ("WARC/"): it scans the stored bytes for the
// start of a member from the corrupt member's second byte (a member whose
// damage the decompressor noticed only inside the next one is not lost
// with it). It returns the new member's offset, or false when there is
// none or the stored stream cannot seek; Read then keeps failing. Each
// candidate costs a header and five bytes of decompression.
func (m *members) resync() (int64, bool) {
	s, ok := m.raw.(io.Seeker)
	if !ok || m.err == nil {
		return 0, false
	}
	for from := m.err.at + 1; ; {
		at, found := m.scan(s, from)
		if !found {
			return 0, false
		}
		if m.startsRecord(s, at) {
			m.at, m.data, m.err = at, m.out, nil
			return at, true
		}
		from = at + 1
	}
}

// seek moves the stored stream to offset at and moves the bytes counted
// for progress with it, so that they stay the stored position (a seek back
// lowers them until the bytes are read again).
func (m *members) seek(s io.Seeker, at int64) bool {
	if _, err := s.Seek(at, io.SeekStart); err != nil {
		return false
	}
	m.cr.n.Add(at - m.cr.pos)
	m.cr.pos = at
	m.br.Reset(m.cr)
	return true
}

// scan finds the first gzip member start at or after offset from.
func (m *members) scan(s io.Seeker, from int64) (int64, bool) {
	if !m.seek(s, from) {
		return 0, false
	}
	for {
		buf, err := m.br.Peek(m.br.Size())
		if i := bytes.Index(buf, gzipMember); i >= 0 {
			return m.offset() + int64(i), true
		}
		if err != nil || len(buf) < len(gzipMember) {
			return 0, false
		}
		m.br.Discard(len(buf) - len(gzipMember) + 1)
	}
}

// startsRecord reports whether a gzip member starting at offset at
// decompresses to a WARC record's first bytes, and leaves m reading it.
func (m *members) startsRecord(s io.Seeker, at int64) bool {
	if !m.seek(s, at) || m.zr.Reset(m.br) != nil {
		return false
	}
	m.opened = true
	m.zr.Multistream(false)
	head := make([]byte, len("WARC/"))
	if _, err := io.ReadFull(&m.zr, head); err != nil || string(head) != "WARC/" {
		return false
	}
	m.head = head
	return true
}
