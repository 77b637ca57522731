package entities

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
)

// LabeledSentence is one tokenised sentence with a BIO label per word over
// the types PER, ORG and LOC ("O", "B-PER", "I-PER", "B-ORG", ...).
type LabeledSentence struct {
	Words  []string
	Labels []string
}

// TrainOptions configures Train.
type TrainOptions struct {
	Epochs int    // passes over the data; 0 means 8
	Bits   uint   // log2 of the number of weight buckets; 0 means 19
	Seed   uint64 // shuffling seed
	// Prune sets to zero the averaged weights whose magnitude is below
	// this fraction of the largest one, which makes the model compress
	// better. 0 keeps every weight.
	Prune float64
	// Log, when set, receives one line per epoch.
	Log io.Writer
	// Clusters, when set, gives words (lower case, as the tagger
	// normalises them) a cluster for the distributional features; the
	// model keeps the table.
	Clusters map[string]Cluster
}

// Cluster is a word's place in two clusterings of word embeddings: a fine
// one and a coarse one (a clustering of the fine clusters).
type Cluster struct {
	Fine   uint16
	Coarse uint8
}

// Train fits an averaged structured perceptron on sents, decoding each
// sentence with the same Viterbi search as tagging, and returns the model.
// It costs about five seconds per epoch per million tokens and about 40
// bytes of memory per bucket. It is deterministic for a given Seed.
func Train(sents []LabeledSentence, opt TrainOptions) *Model {
	if opt.Epochs == 0 {
		opt.Epochs = 8
	}
	if opt.Bits == 0 {
		opt.Bits = 19
	}
	n := numLabels << opt.Bits
	t := &trainer{
		bits:   opt.Bits,
		w:      make([]float32, n),
		total:  make([]float64, n),
		stamp:  make([]int32, n),
		labels: make([][]int, len(sents)),
	}
	if len(opt.Clusters) > 0 {
		t.clusters = make(map[string]uint32, len(opt.Clusters))
		for w, c := range opt.Clusters {
			t.clusters[w] = 1<<24 | uint32(c.Fine)<<8 | uint32(c.Coarse)
		}
		t.d.f.clusters = t.clusters
	}
	for i, s := range sents {
		t.labels[i] = make([]int, len(s.Labels))
		for j, l := range s.Labels {
			t.labels[i][j] = labelIndex(l)
		}
	}
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x6e6577736d696c6c))
	for epoch := range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var errs, toks int
		for _, i := range order {
			errs += t.learn(sents[i].Words, t.labels[i])
			toks += len(sents[i].Words)
		}
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "epoch %d: %d of %d tokens wrong (%.2f%%)\n", epoch+1, errs, toks, 100*float64(errs)/float64(max(toks, 1)))
		}
	}
	m := t.average(opt.Prune)
	m.clusters = t.clusters
	return m
}

// trainer holds the perceptron's weights with lazily updated sums for
// averaging.
type trainer struct {
	bits     uint
	w        []float32
	total    []float64 // sum of w over all steps, up to stamp
	stamp    []int32   // step at which total was last brought up to date
	step     int32
	d        decoder
	pred     []int
	labels   [][]int
	clusters map[string]uint32
}

// learn tags one sentence with the current weights (structured
// perceptron) and, where the best sequence differs from gold, moves the
// weights towards gold's features and away from the prediction's. It
// returns the number of wrong tokens.
func (t *trainer) learn(words []string, gold []int) int {
	t.step++
	t.pred = viterbi(&t.d, t.w, t.bits, words, t.pred[:0])
	wrong := 0
	for i, g := range gold {
		p := t.pred[i]
		gPrev, pPrev := labelO, labelO
		if i > 0 {
			gPrev, pPrev = gold[i-1], t.pred[i-1]
		}
		if p != g {
			wrong++
			t.updateAll(t.d.staticOf(i), g, p)
		}
		if p != g || pPrev != gPrev {
			t.updateAll(t.d.histOf(i, gPrev), g, -1)
			t.updateAll(t.d.histOf(i, pPrev), -1, p)
		}
	}
	return wrong
}

