package extract

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is the page metadata gathered in one walk over the tree, before the
// sources are weighed against each other.
type meta struct {
	ld        []ldArticle       // article objects from JSON-LD, in page order
	ldLang    string            // the first inLanguage anywhere in JSON-LD
	tags      map[string]string // first content of each <meta> property/name/itemprop/http-equiv, keys lower-cased
	htmlLang  string            // <html lang> or xml:lang
	canonical string            // <link rel=canonical href>
	title     string            // <title>
	h1        string            // first <h1>
	times     []string          // <time> datetimes (or texts): published ones first, modified ones last
	bylines   []string          // text of rel=author / itemprop=author / byline elements
}

// ldArticle holds the fields newsmill reads from one JSON-LD article object.
type ldArticle struct {
	headline, published, url, site, lang string
	persons, orgs                        []string // authors that are people, and organisations
}

// Meta keys in order of preference for each field.
var (
	titleKeys = []string{"og:title", "twitter:title", "headline", "dc.title", "parsely-title", "sailthru.title"}
	siteKeys  = []string{"og:site_name", "application-name", "al:android:app_name", "al:ios:app_name"}
	dateKeys  = []string{
		"article:published_time", "article:published", "og:article:published_time", "og:published_time",
		"datepublished", "article.published", "published_time", "publish-date", "publishdate", "pubdate",
		"parsely-pub-date", "sailthru.date", "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date",
		"dcterms.issued", "date", "original-publish-date", "displaydate", "article_date_original", "datecreated",
	}
	authorKeys = []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
		"dcterms.creator", "byl", "cxenseparse:author"}
	urlKeys  = []string{"og:url", "twitter:url"}
	langKeys = []string{"content-language", "language", "dc.language", "dcterms.language", "inlanguage"}
)

