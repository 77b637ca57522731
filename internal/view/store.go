package view

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/parquet-go/parquet-go"
)

// Store is an open dataset with its index: what the pages read. It is safe
// for concurrent use; Close releases it.
type Store struct {
	ds      *dataset
	x       *index
	Rebuilt bool // the index was built (not found current) when opening
}

// Option configures Open.
type Option func(*openConfig)

type openConfig struct {
	progress func(done, total int)
}

// Progress has Open call f after indexing each part when it builds the
// index (f(0, total) first), from the goroutine calling Open.
func Progress(f func(done, total int)) Option {
	return func(c *openConfig) { c.progress = f }
}

// Open opens the dataset in dir, building its index when it is missing or
// stale (which reads a few columns of every part once: about 10 s of CPU
// per million documents). Opening with a current index costs a stat of
// each part file and a map of the index.
func Open(dir string, opts ...Option) (*Store, error) {
	var cfg openConfig
	for _, o := range opts {
		o(&cfg)
	}
	ds, err := discover(dir)
	if err != nil {
		return nil, err
	}
	x, rebuilt, err := openIndex(ds, cfg.progress)
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", dir, err)
	}
	return &Store{ds: ds, x: x, Rebuilt: rebuilt}, nil
}

// Close closes the Parquet files and unmaps the index.
func (s *Store) Close() error {
	return errors.Join(s.ds.close(), s.x.close())
}

// Summary returns the overview's figures.
func (s *Store) Summary() Summary { return s.x.hdr.Summary }

// NumDocs is the number of documents; ordinals run from 0 to NumDocs-1.
func (s *Store) NumDocs() int { return s.x.hdr.Docs }

// ErrNotFound is returned for an ordinal, name or id the dataset lacks.
var ErrNotFound = errors.New("not found")

// Named is an id and name of a speaker, entity or site, with a count.
type Named struct {
	ID    int
	Name  string
	Label string // entities: the most frequent label
	N     int64  // quotes (speakers), documents (entities, sites)
	Extra int64  // entities: mentions
}

// TopSpeakers returns the n speakers with the most quotes.
func (s *Store) TopSpeakers(n int) []Named {
	out := make([]Named, 0, n)
	for id := 0; id < min(n, s.x.speakers.len()); id++ {
		out = append(out, s.speaker(id))
	}
	return out
}

func (s *Store) speaker(id int) Named {
	return Named{ID: id, Name: s.x.speakers.get(id), N: int64(len(s.x.spkPost.of(id)) / 4)}
}

// TopEntities returns the n entities found in the most documents.
func (s *Store) TopEntities(n int) []Named {
	out := make([]Named, 0, n)
	for id := 0; id < min(n, s.x.entities.len()); id++ {
		out = append(out, s.entity(id))
	}
	return out
}

func (s *Store) entity(id int) Named {
	label := ""
	if l := int(s.x.entLabel[id]); l < len(s.x.hdr.Labels) {
		label = s.x.hdr.Labels[l]
	}
	return Named{
		ID: id, Name: s.x.entities.get(id), Label: label,
		N: int64(len(s.x.entPost.of(id)) / 4), Extra: int64(u32(s.x.entMentions, id)),
	}
}

// SpeakerID returns the id of a resolved speaker name, or -1.
func (s *Store) SpeakerID(name string) int { return lookup(s.x.speakers, s.x.spkByName, name) }

// EntityID returns the id of an entity's canonical name, or -1.
func (s *Store) EntityID(name string) int { return lookup(s.x.entities, s.x.entByName, name) }

// Speaker returns speaker id's name and quote count.
func (s *Store) Speaker(id int) (Named, error) {
	if id < 0 || id >= s.x.speakers.len() {
		return Named{}, ErrNotFound
	}
	return s.speaker(id), nil
}

// Entity returns entity id's name, label and counts.
func (s *Store) Entity(id int) (Named, error) {
	if id < 0 || id >= s.x.entities.len() {
		return Named{}, ErrNotFound
	}
	return s.entity(id), nil
}

// Sites returns the sites with their document counts, most documents first.
func (s *Store) Sites() []Named {
	out := make([]Named, len(s.x.hdr.Sites))
	for i, name := range s.x.hdr.Sites {
		out[i] = Named{ID: i, Name: name}
		if i < len(s.x.hdr.SiteDocs) {
			out[i].N = s.x.hdr.SiteDocs[i]
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].N > out[j].N })
	return out
}

// Kinds returns the quote kinds the dataset has.
func (s *Store) Kinds() []string { return s.x.hdr.Kinds }

// Parts returns the part names of the dataset.
func (s *Store) Parts() []string { return s.ds.parts }

