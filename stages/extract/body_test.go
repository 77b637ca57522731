package extract

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// newsPage is a page with the usual boilerplate around a three-paragraph
// article with a subheading.
const newsPage = `<!DOCTYPE html><html lang="en-gb"><head><title>Bridge reopens | Town Times</title>
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body>
<div class="cookie-notice">We use cookies to improve your experience. Accept all cookies?</div>
<header><a href="/">Town Times</a><nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="page">
 <main>
  <article>
   <h1>Bridge reopens</h1>
   <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
   <div class="article-body">
    <p>The old   bridge over the river reopened on Tuesday after   two years of repairs, the council said.</p>
    <figure><img src="b.jpg"><figcaption>The bridge, seen from the north bank, in May.</figcaption></figure>
    <p>Engineers replaced the deck, strengthened the piers, and repainted the railings, at a cost of four million pounds.</p>
    <h2>Traffic</h2>
    <p>Buses will use the bridge again from next week, though lorries over ten tonnes remain banned, officials said.</p>
    <div class="newsletter-signup"><p>Sign up for our daily newsletter, delivered every morning, free of charge.</p><form><input></form></div>
   </div>
   <div class="related-articles"><h3>Related</h3><ul>
    <li><a href="/a">Council approves new budget for the coming year</a></li>
    <li><a href="/b">River levels rise after a week of heavy rain</a></li></ul></div>
  </article>
  <section id="comments"><p>Great news, finally, I have waited so long for this, said one reader.</p></section>
 </main>
 <aside><p>Most read: a long list of other stories, with commas, and more commas, to tempt the scorer.</p></aside>
</div>
<footer><p>Copyright Town Times, all rights reserved, 2024.</p></footer>
</body></html>`

func TestBoilerplateRemoval(t *testing.T) {
	a, err := HTML([]byte(newsPage), "")
	if err != nil {
		t.Fatal(err)
	}
	want := "The old bridge over the river reopened on Tuesday after two years of repairs, the council said.\n\n" +
		"Engineers replaced the deck, strengthened the piers, and repainted the railings, at a cost of four million pounds.\n\n" +
		"Traffic\n\n" +
		"Buses will use the bridge again from next week, though lorries over ten tonnes remain banned, officials said."
	if a.Text != want {
		t.Errorf("Text =\n%s\nwant\n%s", a.Text, want)
	}
	if a.Title != "Bridge reopens" {
		t.Errorf("Title = %q", a.Title)
	}
}

