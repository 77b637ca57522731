package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/quotes"
)

// The real-news development set is hand-annotated outside the repository
// (third-party text is never committed): a TSV of doc_id, the first words
// of a quotation without its marks, and the gold speaker_name, where names
// joined by | are alternatives, "-" marks quoted words that are not a
// quote (terms, titles, scare quotes) and "?" a quote whose speaker the
// text does not give. The articles are read from the JSON Lines output of
// `newsmill annotate --format jsonl`, so that the figures are those of the
// CLI, extraction included. Every direct or partial quote of an annotated
// document is scored: the annotation lists all quoted stretches of each
// document it names.

// realGold is one annotated quotation.
type realGold struct {
	doc, prefix string
	names       []string // nil for "-" and "?"
	notQuote    bool     // "-"
}

// realDoc is the part of a JSON Lines document the scorer reads.
type realDoc struct {
	ID       string      `json:"doc_id"`
	Site     string      `json:"site"`
	Text     string      `json:"text"`
	Quotes   []realQuote `json:"quotes"`
	Entities []struct {
		Start     int    `json:"start"`
		End       int    `json:"end"`
		Label     string `json:"label"`
		Canonical string `json:"canonical"`
	} `json:"entities"`
}

// realQuote is the part of a quote row the scorer reads; offsets count
// code points.
type realQuote struct {
	Start         int     `json:"start"`
	End           int     `json:"end"`
	Kind          string  `json:"kind"`
	SpeakerName   *string `json:"speaker_name"`
	SpeakerGender *string `json:"speaker_gender"`
}

// requote replaces the quotes of d with those the quotes stage finds now
// in its text with its entities, so that a change to the stage can be
// scored without extracting the pages again.
func requote(d *realDoc) {
	byteAt := make([]int, 0, len(d.Text)+1) // code point -> byte offset
	for i := range d.Text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(d.Text))
	var ents []pipeline.Entity
	for _, e := range d.Entities {
		if e.Start < 0 || e.End >= len(byteAt) || e.Start > e.End {
			continue
		}
		ents = append(ents, pipeline.Entity{Span: pipeline.Span{Start: byteAt[e.Start], End: byteAt[e.End]}, Label: e.Label, Canonical: e.Canonical})
	}
	cp := func(b int) int { return sort.SearchInts(byteAt, b) }
	d.Quotes = d.Quotes[:0]
	for _, q := range quotes.Extract(d.Text, nil, ents) {
		name := q.SpeakerName
		rq := realQuote{Start: cp(q.Start), End: cp(q.End), Kind: q.Kind}
		if !q.Speaker.Empty() {
			rq.SpeakerName = &name
		}
		if g := q.SpeakerGender; g != "" {
			rq.SpeakerGender = &g
		}
		d.Quotes = append(d.Quotes, rq)
	}
}

// realTally counts one source's figures.
type realTally struct {
	realCounts
	errors     []string          // the wrong speakers and spurious quotes, for -v
	byEvidence map[string][2]int // gender evidence kind -> right, scored
}

// realCounts are the counts of a realTally.
type realCounts struct {
	gold, found, pred, predOK int
	speakers, speakersOK      int
	// With gender gold: the quotes with the right speaker whose gender is
	// scored, those whose speaker_gender is right, those whose speaker the
	// gender gold does not list, and the confusion counts, gold gender by
	// predicted gender, indexed by genderIndex.
	genders, gendersOK, genderUngraded int
	confusion                          [3][3]int
}

// The gender gold is a companion TSV to a real-news gold TSV: doc_id, a
// gold speaker name exactly as the gold TSV spells it (one alternative of
// a | list per line), female, male or unknown as the article's text shows
// it, and optionally the kind of evidence (pronoun, title, role, name,
// none, body), which the figures are broken down by. The speaker_gender
// of a quote is scored when its speaker is right, against the gender of
// the gold alternative its speaker_name matches; a missing
// speaker_gender counts as unknown.

// genderLabels are the gender values, in genderIndex order.
var genderLabels = [...]string{"female", "male", "unknown"}

