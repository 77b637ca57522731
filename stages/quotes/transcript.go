package quotes

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/newsmill/newsmill/pipeline"
)

// maxLabelWords bounds the words of a transcript speaker label.
const maxLabelWords = 4

// transcriptLine is one "LABEL: words" turn of an interview transcript, in
// tokens: the label [from, to) and the spoken words [body, end).
type transcriptLine struct {
	from, to, body, end int
	kind                labelKind
}

// labelKind says how a transcript label is written.
type labelKind uint8

const (
	labelUpper  labelKind = iota // HOST:, JAKE TAPPER:, Q:
	labelPeriod                  // Q. or A.
	labelMixed                   // Jake Tapper:, Wikinews:
)

// transcript finds the turns of interview transcripts: a line that opens
// with a speaker label of up to four capitalised words (abbreviations
// and initials with their period: "Sen. Warren:", "Tomas K. Berg:") and a
// colon,
// followed by words with letters (not "VIP: 60,000") that do not open with
// a quotation (a headline's "Graham: “…”" is a quote of its own). A label
// is written in capitals ("HOST:", "JAKE TAPPER:", "Q:"); or is Q or A with
// a period ("Q. ...") in a document with both Q and A labels; or is in
// mixed case and either ends with the surname of a person of the document
// ("Tapper:", "Jake Tapper:") or opens two lines or more in a document where
// two labels or more do ("Wikinews:" and "Lena Osei:" taking turns).
// A label opening with a word that names no speaker ("Photo:", "Source:",
// "UPDATE:") is none.
// A question's line may hold its answer after the question mark ("Q: Is
// he conservative? A: No."). A document must hold at least two turns, so that a lone "NOTE: ..." is
// not speech. A turn runs on over the paragraphs without a label up to the
// next turn (an answer of several paragraphs); the last turn ends with its
// line.
func (a *analysis) transcript() []transcriptLine {
	if !a.turnsFound {
		a.turns, a.turnsFound = a.findTurns(), true
	}
	return a.turns
}

// inTurn reports whether token k lies in the words of a transcript turn.
func (a *analysis) inTurn(k int) bool {
	turns := a.transcript()
	i := sort.Search(len(turns), func(i int) bool { return turns[i].end > k })
	return i < len(turns) && turns[i].body <= k
}