// readMeta walks the tree once and collects every metadata source. The walk
// recurses, which is safe because x/net/html refuses trees deeper than 512.
func readMeta(root *html.Node) *meta {
	m := &meta{tags: map[string]string{}}
	var modified []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				m.htmlLang = first(attr(n, "lang"), attr(n, "xml:lang"))
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					arts, lang := parseLD(n.FirstChild.Data)
					m.ld = append(m.ld, arts...)
					m.ldLang = first(m.ldLang, lang)
				}
				return
			case atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Meta:
				content := strings.TrimSpace(attr(n, "content"))
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
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
				dt := first(attr(n, "datetime"), collapse(innerText(n)))
				prop := strings.ToLower(attr(n, "itemprop") + " " + attr(n, "class"))
				switch {
				case dt == "":
				case strings.Contains(prop, "published") || hasAttr(n, "pubdate"):
					m.times = append([]string{dt}, m.times...)
				case strings.Contains(prop, "modified") || strings.Contains(prop, "updated"):
					modified = append(modified, dt)
				default:
					m.times = append(m.times, dt)
				}
			}
			if isByline(n) && len(m.bylines) < 8 {
				if s := collapse(innerText(n)); s != "" && len(s) < 160 {
					m.bylines = append(m.bylines, s)
				}
				return
			}
			if prop := attr(n, "itemprop"); prop != "" && n.DataAtom != atom.Meta {
				// Microdata on visible elements: <span itemprop="datePublished" content=...>.
				key := strings.ToLower(prop)
				if _, seen := m.tags[key]; !seen {
					if v := first(attr(n, "content"), attr(n, "datetime")); v != "" {
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
	m.times = append(m.times, modified...)
	return m
}

// isByline reports whether n names the article's author in visible text:
// rel=author, itemprop=author, or a class naming a byline or author name
// (but not an author's biography, picture or the date beside the name).
func isByline(n *html.Node) bool {
	if hasToken(attr(n, "rel"), "author") || strings.EqualFold(attr(n, "itemprop"), "author") {
		return true
	}
	c := strings.ToLower(attr(n, "class"))
	if c == "" {
		return false
	}
	for _, not := range []string{"date", "time", "bio", "image", "img", "avatar", "photo", "pic", "follow", "social"} {
		if strings.Contains(c, not) {
			return false
		}
	}
	for _, yes := range []string{"byline", "authorname", "author-name", "author_name", "article-author", "story-author"} {
		if strings.Contains(c, yes) {
			return true
		}
	}
	return hasToken(c, "author") || hasToken(c, "authors")
}

// article weighs the sources: JSON-LD first, then OpenGraph and other <meta>
// tags, then <time> elements and bylines, then <title> and <h1>.
func (m *meta) article() Article {
	var a Article
	var dates []string
	var persons, orgs []string
	for _, ld := range m.ld {
		a.Title = first(a.Title, ld.headline)
		a.Site = first(a.Site, ld.site)
		a.URL = first(a.URL, ld.url)
		a.Language = first(a.Language, normaliseLang(ld.lang))
		dates = append(dates, ld.published)
		if len(persons) == 0 {
			persons = ld.persons
		}
		if len(orgs) == 0 {
			orgs = ld.orgs
		}
	}
	a.Site = clean(first(a.Site, m.tag(siteKeys)))
	a.Title = first(a.Title, m.tag(titleKeys))
	// The canonical link outranks an article's self-declared url, which is
	// sometimes the site's home page.
	a.URL = first(m.canonical, a.URL, m.tag(urlKeys))
	for _, k := range dateKeys {
		dates = append(dates, m.tags[k])
	}
	a.Published = pickDate(append(dates, m.times...))
	a.Language = first(a.Language, normaliseLang(m.ldLang), normaliseLang(m.htmlLang),
		normaliseLang(m.tags["og:locale"]), normaliseLang(m.tag(langKeys)))

	// Authors: people named in JSON-LD, then <meta> author tags, then
	// visible bylines, and only then organisations named as authors in
	// JSON-LD. The site itself is never an author.
	a.Authors = withoutSite(persons, a.Site)
	for _, k := range authorKeys {
		if len(a.Authors) > 0 {
			break
		}
		a.Authors = withoutSite(splitAuthors(m.tags[k]), a.Site)
	}
	for _, b := range m.bylines {
		if len(a.Authors) > 0 {
			break
		}
		a.Authors = withoutSite(splitAuthors(b), a.Site)
	}
	if len(a.Authors) == 0 {
		a.Authors = withoutSite(orgs, a.Site)
	}
	a.Title = clean(first(stripSiteName(a.Title, a.Site, false), stripSiteName(m.title, a.Site, true), m.h1))
	return a
}

// clean collapses s's whitespace and decodes character references left in
// it: metadata is often escaped twice ("&amp;#8216;").
func clean(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return collapse(s)
}

// withoutSite returns names without the site itself and its sections
// ("CNN", "CNN Business" on CNN), ignoring case.
func withoutSite(names []string, site string) []string {
	site = strings.ToLower(site)
	if site == "" {
		return names
	}
	out := names[:0:0]
	for _, n := range names {
		if l := strings.ToLower(n); l != site && !strings.HasPrefix(l, site+" ") {
			out = append(out, n)
		}
	}
	return out
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

// first returns the first non-empty string, trimmed.
func first(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// stripSiteName removes a " | Site" or " - Site" suffix from a title. The
// suffix must equal site unless loose is set (for <title>, which nearly
// always carries one): then any suffix under half the length of the rest goes.
func stripSiteName(title, site string, loose bool) string {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: "} {
		if i := strings.LastIndex(title, sep); i > 0 {
			head, tail := title[:i], strings.TrimSpace(title[i+len(sep):])
			if (site != "" && strings.EqualFold(tail, site)) || (loose && (site == "" || len(tail) < len(head)/2)) {
				return head
			}
		}
	}
	return title
}

// normaliseLang turns a language value as pages write it ("en_US",
// "EN-gb", "en-US,en;q=0.9", "English") into a BCP 47 tag with the usual
// casing ("en-US", "en-GB", "en"), or "" when it is not one. Subtags after
// the first malformed one are dropped.
func normaliseLang(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",; .@"); i >= 0 {
		s = s[:i]
	}
	if name, ok := langNames[strings.ToLower(s)]; ok {
		return name
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 || len(parts[0]) < 2 || len(parts[0]) > 3 || !isASCIILetters(parts[0]) {
		return ""
	}
	out := strings.ToLower(parts[0])
	if out == "und" || out == "mul" || out == "zxx" {
		return ""
	}
	for i, p := range parts[1:] {
		switch {
		case i == 0 && len(p) == 4 && isASCIILetters(p): // script
			out += "-" + strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		case len(p) == 2 && isASCIILetters(p): // region
			out += "-" + strings.ToUpper(p)
		case len(p) == 3 && strings.Trim(p, "0123456789") == "": // UN M.49 region
			out += "-" + p
		default:
			return out
		}
	}
	return out
}

// langNames maps the English names some sites put in a language <meta>.
var langNames = map[string]string{
	"english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it", "portuguese": "pt",
	"dutch": "nl", "russian": "ru", "chinese": "zh", "japanese": "ja", "arabic": "ar", "korean": "ko",
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

// parseLD decodes one JSON-LD script and returns the article objects in it,
// looking inside @graph, arrays and nested objects, plus the first
// inLanguage found on any object. References by "@id" to other objects of
// the same script (as Yoast's graphs use for authors and publishers) are
// resolved. Invalid JSON yields nothing.
func parseLD(src string) ([]ldArticle, string) {
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
		return nil, ""
	}
	ld := ldDoc{ids: map[string]map[string]any{}}
	ld.index(v, 0)
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
				out = append(out, ld.fields(x))
			}
			for k, e := range x {
				if k == "@graph" || k == "mainEntity" || k == "mainEntityOfPage" || k == "itemListElement" {
					visit(e, depth+1)
				}
			}
		}
	}
	visit(v, 0)
	return out, ld.lang
}

