package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/read"
	"github.com/newsmill/newsmill/stages/write"
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

func annotate(e env, args []string) int {
	fs := flag.NewFlagSet("annotate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "", "output: a directory for Parquet tables, or - for JSON Lines on stdout (required)")
	format := fs.String("format", "parquet", "output format: parquet (a directory of tables) or jsonl (one document per line)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "workers per stage")
	stages := fs.String("stages", defaultStages, "comma-separated stages to run, in order (see 'newsmill stages')")
	inflight := fs.Int("inflight", 0, "maximum documents in flight (default 4 × workers, at least 16)")
	quiet := fs.Bool("q", false, "do not print the summary")
	opts := stageOpts{}
	fs.Var(opts, "stage-opt", "a stage option as name.key=value (repeatable)")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `Usage: newsmill annotate -o OUT [flags] INPUT...

Reads articles from each INPUT (.txt, .html/.htm, .jsonl/.ndjson, optionally
gzipped; directories recursively; - for JSON Lines on stdin), runs the stages
and writes the tables documents, sentences, entities, quotes and errors as
OUT/<table>/part-00000.parquet. Exit status: 0 when the run completed (even
with error rows), 1 when it failed, 2 for usage errors.

Flags:
`)
		fs.PrintDefaults()
	}
	inputs, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "newsmill annotate: "+format+"\n", a...)
		fmt.Fprintln(e.stderr, "Run 'newsmill annotate --help' for usage.")
		return exitUsage
	}
	switch {
	case *out == "":
		return usageErr("-o OUT is required")
	case len(inputs) == 0:
		return usageErr("no INPUT given")
	case *format != "parquet" && *format != "jsonl":
		return usageErr("--format must be parquet or jsonl, not %q", *format)
	case *format == "parquet" && *out == "-":
		return usageErr("Parquet needs an output directory; use --format jsonl to write to stdout")
	case *workers < 1:
		return usageErr("--workers must be at least 1")
	}
	steps, err := pipeline.Resolve(splitList(*stages), opts)
	if err != nil {
		return usageErr("%v", err)
	}
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		if _, err := os.Stat(in); err != nil {
			return usageErr("input %v", err)
		}
	}

	sink, err := openSink(e, *format, *out)
	if err != nil {
		fmt.Fprintf(e.stderr, "newsmill annotate: %v\n", err)
		return exitFail
	}

	// The first SIGINT or SIGTERM stops reading and lets the documents in
	// flight finish; a second one (or the parent context) cancels at once.
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	stop := make(chan struct{})
	go stopOnSignal(ctx, stop, cancel)

	stats, err := pipeline.Run(ctx, pipeline.Config{
		Source:   read.New(inputs, read.WithStdin(e.stdin)),
		Steps:    steps,
		Sink:     sink,
		Workers:  *workers,
		InFlight: *inflight,
		Recover:  true,
		Stop:     stop,
	})
	if !*quiet {
		summarize(e, stats)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "newsmill annotate: %v\n", err)
		return exitFail
	}
	return exitOK
}

// stopOnSignal closes stop on the first SIGINT or SIGTERM and calls cancel
// on the second, until ctx is done.
func stopOnSignal(ctx context.Context, stop chan struct{}, cancel context.CancelFunc) {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	select {
	case <-sig:
		close(stop)
	case <-ctx.Done():
		return
	}
	select {
	case <-sig:
		cancel()
	case <-ctx.Done():
	}
}

func openSink(e env, format, out string) (pipeline.Sink, error) {
	if format == "jsonl" {
		if out == "-" {
			return write.NewJSONL(e.stdout), nil
		}
		f, err := os.Create(out)
		if err != nil {
			return nil, err
		}
		return &fileSink{JSONL: write.NewJSONL(f), f: f}, nil
	}
	return write.NewParquet(out)
}

// fileSink is a JSON Lines sink that owns its file.
type fileSink struct {
	*write.JSONL
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

// summarize prints the one-line summary and each stage's share of the time.
func summarize(e env, s pipeline.Stats) {
	secs := s.Elapsed.Seconds()
	wps := 0.0
	if secs > 0 {
		wps = float64(s.Words) / secs
	}
	fmt.Fprintf(e.stderr, "newsmill: %d documents, %d error rows, %d words in %s (%.0f words/s)\n",
		s.Docs, s.Errors, s.Words, s.Elapsed.Round(time.Millisecond), wps)
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
