// Command scaling is `make bench-scaling`: it runs the BenchmarkScaling*
// benchmarks of the given packages (default ./stages/..., ./pipeline/...
// and this package, whose BenchmarkScalingPipeline runs the whole
// pipeline) once each with `go test -run '^$' -bench Scaling -benchtime 1x`, groups
// their sub-benchmarks SHAPE/1x, 2x, 4x, 8x, and prints for each shape the
// time per operation at each size, the growth factor of each doubling and
// their geometric mean. It exits with status 1 when a shape's mean growth
// per doubling exceeds -max (default 2.3: linear time with some slack;
// quadratic time gives 4), and with 2 when the benchmarks cannot be run.
// The mean, not the worst step, is judged because a single run of the
// smallest size is noisy on a shared machine.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

func main() {
	limit := flag.Float64("max", 2.3, "largest mean growth factor per doubling allowed")
	flag.Parse()
	pkgs := flag.Args()
	if len(pkgs) == 0 {
		pkgs = []string{"./stages/...", "./pipeline/...", "./internal/bench/scaling"}
	}
	args := append([]string{"test", "-run", "^$", "-bench", "^BenchmarkScaling", "-benchtime", "1x"}, pkgs...)
	cmd := exec.Command("go", args...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		os.Stdout.Write(out.Bytes())
		fmt.Fprintf(os.Stderr, "scaling: go %s: %v\n", strings.Join(args, " "), err)
		os.Exit(2)
	}
	shapes, err := parse(&out)
	if err != nil || len(shapes) == 0 {
		fmt.Fprintf(os.Stderr, "scaling: no BenchmarkScaling results (%v)\n", err)
		os.Exit(2)
	}
	if report(os.Stdout, shapes, *limit) {
		os.Exit(1)
	}
}

// shape is one benchmark shape's time per operation by size multiple.
type shape struct {
	name  string
	nsOp  map[int]float64
	sizes []int
}

// benchLine matches "BenchmarkScalingX/Shape/4x-2  1  12345 ns/op ...".
var benchLine = regexp.MustCompile(`^(BenchmarkScaling\S*)/(\d+)x(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)

// pkgLine matches the "pkg: path" header go test prints before a package's
// benchmarks.
var pkgLine = regexp.MustCompile(`^pkg: (\S+)`)

// parse reads go test -bench output.
func parse(r io.Reader) ([]*shape, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	byName := map[string]*shape{}
	var order []string
	pkg := ""
	for _, line := range strings.Split(string(data), "\n") {
		if m := pkgLine.FindStringSubmatch(line); m != nil {
			pkg = m[1][strings.LastIndex(m[1], "/")+1:] + "."
			continue
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		x, _ := strconv.Atoi(m[2])
		ns, _ := strconv.ParseFloat(m[3], 64)
		name := pkg + m[1]
		s := byName[name]
		if s == nil {
			s = &shape{name: name, nsOp: map[int]float64{}}
			byName[name] = s
			order = append(order, name)
		}
		s.nsOp[x] = ns
		s.sizes = append(s.sizes, x)
	}
	shapes := make([]*shape, 0, len(order))
	for _, n := range order {
		s := byName[n]
		sort.Ints(s.sizes)
		shapes = append(shapes, s)
	}
	return shapes, nil
}

// report prints one line per shape and reports whether any exceeds limit.
func report(w io.Writer, shapes []*shape, limit float64) (failed bool) {
	for _, s := range shapes {
		var b strings.Builder
		fmt.Fprintf(&b, "%-60s", s.name)
		for _, x := range s.sizes {
			fmt.Fprintf(&b, " %dx %8.2fms", x, s.nsOp[x]/1e6)
		}
		b.WriteString("   growth per doubling:")
		logSum, steps := 0.0, 0.0
		for i := 1; i < len(s.sizes); i++ {
			lo, hi := s.sizes[i-1], s.sizes[i]
			d := math.Log2(float64(hi) / float64(lo))
			g := math.Pow(s.nsOp[hi]/s.nsOp[lo], 1/d)
			fmt.Fprintf(&b, " %.2f", g)
			logSum += math.Log(s.nsOp[hi] / s.nsOp[lo])
			steps += d
		}
		verdict := "ok"
		if steps > 0 {
			mean := math.Exp(logSum / steps)
			if mean > limit {
				verdict, failed = "TOO FAST-GROWING", true
			}
			fmt.Fprintf(&b, "  mean %.2f %s", mean, verdict)
		}
		fmt.Fprintln(w, b.String())
	}
	return failed
}
