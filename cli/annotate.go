package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/newsmill/newsmill/batch"
	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/sink"
	"github.com/newsmill/newsmill/source"
)

// defaultStages is the full annotation pipeline.
var defaultStages = strings.Join(batch.DefaultStages, ",")

// annotateFlags are the settings of one annotate run.
type annotateFlags struct {
	out, format, stages string
	workers, inflight   int
	quiet, resume       bool
	force               bool
	opts                stageOpts
	shard               string
	shardCount          int
	maxErrors           batch.ErrorLimit
	stopAfter           int64
	maxDoc, maxInput    byteSize
	inflightBytes       byteSize
	memoryLimit         byteSize
	maxDocSeconds       float64
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
		partBytes: sink.DefaultMaxBytesPerPart, inflightBytes: batch.DefaultInFlightBytes,
		maxDocSeconds: batch.DefaultMaxDocTime.Seconds(), memoryLimit: defaultMemoryLimit}
	fs.StringVar(&f.out, "o", "", "output: a directory for Parquet tables, or - for JSON Lines on stdout (required)")
	fs.StringVar(&f.format, "format", "parquet", "output format: parquet (a directory of tables) or jsonl (one document per line)")
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "workers per stage")
	fs.StringVar(&f.stages, "stages", defaultStages, "comma-separated stages to run, in order (see 'newsmill stages')")
	fs.IntVar(&f.inflight, "inflight", 0, "maximum documents in flight (default 4 × workers, at least 16)")
	fs.Var(&f.inflightBytes, "inflight-bytes", "maximum estimated memory `SIZE` of the documents in flight: size plus each stage's working set (0: no bound); a larger document runs alone")
	fs.Var(&f.memoryLimit, "memory-limit", "soft limit of the heap, `SIZE` (0: none): the garbage collector works harder near it; GOMEMLIMIT, when set, wins")
	fs.Float64Var(&f.maxDocSeconds, "max-doc-seconds", f.maxDocSeconds, "time budget of one document in one stage, in `seconds` (0: none); a document over it becomes an error row naming the stage")
	fs.BoolVar(&f.quiet, "q", false, "print neither progress nor the summary")
	fs.Var(f.opts, "stage-opt", "a stage option as `name.key=value` (repeatable)")
	fs.BoolVar(&f.resume, "resume", false, "continue the run recorded in OUT's manifest: skip complete inputs, finish the others")
	fs.BoolVar(&f.force, "force", false, "start afresh even when OUT holds a run with another shard count, deleting its parts and manifests")
	fs.StringVar(&f.shard, "shard", "", "process shard `i/N` of the inputs (default: from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)")
	fs.IntVar(&f.shardCount, "shard-count", 0, "number of shards when the index comes from the environment (or NEWSMILL_SHARD_COUNT)")
	fs.Var(&f.maxErrors, "max-errors", "stop the run, with exit status 1, once it has more than `N` error rows, or (as N%) once more than N% of at least 100 records failed; 0 stops at the first error row, -1 means no limit")
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

// check rejects flag values that make no run.
func (f *annotateFlags) check(args []string) error {
	switch {
	case f.out == "":
		return usagef("-o OUT is required")
	case len(args) == 0:
		return usagef("no INPUT given")
	case f.format != "parquet" && f.format != "jsonl":
		return usagef("--format must be parquet or jsonl, not %q", f.format)
	case f.format == "parquet" && f.out == "-":
		return usagef("Parquet needs an output directory; use --format jsonl to write to stdout")
	case f.format == "jsonl" && f.resume:
		return usagef("--resume needs Parquet output (a manifest in OUT)")
	case f.workers < 1:
		return usagef("--workers must be at least 1")
	case f.stopAfter < 0 || f.partDocs < 1:
		return usagef("--stop-after must be at least 0, --part-docs at least 1")
	case f.progressEvery <= 0:
		return usagef("--progress-every must be positive, such as 10s")
	}
	if f.maxDocSeconds < 0 || f.inflightBytes < 0 {
		return usagef("--max-doc-seconds and --inflight-bytes must not be negative (0: no limit)")
	}
	return nil
}

// config turns the flags into a batch configuration; the JSON Lines
// output, when it is a file, is opened by run.
func (f *annotateFlags) config(e env, args []string) (batch.Config, string, error) {
	shard, from, err := batch.ShardFromEnv(f.shard, f.shardCount, e.getenv)
	if err != nil {
		return batch.Config{}, "", usagef("%v", err)
	}
	cfg := batch.Config{
		Inputs:         args,
		Stdin:          e.stdin,
		Stages:         splitList(f.stages),
		Options:        f.opts,
		Workers:        f.workers,
		InFlight:       f.inflight,
		InFlightBytes:  orNone(int64(f.inflightBytes)),
		MaxDocTime:     orNone(time.Duration(f.maxDocSeconds * float64(time.Second))),
		Resume:         f.resume,
		Force:          f.force,
		Shard:          shard,
		MaxErrors:      f.maxErrors,
		StopAfter:      f.stopAfter,
		MaxRecordBytes: int(f.maxDoc),
		MaxInputBytes:  int64(f.maxInput),
		PartDocs:       f.partDocs,
		PartBytes:      int64(f.partBytes),
		Version:        version(),
	}
	if cfg.Stages == nil {
		cfg.Stages = []string{} // --stages "": no stage at all
	}
	if f.format == "parquet" {
		cfg.Out = f.out
	}
	return cfg, from, nil
}

