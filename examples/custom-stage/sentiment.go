package main

import (
	"context"
	"strings"
	"unicode"

	"github.com/newsmill/newsmill/pipeline"
)

// sentiment scores every quote with a small lexicon: the share of positive
// minus the share of negative words, in [-1, 1]. It keeps no state, so it
// is safe for concurrent use; it costs one pass over each quote's words.
type sentiment struct{ words map[string]float64 }

var lexicon = map[string]float64{
	"good": 1, "great": 1, "welcome": 1, "welcomed": 1, "proud": 1, "hope": 1, "success": 1, "ready": 1,
	"safe": 1, "better": 1, "win": 1, "glad": 1, "finally": 0.5,
	"bad": -1, "threat": -1, "danger": -1, "crisis": -1, "collapse": -1, "gamble": -1, "fear": -1,
	"worse": -1, "failed": -1, "attack": -1, "attacks": -1, "war": -1, "gone": -0.5,
}

func (s sentiment) Process(ctx context.Context, d *pipeline.Doc) error {
	for i := range d.Quotes {
		q := &d.Quotes[i]
		var sum float64
		n := 0
		for _, w := range strings.FieldsFunc(strings.ToLower(q.Words(d.Text)), func(r rune) bool { return !unicode.IsLetter(r) }) {
			sum += s.words[w]
			n++
		}
		if n > 0 {
			q.Fields = q.Fields.Set("sentiment", sum/float64(n))
		}
	}
	return nil
}

func init() {
	pipeline.Register(pipeline.Spec{
		Name:        "sentiment",
		Description: "lexicon-based sentiment score on every quote",
		Requires:    []string{"quotes"},
		Provides:    []string{"sentiment"},
		Columns: []pipeline.Column{{Table: pipeline.TableQuotes, Name: "sentiment", Type: pipeline.Float64,
			Description: "positive minus negative lexicon words, per word of the quote"}},
		New: func(opts pipeline.Options) (pipeline.Stage, error) {
			return sentiment{words: lexicon}, opts.Known()
		},
	})
}
