package entities

import "strings"

// orgHeads end the names of organisations: a capitalised run of words that
// ends in one ("Democratic Party", "African Union"), or has one followed by
// "of" or "for" ("Ministry of Defence", "Federal Office for the
// Environment"), names an organisation.
var orgHeads = map[string]bool{
	"agency": true, "alliance": true, "army": true, "assembly": true, "association": true, "authority": true,
	"bank": true, "board": true, "bureau": true, "chamber": true, "coalition": true, "commission": true,
	"committee": true, "confederation": true, "congress": true, "corporation": true, "corp": true, "corp.": true,
	"council": true, "court": true, "department": true, "directorate": true, "federation": true, "foundation": true,
	"fund": true, "inc": true, "inc.": true, "institute": true, "league": true, "ltd": true, "ltd.": true,
	"ministry": true, "movement": true, "office": true, "organisation": true, "organization": true,
	"parliament": true, "party": true, "secretariat": true, "society": true, "tribunal": true, "union": true,
	"university": true,
}

// markOrgRuns relabels as one ORG mention each capitalised run of words
// that orgHeads says names an organisation, where the model cut it short
// or typed it otherwise. Before its head the run may hold "and" and "&"
// between capitalised words ("Justice and Development Party"); after it,
// "of", "for", "of the" and "for the" ("Ministry of Defence", "Federal Office
// for the Environment"). Runs of one word, runs with a person in them,
// runs inside a longer mention of the model's, a place the model typed
// whole ("West Bank") and a leading place tagged on its own ("U.S." in
// "U.S. Justice Department") are left alone; a sentence-opening word the
// model left out, "The", and a demonym the model left out ("Iraqi" in
// "Iraqi Health Ministry", not "British" in "British Broadcasting
// Corporation") at the start are trimmed.
// Sentences in title case or capitals are skipped: every word there is
// capitalised. It rewrites labels in place and costs a map look-up per
// capitalised word.
func markOrgRuns(words []string, labels []int) {
	if titleCase(words) {
		return
	}
	for i := 0; i < len(words); {
		if !isCapitalized(words[i]) {
			i++
			continue
		}
		start, end, head := i, orgRunEnd(words, i), -1
		i = end
		for k := start; k < end; k++ {
			if isOrgHead(words[k]) && (k+1 == end || words[k+1] == "of" || words[k+1] == "for") {
				head = k
			}
		}
		if head < 0 || end-start < 2 || inside(labels[start]) || end < len(words) && inside(labels[end]) {
			continue
		}
		if start = orgStart(words, labels, start, head); start < 0 || start == end-1 {
			continue
		}
		labels[start] = labelBOrg
		for k := start + 1; k < end; k++ {
			labels[k] = labelIOrg
		}
	}
}

// isOrgHead reports whether w, in any case, is one of orgHeads. It does
// not allocate.
func isOrgHead(w string) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return orgHeads[string(buf[:len(w)])]
}

// inside reports whether label continues a mention (an I- label).
func inside(label int) bool { return label != labelO && label%2 == 0 }

// orgRunEnd returns the end of the capitalised run that starts at words[i].
func orgRunEnd(words []string, i int) int {
	end, headSeen := i+1, isOrgHead(words[i])
	for end < len(words) {
		k := end
		switch w := words[k]; {
		case (w == "and" || w == "&") && !headSeen:
			k++
		case (w == "of" || w == "for") && headSeen:
			k++
			if k < len(words) && words[k] == "the" {
				k++
			}
		}
		if k >= len(words) || !isCapitalized(words[k]) {
			break
		}
		end = k + 1
		headSeen = headSeen || isOrgHead(words[k])
	}
	return end
}

// orgStart returns where the organisation name of the run start..head
// begins, or -1 when the run is to be left as the model tagged it.
func orgStart(words []string, labels []int, start, head int) int {
	for k := start; k <= head; k++ {
		if labels[k] == labelBPer || labels[k] == labelIPer {
			return -1
		}
	}
	if start == 0 && labels[0] == labelO {
		start++ // "Shares of Acme Ltd": the opening word is capitalised anyway
	}
	for start < head && (strings.EqualFold(words[start], "the") || demonym(words[start]) && labels[start] == labelO) {
		start++
	}
	if labels[start] == labelBLoc {
		k := start + 1
		for k <= head && labels[k] == labelILoc {
			k++
		}
		if k > head {
			return -1 // a place the model typed whole: "West Bank", "Soviet Union"
		}
		start = k // a place before the name: "U.S. Justice Department"
	}
	for start < head && !isCapitalized(words[start]) {
		start++
	}
	return start
}

// titleCase reports whether at least three quarters of the words of four or
// more letters of a sentence are capitalised, as in headlines.
func titleCase(words []string) bool {
	long, capital := 0, 0
	for _, w := range words {
		if len(w) < 4 || !hasLetter(w) {
			continue
		}
		long++
		if isCapitalized(w) {
			capital++
		}
	}
	return long >= 4 && capital*4 >= long*3
}
