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
// on the annotated pages. The committed weights come from seven sources:
// PolNeAR's train split, real sets 1, 2 and 3a (gold.tsv, gold2.tsv and
// gold_a.tsv on the annotated extraction pages, one JSON Lines file for
// all three), the Wikinews/NASA slices a and b and set 5 (each gold on
// its annotated JSON Lines), named polnear, real1, real2, real3a, dev2a,
// dev2b and set5; with -refit.drop the same command gives an ablation.
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
// Every quotation that reaches the model (after the vetoes of speech) is
// one example. The fit is an L2-penalised logistic regression by Newton's
// method, each source weighing in total its size to a power (the pooling,
// 0.5 to 1) times the size of the mean source, so that the small
// real-news sets count without being learned by heart. The pooling, the
// penalty and the threshold are chosen on every source both as a new
// one and as a known one: for each setting of refitSettings, the model
// fitted on all the other sources scores the source left out, and a
// cross-validation by document across all sources scores it as a known
// source (PolNeAR's test split is known, new outlets are not). Kept are
// the setting and threshold with the largest mean gain in F1 over plain
// pooled regression (refitBase) at even odds, among those where no
// source, left out or known, falls more than a standard error below it,
// so that no source is given up for the others. The log gives, per
// source, both F1s at the kept setting, and the F1 left out at the
// setting the other sources alone would choose.
// Because the features of a quote depend on the decisions for the quotes
// before it (a kept quote passes its speaker on), the examples are
// collected again with the new weights and the choice and fit repeated
// until the weights settle (refitRounds). Never give it a held-out set.

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
	refitDrop    = flag.String("refit.drop", "", "comma-separated features (ftName) to leave out, weight 0, for an ablation")
)

// refitRounds bounds how many times examples are collected and the model
// fitted; the rounds stop earlier once the weights settle: the fit of the
// examples collected with weights w moves no weight of w by refitSettled
// or more and keeps the threshold. Then w itself is written, so that a
// rerun on the same tree from the weights it wrote rewrites the same file.
const (
	refitRounds  = 10
	refitSettled = 1e-3
)

// refitSetting is one choice of how the model is fitted. pooling sets how
// much a source weighs: its size to this power, times the size of the
// mean source (1 pools the examples; 0 gives every source the same
// weight). penalty is the L2 penalty on every weight but the bias.
type refitSetting struct {
	pooling, penalty float64
}

// refitBase is plain pooled regression, the reference the settings are
// measured against.
var refitBase = refitSetting{pooling: 1, penalty: 1}

// refitSettings are the settings TestRefitSpeech tries: every pooling of
// 0.5, 0.75 and 1 with every penalty of 1, 3 and 10.
var refitSettings = func() []refitSetting {
	var out []refitSetting
	for _, p := range []float64{0.5, 0.75, 1} {
		for _, l := range []float64{1, 3, 10} {
			out = append(out, refitSetting{pooling: p, penalty: l})
		}
	}
	return out
}()

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
	// dropped lists the features collect sets to 0 (-refit.drop).
	dropped []int
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
	if len(srcs) < 3 {
		t.Fatal("give at least three sources, so that each one left out leaves two to fit on")
	}
	w0, th0 := speechWeights, speechThreshold // the committed model
	defer func() { speechWeights, speechThreshold = w0, th0 }()
	dropped, err := droppedFeatures(*refitDrop)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		s.dropped = dropped
	}
	var (
		set  refitSetting
		runs []losoRun
		g    int
	)
	for round := 0; round < refitRounds; round++ {
		for _, s := range srcs {
			s.collect()
		}
		var k int
		runs, k, g = chooseSetting(srcs)
		set = runs[k].set
		prev, prevTh := speechWeights, speechThreshold
		w := fit(srcs, set, func(int, *example) bool { return true })
		for i := range w {
			w[i] = roundWeight(w[i])
		}
		t.Logf("round %d: pooling %.2f, penalty %g, threshold %.1f", round+1, set.pooling, set.penalty, refitGrid[g])
		speechWeights, speechThreshold = w, refitGrid[g] // for logSources
		logSources(t, srcs, runs, k, g)
		moved := 0.0
		for i := range w {
			moved = max(moved, math.Abs(w[i]-prev[i]))
		}
		if moved < refitSettled && prevTh == refitGrid[g] {
			speechWeights = prev // settled: keep the weights the examples came from
			break
		}
		if round == refitRounds-1 {
			t.Logf("not settled after %d rounds: the weights of the last round are written", refitRounds)
		}
	}
	k := slices.IndexFunc(runs, func(r losoRun) bool { return r.set == set })
	for gg := max(0, g-3); gg < min(len(refitGrid), g+4); gg++ {
		line := fmt.Sprintf("  at %.1f, left out / cross-validated:", refitGrid[gg])
		for i := range srcs {
			line += fmt.Sprintf(" %s %.4f/%.4f", srcs[i].name, runs[k].f1s[i][gg], runs[k].f1s[len(srcs)+i][gg])
		}
		t.Log(line)
	}
	if *refitDump != "" {
		for _, s := range srcs {
			s.collect()
		}
		if err := dumpExamples(*refitDump, srcs, speechWeights, w0); err != nil {
			t.Fatal(err)
		}
	}
	if err := writeWeights("speechweights.go", speechWeights, speechThreshold, set, srcs); err != nil {
		t.Fatal(err)
	}
}

