// Package source is newsmill's input: a pipeline.Source that turns files,
// directories, glob patterns and standard input into documents.
//
// Each path given to New is one of:
//
//   - a .txt file: one document whose Text is the file's content;
//   - a .html or .htm file: one document whose HTML is the file's content
//     (the extract stage turns it into Text);
//   - a .jsonl or .ndjson file: one document per line (see below);
//   - a .warc file: one document per WARC response record with HTTP status
//     200 and an HTML content type (see below);
//   - any of these with a further .gz, .zst or .zstd suffix. Compression is
//     recognised by the file's first bytes, not its name, so a mislabelled
//     file is still read;
//   - a directory: every file below it with one of those extensions, in
//     lexical order of their paths, skipping files and directories whose
//     names start with a dot;
//   - a glob pattern such as "crawl/*.warc.gz" (see Expand);
//   - "-": JSON Lines on standard input (gzip or zstd compressed or not).
//
// A JSON Lines record is an object with a "text" or an "html" string (at
// least one of them non-empty) and optionally "id" (string or number),
// "url", "title", "site", "published" and "authors". "published" is RFC
// 3339, "YYYY-MM-DD hh:mm:ss" (with or without T, fractional seconds or an
// offset), RFC 1123, a bare YYYY-MM-DD date, or a number of seconds since
// 1970; the offset it gives is kept (Doc.PublishedOffset), with its
// precision and PublishedSource "input". "authors" is a list of names or
// of objects with a "name" (schema.org's Person), or one of either. A
// field that cannot be used (a date that does not parse, a title that is
// not a string) is left out with a Doc.Warnings entry: the article is
// kept. Fields with other names (matched case-sensitively) are carried
// through, as given, in Doc.Meta. Blank lines are skipped.
//
// A WARC file (plain, or gzipped record by record as Common Crawl's CC-NEWS
// is) is split into records by their Content-Length, checked against the
// CRLF CRLF that ends each; a record whose framing is broken (no, several
// or a wrong Content-Length) is one error document, and reading resumes at
// the next record found in the stream. So is a gzip member that cannot be
// decompressed (a bad header, corrupt data, a wrong checksum): reading
// resumes at the next member that starts a record. It gives one document per "response" record whose HTTP status is 200 and
// whose Content-Type is text/html or application/xhtml+xml. Its ID is the
// WARC-Record-ID, its URL the WARC-Target-URI, its Source "path:N" for the
// N-th record of the file, and its HTML the HTTP payload, de-chunked,
// decompressed when the server sent it gzipped, and decoded to UTF-8 when
// the HTTP Content-Type names another charset (pages without one keep their
// bytes, and the extract stage decodes them by their <meta charset>).
// Every other record (requests, metadata, warcinfo, revisits, redirects,
// images) is skipped and counted in InputCounts.Skipped. The WARC-Date is
// put in Doc.Fetched, not Doc.Published, where it would hide the page's own
// date from the extract stage; the sinks write it as published, with
// published_source "warc", when no stage found a better date.
//
// Every document carries its input in Doc.Input (see Canonical).
//
// Only regular files (or links to them) are opened: a named pipe, socket,
// device, or a dangling or looping link is an error document, so that
// nothing blocks the run or fails it. Standard input is read so that a
// cancelled context ends Read even while the producer has stalled. The
// run's own output (WithOutput) is never read.
//
// Input that cannot be used never stops a run: a malformed line, an
// unreadable, truncated or oversized file or record becomes a document
// whose Err is a *pipeline.StageError with Stage "read" and a message naming
// the file and line or record, and reading goes on with the next line or
// file. Two limits bound the work and memory one input can cost: the size
// of one record (WithMaxRecordBytes) and the size of one input after
// decompression (WithMaxInputBytes, which stops a gzip bomb).
//
// Every document gets an ID: the record's "id" (or WARC-Record-ID) when it
// has one, otherwise the first 16 hex digits of the SHA-256 of its Source,
// which is "path:line" for a JSON Lines record and the cleaned path for a
// whole file ("stdin" stands for "-"). IDs therefore stay the same from run
// to run over the same input.
package source

import (
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
	"sync/atomic"
	"time"

	"github.com/newsmill/newsmill/pipeline"
)

// Stage is the stage name in the StageError of documents that could not be
// read.
const Stage = "read"

