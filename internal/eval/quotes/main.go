// Command quotes scores newsmill's quote attribution on PolNeAR, the
// political news attribution corpus (github.com/networkdynamics/PolNeAR).
//
//	go run ./internal/eval/quotes -split dev PATH_TO_POLNEAR
//	go run ./internal/eval/quotes -real GOLD.tsv ANNOTATED.jsonl
//	go run ./internal/eval/quotes -real GOLD.tsv -gender GENDER.tsv ANNOTATED.jsonl
//
// It reads the brat standoff annotations of one split, keeps the
// attributions whose content holds quotation marks (direct and partial
// quotes), runs newsmill's sentences, entities and quotes stages on each
// article's text and prints quote F1 at two coverage levels, speaker
// accuracy (all, and where the gold source is a pronoun), accuracy among
// confident quotes, a breakdown of the errors, and the quotes stage's share
// of the three stages' time. score.go defines the matching. With -real
// it scores hand-annotated real news instead (real.go). Only the train
// and dev splits can be read: the test split is held out.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/entities/proseents"
	"github.com/newsmill/newsmill/stages/quotes"
	"github.com/newsmill/newsmill/stages/sentences"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "eval quotes:", err)
		os.Exit(1)
	}
}

// options are the command-line settings.
type options struct {
	split   string
	verbose int
	cache   string
	root    string
	real    string // the real-news annotation TSV; root is then a JSON Lines file
	rerun   bool   // with real: find the quotes anew in the JSON Lines texts
	gender  string // with real: the gender gold TSV of its speakers
}

func parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("quotes", flag.ContinueOnError)
	fs.StringVar(&o.split, "split", "dev", "PolNeAR split to score: dev or train (test is held out)")
	fs.IntVar(&o.verbose, "v", 0, "print up to `N` examples of each error category")
	fs.StringVar(&o.cache, "cache", "", "directory to keep entities per article in, to rerun faster")
	fs.StringVar(&o.real, "real", "", "score the real-news annotations in `TSV` (see real.go) on the JSON Lines output given instead of PolNeAR")
	fs.StringVar(&o.gender, "gender", "", "with -real: also score speaker_gender against the gender gold in `TSV` (see real.go)")
	fs.BoolVar(&o.rerun, "rerun", false, "with -real: find the quotes anew with this build's quotes stage, on the texts and entities of the JSON Lines file")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: go run ./internal/eval/quotes [-split dev|train] [-v N] [-cache DIR] PATH_TO_POLNEAR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return o, errors.New("want one PolNeAR path")
	}
	if o.split != "dev" && o.split != "train" {
		return o, fmt.Errorf("split %q: only dev and train may be read (test is held out)", o.split)
	}
	o.root = fs.Arg(0)
	return o, nil
}

func run(args []string, w io.Writer) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	if o.real != "" {
		return runReal(o.real, o.gender, o.root, o.verbose, o.rerun, w)
	}
	files, err := annotationFiles(filepath.Join(o.root, "data", o.split, "attributions"))
	if err != nil {
		return err
	}
	rec, err := proseents.Shared()
	if err != nil {
		return err
	}
	var (
		t        tally
		shown    = map[string]int{}
		golds    int
		examples []string
	)
	report := func(cat string, a *article, at span, detail string) {
		if shown[cat] >= o.verbose {
			return
		}
		shown[cat]++
		examples = append(examples, fmt.Sprintf("[%s] %s: %s\n    %s", cat, a.name, context(a.text, at), detail))
	}
	for _, f := range files {
		a, err := load(o.root, o.split, f)
		if err != nil {
			return err
		}
		start := time.Now()
		a.sents = sentences.Split(a.text)
		ents, err := cachedEntities(o.cache, a, func() []pipeline.Entity { return rec.Entities(a.text, a.sents) })
		if err != nil {
			return err
		}
		mid := time.Now()
		a.pred = quotes.Extract(a.text, a.sents, ents)
		t.quotesSeconds += time.Since(mid).Seconds()
		t.totalSeconds += time.Since(start).Seconds()
		golds += len(a.gold)
		t.score(a, report)
	}
	print(w, &t, o, len(files), golds)
	sort.Strings(examples)
	for _, e := range examples {
		fmt.Fprintln(w, e)
	}
	return nil
}

// annotator matches the annotator suffix of a .ann file name.
var annotator = regexp.MustCompile(`_[0-9a-f]+\.ann$`)

