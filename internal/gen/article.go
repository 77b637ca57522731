// Package gen generates synthetic news input for tests and benchmarks:
// deterministic articles with quotes and named speakers, written as JSON
// Lines or as a CC-NEWS-like WARC file with the records real crawls hold
// besides articles (requests, metadata, redirects, errors, images) and pages
// in several charsets.
//
// Everything is a pure function of its arguments: the same call gives the
// same bytes, so tests can compare runs.
package gen

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// Article is one synthetic news article.
type Article struct {
	ID         string
	URL        string
	Site       string
	Title      string
	Published  time.Time
	Authors    []string
	Paragraphs []string
}

var (
	firstNames = []string{"Anna", "Jonas", "Maria", "David", "Leila", "Tomas", "Grace", "Omar", "Ingrid", "Kwame", "Sofia", "Pavel"}
	lastNames  = []string{"Keller", "Okafor", "Lindqvist", "Moreau", "Haddad", "Novak", "Brennan", "Tanaka", "Silva", "Weber", "Rossi", "Mensah"}
	roles      = []string{"the mayor", "a spokesperson for the ministry", "the chief executive", "an economist at the central bank", "the union leader", "a senior diplomat"}
	places     = []string{"Lisbon", "Nairobi", "Oslo", "Montreal", "Osaka", "Valparaíso", "Kraków", "Dublin"}
	orgs       = []string{"the Harbour Authority", "the Ministry of Finance", "Northwind Energy", "the City Council", "the National Rail Company", "the Central Bank"}
	topics     = []string{"the new bridge", "the budget", "rail fares", "the port expansion", "water prices", "the housing plan", "the election"}
	verbs      = []string{"said", "told reporters", "added", "warned", "said on Tuesday"}
	sites      = []string{"The Coastal Ledger", "Northern Wire", "Daily Meridian", "The Civic Post"}
	filler     = []string{
		"Officials expect a decision before the end of the year, according to documents seen by the paper.",
		"The proposal has divided residents, with some welcoming the investment and others fearing higher costs.",
		"Similar plans were shelved twice in the past decade after disputes over funding.",
		"Analysts said the outcome would shape the regional economy for years.",
		"A public consultation is due to open next month and will run for six weeks.",
		"Critics say the timetable is unrealistic and the costs have been underestimated.",
	}
)

// NewArticle returns the i-th article of a corpus; words is the rough
// length of its body (at least about 80 words). Articles with the same i
// and words are identical.
func NewArticle(i, words int) Article {
	r := rand.New(rand.NewPCG(uint64(i), 0x6e6577736d696c6c))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	person := pick(firstNames) + " " + pick(lastNames)
	other := pick(firstNames) + " " + pick(lastNames)
	place, org, topic := pick(places), pick(orgs), pick(topics)
	site := sites[i%len(sites)]
	a := Article{
		ID:        fmt.Sprintf("gen-%07d", i),
		URL:       fmt.Sprintf("https://news%d.example.com/%d/%s-%d", i%len(sites), 2024+i%2, strings.ReplaceAll(topic, " ", "-"), i),
		Site:      site,
		Title:     fmt.Sprintf("%s: %s under pressure in %s", strings.ToUpper(topic[:1])+topic[1:], org, place),
		Published: time.Date(2024, time.Month(1+i%12), 1+i%28, i%24, i%60, 0, 0, time.UTC),
		Authors:   []string{pick(firstNames) + " " + pick(lastNames)},
	}
	a.Paragraphs = append(a.Paragraphs,
		fmt.Sprintf("%s faced new questions in %s on Monday over %s, as %s set out its plans.", strings.ToUpper(org[:1])+org[1:], place, topic, org),
		fmt.Sprintf("“We will not accept a plan that leaves families paying more for %s,” %s, %s, %s.", topic, person, pick(roles), pick(verbs)),
	)
	n := 60
	for n < words {
		p := pick(filler)
		switch r.IntN(3) {
		case 0:
			p += fmt.Sprintf(" “This is about trust, and trust has to be earned,” %s %s.", other, pick(verbs))
		case 1:
			p += fmt.Sprintf(" %s said the city could not afford to wait much longer.", person)
		}
		a.Paragraphs = append(a.Paragraphs, p)
		n += len(strings.Fields(p))
	}
	return a
}

// HTML is the article as a news page: navigation, metadata and a body. With
// dated false the page carries no publication date, as many do. The page
// declares charset in a <meta> element (it is written in UTF-8; encoders
// re-encode it).
func (a Article) HTML(charset string, dated bool) string {
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"%s\">\n<title>%s | %s</title>\n", charset, esc(a.Title), esc(a.Site))
	fmt.Fprintf(&b, "<meta property=\"og:title\" content=\"%s\">\n<meta property=\"og:site_name\" content=\"%s\">\n", esc(a.Title), esc(a.Site))
	fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"%s\">\n<meta name=\"author\" content=\"%s\">\n", esc(a.URL), esc(strings.Join(a.Authors, ", ")))
	if dated {
		fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">\n", a.Published.Format(time.RFC3339))
	}
	b.WriteString("</head><body>\n<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a> <a href=\"/sport\">Sport</a></nav>\n")
	fmt.Fprintf(&b, "<article><h1>%s</h1>\n<p class=\"byline\">By %s</p>\n", esc(a.Title), esc(strings.Join(a.Authors, ", ")))
	for _, p := range a.Paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(p))
	}
	b.WriteString("</article>\n<aside><h2>Most read</h2><ul><li><a href=\"/a\">Storm closes schools</a></li><li><a href=\"/b\">Cup final tickets</a></li></ul></aside>\n")
	b.WriteString("<footer>© Example Media. All rights reserved.</footer>\n</body></html>\n")
	return b.String()
}

// jsonRecord is an article as a JSON Lines record newsmill reads.
type jsonRecord struct {
	ID        string   `json:"id"`
	URL       string   `json:"url"`
	Title     string   `json:"title"`
	Site      string   `json:"site"`
	Published string   `json:"published"`
	Authors   []string `json:"authors"`
	Text      string   `json:"text"`
}

// WriteJSONL writes articles first, first+1, … first+n-1 of about words
// words each to w, one JSON object per line. Its memory does not grow with
// n.
func WriteJSONL(w io.Writer, first, n, words int) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := first; i < first+n; i++ {
		a := NewArticle(i, words)
		rec := jsonRecord{ID: a.ID, URL: a.URL, Title: a.Title, Site: a.Site,
			Published: a.Published.Format(time.RFC3339), Authors: a.Authors, Text: strings.Join(a.Paragraphs, "\n\n")}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}
