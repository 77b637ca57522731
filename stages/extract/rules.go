package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"github.com/newsmill/newsmill/pipeline"
)

// SiteRule is how to extract the pages of one site, as a rules file gives
// it: Body selects the article body (every match, in page order), Remove
// selects elements to delete first (related links, bios, comments: the
// role of trafilatura's prune XPath). Selectors are CSS, as goquery
// (cascadia) reads them.
type SiteRule struct {
	Body   string   `json:"body" yaml:"body"`
	Remove []string `json:"remove" yaml:"remove"`
}

// rule is a SiteRule with its selectors compiled.
type rule struct {
	domain string
	body   cascadia.Sel // nil: the usual scoring picks the body
	remove []cascadia.Sel
}

// siteRules maps a domain (lower-case, without "www.") to its rule. A page
// uses the rule of its domain or of the nearest parent domain that has
// one. It is read-only after loadRules, so safe for concurrent use.
type siteRules map[string]*rule

// loadRules reads a rules file: a JSON or YAML object (by extension: .json,
// or .yaml/.yml) mapping domains to SiteRules. Every selector is compiled
// here, so a bad one fails the run before any page is read.
func loadRules(path string) (siteRules, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var file map[string]SiteRule
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		err = dec.Decode(&file)
	case ".yaml", ".yml":
		dec := yaml.NewDecoder(bytes.NewReader(raw))
		dec.KnownFields(true)
		err = dec.Decode(&file)
	default:
		return nil, fmt.Errorf("rules file %s: want a .json, .yaml or .yml file", path)
	}
	if err != nil {
		return nil, fmt.Errorf("rules file %s: %w", path, err)
	}
	rules := make(siteRules, len(file))
	domains := make([]string, 0, len(file))
	for d := range file {
		domains = append(domains, d)
	}
	sort.Strings(domains)
	for _, d := range domains {
		sr := file[d]
		key := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(d)), "www.")
		r := &rule{domain: key}
		if sr.Body != "" {
			if r.body, err = cascadia.Parse(sr.Body); err != nil {
				return nil, fmt.Errorf("rules file %s: %s: body %q: %w", path, d, sr.Body, err)
			}
		}
		for _, s := range sr.Remove {
			sel, err := cascadia.Parse(s)
			if err != nil {
				return nil, fmt.Errorf("rules file %s: %s: remove %q: %w", path, d, s, err)
			}
			r.remove = append(r.remove, sel)
		}
		rules[key] = r
	}
	return rules, nil
}

// lookup returns the rule for domain or its nearest parent domain, or nil.
func (rs siteRules) lookup(domain string) *rule {
	for domain != "" {
		if r := rs[domain]; r != nil {
			return r
		}
		_, domain, _ = strings.Cut(domain, ".")
	}
	return nil
}

// apply deletes the rule's Remove matches from the tree rooted at root and
// returns the text of its Body matches, or "" (and false) when the rule
// has no Body selector or it matches no text.
func (r *rule) apply(root *html.Node, title string) (string, bool) {
	for _, sel := range r.remove {
		for _, n := range cascadia.QueryAll(root, sel) {
			if n.Parent != nil {
				n.Parent.RemoveChild(n)
			}
		}
	}
	if r.body == nil {
		return "", false
	}
	var p paragraphs
	for _, n := range cascadia.QueryAll(root, r.body) {
		renderAll(&p, n)
		p.end()
	}
	text := joinParagraphs(p.done(), title)
	return text, text != ""
}

// renderAll writes the visible text below n to p, one paragraph per block,
// dropping only what never holds text (hardDropTags).
func renderAll(p *paragraphs, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		p.write(n.Data)
		return
	case html.ElementNode:
		if hardDropTags[n.DataAtom] {
			return
		}
	}
	block := blockTags[n.DataAtom]
	if block {
		p.end()
	}
	if cellTags[n.DataAtom] {
		p.write(" ")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		renderAll(p, c)
	}
	if block {
		p.end()
	}
	if cellTags[n.DataAtom] {
		p.write(" ")
	}
}

// Query returns the page the extract stage parsed for d as a goquery
// document, for custom stages that read something of their own from it (a
// breadcrumb, a kicker, a paywall flag), or nil when the stage did not keep
// it: build the extract stage with keep-page=true. Wrapping the tree costs
// no parse; the tree must not be modified, since other documents' stages
// do not share it but later stages of this one may read it.
func Query(d *pipeline.Doc) *goquery.Document {
	if d.Page == nil {
		return nil
	}
	return goquery.NewDocumentFromNode(d.Page)
}
