package quotes

// TestRefitRank refits the speaker reranker of rank.go across several
// sources at once and rewrites rankweights.go. It is skipped unless
// -refit.rank is given:
//
//	go test ./stages/quotes -run TestRefitRank -refit.rank \
//	    -refit.polnear /path/to/PolNeAR -refit.cache /path/to/train-cache \
//	    -refit.real real1=gold.tsv:annotated.jsonl,dev2a=gold_a.tsv:a.jsonl
//
// or `make refit-rank`. The flags and the sources are those of
// TestRefitSpeech (refit_test.go), whose loaders read them. PolNeAR's
// dev split is not read: it stays a check for internal/eval/quotes.
//
// Every quotation Extract keeps is an example, with its candidates
// (rank.go), but one without a gold speaker to which the sieve gave a
// speaker (the reranker never takes one away). A candidate is right
// when, for PolNeAR, its phrase overlaps the gold source or its resolved
// name ends with a capitalised word of the source (a pronoun source only
// by overlap), as internal/eval/quotes scores it; for real news, when its
// resolved name is one of the gold alternatives, compared as
// internal/eval/quotes does; and in both when it resolves to the name of
// a right one. A quotation the sieve gave no speaker also has the option
// of none, right when it has no gold speaker (PolNeAR: not attributed or
// without a source; real news: "-", "?" or not annotated). The model is a conditional logit over each quotation's
// candidates (the likelihood of the right ones), fitted by Newton's
// method with an L2 penalty, each source weighing in total the square
// root of its size times that of the mean source. The margin by which a
// candidate must beat the sieve's speaker is chosen by leaving one
// source out: for each margin, the model fitted on the other sources is
// scored on the one left out, and the margin kept is the one whose worst
// gain over the sieve among the sources is largest (the mean breaking
// ties, then the larger margin), provided that no source loses and the
// mean gain is at least rankMinGain; else the override is off (an
// infinite margin). The threshold of the fill (a speaker for a
// quotation the sieve gave none, against the option of none) is chosen
// the same way on the quotations the sieve gave no speaker, those
// without a gold speaker included (none is right for them); its gain is
// counted as a share of all the source's quotations.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	gotoken "go/token"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

var refitRank = flag.Bool("refit.rank", false, "refit the speaker reranker and rewrite rankweights.go (see TestRefitRank)")

// rankQuote is one quotation with a gold speaker: its candidates'
// features and labels, and the index of the sieve's candidate (-1 when
// the sieve gave no speaker).
type rankQuote struct {
	doc   int
	x     [][nRankFeatures]float64
	right []bool
	same  []bool // resolves to the sieve's speaker's name
	sieve int
	none  bool // the quotation has no gold speaker (the sieve gave none)
	// context is the quotation with the words around it and its
	// candidates, for -refit.dump.
	context string
}

// rankSource is one named set of documents with gold speakers.
type rankSource struct {
	name string
	docs []rankDoc
	qs   []rankQuote
}

// rankDoc is one article with a labeller that returns, for quotation seg,
// the test of a candidate's mention against its gold speaker, nil when
// it has none, and false to leave the quotation out.
type rankDoc struct {
	text  string
	ents  []pipeline.Entity
	reset func()
	gold  func(seg segment) (right func(m *mention) bool, ok bool)
}

