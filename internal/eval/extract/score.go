package main

import "unicode"

// counts is one page's shingle match, normalised so that tp+fp+fn is 1 (or
// all zero when both texts have no tokens), as the benchmark's evaluate.py
// computes it, so that long pages weigh no more than short ones.
type counts struct{ tp, fp, fn float64 }

// match compares pred with gold by 4-gram token shingles counted with
// multiplicity: a shingle found twice in gold and once in pred is one true
// positive and one false negative.
func match(gold, pred string) counts {
	g, p := shingles(gold), shingles(pred)
	var c counts
	for k, gn := range g {
		pn := p[k]
		c.tp += float64(min(gn, pn))
		c.fn += float64(max(0, gn-pn))
	}
	for k, pn := range p {
		c.fp += float64(max(0, pn-g[k]))
	}
	if s := c.tp + c.fp + c.fn; s > 0 {
		c.tp, c.fp, c.fn = c.tp/s, c.fp/s, c.fn/s
	}
	return c
}

// precision is evaluate.py's precision_score.
func (c counts) precision() float64 {
	switch {
	case c.fp == 0 && c.fn == 0:
		return 1
	case c.tp == 0 && c.fp == 0:
		return 0
	}
	return c.tp / (c.tp + c.fp)
}

// recall is evaluate.py's recall_score.
func (c counts) recall() float64 {
	switch {
	case c.fp == 0 && c.fn == 0:
		return 1
	case c.tp == 0 && c.fn == 0:
		return 0
	}
	return c.tp / (c.tp + c.fn)
}

// summary averages precision over the pages with a prediction (tp+fp > 0)
// and recall over the pages with gold text (tp+fn > 0), and takes F1 from
// the two averages, as evaluate.py's metrics_from_tp_fp_fns does.
func summary(pages []counts) (precision, recall, f1 float64) {
	var np, nr int
	for _, c := range pages {
		if c.tp+c.fp > 0 {
			precision += c.precision()
			np++
		}
		if c.tp+c.fn > 0 {
			recall += c.recall()
			nr++
		}
	}
	if np > 0 {
		precision /= float64(np)
	}
	if nr > 0 {
		recall /= float64(nr)
	}
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}

// shingles counts the 4-grams of text's tokens. A text of fewer than four
// tokens has one shingle, all of its tokens; a text without tokens has none.
func shingles(text string) map[string]int {
	toks := tokens(text)
	out := make(map[string]int, len(toks))
	for i := 0; i < max(1, len(toks)-3); i++ {
		win := toks[i:min(i+4, len(toks))]
		if len(win) == 0 {
			break
		}
		key := win[0]
		for _, t := range win[1:] {
			key += " " + t
		}
		out[key]++
	}
	return out
}

// tokens returns the runs of word characters of text, where a word
// character is what Python's Unicode \w matches: a letter, a number or "_".
// Case is kept, as in evaluate.py.
func tokens(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		word := r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}
