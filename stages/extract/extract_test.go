package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

func TestRegistered(t *testing.T) {
	spec, ok := pipeline.Lookup("extract")
	if !ok {
		t.Fatal(`stage "extract" is not registered`)
	}
	if fmt.Sprint(spec.Requires) != "[raw]" || fmt.Sprint(spec.Provides) != "[text title metadata]" {
		t.Errorf("Requires %v Provides %v", spec.Requires, spec.Provides)
	}
	if _, err := spec.New(nil); err != nil {
		t.Errorf("New(nil): %v", err)
	}
	if _, err := spec.New(pipeline.Options{"mode": "fast"}); err == nil || !strings.Contains(err.Error(), "mode") {
		t.Errorf("New with an unknown option: err = %v", err)
	}
}

func TestProcess(t *testing.T) {
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	published := time.Date(2001, 2, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		doc     pipeline.Doc
		wantErr error
		check   func(t *testing.T, d *pipeline.Doc)
	}{
		{
			name: "HTML fills empty fields and releases the page",
			doc:  pipeline.Doc{HTML: []byte(newsPage), URL: "https://town.example/bridge"},
			check: func(t *testing.T, d *pipeline.Doc) {
				if d.HTML != nil || d.Title != "Bridge reopens" || !strings.HasPrefix(d.Text, "The old bridge") ||
					d.URL != "https://town.example/bridge" || d.Language != "en-GB" {
					t.Errorf("got HTML=%d bytes, Title %q, URL %q, Language %q, Text %q", len(d.HTML), d.Title, d.URL, d.Language, d.Text)
				}
			},
		},
		{
			name: "fields set by the source are kept",
			doc:  pipeline.Doc{HTML: []byte(newsPage), Title: "Source title", Language: "fr", URL: "https://a.example/"},
			check: func(t *testing.T, d *pipeline.Doc) {
				if d.Title != "Source title" || d.Language != "fr" || d.URL != "https://a.example/" {
					t.Errorf("got Title %q, Language %q, URL %q", d.Title, d.Language, d.URL)
				}
			},
		},
		{
			name: "fields set by the source are kept for plain text",
			doc:  pipeline.Doc{Text: string(seed), Title: "Source title", Published: published},
			check: func(t *testing.T, d *pipeline.Doc) {
				if d.Title != "Source title" || !d.Published.Equal(published) || strings.Contains(d.Text, "Related Articles") {
					t.Errorf("got Title %q, Published %v", d.Title, d.Published)
				}
			},
		},
		{
			name: "plain text is cleaned",
			doc:  pipeline.Doc{Text: string(seed)},
			check: func(t *testing.T, d *pipeline.Doc) {
				if d.Title != "Threat to evacuate US diplomats from Iraq raises fear of war" || d.Published.IsZero() {
					t.Errorf("got Title %q, Published %v", d.Title, d.Published)
				}
			},
		},
		{name: "empty text fails", doc: pipeline.Doc{Text: " \n "}, wantErr: ErrNoText},
		{name: "page without text fails", doc: pipeline.Doc{HTML: []byte("<html><nav>Home</nav></html>")}, wantErr: ErrNoText},
	}
	st, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.doc
			err := st.Process(context.Background(), &d)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.check != nil {
				tt.check(t, &d)
			}
		})
	}
}

// TestConcurrentProcess runs one Stage from several goroutines; run it with
// -race.
func TestConcurrentProcess(t *testing.T) {
	st, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := HTML([]byte(newsPage), "")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				d := pipeline.Doc{HTML: []byte(newsPage)}
				if err := st.Process(context.Background(), &d); err != nil || d.Text != want.Text {
					t.Errorf("concurrent Process: err %v, text %q", err, d.Text)
					return
				}
			}
		})
	}
	wg.Wait()
}

func ExampleHTML() {
	page := []byte(`<html><head>
<meta property="og:site_name" content="Town Times">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Bridge reopens",
 "datePublished":"2024-05-07T10:00:00+02:00","author":{"name":"Ann Lee"}}</script>
</head><body><nav><a href="/">Home</a></nav>
<article><h1>Bridge reopens</h1>
<p>The old bridge reopened on Tuesday after two years of repairs, the council said.</p>
<h2>Traffic</h2>
<p>Buses will use it again from next week.</p></article></body></html>`)
	a, err := HTML(page, "https://town.example/bridge")
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Title, "|", a.Site, "|", a.Published, "|", a.Authors)
	fmt.Println(a.Text)
	// Output:
	// Bridge reopens | Town Times | 2024-05-07 08:00:00 +0000 UTC | [Ann Lee]
	// The old bridge reopened on Tuesday after two years of repairs, the council said.
	//
	// Traffic
	//
	// Buses will use it again from next week.
}

