package entities

import "math"

// weight is the type of a model's weights: float32 while training, int16
// once averaged and quantised.
type weight interface{ ~int16 | ~float32 }

// historyFeatures is the number of label-history features of a token for
// one previous label.
const historyFeatures = 3

// decoder finds the best label sequence of a sentence by Viterbi search over
// a first-order lattice: each token's static features score its labels, and
// its history features score each pair of previous and current label. I-
// labels may only continue a mention of their type. It keeps the feature
// hashes of the last sentence decoded, which training reads back. A decoder
// holds scratch buffers and must not be used by two goroutines at once;
// decoding costs about (staticFeatures + numLabels*historyFeatures) weight
// rows per token.
type decoder struct {
	f      featurizer
	static []uint64 // staticFeatures hashes per token
	hist   []uint64 // per token, per previous label: historyFeatures hashes
	best   [][numLabels]float32
	back   [][numLabels]uint8
}

// staticOf returns the static feature hashes of token i of the last
// sentence decoded.
func (d *decoder) staticOf(i int) []uint64 {
	return d.static[i*staticFeatures : (i+1)*staticFeatures]
}

// histOf returns the history feature hashes of token i after label prev in
// the last sentence decoded.
func (d *decoder) histOf(i, prev int) []uint64 {
	k := (i*numLabels + prev) * historyFeatures
	return d.hist[k : k+historyFeatures]
}

// addRow adds the weight row of feature hash h to s.
func addRow[W weight](s *[numLabels]float32, ws []W, bits uint, h uint64) {
	b := int(h>>(64-bits)) * numLabels
	row := ws[b : b+numLabels : b+numLabels]
	for l, w := range row {
		s[l] += float32(w)
	}
}

// viterbi appends to dst the best label of each word under the weights ws
// (numLabels per bucket, 1<<bits buckets).
func viterbi[W weight](d *decoder, ws []W, bits uint, words []string, dst []int) []int {
	n := len(words)
	if n == 0 {
		return dst
	}
	d.f.describe(words)
	d.static = d.static[:0]
	d.hist = d.hist[:0]
	d.best = append(d.best[:0], make([][numLabels]float32, n)...)
	d.back = append(d.back[:0], make([][numLabels]uint8, n)...)
	for i := range n {
		d.static = d.f.static(d.static, i)
		var emit [numLabels]float32
		for _, h := range d.staticOf(i) {
			addRow(&emit, ws, bits, h)
		}
		for prev := range numLabels {
			d.hist = d.f.history(d.hist, i, prev)
		}
		for l := range numLabels {
			d.best[i][l] = float32(math.Inf(-1))
		}
		for prev := range numLabels {
			if i == 0 && prev != labelO {
				continue // the sentence starts after an O
			}
			var trans [numLabels]float32
			for _, h := range d.histOf(i, prev) {
				addRow(&trans, ws, bits, h)
			}
			from := float32(0)
			if i > 0 {
				from = d.best[i-1][prev]
			}
			for l := range numLabels {
				if s := from + trans[l]; allowed(prev, l) && s > d.best[i][l] {
					d.best[i][l], d.back[i][l] = s, uint8(prev)
				}
			}
		}
		for l := range numLabels {
			d.best[i][l] += emit[l]
		}
	}
	last := labelO
	for l := 1; l < numLabels; l++ {
		if d.best[n-1][l] > d.best[n-1][last] {
			last = l
		}
	}
	start := len(dst)
	dst = append(dst, make([]int, n)...)
	for i := n - 1; i >= 0; i-- {
		dst[start+i] = last
		last = int(d.back[i][last])
	}
	return dst
}
