package gen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if _, err := WriteWARC(&a, WARCOptions{First: 5, N: 20, Words: 100, Gzip: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteWARC(&b, WARCOptions{First: 5, N: 20, Words: 100, Gzip: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two WARC files from the same options differ")
	}
	if !reflect.DeepEqual(NewArticle(7, 200), NewArticle(7, 200)) || reflect.DeepEqual(NewArticle(7, 200), NewArticle(8, 200)) {
		t.Error("articles are not a function of their index")
	}
}

func TestWriteJSONL(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSONL(&b, 10, 50, 300); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&b)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var rec jsonRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		if rec.ID != fmt.Sprintf("gen-%07d", 10+n) || !strings.Contains(rec.Text, "“") {
			t.Errorf("line %d: id %q, text %.80q", n+1, rec.ID, rec.Text)
		}
		if w := len(strings.Fields(rec.Text)); w < 250 || w > 400 {
			t.Errorf("line %d: %d words, want about 300", n+1, w)
		}
		n++
	}
	if n != 50 {
		t.Errorf("%d lines, want 50", n)
	}
}

func TestWARCMix(t *testing.T) {
	var b bytes.Buffer
	st, err := WriteWARC(&b, WARCOptions{N: 40, Words: 80})
	if err != nil {
		t.Fatal(err)
	}
	charsets := map[string]int{}
	dated := 0
	for _, a := range st.Articles {
		charsets[a.Charset]++
		if a.Dated {
			dated++
		}
	}
	// 40 indexes: 4 give a 404 and 4 a redirect; 8 images, 40 requests,
	// 40 metadata records, 8 image requests and a warcinfo.
	if len(st.Articles) != 32 || st.Records != 1+40*3+8*2 {
		t.Errorf("%d articles in %d records", len(st.Articles), st.Records)
	}
	if len(charsets) != 3 || dated == 0 || dated == len(st.Articles) {
		t.Errorf("charsets %v, %d dated: want a mix", charsets, dated)
	}
	if got := bytes.Count(b.Bytes(), []byte("WARC/1.1\r\n")); got != st.Records {
		t.Errorf("%d records written, %d reported", got, st.Records)
	}
}

func TestEncode8bit(t *testing.T) {
	if got := string(encode8bit("“é€ł”", true)); got != "\x93\xe9\x80&#322;\x94" {
		t.Errorf("windows-1252: %q", got)
	}
	if got := string(encode8bit("“é”", false)); got != "&#8220;\xe9&#8221;" {
		t.Errorf("ISO-8859-1: %q", got)
	}
}
