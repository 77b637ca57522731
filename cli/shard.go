package cli

import (
	"fmt"
	"strconv"
	"strings"
)

// shard is one slice of a job's inputs: input k belongs to shard
// k mod Count. The zero Count means no sharding (one shard).
type shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// tag names the shard in file names: "0003-of-0016".
func (s shard) tag() string { return fmt.Sprintf("%04d-of-%04d", s.Index, s.Count) }

// partPrefix is the prefix of the shard's part files.
func (s shard) partPrefix() string {
	if s.Count <= 1 {
		return "part"
	}
	return "part-" + s.tag()
}

// pick returns the inputs of the shard, in their order: every Count-th
// input starting at Index. All shards must be given the same inputs in the
// same order; newsmill expands directories and patterns in lexical order,
// so the same arguments over the same files give the same split.
func (s shard) pick(inputs []string) []string {
	if s.Count <= 1 {
		return inputs
	}
	var out []string
	for k := s.Index; k < len(inputs); k += s.Count {
		out = append(out, inputs[k])
	}
	return out
}

// resolveShard decides the shard from --shard i/N, else from the batch
// scheduler's environment: JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs)
// with the count from --shard-count or NEWSMILL_SHARD_COUNT, or
// SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT (and SLURM_ARRAY_TASK_MIN
// when the array does not start at 0). It returns where the shard came from
// for the log, "" when there is no sharding.
func resolveShard(flagValue string, countFlag int, getenv func(string) string) (shard, string, error) {
	atoi := func(name, v string) (int, error) {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return 0, fmt.Errorf("%s=%q is not an integer", name, v)
		}
		return n, nil
	}
	var s shard
	var from string
	switch {
	case flagValue != "":
		i, n, ok := strings.Cut(flagValue, "/")
		if !ok {
			return shard{}, "", fmt.Errorf("--shard wants i/N, such as 0/4, not %q", flagValue)
		}
		var err error
		if s.Index, err = atoi("--shard", i); err != nil {
			return shard{}, "", err
		}
		if s.Count, err = atoi("--shard", n); err != nil {
			return shard{}, "", err
		}
		from = "--shard"
	case getenv("JOB_COMPLETION_INDEX") != "":
		var err error
		if s.Index, err = atoi("JOB_COMPLETION_INDEX", getenv("JOB_COMPLETION_INDEX")); err != nil {
			return shard{}, "", err
		}
		s.Count = countFlag
		if s.Count == 0 && getenv("NEWSMILL_SHARD_COUNT") != "" {
			if s.Count, err = atoi("NEWSMILL_SHARD_COUNT", getenv("NEWSMILL_SHARD_COUNT")); err != nil {
				return shard{}, "", err
			}
		}
		if s.Count == 0 {
			return shard{}, "", fmt.Errorf("JOB_COMPLETION_INDEX is set but the number of shards is not: pass --shard-count N or set NEWSMILL_SHARD_COUNT to the Job's completions")
		}
		from = "JOB_COMPLETION_INDEX"
	case getenv("SLURM_ARRAY_TASK_ID") != "":
		id, err := atoi("SLURM_ARRAY_TASK_ID", getenv("SLURM_ARRAY_TASK_ID"))
		if err != nil {
			return shard{}, "", err
		}
		lo := 0
		if v := getenv("SLURM_ARRAY_TASK_MIN"); v != "" {
			if lo, err = atoi("SLURM_ARRAY_TASK_MIN", v); err != nil {
				return shard{}, "", err
			}
		}
		s.Index = id - lo
		s.Count = countFlag
		if v := getenv("SLURM_ARRAY_TASK_COUNT"); s.Count == 0 && v != "" {
			if s.Count, err = atoi("SLURM_ARRAY_TASK_COUNT", v); err != nil {
				return shard{}, "", err
			}
		}
		if s.Count == 0 {
			return shard{}, "", fmt.Errorf("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: pass --shard-count N")
		}
		from = "SLURM_ARRAY_TASK_ID"
	default:
		return shard{Count: 1}, "", nil
	}
	if s.Count < 1 || s.Index < 0 || s.Index >= s.Count {
		return shard{}, "", fmt.Errorf("shard %d/%d (from %s): want 0 <= i < N", s.Index, s.Count, from)
	}
	return s, from, nil
}
