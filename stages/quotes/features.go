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
	ftHeadline    // in the text's first line, the headline
	ftHeadTitle   // Title Case in the headline, where every phrase is
	ftSingle      // in single marks: ‘…’
	ftStandalone  // alone on its line: a subheading or a pull quote
	ftSingleAlone // in single marks and alone on its line: a subheading
	ftPerson      // holds I, we, you, my, our: someone speaking
	ftClause      // holds an auxiliary (is, was, will, can): a clause, not a term
	ftWork        // next to show, book, song, slogan: a title
	ftModifier    // a lower-case noun follows: the “carried interest” loophole
	ftCapShare    // share of its words that start with a capital
	ftShort       // two or three words
	ftHeadNone    // in the headline with no speaker: headlines drop them
	ftPossTitle   // Title Case after a possessive: CNN’s “State of the Union”
	ftWorkTitle   // Title Case next to show, book, song
	ftList        // in a list of quotations: “too loud” or “too shrill”
	ftOnTitle     // Title Case after "on": said on “Meet the Press.”
	ftRepeated    // the same words are quoted elsewhere in the article: a slogan
	ftRepeatNone  // repeated and with no speaker
	ftPassive     // after "is called", "what's called": a name
	ftTermNear    // "the word", "the term", "the phrase" a few words before
	ftPlainBefore // after a lower-case content word: a key “enabling technology”
	ftHuman       // the speaker phrase names a person, an organisation or a role
	ftCueFar      // log(1 + tokens between it and its cue), for a cue elsewhere in the sentence
	ftParen       // right after an opening parenthesis: Team 368 (“Team Kika Mana”)
	ftFunction    // holds a function word (the, on, it, is): speech, not a compound term
	ftAfterTo     // right after "to": plans to “build on the progress”
	ftCueSpeaker  // the sentence holds a reporting verb with a speaker
	ftInTurn      // inside an interview answer or question: quoted words of the one speaking
	ftCited       // a title in a list of sources: “…” — CBC.ca, August 15, 2008; “…,” by Post's Kathianne Boniello
	ftPlainUse    // a single word the article also uses unquoted, outside an interview turn: cells that “taste”, then taste cells
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
	words := countWords(content)
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
	for i, n := a.attrsFrom(s.from), 0; i < len(a.attrs) && a.attrs[i].cue < s.to && n < maxSentenceCues; i, n = i+1, n+1 {
		x[ftAnyCue] = 1
		if a.attrs[i].hasSpeaker() {
			x[ftCueSpeaker] = 1
			break
		}
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
	seg := a.segs[a.toks[q].seg]
	x[ftHeadline] = b2f(a.inHeadline(seg.open))
	x[ftHeadTitle] = x[ftHeadline] * x[ftTitle]
	x[ftSingle] = b2f(singleMark(a.text, seg.open))
	x[ftStandalone] = b2f(a.aloneOnLine(q))
	x[ftSingleAlone] = x[ftSingle] * x[ftStandalone]
	x[ftPerson], x[ftClause], x[ftCapShare] = wordTraits(content)
	x[ftWork] = b2f(a.nearWork(q))
	x[ftModifier] = b2f(a.modifies(q))
	x[ftShort] = b2f(words == 2 || words == 3)
	x[ftHeadNone] = x[ftHeadline] * x[ftNone]
	x[ftPossTitle] = x[ftPossessive] * x[ftTitle]
	x[ftWorkTitle] = x[ftWork] * x[ftTitle]
	x[ftList] = b2f(a.listed(q))
	x[ftOnTitle] = x[ftOn] * x[ftTitle]
	x[ftSentences] = b2f(strings.Contains(content, ". ") || strings.Contains(content, "? "))
	x[ftRepeated] = b2f(a.repeated(a.segs[a.toks[q].seg]))
	x[ftRepeatNone] = x[ftRepeated] * x[ftNone]
	x[ftPassive] = b2f(a.passiveName(q))
	x[ftTermNear] = b2f(a.termNear(q))
	x[ftPlainBefore] = b2f(a.plainBefore(q))
	x[ftHuman] = b2f(c.hasSpeaker() && a.humanPhrase(c.from, c.to))
	if c.rule == ruleNear && c.attr >= 0 {
		at := a.attrs[c.attr]
		x[ftCueFar] = math.Log1p(float64(max(at.cue-q, q-at.last(), 0)))
	}
	x[ftParen] = b2f(a.punctIn(q-1, "(["))
	x[ftFunction] = b2f(hasFunctionWord(content))
	x[ftAfterTo] = b2f(a.is(q-1, "to"))
	x[ftCited] = b2f(a.cited(q))
	x[ftInTurn] = b2f(a.inTurn(q))
	if words == 1 && x[ftInTurn] == 0 {
		x[ftPlainUse] = b2f(a.plainUses(q, content, minPlainUses) == minPlainUses)
	}
	return x
}

