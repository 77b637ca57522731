package source_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsmill/newsmill/internal/gen"
	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/source"
)

// ExampleNew reads JSON Lines from an injected standard input. The bad line
// becomes an error document and reading goes on.
func ExampleNew() {
	input := `{"id":"a1","text":"The minister said “no”.","published":"2024-03-01T09:30:00Z"}
not json
{"html":"<p>Second</p>","authors":["Ann Lee"]}
`
	src := source.New([]string{"-"}, source.WithStdin(strings.NewReader(input)))
	err := src.Read(context.Background(), func(d *pipeline.Doc) error {
		switch {
		case d.Err != nil:
			fmt.Printf("%s error: %v\n", d.Source, d.Err)
		case d.Text != "":
			fmt.Printf("%s id=%s text=%q published=%s\n", d.Source, d.ID, d.Text, d.Published.Format("2006-01-02"))
		default:
			fmt.Printf("%s id=%s html=%q authors=%v\n", d.Source, d.ID, d.HTML, d.Authors)
		}
		return nil
	})
	fmt.Println("err:", err)
	// Output:
	// stdin:1 id=a1 text="The minister said “no”." published=2024-03-01
	// stdin:2 error: read: stdin:2: not a JSON object
	// stdin:3 id=b04bf7b0a773af35 html="<p>Second</p>" authors=[Ann Lee]
	// err: <nil>
}

// ExampleOnInputDone reads a small CC-NEWS-like WARC file: its 200 HTML
// responses become documents, each with its input and fetch time, and the
// other records are skipped and counted.
func ExampleOnInputDone() {
	dir, err := os.MkdirTemp("", "newsmill-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "CC-NEWS-sample.warc.gz")
	var b bytes.Buffer
	if _, err := gen.WriteWARC(&b, gen.WARCOptions{N: 5, Words: 50, Gzip: true}); err != nil {
		fmt.Println(err)
		return
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	src := source.New([]string{path}, source.OnInputDone(func(input string, c source.InputCounts) {
		fmt.Printf("%s: %d records, %d other WARC records skipped\n", filepath.Base(input), c.Records, c.Skipped)
	}))
	err = src.Read(context.Background(), func(d *pipeline.Doc) error {
		fmt.Println(d.URL, filepath.Base(d.Input), d.Fetched.Format("2006-01-02"))
		return nil
	})
	fmt.Println("err:", err)
	// Output:
	// https://news0.example.com/2024/the-housing-plan-0 CC-NEWS-sample.warc.gz 2024-01-01
	// https://news1.example.com/2025/rail-fares-1 CC-NEWS-sample.warc.gz 2024-02-02
	// https://news2.example.com/2024/the-port-expansion-2 CC-NEWS-sample.warc.gz 2024-03-03
	// https://news0.example.com/2024/the-new-bridge-4 CC-NEWS-sample.warc.gz 2024-05-05
	// CC-NEWS-sample.warc.gz: 4 records, 14 other WARC records skipped
	// err: <nil>
}
