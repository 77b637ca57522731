package quotes

// TestRefitSpeech refits the speech model of features.go on several
// sources at once and rewrites speechweights.go. It is skipped unless
// -refit is given:
//
//	go test ./stages/quotes -run TestRefitSpeech -refit \
//	    -refit.polnear /path/to/PolNeAR -refit.cache /path/to/entity-cache \
//	    -refit.real real1=gold.tsv:annotated.jsonl,dev2a=gold_a.tsv:a.jsonl
//
// or `make refit-quotes POLNEAR=... REFIT_CACHE=... REFIT_REAL=...`. The
// real-news JSON Lines files come from `newsmill annotate --format jsonl`
// on the annotated pages.
//
// Sources:
//   - PolNeAR's train split (-refit.polnear): a quotation is speech when
//     more than half of its words lie in the content of an annotated
//     attribution. Entities come from -refit.cache (the files the quotes
//     eval writes with -cache) or, when missing there, from proseents.
//   - hand-annotated real news (-refit.real, NAME=GOLD.tsv:ANNOTATED.jsonl
//     pairs): the gold format of internal/eval/quotes/real.go, on the
//     JSON Lines output of `newsmill annotate --format jsonl`. A quotation
//     matched to a gold line is speech unless the line says "-"; one
//     matching none is not speech, as for the eval.
//
// Every quotation that reaches the model (after the vetoes of scare) is
// one example. The fit is an L2-penalised logistic regression by Newton's
// method, each source weighing in total its size to a power (the pooling,
// 0.5 to 1) times the size of the mean source, so that the small
// real-news sets count without being learned by heart. The threshold is chosen on
// cross-validated scores (five folds by document, across all sources at
// once): the pooling and threshold with the largest worst gain among the
// sources over plain pooled regression at even odds (pooling 1,
// threshold 0), so that no source is given up for the others. Leaving one source out is reported for
// each source: the threshold the other sources choose, and the F1 on it
// of the model fitted on the others alone. Because the features of a
// quote depend on the decisions for the quotes before it (a kept quote
// passes its speaker on), the examples are collected again with the new
// weights and the fit repeated until the weights settle (refitRounds). Never give it a
// held-out set.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/entities/proseents"
	"github.com/newsmill/newsmill/stages/sentences"
)

var (
	refit        = flag.Bool("refit", false, "refit the speech model and rewrite speechweights.go (see TestRefitSpeech)")
	refitPolNeAR = flag.String("refit.polnear", "", "PolNeAR checkout whose train split is a source")
	refitCache   = flag.String("refit.cache", "", "directory of cached PolNeAR train entities (NAME.entities.json)")
	refitReal    = flag.String("refit.real", "", "comma-separated NAME=GOLD.tsv:ANNOTATED.jsonl real-news sources")
	refitDump    = flag.String("refit.dump", "", "write every example with its label, final score and features to `FILE`")
)

// refitRounds bounds how many times examples are collected and the model
// fitted; the rounds stop earlier once the weights settle (no weight moves
// by refitSettled or more, and the threshold stays).
const (
	refitRounds  = 6
	refitSettled = 1e-3
)

// refitPooling sets how much a source weighs in the fit: its size to this
// power, times the size of the mean source (1 pools the examples; 0 gives
// every source the same weight). TestRefitSpeech tries each of
// refitPoolings (see TestRefitSpeech).
var refitPooling float64

// refitPoolings are the poolings TestRefitSpeech tries.
var refitPoolings = []float64{0.5, 0.75, 1}

// refitPenalty is the L2 penalty on every weight but the bias.
const refitPenalty = 1.0

// example is one quotation that reached the speech model.
type example struct {
	x   [nFeatures]float64
	y   float64
	doc int // the document's index in its source
	// context is the quotation with a few words around it, for -refit.dump.
	context string
}

// source is one named set of labelled documents.
type source struct {
	name string
	docs []labelledDoc
	ex   []example // filled by collect
}

// labelledDoc is one article with its sentences, entities and a labeller
// that says whether the quotation seg is speech.
type labelledDoc struct {
	text  string
	sents []pipeline.Sentence
	ents  []pipeline.Entity
	// label is called once per quotation in text order; ok is false to
	// leave the quotation out.
	label func(seg segment) (speech, ok bool)
	// reset is called before each collection, or nil.
	reset func()
}