// minPlainUses is how many times the article must use a quoted word
// unquoted for ftPlainUse: its topic, not a word it once borrows.
const minPlainUses = 4

// maxPlainUse bounds the tokens on either side of a quotation that
// plainUses looks through.
const maxPlainUse = 2000

// plainUses returns how many times, up to limit, the single quoted word
// content of the quotation token q also stands outside quotation marks
// within maxPlainUse tokens of it, folded for case, a possessive and a
// plural -s: a word the article uses itself is a term it marks, not
// someone's word. It costs one comparison per token of the window and
// does not allocate for ASCII text.
func (a *analysis) plainUses(q int, content string, limit int) int {
	w := trimPossessive(trimToWord(content))
	if len(w) < 3 {
		return 0
	}
	c := a.segs[a.toks[q].seg].content()
	i := strings.Index(a.text[c.Start:c.End], w)
	if i < 0 {
		return 0
	}
	key := trimPlural(a.lower(c.Start+i, c.Start+i+len(w)))
	if key == "" {
		return 0
	}
	// An ASCII word's stem starts with its lowered first byte, so most
	// words are ruled out without lower-casing them.
	lowered, first := a.lowerText(), key[0]
	n := 0
	for k := max(0, q-maxPlainUse); k < min(len(a.toks), q+maxPlainUse) && n < limit; k++ {
		t := &a.toks[k]
		if t.kind != tkWord || int(t.end-t.start) < len(key) || int(t.end-t.start) > len(key)+4 ||
			t.ascii && lowered[t.start] != first {
			continue
		}
		if m := len(trimPossessive(a.word(k))); a.stemAt(int(t.start), m) == key {
			n++
		}
	}
	return n
}

// maxRepeatKey bounds the bytes of quoted content compared verbatim by
// repeated: slogans are short, and a long quote given twice (headline
// and body) is still speech.
const maxRepeatKey = 80

// repeatKey returns the quoted words of seg in lower case without outer
// punctuation, or "" when they are too long to count as a slogan. For
// ASCII text it does not allocate (see lower).
func (a *analysis) repeatKey(seg segment) string {
	c := seg.content()
	k := trimToWord(a.text[c.Start:c.End])
	if len(k) > maxRepeatKey || k == "" {
		return ""
	}
	start := c.Start + strings.Index(a.text[c.Start:c.End], k)
	return a.lower(start, start+len(k))
}

// repeated reports whether the quoted words of seg appear in quotation
// marks more than once in the article. The counts of all the article's
// quotations are made on first use, in one pass.
func (a *analysis) repeated(seg segment) bool {
	k := a.repeatKey(seg)
	if k == "" {
		return false
	}
	if a.repeats == nil {
		a.repeats = make(map[string]int, len(a.segs))
		for _, s := range a.segs {
			if sk := a.repeatKey(s); sk != "" {
				a.repeats[sk]++
			}
		}
	}
	return a.repeats[k] > 1
}

