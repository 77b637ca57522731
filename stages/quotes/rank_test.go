package quotes

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// rankAt returns the analysis of text, its resolver, the token of the
// quotation whose content begins with begins, and the sieve's choice for
// it (as the first quotation with a speaker, with no previous speaker).
func rankAt(t *testing.T, text, begins string) (*analysis, *resolver, int, choice) {
	t.Helper()
	a := analyse(text)
	res := newResolver(a, new(buffers))
	for q, tk := range a.toks {
		if tk.kind == tkQuote && strings.HasPrefix(strings.TrimLeft(a.word(q), "“\""), begins) {
			return a, res, q, a.attribute(q, choice{attr: -1}, -1)
		}
	}
	t.Fatalf("no quotation begins with %q", begins)
	return nil, nil, 0, choice{}
}

// phraseOf returns the text of tokens [from, to).
func phraseOf(a *analysis, from, to int) string {
	if to <= from {
		return ""
	}
	return a.text[a.toks[from].start:a.toks[to-1].end]
}

// TestRankCands checks the candidates of a quotation: the sieve's first,
// each phrase once with all the generators that found it, only from the
// window (the sentence after the next is out of it), and neither the
// subject of a passive cue nor the object of a preposition.
func TestRankCands(t *testing.T) {
	for _, tt := range []struct {
		name, text, begins string
		want               map[string]rankSrc // phrase -> generators
	}{
		{
			name:   "cue after the quote",
			text:   "Ada Quill chairs the board. “We lost two berths,” said Tomas Brill. The board adjourned. Nils Ode left.",
			begins: "We lost",
			want: map[string]rankSrc{
				"Tomas Brill": srcSieve | srcAttr | srcMention,
				"Ada Quill":   srcPrevSubject | srcMention,
				"The board":   srcMention,
			},
		},
		{
			name:   "no cue, a pronoun before",
			text:   "Lena Marsh is unsure which came first. Just because she found the sensors on the tongue first, “that does not mean it came first.”",
			begins: "that does",
			want: map[string]rankSrc{
				"Lena Marsh": srcPrevSubject | srcMention,
				"she":        srcPronoun,
			},
		},
		{
			name:   "no listener and no object of a preposition",
			text:   "“The hearing is over for today,” they were told by Ann Lee.",
			begins: "The hearing",
			want:   map[string]rankSrc{},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, res, q, c := rankAt(t, tt.text, tt.begins)
			var buf [maxCands]rankCand
			cands := a.rankCands(buf[:0], res, q, c, choice{attr: -1}, -1)
			got := map[string]rankSrc{}
			for i, cd := range cands {
				p := phraseOf(a, cd.from, cd.to)
				if _, dup := got[p]; dup {
					t.Errorf("%q twice", p)
				}
				got[p] = cd.src
				if cd.src&srcSieve != 0 && i != 0 {
					t.Errorf("the sieve's %q is candidate %d, want 0", p, i)
				}
			}
			for p, src := range tt.want {
				if got[p] != src {
					t.Errorf("%q: generators %07b, want %07b", p, got[p], src)
				}
			}
			for p := range got {
				if _, ok := tt.want[p]; !ok {
					t.Errorf("unexpected candidate %q (%07b)", p, got[p])
				}
			}
		})
	}
}

