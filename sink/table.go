package sink

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"

	"github.com/parquet-go/parquet-go"

	"github.com/newsmill/newsmill/pipeline"
)

// sized is implemented by the row types: approxBytes estimates the memory a
// row takes in a row group, to bound row groups by size.
type sized interface {
	approxBytes() int
}

func (r documentRow) approxBytes() int {
	n := len(r.DocID) + len(r.Source) + len(r.TextHash) + len(r.Text) + 64
	for _, s := range []*string{r.URL, r.Title, r.Site, r.Domain, r.Language, r.Description, r.Section, r.Image, r.Meta} {
		if s != nil {
			n += len(*s)
		}
	}
	for _, list := range [][]string{r.Authors, r.Tags, r.Warnings} {
		for _, a := range list {
			n += len(a)
		}
	}
	return n
}

func (r sentenceRow) approxBytes() int { return len(r.DocID) + len(r.Text) + 24 }

func (r entityRow) approxBytes() int {
	return len(r.DocID) + len(r.Text) + len(r.Label) + len(r.Canonical) + 32
}

func (r quoteRow) approxBytes() int {
	n := len(r.DocID) + len(r.Text) + len(r.Kind) + 64
	for _, s := range []*string{r.Speaker, r.SpeakerName, r.SpeakerType, r.SpeakerGender, r.Cue} {
		if s != nil {
			n += len(*s)
		}
	}
	return n
}

func (r errorRow) approxBytes() int {
	return len(r.Source) + len(r.DocID) + len(r.Stage) + len(r.Message)
}

// table writes the rows of one Parquet file under a temporary name and
// renames it when closed. It is not safe for concurrent use.
type table[T sized] struct {
	path, tmp string
	f         *os.File
	w         rowWriter
	typed     *parquet.GenericWriter[T]   // w when the table has no stage-defined columns
	dynamic   *parquet.GenericWriter[any] // w when it has them, with a schema built at run time
	ext       *extension
	one       [1]any // the widened row handed to dynamic
	cfg       parquetConfig
	rows      int // rows in the current row group
	bytes     int // approxBytes of the current row group
}

// openTable creates dir/name/ and the temporary file of dir/name/file, and
// records the table in pt.files. It does nothing when *errp is already set,
// and sets *errp when it fails, so that a sequence of calls stops at the
// first error.
func openTable[T sized](pt *part, dir, name, file string, cfg parquetConfig, errp *error) *table[T] {
	if *errp != nil {
		return nil
	}
	d := filepath.Join(dir, name)
	if err := os.MkdirAll(d, 0o755); err != nil {
		*errp = err
		return nil
	}
	t := &table[T]{path: filepath.Join(d, file), tmp: filepath.Join(d, "."+file+".tmp"), cfg: cfg}
	f, err := os.Create(t.tmp)
	if err != nil {
		*errp = err
		return nil
	}
	t.f = f
	opts := []parquet.WriterOption{
		parquet.Compression(cfg.codec),
		parquet.MaxRowsPerRowGroup(int64(cfg.maxRows)),
		// Min/max statistics of long texts would store whole articles in
		// page headers and the footer, and no query filters on them.
		parquet.SkipPageBounds("text"),
		parquet.SkipPageStatistics("text"),
	}
	if t.ext = cfg.ext.byTable[name]; t.ext != nil {
		opts = append(opts, parquet.SchemaOf(reflect.New(t.ext.typ).Interface()))
		t.dynamic = parquet.NewGenericWriter[any](f, opts...)
		t.w = t.dynamic
	} else {
		t.typed = parquet.NewGenericWriter[T](f, opts...)
		t.w = t.typed
	}
	pt.files = append(pt.files, t)
	return t
}

// rowWriter is what table needs of both kinds of parquet-go writers.
type rowWriter interface {
	Flush() error
	Close() error
}

// write appends rows, first ending the current row group when the rows would
// take it past a limit, so that one call's rows share a row group. When the
// table has stage-defined columns, fields(i) gives the values of row i. It
// returns the rows' approximate size in bytes.
func (t *table[T]) write(rows []T, fields func(i int) pipeline.Fields) (int64, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	n := 0
	for _, r := range rows {
		n += r.approxBytes()
	}
	if t.rows > 0 && (t.rows+len(rows) > t.cfg.maxRows || t.bytes+n > t.cfg.maxBytes) {
		if err := t.w.Flush(); err != nil {
			return int64(n), fmt.Errorf("write %s: %w", t.tmp, err)
		}
		t.rows, t.bytes = 0, 0
	}
	if err := t.put(rows, fields); err != nil {
		return int64(n), fmt.Errorf("write %s: %w", t.tmp, err)
	}
	t.rows += len(rows)
	t.bytes += n
	return int64(n), nil
}

// put hands rows to the writer, widened by the table's extension if any.
func (t *table[T]) put(rows []T, fields func(i int) pipeline.Fields) error {
	if t.ext == nil {
		_, err := t.typed.Write(rows)
		return err
	}
	for i, r := range rows {
		v, err := t.ext.widen(r, fields(i)) // reuses one row value
		if err != nil {
			return err
		}
		t.one[0] = v
		if _, err := t.dynamic.Write(t.one[:]); err != nil {
			return err
		}
	}
	return nil
}

// close writes the footer, syncs the file and renames it to its final name.
// On failure it removes the temporary file.
func (t *table[T]) close() error {
	err := t.w.Close()
	if err == nil {
		err = t.f.Sync()
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(t.tmp, t.path)
	}
	if err != nil {
		os.Remove(t.tmp)
		return fmt.Errorf("write %s: %w", t.path, err)
	}
	return nil
}

// abort closes and removes the temporary file.
func (t *table[T]) abort() {
	t.f.Close()
	os.Remove(t.tmp)
}
