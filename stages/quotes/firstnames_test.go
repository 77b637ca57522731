package quotes

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

// TestFirstNameGender checks the order of the first-name sources: the
// hand list for the names the table lacks or gets wrong for news, then
// the SSA table, unknown for its unisex names, and titles and role words
// only from the hand list.
func TestFirstNameGender(t *testing.T) {
	tests := []struct {
		name string
		want gender
	}{
		{"craig", genderMale},          // only in the table
		{"sonya", genderFemale},        // only in the table
		{"mary", genderFemale},         // only in the table
		{"jordan", genderUnknown},      // unisex in the table
		{"casey", genderUnknown},       // unisex in the table
		{"leslie", genderUnknown},      // unisex in the table
		{"narendra", genderMale},       // only in the hand list
		{"ulrike", genderFemale},       // only in the hand list
		{"yuri", genderMale},           // unisex in the table, male in the hand list
		{"carmen", genderFemale},       // unisex in the table, female in the hand list
		{"lord", genderMale},           // a title: the hand list's
		{"major", genderUnknown},       // a title, male in the table
		{"zorvath", genderUnknown},     // in neither
		{"", genderUnknown},            //
		{"craig smith", genderUnknown}, // one word only
	}
	for _, tt := range tests {
		if got := firstNameGender(tt.name); got != tt.want {
			t.Errorf("firstNameGender(%q) = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestGenderWordsAddToTable checks that the hand list repeats no first
// name of the table: each of its words is a title, role noun or pronoun,
// or a name the table lacks or gives another gender.
func TestGenderWordsAddToTable(t *testing.T) {
	roles := map[string]bool{}
	for _, w := range strings.Fields(`sir lord king prince son boy lady queen princess girl sister`) {
		roles[w] = true // role words that are also first names in the table
	}
	for w, g := range genderWords {
		if tg, ok := firstNames()[w]; ok && tg == g && !roles[w] {
			t.Errorf("%q: the table gives it the same gender; drop it from genderWords", w)
		}
	}
}

// TestFirstNamesTable checks the embedded table: it parses, is large,
// and its names are lower-case ASCII letters.
func TestFirstNamesTable(t *testing.T) {
	m, err := parseFirstNames(firstNamesData)
	if err != nil {
		t.Fatal(err)
	}
	if len(m) < 10000 {
		t.Fatalf("%d names, want at least 10,000", len(m))
	}
	for name := range m {
		if strings.Trim(name, "abcdefghijklmnopqrstuvwxyz") != "" {
			t.Errorf("name %q is not lower-case ASCII letters", name)
		}
	}
}

func gzipped(t testing.TB, s string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseFirstNames(t *testing.T) {
	tests := []struct {
		name, in string
		want     map[string]gender // nil: an error
	}{
		{"lines", "# comment\nann\tf\n\nbob\tm\nsam\tu\n", map[string]gender{"ann": genderFemale, "bob": genderMale, "sam": genderUnknown}},
		{"empty", "", map[string]gender{}},
		{"bad sex", "ann\tx\n", nil},
		{"no tab", "ann f\n", nil},
		{"no name", "\tf\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseFirstNames(gzipped(t, tt.in))
			if tt.want == nil {
				if err == nil {
					t.Fatalf("no error, want one")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if g, ok := got[k]; !ok || g != v {
					t.Errorf("%q: got %d (%v), want %d", k, g, ok, v)
				}
			}
		})
	}
	if _, err := parseFirstNames([]byte("not gzip")); err == nil {
		t.Error("no error on data that is not gzip")
	}
}

func FuzzParseFirstNames(f *testing.F) {
	f.Add("ann\tf\nbob\tm\n")
	f.Add("# c\n\tf\nx\n")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := parseFirstNames(gzipped(t, s))
		if err == nil && len(m) > strings.Count(s, "\n")+1 {
			t.Fatalf("%d names from %d lines", len(m), strings.Count(s, "\n")+1)
		}
	})
}

// BenchmarkFirstNamesLoad measures parsing the embedded table, the cost
// of the first firstNames call.
func BenchmarkFirstNamesLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseFirstNames(firstNamesData); err != nil {
			b.Fatal(err)
		}
	}
}
