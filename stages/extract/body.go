package extract

import (
	"math"
	"strings"
	"unicode"

	"github.com/newsmill/newsmill/pipeline"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags start and end a paragraph of output text.
var blockTags = atomSet(
	atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Br, atom.Caption, atom.Center,
	atom.Dd, atom.Details, atom.Div, atom.Dl, atom.Dt, atom.Figcaption, atom.Figure, atom.Footer,
	atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hr, atom.Li,
	atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Summary, atom.Table,
	atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr, atom.Ul,
)

// cellTags are table cells: a table row is one paragraph, its cells
// separated by spaces.
var cellTags = atomSet(atom.Td, atom.Th)

// dropTags never hold article text.
var dropTags = atomSet(
	atom.Aside, atom.Audio, atom.Button, atom.Canvas, atom.Dialog, atom.Embed, atom.Figcaption,
	atom.Figure, atom.Footer, atom.Form, atom.Head, atom.Header, atom.Iframe, atom.Img, atom.Input,
	atom.Label, atom.Link, atom.Menu, atom.Meta, atom.Nav, atom.Noscript, atom.Object, atom.Picture,
	atom.Script, atom.Select, atom.Style, atom.Svg, atom.Template, atom.Textarea, atom.Title, atom.Video,
)

// hardDropTags never hold article text, whatever the page's structure:
// the subset of dropTags that the most relaxed pass still drops.
var hardDropTags = atomSet(
	atom.Audio, atom.Button, atom.Canvas, atom.Embed, atom.Head, atom.Iframe, atom.Img, atom.Input,
	atom.Link, atom.Meta, atom.Noscript, atom.Object, atom.Picture, atom.Script, atom.Select,
	atom.Style, atom.Svg, atom.Template, atom.Textarea, atom.Title, atom.Video,
)

// paraTags are the elements whose own text is scored as a paragraph.
var paraTags = atomSet(atom.P, atom.Pre, atom.Td, atom.Blockquote)

func atomSet(as ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(as))
	for _, a := range as {
		m[a] = true
	}
	return m
}

// Class and id hints, matched against the lower-cased class and id values.
// boilerWords mark boilerplate even inside an element that also looks like
// content ("article-related"); unlikelyWords mark it only when no
// contentWords appear too. Words are matched against whole tokens of the
// attribute (split at anything but letters and digits), stems against
// substrings.
var (
	boilerWords = wordSet("share", "sharing", "social", "related", "newsletter", "newsletters", "comments",
		"comment", "cookie", "cookies", "consent", "outbrain", "taboola", "recirc", "promo", "subscribe",
		"signup", "popular", "trending", "recommended", "recommendations", "tweet",
		"instagram", "advertisement", "advert", "ad", "ads", "adslot", "dfp",
		"breadcrumb", "breadcrumbs", "disqus", "gdpr", "byline", "caption", "credit", "credits",
		"bio", "toolbar", "modal", "popup")
	boilerStems = []string{"newsletter", "outbrain", "taboola", "more-stories", "read-more", "readmore", "most-read", "mostread", "sharebar", "share-bar", "social-", "related-", "-related",
		"pullquote", "pull-quote", "commentbody", "comment-body", "comment-content", "commentlist", "comment-list", "comments-list"}
	unlikelyWords = wordSet("nav", "navbar", "navigation", "menu", "header", "footer", "sidebar", "widget",
		"banner", "masthead", "skip", "pagination", "pager", "meta", "sponsor", "sponsored", "rail", "aside",
		"supplemental", "extra", "login", "utility", "timestamp", "dateline")
	unlikelyStems = []string{"sidebar", "footer", "masthead", "sponsor"}
	contentStems  = []string{"article", "body", "content", "main", "story", "entry", "post", "text", "prose"}
)

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// hintWeight classifies an element by its class and id: -2 for boilerplate,
// -1 for unlikely content, +1 for likely content, 0 for no opinion. Classes
// naming blog tags and categories are ignored.
func hintWeight(n *html.Node) int {
	content, unlikely := false, false
	for _, class := range strings.Fields(attr(n, "class") + " " + attr(n, "id")) {
		lower := strings.ToLower(class)
		if taxonomy(lower) {
			continue
		}
		for _, c := range contentStems {
			if strings.Contains(lower, c) {
				content = true
			}
		}
		for _, st := range boilerStems {
			if strings.Contains(lower, st) {
				return -2
			}
		}
		for _, st := range unlikelyStems {
			if strings.Contains(lower, st) {
				unlikely = true
			}
		}
		for _, tok := range classTokens(class) {
			switch {
			case boilerWords[tok]:
				return -2
			case unlikelyWords[tok]:
				unlikely = true
			}
		}
	}
	switch {
	case unlikely && !content:
		return -1
	case content:
		return 1
	}
	return 0
}

