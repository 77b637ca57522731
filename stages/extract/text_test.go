package extract

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

const seedPath = "../../testdata/000_be515a28a143e7f9.txt"

func TestTextSeed(t *testing.T) {
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	a := Text(string(raw))
	if want := "Threat to evacuate US diplomats from Iraq raises fear of war"; a.Title != want {
		t.Errorf("Title = %q, want %q", a.Title, want)
	}
	if want := time.Date(2025, 7, 10, 0, 0, 0, 0, time.UTC); !a.Published.Equal(want) || a.Published.Location() != time.UTC {
		t.Errorf("Published = %v, want %v", a.Published, want)
	}
	paras := strings.Split(a.Text, "\n\n")
	if first := paras[0]; !strings.HasPrefix(first, "Any move by the US to scale down") &&
		!strings.HasPrefix(first, "The United States has made preparations") {
		t.Errorf("first paragraph = %q", first)
	}
	if last := paras[len(paras)-1]; !strings.HasPrefix(last, "“Just like there are hawks") {
		t.Errorf("last paragraph = %q", last)
	}
	for _, heading := range []string{"Perennial Risk", "Double-edged sword", "Hawks on both sides"} {
		if !slices.Contains(paras, heading) {
			t.Errorf("heading %q is not a paragraph of its own", heading)
		}
	}
	for _, junk := range []string{"London Daily", "Focus on the big picture", "Thursday, Jul 10", "Newsletter",
		"Related Articles", "0:00", "Close", "Severe Heatwave", "Largest Healthcare Fraud", "×", "Protesters burn property",
		a.Title} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("text contains %q", junk)
		}
	}
	if strings.Contains(a.Text, "\n\n\n") || strings.TrimSpace(a.Text) != a.Text {
		t.Error("paragraphs are not separated by exactly one blank line, or the text is not trimmed")
	}
	golden(t, "seed.golden.txt", a.Text)
}

// golden compares got with testdata/name, rewriting the file under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update to accept):\n%s", path, got)
	}
}

func TestText(t *testing.T) {
	body := "The mayor said on Monday that the bridge would reopen next year, after repairs to its piers.\n\n" +
		"Engineers, who inspected it in May, found cracks in two of the four supports and rust on the deck."
	tests := []struct {
		name      string
		in        string
		wantText  string
		wantTitle string
		wantDate  time.Time
		wantAuth  []string
	}{
		{name: "clean text passes through", in: body, wantText: body},
		{name: "line breaks inside a paragraph are kept",
			in:       "Roses are red,\nviolets are blue, and this line of verse goes on to make it a real sentence.\n\nThe end of the poem is here, in a second paragraph of enough words.",
			wantText: "Roses are red,\nviolets are blue, and this line of verse goes on to make it a real sentence.\n\nThe end of the poem is here, in a second paragraph of enough words."},
		{name: "CRLF, trailing spaces and blank-line runs are normalised",
			in:       "\ufeff" + strings.ReplaceAll(body, "\n\n", "  \r\n\r\n\r\n\r\n") + "\r\n",
			wantText: body},
		{name: "masthead, date and single headline",
			in:       "Gazette\nSaturday, March 2, 2024\nBridge to reopen next year\n\n" + body,
			wantText: body, wantTitle: "Bridge to reopen next year", wantDate: time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC)},
		{name: "repeated headline and byline",
			in:       "Bridge to reopen\n\nBridge to reopen\nBy Ann Lee and Bo Chan\n\n" + body,
			wantText: body, wantTitle: "Bridge to reopen", wantAuth: []string{"Ann Lee", "Bo Chan"}},
		{name: "player debris and share words anywhere",
			in:       "0:00\n1:23:45\nShare\n\n" + strings.Replace(body, "\n\n", "\n\nAdvertisement\n\n", 1) + "\n\n×",
			wantText: body},
		{name: "related section and headline list at the end",
			in: body + "\n\nMore stories\n\nCouncil approves budget\nRiver levels rise after rain.\nSchool wins award\n\n" +
				"A final teaser that ends with a full stop.",
			wantText: body},
		{name: "trailing headline list without a marker",
			in:       body + "\n\nCouncil approves budget\nRiver levels rise after rain\nSchool wins award\nNew mayor sworn in",
			wantText: body},
		{name: "caption between blank-line runs is dropped, heading kept",
			in: "The mayor said on Monday that the bridge would reopen next year, after repairs to its piers.\n\n" +
				"Repairs\n\n\nEngineers, who inspected it in May, found cracks in two of the four supports.\n\n\n" +
				"The bridge seen from the north bank of the river in May 2023\n\n\n" +
				"Work starts in June, the council said, and will last about eight months in total.",
			wantText: "The mayor said on Monday that the bridge would reopen next year, after repairs to its piers.\n\n" +
				"Repairs\n\nEngineers, who inspected it in May, found cracks in two of the four supports.\n\n" +
				"Work starts in June, the council said, and will last about eight months in total."},
		{name: "a closing quote line is article text",
			in:       body + "\n\n“We will rebuild it,”\nshe said",
			wantText: body + "\n\n“We will rebuild it,”\nshe said"},
		{name: "a text of short lines is not a tail to cut",
			in:       strings.Repeat("Short line one\n\nAnother short line\n\n", 40),
			wantText: strings.TrimSuffix(strings.Repeat("Short line one\n\nAnother short line\n\n", 40), "\n\n")},
		{name: "empty", in: "", wantText: ""},
		{name: "only debris", in: "0:00\nClose\n\n×", wantText: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Text(tt.in)
			if a.Text != tt.wantText {
				t.Errorf("Text =\n%q\nwant\n%q", a.Text, tt.wantText)
			}
			if a.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", a.Title, tt.wantTitle)
			}
			if !a.Published.Equal(tt.wantDate) {
				t.Errorf("Published = %v, want %v", a.Published, tt.wantDate)
			}
			if !slices.Equal(a.Authors, tt.wantAuth) {
				t.Errorf("Authors = %q, want %q", a.Authors, tt.wantAuth)
			}
		})
	}
}
