package quotes

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Features of a quotation that tell speech (a quote the article attributes)
// from a scare quote, a title or a name. speechWeights holds their
// weights in a logistic model.
const (
	ftBias        = iota
	ftAdjacent    // the attribution sits right before or after it
	ftLabel       // a "Name:" label or a lead sentence ending in a colon
	ftNear        // a cue elsewhere in the sentence
	ftContinue    // continues the previous quote's speaker
	ftSubject     // only the sentence's subject
	ftNone        // no speaker at all
	ftLogWords    // log(1 + words)
	ftOneWord     // a single word
	ftTitle       // Title Case
	ftUpper       // starts with a capital
	ftTerminal    // ends with . ! ? …
	ftComma       // ends with a comma
	ftNaming      // after so-called, dubbed, called, known as
	ftDeterminer  // after the, a, his …
	ftPreposition // after in, on, of …
	ftOpens       // opens its sentence
	ftRunsOn      // a lower-case word follows it
	ftAnyCue      // the sentence holds a reporting verb, with or without subject
	ftCognition   // its cue is a verb of thinking
	ftSentences   // holds a sentence break
	ftPossessive  // after a possessive: CNN’s “State of the Union”
	ftOn          // after "on": on “Meet the Press”
	ftTitleAlone  // Title Case with no attribution next to it
	nFeatures
)

// features returns the feature vector of quotation token q with choice c.
func (a *analysis) features(q int, c choice) [nFeatures]float64 {
	var x [nFeatures]float64
	x[ftBias] = 1
	switch c.rule {
	case ruleAfter, ruleBefore, ruleDash, ruleTrail:
		x[ftAdjacent] = 1
	case ruleColon, ruleLead:
		x[ftLabel] = 1
	case ruleNear:
		x[ftNear] = 1
	case ruleContinue:
		x[ftContinue] = 1
	case ruleSubject, ruleNeighbour:
		x[ftSubject] = 1
	default:
		x[ftNone] = 1
	}
	content := strings.TrimSpace(a.segs[a.toks[q].seg].content().In(a.text))
	words := len(strings.Fields(content))
	x[ftLogWords] = math.Log1p(float64(words))
	x[ftOneWord] = b2f(words == 1)
	x[ftTitle] = b2f(titleCase(content))
	r, _ := utf8.DecodeRuneInString(content)
	x[ftUpper] = b2f(unicode.IsUpper(r))
	x[ftTerminal] = b2f(terminal(content))
	x[ftComma] = b2f(strings.HasSuffix(content, ","))
	x[ftNaming] = b2f(a.naming(q-1) || a.is(q-1, "as") && a.naming(q-2))
	if q > 0 && a.toks[q-1].kind == tkWord {
		f := a.toks[q-1].flags
		x[ftDeterminer] = b2f(f&fDet != 0)
		x[ftPreposition] = b2f(f&fPrep != 0 && f&fDet == 0)
	}
	s := a.sents[a.sentOf[q]]
	x[ftOpens] = b2f(q == s.from)
	x[ftRunsOn] = b2f(q+1 < s.to && a.toks[q+1].kind == tkWord && !a.toks[q+1].cap)
	for i := a.attrsFrom(s.from); i < len(a.attrs) && a.attrs[i].cue < s.to; i++ {
		x[ftAnyCue] = 1
	}
	if c.attr >= 0 && a.toks[a.attrs[c.attr].cue].isVerb {
		x[ftCognition] = b2f(a.attrs[c.attr].verb.class == classCognition)
	}
	if q > 0 && a.toks[q-1].kind == tkWord {
		w := a.word(q - 1)
		x[ftPossessive] = b2f(strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s"))
		x[ftOn] = b2f(a.is(q-1, "on"))
	}
	x[ftTitleAlone] = x[ftTitle] * (1 - x[ftAdjacent])

	x[ftSentences] = b2f(strings.Contains(content, ". ") || strings.Contains(content, "? "))
	return x
}

// speechWeights are the weights of a logistic model of "this quotation
// is attributed speech", fitted on the quotations of PolNeAR's train split
// (labelled by whether an annotated attribution's content holds them) by
// gradient descent with a light L2 penalty. Titles and names weigh
// against, length, a nearby cue and final punctuation for.
var speechWeights = [nFeatures]float64{
	ftBias:        0.352,
	ftAdjacent:    0.893,
	ftLabel:       0.830,
	ftNear:        0.546,
	ftContinue:    -0.426,
	ftSubject:     -0.412,
	ftNone:        -1.302,
	ftLogWords:    0.773,
	ftOneWord:     -0.167,
	ftTitle:       -1.485,
	ftUpper:       0.044,
	ftTerminal:    0.872,
	ftComma:       0.050,
	ftNaming:      0.354,
	ftDeterminer:  0.249,
	ftPreposition: -0.192,
	ftOpens:       1.032,
	ftRunsOn:      0.098,
	ftAnyCue:      0.472,
	ftCognition:   -0.240,
	ftSentences:   -0.270,
	ftPossessive:  -0.949,
	ftOn:          -0.155,
	ftTitleAlone:  -0.411,
}

// speech reports whether the model puts the quotation token q, with choice
// c, at even odds or better of being attributed speech.
func (a *analysis) speech(q int, c choice) bool {
	x := a.features(q, c)
	z := 0.0
	for i, v := range x {
		z += speechWeights[i] * v
	}
	return z >= 0
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