// collect runs Extract on every document of s with the current weights
// and keeps the quotations with a gold speaker.
func (s *rankSource) collect() {
	s.qs = s.qs[:0]
	defer func() { rankObserver = nil }()
	for i, d := range s.docs {
		if d.reset != nil {
			d.reset()
		}
		rankObserver = func(_ string, seg segment, cands []rankCand, x [][nRankFeatures]float64) {
			right, ok := d.gold(seg)
			sieve := slices.IndexFunc(cands, func(c rankCand) bool { return c.src&srcSieve != 0 })
			if !ok || right == nil && sieve >= 0 {
				return // the reranker never takes a speaker away
			}
			rq := rankQuote{doc: i, x: slices.Clone(x), right: make([]bool, len(cands)), sieve: sieve, none: right == nil}
			for k := range cands {
				rq.right[k] = right != nil && right(&cands[k].m)
			}
			// A candidate is as right as another that resolves to the
			// same name: rerank only changes the name.
			for k := range cands {
				if n := cands[k].m.name; rq.right[k] && strings.IndexFunc(n, unicode.IsUpper) >= 0 {
					for j := range cands {
						rq.right[j] = rq.right[j] || cands[j].m.name == n
					}
				}
			}
			rq.same = make([]bool, len(cands))
			for k := range cands {
				rq.same[k] = rq.sieve >= 0 && cands[k].m.name == cands[rq.sieve].m.name
			}
			if rq.sieve < 0 {
				// The option of no speaker, right when there is none.
				var xn [nRankFeatures]float64
				xn[rkNone] = 1
				rq.x, rq.right, rq.same = append(rq.x, xn), append(rq.right, rq.none), append(rq.same, false)
			}
			if *refitDump != "" {
				lo, hi := max(0, seg.open-200), min(len(d.text), seg.close+seg.closeLen+120)
				for lo > 0 && !utf8.RuneStart(d.text[lo]) {
					lo--
				}
				for hi < len(d.text) && !utf8.RuneStart(d.text[hi]) {
					hi++
				}
				ctx := strings.Join(strings.Fields(d.text[lo:seg.open]+"⟦"+d.text[seg.open:seg.close+seg.closeLen]+"⟧"+d.text[seg.close+seg.closeLen:hi]), " ")
				for k, c := range cands {
					ctx += fmt.Sprintf("\n\t%v src=%b %q -> %q", rq.right[k], c.src, d.text[c.m.start:c.m.end], c.m.name)
				}
				rq.context = ctx
			}
			s.qs = append(s.qs, rq)
		}
		Extract(d.text, nil, d.ents)
	}
}

// rankMargins are the margins tried.
var rankMargins = []float64{0, 0.25, 0.5, 1, 1.5, 2, 3, 4}

