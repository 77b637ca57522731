package sentences

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// bullets are the characters that mark an item of a list.
const bullets = "•‣◦⁃∙·*"

// marker is a parsed list marker: "3.", "b)", "1.)", "⁃9.", or a bare bullet.
type marker struct {
	bullet rune   // leading bullet, or 0
	kind   byte   // 'n' number, 'a' lower-case letter, 'A' upper-case letter, 0 bare bullet
	value  int    // the number, or the letter's position from 1
	suffix string // ".", ")" or ".)"
}

// parseMarker parses w as a list marker.
func parseMarker(w string) (marker, bool) {
	var m marker
	if r, size := utf8.DecodeRuneInString(w); r != utf8.RuneError && strings.ContainsRune(bullets, r) {
		m.bullet = r
		w = strings.TrimLeft(w[size:], " \t")
		if w == "" {
			return m, true
		}
	}
	switch {
	case strings.HasSuffix(w, ".)"):
		m.suffix = ".)"
	case strings.HasSuffix(w, "."):
		m.suffix = "."
	case strings.HasSuffix(w, ")"):
		m.suffix = ")"
	default:
		return marker{}, false
	}
	body := w[:len(w)-len(m.suffix)]
	switch {
	case len(body) == 1 && body[0] >= 'a' && body[0] <= 'z':
		m.kind, m.value = 'a', int(body[0]-'a')+1
	case len(body) == 1 && body[0] >= 'A' && body[0] <= 'Z':
		m.kind, m.value = 'A', int(body[0]-'A')+1
	case len(body) >= 1 && len(body) <= 3:
		n, err := strconv.Atoi(body)
		if err != nil || n < 0 || body[0] == '+' || body[0] == '-' {
			return marker{}, false
		}
		m.kind, m.value = 'n', n
	default:
		return marker{}, false
	}
	return m, true
}

// isListMarker reports whether s is nothing but a list marker.
func isListMarker(s string) bool {
	_, ok := parseMarker(s)
	return ok
}

// follows reports whether m is the item after prev in the same list.
func (m marker) follows(prev marker) bool {
	if m.bullet != prev.bullet || m.kind != prev.kind || m.suffix != prev.suffix {
		return false
	}
	return m.kind == 0 || m.value == prev.value+1
}

// enumerationCuts returns the positions where the items of an enumeration
// written on one line start ("1) The first item 2) The second item"). Only
// a piece that opens with a list marker is an enumeration.
func enumerationCuts(piece string, words []word) []int {
	if len(words) < 2 {
		return nil
	}
	prev, ok := parseMarker(words[0].text)
	if !ok {
		return nil
	}
	var cuts []int
	for _, w := range words[1:] {
		m, ok := parseMarker(w.text)
		if ok && m.follows(prev) {
			cuts = append(cuts, w.start)
			prev = m
		}
	}
	return cuts
}
