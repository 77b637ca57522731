package pipeline

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/newsmill/newsmill/internal/suggest"
)

// Registry holds stage specs by name, as Benthos' Environment holds
// plugins. Stages register with the Default registry from their init
// functions; a test or a service that wants its own set of stages builds
// one with NewRegistry, so that registering in a test does not collide
// with itself when the test runs twice. A Registry is safe for concurrent
// use.
type Registry struct {
	mu    sync.RWMutex
	specs map[string]Spec
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{specs: map[string]Spec{}} }

// Default is the registry that Register, Lookup, Registered and Resolve
// use, and that the newsmill command offers.
var Default = NewRegistry()

// Register makes a stage available by name. It panics when the name is
// empty, already taken, or the spec has no New function, as
// database/sql.Register does, since each is a programming error.
func (r *Registry) Register(s Spec) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s.Name == "" || s.New == nil {
		panic("pipeline: Register needs a name and a New function")
	}
	if _, dup := r.specs[s.Name]; dup {
		panic("pipeline: Register called twice for stage " + s.Name)
	}
	r.specs[s.Name] = s
}

// Lookup returns the stage registered as name.
func (r *Registry) Lookup(name string) (Spec, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	s, ok := r.specs[name]
	return s, ok
}

// Specs returns every registered stage, sorted by name.
func (r *Registry) Specs() []Spec {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]Spec, 0, len(r.specs))
	for _, s := range r.specs {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Names returns the names of the registered stages, sorted.
func (r *Registry) Names() []string {
	specs := r.Specs()
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.Name
	}
	return names
}

// Resolve looks up the named stages, checks their order with Check,
// checks every option against the stages' declared Options, and builds
// each stage with its options (opts maps a stage name to its Options).
// Every problem with names and options is reported at once, before any
// stage is built, each unknown name with a "did you mean" hint. It costs a
// map look-up per name and option plus the stages' New functions.
func (r *Registry) Resolve(names []string, opts map[string]Options) ([]Step, error) {
	var errs []error
	known := r.Names()
	specs := make([]Spec, 0, len(names))
	for _, n := range names {
		s, ok := r.Lookup(n)
		if !ok {
			errs = append(errs, fmt.Errorf("unknown stage %q%s (see 'newsmill stages')", n, suggest.Hint(n, known)))
			continue
		}
		specs = append(specs, s)
	}
	for _, n := range sortedKeys(opts) {
		if !slices.Contains(names, n) {
			errs = append(errs, fmt.Errorf("options given for stage %q, which is not in the run%s", n, suggest.Hint(n, names)))
		}
	}
	for _, s := range specs {
		errs = append(errs, checkOptions(s, opts[s.Name])...)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := Check(specs); err != nil {
		return nil, err
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

// checkOptions returns an error for each key of o that s does not declare,
// in sorted order.
func checkOptions(s Spec, o Options) []error {
	declared := make([]string, len(s.Options))
	for i, opt := range s.Options {
		declared[i] = opt.Name
	}
	var errs []error
	for _, k := range sortedKeys(o) {
		switch {
		case slices.Contains(declared, k):
		case len(declared) == 0:
			errs = append(errs, fmt.Errorf("stage %s: unknown option %q: the stage takes none", s.Name, k))
		default:
			errs = append(errs, fmt.Errorf("stage %s: unknown option %q%s (known: %s)", s.Name, k,
				suggest.Hint(k, declared), strings.Join(declared, ", ")))
		}
	}
	return errs
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Register registers s with the Default registry (see Registry.Register).
// It is meant to be called from init functions.
func Register(s Spec) { Default.Register(s) }

// Lookup returns the stage registered as name in the Default registry.
func Lookup(name string) (Spec, bool) { return Default.Lookup(name) }

// Registered returns every stage of the Default registry, sorted by name.
func Registered() []Spec { return Default.Specs() }

// Resolve resolves names with the Default registry (see Registry.Resolve).
func Resolve(names []string, opts map[string]Options) ([]Step, error) {
	return Default.Resolve(names, opts)
}
