package extract

import (
	"slices"
	"testing"
	"time"
)

// TestPageMeta reads description, section, tags, image, modified time and
// domain from the shapes real pages use; each is empty when absent.
func TestPageMeta(t *testing.T) {
	type want struct {
		desc, section, image, domain string
		tags                         []string
		modified                     time.Time
	}
	tests := []struct {
		name, head, pageURL string
		want                want
	}{
		{
			name: "nothing declared",
			want: want{},
		},
		{
			name: "JSON-LD NewsArticle (WordPress/Yoast graph with an ImageObject reference)",
			head: `<script type="application/ld+json">{"@graph":[{"@type":"ImageObject","@id":"https://n.example/#img","url":"https://n.example/a.jpg"},
				{"@type":"NewsArticle","headline":"H","description":"The lead.","articleSection":["Politics","World"],
				"keywords":"budget, council,  Budget ","image":{"@id":"https://n.example/#img"},"dateModified":"2024-03-06T10:00:00+01:00"}]}</script>
				<link rel="canonical" href="https://www.n.example/politics/h">`,
			want: want{desc: "The lead.", section: "Politics", image: "https://n.example/a.jpg", domain: "n.example",
				tags: []string{"budget", "council"}, modified: time.Date(2024, 3, 6, 9, 0, 0, 0, time.UTC)},
		},
		{
			name:    "JSON-LD keywords list and image list of strings",
			head:    `<script type="application/ld+json">{"@type":"Article","keywords":["Floods","Weather"],"image":["/big.jpg","/small.jpg"]}</script>`,
			pageURL: "https://Www.Paper.example:8443/x",
			want:    want{image: "https://Www.Paper.example:8443/big.jpg", domain: "paper.example", tags: []string{"Floods", "Weather"}},
		},
		{
			name: "OpenGraph article tags (one meta each), section and updated time",
			head: `<meta property="og:description" content="OG lead &amp;amp; more"><meta name="description" content="plain">
				<meta property="article:section" content="Sport"><meta property="article:tag" content="Football">
				<meta property="article:tag" content="Premier League"><meta property="og:image" content="https://cdn.example/p.png">
				<meta property="og:updated_time" content="2023-05-01T12:00:00Z"><meta property="og:url" content="https://m.site.example/s">`,
			want: want{desc: "OG lead & more", section: "Sport", image: "https://cdn.example/p.png", domain: "m.site.example",
				tags: []string{"Football", "Premier League"}, modified: time.Date(2023, 5, 1, 12, 0, 0, 0, time.UTC)},
		},
		{
			name: "news_keywords and Twitter card; relative image resolved against the canonical URL",
			head: `<meta name="news_keywords" content="elections; polls|turnout"><meta name="twitter:description" content="Tw lead">
				<meta name="twitter:image" content="img/t.jpg"><link rel="canonical" href="https://www.b.example/news/2024/x.html">`,
			want: want{desc: "Tw lead", image: "https://www.b.example/news/2024/img/t.jpg", domain: "b.example",
				tags: []string{"elections", "polls", "turnout"}},
		},
		{
			name: "parse.ly tags, image_src link, <time> marked as updated",
			head: `<meta name="parsely-tags" content="a,b"><meta name="parsely-section" content="Business"><link rel="image_src" href="https://x.example/i.gif">`,
			want: want{section: "Business", image: "https://x.example/i.gif", tags: []string{"a", "b"},
				modified: time.Date(2021, 7, 8, 0, 0, 0, 0, time.UTC)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := ""
			if tt.want.modified.Year() == 2021 {
				body = `<time class="updated" datetime="2021-07-08">8 July</time>`
			}
			got, err := HTML(page(tt.head, body, "en"), tt.pageURL)
			if err != nil {
				t.Fatal(err)
			}
			w := tt.want
			if got.Description != w.desc || got.Section != w.section || got.Image != w.image || got.Domain != w.domain ||
				!slices.Equal(got.Tags, w.tags) || !got.Modified.Equal(w.modified) {
				t.Errorf("got desc %q section %q image %q domain %q tags %q modified %v\nwant %+v",
					got.Description, got.Section, got.Image, got.Domain, got.Tags, got.Modified, w)
			}
		})
	}
}
