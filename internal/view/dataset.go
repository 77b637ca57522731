// Package view serves a read-only web app over a newsmill Parquet dataset:
// an overview, one page per article with its sentences, entities and quotes
// marked in place, one page per speaker and per entity, and a quote search
// with filters. It is the engine of `newsmill view OUT`.
//
// Opening a dataset builds a small index file beside it once
// (OUT/_view.idx: per-document row positions, quote attributes, speaker,
// entity and word postings, and the overview's figures); later opens map
// that file and stat the part files to check it is current, so opening
// costs milliseconds whatever the size of the dataset. Pages read only the
// rows they show from the Parquet files, seeking with the page index, so
// memory stays bounded by the index and a few decoded pages.
//
// Only files under OUT are read: the part files the manifests list (or,
// without a manifest, every part file of the documents table) and the
// manifests. Nothing in OUT is changed except the index file, which is
// written under a temporary name and renamed; when OUT cannot be written,
// the index goes to a temporary file of its own, removed once mapped, and
// is built again on every open.
package view

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/parquet-go/parquet-go"
)

// The tables of a dataset, as OUT/<table>/<part>.parquet.
const (
	tDocuments = "documents"
	tSentences = "sentences"
	tEntities  = "entities"
	tQuotes    = "quotes"
	tErrors    = "errors"
)

var tables = []string{tDocuments, tSentences, tEntities, tQuotes, tErrors}

// manifestFile is the part of a run's manifest the overview shows.
type manifestFile struct {
	Name          string    `json:"-"`
	SchemaVersion int       `json:"schema_version"`
	Newsmill      string    `json:"newsmill_version"`
	Stages        []string  `json:"stages"`
	Status        string    `json:"status"`
	Updated       string    `json:"updated"`
	Parts         []string  `json:"parts"`
	Totals        mfCounts  `json:"totals"`
	Shard         *mfShard  `json:"shard,omitempty"`
	Inputs        []mfInput `json:"inputs"`
}

type mfCounts struct {
	Records   int64 `json:"records"`
	Documents int64 `json:"documents"`
	Errors    int64 `json:"errors"`
	Skipped   int64 `json:"skipped"`
}

type mfShard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

type mfInput struct {
	Path   string `json:"path"`
	Status string `json:"status"`
}

// dataset is the set of part files of an output directory. Its files are
// opened on first use and kept open; it is safe for concurrent use.
type dataset struct {
	root      string
	parts     []string // part names such as "part-00000", in order
	manifests []manifestFile

	mu    sync.Mutex
	files map[string]*pfile // by table + "/" + part
}

// pfile is one open Parquet file with its columns by top-level name.
type pfile struct {
	f      *os.File
	pf     *parquet.File
	cols   map[string]int // top-level field name → first leaf column index
	starts []int64        // first row of each row group, plus the total
}

// discover lists the parts of the dataset in root: those the manifests
// (_manifest.json, _manifest-*.json) list, or, without a manifest, every
// part file of the documents table. Temporary files (".name.tmp") are
// never parts.
func discover(root string) (*dataset, error) {
	st, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", root)
	}
	d := &dataset{root: root, files: map[string]*pfile{}}
	names, _ := filepath.Glob(filepath.Join(root, "_manifest*.json"))
	sort.Strings(names)
	seen := map[string]bool{}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var m manifestFile
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		m.Name = filepath.Base(name)
		d.manifests = append(d.manifests, m)
		for _, p := range m.Parts {
			if validPart(p) && !seen[p] {
				seen[p] = true
				d.parts = append(d.parts, p)
			}
		}
	}
	if len(d.manifests) == 0 {
		files, _ := filepath.Glob(filepath.Join(root, tDocuments, "*.parquet"))
		for _, f := range files {
			p := strings.TrimSuffix(filepath.Base(f), ".parquet")
			if validPart(p) {
				d.parts = append(d.parts, p)
			}
		}
	}
	sort.Strings(d.parts)
	if len(d.parts) == 0 {
		return nil, fmt.Errorf("%s holds no Parquet dataset (no %s/*.parquet)", root, tDocuments)
	}
	return d, nil
}

