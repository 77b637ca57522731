package entities

import (
	"unicode"
	"unicode/utf8"
)

// Feature hashing. Every feature is a 64-bit hash of a template number and
// the values it combines; the model keeps one row of weights per hash
// bucket, so no feature strings are built and no maps are consulted.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Feature templates. Their numbers are part of the model format: changing
// one needs a retrained model.
const (
	fBias = iota + 1
	fLower
	fShape
	fPrefix3
	fSuffix2
	fSuffix3
	fSuffix4
	fPrevLower
	fNextLower
	fPrev2Lower
	fNext2Lower
	fPrevShape
	fNextShape
	fPrevLowerLower
	fLowerNextLower
	fShapeTrigram
	fFirstShape
	fRunLast
	fRunFirst
	fRunPosition
	fPrevLowerShape
	fTitlePrev
	fClass
	fPrevClass
	fNextClass
	fRunLastClass
	fHeadlineLower
	fHeadlineClass
	fRunClasses
	fRunFirstClass
	fAcronym
	fOrgHeadSide
	fCluster
	fCoarseCluster
	fPrevCluster
	fNextCluster
	fRunLastCluster
	fRunFirstCluster
	// Templates of the label history, scored during decoding.
	fPrevLabel
	fPrevLabelLower
	fPrevLabelShape
)

// staticFeatures is the number of features that depend on the words only.
const staticFeatures = fRunFirstCluster

// wordInfo holds the hashes of one token's forms.
type wordInfo struct {
	lower, shape                       uint64
	prefix3, suffix2, suffix3, suffix4 uint64
	cluster                            uint32 // word cluster: 1<<24 | fine<<8 | coarse; 0 when unknown
	class                              uint8  // gazetteer class
	acronym                            uint8  // number of letters, up to 6, of a word in capitals; else 0
	capital                            bool   // starts with an upper-case letter
	title                              bool   // a word that introduces a name
}

// mix combines a template number and up to three values into a hash.
func mix(t, a, b, c uint64) uint64 {
	h := t*0x9e3779b97f4a7c15 ^ a
	h = (h ^ h>>31) * 0xbf58476d1ce4e5b9
	h ^= b
	h = (h ^ h>>29) * 0x94d049bb133111eb
	h ^= c
	h = (h ^ h>>32) * 0xd6e8feb86659fd93
	return h ^ h>>32
}

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// Sentinel values for positions outside the sentence.
var (
	startWord = wordInfo{lower: 1, shape: 1}
	endWord   = wordInfo{lower: 2, shape: 2}
)

// featurizer computes the static features of sentences. It keeps scratch
// buffers, so one featurizer must not be used by two goroutines at once.
type featurizer struct {
	clusters map[string]uint32 // the model's word clusters, see wordInfo.cluster
	headline uint64            // 1 when the sentence is in title case
	norm     []byte
	info     []wordInfo
	runs     []int32 // per token: run start
	runE     []int32 // per token: run end (exclusive)
	runInfo  []runInfo
}

// runInfo describes the capitalised run that starts at a token, so that a
// token's run features cost the same however long its run is.
type runInfo struct {
	classes uint64 // bit per gazetteer class in the run, bit 7 when it has two or more words
	lastOrg int32  // index of the run's last organisation word, or -1
}

// isOrgClass reports whether a gazetteer class is an organisation's name or head word.
func isOrgClass(c uint8) bool { return c == classOrgHead || c == classOrg }