// genderIndex returns the index of g in genderLabels, with "" as unknown,
// or -1 for any other value.
func genderIndex(g string) int {
	if g == "" {
		return 2
	}
	for i, l := range genderLabels {
		if g == l {
			return i
		}
	}
	return -1
}

// genderKey names a gold speaker of one document.
type genderKey struct{ doc, name string }

// genderGold is the gold gender of a speaker and its evidence kind.
type genderGold struct{ gender, evidence string }

// readGenderGold parses the gender gold TSV.
func readGenderGold(r io.Reader) (map[genderKey]genderGold, error) {
	out := map[genderKey]genderGold{}
	err := eachRow(r, func(n int, f []string) error {
		if len(f) < 3 || len(f) > 4 || f[0] == "" || f[1] == "" || genderIndex(f[2]) < 0 || f[2] == "" {
			return fmt.Errorf("line %d: want doc_id, speaker name, female|male|unknown and an optional evidence kind, tab-separated", n)
		}
		g := genderGold{gender: f[2], evidence: "-"}
		if len(f) == 4 && f[3] != "" {
			g.evidence = f[3]
		}
		out[genderKey{f[0], f[1]}] = g
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachRow calls row with the line number and tab-separated fields of each
// line of r that is neither blank nor a # comment, until row fails.
func eachRow(r io.Reader, row func(n int, f []string) error) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		if err := row(n, strings.Split(line, "\t")); err != nil {
			return err
		}
	}
	return sc.Err()
}

// readRealGold parses the annotation TSV.
func readRealGold(r io.Reader) ([]realGold, error) {
	var out []realGold
	err := eachRow(r, func(n int, f []string) error {
		if len(f) != 3 || f[0] == "" || f[1] == "" || f[2] == "" {
			return fmt.Errorf("line %d: want doc_id, prefix and speaker, tab-separated", n)
		}
		g := realGold{doc: f[0], prefix: f[1]}
		switch f[2] {
		case "-":
			g.notQuote = true
		case "?":
		default:
			g.names = strings.Split(f[2], "|")
		}
		out = append(out, g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// sameName reports whether a predicted speaker name is the gold one,
// ignoring case and a leading article.
func sameName(pred, gold string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		for _, a := range []string{"the ", "a ", "an "} {
			s = strings.TrimPrefix(s, a)
		}
		return strings.ReplaceAll(s, "’", "'")
	}
	return norm(pred) == norm(gold)
}

// scoreReal scores the documents of docs that gold annotates, per site,
// and with genders (which may be nil) the speaker_gender of the quotes
// whose speaker is right.
func scoreReal(docs []realDoc, gold []realGold, genders map[genderKey]genderGold) map[string]*realTally {
	byDoc := map[string][]realGold{}
	for _, g := range gold {
		byDoc[g.doc] = append(byDoc[g.doc], g)
	}
	out := map[string]*realTally{}
	for _, d := range docs {
		gs, ok := byDoc[d.ID]
		if !ok {
			continue
		}
		t := out[d.Site]
		if t == nil {
			t = &realTally{byEvidence: map[string][2]int{}}
			out[d.Site] = t
		}
		matched := make([]bool, len(gs))
		runes := []rune(d.Text) // the output's offsets count code points
		for _, q := range d.Quotes {
			if q.Kind == "indirect" || q.Start < 0 || q.End > len(runes) || q.Start >= q.End {
				continue
			}
			t.pred++
			words := strings.TrimLeft(string(runes[q.Start:q.End]), "“”\"‘’'«» ")
			pred := ""
			if q.SpeakerName != nil {
				pred = *q.SpeakerName
			}
			hit := false
			for i, g := range gs {
				if matched[i] || !strings.HasPrefix(words, g.prefix) {
					continue
				}
				matched[i], hit = true, true
				if g.notQuote {
					t.errors = append(t.errors, fmt.Sprintf("[term taken as quote] %s: %s", d.ID, clip(words)))
					break
				}
				t.predOK++
				if g.names != nil {
					t.speakers++
					right := ""
					for _, n := range g.names {
						if right == "" && sameName(pred, n) {
							right = n
						}
					}
					if right != "" {
						t.speakersOK++
						if genders != nil {
							t.scoreGender(genders, genderKey{d.ID, right}, q.SpeakerGender, words)
						}
					} else {
						t.errors = append(t.errors, fmt.Sprintf("[speaker %q, want %q] %s: %s", pred, strings.Join(g.names, "|"), d.ID, clip(words)))
					}
				}
				break
			}
			if !hit {
				t.errors = append(t.errors, fmt.Sprintf("[not annotated] %s: %s (speaker %q)", d.ID, clip(words), pred))
			}
		}
		for i, g := range gs {
			if !g.notQuote {
				t.gold++
				if matched[i] {
					t.found++
				} else {
					t.errors = append(t.errors, fmt.Sprintf("[missed] %s: %s", d.ID, g.prefix))
				}
			}
		}
	}
	return out
}

// scoreGender counts the predicted gender pred of a quote whose speaker
// is the gold speaker k.
func (t *realTally) scoreGender(genders map[genderKey]genderGold, k genderKey, pred *string, words string) {
	g, ok := genders[k]
	if !ok {
		t.genderUngraded++
		t.errors = append(t.errors, fmt.Sprintf("[no gender gold for %q] %s: %s", k.name, k.doc, clip(words)))
		return
	}
	p := ""
	if pred != nil {
		p = *pred
	}
	pi := genderIndex(p)
	if pi < 0 {
		pi = 2 // not a gender value: counted as unknown
	}
	t.genders++
	t.confusion[genderIndex(g.gender)][pi]++
	e := t.byEvidence[g.evidence]
	e[1]++
	if genderLabels[pi] == g.gender {
		t.gendersOK++
		e[0]++
	} else {
		t.errors = append(t.errors, fmt.Sprintf("[gender %s, want %s (%s: %s)] %s: %s", genderLabels[pi], g.gender, k.name, g.evidence, k.doc, clip(words)))
	}
	t.byEvidence[g.evidence] = e
}

// printGenders writes the speaker_gender figures of the tallies: accuracy
// per site, macro over the sites with scored quotes and pooled over all
// their quotes, then, over all sites, the confusion counts and the
// accuracy per evidence kind.
func printGenders(w io.Writer, sites []string, tallies map[string]*realTally) {
	fmt.Fprintf(w, "speaker_gender, quotes with the right speaker:\n%-24s %8s\n", "source", "gender")
	var (
		sum        float64
		scored     int
		all        realCounts
		byEvidence = map[string][2]int{}
	)
	for _, s := range sites {
		t := tallies[s]
		all.add(t.realCounts)
		for k, v := range t.byEvidence {
			e := byEvidence[k]
			byEvidence[k] = [2]int{e[0] + v[0], e[1] + v[1]}
		}
		if t.genders == 0 {
			continue
		}
		acc := ratio(t.gendersOK, t.genders)
		fmt.Fprintf(w, "%-24s %8.3f  (%d/%d)\n", s, acc, t.gendersOK, t.genders)
		sum += acc
		scored++
	}
	fmt.Fprintf(w, "%-24s %8.3f\n", "macro average", sum/float64(max(scored, 1)))
	fmt.Fprintf(w, "%-24s %8.3f  (%d/%d)\n", "pooled (micro)", ratio(all.gendersOK, all.genders), all.gendersOK, all.genders)
	fmt.Fprintf(w, "confusion (rows gold, columns predicted):\n%-10s", "")
	for _, l := range genderLabels {
		fmt.Fprintf(w, " %8s", l)
	}
	fmt.Fprintln(w)
	for i, row := range all.confusion {
		fmt.Fprintf(w, "%-10s", genderLabels[i])
		for _, c := range row {
			fmt.Fprintf(w, " %8d", c)
		}
		fmt.Fprintln(w)
	}
	kinds := make([]string, 0, len(byEvidence))
	for k := range byEvidence {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	fmt.Fprint(w, "by evidence:")
	for _, k := range kinds {
		e := byEvidence[k]
		fmt.Fprintf(w, " %s %.3f (%d/%d)", k, ratio(e[0], e[1]), e[0], e[1])
	}
	fmt.Fprintln(w)
	if all.genderUngraded > 0 {
		fmt.Fprintf(w, "%d quotes with the right speaker have no gender gold\n", all.genderUngraded)
	}
}

// printCounts writes one row of the real-news table, label then c's gold
// and predicted quote counts, P, R, F1 and speaker accuracy with its
// counts, and returns the four figures.
func printCounts(w io.Writer, label string, c realCounts) [4]float64 {
	q := prf{goldFound: c.found, gold: c.gold, predOK: c.predOK, pred: c.pred}
	f := [4]float64{q.precision(), q.recall(), q.f1(), ratio(c.speakersOK, c.speakers)}
	fmt.Fprintf(w, "%-24s %5d %5d %6.3f %6.3f %6.3f %8.3f  (%d/%d)\n", label, c.gold, c.pred, f[0], f[1], f[2], f[3], c.speakersOK, c.speakers)
	return f
}

// add adds the counts of o to c, pooling sources.
func (c *realCounts) add(o realCounts) {
	c.gold += o.gold
	c.found += o.found
	c.pred += o.pred
	c.predOK += o.predOK
	c.speakers += o.speakers
	c.speakersOK += o.speakersOK
	c.genders += o.genders
	c.gendersOK += o.gendersOK
	c.genderUngraded += o.genderUngraded
	for i := range c.confusion {
		for j, n := range o.confusion[i] {
			c.confusion[i][j] += n
		}
	}
}

// clip returns the first 80 bytes of s, cut at a rune boundary.
func clip(s string) string {
	if len(s) <= 80 {
		return s
	}
	i := 80
	for i > 0 && !utf8Start(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// runReal prints the real-news figures per site, their macro average and
// their pooled (micro) figures, all sites' quotes counted together, and
// with verbose > 0 every error of each site. With rerun the quotes are
// found anew (see requote). With a gendersPath it adds speaker_gender
// accuracy per site, macro and pooled, the confusion
// counts and the accuracy per evidence kind (see readGenderGold).
func runReal(goldPath, gendersPath, docsPath string, verbose int, rerun bool, w io.Writer) error {
	gf, err := os.Open(goldPath)
	if err != nil {
		return err
	}
	defer gf.Close()
	gold, err := readRealGold(gf)
	if err != nil {
		return fmt.Errorf("%s: %w", goldPath, err)
	}
	var genders map[genderKey]genderGold
	if gendersPath != "" {
		f, err := os.Open(gendersPath)
		if err != nil {
			return err
		}
		defer f.Close()
		if genders, err = readGenderGold(f); err != nil {
			return fmt.Errorf("%s: %w", gendersPath, err)
		}
	}
	df, err := os.Open(docsPath)
	if err != nil {
		return err
	}
	defer df.Close()
	var docs []realDoc
	dec := json.NewDecoder(bufio.NewReader(df))
	for {
		var d realDoc
		if err := dec.Decode(&d); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("%s: %w", docsPath, err)
		}
		if rerun {
			requote(&d)
		}
		docs = append(docs, d)
	}
	tallies := scoreReal(docs, gold, genders)
	sites := make([]string, 0, len(tallies))
	for s := range tallies {
		sites = append(sites, s)
	}
	sort.Strings(sites)
	fmt.Fprintf(w, "%-24s %5s %5s %6s %6s %6s %8s\n", "source", "gold", "pred", "P", "R", "F1", "speaker")
	var (
		sum    [4]float64
		pooled realCounts
	)
	for _, s := range sites {
		t := tallies[s]
		for i, v := range printCounts(w, s, t.realCounts) {
			sum[i] += v
		}
		pooled.add(t.realCounts)
	}
	n := float64(max(len(sites), 1))
	fmt.Fprintf(w, "%-24s %5s %5s %6.3f %6.3f %6.3f %8.3f\n", "macro average", "", "", sum[0]/n, sum[1]/n, sum[2]/n, sum[3]/n)
	printCounts(w, "pooled (micro)", pooled)
	if genders != nil {
		printGenders(w, sites, tallies)
	}
	if verbose > 0 {
		for _, s := range sites {
			for _, e := range tallies[s].errors {
				fmt.Fprintf(w, "%s %s\n", s, e)
			}
		}
	}
	return nil
}
