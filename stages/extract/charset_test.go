package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html/charset"
)

// encodePage encodes a UTF-8 page in the named encoding.
func encodePage(t testing.TB, page, name string) []byte {
	t.Helper()
	enc, _ := charset.Lookup(name)
	if enc == nil {
		t.Fatalf("unknown encoding %q", name)
	}
	out, err := enc.NewEncoder().String(page)
	if err != nil {
		t.Fatalf("encoding to %s: %v", name, err)
	}
	return []byte(out)
}

// charsetTexts are article paragraphs in several scripts, each of which
// every encoding it is tested with can represent.
var charsetTexts = map[string]string{
	"en":      "The council’s engineers said it’s over: the bridge’s deck can’t carry lorries, and the city won’t pay. “We’re done,” one said.",
	"fr":      "Le vieux pont a rouvert mardi après deux années de travaux, a déclaré la mairie. « C’est un soulagement », dit un habitant – à l’été, les bus reviendront.",
	"de":      "Die alte Brücke über den Fluss wurde am Dienstag nach zwei Jahren Bauzeit wieder geöffnet, teilte die Stadt mit. Größere Lastwagen dürfen sie nicht befahren.",
	"ja":      "川に架かる古い橋が、二年間の修理を経て火曜日に再開した。市議会によると、来週からバスの運行も再開される予定だという。住民は「やっと便利になる」と話している。",
	"zh":      "这座横跨河流的旧桥在经过两年的维修后于星期二重新开放，市议会说。从下周开始，公共汽车将再次使用这座桥，但是重型卡车仍然被禁止通行。",
	"zh-Hant": "這座橫跨河流的舊橋在經過兩年的維修後於星期二重新開放，市議會說。從下週開始，公共汽車將再次使用這座橋，但是重型卡車仍然被禁止通行。",
	"ko":      "강을 가로지르는 오래된 다리가 2년간의 수리를 마치고 화요일에 다시 개통되었다고 시의회가 밝혔다. 다음 주부터 버스가 다시 이 다리를 이용할 수 있다.",
	"ru":      "Старый мост через реку снова открылся во вторник после двух лет ремонта, сообщили в городском совете. Со следующей недели по нему снова пойдут автобусы.",
}

func TestCharset(t *testing.T) {
	tests := []struct {
		name     string
		lang     string
		encoding string
		decl     string // markup in <head> declaring the charset, if any
		pad      int    // bytes of comment before the declaration
	}{
		{"windows-1252 by meta charset", "fr", "windows-1252", `<meta charset="windows-1252">`, 0},
		{"windows-1252 undeclared", "fr", "windows-1252", "", 0},
		{"windows-1252 undeclared, English with curly apostrophes", "en", "windows-1252", "", 0},
		{"ISO-8859-1 by http-equiv", "de", "iso-8859-1", `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">`, 0},
		{"ISO-8859-1 undeclared", "de", "iso-8859-1", "", 0},
		{"ISO-8859-1 declared after the first 1024 bytes", "de", "iso-8859-1", `<meta charset="iso-8859-1">`, 2000},
		{"ISO-8859-1 mislabelled as UTF-8", "de", "iso-8859-1", `<meta charset="utf-8">`, 0},
		{"Shift_JIS by meta charset", "ja", "shift_jis", `<meta charset="Shift_JIS">`, 0},
		{"Shift_JIS by http-equiv", "ja", "shift_jis", `<meta http-equiv="content-type" content="text/html;charset=x-sjis">`, 0},
		{"Shift_JIS undeclared", "ja", "shift_jis", "", 0},
		{"Shift_JIS declared late", "ja", "shift_jis", `<meta charset="shift_jis">`, 3000},
		{"EUC-JP undeclared", "ja", "euc-jp", "", 0},
		{"GBK undeclared", "zh", "gbk", "", 0},
		{"GB18030 by meta charset", "zh", "gb18030", `<meta charset="gb18030">`, 0},
		{"Big5 undeclared", "zh-Hant", "big5", "", 0},
		{"EUC-KR undeclared", "ko", "euc-kr", "", 0},
		{"windows-1251 undeclared", "ru", "windows-1251", "", 0},
		{"KOI8-R by meta charset", "ru", "koi8-r", `<meta charset="koi8-r">`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := charsetTexts[tt.lang]
			head := "<!--" + strings.Repeat(" ", tt.pad) + "-->" + tt.decl + "<title>" + string([]rune(text)[:6]) + "</title>"
			page := encodePage(t, "<html><head>"+head+"</head><body><article><p>"+text+"</p><p>"+text+"</p></article></body></html>", tt.encoding)
			a, err := HTML(page, "")
			if err != nil {
				t.Fatal(err)
			}
			if want := text + "\n\n" + text; a.Text != want {
				t.Errorf("text =\n%q\nwant\n%q", a.Text, want)
			}
		})
	}
}

func TestLateDeclaration(t *testing.T) {
	tests := map[string]string{
		`<meta charset="Shift_JIS">`: "shift_jis",
		`<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">`: "windows-1252",
		`<?xml version="1.0" encoding="euc-jp"?>`:                                  "euc-jp",
		`<meta charset="no-such-thing"><meta charset=gbk>`:                         "gbk",
		`<p>no declaration</p>`:                                                    "",
	}
	for page, want := range tests {
		if got := lateDeclaration([]byte(page)); got != want {
			t.Errorf("lateDeclaration(%q) = %q, want %q", page, got, want)
		}
	}
}
