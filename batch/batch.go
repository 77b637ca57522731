// Package batch runs newsmill over many inputs as one resumable, sharded,
// accounted job: it plans the run (inputs expanded and split into shards,
// stages resolved, the output directory checked), keeps a manifest that
// accounts for every record, resumes an interrupted run where it stopped,
// enforces limits, and stops gracefully. The newsmill annotate command is
// flags turned into a Config, a progress display and a summary around
// Run; a service or a binary of one's own can call Run the same way.
//
// A Parquet run writes OUT/<table>/part-NNNNN.parquet and the manifest
// OUT/_manifest.json (one per shard, _manifest-IIII-of-NNNN.json, when
// sharded). Parts are committed by renaming, and the manifest is rewritten
// atomically after each part, so whatever stops a run — a signal, a limit,
// kill -9 — the manifest lists exactly the rows the dataset holds, and
// Config.Resume finishes the job with every record stored once.
package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/sink"
	"github.com/newsmill/newsmill/source"
)

// DefaultStages is the full annotation pipeline, which Config.Stages nil
// means.
var DefaultStages = []string{"extract", "sentences", "entities", "quotes"}

// Config describes a batch run. The zero value of each limit means its
// default.
type Config struct {
	// Inputs are files, directories, glob patterns or "-" (see
	// source.Expand).
	Inputs []string
	// Stdin is read for "-"; nil means os.Stdin.
	Stdin io.Reader
	// Out is the directory of the Parquet dataset. Leave it empty and set
	// JSONL for JSON Lines output instead.
	Out string
	// JSONL receives one JSON object per document when set (see
	// sink.JSONL); there is no manifest then, so no Resume.
	JSONL io.Writer

	// Stages are the stages to run, in order (nil: DefaultStages), looked
	// up in Registry (nil: pipeline.Default) with their Options.
	Stages   []string
	Options  map[string]pipeline.Options
	Registry *pipeline.Registry
	// Workers per stage (default runtime.GOMAXPROCS(0)) and documents in
	// flight (see pipeline.Config.InFlight).
	Workers, InFlight int
	// InFlightBytes bounds the bytes of the documents in flight
	// (DefaultInFlightBytes when 0, no bound when negative; see
	// pipeline.Config.InFlightBytes).
	InFlightBytes int64
	// MaxDocTime is the time budget of one document in one stage
	// (DefaultMaxDocTime when 0, no budget when negative); a document over
	// it becomes an error row naming the stage.
	MaxDocTime time.Duration

	// Resume continues the run recorded in Out's manifest: complete inputs
	// are skipped, partial ones finished, and an input whose size or
	// modification time changed since is refused. Without Resume, Out's
	// parts of this shard are removed first.
	Resume bool
	// Force lets a new run (not Resume) replace the output of a run with
	// another shard count in Out, which is refused otherwise: that run's
	// parts, of every table, and manifests are removed first.
	Force bool
	// Shard selects one slice of the inputs (see Shard and ShardFromEnv).
	Shard Shard

	// MaxErrors stops reading once too many error rows were written;
	// StopAfter (when > 0) once that many records were written. Both stop
	// as Stop does.
	MaxErrors ErrorLimit
	StopAfter int64
	// MaxRecordBytes and MaxInputBytes bound one record and one input
	// (see source.WithMaxRecordBytes, source.WithMaxInputBytes).
	MaxRecordBytes int
	MaxInputBytes  int64
	// PartDocs and PartBytes roll Parquet parts over (see
	// sink.MaxDocsPerPart, sink.MaxBytesPerPart).
	PartDocs, PartBytes int64

	// Stop, when set, lets the caller stop the run gracefully (on a signal,
	// say): after Stop.Stop, reading ends, the documents in flight are
	// finished and written, the manifest says "stopped", and Run returns
	// pipeline.ErrStopped. MaxErrors and StopAfter stop it the same way.
	// Cancelling Run's context instead abandons the documents in flight
	// (the manifest still accounts for what is stored).
	Stop *Stopper
	// OnStart, when set, is called once the run is planned, before the
	// first document is read.
	OnStart func(Start)
	// Version is recorded in the manifest as the newsmill version.
	Version string
}

