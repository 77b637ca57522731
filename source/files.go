package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsmill/newsmill/pipeline"
)

// openRegular opens path for reading if it is a regular file, or a
// symbolic link that leads to one. It never opens anything else, so a named
// pipe without a writer cannot block the run; the error explains what the
// path is instead (a dangling or looping link, a pipe, a socket, a device,
// a directory).
func openRegular(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		if target, lerr := os.Readlink(path); lerr == nil {
			return nil, fmt.Errorf("symbolic link to %q cannot be followed: %w", target, unwrapPath(err))
		}
		return nil, err
	}
	if err := regular(info); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	// The path may have been replaced between Stat and Open.
	if info, err = f.Stat(); err == nil {
		err = regular(info)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// regular returns an error naming the kind of file info describes unless it
// is a regular file.
func regular(info fs.FileInfo) error {
	m := info.Mode()
	kind := ""
	switch {
	case m.IsRegular():
		return nil
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		kind = "a device"
	case m.IsDir():
		kind = "a directory"
	default:
		kind = "not a regular file"
	}
	return fmt.Errorf("%s; only regular files are read (use - for standard input)", kind)
}

// unwrapPath drops the operation and path of a *fs.PathError, which the
// error document names already.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// sameFile reports whether path is the file or directory out, or lies
// below the directory out (both compared by their canonical paths, and by
// identity for out itself).
func sameFile(path, out string) bool {
	p, o := Canonical(path), Canonical(out)
	if p == o {
		return true
	}
	if rel, err := filepath.Rel(o, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		if info, err := os.Stat(o); err == nil && info.IsDir() {
			return true
		}
	}
	a, aerr := os.Stat(path)
	b, berr := os.Stat(out)
	return aerr == nil && berr == nil && os.SameFile(a, b)
}

// ctxReader reads r on its own goroutine so that a Read blocked on a
// stalled stream (standard input from a producer that hangs) returns
// ctx.Err() as soon as ctx is done, instead of holding up the run. The
// goroutine stays blocked in r.Read until r yields, or the process exits.
// It uses two 64 KiB buffers in turn. It is not safe for concurrent use.
type ctxReader struct {
	ctx  context.Context
	data chan chunk
	free chan []byte
	cur  chunk
	off  int
}

// chunk is one Read of the underlying reader.
type chunk struct {
	b   []byte
	err error
}

func newCtxReader(ctx context.Context, r io.Reader) *ctxReader {
	c := &ctxReader{ctx: ctx, data: make(chan chunk), free: make(chan []byte, 2)}
	c.free <- make([]byte, 64<<10)
	c.free <- make([]byte, 64<<10)
	go func() {
		for {
			var buf []byte
			select {
			case buf = <-c.free:
			case <-ctx.Done():
				return
			}
			n, err := r.Read(buf)
			select {
			case c.data <- chunk{buf[:n], err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return c
}

// Read returns bytes of the underlying reader, or ctx.Err() once ctx is
// done while waiting for them.
func (c *ctxReader) Read(p []byte) (int, error) {
	for c.off == len(c.cur.b) {
		if c.cur.err != nil {
			return 0, c.cur.err
		}
		if c.cur.b != nil {
			c.free <- c.cur.b[:cap(c.cur.b)]
		}
		select {
		case c.cur = <-c.data:
			c.off = 0
		case <-c.ctx.Done():
			c.cur = chunk{b: nil, err: c.ctx.Err()}
			c.off = 0
		}
	}
	n := copy(p, c.cur.b[c.off:])
	c.off += n
	return n, nil
}

// capID replaces an ID longer than MaxIDBytes, which every child row would
// repeat, by "sha256:" and the first 32 hex digits of its SHA-256, stable
// from run to run, with a warning that shows how it began.
func capID(d *pipeline.Doc) {
	if len(d.ID) <= MaxIDBytes {
		return
	}
	sum := sha256.Sum256([]byte(d.ID))
	d.Warn("the id is %d bytes, over the %d-byte limit; doc_id is its SHA-256 (it began %s)", len(d.ID), MaxIDBytes, abbreviate([]byte(d.ID)))
	d.ID = "sha256:" + hex.EncodeToString(sum[:16])
}
