// Package extract is newsmill's first stage: it turns a raw page (HTML, or a
// plain-text page dump) into clean article text plus the article's title,
// publication time, authors, site, canonical URL and language.
//
// HTML pages are decoded to UTF-8 (by their declared charset, or the one
// they read best in) and parsed once with golang.org/x/net/html; metadata
// and body are read from the same tree. Metadata comes from JSON-LD, then
// OpenGraph and other <meta> tags, then <time> elements and bylines, in that
// order of trust; times are returned in UTC, and languages as BCP 47 tags.
// The body is found by readability-style content scoring: elements whose tag,
// role or class mark them as navigation, sharing bars, related links,
// comments, captions, pull quotes or cookie notices are dropped, paragraphs
// are scored by length and commas, and the best-scored block is widened to
// the part of the page that is still mostly prose. Plain text is cleaned of
// mastheads, date lines, repeated headlines, media-player debris and
// trailing lists of related headlines.
//
// The text this package returns has one paragraph per block (headings
// included, each on its own), paragraphs separated by exactly one blank line
// ("\n\n"), and is valid UTF-8.
//
// The package registers the pipeline stage "extract".
package extract

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/newsmill/newsmill/pipeline"
)

// Article is what extraction finds in one page. Zero fields were not found.
type Article struct {
	Title     string
	Published time.Time // UTC
	// PublishedOffset is the UTC offset the page gave with Published
	// ("+02:00"), "" when it gave none; PublishedPrecision is
	// pipeline.PrecisionDay for a date without a time of day,
	// PrecisionSecond otherwise, "" when Published is zero.
	PublishedOffset, PublishedPrecision string
	Authors                             []string
	Site                                string
	URL                                 string // canonical URL, when the page names one
	Language                            string // BCP 47 tag such as "en" or "en-GB", when the page declares one
	Text                                string // the body: paragraphs separated by "\n\n"
	// Description is the lead or summary the page declares, Section its
	// section, Tags its keywords, Image the URL of its main image (resolved
	// against the page's address), Modified when it was last changed (UTC),
	// and Domain the host of URL, or of the page's address, without "www.".
	Description string
	Section     string
	Tags        []string
	Image       string
	Modified    time.Time
	Domain      string
	// Dropped lists the lines holding letters that Text removed as page
	// debris (see Text); HTML leaves it empty.
	Dropped []string
	// Retries counts the extraction passes run with relaxed rules because
	// the first result looked too short (see HTML).
	Retries int
}

func init() {
	pipeline.Register(pipeline.Spec{
		Name:        "extract",
		Description: "extracts article text, title, date, authors and site from HTML or plain-text page dumps",
		Requires:    []string{"raw"},
		Provides:    []string{"text", "title", "metadata"},
		Options: []pipeline.Option{
			{Name: "clean-jsonl", Default: "false",
				Description: "true cleans JSON Lines text like a .txt page dump; by default it is kept as given, line endings aside"},
			{Name: "rules", Description: "a JSON or YAML file of per-site rules: domain -> {body: CSS selector, remove: [selectors]}"},
			{Name: "keep-page", Default: "false",
				Description: "true keeps the parsed page on the document for later stages (extract.Query), at the cost of its memory"},
		},
		New: New,
	})
}

// Stage is the pipeline stage "extract". It is not changed after New, so
// it is safe for concurrent use. Each Process call costs one extraction
// (see HTML and Text).
type Stage struct {
	cleanJSONL bool      // clean JSON Lines text like a page dump
	keepPage   bool      // keep the parsed tree in Doc.Page
	rules      siteRules // per-site rules, nil without a rules file
}

// New builds the extract stage from its options: clean-jsonl=true cleans
// the text of JSON Lines records with Text as .txt inputs are;
// rules=FILE reads per-site rules (see SiteRule), failing on a bad file or
// selector; keep-page=true keeps each page's parsed tree in Doc.Page for
// later stages (see Query). Any other option is rejected so that a typo
// does not pass silently.
func New(opts pipeline.Options) (pipeline.Stage, error) {
	if err := opts.Known("clean-jsonl", "keep-page", "rules"); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	var s Stage
	for _, b := range []struct {
		name string
		p    *bool
	}{{"clean-jsonl", &s.cleanJSONL}, {"keep-page", &s.keepPage}} {
		switch v := opts[b.name]; v {
		case "", "false":
		case "true":
			*b.p = true
		default:
			return nil, fmt.Errorf("extract: option %s=%q: want true or false", b.name, v)
		}
	}
	if path := opts["rules"]; path != "" {
		rules, err := loadRules(path)
		if err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
		s.rules = rules
	}
	return s, nil
}

