package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
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
	ID     string `json:"doc_id"`
	Site   string `json:"site"`
	Text   string `json:"text"`
	Quotes []struct {
		Start       int     `json:"start"`
		End         int     `json:"end"`
		Kind        string  `json:"kind"`
		SpeakerName *string `json:"speaker_name"`
	} `json:"quotes"`
}

// realTally counts one source's figures.
type realTally struct {
	gold, found, pred, predOK int
	speakers, speakersOK      int
}

// readRealGold parses the annotation TSV.
func readRealGold(r io.Reader) ([]realGold, error) {
	var out []realGold
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" || f[1] == "" || f[2] == "" {
			return nil, fmt.Errorf("line %d: want doc_id, prefix and speaker, tab-separated", n)
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
	}
	return out, sc.Err()
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

// scoreReal scores the documents of docs that gold annotates, per site.
func scoreReal(docs []realDoc, gold []realGold) map[string]*realTally {
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
			t = &realTally{}
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
			for i, g := range gs {
				if matched[i] || !strings.HasPrefix(words, g.prefix) {
					continue
				}
				matched[i] = true
				if g.notQuote {
					break
				}
				t.predOK++
				if g.names != nil {
					t.speakers++
					pred := ""
					if q.SpeakerName != nil {
						pred = *q.SpeakerName
					}
					for _, n := range g.names {
						if sameName(pred, n) {
							t.speakersOK++
							break
						}
					}
				}
				break
			}
		}
		for i, g := range gs {
			if !g.notQuote {
				t.gold++
				if matched[i] {
					t.found++
				}
			}
		}
	}
	return out
}

// runReal prints the real-news figures per site and their macro average.
func runReal(goldPath, docsPath string, w io.Writer) error {
	gf, err := os.Open(goldPath)
	if err != nil {
		return err
	}
	defer gf.Close()
	gold, err := readRealGold(gf)
	if err != nil {
		return fmt.Errorf("%s: %w", goldPath, err)
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
		docs = append(docs, d)
	}
	tallies := scoreReal(docs, gold)
	sites := make([]string, 0, len(tallies))
	for s := range tallies {
		sites = append(sites, s)
	}
	sort.Strings(sites)
	fmt.Fprintf(w, "%-24s %5s %5s %6s %6s %6s %8s\n", "source", "gold", "pred", "P", "R", "F1", "speaker")
	var sum [4]float64
	for _, s := range sites {
		t := tallies[s]
		c := prf{goldFound: t.found, gold: t.gold, predOK: t.predOK, pred: t.pred}
		sp := ratio(t.speakersOK, t.speakers)
		fmt.Fprintf(w, "%-24s %5d %5d %6.3f %6.3f %6.3f %8.3f  (%d/%d)\n", s, t.gold, t.pred, c.precision(), c.recall(), c.f1(), sp, t.speakersOK, t.speakers)
		for i, v := range [...]float64{c.precision(), c.recall(), c.f1(), sp} {
			sum[i] += v
		}
	}
	n := float64(max(len(sites), 1))
	fmt.Fprintf(w, "%-24s %5s %5s %6.3f %6.3f %6.3f %8.3f\n", "macro average", "", "", sum[0]/n, sum[1]/n, sum[2]/n, sum[3]/n)
	return nil
}
