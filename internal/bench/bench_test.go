package bench

import (
	"runtime"
	"sync"
	"testing"
)

var (
	corpusOnce sync.Once
	corpus     *Corpus
	corpusErr  error
)

func testCorpus(tb testing.TB) *Corpus {
	tb.Helper()
	corpusOnce.Do(func() { corpus, corpusErr = LoadCorpus("../..") })
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	return corpus
}

func TestLoadCorpus(t *testing.T) {
	c := testCorpus(t)
	if len(c.Raw) < 3 || len(c.Texts) != len(c.Raw) || c.Words < 1000 {
		t.Fatalf("corpus of %d documents, %d texts, %d words", len(c.Raw), len(c.Texts), c.Words)
	}
}

func BenchmarkProse(b *testing.B) { Prose(testCorpus(b))(b) }

// BenchmarkPipeline runs as many workers per stage as GOMAXPROCS: compare
// one core with two with -cpu 1,2.
func BenchmarkPipeline(b *testing.B) { Pipeline(testCorpus(b), runtime.GOMAXPROCS(0))(b) }

// BenchmarkStagesParallel runs the stages without the engine from
// GOMAXPROCS goroutines: compare -cpu 1,2.
func BenchmarkStagesParallel(b *testing.B) { StagesParallel(testCorpus(b))(b) }

// BenchmarkStage runs each stage alone on the documents as the stages
// before it left them.
func BenchmarkStage(b *testing.B) {
	c := testCorpus(b)
	for i, name := range Stages {
		b.Run(name, Stage(c, i))
	}
}

// BenchmarkSpin is the control for -cpu 1,2: how much a CPU-bound loop
// scales on this machine right now.
func BenchmarkSpin(b *testing.B) { Spin(b) }
