package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/sink"
	"github.com/newsmill/newsmill/source"
)

// defaultStages is the full annotation pipeline.
const defaultStages = "extract,sentences,entities,quotes"

// stageOpts collects repeated --stage-opt name.key=value flags.
type stageOpts map[string]pipeline.Options

func (o stageOpts) String() string { return "" }

func (o stageOpts) Set(v string) error {
	kv, val, ok := strings.Cut(v, "=")
	name, key, ok2 := strings.Cut(kv, ".")
	if !ok || !ok2 || name == "" || key == "" {
		return fmt.Errorf("want name.key=value, got %q", v)
	}
	if o[name] == nil {
		o[name] = pipeline.Options{}
	}
	o[name][key] = val
	return nil
}

// annotateFlags are the settings of one annotate run.
type annotateFlags struct {
	out, format, stages string
	workers, inflight   int
	quiet, resume       bool
	opts                stageOpts
	shard               string
	shardCount          int
	maxErrors           errorLimit
	stopAfter           int64
	maxDoc, maxInput    byteSize
	partDocs            int64
	partBytes           byteSize
	progressEvery       time.Duration
}

const annotateUsage = `Usage: newsmill annotate -o OUT [flags] INPUT...

Reads articles from each INPUT (.txt, .html/.htm, .jsonl/.ndjson, .warc,
each optionally compressed with gzip or zstd; directories recursively; glob
patterns such as 'crawl/*.warc.gz'; - for JSON Lines on stdin), runs the
stages and writes the tables documents, sentences, entities, quotes and
errors as OUT/<table>/part-NNNNN.parquet, with OUT/_manifest.json accounting
for every input. Every record read becomes a document or an error row.

The first SIGINT or SIGTERM stops reading, finishes the documents in flight
and closes the files; --resume then finishes the run. Exit status: 0 when the
run completed (even with error rows), 1 when it failed or was stopped, 2 for
usage errors.

Flags:
`

func annotate(e env, args []string) int {
	fs := flag.NewFlagSet("annotate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	f := annotateFlags{opts: stageOpts{}, maxDoc: source.DefaultMaxRecordBytes, maxInput: source.DefaultMaxInputBytes,
		partBytes: sink.DefaultMaxBytesPerPart}
	fs.StringVar(&f.out, "o", "", "output: a directory for Parquet tables, or - for JSON Lines on stdout (required)")
	fs.StringVar(&f.format, "format", "parquet", "output format: parquet (a directory of tables) or jsonl (one document per line)")
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "workers per stage")
	fs.StringVar(&f.stages, "stages", defaultStages, "comma-separated stages to run, in order (see 'newsmill stages')")
	fs.IntVar(&f.inflight, "inflight", 0, "maximum documents in flight (default 4 × workers, at least 16)")
	fs.BoolVar(&f.quiet, "q", false, "print neither progress nor the summary")
	fs.Var(f.opts, "stage-opt", "a stage option as `name.key=value` (repeatable)")
	fs.BoolVar(&f.resume, "resume", false, "continue the run recorded in OUT's manifest: skip complete inputs, finish the others")
	fs.StringVar(&f.shard, "shard", "", "process shard `i/N` of the inputs (default: from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)")
	fs.IntVar(&f.shardCount, "shard-count", 0, "number of shards when the index comes from the environment (or NEWSMILL_SHARD_COUNT)")
	fs.Var(&f.maxErrors, "max-errors", "stop the run, with exit status 1, once it has more than `N` error rows, or (as N%) once more than N% of at least 100 records failed (default: no limit)")
	fs.Int64Var(&f.stopAfter, "stop-after", 0, "stop reading after `N` records are written, as on SIGINT (0: no limit)")
	fs.Var(&f.maxDoc, "max-doc-bytes", "records larger than `SIZE` (such as 16MiB) become error rows")
	fs.Var(&f.maxInput, "max-input-bytes", "stop reading an input after `SIZE` of decompressed data, with an error row")
	fs.Int64Var(&f.partDocs, "part-docs", sink.DefaultMaxDocsPerPart, "start a new part file after `N` records")
	fs.Var(&f.partBytes, "part-bytes", "start a new part file after about `SIZE` of uncompressed row data")
	fs.DurationVar(&f.progressEvery, "progress-every", 10*time.Second, "interval of progress log lines when stderr is not a terminal")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, annotateUsage)
		fs.PrintDefaults()
	}
	args, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	return f.run(e, args)
}

