package entities

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
)

// Labels of the tagger, in BIO encoding over three types: PER, ORG and LOC
// (geographical and geopolitical names together).
const (
	labelO = iota
	labelBPer
	labelIPer
	labelBOrg
	labelIOrg
	labelBLoc
	labelILoc
	numLabels
)

// labelNames are the labels as they appear in training data and in
// Model.Tag's output.
var labelNames = [numLabels]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}

// labelIndex returns the index of a label name, or labelO.
func labelIndex(name string) int {
	for i, n := range labelNames {
		if n == name {
			return i
		}
	}
	return labelO
}

// allowed reports whether label l may follow label prev: an I- label only
// continues a mention of its own type.
func allowed(prev, l int) bool {
	if l == labelO || l%2 == 1 {
		return true
	}
	return prev == l || prev == l-1
}

// Model is an averaged-perceptron sequence tagger over hashed features,
// decoded with Viterbi search over label pairs. A Model is read-only once
// built and safe for concurrent use; tagging costs one to two microseconds
// per token and allocates only for the result.
type Model struct {
	bits    uint    // log2 of the number of buckets
	weights []int16 // bucket*numLabels + label, scaled by scale
	scale   float32 // weights are round(w * scale)
	// clusters maps a normalised word to its cluster (see
	// wordInfo.cluster); nil for a model without distributional features.
	clusters map[string]uint32

	pool sync.Pool // *decoder
}

// maxClusterWords bounds the cluster table a model file may hold.
const maxClusterWords = 1 << 20

// modelMagic starts a model file.
const modelMagic = "newsmill-ner-3\n"

// Tag returns the BIO label ("O", "B-PER", "I-ORG", "B-LOC", ...) of each
// word of one tokenised sentence. It is safe for concurrent use and costs
// one to two microseconds per word.
func (m *Model) Tag(words []string) []string {
	out := make([]string, len(words))
	for i, l := range m.tag(words, nil) {
		out[i] = labelNames[l]
	}
	return out
}

// tag appends the label indexes of words to dst.
func (m *Model) tag(words []string, dst []int) []int {
	d, _ := m.pool.Get().(*decoder)
	if d == nil {
		d = &decoder{}
	}
	defer m.pool.Put(d)
	return m.tagWith(d, words, dst)
}

// tagWith is tag with the caller's decoder, which it must not share.
func (m *Model) tagWith(d *decoder, words []string, dst []int) []int {
	d.f.clusters = m.clusters
	return viterbi(d, m.weights, m.bits, words, dst)
}

// WriteTo writes m gzip-compressed: a magic line, the bucket bits, the
// scale, the weights as little-endian int16, then the number of cluster
// words (uint32) and each word, in byte order, as a uvarint length, its
// bytes and its uint32 cluster. It returns the compressed bytes written;
// compressing the 7 MB of weights takes about a second.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	bw.WriteByte(byte(m.bits))
	binary.Write(bw, binary.LittleEndian, m.scale)
	binary.Write(bw, binary.LittleEndian, m.weights)
	binary.Write(bw, binary.LittleEndian, uint32(len(m.clusters)))
	var buf [binary.MaxVarintLen64]byte
	for _, w := range slices.Sorted(maps.Keys(m.clusters)) {
		bw.Write(buf[:binary.PutUvarint(buf[:], uint64(len(w)))])
		bw.WriteString(w)
		binary.Write(bw, binary.LittleEndian, m.clusters[w])
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	err = zw.Close()
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ReadModel reads a model written by WriteTo. It costs about 0.1 s and
// 11 MB for the embedded model; the result is safe for concurrent use.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("entities: reading model: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("entities: reading model: not a newsmill NER model")
	}
	bits, err := br.ReadByte()
	if err != nil || bits < 8 || bits > 24 {
		return nil, fmt.Errorf("entities: reading model: bad bucket bits %d", bits)
	}
	m := &Model{bits: uint(bits), weights: make([]int16, numLabels<<bits)}
	if err := binary.Read(br, binary.LittleEndian, &m.scale); err != nil {
		return nil, fmt.Errorf("entities: reading model: %w", err)
	}
	if err := binary.Read(br, binary.LittleEndian, m.weights); err != nil {
		return nil, fmt.Errorf("entities: reading model weights: %w", err)
	}
	var n uint32
	if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
		return nil, fmt.Errorf("entities: reading model clusters: %w", err)
	}
	if n > maxClusterWords {
		return nil, fmt.Errorf("entities: reading model clusters: %d words", n)
	}
	if n > 0 {
		m.clusters = make(map[string]uint32, n)
	}
	var word []byte
	for range n {
		size, err := binary.ReadUvarint(br)
		if err != nil || size > 256 {
			return nil, fmt.Errorf("entities: reading model clusters: bad word length (%v)", err)
		}
		word = slices.Grow(word[:0], int(size))[:size]
		var c uint32
		if _, err := io.ReadFull(br, word); err != nil {
			return nil, fmt.Errorf("entities: reading model clusters: %w", err)
		}
		if err := binary.Read(br, binary.LittleEndian, &c); err != nil {
			return nil, fmt.Errorf("entities: reading model clusters: %w", err)
		}
		m.clusters[string(word)] = c
	}
	return m, nil
}
