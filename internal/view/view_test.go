package view

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func openFixture(t *testing.T) (*Store, http.Handler) {
	t.Helper()
	dir := fixture(t)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, Handler(s, dir, Options{})
}

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	return w.Code, w.Body.String()
}

// assertSafe fails when body carries the hostile markup unescaped.
func assertSafe(t *testing.T, path, body string) {
	t.Helper()
	for _, bad := range []string{"<script>document", "<img src=x", "onerror=\"document", "<b>Bold"} {
		if strings.Contains(body, bad) {
			i := strings.Index(body, bad)
			t.Errorf("%s: unescaped %q: …%s…", path, bad, body[max(i-80, 0):min(i+80, len(body))])
		}
	}
}

func TestPages(t *testing.T) {
	s, h := openFixture(t)
	hostile, err := s.DocByID("doc-<h>")
	if err != nil {
		t.Fatal(err)
	}
	if hostile != 1 {
		t.Fatalf("hostile document is %d, want 1", hostile)
	}
	jane := s.SpeakerID("Jane Doe")
	spring := s.EntityID("Springfield")
	mallory := s.SpeakerID("Mallory <b>Bold</b>")
	if jane < 0 || spring < 0 || mallory < 0 {
		t.Fatalf("ids: Jane Doe %d, Springfield %d, Mallory %d", jane, spring, mallory)
	}
	for _, tc := range []struct {
		path string
		code int
		want []string
	}{
		{"/", 200, []string{"<b>2</b> documents", "<b>3</b> quotes", "<b>2</b> error rows", "Jane Doe", "Springfield", "2025-07-10", "_manifest.json", "extract, sentences, entities, quotes"}},
		{"/doc/0", 200, []string{
			"Harbour bridge to close", `class="quote quote-direct" id="q-0"`, `data-speaker="Jane Doe"`, `data-ref="sp-0"`,
			`class="speaker" id="sp-0"`, `data-label="PERSON"`, `data-label="GPE"`, `class="cue"`, "confidence 0.90", `resolves to">entity 1</a>`,
			"duplicate record &lt;script&gt;", "A. Writer", "https://example.com/doc-a",
		}},
		{"/doc/1", 200, []string{"Title &lt;script&gt;", "He wrote ", "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;", "Mallory &lt;b&gt;Bold&lt;/b&gt;"}},
		{"/doc?id=doc-%3Ch%3E", 302, nil},
		{"/speaker/0", 200, []string{"quotes across the dataset"}},
		{"/entity/0", 200, []string{"mentions in"}},
		{"/speakers", 200, []string{"Jane Doe", "Mallory &lt;b&gt;Bold&lt;/b&gt;"}},
		{"/entities", 200, []string{"Springfield"}},
		{"/docs", 200, []string{"Harbour bridge to close", "Title &lt;script&gt;"}},
		{"/docs?site=example.com", 200, []string{"Harbour bridge to close", "1 in all"}},
		{"/search", 200, []string{"We have no choice", "a disgrace", "3 in all"}},
		{"/search?q=choice", 200, []string{"We have no choice", "1 in all"}},
		{"/search?speaker=Mallory+%3Cb%3EBold%3C%2Fb%3E", 200, []string{"1 in all"}},
		{"/search?kind=partial", 200, []string{"a disgrace", "(unknown)"}},
		{"/search?entity=Springfield&conf=0.5", 200, []string{"2 in all"}},
		{"/search?from=2025-07-11", 200, []string{"1 in all"}},
		{"/search?q=nosuchword", 200, []string{"No quotes."}},
		{"/errors", 200, []string{"duplicate record &lt;script&gt;", "panic &#34;&gt;&lt;img", "2 in all"}},
		{"/errors?stage=quotes", 200, []string{"1 in all"}},
		{"/static/view.css", 200, []string{".quote"}},
		{"/doc/7", 404, []string{"no document 7"}},
		{"/doc/x", 404, nil},
		{"/speaker/99", 404, nil},
		{"/nope", 404, nil},
	} {
		code, body := get(t, h, tc.path)
		if code != tc.code {
			t.Errorf("%s: status %d, want %d", tc.path, code, tc.code)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: no %q in the page", tc.path, w)
			}
		}
		assertSafe(t, tc.path, body)
		if strings.Contains(body, " style=") {
			t.Errorf("%s: an inline style, which the Content-Security-Policy blocks", tc.path)
		}
	}
	for _, path := range []string{"/speaker/", "/entity/"} {
		for id := range 3 {
			p := path + string(rune('0'+id))
			_, body := get(t, h, p)
			assertSafe(t, p, body)
		}
	}
}