// findTurns finds the turns transcript returns.
func (a *analysis) findTurns() []transcriptLine {
	var out []transcriptLine
	var hasQ, hasA bool
	mixed := map[string]int{}
	for k := 0; k < len(a.toks); k++ {
		if k > 0 && a.toks[k-1].kind != tkBreak {
			continue
		}
		if a.bareQ(k) {
			// "Q    Mayor, ...": a reporter's turn of a government transcript.
			l := transcriptLine{from: k, to: k + 1, body: k + 1, end: k + 1, kind: labelUpper}
			for l.end < len(a.toks) && a.toks[l.end].kind != tkBreak {
				l.end++
			}
			if a.anyLetters(l.body, l.end) {
				out = append(out, l)
				k = l.end - 1
				continue
			}
		}
		to, upper := k, true
		for words := 0; to < len(a.toks) && words < maxLabelWords && a.toks[to].kind == tkWord && a.toks[to].cap; words++ {
			upper = upper && a.upperWord(to)
			to++
			initial := a.toks[to-1].end-a.toks[to-1].start == 1 && !(to-1 == k && (a.is(k, "q") || a.is(k, "a")))
			if (initial || a.toks[to-1].flags&fAbbrev != 0) && a.punctIn(to, ".") && to+1 < len(a.toks) && a.toks[to+1].kind == tkWord {
				to++ // Sen. Warren:, MR. SMITH:, Tomas K. Berg:
			}
		}
		if to == k || to+1 >= len(a.toks) {
			continue
		}
		qa := to == k+1 && (a.is(k, "q") || a.is(k, "a"))
		if notSpeakers[a.lowerWord(k)] {
			continue // Photo: AP, Source: Reuters, UPDATE: ...
		}
		l := transcriptLine{from: k, to: to, body: to + 1}
		switch {
		case a.punctIn(to, ":") && (upper || qa):
			l.kind = labelUpper
		case a.punctIn(to, ".") && qa:
			l.kind = labelPeriod
		case a.punctIn(to, ":"):
			l.kind = labelMixed
		default:
			continue
		}
		l.end = l.body
		for l.end < len(a.toks) && a.toks[l.end].kind != tkBreak {
			l.end++
		}
		if l.body < len(a.toks) && a.toks[l.body].kind == tkQuote || !a.anyLetters(l.body, l.end) || !qa && a.headline(l.body, l.end) {
			continue
		}
		hasQ, hasA = hasQ || qa && a.is(k, "q"), hasA || qa && a.is(k, "a")
		if l.kind == labelMixed {
			mixed[a.text[a.toks[k].start:a.toks[to-1].end]]++
		}
		if qa && a.is(k, "q") {
			if ans := a.inlineAnswer(l.body, l.end); ans > 0 {
				// "Q: Is he conservative? A: No." on one line: two turns.
				out = append(out, transcriptLine{from: k, to: to, body: l.body, end: ans, kind: l.kind},
					transcriptLine{from: ans, to: ans + 1, body: ans + 2, end: l.end, kind: l.kind})
				hasA = true
				k = l.end - 1
				continue
			}
		}
		out = append(out, l)
		k = l.end - 1
	}
	repeated := 0
	for _, n := range mixed {
		if n > 1 {
			repeated++
		}
	}
	var surnames map[string]bool
	out = slices.DeleteFunc(out, func(l transcriptLine) bool {
		switch l.kind {
		case labelPeriod:
			// "A. Introduction" is an outline, not an answer, unless there are questions.
			return !hasQ || !hasA
		case labelMixed:
			if repeated > 1 && mixed[a.text[a.toks[l.from].start:a.toks[l.to-1].end]] > 1 {
				return false
			}
			if surnames == nil {
				surnames = a.personSurnames()
			}
			return !surnames[a.word(l.to-1)]
		}
		return false
	})
	if len(out) < 2 {
		return nil
	}
	for i := range len(out) - 1 {
		e := out[i+1].from
		for e > out[i].end && a.toks[e-1].kind == tkBreak {
			e--
		}
		out[i].end = e
	}
	return out
}

// bareQ reports whether word token k is a reporter's label of a US
// government transcript: a capital Q with no colon followed on its line
// by two spaces or more or a tab ("Q    Mayor, I was hoping ...").
func (a *analysis) bareQ(k int) bool {
	if k+1 >= len(a.toks) || a.word(k) != "Q" || a.toks[k+1].kind == tkBreak {
		return false
	}
	gap := a.text[a.toks[k].end:a.toks[k+1].start]
	return strings.TrimSpace(gap) == "" && (strings.ContainsAny(gap, "\t\u00a0") || len(gap) >= 2) && !strings.ContainsAny(gap, "\n\r")
}

// inlineAnswer returns the token index of an "A" label, followed by a
// colon and words, right after a question mark in the tokens [from, to)
// of a question's line, or 0 when there is none.
func (a *analysis) inlineAnswer(from, to int) int {
	for k := from + 1; k+2 < to; k++ {
		if a.punctIn(k-1, "?") && a.is(k, "a") && a.toks[k].cap && a.punctIn(k+1, ":") {
			return k
		}
	}
	return 0
}

// notSpeakers are first words of line labels that name no speaker.
var notSpeakers = map[string]bool{"photo": true, "photos": true, "image": true, "images": true, "source": true,
	"sources": true, "credit": true, "credits": true, "caption": true, "note": true, "notes": true, "update": true,
	"updated": true, "editor": true, "editor’s": true, "editor's": true, "correction": true, "related": true,
	"read": true, "see": true, "watch": true, "listen": true, "video": true, "audio": true, "tags": true,
	"category": true, "categories": true, "citation": true, "file": true, "advertisement": true, "warning": true,
	"disclaimer": true, "summary": true, "location": true, "date": true, "time": true, "where": true, "when": true,
	"price": true, "tickets": true, "contact": true, "email": true, "phone": true, "website": true, "breaking": true}