func TestRefitSpeech(t *testing.T) {
	if !*refit {
		t.Skip("refits the speech model only with -refit")
	}
	var srcs []*source
	if *refitPolNeAR != "" {
		s, err := polnearSource(*refitPolNeAR, *refitCache)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, s)
	}
	if *refitReal != "" {
		for _, spec := range strings.Split(*refitReal, ",") {
			name, paths, ok1 := strings.Cut(spec, "=")
			gold, docs, ok2 := strings.Cut(paths, ":")
			if !ok1 || !ok2 {
				t.Fatalf("-refit.real %q: want NAME=GOLD.tsv:ANNOTATED.jsonl", spec)
			}
			s, err := realSource(name, gold, docs)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, s)
		}
	}
	if len(srcs) < 2 {
		t.Fatal("give at least two sources, so that the threshold can be chosen by leaving one out")
	}
	w0, th0 := speechWeights, speechThreshold // the committed model
	defer func() { speechWeights, speechThreshold = w0, th0 }()
	type run struct {
		pooling float64
		w       [nFeatures]float64
		f1s     [][]float64 // per source and threshold of refitGrid, the cross-validated F1
	}
	var runs []run
	for _, p := range refitPoolings {
		t.Logf("pooling %.2f", p)
		r := run{pooling: p}
		r.w, r.f1s = refitRun(t, srcs, w0, th0, p)
		runs = append(runs, r)
	}
	// The reference is plain pooled logistic regression at even odds: keep
	// the pooling and threshold whose worst gain over it among the sources
	// is largest, so that no source is given up for the others.
	ref := make([]float64, len(srcs))
	zero := slices.Index(refitGrid, 0)
	for _, r := range runs {
		if r.pooling == 1 {
			for i := range srcs {
				ref[i] = r.f1s[i][zero]
			}
		}
	}
	best, g, gain := 0, zero, math.Inf(-1)
	for k, r := range runs {
		if rg, v := bestThreshold(r.f1s, ref, -1); v > gain+1e-9 {
			best, g, gain = k, rg, v
		}
	}
	w, th := runs[best].w, refitGrid[g]
	for gg := max(0, g-3); gg < min(len(refitGrid), g+4); gg++ {
		line := fmt.Sprintf("  at %.1f:", refitGrid[gg])
		for i := range srcs {
			line += fmt.Sprintf(" %s %.4f", srcs[i].name, runs[best].f1s[i][gg])
		}
		t.Log(line)
	}
	for i, s := range srcs {
		t.Logf("  %-8s cross-validated F1 %.3f (pooled at even odds %.3f)", s.name, runs[best].f1s[i][g], ref[i])
	}
	t.Logf("kept pooling %.2f, threshold %.1f: worst gain %+.4f", runs[best].pooling, th, gain)
	if *refitDump != "" {
		speechWeights, speechThreshold = w, th
		for _, s := range srcs {
			s.collect()
		}
		if err := dumpExamples(*refitDump, srcs, w, w0); err != nil {
			t.Fatal(err)
		}
	}
	if err := writeWeights("speechweights.go", w, th, srcs); err != nil {
		t.Fatal(err)
	}
}

// refitRun fits the model with the given pooling until it settles,
// starting from the committed model w0 at th0, and returns the weights
// and, per source and threshold of refitGrid, the cross-validated F1 of
// the last round (see crossValidate). Each round collects its examples
// with the weights of the round before at the threshold with the best
// worst gain over even odds.
func refitRun(t *testing.T, srcs []*source, w0 [nFeatures]float64, th0 float64, pooling float64) (w [nFeatures]float64, f1s [][]float64) {
	refitPooling = pooling
	speechWeights, speechThreshold = w0, th0
	zero := slices.Index(refitGrid, 0)
	for round := 0; round < refitRounds; round++ {
		for _, s := range srcs {
			s.collect()
		}
		f1s = crossValidate(t, srcs)
		ref := make([]float64, len(srcs))
		for i := range srcs {
			ref[i] = f1s[i][zero]
		}
		g, _ := bestThreshold(f1s, ref, -1)
		prev, prevTh := speechWeights, speechThreshold
		w = fit(srcs, func(int, *example) bool { return true })
		speechWeights, speechThreshold = w, refitGrid[g] // the next round collects with these
		moved := 0.0
		for i := range w {
			moved = max(moved, math.Abs(w[i]-prev[i]))
		}
		for _, s := range srcs {
			f, p, r := score(s.ex, w, refitGrid[g])
			pos := 0
			for _, e := range s.ex {
				pos += int(e.y)
			}
			t.Logf("  round %d: %-8s %5d examples (%d speech): in-sample F1 %.3f (P %.3f R %.3f) at %.1f", round+1, s.name, len(s.ex), pos, f, p, r, refitGrid[g])
		}
		if moved < refitSettled && prevTh == speechThreshold {
			break
		}
	}
	return w, f1s
}