// usageError is a command-line problem, reported with exit status 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// plan is what a run will do, decided before it starts.
type plan struct {
	inputs   []string // the shard's inputs still to read
	shard    shard
	shardSrc string
	steps    []pipeline.Step
	names    []string // stage names
	m        *manifest
	mpath    string           // "" without a manifest
	resume   map[string]int64 // records of partial inputs already stored
	skipped  int              // complete inputs skipped by --resume
}

func (f *annotateFlags) run(e env, args []string) int {
	p, err := f.plan(e, args)
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "newsmill annotate: %s\nRun 'newsmill annotate --help' for usage.\n", ue.msg)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "newsmill annotate: %v\n", err)
		return exitFail
	}
	if p.shardSrc != "" && !f.quiet {
		fmt.Fprintf(e.stderr, "newsmill: shard %d of %d (from %s): %d inputs\n", p.shard.Index, p.shard.Count, p.shardSrc, len(p.inputs)+p.skipped)
	}
	if p.skipped > 0 && !f.quiet {
		fmt.Fprintf(e.stderr, "newsmill: resuming: %d inputs already complete\n", p.skipped)
	}

	l := newLedger(p.m, p.mpath, nil)
	out, err := f.openSink(e, p, l)
	if err != nil {
		fmt.Fprintf(e.stderr, "newsmill annotate: %v\n", err)
		return exitFail
	}
	l.sink = out

	// The first SIGINT or SIGTERM, --stop-after and --max-errors stop
	// reading and let the documents in flight finish; a second signal (or
	// the parent context) cancels at once.
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	st := newStopper()
	go stopOnSignal(ctx, st, cancel)
	l.onWrite = func(docs, errs int64) {
		if f.maxErrors.exceeded(docs, errs) {
			st.stop(fmt.Sprintf("more than %s error rows (--max-errors)", f.maxErrors.String()))
		}
		if f.stopAfter > 0 && docs+errs >= f.stopAfter {
			st.stop(fmt.Sprintf("%d records written (--stop-after)", f.stopAfter))
		}
	}

	src := source.New(p.inputs, source.WithStdin(e.stdin), source.WithObserver(l), source.WithResume(p.resume),
		source.WithMaxRecordBytes(int(f.maxDoc)), source.WithMaxInputBytes(int64(f.maxInput)))
	var prog *progress
	if !f.quiet {
		prog = startProgress(e.stderr, progressSource{
			bytesRead: src.BytesRead,
			written:   func() (int64, int64) { return l.docs.Load(), l.errs.Load() },
		}, totalSize(p.inputs), f.progressEvery)
	}
	stats, err := pipeline.Run(ctx, pipeline.Config{
		Source:   src,
		Steps:    p.steps,
		Sink:     l,
		Workers:  f.workers,
		InFlight: f.inflight,
		Recover:  true,
		Stop:     st.ch,
	})
	if prog != nil {
		prog.stop()
	}
	status := statusComplete
	switch {
	case errors.Is(err, pipeline.ErrStopped):
		status = statusStopped
	case err != nil:
		status = statusFailed
	}
	lost, ferr := l.finish(status, f.format == "jsonl")
	if !f.quiet {
		summarize(e, stats, p.m, p.mpath != "")
	}
	for _, s := range lost {
		fmt.Fprintf(e.stderr, "newsmill annotate: records lost: %s\n", s)
	}
	switch {
	case errors.Is(err, pipeline.ErrStopped):
		fmt.Fprintf(e.stderr, "newsmill annotate: stopped: %s", st.why())
		if p.mpath != "" {
			fmt.Fprint(e.stderr, "; run again with --resume to finish")
		}
		fmt.Fprintln(e.stderr)
		return exitFail
	case err != nil:
		fmt.Fprintf(e.stderr, "newsmill annotate: %v\n", err)
		return exitFail
	case ferr != nil:
		fmt.Fprintf(e.stderr, "newsmill annotate: %v\n", ferr)
		return exitFail
	case len(lost) > 0:
		return exitFail
	}
	return exitOK
}

