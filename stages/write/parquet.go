// Package write holds newsmill's sinks: a Parquet dataset writer and a JSON
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
// The Parquet schema, by table (integers are INT64, strings UTF-8):
//
//	documents: doc_id, source, url, title, site,
//	           published (TIMESTAMP(MILLIS, UTC), null when unknown),
//	           authors (LIST<STRING>), text
//	sentences: doc_id, sentence, start, end, text
//	entities:  doc_id, entity, text, label, start, end, sentence, canonical
//	quotes:    doc_id, quote, text, start, end, kind,
//	           speaker, speaker_start, speaker_end (null without a speaker),
//	           speaker_name, speaker_type (null when empty),
//	           cue (the reporting verb, null without one), sentence,
//	           confidence (DOUBLE)
//	errors:    source, doc_id, stage, message
//
// sentence, entity and quote are the row's index within its document; the
// sentence column of entities and quotes is an index into the sentences of
// the same document.
package write

import (
	"context"
	"errors"

	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/newsmill/newsmill/pipeline"
)

// Tables lists the tables of a Parquet dataset in the order they are
// described in the package documentation.
var Tables = []string{"documents", "sentences", "entities", "quotes", "errors"}

// PartName is the file each table is written to, as dir/<table>/PartName.
// While the run lasts the file is called "." + PartName + ".tmp"; Close
// renames it, so a directory never shows a partial PartName.
const PartName = "part-00000.parquet"

// Defaults for the Parquet writer options.
const (
	DefaultMaxRowsPerRowGroup  = 50_000
	DefaultMaxBytesPerRowGroup = 64 << 20
)

// ParquetOption configures NewParquet.
type ParquetOption func(*parquetConfig)

type parquetConfig struct {
	maxRows  int
	maxBytes int
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

// Parquet writes a Parquet dataset: one zstd-compressed file per table
// under dir/<table>/PartName. Rows are written out a row group at a time, so
// memory stays bounded by the row group limits whatever the length of the
// run; a document's rows are kept in one row group unless they alone exceed
// the limits.
//
// Files are written under temporary names and renamed by Close, so an
// interrupted run leaves no file that looks complete but is not. A table
// with no rows still gets a valid file with its schema.
//
// Write and Close must be called from one goroutine, as pipeline.Run does.
// After a write error every later Write returns it, and Close removes the
// temporary files instead of renaming them.
type Parquet struct {
	documents *table[documentRow]
	sentences *table[sentenceRow]
	entities  *table[entityRow]
	quotes    *table[quoteRow]
	errors    *table[errorRow]

	files    []tableFile // the opened tables, for Close and abort
	rows     docRows
	docRow   [1]documentRow // reused to write one row without allocating
	errRow   [1]errorRow
	err      error // sticky write error
	closed   bool
	closeErr error // what Close returned
}

// NewParquet creates dir and its table directories and opens one temporary
// file per table. It fails when a directory or file cannot be created.
func NewParquet(dir string, opts ...ParquetOption) (*Parquet, error) {
	cfg := parquetConfig{
		maxRows:  DefaultMaxRowsPerRowGroup,
		maxBytes: DefaultMaxBytesPerRowGroup,
		codec:    &zstd.Codec{Level: zstd.DefaultLevel},
	}
	for _, o := range opts {
		o(&cfg)
	}
	p := &Parquet{}
	var err error
	p.documents = openTable[documentRow](p, dir, "documents", cfg, &err)
	p.sentences = openTable[sentenceRow](p, dir, "sentences", cfg, &err)
	p.entities = openTable[entityRow](p, dir, "entities", cfg, &err)
	p.quotes = openTable[quoteRow](p, dir, "quotes", cfg, &err)
	p.errors = openTable[errorRow](p, dir, "errors", cfg, &err)
	if err != nil {
		p.abort()
		return nil, err
	}
	return p, nil
}

// Write adds the rows of d to the tables: a failed document to errors only,
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
	if d.Err != nil {
		p.errRow[0] = errorRowOf(d)
		p.err = p.errors.write(p.errRow[:])
		return p.err
	}
	p.rows.fill(d)
	r := &p.rows
	p.docRow[0] = r.doc
	p.err = errors.Join(
		p.documents.write(p.docRow[:]),
		p.sentences.write(r.sentences),
		p.entities.write(r.entities),
		p.quotes.write(r.quotes),
	)
	return p.err
}

// Close finishes every file and renames it to its final name; after a write
// error it removes the temporary files instead and returns that error. It
// may be called more than once; later calls return the same result.
func (p *Parquet) Close() error {
	if p.closed {
		return p.closeErr
	}
	p.closed = true
	if p.err != nil {
		p.abort()
		p.closeErr = p.err
		return p.closeErr
	}
	var errs []error
	for _, t := range p.files {
		if err := t.close(); err != nil {
			errs = append(errs, err)
		}
	}
	p.closeErr = errors.Join(errs...)
	return p.closeErr
}

// tableFile is what Close and abort need of a table.
type tableFile interface {
	close() error
	abort()
}

// abort removes every temporary file.
func (p *Parquet) abort() {
	for _, t := range p.files {
		t.abort()
	}
}

var _ pipeline.Sink = (*Parquet)(nil)
