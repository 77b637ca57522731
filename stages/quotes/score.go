package quotes

import (
	"math"

	"github.com/newsmill/newsmill/pipeline"
)

// rulePrior is the prior probability that the speaker a rule finds is
// right. The values are hand-set for now; the evaluation on PolNeAR's
// train split is meant to recalibrate them.
var rulePrior = [...]float64{
	ruleNone:     0.1,
	ruleAfter:    0.95,
	ruleBefore:   0.92,
	ruleDash:     0.85,
	ruleColon:    0.7,
	ruleNear:     0.75,
	ruleLead:     0.7,
	ruleContinue: 0.72,
}

// confidence scores a quote's attribution in [0, 1]: the prior of the rule
// that found the speaker, lowered for weak cue verbs and for references
// (pronouns, descriptions) that had to be resolved, more so when they
// could not be. cue is nil when no verb was involved; m is nil when there
// is no speaker.
func confidence(r rule, cue *verbForm, m *mention, written string) float64 {
	p := rulePrior[r]
	if m == nil {
		return rulePrior[ruleNone]
	}
	if cue != nil {
		p *= cue.class.weight()
	}
	unresolved := m.name == written
	switch {
	case m.typ == pipeline.SpeakerPronoun && unresolved:
		p *= 0.6
	case m.typ == pipeline.SpeakerPronoun:
		p *= 0.9
	case m.definite && unresolved:
		p *= 0.85
	case m.definite:
		p *= 0.93
	}
	return math.Round(min(1, max(0, p))*1000) / 1000
}
