package main

import (
	"context"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
)

// TestBreadcrumb runs extract with keep-page=true and the breadcrumb stage
// on a page with schema.org breadcrumb microdata.
func TestBreadcrumb(t *testing.T) {
	page := `<html><body><ol itemscope itemtype="https://schema.org/BreadcrumbList">
<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/"><span itemprop="name">Home</span></a></li>
<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/world"><span itemprop="name">World</span></a></li>
<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><span itemprop="name">Europe</span></li></ol>
<article><p>The council met on Monday, and agreed to cut spending on roads, parks and libraries by a third, officials said.</p></article></body></html>`
	build := func(name string, opts pipeline.Options) pipeline.Stage {
		spec, ok := pipeline.Lookup(name)
		if !ok {
			t.Fatalf("stage %q not registered", name)
		}
		st, err := spec.New(opts)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	ex, bc := build("extract", pipeline.Options{"keep-page": "true"}), build("breadcrumb", nil)
	d := pipeline.Doc{HTML: []byte(page)}
	for _, st := range []pipeline.Stage{ex, bc} {
		if err := st.Process(context.Background(), &d); err != nil {
			t.Fatal(err)
		}
	}
	if got := d.Fields["breadcrumb"]; got != "World › Europe" {
		t.Errorf("breadcrumb = %v, want World › Europe", got)
	}
}
