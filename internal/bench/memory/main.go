// Command memory is part of `make bench-memory`: it measures the peak RSS
// of `newsmill annotate` on documents as large as the default limits
// allow, one run per shape of bench.HugeShapes (issue 17's hostile shapes:
// ordinary prose, text without sentence punctuation, long capitalised
// runs, many quotation pairs, one huge token, and prose as HTML). For each
// shape it writes -n documents of -size bytes as JSON Lines ("text", or
// "html"), annotates them with -workers workers under
// /usr/bin/time -v and prints the shape, the wall time, the documents
// written and failed, and the maximum resident set size. It exits with
// status 1 when a shape's peak exceeds -max (default 1 GiB), and with 2
// when it cannot run.
//
//	go run ./internal/bench/memory                      # every shape, 8 × 15.9 MB, 2 workers
//	go run ./internal/bench/memory -shapes Prose -n 2   # one shape, 2 documents
//	go run ./internal/bench/memory -mix -n 2            # 2 of each size: huge, 1/8 and 1/64
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsmill/newsmill/internal/bench"
)

func main() {
	n := flag.Int("n", 8, "documents per shape")
	size := flag.Int("size", 15_900_000, "bytes of text per document")
	workers := flag.Int("workers", 2, "workers per stage")
	only := flag.String("shapes", "", "comma-separated shapes to run (default all: "+strings.Join(names(), ",")+")")
	limit := flag.Int64("max", 1<<30, "largest peak RSS allowed, in bytes")
	bin := flag.String("bin", "", "newsmill binary to measure (default: built from ./cmd/newsmill)")
	extra := flag.String("args", "", "extra arguments of annotate, space-separated")
	mix := flag.Bool("mix", false, "follow each document of -size by 8 of size/8 and 64 of size/64, so that huge, large and small documents meet")
	flag.Parse()
	dir, err := os.MkdirTemp("", "newsmill-memory-")
	if err != nil {
		fail(err)
	}
	tmp = dir
	if *bin == "" {
		*bin = filepath.Join(dir, "newsmill")
		build := exec.Command("go", "build", "-o", *bin, "./cmd/newsmill")
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			fail(fmt.Errorf("go build: %w", err))
		}
	}
	over := false
	fmt.Printf("%d documents of %d bytes per shape, %d workers\n", *n, *size, *workers)
	if *mix {
		fmt.Printf("each followed by 8 of %d bytes and 64 of %d bytes\n", *size/8, *size/64)
	}
	for _, sh := range bench.HugeShapes {
		if *only != "" && !contains(strings.Split(*only, ","), sh.Name) {
			continue
		}
		input := filepath.Join(dir, sh.Name+".jsonl")
		if err := write(input, sh, *n, *size, *mix); err != nil {
			fail(err)
		}
		r, err := measure(*bin, dir, input, *workers, strings.Fields(*extra))
		os.Remove(input)
		if err != nil {
			fail(fmt.Errorf("%s: %w", sh.Name, err))
		}
		mark := ""
		if r.rss > *limit {
			mark, over = "  OVER", true
		}
		fmt.Printf("%-16s %7.1f s  %s  peak RSS %5d MiB%s\n", sh.Name, r.wall.Seconds(), r.summary, r.rss>>20, mark)
	}
	os.RemoveAll(dir)
	if over {
		os.Exit(1)
	}
}

// tmp is the directory of the run, removed when it fails.
var tmp string

func fail(err error) {
	fmt.Fprintln(os.Stderr, "memory:", err)
	if tmp != "" {
		os.RemoveAll(tmp)
	}
	os.Exit(2)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func names() []string {
	var s []string
	for _, sh := range bench.HugeShapes {
		s = append(s, sh.Name)
	}
	return s
}

// write writes n documents of sh as JSON Lines to path, each of size
// bytes, or with mix each followed by 8 of size/8 and 64 of size/64.
func write(path string, sh bench.HugeShape, n, size int, mix bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	field := "text"
	if sh.HTML {
		field = "html"
	}
	sizes := []int{size}
	if mix {
		sizes = append(sizes, slices.Repeat([]int{size / 8}, 8)...)
		sizes = append(sizes, slices.Repeat([]int{size / 64}, 64)...)
	}
	k := 0
	for range n {
		for _, sz := range sizes {
			if err := enc.Encode(map[string]string{"id": fmt.Sprintf("%s-%d", sh.Name, k), field: sh.Make(k, sz)}); err != nil {
				return err
			}
			k++
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

type result struct {
	rss     int64
	wall    time.Duration
	summary string
}

var (
	rssLine     = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
	summaryLine = regexp.MustCompile(`(?m)^newsmill: (\d+ inputs.*)$`)
)

// measure annotates input with bin under /usr/bin/time -v.
func measure(bin, dir, input string, workers int, extra []string) (result, error) {
	out := filepath.Join(dir, "out")
	os.RemoveAll(out)
	defer os.RemoveAll(out)
	timing := filepath.Join(dir, "time.txt")
	args := append([]string{"-v", "-o", timing, bin, "annotate", "-o", out, "--workers", strconv.Itoa(workers)}, extra...)
	args = append(args, input)
	cmd := exec.Command("/usr/bin/time", args...)
	var log strings.Builder
	cmd.Stderr = &log
	start := time.Now()
	err := cmd.Run()
	r := result{wall: time.Since(start)}
	if err != nil {
		return r, fmt.Errorf("%v\n%s", err, log.String())
	}
	t, err := os.ReadFile(timing)
	if err != nil {
		return r, err
	}
	m := rssLine.FindSubmatch(t)
	if m == nil {
		return r, fmt.Errorf("no maximum RSS in /usr/bin/time's output")
	}
	kb, _ := strconv.ParseInt(string(m[1]), 10, 64)
	r.rss = kb << 10
	if s := summaryLine.FindStringSubmatch(log.String()); s != nil {
		r.summary = s[1]
	}
	return r, nil
}
