// Command nertrain trains newsmill's named-entity model and writes it where
// the entities stage embeds it.
//
//	go run ./internal/nertrain -corpus gmb:gmb:unseen:DATA/gmb.csv \
//	    -corpus wikigold:conll:split:DATA/wikigold.conll -corpus btc:conll:train:'DATA/btc_*.conll' \
//	    -heldout DATA/dev -o stages/entities/model.bin.gz
//
// Inputs are read from the paths given; nothing is downloaded (see
// corpora.md for where each corpus comes from). Each -corpus names a
// corpus, its format and its role. Formats: gmb, the CSV extract of the
// Groningen Meaning Bank ("Sentence #,Word,POS,Tag"); conll, a token and a
// label per line; uner, Universal NER's IOB2 files; gum, GUM's CoNLL-U
// files, whose proper-name mentions become labels (see readGUM). Roles: train (used
// whole), dev (scored whole, never trained on), split (the last -holdout
// fraction of its sentences is a development set) and unseen (also the
// -holdout before that is a development set, and the last one is kept
// unseen for a final check). Development sets are scored after training
// and written to -heldout as NAME.conll, unseen ones as NAME.unseen.conll,
// for `go run ./internal/eval/entities`. Every sentence is trained on
// (-conll-entities-only keeps, of corpora other than GMB, only the
// sentences with a mention; that scored lower). Titles that GMB puts inside
// person names ("President", "Mr.") or tags alone, a leading "The" and a
// trailing "'s" are moved out of its mentions, so that spans follow the
// usual convention. A title-cased copy of every tenth training sentence
// teaches the model headlines. Training is deterministic for a given -seed.
package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsmill/newsmill/stages/entities"
)

// corpusSpec is one -corpus flag: NAME:FORMAT:ROLE:PATH.
type corpusSpec struct {
	name, format, role, path string
}

// corpusSpecs is a repeatable -corpus flag.
type corpusSpecs []corpusSpec

func (c *corpusSpecs) String() string { return fmt.Sprint(*c) }

func (c *corpusSpecs) Set(v string) error {
	parts := strings.SplitN(v, ":", 4)
	if len(parts) != 4 || parts[0] == "" || parts[3] == "" {
		return fmt.Errorf("corpus %q: want NAME:FORMAT:ROLE:PATH", v)
	}
	if _, ok := readers[parts[1]]; !ok {
		return fmt.Errorf("corpus %q: unknown format %q (gmb, conll, uner, gum)", v, parts[1])
	}
	switch parts[2] {
	case roleTrain, roleDev, roleSplit, roleUnseen:
	default:
		return fmt.Errorf("corpus %q: unknown role %q (train, dev, split, unseen)", v, parts[2])
	}
	*c = append(*c, corpusSpec{parts[0], parts[1], parts[2], parts[3]})
	return nil
}

// Roles of a corpus: trained on whole, scored whole, or split from its
// end into a development part (split) and also an unseen part (unseen).
const (
	roleTrain  = "train"
	roleDev    = "dev"
	roleSplit  = "split"
	roleUnseen = "unseen"
)

// readers are the corpus formats.
var readers = map[string]func(io.Reader) ([]entities.LabeledSentence, error){
	"gmb":   readCleanGMB,
	"conll": entities.ReadCoNLL,
	"uner":  readUNER,
	"gum":   readGUM,
}

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "nertrain:", err)
		os.Exit(1)
	}
}