// annotationFiles returns one .ann file per article of dir: some articles
// were annotated by several annotators, and the first file in lexical order
// is kept.
func annotationFiles(dir string) ([]string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.ann"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no .ann files in %s", dir)
	}
	sort.Strings(names)
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		base := annotator.ReplaceAllString(filepath.Base(n), "")
		if !seen[base] {
			seen[base] = true
			out = append(out, n)
		}
	}
	return out, nil
}

// load reads the text and annotations of the article annotated in annFile.
func load(root, split, annFile string) (*article, error) {
	base := annotator.ReplaceAllString(filepath.Base(annFile), "")
	raw, err := os.ReadFile(filepath.Join(root, "data", split, "text", base+".txt"))
	if err != nil {
		return nil, err
	}
	f, err := os.Open(annFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	a := &article{name: base, text: string(raw)}
	ann, err := parseAnn(f, a.text)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", annFile, err)
	}
	a.gold = goldQuotes(a.text, ann)
	return a, nil
}

// cachedEntities returns the entities of a from dir when they were kept
// there, else computes them with find and keeps them when dir is set.
func cachedEntities(dir string, a *article, find func() []pipeline.Entity) ([]pipeline.Entity, error) {
	if dir == "" {
		return find(), nil
	}
	path := filepath.Join(dir, a.name+".entities.json")
	if b, err := os.ReadFile(path); err == nil {
		var ents []pipeline.Entity
		if json.Unmarshal(b, &ents) == nil {
			return ents, nil
		}
	}
	ents := find()
	b, err := json.Marshal(ents)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return ents, os.WriteFile(path, b, 0o644)
}

// context returns the text of s with a little on each side, on one line.
func context(text string, s span) string {
	lo, hi := max(0, s.start-80), min(len(text), s.end+80)
	for lo > 0 && !utf8Start(text[lo]) {
		lo--
	}
	for hi < len(text) && !utf8Start(text[hi]) {
		hi++
	}
	out := text[lo:s.start] + "⟦" + text[s.start:s.end] + "⟧" + text[s.end:hi]
	return strings.Join(strings.Fields(out), " ")
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// print writes the figures of t.
func print(w io.Writer, t *tally, o options, articles, golds int) {
	segs := t.at[0].gold
	fmt.Fprintf(w, "PolNeAR %s: %d articles, %d gold quotes with quotation marks (%d quoted segments), %d predicted direct/partial quotes\n",
		o.split, articles, golds, segs, t.at[0].pred)
	for k, th := range thresholds {
		c := t.at[k]
		fmt.Fprintf(w, "quote F1 (coverage > %.0f%%):              %.3f  (P %.3f, R %.3f)\n", th*100, c.f1(), c.precision(), c.recall())
	}
	fmt.Fprintf(w, "speaker accuracy:                        %.3f  (%d/%d matched quotes with a gold source)\n", t.speaker.rate(), t.speaker.ok, t.speaker.n)
	fmt.Fprintf(w, "speaker accuracy, pronoun gold source:   %.3f  (%d/%d)\n", t.pronoun.rate(), t.pronoun.ok, t.pronoun.n)
	fmt.Fprintf(w, "speaker accuracy, confidence >= 0.8:     %.3f  (%d/%d, %.0f%% of matched)\n", t.confident.rate(), t.confident.ok, t.confident.n, 100*ratio(t.confident.n, t.speaker.n))
	fmt.Fprintf(w, "matched quotes without a gold source:    %d (not scored for speaker)\n", t.noGoldSource)
	fmt.Fprintf(w, "quotes stage time:                       %.1f%% of sentences+entities+quotes (%.0f ms of %.0f ms)\n",
		100*t.quotesSeconds/max(t.totalSeconds, 1e-9), t.quotesSeconds*1000, t.totalSeconds*1000)
	fmt.Fprint(w, "speaker accuracy by confidence:         ")
	for i, b := range t.bins {
		if b.n > 0 {
			fmt.Fprintf(w, " [%.1f,%.1f) %.2f n=%d;", float64(i)/10, float64(i+1)/10, b.rate(), b.n)
		}
	}
	fmt.Fprintln(w)
	cats := make([]string, 0, len(t.errs))
	for c := range t.errs {
		cats = append(cats, c)
	}
	sort.Slice(cats, func(i, j int) bool {
		if t.errs[cats[i]] != t.errs[cats[j]] {
			return t.errs[cats[i]] > t.errs[cats[j]]
		}
		return cats[i] < cats[j]
	})
	fmt.Fprintln(w, "errors:")
	for _, c := range cats {
		fmt.Fprintf(w, "  %5d  %s\n", t.errs[c], c)
	}
}
