// Package cli is the newsmill command line: annotate, quotes, stages and
// version. The newsmill command is a main function that imports the
// built-in stages and calls Main; a binary with stages of its own does the
// same with its stages imported too:
//
//	import (
//		"os"
//
//		"github.com/newsmill/newsmill/cli"
//		_ "github.com/newsmill/newsmill/stages/builtin"
//		_ "example.com/mystages"
//	)
//
//	func main() { os.Exit(cli.Main()) }
//
// The stages a binary offers are those registered with pipeline.Register.
// The annotate command is flags turned into a batch.Config around
// batch.Run, with a progress display and a summary; a program that wants
// batch runs without the command line calls batch.Run itself.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/newsmill/newsmill/internal/suggest"
	"github.com/newsmill/newsmill/pipeline"
)

// Exit statuses.
const (
	exitOK    = 0 // success, error rows included
	exitFail  = 1 // the run failed
	exitUsage = 2 // bad command line
)

// Main runs the command named by os.Args with the process's standard
// streams and returns its exit status: 0 on success (error rows included),
// 1 when a run failed, 2 for a usage error. annotate handles SIGINT and
// SIGTERM itself (the first stops reading and lets the run finish cleanly,
// the second cancels it); the other commands die of them as usual. Call it
// once per process.
func Main() int {
	return Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// env is what a command needs from the process, so tests can run commands
// in-process.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

const usage = `newsmill turns news articles into annotated Parquet tables:
clean text, sentences, named entities, and quotes with their speakers.

Usage:
  newsmill annotate -o OUT [flags] INPUT...   annotate articles into OUT
  newsmill quotes [-n N] OUT                  print quotes from an annotated OUT
  newsmill view [--addr HOST:PORT] OUT        browse an annotated OUT in a browser
  newsmill stages                             list the available stages
  newsmill version                            print the version

INPUT is a .txt, .html/.htm, .jsonl/.ndjson or .warc file (optionally
compressed with gzip or zstd), a directory (read recursively), a glob
pattern, or - for JSON Lines on standard input.

Run 'newsmill annotate --help' for the annotate flags.
`

// Run runs the command in args (without the program name) with the given
// streams, as Main does, and returns its exit status. Tests call it to run
// commands in-process; it does not install signal handlers unless args
// is an annotate command.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "annotate":
		return annotate(e, args[1:])
	case "quotes":
		return printQuotes(e, args[1:])
	case "view":
		return viewCmd(e, args[1:])
	case "stages":
		return listStages(e)
	case "version":
		fmt.Fprintln(stdout, "newsmill", version())
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	hint := ""
	if c, ok := suggest.Closest(args[0], commands); ok {
		hint = fmt.Sprintf(" (did you mean %q?)", c)
	}
	fmt.Fprintf(stderr, "newsmill: unknown command %q%s\nRun 'newsmill help' for usage.\n", args[0], hint)
	return exitUsage
}

// commands are the command names, for "did you mean".
var commands = []string{"annotate", "quotes", "stages", "version", "view", "help"}

// version reports the module version the binary was built from.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

func listStages(e env) int {
	for _, s := range pipeline.Registered() {
		fmt.Fprintf(e.stdout, "%-10s %s\n", s.Name, s.Description)
		fmt.Fprintf(e.stdout, "%-10s requires: %s; provides: %s", "", list(s.Requires), list(s.Provides))
		if len(s.Uses) > 0 {
			fmt.Fprintf(e.stdout, "; uses when present: %s", list(s.Uses))
		}
		fmt.Fprintln(e.stdout)
		for _, o := range s.Options {
			fmt.Fprintf(e.stdout, "%-10s option %s.%s", "", s.Name, o.Name)
			if o.Default != "" {
				fmt.Fprintf(e.stdout, " (default %s)", o.Default)
			}
			if o.Description != "" {
				fmt.Fprintf(e.stdout, ": %s", o.Description)
			}
			fmt.Fprintln(e.stdout)
		}
	}
	fmt.Fprintf(e.stdout, "\nEntity labels: %s. Every start and end in the tables counts\n", strings.Join([]string{pipeline.LabelPerson,
		pipeline.LabelOrg, pipeline.LabelGPE, pipeline.LabelLocation, pipeline.LabelFacility}, ", "))
	fmt.Fprintln(e.stdout, "Unicode code points of documents.text, end exclusive. Stage options: --stage-opt stage.key=value.")
	return exitOK
}

func list(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ", ")
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, and returns the positional ones. On -h or
// --help it prints fs.Usage and returns flag.ErrHelp; on a bad flag it
// prints the error in one line, with a "did you mean" for a misspelt
// flag name, and a pointer to --help, not the whole usage.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	defer func() { fs.SetOutput(out); fs.Usage = usage }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			fs.SetOutput(out)
			if errors.Is(err, flag.ErrHelp) {
				usage()
				return nil, err
			}
			fmt.Fprintf(out, "newsmill %s: %v%s\nRun 'newsmill %s --help' for usage.\n", fs.Name(), err, flagHint(fs, err), fs.Name())
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagHint suggests the closest flag of fs for an undefined flag's error.
func flagHint(fs *flag.FlagSet, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	if !ok {
		return ""
	}
	name = strings.TrimLeft(name, "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if c, ok := suggest.Closest(name, names); ok {
		return fmt.Sprintf(" (did you mean --%s?)", c)
	}
	return ""
}
