// Package sink holds newsmill's sinks: a Parquet dataset writer and a JSON
// Lines writer, both implementing pipeline.Sink.
//
// Both write the same fields. A successful document becomes a row of the
// documents table and one row per sentence, entity and quote; a failed
// document (Doc.Err set) becomes only a row of the errors table. Every span
// is written as Unicode code point offsets into the document's text, end
// exclusive, so that in SQL
//
//	substring(d.text, s.start + 1, s."end" - s.start) = s.text
//
// for sentences and entities (for quotes, start and end cover the quotation
// marks and text holds the quoted words without them). Every string is
// valid UTF-8: each byte of the input that is not part of a valid UTF-8
// sequence is written as one U+FFFD, and offsets count it as one code point.
//
// The Parquet schema, by table (integers are INT64, strings UTF-8, times
// TIMESTAMP(MILLIS, UTC); a string or time the input does not give is null,
// never ""; lists are LIST<STRING>, empty rather than null):
//
//	documents: doc_id, source, url, title, site, domain (host of the
//	           canonical URL), published (the fetch time, with
//	           published_source warc, for a page without a date of its
//	           own), published_offset ("+02:00" as
//	           given), published_precision (day, second), published_source
//	           (page, input, warc), modified, fetched (WARC-Date), authors,
//	           language, description, section, tags, image, meta (JSON text of
//	           unread JSON Lines fields), warnings, extract_retries,
//	           word_count, text_hash (hex SHA-256 of text), text
//	sentences: doc_id, sentence, start, end, text
//	entities:  doc_id, entity, text, label, start, end, sentence, canonical
//	quotes:    doc_id, quote, text, start, end, kind,
//	           speaker, speaker_start, speaker_end (null without a speaker),
//	           speaker_name, speaker_type, speaker_gender (null when empty),
//	           speaker_entity (index of the speaker's mention in entities,
//	           null when none), cue, cue_start, cue_end (the reporting verb,
//	           null without one), sentence, paragraph, confidence (DOUBLE)
//	errors:    source, doc_id, stage, message
//
// sentence, entity and quote are the row's index within its document; the
// sentence column of entities and quotes is an index into the sentences of
// the same document.
package sink

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/newsmill/newsmill/pipeline"
)

// Tables lists the tables of a Parquet dataset in the order they are
// described in the package documentation.
var Tables = []string{"documents", "sentences", "entities", "quotes", "errors"}

// SchemaVersion numbers the layout of the tables described above. It
// changes whenever a column is added, removed, renamed or changes type, so
// that runs written with different layouts are not mixed by a resume.
const SchemaVersion = 2

// DefaultPartPrefix starts the names of part files: part-00000.parquet,
// part-00001.parquet, …
const DefaultPartPrefix = "part"

// PartName is the file the first part of each table is written to with the
// default prefix, as dir/<table>/PartName.
const PartName = "part-00000.parquet"

// PartBase returns the name of part n without extension, such as
// "part-00003" for prefix "part". Like PartFile, it is a pure function.
func PartBase(prefix string, n int) string { return fmt.Sprintf("%s-%05d", prefix, n) }

// PartFile returns the file name of part n of each table, such as
// "part-00003.parquet"; while it is written the file is called
// "." + PartFile(prefix, n) + ".tmp".
func PartFile(prefix string, n int) string { return PartBase(prefix, n) + ".parquet" }

// Defaults for the Parquet writer options.
const (
	DefaultMaxRowsPerRowGroup  = 50_000
	DefaultMaxBytesPerRowGroup = 64 << 20
	DefaultMaxDocsPerPart      = 100_000
	DefaultMaxBytesPerPart     = 1 << 30
)

// Part describes a part once all its files are complete.
type Part struct {
	Index  int    // its number, from FirstPart on
	Name   string // PartBase(prefix, Index)
	Docs   int64  // documents written to it (rows of documents)
	Errors int64  // failed documents written to it (rows of errors)
	// Inputs counts the documents and failed documents of the part by
	// their Doc.Input; they add up to Docs and Errors.
	Inputs map[string]Counts
}