func TestBodyShapes(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + ", which is a sentence long enough to count as article text, with commas, " +
			"and which goes on for a while so that a few of them make an article.</p>"
	}
	tests := []struct {
		name string
		html string
		want []string // paragraphs expected, in order
		not  []string // substrings that must not appear
	}{
		{
			name: "itemprop articleBody wins over a longer list of teasers",
			html: `<div class="teasers">` + strings.Repeat(`<div class="teaser">`+para("Teaser")+`</div>`, 6) + `</div>` +
				`<div itemprop="articleBody">` + para("One") + para("Two") + para("Three") + `</div>`,
			want: []string{"One, which", "Two, which", "Three, which"},
			not:  []string{"Teaser"},
		},
		{
			name: "article split into sections around an ad is rejoined",
			html: `<div id="story"><div class="part">` + strings.Repeat(para("First"), 4) + `</div>` +
				`<div class="ad-slot">Advertisement</div><div class="part2">` + para("Second") + para("Third") + `</div></div>`,
			want: []string{"First, which", "First, which", "First, which", "First, which", "Second, which", "Third, which"},
			not:  []string{"Advertisement"},
		},
		{
			name: "br-separated text, entities and non-breaking spaces",
			html: `<div class="content"><p>Line one of the story, with a comma, and some more words to count.<br>` +
				`Line two&nbsp;&amp; more, with another comma, and enough words to matter here.</p></div>`,
			want: []string{"Line one of the story", "Line two & more"},
		},
		{
			name: "a table row is one paragraph, its cells separated by spaces",
			html: `<article>` + para("Standings") + `<table><tr><th>Pos.</th><th>Driver</th><th>Points</th></tr>` +
				`<tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr></table></article>`,
			want: []string{"Standings, which", "Pos. Driver Points", "1 Kyle Busch 5040"},
		},
		{
			name: "link lists inside the article are dropped",
			html: `<article>` + para("Body") + `<ul><li><a href="/1">Other story one</a></li><li><a href="/2">Other story two</a></li></ul>` +
				para("More") + `</article>`,
			want: []string{"Body, which", "More, which"},
			not:  []string{"Other story"},
		},
		{
			name: "a page-wide wrapper with an unlikely name is kept when it is mostly prose",
			html: `<div class="theme-sticky-sidebar-wrapper"><nav class="menu"><a href="/">Home</a></nav>` +
				`<div>` + para("Kept") + para("Also kept") + para("Third") + `</div></div>` +
				`<div class="sidebar"><p>Subscribe to our newsletter today, it is free, and it is good.</p></div>`,
			want: []string{"Kept, which", "Also kept, which", "Third, which"},
			not:  []string{"Subscribe"},
		},
		{
			name: "an article inside a wrapper with a boilerplate name is found on the second try",
			html: `<div class="layout share-enabled">` + para("Found") + para("Also found") + `</div>`,
			want: []string{"Found, which", "Also found, which"},
		},
		{
			name: "class names from blog taxonomies do not prune the article",
			html: `<article class="post tag-social-media category-comments">` + para("Kept") + para("Also kept") + `</article>`,
			want: []string{"Kept, which", "Also kept, which"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := HTML([]byte("<html><body>"+tt.html+"</body></html>"), "")
			if err != nil {
				t.Fatal(err)
			}
			paras := strings.Split(a.Text, "\n\n")
			if len(paras) != len(tt.want) {
				t.Fatalf("got %d paragraphs, want %d:\n%s", len(paras), len(tt.want), a.Text)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(paras[i], w) {
					t.Errorf("paragraph %d = %q, want prefix %q", i, paras[i], w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(a.Text, n) {
					t.Errorf("text contains %q:\n%s", n, a.Text)
				}
			}
		})
	}
}

func TestPathologicalHTML(t *testing.T) {
	tests := []struct {
		name string
		page string
		want string // substring of the text; "" means ErrNoText
	}{
		{"100,000 nested divs", strings.Repeat("<div>", 100000) + "deep text, with words." + strings.Repeat("</div>", 100000), "deep text, with words."},
		{"100,000 unclosed inline tags", "<p>start</p>" + strings.Repeat("<b>", 100000) + "bold text, the end.", "bold text, the end."},
		{"empty", "", ""},
		{"only scripts", "<script>alert(1)</script><style>p{}</style>", ""},
		{"binary junk", "\x00\xff\xfe<\x01>\x80", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := HTML([]byte(tt.page), "")
			if tt.want == "" {
				if !errors.Is(err, ErrNoText) {
					t.Errorf("err = %v, text %q; want ErrNoText", err, a.Text)
				}
				return
			}
			if err != nil || !strings.Contains(a.Text, tt.want) {
				t.Errorf("got %q, %v; want text containing %q", a.Text, err, tt.want)
			}
			if !utf8.ValidString(a.Text) {
				t.Error("invalid UTF-8")
			}
		})
	}
}

// TestRetries checks that bodyText retries with relaxed rules when the
// strict result misses the page's paragraphs, and counts the passes.
func TestRetries(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + " is a sentence long enough to count as article text, with commas, " +
			"and it goes on for a while so that a few of them make an article.</p>"
	}
	article := para("One") + para("Two") + para("Three") + para("Four")
	tests := []struct {
		name    string
		html    string
		retries int
		want    string // a paragraph that must be kept
	}{
		{"plain article, no retry", `<article>` + article + `</article>`, 0, "Four is"},
		{"article in a wrapper named for sharing", `<div class="share-enabled">` + article + `</div><div><p>Short note.</p></div>`, 1, "Four is"},
		{"article in a site builder's form", `<form id="aspnetForm"><div class="main">` + article + `</div></form><p>Copyright, 2024, all rights.</p>`, 2, "Three is"},
		{"article in a header", `<header>` + article + `</header>`, 2, "One is"},
	}
	for _, tt := range tests {
		a, _ := HTML([]byte("<html><body>"+tt.html+"</body></html>"), "")
		if a.Retries != tt.retries || !strings.Contains(a.Text, tt.want) {
			t.Errorf("%s: retries %d, text %q; want %d retries and %q", tt.name, a.Retries, a.Text, tt.retries, tt.want)
		}
	}
}