// plan checks the command line and works out the inputs, the stages and
// the manifest. Problems with the command line are usageErrors.
func (f *annotateFlags) plan(e env, args []string) (*plan, error) {
	switch {
	case f.out == "":
		return nil, usagef("-o OUT is required")
	case len(args) == 0:
		return nil, usagef("no INPUT given")
	case f.format != "parquet" && f.format != "jsonl":
		return nil, usagef("--format must be parquet or jsonl, not %q", f.format)
	case f.format == "parquet" && f.out == "-":
		return nil, usagef("Parquet needs an output directory; use --format jsonl to write to stdout")
	case f.format == "jsonl" && f.resume:
		return nil, usagef("--resume needs Parquet output (a manifest in OUT)")
	case f.workers < 1:
		return nil, usagef("--workers must be at least 1")
	case f.stopAfter < 0 || f.partDocs < 1:
		return nil, usagef("--stop-after must be at least 0, --part-docs at least 1")
	}
	p := &plan{names: splitList(f.stages)}
	var err error
	if p.steps, err = pipeline.Resolve(p.names, f.opts); err != nil {
		return nil, usagef("%v", err)
	}
	inputs, err := source.Expand(args)
	if err != nil {
		return nil, usagef("%v", err)
	}
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		if _, err := os.Stat(in); err != nil {
			return nil, usagef("input %v", err)
		}
	}
	if p.shard, p.shardSrc, err = resolveShard(f.shard, f.shardCount, e.getenv); err != nil {
		return nil, usagef("%v", err)
	}
	inputs = p.shard.pick(dedupe(inputs))

	p.m = &manifest{SchemaVersion: sink.SchemaVersion, Newsmill: version(), Stages: p.names, Columns: stageColumns(p.steps), Status: statusRunning}
	if p.shard.Count > 1 {
		p.m.Shard = &p.shard
	}
	if f.format == "parquet" {
		if err := os.MkdirAll(f.out, 0o755); err != nil {
			return nil, err
		}
		p.mpath = filepath.Join(f.out, manifestName(p.shard))
		if err := f.prepareOutput(p); err != nil {
			return nil, err
		}
	}
	for _, in := range inputs {
		name := source.Name(in)
		entry := p.inputEntry(name)
		switch entry.Status {
		case inputComplete:
			p.skipped++
			continue
		case inputPartial:
			if p.resume == nil {
				p.resume = map[string]int64{}
			}
			p.resume[name] = entry.Documents + entry.Errors
		}
		p.inputs = append(p.inputs, in)
	}
	if p.mpath != "" {
		if err := p.m.save(p.mpath); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// prepareOutput loads the manifest to resume, or clears OUT for a new run:
// part files of this shard that the manifest does not list are removed
// (a new run lists none), so the dataset holds exactly what it accounts for.
func (f *annotateFlags) prepareOutput(p *plan) error {
	prefix := p.shard.partPrefix()
	if !f.resume {
		return sink.RemoveParts(f.out, prefix, nil)
	}
	old, err := loadManifest(p.mpath)
	if err != nil {
		return err
	}
	if old == nil {
		return sink.RemoveParts(f.out, prefix, nil) // nothing to resume: start afresh
	}
	switch {
	case old.SchemaVersion != sink.SchemaVersion:
		return usagef("%s was written with table schema version %d, this newsmill writes %d: use a new OUT", p.mpath, old.SchemaVersion, sink.SchemaVersion)
	case strings.Join(old.Stages, ",") != strings.Join(p.names, ","):
		return usagef("%s was written with --stages %s: resume with the same stages", p.mpath, strings.Join(old.Stages, ","))
	case strings.Join(old.Columns, ",") != strings.Join(p.m.Columns, ","):
		return usagef("%s was written by stages with the columns [%s], these stages declare [%s]: use a new OUT", p.mpath,
			strings.Join(old.Columns, ", "), strings.Join(p.m.Columns, ", "))
	}
	listed := map[string]bool{}
	for _, name := range old.Parts {
		listed[name] = true
	}
	if err := sink.RemoveParts(f.out, prefix, func(base string) bool { return listed[base] }); err != nil {
		return err
	}
	old.Status, old.Newsmill, old.Shard = statusRunning, p.m.Newsmill, p.m.Shard
	p.m = old
	return nil
}

// dedupe drops inputs named (by source.Name) like an earlier one, which
// would otherwise be read and counted twice.
func dedupe(inputs []string) []string {
	seen := map[string]bool{}
	out := inputs[:0:0]
	for _, in := range inputs {
		if name := source.Name(in); !seen[name] {
			seen[name] = true
			out = append(out, in)
		}
	}
	return out
}

// inputEntry returns the manifest entry of an input, adding it.
func (p *plan) inputEntry(name string) *inputAt {
	for _, in := range p.m.Inputs {
		if in.Path == name {
			return in
		}
	}
	in := &inputAt{Path: name, Status: inputPending}
	p.m.Inputs = append(p.m.Inputs, in)
	return in
}

// openSink opens the output: Parquet parts that commit to the ledger, or
// JSON Lines.
func (f *annotateFlags) openSink(e env, p *plan, l *ledger) (pipeline.Sink, error) {
	cols := columnsOf(p.steps)
	if f.format == "jsonl" {
		if f.out == "-" {
			return sink.NewJSONL(e.stdout, cols...), nil
		}
		file, err := os.Create(f.out)
		if err != nil {
			return nil, err
		}
		return &fileSink{JSONL: sink.NewJSONL(file, cols...), f: file}, nil
	}
	return sink.NewParquet(f.out,
		sink.Columns(cols),
		sink.PartPrefix(p.shard.partPrefix()),
		sink.FirstPart(p.m.NextPart),
		sink.MaxDocsPerPart(f.partDocs),
		sink.MaxBytesPerPart(int64(f.partBytes)),
		sink.OnPart(l.commitPart))
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

// stopper closes its channel once, remembering the first reason.
type stopper struct {
	ch     chan struct{}
	once   sync.Once
	mu     sync.Mutex
	reason string
}

func newStopper() *stopper { return &stopper{ch: make(chan struct{})} }

// stop closes the channel; later calls do nothing. It is safe for
// concurrent use.
func (s *stopper) stop(reason string) {
	s.once.Do(func() {
		s.mu.Lock()
		s.reason = reason
		s.mu.Unlock()
		close(s.ch)
	})
}

// why returns the reason given to the first stop.
func (s *stopper) why() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reason
}

// stopOnSignal stops st on the first SIGINT or SIGTERM and calls cancel
// on the second, until ctx is done.
func stopOnSignal(ctx context.Context, st *stopper, cancel context.CancelFunc) {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	select {
	case s := <-sig:
		st.stop("received " + s.String())
	case <-ctx.Done():
		return
	}
	select {
	case <-sig:
		cancel()
	case <-ctx.Done():
	}
}

// fileSink is a JSON Lines sink that owns its file.
type fileSink struct {
	*sink.JSONL
	f *os.File
}

func (s *fileSink) Close() error {
	err := s.JSONL.Close()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// summarize prints the run's summary: documents, words and speed of this
// run, the accounting of every record of the output (earlier runs that this
// one resumed included), per input when there are few, and each stage's
// share of the time.
func summarize(e env, s pipeline.Stats, m *manifest, hasManifest bool) {
	secs := s.Elapsed.Seconds()
	wps, dps := 0.0, 0.0
	if secs > 0 {
		wps = float64(s.Words) / secs
		dps = float64(s.Docs+s.Errors) / secs
	}
	fmt.Fprintf(e.stderr, "newsmill: %d documents, %d error rows, %d words in %s (%.0f words/s, %.1f docs/s)\n",
		s.Docs, s.Errors, s.Words, s.Elapsed.Round(time.Millisecond), wps, dps)
	t := m.total()
	byStatus := map[string]int{}
	for _, in := range m.Inputs {
		byStatus[in.Status]++
	}
	fmt.Fprintf(e.stderr, "newsmill: %d inputs (%d complete, %d partial, %d pending): %d records read = %d documents + %d error rows",
		len(m.Inputs), byStatus[inputComplete], byStatus[inputPartial], byStatus[inputPending], t.Records, t.Documents, t.Errors)
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

// errorLimit is the --max-errors flag: a number of error rows, or a
// percentage of the records written (judged from minRecordsForRatio on).
// The zero value is no limit.
type errorLimit struct {
	count   int64
	percent float64
}

// minRecordsForRatio is how many records a run writes before a percentage
// limit is applied, so that a bad first file does not stop it.
const minRecordsForRatio = 100

func (l *errorLimit) String() string {
	if l.percent > 0 {
		return strconv.FormatFloat(l.percent, 'g', -1, 64) + "%"
	}
	return strconv.FormatInt(l.count, 10)
}

func (l *errorLimit) Set(v string) error {
	if p, ok := strings.CutSuffix(strings.TrimSpace(v), "%"); ok {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || f <= 0 || f >= 100 {
			return fmt.Errorf("want a percentage between 0 and 100, not %q", v)
		}
		*l = errorLimit{percent: f}
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("want a number of error rows or a percentage such as 50%%, not %q", v)
	}
	*l = errorLimit{count: n}
	return nil
}

// exceeded reports whether errs error rows among docs+errs records break
// the limit.
func (l *errorLimit) exceeded(docs, errs int64) bool {
	switch {
	case l.count > 0:
		return errs > l.count
	case l.percent > 0:
		n := docs + errs
		return n >= minRecordsForRatio && float64(errs) > l.percent/100*float64(n)
	}
	return false
}

// byteSize is a flag holding a number of bytes, written as 1048576, 512k,
// 16MiB, 2G, …: k, M, G, T with or without "iB" or "B" are powers of 1024.
type byteSize int64

func (b *byteSize) String() string {
	n := int64(*b)
	for _, u := range []struct {
		name  string
		shift uint
	}{{"TiB", 40}, {"GiB", 30}, {"MiB", 20}, {"KiB", 10}} {
		if n != 0 && n%(1<<u.shift) == 0 {
			return strconv.FormatInt(n>>u.shift, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10)
}

func (b *byteSize) Set(v string) error {
	s := strings.TrimSpace(v)
	num := strings.TrimRight(s, "kKMGTiB")
	unit := strings.TrimSuffix(strings.TrimSuffix(strings.ToUpper(s[len(num):]), "B"), "I")
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || n < 0 {
		return fmt.Errorf("want a size such as 1048576, 512k, 16MiB or 2G, not %q", v)
	}
	shift, ok := map[string]uint{"": 0, "K": 10, "M": 20, "G": 30, "T": 40}[unit]
	if !ok {
		return fmt.Errorf("unknown unit in %q", v)
	}
	*b = byteSize(n * float64(uint64(1)<<shift))
	return nil
}
