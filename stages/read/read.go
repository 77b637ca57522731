// Package read is newsmill's input: a pipeline.Source that turns files,
// directories and standard input into documents.
//
// Each path given to New is one of:
//
//   - a .txt file: one document whose Text is the file's content;
//   - a .html or .htm file: one document whose HTML is the file's content
//     (the extract stage turns it into Text);
//   - a .jsonl or .ndjson file: one document per line (see below);
//   - any of these with a further .gz suffix, read through gzip;
//   - a directory: every file below it with one of those extensions, in
//     lexical order of their paths, skipping files and directories whose
//     names start with a dot;
//   - "-": JSON Lines on standard input.
//
// A JSON Lines record is an object with a "text" or an "html" string (at
// least one of them non-empty) and optionally "id" (string or number),
// "url", "title", "site", "published" (RFC 3339, or a bare YYYY-MM-DD date)
// and "authors" (a list of strings, or one string). Unknown fields are
// ignored and blank lines are skipped.
//
// Input that cannot be used never stops a run: a malformed line, an
// unreadable or truncated file or an over-long record becomes a document
// whose Err is a *pipeline.StageError with Stage "read" and a message naming
// the file and line, and reading goes on with the next line or file.
//
// Every document gets an ID: the record's "id" when it has one, otherwise
// the first 16 hex digits of the SHA-256 of its Source, which is "path:line"
// for a JSON Lines record and the cleaned path for a whole file ("stdin"
// stands for "-"). IDs therefore stay the same from run to run over the same
// input.
package read

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/gzip"

	"github.com/newsmill/newsmill/pipeline"
)

// Stage is the stage name in the StageError of documents that could not be
// read.
const Stage = "read"

// DefaultMaxRecordBytes is the default limit on the size of one JSON Lines
// record and of one whole .txt or .html file (after decompression).
const DefaultMaxRecordBytes = 64 << 20

// StdinName is the name standard input gets in Doc.Source and in derived IDs.
const StdinName = "stdin"

// Option configures a Source.
type Option func(*Source)

// WithStdin makes "-" read r instead of os.Stdin.
func WithStdin(r io.Reader) Option {
	return func(s *Source) { s.stdin = r }
}

// WithMaxRecordBytes limits one JSON Lines record, and one whole .txt or
// .html file, to n bytes; larger ones become error documents. n < 1 means
// DefaultMaxRecordBytes. A reader holds at most about n bytes of input in
// memory at once.
func WithMaxRecordBytes(n int) Option {
	return func(s *Source) {
		if n < 1 {
			n = DefaultMaxRecordBytes
		}
		s.maxRecord = n
	}
}

// Source reads documents from a list of paths; it implements
// pipeline.Source. A Source holds no open files between calls to Read, but
// Read is not safe for concurrent use, and reading "-" a second time finds
// standard input already consumed.
type Source struct {
	paths     []string
	stdin     io.Reader
	maxRecord int
}

// New returns a Source over paths, read in the order given. Building it
// touches no file: missing or unreadable paths are reported as error
// documents by Read.
func New(paths []string, opts ...Option) *Source {
	s := &Source{paths: paths, stdin: os.Stdin, maxRecord: DefaultMaxRecordBytes}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Read emits the documents of every path in order. It returns nil at the end
// of the input, the error of emit as soon as emit fails, or ctx.Err() when
// ctx is done before the end; it checks ctx before every document. Failed
// records are emitted as documents with Err set, not returned.
func (s *Source) Read(ctx context.Context, emit func(*pipeline.Doc) error) error {
	for _, p := range s.paths {
		if err := s.readPath(ctx, p, emit); err != nil {
			return err
		}
	}
	return nil
}

// readPath reads one argument: stdin, a directory or a file.
func (s *Source) readPath(ctx context.Context, p string, emit func(*pipeline.Doc) error) error {
	if p == "-" {
		return s.readJSONL(ctx, StdinName, s.stdin, emit)
	}
	info, err := os.Stat(p)
	if err != nil {
		return send(ctx, emit, failed(cleanName(p), "", err.Error()))
	}
	if !info.IsDir() {
		k, ok := kindOf(p)
		if !ok {
			return send(ctx, emit, failed(cleanName(p), "", "unknown file type (want "+knownExtensions+")"))
		}
		return s.readFile(ctx, p, k, emit)
	}
	// WalkDir visits entries in lexical order, so the order is stable.
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if serr := send(ctx, emit, failed(cleanName(path), "", err.Error())); serr != nil {
				return serr
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		k, ok := kindOf(path)
		if !ok {
			return nil
		}
		return s.readFile(ctx, path, k, emit)
	})
}