// updateAll adds 1 to the weights of feats for label up and subtracts 1
// for label down; -1 skips either.
func (t *trainer) updateAll(feats []uint64, up, down int) {
	for _, h := range feats {
		b := int(h>>(64-t.bits)) * numLabels
		if up >= 0 {
			t.update(b+up, 1)
		}
		if down >= 0 {
			t.update(b+down, -1)
		}
	}
}

func (t *trainer) update(k int, d float32) {
	t.total[k] += float64(t.step-t.stamp[k]) * float64(t.w[k])
	t.stamp[k] = t.step
	t.w[k] += d
}

// average returns the model with averaged, pruned and quantised weights.
func (t *trainer) average(prune float64) *Model {
	avg := make([]float64, len(t.w))
	maxAbs := 0.0
	for k := range t.w {
		total := t.total[k] + float64(t.step-t.stamp[k])*float64(t.w[k])
		avg[k] = total / float64(max(t.step, 1))
		maxAbs = math.Max(maxAbs, math.Abs(avg[k]))
	}
	m := &Model{bits: t.bits, weights: make([]int16, len(avg)), scale: 1}
	if maxAbs > 0 {
		m.scale = float32(32767 / maxAbs)
	}
	for k, a := range avg {
		if math.Abs(a) < prune*maxAbs {
			continue
		}
		m.weights[k] = int16(math.Round(a * float64(m.scale)))
	}
	return m
}

// ReadCoNLL reads sentences in CoNLL layout, holding them all in memory: one token a line with its
// label in the last column (white-space separated), blank lines between
// sentences, "-DOCSTART-" lines and tokens of white space ignored. Labels may be IOB1 or BIO and
// name their type in the usual spellings (PER, PERSON, per; ORG,
// ORGANIZATION, org, and WNUT-17's corporation and group; LOC, LOCATION,
// GPE, GSP, geo); other types become
// O. Errors carry the line number.
func ReadCoNLL(r io.Reader) ([]LabeledSentence, error) {
	var out []LabeledSentence
	var cur LabeledSentence
	flush := func() {
		if len(cur.Words) > 0 {
			cur.Labels = toBIO(cur.Labels)
			out = append(out, cur)
		}
		cur = LabeledSentence{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if strings.Contains(sc.Text(), "\t") && len(fields) == 1 && strings.TrimSpace(sc.Text()) != "" {
			continue // a token of white space (tab-separated), dropped
		}
		switch {
		case len(fields) == 0:
			flush()
			continue
		case fields[0] == "-DOCSTART-":
			continue
		case len(fields) < 2:
			return nil, fmt.Errorf("line %d: want a token and a label, got %q", line, sc.Text())
		}
		cur.Words = append(cur.Words, fields[0])
		cur.Labels = append(cur.Labels, fields[len(fields)-1])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	flush()
	return out, nil
}

// NormalizeType maps an entity type as corpora spell it to PER, ORG or
// LOC, or "" for the types the tagger does not learn. It is a pure
// function, safe for concurrent use.
func NormalizeType(typ string) string {
	switch strings.ToUpper(typ) {
	case "PER", "PERSON":
		return "PER"
	case "ORG", "ORGANIZATION", "ORGANISATION", "CORPORATION", "GROUP":
		return "ORG"
	case "LOC", "LOCATION", "GPE", "GSP", "GEO":
		return "LOC"
	}
	return ""
}

// toBIO rewrites labels in place to this package's BIO labels: types are
// normalised, and an I- label that does not continue a mention of its type
// (IOB1, or a broken sequence) starts one.
func toBIO(labels []string) []string {
	prevType := ""
	for i, l := range labels {
		prefix, typ, ok := strings.Cut(l, "-")
		if !ok {
			prefix, typ = "", l
		}
		typ = NormalizeType(typ)
		if typ == "" || prefix != "B" && prefix != "I" {
			labels[i], prevType = "O", ""
			continue
		}
		if prefix == "I" && typ == prevType {
			labels[i] = "I-" + typ
		} else {
			labels[i] = "B-" + typ
		}
		prevType = typ
	}
	return labels
}
