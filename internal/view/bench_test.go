package view

import (
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

var (
	benchDocs = flag.Int("view.docs", 10_000, "documents in the generated benchmark dataset")
	benchDir  = flag.String("view.dir", "", "keep the generated benchmark dataset in `DIR` (reused when it exists), so that large sizes are generated once")
)

// benchDataset returns a generated dataset of *benchDocs documents, in
// parts of 100,000 as newsmill writes them.
func benchDataset(b *testing.B) string {
	b.Helper()
	dir := *benchDir
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "out")
	} else {
		dir = filepath.Join(dir, fmt.Sprintf("docs-%d", *benchDocs))
	}
	if _, err := os.Stat(filepath.Join(dir, "_manifest.json")); err == nil {
		return dir
	}
	start := time.Now()
	synth(b, dir, *benchDocs, 100_000)
	b.Logf("generated %d documents in %v", *benchDocs, time.Since(start).Round(time.Millisecond))
	return dir
}

// BenchmarkIndex measures building the index of a dataset (the first
// open), with the Go heap it leaves.
func BenchmarkIndex(b *testing.B) {
	dir := benchDataset(b)
	for b.Loop() {
		os.Remove(filepath.Join(dir, IndexName))
		s, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	st, _ := os.Stat(filepath.Join(dir, IndexName))
	b.ReportMetric(float64(st.Size())/(1<<20), "index-MB")
}

// BenchmarkOpen measures opening a dataset whose index is current.
func BenchmarkOpen(b *testing.B) {
	dir := benchDataset(b)
	s, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	for b.Loop() {
		s, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if s.Rebuilt {
			b.Fatal("rebuilt a current index")
		}
		s.Close()
	}
}

// BenchmarkPage measures serving each kind of page through the handler,
// and reports the Go heap in use once every page has been served.
func BenchmarkPage(b *testing.B) {
	dir := benchDataset(b)
	s, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	h := Handler(s, dir, Options{})
	last := s.NumDocs() - 1
	for _, p := range []struct{ name, path string }{
		{"overview", "/"},
		{"article", fmt.Sprintf("/doc/%d", last/2)},
		{"article-last", fmt.Sprintf("/doc/%d", last)},
		{"speaker-top", "/speaker/0"},
		{"speaker-page-3", "/speaker/0?page=3"},
		{"entity-top", "/entity/0"},
		{"speakers", "/speakers?page=10"},
		{"docs", "/docs?page=100"},
		{"docs-site-dates", "/docs?site=site7.example&from=2024-03-01&to=2024-06-30&page=2"},
		{"search-all", "/search"},
		{"search-word", "/search?q=bridge"},
		{"search-words", "/search?q=bridge+council+delays"},
		{"search-speaker", "/search?speaker=Speaker+42"},
		{"search-entity", "/search?entity=Entity+7"},
		{"search-filters", "/search?q=minister&site=site3.example&from=2024-02-01&to=2025-01-31&kind=direct&conf=0.5&page=2"},
		{"errors", "/errors"},
	} {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, p.path, nil))
				if w.Code != http.StatusOK {
					b.Fatalf("%s: status %d", p.path, w.Code)
				}
			}
		})
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MB")
}
