package sink

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/newsmill/newsmill/pipeline"
)

// JSONL writes one JSON object per line to an io.Writer. A successful
// document is written with the columns of the documents table and nested
// "sentences", "entities" and "quotes" arrays carrying the columns of those
// tables (without doc_id); a failed document as
//
//	{"doc_id":…,"source":…,"error":{"stage":…,"message":…}}
//
// Offsets are code point offsets and strings valid UTF-8, as in the Parquet
// output; HTML characters are not escaped. Output is buffered: Close flushes
// it but does not close the underlying writer, which the caller owns.
//
// Write and Close must be called from one goroutine, as pipeline.Run does.
// After a write error every later Write and Close returns it.
type JSONL struct {
	w      *bufio.Writer
	enc    *json.Encoder
	rows   docRows
	ext    extensions
	err    error
	closed bool
}

// NewJSONL returns a JSONL sink writing to w. cols are the columns stages
// declare (pipeline.Step.Columns): they are written as fields of the
// objects they belong to, and a stage's own table as an array named after
// it.
func NewJSONL(w io.Writer, cols ...pipeline.Column) *JSONL {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONL{w: bw, enc: enc, ext: newExtensions(cols)}
}

// jsonDoc is the JSON form of a successful document.
type jsonDoc struct {
	*documentRow
	Sentences []sentenceRow `json:"sentences"`
	Entities  []entityRow   `json:"entities"`
	Quotes    []quoteRow    `json:"quotes"`
}

// jsonError is the JSON form of a failed document.
type jsonError struct {
	DocID  string `json:"doc_id"`
	Source string `json:"source"`
	Error  struct {
		Stage   string `json:"stage"`
		Message string `json:"message"`
	} `json:"error"`
}

// Write writes d as one line. It costs one pass over d.Text plus the JSON
// encoding. ctx is not consulted.
func (j *JSONL) Write(_ context.Context, d *pipeline.Doc) error {
	if j.closed {
		return errors.New("write: JSONL sink is closed")
	}
	if j.err != nil {
		return j.err
	}
	var v any
	if d.Err != nil {
		r := errorRowOf(d)
		e := jsonError{DocID: r.DocID, Source: r.Source}
		e.Error.Stage, e.Error.Message = r.Stage, r.Message
		v = &e
	} else {
		j.rows.fill(d)
		v = &jsonDoc{
			documentRow: &j.rows.doc,
			Sentences:   nonNil(j.rows.sentences),
			Entities:    nonNil(j.rows.entities),
			Quotes:      nonNil(j.rows.quotes),
		}
		if len(j.ext.byTable) > 0 {
			var err error
			if v, err = j.extended(d); err != nil {
				j.err = fmt.Errorf("write JSON Lines: %w", err)
				return j.err
			}
		}
	}
	if err := j.enc.Encode(v); err != nil {
		j.err = fmt.Errorf("write JSON Lines: %w", err)
	}
	return j.err
}

// extended builds the JSON object of d, whose rows j.rows holds, with the
// stage-defined columns and tables. It costs a JSON round trip of the
// document row on top of the plain encoding.
func (j *JSONL) extended(d *pipeline.Doc) (any, error) {
	r := &j.rows
	obj := map[string]any{}
	doc, err := widenAll(j.ext.byTable[pipeline.TableDocuments], []documentRow{r.doc}, func(int) pipeline.Fields { return d.Fields })
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(doc[0])
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &obj); err != nil {
		return nil, err
	}
	if obj["sentences"], err = widenAll(j.ext.byTable[pipeline.TableSentences], r.sentences, func(i int) pipeline.Fields { return d.Sentences[i].Fields }); err != nil {
		return nil, err
	}
	if obj["entities"], err = widenAll(j.ext.byTable[pipeline.TableEntities], r.entities, func(i int) pipeline.Fields { return d.Entities[i].Fields }); err != nil {
		return nil, err
	}
	if obj["quotes"], err = widenAll(j.ext.byTable[pipeline.TableQuotes], r.quotes, func(i int) pipeline.Fields { return d.Quotes[i].Fields }); err != nil {
		return nil, err
	}
	for _, name := range j.ext.own {
		rows := d.Rows[name]
		ids := make([]ownRow, len(rows))
		for i := range ids {
			ids[i].DocID = r.doc.DocID
		}
		if obj[name], err = widenAll(j.ext.byTable[name], ids, func(i int) pipeline.Fields { return rows[i] }); err != nil {
			return nil, err
		}
	}
	return obj, nil
}

// widenAll returns rows as a list, each widened by x when x is not nil.
func widenAll[T any](x *extension, rows []T, fields func(int) pipeline.Fields) ([]any, error) {
	out := make([]any, len(rows))
	for i, r := range rows {
		out[i] = r
		if x != nil {
			v, err := x.widenCopy(r, fields(i))
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
	}
	return out, nil
}

// Close flushes the buffered output. Later calls return the same result.
func (j *JSONL) Close() error {
	if !j.closed {
		j.closed = true
		if j.err == nil {
			if err := j.w.Flush(); err != nil {
				j.err = fmt.Errorf("write JSON Lines: %w", err)
			}
		}
	}
	return j.err
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

var _ pipeline.Sink = (*JSONL)(nil)
