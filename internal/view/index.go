package view

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
)

// IndexName is the index file's name in the dataset directory. Its name
// starts with "_" so that globs over the tables never take it for data.
const IndexName = "_view.idx"

const (
	indexMagic   = "NMVIEW05"
	indexVersion = 5
	none32       = math.MaxUint32 // no site, speaker, …
	noDay        = math.MinInt32  // publication day unknown
)

// Record sizes, in bytes, of the fixed-width sections.
const (
	docRecSize   = 44 // part, row, sent row, n, ent row, n, quote row, n, first quote, site, day
	hashRecSize  = 12 // FNV-64a of doc_id, ordinal
	quoteRecSize = 12 // doc, speaker, kind, confidence %, position in doc
	errRecSize   = 12 // part, row, stage
)

// fileStamp identifies one file of the dataset as the index saw it.
type fileStamp struct {
	Path  string `json:"path"` // relative to the dataset root
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"` // UnixNano
}

// section is a byte range of the index file.
type section struct {
	Off int64 `json:"off"`
	Len int64 `json:"len"`
}

// Summary holds the overview's figures, computed once by the index build.
type Summary struct {
	Documents, Sentences, Entities, Quotes, Errors int64
	QuotesByKind                                   []Count
	EntitiesByLabel                                []Count
	ErrorsByStage                                  []Count
	QuotesPerDay                                   []Count // Name is the day, 2006-01-02
	DocsWithoutDate                                int64
	QuotesWithoutSpeaker                           int64
}

// Count is a name and how often it occurs.
type Count struct {
	Name string
	N    int64
}

// indexHeader is the JSON footer of the index file.
type indexHeader struct {
	Version  int                `json:"version"`
	Files    []fileStamp        `json:"files"`
	Parts    []string           `json:"parts"`
	Docs     int                `json:"docs"`
	Quotes   int                `json:"quotes"`
	Errors   int                `json:"errors"`
	Summary  Summary            `json:"summary"`
	Sites    []string           `json:"sites"`     // by id
	SiteDocs []int64            `json:"site_docs"` // documents per site, by id
	Kinds    []string           `json:"kinds"`     // by id
	Labels   []string           `json:"labels"`    // by id
	Stages   []string           `json:"stages"`    // by id
	Sections map[string]section `json:"sections"`
}

// stamps lists the files of d that the index depends on: the manifests
// and every part file, with size and modification time.
func stamps(d *dataset) []fileStamp {
	var out []fileStamp
	add := func(rel string) {
		st, err := os.Stat(filepath.Join(d.root, rel))
		if err != nil {
			out = append(out, fileStamp{Path: rel, Size: -1})
			return
		}
		out = append(out, fileStamp{Path: rel, Size: st.Size(), MTime: st.ModTime().UnixNano()})
	}
	for _, m := range d.manifests {
		add(m.Name)
	}
	for _, p := range d.parts {
		for _, t := range tables {
			add(filepath.Join(t, p+".parquet"))
		}
	}
	return out
}

// index is an open index file. It is immutable and safe for concurrent use.
type index struct {
	hdr   indexHeader
	data  []byte
	unmap func() error

	docs, dochash, quotes, errs, errhash []byte
	speakers, entities, words            strtab
	spkByName, entByName                 []byte // ids sorted by name
	spkPost, entPost                     postings
	wordPost                             postings // offs in bytes; lists delta-varint
	entLabel                             []byte   // label id per entity
	entMentions                          []byte   // u32 mentions per entity
}

// strtab is a table of strings: n+1 u32 offsets, then the bytes.
type strtab struct {
	offs, data []byte
}

func (t strtab) len() int { return max(len(t.offs)/4-1, 0) }

func (t strtab) get(i int) string {
	a, b := u32(t.offs, i), u32(t.offs, i+1)
	return string(t.data[a:b])
}

// varints is a growing sorted list of ids, delta-encoded as uvarints: a
// word's postings take one or two bytes each instead of four.
type varints struct {
	buf  []byte
	last uint32
	n    int
}