// Counts is what a part holds of one input.
type Counts struct {
	Docs   int64 // rows of documents
	Errors int64 // rows of errors
}

// count adds d to the counts of its input.
func count(inputs map[string]Counts, d *pipeline.Doc) {
	c := inputs[d.Input]
	if d.Err != nil {
		c.Errors++
	} else {
		c.Docs++
	}
	inputs[d.Input] = c
}

// ParquetOption configures NewParquet.
type ParquetOption func(*parquetConfig)

type parquetConfig struct {
	maxRows      int
	maxBytes     int
	maxPartDocs  int64
	maxPartBytes int64
	prefix       string
	first        int
	onPart       func(Part) error
	ext          extensions // stage-defined columns and tables
	// codec is shared by the tables of a sink: each zstd encoder keeps a
	// history window of several MiB, so one per table would multiply it.
	codec *zstd.Codec
}

// MaxRowsPerRowGroup caps the rows of one row group (default
// DefaultMaxRowsPerRowGroup; n < 1 means the default).
func MaxRowsPerRowGroup(n int) ParquetOption {
	return func(c *parquetConfig) {
		if n > 0 {
			c.maxRows = n
		}
	}
}

// MaxBytesPerRowGroup starts a new row group once the strings of the
// current one add up to about n bytes (default DefaultMaxBytesPerRowGroup;
// n < 1 means the default). Together with MaxRowsPerRowGroup it bounds the
// memory a table holds before it is written out.
func MaxBytesPerRowGroup(n int) ParquetOption {
	return func(c *parquetConfig) {
		if n > 0 {
			c.maxBytes = n
		}
	}
}

// MaxDocsPerPart starts a new part once the current one holds n documents,
// failed ones included (default DefaultMaxDocsPerPart; n < 1 means the
// default).
func MaxDocsPerPart(n int64) ParquetOption {
	return func(c *parquetConfig) {
		if n > 0 {
			c.maxPartDocs = n
		}
	}
}

// MaxBytesPerPart starts a new part once the rows of the current one add up
// to about n bytes before compression (default DefaultMaxBytesPerPart; n < 1
// means the default).
func MaxBytesPerPart(n int64) ParquetOption {
	return func(c *parquetConfig) {
		if n > 0 {
			c.maxPartBytes = n
		}
	}
}

// PartPrefix names part files prefix-00000.parquet, … (default
// DefaultPartPrefix), so that several writers, such as the shards of a
// job, can share a directory.
func PartPrefix(prefix string) ParquetOption {
	return func(c *parquetConfig) {
		if prefix != "" {
			c.prefix = prefix
		}
	}
}

// FirstPart numbers the first part n instead of 0, for a run that adds to
// the parts of an earlier one.
func FirstPart(n int) ParquetOption {
	return func(c *parquetConfig) { c.first = max(n, 0) }
}

// OnPart calls f after each part's files are all complete and renamed,
// from the goroutine calling Write or Close. The documents written before
// that call are then safely stored; a resumable run records this. An error
// from f fails the Write or Close.
func OnPart(f func(Part) error) ParquetOption {
	return func(c *parquetConfig) { c.onPart = f }
}

// Parquet writes a Parquet dataset: zstd-compressed files per table under
// dir/<table>/, in parts that roll over at a number of documents or bytes
// (MaxDocsPerPart, MaxBytesPerPart). Part n of every table is named
// PartFile(prefix, n), and every part has a file in every table, so the
// parts of all tables hold the same documents. Rows are written out a row
// group at a time, so memory stays bounded by the row group limits whatever
// the length of the run; a document's rows are kept in one part, and in one
// row group unless they alone exceed the limits.
//
// Files are written under temporary names and renamed when their part is
// complete, so an interrupted run leaves no file that looks complete but is
// not. A dataset with no rows still gets a valid file per table with its
// schema.
//
// Write and Close must be called from one goroutine, as pipeline.Run does.
// After a write error every later Write returns it, and Close removes the
// temporary files of the current part instead of renaming them; parts
// completed before stay.
type Parquet struct {
	dir    string
	cfg    parquetConfig
	part   *part // the part being written, nil between parts
	next   int   // number of the next part to open
	opened bool  // whether any part was opened

	rows     docRows
	docRow   [1]documentRow // reused to write one row without allocating
	errRow   [1]errorRow
	err      error // sticky write error
	closed   bool
	closeErr error // what Close returned
}

