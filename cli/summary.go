package cli

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/newsmill/newsmill/batch"
	"github.com/newsmill/newsmill/pipeline"
)

// summarize prints the run's summary: documents, words and speed of this
// run, the accounting of every record of the output (earlier runs that this
// one resumed included), per input when there are few, and each stage's
// share of the time.
func summarize(e env, s pipeline.Stats, m *batch.Manifest, hasManifest bool) {
	secs := s.Elapsed.Seconds()
	wps, dps := 0.0, 0.0
	if secs > 0 {
		wps = float64(s.Words) / secs
		dps = float64(s.Docs+s.Errors) / secs
	}
	fmt.Fprintf(e.stderr, "newsmill: %d documents, %d error rows, %d words in %s (%.0f words/s, %.1f docs/s)\n",
		s.Docs, s.Errors, s.Words, s.Elapsed.Round(time.Millisecond), wps, dps)
	t := m.Total()
	byStatus := map[string]int{}
	for _, in := range m.Inputs {
		byStatus[in.Status]++
	}
	fmt.Fprintf(e.stderr, "newsmill: %d inputs (%d complete, %d partial, %d pending): %d records read = %d documents + %d error rows",
		len(m.Inputs), byStatus[batch.InputComplete], byStatus[batch.InputPartial], byStatus[batch.InputPending], t.Records, t.Documents, t.Errors)
	if t.Skipped > 0 {
		fmt.Fprintf(e.stderr, "; %d WARC records skipped (not 200 HTML responses)", t.Skipped)
	}
	fmt.Fprintln(e.stderr)
	if len(m.Inputs) <= maxInputLines {
		for _, in := range m.Inputs {
			fmt.Fprintf(e.stderr, "newsmill:   %s: %s, %d records = %d documents + %d error rows", in.Path, in.Status, in.Records, in.Documents, in.Errors)
			if in.Skipped > 0 {
				fmt.Fprintf(e.stderr, " (%d skipped)", in.Skipped)
			}
			fmt.Fprintln(e.stderr)
		}
	} else if hasManifest {
		fmt.Fprintln(e.stderr, "newsmill: per input: see the manifest in the output directory")
	}
	var busy time.Duration
	for _, st := range s.Steps {
		busy += st.Busy
	}
	if busy == 0 {
		return
	}
	steps := append([]pipeline.StepStats(nil), s.Steps...)
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].Busy > steps[j].Busy })
	parts := make([]string, 0, len(steps))
	for _, st := range steps {
		parts = append(parts, fmt.Sprintf("%s %.0f%%", st.Name, 100*st.Busy.Seconds()/busy.Seconds()))
	}
	fmt.Fprintf(e.stderr, "newsmill: stage time: %s\n", strings.Join(parts, ", "))
}

// maxInputLines is the number of inputs up to which the summary has a line
// per input.
const maxInputLines = 20
