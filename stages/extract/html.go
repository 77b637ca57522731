package extract

import (
	"bytes"
	"errors"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML extracts the article from one HTML page. pageURL, when known, is the
// address the page was fetched from; relative canonical URLs are resolved
// against it. Pages that are not valid UTF-8 are decoded with the charset
// they declare, or failing that the one they read best in (see toUTF8).
//
// Pages nested deeper than x/net/html accepts (512 open elements) are read as
// a flat token stream and cleaned like plain text. When no article text is
// found, HTML returns the metadata it found and ErrNoText. It is safe for
// concurrent use.
// It costs one parse of the page plus a few linear passes over the tree:
// a few milliseconds for a typical 100 kB news page.
func HTML(page []byte, pageURL string) (Article, error) {
	a, _, err := extractHTML(page, pageURL, nil)
	return a, err
}

// extractHTML is HTML with per-site rules (nil for none). It also returns
// the parsed tree, nil for a page read as a flat token stream.
func extractHTML(page []byte, pageURL string, rules siteRules) (Article, *html.Node, error) {
	page = toUTF8(page)
	root, err := html.Parse(bytes.NewReader(page))
	var a Article
	if err != nil {
		root = nil
		a = flatText(page)
	} else {
		a = readMeta(root).article()
		a.URL = resolveURL(pageURL, a.URL)
		a.Image = resolveURL(first(a.URL, pageURL), a.Image)
		a.Domain = first(domainOf(a.URL), domainOf(pageURL))
		ok := false
		if r := rules.lookup(a.Domain); r != nil || rules.lookup(domainOf(pageURL)) != nil {
			if r == nil {
				r = rules.lookup(domainOf(pageURL))
			}
			a.Text, ok = r.apply(root, a.Title)
		}
		if !ok {
			a.Text, a.Retries = bodyText(root, a.Title)
		}
	}
	if a.Text == "" {
		return a, root, ErrNoText
	}
	return a, root, nil
}

// ErrNoText is returned by HTML for a page without article text.
var ErrNoText = errors.New("no article text found")

// resolveURL resolves ref against base. It returns ref unchanged when either
// does not parse, and "" when ref is empty.
func resolveURL(base, ref string) string {
	if ref == "" || base == "" {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}

// flatText reads a page the tree parser rejected as a stream of tokens:
// script and style contents are skipped, block elements break paragraphs,
// and the result is cleaned with Text. The title comes from <title> unless
// Text finds a better one.
func flatText(page []byte) Article {
	z := html.NewTokenizer(bytes.NewReader(page))
	var p paragraphs
	var title strings.Builder
	var skip atom.Atom // the element whose contents are being skipped
	inTitle := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			a := Text(strings.Join(p.done(), "\n\n"))
			if a.Title == "" {
				a.Title = collapse(title.String())
			}
			return a
		case html.TextToken:
			switch {
			case inTitle:
				title.Write(z.Text())
			case skip == 0:
				p.write(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Title:
				inTitle = true
			case skip == 0 && (a == atom.Script || a == atom.Style || a == atom.Noscript || a == atom.Template || a == atom.Svg):
				skip = a
			case blockTags[a]:
				p.end()
			case cellTags[a]:
				p.write(" ")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Title:
				inTitle = false
			case a == skip:
				skip = 0
			case blockTags[a]:
				p.end()
			}
		}
	}
}
