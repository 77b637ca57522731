package entities

import (
	"bytes"
	"context"
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/newsmill/newsmill/pipeline"
)

// modelData is newsmill's trained NER model, written by
// `go run ./internal/nertrain`.
//
//go:embed model.bin.gz
var modelData []byte

var (
	taggerOnce sync.Once
	tagger     *Tagger
	taggerErr  error
)

// Default returns the process-wide Tagger with the embedded model, loading
// it on the first call (about 0.1 s and 11 MB); later calls return the
// same value. It is safe for concurrent use.
func Default() (*Tagger, error) {
	taggerOnce.Do(func() {
		var m *Model
		if m, taggerErr = ReadModel(bytes.NewReader(modelData)); taggerErr == nil {
			tagger = NewTagger(m)
		}
	})
	return tagger, taggerErr
}

// Tagger finds named entities with a Model over newsmill's own byte-level
// tokens, then applies the rule layer shared with the prose path (names
// after titles, name particles, possessives) and groups mentions. It is
// safe for concurrent use and costs a few microseconds per token.
type Tagger struct {
	model *Model
	pool  sync.Pool // *tagScratch
}

// NewTagger returns a Tagger that uses m; it costs nothing.
func NewTagger(m *Model) *Tagger { return &Tagger{model: m} }

// Model returns the tagger's model, which is read-only.
func (t *Tagger) Model() *Model { return t.model }

// tagScratch holds the buffers of one Entities call.
type tagScratch struct {
	spans  []wordSpan
	words  []string
	labels []int
	toks   []token
	ms     []mention
	dec    decoder
	teams  map[string]bool // mentions found to name sports teams in this document
}

// addTeam records that mention names a sports team in this document.
func (sc *tagScratch) addTeam(mention string) {
	if sc.teams == nil {
		sc.teams = map[string]bool{}
	}
	sc.teams[mention] = true
}

// typeLabels maps the tagger's types to the IOB labels of the rule layer.
var typeLabels = [numLabels]string{"O", "B-PERSON", "I-PERSON", "B-ORGANIZATION", "I-ORGANIZATION", "B-GPE", "I-GPE"}

// Entities returns the named entities of text in order, sentence by
// sentence of sents (spans of text). It has the same contract as
// Recognizer.Entities.
func (t *Tagger) Entities(text string, sents []pipeline.Sentence) []pipeline.Entity {
	out, _ := t.EntitiesContext(context.Background(), text, sents)
	return out
}

// EntitiesContext is Entities that stops early, returning ctx's error and
// no entities, when ctx is done; it checks ctx every 64 windows of tokens,
// so a long document stops within milliseconds.
func (t *Tagger) EntitiesContext(ctx context.Context, text string, sents []pipeline.Sentence) ([]pipeline.Entity, error) {
	sc, _ := t.pool.Get().(*tagScratch)
	if sc == nil {
		sc = &tagScratch{}
	}
	defer t.pool.Put(sc)
	var out []pipeline.Entity
	windows := 0
	for i, s := range sents {
		if s.Start < 0 || s.End > len(text) || s.Empty() {
			continue
		}
		for from := s.Start; from < s.End; {
			if windows++; windows%64 == 0 {
				if err := ctx.Err(); err != nil {
					clear(sc.teams)
					return nil, err
				}
			}
			sc.spans, from = tokenizeN(text, from, s.End, sc.spans[:0], maxWindowTokens)
			if len(sc.spans) == 0 {
				break
			}
			out = t.window(text, i, sc, out)
		}
	}
	out = relabelTeams(text, out, sc.teams)
	clear(sc.teams)
	out = t.repeatMentions(text, sents, out, sc)
	consistentLabels(text, out)
	canonicalize(text, out)
	return out, nil
}

// maxWindowTokens bounds the tokens tagged at once: a longer sentence is
// tagged a window of this many tokens at a time, so that time and memory
// per token stay the same however long a sentence is (a name cut by a
// window's edge is the price, and no news sentence is this long).
const maxWindowTokens = 256

