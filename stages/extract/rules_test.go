package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/pipeline"
)

// rulesPage has a body the scorer would take whole, with a bio and a
// related-links block inside it that only the site's rule knows about.
const rulesPage = `<html><head><title>T</title><link rel="canonical" href="https://news.paper.example/a"></head><body>
<nav class="crumbs"><a href="/">Home</a> › <a href="/world">World</a></nav>
<div class="story"><p class="kicker">Exclusive</p>
<p>The council met on Monday, and agreed to cut spending on roads, parks and libraries by a third.</p>
<div class="bio-box"><p>Ann Lee covers the council, and has written for us since 2010, from the town hall.</p></div>
<p>Engineers, who inspected the bridge in May, found cracks in two of the four supports, officials said.</p>
</div></body></html>`

func TestRules(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name, file, content string
		want, not           []string
		err                 string // a substring of New's error, or ""
	}{
		{name: "JSON: remove a bio, body by selector, parent domain matches", file: "r.json",
			content: `{"www.paper.example": {"body": "div.story p:not(.kicker)", "remove": [".bio-box"]}}`,
			want:    []string{"The council met", "Engineers, who"}, not: []string{"Ann Lee", "Exclusive"}},
		{name: "YAML: remove only; scoring picks the body", file: "r.yaml",
			content: "paper.example:\n  remove: [\".bio-box\", \".kicker\"]\n",
			want:    []string{"The council met", "Engineers, who"}, not: []string{"Ann Lee", "Exclusive"}},
		{name: "a body selector that matches nothing falls back to scoring", file: "r.yml",
			content: "paper.example:\n  body: article.none\n", want: []string{"The council met", "Ann Lee"}},
		{name: "another site's rule is not used", file: "o.json",
			content: `{"other.example": {"remove": [".bio-box"]}}`, want: []string{"Ann Lee"}},
		{name: "bad selector", file: "b.json", content: `{"paper.example": {"body": "div[["}}`, err: `body "div[["`},
		{name: "unknown key", file: "k.json", content: `{"paper.example": {"bdy": "div"}}`, err: "bdy"},
		{name: "unknown extension", file: "r.txt", content: `{}`, err: ".json, .yaml or .yml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := New(pipeline.Options{"rules": write(tt.file, tt.content)})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			d := pipeline.Doc{HTML: []byte(rulesPage)}
			if err := st.Process(context.Background(), &d); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(d.Text, w) {
					t.Errorf("text lacks %q: %q", w, d.Text)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(d.Text, n) {
					t.Errorf("text has %q: %q", n, d.Text)
				}
			}
			if d.Page != nil {
				t.Error("Page kept without keep-page")
			}
		})
	}
	if _, err := New(pipeline.Options{"rules": filepath.Join(dir, "missing.json")}); err == nil {
		t.Error("missing rules file: no error")
	}
}

// TestQuery reads a breadcrumb from the kept page with goquery.
func TestQuery(t *testing.T) {
	st, err := New(pipeline.Options{"keep-page": "true"})
	if err != nil {
		t.Fatal(err)
	}
	d := pipeline.Doc{HTML: []byte(rulesPage)}
	if Query(&d) != nil {
		t.Error("Query before extraction: not nil")
	}
	if err := st.Process(context.Background(), &d); err != nil {
		t.Fatal(err)
	}
	q := Query(&d)
	if q == nil {
		t.Fatal("Query = nil with keep-page=true")
	}
	if got := q.Find("nav.crumbs a").Last().Text(); got != "World" {
		t.Errorf("breadcrumb = %q, want World", got)
	}
}
