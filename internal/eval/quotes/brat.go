package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// span is a half-open byte range of an article's text.
type span struct{ start, end int }

// overlaps reports whether s and t share at least one byte.
func (s span) overlaps(t span) bool { return s.start < t.end && t.start < s.end }

// textBound is one brat text-bound annotation ("T3\tContent 13 98;100 120\t…"):
// its type and fragments, converted to byte offsets.
type textBound struct {
	typ   string
	frags []span
}

// relation is one brat event line ("E1\tAttribution:T4 Content:T3 Cue:T2
// Source:T1"): its type and the text-bound ids of each role. A role may
// repeat (Content, Content2).
type relation struct {
	typ     string
	content []string
	source  []string
	cue     []string
}

// annotations is one parsed .ann file.
type annotations struct {
	bounds    map[string]textBound
	relations []relation
}

// parseAnn reads brat standoff from r. Offsets in the file are code point
// offsets into text; they are converted to byte offsets. Lines that are not
// T or E lines (notes, and continuation lines of annotation texts that
// contain a newline) are skipped. A T line whose offsets fall outside text
// is an error naming its line.
func parseAnn(r io.Reader, text string) (*annotations, error) {
	byteAt := runeToByte(text)
	ann := &annotations{bounds: map[string]textBound{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for line := 1; sc.Scan(); line++ {
		fields := strings.SplitN(sc.Text(), "\t", 3)
		if len(fields) < 2 || len(fields[0]) < 2 {
			continue
		}
		id, body := fields[0], fields[1]
		switch id[0] {
		case 'T':
			typ, offs, ok := strings.Cut(body, " ")
			if !ok {
				return nil, fmt.Errorf("line %d: no offsets in %q", line, body)
			}
			tb := textBound{typ: typ}
			for _, f := range strings.Split(offs, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(f), " ")
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil || s < 0 || e < s || e >= len(byteAt) {
					return nil, fmt.Errorf("line %d: bad fragment %q for %d characters", line, f, len(byteAt)-1)
				}
				tb.frags = append(tb.frags, span{byteAt[s], byteAt[e]})
			}
			ann.bounds[id] = tb
		case 'E':
			parts := strings.Fields(body)
			if len(parts) == 0 {
				continue
			}
			typ, _, _ := strings.Cut(parts[0], ":")
			rel := relation{typ: typ}
			for _, p := range parts[1:] {
				role, ref, ok := strings.Cut(p, ":")
				if !ok {
					continue
				}
				switch strings.TrimRight(role, "0123456789") {
				case "Content":
					rel.content = append(rel.content, ref)
				case "Source":
					rel.source = append(rel.source, ref)
				case "Cue":
					rel.cue = append(rel.cue, ref)
				}
			}
			ann.relations = append(ann.relations, rel)
		}
	}
	return ann, sc.Err()
}

// runeToByte maps each code point index of text, and the index one past
// the last, to its byte offset.
func runeToByte(text string) []int {
	out := make([]int, 0, utf8.RuneCountInString(text)+1)
	for i := range text {
		out = append(out, i)
	}
	return append(out, len(text))
}

// frags returns the fragments of the text-bound annotations ids, in order.
func (a *annotations) frags(ids []string) []span {
	var out []span
	for _, id := range ids {
		out = append(out, a.bounds[id].frags...)
	}
	return out
}
