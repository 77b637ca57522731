package main

import (
	"context"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/extract"
)

// breadcrumb reads the page's breadcrumb trail ("World › Europe") into a
// documents column, querying with goquery the tree the extract stage
// already parsed: run extract with --stage-opt extract.keep-page=true. It
// keeps no state, so it is safe for concurrent use; it costs one selector
// match over the page.
type breadcrumb struct{}

// crumbs selects the items of the usual breadcrumb markups: schema.org
// microdata, ARIA-labelled navs and class names.
const crumbs = `[itemtype$="BreadcrumbList"] [itemprop="name"], nav[aria-label*="readcrumb"] a, .breadcrumb a, .breadcrumbs a`

func (breadcrumb) Process(ctx context.Context, d *pipeline.Doc) error {
	page := extract.Query(d)
	if page == nil {
		return nil // a plain-text input, or extract without keep-page
	}
	var trail []string
	page.Find(crumbs).Each(func(_ int, s *goquery.Selection) {
		if t := strings.Join(strings.Fields(s.Text()), " "); t != "" && !strings.EqualFold(t, "home") {
			trail = append(trail, t)
		}
	})
	if len(trail) > 0 {
		d.Fields = d.Fields.Set("breadcrumb", strings.Join(trail, " › "))
	}
	return nil
}

func init() {
	pipeline.Register(pipeline.Spec{
		Name:        "breadcrumb",
		Description: "the page's breadcrumb trail, read with goquery from the tree extract kept (extract.keep-page=true)",
		Requires:    []string{"text"},
		Provides:    []string{"breadcrumb"},
		Columns: []pipeline.Column{{Table: pipeline.TableDocuments, Name: "breadcrumb", Type: pipeline.String,
			Description: "breadcrumb items after Home, joined by ›"}},
		New: func(opts pipeline.Options) (pipeline.Stage, error) { return breadcrumb{}, opts.Known() },
	})
}
