package quotes

import (
	"reflect"
	"strings"
	"testing"

	"github.com/newsmill/newsmill/stages/sentences"
)

// TestLower checks that analysis.lower and lowerBytes give
// strings.ToLower of any span, ASCII or not, including spans that share
// the lower-cased copy.
func TestLower(t *testing.T) {
	text := "The MINISTER said İstanbul’s KELVIN \u212a ÉLAN 5,000 U.S. ok"
	a := &analysis{text: text}
	for start := 0; start <= len(text); start++ {
		for end := start; end <= len(text); end++ {
			want := strings.ToLower(text[start:end])
			if got := a.lower(start, end); got != want {
				t.Fatalf("lower(%d, %d) = %q, want %q", start, end, got, want)
			}
			var buf [maxKey]byte
			if got := lowerBytes(&buf, text[start:end]); string(got) != want {
				t.Fatalf("lowerBytes(%q) = %q, want %q", text[start:end], got, want)
			}
		}
	}
}

// TestIsAndLowerWord checks analysis.is against strings.EqualFold and
// lowerWord against strings.ToLower on every word token of a text with
// ASCII and other words, for ASCII w and the word itself in either case.
func TestIsAndLowerWord(t *testing.T) {
	text := "The MINISTER said İstanbul’s KELVIN Kelvin \u212aelvin ÉLAN élan 5,000 U.S. ok o'clock [a] @ ` { Ss ſs"
	a := &analysis{text: text}
	a.toks = tokenize(nil, text, nil)
	ws := []string{"the", "THE", "minister", "kelvin", "elan", "u.s", "ok", "ss", "o'clock", "a", "[", "@", "`", "{"} // ASCII, as is wants
	for k, tok := range a.toks {
		if tok.kind != tkWord {
			continue
		}
		if got, want := a.lowerWord(k), strings.ToLower(a.word(k)); got != want {
			t.Errorf("lowerWord(%q) = %q, want %q", a.word(k), got, want)
		}
		for _, w := range append(ws, a.word(k), strings.ToUpper(a.word(k))) {
			if got, want := a.is(k, w), strings.EqualFold(a.word(k), w); got != want {
				t.Errorf("is(%q, %q) = %v, want %v", a.word(k), w, got, want)
			}
		}
	}
}

// TestInVocab checks that the length-and-letters filter in front of the
// vocab map never hides a word the map holds, and answers as the map does
// for words outside it.
func TestInVocab(t *testing.T) {
	words := []string{"", "x", "zzzz", "said", "sayings", "o'clock", "al-", "ministerr", "élan", "told", "the"}
	for w := range vocab {
		words = append(words, w, w+"q", "q"+w)
	}
	for _, w := range words {
		if len(w) > maxKey {
			continue
		}
		got, gotOK := inVocab([]byte(w))
		want, wantOK := vocab[w]
		if got != want || gotOK != wantOK {
			t.Errorf("inVocab(%q) = %v, %v; want %v, %v", w, got, gotOK, want, wantOK)
		}
	}
}

// TestExtractReusesBuffers checks that a call does not see the pooled
// buffers of an earlier, longer one: each text gives the same quotes
// whatever was extracted before it.
func TestExtractReusesBuffers(t *testing.T) {
	long := strings.Repeat("“We will rebuild the bridge,” said Mayor Ana Ruiz. The council agreed. ", 40)
	short := "Officials said the road would reopen. “Not soon,” Ruiz added."
	fresh := Extract(short, sentences.Split(short), nil)
	if len(fresh) == 0 {
		t.Fatal("no quotes in the short text")
	}
	for range 3 {
		Extract(long, sentences.Split(long), nil)
		if got := Extract(short, sentences.Split(short), nil); !reflect.DeepEqual(got, fresh) {
			t.Fatalf("after a longer text: %+v, want %+v", got, fresh)
		}
	}
}

// TestApostrophe checks apostrophe against strings.IndexAny.
func TestApostrophe(t *testing.T) {
	for _, w := range []string{"", "dont", "don't", "I’m", "it’s'", "'’", "’'", "a\xe2\x80’b", "\xe2'"} {
		if got, want := apostrophe(w), strings.IndexAny(w, "'’"); got != want {
			t.Errorf("apostrophe(%q) = %d, want %d", w, got, want)
		}
	}
}

// TestCountWords checks countWords against strings.Fields, whose notion of
// white space it shares.
func TestCountWords(t *testing.T) {
	for _, s := range []string{"", "  ", "one", " two  words ", "tab\tand\nline\r\v\f", "nbsp\u00a0and\u0085nel", "ideographic\u3000space", "bad\xffutf8 \xe2"} {
		want := len(strings.Fields(s))
		if got := countWords(s); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
		for limit := range 4 {
			if got := countWordsTo(s, limit); (got <= limit) != (want <= limit) || want <= limit && got != want {
				t.Errorf("countWordsTo(%q, %d) = %d, want %d", s, limit, got, want)
			}
		}
	}
}

// FuzzCountWords checks countWords against strings.Fields on any text.
func FuzzCountWords(f *testing.F) {
	f.Add("tab\tand\nline \u00a0nbsp\u3000wide bad\xffutf8 \xe2")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
	})
}

// TestLookupWord checks lookupWord against lowerKey and the vocab map.
func TestLookupWord(t *testing.T) {
	words := []string{"", "Said", "TOLD", "The", "Smith", "O'Brien", "É", strings.Repeat("a", maxKey+1)}
	for w := range vocab {
		words = append(words, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
	}
	var buf [maxKey]byte
	for _, w := range words {
		var want vocabEntry
		wantOK := false
		if key, ok := lowerKey(&buf, w); ok {
			want, wantOK = vocab[string(key)]
		}
		if got, gotOK := lookupWord(w); got != want || gotOK != wantOK {
			t.Errorf("lookupWord(%q) = %v, %v; want %v, %v", w, got, gotOK, want, wantOK)
		}
	}
}
