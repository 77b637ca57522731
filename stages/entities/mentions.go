package entities

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// mention is an entity over the tokens first..last (inclusive) of a sentence.
type mention struct {
	first, last int
	label       string // newsmill label
}

// mentions returns the entities of one sentence's placed tokens, ordered
// and non-overlapping. The rules that read capitals as names (after a
// title, before an apposition) apply only when capitals is true; they
// would find a name in every word of a sentence in capitals.
func mentions(text string, toks []token, capitals bool) []mention {
	ms := chunk(toks)
	for i := range ms {
		ms[i] = trimEdges(toks, ms[i])
	}
	ms = slices.DeleteFunc(ms, func(m mention) bool {
		return m.last < m.first || allCommonNouns(toks, m) || weakOpener(toks, m)
	})
	for i := range ms {
		if ms[i].label == pipeline.LabelPerson {
			ms[i] = extendName(toks, cutName(toks, ms[i]))
		}
	}
	if capitals {
		ms = override(ms, titledNames(toks))
		ms = override(ms, appositiveNames(toks))
	}
	return disjoint(ms)
}

// disjoint orders ms and resolves overlaps left by the rules: overlapping
// mentions with the same label merge, otherwise the earlier one wins.
func disjoint(ms []mention) []mention {
	slices.SortFunc(ms, func(a, b mention) int { return a.first - b.first })
	out := ms[:0]
	for _, m := range ms {
		if n := len(out); n > 0 && m.first <= out[n-1].last {
			if m.label == out[n-1].label {
				out[n-1].last = max(out[n-1].last, m.last)
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

// chunk groups consecutive labelled tokens into mentions. A token continues
// the open mention when its label is I-*, when both are PERSON (prose often
// labels each word of a name B-PERSON), or when it and the token before are
// proper nouns ("United/B-GPE States/B-PERSON"); the mention keeps the
// first token's type. Unknown labels count as O.
func chunk(toks []token) []mention {
	var out []mention
	open := false
	for i, t := range toks {
		prefix, typ, _ := strings.Cut(t.label, "-")
		label, known := labels[typ]
		if !known || (prefix != "B" && prefix != "I") {
			open = false
			continue
		}
		if open && (prefix == "I" || label == pipeline.LabelPerson && out[len(out)-1].label == pipeline.LabelPerson ||
			properNoun(t) && properNoun(toks[i-1])) {
			out[len(out)-1].last = i
			continue
		}
		out = append(out, mention{first: i, last: i, label: label})
		open = true
	}
	return out
}

// properNoun reports whether t is tagged as a capitalised proper noun.
func properNoun(t token) bool {
	return (t.tag == "NNP" || t.tag == "NNPS") && isCapitalized(t.text)
}

// determiners may start a chunk but are not part of a name.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true}

// weakTags are parts of speech that prose sometimes labels as an entity
// when the word is capitalised only because it starts the sentence.
var weakTags = map[string]bool{"NN": true, "NNS": true, "JJ": true, "RB": true, "VB": true, "VBD": true, "VBG": true, "VBN": true, "VBP": true, "VBZ": true, "IN": true, "UH": true}

// trimEdges drops leading determiners, punctuation, lower-case words and a
// capitalised common word that opens the sentence ("Populist Iraqi"), and
// trailing punctuation, lower-case words and possessive "'s".
func trimEdges(toks []token, m mention) mention {
	for m.first <= m.last {
		t := toks[m.first]
		sentenceStart := m.first == firstWord(toks)
		if determiners[strings.ToLower(t.text)] || !hasLetterOrDigit(t.text) || startsLower(t.text) && !particleWord(t.text) ||
			sentenceStart && m.last > m.first && weakTags[t.tag] && !isAcronym(t.text) {
			m.first++
			continue
		}
		break
	}
	for m.last >= m.first {
		t := toks[m.last]
		if t.text == "'s" || t.text == "'" || t.text == "’s" || t.text == "’" || !hasLetterOrDigit(t.text) || startsLower(t.text) && !particleWord(t.text) {
			m.last--
			continue
		}
		break
	}
	return m
}

// allCommonNouns reports whether every token of m is a common noun that is
// not an acronym: "Threat" or "Newsletter" labelled GPE at the start of a
// sentence or heading.
func allCommonNouns(toks []token, m mention) bool {
	for _, t := range toks[m.first : m.last+1] {
		if (t.tag != "NN" && t.tag != "NNS") || isAcronym(t.text) {
			return false
		}
	}
	return true
}

// weakOpener reports whether m is a single capitalised common word that
// opens the sentence ("Populist", "Threat"), other than a demonym such as
// "British" or "Iraqi", which prose labels GPE.
func weakOpener(toks []token, m mention) bool {
	t := toks[m.first]
	if m.first != m.last || m.first != firstWord(toks) || !weakTags[t.tag] || isAcronym(t.text) {
		return false
	}
	w := strings.ToLower(t.text)
	for _, suffix := range []string{"an", "ish", "ese", "i", "ch"} {
		if strings.HasSuffix(w, suffix) {
			return false
		}
	}
	return true
}

// cutName ends a PERSON mention before its first lower-case word that is
// not a name particle ("Linda Yaccarino Steps Down as CEO" in a title-case
// headline).
func cutName(toks []token, m mention) mention {
	for i := m.first + 1; i <= m.last; i++ {
		if t := toks[i].text; startsLower(t) && !particles[t] && !particleWord(t) {
			m.last = i - 1
			break
		}
	}
	return trimEdges(toks, m)
}

// firstWord returns the index of the first token with a letter or digit.
func firstWord(toks []token) int {
	for i, t := range toks {
		if hasLetterOrDigit(t.text) {
			return i
		}
	}
	return -1
}

// particles are the lower-case parts of names: "Muqtada al-Sadr", "Osama
// bin Laden", "Charles de Gaulle".
var particles = map[string]bool{
	"al": true, "el": true, "ad": true, "as": true, "ash": true, "at": true, "az": true, "an": true,
	"bin": true, "ibn": true, "abu": true, "ben": true, "bint": true,
	"de": true, "di": true, "da": true, "del": true, "della": true, "dos": true, "das": true, "do": true, "du": true,
	"la": true, "le": true, "van": true, "von": true, "der": true, "den": true, "ter": true, "zu": true,
}

// particleWord reports whether w is a particle joined to a name with a
// hyphen or an apostrophe: "al-Sadr", "el-Sisi", "d'Estaing".
func particleWord(w string) bool {
	i := strings.IndexAny(w, "-'’")
	if i <= 0 || i+1 >= len(w) {
		return false
	}
	head, rest := w[:i], w[i:]
	_, size := utf8.DecodeRuneInString(rest)
	return (particles[head] || head == "d" || head == "o") && isCapitalized(rest[size:])
}

// nameRun returns the index after the name words starting at toks[i]:
// capitalised words, particle words, and bare particles followed by a
// capitalised word. At most max words are taken.
func nameRun(toks []token, i, max int) int {
	n := 0
	for i < len(toks) && n < max {
		t := toks[i].text
		switch {
		case particleWord(t):
		case particles[t] && i+1 < len(toks) && isCapitalized(toks[i+1].text) && n > 0:
			i++
			n++
		case isCapitalized(t) && hasLetter(t) && !isTitle(t):
		default:
			return i
		}
		i++
		n++
	}
	return i
}

// extendName grows a PERSON mention over the name particles and particle
// words that follow it ("Mustafa" + "al-Kadhimi"), and over capitalised
// neighbours with non-ASCII letters, which prose's features miss ("José").
func extendName(toks []token, m mention) mention {
	for m.last+1 < len(toks) {
		next := toks[m.last+1].text
		switch {
		case particleWord(next) || hasNonASCII(next) && isCapitalized(next) && toks[m.last+1].label == "O":
			m.last++
			continue
		case particles[next] && m.last+2 < len(toks) && isCapitalized(toks[m.last+2].text):
			m.last += 2
			continue
		}
		break
	}
	for m.first > 0 {
		prev := toks[m.first-1]
		if hasNonASCII(prev.text) && isCapitalized(prev.text) && prev.label == "O" && !isTitle(prev.text) {
			m.first--
			continue
		}
		break
	}
	return m
}

// titles are the words and phrases that introduce a person's name, in
// lower case: "President Barham Salih", "leader Muqtada al-Sadr".
var titles = [][]string{
	{"secretary", "of", "state"}, {"prime", "minister"}, {"vice", "president"},
	{"president"}, {"minister"}, {"secretary"}, {"senator"}, {"sen."}, {"rep."}, {"representative"},
	{"governor"}, {"gov."}, {"mayor"}, {"chancellor"}, {"premier"}, {"king"}, {"queen"}, {"prince"},
	{"princess"}, {"pope"}, {"general"}, {"gen."}, {"colonel"}, {"col."}, {"lieutenant"}, {"lt."},
	{"captain"}, {"capt."}, {"sergeant"}, {"sgt."}, {"judge"}, {"justice"}, {"dr."}, {"mr."}, {"mrs."},
	{"ms."}, {"professor"}, {"prof."}, {"ambassador"}, {"commissioner"}, {"chairman"}, {"chairwoman"},
	{"director"}, {"sheikh"}, {"ayatollah"}, {"cleric"}, {"leader"}, {"commander"}, {"spokesman"},
	{"spokeswoman"}, {"spokesperson"}, {"lawmaker"}, {"envoy"}, {"speaker"}, {"chief"}, {"ceo"},
	{"founder"}, {"mp"}, {"mep"}, {"coach"}, {"candidate"}, {"rival"}, {"opponent"},
}

// isTitle reports whether w is a one-word title.
func isTitle(w string) bool {
	w = strings.ToLower(w)
	for _, t := range titles {
		if len(t) == 1 && t[0] == w {
			return true
		}
	}
	return false
}

// titleEnding returns the length of the title phrase that ends at toks[i],
// or 0.
func titleEnding(toks []token, i int) int {
	for _, t := range titles {
		if len(t) > i+1 {
			continue
		}
		ok := true
		for k, w := range t {
			if !strings.EqualFold(toks[i-len(t)+1+k].text, w) {
				ok = false
				break
			}
		}
		if ok {
			return len(t)
		}
	}
	return 0
}

// maxNameWords bounds the name taken after a title.
const maxNameWords = 4

// titledNames finds names after a title: two or more name words, or one
// after a capitalised title ("President Trump", "Dr. Smith").
func titledNames(toks []token) []mention {
	var out []mention
	for i := 0; i < len(toks); i++ {
		n := titleEnding(toks, i)
		if n == 0 {
			continue
		}
		start := i + 1
		if start < len(toks) && toks[start].text == "," {
			start++
		}
		end := nameRun(toks, start, maxNameWords)
		words := end - start
		if words >= 2 || words == 1 && isCapitalized(toks[i].text) && start == i+1 {
			out = append(out, mention{first: start, last: end - 1, label: pipeline.LabelPerson})
			i = end - 1
		}
	}
	return out
}

// appositiveNames finds a name of two to four words followed by ", who"
// or ", a" / ", an" (an apposition: "Gati Rikabi, a member of ...").
func appositiveNames(toks []token) []mention {
	var out []mention
	for i := 0; i < len(toks); i++ {
		if !isCapitalized(toks[i].text) || i == firstWord(toks) {
			continue
		}
		end := nameRun(toks, i, maxNameWords)
		if end-i >= 2 && end+1 < len(toks) && toks[end].text == "," {
			switch strings.ToLower(toks[end+1].text) {
			case "who", "a", "an":
				out = append(out, mention{first: i, last: end - 1, label: pipeline.LabelPerson})
			}
		}
		if end > i {
			i = end - 1
		}
	}
	return out
}

// override adds the rule mentions rs to ms, dropping the mentions of ms
// they overlap unless one of those already has the rule's label and covers
// the rule mention.
func override(ms, rs []mention) []mention {
	for _, r := range rs {
		covered := false
		for _, m := range ms {
			if m.label == r.label && m.first <= r.first && m.last >= r.last {
				covered = true
				break
			}
		}
		if covered {
			continue
		}
		ms = slices.DeleteFunc(ms, func(m mention) bool { return m.first <= r.last && r.first <= m.last })
		ms = append(ms, r)
	}
	return ms
}

func hasLetterOrDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

func hasNonASCII(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf && unicode.IsLetter(r) }) >= 0
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// isAcronym reports whether s has two or more letters, all upper case.
func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}