// Default limits.
const (
	// DefaultMaxRecordBytes is the default limit on one JSON Lines record,
	// one WARC payload and one whole .txt or .html file (after
	// decompression). No news article comes near it; a page that does is
	// better reported than annotated for minutes.
	DefaultMaxRecordBytes = 16 << 20
	// MaxIDBytes is the longest ID a document keeps: every row of every
	// table repeats it. A longer one becomes "sha256:" and the first 32
	// hex digits of its SHA-256, with a warning on the document.
	MaxIDBytes = 256
	// DefaultMaxInputBytes is the default limit on one input after
	// decompression: several times a CC-NEWS WARC file, far below what a
	// gzip bomb expands to.
	DefaultMaxInputBytes = 32 << 30
)

// StdinName is the name standard input gets in Doc.Source and in derived IDs.
const StdinName = "stdin"

// InputCounts counts what was read from one input.
type InputCounts struct {
	// Records is the number of documents the input yielded, error
	// documents included: each becomes a documents row or an errors row.
	// Documents dropped by WithResume are counted.
	Records int64
	// Skipped counts WARC records that are not articles (not a 200 HTML
	// response); they yield no document.
	Skipped int64
}

// Option configures a Source.
type Option func(*Source)

// WithStdin makes "-" read r instead of os.Stdin.
func WithStdin(r io.Reader) Option {
	return func(s *Source) { s.stdin = r }
}

// WithMaxRecordBytes limits one JSON Lines record, one WARC payload, and
// one whole .txt or .html file, to n bytes; larger ones become error
// documents. n < 1 means DefaultMaxRecordBytes. A reader holds about n
// bytes of input in memory at most (a WARC reader n + 64 KiB, for HTTP
// headers); the rest of a larger record is read and dropped, never written
// to disk.
func WithMaxRecordBytes(n int) Option {
	return func(s *Source) {
		if n < 1 {
			n = DefaultMaxRecordBytes
		}
		s.maxRecord = n
	}
}

// WithMaxInputBytes stops reading an input after n bytes of decompressed
// data, with an error document for the rest. n < 1 means
// DefaultMaxInputBytes.
func WithMaxInputBytes(n int64) Option {
	return func(s *Source) {
		if n < 1 {
			n = DefaultMaxInputBytes
		}
		s.maxInput = n
	}
}

// OnInputDone calls f when an input has been read to its end (or to an
// error that ends it, reported by an error document), with the input's
// canonical name (see Canonical; the same as Doc.Input of its documents)
// and what it held. f is not called for an input whose reading was
// interrupted by emit or ctx. It runs on the goroutine calling Read, after
// the input's last document was emitted (which may still be in a stage).
func OnInputDone(f func(input string, c InputCounts)) Option {
	return func(s *Source) { s.onDone = f }
}

// WithResume drops, for each input named in done (by Canonical), the first
// done[name] documents it yields: they were written by an earlier,
// interrupted run. They are still read and counted, so that a resumed
// input ends with the same counts as one read in a single run.
func WithResume(done map[string]int64) Option {
	return func(s *Source) { s.resume = done }
}

// WithOutput names the run's output, a file or a directory, so that it is
// never read as an input: a path that is out, or lies below it, becomes an
// error document instead (a JSON Lines output written into an input
// directory would otherwise be read back by the next run).
func WithOutput(out string) Option {
	return func(s *Source) { s.out = out }
}

// Source reads documents from a list of paths; it implements
// pipeline.Source. A Source holds no open files between calls to Read, but
// Read is not safe for concurrent use, and reading "-" a second time finds
// standard input already consumed. BytesRead is safe for concurrent use.
type Source struct {
	paths     []string
	stdin     io.Reader
	maxRecord int
	maxInput  int64
	onDone    func(string, InputCounts)
	resume    map[string]int64
	out       string
	bytesRead atomic.Int64
}

// New returns a Source over paths, read in the order given. Building it
// touches no file: missing or unreadable paths are reported as error
// documents by Read.
func New(paths []string, opts ...Option) *Source {
	s := &Source{paths: paths, stdin: os.Stdin, maxRecord: DefaultMaxRecordBytes, maxInput: DefaultMaxInputBytes}
	for _, o := range opts {
		o(s)
	}
	return s
}

// BytesRead returns the number of bytes read so far from the input files
// as stored (compressed when they are), for progress reports.
func (s *Source) BytesRead() int64 { return s.bytesRead.Load() }

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

