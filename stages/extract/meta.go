package extract

import (
	"strings"

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
	modified  []string          // <time> elements marked as modified or updated
	tagList   []string          // every article:tag <meta>, in page order
	imageLink string            // <link rel=image_src href>
}

// ldArticle holds the fields newsmill reads from one JSON-LD article object.
type ldArticle struct {
	headline, published, url, site, lang string
	desc, section, image, modified       string
	keywords                             []string
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
	descKeys = []string{"og:description", "twitter:description", "description", "dc.description",
		"dcterms.description", "sailthru.description"}
	sectionKeys = []string{"article:section", "og:article:section", "section", "article.section",
		"parsely-section", "category"}
	keywordKeys  = []string{"news_keywords", "keywords", "parsely-tags", "sailthru.tags"}
	imageKeys    = []string{"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "thumbnail"}
	modifiedKeys = []string{"article:modified_time", "og:updated_time", "article:modified", "datemodified",
		"modified_time", "dcterms.modified", "dc.date.modified", "last-modified", "lastmod"}
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
				if p := strings.ToLower(attr(n, "property")); (p == "article:tag" || p == "og:article:tag") && content != "" && len(m.tagList) < maxTags {
					m.tagList = append(m.tagList, content)
				}
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
					if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" && content != "" {
						if _, seen := m.tags[key]; !seen {
							m.tags[key] = content
						}
					}
				}
				return
			case atom.Link:
				switch rel := attr(n, "rel"); {
				case m.canonical == "" && hasToken(rel, "canonical"):
					m.canonical = strings.TrimSpace(attr(n, "href"))
				case m.imageLink == "" && hasToken(rel, "image_src"):
					m.imageLink = strings.TrimSpace(attr(n, "href"))
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
	m.modified = modified
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
