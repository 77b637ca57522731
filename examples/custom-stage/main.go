// Command newsmill-custom is newsmill with two extra stages: "sentiment",
// which adds a sentiment column to the quotes table, and "people", which
// tags listed people in the entities table (and "breadcrumb", which reads
// the page's breadcrumb with goquery from the tree extract keeps with
// --stage-opt extract.keep-page=true). It shows how to build your own
// newsmill binary: import the stages you want and call cli.Main.
package main

import (
	"os"

	"github.com/newsmill/newsmill/cli"
	_ "github.com/newsmill/newsmill/stages/builtin"
)

func main() { os.Exit(cli.Main()) }