func ExampleText() {
	a := Text("Town Times\r\nMonday, May 6, 2024\r\n\r\nBridge reopens\r\n\r\n" +
		"The old bridge reopened on Tuesday after two years of repairs, the council said.\r\n\r\n" +
		"0:00\r\nClose\r\n\r\nRelated Articles\r\nCouncil approves budget\r\nRiver levels rise\r\n")
	fmt.Printf("%s | %s\n%s\n", a.Title, a.Published.Format(time.DateOnly), a.Text)
	// Output:
	// Bridge reopens | 2024-05-06
	// The old bridge reopened on Tuesday after two years of repairs, the council said.
}

// checkArticle reports what is wrong with an extracted article: invalid
// UTF-8 anywhere, untrimmed text, or paragraphs not separated by exactly
// one blank line.
func checkArticle(t *testing.T, a Article) {
	t.Helper()
	for _, s := range append([]string{a.Title, a.Site, a.URL, a.Text}, a.Authors...) {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in %q", s)
		}
	}
	if strings.TrimSpace(a.Text) != a.Text || strings.Contains(a.Text, "\n\n\n") {
		t.Fatalf("badly separated text %q", a.Text)
	}
	if !a.Published.IsZero() && a.Published.Location() != time.UTC {
		t.Fatalf("Published %v not in UTC", a.Published)
	}
}

