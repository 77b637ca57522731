package batch_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsmill/newsmill/batch"
	_ "github.com/newsmill/newsmill/stages/builtin"
)

// Run a resumable batch over a directory of articles from a program: the
// dataset and its manifest go to the output directory, and the result
// accounts for every record read.
func ExampleRun() {
	out, err := os.MkdirTemp("", "newsmill-batch")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(out)
	res, err := batch.Run(context.Background(), batch.Config{
		Inputs:  []string{"../testdata/articles"},
		Out:     out,
		Stages:  []string{"extract", "sentences", "quotes"},
		Workers: 2,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	t := res.Manifest.Totals
	fmt.Println(res.Status, filepath.Base(res.ManifestPath))
	fmt.Println(len(res.Manifest.Inputs), "inputs:", t.Records, "records =", t.Documents, "documents +", t.Errors, "error rows")
	// Output:
	// complete _manifest.json
	// 2 inputs: 4 records = 4 documents + 0 error rows
}
