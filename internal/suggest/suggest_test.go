package suggest

import "testing"

func TestClosest(t *testing.T) {
	known := []string{"extract", "sentences", "entities", "quotes"}
	for _, tc := range []struct {
		word, want string
		ok         bool
	}{
		{"quotse", "quotes", true},
		{"sentence", "sentences", true},
		{"entites", "entities", true},
		{"extract", "extract", true},
		{"ner", "", false},
		{"xyzzy", "", false},
		{"", "", false},
	} {
		got, ok := Closest(tc.word, known)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tc.word, got, ok, tc.want, tc.ok)
		}
	}
	if h := Hint("modle", []string{"model"}); h != ` (did you mean "model"?)` {
		t.Errorf("Hint = %q", h)
	}
	if h := Hint("zzz", []string{"model"}); h != "" {
		t.Errorf("Hint = %q, want none", h)
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"abc", "abc", 0},
		{"abc", "acb", 1}, {"kitten", "sitting", 3}, {"Zoë", "Zoe", 1},
	} {
		if got := distance(tc.a, tc.b); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