// classTokens splits a class or id into lower-cased words at anything but
// letters and digits and where a lower-case letter meets an upper-case one,
// so that BEM and camelCase names ("InlineImage-imageEmbedCaption") yield
// their words ("inline", "image", "image", "embed", "caption").
func classTokens(class string) []string {
	var out []string
	start := -1
	prev := ' '
	for i, r := range class {
		switch {
		case notAlnum(r):
			if start >= 0 {
				out = append(out, strings.ToLower(class[start:i]))
			}
			start = -1
		case start < 0:
			start = i
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			out = append(out, strings.ToLower(class[start:i]))
			start = i
		}
		prev = r
	}
	if start >= 0 {
		out = append(out, strings.ToLower(class[start:]))
	}
	return out
}

func notAlnum(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// taxonomy reports whether a class names the post's tags or categories, as
// blog engines add to the article element ("tag-social-media"); such
// classes say nothing about the element's role.
func taxonomy(class string) bool {
	for _, p := range []string{"tag-", "category-", "categories-", "post-", "postid-", "topic-"} {
		if strings.HasPrefix(class, p) {
			return true
		}
	}
	return false
}

// stat is what the measuring pass learns about one element: the characters
// of visible text below it (whitespace excluded), how many of them are inside
// links, and its commas. Pruned elements have no stat.
type stat struct {
	text, link, commas int
	good               int  // text of well-formed paragraphs below, see measure
	blockKids          bool // has a block-level child element
	score              float64
	scored             bool
	hint               int
}

// linkDensity is the share of n's text that is link text.
func (s *stat) linkDensity() float64 {
	if s.text == 0 {
		return 0
	}
	return float64(s.link) / float64(s.text)
}

// body finds and renders the article body of one parsed page. It is used
// once per page and is not safe for concurrent use.
type body struct {
	stats map[*html.Node]*stat
	rules rules
}

// rules are how strictly one extraction pass prunes the page.
type rules int

// The passes of bodyText, from strictest to most relaxed.
const (
	strict    rules = iota // drop by tag, role and class hints
	noHints                // drop by tag and role only: class names mislead
	structure              // drop only what never holds text (scripts, forms' controls, media)
)

// bodyText returns the article text of the page rooted at root, without a
// paragraph that repeats title, and how many relaxed passes it ran.
//
// Like readability, it extracts again with relaxed rules when the first
// result looks wrong: shorter than shortText, or holding less than
// runShare of the page's longest run of paragraphs (see proseRun), which
// means the rules removed the element that holds the article. Class names
// mislead both ways, and a page whose article sits in a wrapper named
// "sidebar", or in a <form> or <header> of a site builder, should not come
// out empty. A relaxed result replaces the best so far when it is at least
// twice as long or the first to look right, unless the first result was not
// short and the new one is more than runCap times the run (then it is
// mostly boilerplate: pages laid out without <p> have small runs, so the
// cap waits until the run is what triggered the retry); the passes stop at the
// first result that looks right. The thresholds were chosen by
// leave-one-set-out cross-validation over the five development sets of
// make eval-extract.
func bodyText(root *html.Node, title string) (string, int) {
	text := extractBody(root, title, strict)
	chars := visible(text)
	run := proseRun(root)
	looksRight := func(n int) bool { return n >= shortText && float64(n) >= runShare*float64(run) }
	if looksRight(chars) {
		return text, 0
	}
	limit := math.MaxInt // an empty or short first result takes any longer one
	if chars >= shortText {
		limit = int(runCap * float64(run))
	}
	retries := 0
	for r := noHints; r <= structure; r++ {
		retries++
		again := extractBody(root, title, r)
		n := visible(again)
		if (n >= 2*chars || looksRight(n) && n > chars) && n <= limit {
			text, chars = again, n
		}
		if looksRight(chars) {
			break
		}
	}
	return text, retries
}

// Thresholds of bodyText, in non-space characters and shares of the
// page's longest paragraph run.
const (
	shortText = 200
	runShare  = 0.7
	runCap    = 3.0
)

// visible counts the non-space characters of s.
func visible(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// proseRun returns the most paragraph text that one element of the page
// holds in its child <p> elements, in non-space characters, counting only
// paragraphs of at least 30 characters with few links, whatever their
// class or tag of their ancestors. It is the size of the article a
// correct extraction should come near. It costs one walk of the tree.
func proseRun(root *html.Node) int {
	best := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		run := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || hardDropTags[c.DataAtom] {
				continue
			}
			if c.DataAtom == atom.P {
				text, link := paraText(c, false)
				if text >= 30 && 10*link < 3*text {
					run += text
				}
				continue
			}
			walk(c)
		}
		best = max(best, run)
	}
	walk(root)
	return best
}

