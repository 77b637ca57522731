package extract

import (
	"strings"
	"testing"
)

// storyParas are the four paragraphs and the subheading of the article that
// TestDropped surrounds with boilerplate; storyText is how they must come
// out: one paragraph per block, the heading on its own, blank lines between.
var storyParas = []string{
	"The city council voted on Tuesday to close the old harbour bridge to cars, ending months of argument over its future, officials said.",
	"Engineers had warned that the deck, built in 1931, could no longer carry heavy traffic, and repairs would cost more than a new crossing.",
	"What happens next",
	"Cyclists and pedestrians will still be able to use the bridge, which will be resurfaced over the summer, according to the plan.",
	"A public meeting on the design of a replacement is due in the autumn, and residents have been invited to send in their ideas, the council said.",
}

var storyText = strings.Join(storyParas, "\n\n")

// story renders the article with extra markup inserted after the second
// paragraph (mid) and after the last one (end), inside <article>, and
// outside markup before and after the article's container.
func story(before, mid, end, after string) []byte {
	return []byte(`<!DOCTYPE html><html><head><title>Bridge to close | Harbour News</title></head><body>` +
		`<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>` + before +
		`<main><article><h1>Bridge to close</h1><div class="article-body">` +
		`<p>` + storyParas[0] + `</p><p>` + storyParas[1] + `</p>` + mid +
		`<h2>` + storyParas[2] + `</h2><p>` + storyParas[3] + `</p><p>` + storyParas[4] + `</p>` + end +
		`</div></article>` + after + `</main><footer><p>© Harbour News, all rights reserved.</p></footer></body></html>`)
}

func TestDropped(t *testing.T) {
	longComments := strings.Repeat(`<li class="comment"><p>I have lived here for forty years, and frankly, this is the best
		news I have heard, though I worry about the cost, the delays, and the noise of the works.</p></li>`, 30)
	tests := []struct {
		name                    string
		before, mid, end, after string
		dropped                 string // text that must not appear
	}{
		// Captions.
		{name: "figcaption", mid: `<figure><img src="b.jpg"><figcaption>The bridge at dawn, seen from the north bank. Photo: Ann Lee</figcaption></figure>`, dropped: "dawn"},
		{name: "WordPress caption", mid: `<div class="wp-caption"><img src="b.jpg"><p class="wp-caption-text">The bridge at dawn, seen from the north bank, last May.</p></div>`, dropped: "dawn"},
		{name: "camelCase caption and credit", mid: `<div class="InlineImage-wrapper"><img src="b.jpg"><div class="InlineImage-imageEmbedCaption">The bridge at dawn, seen from the north bank, last May.</div><div class="InlineImage-imageEmbedCredit">Ann Lee | Harbour News</div></div>`, dropped: "dawn"},
		{name: "caption span in a picture paragraph", mid: `<div class="photo"><p class="withoutCaption"><img src="b.jpg"></p><span class="newsCaption">The bridge at dawn, seen from the north bank <span class="caption">(Image: Ann Lee)</span></span></div>`, dropped: "dawn"},
		{name: "caption and credit spans", mid: `<div class="media"><img src="b.jpg"><span class="caption-text">The bridge at dawn, seen from the north bank.</span><span class="image-credit">Ann Lee / Harbour News</span></div>`, dropped: "dawn"},
		// Pull quotes.
		{name: "blockquote pull quote", mid: `<blockquote class="pullquote"><p>Could no longer carry heavy traffic, and repairs would cost more</p></blockquote>`, dropped: "Could no longer"},
		{name: "aside pull quote", mid: `<aside class="pull-quote">“It could no longer carry heavy traffic,” the engineers said.</aside>`, dropped: "the engineers said"},
		{name: "div pull quote", mid: `<div class="article__pullquote"><p>“It could no longer carry heavy traffic,” the engineers said in their report.</p></div>`, dropped: "the engineers said"},
		// Related links.
		{name: "related box", end: `<div class="related-articles"><h3>Related</h3><ul><li><a href="/a">Council approves budget for the coming year</a></li><li><a href="/b">River levels rise after a week of rain</a></li></ul></div>`, dropped: "Council approves"},
		{name: "bare list of links", mid: `<ul><li><a href="/a">Council approves budget for the coming year</a></li><li><a href="/b">River levels rise after a week of rain</a></li></ul>`, dropped: "Council approves"},
		{name: "read more line", mid: `<p><strong>Read more:</strong> <a href="/a">Council approves budget for the coming year after long debate</a></p>`, dropped: "Council approves"},
		{name: "more stories after the article", after: `<section class="more-stories"><h2>More stories</h2>` + strings.Repeat(`<div class="teaser"><p>River levels rise again after a week of heavy rain, flooding roads, fields and homes.</p></div>`, 3) + `</section>`, dropped: "River levels"},
		{name: "closing list of other stories under a heading", end: `<hr><div class="heading-h3">More Great Stories</div><ul><li>Ferries must unionize, <a href="/f">no matter what owners say</a></li><li>Could a lost swimmer <a href="/s">use the tide to get home</a>?</li></ul>`, dropped: "Ferries"},
		// Share bars.
		{name: "share bar", mid: `<div class="share-bar"><a href="#">Share on Facebook</a><a href="#">Share on X</a><button>Copy link</button></div>`, dropped: "Share"},
		{name: "social list", end: `<ul class="social-links"><li><a href="#">Facebook</a></li><li><a href="#">WhatsApp</a></li></ul>`, dropped: "WhatsApp"},
		{name: "sharing toolbar text", mid: `<div class="sharing">Share this article</div>`, dropped: "Share this"},
		// Comment sections.
		{name: "comments section", after: `<section id="comments"><h2>Comments</h2><p>Great news, finally, I have waited so long for this, said one reader.</p></section>`, dropped: "Great news"},
		{name: "long comment list", after: `<div class="comments-area"><ol class="comment-list">` + longComments + `</ol></div>`, dropped: "forty years"},
		{name: "disqus", after: `<div id="disqus_thread"><p>Comments are loading, please wait while we fetch them for you.</p></div>`, dropped: "Comments are"},
		// Cookie notices.
		{name: "cookie banner", before: `<div class="cookie-banner"><p>We use cookies to improve your experience on our site, and to show you relevant advertising. By continuing you agree.</p><button>Accept</button></div>`, dropped: "cookies"},
		{name: "consent manager", before: `<div id="onetrust-consent-sdk"><div class="ot-sdk-container"><p>We and our partners store and access information on your device, such as cookies, for personalised ads and content.</p></div></div>`, dropped: "cookies"},
		{name: "GDPR notice inside the article", mid: `<div class="gdpr-notice"><p>This content is blocked until you accept cookies, which we and our partners use to measure audiences.</p></div>`, dropped: "cookies"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := HTML(story(tt.before, tt.mid, tt.end, tt.after), "")
			if err != nil {
				t.Fatal(err)
			}
			if a.Text != storyText {
				t.Errorf("text =\n%s\n\nwant\n%s", a.Text, storyText)
			}
			if strings.Contains(a.Text, tt.dropped) {
				t.Errorf("text contains %q", tt.dropped)
			}
		})
	}
}