// ldDoc is one decoded JSON-LD script: its objects by @id, and the first
// language any of them names.
type ldDoc struct {
	ids  map[string]map[string]any
	lang string
}

// index records every object with an @id and more than an @id, and the
// first inLanguage, down to depth 8.
func (d *ldDoc) index(v any, depth int) {
	if depth > 8 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			d.index(e, depth+1)
		}
	case map[string]any:
		if id := str(x["@id"]); id != "" && len(x) > 1 {
			if _, seen := d.ids[id]; !seen {
				d.ids[id] = x
			}
		}
		if d.lang == "" {
			d.lang = ldLangOf(x["inLanguage"])
		}
		for _, e := range x {
			d.index(e, depth+1)
		}
	}
}

// ldLangOf reads an inLanguage value: a tag, or a Language object with
// the tag as alternateName.
func ldLangOf(v any) string {
	if m, ok := v.(map[string]any); ok {
		return first(str(m["alternateName"]), str(m["name"]))
	}
	return str(v)
}

// resolve returns the object v refers to when v is a bare {"@id": ...}
// reference to an object of the script, and v otherwise.
func (d *ldDoc) resolve(v any) any {
	if m, ok := v.(map[string]any); ok && len(m) == 1 {
		if t, ok := d.ids[str(m["@id"])]; ok {
			return t
		}
	}
	return v
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

// fields reads the fields newsmill uses from one JSON-LD article object.
func (d *ldDoc) fields(x map[string]any) ldArticle {
	a := ldArticle{
		headline:  first(str(x["headline"]), str(x["name"])),
		published: first(str(x["datePublished"]), str(x["dateCreated"])),
		url:       first(str(x["url"]), ldID(x["mainEntityOfPage"])),
		site:      first(d.name(x["publisher"]), d.name(x["isPartOf"])),
		lang:      ldLangOf(x["inLanguage"]),
	}
	d.authors(x["author"], &a, 0)
	if len(a.persons)+len(a.orgs) == 0 {
		d.authors(x["creator"], &a, 0)
	}
	return a
}

// authors adds the names in a JSON-LD author value (a string, an object
// with a name, a reference to one, or a list of these) to a: organisations
// to a.orgs, people and plain strings to a.persons.
func (d *ldDoc) authors(v any, a *ldArticle, depth int) {
	if depth > 4 {
		return
	}
	switch x := d.resolve(v).(type) {
	case []any:
		for _, e := range x {
			d.authors(e, a, depth+1)
		}
	case map[string]any:
		n := str(x["name"])
		if n == "" {
			n = strings.TrimSpace(str(x["givenName"]) + " " + str(x["familyName"]))
		}
		if isOrgType(x["@type"]) {
			a.orgs = appendAuthors(a.orgs, collapse(n))
		} else {
			a.persons = appendAuthors(a.persons, splitAuthors(n)...)
		}
	case string:
		a.persons = appendAuthors(a.persons, splitAuthors(x)...)
	}
}

// isOrgType reports whether a JSON-LD @type names an organisation.
func isOrgType(t any) bool {
	s := strings.Join(strs(t), " ")
	return strings.Contains(s, "Organization") || strings.Contains(s, "Organisation") || strings.Contains(s, "Corporation")
}

// name returns the name of an object or of the object a reference points
// to, or v itself when it is a string.
func (d *ldDoc) name(v any) string {
	switch x := d.resolve(v).(type) {
	case map[string]any:
		return str(x["name"])
	case []any:
		if len(x) > 0 {
			return d.name(x[0])
		}
	case string:
		return x
	}
	return ""
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

// strs returns the strings in v, a string or a list.
func strs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldID returns the @id of an object, or v itself when it is a string.
func ldID(v any) string {
	if m, ok := v.(map[string]any); ok {
		return str(m["@id"])
	}
	return str(v)
}

// bylineCuts end the names part of a byline: what follows is a date, a
// role or an outlet.
var bylineCuts = []string{" | ", " - ", " – ", " — ", "•", "·", "Updated", "Published", "Posted", "UPDATED", "PUBLISHED"}

// bylinePrefixes introduce the names of a byline.
var bylinePrefixes = []string{"written by:", "written by ", "posted by:", "posted by ", "words by ", "words:", "by:", "by ", "authors:", "author:", "von "}

// agencies are news agencies credited beside or instead of writers.
var agencies = wordSet("reuters", "associated press", "the associated press", "ap", "afp", "agence france-presse",
	"agence france presse", "pa", "pa media", "press association", "bloomberg", "dpa", "efe", "xinhua", "ansa",
	"upi", "cnn wire", "aap", "kyodo", "anadolu")

// calendarWords are the English day and month names that follow a name
// when a byline runs into its date.
var calendarWords = wordSet("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"mon", "tue", "wed", "thu", "fri", "sat", "sun", "january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
	"jul", "aug", "sep", "sept", "oct", "nov", "dec")

// roleWords mark a part of a byline that is a job title, not a name.
var roleWords = wordSet("staff", "reporter", "reporters", "correspondent", "editor", "writer", "writers",
	"columnist", "contributor", "journalist", "producer", "analyst", "photographer", "team", "desk", "agencies",
	"newsroom", "bureau", "special")

// splitAuthors turns a byline or author field into names. It cuts the
// byline at a date or outlet separator ("By Ann Lee | Reuters", "By Ann Lee
// Updated 5 May"), drops a "By" prefix, splits on "and", "&", commas and
// semicolons, removes " in Place" suffixes ("Ann Lee in Kyiv") and drops
// parts that are job titles, contain digits or @, or are not capitalised.
// News agencies are kept only when no writer is named. It returns nil for
// URLs and overlong values.
func splitAuthors(s string) []string {
	s = clean(s)
	if s == "" || strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || len(s) > 200 {
		return nil
	}
	for _, c := range bylineCuts {
		if i := strings.Index(s, c); i > 0 {
			s = s[:i]
		}
	}
	for _, p := range bylinePrefixes {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = strings.TrimSpace(s[len(p):])
		}
	}
	// "Analysis by Ann Lee", "Opinion by Ann Lee": the names follow "by".
	if i := strings.Index(strings.ToLower(s), " by "); i > 0 && wordCount(s[:i]) <= 2 {
		s = s[i+4:]
	}
	s = strings.NewReplacer(" and ", ",", " And ", ",", " AND ", ",", " & ", ",", ";", ",", " with ", ",").Replace(s)
	var names, credits []string
	for _, part := range strings.Split(s, ",") {
		part = strings.Trim(part, " .")
		if i := strings.Index(part, " in "); i > 0 {
			if r, _ := utf8.DecodeRuneInString(part[i+4:]); unicode.IsUpper(r) {
				part = part[:i]
			}
		}
		words := strings.Fields(part)
		for len(words) > 2 && calendarWords[strings.ToLower(strings.Trim(words[len(words)-1], ".,"))] {
			words = words[:len(words)-1] // "Ann Lee Monday": the date follows
		}
		part = strings.Join(words, " ")
		if len(words) == 0 || len(words) > 5 || strings.ContainsAny(part, "@:/0123456789") {
			continue
		}
		r, _ := utf8.DecodeRuneInString(part)
		if !unicode.IsLetter(r) || unicode.IsLower(r) {
			continue
		}
		if agencies[strings.ToLower(part)] {
			credits = append(credits, part)
			continue
		}
		role := false
		for _, w := range strings.FieldsFunc(strings.ToLower(part), notAlnum) {
			role = role || roleWords[w]
		}
		if !role {
			names = appendAuthors(names, part)
		}
	}
	if len(names) == 0 {
		return appendAuthors(nil, credits...)
	}
	return names
}

// appendAuthors appends names to list, skipping empty ones and ones already
// present, and keeps at most 20.
func appendAuthors(list []string, names ...string) []string {
	for _, n := range names {
		dup := n == ""
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