// readPath reads one argument: stdin, a directory, a glob pattern or a file.
func (s *Source) readPath(ctx context.Context, p string, emit func(*pipeline.Doc) error) error {
	if p == "-" {
		in := s.newInput("-", emit)
		// A stalled producer must not keep a stopped run waiting.
		rctx, cancel := context.WithCancel(ctx)
		defer cancel()
		return in.finish(s.readStream(ctx, in, newCtxReader(rctx, s.stdin), formatJSONL))
	}
	info, err := os.Stat(p)
	if err != nil && hasMeta(p) {
		matches, gerr := filepath.Glob(p)
		if gerr == nil && len(matches) > 0 {
			for _, m := range matches {
				if err := s.readPath(ctx, m, emit); err != nil {
					return err
				}
			}
			return nil
		}
	}
	if err != nil {
		in := s.newInput(p, emit)
		return in.finish(in.send(ctx, failed(in.name, "", err.Error()), time.Time{}))
	}
	if !info.IsDir() {
		return s.readFile(ctx, p, emit)
	}
	// WalkDir visits entries in lexical order, so the order is stable.
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			in := s.newInput(path, emit)
			if serr := in.finish(in.send(ctx, failed(in.name, "", err.Error()), time.Time{})); serr != nil {
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
		if _, ok := formatOf(path); !ok {
			return nil
		}
		return s.readFile(ctx, path, emit)
	})
}

// readFile reads one regular file.
func (s *Source) readFile(ctx context.Context, path string, emit func(*pipeline.Doc) error) error {
	in := s.newInput(path, emit)
	f, ok := formatOf(path)
	if !ok {
		return in.finish(in.send(ctx, failed(in.name, "", "unknown file type (want "+knownExtensions+")"), time.Time{}))
	}
	if s.out != "" && sameFile(path, s.out) {
		return in.finish(in.send(ctx, failed(in.name, "", "is the run's own output; not read"), time.Time{}))
	}
	file, err := openRegular(path)
	if err != nil {
		return in.finish(in.send(ctx, failed(in.name, "", err.Error()), time.Time{}))
	}
	defer file.Close()
	return in.finish(s.readStream(ctx, in, file, f))
}

// readStream decompresses r as needed and reads it as format f.
func (s *Source) readStream(ctx context.Context, in *input, r io.Reader, f format) error {
	warcGz := f == formatWARC && strings.HasSuffix(strings.ToLower(in.name), ".gz")
	st, err := openStream(r, &s.bytesRead, s.maxInput, warcGz)
	if err != nil {
		return in.send(ctx, failed(in.name, "", err.Error()), time.Time{})
	}
	defer st.Close()
	switch f {
	case formatJSONL:
		return s.readJSONL(ctx, in, st)
	case formatWARC:
		return s.readWARC(ctx, in, st)
	}
	return in.send(ctx, s.readWhole(in.name, st, f), time.Time{})
}

// readWhole reads a .txt or .html file as one document, which fails on a
// read error and for an oversized or empty file.
func (s *Source) readWhole(name string, st *stream, f format) *pipeline.Doc {
	data, err := io.ReadAll(io.LimitReader(st, int64(s.maxRecord)+1))
	switch {
	case err != nil:
		return failed(name, "", "read: "+st.describe(err))
	case len(data) > s.maxRecord:
		return failed(name, "", fmt.Sprintf("file is larger than the %d-byte limit", s.maxRecord))
	case len(trimBOM(data)) == 0:
		return failed(name, "", "empty file")
	}
	d := &pipeline.Doc{ID: shortID(name), Source: name}
	if f == formatHTML {
		d.HTML = data
	} else {
		d.Text = string(trimBOM(data))
	}
	return d
}

// input is the state of one input being read: its names, its counts, and
// how many leading documents a resumed run drops.
type input struct {
	name   string // Name(path), for Source and derived IDs
	canon  string // Canonical(path), for Doc.Input
	emit   func(*pipeline.Doc) error
	onDone func(string, InputCounts)
	drop   int64
	counts InputCounts
}

func (s *Source) newInput(path string, emit func(*pipeline.Doc) error) *input {
	canon := Canonical(path)
	return &input{name: Name(path), canon: canon, emit: emit, onDone: s.onDone, drop: s.resume[canon]}
}

