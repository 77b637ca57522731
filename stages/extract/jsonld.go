package extract

import (
	"encoding/json"
	"strings"
)

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
		desc:      first(str(x["description"]), str(x["abstract"])),
		section:   str(x["articleSection"]),
		keywords:  strs(x["keywords"]),
		image:     d.imageURL(x["image"], 0),
		modified:  str(x["dateModified"]),
	}
	d.authors(x["author"], &a, 0)
	if len(a.persons)+len(a.orgs) == 0 {
		d.authors(x["creator"], &a, 0)
	}
	return a
}

// imageURL returns the URL of a JSON-LD image value: a URL, an
// ImageObject (url or contentUrl), a reference to one, or a list of these
// (the first that has one).
func (d *ldDoc) imageURL(v any, depth int) string {
	if depth > 4 {
		return ""
	}
	switch x := d.resolve(v).(type) {
	case string:
		return strings.TrimSpace(x)
	case map[string]any:
		return first(str(x["url"]), str(x["contentUrl"]))
	case []any:
		for _, e := range x {
			if u := d.imageURL(e, depth+1); u != "" {
				return u
			}
		}
	}
	return ""
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
