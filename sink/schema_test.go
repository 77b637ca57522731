package sink

import (
	"slices"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/newsmill/newsmill/pipeline"
)

// TestBuiltinColumnsMatchSchema: the columns the engine protects from
// stages (pipeline.BuiltinColumns) are exactly the writer's, in order.
func TestBuiltinColumnsMatchSchema(t *testing.T) {
	for table, row := range map[string]any{
		pipeline.TableDocuments: documentRow{},
		pipeline.TableSentences: sentenceRow{},
		pipeline.TableEntities:  entityRow{},
		pipeline.TableQuotes:    quoteRow{},
		pipeline.TableErrors:    errorRow{},
	} {
		var names []string
		for _, f := range parquet.SchemaOf(row).Fields() {
			names = append(names, f.Name())
		}
		if want := pipeline.BuiltinColumns(table); !slices.Equal(names, want) {
			t.Errorf("%s: the writer has columns %v, pipeline.BuiltinColumns says %v", table, names, want)
		}
	}
	if !slices.Equal(Tables, []string{pipeline.TableDocuments, pipeline.TableSentences, pipeline.TableEntities,
		pipeline.TableQuotes, pipeline.TableErrors}) {
		t.Errorf("Tables = %v", Tables)
	}
}