// add appends id, which must be at least the last one; a repeat is dropped.
func (v *varints) add(id uint32) {
	if v.n > 0 && id == v.last {
		return
	}
	v.buf = binary.AppendUvarint(v.buf, uint64(id-v.last))
	v.last = id
	v.n++
}

// decodeVarints returns the ids of a delta-varint list; it stops at the
// first malformed byte.
func decodeVarints(b []byte) []uint32 {
	out := make([]uint32, 0, len(b))
	last := uint32(0)
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		if n <= 0 {
			break
		}
		last += uint32(d)
		out = append(out, last)
		b = b[n:]
	}
	return out
}

// wordPosting returns the byte range of word id's postings.
func (x *index) wordPosting(id int) []byte {
	a, b := u32(x.wordPost.offs, id), u32(x.wordPost.offs, id+1)
	if a > b || int(b) > len(x.wordPost.list) {
		return nil
	}
	return x.wordPost.list[a:b]
}

// postings are n+1 u32 offsets into a u32 list per key.
type postings struct {
	offs, list []byte
}

func (p postings) of(i int) []byte {
	a, b := u32(p.offs, i), u32(p.offs, i+1)
	return p.list[a*4 : b*4]
}

func u32(b []byte, i int) uint32 { return binary.LittleEndian.Uint32(b[i*4:]) }

// docRec is a document's entry in the index.
type docRec struct {
	part, row  uint32
	sRow, sN   uint32
	eRow, eN   uint32
	qRow, qN   uint32
	firstQuote uint32
	site       uint32
	day        int32
}

func (x *index) doc(i int) docRec {
	b := x.docs[i*docRecSize : (i+1)*docRecSize]
	g := func(k int) uint32 { return binary.LittleEndian.Uint32(b[k*4:]) }
	return docRec{g(0), g(1), g(2), g(3), g(4), g(5), g(6), g(7), g(8), g(9), int32(g(10))}
}

// quoteRec is a quote's entry in the index.
type quoteRec struct {
	doc, speaker uint32
	kind, conf   uint8
	pos          uint16
}

func (x *index) quote(i int) quoteRec {
	b := x.quotes[i*quoteRecSize : (i+1)*quoteRecSize]
	return quoteRec{
		doc: binary.LittleEndian.Uint32(b), speaker: binary.LittleEndian.Uint32(b[4:]),
		kind: b[8], conf: b[9], pos: binary.LittleEndian.Uint16(b[10:]),
	}
}

// errRec is an error row's entry in the index.
type errRec struct {
	part, row, stage uint32
}

func (x *index) errRow(i int) errRec {
	b := x.errs[i*errRecSize:]
	return errRec{binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:]), binary.LittleEndian.Uint32(b[8:])}
}

// hashID is the FNV-1a hash of a doc_id. It does not allocate.
func hashID[T string | []byte](id T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	return h
}

// byHash returns the ordinals whose hash in table (hashRecSize records
// sorted by hash) is h.
func byHash(table []byte, h uint64) []int {
	n := len(table) / hashRecSize
	at := func(i int) uint64 { return binary.LittleEndian.Uint64(table[i*hashRecSize:]) }
	i := sort.Search(n, func(i int) bool { return at(i) >= h })
	var out []int
	for ; i < n && at(i) == h; i++ {
		out = append(out, int(binary.LittleEndian.Uint32(table[i*hashRecSize+8:])))
	}
	return out
}

// lookup returns the id of name in t through byName (ids sorted by name),
// or -1.
func lookup(t strtab, byName []byte, name string) int {
	n := len(byName) / 4
	i := sort.Search(n, func(i int) bool { return t.get(int(u32(byName, i))) >= name })
	if i < n && t.get(int(u32(byName, i))) == name {
		return int(u32(byName, i))
	}
	return -1
}

// wordID returns the id of word w (words are stored sorted), or -1.
func (x *index) wordID(w string) int {
	n := x.words.len()
	i := sort.Search(n, func(i int) bool { return x.words.get(i) >= w })
	if i < n && x.words.get(i) == w {
		return i
	}
	return -1
}

