package entities

import (
	"strings"

	"github.com/newsmill/newsmill/pipeline"
)

// Sports pages name clubs after places ("Leicester beat Chelsea 2-1"), and
// results and standings tables list them with numbers. The rules here
// read that evidence, line by line and then over the whole document: a
// place name in a score line, a standings row, or next to "beat", "drew
// with", "lost to" or a score names a team, an organisation, everywhere in
// the document. Countries stay places: their national teams are written
// as places by the usual annotation schemes.

// sportsLine returns the mentions of a line that is a score line ("Arsenal
// 2 Chelsea 1") or a standings row ("Leicester 22 9 6 7 31 28 33"): each
// capitalised run followed by a number. A run the model typed PERSON
// stays a person (golf and athletics tables list people); a country is a
// place; anything else is an organisation. It returns nil for other lines.
func sportsLine(toks []token, ms []mention) []mention {
	var out []mention
	numbers, runs := 0, 0
	for i := 0; i < len(toks); {
		switch {
		case isNumber(toks[i].text):
			numbers++
			i++
			continue
		case toks[i].text == "(" || toks[i].text == ")" || toks[i].text == "-" || toks[i].text == "." || toks[i].text == ",":
			i++
			continue
		case !isCapitalized(toks[i].text):
			return nil
		}
		end := nameRun(toks, i, maxNameWords+2)
		if end == i || end >= len(toks) || !isNumber(toks[end].text) {
			return nil
		}
		runs++
		label := pipeline.LabelOrg
		for _, m := range ms {
			if m.first <= i && m.last >= i && m.label == pipeline.LabelPerson {
				label = pipeline.LabelPerson
			}
		}
		if isCountry(toks[i:end]) {
			label = pipeline.LabelGPE
		}
		out = append(out, mention{first: i, last: end - 1, label: label})
		i = end
	}
	// Two teams with their scores, or one row with three or more figures.
	if runs == 2 && numbers >= 2 || runs == 1 && numbers >= 3 {
		return out
	}
	return nil
}

// isNumber reports whether w is a figure: digits, maybe with one inner
// "-", "." or "/" ("2", "2-1", "19.32").
func isNumber(w string) bool {
	digits, seps := 0, 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			digits++
		case (c == '-' || c == '.' || c == '/') && i > 0 && i+1 < len(w):
			seps++
		default:
			return false
		}
	}
	return digits > 0 && seps <= 1
}

// teamCue reports whether the words around mention m of toks say that it
// names a team: "beat", "drew with", "lost to", "v", a score next to it.
func teamCue(toks []token, m mention) bool {
	word := func(k int) string {
		if k < 0 || k >= len(toks) || len(toks[k].text) > 9 {
			return ""
		}
		return toks[k].text
	}
	is := func(w string, words ...string) bool {
		for _, x := range words {
			if strings.EqualFold(w, x) {
				return true
			}
		}
		return false
	}
	next, prev, prev2 := word(m.last+1), word(m.first-1), word(m.first-2)
	switch {
	case is(next, "beat", "beats", "drew", "thrashed", "routed", "edged", "trounced", "v", "vs", "vs."),
		is(prev, "beat", "beating", "v", "vs", "vs."),
		is(prev, "with") && is(prev2, "drew", "draw"),
		is(prev, "to") && is(prev2, "lost", "losing"),
		is(prev, "over") && is(prev2, "win", "victory"):
		return true
	}
	return strings.Count(next, "-") == 1 && isNumber(next)
}

// relabelTeams gives ORG to every place mention of ents whose text is in
// teams, and returns ents.
func relabelTeams(text string, ents []pipeline.Entity, teams map[string]bool) []pipeline.Entity {
	if len(teams) == 0 {
		return ents
	}
	for i, e := range ents {
		if (e.Label == pipeline.LabelGPE || e.Label == pipeline.LabelLocation) && teams[e.In(text)] {
			ents[i].Label = pipeline.LabelOrg
		}
	}
	return ents
}

// isCountry reports whether toks spell a country's name.
func isCountry(toks []token) bool {
	if len(toks) == 1 {
		return countries[strings.ToLower(toks[0].text)]
	}
	var b strings.Builder
	for k, t := range toks {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(t.text))
	}
	return countries[b.String()]
}

// dateline returns the mention of the place that opens a dateline, "LONDON
// 1996-08-30" or "BAGHDAD, Oct 5": up to three words in capitals followed
// by a date, or by a comma and a month.
func dateline(toks []token) (mention, bool) {
	k := 0
	for k < len(toks) && k < 3 && len(toks[k].text) > 1 && isAcronym(toks[k].text) && hasLetter(toks[k].text) {
		k++
	}
	if k == 0 || k >= len(toks) {
		return mention{}, false
	}
	next := toks[k].text
	isDate := strings.Count(next, "-") == 2 && strings.Trim(next, "0123456789-") == ""
	if next == "," && k+1 < len(toks) {
		m := strings.ToLower(strings.TrimSuffix(toks[k+1].text, "."))
		isDate = dateWords[m] || monthAbbreviations[m]
	}
	if !isDate {
		return mention{}, false
	}
	return mention{first: 0, last: k - 1, label: pipeline.LabelGPE}, true
}

// monthAbbreviations are the short names of months in datelines.
var monthAbbreviations = map[string]bool{"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true}

// countries are the names of countries, in lower case, which stay places
// in sports news.
var countries = map[string]bool{}

func init() {
	for _, c := range strings.Fields(`
		afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain
		bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria
		burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia
		denmark djibouti dominica ecuador egypt england eritrea estonia eswatini ethiopia fiji finland france gabon
		gambia georgia germany ghana greece grenada guatemala guinea guyana haiti holland honduras hungary iceland
		india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait
		kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg macedonia madagascar
		malawi malaysia maldives mali malta mauritania mauritius mexico moldova monaco mongolia montenegro morocco
		mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau
		palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa scotland
		senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria
		taiwan tajikistan tanzania thailand togo tonga trinidad tunisia turkey turkmenistan tuvalu uganda ukraine
		uruguay uzbekistan vanuatu venezuela vietnam wales yemen yugoslavia zaire zambia zimbabwe britain america
		usa u.s. uk u.k. korea`) {
		countries[c] = true
	}
	for _, c := range []string{"south africa", "new zealand", "sri lanka", "saudi arabia", "united states", "costa rica",
		"el salvador", "ivory coast", "north korea", "south korea", "czech republic", "united arab emirates",
		"papua new guinea", "northern ireland", "hong kong", "puerto rico", "united kingdom", "great britain",
		"faroe islands", "san marino", "cape verde", "burkina faso", "sierra leone", "east timor", "dominican republic"} {
		countries[c] = true
	}
}
