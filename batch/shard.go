package batch

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/newsmill/newsmill/sink"
)

// Shard is one slice of a job's inputs: input k belongs to shard k mod
// Count. A Count of 0 or 1 means no sharding.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// tag names the shard in file names: "0003-of-0016".
func (s Shard) tag() string { return fmt.Sprintf("%04d-of-%04d", s.Index, s.Count) }

// PartPrefix is the prefix of the shard's part files (see sink.PartPrefix).
func (s Shard) PartPrefix() string {
	if s.Count <= 1 {
		return sink.DefaultPartPrefix
	}
	return sink.DefaultPartPrefix + "-" + s.tag()
}

// Pick returns the inputs of the shard, in their order: every Count-th
// input starting at Index. All shards must be given the same inputs in the
// same order; source.Expand lists directories and patterns in lexical
// order, so the same arguments over the same files give the same split.
func (s Shard) Pick(inputs []string) []string {
	if s.Count <= 1 {
		return inputs
	}
	var out []string
	for k := s.Index; k < len(inputs); k += s.Count {
		out = append(out, inputs[k])
	}
	return out
}

// ShardFromEnv decides the shard from flagValue ("i/N", as given to
// --shard), else from the batch scheduler's environment, read through
// getenv: JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs) with the count
// from count or NEWSMILL_SHARD_COUNT, or SLURM_ARRAY_TASK_ID with
// SLURM_ARRAY_TASK_COUNT (and SLURM_ARRAY_TASK_MIN when the array does not
// start at 0). It returns where the shard came from, for the log, "" when
// there is no sharding.
func ShardFromEnv(flagValue string, count int, getenv func(string) string) (Shard, string, error) {
	atoi := func(name, v string) (int, error) {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return 0, fmt.Errorf("%s=%q is not an integer", name, v)
		}
		return n, nil
	}
	var s Shard
	var from string
	switch {
	case flagValue != "":
		i, n, ok := strings.Cut(flagValue, "/")
		if !ok {
			return Shard{}, "", fmt.Errorf("--shard wants i/N, such as 0/4, not %q", flagValue)
		}
		var err error
		if s.Index, err = atoi("--shard", i); err != nil {
			return Shard{}, "", err
		}
		if s.Count, err = atoi("--shard", n); err != nil {
			return Shard{}, "", err
		}
		from = "--shard"
	case getenv("JOB_COMPLETION_INDEX") != "":
		var err error
		if s.Index, err = atoi("JOB_COMPLETION_INDEX", getenv("JOB_COMPLETION_INDEX")); err != nil {
			return Shard{}, "", err
		}
		s.Count = count
		if s.Count == 0 && getenv("NEWSMILL_SHARD_COUNT") != "" {
			if s.Count, err = atoi("NEWSMILL_SHARD_COUNT", getenv("NEWSMILL_SHARD_COUNT")); err != nil {
				return Shard{}, "", err
			}
		}
		if s.Count == 0 {
			return Shard{}, "", fmt.Errorf("JOB_COMPLETION_INDEX is set but the number of shards is not: pass --shard-count N or set NEWSMILL_SHARD_COUNT to the Job's completions")
		}
		from = "JOB_COMPLETION_INDEX"
	case getenv("SLURM_ARRAY_TASK_ID") != "":
		id, err := atoi("SLURM_ARRAY_TASK_ID", getenv("SLURM_ARRAY_TASK_ID"))
		if err != nil {
			return Shard{}, "", err
		}
		lo := 0
		if v := getenv("SLURM_ARRAY_TASK_MIN"); v != "" {
			if lo, err = atoi("SLURM_ARRAY_TASK_MIN", v); err != nil {
				return Shard{}, "", err
			}
		}
		s.Index = id - lo
		s.Count = count
		if v := getenv("SLURM_ARRAY_TASK_COUNT"); s.Count == 0 && v != "" {
			if s.Count, err = atoi("SLURM_ARRAY_TASK_COUNT", v); err != nil {
				return Shard{}, "", err
			}
		}
		if s.Count == 0 {
			return Shard{}, "", fmt.Errorf("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: pass --shard-count N")
		}
		from = "SLURM_ARRAY_TASK_ID"
	default:
		return Shard{Count: 1}, "", nil
	}
	if s.Count < 1 || s.Index < 0 || s.Index >= s.Count {
		return Shard{}, "", fmt.Errorf("shard %d/%d (from %s): want 0 <= i < N", s.Index, s.Count, from)
	}
	return s, from, nil
}