func run(args []string, log io.Writer) error {
	fs := flag.NewFlagSet("nertrain", flag.ContinueOnError)
	var corpora corpusSpecs
	fs.Var(&corpora, "corpus", "NAME:FORMAT:ROLE:PATH, FORMAT gmb, conll, uner or gum, ROLE train, dev, split or unseen; PATH may be a glob (repeatable)")
	holdout := fs.Float64("holdout", 0.15, "fraction of a split corpus's sentences, from its end, kept for development (and again, before it, for unseen)")
	heldout := fs.String("heldout", "", "directory to write development sets to, as NAME.conll, and unseen ones as NAME.unseen.conll")
	out := fs.String("o", "stages/entities/model.bin.gz", "model file to write")
	epochs := fs.Int("epochs", 10, "training passes")
	bits := fs.Uint("bits", 19, "log2 of the number of weight buckets")
	prune := fs.Float64("prune", 0.002, "zero the weights below this fraction of the largest")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	withEntities := fs.Bool("conll-entities-only", false, "train only on the sentences of non-GMB corpora that have a mention")
	clusterFile := fs.String("clusters", "", "word clusters written by ./internal/nertrain/clusters, for distributional features")
	headlineShare := fs.Int("headlines", 10, "add a headline copy (title case or capitals) of one training sentence in this many (0: none)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(corpora) == 0 {
		return errors.New("no training data: give -corpus")
	}
	var train []entities.LabeledSentence
	type set struct {
		name  string
		sents []entities.LabeledSentence
	}
	var sets []set
	for _, c := range corpora {
		sents, err := readCorpus(c)
		if err != nil {
			return err
		}
		n := len(sents)
		cut := int(float64(n) * *holdout)
		var tr []entities.LabeledSentence
		switch c.role {
		case roleTrain:
			tr = sents
		case roleDev:
			sets = append(sets, set{c.name, sents})
		case roleSplit:
			tr = sents[:n-cut]
			sets = append(sets, set{c.name, sents[n-cut:]})
		case roleUnseen:
			tr = sents[:n-2*cut]
			sets = append(sets, set{c.name, sents[n-2*cut : n-cut]}, set{c.name + ".unseen", sents[n-cut:]})
		}
		if *withEntities && c.format != "gmb" {
			tr = slices.DeleteFunc(slices.Clone(tr), func(s entities.LabeledSentence) bool { return !slices.ContainsFunc(s.Labels, isMention) })
		}
		train = append(train, tr...)
		fmt.Fprintf(log, "%s (%s, %s): %d sentences, %d used for training\n", c.name, c.path, c.role, n, len(tr))
	}
	train = append(train, headlines(train, *headlineShare)...)
	var clusters map[string]entities.Cluster
	if *clusterFile != "" {
		var err error
		if clusters, err = readClusters(*clusterFile); err != nil {
			return err
		}
		fmt.Fprintf(log, "%s: %d words\n", *clusterFile, len(clusters))
	}
	m := entities.Train(train, entities.TrainOptions{Epochs: *epochs, Bits: *bits, Seed: *seed, Prune: *prune, Log: log, Clusters: clusters})
	for _, s := range sets {
		if !strings.HasSuffix(s.name, ".unseen") {
			fmt.Fprintf(log, "development set %s, gold tokens: %s\n", s.name, score(m, s.sents))
		}
		if *heldout != "" {
			path := filepath.Join(*heldout, s.name+".conll")
			if err := writeFile(path, func(w io.Writer) error { return writeCoNLL(w, s.sents) }); err != nil {
				return err
			}
		}
	}
	if err := writeFile(*out, func(w io.Writer) error { _, err := m.WriteTo(w); return err }); err != nil {
		return err
	}
	st, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "wrote %s (%d bytes)\n", *out, st.Size())
	return nil
}

// readCorpus reads the files of c, its path a glob, in name order.
func readCorpus(c corpusSpec) ([]entities.LabeledSentence, error) {
	paths, err := filepath.Glob(c.path)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("corpus %s: no file matches %s", c.name, c.path)
	}
	var all []entities.LabeledSentence
	for _, p := range paths {
		sents, err := readFile(p, readers[c.format])
		if err != nil {
			return nil, err
		}
		all = append(all, sents...)
	}
	return all, nil
}

// readClusters reads a cluster file: "word fine coarse" a line.
func readClusters(path string) (map[string]entities.Cluster, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]entities.Cluster{}
	for n, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var w string
		var c entities.Cluster
		if _, err := fmt.Sscan(line, &w, &c.Fine, &c.Coarse); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n+1, err)
		}
		out[w] = c
	}
	return out, nil
}

// readUNER reads Universal NER's IOB2 files: "#" comment lines, then one
// token a line as index, word and label separated by tabs, blank lines
// between sentences.
func readUNER(r io.Reader) ([]entities.LabeledSentence, error) {
	var b strings.Builder
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "# ") {
			continue
		}
		if f := strings.Split(line, "\t"); len(f) >= 3 {
			line = f[1] + "\t" + f[2]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return entities.ReadCoNLL(strings.NewReader(b.String()))
}

