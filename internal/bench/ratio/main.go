// Command ratio runs newsmill's whole pipeline and prose's NewDocument
// side by side on the bundled articles and prints their words per second,
// the speed-up, the pipeline's scaling from one worker to two, and each
// stage's share of the time. Prose
// and the one-worker pipeline run with GOMAXPROCS=1, the two-worker
// pipeline with GOMAXPROCS=2, so the scaling is that of one core to two.
//
//	go run ./internal/bench/ratio [-root DIR]
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"testing"

	"github.com/newsmill/newsmill/internal/bench"
)

func main() {
	root := flag.String("root", ".", "repository root (holds testdata/)")
	flag.Parse()
	c, err := bench.LoadCorpus(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratio:", err)
		os.Exit(1)
	}
	fmt.Printf("corpus: %d documents, %d words, processed %d times per iteration\n", len(c.Raw), c.Words, bench.Copies)
	// One core for prose and for one worker, two for two workers, so that
	// the stages of a one-worker run cannot overlap on a second core.
	runtime.GOMAXPROCS(1)
	prose := bench.WordsPerSecond(testing.Benchmark(bench.Prose(c)))
	oneRun := testing.Benchmark(bench.Pipeline(c, 1))
	one := bench.WordsPerSecond(oneRun)
	spin1 := testing.Benchmark(bench.Spin).NsPerOp()
	stageNs := make([]float64, len(bench.Stages))
	var totalNs float64
	for i := range bench.Stages {
		stageNs[i] = float64(testing.Benchmark(bench.Stage(c, i)).NsPerOp())
		totalNs += stageNs[i]
	}
	runtime.GOMAXPROCS(2)
	two := bench.WordsPerSecond(testing.Benchmark(bench.Pipeline(c, 2)))
	spin2 := testing.Benchmark(bench.Spin).NsPerOp()
	fmt.Printf("prose NewDocument (shared model):  %10.0f words/s\n", prose)
	fmt.Printf("newsmill pipeline, 1 worker:        %10.0f words/s  (%.1fx prose)\n", one, one/prose)
	fmt.Printf("newsmill pipeline, 2 workers:       %10.0f words/s  (%.1fx prose, %.2fx one worker)\n", two, two/prose, two/one)
	fmt.Print("each stage alone on one core, share of the four stages' sum:")
	for i, name := range bench.Stages {
		fmt.Printf(" %s %.1f%%", name, 100*stageNs[i]/totalNs)
	}
	fmt.Println()
	fmt.Print("share of the whole one-worker pipeline's time:")
	for i, name := range bench.Stages {
		fmt.Printf(" %s %.1f%%", name, 100*stageNs[i]/float64(oneRun.NsPerOp()))
	}
	fmt.Println()
	fmt.Printf("control: a CPU-bound loop scales %.2fx from one core to two on this machine now\n", float64(spin1)/float64(max(spin2, 1)))
}
