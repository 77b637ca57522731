package view

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageSize is the number of rows of a list page.
const pageSize = 50

// pages are the templates, parsed once.
var pages = func() map[string]*template.Template {
	funcs := template.FuncMap{
		"join":  strings.Join,
		"inc":   func(i int) int { return i + 1 },
		"inc64": func(i int64) int64 { return i + 1 },
		"last":  func(list []bar) int { return len(list) - 1 },
	}
	base := template.Must(template.New("").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
	out := map[string]*template.Template{}
	for _, name := range []string{"overview", "article", "speaker", "entity", "names", "docs", "search", "errors", "notfound"} {
		t := template.Must(base.Clone())
		out[name] = template.Must(t.ParseFS(templateFS, "templates/"+name+".html"))
	}
	return out
}()

// links makes the URLs of the pages: absolute paths for the server,
// relative file names for an export (Up is "../" on pages one directory
// down). Its methods are called from the templates.
type links struct {
	export bool
	up     string
}

// Export reports whether the pages are a static export.
func (l links) Export() bool { return l.export }

// Home is the overview.
func (l links) Home() string {
	if l.export {
		return l.up + "index.html"
	}
	return "/"
}

// Static is an embedded asset.
func (l links) Static(name string) string {
	if l.export {
		return l.up + "static/" + name
	}
	return "/static/" + name
}

// Doc is the article page of document ord.
func (l links) Doc(ord int) string {
	if l.export {
		return l.up + "doc/" + strconv.Itoa(ord) + ".html"
	}
	return "/doc/" + strconv.Itoa(ord)
}

// QuoteIn is quote q (its index in the document) on the page of document ord.
func (l links) QuoteIn(ord int, q int64) string {
	return l.Doc(ord) + "#q-" + strconv.FormatInt(q, 10)
}

func (l links) paged(dir string, id, page int) string {
	if l.export {
		s := l.up + dir + "/" + strconv.Itoa(id)
		if page > 0 {
			s += "-" + strconv.Itoa(page+1)
		}
		return s + ".html"
	}
	s := "/" + dir + "/" + strconv.Itoa(id)
	if page > 0 {
		s += "?page=" + strconv.Itoa(page+1)
	}
	return s
}

// Speaker is page (from 0) of the speaker page of speaker id.
func (l links) Speaker(id, page int) string { return l.paged("speaker", id, page) }

// Entity is page (from 0) of the entity page of entity id.
func (l links) Entity(id, page int) string { return l.paged("entity", id, page) }

// List is page (from 0) of a list: docs, speakers, entities, errors or
// search, unfiltered.
func (l links) List(name string, page int) string { return l.listQ(name, nil, page) }

func (l links) listQ(name string, q url.Values, page int) string {
	if l.export {
		s := l.up + name
		if page > 0 {
			s += "-" + strconv.Itoa(page+1)
		}
		return s + ".html"
	}
	v := url.Values{}
	for k, vals := range q {
		if k != "page" && len(vals) > 0 && vals[0] != "" {
			v.Set(k, vals[0])
		}
	}
	if page > 0 {
		v.Set("page", strconv.Itoa(page+1))
	}
	if len(v) == 0 {
		return "/" + name
	}
	return "/" + name + "?" + v.Encode()
}

// Search is the quote search with one filter set.
func (l links) Search(key, value string) string {
	return l.listQ("search", url.Values{key: {value}}, 0)
}

// Errors is the list of error rows of one stage (all stages in an export).
func (l links) Errors(stage string) string {
	if l.export {
		return l.List("errors", 0)
	}
	return l.listQ("errors", url.Values{"stage": {stage}}, 0)
}

// pager is the navigation of a list page.
type pager struct {
	Page, Pages, Total int
	Prev, Next         string
}

func newPager(page, total int, url func(page int) string) *pager {
	p := &pager{Page: page + 1, Pages: max((total+pageSize-1)/pageSize, 1), Total: total}
	if page > 0 {
		p.Prev = url(page - 1)
	}
	if page+1 < p.Pages {
		p.Next = url(page + 1)
	}
	return p
}

// bar is one row of a bar chart, drawn as SVG: the Content-Security-Policy
// allows no inline styles.
type bar struct {
	Name, Href, Label, Class string
	N                        int64
	Pct                      int // of the largest bar
	X, Y                     int // days chart: day offset from the first, 100-Pct
}

func bars(items []Named, href func(id int) string) []bar {
	var top int64 = 1
	for _, it := range items {
		top = max(top, it.N)
	}
	out := make([]bar, len(items))
	for i, it := range items {
		out[i] = bar{Name: it.Name, Href: href(it.ID), Label: it.Label, Class: classWord(it.Label), N: it.N, Pct: int(it.N * 100 / top)}
	}
	return out
}

// Options configure Handler.
type Options struct {
	// Addr is the address the server listens on, host:port. Requests
	// whose Host header names another host are refused: only 127.0.0.1,
	// localhost and [::1] with Addr's port, plus Addr's own host when it
	// is neither a loopback nor an unspecified address (for 0.0.0.0 or
	// [::], any IP address literal with the port). Empty Addr skips the
	// check (tests).
	Addr string
	// Log receives one line per failed request; nil means log.Default.
	Log *log.Logger
}

// site renders the pages of one store.
type site struct {
	s   *Store
	dir string // shown in the header
}

// data is what every page template gets.
type data struct {
	L     links
	Dir   string
	Q     map[string]string
	Pager *pager

	// page-specific
	Sum                      Summary
	TopSpeakers, TopEntities []bar
	Days                     []bar
	DaySpan                  int
	Manifests                []manifestFile
	Parts                    []string
	A                        *Article
	Text                     *Node
	Labels                   []string
	SpeakerRefs              []string
	Who                      Named
	EntityID, SpeakerID      int
	Quotes                   []Quote
	Docs                     []Head
	Heading                  string
	Bars                     []bar
	Sites                    []Named
	Kinds                    []string
	Errors                   []ErrorRow
	Message                  string
}

// notFound is the error of a page that does not exist; its text is shown.
type notFound string

func (n notFound) Error() string { return string(n) }

func (st *site) base(l links, q url.Values) *data {
	d := &data{L: l, Dir: st.dir, Q: map[string]string{}, EntityID: -1, SpeakerID: -1}
	for k, v := range q {
		if len(v) > 0 {
			d.Q[k] = v[0]
		}
	}
	return d
}

func (st *site) overview(l links) (*data, error) {
	d := st.base(l, nil)
	d.Sum = st.s.Summary()
	d.TopSpeakers = bars(st.s.TopSpeakers(15), func(id int) string { return l.Speaker(id, 0) })
	d.TopEntities = bars(st.s.TopEntities(15), func(id int) string { return l.Entity(id, 0) })
	var days []Named
	for _, c := range d.Sum.QuotesPerDay {
		days = append(days, Named{Name: c.Name, N: c.N})
	}
	d.Days = bars(days, func(int) string { return "" })
	if len(d.Days) > 0 {
		first, _ := parseDay(d.Days[0].Name)
		for i := range d.Days {
			day, _ := parseDay(d.Days[i].Name)
			d.Days[i].X, d.Days[i].Y = int(day-first), 100-d.Days[i].Pct
			d.DaySpan = d.Days[i].X + 1
		}
	}
	d.Manifests, d.Parts = st.s.Manifests(), st.s.Parts()
	return d, nil
}

func (st *site) article(l links, ord int) (*data, error) {
	a, err := st.s.Article(ord)
	if errors.Is(err, ErrNotFound) {
		return nil, notFound(fmt.Sprintf("There is no document %d.", ord))
	}
	if err != nil {
		return nil, err
	}
	d := st.base(l, nil)
	d.A = a
	if a.Doc.Text != "" {
		d.Text = markup(a)
	}
	seen := map[string]bool{}
	for _, e := range a.Entities {
		if !seen[e.Label] {
			seen[e.Label] = true
			d.Labels = append(d.Labels, e.Label)
		}
	}
	d.SpeakerRefs = speakerRefs(a.Quotes)
	return d, nil
}

func (st *site) speaker(l links, id, page int) (*data, error) {
	who, err := st.s.Speaker(id)
	if err != nil {
		return nil, notFound(fmt.Sprintf("There is no speaker %d.", id))
	}
	quotes, total, err := st.s.SpeakerQuotes(id, page, pageSize)
	if err != nil {
		return nil, err
	}
	d := st.base(l, nil)
	d.Who, d.Quotes, d.EntityID = who, quotes, st.s.EntityID(who.Name)
	d.Pager = newPager(page, total, func(p int) string { return l.Speaker(id, p) })
	return d, nil
}

func (st *site) entity(l links, id, page int) (*data, error) {
	who, err := st.s.Entity(id)
	if err != nil {
		return nil, notFound(fmt.Sprintf("There is no entity %d.", id))
	}
	docs, total, err := st.s.EntityDocs(id, page, pageSize)
	if err != nil {
		return nil, err
	}
	d := st.base(l, nil)
	d.Who, d.Docs, d.SpeakerID = who, docs, st.s.SpeakerID(who.Name)
	d.Pager = newPager(page, total, func(p int) string { return l.Entity(id, p) })
	return d, nil
}

func (st *site) names(l links, which string, page int) (*data, error) {
	d := st.base(l, nil)
	var items []Named
	var total int
	switch which {
	case "speakers":
		d.Heading = "Speakers"
		total = st.s.x.speakers.len()
		for id := page * pageSize; id < min((page+1)*pageSize, total); id++ {
			items = append(items, st.s.speaker(id))
		}
		d.Bars = bars(items, func(id int) string { return l.Speaker(id, 0) })
	default:
		d.Heading = "Entities (documents that mention them)"
		total = st.s.x.entities.len()
		for id := page * pageSize; id < min((page+1)*pageSize, total); id++ {
			items = append(items, st.s.entity(id))
		}
		d.Bars = bars(items, func(id int) string { return l.Entity(id, 0) })
	}
	d.Pager = newPager(page, total, func(p int) string { return l.List(which, p) })
	return d, nil
}

func (st *site) docs(l links, q url.Values, page int) (*data, error) {
	f := DocFilter{Site: q.Get("site"), From: q.Get("from"), To: q.Get("to")}
	docs, total, err := st.s.Docs(f, page, pageSize)
	if err != nil {
		return nil, err
	}
	d := st.base(l, q)
	d.Docs, d.Sites = docs, st.s.Sites()
	d.Pager = newPager(page, total, func(p int) string { return l.listQ("docs", q, p) })
	return d, nil
}

func (st *site) search(l links, q url.Values, page int) (*data, error) {
	conf, _ := strconv.ParseFloat(q.Get("conf"), 64)
	f := Filter{
		Text: q.Get("q"), Speaker: q.Get("speaker"), Entity: q.Get("entity"), Site: q.Get("site"),
		From: q.Get("from"), To: q.Get("to"), Kind: q.Get("kind"), MinConf: conf,
	}
	quotes, total, err := st.s.Search(f, page, pageSize)
	if err != nil {
		return nil, err
	}
	d := st.base(l, q)
	d.Quotes, d.Sites, d.Kinds = quotes, st.s.Sites(), st.s.Kinds()
	d.TopSpeakers = bars(st.s.TopSpeakers(200), func(int) string { return "" })
	d.Pager = newPager(page, total, func(p int) string { return l.listQ("search", q, p) })
	return d, nil
}

func (st *site) errors(l links, q url.Values, page int) (*data, error) {
	rows, total, err := st.s.Errors(q.Get("stage"), page, pageSize)
	if err != nil {
		return nil, err
	}
	d := st.base(l, q)
	d.Errors = rows
	d.Pager = newPager(page, total, func(p int) string { return l.listQ("errors", q, p) })
	return d, nil
}

// render executes page name with d into w.
func render(w io.Writer, name string, d *data) error {
	return pages[name].ExecuteTemplate(w, "layout", d)
}

// Handler returns the web app over s: GET and HEAD only, every response
// with a strict Content-Security-Policy (scripts and styles from the app
// itself only), and requests refused unless their Host header names the
// server (see Options.Addr), so that pages of other sites cannot read it
// through DNS rebinding. It is safe for concurrent use.
func Handler(s *Store, dir string, opt Options) http.Handler {
	st := &site{s: s, dir: dir}
	logger := opt.Log
	if logger == nil {
		logger = log.Default()
	}
	l := links{}
	mux := http.NewServeMux()
	page := func(name string, get func(r *http.Request) (*data, error)) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			d, err := get(r)
			var nf notFound
			if errors.As(err, &nf) {
				w.WriteHeader(http.StatusNotFound)
				render(w, "notfound", &data{L: l, Dir: dir, Message: string(nf)})
				return
			}
			if err != nil {
				logger.Printf("newsmill view: %s: %v", r.URL.Path, err)
				http.Error(w, "could not read the dataset: "+err.Error(), http.StatusInternalServerError)
				return
			}
			var buf bytes.Buffer
			if err := render(&buf, name, d); err != nil {
				logger.Printf("newsmill view: %s: %v", r.URL.Path, err)
				http.Error(w, "could not render the page", http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(buf.Bytes())
		}
	}
	pageNum := func(r *http.Request) int {
		n, err := strconv.Atoi(r.URL.Query().Get("page"))
		if err != nil || n < 1 {
			return 0
		}
		return min(n, 1<<30) - 1
	}
	pathInt := func(r *http.Request) (int, error) {
		n, err := strconv.Atoi(r.PathValue("n"))
		if err != nil || n < 0 {
			return 0, notFound("No such page.")
		}
		return n, nil
	}
	mux.HandleFunc("GET /{$}", page("overview", func(r *http.Request) (*data, error) { return st.overview(l) }))
	mux.HandleFunc("GET /doc/{n}", page("article", func(r *http.Request) (*data, error) {
		n, err := pathInt(r)
		if err != nil {
			return nil, err
		}
		return st.article(l, n)
	}))
	mux.HandleFunc("GET /doc", func(w http.ResponseWriter, r *http.Request) {
		ord, err := s.DocByID(r.URL.Query().Get("id"))
		if err != nil {
			w.WriteHeader(http.StatusNotFound)
			render(w, "notfound", &data{L: l, Dir: dir, Message: "There is no document with that doc_id."})
			return
		}
		http.Redirect(w, r, l.Doc(ord), http.StatusFound)
	})
	mux.HandleFunc("GET /speaker/{n}", page("speaker", func(r *http.Request) (*data, error) {
		n, err := pathInt(r)
		if err != nil {
			return nil, err
		}
		return st.speaker(l, n, pageNum(r))
	}))
	mux.HandleFunc("GET /entity/{n}", page("entity", func(r *http.Request) (*data, error) {
		n, err := pathInt(r)
		if err != nil {
			return nil, err
		}
		return st.entity(l, n, pageNum(r))
	}))
	for _, which := range []string{"speakers", "entities"} {
		mux.HandleFunc("GET /"+which, page("names", func(r *http.Request) (*data, error) { return st.names(l, which, pageNum(r)) }))
	}
	mux.HandleFunc("GET /docs", page("docs", func(r *http.Request) (*data, error) { return st.docs(l, r.URL.Query(), pageNum(r)) }))
	mux.HandleFunc("GET /search", page("search", func(r *http.Request) (*data, error) { return st.search(l, r.URL.Query(), pageNum(r)) }))
	mux.HandleFunc("GET /errors", page("errors", func(r *http.Request) (*data, error) { return st.errors(l, r.URL.Query(), pageNum(r)) }))
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "read-only", http.StatusMethodNotAllowed)
			return
		}
		w.WriteHeader(http.StatusNotFound)
		render(w, "notfound", &data{L: l, Dir: dir, Message: "No such page."})
	})
	allowed := allowedHosts(opt.Addr)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if allowed != nil && !allowed(r.Host) {
			http.Error(w, "this server answers only requests for its own address", http.StatusMisdirectedRequest)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "read-only", http.StatusMethodNotAllowed)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// allowedHosts returns the Host header check for a server listening on
// addr, or nil for no check (empty addr).
func allowedHosts(addr string) func(host string) bool {
	if addr == "" {
		return nil
	}
	lhost, port, err := net.SplitHostPort(addr)
	if err != nil {
		return func(string) bool { return false }
	}
	lip := net.ParseIP(lhost)
	unspecified := lhost == "" || lip != nil && lip.IsUnspecified()
	return func(host string) bool {
		h, p, err := net.SplitHostPort(host)
		if err != nil || p != port {
			return false
		}
		h = strings.ToLower(h)
		switch {
		case h == "localhost", h == "127.0.0.1", h == "::1":
			return true
		case unspecified:
			return net.ParseIP(h) != nil
		default:
			return h == strings.ToLower(lhost)
		}
	}
}
