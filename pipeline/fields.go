package pipeline

import (
	"fmt"
	"slices"
	"time"
)

// Fields holds the values of stage-defined columns, keyed by column name.
// A value's Go type must match its Column's Type (string, int64, float64,
// bool, []string or time.Time); a missing key is written as null.
type Fields map[string]any

// Set stores v under name, allocating the map when f is nil, and returns
// the map so that a nil Fields field can be assigned in one line:
// q.Fields = q.Fields.Set("sentiment", 0.4).
func (f Fields) Set(name string, v any) Fields {
	if f == nil {
		f = Fields{}
	}
	f[name] = v
	return f
}

// Type is the type of a stage-defined column.
type Type int

// Column types and the Go type of their values.
const (
	String     Type = iota // string
	Int64                  // int64
	Float64                // float64
	Bool                   // bool
	StringList             // []string
	Timestamp              // time.Time, written in UTC
)

var typeNames = [...]string{"string", "int64", "float64", "bool", "list of string", "timestamp"}

func (t Type) String() string {
	if t < 0 || int(t) >= len(typeNames) {
		return fmt.Sprintf("Type(%d)", int(t))
	}
	return typeNames[t]
}

// Accepts reports whether v is a value of type t (nil is always accepted,
// as null).
func (t Type) Accepts(v any) bool {
	switch v.(type) {
	case nil:
		return true
	case string:
		return t == String
	case int64:
		return t == Int64
	case float64:
		return t == Float64
	case bool:
		return t == Bool
	case []string:
		return t == StringList
	case time.Time:
		return t == Timestamp
	}
	return false
}

// Built-in tables, which stage-defined columns can extend.
const (
	TableDocuments = "documents"
	TableSentences = "sentences"
	TableEntities  = "entities"
	TableQuotes    = "quotes"
	TableErrors    = "errors"
)

// builtinColumns lists the columns newsmill itself writes, in the sinks'
// order, which no stage may redefine. A test of package sink checks it
// against the writer's schema.
var builtinColumns = map[string][]string{
	TableDocuments: {"doc_id", "source", "url", "title", "site", "domain", "published", "published_offset",
		"published_precision", "published_source", "modified", "fetched", "authors", "language", "description",
		"section", "tags", "image", "meta", "warnings", "extract_retries", "word_count", "text_hash", "text"},
	TableSentences: {"doc_id", "sentence", "start", "end", "text"},
	TableEntities:  {"doc_id", "entity", "text", "label", "start", "end", "sentence", "canonical"},
	TableQuotes: {"doc_id", "quote", "text", "start", "end", "kind", "speaker", "speaker_start", "speaker_end",
		"speaker_name", "speaker_type", "speaker_gender", "speaker_entity", "cue", "cue_start", "cue_end",
		"sentence", "paragraph", "confidence"},
	TableErrors: {"source", "doc_id", "stage", "message"},
}

// BuiltinColumns returns the columns newsmill writes to a built-in table,
// in order; nil for any other table. The slice is a copy.
func BuiltinColumns(table string) []string {
	return slices.Clone(builtinColumns[table])
}

// Column declares an output column that a stage adds. On a built-in table
// (documents, sentences, entities, quotes) the values come from the Fields
// of the Doc, Sentence, Entity or Quote; on any other table name the stage
// has a table of its own, whose rows it adds with Doc.AddRow and which gets
// a doc_id column first.
type Column struct {
	Table       string
	Name        string
	Type        Type
	Description string
}

// checkColumns rejects columns that redefine a built-in column or one
// declared by an earlier stage, write to the errors table, or have an
// unknown type.
func checkColumns(specs []Spec) error {
	seen := map[[2]string]string{}
	for _, s := range specs {
		for _, c := range s.Columns {
			if !identifier(c.Table) || !identifier(c.Name) {
				return fmt.Errorf("stage %q: column %q of table %q: names must be lower-case letters, digits and _", s.Name, c.Name, c.Table)
			}
			if c.Table == TableErrors {
				return fmt.Errorf("stage %q: the errors table takes no columns", s.Name)
			}
			if c.Type < String || c.Type > Timestamp {
				return fmt.Errorf("stage %q: column %s.%s has unknown type %v", s.Name, c.Table, c.Name, c.Type)
			}
			for _, b := range builtinColumns[c.Table] {
				if b == c.Name {
					return fmt.Errorf("stage %q: column %s.%s is built in", s.Name, c.Table, c.Name)
				}
			}
			if c.Name == "doc_id" {
				return fmt.Errorf("stage %q: column %s.doc_id is added by newsmill", s.Name, c.Table)
			}
			key := [2]string{c.Table, c.Name}
			if other, dup := seen[key]; dup {
				return fmt.Errorf("stages %q and %q both declare column %s.%s", other, s.Name, c.Table, c.Name)
			}
			seen[key] = s.Name
		}
	}
	return nil
}

// checkValues reports the first value in d, for one of cols, whose Go type
// does not match its column. The engine calls it after each stage that
// declares columns, so a wrong type fails that document with a clear
// message instead of reaching a writer. It costs a map look-up per column
// and annotation.
func checkValues(d *Doc, cols []Column) error {
	check := func(f Fields, c Column) error {
		if v, ok := f[c.Name]; ok && !c.Type.Accepts(v) {
			return fmt.Errorf("column %s.%s: value %v of type %T, want %v", c.Table, c.Name, v, v, c.Type)
		}
		return nil
	}
	for _, c := range cols {
		var err error
		switch c.Table {
		case TableDocuments:
			err = check(d.Fields, c)
		case TableSentences:
			for i := 0; i < len(d.Sentences) && err == nil; i++ {
				err = check(d.Sentences[i].Fields, c)
			}
		case TableEntities:
			for i := 0; i < len(d.Entities) && err == nil; i++ {
				err = check(d.Entities[i].Fields, c)
			}
		case TableQuotes:
			for i := 0; i < len(d.Quotes) && err == nil; i++ {
				err = check(d.Quotes[i].Fields, c)
			}
		default:
			for _, row := range d.Rows[c.Table] {
				if err = check(row, c); err != nil {
					break
				}
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// identifier reports whether s is a lower-case SQL-friendly name: a letter
// or _ followed by letters, digits and _.
func identifier(s string) bool {
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '_' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}