// refitGrid holds the thresholds tried, -2 to 2 by 0.1.
var refitGrid = func() []float64 {
	var out []float64
	for v := -20; v <= 20; v++ {
		out = append(out, float64(v)/10)
	}
	return out
}()

// bestThreshold returns the index in refitGrid with the largest worst gain
// in F1 over ref among the sources but skip (-1 for none), the mean gain
// breaking ties and then the threshold nearest 0, with that worst gain.
func bestThreshold(f1s [][]float64, ref []float64, skip int) (int, float64) {
	b, bv, bw := 0, math.Inf(-1), 0.0
	for g := range refitGrid {
		worst, sum := math.Inf(1), 0.0
		for i := range f1s {
			if i != skip {
				d := f1s[i][g] - ref[i]
				worst, sum = min(worst, d), sum+d
			}
		}
		v := worst + 1e-3*sum
		if v > bv+1e-9 || v > bv-1e-9 && math.Abs(refitGrid[g]) < math.Abs(refitGrid[b]) {
			b, bv, bw = g, v, worst
		}
	}
	return b, bw
}

// dumpExamples writes one line per example: source, label, score under w
// and under w0, the features that are not 0, and the quotation in context.
func dumpExamples(path string, srcs []*source, w, w0 [nFeatures]float64) error {
	names, err := featureNames()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	for _, s := range srcs {
		for _, e := range s.ex {
			fmt.Fprintf(&b, "%s\t%.0f\t%.2f\t%.2f\t", s.name, e.y, dot(w, e.x), dot(w0, e.x))
			for i, v := range e.x {
				if v != 0 && i != ftBias {
					fmt.Fprintf(&b, "%s=%.2g ", strings.TrimPrefix(names[i], "ft"), v)
				}
			}
			fmt.Fprintf(&b, "\t%s\n", e.context)
		}
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// collect runs Extract on every document of s with the current weights
// and keeps the labelled examples that reach the speech model.
func (s *source) collect() {
	s.ex = s.ex[:0]
	defer func() { speechObserver = nil }()
	for i, d := range s.docs {
		if d.reset != nil {
			d.reset()
		}
		speechObserver = func(seg segment, x *[nFeatures]float64) {
			if speech, ok := d.label(seg); ok {
				lo, hi := max(0, seg.open-60), min(len(d.text), seg.close+seg.closeLen+40)
				for lo > 0 && !utf8.RuneStart(d.text[lo]) {
					lo--
				}
				for hi < len(d.text) && !utf8.RuneStart(d.text[hi]) {
					hi++
				}
				ctx := strings.Join(strings.Fields(d.text[lo:seg.open]+"⟦"+d.text[seg.open:seg.close+seg.closeLen]+"⟧"+d.text[seg.close+seg.closeLen:hi]), " ")
				s.ex = append(s.ex, example{x: *x, y: b2f(speech), doc: i, context: ctx})
			}
		}
		Extract(d.text, d.sents, d.ents)
	}
}

// refitFolds is the number of folds, by document, of the cross-validation
// that gives every example a score from a model that did not see its
// document.
const refitFolds = 5

// crossValidate returns, per source and threshold of refitGrid, the F1 of
// the cross-validated scores of the source's examples: each fold of
// documents is scored by the model fitted on the other folds of every
// source. It logs, for each source left out, the F1 on it at the
// threshold the other sources choose (against even odds): with the
// cross-validated scores, and with the model fitted on the other sources
// alone.
func crossValidate(t *testing.T, srcs []*source) [][]float64 {
	oof := make([][]float64, len(srcs))
	for i, s := range srcs {
		oof[i] = make([]float64, len(s.ex))
	}
	for f := 0; f < refitFolds; f++ {
		w := fit(srcs, func(_ int, e *example) bool { return e.doc%refitFolds != f })
		for i, s := range srcs {
			for k := range s.ex {
				if s.ex[k].doc%refitFolds == f {
					oof[i][k] = dot(w, s.ex[k].x)
				}
			}
		}
	}
	f1s := make([][]float64, len(srcs))
	for i, s := range srcs {
		for _, th := range refitGrid {
			f, _, _ := scoreAt(s.ex, oof[i], th)
			f1s[i] = append(f1s[i], f)
		}
	}
	zero := slices.Index(refitGrid, 0)
	ref := make([]float64, len(srcs))
	for i := range srcs {
		ref[i] = f1s[i][zero]
	}
	for i, s := range srcs {
		g, _ := bestThreshold(f1s, ref, i)
		w := fit(srcs, func(j int, _ *example) bool { return j != i })
		f, p, r := score(s.ex, w, refitGrid[g])
		t.Logf("  left out %-8s the others choose %.1f: cross-validated F1 %.3f; fitted on the others only F1 %.3f (P %.3f R %.3f)",
			s.name, refitGrid[g], f1s[i][g], f, p, r)
	}
	return f1s
}

// scoreAt returns F1, precision and recall on ex of the scores z at
// threshold th.
func scoreAt(ex []example, z []float64, th float64) (f1, p, r float64) {
	var tp, fp, fn float64
	for k, e := range ex {
		pred := z[k] >= th
		switch {
		case pred && e.y == 1:
			tp++
		case pred:
			fp++
		case e.y == 1:
			fn++
		}
	}
	if tp == 0 {
		return 0, 0, 0
	}
	return 2 * tp / (2*tp + fp + fn), tp / (tp + fp), tp / (tp + fn)
}

// score returns F1, precision and recall of the model w at threshold th
// on ex.
func score(ex []example, w [nFeatures]float64, th float64) (f1, p, r float64) {
	z := make([]float64, len(ex))
	for k, e := range ex {
		z[k] = dot(w, e.x)
	}
	return scoreAt(ex, z, th)
}

func dot(w, x [nFeatures]float64) float64 {
	z := 0.0
	for i := range w {
		z += w[i] * x[i]
	}
	return z
}

// fit fits the logistic model on the examples keep accepts (given their
// source's index) by Newton's method with an L2 penalty, weighting each
// source as the comment on TestRefitSpeech says.
func fit(srcs []*source, keep func(src int, e *example) bool) [nFeatures]float64 {
	sizes := make([]int, len(srcs))
	total, n := 0, 0
	for i, s := range srcs {
		for k := range s.ex {
			if keep(i, &s.ex[k]) {
				sizes[i]++
			}
		}
		if sizes[i] > 0 {
			total += sizes[i]
			n++
		}
	}
	meanSize := float64(total) / float64(max(n, 1))
	var w [nFeatures]float64
	for iter := 0; iter < 30; iter++ {
		var g [nFeatures]float64
		var h [nFeatures][nFeatures]float64
		for i, s := range srcs {
			if sizes[i] == 0 {
				continue
			}
			sw := math.Pow(float64(sizes[i])/meanSize, refitPooling) * meanSize / float64(sizes[i])
			for k := range s.ex {
				e := &s.ex[k]
				if !keep(i, e) {
					continue
				}
				p := 1 / (1 + math.Exp(-dot(w, e.x)))
				for a := range e.x {
					if e.x[a] == 0 {
						continue
					}
					g[a] += sw * (p - e.y) * e.x[a]
					for b := range e.x {
						h[a][b] += sw * p * (1 - p) * e.x[a] * e.x[b]
					}
				}
			}
		}
		for a := 1; a < nFeatures; a++ {
			g[a] += refitPenalty * w[a]
			h[a][a] += refitPenalty
		}
		h[0][0] += 1e-6
		step := solve(h, g)
		change := 0.0
		for a := range w {
			w[a] -= step[a]
			change = max(change, math.Abs(step[a]))
		}
		if change < 1e-6 {
			break
		}
	}
	return w
}

// solve returns x with h x = g by Gaussian elimination with partial
// pivoting; h is positive definite here.
func solve(h [nFeatures][nFeatures]float64, g [nFeatures]float64) [nFeatures]float64 {
	for c := 0; c < nFeatures; c++ {
		p := c
		for r := c + 1; r < nFeatures; r++ {
			if math.Abs(h[r][c]) > math.Abs(h[p][c]) {
				p = r
			}
		}
		h[c], h[p] = h[p], h[c]
		g[c], g[p] = g[p], g[c]
		for r := c + 1; r < nFeatures; r++ {
			f := h[r][c] / h[c][c]
			for k := c; k < nFeatures; k++ {
				h[r][k] -= f * h[c][k]
			}
			g[r] -= f * g[c]
		}
	}
	var x [nFeatures]float64
	for c := nFeatures - 1; c >= 0; c-- {
		v := g[c]
		for k := c + 1; k < nFeatures; k++ {
			v -= h[c][k] * x[k]
		}
		x[c] = v / h[c][c]
	}
	return x
}

// featureNames returns the names of the ft constants in features.go, in
// order, read from its source.
func featureNames() ([]string, error) {
	b, err := os.ReadFile("features.go")
	if err != nil {
		return nil, err
	}
	names := regexp.MustCompile(`(?m)^\t(ft[A-Za-z]+)\b`).FindAllSubmatch(b, -1)
	out := make([]string, 0, len(names))
	for _, m := range names {
		out = append(out, string(m[1]))
	}
	if len(out) != nFeatures {
		return nil, fmt.Errorf("features.go: found %d feature names, want %d", len(out), nFeatures)
	}
	return out, nil
}

// writeWeights writes the Go table of w and th to path.
func writeWeights(path string, w [nFeatures]float64, th float64, srcs []*source) error {
	names, err := featureNames()
	if err != nil {
		return err
	}
	var sizes []string
	for _, s := range srcs {
		sizes = append(sizes, fmt.Sprintf("%s (%d)", s.name, len(s.ex)))
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by TestRefitSpeech (refit_test.go); DO NOT EDIT.\n\npackage quotes\n\n")
	fmt.Fprintf(&b, "// speechWeights are the weights of the speech model, a logistic\n// regression of \"this quotation is attributed speech\" over the features of\n// features.go, fitted by TestRefitSpeech (refit_test.go), which gives the\n// command, on the quotations of %s.\n", strings.Join(sizes, ", "))
	fmt.Fprintf(&b, "var speechWeights = [nFeatures]float64{\n")
	for i, n := range names {
		fmt.Fprintf(&b, "%s: %s,\n", n, strconv.FormatFloat(math.Round(w[i]*1000)/1000, 'f', -1, 64))
	}
	fmt.Fprintf(&b, "}\n\n// speechThreshold is the log-odds at or above which a quotation is taken\n// for speech, chosen by cross-validation (refit_test.go). It is only read\n// outside the refit.\nvar speechThreshold = %s\n", strconv.FormatFloat(th, 'f', 1, 64))
	src, err := format.Source(b.Bytes())
	if err != nil {
		return err
	}
	return os.WriteFile(path, src, 0o644)
}

// polnearSource reads the annotated articles of PolNeAR's train split.
func polnearSource(root, cache string) (*source, error) {
	dir := filepath.Join(root, "data", "train")
	names, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("no .ann files under %s (%v)", dir, err)
	}
	slices.Sort(names)
	suffix := regexp.MustCompile(`_[0-9a-f]+\.ann$`)
	seen := map[string]bool{}
	var rec *proseents.Recognizer
	s := &source{name: "polnear"}
	for _, n := range names {
		base := suffix.ReplaceAllString(filepath.Base(n), "")
		if seen[base] {
			continue // annotated twice: the first file, as the eval
		}
		seen[base] = true
		raw, err := os.ReadFile(filepath.Join(dir, "text", base+".txt"))
		if err != nil {
			return nil, err
		}
		ann, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		text := string(raw)
		content, annotated := contentSpans(string(ann), text)
		if !annotated {
			continue // never annotated
		}
		d := labelledDoc{text: text, sents: sentences.Split(text)}
		b, err := os.ReadFile(filepath.Join(cache, base+".entities.json"))
		if cache == "" || err != nil || json.Unmarshal(b, &d.ents) != nil {
			if rec == nil {
				if rec, err = proseents.Shared(); err != nil {
					return nil, err
				}
			}
			d.ents = rec.Entities(text, d.sents)
		}
		d.label = func(seg segment) (bool, bool) {
			c := seg.content()
			in := 0
			for _, sp := range content {
				in += max(0, min(c.End, sp.End)-max(c.Start, sp.Start))
			}
			return 2*in > c.End-c.Start, true
		}
		s.docs = append(s.docs, d)
	}
	return s, nil
}

// contentSpans returns the byte spans of the Content annotations of a
// brat file over text, and whether it holds any attribution.
func contentSpans(ann, text string) ([]pipeline.Span, bool) {
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	var out []pipeline.Span
	annotated := false
	for _, line := range strings.Split(ann, "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) < 2 {
			continue
		}
		annotated = annotated || strings.HasPrefix(f[0], "E") && strings.HasPrefix(f[1], "Attribution")
		typ, offs, _ := strings.Cut(f[1], " ")
		if !strings.HasPrefix(f[0], "T") || typ != "Content" {
			continue
		}
		for _, fr := range strings.Split(offs, ";") {
			a, b, _ := strings.Cut(strings.TrimSpace(fr), " ")
			i, err1 := strconv.Atoi(a)
			j, err2 := strconv.Atoi(b)
			if err1 == nil && err2 == nil && 0 <= i && i <= j && j < len(byteAt) {
				out = append(out, pipeline.Span{Start: byteAt[i], End: byteAt[j]})
			}
		}
	}
	return out, annotated
}

// jsonDoc is the part of a `newsmill annotate --format jsonl` document
// the refit reads; offsets count code points.
type jsonDoc struct {
	ID        string          `json:"doc_id"`
	Text      string          `json:"text"`
	Sentences []pipeline.Span `json:"sentences"`
	Entities  []struct {
		pipeline.Span
		Label     string `json:"label"`
		Canonical string `json:"canonical"`
	} `json:"entities"`
}

// goldLine is one line of a real-news gold TSV.
type goldLine struct {
	prefix string
	speech bool
}

// realSource reads the documents of the JSON Lines file docsPath that the
// gold TSV goldPath annotates.
func realSource(name, goldPath, docsPath string) (*source, error) {
	gb, err := os.ReadFile(goldPath)
	if err != nil {
		return nil, err
	}
	gold := map[string][]goldLine{}
	for _, line := range strings.Split(string(gb), "\n") {
		f := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(f) != 3 {
			continue
		}
		gold[f[0]] = append(gold[f[0]], goldLine{prefix: f[1], speech: f[2] != "-"})
	}
	df, err := os.Open(docsPath)
	if err != nil {
		return nil, err
	}
	defer df.Close()
	s := &source{name: name}
	dec := json.NewDecoder(bufio.NewReader(df))
	for dec.More() {
		var jd jsonDoc
		if err := dec.Decode(&jd); err != nil {
			return nil, fmt.Errorf("%s: %w", docsPath, err)
		}
		lines, ok := gold[jd.ID]
		if !ok {
			continue
		}
		d := labelledDoc{text: jd.Text}
		byteAt := make([]int, 0, utf8.RuneCountInString(jd.Text)+1)
		for i := range jd.Text {
			byteAt = append(byteAt, i)
		}
		byteAt = append(byteAt, len(jd.Text))
		at := func(i int) int { return byteAt[max(0, min(i, len(byteAt)-1))] }
		for _, sp := range jd.Sentences {
			d.sents = append(d.sents, pipeline.Sentence{Span: pipeline.Span{Start: at(sp.Start), End: at(sp.End)}})
		}
		for _, e := range jd.Entities {
			d.ents = append(d.ents, pipeline.Entity{Span: pipeline.Span{Start: at(e.Start), End: at(e.End)}, Label: e.Label, Canonical: e.Canonical})
		}
		var used []bool
		d.reset = func() { used = make([]bool, len(lines)) }
		text := jd.Text
		d.label = func(seg segment) (bool, bool) {
			words := strings.TrimLeft(text[seg.open:], "“”\"‘’'«» ")
			for i, g := range lines {
				if !used[i] && strings.HasPrefix(words, g.prefix) {
					used[i] = true
					return g.speech, true
				}
			}
			return false, true
		}
		s.docs = append(s.docs, d)
	}
	return s, nil
}