func TestHeaders(t *testing.T) {
	_, h := openFixture(t)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/doc/1", nil))
	csp := w.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options %q", got)
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(m, "/", strings.NewReader("x")))
		if w.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d, want 405", m, w.Code)
		}
	}
}

func TestHostCheck(t *testing.T) {
	dir := fixture(t)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tc := range []struct {
		addr, host string
		ok         bool
	}{
		{"127.0.0.1:8470", "127.0.0.1:8470", true},
		{"127.0.0.1:8470", "localhost:8470", true},
		{"127.0.0.1:8470", "LOCALHOST:8470", true},
		{"127.0.0.1:8470", "[::1]:8470", true},
		{"127.0.0.1:8470", "127.0.0.1:8471", false},
		{"127.0.0.1:8470", "127.0.0.1", false},
		{"127.0.0.1:8470", "evil.example:8470", false},
		{"127.0.0.1:8470", "localhost.evil.example:8470", false},
		{"127.0.0.1:8470", "192.168.1.9:8470", false},
		{"192.168.1.9:80", "192.168.1.9:80", true},
		{"192.168.1.9:80", "10.0.0.1:80", false},
		{"viewer.lan:8000", "viewer.lan:8000", true},
		{"viewer.lan:8000", "evil.example:8000", false},
		{"0.0.0.0:8470", "10.1.2.3:8470", true},
		{"0.0.0.0:8470", "evil.example:8470", false},
		{"[::]:8470", "[fe80::1]:8470", true},
	} {
		h := Handler(s, dir, Options{Addr: tc.addr})
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Host = tc.host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if ok := w.Code == http.StatusOK; ok != tc.ok {
			t.Errorf("addr %s, Host %s: status %d, want allowed=%v", tc.addr, tc.host, w.Code, tc.ok)
		}
	}
}

func TestIndexReuse(t *testing.T) {
	dir := fixture(t)
	var calls [][2]int
	progress := Progress(func(done, total int) { calls = append(calls, [2]int{done, total}) })
	s, err := Open(dir, progress)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Rebuilt {
		t.Error("first open did not build the index")
	}
	if fmt.Sprint(calls) != "[[0 2] [1 2] [2 2]]" {
		t.Errorf("progress calls %v", calls)
	}
	s.Close()
	if _, err := os.Stat(filepath.Join(dir, IndexName)); err != nil {
		t.Fatal(err)
	}
	calls = nil
	s, err = Open(dir, progress)
	if err != nil {
		t.Fatal(err)
	}
	if s.Rebuilt || calls != nil {
		t.Errorf("second open rebuilt a current index (progress %v)", calls)
	}
	s.Close()
	// A changed part makes it stale.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, tQuotes, "part-00001.parquet"), later, later); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Rebuilt {
		t.Error("a changed part did not rebuild the index")
	}
	if s.Summary().Quotes != 3 {
		t.Errorf("quotes %d, want 3", s.Summary().Quotes)
	}
	// A corrupt index is rebuilt, not trusted.
	s.Close()
	if err := os.WriteFile(filepath.Join(dir, IndexName), []byte(indexMagic+"garbage"+indexMagic), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Rebuilt || s.Summary().Documents != 2 {
		t.Errorf("corrupt index: rebuilt %v, documents %d", s.Rebuilt, s.Summary().Documents)
	}
}

// TestOldSchema reads a dataset written before the newer columns existed
// (required url/title/site, no speaker_entity, cue offsets or paragraph).
func TestOldSchema(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	a := article(t, "old", "An old run", "old.example", day, []string{"“Fine,” said Ann Lee."}, [][2]string{{"Ann Lee", "PERSON"}},
		[][4]string{{"“Fine,”", "Ann Lee", "said", "direct"}})
	type oldQuote struct {
		DocID       string  `parquet:"doc_id"`
		Quote       int64   `parquet:"quote"`
		Text        string  `parquet:"text"`
		Start       int64   `parquet:"start"`
		End         int64   `parquet:"end"`
		Kind        string  `parquet:"kind"`
		Speaker     *string `parquet:"speaker,optional"`
		SpeakerName *string `parquet:"speaker_name,optional"`
		Cue         *string `parquet:"cue,optional"`
		Sentence    int64   `parquet:"sentence"`
		Confidence  float64 `parquet:"confidence"`
	}
	q := a.quotes[0]
	writeTable(t, dir, tDocuments, "part-00000", []fxOldDoc{{DocID: "old", Source: "old.txt", Title: "An old run", Site: "old.example", Published: &day, Authors: []string{}, Text: a.doc.Text}}, 10)
	writeTable(t, dir, tSentences, "part-00000", a.sentences, 10)
	writeTable(t, dir, tEntities, "part-00000", a.entities, 10)
	writeTable(t, dir, tQuotes, "part-00000", []oldQuote{{DocID: "old", Text: q.Text, Start: q.Start, End: q.End, Kind: q.Kind, Speaker: q.Speaker, SpeakerName: q.SpeakerName, Cue: q.Cue, Confidence: 0.8}}, 10)
	writeTable(t, dir, tErrors, "part-00000", []fxError{}, 10)
	s, err := Open(dir) // no manifest: parts come from the documents table
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := Handler(s, dir, Options{})
	for path, want := range map[string]string{
		"/doc/0":         `data-speaker="Ann Lee"`,
		"/":              "No manifest: 1 parts found.",
		"/search?q=fine": "1 in all",
	} {
		code, body := get(t, h, path)
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("%s: status %d, no %q", path, code, want)
		}
	}
}