// window appends to out the entities of the tokens sc.spans of sentence i.
func (t *Tagger) window(text string, i int, sc *tagScratch, out []pipeline.Entity) []pipeline.Entity {
	sc.words = sc.words[:0]
	for _, w := range sc.spans {
		sc.words = append(sc.words, text[w.start:w.end])
	}
	sc.labels = t.model.tagWith(&sc.dec, sc.words, sc.labels[:0])
	markOrgRuns(sc.words, sc.labels)
	if !hasEntityOrTitle(sc.labels, sc.words) {
		return out
	}
	toks := sc.toks[:0]
	for k, w := range sc.spans {
		toks = append(toks, token{text: sc.words[k], label: typeLabels[sc.labels[k]], start: w.start, end: w.end})
	}
	sc.toks = toks
	ms := sc.ms[:0]
	for _, m := range mentions(text, toks, !shouting(sc.words)) {
		m, ok := refine(toks, m)
		if !ok {
			continue
		}
		if m.label == pipeline.LabelPerson && placeAfterThe(toks, m) {
			m.label = pipeline.LabelGPE
		}
		ms = append(ms, m)
	}
	if dl, ok := dateline(toks); ok {
		ms = disjoint(override(ms, []mention{dl}))
	}
	if sl := sportsLine(toks, ms); sl != nil {
		ms = disjoint(override(ms, sl))
		for _, m := range sl {
			if m.label == pipeline.LabelOrg {
				sc.addTeam(text[toks[m.first].start:toks[m.last].end])
			}
		}
	}
	sc.ms = ms
	for _, m := range ms {
		label := m.label
		team := false
		if (label == pipeline.LabelGPE || label == pipeline.LabelOrg) && teamCue(toks, m) {
			switch {
			case isCountry(toks[m.first : m.last+1]):
				label = pipeline.LabelGPE // a national team: a place, as usually annotated
			case label == pipeline.LabelGPE:
				label, team = pipeline.LabelOrg, true
			}
		}
		if label == pipeline.LabelGPE && naturalPlace(toks[m.first:m.last+1]) {
			label = pipeline.LabelLocation
		}
		e := pipeline.Entity{
			Span:     pipeline.Span{Start: toks[m.first].start, End: toks[m.last].end},
			Label:    label,
			Sentence: i,
		}
		if team {
			sc.addTeam(e.In(text))
		}
		out = append(out, e)
	}
	return out
}

// consistentLabels gives every mention of the same text in a document the
// label most of them have, when one label has more mentions than any
// other: a name tagged ORG twice and GPE once is an organisation
// throughout. GPE and LOC count as one label, the place's own kept.
func consistentLabels(text string, ents []pipeline.Entity) {
	if len(ents) < 3 {
		return
	}
	type tally struct{ person, org, place int }
	counts := map[string]*tally{}
	for _, e := range ents {
		c := counts[e.In(text)]
		if c == nil {
			c = &tally{}
			counts[e.In(text)] = c
		}
		switch e.Label {
		case pipeline.LabelPerson:
			c.person++
		case pipeline.LabelOrg:
			c.org++
		default:
			c.place++
		}
	}
	for i, e := range ents {
		c := counts[e.In(text)]
		switch {
		case c.person > c.org && c.person > c.place:
			ents[i].Label = pipeline.LabelPerson
		case c.org > c.person && c.org > c.place:
			ents[i].Label = pipeline.LabelOrg
		case c.place > c.person && c.place > c.org && (e.Label == pipeline.LabelPerson || e.Label == pipeline.LabelOrg):
			ents[i].Label = pipeline.LabelGPE
		}
	}
}

// repeatMentions adds the untagged repetitions of names the tagger found
// elsewhere in the document: the surname of a multi-word PERSON ("Pompeo"
// after "Mike Pompeo") and a one-word name of any type ("Baghdad", "NATO").
// Only capitalised words count, and never inside another mention. It
// returns ents, with the additions, in order.
func (t *Tagger) repeatMentions(text string, sents []pipeline.Sentence, ents []pipeline.Entity, sc *tagScratch) []pipeline.Entity {
	known := map[string]string{}
	for _, e := range ents {
		m := e.In(text)
		if i := strings.LastIndexByte(m, ' '); i >= 0 {
			if e.Label == pipeline.LabelPerson {
				known[m[i+1:]] = e.Label
			}
			continue
		}
		if _, ok := known[m]; !ok {
			known[m] = e.Label
		}
	}
	if len(known) == 0 {
		return ents
	}
	n := len(ents)
	next := 0 // index of the first entity that ends after the current word
	for i, s := range sents {
		if s.Start < 0 || s.End > len(text) || s.Empty() {
			continue
		}
		for from := s.Start; from < s.End; {
			sc.spans, from = tokenizeN(text, from, s.End, sc.spans[:0], maxWindowTokens)
			if len(sc.spans) == 0 {
				break
			}
			for _, w := range sc.spans {
				for next < n && ents[next].End <= w.start {
					next++
				}
				if next < n && ents[next].Start < w.end {
					continue // inside a mention
				}
				word := text[w.start:w.end]
				if label, ok := known[word]; ok && isCapitalized(word) {
					ents = append(ents, pipeline.Entity{Span: pipeline.Span{Start: w.start, End: w.end}, Label: label, Sentence: i})
				}
			}
		}
	}
	if len(ents) > n {
		slices.SortFunc(ents, func(a, b pipeline.Entity) int { return a.Start - b.Start })
	}
	return ents
}