func (f *annotateFlags) run(e env, args []string) int {
	fail := func(err error) int {
		var ue usageError
		var ce *batch.ConfigError
		if errors.As(err, &ue) || errors.As(err, &ce) {
			fmt.Fprintf(e.stderr, "newsmill annotate: %v\nRun 'newsmill annotate --help' for usage.\n", err)
			return exitUsage
		}
		fmt.Fprintf(e.stderr, "newsmill annotate: %v\n", err)
		return exitFail
	}
	if err := f.check(args); err != nil {
		return fail(err)
	}
	if f.memoryLimit > 0 && e.getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(int64(f.memoryLimit)))
	}
	cfg, from, err := f.config(e, args)
	if err != nil {
		return fail(err)
	}
	if f.format == "jsonl" {
		if f.out == "-" {
			cfg.JSONL = e.stdout
		} else {
			file, err := os.Create(f.out)
			if err != nil {
				return fail(err)
			}
			defer file.Close()
			cfg.JSONL = file
		}
	}

	// The first SIGINT or SIGTERM stops reading and lets the documents in
	// flight finish; a second signal (or the parent context) cancels at
	// once. --stop-after and --max-errors stop inside batch.Run.
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	st := batch.NewStopper()
	// Notify before anything is logged: a scheduler may signal as soon as
	// it sees the first line, before a goroutine of ours has run.
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	go stopOnSignal(ctx, sig, st, cancel)
	cfg.Stop = st

	var prog *progress
	cfg.OnStart = func(s batch.Start) {
		if f.quiet {
			return
		}
		if from != "" {
			fmt.Fprintf(e.stderr, "newsmill: shard %d of %d (from %s): %d inputs\n", s.Shard.Index, s.Shard.Count, from, s.Inputs)
		}
		if s.Skipped > 0 {
			fmt.Fprintf(e.stderr, "newsmill: resuming: %d inputs already complete\n", s.Skipped)
		}
		prog = startProgress(e.stderr, progressSource{bytesRead: s.Progress.BytesRead, written: s.Progress.Written},
			s.TotalBytes, f.progressEvery)
	}
	res, err := batch.Run(ctx, cfg)
	if prog != nil {
		prog.stop(err == nil)
	}
	var ce *batch.ConfigError
	if errors.As(err, &ce) {
		return fail(err)
	}
	if res.Status == "" { // failed before the run started
		return fail(err)
	}
	if !f.quiet {
		summarize(e, res.Stats, &res.Manifest, res.ManifestPath != "")
	}
	for _, s := range res.Lost {
		fmt.Fprintf(e.stderr, "newsmill annotate: records lost: %s\n", s)
	}
	switch {
	case errors.Is(err, pipeline.ErrStopped) || res.Status == batch.StatusStopped:
		fmt.Fprintf(e.stderr, "newsmill annotate: stopped: %s", res.StopReason)
		if res.ManifestPath != "" {
			fmt.Fprint(e.stderr, "; run again with --resume to finish")
		}
		fmt.Fprintln(e.stderr)
		return exitFail
	case errors.Is(err, batch.ErrLost):
		return exitFail
	case err != nil:
		fmt.Fprintf(e.stderr, "newsmill annotate: %v\n", err)
		return exitFail
	}
	return exitOK
}

// defaultMemoryLimit is --memory-limit's default. Without it the heap
// grows to twice what is live after each collection: eight documents of
// 15.9 MB with 2 workers peaked at 3.0-3.8 GB of RSS, with it at 1.55 GB
// (the rest is what the stages hold for one such document).
const defaultMemoryLimit = 900 << 20

// orNone maps a flag's 0 (none) to batch.Config's negative (none).
func orNone[T int64 | time.Duration](v T) T {
	if v == 0 {
		return -1
	}
	return v
}

// hardStop is how long after a second signal the process exits even when
// the run has not returned (a stage's Close or the sink stuck).
const hardStop = 1800 * time.Millisecond

// stopOnSignal stops st on the first signal from sig and calls cancel on
// the second, until ctx is done. After the second, the run abandons
// the stages still busy, commits its open parts and saves the manifest as
// stopped; if that takes longer than hardStop, the process exits with
// status 1 anyway, the manifest accounting for the parts committed.
func stopOnSignal(ctx context.Context, sig <-chan os.Signal, st *batch.Stopper, cancel context.CancelFunc) {
	select {
	case s := <-sig:
		st.Stop("received " + s.String())
	case <-ctx.Done():
		return
	}
	select {
	case <-sig:
		cancel()
		time.AfterFunc(hardStop, func() { os.Exit(exitFail) })
	case <-ctx.Done():
	}
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