func TestRefitRank(t *testing.T) {
	if !*refitRank {
		t.Skip("refits the speaker reranker only with -refit.rank")
	}
	var srcs []*rankSource
	add := func(s *rankSource, err error) {
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, s)
	}
	if *refitPolNeAR != "" {
		add(polnearRankSource(*refitPolNeAR, *refitCache))
	}
	for _, spec := range strings.FieldsFunc(*refitReal, func(r rune) bool { return r == ',' }) {
		// NAME=GOLD.tsv:ANNOTATED.jsonl, as for TestRefitSpeech.
		f := strings.FieldsFunc(spec, func(r rune) bool { return r == '=' || r == ':' })
		if len(f) != 3 {
			t.Fatalf("-refit.real %q: want NAME=GOLD.tsv:ANNOTATED.jsonl", spec)
		}
		add(realRankSource(f[0], f[1], f[2]))
	}
	fitted := srcs
	if len(fitted) < 2 {
		t.Fatal("give at least two sources, so that the thresholds can be chosen by leaving one out")
	}
	names, err := rankFeatureNames()
	if err != nil {
		t.Fatal(err)
	}
	w0, m0, f0 := rankWeights, rankMargin, rankFill
	defer func() { rankWeights, rankMargin, rankFill = w0, m0, f0 }()
	rankWeights, rankMargin, rankFill = [nRankFeatures]float64{rkSieve: 1}, 0, math.Inf(1) // the sieve alone
	for _, s := range srcs {
		s.collect()
		logHeadroom(t, s, names)
	}
	if *refitDump != "" {
		if err := dumpRank(*refitDump, srcs); err != nil {
			t.Fatal(err)
		}
	}
	// Leave one source out: the model fitted on the others, scored on the
	// one left out at each margin and fill threshold.
	off := math.Inf(1)
	loso := make([][nRankFeatures]float64, len(fitted))
	for i := range fitted {
		loso[i] = fitRank(fitted, i)
	}
	choose := func(what string, grid []float64, gain func(i int, w *[nRankFeatures]float64, v float64) float64) float64 {
		best, bestV := off, math.Inf(-1)
		for _, v := range grid {
			worst, sum := math.Inf(1), 0.0
			line := fmt.Sprintf("  %s %.2f, left out:", what, v)
			for i, s := range fitted {
				g := gain(i, &loso[i], v)
				worst, sum = min(worst, g), sum+g
				line += fmt.Sprintf(" %s %+.4f", s.name, g)
			}
			t.Logf("%s; worst %+.4f mean %+.4f", line, worst, sum/float64(len(fitted)))
			if score := worst + 1e-3*sum; worst >= 0 && sum >= rankMinGain*float64(len(fitted)) && score > bestV-1e-9 {
				best, bestV = v, score
			}
		}
		if math.IsInf(best, 1) {
			t.Logf("  no %s gains on a source left out without losing on another: off", what)
		} else {
			t.Logf("  kept %s %.2f", what, best)
		}
		return best
	}
	margin := choose("margin", rankMargins, func(i int, w *[nRankFeatures]float64, v float64) float64 {
		return speakerAccuracy(fitted[i].qs, w, v, off) - speakerAccuracy(fitted[i].qs, nil, off, off)
	})
	fill := choose("fill", rankFills, func(i int, w *[nRankFeatures]float64, v float64) float64 {
		return fillAccuracy(fitted[i].qs, w, v) - fillAccuracy(fitted[i].qs, nil, off)
	})
	for i, s := range fitted {
		t.Logf("  left out %-12s speaker %.4f -> %.4f", s.name, speakerAccuracy(s.qs, nil, off, off), speakerAccuracy(s.qs, &loso[i], margin, fill))
	}
	w := fitRank(fitted, -1)
	if math.IsInf(margin, 1) && math.IsInf(fill, 1) {
		w = [nRankFeatures]float64{rkSieve: 1}
	}
	for _, s := range srcs {
		var filled [3]int // speakers given where the sieve gave none: right, wrong, to a quotation without a gold speaker
		for _, q := range s.qs {
			if k := rankPick(q, &w, margin, fill); q.sieve < 0 && k != len(q.x)-1 {
				switch {
				case q.right[k]:
					filled[0]++
				case q.none:
					filled[2]++
				default:
					filled[1]++
				}
			}
		}
		t.Logf("  %-12s speaker %.4f -> in sample %.4f (%d quotes); filled right %d, wrong %d, without a gold speaker %d",
			s.name, speakerAccuracy(s.qs, nil, off, off), speakerAccuracy(s.qs, &w, margin, fill), len(s.qs), filled[0], filled[1], filled[2])
	}
	if err := writeRankWeights("rankweights.go", w, margin, fill, fitted); err != nil {
		t.Fatal(err)
	}
}

// rankMinGain is the least mean gain over the sources left out that
// turns the override or the fill on: 0.1 point of accuracy.
const rankMinGain = 1e-3

// rankFills are the fill thresholds tried.
var rankFills = []float64{-2, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3}

