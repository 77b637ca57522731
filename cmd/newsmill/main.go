// Command newsmill annotates news articles: it reads article files (text,
// HTML, JSON Lines, WARC) and writes Parquet tables of documents,
// sentences, entities, quotes with their speakers, and errors.
//
// Usage:
//
//	newsmill annotate -o OUT [--workers N] [--stages a,b,c] [--format parquet|jsonl] [--resume] [--shard i/N] INPUT...
//	newsmill quotes [-n N] OUT
//	newsmill stages
//	newsmill version
//
// Run "newsmill help" or "newsmill annotate --help" for details. The
// command is package cli with the built-in stages; see package cli to
// build a newsmill with stages of your own.
package main

import (
	"os"

	"github.com/newsmill/newsmill/cli"
	_ "github.com/newsmill/newsmill/stages/builtin"
)

func main() { os.Exit(cli.Main()) }
