// Command entities scores newsmill's named-entity recognition on a CoNLL
// file (token and label per line, blank lines between sentences, labels in
// IOB1 or BIO; see entities.ReadCoNLL for the type spellings).
//
//	go run ./internal/eval/entities [-model newsmill|prose] [-weights MODEL.bin.gz] [-doc N] [-v] FILE.conll
//
// The tokens of each sentence are joined with single spaces into a line of
// text, every -doc sentences make a document, and the chosen recogniser
// runs on that text with the gold sentence spans, through its own
// tokenizer, exactly as in a run. A predicted mention counts when its byte
// span and type match a gold mention exactly; PERSON is PER, ORG is ORG,
// and GPE and LOC are one type; FAC and other labels are not scored. It
// prints precision, recall and F1 per type and micro-averaged, and the
// tokens per second of the recogniser. -weights scores a model file written
// by `go run ./internal/nertrain -o` instead of the embedded one.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/entities"
	"github.com/newsmill/newsmill/stages/entities/proseents"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "eval/entities:", err)
		os.Exit(1)
	}
}

// recognizer is what both entity models offer.
type recognizer interface {
	Entities(text string, sents []pipeline.Sentence) []pipeline.Entity
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("eval/entities", flag.ContinueOnError)
	model := fs.String("model", "newsmill", "recogniser: newsmill (the trained tagger) or prose")
	perDoc := fs.Int("doc", 20, "sentences per document")
	verbose := fs.Bool("v", false, "print each missed and each spurious mention")
	weights := fs.String("weights", "", "newsmill model file written by nertrain, instead of the embedded one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 || *perDoc < 1 {
		return errors.New("usage: entities [-model newsmill|prose] [-weights MODEL.bin.gz] [-doc N] [-v] FILE.conll [FILE.conll ...]")
	}
	rec, err := load(*model, *weights)
	if err != nil {
		return err
	}
	var micro, per, org, loc float64
	for _, path := range fs.Args() {
		sc, err := evalFile(out, rec, path, *model, *perDoc, *verbose)
		if err != nil {
			return err
		}
		micro += sc.f1("")
		per += sc.f1("PER")
		org += sc.f1("ORG")
		loc += sc.f1("LOC")
	}
	if n := float64(fs.NArg()); n > 1 {
		fmt.Fprintf(out, "macro average over %d sets: micro-F1 %.3f  PER %.3f  ORG %.3f  LOC %.3f\n", fs.NArg(), micro/n, per/n, org/n, loc/n)
	}
	return nil
}

// evalFile scores rec on the CoNLL file at path, perDoc sentences a
// document, prints the scores and returns them.
func evalFile(out io.Writer, rec recognizer, path, model string, perDoc int, verbose bool) (*scores, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sents, err := entities.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sc := &scores{}
	var elapsed time.Duration
	tokens := 0
	for i := 0; i < len(sents); i += perDoc {
		d := newDoc(sents[i:min(i+perDoc, len(sents))])
		start := time.Now()
		pred := rec.Entities(d.text, d.sents)
		elapsed += time.Since(start)
		tokens += d.tokens
		p := predicted(pred)
		sc.add(d.gold, p)
		if verbose {
			printErrors(out, d.text, d.gold, p)
		}
	}
	fmt.Fprintf(out, "%s: %d sentences, %d tokens, model %s, %.0f tokens/s\n", path, len(sents), tokens, model, float64(tokens)/elapsed.Seconds())
	sc.print(out)
	return sc, nil
}

// load returns the recogniser called name; for newsmill, the model in the
// file weights when that is not empty.
func load(name, weights string) (recognizer, error) {
	switch {
	case name == "newsmill" && weights != "":
		f, err := os.Open(weights)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		m, err := entities.ReadModel(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", weights, err)
		}
		return entities.NewTagger(m), nil
	case name == "newsmill":
		return entities.Default()
	case name == proseents.Model:
		return proseents.Shared()
	}
	return nil, fmt.Errorf("unknown model %q (newsmill or prose)", name)
}

// mention is a typed byte span.
type mention struct {
	typ        string
	start, end int
}

// doc is sentences joined into text, with their gold mentions.
type doc struct {
	text   string
	sents  []pipeline.Sentence
	gold   []mention
	tokens int
}

// newDoc writes each sentence on its own line, tokens separated by one
// space, and places the gold mentions.
func newDoc(sents []entities.LabeledSentence) doc {
	var b strings.Builder
	var d doc
	for _, s := range sents {
		start := b.Len()
		starts, ends := make([]int, len(s.Words)), make([]int, len(s.Words))
		for i, w := range s.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			starts[i] = b.Len()
			b.WriteString(w)
			ends[i] = b.Len()
		}
		d.sents = append(d.sents, pipeline.Sentence{Span: pipeline.Span{Start: start, End: b.Len()}})
		b.WriteByte('\n')
		d.tokens += len(s.Words)
		for i := 0; i < len(s.Labels); i++ {
			if !strings.HasPrefix(s.Labels[i], "B-") {
				continue
			}
			typ, end := s.Labels[i][2:], i+1
			for end < len(s.Labels) && s.Labels[end] == "I-"+typ {
				end++
			}
			d.gold = append(d.gold, mention{typ, starts[i], ends[end-1]})
			i = end - 1
		}
	}
	d.text = b.String()
	return d
}

