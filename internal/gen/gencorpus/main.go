// Command gencorpus writes a synthetic news corpus for tests and
// benchmarks: JSON Lines or a CC-NEWS-like WARC file, chosen by the output
// name (.jsonl, .jsonl.gz, .jsonl.zst, .warc, .warc.gz).
//
//	go run ./internal/gen/gencorpus -n 200000 -words 300 -o /tmp/corpus.jsonl.zst
//	go run ./internal/gen/gencorpus -n 1000 -o /tmp/CC-NEWS-sample.warc.gz
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/newsmill/newsmill/internal/gen"
)

func main() {
	out := flag.String("o", "", "output file: .jsonl, .jsonl.gz, .jsonl.zst, .warc or .warc.gz (required)")
	n := flag.Int("n", 1000, "number of articles (a WARC file turns some into non-article records)")
	first := flag.Int("first", 0, "index of the first article")
	words := flag.Int("words", 300, "rough words per article")
	flag.Parse()
	if *out == "" || *n < 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := generate(*out, *first, *n, *words); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func generate(path string, first, n, words int) (err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	defer func() {
		if ferr := bw.Flush(); err == nil {
			err = ferr
		}
	}()
	name := strings.ToLower(path)
	if strings.HasSuffix(name, ".warc.gz") || strings.HasSuffix(name, ".warc") {
		st, err := gen.WriteWARC(bw, gen.WARCOptions{First: first, N: n, Words: words, Gzip: strings.HasSuffix(name, ".gz")})
		if err == nil {
			fmt.Fprintf(os.Stderr, "gencorpus: %s: %d WARC records, %d articles\n", path, st.Records, len(st.Articles))
		}
		return err
	}
	var w io.WriteCloser
	switch {
	case strings.HasSuffix(name, ".gz"):
		w = gzip.NewWriter(bw)
	case strings.HasSuffix(name, ".zst"):
		if w, err = zstd.NewWriter(bw); err != nil {
			return err
		}
	default:
		w = nopCloser{bw}
	}
	if err := gen.WriteJSONL(w, first, n, words); err != nil {
		return err
	}
	return w.Close()
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