// dumpRank writes, for -refit.dump, each quotation whose sieve speaker
// is wrong or missing, with its candidates.
func dumpRank(path string, srcs []*rankSource) error {
	var b bytes.Buffer
	for _, s := range srcs {
		for _, q := range s.qs {
			if q.sieve < 0 || !q.right[q.sieve] && slices.Contains(q.right, true) {
				fmt.Fprintf(&b, "%s sieve=%d none=%v %s\n\n", s.name, q.sieve, q.none, q.context)
			}
		}
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// logHeadroom logs how often the sieve's speaker is right among s's
// quotations with a gold speaker, and how often a right candidate exists
// when it is not (the oracle), in all and by the sieve's kind of rule.
func logHeadroom(t *testing.T, s *rankSource, names []string) {
	var n, ok, wrong, wrongOracle, none, noneOracle int
	for _, q := range s.qs {
		if q.none {
			continue
		}
		n++
		any := slices.Contains(q.right, true)
		switch {
		case q.sieve < 0:
			none++
			if any {
				noneOracle++
			}
		case q.right[q.sieve]:
			ok++
		default:
			wrong++
			if any {
				wrongOracle++
			}
		}
	}
	for _, f := range []int{rkSieveStrong, rkSieveNear, rkSieveContinue, rkSieveSubject} { // the sieve's rules
		var n, ok, or int
		for _, q := range s.qs {
			if q.sieve >= 0 && q.x[q.sieve][f] == 1 {
				n++
				if q.right[q.sieve] {
					ok++
				} else if slices.Contains(q.right, true) {
					or++
				}
			}
		}
		t.Logf("   %-12s by %-16s %5d quotes, sieve right %d, wrong with a right candidate %d", s.name, names[f], n, ok, or)
	}
	t.Logf("%-12s %5d quotes with a gold speaker: sieve right %.4f; wrong %d (a right candidate in %d), no speaker %d (in %d); oracle %.4f",
		s.name, n, ratioOf(ok, n), wrong, wrongOracle, none, noneOracle, ratioOf(ok+wrongOracle+noneOracle, n))
}

func ratioOf(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// speakerAccuracy returns the share of the quotations of qs with a gold
// speaker whose chosen candidate (see rankPick) is right.
func speakerAccuracy(qs []rankQuote, w *[nRankFeatures]float64, margin, fill float64) float64 {
	ok, n := 0, 0
	for _, q := range qs {
		if q.none {
			continue
		}
		n++
		if k := rankPick(q, w, margin, fill); k >= 0 && q.right[k] {
			ok++
		}
	}
	return ratioOf(ok, n)
}

// fillAccuracy returns the quotations of qs to which the sieve gave no
// speaker that end right (with a right speaker, or with none when they
// have no gold speaker) as a share of all of qs, so that a source's gain
// weighs by its size.
func fillAccuracy(qs []rankQuote, w *[nRankFeatures]float64, fill float64) float64 {
	ok := 0
	for _, q := range qs {
		if k := rankPick(q, w, 0, fill); q.sieve < 0 && k >= 0 && q.right[k] {
			ok++
		}
	}
	return ratioOf(ok, len(qs))
}

// rankPick returns the candidate of q that rerank would choose with the
// weights w (nil for the sieve alone), or -1 for none: with a sieve
// speaker, the best-scored candidate of another name when it beats the
// sieve's by more than margin; without, the best-scored candidate when
// it beats the option of none (q's last row) by more than fill.
func rankPick(q rankQuote, w *[nRankFeatures]float64, margin, fill float64) int {
	if w == nil {
		if q.sieve < 0 {
			return len(q.x) - 1
		}
		return q.sieve
	}
	if q.sieve < 0 {
		none := len(q.x) - 1
		best, bz := none, math.Inf(-1)
		for k := range none {
			if z := dotRank(w, &q.x[k]); z > bz {
				best, bz = k, z
			}
		}
		if best == none || bz-dotRank(w, &q.x[none]) <= fill {
			return none
		}
		return best
	}
	best, bz, sz := q.sieve, math.Inf(-1), 0.0
	for k := range q.x {
		z := dotRank(w, &q.x[k])
		if k == q.sieve {
			sz = z
		} else if q.same[k] {
			continue
		}
		if z > bz {
			best, bz = k, z
		}
	}
	if bz-sz <= margin {
		return q.sieve
	}
	return best
}

func dotRank(w, x *[nRankFeatures]float64) float64 {
	z := 0.0
	for i := range w {
		z += w[i] * x[i]
	}
	return z
}

// rankPenalty is the L2 penalty on the weights.
const rankPenalty = 1.0

// fitRank fits the conditional logit on the quotations of srcs but the
// one at index skip (-1 for none) that have a right candidate, each
// source weighing in total the square root of its size times that of the
// mean source.
func fitRank(srcs []*rankSource, skip int) [nRankFeatures]float64 {
	sizes := make([]float64, len(srcs))
	total, n := 0.0, 0.0
	for i, s := range srcs {
		if i == skip {
			continue
		}
		for _, q := range s.qs {
			if slices.Contains(q.right, true) {
				sizes[i]++
			}
		}
		if sizes[i] > 0 {
			total, n = total+sizes[i], n+1
		}
	}
	mean := total / max(n, 1)
	var w [nRankFeatures]float64
	for iter := 0; iter < 50; iter++ {
		// The L2 penalty's share, then each quotation's.
		var g [nRankFeatures]float64
		var h [nRankFeatures][nRankFeatures]float64
		for a := range w {
			g[a], h[a][a] = rankPenalty*w[a], rankPenalty
		}
		for i, s := range srcs {
			if i == skip || sizes[i] == 0 {
				continue
			}
			sw := math.Sqrt(sizes[i]/mean) * mean / sizes[i]
			for _, q := range s.qs {
				if !slices.Contains(q.right, true) {
					continue
				}
				// p over all candidates, r over the right ones: the
				// gradient of -log sum_right p is E_p[x] - E_r[x]; the
				// Hessian is approximated by the covariance under p.
				zs := make([]float64, len(q.x))
				zmax := math.Inf(-1)
				for k := range q.x {
					zs[k] = dotRank(&w, &q.x[k])
					zmax = max(zmax, zs[k])
				}
				var ep, er [nRankFeatures]float64
				sp, sr := 0.0, 0.0
				ps := make([]float64, len(q.x))
				for k := range q.x {
					ps[k] = math.Exp(zs[k] - zmax)
					sp += ps[k]
					if q.right[k] {
						sr += ps[k]
					}
				}
				for k := range q.x {
					p := ps[k] / sp
					for a, v := range q.x[k] {
						ep[a] += p * v
						if q.right[k] {
							er[a] += ps[k] / sr * v
						}
					}
				}
				for a := range g {
					g[a] += sw * (ep[a] - er[a])
				}
				for k := range q.x {
					p := ps[k] / sp
					for a := range h {
						da := q.x[k][a] - ep[a]
						if da == 0 {
							continue
						}
						for b := range h {
							h[a][b] += sw * p * da * (q.x[k][b] - ep[b])
						}
					}
				}
			}
		}
		step, norm := solveRank(h, g), 0.0
		for a, d := range step {
			w[a], norm = w[a]-d, norm+d*d
		}
		if norm < 1e-12 {
			return w
		}
	}
	return w
}

// solveRank returns x with h x = g for the symmetric positive definite
// h (the penalty makes it so) by its Cholesky factor L, h = L Lᵀ.
func solveRank(h [nRankFeatures][nRankFeatures]float64, g [nRankFeatures]float64) [nRankFeatures]float64 {
	var l [nRankFeatures][nRankFeatures]float64
	for j := range l {
		d := h[j][j]
		for k := range j {
			d -= l[j][k] * l[j][k]
		}
		l[j][j] = math.Sqrt(d)
		for i := j + 1; i < nRankFeatures; i++ {
			v := h[i][j]
			for k := range j {
				v -= l[i][k] * l[j][k]
			}
			l[i][j] = v / l[j][j]
		}
	}
	var y, x [nRankFeatures]float64
	for i := range y { // L y = g
		y[i] = g[i]
		for k := range i {
			y[i] -= l[i][k] * y[k]
		}
		y[i] /= l[i][i]
	}
	for i := nRankFeatures - 1; i >= 0; i-- { // Lᵀ x = y
		x[i] = y[i]
		for k := i + 1; k < nRankFeatures; k++ {
			x[i] -= l[k][i] * x[k]
		}
		x[i] /= l[i][i]
	}
	return x
}

// rankFeatureNames returns the names of the features of rank.go in
// order: the constants of the block that ends with nRankFeatures.
func rankFeatureNames() ([]string, error) {
	f, err := parser.ParseFile(gotoken.NewFileSet(), "rank.go", nil, 0)
	if err != nil {
		return nil, err
	}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != gotoken.CONST {
			continue
		}
		var names []string
		for _, spec := range gd.Specs {
			for _, n := range spec.(*ast.ValueSpec).Names {
				names = append(names, n.Name)
			}
		}
		if len(names) == nRankFeatures+1 && names[nRankFeatures] == "nRankFeatures" {
			return names[:nRankFeatures], nil
		}
	}
	return nil, fmt.Errorf("rank.go: no block of %d features ending with nRankFeatures", nRankFeatures)
}

// writeRankWeights writes the Go table of w and margin to path.
func writeRankWeights(path string, w [nRankFeatures]float64, margin, fill float64, srcs []*rankSource) error {
	names, err := rankFeatureNames()
	if err != nil {
		return err
	}
	var sizes []string
	for _, s := range srcs {
		sizes = append(sizes, fmt.Sprintf("%s (%d)", s.name, len(s.qs)))
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by TestRefitRank (rankrefit_test.go); DO NOT EDIT.\n\npackage quotes\n\n")
	if math.IsInf(margin, 1) || math.IsInf(fill, 1) {
		fmt.Fprintf(&b, "import \"math\"\n\n")
	}
	fmt.Fprintf(&b, "// rankWeights are the weights of the speaker reranker (rank.go), a\n// conditional logit over each quotation's speaker candidates fitted by\n// TestRefitRank (rankrefit_test.go), which gives the command, on the\n// quotations of %s (those with a gold speaker, and\n// those without one that the sieve gave no speaker).\n", strings.Join(sizes, ", "))
	fmt.Fprintf(&b, "var rankWeights = [nRankFeatures]float64{\n")
	for i, n := range names {
		if r := roundWeight(w[i]); r != 0 {
			fmt.Fprintf(&b, "%s: %s,\n", n, strconv.FormatFloat(r, 'f', -1, 64))
		}
	}
	lit := func(v float64) string {
		if math.IsInf(v, 1) {
			return "math.Inf(1) // off: no threshold gains enough without a loss on some source left out"
		}
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	fmt.Fprintf(&b, "}\n\n// rankMargin is how much higher than the sieve's speaker another\n// candidate must score to replace it, and rankFill how much higher than\n// the option of none the best candidate must score to become the\n// speaker of a quotation the sieve gave none, both chosen by leaving one\n// source out (rankrefit_test.go).\nvar (\nrankMargin = %s\nrankFill = %s\n)\n", lit(margin), lit(fill))
	src, err := format.Source(b.Bytes())
	if err != nil {
		return err
	}
	return os.WriteFile(path, src, 0o644)
}

// polnearRankSource reads the articles of PolNeAR's train split as
// polnearSource (refit_test.go) does, with their attributions' sources,
// found by the article's text.
func polnearRankSource(root, cache string) (*rankSource, error) {
	src, err := polnearSource(root, cache)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, "data", "train")
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	slices.Sort(anns)
	byText := map[string][]bratAttribution{} // the first annotation of each text, as the eval
	for _, f := range anns {
		name := strings.TrimSuffix(filepath.Base(f), ".ann")
		raw, err := os.ReadFile(filepath.Join(dir, "text", name[:max(0, strings.LastIndexByte(name, '_'))]+".txt"))
		if err != nil {
			return nil, err
		}
		if _, ok := byText[string(raw)]; ok {
			continue
		}
		ann, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		byText[string(raw)] = bratAttributions(string(ann), string(raw))
	}
	s := &rankSource{name: src.name}
	for _, ld := range src.docs {
		attrs, text := byText[ld.text], ld.text
		d := rankDoc{text: text, ents: ld.ents}
		d.gold = func(seg segment) (func(*mention) bool, bool) {
			c := seg.content()
			best, bestIn := -1, 0
			for i, at := range attrs {
				in := 0
				for _, sp := range at.content {
					in += max(0, min(c.End, sp.End)-max(c.Start, sp.Start))
				}
				if in > bestIn {
					best, bestIn = i, in
				}
			}
			if best < 0 || 2*bestIn <= c.End-c.Start || len(attrs[best].source) == 0 {
				return nil, true // not attributed speech, or without a source
			}
			return attrs[best].right(text), true
		}
		s.docs = append(s.docs, d)
	}
	return s, nil
}

// bratAttribution is one PolNeAR attribution: its content and source
// fragments in bytes.
type bratAttribution struct {
	content, source []pipeline.Span
}

// right returns the test of a candidate mention against at's source, as
// internal/eval/quotes judges a speaker: its phrase overlaps the source,
// or, unless the source is a pronoun, its resolved name or its phrase
// ends with a capitalised word of the source (of the phrase before a
// relative pronoun source).
func (at bratAttribution) right(text string) func(m *mention) bool {
	var parts []string
	for _, sp := range at.source {
		parts = append(parts, text[sp.Start:sp.End])
	}
	src := strings.ToLower(strings.TrimSpace(strings.Join(parts, " ")))
	pronoun := slices.Contains([]string{"he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "me", "us"}, src)
	names := capitalWords(strings.Join(parts, " "))
	if slices.Contains([]string{"who", "which", "that", "whom", "whose"}, src) {
		before := strings.TrimRight(text[max(0, at.source[0].Start-80):at.source[0].Start], ", ")
		if i := strings.LastIndexAny(before, ",.;:“”\"()"); i >= 0 {
			before = before[i+1:]
		}
		names = capitalWords(before)
	}
	return func(m *mention) bool {
		for _, sp := range at.source {
			if m.start < sp.End && sp.Start < m.end {
				return true
			}
		}
		if pronoun {
			return false
		}
		for _, n := range []string{m.name, text[m.start:m.end]} {
			if c := capitalWords(n); len(c) > 0 && slices.Contains(names, c[len(c)-1]) {
				return true
			}
		}
		return false
	}
}

// capitalWords returns the capitalised words of s without a possessive
// ending, leaving out those that name nobody on their own (as
// internal/eval/quotes does).
func capitalWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' })
		for _, suf := range []string{"’s", "'s", "’", "'"} {
			w = strings.TrimSuffix(w, suf)
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && len(w) > 1 && !strings.Contains(" The A An This That U.S. US Mr. Mrs. Ms. Dr. Sen. Rep. Gov. President Democratic Republican Democrats Republicans ", " "+w+" ") {
			out = append(out, w)
		}
	}
	return out
}

// bratAttributions returns the attributions of a brat file over text.
func bratAttributions(ann, text string) []bratAttribution {
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	bounds := map[string][]pipeline.Span{}
	var out []bratAttribution
	var events [][]string
	for _, line := range strings.Split(ann, "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) < 2 || f[0] == "" {
			continue
		}
		switch f[0][0] {
		case 'T':
			_, offs, _ := strings.Cut(f[1], " ")
			for _, fr := range strings.Split(offs, ";") {
				a, b, _ := strings.Cut(strings.TrimSpace(fr), " ")
				i, err1 := strconv.Atoi(a)
				j, err2 := strconv.Atoi(b)
				if err1 == nil && err2 == nil && 0 <= i && i <= j && j < len(byteAt) {
					bounds[f[0]] = append(bounds[f[0]], pipeline.Span{Start: byteAt[i], End: byteAt[j]})
				}
			}
		case 'E':
			if strings.HasPrefix(f[1], "Attribution") {
				events = append(events, strings.Fields(f[1])[1:])
			}
		}
	}
	for _, ev := range events {
		var at bratAttribution
		for _, p := range ev {
			role, ref, _ := strings.Cut(p, ":")
			switch strings.TrimRight(role, "0123456789") {
			case "Content":
				at.content = append(at.content, bounds[ref]...)
			case "Source":
				at.source = append(at.source, bounds[ref]...)
			}
		}
		out = append(out, at)
	}
	return out
}

// realRankSource reads the documents of the JSON Lines file docsPath that
// the gold TSV goldPath annotates, as realSource (refit_test.go) does,
// with their gold speaker names.
func realRankSource(name, goldPath, docsPath string) (*rankSource, error) {
	src, err := realSource(name, goldPath, docsPath)
	if err != nil {
		return nil, err
	}
	gb, err := os.ReadFile(goldPath)
	if err != nil {
		return nil, err
	}
	type line struct {
		prefix string
		names  []string // nil for "-" and "?"
	}
	gold := map[string][]line{}
	for _, l := range strings.Split(string(gb), "\n") {
		f := strings.Split(l, "\t")
		if strings.HasPrefix(l, "#") || len(f) != 3 {
			continue
		}
		g := line{prefix: f[1]}
		if f[2] != "-" && f[2] != "?" {
			g.names = strings.Split(f[2], "|")
		}
		gold[f[0]] = append(gold[f[0]], g)
	}
	// realSource keeps the documents with gold lines in file order: the
	// same ones, by their ids.
	df, err := os.Open(docsPath)
	if err != nil {
		return nil, err
	}
	defer df.Close()
	s := &rankSource{name: name}
	dec := json.NewDecoder(bufio.NewReader(df))
	for dec.More() {
		var jd struct {
			ID   string `json:"doc_id"`
			Text string `json:"text"`
		}
		if err := dec.Decode(&jd); err != nil {
			return nil, fmt.Errorf("%s: %w", docsPath, err)
		}
		lines, ok := gold[jd.ID]
		if !ok {
			continue
		}
		k := len(s.docs)
		if k >= len(src.docs) || src.docs[k].text != jd.Text {
			return nil, fmt.Errorf("%s: document %s is not realSource's %d", docsPath, jd.ID, k)
		}
		d := rankDoc{text: jd.Text, ents: src.docs[k].ents}
		var used []bool
		d.reset = func() { used = make([]bool, len(lines)) }
		d.gold = func(seg segment) (func(*mention) bool, bool) {
			words := strings.TrimLeft(d.text[seg.open:], "“”\"‘’'«» ")
			for i, g := range lines {
				if used[i] || !strings.HasPrefix(words, g.prefix) {
					continue
				}
				used[i] = true
				if g.names == nil {
					return nil, true // a term or a quote without a speaker
				}
				return func(m *mention) bool {
					return slices.ContainsFunc(g.names, func(n string) bool { return sameSpeakerName(m.name, n) })
				}, true
			}
			return nil, true // not annotated: not a quote
		}
		s.docs = append(s.docs, d)
	}
	return s, nil
}

// sameSpeakerName reports whether a resolved name is the gold one,
// ignoring case, a leading article and the kind of apostrophe, the
// comparison of internal/eval/quotes.
func sameSpeakerName(pred, gold string) bool {
	return strings.EqualFold(bareName(pred), bareName(gold))
}

// bareName returns name trimmed, without a leading "the", "a" or "an",
// with straight apostrophes.
func bareName(name string) string {
	name = strings.ReplaceAll(strings.TrimSpace(name), "’", "'")
	for _, article := range [...]string{"the ", "a ", "an "} {
		if len(name) >= len(article) && strings.EqualFold(name[:len(article)], article) {
			name = name[len(article):]
		}
	}
	return name
}
