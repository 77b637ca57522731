// Command newsmill annotates news articles: it reads article files (text,
// HTML, JSON Lines) and writes Parquet tables of documents, sentences,
// entities, quotes with their speakers, and errors.
//
// Usage:
//
//	newsmill annotate -o OUT [--workers N] [--stages a,b,c] [--format parquet|jsonl] [--resume] [--shard i/N] INPUT...
//	newsmill quotes [-n N] OUT
//	newsmill stages
//	newsmill version
//
// Run "newsmill help" or "newsmill annotate --help" for details.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/newsmill/newsmill/pipeline"
	_ "github.com/newsmill/newsmill/stages/entities"
	_ "github.com/newsmill/newsmill/stages/extract"
	_ "github.com/newsmill/newsmill/stages/quotes"
	_ "github.com/newsmill/newsmill/stages/sentences"
)

// Exit statuses.
const (
	exitOK    = 0 // success, error rows included
	exitFail  = 1 // the run failed
	exitUsage = 2 // bad command line
)

// main runs a command. annotate handles SIGINT and SIGTERM itself (the
// first stops reading and lets the run finish cleanly, the second cancels
// it); the other commands die of them as usual.
func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
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
  newsmill stages                             list the available stages
  newsmill version                            print the version

INPUT is a .txt, .html/.htm, .jsonl/.ndjson or .warc file (optionally
compressed with gzip or zstd), a directory (read recursively), a glob
pattern, or - for JSON Lines on standard input.

Run 'newsmill annotate --help' for the annotate flags.
`

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
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
	case "stages":
		return listStages(e)
	case "version":
		fmt.Fprintln(stdout, "newsmill", version())
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "newsmill: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

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
		fmt.Fprintf(e.stdout, "%-10s requires: %s; provides: %s\n", "", list(s.Requires), list(s.Provides))
	}
	return exitOK
}

func list(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ", ")
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
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

// errUsage marks an error in the command line.
var errUsage = errors.New("usage")