// paraText counts the non-space characters below n and those inside links.
func paraText(n *html.Node, inLink bool) (text, link int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			k := visible(c.Data)
			text += k
			if inLink {
				link += k
			}
		case html.ElementNode:
			if !hardDropTags[c.DataAtom] {
				t, l := paraText(c, inLink || c.DataAtom == atom.A)
				text += t
				link += l
			}
		}
	}
	return text, link
}

// extractBody measures, picks and renders the article under rules r.
func extractBody(root *html.Node, title string, r rules) string {
	b := body{stats: make(map[*html.Node]*stat, 1024), rules: r}
	b.measure(root, false)
	top := b.pick(root)
	if top == nil {
		return ""
	}
	var p paragraphs
	for _, n := range b.withSiblings(top) {
		b.render(&p, n, n)
		p.end()
	}
	return joinParagraphs(p.done(), title)
}

// dropped reports whether n, an element, is dropped with everything below
// it whatever its content: by tag, ARIA role or because it is hidden.
func (b *body) dropped(n *html.Node) bool {
	if b.rules == structure {
		return hardDropTags[n.DataAtom] || hasAttr(n, "hidden")
	}
	if dropTags[n.DataAtom] || hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	switch strings.ToLower(attr(n, "role")) {
	case "navigation", "banner", "contentinfo", "complementary", "dialog", "alert", "menu", "search":
		return true
	}
	st := strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", "")
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

// exempt reports whether n is kept whatever its class says: the page
// itself, an element marked as the article body, and embedded posts
// (blockquote class="twitter-tweet"), which quote someone in the article.
func exempt(n *html.Node) bool {
	return n.DataAtom == atom.Body || n.DataAtom == atom.Html || strings.EqualFold(attr(n, "itemprop"), "articleBody") ||
		(n.DataAtom == atom.Blockquote && hasToken(attr(n, "class"), "twitter-tweet"))
}

// prune reports whether n, measured as s, is dropped for its class or id:
// always when they name boilerplate (comments, sharing, related links), and
// when they name something merely unlikely (a rail, a header, a widget)
// unless n is mostly prose paragraphs, as page-wide wrappers with such names
// ("sticky-sidebar-container") are.
func (b *body) prune(n *html.Node, s *stat) bool {
	switch {
	case s.hint >= 0 || exempt(n):
		return false
	case s.hint == -1:
		return s.good < proseMin || 2*s.good < s.text
	}
	return true
}

// proseMin is how much paragraph text (in non-space characters, a few
// paragraphs) makes an element prose rather than navigation.
const proseMin = 400

// measure fills b.stats for n's subtree and returns n's text, link text and
// comma counts. The recursion is bounded by x/net/html's 512-element depth limit.
func (b *body) measure(n *html.Node, inLink bool) (text, link, commas int) {
	switch n.Type {
	case html.TextNode:
		for _, r := range n.Data {
			switch {
			case unicode.IsSpace(r):
			case r == ',' || r == '，' || r == '、':
				commas++
				text++
			default:
				text++
			}
		}
		if inLink {
			link = text
		}
		return text, link, commas
	case html.ElementNode:
		if b.dropped(n) {
			return 0, 0, 0
		}
		s := &stat{hint: hintWeight(n)}
		inLink = inLink || n.DataAtom == atom.A
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			t, l, cm := b.measure(c, inLink)
			s.text += t
			s.link += l
			s.commas += cm
			if c.Type == html.ElementNode {
				if blockTags[c.DataAtom] && c.DataAtom != atom.Br {
					s.blockKids = true
				}
				if cs := b.stats[c]; cs != nil {
					s.good += cs.good
				}
			}
		}
		leaf := !s.blockKids && (n.DataAtom == atom.Div || n.DataAtom == atom.Section)
		if (n.DataAtom == atom.P && s.text >= 30 || leaf && s.text >= 80) && s.linkDensity() < 0.3 {
			s.good = s.text
		}
		if b.rules == strict && b.prune(n, s) {
			return 0, 0, 0
		}
		b.stats[n] = s
		return s.text, s.link, s.commas
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.measure(c, inLink)
		}
	}
	return 0, 0, 0
}