func readFile(path string, read func(io.Reader) ([]entities.LabeledSentence, error)) ([]entities.LabeledSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sents, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return sents, nil
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readGMB reads the GMB CSV extract: a header, then one token a row with
// "Sentence: N" in the first column of a sentence's first row. Types are
// mapped with entities.NormalizeType; GMB's "gpe" (mostly nationalities,
// "Iraqi") and its other types become O.
func readGMB(r io.Reader) ([]entities.LabeledSentence, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var out []entities.LabeledSentence
	for row := 0; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if row == 0 || len(rec) < 4 {
			continue
		}
		if strings.HasPrefix(rec[0], "Sentence") || len(out) == 0 {
			out = append(out, entities.LabeledSentence{})
		}
		s := &out[len(out)-1]
		prefix, typ, _ := strings.Cut(rec[len(rec)-1], "-")
		label := "O"
		if t := entities.NormalizeType(typ); t != "" && typ != "gpe" {
			label = prefix + "-" + t
		}
		s.Words = append(s.Words, rec[1])
		s.Labels = append(s.Labels, label)
	}
	for i := range out {
		fixBIO(out[i].Labels)
	}
	return out, nil
}

// isMention reports whether a label is part of a mention.
func isMention(label string) bool { return label != "O" }

// readCleanGMB reads a GMB extract with readGMB and moves titles, "The"
// and "'s" out of its mentions with cleanSpans.
func readCleanGMB(r io.Reader) ([]entities.LabeledSentence, error) {
	sents, err := readGMB(r)
	for _, s := range sents {
		cleanSpans(s)
	}
	return sents, err
}

// fixBIO makes an I- label that follows no mention of its type a B- label.
func fixBIO(labels []string) {
	for i, l := range labels {
		if strings.HasPrefix(l, "I-") && (i == 0 || labels[i-1] == "O" || labels[i-1][2:] != l[2:]) {
			labels[i] = "B-" + l[2:]
		}
	}
}

// titleWords are the words GMB includes at the start of person mentions
// that other annotation schemes leave out.
var titleWords = map[string]bool{
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "president": true, "prime": true, "minister": true,
	"general": true, "gen.": true, "secretary": true, "senator": true, "sen.": true, "king": true, "queen": true,
	"prince": true, "pope": true, "chancellor": true, "vice": true, "foreign": true, "defense": true,
	"prophet": true, "sheikh": true, "ayatollah": true, "lt.": true, "colonel": true, "col.": true,
	"rep.": true, "gov.": true, "governor": true, "judge": true, "chairman": true, "cardinal": true,
	"archbishop": true, "bishop": true, "rev.": true, "premier": true, "envoy": true, "ambassador": true,
	"commander": true, "spokesman": true, "state": true, "of": true, "interior": true, "finance": true,
	"former": true, "leader": true, "saint": true, "st.": true, "captain": true, "capt.": true,
}

// cleanSpans moves out of each mention of s the words other schemes leave
// out: titles before a person's name, a leading "The", a trailing "'s".
func cleanSpans(s entities.LabeledSentence) {
	for i := 0; i < len(s.Labels); i++ {
		if !strings.HasPrefix(s.Labels[i], "B-") {
			continue
		}
		typ := s.Labels[i][2:]
		end := i + 1
		for end < len(s.Labels) && s.Labels[end] == "I-"+typ {
			end++
		}
		start := i
		for start < end && (strings.EqualFold(s.Words[start], "the") ||
			typ == "PER" && titleWords[strings.ToLower(s.Words[start])] && start+1 < end) {
			s.Labels[start] = "O"
			start++
		}
		for end > start && (s.Words[end-1] == "'s" || s.Words[end-1] == "’s") {
			end--
			s.Labels[end] = "O"
		}
		if end == start+1 && typ == "PER" && titleWords[strings.ToLower(s.Words[start])] {
			s.Labels[start] = "O" // a title without its name: "Mr.", "Prime"
			start = end
		}
		if start < end {
			s.Labels[start] = "B-" + typ
			switch {
			case typ == "ORG" && end == start+1 && countries[s.Words[start]]:
				// GMB's "U.S. President", "U.S. military".
				s.Labels[start] = "B-LOC"
			case typ == "LOC" && end == start+1 && (s.Words[start] == "U.N." || s.Words[start] == "UN"):
				// GMB's "U.N. envoy": the United Nations is an organisation.
				s.Labels[start] = "B-ORG"
			}
		}
		i = max(i, end-1)
	}
}

