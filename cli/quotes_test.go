package cli

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// TestReadQuotesDefensive: readQuotes reads a file of many rows in
// batches, and refuses, without a panic or a huge allocation, a footer
// claiming more rows than the file can hold and a garbled file.
func TestReadQuotesDefensive(t *testing.T) {
	dir := t.TempDir()
	rows := make([]quoteLine, 2500)
	for i := range rows {
		rows[i] = quoteLine{DocID: fmt.Sprint("d", i), Text: "words", Kind: "direct"}
	}
	var b bytes.Buffer
	if err := parquet.Write(&b, rows); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.parquet")
	if err := os.WriteFile(good, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := readQuotes(good); err != nil || len(got) != len(rows) || got[2499].DocID != "d2499" {
		t.Fatalf("good file: %d rows, %v", len(got), err)
	}

	data := b.Bytes()
	footer := int(binary.LittleEndian.Uint32(data[len(data)-8:]))
	var md format.FileMetaData
	if err := thrift.Unmarshal(&thrift.CompactProtocol{}, data[len(data)-8-footer:len(data)-8], &md); err != nil {
		t.Fatal(err)
	}
	md.NumRows = 1 << 50
	for i := range md.RowGroups {
		md.RowGroups[i].NumRows = 1 << 50
	}
	meta, err := thrift.Marshal(&thrift.CompactProtocol{}, &md)
	if err != nil {
		t.Fatal(err)
	}
	huge := append(append([]byte(nil), data[:len(data)-8-footer]...), meta...)
	huge = binary.LittleEndian.AppendUint32(huge, uint32(len(meta)))
	huge = append(huge, "PAR1"...)
	garbled := append([]byte(nil), data...)
	for i := 4; i < len(garbled)-8-footer; i += 7 {
		garbled[i] ^= 0x5a
	}
	for name, content := range map[string][]byte{"huge": huge, "garbled": garbled, "short": data[:len(data)/2]} {
		p := filepath.Join(dir, name+".parquet")
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readQuotes(p)
		if err == nil && name != "garbled" {
			t.Errorf("%s: %d rows and no error", name, len(got))
		}
		if name == "huge" && (err == nil || !strings.Contains(err.Error(), "claims")) {
			t.Errorf("huge: %v", err)
		}
	}
}