// passiveName reports whether the quotation token q follows a naming verb
// in the passive or after "what's", which gives a name rather than
// reports speech: "HP is called “feather duvet lung”", "what's called
// “farmer's lung”" (not "he was called “a liar” by", where "by" follows).
func (a *analysis) passiveName(q int) bool {
	k := q - 1
	if !a.naming(k) || a.is(k, "so-called") || a.is(q+1, "by") {
		return false
	}
	k--
	for k >= 0 && a.toks[k].kind == tkWord && a.toks[k].flags&fAdv != 0 || a.is(k, "often") || a.is(k, "commonly") {
		k--
	}
	if k < 0 || a.toks[k].kind != tkWord {
		return false
	}
	w := a.lowerWord(k)
	return a.toks[k].flags&fBe != 0 || w == "what’s" || w == "what's" || w == "what" || w == "being"
}

// termIs reports whether the quotation token q follows a noun for a word
// and a form of "be": "the term often used is “bird fancier’s lung”", "the
// word was “hope”".
func (a *analysis) termIs(q int) bool {
	if q < 2 || a.toks[q-1].kind != tkWord || a.toks[q-1].flags&fBe == 0 {
		return false
	}
	for k := q - 2; k >= max(0, q-5) && a.toks[k].kind == tkWord; k-- {
		if termNouns[a.lowerWord(k)] {
			return true
		}
	}
	return false
}

// termNear reports whether a noun for a word or a phrase ("the word", "the
// term", "the phrase", "the slogan") stands within five words before the
// quotation token q in its sentence.
func (a *analysis) termNear(q int) bool {
	s := a.sents[a.sentOf[q]]
	for k := q - 1; k >= max(s.from, q-5); k-- {
		if a.toks[k].kind != tkWord {
			continue
		}
		if w := a.lowerWord(k); termNouns[w] || w == "phrase" || w == "phrases" || w == "expression" {
			return true
		}
	}
	return false
}

// plainBefore reports whether the word right before the quotation token q
// is a lower-case content word, no verb, pronoun or function word: an
// adjective or a noun the quoted words qualify.
func (a *analysis) plainBefore(q int) bool {
	if q < 1 {
		return false
	}
	t := a.toks[q-1]
	return t.kind == tkWord && !t.cap && !t.isVerb && t.flags&(fDet|fPron|fStop|fPrep|fAux|fAdv|fNaming|fBe) == 0 &&
		!strings.HasSuffix(a.word(q-1), "ly")
}

// humanPhrase reports whether the speaker phrase [from, to) holds a
// pronoun, a person or role noun, a title, an organisation word or a
// PERSON or ORG entity: someone who can speak.
func (a *analysis) humanPhrase(from, to int) bool {
	for k := from; k < to; k++ {
		if a.toks[k].kind == tkWord && a.toks[k].flags&(fPron|fHuman|fTitle|fOrg) != 0 {
			return true
		}
	}
	_, ok := a.entityIn(int(a.toks[from].start), int(a.toks[to-1].end))
	return ok
}

// speech reports whether the speech model (speechweights.go) scores the
// quotation token q, with choice c, at its threshold or above. A name
// given in the passive ("is called “…”") or a word after "the term is" is
// never speech, and is left out of the model's examples. It costs one
// feature vector.
func (a *analysis) speech(q int, c choice) bool {
	if a.passiveName(q) || a.termIs(q) {
		return false // a name or a word given, whatever the model says
	}
	x := a.features(q, c)
	if speechObserver != nil {
		speechObserver(a.segs[a.toks[q].seg], &x)
	}
	return speechScore(&x) >= speechThreshold
}

// speechScore returns the speech model's log-odds for feature vector x.
func speechScore(x *[nFeatures]float64) float64 {
	z := 0.0
	for i, v := range x {
		z += speechWeights[i] * v
	}
	return z
}