// countries are the country names GMB sometimes labels as organisations.
var countries = map[string]bool{"U.S.": true, "US": true, "U.K.": true, "UK": true, "America": true, "Britain": true}

// minorWords stay in lower case in a title-cased headline.
var minorWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "and": true, "or": true, "in": true,
	"on": true, "at": true, "to": true, "for": true, "by": true, "with": true, "from": true, "as": true}

// headlines returns a headline copy of every nth sentence, with the same
// labels, so that the tagger learns not to trust capitals in headlines:
// title case ("Police Arrest Two in Paris"), and every other one in capitals
// ("POLICE ARREST TWO IN PARIS").
func headlines(sents []entities.LabeledSentence, n int) []entities.LabeledSentence {
	if n <= 0 {
		return nil
	}
	var out []entities.LabeledSentence
	for i := 0; i < len(sents); i += n {
		s := sents[i]
		words := make([]string, len(s.Words))
		for k, w := range s.Words {
			r, size := utf8.DecodeRuneInString(w)
			switch {
			case i%(2*n) == n:
				words[k] = strings.ToUpper(w)
			case k > 0 && minorWords[w] || !unicode.IsLower(r):
				words[k] = w
			default:
				words[k] = string(unicode.ToUpper(r)) + w[size:]
			}
		}
		out = append(out, entities.LabeledSentence{Words: words, Labels: s.Labels})
	}
	return out
}

// writeCoNLL writes sents one token a line, blank lines between sentences.
func writeCoNLL(w io.Writer, sents []entities.LabeledSentence) error {
	var b strings.Builder
	for _, s := range sents {
		for i, word := range s.Words {
			b.WriteString(word)
			b.WriteByte('\t')
			b.WriteString(s.Labels[i])
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// score returns exact-mention precision, recall and F1 of m on sents,
// tagging the gold tokens.
func score(m *entities.Model, sents []entities.LabeledSentence) string {
	var all counts
	byType := map[string]*counts{"PER": {}, "ORG": {}, "LOC": {}}
	for _, s := range sents {
		gold, pred := spans(s.Labels), spans(m.Tag(s.Words))
		all.add(gold, pred)
		for typ, c := range byType {
			c.add(ofType(gold, typ), ofType(pred, typ))
		}
	}
	return fmt.Sprintf("%s; PER %s; ORG %s; LOC %s", &all, byType["PER"], byType["ORG"], byType["LOC"])
}

// ofType returns the mentions of ms with type typ.
func ofType(ms map[mention]bool, typ string) map[mention]bool {
	out := map[mention]bool{}
	for m := range ms {
		if m.typ == typ {
			out[m] = true
		}
	}
	return out
}

// mention is a typed token range.
type mention struct {
	typ        string
	start, end int
}

// spans returns the mentions of BIO labels.
func spans(labels []string) map[mention]bool {
	out := map[mention]bool{}
	for i := 0; i < len(labels); i++ {
		if !strings.HasPrefix(labels[i], "B-") {
			continue
		}
		typ, end := labels[i][2:], i+1
		for end < len(labels) && labels[end] == "I-"+typ {
			end++
		}
		out[mention{typ, i, end}] = true
		i = end - 1
	}
	return out
}

// counts tallies true positives, predictions and gold mentions.
type counts struct{ tp, pred, gold int }

func (c *counts) add(gold, pred map[mention]bool) {
	for m := range pred {
		if gold[m] {
			c.tp++
		}
	}
	c.pred += len(pred)
	c.gold += len(gold)
}

func (c *counts) String() string {
	p := float64(c.tp) / float64(max(c.pred, 1))
	r := float64(c.tp) / float64(max(c.gold, 1))
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f (%d gold)", p, r, f, c.gold)
}
