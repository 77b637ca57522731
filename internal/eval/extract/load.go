package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf16"
)

// page is one benchmark page with its gold body.
type page struct {
	id, url, gold string
	html          []byte
}

// load reads the pages of one set directory, in id order. Two layouts are
// read: the ScrapingHub benchmark's (gold.json mapping id to {url,
// articleBody}, pages in html/<id>.html) and the one of
// j-szulc/html-cleaning-dataset-merged (input/<id>.html with the gold text in
// GoldStandard/<id>.txt, cleaned by goldText).
func load(dir string) ([]page, error) {
	if _, err := os.Stat(filepath.Join(dir, "GoldStandard")); err == nil {
		return loadMerged(dir)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "gold.json"))
	if err != nil {
		return nil, err
	}
	var gold map[string]struct {
		URL         string `json:"url"`
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		return nil, fmt.Errorf("gold.json: %w", err)
	}
	pages := make([]page, 0, len(gold))
	for id, g := range gold {
		html, err := os.ReadFile(filepath.Join(dir, "html", id+".html"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, page{id: id, url: g.URL, gold: g.ArticleBody, html: html})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].id < pages[j].id })
	return pages, nil
}

// loadMerged reads a set in the input/ + GoldStandard/ layout. A page
// without its gold file is an error, so that a broken checkout is not
// scored as a smaller set.
func loadMerged(dir string) ([]page, error) {
	names, err := filepath.Glob(filepath.Join(dir, "input", "*.html"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("no input/*.html in " + dir)
	}
	sort.Strings(names)
	pages := make([]page, 0, len(names))
	for _, name := range names {
		id := strings.TrimSuffix(filepath.Base(name), ".html")
		raw, err := os.ReadFile(filepath.Join(dir, "GoldStandard", id+".txt"))
		if err != nil {
			return nil, err
		}
		body, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		url, gold := goldText(decodeGold(raw))
		pages = append(pages, page{id: id, url: url, gold: gold, html: body})
	}
	return pages, nil
}

var (
	// goldTag matches the markup of the gold files: CleanEval's <p>, <h>
	// and <l> markers and Readability's HTML.
	goldTag = regexp.MustCompile(`</?[A-Za-z][^>]*>`)
	// goldComments matches DragNet's line that separates the article from
	// its comments ("!@#$%^&*()  COMMENTS", with typing slips).
	goldComments = regexp.MustCompile(`(?m)^[ \t!@#$%^&*()]*\^&\*[ \t!@#$%^&*()]*COMMENTS\s*$`)
)

// goldText cleans one gold file of the merged layout: a first "URL: …" line
// (CleanEval, CleanPortalEval) is taken as the page's address, the
// comments after DragNet's separator line are cut, and markup is removed
// with entities decoded. Tokens are what is scored, so whitespace is left
// as it is.
func goldText(raw string) (url, gold string) {
	raw = strings.TrimPrefix(raw, "\ufeff")
	if rest, ok := strings.CutPrefix(strings.TrimLeft(raw, " \t\r\n"), "URL:"); ok {
		line, after, _ := strings.Cut(rest, "\n")
		url, raw = strings.TrimSpace(line), after
	}
	if loc := goldComments.FindStringIndex(raw); loc != nil {
		raw = raw[:loc[0]]
	}
	return url, html.UnescapeString(goldTag.ReplaceAllString(raw, " "))
}

// decodeGold returns a gold file as text: UTF-8, or UTF-16 when it starts
// with a byte-order mark (a few DragNet files are).
func decodeGold(raw []byte) string {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}):
		order = binary.LittleEndian
	case bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		order = binary.BigEndian
	default:
		return string(raw)
	}
	units := make([]uint16, 0, len(raw)/2)
	for i := 2; i+1 < len(raw); i += 2 {
		units = append(units, order.Uint16(raw[i:]))
	}
	return string(utf16.Decode(units))
}

// unseen reports whether page id of set belongs to the slice of every set
// kept out of development (one page in five, by a hash of set and id, so
// that the split does not depend on the order or number of pages).
func unseen(set, id string) bool {
	h := fnv.New32a()
	h.Write([]byte(set + "/" + id))
	return h.Sum32()%5 == 0
}
