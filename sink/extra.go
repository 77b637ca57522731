package sink

import (
	"fmt"
	"reflect"
	"sort"
	"time"

	"github.com/newsmill/newsmill/pipeline"
)

// extension widens a row type with stage-defined columns (pipeline.Column).
// It builds, once per table, a struct type holding the base row's fields
// followed by one optional field per column, so that parquet-go derives the
// schema and writes the columns in declaration order. It is not safe for
// concurrent use: widen reuses one value.
type extension struct {
	cols  []pipeline.Column
	typ   reflect.Type
	nbase int
	row   reflect.Value // addressable value of typ, reused by widen
}

// ownRow is the base row of a table a stage defines: the columns the stage
// declares follow doc_id.
type ownRow struct {
	DocID string `parquet:"doc_id" json:"doc_id"`
}

func (r ownRow) approxBytes() int { return len(r.DocID) }

// newExtension returns the extension of the struct type base by cols.
func newExtension(base reflect.Type, cols []pipeline.Column) *extension {
	var fields []reflect.StructField
	for i := range base.NumField() {
		fields = append(fields, base.Field(i))
	}
	x := &extension{cols: cols, nbase: len(fields)}
	for i, c := range cols {
		typ, tag := columnType(c.Type)
		fields = append(fields, reflect.StructField{
			Name: fmt.Sprintf("Extra%d", i),
			Type: typ,
			Tag:  reflect.StructTag(fmt.Sprintf(`parquet:"%s,optional%s" json:"%s"`, c.Name, tag, c.Name)),
		})
	}
	x.typ = reflect.StructOf(fields)
	x.row = reflect.New(x.typ).Elem()
	return x
}

// columnType gives the Go field type and extra parquet tag options of a
// column type. Every stage-defined column is optional: a missing value is
// null.
func columnType(t pipeline.Type) (reflect.Type, string) {
	switch t {
	case pipeline.Int64:
		return reflect.TypeFor[*int64](), ""
	case pipeline.Float64:
		return reflect.TypeFor[*float64](), ""
	case pipeline.Bool:
		return reflect.TypeFor[*bool](), ""
	case pipeline.StringList:
		return reflect.TypeFor[[]string](), ",list"
	case pipeline.Timestamp:
		return reflect.TypeFor[*time.Time](), ",timestamp(millisecond)"
	}
	return reflect.TypeFor[*string](), ""
}

// widen fills the reused row with base (a value of the base row type) and
// the columns' values in f, and returns a pointer to it, valid until the
// next call. Strings are made valid UTF-8 and times UTC. A value of the
// wrong Go type is an error.
func (x *extension) widen(base any, f pipeline.Fields) (any, error) {
	b := reflect.ValueOf(base)
	for i := range x.nbase {
		x.row.Field(i).Set(b.Field(i))
	}
	for i, c := range x.cols {
		field := x.row.Field(x.nbase + i)
		v := f[c.Name]
		if !c.Type.Accepts(v) {
			return nil, fmt.Errorf("column %s: value %v of type %T, want %v", c.Name, v, v, c.Type)
		}
		field.SetZero()
		switch v := v.(type) {
		case nil:
		case string:
			s := validUTF8(v)
			field.Set(reflect.ValueOf(&s))
		case []string:
			field.Set(reflect.ValueOf(validStrings(v)))
		case time.Time:
			t := v.UTC()
			field.Set(reflect.ValueOf(&t))
		default:
			p := reflect.New(reflect.TypeOf(v))
			p.Elem().Set(reflect.ValueOf(v))
			field.Set(p)
		}
	}
	return x.row.Addr().Interface(), nil
}

// widenCopy is widen into a new value, for callers that keep the rows.
func (x *extension) widenCopy(base any, f pipeline.Fields) (any, error) {
	if _, err := x.widen(base, f); err != nil {
		return nil, err
	}
	v := reflect.New(x.typ)
	v.Elem().Set(x.row)
	return v.Interface(), nil
}

// extensions holds a sink's extensions: one per built-in table that has
// stage-defined columns, and one per table of a stage's own.
type extensions struct {
	byTable map[string]*extension
	own     []string // the stages' own tables, sorted
}

// newExtensions groups cols by table and builds each table's extension.
func newExtensions(cols []pipeline.Column) extensions {
	byTable := map[string][]pipeline.Column{}
	for _, c := range cols {
		byTable[c.Table] = append(byTable[c.Table], c)
	}
	x := extensions{byTable: map[string]*extension{}}
	for table, cs := range byTable {
		base, builtin := builtinRows[table]
		if !builtin {
			base = reflect.TypeFor[ownRow]()
			x.own = append(x.own, table)
		}
		x.byTable[table] = newExtension(base, cs)
	}
	sort.Strings(x.own)
	return x
}

// builtinRows maps the built-in tables that take stage-defined columns to
// their row types.
var builtinRows = map[string]reflect.Type{
	pipeline.TableDocuments: reflect.TypeFor[documentRow](),
	pipeline.TableSentences: reflect.TypeFor[sentenceRow](),
	pipeline.TableEntities:  reflect.TypeFor[entityRow](),
	pipeline.TableQuotes:    reflect.TypeFor[quoteRow](),
}

// Columns adds the columns that stages declare (pipeline.Step.Columns) to
// the tables: values come from the Fields of each document, sentence,
// entity and quote, and from Doc.Rows for tables of a stage's own, which
// are written beside the built-in ones.
func Columns(cols []pipeline.Column) ParquetOption {
	return func(c *parquetConfig) { c.ext = newExtensions(cols) }
}
