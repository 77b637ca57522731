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
// getenv: the index from JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs) or
// SLURM_ARRAY_TASK_ID (a Slurm array numbered from 0), the count from count
// (--shard-count) or NEWSMILL_SHARD_COUNT. The count is never taken from
// SLURM_ARRAY_TASK_COUNT or the index shifted by SLURM_ARRAY_TASK_MIN:
// a task resubmitted alone (sbatch --array=5) sees a count of 1 and a
// minimum of 5, and would compute the wrong shard. It returns where the
// shard came from, for the log, "" when there is no sharding.
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
		if count != 0 && count != s.Count {
			return Shard{}, "", fmt.Errorf("--shard %s and --shard-count %d disagree: give one of them", flagValue, count)
		}
	case getenv("JOB_COMPLETION_INDEX") != "" || getenv("SLURM_ARRAY_TASK_ID") != "":
		from = "JOB_COMPLETION_INDEX"
		hint := "--shard-count N or set NEWSMILL_SHARD_COUNT to the Job's completions"
		if getenv(from) == "" {
			from = "SLURM_ARRAY_TASK_ID"
			hint = `--shard "$SLURM_ARRAY_TASK_ID/N" (or --shard-count N), N the number of tasks of the whole array; SLURM_ARRAY_TASK_COUNT is not used, as a resubmitted task sees only the tasks resubmitted with it`
		}
		var err error
		if s.Index, err = atoi(from, getenv(from)); err != nil {
			return Shard{}, "", err
		}
		s.Count = count
		if s.Count == 0 && getenv("NEWSMILL_SHARD_COUNT") != "" {
			if s.Count, err = atoi("NEWSMILL_SHARD_COUNT", getenv("NEWSMILL_SHARD_COUNT")); err != nil {
				return Shard{}, "", err
			}
		}
		if s.Count == 0 {
			return Shard{}, "", fmt.Errorf("%s is set but the number of shards is not: pass %s", from, hint)
		}
	case count != 0:
		return Shard{}, "", fmt.Errorf("--shard-count %d without a shard index: pass --shard i/%d, or run under JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID", count, count)
	default:
		return Shard{Count: 1}, "", nil
	}
	if s.Count < 1 || s.Index < 0 || s.Index >= s.Count {
		return Shard{}, "", fmt.Errorf("shard %d/%d (from %s): want 0 <= i < N", s.Index, s.Count, from)
	}
	return s, from, nil
}