// openIndex opens the index of d in its directory when it is current, and
// builds it otherwise. rebuilt reports whether it was built.
func openIndex(d *dataset, progress func(done, total int)) (x *index, rebuilt bool, err error) {
	want := stamps(d)
	path := filepath.Join(d.root, IndexName)
	if x, err := loadIndex(path); err == nil {
		if slices.Equal(x.hdr.Files, want) && slices.Equal(x.hdr.Parts, d.parts) {
			return x, false, nil
		}
		x.close()
	}
	tmp, err := os.CreateTemp(d.root, ".view-*.idx.tmp")
	inDir := err == nil
	if !inDir {
		// A dataset we may not write to: keep the index in a temporary
		// file of our own, removed once it is mapped.
		if tmp, err = os.CreateTemp("", "newsmill-view-*.idx"); err != nil {
			return nil, false, err
		}
	}
	name := tmp.Name()
	defer os.Remove(name) // after a rename this removes nothing
	if err := build(d, want, tmp, progress); err != nil {
		tmp.Close()
		return nil, false, err
	}
	if err := tmp.Close(); err != nil {
		return nil, false, err
	}
	// The build's maps and lists are garbage now: give their memory
	// back, since a server keeps running after it.
	debug.FreeOSMemory()
	if inDir {
		os.Chmod(name, 0o644) // as readable as the dataset's own files
		if err := os.Rename(name, path); err == nil {
			name = path
		}
	}
	x, err = loadIndex(name)
	return x, true, err
}

