package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// bylineCuts end the names part of a byline: what follows is a date, a
// role or an outlet.
var bylineCuts = []string{" | ", " - ", " – ", " — ", "•", "·", "Updated", "Published", "Posted", "UPDATED", "PUBLISHED"}

// bylinePrefixes introduce the names of a byline.
var bylinePrefixes = []string{"written by:", "written by ", "posted by:", "posted by ", "words by ", "words:", "by:", "by ", "authors:", "author:", "von "}

// agencies are news agencies credited beside or instead of writers.
var agencies = wordSet("reuters", "associated press", "the associated press", "ap", "afp", "agence france-presse",
	"agence france presse", "pa", "pa media", "press association", "bloomberg", "dpa", "efe", "xinhua", "ansa",
	"upi", "cnn wire", "aap", "kyodo", "anadolu")

// calendarWords are the English day and month names that follow a name
// when a byline runs into its date.
var calendarWords = wordSet("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"mon", "tue", "wed", "thu", "fri", "sat", "sun", "january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
	"jul", "aug", "sep", "sept", "oct", "nov", "dec")

// roleWords mark a part of a byline that is a job title, not a name.
var roleWords = wordSet("staff", "reporter", "reporters", "correspondent", "editor", "writer", "writers",
	"columnist", "contributor", "journalist", "producer", "analyst", "photographer", "team", "desk", "agencies",
	"newsroom", "bureau", "special")

// splitAuthors turns a byline or author field into names. It cuts the
// byline at a date or outlet separator ("By Ann Lee | Reuters", "By Ann Lee
// Updated 5 May"), drops a "By" prefix, splits on "and", "&", commas and
// semicolons, removes " in Place" suffixes ("Ann Lee in Kyiv") and drops
// parts that are job titles, contain digits or @, or are not capitalised.
// News agencies are kept only when no writer is named. It returns nil for
// URLs and overlong values.
func splitAuthors(s string) []string {
	s = clean(s)
	if s == "" || strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || len(s) > 200 {
		return nil
	}
	for _, c := range bylineCuts {
		if i := strings.Index(s, c); i > 0 {
			s = s[:i]
		}
	}
	for _, p := range bylinePrefixes {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = strings.TrimSpace(s[len(p):])
		}
	}
	// "Analysis by Ann Lee", "Opinion by Ann Lee": the names follow "by".
	if i := strings.Index(strings.ToLower(s), " by "); i > 0 && pipeline.CountWords(s[:i]) <= 2 {
		s = s[i+4:]
	}
	s = strings.NewReplacer(" and ", ",", " And ", ",", " AND ", ",", " & ", ",", ";", ",", " with ", ",").Replace(s)
	var names, credits []string
	for _, part := range strings.Split(s, ",") {
		part = strings.Trim(part, " .")
		if i := strings.Index(part, " in "); i > 0 {
			if r, _ := utf8.DecodeRuneInString(part[i+4:]); unicode.IsUpper(r) {
				part = part[:i]
			}
		}
		words := strings.Fields(part)
		for len(words) > 2 && calendarWords[strings.ToLower(strings.Trim(words[len(words)-1], ".,"))] {
			words = words[:len(words)-1] // "Ann Lee Monday": the date follows
		}
		part = strings.Join(words, " ")
		if len(words) == 0 || len(words) > 5 || strings.ContainsAny(part, "@:/0123456789") {
			continue
		}
		r, _ := utf8.DecodeRuneInString(part)
		if !unicode.IsLetter(r) || unicode.IsLower(r) {
			continue
		}
		if agencies[strings.ToLower(part)] {
			credits = append(credits, part)
			continue
		}
		role := false
		for _, w := range strings.FieldsFunc(strings.ToLower(part), notAlnum) {
			role = role || roleWords[w]
		}
		if !role {
			names = appendAuthors(names, part)
		}
	}
	if len(names) == 0 {
		return appendAuthors(nil, credits...)
	}
	return names
}

// appendAuthors appends names to list, skipping empty ones and ones already
// present, and keeps at most 20.
func appendAuthors(list []string, names ...string) []string {
	for _, n := range names {
		dup := n == ""
		for _, have := range list {
			if strings.EqualFold(have, n) {
				dup = true
				break
			}
		}
		if !dup && len(list) < 20 {
			list = append(list, n)
		}
	}
	return list
}
