package sink_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/sink"
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
		{ID: "b", Source: "in.jsonl:2", Err: &pipeline.StageError{Stage: "read", Err: errors.New("in.jsonl:2: not a JSON object")}},
	}
	out := sink.NewJSONL(os.Stdout)
	for _, d := range docs {
		if err := out.Write(context.Background(), d); err != nil {
			fmt.Println(err)
		}
	}
	if err := out.Close(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"doc_id":"a","source":"in.jsonl:1","url":null,"title":null,"site":null,"domain":null,"published":null,"published_offset":null,"published_precision":null,"published_source":null,"modified":null,"fetched":null,"authors":[],"language":null,"description":null,"section":null,"tags":[],"image":null,"meta":null,"warnings":[],"extract_retries":0,"word_count":3,"text_hash":"e0c23140459137c694aed6c13bda6a6df0f32943e5e7f0692becb219e525eb5b","text":"Zoë said “hi”.","sentences":[{"sentence":0,"start":0,"end":14,"text":"Zoë said “hi”."}],"entities":[{"entity":0,"text":"Zoë","label":"PERSON","start":0,"end":3,"sentence":0,"canonical":"Zoë"}],"quotes":[]}
	// {"doc_id":"b","source":"in.jsonl:2","error":{"stage":"read","message":"in.jsonl:2: not a JSON object"}}
}

// ExampleNewParquet writes a dataset in parts of two documents, reporting
// each part once its files are complete.
func ExampleNewParquet() {
	dir, err := os.MkdirTemp("", "newsmill-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	out, err := sink.NewParquet(dir, sink.MaxDocsPerPart(2), sink.OnPart(func(p sink.Part) error {
		fmt.Printf("%s complete: %d documents, %d errors\n", p.Name, p.Docs, p.Errors)
		return nil
	}))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []string{"a", "b", "c"} {
		doc := &pipeline.Doc{ID: id, Source: id + ".txt", Text: "Hello."}
		if err := out.Write(context.Background(), doc); err != nil {
			fmt.Println(err)
		}
	}
	if err := out.Close(); err != nil {
		fmt.Println(err)
	}
	for _, table := range sink.Tables {
		files, _ := filepath.Glob(filepath.Join(dir, table, "*.parquet"))
		fmt.Println(table, len(files), "files")
	}
	// Output:
	// part-00000 complete: 2 documents, 0 errors
	// part-00001 complete: 1 documents, 0 errors
	// documents 2 files
	// sentences 2 files
	// entities 2 files
	// quotes 2 files
	// errors 2 files
}
