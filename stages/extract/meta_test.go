package extract

import (
	"slices"
	"testing"
	"time"
)

// page wraps head markup and body markup in a minimal page whose body has
// enough text to be extracted.
func page(head, body string) []byte {
	return []byte("<!DOCTYPE html><html><head>" + head + "</head><body>" + body +
		"<article><p>The council met on Monday to discuss the budget, which has grown by a third, and agreed to cut spending on roads.</p></article></body></html>")
}

func TestMetadata(t *testing.T) {
	day := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		head    string
		body    string
		pageURL string
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := HTML(page(tt.head, tt.body), tt.pageURL)
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
