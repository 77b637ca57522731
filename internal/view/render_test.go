package view

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
)

// flat renders a node tree as bracketed text for comparisons.
func flat(n *Node) string {
	if n.Tag == "" {
		return n.Text
	}
	var b strings.Builder
	b.WriteString("[" + strings.Fields(n.Class)[0])
	if n.ID != "" {
		b.WriteString("#" + n.ID)
	}
	if n.Label != "" {
		b.WriteString("=" + n.Label)
	}
	b.WriteString(" ")
	for _, c := range n.Children {
		b.WriteString(flat(c))
	}
	b.WriteString("]")
	return b.String()
}

func TestMarkup(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    Article
		want string
	}{
		{"nested", Article{
			Doc:       Document{Text: "Ann said “go now”."},
			Sentences: []Sentence{{Start: 0, End: 18}},
			Entities:  []Entity{{Text: "Ann", Label: "PERSON", Start: 0, End: 3}},
			Quotes:    []Quote{{Kind: "direct", Start: 9, End: 17, HasSpeaker: true, SpeakerStart: 0, SpeakerEnd: 3, SpeakerName: "Ann", HasCue: true, CueStart: 4, CueEnd: 8}},
		}, "[text [sent#s-0 [speaker#sp-0 [ent#e-0=PERSON Ann]] [cue said] [quote#q-0 “go now”].]]"},
		{"crossing", Article{
			Doc:      Document{Text: "abcdef"},
			Entities: []Entity{{Label: "X", Start: 2, End: 5}},
			Quotes:   []Quote{{Kind: "direct", Start: 0, End: 4}},
		}, "[text [quote#q-0 ab[ent#e-0 cd]][ent=X e]f]"},
		{"out of range", Article{
			Doc:       Document{Text: "héllo"},
			Sentences: []Sentence{{Start: 0, End: 99}, {Start: 3, End: 3}, {Start: -1, End: 2}},
			Entities:  []Entity{{Label: "X", Start: 1, End: 2}},
		}, "[text h[ent#e-0=X é]llo]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Only the first fragment keeps the id, only the last the label.
			if got := flat(markup(&tc.a)); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// FuzzMarkup checks that any spans over any text render without panic,
// with the text intact.
func FuzzMarkup(f *testing.F) {
	f.Add("Ann said “go now”.", int64(0), int64(3), int64(9), int64(17), int64(2), int64(12))
	f.Add("", int64(-1), int64(5), int64(3), int64(1), int64(0), int64(0))
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int64) {
		art := &Article{
			Doc:       Document{Text: text},
			Sentences: []Sentence{{Start: a, End: b}, {Start: b, End: c}},
			Entities:  []Entity{{Label: "L", Start: c, End: d}, {Label: "M", Start: a, End: g}},
			Quotes:    []Quote{{Kind: "direct", Start: e, End: g, HasSpeaker: true, SpeakerStart: a, SpeakerEnd: d, HasCue: true, CueStart: b, CueEnd: e}},
		}
		root := markup(art)
		var text2 func(n *Node) string
		text2 = func(n *Node) string {
			s := n.Text
			for _, c := range n.Children {
				s += text2(c)
			}
			return s
		}
		if got := text2(root); got != string([]rune(text)) {
			t.Fatalf("text changed: %q, want %q", got, text)
		}
		var buf bytes.Buffer
		if err := pages["article"].ExecuteTemplate(&buf, "node", root); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzParseIndex checks that a corrupt index file is refused, not a panic.
func FuzzParseIndex(f *testing.F) {
	f.Add([]byte(indexMagic + indexMagic))
	f.Add([]byte(indexMagic + "{}" + "\x08\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00" + indexMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		parseIndex(data)
	})
}

// FuzzWords checks the byte tokenizer against a plain rune-by-rune one.
func FuzzWords(f *testing.F) {
	f.Add("Hello, WORLD: ÉTÉ 2024 naïve-test ǅemal İstanbul")
	f.Add("\xff\xfeabc\x80DEF")
	f.Fuzz(func(t *testing.T, s string) {
		var want []string
		start := -1
		for i, r := range s {
			ok := unicode.IsLetter(r) || unicode.IsDigit(r)
			if ok && start < 0 {
				start = i
			}
			if !ok && start >= 0 {
				want = append(want, strings.ToLower(s[start:i]))
				start = -1
			}
		}
		if start >= 0 {
			want = append(want, strings.ToLower(s[start:]))
		}
		var got []string
		wordsOf(s, func(w string) { got = append(got, w) })
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("wordsOf(%q) = %q, want %q", s, got, want)
		}
	})
}