// predicted returns the scored mentions of es, with newsmill's labels
// mapped to the gold types.
func predicted(es []pipeline.Entity) []mention {
	var out []mention
	for _, e := range es {
		typ := ""
		switch e.Label {
		case pipeline.LabelPerson:
			typ = "PER"
		case pipeline.LabelOrg:
			typ = "ORG"
		case pipeline.LabelGPE, pipeline.LabelLocation:
			typ = "LOC"
		default:
			continue
		}
		out = append(out, mention{typ, e.Start, e.End})
	}
	return out
}

// printErrors writes the gold mentions not predicted ("-") and the
// predictions not in gold ("+"), each with its line of text.
func printErrors(w io.Writer, text string, gold, pred []mention) {
	in := func(ms []mention) map[mention]bool {
		set := map[mention]bool{}
		for _, m := range ms {
			set[m] = true
		}
		return set
	}
	g, p := in(gold), in(pred)
	for _, m := range gold {
		if !p[m] {
			fmt.Fprintf(w, "- %s %q | %s\n", m.typ, text[m.start:m.end], lineOf(text, m))
		}
	}
	for _, m := range pred {
		if !g[m] {
			fmt.Fprintf(w, "+ %s %q | %s\n", m.typ, text[m.start:m.end], lineOf(text, m))
		}
	}
}

// lineOf returns the line of text (one sentence) that holds m.
func lineOf(text string, m mention) string {
	start := strings.LastIndexByte(text[:m.start], '\n') + 1
	end := strings.IndexByte(text[m.end:], '\n')
	if end < 0 {
		return text[start:]
	}
	return text[start : m.end+end]
}

// types are the scored types in print order.
var types = []string{"PER", "ORG", "LOC"}

// scores counts, per type, true positives, predictions and gold mentions.
type scores struct {
	tp, pred, gold map[string]int
	// confused counts gold mentions found with the right span and another
	// type, by "GOLD>PREDICTED" ("ORG>LOC").
	confused map[string]int
}

func (s *scores) add(gold, pred []mention) {
	if s.tp == nil {
		s.tp, s.pred, s.gold, s.confused = map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	}
	set := map[mention]bool{}
	spans := map[[2]int]string{}
	for _, g := range gold {
		set[g] = true
		spans[[2]int{g.start, g.end}] = g.typ
		s.gold[g.typ]++
	}
	for _, p := range pred {
		s.pred[p.typ]++
		if set[p] {
			s.tp[p.typ]++
		} else if g, ok := spans[[2]int{p.start, p.end}]; ok {
			s.confused[g+">"+p.typ]++
		}
	}
}

func (s *scores) print(w io.Writer) {
	var tp, pred, gold int
	for _, t := range types {
		fmt.Fprintf(w, "%-6s %s\n", t, prf(s.tp[t], s.pred[t], s.gold[t]))
		tp, pred, gold = tp+s.tp[t], pred+s.pred[t], gold+s.gold[t]
	}
	fmt.Fprintf(w, "%-6s %s\n", "micro", prf(tp, pred, gold))
	fmt.Fprintf(w, "same span, other type: ORG as place %d, place as ORG %d, ORG as PER %d, PER as ORG %d, PER as place %d, place as PER %d\n",
		s.confused["ORG>LOC"], s.confused["LOC>ORG"], s.confused["ORG>PER"], s.confused["PER>ORG"], s.confused["PER>LOC"], s.confused["LOC>PER"])
}

// f1 returns the F1 of type typ, or the micro-averaged F1 when typ is "".
func (s *scores) f1(typ string) float64 {
	var tp, pred, gold int
	for _, t := range types {
		if typ == "" || t == typ {
			tp, pred, gold = tp+s.tp[t], pred+s.pred[t], gold+s.gold[t]
		}
	}
	_, _, f := ratios(tp, pred, gold)
	return f
}

// prf formats precision, recall and F1.
func prf(tp, pred, gold int) string {
	p, r, f := ratios(tp, pred, gold)
	return fmt.Sprintf("P %.3f  R %.3f  F1 %.3f  (gold %d, predicted %d)", p, r, f, gold, pred)
}

// ratios returns precision, recall and F1.
func ratios(tp, pred, gold int) (p, r, f float64) {
	p = float64(tp) / float64(max(pred, 1))
	r = float64(tp) / float64(max(gold, 1))
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