// Manifests returns the manifests of the dataset, in file name order.
func (s *Store) Manifests() []manifestFile { return s.ds.manifests }

// DocByID returns the ordinal of the document with doc_id id.
func (s *Store) DocByID(id string) (int, error) {
	for _, ord := range byHash(s.x.dochash, hashID(id)) {
		if ord >= s.x.hdr.Docs {
			continue
		}
		heads, err := s.heads([]int{ord})
		if err == nil && len(heads) == 1 && heads[0].DocID == id {
			return ord, nil
		}
	}
	return 0, ErrNotFound
}

// Article is everything the article page shows about one document.
type Article struct {
	Ordinal   int
	Doc       Document
	Sentences []Sentence
	Entities  []Entity
	Quotes    []Quote
	Errors    []ErrorRow
}

// Article reads document ord with its sentences, entities, quotes and the
// error rows that share its doc_id. It reads only that document's rows.
func (s *Store) Article(ord int) (*Article, error) {
	if ord < 0 || ord >= s.x.hdr.Docs {
		return nil, ErrNotFound
	}
	r := s.x.doc(ord)
	a := &Article{Ordinal: ord}
	part := int(r.part)
	read := func(t string, from, n uint32, fn func(decoder, parquet.Row)) error {
		if n == 0 && t != tDocuments {
			return nil
		}
		f, err := s.ds.file(t, part)
		if f == nil || err != nil {
			return err
		}
		dec := newDecoder(f)
		return f.rows(int64(from), int64(n), func(_ int64, row parquet.Row) error {
			fn(dec, row)
			return nil
		})
	}
	if err := read(tDocuments, r.row, 1, func(d decoder, row parquet.Row) { a.Doc = d.document(row) }); err != nil {
		return nil, err
	}
	if err := read(tSentences, r.sRow, r.sN, func(d decoder, row parquet.Row) { a.Sentences = append(a.Sentences, d.sentence(row)) }); err != nil {
		return nil, err
	}
	if err := read(tEntities, r.eRow, r.eN, func(d decoder, row parquet.Row) { a.Entities = append(a.Entities, d.entity(row)) }); err != nil {
		return nil, err
	}
	if err := read(tQuotes, r.qRow, r.qN, func(d decoder, row parquet.Row) { a.Quotes = append(a.Quotes, d.quote(row)) }); err != nil {
		return nil, err
	}
	for i := range a.Quotes {
		a.Quotes[i].SpeakerID = -1
		if a.Quotes[i].SpeakerName != "" {
			a.Quotes[i].SpeakerID = s.SpeakerID(a.Quotes[i].SpeakerName)
		}
	}
	for i := range a.Entities {
		e := &a.Entities[i]
		key := e.Canonical
		if key == "" {
			key = e.Text
		}
		e.EntityID = s.EntityID(key)
	}
	errs, err := s.ErrorsOf(a.Doc.DocID)
	if err != nil {
		return nil, err
	}
	a.Errors = errs
	return a, nil
}

// ErrorsOf returns the error rows whose doc_id is id.
func (s *Store) ErrorsOf(id string) ([]ErrorRow, error) {
	var out []ErrorRow
	for _, i := range byHash(s.x.errhash, hashID(id)) {
		rows, err := s.errorRows([]int{i})
		if err != nil {
			return nil, err
		}
		for _, e := range rows {
			if e.DocID == id {
				out = append(out, e)
			}
		}
	}
	return out, nil
}