// validPart reports whether p can name a part file: no path separators,
// no leading dot, so that a manifest cannot point outside the dataset.
func validPart(p string) bool {
	return p != "" && !strings.HasPrefix(p, ".") && !strings.ContainsAny(p, `/\`) && p != ".."
}

// path returns the file of table t in part p.
func (d *dataset) path(t, p string) string {
	return filepath.Join(d.root, t, p+".parquet")
}

// file opens (once) the file of table t in part number part; it returns
// nil and no error when that file does not exist.
func (d *dataset) file(t string, part int) (*pfile, error) {
	if part < 0 || part >= len(d.parts) {
		return nil, fmt.Errorf("no part %d", part)
	}
	key := t + "/" + d.parts[part]
	d.mu.Lock()
	defer d.mu.Unlock()
	if f, ok := d.files[key]; ok {
		return f, nil
	}
	f, err := openPFile(d.path(t, d.parts[part]))
	if errors.Is(err, fs.ErrNotExist) {
		d.files[key] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	d.files[key] = f
	return f, nil
}

// close closes every open file.
func (d *dataset) close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	var first error
	for k, f := range d.files {
		if f != nil {
			if err := f.f.Close(); err != nil && first == nil {
				first = err
			}
		}
		delete(d.files, k)
	}
	return first
}

func openPFile(path string) (*pfile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipBloomFilters(true), parquet.ReadBufferSize(64<<10))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	p := &pfile{f: f, pf: pf, cols: map[string]int{}}
	for i, path := range pf.Schema().Columns() {
		if _, ok := p.cols[path[0]]; !ok {
			p.cols[path[0]] = i
		}
	}
	var n int64
	for _, rg := range pf.RowGroups() {
		p.starts = append(p.starts, n)
		n += rg.NumRows()
	}
	p.starts = append(p.starts, n)
	return p, nil
}

// numRows is the number of rows of the file.
func (p *pfile) numRows() int64 { return p.starts[len(p.starts)-1] }

// rowGroup returns the row group holding row r and r's index in it.
func (p *pfile) rowGroup(r int64) (int, int64) {
	g := sort.Search(len(p.starts)-1, func(i int) bool { return p.starts[i+1] > r })
	return g, r - p.starts[g]
}

// rows reads the rows [from, from+n) of the file, every column, and calls
// fn with each; the row's values are valid only during the call.
func (p *pfile) rows(from, n int64, fn func(i int64, row parquet.Row) error) error {
	if from < 0 || n <= 0 || from >= p.numRows() {
		return nil
	}
	n = min(n, p.numRows()-from)
	buf := make([]parquet.Row, 16)
	done := int64(0)
	for done < n {
		g, at := p.rowGroup(from + done)
		rows := p.pf.RowGroups()[g].Rows()
		if err := rows.SeekToRow(at); err != nil {
			rows.Close()
			return err
		}
		for done < n && at < p.starts[g+1]-p.starts[g] {
			want := min(int64(len(buf)), n-done, p.starts[g+1]-p.starts[g]-at)
			k, err := rows.ReadRows(buf[:want])
			for _, row := range buf[:k] {
				if ferr := fn(done, row); ferr != nil {
					rows.Close()
					return ferr
				}
				done++
				at++
			}
			if err != nil && !errors.Is(err, io.EOF) {
				rows.Close()
				return err
			}
			if k == 0 {
				break
			}
		}
		rows.Close()
		if done < n && at < p.starts[g+1]-p.starts[g] {
			return fmt.Errorf("%s: row group %d ended early", p.f.Name(), g)
		}
	}
	return nil
}

// column calls fn with every value of the flat column name, in row order,
// reading only that column; it does nothing when the file has no such
// column. The value is valid only during the call.
func (p *pfile) column(name string, fn func(row int64, v parquet.Value)) error {
	col, ok := p.cols[name]
	if !ok {
		return nil
	}
	buf := make([]parquet.Value, 512)
	row := int64(0)
	for _, rg := range p.pf.RowGroups() {
		pages := rg.ColumnChunks()[col].Pages()
		for {
			page, err := pages.ReadPage()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				pages.Close()
				return fmt.Errorf("%s: column %s: %w", p.f.Name(), name, err)
			}
			vr := page.Values()
			for {
				k, err := vr.ReadValues(buf)
				for _, v := range buf[:k] {
					if v.RepetitionLevel() == 0 {
						fn(row, v)
						row++
					}
				}
				if errors.Is(err, io.EOF) || (err == nil && k == 0) {
					break
				}
				if err != nil {
					parquet.Release(page)
					pages.Close()
					return fmt.Errorf("%s: column %s: %w", p.f.Name(), name, err)
				}
			}
			parquet.Release(page)
		}
		pages.Close()
	}
	return nil
}

// values reads the flat columns names at the given rows, which must be
// sorted, and returns them as out[row][column] (a null value for a column
// the file lacks). Each column's pages are decoded at most once, seeking
// with the page index.
func (p *pfile) values(names []string, rows []int64) ([][]parquet.Value, error) {
	out := make([][]parquet.Value, len(rows))
	for i := range out {
		out[i] = make([]parquet.Value, len(names))
	}
	one := make([]parquet.Value, 1)
	for c, name := range names {
		col, ok := p.cols[name]
		if !ok {
			continue
		}
		var pages parquet.Pages
		group := -1
		for i, r := range rows {
			g, at := p.rowGroup(r)
			if g >= len(p.starts)-1 {
				continue
			}
			if g != group {
				if pages != nil {
					pages.Close()
				}
				pages = p.pf.RowGroups()[g].ColumnChunks()[col].Pages()
				group = g
			}
			if err := pages.SeekToRow(at); err != nil {
				pages.Close()
				return nil, fmt.Errorf("%s: column %s row %d: %w", p.f.Name(), name, r, err)
			}
			page, err := pages.ReadPage()
			if err != nil {
				pages.Close()
				return nil, fmt.Errorf("%s: column %s row %d: %w", p.f.Name(), name, r, err)
			}
			k, _ := page.Values().ReadValues(one)
			if k == 1 {
				out[i][c] = one[0].Clone()
			}
		}
		if pages != nil {
			pages.Close()
		}
	}
	return out, nil
}