// Start tells Config.OnStart what a run is about to do.
type Start struct {
	Shard      Shard
	Inputs     int   // inputs of the shard, complete ones included
	Skipped    int   // inputs skipped as complete by Resume
	TotalBytes int64 // stored size of the inputs to read; 0 when unknown (stdin)
	// Manifest is the manifest's path, "" for JSON Lines output.
	Manifest string
	// Progress follows the run until Run returns.
	Progress *Progress
}

// Progress is a live view of a running batch. Its methods are safe for
// concurrent use and cost an atomic load.
type Progress struct {
	src *source.Source
	acc *accountant
}

// BytesRead returns the bytes read from the inputs as stored.
func (p *Progress) BytesRead() int64 { return p.src.BytesRead() }

// Written returns the documents and error rows written so far by this run.
func (p *Progress) Written() (docs, errs int64) { return p.acc.docs.Load(), p.acc.errs.Load() }

// Result is the outcome of Run.
type Result struct {
	Stats pipeline.Stats
	// Status is StatusComplete, StatusStopped or StatusFailed.
	Status string
	// StopReason says what stopped a stopped run.
	StopReason string
	// Manifest is the final accounting of the dataset, earlier runs that
	// this one resumed included; for JSON Lines output it is not saved.
	Manifest Manifest
	// ManifestPath is the saved manifest, "" for JSON Lines output.
	ManifestPath string
	// Lost lists the inputs read to their end whose records were not all
	// stored; Run then returns ErrLost.
	Lost []string
}

// ConfigError is a problem with a Config (or the command line it came
// from), found before anything is read or removed.
type ConfigError struct{ Msg string }

func (e *ConfigError) Error() string { return e.Msg }

func configErrorf(format string, a ...any) error {
	return &ConfigError{fmt.Sprintf(format, a...)}
}

// ErrLost is returned by Run when a run completed but some records read
// were not stored (see Result.Lost); it means a bug, not bad input.
var ErrLost = errors.New("records lost")

// Run plans and runs a batch: it checks cfg (a *ConfigError when it is
// wrong), resolves the stages, expands the inputs and picks the shard's,
// prepares Out (loading the manifest to resume, or removing this shard's
// parts), then runs the pipeline from the inputs to the sink while the
// manifest accounts for every part committed. It returns when the input is
// exhausted (nil), when it was stopped (pipeline.ErrStopped; see
// Config.Stop), or on the first fatal error; the Result is valid in every
// case but a *ConfigError. Run is safe to call from several goroutines
// with different Out directories.
func Run(ctx context.Context, cfg Config) (Result, error) {
	p, err := plan(cfg)
	if err != nil {
		return Result{}, err
	}
	defer p.lock.unlock()
	return p.run(ctx)
}

// planned is a run ready to start.
type planned struct {
	cfg     Config
	steps   []pipeline.Step
	inputs  []string // the shard's inputs still to read
	all     int      // the shard's inputs
	m       Manifest
	mpath   string           // "" without a manifest
	resume  map[string]int64 // records of partial inputs already stored, by Doc.Input
	skipped int              // complete inputs skipped by Resume
	lock    *shardLock       // the shard's lock in Out, held until the run ends
}

