package pipeline

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
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

// Known returns an error naming the first key of o that is not among
// keys, so that a stage rejects misspelt options instead of ignoring them.
func (o Options) Known(keys ...string) error {
	names := make([]string, 0, len(o))
	for k := range o {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !contains(keys, k) {
			if len(keys) == 0 {
				return fmt.Errorf("unknown option %q: the stage takes none", k)
			}
			return fmt.Errorf("unknown option %q (known: %s)", k, strings.Join(keys, ", "))
		}
	}
	return nil
}

// Spec describes a registered stage: its name, what it needs from earlier
// stages and what it adds, and how to build it.
type Spec struct {
	Name        string
	Description string
	// Requires and Provides name the annotations a stage reads and writes,
	// such as "text", "sentences" or "entities". Every sources provides
	// "raw" (HTML or unextracted text).
	Requires []string
	Provides []string
	// Columns declares the output columns the stage adds (see Column).
	Columns []Column
	// New builds the stage. It should be cheap: load models in Open.
	New func(opts Options) (Stage, error)
}

var (
	registryMu sync.RWMutex
	registry   = map[string]Spec{}
)

// Register makes a stage available by name. It is meant to be called from
// init functions and panics when the name is empty, already taken, or the
// spec has no New function. It is safe for concurrent use.
func Register(s Spec) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if s.Name == "" || s.New == nil {
		panic("pipeline: Register needs a name and a New function")
	}
	if _, dup := registry[s.Name]; dup {
		panic("pipeline: Register called twice for stage " + s.Name)
	}
	registry[s.Name] = s
}

// Lookup returns the registered stage called name.
func Lookup(name string) (Spec, bool) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	s, ok := registry[name]
	return s, ok
}

// Registered returns every registered stage, sorted by name.
func Registered() []Spec {
	registryMu.RLock()
	defer registryMu.RUnlock()
	out := make([]Spec, 0, len(registry))
	for _, s := range registry {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
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

// Resolve looks up the named stages, checks their order with Check and
// builds each with its options (opts maps a stage name to its Options). It
// rejects options for stages that are not in names.
func Resolve(names []string, opts map[string]Options) ([]Step, error) {
	specs := make([]Spec, 0, len(names))
	for _, n := range names {
		s, ok := Lookup(n)
		if !ok {
			return nil, fmt.Errorf("unknown stage %q (see 'newsmill stages')", n)
		}
		specs = append(specs, s)
	}
	if err := Check(specs); err != nil {
		return nil, err
	}
	for n := range opts {
		if !contains(names, n) {
			return nil, fmt.Errorf("options given for stage %q, which is not in the run", n)
		}
	}
	steps := make([]Step, 0, len(specs))
	for _, s := range specs {
		st, err := s.New(opts[s.Name])
		if err != nil {
			return nil, fmt.Errorf("stage %s: %w", s.Name, err)
		}
		steps = append(steps, Step{Name: s.Name, Stage: st, Columns: s.Columns})
	}
	return steps, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
