package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"strings"

	"github.com/newsmill/newsmill/pipeline"
)

// people tags PERSON entities whose canonical name is on a CSV list of
// name,group rows, and counts the listed people per document. The list is
// read once in Open and only read afterwards, so Process is safe for
// concurrent use; a look-up is one map access per entity.
type people struct {
	path   string
	groups map[string]string // lower-case name -> group
}

func (p *people) Open(ctx context.Context) error {
	f, err := os.Open(p.path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return fmt.Errorf("people list: %w", err)
	}
	p.groups = map[string]string{}
	for _, r := range rows {
		if len(r) == 2 && r[0] != "name" {
			p.groups[strings.ToLower(strings.TrimSpace(r[0]))] = strings.TrimSpace(r[1])
		}
	}
	return nil
}

func (p *people) Process(ctx context.Context, d *pipeline.Doc) error {
	var listed int64
	for i := range d.Entities {
		e := &d.Entities[i]
		if g, ok := p.groups[strings.ToLower(e.Canonical)]; ok && e.Label == pipeline.LabelPerson {
			e.Fields = e.Fields.Set("group", g)
			listed++
		}
	}
	d.Fields = d.Fields.Set("listed_people", listed)
	return nil
}

func init() {
	pipeline.Register(pipeline.Spec{
		Name:        "people",
		Description: "tags people from a CSV list (option people.list=FILE, rows name,group)",
		Requires:    []string{"entities"},
		Provides:    []string{"people"},
		Options:     []pipeline.Option{{Name: "list", Description: "CSV file of name,group rows"}},
		Columns: []pipeline.Column{
			{Table: pipeline.TableEntities, Name: "group", Type: pipeline.String, Description: "the person's group in the list"},
			{Table: pipeline.TableDocuments, Name: "listed_people", Type: pipeline.Int64, Description: "mentions of listed people"},
		},
		New: func(opts pipeline.Options) (pipeline.Stage, error) {
			if err := opts.Known("list"); err != nil {
				return nil, err
			}
			if opts["list"] == "" {
				return nil, fmt.Errorf("people needs --stage-opt people.list=FILE")
			}
			return &people{path: opts["list"]}, nil
		},
	})
}