// Process extracts d. With d.HTML set it parses the page, sets d.Text to the
// article body (by the site's rule when the rules file has one whose body
// selector matches, by scoring otherwise), releases d.HTML (keeping the
// tree in d.Page with keep-page=true, after the rule's removals), counts
// relaxed passes in d.ExtractRetries, and fills Title, Published (with its
// offset, precision and source), Authors, Site, URL, Language and the page
// metadata (Description, Section, Tags, Image, Modified, Domain) where the
// source left them empty. The text of a JSON Lines record is kept as given
// apart from line endings ("\r\n" and "\r" become "\n"), unless the stage
// was built with clean-jsonl=true; other plain text (.txt files) is cleaned
// with Text, and each line Text drops is named in d.Warnings. A document
// left with no text fails with ErrNoText.
func (s Stage) Process(ctx context.Context, d *pipeline.Doc) error {
	var a Article
	if d.HTML != nil {
		var root *html.Node
		a, root, _ = extractHTML(d.HTML, d.URL, s.rules) // an empty body is reported below
		d.HTML = nil
		if s.keepPage {
			d.Page = root
		}
		d.ExtractRetries = a.Retries
	} else if given(d) && !s.cleanJSONL {
		a.Text = NormalizeNewlines(d.Text)
	} else {
		a = Text(d.Text)
		warnDropped(d, a.Dropped)
	}
	d.Text = a.Text
	if d.Title == "" {
		d.Title = a.Title
	}
	if d.Published.IsZero() && !a.Published.IsZero() {
		setPublished(d, &a)
	}
	if len(d.Authors) == 0 {
		d.Authors = a.Authors
	}
	if d.Site == "" {
		d.Site = a.Site
	}
	if d.URL == "" {
		d.URL = a.URL
	}
	if d.Language == "" {
		d.Language = a.Language
	}
	fillPageMeta(d, &a)
	if strings.TrimSpace(d.Text) == "" {
		return ErrNoText
	}
	return nil
}

// setPublished sets d's publication time from the page: in the zone the
// page gave (UTC when it gave none), with its offset, precision and
// source.
func setPublished(d *pipeline.Doc, a *Article) {
	d.Published = a.Published
	if a.PublishedOffset != "" {
		if t, err := time.Parse("-07:00", a.PublishedOffset); err == nil {
			_, off := t.Zone()
			d.Published = a.Published.In(time.FixedZone("", off))
		}
	}
	d.PublishedOffset, d.PublishedPrecision, d.PublishedSource = a.PublishedOffset, a.PublishedPrecision, pipeline.DateFromPage
}

// fillPageMeta copies a's description, section, tags, image, modified
// time and domain into d where the source left them empty; the domain
// falls back to that of d.URL.
func fillPageMeta(d *pipeline.Doc, a *Article) {
	if d.Description == "" {
		d.Description = a.Description
	}
	if d.Section == "" {
		d.Section = a.Section
	}
	if len(d.Tags) == 0 {
		d.Tags = a.Tags
	}
	if d.Image == "" {
		d.Image = a.Image
	}
	if d.Modified.IsZero() {
		d.Modified = a.Modified
	}
	if d.Domain == "" {
		d.Domain = first(a.Domain, domainOf(d.URL))
	}
}

// given reports whether d's text was given by the user in a JSON Lines
// record rather than read from a page dump. The source marks JSON Lines
// documents by their Source, "path:line" (a .txt file's Source is its bare
// path, and WARC records come as HTML).
func given(d *pipeline.Doc) bool {
	i := strings.LastIndexByte(d.Source, ':')
	if i < 0 || i == len(d.Source)-1 {
		return false
	}
	return strings.Trim(d.Source[i+1:], "0123456789") == ""
}

// warnDropped notes in d.Warnings the lines the text cleaner dropped, with
// the first few quoted (each cut to 60 bytes).
func warnDropped(d *pipeline.Doc, lines []string) {
	if len(lines) == 0 {
		return
	}
	shown := make([]string, 0, 3)
	for _, l := range lines[:min(3, len(lines))] {
		if len(l) > 60 {
			l = strings.ToValidUTF8(l[:60], "") + "…"
		}
		shown = append(shown, strconv.Quote(l))
	}
	more := ""
	if len(lines) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(lines)-len(shown))
	}
	d.Warn("extract: dropped %d line(s) of page debris from the text: %s%s", len(lines), strings.Join(shown, ", "), more)
}
