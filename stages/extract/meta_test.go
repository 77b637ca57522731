package extract

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// page wraps head markup and body markup in a minimal page whose body has
// enough text to be extracted.
func page(head, body, lang string) []byte {
	return []byte("<!DOCTYPE html><html lang=\"" + lang + "\"><head>" + head + "</head><body>" + body +
		"<article><p>The council met on Monday to discuss the budget, which has grown by a third, and agreed to cut spending on roads.</p></article></body></html>")
}

func TestMetadata(t *testing.T) {
	day := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		head    string
		body    string
		pageURL string
		lang    string // the <html lang> attribute
		want    Article
	}{
		{
			name: "JSON-LD NewsArticle",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
				"headline":"Council cuts road budget","datePublished":"2024-03-05T09:30:00+01:00",
				"author":{"@type":"Person","name":"Jane Doe"},"publisher":{"@type":"Organization","name":"Daily Bugle"},
				"mainEntityOfPage":{"@id":"https://bugle.example/council"}}</script>`,
			want: Article{Title: "Council cuts road budget", Published: day(2024, 3, 5, 8, 30), Authors: []string{"Jane Doe"},
				Site: "Daily Bugle", URL: "https://bugle.example/council"},
		},
		{
			name: "JSON-LD @graph with a type list and raw line breaks in strings",
			head: "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\",\"name\":\"Home\"},\n" +
				"{\"@type\":[\"NewsArticle\"],\"headline\":\"Line\nbreak\",\"datePublished\":\"2024-03-05\"," +
				"\"author\":[{\"name\":\"A. Smith\"},{\"name\":\"B. Jones\"}]}]}</script>",
			want: Article{Title: "Line break", Published: day(2024, 3, 5, 0, 0), Authors: []string{"A. Smith", "B. Jones"}},
		},
		{
			name: "JSON-LD top-level array with ReportageNewsArticle and string author",
			head: `<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"ReportageNewsArticle",
				"headline":"Floods","dateCreated":"2023-11-01T12:00:00Z","author":"By Ann Lee and Bo Chan"}]</script>`,
			want: Article{Title: "Floods", Published: day(2023, 11, 1, 12, 0), Authors: []string{"Ann Lee", "Bo Chan"}},
		},
		{
			name: "JSON-LD outranks OpenGraph; invalid JSON-LD is ignored",
			head: `<script type="application/ld+json">{not json</script>
				<script type="application/ld+json">{"@type":"Article","headline":"From LD"}</script>
				<meta property="og:title" content="From OG"><meta property="og:site_name" content="OG Site">`,
			want: Article{Title: "From LD", Site: "OG Site"},
		},
		{
			name: "OpenGraph and article meta",
			head: `<meta property="og:title" content="OG title"><meta property="og:site_name" content="The Site">
				<meta property="article:published_time" content="2022-01-02T03:04:05Z">
				<meta property="article:author" content="https://facebook.com/someone">
				<meta name="author" content="Kim Park"><meta property="og:url" content="https://site.example/a">`,
			want: Article{Title: "OG title", Site: "The Site", Published: day(2022, 1, 2, 3, 4).Add(5 * time.Second),
				Authors: []string{"Kim Park"}, URL: "https://site.example/a"},
		},
		{
			name: "meta name=date, relative canonical and a title with the site appended",
			head: `<title>Budget row deepens | The Gazette</title><meta name="date" content="2021-06-30">
				<link rel="canonical" href="/news/budget">`,
			pageURL: "https://gazette.example/amp/budget?x=1",
			want:    Article{Title: "Budget row deepens", Published: day(2021, 6, 30, 0, 0), URL: "https://gazette.example/news/budget"},
		},
		{
			name: "time element and byline",
			head: `<title>Quiet day</title>`,
			body: `<p class="byline">By Sam Roe &amp; Lu Wu</p><time datetime="2020-02-29T23:00:00-05:00">Feb 29</time>`,
			want: Article{Title: "Quiet day", Published: day(2020, 3, 1, 4, 0), Authors: []string{"Sam Roe", "Lu Wu"}},
		},
		{
			name: "itemprop datePublished on a visible element, h1 as title",
			body: `<h1>Headline in h1</h1><span itemprop="datePublished" content="2019-11-19T10:00:00Z">Nov 19</span>`,
			want: Article{Title: "Headline in h1", Published: day(2019, 11, 19, 10, 0)},
		},
		{
			name: "WordPress/Yoast @graph: author and publisher by @id, inLanguage on the WebPage",
			head: `<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org","@graph":[
				{"@type":"WebPage","@id":"https://blog.example/p/#webpage","inLanguage":"en-US","name":"Pear jam | Blog"},
				{"@type":"Article","@id":"https://blog.example/p/#article","headline":"Pear jam",
				 "author":{"@id":"https://blog.example/#/schema/person/1a2b"},"publisher":{"@id":"https://blog.example/#organization"},
				 "datePublished":"2017-12-06T09:54:00+00:00","mainEntityOfPage":{"@id":"https://blog.example/p/#webpage"}},
				{"@type":"Person","@id":"https://blog.example/#/schema/person/1a2b","name":"Regan Smith"},
				{"@type":"Organization","@id":"https://blog.example/#organization","name":"The Jam Blog"}]}</script>`,
			want: Article{Title: "Pear jam", Published: day(2017, 12, 6, 9, 54), Authors: []string{"Regan Smith"},
				Site: "The Jam Blog", URL: "https://blog.example/p/#webpage", Language: "en-US"},
		},
		{
			name: "Arc-style: author array, milliseconds and Z, og:locale",
			head: `<meta property="og:locale" content="en_US"><meta name="author" content="Someone Else">
				<script type="application/ld+json">{"@type":"NewsArticle","headline":"Trade war widens",
				"datePublished":"2019-11-18T17:56:04.123Z","author":[{"@type":"Person","name":"Ana Swanson"},
				{"@type":"Person","name":"Alan Rappeport"}]}</script>`,
			want: Article{Title: "Trade war widens", Published: day(2019, 11, 18, 17, 56).Add(4123 * time.Millisecond),
				Authors: []string{"Ana Swanson", "Alan Rappeport"}, Language: "en-US"},
		},
		{
			name: "Brightspot-style: article:published_time and an author-name block",
			head: `<meta property="article:published_time" content="2019-11-18T22:07:00-06:00"><title>Girl rescued - NBC 5</title>`,
			body: `<div class="ArticlePage-authors"><div class="ArticlePage-authorName"><a href="/people/sg">Scott Gordon</a></div></div>`,
			want: Article{Title: "Girl rescued", Published: day(2019, 11, 19, 4, 7), Authors: []string{"Scott Gordon"}},
		},
		{
			name: "Drupal: Dublin Core terms and <html lang>",
			head: `<meta name="dcterms.title" content="Neue Brücke"><meta name="dcterms.date" content="2024-03-05T10:00:00+01:00">
				<meta name="dcterms.creator" content="Anna Müller"><meta name="dcterms.language" content="de">
				<link rel="canonical" href="https://stadt.example/node/12">`,
			body: `<h1>Neue Brücke eröffnet</h1>`,
			lang: "de-at",
			want: Article{Title: "Neue Brücke eröffnet", Published: day(2024, 3, 5, 9, 0), Authors: []string{"Anna Müller"},
				URL: "https://stadt.example/node/12", Language: "de-AT"},
		},
		{
			name: "BBC-style: organisation author in JSON-LD, person in the visible byline",
			head: `<script type="application/ld+json">{"@type":"ReportageNewsArticle","headline":"Sweden drops inquiry",
				"author":{"@type":"NewsMediaOrganization","name":"BBC News"},"publisher":{"@type":"NewsMediaOrganization","name":"BBC News"}}</script>`,
			body: `<div class="ssrcss-byline"><span>By Jane Doe</span>, <span>BBC News</span></div><time datetime="2019-11-19T17:42:19.000Z">19 November</time>`,
			want: Article{Title: "Sweden drops inquiry", Published: day(2019, 11, 19, 17, 42).Add(19 * time.Second),
				Authors: []string{"Jane Doe"}, Site: "BBC News"},
		},
		{
			name: "BBC-style with no person anywhere: the organisation is not the site, so it stays",
			head: `<meta property="og:site_name" content="Example News"><script type="application/ld+json">{"@type":"NewsArticle",
				"headline":"Markets rally","author":{"@type":"Organization","name":"Newswire Service"}}</script>`,
			want: Article{Title: "Markets rally", Site: "Example News", Authors: []string{"Newswire Service"}},
		},
		{
			name: "Guardian-style: profile URL as article:author, byline with a place",
			head: `<meta property="article:author" content="https://www.theguardian.example/profile/patrickwintour">
				<meta property="og:title" content="Turkey talks stall">`,
			body: `<address class="dcr-byline"><a rel="author" href="/profile/pw">Patrick Wintour</a> in Istanbul</address>`,
			want: Article{Title: "Turkey talks stall", Authors: []string{"Patrick Wintour"}},
		},
		{
			name: "byline block naming two writers, one with a place",
			body: `<div class="byline">Patrick Wintour in Istanbul and Jane Doe</div>`,
			want: Article{Authors: []string{"Patrick Wintour", "Jane Doe"}},
		},
		{
			name: "NYT-style byl meta",
			head: `<meta name="byl" content="By Ana Swanson, Alan Rappeport and Keith Bradsher"><meta property="og:site_name" content="The Times">`,
			want: Article{Site: "The Times", Authors: []string{"Ana Swanson", "Alan Rappeport", "Keith Bradsher"}},
		},
		{
			name: "By X | Reuters: the agency goes when a writer is named",
			body: `<p class="article-byline">By Phil Helsel | Reuters</p>`,
			want: Article{Authors: []string{"Phil Helsel"}},
		},
		{
			name: "By Reuters alone: the agency is the credit",
			body: `<span class="byline">By Reuters</span>`,
			want: Article{Authors: []string{"Reuters"}},
		},
		{
			name: "byline running into its date and role",
			body: `<div class="byline">Analysis by Chris Cillizza, CNN Editor-at-large Updated 11:18 AM ET, Mon November 18, 2019</div>`,
			want: Article{Authors: []string{"Chris Cillizza"}},
		},
		{
			name: "author objects with givenName/familyName and a plain string",
			head: `<script type="application/ld+json">{"@type":"BlogPosting","headline":"Notes",
				"author":[{"@type":"Person","givenName":"Ann","familyName":"Lee"},"Bo Chan, Staff Writer"]}</script>`,
			want: Article{Title: "Notes", Authors: []string{"Ann Lee", "Bo Chan"}},
		},
		{
			name: "zone-less JSON-LD date takes its zone from a matching article:published_time",
			head: `<meta property="article:published_time" content="2024-03-05T10:00:00-05:00">
				<script type="application/ld+json">{"@type":"NewsArticle","headline":"Storm","datePublished":"2024-03-05T10:00:00"}</script>`,
			want: Article{Title: "Storm", Published: day(2024, 3, 5, 15, 0)},
		},
		{
			name: "zone-less date with no zoned twin is read as UTC",
			head: `<meta name="pubdate" content="2024-03-05 10:00:00"><title>Storm</title>`,
			want: Article{Title: "Storm", Published: day(2024, 3, 5, 10, 0)},
		},
		{
			name: "date only as <time> text with a US zone abbreviation",
			head: `<title>Ice</title>`,
			body: `<time>March 5, 2024 10:30 a.m. EST</time>`,
			want: Article{Title: "Ice", Published: day(2024, 3, 5, 15, 30)},
		},
		{
			name: "updated <time> before the published one",
			head: `<title>Ice</title>`,
			body: `<time class="updated" datetime="2024-03-06T08:00:00Z">6 Mar</time><time class="published" datetime="2024-03-05T08:00:00Z">5 Mar</time>`,
			want: Article{Title: "Ice", Published: day(2024, 3, 5, 8, 0)},
		},
		{
			name: "RFC 1123 date with a zone abbreviation time.Parse cannot place",
			head: `<meta name="date" content="Tue, 05 Mar 2024 10:00:00 EDT"><title>Ice</title>`,
			want: Article{Title: "Ice", Published: day(2024, 3, 5, 14, 0)},
		},
		{
			name: "content-language list and a double-escaped OpenGraph title with the site appended",
			head: `<meta http-equiv="Content-Language" content="en-gb, en"><meta property="og:site_name" content="Inexhibit">
				<meta property="og:title" content="&amp;#8216;The Medium&amp;#8217; | Inexhibit">`,
			want: Article{Title: "‘The Medium’", Site: "Inexhibit", Language: "en-GB"},
		},
		{
			name: "inLanguage as a Language object; microdata author with a nested name",
			head: `<script type="application/ld+json">{"@type":"Article","headline":"Jazz","inLanguage":{"@type":"Language","name":"English","alternateName":"en"}}</script>`,
			body: `<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Mary Jo Kim</span></span>`,
			want: Article{Title: "Jazz", Authors: []string{"Mary Jo Kim"}, Language: "en"},
		},
		{
			name: "author meta naming the site only yields no author",
			head: `<meta name="author" content="Daily Bugle"><meta property="og:site_name" content="Daily Bugle"><meta property="og:locale" content="pt_BR">`,
			want: Article{Site: "Daily Bugle", Language: "pt-BR"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := HTML(page(tt.head, tt.body, tt.lang), tt.pageURL)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tt.want.Title {
				t.Errorf("Title = %q, want %q", got.Title, tt.want.Title)
			}
			if !got.Published.Equal(tt.want.Published) || got.Published.Location() != time.UTC {
				t.Errorf("Published = %v, want %v (UTC)", got.Published, tt.want.Published)
			}
			if !slices.Equal(got.Authors, tt.want.Authors) {
				t.Errorf("Authors = %q, want %q", got.Authors, tt.want.Authors)
			}
			if got.Site != tt.want.Site {
				t.Errorf("Site = %q, want %q", got.Site, tt.want.Site)
			}
			if got.URL != tt.want.URL {
				t.Errorf("URL = %q, want %q", got.URL, tt.want.URL)
			}
			if got.Language != tt.want.Language {
				t.Errorf("Language = %q, want %q", got.Language, tt.want.Language)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2024-03-05T09:30:00+01:00", time.Date(2024, 3, 5, 8, 30, 0, 0, time.UTC), true},
		{"2024-03-05T09:30:00.123Z", time.Date(2024, 3, 5, 9, 30, 0, 123e6, time.UTC), true},
		{"2024-03-05T09:30:00+0100", time.Date(2024, 3, 5, 8, 30, 0, 0, time.UTC), true},
		{"2024-03-05 09:30:00", time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC), true},
		{"Thursday, Jul 10, 2025", time.Date(2025, 7, 10, 0, 0, 0, 0, time.UTC), true},
		{"Published: 10 July 2025", time.Date(2025, 7, 10, 0, 0, 0, 0, time.UTC), true},
		{"Sept. 4, 2019", time.Date(2019, 9, 4, 0, 0, 0, 0, time.UTC), true},
		{"Tue, 19 Nov 2019 13:02:00 GMT", time.Date(2019, 11, 19, 13, 2, 0, 0, time.UTC), true},
		{"2024-03-05 09:30:00 PDT", time.Date(2024, 3, 5, 16, 30, 0, 0, time.UTC), true},
		{"Mar 5, 2024 9:30 p.m. CET", time.Date(2024, 3, 5, 20, 30, 0, 0, time.UTC), true},
		{"Tue, 05 Mar 2024 10:00:00 XYZ", time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC), true},
		{"yesterday", time.Time{}, false},
		{"0001-01-01", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNormaliseLang(t *testing.T) {
	tests := map[string]string{
		"en": "en", "EN": "en", "en-us": "en-US", "en_GB": "en-GB", " fr-ca ": "fr-CA",
		"zh-hans-cn": "zh-Hans-CN", "es-419": "es-419", "en-US,en;q=0.9": "en-US", "de_DE.UTF-8": "de-DE",
		"English": "en", "und": "", "": "", "x": "", "12": "", "en-toolongsubtag": "en", "ja-JP-u-ca-japanese": "ja-JP",
	}
	for in, want := range tests {
		if got := normaliseLang(in); got != want {
			t.Errorf("normaliseLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitAuthors(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"By Ann Lee and Bo Chan", []string{"Ann Lee", "Bo Chan"}},
		{"BY ANN LEE & BO CHAN", []string{"ANN LEE", "BO CHAN"}},
		{"By Ann Lee, Bo Chan and Cy Dee", []string{"Ann Lee", "Bo Chan", "Cy Dee"}},
		{"By Ann Lee | Reuters", []string{"Ann Lee"}},
		{"Ann Lee, Associated Press", []string{"Ann Lee"}},
		{"By The Associated Press", []string{"The Associated Press"}},
		{"Ann Lee, Senior Correspondent", []string{"Ann Lee"}},
		{"Ann Lee in Kyiv and agencies", []string{"Ann Lee"}},
		{"Written by: Ann Lee", []string{"Ann Lee"}},
		{"Opinion by Ann Lee", []string{"Ann Lee"}},
		{"Ann Lee Published 5:00 AM", []string{"Ann Lee"}},
		{"Ann Lee • 4 min read", []string{"Ann Lee"}},
		{"Ann Lee Monday", []string{"Ann Lee"}},
		{"Jean-Paul Sartre", []string{"Jean-Paul Sartre"}},
		{"Анна Ли", []string{"Анна Ли"}},
		{"https://facebook.com/annlee", nil},
		{"ann@example.com", nil},
		{"staff", nil},
		{"Posted on 5 May 2024", nil},
	}
	for _, tt := range tests {
		if got := splitAuthors(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitAuthors(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPickDate(t *testing.T) {
	tests := []struct {
		name       string
		candidates []string
		want       time.Time
	}{
		{"first that parses wins", []string{"", "soon", "2024-03-05T10:00:00+01:00", "2020-01-01T00:00:00Z"}, time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)},
		{"zone from a later twin", []string{"2024-03-05T10:00", "2024-03-05T10:00:00+05:30"}, time.Date(2024, 3, 5, 4, 30, 0, 0, time.UTC)},
		{"zone from a later same-day stamp when the first has no time", []string{"March 5, 2024", "2024-03-05T22:10:00-08:00"}, time.Date(2024, 3, 6, 6, 10, 0, 0, time.UTC)},
		{"a later stamp of another day is not a twin", []string{"March 5, 2024", "2024-03-07T22:10:00-08:00"}, time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"nothing parses", []string{"", "tomorrow"}, time.Time{}},
	}
	for _, tt := range tests {
		if got := pickDate(tt.candidates); !got.Equal(tt.want) || (!got.IsZero() && got.Location() != time.UTC) {
			t.Errorf("%s: pickDate = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// FuzzMetadataFields feeds one string to every metadata field parser: the
// JSON-LD reader, the date reader, the byline splitter and the language
// normaliser. None may panic; names and tags must be trimmed and valid
// UTF-8 for valid input; times must come out in UTC.
func FuzzMetadataFields(f *testing.F) {
	for _, s := range []string{
		`{"@graph":[{"@type":"NewsArticle","author":{"@id":"#a"},"inLanguage":{"alternateName":"en"}},{"@id":"#a","name":"Ann Lee"}]}`,
		"By Ann Lee, Bo Chan and Cy Dee | Reuters Updated 5 May",
		"Tue, 05 Mar 2024 10:00:00 EDT", "2024-03-05T10:00", "en_GB.UTF-8", "zh-hans-cn",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		arts, lang := parseLD(s)
		if tag := normaliseLang(lang + s); tag != strings.TrimSpace(tag) || !utf8.ValidString(tag) {
			t.Fatalf("normaliseLang gave %q", tag)
		}
		for _, a := range arts {
			_ = pickDate([]string{a.published})
		}
		if ts, _, ok := parseDateZone(s); ok && ts.IsZero() {
			t.Fatalf("parseDateZone(%q) ok with a zero time", s)
		}
		if p := pickDate([]string{s, "2024-03-05T10:00:00+01:00"}); p.Location() != time.UTC {
			t.Fatalf("pickDate not in UTC: %v", p)
		}
		for _, n := range splitAuthors(s) {
			if n == "" || n != strings.TrimSpace(n) || (utf8.ValidString(s) && !utf8.ValidString(n)) {
				t.Fatalf("splitAuthors(%q) gave %q", s, n)
			}
		}
	})
}