// describe fills f.info for words.
func (f *featurizer) describe(words []string) {
	f.info = f.info[:0]
	for _, w := range words {
		f.norm = normalize(f.norm[:0], w)
		n := f.norm
		wi := wordInfo{lower: hashBytes(n), shape: shapeHash(w)}
		wi.prefix3 = hashBytes(n[:min(3, len(n))])
		wi.suffix2 = hashBytes(n[max(0, len(n)-2):])
		wi.suffix3 = hashBytes(n[max(0, len(n)-3):])
		wi.suffix4 = hashBytes(n[max(0, len(n)-4):])
		r, _ := utf8.DecodeRuneInString(w)
		wi.capital = unicode.IsUpper(r)
		wi.title = titleWords[string(n)]
		wi.class = wordClass(n)
		wi.acronym = acronymLength(w)
		wi.cluster = f.clusters[string(n)]
		f.info = append(f.info, wi)
	}
	f.headline = 0
	if isHeadline(words, f.info) {
		f.headline = 1
	}
	// Runs of capitalised words, allowing lower-case name particles
	// inside ("Muqtada al-Sadr", "Bank of England").
	f.runs, f.runE = f.runs[:0], f.runE[:0]
	f.runInfo = append(f.runInfo[:0], make([]runInfo, len(words))...)
	for i := 0; i < len(words); {
		if !f.info[i].capital {
			f.runs = append(f.runs, int32(i))
			f.runE = append(f.runE, int32(i+1))
			i++
			continue
		}
		j := i + 1
		for j < len(words) {
			if f.info[j].capital {
				j++
				continue
			}
			k := j // a joiner, or a joiner and "the", before a capitalised word
			if runJoiner(words[k]) {
				k++
				if k+1 < len(words) && words[k] == "the" && (words[j] == "of" || words[j] == "for") {
					k++
				}
			}
			if k == j || k >= len(words) || !f.info[k].capital {
				break
			}
			j = k
		}
		r := runInfo{lastOrg: -1}
		for k := i; k < j; k++ {
			f.runs = append(f.runs, int32(i))
			f.runE = append(f.runE, int32(j))
			r.classes |= 1 << f.info[k].class
			if isOrgClass(f.info[k].class) {
				r.lastOrg = int32(k)
			}
		}
		if j-i > 1 {
			r.classes |= 1 << 7
		}
		f.runInfo[i] = r
		i = j
	}
}

// isHeadline reports whether a sentence is written in title case: four or
// more words of four or more letters, at least three quarters of them
// capitalised. Capitals then say little about names.
func isHeadline(words []string, info []wordInfo) bool {
	long, capital := 0, 0
	for i, w := range words {
		if len(w) < 4 || !isLetter(rune(w[0])) && w[0] < utf8.RuneSelf {
			continue
		}
		long++
		if info[i].capital {
			capital++
		}
	}
	return long >= 4 && capital*4 >= long*3
}

// acronymLength returns the number of letters of w, up to 6, when it has
// two or more and all are upper case ("NATO", "U.N."); else 0.
func acronymLength(w string) uint8 {
	n := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			n++
		case unicode.IsLetter(r):
			return 0
		}
	}
	if n < 2 {
		return 0
	}
	return uint8(min(n, 6))
}

// runJoiner reports whether a lower-case word may join two capitalised
// ones in a name; "of" and "for" may also be followed by "the" ("Federal
// Office for the Environment").
func runJoiner(w string) bool {
	switch w {
	case "of", "for", "and", "de", "al", "bin", "van", "von", "der", "la", "du", "del", "&", "-":
		return true
	}
	return false
}

