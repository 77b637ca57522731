// Command scaling runs every BenchmarkScaling benchmark of the module (each
// stage's hostile input shapes at 1x, 2x, 4x and 8x their unit size, as
// sub-benchmarks named SHAPE/Nx) and prints, per shape, the time growth per
// doubling of the input: each step's ratio and, over the whole range,
// (t(8x)/t(1x))^(1/3). It exits with status 1 when a shape's growth per
// doubling is above -max (2.3 by default; a linear stage gives about 2, a
// quadratic one 4).
//
//	go run ./internal/bench/scaling [-max 2.3] [-benchtime 3x] [-count 2] [packages]
//
// With -count above 1 the fastest run of each size is used, which keeps a
// busy machine's noise out of the ratios.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

func main() {
	limit := flag.Float64("max", 2.3, "largest accepted time growth per doubling of the input")
	benchtime := flag.String("benchtime", "3x", "go test -benchtime for each size")
	count := flag.Int("count", 2, "go test -count: runs per size, the fastest is used")
	flag.Parse()
	pkgs := flag.Args()
	if len(pkgs) == 0 {
		pkgs = []string{"./..."}
	}
	args := append([]string{"test", "-run", "^$", "-bench", "^BenchmarkScaling", "-benchtime", *benchtime,
		"-count", strconv.Itoa(*count)}, pkgs...)
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		os.Stdout.Write(out)
		fmt.Fprintf(os.Stderr, "scaling: go %s: %v\n", strings.Join(args, " "), err)
		os.Exit(1)
	}
	series, err := parse(strings.NewReader(string(out)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "scaling:", err)
		os.Exit(1)
	}
	if len(series) == 0 {
		fmt.Fprintln(os.Stderr, "scaling: no BenchmarkScaling sub-benchmark named SHAPE/Nx found")
		os.Exit(1)
	}
	if bad := report(os.Stdout, series, *limit); bad > 0 {
		fmt.Fprintf(os.Stderr, "scaling: %d shapes grow faster than %.2fx per doubling\n", bad, *limit)
		os.Exit(1)
	}
}

// Series is one shape's fastest time per input multiple.
type Series struct {
	Name string          // package and benchmark path without the size
	NS   map[int]float64 // ns/op by multiple (1, 2, 4, 8)
}

// benchLine matches a result line: name/Nx[-procs]  iterations  ns/op.
var benchLine = regexp.MustCompile(`^(BenchmarkScaling\S*?)/(\d+)x(?:-\d+)?\s+\d+\s+([0-9.]+) ns/op`)

// parse reads go test -bench output and returns the series of each
// BenchmarkScaling shape, in the order first seen; "pkg:" lines name the
// package of the lines after them.
func parse(r io.Reader) ([]Series, error) {
	var out []Series
	index := map[string]int{}
	pkg := ""
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		x, _ := strconv.Atoi(m[2])
		ns, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			return nil, fmt.Errorf("%q: %v", line, err)
		}
		name := strings.TrimPrefix(pkg+" "+m[1], " ")
		i, ok := index[name]
		if !ok {
			i = len(out)
			index[name] = i
			out = append(out, Series{Name: name, NS: map[int]float64{}})
		}
		if old, seen := out[i].NS[x]; !seen || ns < old {
			out[i].NS[x] = ns
		}
	}
	return out, sc.Err()
}

// Growth returns the ratios of each size to the one half as large, and
// the growth per doubling over the whole range, (t(max)/t(min))^(1/steps);
// whole is NaN with fewer than two sizes.
func (s Series) Growth() (steps []float64, whole float64) {
	sizes := make([]int, 0, len(s.NS))
	for x := range s.NS {
		sizes = append(sizes, x)
	}
	slices.Sort(sizes)
	for i := 1; i < len(sizes); i++ {
		if sizes[i] == 2*sizes[i-1] {
			steps = append(steps, s.NS[sizes[i]]/s.NS[sizes[i-1]])
		}
	}
	if len(sizes) < 2 {
		return steps, math.NaN()
	}
	lo, hi := sizes[0], sizes[len(sizes)-1]
	doublings := math.Log2(float64(hi) / float64(lo))
	return steps, math.Pow(s.NS[hi]/s.NS[lo], 1/doublings)
}

// report prints one line per series and returns how many grow faster
// than limit per doubling (or have fewer than two sizes).
func report(w io.Writer, series []Series, limit float64) (bad int) {
	for _, s := range series {
		steps, whole := s.Growth()
		verdict := "ok"
		if math.IsNaN(whole) || whole > limit {
			verdict = "FAIL"
			bad++
		}
		parts := make([]string, len(steps))
		for i, r := range steps {
			parts[i] = fmt.Sprintf("%.2f", r)
		}
		fmt.Fprintf(w, "%-4s %.2fx per doubling (steps %s)  %s\n", verdict, whole, strings.Join(parts, " "), s.Name)
	}
	return bad
}
