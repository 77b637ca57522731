package extract

import (
	"strings"
)

// normaliseLang turns a language value as pages write it ("en_US",
// "EN-gb", "en-US,en;q=0.9", "English") into a BCP 47 tag with the usual
// casing ("en-US", "en-GB", "en"), or "" when it is not one. Subtags after
// the first malformed one are dropped.
func normaliseLang(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",; .@"); i >= 0 {
		s = s[:i]
	}
	if name, ok := langNames[strings.ToLower(s)]; ok {
		return name
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 || len(parts[0]) < 2 || len(parts[0]) > 3 || !isASCIILetters(parts[0]) {
		return ""
	}
	out := strings.ToLower(parts[0])
	if out == "und" || out == "mul" || out == "zxx" {
		return ""
	}
	for i, p := range parts[1:] {
		switch {
		case i == 0 && len(p) == 4 && isASCIILetters(p): // script
			out += "-" + strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		case len(p) == 2 && isASCIILetters(p): // region
			out += "-" + strings.ToUpper(p)
		case len(p) == 3 && strings.Trim(p, "0123456789") == "": // UN M.49 region
			out += "-" + p
		default:
			return out
		}
	}
	return out
}

// langNames maps the English names some sites put in a language <meta>.
var langNames = map[string]string{
	"english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it", "portuguese": "pt",
	"dutch": "nl", "russian": "ru", "chinese": "zh", "japanese": "ja", "arabic": "ar", "korean": "ko",
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}