// TestRankFeatures checks the features of one candidate: those listed
// are 1 and the other binary ones 0.
func TestRankFeatures(t *testing.T) {
	counts := []int{rkLength, rkDistance, rkNameCount}
	for _, tt := range []struct {
		name, text, begins, cand string
		want                     []int
	}{
		{
			name: "the sieve's inverted cue", text: "“We lost two berths,” said Tomas Brill.", begins: "We lost", cand: "Tomas Brill",
			want: []int{rkSieve, rkSieveStrong, rkAttr, rkAttrSentence, rkAttrAdjacent, rkMention, rkPerson, rkHuman,
				rkCapital, rkSameSentence, rkAfterQuote, rkSameParagraph, rkVerbBefore, rkNearestRight, rkNearestAttr, rkSieveName},
		},
		{
			name: "a pronoun before the quote", text: "Lena Marsh is unsure which came first. Just because she found the sensors on the tongue first, “that does not mean it came first.”",
			begins: "that does", cand: "she",
			want: []int{rkPronoun, rkResolved, rkHuman, rkSameSentence, rkSameParagraph, rkNearestLeft},
		},
		{
			name: "the subject of the sentence before, across a paragraph", text: "Lena Marsh is unsure which came first.\n\nJust because biologists found them first, “that does not mean it came first.”",
			begins: "that does", cand: "Lena Marsh",
			want: []int{rkPrevSubject, rkMention, rkPerson, rkHuman, rkCapital, rkSentenceBefore, rkInSubject},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, res, q, c := rankAt(t, tt.text, tt.begins)
			var buf [maxCands]rankCand
			cands := a.rankCands(buf[:0], res, q, c, choice{attr: -1}, -1)
			xs := make([][nRankFeatures]float64, len(cands))
			for i := range cands {
				a.rankFeatures(&xs[i], q, c, &cands[i], "")
			}
			a.rankRelations(xs, q, cands)
			i := slices.IndexFunc(cands, func(cd rankCand) bool { return phraseOf(a, cd.from, cd.to) == tt.cand })
			if i < 0 {
				t.Fatalf("no candidate %q", tt.cand)
			}
			names, err := rankFeatureNames()
			if err != nil {
				t.Fatal(err)
			}
			for f, v := range xs[i] {
				if slices.Contains(counts, f) {
					if v < 0 {
						t.Errorf("%s = %v, want >= 0", names[f], v)
					}
					continue
				}
				if want := b2f(slices.Contains(tt.want, f)); v != want {
					t.Errorf("%s = %v, want %v", names[f], v, want)
				}
			}
		})
	}
}

// TestRerank checks the decisions with set weights: a quotation the
// sieve gave no speaker gets the best candidate only when it beats the
// option of none by rankFill, and the sieve's speaker is replaced only by
// a candidate of another name that beats it by rankMargin.
func TestRerank(t *testing.T) {
	w0, m0, f0 := rankWeights, rankMargin, rankFill
	defer func() { rankWeights, rankMargin, rankFill = w0, m0, f0 }()
	const noCue = "Lena Marsh is unsure which came first. Just because she found the sensors on the tongue first, “that does not mean it came first.”"
	const cue = "Ada Quill chairs the board. “We lost two berths,” said Tomas Brill."
	for _, tt := range []struct {
		name, text, begins string
		w                  [nRankFeatures]float64
		margin, fill       float64
		want               string
	}{
		{"filled", noCue, "that does", [nRankFeatures]float64{rkPronoun: 2, rkNone: 1}, math.Inf(1), 0.5, "she"},
		{"not filled below the threshold", noCue, "that does", [nRankFeatures]float64{rkPronoun: 2, rkNone: 1}, math.Inf(1), 1, ""},
		{"kept with the override off", cue, "We lost", [nRankFeatures]float64{rkPrevSubject: 5}, math.Inf(1), 0, "Tomas Brill"},
		{"replaced by a margin", cue, "We lost", [nRankFeatures]float64{rkPrevSubject: 5}, 1, 0, "Ada Quill"},
		{"kept within the margin", cue, "We lost", [nRankFeatures]float64{rkPrevSubject: 5}, 6, 0, "Tomas Brill"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rankWeights, rankMargin, rankFill = tt.w, tt.margin, tt.fill
			a, res, q, c := rankAt(t, tt.text, tt.begins)
			r := a.rerank(res, q, c, choice{attr: -1}, -1)
			if got := phraseOf(a, r.from, r.to); got != tt.want {
				t.Errorf("speaker %q, want %q", got, tt.want)
			}
			if r.rule != c.rule || r.attr != c.attr {
				t.Errorf("rule %d attr %d, want the sieve's %d %d", r.rule, r.attr, c.rule, c.attr)
			}
		})
	}
}