// personSurnames returns the last words of the document's PERSON
// entities, as written. It costs one pass over the entities.
func (a *analysis) personSurnames() map[string]bool {
	out := map[string]bool{}
	for _, e := range a.ents {
		if e.Label == pipeline.LabelPerson && e.End <= len(a.text) && e.Start < e.End {
			out[lastWord(strings.TrimSpace(a.text[e.Start:e.End]))] = true
		}
	}
	return out
}

// interviewee returns the person an interview's answers ("A: ...") are by:
// the PERSON entity, by canonical name, named most often before the
// transcript starts at byte start, or in the whole text when none is
// named before it; "" when the document names no person.
func (a *analysis) interviewee(start int) string {
	best := func(before int) string {
		count := map[string]int{}
		name := ""
		for _, e := range a.ents {
			if e.Label != pipeline.LabelPerson || e.Start >= before {
				continue
			}
			n := e.Canonical
			if n == "" {
				n = a.text[e.Start:e.End]
			}
			count[n]++
			if count[n] > count[name] {
				name = n
			}
		}
		return name
	}
	if n := best(start); n != "" {
		return n
	}
	return best(len(a.text))
}

// anyLetters reports whether a word token of [from, to) holds a letter,
// so that "VIP: 60,000" (a price list) is not speech.
func (a *analysis) anyLetters(from, to int) bool {
	for k := from; k < to; k++ {
		if a.toks[k].kind == tkWord && strings.IndexFunc(a.word(k), unicode.IsLetter) >= 0 {
			return true
		}
	}
	return false
}

// headline reports whether the tokens [from, to) of a label's line are a
// headline in title case rather than speech: three words or more, each
// capitalised, a number or a determiner or preposition, with no
// quotation and no punctuation but a colon, dash or comma ("SPECIAL
// COVERAGE: A Guide to the 113th Congress", "Related: How Towns Pay
// for Roads"). A Q: or A: line is a turn whatever its case ("A: Bleacher
// Report, Uber Eats and ParkMobile"), so findTurns asks only of other
// labels. It costs time linear in the tokens.
func (a *analysis) headline(from, to int) bool {
	words := 0
	for k := from; k < to; k++ {
		switch t := a.toks[k]; t.kind {
		case tkWord:
			if !t.cap && t.flags&(fDet|fPrep) == 0 && !isNumber(a.word(k)) && !a.is(k, "and") && !a.is(k, "or") {
				return false
			}
			words++
		case tkPunct:
			if !a.punctIn(k, ":,-–—") {
				return false
			}
		default:
			return false
		}
	}
	return words >= 3
}

// upperWord reports whether word token k is written in capitals only.
func (a *analysis) upperWord(k int) bool {
	w := a.word(k)
	return strings.IndexFunc(w, unicode.IsLower) < 0 && strings.IndexFunc(w, unicode.IsUpper) >= 0
}

// transcriptQuotes returns the transcript lines as direct quotes whose
// speaker is the label, named by the document's person with that surname
// when there is one ("ORTEGA" -> "Luis Ortega"). An answer of a Q and A
// interview ("A: ...") is by the interviewee (see interviewee).
func (a *analysis) transcriptQuotes(res *resolver, sents []pipeline.Sentence) []pipeline.Quote {
	var out []pipeline.Quote
	lines := a.transcript()
	interviewee, looked := "", false
	for _, l := range lines {
		span := pipeline.Span{Start: int(a.toks[l.body].start), End: int(a.toks[l.end-1].end)}
		speaker := pipeline.Span{Start: int(a.toks[l.from].start), End: int(a.toks[l.to-1].end)}
		name, typ := res.labelName(speaker.In(a.text))
		if l.to == l.from+1 && a.is(l.from, "a") {
			if !looked {
				interviewee, looked = a.interviewee(int(a.toks[lines[0].from].start)), true
			}
			if interviewee != "" {
				name, typ = interviewee, pipeline.SpeakerPerson
			}
		}
		q := pipeline.Quote{
			Span: span, Content: span, Kind: pipeline.KindDirect,
			Speaker: speaker, SpeakerName: name, SpeakerType: typ,
			Sentence: sentenceIndex(sents, span.Start),
		}
		q.Confidence = rulePrior[ruleColon]
		out = append(out, q)
	}
	return out
}