// part is the five tables of one part.
type part struct {
	index     int
	documents *table[documentRow]
	sentences *table[sentenceRow]
	entities  *table[entityRow]
	quotes    *table[quoteRow]
	errors    *table[errorRow]
	own       map[string]*table[ownRow] // stages' own tables
	files     []tableFile               // the opened tables, for close and abort

	docs, errs, bytes int64
	inputs            map[string]Counts // docs and errs by Doc.Input
}

// NewParquet creates dir and its table directories and opens the first
// part's temporary files. It fails when a directory or file cannot be
// created. Existing parts of the same names are replaced when the new ones
// are complete.
func NewParquet(dir string, opts ...ParquetOption) (*Parquet, error) {
	cfg := parquetConfig{
		maxRows:      DefaultMaxRowsPerRowGroup,
		maxBytes:     DefaultMaxBytesPerRowGroup,
		maxPartDocs:  DefaultMaxDocsPerPart,
		maxPartBytes: DefaultMaxBytesPerPart,
		prefix:       DefaultPartPrefix,
		codec:        &zstd.Codec{Level: zstd.DefaultLevel},
	}
	for _, o := range opts {
		o(&cfg)
	}
	p := &Parquet{dir: dir, cfg: cfg, next: cfg.first}
	if err := p.openPart(); err != nil {
		return nil, err
	}
	return p, nil
}

// openPart opens the temporary files of the next part.
func (p *Parquet) openPart() error {
	pt := &part{index: p.next, inputs: map[string]Counts{}}
	name := PartFile(p.cfg.prefix, p.next)
	var err error
	pt.documents = openTable[documentRow](pt, p.dir, "documents", name, p.cfg, &err)
	pt.sentences = openTable[sentenceRow](pt, p.dir, "sentences", name, p.cfg, &err)
	pt.entities = openTable[entityRow](pt, p.dir, "entities", name, p.cfg, &err)
	pt.quotes = openTable[quoteRow](pt, p.dir, "quotes", name, p.cfg, &err)
	pt.errors = openTable[errorRow](pt, p.dir, "errors", name, p.cfg, &err)
	pt.own = map[string]*table[ownRow]{}
	for _, t := range p.cfg.ext.own {
		pt.own[t] = openTable[ownRow](pt, p.dir, t, name, p.cfg, &err)
	}
	if err != nil {
		pt.abort()
		return err
	}
	p.part, p.opened = pt, true
	p.next++
	return nil
}

// closePart completes the current part and reports it to OnPart.
func (p *Parquet) closePart() error {
	pt := p.part
	p.part = nil
	var errs []error
	for _, t := range pt.files {
		if err := t.close(); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		pt.abort()
		return err
	}
	if p.cfg.onPart != nil {
		return p.cfg.onPart(Part{Index: pt.index, Name: PartBase(p.cfg.prefix, pt.index), Docs: pt.docs, Errors: pt.errs, Inputs: pt.inputs})
	}
	return nil
}

