package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/newsmill/newsmill/pipeline"
)

// stageOpts collects repeated --stage-opt name.key=value flags.
type stageOpts map[string]pipeline.Options

func (o stageOpts) String() string { return "" }

func (o stageOpts) Set(v string) error {
	kv, val, ok := strings.Cut(v, "=")
	name, key, ok2 := strings.Cut(kv, ".")
	if !ok || !ok2 || name == "" || key == "" {
		return fmt.Errorf("want name.key=value, got %q", v)
	}
	if o[name] == nil {
		o[name] = pipeline.Options{}
	}
	o[name][key] = val
	return nil
}

// byteSize is a flag holding a number of bytes, written as 1048576, 512k,
// 16MiB, 2G, …: k, M, G, T with or without "iB" or "B" are powers of 1024.
type byteSize int64

func (b *byteSize) String() string {
	n := int64(*b)
	for _, u := range []struct {
		name  string
		shift uint
	}{{"TiB", 40}, {"GiB", 30}, {"MiB", 20}, {"KiB", 10}} {
		if n != 0 && n%(1<<u.shift) == 0 {
			return strconv.FormatInt(n>>u.shift, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10)
}

func (b *byteSize) Set(v string) error {
	s := strings.TrimSpace(v)
	num := strings.TrimRight(s, "kKMGTiB")
	unit := strings.TrimSuffix(strings.TrimSuffix(strings.ToUpper(s[len(num):]), "B"), "I")
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || n < 0 {
		return fmt.Errorf("want a size such as 1048576, 512k, 16MiB or 2G, not %q", v)
	}
	shift, ok := map[string]uint{"": 0, "K": 10, "M": 20, "G": 30, "T": 40}[unit]
	if !ok {
		return fmt.Errorf("unknown unit in %q", v)
	}
	*b = byteSize(n * float64(uint64(1)<<shift))
	return nil
}