// labelName names a transcript label: the fullest person name ending with
// its surname (fullName), else the fullest person mention whose last word
// matches it, ignoring case ("ORTEGA"), with the titles and roles before
// the first name left out ("FEMA Administrator Deanne Criswell" -> "Deanne
// Criswell"); else the label without its leading titles and honorifics,
// in normal case when written in capitals ("MS. PSAKI" -> "Psaki"), or the
// label itself, typed nominal, when it is a role ("HOST", "MODERATOR").
func (r *resolver) labelName(label string) (name, typ string) {
	words := strings.Fields(label)
	for len(words) > 1 && titleWord(words[0]) {
		words = words[1:] // MS. PSAKI, ADMINISTRATOR CRISWELL, Sen. Cole
	}
	normalCaps(words, label)
	bare := strings.Join(words, " ")
	if full := r.fullName(bare); full != bare {
		return personName(full), pipeline.SpeakerPerson // "Tapper" -> "Jake Tapper"
	}
	last := lastWord(bare)
	best := ""
	for _, c := range r.cands {
		if c.typ == pipeline.SpeakerPerson && strings.EqualFold(lastWord(c.name), last) && len(c.name) > len(best) {
			best = c.name
		}
	}
	if best != "" {
		return personName(best), pipeline.SpeakerPerson
	}
	var buf [maxKey]byte
	if key, ok := lowerKey(&buf, lastWord(label)); ok && wordFlags[string(key)]&(fHuman|fTitle) != 0 || len(last) <= 1 {
		return label, pipeline.SpeakerNominal
	}
	return bare, pipeline.SpeakerPerson
}

// titleWord reports whether w, as written in a label, is a title, an
// honorific or a role ("MS.", "Sen.", "ADMINISTRATOR", "Mayor").
func titleWord(w string) bool {
	var buf [maxKey]byte
	key, ok := lowerKey(&buf, strings.TrimSuffix(w, "."))
	return ok && (wordFlags[string(key)]&(fHuman|fTitle) != 0 || titleGender[string(key)] != genderUnknown)
}

// normalCaps writes each of words, the words of s, in normal case when s
// has no lower-case letter ("MS. PSAKI" -> "Ms. Psaki"), and leaves them
// as they are otherwise.
func normalCaps(words []string, s string) {
	if strings.IndexFunc(s, unicode.IsLower) >= 0 {
		return
	}
	for i, w := range words {
		words[i] = normalCase(w)
	}
}

// normalCase writes a word in capitals with a capital at the start of each
// of its parts: "JEAN-PIERRE" -> "Jean-Pierre".
func normalCase(w string) string {
	b := []rune(strings.ToLower(w))
	for i := range b {
		if i == 0 || b[i-1] == '-' {
			b[i] = unicode.ToUpper(b[i])
		}
	}
	return string(b)
}

// personName leaves out the titles, roles and acronyms before a person's
// first name, in normal case when written in capitals: "FEMA
// Administrator Deanne Criswell" -> "Deanne Criswell",
// "Strategic Communications John Kirby" -> "John Kirby" (from the first
// word that is a known first name, when one is).
func personName(name string) string {
	words := strings.Fields(name)
	normalCaps(words, name) // a label's own "MAYOR TRELLING"
	for len(words) > 1 && titleWord(words[0]) || len(words) > 2 && len(words[0]) > 1 && strings.IndexFunc(words[0], unicode.IsLower) < 0 {
		words = words[1:]
	}
	for i, w := range words[:len(words)-1] {
		if firstNameGender(strings.ToLower(w)) != genderUnknown {
			words = words[i:]
			break
		}
	}
	return strings.Join(words, " ")
}
