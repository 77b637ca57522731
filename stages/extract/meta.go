package extract

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is the page metadata gathered in one walk over the tree, before the
// sources are weighed against each other.
type meta struct {
	ld        []ldArticle       // article objects from JSON-LD, in page order
	tags      map[string]string // first content of each <meta> property/name/itemprop, keys lower-cased
	canonical string            // <link rel=canonical href>
	title     string            // <title>
	h1        string            // first <h1>
	times     []string          // datetime attributes of <time> elements, datePublished ones first
	bylines   []string          // text of rel=author / itemprop=author / byline elements
}

// ldArticle holds the fields newsmill reads from one JSON-LD article object.
type ldArticle struct {
	headline, published, url, site string
	authors                        []string
}

// Meta keys in order of preference for each field.
var (
	titleKeys = []string{"og:title", "twitter:title", "headline", "dc.title", "parsely-title", "sailthru.title"}
	siteKeys  = []string{"og:site_name", "application-name", "al:android:app_name", "al:ios:app_name"}
	dateKeys  = []string{
		"article:published_time", "article:published", "og:article:published_time", "og:published_time",
		"datepublished", "article.published", "published_time", "publish-date", "publishdate", "pubdate",
		"parsely-pub-date", "sailthru.date", "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date",
		"date", "original-publish-date", "displaydate", "article_date_original", "datecreated",
	}
	authorKeys = []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "cxenseparse:author"}
	urlKeys    = []string{"og:url", "twitter:url"}
)

// readMeta walks the tree once and collects every metadata source. The walk
// recurses, which is safe because x/net/html refuses trees deeper than 512.
func readMeta(root *html.Node) *meta {
	m := &meta{tags: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					m.ld = append(m.ld, parseLD(n.FirstChild.Data)...)
				}
				return
			case atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Meta:
				content := strings.TrimSpace(attr(n, "content"))
				for _, k := range []string{"property", "name", "itemprop"} {
					if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" && content != "" {
						if _, seen := m.tags[key]; !seen {
							m.tags[key] = content
						}
					}
				}
				return
			case atom.Link:
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
				return
			case atom.Title:
				if m.title == "" && (n.Parent == nil || n.Parent.DataAtom != atom.Svg) {
					m.title = collapse(innerText(n))
				}
				return
			case atom.H1:
				if m.h1 == "" {
					m.h1 = collapse(innerText(n))
				}
			case atom.Time:
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					if strings.EqualFold(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate") {
						m.times = append([]string{dt}, m.times...)
					} else {
						m.times = append(m.times, dt)
					}
				}
			}
			if isByline(n) && len(m.bylines) < 8 {
				if s := collapse(innerText(n)); s != "" && len(s) < 120 {
					m.bylines = append(m.bylines, s)
				}
				return
			}
			if prop := attr(n, "itemprop"); prop != "" && n.DataAtom != atom.Meta {
				// Microdata on visible elements: <span itemprop="datePublished" content=...>.
				key := strings.ToLower(prop)
				if _, seen := m.tags[key]; !seen {
					if v := strings.TrimSpace(attr(n, "content")); v != "" {
						m.tags[key] = v
					} else if v := strings.TrimSpace(attr(n, "datetime")); v != "" {
						m.tags[key] = v
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return m
}

// isByline reports whether n names the article's author in visible text.
func isByline(n *html.Node) bool {
	if hasToken(attr(n, "rel"), "author") || strings.EqualFold(attr(n, "itemprop"), "author") {
		return true
	}
	c := strings.ToLower(attr(n, "class"))
	return strings.Contains(c, "byline") && !strings.Contains(c, "date") && !strings.Contains(c, "time")
}

// article weighs the sources: JSON-LD first, then <meta> tags, then <time>
// elements and bylines, then <title> and <h1>.
func (m *meta) article() Article {
	var a Article
	for _, ld := range m.ld {
		a.Title = first(a.Title, ld.headline)
		a.Site = first(a.Site, ld.site)
		a.URL = first(a.URL, ld.url)
		if a.Published.IsZero() {
			a.Published, _ = parseDate(ld.published)
		}
		if len(a.Authors) == 0 {
			a.Authors = ld.authors
		}
	}
	a.Title = first(a.Title, m.tag(titleKeys))
	a.Site = first(a.Site, m.tag(siteKeys))
	// The canonical link outranks an article's self-declared url, which is
	// sometimes the site's home page.
	a.URL = first(m.canonical, a.URL, m.tag(urlKeys))
	if a.Published.IsZero() {
		for _, k := range dateKeys {
			if t, ok := parseDate(m.tags[k]); ok {
				a.Published = t
				break
			}
		}
	}
	if a.Published.IsZero() {
		for _, s := range m.times {
			if t, ok := parseDate(s); ok {
				a.Published = t
				break
			}
		}
	}
	if len(a.Authors) == 0 {
		for _, k := range authorKeys {
			if a.Authors = splitAuthors(m.tags[k]); len(a.Authors) > 0 {
				break
			}
		}
	}
	if len(a.Authors) == 0 {
		for _, b := range m.bylines {
			if a.Authors = splitAuthors(b); len(a.Authors) > 0 {
				break
			}
		}
	}
	a.Title = first(a.Title, stripSiteName(m.title, a.Site), m.h1)
	a.Title = collapse(a.Title)
	a.Site = collapse(a.Site)
	return a
}

// tag returns the first non-empty <meta> value among keys.
func (m *meta) tag(keys []string) string {
	for _, k := range keys {
		if v := m.tags[k]; v != "" {
			return v
		}
	}
	return ""
}

// first returns the first non-empty string.
func first(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// stripSiteName removes a " | Site" or " - Site" suffix from a <title>.
func stripSiteName(title, site string) string {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: "} {
		if i := strings.LastIndex(title, sep); i > 0 {
			head, tail := title[:i], title[i+len(sep):]
			if site == "" || strings.EqualFold(strings.TrimSpace(tail), site) || len(tail) < len(head)/2 {
				return head
			}
		}
	}
	return title
}

// parseLD decodes one JSON-LD script and returns the article objects in it,
// looking inside @graph, arrays and nested objects. Invalid JSON yields none.
func parseLD(src string) []ldArticle {
	src = strings.TrimSpace(src)
	src = strings.TrimPrefix(src, "<!--")
	src = strings.TrimSuffix(src, "-->")
	src = strings.TrimPrefix(strings.TrimSpace(src), "//<![CDATA[")
	src = strings.TrimSuffix(strings.TrimSpace(src), "//]]>")
	// Raw line breaks inside strings are invalid JSON but common; outside
	// strings they are whitespace, so blanking them is always safe.
	src = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, src)
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return nil
	}
	var out []ldArticle
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if isArticleType(x["@type"]) {
				out = append(out, ldFields(x))
			}
			for k, e := range x {
				if k == "@graph" || k == "mainEntity" || k == "mainEntityOfPage" || k == "itemListElement" {
					visit(e, depth+1)
				}
			}
		}
	}
	visit(v, 0)
	return out
}