// shouting reports whether most words of four or more letters of a
// sentence are in capitals, as in some headlines.
func shouting(words []string) bool {
	long, caps := 0, 0
	for _, w := range words {
		if len(w) < 4 || !isLetter(rune(w[0])) {
			continue
		}
		long++
		if strings.IndexFunc(w, unicode.IsLower) < 0 {
			caps++
		}
	}
	return long > 0 && caps*2 > long
}

// refine trims what the model may wrongly put in a mention: everything from
// punctuation that cannot be inside a name, titles before a person's name,
// days and months at either end. It reports false when nothing is left but
// a title or a demonym ("Western", "Iraqi").
func refine(toks []token, m mention) (mention, bool) {
	for k := m.first + 1; k <= m.last; k++ {
		if breaksName(toks[k].text) {
			m.last = k - 1
			break
		}
	}
	if m.label == pipeline.LabelPerson {
		// Titles, and a place or people before a title ("US President
		// Donald Trump", "Iraqi Prime Minister ...").
		for m.first < m.last && (titleWord(toks[m.first].text) || placeBeforeTitle(toks[m.first].text) && titleWord(toks[m.first+1].text)) {
			m.first++
		}
	}
	for m.first <= m.last && dateWords[strings.ToLower(toks[m.first].text)] {
		m.first++
	}
	for m.last >= m.first && dateWords[strings.ToLower(toks[m.last].text)] {
		m.last--
	}
	if m.last < m.first || m.first == m.last && (titleWord(toks[m.first].text) || demonym(toks[m.first].text)) {
		return m, false
	}
	return m, true
}

// placeBeforeTitle reports whether w may name the country or people of a
// title that follows it: an acronym ("US"), a place or a demonym.
func placeBeforeTitle(w string) bool {
	if isAcronym(w) {
		return true
	}
	c := gazetteer[strings.ToLower(w)]
	return c == classPlace || c == classDemonym || countries[strings.ToLower(w)]
}

// hasEntityOrTitle reports whether the rule layer could find anything in a
// sentence: a labelled token, or a title word that may introduce a name.
func hasEntityOrTitle(labels []int, words []string) bool {
	var buf [16]byte
	for k, l := range labels {
		if l != labelO {
			return true
		}
		w := words[k]
		if len(w) > len(buf) {
			continue
		}
		for j := 0; j < len(w); j++ {
			c := w[j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[j] = c
		}
		if titleWords[string(buf[:len(w)])] {
			return true
		}
	}
	return false
}

// breaksName reports whether a token cannot be inside a name: punctuation
// other than "&", "-" and ".".
func breaksName(w string) bool {
	return !hasLetterOrDigit(w) && w != "&" && w != "-" && w != "."
}

// titleWord reports whether w is a word of a title ("Prime", "Minister",
// "Professor") that the model may have put in a person's name.
func titleWord(w string) bool {
	lw := strings.ToLower(w)
	return titleWords[lw] || lw == "prime" || lw == "vice" || lw == "executive" || isTitle(w)
}

// dateWords are the names of days and months, which open or close no name
// ("Beijing Tuesday").
var dateWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "march": true, "april": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
}

// demonym reports whether w names a people or faith ("Iraqi", "Western",
// "Sunni"), which is not a named entity of the types found here.
func demonym(w string) bool { return gazetteer[strings.ToLower(w)] == classDemonym }

// placeWords end the names of natural places rather than political units.
var placeWords = map[string]bool{
	"river": true, "sea": true, "ocean": true, "gulf": true, "lake": true, "mountains": true, "mountain": true,
	"mount": true, "valley": true, "desert": true, "peninsula": true, "strait": true, "straits": true,
	"island": true, "islands": true, "bay": true, "coast": true, "plateau": true, "basin": true, "canal": true,
	"mt.": true, "hills": true, "forest": true, "channel": true,
}

// placeAfterThe reports whether a one-word mention is a known place name
// after "the" ("across the Tigris"), where a person's name hardly stands.
func placeAfterThe(toks []token, m mention) bool {
	return m.first == m.last && m.first > 0 && strings.EqualFold(toks[m.first-1].text, "the") &&
		gazetteer[strings.ToLower(toks[m.first].text)] == classPlace
}

// naturalPlace reports whether a place name names a natural feature ("Tigris
// River", "Mount Everest", "Persian Gulf").
func naturalPlace(toks []token) bool {
	for _, t := range toks {
		if placeWords[strings.ToLower(t.text)] {
			return true
		}
	}
	return false
}