// errorRows reads the error rows with the given indexes.
func (s *Store) errorRows(ids []int) ([]ErrorRow, error) {
	out := make([]ErrorRow, 0, len(ids))
	for _, i := range ids {
		if i < 0 || i >= s.x.hdr.Errors {
			continue
		}
		e := s.x.errRow(i)
		f, err := s.ds.file(tErrors, int(e.part))
		if f == nil || err != nil {
			return nil, err
		}
		dec := newDecoder(f)
		if err := f.rows(int64(e.row), 1, func(_ int64, row parquet.Row) error {
			out = append(out, dec.errorRow(row))
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Errors returns page (from 0) of the error rows of stage ("" for all),
// size rows a page, and the number of matching rows.
func (s *Store) Errors(stage string, page, size int) ([]ErrorRow, int, error) {
	var ids []int
	for i := range s.x.hdr.Errors {
		st := s.x.errRow(i).stage
		if stage == "" || int(st) < len(s.x.hdr.Stages) && s.x.hdr.Stages[st] == stage {
			ids = append(ids, i)
		}
	}
	total := len(ids)
	rows, err := s.errorRows(pageOf(ids, page, size))
	return rows, total, err
}

// pageOf returns page (from 0) of list, size items a page.
func pageOf[T any](list []T, page, size int) []T {
	from := page * size
	if page < 0 || from >= len(list) {
		return nil
	}
	return list[from:min(from+size, len(list))]
}

// Head is what lists show of a document.
type Head struct {
	Ordinal   int
	DocID     string
	Title     string
	Site      string
	Published time.Time
	Quotes    int
	Entities  int
}

// heads reads the list fields of the documents with the given ordinals,
// in that order: site and day from the index, doc_id and title from the
// documents table, reading only those columns of those rows.
func (s *Store) heads(ords []int) ([]Head, error) {
	out := make([]Head, len(ords))
	byPart := map[uint32][]int{} // part → positions in ords
	for i, o := range ords {
		r := s.x.doc(o)
		out[i] = Head{Ordinal: o, Quotes: int(r.qN), Entities: int(r.eN)}
		if r.site != none32 && int(r.site) < len(s.x.hdr.Sites) {
			out[i].Site = s.x.hdr.Sites[r.site]
		}
		if r.day != noDay {
			out[i].Published = time.Unix(int64(r.day)*86400, 0).UTC()
		}
		byPart[r.part] = append(byPart[r.part], i)
	}
	cols := []string{"doc_id", "title"}
	for part, pos := range byPart {
		f, err := s.ds.file(tDocuments, int(part))
		if f == nil || err != nil {
			return nil, err
		}
		sort.Slice(pos, func(a, b int) bool { return s.x.doc(ords[pos[a]]).row < s.x.doc(ords[pos[b]]).row })
		rows := make([]int64, len(pos))
		for k, i := range pos {
			rows[k] = int64(s.x.doc(ords[i]).row)
		}
		vals, err := f.values(cols, rows)
		if err != nil {
			return nil, err
		}
		for k, i := range pos {
			out[i].DocID, out[i].Title = str(vals[k][0]), str(vals[k][1])
		}
	}
	return out, nil
}

// str returns v as a string, "" when null.
func str(v parquet.Value) string {
	if v.IsNull() {
		return ""
	}
	return v.String()
}

// Filter selects quotes for the search page. Zero fields select all.
type Filter struct {
	Text     string // every word must occur in the quote
	Speaker  string // resolved speaker name, exact
	Entity   string // canonical entity name mentioned in the quote's document
	Site     string
	From, To string // publication dates, 2006-01-02, inclusive
	Kind     string
	MinConf  float64 // 0..1
	NoSpeak  bool    // only quotes without a speaker
	Document int     // only quotes of this document ordinal when HasDoc
	HasDoc   bool
}

// Search returns page (from 0) of the quotes that match f, size a page, in
// dataset order, and how many match. The words, speaker, entity and
// document narrow the candidates through the index's postings (the
// shortest list decoded, the others probed by binary search); the other
// filters are checked on the candidates' 12-byte records (all quotes when
// nothing narrows them). Only the shown page's quotes are read from the
// quotes table.
func (s *Store) Search(f Filter, page, size int) ([]Quote, int, error) {
	x := s.x
	var lists []postingList // sorted quote ids
	words := map[string]bool{}
	wordsOf(f.Text, func(w string) { words[w] = true })
	for w := range words {
		id := x.wordID(w)
		if id < 0 {
			return nil, 0, nil
		}
		lists = append(lists, postingList{ids: decodeVarints(x.wordPosting(id)), decoded: true})
	}
	if f.Speaker != "" {
		id := s.SpeakerID(f.Speaker)
		if id < 0 {
			return nil, 0, nil
		}
		lists = append(lists, postingList{raw: x.spkPost.of(id)})
	}
	docQuotes := func(docs []uint32) postingList {
		var qs []uint32
		for _, d := range docs {
			r := x.doc(int(d))
			for q := r.firstQuote; q < r.firstQuote+r.qN; q++ {
				qs = append(qs, q)
			}
		}
		return postingList{ids: qs, decoded: true}
	}
	if f.Entity != "" {
		id := s.EntityID(f.Entity)
		if id < 0 {
			return nil, 0, nil
		}
		lists = append(lists, docQuotes(decode(x.entPost.of(id))))
	}
	if f.HasDoc {
		if f.Document < 0 || f.Document >= x.hdr.Docs {
			return nil, 0, nil
		}
		lists = append(lists, docQuotes([]uint32{uint32(f.Document)}))
	}
	site, kind := uint32(none32), -1
	if f.Site != "" {
		if site = uint32(indexOf(x.hdr.Sites, f.Site)); site == none32 {
			return nil, 0, nil
		}
	}
	if f.Kind != "" {
		if kind = indexOf(x.hdr.Kinds, f.Kind); kind < 0 {
			return nil, 0, nil
		}
	}
	from, to, dated := dayRange(f.From, f.To)
	minConf := uint8(math.Round(min(max(f.MinConf, 0), 1) * 100))
	filtered := kind >= 0 || minConf > 0 || f.NoSpeak || site != none32 || dated

	n := x.hdr.Quotes
	var cand []uint32
	if len(lists) > 0 {
		sort.Slice(lists, func(i, j int) bool { return lists[i].len() < lists[j].len() })
		cand = lists[0].all()
		for _, l := range lists[1:] {
			cand = l.keep(cand)
		}
		n = len(cand)
	}
	at := func(i int) int {
		if len(lists) > 0 {
			return int(cand[i])
		}
		return i
	}
	first := page * size
	var hits []int
	total := 0
	for i := range n {
		q := at(i)
		if q >= x.hdr.Quotes {
			continue
		}
		if filtered {
			b := x.quotes[q*quoteRecSize : (q+1)*quoteRecSize]
			spk := binary.LittleEndian.Uint32(b[4:])
			if kind >= 0 && int(b[8]) != kind || b[9] < minConf || f.NoSpeak && spk != none32 {
				continue
			}
			if site != none32 || dated {
				doc := binary.LittleEndian.Uint32(b)
				if doc == none32 {
					continue
				}
				d := x.docs[int(doc)*docRecSize : (int(doc)+1)*docRecSize]
				if site != none32 && binary.LittleEndian.Uint32(d[36:]) != site {
					continue
				}
				if day := int32(binary.LittleEndian.Uint32(d[40:])); dated && (day == noDay || day < from || day > to) {
					continue
				}
			}
		}
		if total >= first && total < first+size {
			hits = append(hits, q)
		}
		total++
	}
	quotes, err := s.quoteRows(hits)
	return quotes, total, err
}

// postingList is a sorted list of ids, as index bytes or decoded.
type postingList struct {
	raw     []byte
	ids     []uint32
	decoded bool
}

func (p postingList) len() int {
	if p.decoded {
		return len(p.ids)
	}
	return len(p.raw) / 4
}

func (p postingList) at(i int) uint32 {
	if p.decoded {
		return p.ids[i]
	}
	return u32(p.raw, i)
}

func (p postingList) all() []uint32 {
	if p.decoded {
		return p.ids
	}
	return decode(p.raw)
}

// keep returns the ids of cand (sorted) that are in p: by a merge when
// the lists are of similar length, else by binary search in p from the
// last match on, O(len(cand) log len(p)).
func (p postingList) keep(cand []uint32) []uint32 {
	out := cand[:0:0]
	lo, n := 0, p.len()
	if len(cand)*16 >= n {
		for _, c := range cand {
			for lo < n && p.at(lo) < c {
				lo++
			}
			if lo < n && p.at(lo) == c {
				out = append(out, c)
			}
		}
		return out
	}
	for _, c := range cand {
		i := lo + sort.Search(n-lo, func(i int) bool { return p.at(lo+i) >= c })
		if i < n && p.at(i) == c {
			out = append(out, c)
		}
		lo = i
	}
	return out
}

// dayRange parses an inclusive range of dates (2006-01-02, either may be
// empty or invalid, meaning open) into day numbers; dated reports whether
// either end was given.
func dayRange(fromDate, toDate string) (from, to int32, dated bool) {
	from, to = math.MinInt32, math.MaxInt32
	if d, ok := parseDay(fromDate); ok {
		from, dated = d, true
	}
	if d, ok := parseDay(toDate); ok {
		to, dated = d, true
	}
	return from, to, dated
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// pageIDs returns page (from 0) of a u32 postings list, size a page, and
// the list's length, decoding only that page.
func pageIDs(list []byte, page, size int) ([]int, int) {
	n := len(list) / 4
	var ids []int
	for i := max(page*size, 0); i < min((page+1)*size, n); i++ {
		ids = append(ids, int(u32(list, i)))
	}
	return ids, n
}

// decode returns a u32 postings list as a slice.
func decode(b []byte) []uint32 {
	out := make([]uint32, len(b)/4)
	for i := range out {
		out[i] = u32(b, i)
	}
	return out
}

// quoteCols are the columns quote lists read from the quotes table; kind,
// confidence and the resolved speaker come from the index.
var quoteCols = []string{"text", "speaker", "cue"}

// quoteRows reads the list fields of the quotes with the given ids, with
// their documents' heads, in that order.
func (s *Store) quoteRows(ids []int) ([]Quote, error) {
	x := s.x
	out := make([]Quote, len(ids))
	byPart := map[uint32][]int{}
	for i, q := range ids {
		r := x.quote(q)
		out[i] = Quote{SpeakerID: -1, SpeakerEntity: -1, DocOrdinal: -1, Quote: int64(r.pos), Confidence: float64(r.conf) / 100}
		if int(r.kind) < len(x.hdr.Kinds) {
			out[i].Kind = x.hdr.Kinds[r.kind]
		}
		if r.speaker != none32 && int(r.speaker) < x.speakers.len() {
			out[i].SpeakerID, out[i].SpeakerName = int(r.speaker), x.speakers.get(int(r.speaker))
		}
		if r.doc == none32 || int(r.doc) >= x.hdr.Docs {
			continue
		}
		out[i].DocOrdinal = int(r.doc)
		d := x.doc(int(r.doc))
		byPart[d.part] = append(byPart[d.part], i)
	}
	row := func(i int) int64 {
		r := x.quote(ids[i])
		return int64(x.doc(int(r.doc)).qRow) + int64(r.pos)
	}
	for part, pos := range byPart {
		f, err := s.ds.file(tQuotes, int(part))
		if f == nil || err != nil {
			return nil, err
		}
		sort.Slice(pos, func(a, b int) bool { return row(pos[a]) < row(pos[b]) })
		rows := make([]int64, len(pos))
		for k, i := range pos {
			rows[k] = row(i)
		}
		vals, err := f.values(quoteCols, rows)
		if err != nil {
			return nil, err
		}
		for k, i := range pos {
			v, q := vals[k], &out[i]
			q.Text = str(v[0])
			q.Speaker, q.HasSpeaker = str(v[1]), !v[1].IsNull()
			q.Cue, q.HasCue = str(v[2]), !v[2].IsNull()
		}
	}
	var docs []int
	for _, q := range out {
		if q.DocOrdinal >= 0 {
			docs = append(docs, q.DocOrdinal)
		}
	}
	heads, err := s.heads(docs)
	if err != nil {
		return nil, err
	}
	k := 0
	for i := range out {
		if out[i].DocOrdinal >= 0 {
			out[i].DocTitle, out[i].DocSite, out[i].DocPublished = heads[k].Title, heads[k].Site, heads[k].Published
			if out[i].DocTitle == "" {
				out[i].DocTitle = heads[k].DocID
			}
			k++
		}
	}
	return out, nil
}

// EntityDocs returns page (from 0) of the documents that mention entity
// id, size a page, with the number of such documents.
func (s *Store) EntityDocs(id, page, size int) ([]Head, int, error) {
	if id < 0 || id >= s.x.entities.len() {
		return nil, 0, ErrNotFound
	}
	ords, total := pageIDs(s.x.entPost.of(id), page, size)
	heads, err := s.heads(ords)
	return heads, total, err
}

// DocFilter selects documents for the article list.
type DocFilter struct {
	Site     string
	From, To string // publication dates, 2006-01-02, inclusive
}

// Docs returns page (from 0) of the documents matching f, size a page, in
// dataset order, and how many match. It scans the index's document records.
func (s *Store) Docs(f DocFilter, page, size int) ([]Head, int, error) {
	x := s.x
	site := uint32(none32)
	if f.Site != "" {
		if site = uint32(indexOf(x.hdr.Sites, f.Site)); site == none32 {
			return nil, 0, nil
		}
	}
	from, to, dated := dayRange(f.From, f.To)
	var ords []int
	total := 0
	if site == none32 && !dated {
		for i := page * size; i < min((page+1)*size, x.hdr.Docs); i++ {
			ords = append(ords, i)
		}
		heads, err := s.heads(ords)
		return heads, x.hdr.Docs, err
	}
	for i := range x.hdr.Docs {
		d := x.doc(i)
		if site != none32 && d.site != site || dated && (d.day == noDay || d.day < from || d.day > to) {
			continue
		}
		if total >= page*size && total < (page+1)*size {
			ords = append(ords, i)
		}
		total++
	}
	heads, err := s.heads(ords)
	return heads, total, err
}

// SpeakerQuotes returns page (from 0) of speaker id's quotes, size a page,
// with their number.
func (s *Store) SpeakerQuotes(id, page, size int) ([]Quote, int, error) {
	if id < 0 || id >= s.x.speakers.len() {
		return nil, 0, ErrNotFound
	}
	ids, total := pageIDs(s.x.spkPost.of(id), page, size)
	quotes, err := s.quoteRows(ids)
	return quotes, total, err
}
