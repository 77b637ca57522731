package main

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// Matching, precisely:
//
//   - A gold segment is one quoted stretch of a gold quote, without its
//     marks (see quotedStretches). A prediction is a quote of kind direct or
//     partial whose span opens with a quotation mark, the same selection as the
//     gold side: indirect quotes and unmarked transcript lines are never
//     scored here.
//   - coverage(p, g) is the number of characters (code points) of g that
//     lie inside p's span (marks included), divided by g's characters.
//   - At threshold t (0.3 or 0.8), a gold segment is found when some
//     prediction has coverage > t of it, and a prediction is correct when it
//     has coverage > t of some gold segment. Recall is found segments over
//     all segments, precision correct predictions over all predictions, F1
//     their harmonic mean. One prediction may cover several segments: a
//     split quote “A,” he said, “B.” is one prediction for two segments.
//   - The match of a found segment (at 0.3) is the prediction with the
//     highest coverage of it. Its speaker is right when the prediction's
//     speaker span overlaps a fragment of the gold source, or when the gold
//     source is not a pronoun and the predicted speaker_name (or the mention
//     as written) ends with a name that the gold source holds as a
//     capitalised word ("Pat Caddell" for gold "longtime Democratic pollster
//     Pat Caddell" or "Caddell"). A relative pronoun gold source ("Beck,
//     who called it “…”") is matched by the name of the phrase before it
//     up to a comma. A personal pronoun gold source is right only by
//     overlap. Gold quotes without a source are left out of speaker figures.
//     Speaker figures count found segments, so a split quote counts twice.
//   - Confidence calibration is speaker accuracy over the scored matches
//     whose prediction has confidence >= 0.8.
//   - An article annotated by several annotators is scored once, with the
//     first annotation file in lexical order (see annotationFiles).
//   - The headline (the text's first line) is scored like the body:
//     PolNeAR annotates attributions there (in about half of the train
//     articles the first line holds annotated content, and about two
//     thirds of the quotations in headlines are annotated), so neither
//     side leaves it out.

// thresholds are the coverage levels quote F1 is reported at.
var thresholds = [...]float64{0.3, 0.8}

// prf counts matches at one threshold.
type prf struct{ goldFound, gold, predOK, pred int }