// static appends to dst the static feature hashes of token i, after
// describe. There are exactly staticFeatures of them.
func (f *featurizer) static(dst []uint64, i int) []uint64 {
	at := func(k int) wordInfo {
		switch {
		case k < 0:
			return startWord
		case k >= len(f.info):
			return endWord
		}
		return f.info[k]
	}
	w, p, n, p2, n2 := at(i), at(i-1), at(i+1), at(i-2), at(i+2)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	var runLast, runFirst, runPos, runClass, runClasses, firstClass, headSide, lastCluster, firstCluster uint64
	if s, e := int(f.runs[i]), int(f.runE[i]); w.capital || e-s > 1 {
		runLast, runFirst = f.info[e-1].lower, f.info[s].lower
		lastCluster, firstCluster = uint64(f.info[e-1].cluster), uint64(f.info[s].cluster)
		runClass = uint64(f.info[e-1].class) + 1
		firstClass = uint64(f.info[s].class) + 1
		runPos = uint64(min(e-s, 5))<<8 | uint64(min(i-s, 4))<<4 | uint64(min(e-1-i, 4))
		r := f.runInfo[s]
		runClasses = r.classes
		switch {
		case isOrgClass(w.class):
			headSide = 2 // an organisation word
		case r.lastOrg > int32(i):
			headSide = 1 // before the run's last organisation word
		case r.lastOrg >= 0:
			headSide = 3 // after the run's organisation words
		}
	}
	acronym := uint64(0)
	if w.acronym > 0 {
		acronym = uint64(w.acronym)<<8 | uint64(w.class)
	}
	title := uint64(0)
	if p.title {
		title = 1
	}
	return append(dst,
		mix(fBias, 0, 0, 0),
		mix(fLower, w.lower, 0, 0),
		mix(fShape, w.shape, 0, 0),
		mix(fPrefix3, w.prefix3, 0, 0),
		mix(fSuffix2, w.suffix2, 0, 0),
		mix(fSuffix3, w.suffix3, 0, 0),
		mix(fSuffix4, w.suffix4, 0, 0),
		mix(fPrevLower, p.lower, 0, 0),
		mix(fNextLower, n.lower, 0, 0),
		mix(fPrev2Lower, p2.lower, 0, 0),
		mix(fNext2Lower, n2.lower, 0, 0),
		mix(fPrevShape, p.shape, 0, 0),
		mix(fNextShape, n.shape, 0, 0),
		mix(fPrevLowerLower, p.lower, w.lower, 0),
		mix(fLowerNextLower, w.lower, n.lower, 0),
		mix(fShapeTrigram, p.shape, w.shape, n.shape),
		mix(fFirstShape, first, w.shape, 0),
		mix(fRunLast, runLast, 0, 0),
		mix(fRunFirst, runFirst, 0, 0),
		mix(fRunPosition, runPos, 0, 0),
		mix(fPrevLowerShape, p.lower, w.shape, 0),
		mix(fTitlePrev, title, w.shape, 0),
		mix(fClass, uint64(w.class), w.shape, 0),
		mix(fPrevClass, uint64(p.class), w.shape, 0),
		mix(fNextClass, uint64(n.class), w.shape, 0),
		mix(fRunLastClass, runClass, 0, 0),
		mix(fHeadlineLower, f.headline, w.lower, 0),
		mix(fHeadlineClass, f.headline, uint64(w.class), runClass),
		mix(fRunClasses, runClasses, runPos&0xff, 0),
		mix(fRunFirstClass, firstClass, runClass, 0),
		mix(fAcronym, acronym, 0, 0),
		mix(fOrgHeadSide, headSide, w.shape, 0),
		mix(fCluster, uint64(w.cluster), w.shape, 0),
		mix(fCoarseCluster, uint64(w.cluster&0xff|w.cluster>>24<<8), w.shape, 0),
		mix(fPrevCluster, uint64(p.cluster), w.shape, 0),
		mix(fNextCluster, uint64(n.cluster), w.shape, 0),
		mix(fRunLastCluster, lastCluster, runPos&0xf0f, 0),
		mix(fRunFirstCluster, firstCluster, runPos&0xf0f, 0),
	)
}

// history appends to dst the historyFeatures label-history feature hashes
// of token i after label prev.
func (f *featurizer) history(dst []uint64, i int, prev int) []uint64 {
	w := f.info[i]
	return append(dst,
		mix(fPrevLabel, uint64(prev), 0, 0),
		mix(fPrevLabelLower, uint64(prev), w.lower, 0),
		mix(fPrevLabelShape, uint64(prev), w.shape, 0),
	)
}

// normalize appends w to dst in lower case, with curly apostrophes written
// straight and every digit written 0.
func normalize(dst []byte, w string) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c >= '0' && c <= '9':
				c = '0'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		switch {
		case r == '’' || r == '‘':
			dst = append(dst, '\'')
		case r == utf8.RuneError:
			dst = append(dst, w[i])
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		i += size
	}
	return dst
}

// shapeHash hashes the shape of w: each character as X (upper case), x
// (lower case), d (digit) or itself, runs of one class collapsed, so
// "Pompeo" is "Xx", "U.S." is "X.X." and "al-Sadr" is "x-Xx".
func shapeHash(w string) uint64 {
	h := uint64(fnvOffset)
	var last rune = -1
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r) || unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r == '’':
			c = '\''
		default:
			c = r
		}
		if c == last {
			continue
		}
		last = c
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// titleWords introduce a name; the model sees whether the previous word is
// one.
var titleWords = map[string]bool{}

func init() {
	for _, t := range titles {
		titleWords[t[len(t)-1]] = true
	}
	for _, w := range []string{"mr.", "mrs.", "ms.", "dr.", "gen.", "sen.", "rep.", "gov.", "lt.", "col.", "capt.", "sgt.", "prof.", "minister", "secretary", "president", "spokesman", "spokeswoman"} {
		titleWords[w] = true
	}
}
