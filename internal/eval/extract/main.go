// Command extract scores newsmill's HTML extraction on one or more
// article-extraction sets and prints each set's body-text precision, recall
// and F1, their macro average, and the extraction time per page on one core:
//
//	go run ./internal/eval/extract ../shared/eval/extraction ../data/x/dragnet_data …
//
// A set is a directory in one of two layouts (see load): the ScrapingHub
// article-extraction-benchmark's (gold.json plus html/<id>.html) or the one
// of j-szulc/html-cleaning-dataset-merged (input/<id>.html plus
// GoldStandard/<id>.txt). Scores are computed exactly as the benchmark's
// evaluate.py does: 4-gram shingles of \w+ tokens counted with multiplicity,
// per-page scores normalised and averaged, F1 from the averages.
//
// One page in five of every set, chosen by a hash of set name and page id,
// is kept unseen: -split dev (the default) scores the other four, -split
// unseen only the kept slice (to be run once, at the end of a round of
// work), -split all every page. Flags: -worst N pages to list per set, -runs
// N timing runs (the fastest is reported), -v to print every page, -out DIR
// to write each page's extracted text to DIR/<set>/<id>.txt.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"time"

	"github.com/newsmill/newsmill/stages/extract"
)

func main() {
	worst := flag.Int("worst", 5, "number of worst pages to list per set")
	runs := flag.Int("runs", 3, "timing runs over all pages; the fastest is reported")
	verbose := flag.Bool("v", false, "print every page's scores")
	out := flag.String("out", "", "write each page's extracted text to `DIR`/<set>/<id>.txt, to compare with the gold text")
	split := flag.String("split", "dev", "pages to score: dev, unseen or all")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: extract [flags] SETDIR...\n\nA SETDIR holds gold.json and html/<id>.html, or input/<id>.html and GoldStandard/<id>.txt.")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	o := options{worst: *worst, runs: max(1, *runs), verbose: *verbose, out: *out, split: *split}
	if err := run(os.Stdout, flag.Args(), o); err != nil {
		fmt.Fprintln(os.Stderr, "extract:", err)
		os.Exit(1)
	}
}

// result is one page's score and extraction time.
type result struct {
	id string
	c  counts
	d  time.Duration
}

// options are the command's flags.
type options struct {
	worst, runs int
	verbose     bool
	out         string // directory for the extracted texts, or ""
	split       string // "dev", "unseen" or "all"
}

// keep reports whether o's split scores page id of set.
func (o options) keep(set, id string) bool {
	switch o.split {
	case "unseen":
		return unseen(set, id)
	case "all":
		return true
	}
	return !unseen(set, id)
}

// setScore is one set's summary.
type setScore struct {
	name              string
	pages             int
	prec, rec, f1, ms float64
}

// run scores every set of dirs and writes the report to w.
func run(w io.Writer, dirs []string, o options) error {
	if o.split != "dev" && o.split != "unseen" && o.split != "all" {
		return fmt.Errorf("-split %q: want dev, unseen or all", o.split)
	}
	// One core, as the bar is stated: the garbage collector gets no other
	// processor to hide its work on.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var sets []setScore
	var pages int
	var total time.Duration
	for _, dir := range dirs {
		s, d, err := runSet(w, dir, o)
		if err != nil {
			return err
		}
		sets = append(sets, s)
		pages += s.pages
		total += d
	}
	fmt.Fprintf(w, "\n%-24s %6s  %9s  %6s  %6s  %7s\n", "set", "pages", "precision", "recall", "F1", "ms/page")
	var macro setScore
	for _, s := range sets {
		fmt.Fprintf(w, "%-24s %6d  %9.4f  %6.4f  %6.4f  %7.2f\n", s.name, s.pages, s.prec, s.rec, s.f1, s.ms)
		macro.prec += s.prec / float64(len(sets))
		macro.rec += s.rec / float64(len(sets))
		macro.f1 += s.f1 / float64(len(sets))
	}
	fmt.Fprintf(w, "%-24s %6d  %9.4f  %6.4f  %6.4f  %7.2f\n", "macro average ("+o.split+")", pages, macro.prec, macro.rec, macro.f1, ms(total)/float64(max(1, pages)))
	return nil
}

// runSet scores the pages of one set that o's split keeps, prints its worst
// pages, and returns its summary and its fastest total extraction time.
func runSet(w io.Writer, dir string, o options) (setScore, time.Duration, error) {
	name := filepath.Base(filepath.Clean(dir))
	all, err := load(dir)
	if err != nil {
		return setScore{}, 0, err
	}
	var pages []page
	for _, p := range all {
		if o.keep(name, p.id) {
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 {
		return setScore{}, 0, errors.New("no pages in " + dir)
	}
	out := ""
	if o.out != "" {
		out = filepath.Join(o.out, name)
		if err := os.MkdirAll(out, 0o755); err != nil {
			return setScore{}, 0, err
		}
	}
	results := make([]result, len(pages))
	var best time.Duration
	for r := range o.runs {
		var total time.Duration
		for i, p := range pages {
			start := time.Now()
			a, _ := extract.HTML(p.html, p.url) // an empty body scores as such
			d := time.Since(start)
			total += d
			if r > 0 {
				results[i].d = min(results[i].d, d)
				continue
			}
			results[i] = result{id: p.id, c: match(p.gold, a.Text), d: d}
			if out != "" {
				if err := os.WriteFile(filepath.Join(out, p.id+".txt"), []byte(a.Text), 0o644); err != nil {
					return setScore{}, 0, err
				}
			}
		}
		if r == 0 || total < best {
			best = total
		}
	}
	scores := make([]counts, len(results))
	for i, r := range results {
		scores[i] = r.c
	}
	s := setScore{name: name, pages: len(pages), ms: ms(best) / float64(len(pages))}
	s.prec, s.rec, s.f1 = summary(scores)
	slowest := slices.MaxFunc(results, func(a, b result) int { return int(a.d - b.d) })
	fmt.Fprintf(w, "%s: pages %d  precision %.4f  recall %.4f  F1 %.4f  ms/page %.2f (slowest %s %.1f ms)\n",
		name, len(pages), s.prec, s.rec, s.f1, s.ms, short(slowest.id), ms(slowest.d))
	if o.verbose {
		for _, r := range results {
			fmt.Fprintf(w, "  %s  P %.3f  R %.3f  %.1f ms\n", r.id, r.c.precision(), r.c.recall(), ms(r.d))
		}
	}
	sort.SliceStable(results, func(i, j int) bool { return f1Of(results[i].c) < f1Of(results[j].c) })
	if n := min(o.worst, len(results)); n > 0 {
		fmt.Fprintln(w, "  worst pages:")
		for _, r := range results[:n] {
			fmt.Fprintf(w, "    %s  F1 %.3f  P %.3f  R %.3f\n", r.id, f1Of(r.c), r.c.precision(), r.c.recall())
		}
	}
	return s, best, nil
}

// f1Of is one page's F1, for ranking pages.
func f1Of(c counts) float64 {
	p, r := c.precision(), c.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// short abbreviates a page id for the summary line.
func short(id string) string { return id[:min(12, len(id))] }
