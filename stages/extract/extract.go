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
	"sort"
	"strings"
	"time"

	"github.com/newsmill/newsmill/pipeline"
)

// Article is what extraction finds in one page. Zero fields were not found.
type Article struct {
	Title     string
	Published time.Time // UTC
	Authors   []string
	Site      string
	URL       string // canonical URL, when the page names one
	Language  string // BCP 47 tag such as "en" or "en-GB", when the page declares one
	Text      string // the body: paragraphs separated by "\n\n"
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
		New:         New,
	})
}

// Stage is the pipeline stage "extract". It has no state, so it is safe for
// concurrent use. Each Process call costs one extraction (see HTML and Text).
type Stage struct{}

// New builds the extract stage. The stage takes no options; New rejects any
// it is given so that a typo does not pass silently.
func New(opts pipeline.Options) (pipeline.Stage, error) {
	if len(opts) > 0 {
		keys := make([]string, 0, len(opts))
		for k := range opts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return nil, fmt.Errorf("extract takes no options (got %s)", strings.Join(keys, ", "))
	}
	return Stage{}, nil
}

// Process extracts d. With d.HTML set it parses the page, sets d.Text to the
// article body, releases d.HTML, and fills Title, Published, Authors, Site,
// URL and Language where the source left them empty. Without HTML it cleans d.Text
// with Text. A document left with no text fails with ErrNoText.
func (Stage) Process(ctx context.Context, d *pipeline.Doc) error {
	var a Article
	if d.HTML != nil {
		a, _ = HTML(d.HTML, d.URL) // an empty body is reported below
		d.HTML = nil
		d.ExtractRetries = a.Retries
	} else {
		a = Text(d.Text)
	}
	d.Text = a.Text
	if d.Title == "" {
		d.Title = a.Title
	}
	if d.Published.IsZero() {
		d.Published = a.Published
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
	if d.Text == "" {
		return ErrNoText
	}
	return nil
}
