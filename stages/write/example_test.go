package write_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/stages/write"
)

// ExampleNewJSONL writes an annotated document and a failed one. Offsets in
// the output count code points: "Zoë" starts at 0 and ends at 3 although
// "ë" takes two bytes.
func ExampleNewJSONL() {
	text := "Zoë said “hi”."
	docs := []*pipeline.Doc{
		{
			ID: "a", Source: "in.jsonl:1", Text: text,
			Sentences: []pipeline.Sentence{{Span: pipeline.Span{Start: 0, End: len(text)}}},
			Entities: []pipeline.Entity{{Span: pipeline.Span{Start: 0, End: len("Zoë")},
				Label: pipeline.LabelPerson, Canonical: "Zoë"}},
		},
		{ID: "b", Source: "in.jsonl:2", Err: &pipeline.StageError{Stage: "read", Message: "in.jsonl:2: not a JSON object"}},
	}
	sink := write.NewJSONL(os.Stdout)
	for _, d := range docs {
		if err := sink.Write(context.Background(), d); err != nil {
			fmt.Println(err)
		}
	}
	if err := sink.Close(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"doc_id":"a","source":"in.jsonl:1","url":"","title":"","site":"","published":null,"authors":[],"language":"","text":"Zoë said “hi”.","sentences":[{"sentence":0,"start":0,"end":14,"text":"Zoë said “hi”."}],"entities":[{"entity":0,"text":"Zoë","label":"PERSON","start":0,"end":3,"sentence":0,"canonical":"Zoë"}],"quotes":[]}
	// {"doc_id":"b","source":"in.jsonl:2","error":{"stage":"read","message":"in.jsonl:2: not a JSON object"}}
}

// ExampleNewParquet writes a dataset with one file per table.
func ExampleNewParquet() {
	dir, err := os.MkdirTemp("", "newsmill-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	sink, err := write.NewParquet(dir, write.MaxRowsPerRowGroup(5000))
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := &pipeline.Doc{ID: "a", Source: "a.txt", Text: "Hello."}
	if err := sink.Write(context.Background(), doc); err != nil {
		fmt.Println(err)
	}
	if err := sink.Close(); err != nil {
		fmt.Println(err)
	}
	for _, table := range write.Tables {
		_, err := os.Stat(filepath.Join(dir, table, write.PartName))
		fmt.Println(table, err == nil)
	}
	// Output:
	// documents true
	// sentences true
	// entities true
	// quotes true
	// errors true
}