// speechObserver, when set, sees every quotation the speech model judges,
// with its features. Only the refit test (refit_test.go) sets it, while no
// other Extract runs; it is nil otherwise.
var speechObserver func(seg segment, x *[nFeatures]float64)

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// maxSentenceCues bounds the reporting verbs of a sentence that features
// looks at, so that a huge sentence costs a bounded amount per quote.
const maxSentenceCues = 64

// maxHeadline bounds the bytes of a first line taken for a headline.
const maxHeadline = 300

// inHeadline reports whether byte pos lies in the text's first line, that
// line is short enough to be a headline, and more text follows it. It
// looks for the line once per analysis.
func (a *analysis) inHeadline(pos int) bool {
	if a.headEnd == 0 {
		a.headEnd = -1
		end := strings.IndexByte(a.text[:min(len(a.text), maxHeadline+1)], '\n')
		if end >= 0 && strings.TrimSpace(a.text[end:]) != "" {
			a.headEnd = end + 1
		}
	}
	return pos < a.headEnd-1
}

// singleMark reports whether the quotation mark at text[pos] is a single
// one (‘ ’ ') rather than a double one, or a pair of apostrophes standing
// for one.
func singleMark(text string, pos int) bool {
	r, size := utf8.DecodeRuneInString(text[pos:])
	return r == '‘' || r == '’' || r == '\'' && !strings.HasPrefix(text[pos+size:], "'")
}

// aloneOnLine reports whether the quotation token q has only white space
// before it on its line and only punctuation after it.
func (a *analysis) aloneOnLine(q int) bool {
	if q > 0 && a.toks[q-1].kind != tkBreak {
		return false
	}
	k := q + 1
	for k < len(a.toks) && a.toks[k].kind == tkPunct {
		k++
	}
	return k == len(a.toks) || a.toks[k].kind == tkBreak
}

// maxTraitWords bounds the words wordTraits looks at.
const maxTraitWords = 40

// wordTraits looks at the first words of quoted content: person is 1
// when one is a first- or second-person word (I, we, my, you), clause is 1
// when one is an auxiliary or a negation, and capShare is the share of
// words starting with a capital letter.
func wordTraits(content string) (person, clause, capShare float64) {
	var buf [maxKey]byte
	n, caps := 0, 0
	for start, end := nextField(content, 0); start < end && n < maxTraitWords; start, end = nextField(content, end) {
		w := trimToWord(content[start:end])
		if w == "" {
			continue
		}
		n++
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			caps++
		}
		if i := apostrophe(w); i > 0 {
			w = w[:i] // I’m, don't: the part before the apostrophe
		}
		key, ok := lowerKey(&buf, w)
		if !ok {
			continue
		}
		switch string(key) {
		case "i", "we", "my", "me", "our", "us", "you", "your":
			person = 1
		case "not", "don", "doesn", "didn", "isn", "aren", "wasn", "won", "can", "couldn", "wouldn", "shouldn":
			clause = 1
		}
		if e, _ := inVocab(key); e.flags&fAux != 0 {
			clause = 1
		}
	}
	return person, clause, float64(caps) / float64(max(n, 1))
}

// trimToWord returns w without the leading and trailing runes that are no
// letter or digit, as strings.TrimFunc does with !isWordRune, and w itself
// at once when it starts and ends with an ASCII letter or digit.
func trimToWord(w string) string {
	if w != "" && w[0] < utf8.RuneSelf && asciiWord[w[0]] && w[len(w)-1] < utf8.RuneSelf && asciiWord[w[len(w)-1]] {
		return w
	}
	return strings.TrimFunc(w, func(r rune) bool { return !isWordRune(r) })
}

// maxCitation bounds the tokens after a quotation that cited looks at.
const maxCitation = 12

