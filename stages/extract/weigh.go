package extract

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

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
	pub := pickReading(append(dates, m.times...))
	a.Published, a.PublishedOffset, a.PublishedPrecision = pub.t.UTC(), pub.offset(), pub.precision()
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
	m.extra(&a)
	return a
}

// extra fills the description, section, tags, image and modified time,
// each from JSON-LD first, then <meta> tags, then links and <time>.
func (m *meta) extra(a *Article) {
	var desc, section, image string
	var keywords []string
	modified := make([]string, 0, len(m.ld)+len(modifiedKeys)+len(m.modified))
	for _, ld := range m.ld {
		desc = first(desc, ld.desc)
		section = first(section, ld.section)
		image = first(image, ld.image)
		if len(keywords) == 0 {
			keywords = ld.keywords
		}
		modified = append(modified, ld.modified)
	}
	a.Description = clean(first(desc, m.tag(descKeys)))
	a.Section = clean(first(section, m.tag(sectionKeys)))
	a.Image = first(image, m.tag(imageKeys), m.imageLink)
	switch {
	case len(keywords) > 0:
	case len(m.tagList) > 0:
		keywords = m.tagList
	default:
		keywords = []string{m.tag(keywordKeys)}
	}
	a.Tags = splitTags(keywords)
	for _, k := range modifiedKeys {
		modified = append(modified, m.tags[k])
	}
	a.Modified = pickDate(append(modified, m.modified...))
}

// maxTags bounds the tags kept for one page.
const maxTags = 50

// splitTags splits keyword values at commas and semicolons (and "|"),
// cleans each tag, and drops empty ones and repeats (ignoring case). It
// returns nil when no tag is left.
func splitTags(values []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range values {
		for _, t := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
			t = clean(t)
			if k := strings.ToLower(t); t != "" && !seen[k] && len(out) < maxTags {
				seen[k] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// domainOf returns the host of rawURL, lower-cased, without a port and a
// leading "www."; "" when rawURL has no host.
func domainOf(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
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