// TestKept checks content that looks like boilerplate in one way or another
// but belongs to the article.
func TestKept(t *testing.T) {
	tests := []struct {
		name, mid, kept string
		atEnd           bool // mid goes after the last paragraph instead
	}{
		{
			name: "quotation in a plain blockquote",
			mid:  `<blockquote><p>“We cannot keep patching it up forever, and the money is better spent on a new crossing,” the mayor told reporters.</p></blockquote>`,
			kept: "“We cannot keep patching it up forever, and the money is better spent on a new crossing,” the mayor told reporters.",
		},
		{
			name:  "subheading that starts like a related-stories marker but is followed by prose",
			mid:   `<h2>More arrests expected</h2><p>Police said on Wednesday that more arrests were expected in the coming weeks, as detectives examine footage from the night of the closure and interview witnesses.</p>`,
			kept:  "More arrests expected\n\nPolice said on Wednesday that more arrests were expected in the coming weeks, as detectives examine footage from the night of the closure and interview witnesses.",
			atEnd: true,
		},
		{
			name:  "same, followed by a one-line paragraph",
			mid:   `<h2>More arrests expected</h2><p>Police declined to comment.</p>`,
			kept:  "More arrests expected\n\nPolice declined to comment.",
			atEnd: true,
		},
		{
			name: "embedded post",
			mid:  `<blockquote class="twitter-tweet"><p lang="en">The bridge closes to cars from Monday. Walkers and cyclists welcome. <a href="https://t.co/x">pic.twitter.com/x</a></p>— Harbour Council (@harbour) <a href="https://x.example/1">May 5, 2024</a></blockquote>`,
			kept: "The bridge closes to cars from Monday. Walkers and cyclists welcome. pic.twitter.com/x\n\n— Harbour Council (@harbour) May 5, 2024",
		},
		{
			name: "paragraph that is mostly one long link but ends as prose",
			mid:  `<p>The bridge was <a href="/x">closed to lorries in 2019 after an inspection found cracks in two of its piers</a> last spring.</p>`,
			kept: "The bridge was closed to lorries in 2019 after an inspection found cracks in two of its piers last spring.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, want := story("", tt.mid, "", ""), strings.Join(append(append(append([]string{}, storyParas[:2]...), tt.kept), storyParas[2:]...), "\n\n")
			if tt.atEnd {
				page, want = story("", "", tt.mid, ""), storyText+"\n\n"+tt.kept
			}
			a, err := HTML(page, "")
			if err != nil {
				t.Fatal(err)
			}
			if a.Text != want {
				t.Errorf("text =\n%s\n\nwant\n%s", a.Text, want)
			}
		})
	}
}
