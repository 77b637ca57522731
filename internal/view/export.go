package view

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// MaxExportDocs is the most documents Export writes pages for: an export is
// for sharing a small dataset, one file per page.
const MaxExportDocs = 20_000

// Export writes the pages of s as static HTML files under dir: index.html
// (the overview), doc/N.html for every document, speaker/N.html and
// entity/N.html (paginated as N-2.html, …), the lists docs.html,
// speakers.html, entities.html and errors.html, and the stylesheet and
// script under static/. Links between them are relative, so dir can be
// opened from disk or served as is. The quote search needs the server and
// is left out. It refuses datasets of more than MaxExportDocs documents.
// It returns the number of files written.
func Export(s *Store, name, dir string) (int, error) {
	if s.NumDocs() > MaxExportDocs {
		return 0, fmt.Errorf("export writes at most %d documents' pages; this dataset has %d (use the server)", MaxExportDocs, s.NumDocs())
	}
	st := &site{s: s, dir: name}
	n := 0
	write := func(rel, page string, d *data, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		var buf bytes.Buffer
		if err := render(&buf, page, d); err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		n++
		return os.WriteFile(path, buf.Bytes(), 0o644)
	}
	top, down := links{export: true}, links{export: true, up: "../"}
	pagesOf := func(total int) int { return max((total+pageSize-1)/pageSize, 1) }

	d, err := st.overview(top)
	if err := write("index.html", "overview", d, err); err != nil {
		return n, err
	}
	for ord := range s.NumDocs() {
		d, err := st.article(down, ord)
		if err := write(fmt.Sprintf("doc/%d.html", ord), "article", d, err); err != nil {
			return n, err
		}
	}
	for id := range s.x.speakers.len() {
		who, _ := s.Speaker(id)
		for p := range pagesOf(int(who.N)) {
			d, err := st.speaker(down, id, p)
			if err := write(down.Speaker(id, p)[len(down.up):], "speaker", d, err); err != nil {
				return n, err
			}
		}
	}
	for id := range s.x.entities.len() {
		who, _ := s.Entity(id)
		for p := range pagesOf(int(who.N)) {
			d, err := st.entity(down, id, p)
			if err := write(down.Entity(id, p)[len(down.up):], "entity", d, err); err != nil {
				return n, err
			}
		}
	}
	lists := []struct {
		name, page string
		total      int
		get        func(p int) (*data, error)
	}{
		{"docs", "docs", s.NumDocs(), func(p int) (*data, error) { return st.docs(top, nil, p) }},
		{"speakers", "names", s.x.speakers.len(), func(p int) (*data, error) { return st.names(top, "speakers", p) }},
		{"entities", "names", s.x.entities.len(), func(p int) (*data, error) { return st.names(top, "entities", p) }},
		{"errors", "errors", s.x.hdr.Errors, func(p int) (*data, error) { return st.errors(top, nil, p) }},
	}
	for _, list := range lists {
		for p := range pagesOf(list.total) {
			d, err := list.get(p)
			if err := write(top.List(list.name, p), list.page, d, err); err != nil {
				return n, err
			}
		}
	}
	err = fs.WalkDir(staticFS, "static", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(path)
		if err != nil {
			return err
		}
		out := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		n++
		return os.WriteFile(out, b, 0o644)
	})
	return n, err
}
