package read_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/read"
)

// ExampleNew reads JSON Lines from an injected standard input. The bad line
// becomes an error document and reading goes on.
func ExampleNew() {
	input := `{"id":"a1","text":"The minister said “no”.","published":"2024-03-01T09:30:00Z"}
not json
{"html":"<p>Second</p>","authors":["Ann Lee"]}
`
	src := read.New([]string{"-"}, read.WithStdin(strings.NewReader(input)))
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
