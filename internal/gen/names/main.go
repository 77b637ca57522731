// Command names writes stages/quotes/firstnames.txt.gz, the first-name
// gender table behind quotes.speaker_gender, from the US Social Security
// Administration's national baby-name files (yobYYYY.txt lines
// "name,sex,count"; public domain, a US government work:
// https://www.ssa.gov/OACT/babynames/limits.html). A name is listed when
// at least -share of its births since -from were one sex and it had at
// least -min births; a name with that many births and a smaller share,
// such as Jordan or Leslie, is listed as unisex, so the quotes stage
// leaves it unknown rather than trusting a hand list.
//
//	go run ./internal/gen/names -ssa /work/data/n/yob -o stages/quotes/firstnames.txt.gz
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	dir := flag.String("ssa", "", "`directory` of the SSA national files yobYYYY.txt (required)")
	out := flag.String("o", "stages/quotes/firstnames.txt.gz", "output `file`")
	from := flag.Int("from", 1920, "first birth `year` counted (speakers in the news were born since about then)")
	share := flag.Float64("share", 0.95, "least `fraction` of a name's births that are one sex for it to be listed")
	least := flag.Int("min", 50, "least `births` of a listed name")
	flag.Parse()
	if *dir == "" || *share <= 0.5 || *share > 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*dir, *out, *from, *share, *least); err != nil {
		fmt.Fprintln(os.Stderr, "names:", err)
		os.Exit(1)
	}
}

func run(dir, out string, from int, share float64, least int) error {
	files, err := filepath.Glob(filepath.Join(dir, "yob*.txt"))
	if err != nil {
		return err
	}
	births := map[string]*[2]int{}
	years := [2]int{}
	for _, f := range files {
		year, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "yob"), ".txt"))
		if err != nil || year < from {
			continue
		}
		if err := count(f, births); err != nil {
			return err
		}
		if years[0] == 0 || year < years[0] {
			years[0] = year
		}
		years[1] = max(years[1], year)
	}
	if len(births) == 0 {
		return fmt.Errorf("no yobYYYY.txt from %d in %s", from, dir)
	}
	rows := table(births, share, least)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	fmt.Fprintf(zw, "# first names and their sex: f, m or u (unisex). From the US Social Security Administration's national baby-name counts,\n"+
		"# births %d-%d (public domain, a US government work; https://www.ssa.gov/OACT/babynames/limits.html).\n"+
		"# A name is listed when it had at least %[4]d births; it is f or m when at least %[3]g of them were one sex.\n"+
		"# Written by `make gen-names` (internal/gen/names); do not edit.\n", years[0], years[1], share, least)
	for _, r := range rows {
		fmt.Fprintf(zw, "%s\t%c\n", r.name, r.sex)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// count adds the births of one yobYYYY.txt file to births, by lower-case
// name: index 0 female, 1 male.
func count(path string, births map[string]*[2]int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		fs := strings.Split(strings.TrimSpace(sc.Text()), ",")
		if len(fs) == 1 && fs[0] == "" {
			continue
		}
		n, err := strconv.Atoi(fs[len(fs)-1])
		if len(fs) != 3 || err != nil || n < 0 || (fs[1] != "F" && fs[1] != "M") {
			return fmt.Errorf("%s:%d: not name,sex,count: %q", path, line, sc.Text())
		}
		name := strings.ToLower(fs[0])
		b := births[name]
		if b == nil {
			b = new([2]int)
			births[name] = b
		}
		b[strings.Index("FM", fs[1])] += n
	}
	return sc.Err()
}

// row is one listed name and its sex, 'f', 'm' or 'u' (unisex).
type row struct {
	name string
	sex  byte
}

// table returns the names of births that had at least least births,
// sorted by name, with the sex of at least share of them, else 'u'.
func table(births map[string]*[2]int, share float64, least int) []row {
	var rows []row
	for name, b := range births {
		total := b[0] + b[1]
		switch {
		case total < least || total == 0:
		case float64(b[0]) >= share*float64(total):
			rows = append(rows, row{name, 'f'})
		case float64(b[1]) >= share*float64(total):
			rows = append(rows, row{name, 'm'})
		default:
			rows = append(rows, row{name, 'u'})
		}
	}
	slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.name, b.name) })
	return rows
}