// plan checks cfg and works out the inputs, the stages and the manifest.
// With Out set, it takes the shard's lock (see lockShard) before it
// removes anything there; the caller unlocks the returned plan.
func plan(cfg Config) (_ *planned, err error) {
	switch {
	case len(cfg.Inputs) == 0:
		return nil, configErrorf("no input given")
	case cfg.Out == "" && cfg.JSONL == nil:
		return nil, configErrorf("no output given")
	case cfg.Out != "" && cfg.JSONL != nil:
		return nil, configErrorf("give either an output directory or a JSON Lines writer, not both")
	case cfg.JSONL != nil && cfg.Resume:
		return nil, configErrorf("resuming needs Parquet output (a manifest in the output directory)")
	case cfg.Force && cfg.Resume:
		return nil, configErrorf("--force replaces another run's output, --resume continues it: give one of them")
	case cfg.Workers < 0 || cfg.StopAfter < 0 || cfg.PartDocs < 0:
		return nil, configErrorf("workers, stop-after and part-docs must not be negative")
	case cfg.Shard.Count < 0 || cfg.Shard.Index < 0 || cfg.Shard.Index >= max(cfg.Shard.Count, 1):
		return nil, configErrorf("shard %d/%d: want 0 <= i < N", cfg.Shard.Index, cfg.Shard.Count)
	}
	if cfg.Stages == nil {
		cfg.Stages = DefaultStages
	}
	if cfg.Registry == nil {
		cfg.Registry = pipeline.Default
	}
	if cfg.Workers == 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Shard.Count == 0 {
		cfg.Shard.Count = 1
	}
	p := &planned{cfg: cfg}
	if p.steps, err = cfg.Registry.Resolve(cfg.Stages, cfg.Options); err != nil {
		return nil, &ConfigError{err.Error()}
	}
	inputs, err := source.Expand(cfg.Inputs)
	if err != nil {
		return nil, &ConfigError{err.Error()}
	}
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		// Lstat, not Stat: a dangling link is the source's to report as an
		// error row, not a reason to refuse the run.
		if _, err := os.Lstat(in); err != nil {
			return nil, configErrorf("input %v", err)
		}
	}
	inputs = cfg.Shard.Pick(dedupe(inputs))
	p.all = len(inputs)

	p.m = Manifest{SchemaVersion: sink.SchemaVersion, Newsmill: cfg.Version, Stages: cfg.Stages,
		Columns: stageColumns(p.steps), Options: recordedOptions(cfg.Options), Status: StatusRunning}
	if cfg.Shard.Count > 1 {
		s := cfg.Shard
		p.m.Shard = &s
	}
	if cfg.Out != "" {
		if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
			return nil, err
		}
		p.mpath = filepath.Join(cfg.Out, ManifestName(cfg.Shard))
		if p.lock, err = lockShard(cfg.Out, cfg.Shard); err != nil {
			return nil, err
		}
		defer func() {
			if err != nil {
				p.lock.unlock()
			}
		}()
		if err := p.checkLayout(); err != nil {
			return nil, err
		}
		if err := p.prepareOutput(inputs); err != nil {
			return nil, err
		}
	}
	index := p.m.indexer()
	for _, in := range inputs {
		key := source.Canonical(in)
		i := index(key)
		if p.m.Inputs[i].Path == key {
			p.m.Inputs[i].Path = source.Name(in)
		}
		if err := checkInput(&p.m.Inputs[i], in, p.mpath); err != nil {
			return nil, err
		}
		switch e := p.m.Inputs[i]; e.Status {
		case InputComplete:
			p.skipped++
			continue
		case InputPartial:
			if p.resume == nil {
				p.resume = map[string]int64{}
			}
			p.resume[key] = e.Documents + e.Errors
		}
		p.inputs = append(p.inputs, in)
	}
	if p.mpath != "" {
		if err := p.m.Save(p.mpath); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// prepareOutput loads the manifest to resume, or clears Out for a new run:
// part files of this shard that the manifest does not list are removed (a
// new run lists none), so the dataset holds exactly what it accounts for.
func (p *planned) prepareOutput(inputs []string) error {
	out, prefix := p.cfg.Out, p.cfg.Shard.PartPrefix()
	if !p.cfg.Resume {
		return sink.RemoveParts(out, prefix, nil)
	}
	old, err := LoadManifest(p.mpath)
	if err != nil {
		return err
	}
	if old == nil {
		return sink.RemoveParts(out, prefix, nil) // nothing to resume: start afresh
	}
	switch {
	case old.SchemaVersion != sink.SchemaVersion:
		return configErrorf("%s was written with table schema version %d, this newsmill writes %d: use a new output directory",
			p.mpath, old.SchemaVersion, sink.SchemaVersion)
	case !slices.Equal(old.Stages, p.m.Stages):
		return configErrorf("%s was written with --stages %s: resume with the same stages", p.mpath, strings.Join(old.Stages, ","))
	case !slices.Equal(old.Columns, p.m.Columns):
		return configErrorf("%s was written by stages with the columns [%s], these stages declare [%s]: use a new output directory",
			p.mpath, strings.Join(old.Columns, ", "), strings.Join(p.m.Columns, ", "))
	}
	for i, in := range old.Inputs {
		if in.Key == "" { // written before manifests recorded canonical names
			old.Inputs[i].Key = source.Canonical(in.Path)
		}
	}
	if err := checkPremise(old, p.mpath, inputs, p.cfg.Options); err != nil {
		return err
	}
	if err := sink.RemoveParts(out, prefix, listed(old.Parts)); err != nil {
		return err
	}
	old.Status, old.Newsmill, old.Shard = StatusRunning, p.m.Newsmill, p.m.Shard
	p.m = *old
	return nil
}

// run runs a planned batch.
func (p *planned) run(ctx context.Context) (Result, error) {
	cfg := p.cfg
	acc := newAccountant(p.m, p.mpath, cfg.JSONL != nil)
	cols := columnsOf(p.steps)
	open := func() (pipeline.Sink, error) {
		return sink.NewParquet(cfg.Out,
			sink.Columns(cols),
			sink.PartPrefix(cfg.Shard.PartPrefix()),
			sink.FirstPart(p.m.NextPart),
			sink.MaxDocsPerPart(cfg.PartDocs),
			sink.MaxBytesPerPart(cfg.PartBytes),
			sink.OnPart(acc.commitPart))
	}
	switch {
	case cfg.JSONL != nil:
		acc.sink = sink.NewJSONL(cfg.JSONL, cols...)
	case cfg.Resume && len(p.m.Parts) > 0:
		// The tables exist: a resume with nothing to write adds no part.
		acc.sink = &lazySink{open: open}
	default:
		// A new dataset gets its tables even when it holds no row.
		s, err := open()
		if err != nil {
			return Result{ManifestPath: p.mpath, Manifest: p.m, Status: StatusFailed}, err
		}
		acc.sink = s
	}

	st := cfg.Stop
	if st == nil {
		st = NewStopper()
	}
	acc.onWrite = func(docs, errs int64) {
		if cfg.MaxErrors.Exceeded(docs, errs) {
			st.Stop(fmt.Sprintf("more than %s error rows (--max-errors)", cfg.MaxErrors.String()))
		}
		if cfg.StopAfter > 0 && docs+errs >= cfg.StopAfter {
			st.Stop(fmt.Sprintf("%d records written (--stop-after)", cfg.StopAfter))
		}
	}
	stdin := cfg.Stdin
	if stdin == nil {
		stdin = os.Stdin
	}
	src := source.New(p.inputs, source.WithStdin(stdin), source.OnInputDone(acc.inputDone), source.WithResume(p.resume),
		source.WithMaxRecordBytes(cfg.MaxRecordBytes), source.WithMaxInputBytes(cfg.MaxInputBytes),
		source.WithOutput(outputPath(cfg)))
	if cfg.OnStart != nil {
		cfg.OnStart(Start{Shard: cfg.Shard, Inputs: p.all, Skipped: p.skipped, TotalBytes: totalSize(p.inputs),
			Manifest: p.mpath, Progress: &Progress{src: src, acc: acc}})
	}
	running := make(chan struct{})
	go func() {
		select {
		case <-st.Done():
			// An error here (disk full) is met again by the next save.
			_ = acc.stopping()
		case <-running:
		}
	}()
	stats, err := pipeline.Run(ctx, pipeline.Config{
		Source:   src,
		Steps:    p.steps,
		Sink:     acc,
		Workers:  cfg.Workers,
		InFlight: cfg.InFlight,
		Recover:  true,
		Stop:     st.Done(),
		// Parquet tables are joined on doc_id: a repeated one is an error row.
		UniqueIDs:     true,
		InFlightBytes: orDefault(cfg.InFlightBytes, DefaultInFlightBytes),
		MaxDocTime:    orDefault(cfg.MaxDocTime, DefaultMaxDocTime),
	})
	close(running)
	if err != nil && cfg.Out != "" {
		// A part whose commit failed half way (a full disk) leaves the
		// files of some of its tables: the dataset holds what the
		// manifest lists, and nothing else.
		if rerr := acc.removeUnlisted(cfg.Out, cfg.Shard.PartPrefix()); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}
	res := Result{Stats: stats, Status: StatusComplete, ManifestPath: p.mpath}
	switch {
	case errors.Is(err, pipeline.ErrStopped),
		errors.Is(err, context.Canceled) && st.Reason() != "": // stopped, then cancelled (a second signal)
		res.Status, res.StopReason = StatusStopped, st.Reason()
	case err != nil:
		res.Status = StatusFailed
	}
	m, lost, ferr := acc.finish(res.Status)
	res.Manifest, res.Lost = m, lost
	switch {
	case err != nil:
		return res, err
	case ferr != nil:
		return res, ferr
	case len(lost) > 0:
		return res, ErrLost
	}
	return res, nil
}

// listed returns a keep function for sink.RemoveParts that keeps the
// parts named.
func listed(parts []string) func(base string) bool {
	names := make(map[string]bool, len(parts))
	for _, name := range parts {
		names[name] = true
	}
	return func(base string) bool { return names[base] }
}

// dedupe drops inputs that name the same file as an earlier one (by
// source.Canonical), which would otherwise be read and counted twice.
func dedupe(inputs []string) []string {
	seen := map[string]bool{}
	out := inputs[:0:0]
	for _, in := range inputs {
		if key := source.Canonical(in); !seen[key] {
			seen[key] = true
			out = append(out, in)
		}
	}
	return out
}

// columnsOf lists the columns the steps declare.
func columnsOf(steps []pipeline.Step) []pipeline.Column {
	var cols []pipeline.Column
	for _, s := range steps {
		cols = append(cols, s.Columns...)
	}
	return cols
}

// stageColumns describes the columns the steps declare, for the manifest.
func stageColumns(steps []pipeline.Step) []string {
	var cols []string
	for _, c := range columnsOf(steps) {
		cols = append(cols, c.Table+"."+c.Name+" "+c.Type.String())
	}
	return cols
}

// totalSize is the stored size of the input files, 0 when one is standard
// input.
func totalSize(inputs []string) int64 {
	var n int64
	for _, in := range inputs {
		if in == "-" {
			return 0
		}
		if info, err := os.Stat(in); err == nil {
			n += info.Size()
		}
	}
	return n
}

// Stopper stops a run gracefully, once: the first reason given is kept.
// It is safe for concurrent use.
type Stopper struct {
	ch     chan struct{}
	once   sync.Once
	mu     sync.Mutex
	reason string
}

// NewStopper returns a Stopper that has not stopped.
func NewStopper() *Stopper { return &Stopper{ch: make(chan struct{})} }

// Stop stops the run for reason; later calls do nothing.
func (s *Stopper) Stop(reason string) {
	s.once.Do(func() {
		s.mu.Lock()
		s.reason = reason
		s.mu.Unlock()
		close(s.ch)
	})
}

// Done is closed once Stop was called.
func (s *Stopper) Done() <-chan struct{} { return s.ch }

// Reason returns the reason given to the first Stop, "" before it.
func (s *Stopper) Reason() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reason
}

// outputPath is what the run writes: the dataset directory, or the file
// behind the JSON Lines writer when it is one (standard output aside), so
// that the source never reads it back as an input.
func outputPath(cfg Config) string {
	if cfg.Out != "" {
		return cfg.Out
	}
	if f, ok := cfg.JSONL.(*os.File); ok && f != os.Stdout {
		return f.Name()
	}
	return ""
}