func FuzzExtractHTML(f *testing.F) {
	f.Add([]byte(newsPage))
	f.Add(page(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"name":"A"}]}]}</script>`, "", "en"))
	f.Add([]byte("<meta charset=\"latin1\"><p>caf\xe9</p>"))
	f.Add([]byte("<p>\x90\xec\x82\xcc\x8b\xb4\x82\xaa\x8d\xc4\x8aJ\x82\xb5\x82\xbd\x81B</p>")) // Shift_JIS, undeclared
	f.Add([]byte("<meta charset=utf-8><p>caf\xe9 \x93quoted\x94</p>"))                         // windows-1252 labelled UTF-8
	f.Add([]byte(strings.Repeat("<div>", 600) + "x"))
	f.Add([]byte("<table><tr><td>a, b, c and d in a cell with some words<td>e"))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, err := HTML(page, "https://example.com/a/b")
		if err != nil && !errors.Is(err, ErrNoText) {
			t.Fatalf("unexpected error %v", err)
		}
		checkArticle(t, a)
	})
}

func FuzzExtractText(f *testing.F) {
	if seed, err := os.ReadFile(seedPath); err == nil {
		f.Add(string(seed))
	}
	f.Add("Headline\n\nHeadline\n\nBody text that is long enough to be a body line of the article here.")
	f.Add("0:00\r\n\r\n\r\nClose\n×\n\n")
	f.Add("By Ann\n\ntext, more text, even more text, and some more words to finish.\n\nRelated\na\nb\nc")
	f.Add("\xff\xfe\x00bad bytes\r")
	f.Fuzz(func(t *testing.T, raw string) {
		checkArticle(t, Text(raw))
	})
}

// BenchmarkHTML measures each way through HTML on a page of realistic size
// (the test page with a long article and a large navigation): UTF-8, a
// declared legacy charset, a guessed one, and the flat token reading of a
// page nested too deep for the tree parser.
func BenchmarkHTML(b *testing.B) {
	nav := "<nav><ul>" + strings.Repeat(`<li><a href="/section">Section name</a></li>`, 200) + "</ul></nav>"
	article := strings.Repeat("<p>Engineers replaced the deck, strengthened the piers, and repainted the railings, "+
		"at a cost of four million pounds, the council said on Tuesday.</p>\n", 40)
	pg := strings.Replace(strings.Replace(newsPage, "<nav>", nav+"<nav>", 1),
		"<h2>Traffic</h2>", article+"<h2>Traffic</h2>", 1)
	ja := "<html><head><title>橋</title></head><body>" + nav + "<article>" +
		strings.Repeat("<p>"+charsetTexts["ja"]+"</p>\n", 40) + "</article></body></html>"
	paths := []struct {
		name string
		page []byte
	}{
		{"utf-8", []byte(pg)},
		{"windows-1252 declared", encodePage(b, strings.Replace(pg, "<head>", `<head><meta charset="windows-1252">`, 1)+"<p>Café – déjà vu</p>", "windows-1252")},
		{"shift_jis guessed", encodePage(b, ja, "shift_jis")},
		{"flat, nested too deep", []byte(strings.Repeat("<div>", 600) + pg)},
	}
	for _, p := range paths {
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(len(p.page)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := HTML(p.page, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkText(b *testing.B) {
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(seed)))
	b.ReportAllocs()
	for b.Loop() {
		Text(string(seed))
	}
}

// TestGivenText checks that JSON Lines text is kept as given by default,
// cleaned with clean-jsonl=true, and that every line the cleaner drops is
// named in Warnings.
func TestGivenText(t *testing.T) {
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	given := "Editor's note: updated.\r\n\r\nShare\r\nThe council met on Monday, and said the bridge would reopen.\r\n\n\n\nResults\nA 3 1 B\r\n“It will be fine,” she said"
	tests := []struct {
		name, clean, source, text string
		want                      string // the text after the stage
		warn                      string // a substring of the warnings, or "" for none
	}{
		{"jsonl kept as given", "", "in.jsonl:7", given, strings.ReplaceAll(strings.ReplaceAll(given, "\r\n", "\n"), "\r", "\n"), ""},
		{"stdin jsonl kept as given", "false", "-:1", "One line\r\rtwo", "One line\n\ntwo", ""},
		{"jsonl cleaned on request", "true", "in.jsonl:7", given, "", `"Share"`},
		{"txt cleaned, drops named", "", "seed.txt", string(seed), "", `line(s) of page debris from the text: "London Daily"`},
	}
	for _, tt := range tests {
		st, err := New(pipeline.Options{"clean-jsonl": tt.clean})
		if err != nil {
			t.Fatal(err)
		}
		d := pipeline.Doc{Source: tt.source, Text: tt.text}
		if err := st.Process(context.Background(), &d); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if tt.want != "" && d.Text != tt.want {
			t.Errorf("%s: text %q, want %q", tt.name, d.Text, tt.want)
		}
		warnings := strings.Join(d.Warnings, "\n")
		if tt.warn == "" && warnings != "" || !strings.Contains(warnings, tt.warn) {
			t.Errorf("%s: warnings %q, want %q", tt.name, warnings, tt.warn)
		}
		if tt.clean == "true" && !strings.Contains(d.Text, "she said") {
			t.Errorf("%s: the closing quote was dropped: %q", tt.name, d.Text)
		}
	}
	if _, err := New(pipeline.Options{"clean-jsonl": "yes"}); err == nil {
		t.Error(`clean-jsonl=yes: no error`)
	}
}

// TestPublishedProvenance checks that the stage keeps the page's UTC
// offset and the precision of its date, and names the page as the source.
func TestPublishedProvenance(t *testing.T) {
	tests := []struct {
		meta, offset, precision, wall string
	}{
		{`<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">`, "+01:00", pipeline.PrecisionSecond, "2024-03-05 09:30 +0100"},
		{`<meta property="article:published_time" content="2024-03-05T08:30:00Z">`, "+00:00", pipeline.PrecisionSecond, "2024-03-05 08:30 +0000"},
		{`<meta name="date" content="2024-03-05">`, "", pipeline.PrecisionDay, "2024-03-05 00:00 +0000"},
	}
	st, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		d := pipeline.Doc{HTML: []byte("<html><head>" + tt.meta + "</head><body><article><p>" + strings.Repeat("The council met on Monday, and agreed. ", 8) + "</p></article></body></html>")}
		if err := st.Process(context.Background(), &d); err != nil {
			t.Fatal(err)
		}
		if d.PublishedOffset != tt.offset || d.PublishedPrecision != tt.precision || d.PublishedSource != pipeline.DateFromPage ||
			d.Published.Format("2006-01-02 15:04 -0700") != tt.wall {
			t.Errorf("%s: published %v offset %q precision %q source %q", tt.meta, d.Published, d.PublishedOffset, d.PublishedPrecision, d.PublishedSource)
		}
	}
}
