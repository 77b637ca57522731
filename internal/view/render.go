package view

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Node is one element of an article's marked-up text: a run of text
// (Tag == "") or a span with attributes and children. The article template
// renders the tree recursively, so every string in it is escaped by
// html/template.
type Node struct {
	Tag      string // "" for text, else "span" or "mark"
	Text     string
	Class    string
	ID       string
	Title    string
	Label    string // data-label: an entity's label, shown by CSS
	Speaker  string // data-speaker: a quote's resolved speaker
	Ref      string // data-ref: the id of a quote's speaker mention
	N        string // data-n: a sentence's or quote's number
	Who      string // data-who: a quote's speaker, shown by CSS after it
	Children []*Node
}

// layers order spans that start at the same place: outer first.
const (
	layerSentence = iota
	layerQuote
	layerSpeaker
	layerCue
	layerEntity
)

// mark is a span to be marked, in code points.
type mark struct {
	start, end int
	layer      int
	proto      Node // attributes; copied into each fragment
	nodes      []*Node
}

// markup returns the tree of text with its sentences, quotes (with their
// speaker mentions and cues) and entities marked. Spans out of range or
// empty are left out; spans that cross are split into fragments, only
// the first of which carries the id and only the last the entity label
// and the quote's speaker label.
func markup(a *Article) *Node {
	runes := []rune(a.Doc.Text)
	n := len(runes)
	var marks []*mark
	add := func(start, end int64, layer int, proto Node) {
		if start < 0 || end > int64(n) || start >= end {
			return
		}
		marks = append(marks, &mark{start: int(start), end: int(end), layer: layer, proto: proto})
	}
	for i, s := range a.Sentences {
		add(s.Start, s.End, layerSentence, Node{Tag: "span", Class: "sent", ID: "s-" + strconv.Itoa(i), N: strconv.Itoa(i + 1)})
	}
	refs := speakerRefs(a.Quotes)
	speakerAt := map[[2]int64]string{} // speaker span → id of its node
	speakerOf := map[[2]int64][]string{}
	for i, q := range a.Quotes {
		ref := refs[i]
		if q.HasSpeaker {
			k := [2]int64{q.SpeakerStart, q.SpeakerEnd}
			speakerAt[k] = ref
			speakerOf[k] = append(speakerOf[k], strconv.Itoa(i+1))
		}
		add(q.Start, q.End, layerQuote, Node{
			Tag: "span", Class: "quote quote-" + classWord(q.Kind), ID: "q-" + strconv.Itoa(i),
			Title: quoteTitle(q), Speaker: q.SpeakerName, Ref: ref, N: strconv.Itoa(i + 1), Who: who(q),
		})
		if q.HasCue {
			add(q.CueStart, q.CueEnd, layerCue, Node{Tag: "span", Class: "cue", Title: "cue of quote " + strconv.Itoa(i+1)})
		}
	}
	keys := make([][2]int64, 0, len(speakerAt))
	for k := range speakerAt {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i][0] < keys[j][0] || keys[i][0] == keys[j][0] && keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		add(k[0], k[1], layerSpeaker, Node{
			Tag: "span", Class: "speaker", ID: speakerAt[k],
			Title: "speaker of quote " + strings.Join(speakerOf[k], ", "),
		})
	}
	for i, e := range a.Entities {
		title := e.Label
		if e.Canonical != "" && e.Canonical != e.Text {
			title += ": " + e.Canonical
		}
		add(e.Start, e.End, layerEntity, Node{
			Tag: "mark", Class: "ent ent-" + classWord(e.Label), ID: "e-" + strconv.Itoa(i), Title: title, Label: e.Label,
		})
	}
	sort.SliceStable(marks, func(i, j int) bool {
		a, b := marks[i], marks[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.end != b.end {
			return a.end > b.end
		}
		return a.layer < b.layer
	})

	root := &Node{Tag: "div", Class: "text"}
	type open struct {
		m    *mark
		node *Node
	}
	stack := []open{{node: root}}
	push := func(m *mark) {
		node := m.proto
		if len(m.nodes) > 0 {
			node.ID, node.N = "", "" // a continuation
			node.Class += " cont"
		}
		p := &node
		m.nodes = append(m.nodes, p)
		top := stack[len(stack)-1].node
		top.Children = append(top.Children, p)
		stack = append(stack, open{m, p})
	}
	text := func(from, to int) {
		if from < to {
			top := stack[len(stack)-1].node
			top.Children = append(top.Children, &Node{Text: string(runes[from:to])})
		}
	}
	// Boundaries: every start and end.
	var cuts []int
	for _, m := range marks {
		cuts = append(cuts, m.start, m.end)
	}
	cuts = append(cuts, 0, n)
	sort.Ints(cuts)
	next := 0 // next mark to open
	pos := 0
	for _, at := range cuts {
		if at < pos {
			continue
		}
		text(pos, at)
		pos = at
		// Close every span that ends here, with those opened inside it;
		// reopen the ones that go on.
		deepest := -1
		for i := 1; i < len(stack); i++ {
			if stack[i].m.end <= at {
				deepest = i
				break
			}
		}
		if deepest > 0 {
			var reopen []*mark
			for _, o := range stack[deepest:] {
				if o.m.end > at {
					reopen = append(reopen, o.m)
				}
			}
			stack = stack[:deepest]
			for _, m := range reopen {
				push(m)
			}
		}
		for next < len(marks) && marks[next].start == at {
			push(marks[next])
			next++
		}
	}
	for _, m := range marks {
		for i, node := range m.nodes {
			if i < len(m.nodes)-1 {
				node.Label, node.Who = "", ""
			}
		}
	}
	return root
}

// speakerRefs returns, for each quote, the id of its speaker mention's
// node ("sp-" and the first quote with that mention), "" without one.
func speakerRefs(quotes []Quote) []string {
	first := map[[2]int64]string{}
	refs := make([]string, len(quotes))
	for i, q := range quotes {
		if !q.HasSpeaker {
			continue
		}
		k := [2]int64{q.SpeakerStart, q.SpeakerEnd}
		if _, ok := first[k]; !ok {
			first[k] = "sp-" + strconv.Itoa(i)
		}
		refs[i] = first[k]
	}
	return refs
}

// who names a quote's speaker for the label after it.
func who(q Quote) string {
	switch {
	case q.SpeakerName != "":
		return q.SpeakerName
	case q.Speaker != "":
		return q.Speaker
	}
	return "?"
}

// classWord makes s usable in a class name: letters, digits and '-' only.
func classWord(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "other"
	}
	return b.String()
}

// quoteTitle is the hover text of a quote: speaker, cue, confidence.
func quoteTitle(q Quote) string {
	var parts []string
	switch {
	case q.SpeakerName != "" && q.Speaker != "" && q.Speaker != q.SpeakerName:
		parts = append(parts, fmt.Sprintf("speaker: %s (“%s”)", q.SpeakerName, q.Speaker))
	case q.SpeakerName != "":
		parts = append(parts, "speaker: "+q.SpeakerName)
	case q.Speaker != "":
		parts = append(parts, "speaker: “"+q.Speaker+"”")
	default:
		parts = append(parts, "no speaker found")
	}
	if q.HasCue {
		parts = append(parts, "cue: "+q.Cue)
	}
	parts = append(parts, fmt.Sprintf("confidence %.2f", q.Confidence), q.Kind)
	return strings.Join(parts, " · ")
}