func (c prf) precision() float64 { return ratio(c.predOK, c.pred) }
func (c prf) recall() float64    { return ratio(c.goldFound, c.gold) }
func (c prf) f1() float64 {
	p, r := c.precision(), c.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ratio returns a/b, or 0 when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// acc counts speaker judgements.
type acc struct{ ok, n int }

func (a *acc) add(ok bool) {
	a.n++
	if ok {
		a.ok++
	}
}

func (a acc) rate() float64 { return ratio(a.ok, a.n) }

// tally accumulates every figure the tool prints, over all articles.
type tally struct {
	at            [len(thresholds)]prf
	speaker       acc
	pronoun       acc
	confident     acc
	bins          [10]acc // speaker accuracy by confidence decile
	noGoldSource  int
	errs          map[string]int
	quotesSeconds float64
	totalSeconds  float64
}

// article is one document's text, gold quotes and predictions.
type article struct {
	name  string
	text  string
	gold  []goldQuote
	pred  []pipeline.Quote
	sents []pipeline.Sentence
}

// reporter receives each error with its category, for -v listings.
type reporter func(category string, a *article, at span, detail string)

// score adds article a to t.
func (t *tally) score(a *article, report reporter) {
	if t.errs == nil {
		t.errs = map[string]int{}
	}
	errorf := func(cat string, at span, detail string) {
		t.errs[cat]++
		if report != nil {
			report(cat, a, at, detail)
		}
	}
	var preds []pipeline.Quote
	for _, p := range a.pred {
		if (p.Kind == pipeline.KindDirect || p.Kind == pipeline.KindPartial) && opensWithMark(p.Span.In(a.text)) {
			preds = append(preds, p)
		}
	}
	best := make([]float64, len(preds)) // each prediction's best coverage of any segment
	for _, g := range a.gold {
		for _, seg := range g.segs {
			bi, bc := -1, 0.0
			for i, p := range preds {
				c := coverage(a.text, span{p.Start, p.End}, seg)
				best[i] = max(best[i], c)
				if c > bc {
					bi, bc = i, c
				}
			}
			for k, th := range thresholds {
				t.at[k].gold++
				if bc > th {
					t.at[k].goldFound++
				}
			}
			switch {
			case bi < 0:
				errorf("quote missed: no prediction overlaps", seg, "")
			case bc <= thresholds[0]:
				errorf("quote missed: predictions cover <= 30%", seg, preds[bi].Span.In(a.text))
			case bc <= thresholds[1]:
				errorf("quote cut: covered 30-80%", seg, preds[bi].Span.In(a.text))
			}
			if bc <= thresholds[0] {
				continue
			}
			t.judgeSpeaker(a, g, seg, preds[bi], errorf)
		}
	}
	for i, p := range preds {
		for k, th := range thresholds {
			t.at[k].pred++
			if best[i] > th {
				t.at[k].predOK++
			}
		}
		if best[i] <= thresholds[0] {
			cat := "spurious quote: " + p.Kind
			if words := len(strings.Fields(p.Words(a.text))); words <= 4 {
				cat += ", <= 4 words"
			}
			errorf(cat, span{p.Start, p.End}, "")
		}
	}
}

// judgeSpeaker scores the speaker of prediction p for gold segment seg of g.
func (t *tally) judgeSpeaker(a *article, g goldQuote, seg span, p pipeline.Quote, errorf func(string, span, string)) {
	if len(g.source) == 0 {
		t.noGoldSource++
		return
	}
	ok := speakerRight(a.text, g, p)
	pron := isPronoun(g.sourceText)
	t.speaker.add(ok)
	if pron {
		t.pronoun.add(ok)
	}
	if p.Confidence >= 0.8 {
		t.confident.add(ok)
	}
	t.bins[min(9, int(p.Confidence*10))].add(ok)
	if ok {
		return
	}
	cat := "speaker wrong"
	if p.Speaker.Empty() {
		cat = "speaker none"
	}
	if pron {
		cat += ", gold pronoun"
	}
	if sentenceOf(a.sents, g.source[0].start) == sentenceOf(a.sents, seg.start) {
		cat += ", gold source in the quote's sentence"
	} else {
		cat += ", gold source in another sentence"
	}
	if p.Confidence >= 0.8 {
		cat += ", confidence >= 0.8"
	}
	errorf(cat, seg, "gold "+g.sourceText+" | got "+p.Speaker.In(a.text)+" ("+p.SpeakerName+")")
}

// speakerRight applies the speaker rule described at the top of the file.
func speakerRight(text string, g goldQuote, p pipeline.Quote) bool {
	if p.Speaker.Empty() {
		return false
	}
	ps := span{p.Speaker.Start, p.Speaker.End}
	for _, s := range g.source {
		if ps.overlaps(s) {
			return true
		}
	}
	if isPronoun(g.sourceText) {
		return false
	}
	names := capitalised(g.sourceText)
	if isRelative(g.sourceText) {
		names = capitalised(antecedent(text, g.source[0].start))
	}
	for _, n := range []string{p.SpeakerName, p.Speaker.In(text)} {
		c := capitalised(n)
		if len(c) > 0 && slices.Contains(names, c[len(c)-1]) {
			return true
		}
	}
	return false
}

// notNames are capitalised words that name nobody on their own.
var notNames = map[string]bool{"The": true, "A": true, "An": true, "This": true, "That": true,
	"U.S.": true, "US": true, "Mr.": true, "Mrs.": true, "Ms.": true, "Dr.": true, "Sen.": true, "Rep.": true,
	"Gov.": true, "President": true, "Democratic": true, "Republican": true, "Democrats": true, "Republicans": true}

// capitalised returns the capitalised words of s in order, without a
// possessive ending, leaving out those in notNames.
func capitalised(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !isWordRune(r) && r != '.' })
		for _, suf := range []string{"’s", "'s", "’", "'"} {
			w = strings.TrimSuffix(w, suf)
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && !notNames[w] && len(w) > 1 {
			out = append(out, w)
		}
	}
	return out
}

// isPronoun reports whether s is a personal pronoun.
func isPronoun(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "me", "us":
		return true
	}
	return false
}

// opensWithMark reports whether s starts with a quotation mark.
func opensWithMark(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isMark(r) || strings.HasPrefix(s, "``")
}

// isRelative reports whether s is a relative pronoun.
func isRelative(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "who", "which", "that", "whom", "whose":
		return true
	}
	return false
}

// antecedent returns the phrase a relative pronoun starting at byte pos
// refers to: the text before it back to the previous comma, period,
// semicolon or quotation mark ("Beck, who" gives "Beck").
func antecedent(text string, pos int) string {
	s := strings.TrimRight(text[max(0, pos-80):pos], ", ")
	if i := strings.LastIndexAny(s, ",.;:“”\"()"); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// coverage returns the share of seg's characters inside p.
func coverage(text string, p, seg span) float64 {
	lo, hi := max(p.start, seg.start), min(p.end, seg.end)
	if hi <= lo {
		return 0
	}
	return float64(utf8.RuneCountInString(text[lo:hi])) / float64(max(1, utf8.RuneCountInString(text[seg.start:seg.end])))
}

// sentenceOf returns the index of the sentence holding byte pos.
func sentenceOf(sents []pipeline.Sentence, pos int) int {
	i := 0
	for i+1 < len(sents) && sents[i+1].Start <= pos {
		i++
	}
	return i
}