// pick scores the page's paragraphs, credits their ancestors, and returns
// the element most likely to hold the article, or nil for a page without
// text. An element marked itemprop=articleBody with enough text wins outright.
func (b *body) pick(root *html.Node) *html.Node {
	var marked, top *html.Node
	var paras []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			s := b.stats[c]
			if s == nil {
				continue
			}
			if strings.EqualFold(attr(c, "itemprop"), "articleBody") && s.text >= 250 &&
				(marked == nil || s.text > b.stats[marked].text) {
				marked = c
			}
			if paraTags[c.DataAtom] || (!s.blockKids && (c.DataAtom == atom.Div || c.DataAtom == atom.Section)) {
				paras = append(paras, c)
			}
			walk(c)
		}
	}
	walk(root)
	if marked != nil {
		return marked
	}
	var candidates []*html.Node // scored elements, in the order first scored
	for _, p := range paras {
		s := b.stats[p]
		if s.text < 25 {
			continue
		}
		score := 1 + float64(s.commas) + min(float64(s.text)/100, 3)
		anc := p.Parent
		for level := 0; anc != nil && level < 5; level++ {
			as := b.stats[anc]
			if as == nil {
				break
			}
			if !as.scored {
				as.scored = true
				as.score = tagWeight(anc) + 25*float64(as.hint)
				candidates = append(candidates, anc)
			}
			switch level {
			case 0:
				as.score += score
			case 1:
				as.score += score / 2
			default:
				as.score += score / float64(level*3)
			}
			anc = anc.Parent
		}
	}
	best := 0.0
	for _, n := range candidates {
		s := b.stats[n]
		if v := s.score * (1 - s.linkDensity()); v > best {
			best, top = v, n
		}
	}
	if top == nil {
		return nil
	}
	b.stats[top].score = best
	return b.climb(top)
}

// climb returns the ancestor of top, up to climbLevels above it, that adds
// the most paragraph text while staying mostly paragraphs and few links:
// articles split into sections around figures or ads score highest in one
// section, and the article is their common ancestor. It does not leave an
// <article> element that holds top.
func (b *body) climb(top *html.Node) *html.Node {
	best := top
	n := top
	for level := 0; level < climbLevels && n.DataAtom != atom.Article; level++ {
		n = n.Parent
		s := b.stats[n]
		if s == nil || n.DataAtom == atom.Body {
			break
		}
		if float64(s.good) > 1.1*float64(b.stats[best].good) && float64(s.good) >= 0.6*float64(s.text) && s.linkDensity() < 0.25 {
			s.score = max(s.score, b.stats[top].score)
			best = n
		}
	}
	return best
}

// climbLevels bounds how far climb looks above the best-scored element.
const climbLevels = 6

// tagWeight is the starting score of an element by its tag.
func tagWeight(n *html.Node) float64 {
	switch n.DataAtom {
	case atom.Article:
		return 10
	case atom.Div, atom.Main:
		return 5
	case atom.Pre, atom.Td, atom.Blockquote, atom.Section:
		return 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li:
		return -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		return -5
	}
	return 0
}

