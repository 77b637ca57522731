package entities

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/newsmill/newsmill/pipeline"
)

func TestCollapse(t *testing.T) {
	for _, s := range []string{"", " ", "Mike Pompeo", " Mike Pompeo", "Mike  Pompeo", "Mike\nPompeo", "Mike\tPompeo ",
		"O’Brien", "“Bob”", "José Núñez", "Mike\u00a0Pompeo", "a\x7fb", "X"} {
		if got, want := collapse(s), strings.Join(strings.Fields(quoteFold.Replace(s)), " "); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestCanonicalSharesText checks that a canonical name written as in the
// text is the text's own bytes: a copy per mention made the entities of
// a huge document cost twice their size.
func TestCanonicalSharesText(t *testing.T) {
	text := strings.Repeat("Minister Anna Weiss met the Federal Office for the Environment in New York. ", 50)
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ents := tg.Entities(text, []pipeline.Sentence{{Span: pipeline.Span{Start: 0, End: len(text)}}})
	if len(ents) < 100 {
		t.Fatalf("%d entities", len(ents))
	}
	start := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	for _, e := range ents {
		if e.Canonical != e.In(text) {
			continue // resolved to a fuller name
		}
		if p := uintptr(unsafe.Pointer(unsafe.StringData(e.Canonical))); p < start || p >= start+uintptr(len(text)) {
			t.Fatalf("canonical name %q of %v is a copy", e.Canonical, e.Span)
		}
	}
}
