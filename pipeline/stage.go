package pipeline

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/newsmill/newsmill/internal/suggest"
)

// Stage annotates one document. Process may be called from several
// goroutines at once, each with a different Doc, so it must be safe for
// concurrent use; it never sees a Doc whose Err is set. Returning an error
// marks the document as failed by this stage and the run goes on; to stop the
// whole run, return an error wrapping ErrFatal.
type Stage interface {
	Process(ctx context.Context, d *Doc) error
}

// Opener is implemented by stages that load something (a model, a lexicon)
// once before the first document. Run calls Open once, before any Process.
type Opener interface {
	Open(ctx context.Context) error
}

// Closer is implemented by stages that hold resources. Run calls Close once,
// after the last Process, whether or not the run succeeded.
type Closer interface {
	Close() error
}

// StageFunc adapts a function to the Stage interface.
type StageFunc func(ctx context.Context, d *Doc) error

// Process calls f(ctx, d).
func (f StageFunc) Process(ctx context.Context, d *Doc) error { return f(ctx, d) }

// Options holds a stage's settings as key/value strings, as given on the
// command line with --stage-opt name.key=value.
type Options map[string]string

// Int returns the option key parsed as an int, or def when it is absent.
func (o Options) Int(key string, def int) (int, error) {
	v, ok := o[key]
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def, fmt.Errorf("option %s=%q: not an integer", key, v)
	}
	return n, nil
}

// Known returns an error naming the first key of o, in sorted order, that
// is not among keys. Resolve already rejects options a Spec does not
// declare, so a stage needs Known only when it builds itself outside
// Resolve.
func (o Options) Known(keys ...string) error {
	names := make([]string, 0, len(o))
	for k := range o {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !slices.Contains(keys, k) {
			if len(keys) == 0 {
				return fmt.Errorf("unknown option %q: the stage takes none", k)
			}
			return fmt.Errorf("unknown option %q%s (known: %s)", k, suggest.Hint(k, keys), strings.Join(keys, ", "))
		}
	}
	return nil
}

// Option declares one option a stage takes, given on the command line as
// --stage-opt stage.name=value.
type Option struct {
	Name string
	// Default is the value the stage uses when the option is absent, for
	// help texts; "" when there is none. Resolve does not fill it in.
	Default     string
	Description string
}

// Spec describes a registered stage: its name, what it needs from earlier
// stages and what it adds, and how to build it.
type Spec struct {
	Name        string
	Description string
	// Requires and Provides name the annotations a stage reads and writes,
	// such as "text", "sentences" or "entities". Every source provides
	// "raw" (HTML or unextracted text).
	Requires []string
	Provides []string
	// Uses names annotations the stage reads when an earlier stage
	// provides them but does without otherwise (quotes uses entities to
	// name speakers). Check ignores them; 'newsmill stages' shows them.
	Uses []string
	// Options declares every option the stage takes; Resolve rejects any
	// other, with a "did you mean" hint. A stage without Options takes none.
	Options []Option
	// Columns declares the output columns the stage adds (see Column).
	Columns []Column
	// New builds the stage. It should be cheap: load models in Open.
	New func(opts Options) (Stage, error)
}

// SourceProvides is what every source gives the first stage.
var SourceProvides = []string{"raw"}

// Check verifies that each spec's requirements are provided by a spec
// earlier in the list (or by the source), and that no name appears twice.
// Its error names the first stage whose needs are unmet.
func Check(specs []Spec) error {
	have := map[string]bool{}
	for _, p := range SourceProvides {
		have[p] = true
	}
	seen := map[string]bool{}
	for _, s := range specs {
		if seen[s.Name] {
			return fmt.Errorf("stage %q appears twice", s.Name)
		}
		seen[s.Name] = true
		var missing []string
		for _, r := range s.Requires {
			if !have[r] {
				missing = append(missing, r)
			}
		}
		if len(missing) > 0 {
			return fmt.Errorf("stage %q requires %s, which no earlier stage provides", s.Name, strings.Join(missing, ", "))
		}
		for _, p := range s.Provides {
			have[p] = true
		}
	}
	return checkColumns(specs)
}