// withSiblings returns top together with those of its siblings that look
// like more of the article: well-scored blocks and plain paragraphs.
func (b *body) withSiblings(top *html.Node) []*html.Node {
	if top.Parent == nil {
		return []*html.Node{top}
	}
	ts := b.stats[top]
	threshold := max(10, ts.score*0.2)
	topClass := attr(top, "class")
	var out []*html.Node
	for c := top.Parent.FirstChild; c != nil; c = c.NextSibling {
		s := b.stats[c]
		if c == top {
			out = append(out, c)
			continue
		}
		if c.Type != html.ElementNode || s == nil || s.text == 0 {
			continue
		}
		bonus := 0.0
		if topClass != "" && attr(c, "class") == topClass {
			bonus = ts.score * 0.2
		}
		switch {
		case s.scored && s.score*(1-s.linkDensity())+bonus >= threshold:
			out = append(out, c)
		case c.DataAtom == atom.P && s.text > 80 && s.linkDensity() < 0.25:
			out = append(out, c)
		}
	}
	return out
}

// render writes the text of n's subtree to p, skipping pruned elements, the
// page's <h1> and link-heavy blocks inside top.
func (b *body) render(p *paragraphs, n, top *html.Node) {
	switch n.Type {
	case html.TextNode:
		p.write(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	s := b.stats[n]
	block := blockTags[n.DataAtom]
	if s == nil || n.DataAtom == atom.H1 || (block && n != top && linkHeavy(n, s)) {
		if block {
			p.end()
		}
		return
	}
	if block {
		p.end()
	}
	if cellTags[n.DataAtom] {
		p.write(" ")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.render(p, c, top)
	}
	if block {
		p.end()
	}
	if cellTags[n.DataAtom] {
		p.write(" ")
	}
}

// linkHeavy reports whether block n, inside the article, is mostly link
// text and so navigation: a list of related stories, a "Read more: …" line.
// A paragraph whose last words are outside any link and end a sentence is
// prose with a long link in it, and is kept.
func linkHeavy(n *html.Node, s *stat) bool {
	if s.text == 0 || s.linkDensity() <= 0.5 {
		return false
	}
	if n.DataAtom != atom.P {
		return true
	}
	last, inLink := lastText(n, false)
	return inLink || !endsSentence(last)
}

// lastText returns the last text below n that is not only whitespace, and
// whether it is inside a link.
func lastText(n *html.Node, inLink bool) (string, bool) {
	if n.Type == html.TextNode {
		return n.Data, inLink
	}
	inLink = inLink || n.DataAtom == atom.A
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		if c.Type != html.TextNode && (c.Type != html.ElementNode || dropTags[c.DataAtom]) {
			continue
		}
		if t, l := lastText(c, inLink); strings.TrimSpace(t) != "" {
			return t, l
		}
	}
	return "", false
}

// boilerLines are whole paragraphs that are never article text.
var boilerLines = wordSet("advertisement", "story continues below advertisement", "continue reading",
	"read more", "share this article", "share", "close", "newsletter", "related articles", "related",
	"sponsored", "skip advertisement", "click here", "image", "photo", "video", "subscribe", "sign up",
	"advertisement - scroll to continue", "share this", "print", "email")

// joinParagraphs drops paragraphs that repeat the title or are known
// boilerplate and joins the rest with blank lines.
func joinParagraphs(paras []string, title string) string {
	out := paras[:0]
	for _, para := range paras {
		if strings.EqualFold(para, title) || boilerLines[strings.ToLower(strings.Trim(para, " .:…"))] {
			continue
		}
		out = append(out, para)
	}
	return strings.Join(cutTail(out), "\n\n")
}

// cutTail removes a closing list of other stories: a short heading that
// opens one ("More stories", "Related: …", "Read next") in the second half
// of the text, with nothing after it or only a list of headlines (see
// isHeadlineList). A heading like "More arrests expected" followed by
// sentences stays.
func cutTail(paras []string) []string {
	total := 0
	for _, p := range paras {
		total += len(p)
	}
	seen := 0
	for i, p := range paras {
		if seen > total/2 && isTailMarker(p) {
			if rest := paras[i+1:]; len(rest) == 0 || isHeadlineList(rest) {
				return paras[:i]
			}
		}
		seen += len(p)
	}
	return paras
}

// isTailMarker reports whether para is a heading that opens a list of other
// stories.
func isTailMarker(para string) bool {
	if pipeline.CountWords(para) > 6 || endsSentence(strings.TrimRight(para, ": ")) {
		return false
	}
	l := strings.ToLower(para)
	if tailMarkers[strings.Trim(l, " .:…")] {
		return true
	}
	for _, prefix := range []string{"more ", "related", "recommended", "read more", "read next", "you may also", "you might also",
		"most read", "most popular", "see also", "further reading", "also read", "also on "} {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}
