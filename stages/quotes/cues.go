package quotes

import (
	"sort"
	"strings"
)

// Cues: the reporting verbs of a document ("said", "told", "according
// to") found in one pass, each with the speaker phrase next to it.

// attribution is a reporting verb (or "according to") with the speaker
// phrase found for it, in token indexes.
type attribution struct {
	cue, cueEnd int // the cue tokens [cue, cueEnd)
	from, to    int // the speaker phrase tokens [from, to); empty when none
	verb        verbForm
	inverted    bool // the speaker follows the cue ("said Smith")
}

func (at attribution) hasSpeaker() bool { return at.to > at.from }

// last returns the index after the attribution's last token.
func (at attribution) last() int { return max(at.cueEnd, at.to) }

// maxPhrase bounds the words of a speaker phrase.
const maxPhrase = 12

// maxAside bounds the tokens of a parenthetical or an apposition between
// a subject and its verb ("Ian Hollis, the president of the Reserve Bank
// of New York, said").
const maxAside = 30

// findAttributions collects every reporting verb outside quotations with
// the phrase that names its speaker: the subject on the left ("the
// diplomat replied"), skipping a parenthetical between commas ("The
// Department, asked about it, said"), or the phrase on the right for
// inversions ("said Gati Rikabi, a member of ..." gives the name only) and
// "according to X". Infinitives ("to say") and passives ("was told") are
// skipped. It costs a bounded look-around per verb.
func (a *analysis) findAttributions() {
	for k, t := range a.toks {
		if t.kind != tkWord {
			continue
		}
		if a.is(k, "according") && k+1 < len(a.toks) && a.is(k+1, "to") {
			from, to := a.rightPhrase(k + 2)
			if to > from {
				a.attrs = append(a.attrs, attribution{cue: k, cueEnd: k + 2, from: from, to: to, inverted: true})
			}
			continue
		}
		if !t.isVerb || (t.cap && !a.sentenceStart(k) && !a.isSay(k)) {
			continue
		}
		if k > 0 && a.is(k-1, "to") {
			continue // infinitive
		}
		if a.afterDeterminer(k) || a.afterAdjectives(k) {
			continue // a noun: "the report", "his claims", "Trump's comments", "his recent remarks"
		}
		j := a.skipAdverbsLeft(k)
		be := j >= 0 && a.toks[j].kind == tkWord && a.toks[j].flags&fBe != 0
		at := attribution{cue: k, cueEnd: k + 1, verb: t.verb}
		if t.verb.ing {
			if !be {
				// "..., telling reporters" / "by saying": the clause's subject speaks.
				if a.participleSlot(k) {
					at.from, at.to = a.clauseSubject(a.sents[a.sentOf[k]])
					a.attrs = append(a.attrs, at)
				}
				continue
			}
			// "is insisting": progressive, the subject is left of the auxiliary.
			at.from, at.to = a.validSubject(a.subjectLeft(j))
			a.attrs = append(a.attrs, at)
			continue
		}
		if be {
			continue // passive: "was told"
		}
		if t.verb.invert && a.inversionSlot(k) {
			if from, to := a.rightPhrase(k + 1); to > from && a.phraseEnds(to) {
				at.from, at.to, at.inverted = from, to, true
				a.attrs = append(a.attrs, at)
				continue
			}
		}
		at.from, at.to = a.validSubject(a.subjectLeft(k))
		a.attrs = append(a.attrs, at)
	}
}

// adjectiveEndings are endings of words that are adjectives or
// adverbs far more often than nouns.
var adjectiveEndings = [...]string{"ly", "ous", "ful", "less", "ible", "able", "ic", "ed"}

// commonAdjectives are adjectives before speech nouns that
// adjectiveEndings miss.
var commonAdjectives = map[string]bool{"recent": true, "latest": true, "earlier": true, "previous": true, "public": true,
	"frequent": true, "personal": true, "political": true, "initial": true, "final": true, "brief": true, "lengthy": true,
	"angry": true, "strong": true, "sharp": true, "harsh": true, "safe": true, "written": true, "private": true}

// afterAdjectives reports whether word token k follows one to three
// lower-case adjectives or adverbs that the lexicon knows as nothing
// else, after a determiner or a possessive: "his recent remarks", "her
// politically safe messages", "a seemingly sympathetic note", but not
// "the senator noted" or "the statement concludes".
func (a *analysis) afterAdjectives(k int) bool {
	j := k - 1
	for ; j >= 0 && j > k-4 && a.toks[j].kind == tkWord && !a.toks[j].cap && a.toks[j].flags == 0 && !a.toks[j].isVerb; j-- {
		w := a.lowerWord(j)
		adj := commonAdjectives[w]
		for _, e := range adjectiveEndings {
			adj = adj || len(w) > len(e)+2 && strings.HasSuffix(w, e)
		}
		if !adj {
			return false
		}
	}
	return j < k-1 && j >= 0 && a.toks[j].kind == tkWord && (a.toks[j].flags&fDet != 0 || a.possessive(j))
}

// anyPrep reports whether [from, to) holds a preposition other than "of".
func (a *analysis) anyPrep(from, to int) bool {
	for k := from; k < to; k++ {
		if a.toks[k].kind == tkWord && a.toks[k].flags&fPrep != 0 && a.toks[k].flags&fDet == 0 && !a.is(k, "of") {
			return true
		}
	}
	return false
}

// participleSlot reports whether the -ing verb at k heads a participle
// clause whose subject is the sentence's: after a comma or dash, or after
// "by", "while", "when", "after", "before".
func (a *analysis) participleSlot(k int) bool {
	j := a.skipAdverbsLeft(k)
	if j < 0 {
		return false
	}
	return a.punctIn(j, ",—–―‒-") || a.is(j, "by") || a.is(j, "while") || a.is(j, "when") ||
		a.is(j, "after") || a.is(j, "before")
}

// attrsFrom returns the index of the first attribution whose cue is at or
// after token k.
func (a *analysis) attrsFrom(k int) int {
	return sort.Search(len(a.attrs), func(i int) bool { return a.attrs[i].cue >= k })
}

// attrAt returns the index in a.attrs of the attribution whose cue starts
// at token k, or -1.
func (a *analysis) attrAt(k int) int {
	i := a.attrsFrom(k)
	if i < len(a.attrs) && a.attrs[i].cue == k {
		return i
	}
	return -1
}