// logSources logs, per source, its examples, the in-sample F1 of the
// current model, and the F1 left out at setting runs[k] and threshold g
// and at the setting and threshold the other sources alone choose.
func logSources(t *testing.T, srcs []*source, runs []losoRun, k, g int) {
	ref := baseF1s(srcs, runs)
	for i, s := range srcs {
		pos := 0
		for _, e := range s.ex {
			pos += int(e.y)
		}
		f, p, r := score(s.ex, speechWeights, speechThreshold)
		lf, lp, lr := scoreAt(s.ex, runs[k].z[i], refitGrid[g])
		ok, og, _ := chooseRun(runs, ref, i)
		t.Logf("  %-8s %5d examples (%d speech): in-sample F1 %.3f (P %.3f R %.3f); cross-validated %.3f (base %.3f); left out F1 %.3f (P %.3f R %.3f), base %.3f, at the others' choice (%.2f, %g, %.1f) %.3f",
			s.name, len(s.ex), pos, f, p, r, runs[k].f1s[len(srcs)+i][g], ref.f1[len(srcs)+i], lf, lp, lr, ref.f1[i], runs[ok].set.pooling, runs[ok].set.penalty, refitGrid[og], runs[ok].f1s[i][og])
	}
}

// refitGrid holds the thresholds tried, -2 to 2 by 0.1.
var refitGrid = func() []float64 {
	var out []float64
	for v := -20; v <= 20; v++ {
		out = append(out, float64(v)/10)
	}
	return out
}()

// losoRun is what one setting gives each source, left out and known.
type losoRun struct {
	set refitSetting
	// z holds, per source, the scores of its examples by the model
	// fitted with set on all the other sources.
	z [][]float64
	// f1s holds, per source and threshold of refitGrid, the F1 of z for
	// the first len(srcs) rows, then the F1 of the source's
	// cross-validated scores (refitFolds folds by document, each scored
	// by the model fitted with set on the other folds of every source).
	f1s [][]float64
}

// refitFolds is the number of folds, by document, of the
// cross-validation that scores each source as a known one.
const refitFolds = 5

// leaveOneOut fits, for each source, the model with set on the others
// and scores the source's examples with it, then cross-validates by
// document across all sources at once.
func leaveOneOut(srcs []*source, set refitSetting) losoRun {
	r := losoRun{set: set, z: make([][]float64, len(srcs))}
	for i, s := range srcs {
		w := fit(srcs, set, func(j int, _ *example) bool { return j != i })
		r.z[i] = make([]float64, len(s.ex))
		for k := range s.ex {
			r.z[i][k] = dot(w, s.ex[k].x)
		}
	}
	oof := make([][]float64, len(srcs))
	for i, s := range srcs {
		oof[i] = make([]float64, len(s.ex))
	}
	for f := 0; f < refitFolds; f++ {
		w := fit(srcs, set, func(_ int, e *example) bool { return e.doc%refitFolds != f })
		for i, s := range srcs {
			for k := range s.ex {
				if s.ex[k].doc%refitFolds == f {
					oof[i][k] = dot(w, s.ex[k].x)
				}
			}
		}
	}
	for _, z := range [][][]float64{r.z, oof} {
		for i, s := range srcs {
			var row []float64
			for _, th := range refitGrid {
				f, _, _ := scoreAt(s.ex, z[i], th)
				row = append(row, f)
			}
			r.f1s = append(r.f1s, row)
		}
	}
	return r
}

// chooseSetting scores every setting of refitSettings and returns the
// runs with the index of the run and of the threshold chooseRun keeps.
func chooseSetting(srcs []*source) (runs []losoRun, k, g int) {
	for _, set := range refitSettings {
		runs = append(runs, leaveOneOut(srcs, set))
	}
	k, g, _ = chooseRun(runs, baseF1s(srcs, runs), -1)
	return runs, k, g
}

