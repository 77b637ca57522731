package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/parquet-go/parquet-go"
)

// quoteLine is the part of a quotes row that printQuotes shows.
type quoteLine struct {
	DocID       string  `parquet:"doc_id"`
	Text        string  `parquet:"text"`
	Kind        string  `parquet:"kind"`
	SpeakerName *string `parquet:"speaker_name,optional"`
}

func printQuotes(e env, args []string) int {
	fs := flag.NewFlagSet("quotes", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	n := fs.Int("n", 10, "print at most `N` quotes (0 for all)")
	indirect := fs.Bool("indirect", false, "also print reported speech without quotation marks")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: newsmill quotes [-n N] [-indirect] OUT\n\nPrints the quotes of the Parquet tables in OUT, with their speakers.")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintf(e.stderr, "newsmill quotes: want one OUT directory, got %d arguments\nRun 'newsmill quotes --help' for usage.\n", len(pos))
		return exitUsage
	}
	files, _ := filepath.Glob(filepath.Join(pos[0], "quotes", "*.parquet"))
	if len(files) == 0 {
		fmt.Fprintf(e.stderr, "newsmill quotes: no quotes table in %s\n", pos[0])
		return exitFail
	}
	sort.Strings(files)
	printed := 0
	for _, path := range files {
		rows, err := readQuotes(path)
		if err != nil {
			fmt.Fprintf(e.stderr, "newsmill quotes: %v\n", err)
			return exitFail
		}
		for _, q := range rows {
			if *n > 0 && printed == *n {
				return exitOK
			}
			if q.Kind == "indirect" && !*indirect {
				continue
			}
			speaker := "(unknown)"
			if q.SpeakerName != nil {
				speaker = *q.SpeakerName
			}
			format := "%s\t%s\t%s: “%s”\n"
			if q.Kind == "indirect" {
				format = "%s\t%s\t%s: %s\n"
			}
			fmt.Fprintf(e.stdout, format, q.DocID, q.Kind, speaker, q.Text)
			printed++
		}
	}
	return exitOK
}

// readQuotes reads the columns of quoteLine from one Parquet file. It
// trusts nothing in the file's footer: a row count that the file's size
// cannot hold is refused, rows are read in batches, and a panic of the
// Parquet reader on a corrupt file becomes an error.
func readQuotes(path string) (_ []quoteLine, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: corrupt Parquet file: %v", path, r)
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// Three columns of at least a bit per row each: a footer claiming more
	// rows than that is corrupt or hostile.
	if n := pf.NumRows(); n < 0 || n > 8*st.Size() {
		return nil, fmt.Errorf("%s: the footer claims %d rows in a file of %d bytes", path, n, st.Size())
	}
	r := parquet.NewGenericReader[quoteLine](pf)
	defer r.Close()
	var rows []quoteLine
	batch := make([]quoteLine, 1024)
	for {
		n, err := r.Read(batch)
		rows = append(rows, batch[:n]...)
		if errors.Is(err, io.EOF) || (err == nil && n == 0) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
}