// send counts d and emits it with its provenance (the input, and the fetch
// time of a WARC record), unless ctx is done or a resumed run drops it.
func (in *input) send(ctx context.Context, d *pipeline.Doc, fetched time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	in.counts.Records++
	if in.counts.Records <= in.drop {
		return nil
	}
	d.Input, d.Fetched = in.canon, fetched
	capID(d)
	return in.emit(d)
}

// finish reports the input as done unless err says reading was cut short,
// and returns err.
func (in *input) finish(err error) error {
	if err == nil && in.onDone != nil {
		in.onDone(in.canon, in.counts)
	}
	return err
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
		Err:    &pipeline.StageError{Stage: Stage, Err: errors.New(source + ": " + msg)},
	}
}

// shortID is the first 16 hex digits of the SHA-256 of source.
func shortID(source string) string {
	sum := sha256.Sum256([]byte(source))
	return hex.EncodeToString(sum[:8])
}

// Name is the name of an input path in Doc.Source and derived IDs:
// StdinName for "-", otherwise the path cleaned, with forward slashes, so
// that "./a/b.txt" and "a//b.txt" get the same name. It is a pure function,
// safe for concurrent use.
func Name(path string) string {
	if path == "-" {
		return StdinName
	}
	return filepath.ToSlash(filepath.Clean(path))
}

// Canonical is the name of an input in Doc.Input, OnInputDone and
// WithResume: "-" for standard input, otherwise the cleaned absolute path,
// so that "a/b.txt" and "/work/a/b.txt" name one input. It consults the
// working directory for a relative path and is safe for concurrent use.
func Canonical(path string) string {
	if path == "-" {
		return path
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

var bom = []byte("\xEF\xBB\xBF")

// trimBOM removes a leading UTF-8 byte order mark.
func trimBOM(b []byte) []byte {
	if len(b) >= len(bom) && string(b[:len(bom)]) == string(bom) {
		return b[len(bom):]
	}
	return b
}

// format is how a file's content becomes documents.
type format int

const (
	formatText format = iota
	formatHTML
	formatJSONL
	formatWARC
)

const knownExtensions = ".txt, .html, .htm, .jsonl, .ndjson, .warc, each optionally followed by .gz, .zst or .zstd"

// formatOf tells a file's format from its name, ignoring case and a
// compression suffix.
func formatOf(path string) (format, bool) {
	name := strings.ToLower(filepath.Base(path))
	for _, ext := range []string{".gz", ".zst", ".zstd"} {
		if n, ok := strings.CutSuffix(name, ext); ok {
			name = n
			break
		}
	}
	switch filepath.Ext(name) {
	case ".txt":
		return formatText, true
	case ".html", ".htm":
		return formatHTML, true
	case ".jsonl", ".ndjson":
		return formatJSONL, true
	case ".warc":
		return formatWARC, true
	}
	return 0, false
}

// hasMeta reports whether path holds a glob metacharacter.
func hasMeta(path string) bool { return strings.ContainsAny(path, "*?[") }

// Expand turns command-line arguments into the list of inputs a Source
// reads, in the order it reads them: "-" stays as is, a directory becomes
// the files below it that Read would read (lexical order, known extensions,
// no hidden entries), a glob pattern that names no existing file becomes its
// sorted matches (each expanded the same way), and any other path stays as
// is, existing or not (Read reports a missing one as an error document). It
// fails only for a malformed pattern and a pattern that matches nothing. It
// costs a directory walk per directory and is safe for concurrent use.
func Expand(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" {
			out = append(out, a)
			continue
		}
		info, err := os.Stat(a)
		if err != nil && hasMeta(a) {
			matches, gerr := filepath.Glob(a)
			if gerr != nil {
				return nil, fmt.Errorf("pattern %q: %w", a, gerr)
			}
			if len(matches) == 0 {
				return nil, fmt.Errorf("pattern %q matches no file", a)
			}
			sub, err := Expand(matches)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
			continue
		}
		if err != nil || !info.IsDir() {
			out = append(out, a)
			continue
		}
		err = filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				// Read reports it as an error document.
				out = append(out, path)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if path != a && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if _, ok := formatOf(path); ok && !d.IsDir() {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// errInputTooLarge ends an input over the WithMaxInputBytes limit.
var errInputTooLarge = errors.New("input too large")

var _ pipeline.Source = (*Source)(nil)