// baseline is, per row of a run's f1s, the F1 of refitBase at even odds
// and its standard error, sqrt(F1 (1 - F1) / speech examples).
type baseline struct {
	f1, se []float64
}

// baseF1s returns the baseline of runs for srcs.
func baseF1s(srcs []*source, runs []losoRun) baseline {
	zero := slices.Index(refitGrid, 0)
	for _, r := range runs {
		if r.set != refitBase {
			continue
		}
		var b baseline
		for i, row := range r.f1s {
			pos := 0
			for _, e := range srcs[i%len(srcs)].ex {
				pos += int(e.y)
			}
			f := row[zero]
			b.f1 = append(b.f1, f)
			b.se = append(b.se, math.Sqrt(f*(1-f)/float64(max(pos, 1))))
		}
		return b
	}
	panic("refitSettings lacks refitBase")
}

// chooseRun returns the index of the run and of the threshold with the
// largest mean gain in F1 over base among the rows of the sources but
// skip (-1 for none), left out and known alike, such that no row falls
// more than its standard error below base, and that mean gain. Among
// equals the run listed first and the threshold nearest 0 win. refitBase
// at even odds always qualifies.
func chooseRun(runs []losoRun, base baseline, skip int) (k, g int, gain float64) {
	gain = math.Inf(-1)
	n := len(base.f1) / 2
	for rk, r := range runs {
		for rg := range refitGrid {
			sum, rows, ok := 0.0, 0, true
			for i, row := range r.f1s {
				if i%n == skip {
					continue
				}
				d := row[rg] - base.f1[i]
				ok = ok && d >= -base.se[i]-1e-9
				sum, rows = sum+d, rows+1
			}
			mean := sum / float64(max(rows, 1))
			if ok && (mean > gain+1e-9 || mean > gain-1e-9 && rk == k && math.Abs(refitGrid[rg]) < math.Abs(refitGrid[g])) {
				k, g, gain = rk, rg, mean
			}
		}
	}
	return k, g, gain
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
			for _, f := range s.dropped {
				x[f] = 0 // before the model scores it, as if the feature did not exist
			}
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
// source's index) by Newton's method with the pooling and L2 penalty of
// set (see refitSetting).
func fit(srcs []*source, set refitSetting, keep func(src int, e *example) bool) [nFeatures]float64 {
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
			sw := math.Pow(float64(sizes[i])/meanSize, set.pooling) * meanSize / float64(sizes[i])
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
			g[a] += set.penalty * w[a]
			h[a][a] += set.penalty
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

// droppedFeatures returns the indices of the comma-separated feature
// names in list.
func droppedFeatures(list string) ([]int, error) {
	if list == "" {
		return nil, nil
	}
	names, err := featureNames()
	if err != nil {
		return nil, err
	}
	var out []int
	for _, n := range strings.Split(list, ",") {
		i := slices.Index(names, n)
		if i <= ftBias {
			return nil, fmt.Errorf("-refit.drop: no feature %q", n)
		}
		out = append(out, i)
	}
	return out, nil
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

// roundWeight rounds a weight to the three decimals speechweights.go
// keeps; adding zero turns a negative zero into zero, so that a refit
// writes the same file as a rerun of it.
func roundWeight(v float64) float64 { return math.Round(v*1000)/1000 + 0 }

// writeWeights writes the Go table of w and th, fitted with set, to path.
func writeWeights(path string, w [nFeatures]float64, th float64, set refitSetting, srcs []*source) error {
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
	fmt.Fprintf(&b, "// speechWeights are the weights of the speech model, a logistic\n// regression of \"this quotation is attributed speech\" over the features of\n// features.go, fitted by TestRefitSpeech (refit_test.go), which gives the\n// command, on the quotations of %s\n// (pooling %g, penalty %g).\n", strings.Join(sizes, ", "), set.pooling, set.penalty)
	fmt.Fprintf(&b, "var speechWeights = [nFeatures]float64{\n")
	for i, n := range names {
		fmt.Fprintf(&b, "%s: %s,\n", n, strconv.FormatFloat(roundWeight(w[i]), 'f', -1, 64))
	}
	fmt.Fprintf(&b, "}\n\n// speechThreshold is the log-odds at or above which a quotation is taken\n// for speech, chosen by leaving one source out (refit_test.go). It is only read\n// outside the refit.\nvar speechThreshold = %s\n", strconv.FormatFloat(th, 'f', 1, 64))
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