// isArticleType reports whether a JSON-LD @type (a string or a list of
// them) names a kind of article.
func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		if i := strings.LastIndexAny(x, "/:"); i >= 0 {
			x = x[i+1:]
		}
		return strings.HasSuffix(x, "Article") || x == "BlogPosting" || x == "LiveBlogPosting" || x == "Report"
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldFields reads the fields newsmill uses from one JSON-LD article object.
func ldFields(x map[string]any) ldArticle {
	a := ldArticle{
		headline:  first(str(x["headline"]), str(x["name"])),
		published: first(str(x["datePublished"]), str(x["dateCreated"])),
		url:       first(str(x["url"]), ldID(x["mainEntityOfPage"])),
		site:      ldName(x["publisher"]),
	}
	for _, n := range ldNames(x["author"]) {
		a.authors = appendAuthors(a.authors, splitAuthors(n)...)
	}
	if len(a.authors) == 0 {
		for _, n := range ldNames(x["creator"]) {
			a.authors = appendAuthors(a.authors, splitAuthors(n)...)
		}
	}
	return a
}

// str returns v when it is a string, and the first string of a list.
func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		if len(x) > 0 {
			return str(x[0])
		}
	}
	return ""
}

// ldID returns the @id of an object, or v itself when it is a string.
func ldID(v any) string {
	if m, ok := v.(map[string]any); ok {
		return str(m["@id"])
	}
	return str(v)
}

// ldName returns the name of an object, or v itself when it is a string.
func ldName(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return str(x["name"])
	case []any:
		if len(x) > 0 {
			return ldName(x[0])
		}
	case string:
		return x
	}
	return ""
}

// ldNames returns the names in a JSON-LD author value: a string, an object
// with a name, or a list of either.
func ldNames(v any) []string {
	switch x := v.(type) {
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldNames(e)...)
		}
		return out
	case map[string]any:
		if n := str(x["name"]); n != "" {
			return []string{n}
		}
	case string:
		return []string{x}
	}
	return nil
}

// splitAuthors turns a byline or author field into names: it drops a "By"
// prefix and trailing roles, splits on "and", "&", commas and semicolons
// and rejects values that are URLs or too long to be names.
func splitAuthors(s string) []string {
	s = collapse(s)
	if s == "" || strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || len(s) > 200 {
		return nil
	}
	for _, p := range []string{"By ", "by ", "BY ", "Written by ", "Words by ", "Von "} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.NewReplacer(" and ", ",", " & ", ",", ";", ",", "|", ",").Replace(s)
	var out []string
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		words := strings.Fields(part)
		if len(words) == 0 || len(words) > 5 || strings.ContainsAny(part, "@:/0123456789") {
			continue
		}
		out = appendAuthors(out, part)
	}
	return out
}

// appendAuthors appends names to list, skipping ones already present, and
// keeps at most 20.
func appendAuthors(list []string, names ...string) []string {
	for _, n := range names {
		dup := false
		for _, have := range list {
			if strings.EqualFold(have, n) {
				dup = true
				break
			}
		}
		if !dup && len(list) < 20 {
			list = append(list, n)
		}
	}
	return list
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n has the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// hasToken reports whether the space-separated list s contains tok,
// ignoring case.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// innerText returns the text below n, skipping scripts and styles, without
// collapsing whitespace.
func innerText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