func TestExport(t *testing.T) {
	s, _ := openFixture(t)
	out := t.TempDir()
	n, err := Export(s, "fixture", out)
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Errorf("wrote %d files", n)
	}
	for _, f := range []string{"index.html", "doc/0.html", "doc/1.html", "speaker/0.html", "entity/0.html", "docs.html", "speakers.html", "entities.html", "errors.html", "static/view.css", "static/view.js"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Error(err)
			continue
		}
		body := string(b)
		assertSafe(t, f, body)
		if strings.Contains(body, `href="/`) || strings.Contains(body, `src="/`) {
			t.Errorf("%s: absolute link in an export", f)
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "doc/0.html"))
	if !strings.Contains(string(b), `href="../static/view.css"`) || !strings.Contains(string(b), `href="../speaker/`) {
		t.Error("doc/0.html: links not relative to its directory")
	}
}

// TestServe runs the handler behind a real listener, as `newsmill view` does.
func TestServe(t *testing.T) {
	dir := fixture(t)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	srv := httptest.NewUnstartedServer(nil)
	srv.Config.Handler = Handler(s, dir, Options{Addr: srv.Listener.Addr().String()})
	srv.Start()
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/doc/0")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "Jane Doe") {
		t.Errorf("status %d", resp.StatusCode)
	}
}

// TestShards reads a dataset written by two shards: the parts their
// manifests list, and neither a part no manifest lists nor a temporary
// file.
func TestShards(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	doc := func(id string) fxArticle {
		return article(t, id, "Story "+id, "shard.example", day, []string{"“Yes,” said Kim Park."}, [][2]string{{"Kim Park", "PERSON"}},
			[][4]string{{"“Yes,”", "Kim Park", "said", "direct"}})
	}
	writePart(t, dir, "part-0000-of-0002-00000", []fxArticle{doc("a"), doc("b")}, nil)
	writePart(t, dir, "part-0001-of-0002-00000", []fxArticle{doc("c")}, nil)
	writePart(t, dir, "part-0001-of-0002-00001", []fxArticle{doc("d")}, nil) // not listed: an interrupted run's
	writeManifestAs(t, dir, "_manifest-0000-of-0002.json", []string{"part-0000-of-0002-00000"}, 2, 0)
	writeManifestAs(t, dir, "_manifest-0001-of-0002.json", []string{"part-0001-of-0002-00000", "../escape", ".hidden"}, 1, 0)
	if err := os.WriteFile(filepath.Join(dir, tDocuments, ".part-0001-of-0002-00002.parquet.tmp"), []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := s.Parts(); fmt.Sprint(got) != "[part-0000-of-0002-00000 part-0001-of-0002-00000]" {
		t.Errorf("parts %v", got)
	}
	sum := s.Summary()
	if sum.Documents != 3 || sum.Quotes != 3 {
		t.Errorf("summary %+v", sum)
	}
	if top := s.TopSpeakers(1); len(top) != 1 || top[0].Name != "Kim Park" || top[0].N != 3 {
		t.Errorf("top speakers %+v", top)
	}
	if _, err := s.DocByID("d"); err == nil {
		t.Error("a part no manifest lists is shown")
	}
	_, body := get(t, Handler(s, dir, Options{}), "/")
	if !strings.Contains(body, "_manifest-0000-of-0002.json") || !strings.Contains(body, "_manifest-0001-of-0002.json") {
		t.Error("overview lacks the shard manifests")
	}
}