// Write adds the rows of d to the tables of the current part, first
// completing the part when it is full: a failed document to errors only,
// any other to the four others. It costs one pass over d.Text and allocates
// little beyond the row data. ctx is not consulted: a write is not
// interruptible.
func (p *Parquet) Write(_ context.Context, d *pipeline.Doc) error {
	if p.closed {
		return errors.New("write: Parquet sink is closed")
	}
	if p.err != nil {
		return p.err
	}
	if pt := p.part; pt != nil && (pt.docs+pt.errs >= p.cfg.maxPartDocs || pt.bytes >= p.cfg.maxPartBytes) {
		if p.err = p.closePart(); p.err != nil {
			return p.err
		}
	}
	if p.part == nil {
		if p.err = p.openPart(); p.err != nil {
			return p.err
		}
	}
	pt := p.part
	if d.Err != nil {
		p.errRow[0] = errorRowOf(d)
		n, err := pt.errors.write(p.errRow[:], nil)
		pt.errs++
		count(pt.inputs, d)
		pt.bytes += n
		p.err = err
		return p.err
	}
	p.rows.fill(d)
	r := &p.rows
	p.docRow[0] = r.doc
	n1, e1 := pt.documents.write(p.docRow[:], func(int) pipeline.Fields { return d.Fields })
	n2, e2 := pt.sentences.write(r.sentences, func(i int) pipeline.Fields { return d.Sentences[i].Fields })
	n3, e3 := pt.entities.write(r.entities, func(i int) pipeline.Fields { return d.Entities[i].Fields })
	n4, e4 := pt.quotes.write(r.quotes, func(i int) pipeline.Fields { return d.Quotes[i].Fields })
	errs := []error{e1, e2, e3, e4}
	pt.bytes += n1 + n2 + n3 + n4
	for _, name := range p.cfg.ext.own {
		rows := d.Rows[name]
		if len(rows) == 0 {
			continue
		}
		ids := make([]ownRow, len(rows))
		for i := range ids {
			ids[i].DocID = r.doc.DocID
		}
		n, err := pt.own[name].write(ids, func(i int) pipeline.Fields { return rows[i] })
		pt.bytes += n
		errs = append(errs, err)
	}
	pt.docs++
	count(pt.inputs, d)
	p.err = errors.Join(errs...)
	return p.err
}

// Close completes the current part and renames its files; after a write
// error it removes the current part's temporary files instead and returns
// that error. It may be called more than once; later calls return the same
// result.
func (p *Parquet) Close() error {
	if p.closed {
		return p.closeErr
	}
	p.closed = true
	switch {
	case p.err != nil:
		if p.part != nil {
			p.part.abort()
		}
		p.closeErr = p.err
	case p.part != nil:
		p.closeErr = p.closePart()
	}
	return p.closeErr
}

// tableFile is what a part needs of a table to finish it.
type tableFile interface {
	close() error
	abort()
}

// abort removes every temporary file of the part.
func (pt *part) abort() {
	for _, t := range pt.files {
		t.abort()
	}
}

var _ pipeline.Sink = (*Parquet)(nil)

// RemoveParts deletes, in every table directory of dir (stages' own
// tables included: every subdirectory), the part files named with prefix
// (complete or temporary) whose PartBase keep rejects; keep nil removes
// them all. Other files are left alone, so that shards sharing dir with
// other prefixes are not disturbed. A missing directory is not an error.
// It costs a directory listing per table; it must not run while a writer
// with the same prefix is writing to dir.
func RemoveParts(dir, prefix string, keep func(base string) bool) error {
	tables, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, tbl := range tables {
		if !tbl.IsDir() {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(dir, tbl.Name()))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		for _, e := range entries {
			base, ok := partBase(e.Name(), prefix)
			if !ok || keep != nil && keep(base) && !strings.HasPrefix(e.Name(), ".") {
				continue
			}
			if err := os.Remove(filepath.Join(dir, tbl.Name(), e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// partBase returns the PartBase of a part file or temporary part file name
// with prefix.
func partBase(name, prefix string) (string, bool) {
	if t, ok := strings.CutPrefix(name, "."); ok {
		name, ok = strings.CutSuffix(t, ".tmp")
		if !ok {
			return "", false
		}
	}
	base, ok := strings.CutSuffix(name, ".parquet")
	if !ok {
		return "", false
	}
	digits, ok := strings.CutPrefix(base, prefix+"-")
	if !ok || len(digits) < 5 || strings.Trim(digits, "0123456789") != "" {
		return "", false
	}
	return base, true
}
