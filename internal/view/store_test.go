package view

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestStoreSynth checks the index against a generated dataset of several
// parts and row groups: every document's rows, and the search filters
// against what the generator wrote.
func TestStoreSynth(t *testing.T) {
	dir := t.TempDir()
	const n = 2500
	synth(t, dir, n, 1000)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sum := s.Summary()
	if sum.Documents != n || sum.Quotes != 3*n || sum.Entities != 6*n || sum.Sentences != 6*n || sum.Errors != 3 {
		t.Fatalf("summary %+v", sum)
	}
	for _, ord := range []int{0, 1, 999, 1000, 1777, n - 1} {
		a, err := s.Article(ord)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("doc-%08d", ord); a.Doc.DocID != want {
			t.Errorf("document %d is %s, want %s", ord, a.Doc.DocID, want)
		}
		if len(a.Sentences) != 6 || len(a.Entities) != 6 || len(a.Quotes) != 3 {
			t.Errorf("document %d: %d sentences, %d entities, %d quotes", ord, len(a.Sentences), len(a.Entities), len(a.Quotes))
		}
		runes := []rune(a.Doc.Text)
		for _, q := range a.Quotes {
			if got := string(runes[q.Start:q.End]); got != q.Text {
				t.Errorf("document %d quote %d: span %q, text %q", ord, q.Quote, got, q.Text)
			}
		}
		if got, err := s.DocByID(a.Doc.DocID); err != nil || got != ord {
			t.Errorf("DocByID(%s) = %d, %v", a.Doc.DocID, got, err)
		}
	}
	count := func(f Filter) int {
		t.Helper()
		_, total, err := s.Search(f, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		return total
	}
	if got := count(Filter{Kind: "direct"}); got != n {
		t.Errorf("direct quotes %d, want %d", got, n)
	}
	if got := count(Filter{}); got != 3*n {
		t.Errorf("all quotes %d, want %d", got, 3*n)
	}
	top := s.TopSpeakers(1)[0]
	if got := count(Filter{Speaker: top.Name}); got != int(top.N) {
		t.Errorf("quotes of %s: %d, want %d", top.Name, got, top.N)
	}
	if got := count(Filter{Speaker: top.Name, Kind: "partial"}) + count(Filter{Speaker: top.Name, Kind: "direct"}) + count(Filter{Speaker: top.Name, Kind: "indirect"}); got != int(top.N) {
		t.Errorf("quotes of %s by kind add up to %d, want %d", top.Name, got, top.N)
	}
	if hi, lo := count(Filter{MinConf: 0.9}), count(Filter{MinConf: 0.1}); hi >= lo || hi == 0 {
		t.Errorf("confidence ≥ 0.9: %d quotes, ≥ 0.1: %d", hi, lo)
	}
	sites := s.Sites()
	docs, total, err := s.Docs(DocFilter{Site: sites[0].Name}, 0, 5)
	if err != nil || total != int(sites[0].N) || len(docs) != min(5, total) {
		t.Errorf("documents of %s: %d (%d shown), want %d; %v", sites[0].Name, total, len(docs), sites[0].N, err)
	}
	for _, d := range docs {
		if d.Site != sites[0].Name {
			t.Errorf("document %d of site %s listed for %s", d.Ordinal, d.Site, sites[0].Name)
		}
	}
	all := count(Filter{})
	first, second := count(Filter{To: "2024-12-31"}), count(Filter{From: "2025-01-01"})
	if first+second != all || first == 0 || second == 0 {
		t.Errorf("quotes by year %d + %d, want %d", first, second, all)
	}
	quotes, total, err := s.Search(Filter{Text: "Bridge council", Site: sites[1].Name}, 0, 3)
	if err != nil || total == 0 || len(quotes) == 0 {
		t.Fatalf("word search: %d, %v", total, err)
	}
	for _, q := range quotes {
		l := strings.ToLower(q.Text)
		if !strings.Contains(l, "bridge") || !strings.Contains(l, "council") || q.DocSite != sites[1].Name {
			t.Errorf("word search found %q on %s", q.Text, q.DocSite)
		}
	}
	ent := s.TopEntities(1)[0]
	_, total, _ = s.EntityDocs(ent.ID, 0, 10)
	if total != int(ent.N) || count(Filter{Entity: ent.Name}) != 3*total {
		t.Errorf("entity %s: %d documents, want %d", ent.Name, total, ent.N)
	}
}

// TestConcurrentPages serves pages from many goroutines at once (run with
// -race): the open files and the index are shared.
func TestConcurrentPages(t *testing.T) {
	dir := t.TempDir()
	synth(t, dir, 1200, 500)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := Handler(s, dir, Options{})
	paths := []string{"/", "/doc/3", "/doc/1100", "/doc/600", "/speaker/0", "/entity/1", "/search?q=bridge", "/docs?page=3", "/errors"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				p := paths[(g+i)%len(paths)]
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, p, nil))
				if w.Code != http.StatusOK {
					t.Errorf("%s: status %d", p, w.Code)
				}
			}
		}()
	}
	wg.Wait()
}