// readFile reads one regular file of kind k.
func (s *Source) readFile(ctx context.Context, path string, k kind, emit func(*pipeline.Doc) error) error {
	name := cleanName(path)
	f, err := os.Open(path)
	if err != nil {
		return send(ctx, emit, failed(name, "", err.Error()))
	}
	defer f.Close()
	var r io.Reader = f
	if k.gzip {
		zr, err := gzip.NewReader(bufio.NewReaderSize(f, 64<<10))
		if err != nil {
			return send(ctx, emit, failed(name, "", "gzip: "+err.Error()))
		}
		defer zr.Close()
		r = zr
	}
	if k.format == formatJSONL {
		return s.readJSONL(ctx, name, r, emit)
	}
	return send(ctx, emit, s.readWhole(name, r, k.format))
}

// readWhole reads a .txt or .html file as one document. On a read error or
// an oversized file the document fails but keeps what was read.
func (s *Source) readWhole(name string, r io.Reader, f format) *pipeline.Doc {
	data, err := io.ReadAll(io.LimitReader(r, int64(s.maxRecord)+1))
	msg := ""
	switch {
	case err != nil:
		msg = "read: " + describeReadError(err)
	case len(data) > s.maxRecord:
		data = data[:s.maxRecord]
		msg = fmt.Sprintf("file is larger than the %d-byte limit", s.maxRecord)
	}
	d := &pipeline.Doc{ID: shortID(name), Source: name}
	if f == formatHTML {
		d.HTML = data
	} else {
		d.Text = string(trimBOM(data))
	}
	if msg != "" {
		d.Err = &pipeline.StageError{Stage: Stage, Message: name + ": " + msg}
	}
	return d
}

// send emits d unless ctx is already done.
func send(ctx context.Context, emit func(*pipeline.Doc) error, d *pipeline.Doc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return emit(d)
}

// failed returns an error document for source; id is derived from source
// when empty.
func failed(source, id, msg string) *pipeline.Doc {
	if id == "" {
		id = shortID(source)
	}
	return &pipeline.Doc{
		ID:     id,
		Source: source,
		Err:    &pipeline.StageError{Stage: Stage, Message: source + ": " + msg},
	}
}

// shortID is the first 16 hex digits of the SHA-256 of source.
func shortID(source string) string {
	sum := sha256.Sum256([]byte(source))
	return hex.EncodeToString(sum[:8])
}

// cleanName is the name of path in Doc.Source and derived IDs: cleaned, with
// forward slashes, so that "./a/b.txt" and "a//b.txt" get the same ID.
func cleanName(path string) string {
	return filepath.ToSlash(filepath.Clean(path))
}

var bom = []byte("\xEF\xBB\xBF")

// trimBOM removes a leading UTF-8 byte order mark.
func trimBOM(b []byte) []byte {
	if len(b) >= len(bom) && string(b[:len(bom)]) == string(bom) {
		return b[len(bom):]
	}
	return b
}

// describeReadError explains a read error, naming truncation plainly.
func describeReadError(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of data (truncated file?)"
	}
	return err.Error()
}

// format is how a file's content becomes documents.
type format int

const (
	formatText format = iota
	formatHTML
	formatJSONL
)

// kind is a file's format and whether it is gzipped.
type kind struct {
	format format
	gzip   bool
}

const knownExtensions = ".txt, .html, .htm, .jsonl, .ndjson, each optionally followed by .gz"

// kindOf tells a file's kind from its name, ignoring case.
func kindOf(path string) (kind, bool) {
	name := strings.ToLower(filepath.Base(path))
	var k kind
	if n, ok := strings.CutSuffix(name, ".gz"); ok {
		k.gzip = true
		name = n
	}
	switch filepath.Ext(name) {
	case ".txt":
		k.format = formatText
	case ".html", ".htm":
		k.format = formatHTML
	case ".jsonl", ".ndjson":
		k.format = formatJSONL
	default:
		return kind{}, false
	}
	return k, true
}

var _ pipeline.Source = (*Source)(nil)