// cited reports whether the quotation token q is the title of a cited
// article: "by" and a capitalised word follow it (“…,” by Post's Kathianne
// Boniello), or a dash does and then a month and a four-digit year on its
// line (“…” — CBC.ca, August 15, 2008).
func (a *analysis) cited(q int) bool {
	k := q + 1
	for k < len(a.toks) && a.punctIn(k, ",") {
		k++
	}
	if a.is(k, "by") && k+1 < len(a.toks) && a.toks[k+1].kind == tkWord && a.toks[k+1].cap {
		return true
	}
	if !a.punctIn(k, "—–-") {
		return false
	}
	month := false
	for j := k + 1; j < min(len(a.toks), k+maxCitation) && a.toks[j].kind != tkBreak; j++ {
		if a.toks[j].kind != tkWord {
			continue
		}
		w := a.word(j)
		if months[w] {
			month = true
		} else if month && len(w) == 4 && strings.Trim(w, "0123456789") == "" {
			return true
		}
	}
	return false
}

// months are the month names and their usual abbreviations, as written.
var months = map[string]bool{"January": true, "February": true, "March": true, "April": true, "May": true,
	"June": true, "July": true, "August": true, "September": true, "October": true, "November": true,
	"December": true, "Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true,
	"Aug": true, "Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true}

// hasFunctionWord reports whether one of the first words of quoted
// content is a determiner, pronoun, preposition, auxiliary or other
// closed-class word: fragments of speech hold them ("build on the
// progress"), compound terms mostly do not ("rubble pile").
func hasFunctionWord(content string) bool {
	var buf [maxKey]byte
	n := 0
	for start, end := nextField(content, 0); start < end && n < maxTraitWords; start, end = nextField(content, end) {
		n++
		w := trimToWord(content[start:end])
		if key, ok := lowerKey(&buf, w); ok && w != "" {
			if e, _ := inVocab(key); e.flags&(fDet|fPron|fPrep|fAux|fStop|fBe) != 0 {
				return true
			}
		}
	}
	return false
}

// apostrophe returns the index of the first ' or ’ in w, or -1, as
// strings.IndexAny(w, "'’") does.
func apostrophe(w string) int {
	i, j := strings.IndexByte(w, '\''), strings.Index(w, "’")
	if i < 0 || j >= 0 && j < i {
		return j
	}
	return i
}

// nearWork reports whether a word for a work or a sign (show, book, song,
// slogan) stands within three words before the quotation token q, or
// right after it, in its sentence.
func (a *analysis) nearWork(q int) bool {
	s := a.sents[a.sentOf[q]]
	for k := max(s.from, q-3); k < min(s.to, q+3); k++ {
		if k != q && a.toks[k].kind == tkWord && a.toks[k].flags&fWork != 0 {
			return true
		}
	}
	return false
}

// modifies reports whether a lower-case word that is no verb, pronoun,
// preposition or function word follows the quotation token q: the quote
// then modifies a noun (the “carried interest” loophole).
func (a *analysis) modifies(q int) bool {
	if q+1 >= len(a.toks) || a.sentOf[q+1] != a.sentOf[q] {
		return false
	}
	t := a.toks[q+1]
	return t.kind == tkWord && !t.cap && !t.isVerb && t.flags&(fDet|fPron|fStop|fPrep|fAux|fAdv|fWork) == 0 &&
		!strings.HasSuffix(a.word(q+1), "ed") && !strings.HasSuffix(a.word(q+1), "ly")
}

// listed reports whether the quotation token q is joined by "or", "and"
// or a comma to another quotation: “too loud” or “too shrill”.
func (a *analysis) listed(q int) bool {
	joined := func(k, other int) bool {
		return other >= 0 && other < len(a.toks) && a.toks[other].kind == tkQuote &&
			(a.is(k, "or") || a.is(k, "and") || a.punctIn(k, ","))
	}
	return joined(q-1, q-2) || joined(q+1, q+2)
}