// loadIndex maps an index file and checks its footer.
func loadIndex(path string) (*index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() // the mapping outlives the descriptor
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()
	tail := int64(len(indexMagic) + 12)
	if size < tail+int64(len(indexMagic)) {
		return nil, errors.New("index too short")
	}
	data, unmap, err := mapFile(f, size)
	if err != nil {
		return nil, err
	}
	x, err := parseIndex(data)
	if err != nil {
		unmap()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	x.unmap = unmap
	return x, nil
}

// parseIndex checks the layout of an index file held in data.
func parseIndex(data []byte) (*index, error) {
	size := int64(len(data))
	tail := int64(len(indexMagic) + 12)
	if size < tail+int64(len(indexMagic)) || string(data[:len(indexMagic)]) != indexMagic || string(data[size-int64(len(indexMagic)):]) != indexMagic {
		return nil, errors.New("not a newsmill view index")
	}
	hoff := int64(binary.LittleEndian.Uint64(data[size-tail:]))
	hlen := int64(binary.LittleEndian.Uint32(data[size-tail+8:]))
	if hoff < 0 || hlen < 0 || hoff+hlen > size-tail {
		return nil, errors.New("corrupt index footer")
	}
	x := &index{data: data}
	if err := json.Unmarshal(data[hoff:hoff+hlen], &x.hdr); err != nil {
		return nil, fmt.Errorf("index footer: %w", err)
	}
	if x.hdr.Version != indexVersion {
		return nil, fmt.Errorf("index version %d, want %d", x.hdr.Version, indexVersion)
	}
	var bad error
	sec := func(name string) []byte {
		s, ok := x.hdr.Sections[name]
		if !ok || s.Off < 0 || s.Len < 0 || s.Off+s.Len > hoff {
			bad = fmt.Errorf("index section %s missing or out of range", name)
			return nil
		}
		return data[s.Off : s.Off+s.Len]
	}
	x.docs, x.dochash, x.quotes = sec("docs"), sec("dochash"), sec("quotes")
	x.errs, x.errhash = sec("errors"), sec("errhash")
	x.speakers = strtab{sec("spk.offs"), sec("spk.data")}
	x.entities = strtab{sec("ent.offs"), sec("ent.data")}
	x.words = strtab{sec("word.offs"), sec("word.data")}
	x.spkByName, x.entByName = sec("spk.byname"), sec("ent.byname")
	x.spkPost = postings{sec("spk.post.offs"), sec("spk.post")}
	x.entPost = postings{sec("ent.post.offs"), sec("ent.post")}
	x.wordPost = postings{sec("word.post.offs"), sec("word.post")}
	x.entLabel, x.entMentions = sec("ent.label"), sec("ent.mentions")
	if bad != nil {
		return nil, bad
	}
	if len(x.docs) != x.hdr.Docs*docRecSize || len(x.quotes) != x.hdr.Quotes*quoteRecSize || len(x.errs) != x.hdr.Errors*errRecSize {
		return nil, errors.New("index sections do not match their counts")
	}
	if x.speakers.len()*4 != len(x.spkByName) || x.entities.len()*4 != len(x.entByName) || x.entities.len() != len(x.entLabel) {
		return nil, errors.New("index dictionaries do not match")
	}
	return x, nil
}

func (x *index) close() error {
	if x.unmap != nil {
		return x.unmap()
	}
	return nil
}

// wordsOf splits s into lower-case words: maximal runs of letters and
// digits. It is how queries are tokenized; quotes go through wordsOfBytes,
// which gives the same words.
func wordsOf(s string, fn func(w string)) {
	var scratch []byte
	wordsOfBytes([]byte(s), &scratch, func(w []byte) { fn(string(w)) })
}

// wordsOfBytes calls fn with each lower-case word of b; w is valid only
// during the call. ASCII words are lowered into *scratch without
// allocating.
func wordsOfBytes(b []byte, scratch *[]byte, fn func(w []byte)) {
	start, ascii := -1, true
	emit := func(end int) {
		w := b[start:end]
		if ascii {
			buf := (*scratch)[:0]
			for _, c := range w {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
			*scratch = buf
			fn(buf)
		} else {
			fn(bytes.ToLower(w))
		}
	}
	for i := 0; i < len(b); {
		c, size := b[i], 1
		var ok bool
		if c < utf8.RuneSelf {
			ok = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		} else {
			var r rune
			r, size = utf8.DecodeRune(b[i:])
			ok = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case ok && start < 0:
			start, ascii = i, c < utf8.RuneSelf
		case ok:
			ascii = ascii && c < utf8.RuneSelf
		case start >= 0:
			emit(i)
			start = -1
		}
		i += size
	}
	if start >= 0 {
		emit(len(b))
	}
}

// dict assigns ids to strings in order of first appearance and counts them.
type dict struct {
	ids   map[string]uint32
	names []string
	n     []int64
}

func newDict() *dict { return &dict{ids: map[string]uint32{}} }

func (d *dict) id(s string) uint32 {
	if id, ok := d.ids[s]; ok {
		return id
	}
	id := uint32(len(d.names))
	d.ids[s] = id
	d.names = append(d.names, s)
	d.n = append(d.n, 0)
	return id
}

// addBytes counts the string b once; it allocates only for a new string.
func (d *dict) addBytes(b []byte) uint32 {
	id, ok := d.ids[string(b)]
	if !ok {
		id = d.id(string(b))
	}
	d.n[id]++
	return id
}

// counts returns the names with their counts, most frequent first.
func (d *dict) counts() []Count {
	out := make([]Count, len(d.names))
	for i, s := range d.names {
		out[i] = Count{s, d.n[i]}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// agg accumulates one speaker's or entity's postings.
type agg struct {
	name     string
	post     []uint32
	mentions int64
	labels   map[uint32]int64
}

// builder holds what the index build gathers before writing it.
type builder struct {
	d        *dataset
	docs     []docRec
	hashes   [][2]uint64 // hash, ordinal
	quotes   []quoteRec
	errs     []errRec
	errHash  [][2]uint64
	sites    *dict
	kinds    *dict
	labels   *dict
	stages   *dict
	days     map[int32]int64
	speakers map[string]*agg
	entities map[string]*agg
	words    map[string]*varints
	sum      Summary
}

// build reads the columns the index needs from every part of d and writes
// the index to w. It reads each part's columns one at a time, so its
// memory is the index being built plus one part's doc_id columns.
func build(d *dataset, files []fileStamp, w io.Writer, progress func(done, total int)) error {
	b := &builder{
		d: d, sites: newDict(), kinds: newDict(), labels: newDict(), stages: newDict(),
		days: map[int32]int64{}, speakers: map[string]*agg{}, entities: map[string]*agg{},
		words: map[string]*varints{},
	}
	defer d.close() // the build touches every file; pages reopen what they need
	if progress == nil {
		progress = func(int, int) {}
	}
	progress(0, len(d.parts))
	for p := range d.parts {
		if err := b.part(p); err != nil {
			return err
		}
		progress(p+1, len(d.parts))
	}
	return b.write(w, files)
}

// docIDs reads the doc_id column of table t in part p as hashes: the
// tables are matched row to document by them, without a string per row.
func (b *builder) docIDs(t string, p int) (*pfile, []uint64, error) {
	f, err := b.d.file(t, p)
	if f == nil || err != nil {
		return nil, nil, err
	}
	ids := make([]uint64, 0, f.numRows())
	err = f.column("doc_id", func(_ int64, v parquet.Value) { ids = append(ids, hashID(v.ByteArray())) })
	return f, ids, err
}

// assign maps each row of a table (by its doc_id) to a document of the
// part, whose ids are docIDs and ordinals start at base: the tables of a
// part hold the same documents in the same order. It returns each row's
// ordinal (none32 for a row of no known document) and calls span with each
// document's first row and row count.
func assign(docIDs, rowIDs []uint64, base int, span func(doc int, row, n uint32)) []uint32 {
	ords := make([]uint32, len(rowIDs))
	var pos map[uint64]int // fallback when rows are not in document order
	j := 0
	first, count := -1, 0
	flush := func() {
		if first >= 0 {
			span(base+j, uint32(first), uint32(count))
		}
	}
	for r, id := range rowIDs {
		if j < len(docIDs) && docIDs[j] == id && first >= 0 {
			count++
			ords[r] = uint32(base + j)
			continue
		}
		k := j
		if first >= 0 {
			k++
		}
		for k < len(docIDs) && docIDs[k] != id {
			k++
		}
		if k == len(docIDs) {
			if pos == nil {
				pos = map[uint64]int{}
				for i, d := range docIDs {
					if _, ok := pos[d]; !ok {
						pos[d] = i
					}
				}
			}
			if i, ok := pos[id]; ok {
				ords[r] = uint32(base + i) // counted, but not shown in place
			} else {
				ords[r] = none32
			}
			continue
		}
		flush()
		j, first, count = k, r, 1
		ords[r] = uint32(base + j)
	}
	flush()
	return ords
}

func dayOf(ms int64) int32 {
	return int32(math.Floor(float64(ms) / 86_400_000))
}

func (b *builder) part(p int) error {
	docFile, ids, err := b.docIDs(tDocuments, p)
	if err != nil {
		return err
	}
	base := len(b.docs)
	for i, id := range ids {
		b.docs = append(b.docs, docRec{part: uint32(p), row: uint32(i), site: none32, day: noDay})
		b.hashes = append(b.hashes, [2]uint64{id, uint64(base + i)})
	}
	if docFile != nil {
		site := func(r int64, v parquet.Value) {
			if b.docs[base+int(r)].site == none32 && !v.IsNull() && len(v.ByteArray()) > 0 {
				b.docs[base+int(r)].site = b.sites.addBytes(v.ByteArray())
			}
		}
		if err := docFile.column("site", site); err != nil {
			return err
		}
		if err := docFile.column("domain", site); err != nil {
			return err
		}
		if err := docFile.column("published", func(r int64, v parquet.Value) {
			if !v.IsNull() && int(r) < len(ids) {
				day := dayOf(v.Int64())
				b.docs[base+int(r)].day = day
				b.days[day] += 0 // the day exists; quotes add to it
			}
		}); err != nil {
			return err
		}
	}

	_, sids, err := b.docIDs(tSentences, p)
	if err != nil {
		return err
	}
	assign(ids, sids, base, func(doc int, row, n uint32) { b.docs[doc].sRow, b.docs[doc].sN = row, n })
	b.sum.Sentences += int64(len(sids))

	if err := b.entityPart(p, ids, base); err != nil {
		return err
	}
	if err := b.quotePart(p, ids, base); err != nil {
		return err
	}
	return b.errorPart(p)
}

func (b *builder) entityPart(p int, ids []uint64, base int) error {
	f, eids, err := b.docIDs(tEntities, p)
	if f == nil || err != nil {
		return err
	}
	ords := assign(ids, eids, base, func(doc int, row, n uint32) { b.docs[doc].eRow, b.docs[doc].eN = row, n })
	b.sum.Entities += int64(len(eids))
	labels := make([]uint32, len(eids))
	aggs := make([]*agg, len(eids)) // the entity of each row: its canonical name, else its text
	if err := f.column("label", func(r int64, v parquet.Value) { labels[r] = b.labels.addBytes(v.ByteArray()) }); err != nil {
		return err
	}
	entityOf := func(r int64, v parquet.Value) {
		if aggs[r] != nil || v.IsNull() || len(v.ByteArray()) == 0 {
			return
		}
		a := b.entities[string(v.ByteArray())]
		if a == nil {
			name := string(v.ByteArray())
			a = &agg{name: name, labels: map[uint32]int64{}}
			b.entities[name] = a
		}
		aggs[r] = a
	}
	if err := f.column("canonical", entityOf); err != nil {
		return err
	}
	if err := f.column("text", entityOf); err != nil {
		return err
	}
	for r, a := range aggs {
		if a == nil {
			continue
		}
		a.mentions++
		a.labels[labels[r]]++
		if o := ords[r]; o != none32 && (len(a.post) == 0 || a.post[len(a.post)-1] != o) {
			a.post = append(a.post, o)
		}
	}
	return nil
}

func (b *builder) quotePart(p int, ids []uint64, base int) error {
	f, qids, err := b.docIDs(tQuotes, p)
	if f == nil || err != nil {
		return err
	}
	ords := assign(ids, qids, base, func(doc int, row, n uint32) { b.docs[doc].qRow, b.docs[doc].qN = row, n })
	first := len(b.quotes)
	for r, o := range ords {
		q := quoteRec{doc: o, speaker: none32}
		if o != none32 {
			q.pos = uint16(min(uint32(r)-b.docs[o].qRow, math.MaxUint16))
		}
		b.quotes = append(b.quotes, q)
	}
	for i := base; i < len(b.docs); i++ {
		b.docs[i].firstQuote = uint32(first) + b.docs[i].qRow
	}
	qs := b.quotes[first:]
	if err := f.column("kind", func(r int64, v parquet.Value) { qs[r].kind = uint8(min(b.kinds.addBytes(v.ByteArray()), 255)) }); err != nil {
		return err
	}
	if err := f.column("confidence", func(r int64, v parquet.Value) {
		c := v.Double()
		if math.IsNaN(c) {
			c = 0
		}
		qs[r].conf = uint8(math.Round(min(max(c, 0), 1) * 100))
	}); err != nil {
		return err
	}
	if err := f.column("speaker_name", func(r int64, v parquet.Value) {
		if v.IsNull() || len(v.ByteArray()) == 0 {
			return
		}
		a := b.speakers[string(v.ByteArray())]
		if a == nil {
			a = &agg{name: string(v.ByteArray())}
			b.speakers[a.name] = a
		}
		a.post = append(a.post, uint32(first)+uint32(r))
		qs[r].speaker = 0 // set to the final id when written
	}); err != nil {
		return err
	}
	var scratch []byte
	return f.column("text", func(r int64, v parquet.Value) {
		qid := uint32(first) + uint32(r)
		wordsOfBytes(v.ByteArray(), &scratch, func(w []byte) {
			if len(w) > 64 {
				return
			}
			post := b.words[string(w)]
			if post == nil {
				post = &varints{}
				b.words[string(w)] = post
			}
			post.add(qid)
		})
	})
}

func (b *builder) errorPart(p int) error {
	f, eids, err := b.docIDs(tErrors, p)
	if f == nil || err != nil {
		return err
	}
	first := len(b.errs)
	for r, id := range eids {
		b.errs = append(b.errs, errRec{part: uint32(p), row: uint32(r)})
		b.errHash = append(b.errHash, [2]uint64{id, uint64(first + r)})
	}
	return f.column("stage", func(r int64, v parquet.Value) { b.errs[first+int(r)].stage = b.stages.addBytes(v.ByteArray()) })
}

// sectionWriter writes the sections of the index and records where each is.
type sectionWriter struct {
	w    *bufio.Writer
	off  int64
	secs map[string]section
	err  error
	buf  [8]byte
}

func (s *sectionWriter) raw(p []byte) {
	if s.err != nil {
		return
	}
	n, err := s.w.Write(p)
	s.off += int64(n)
	s.err = err
}

func (s *sectionWriter) u32(v uint32) {
	binary.LittleEndian.PutUint32(s.buf[:], v)
	s.raw(s.buf[:4])
}

func (s *sectionWriter) u64(v uint64) {
	binary.LittleEndian.PutUint64(s.buf[:], v)
	s.raw(s.buf[:8])
}

// begin starts section name; end closes the one begun last.
func (s *sectionWriter) begin(name string) { s.secs[name] = section{Off: s.off} }

func (s *sectionWriter) end(name string) {
	sec := s.secs[name]
	sec.Len = s.off - sec.Off
	s.secs[name] = sec
}

// strings writes a string table as the sections prefix.offs and prefix.data.
func (s *sectionWriter) strings(prefix string, names []string) {
	s.begin(prefix + ".offs")
	off := uint32(0)
	s.u32(0)
	for _, n := range names {
		off += uint32(len(n))
		s.u32(off)
	}
	s.end(prefix + ".offs")
	s.begin(prefix + ".data")
	for _, n := range names {
		s.raw([]byte(n))
	}
	s.end(prefix + ".data")
}

// lists writes postings as prefix.offs and prefix.
func (s *sectionWriter) lists(prefix string, lists [][]uint32) {
	s.begin(prefix + ".offs")
	off := uint32(0)
	s.u32(0)
	for _, l := range lists {
		off += uint32(len(l))
		s.u32(off)
	}
	s.end(prefix + ".offs")
	s.begin(prefix)
	for _, l := range lists {
		for _, v := range l {
			s.u32(v)
		}
	}
	s.end(prefix)
}

// byName writes the ids of names sorted by name.
func (s *sectionWriter) byName(name string, names []string) {
	ids := make([]uint32, len(names))
	for i := range ids {
		ids[i] = uint32(i)
	}
	sort.Slice(ids, func(i, j int) bool { return names[ids[i]] < names[ids[j]] })
	s.begin(name)
	for _, id := range ids {
		s.u32(id)
	}
	s.end(name)
}

// ranked returns the aggregates by decreasing postings, then name.
func ranked(m map[string]*agg) []*agg {
	out := make([]*agg, 0, len(m))
	for _, a := range m {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].post) != len(out[j].post) {
			return len(out[i].post) > len(out[j].post)
		}
		if out[i].mentions != out[j].mentions {
			return out[i].mentions > out[j].mentions
		}
		return out[i].name < out[j].name
	})
	return out
}

func (b *builder) write(w io.Writer, files []fileStamp) error {
	s := &sectionWriter{w: bufio.NewWriterSize(w, 1<<20), secs: map[string]section{}}
	s.raw([]byte(indexMagic))

	// Speakers, ranked; quotes point at the final ids.
	spk := ranked(b.speakers)
	spkNames := make([]string, len(spk))
	spkLists := make([][]uint32, len(spk))
	for id, a := range spk {
		spkNames[id], spkLists[id] = a.name, a.post
		for _, q := range a.post {
			b.quotes[q].speaker = uint32(id)
		}
	}
	b.speakers = nil

	s.begin("docs")
	for _, d := range b.docs {
		for _, v := range []uint32{d.part, d.row, d.sRow, d.sN, d.eRow, d.eN, d.qRow, d.qN, d.firstQuote, d.site, uint32(d.day)} {
			s.u32(v)
		}
	}
	s.end("docs")
	hashTable := func(name string, hs [][2]uint64) {
		sort.Slice(hs, func(i, j int) bool { return hs[i][0] < hs[j][0] || hs[i][0] == hs[j][0] && hs[i][1] < hs[j][1] })
		s.begin(name)
		for _, h := range hs {
			s.u64(h[0])
			s.u32(uint32(h[1]))
		}
		s.end(name)
	}
	hashTable("dochash", b.hashes)
	s.begin("quotes")
	withoutSpeaker := int64(0)
	for _, q := range b.quotes {
		s.u32(q.doc)
		s.u32(q.speaker)
		s.raw([]byte{q.kind, q.conf})
		binary.LittleEndian.PutUint16(s.buf[:], q.pos)
		s.raw(s.buf[:2])
		if q.speaker == none32 {
			withoutSpeaker++
		}
		if q.doc != none32 {
			if day := b.docs[q.doc].day; day != noDay {
				b.days[day]++
			}
		}
	}
	s.end("quotes")
	s.begin("errors")
	for _, e := range b.errs {
		s.u32(e.part)
		s.u32(e.row)
		s.u32(e.stage)
	}
	s.end("errors")
	hashTable("errhash", b.errHash)

	s.strings("spk", spkNames)
	s.byName("spk.byname", spkNames)
	s.lists("spk.post", spkLists)

	ent := ranked(b.entities)
	entNames := make([]string, len(ent))
	entLists := make([][]uint32, len(ent))
	s.begin("ent.label")
	for id, a := range ent {
		entNames[id], entLists[id] = a.name, a.post
		best, bestN := uint32(0), int64(-1)
		for l, n := range a.labels {
			if n > bestN || n == bestN && b.labels.names[l] < b.labels.names[best] {
				best, bestN = l, n
			}
		}
		s.raw([]byte{uint8(min(best, 255))})
	}
	s.end("ent.label")
	s.begin("ent.mentions")
	for _, a := range ent {
		s.u32(uint32(min(a.mentions, math.MaxUint32)))
	}
	s.end("ent.mentions")
	s.strings("ent", entNames)
	s.byName("ent.byname", entNames)
	s.lists("ent.post", entLists)

	words := make([]string, 0, len(b.words))
	for w := range b.words {
		words = append(words, w)
	}
	sort.Strings(words)
	s.strings("word", words)
	s.begin("word.post.offs")
	off := uint32(0)
	s.u32(0)
	for _, w := range words {
		off += uint32(len(b.words[w].buf))
		s.u32(off)
	}
	s.end("word.post.offs")
	s.begin("word.post")
	for _, w := range words {
		s.raw(b.words[w].buf)
	}
	s.end("word.post")

	sum := b.sum
	sum.Documents, sum.Quotes, sum.Errors = int64(len(b.docs)), int64(len(b.quotes)), int64(len(b.errs))
	sum.QuotesByKind, sum.EntitiesByLabel, sum.ErrorsByStage = b.kinds.counts(), b.labels.counts(), b.stages.counts()
	sum.QuotesWithoutSpeaker = withoutSpeaker
	days := make([]int32, 0, len(b.days))
	for d := range b.days {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool { return days[i] < days[j] })
	for _, d := range days {
		sum.QuotesPerDay = append(sum.QuotesPerDay, Count{dayName(d), b.days[d]})
	}
	for _, d := range b.docs {
		if d.day == noDay {
			sum.DocsWithoutDate++
		}
	}
	hdr := indexHeader{
		Version: indexVersion, Files: files, Parts: b.d.parts,
		Docs: len(b.docs), Quotes: len(b.quotes), Errors: len(b.errs), Summary: sum,
		Sites: b.sites.names, SiteDocs: b.sites.n, Kinds: b.kinds.names, Labels: b.labels.names, Stages: b.stages.names,
		Sections: s.secs,
	}
	js, err := json.Marshal(hdr)
	if err != nil {
		return err
	}
	hoff := s.off
	s.raw(js)
	s.u64(uint64(hoff))
	s.u32(uint32(len(js)))
	s.raw([]byte(indexMagic))
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

// dayName formats a day number (days since 1970-01-01) as 2006-01-02.
func dayName(d int32) string {
	return time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly)
}

// parseDay parses 2006-01-02 into a day number.
func parseDay(s string) (int32, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, false
	}
	return dayOf(t.UnixMilli()), true
}
