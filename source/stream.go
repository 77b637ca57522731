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
}

// openStream recognises gzip and zstd by their magic bytes and returns r
// decompressed. Bytes taken from r are added to counter. It fails only when
// a compressed stream's header cannot be read.
func openStream(r io.Reader, counter *atomic.Int64, max int64) (*stream, error) {
	br := bufio.NewReaderSize(&countingReader{r: r, n: counter}, 64<<10)
	st := &stream{r: br, limit: max, max: max, closeFn: func() {}}
	magic, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(magic, gzipMagic):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %s", describeReadError(err))
		}
		st.r, st.closeFn = zr, func() { zr.Close() }
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

// countingReader adds the bytes it reads to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
