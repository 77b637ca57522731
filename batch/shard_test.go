package batch

import (
	"strings"
	"testing"
)

func TestShardFromEnv(t *testing.T) {
	tests := []struct {
		flag  string
		count int
		env   map[string]string
		want  Shard
		err   string
	}{
		{"", 0, nil, Shard{0, 1}, ""},
		{"2/5", 0, nil, Shard{2, 5}, ""},
		{"5/5", 0, nil, Shard{}, "want 0 <= i < N"},
		{"x", 0, nil, Shard{}, "i/N"},
		{"", 4, nil, Shard{}, "--shard-count 4 without a shard index"},
		{"1/4", 4, nil, Shard{1, 4}, ""},
		{"1/4", 8, nil, Shard{}, "disagree"},
		{"", 0, map[string]string{"JOB_COMPLETION_INDEX": "3"}, Shard{}, "NEWSMILL_SHARD_COUNT"},
		{"", 8, map[string]string{"JOB_COMPLETION_INDEX": "3"}, Shard{3, 8}, ""},
		{"", 0, map[string]string{"JOB_COMPLETION_INDEX": "3", "NEWSMILL_SHARD_COUNT": "4"}, Shard{3, 4}, ""},
		{"1/2", 0, map[string]string{"JOB_COMPLETION_INDEX": "3", "NEWSMILL_SHARD_COUNT": "4"}, Shard{1, 2}, ""},
		// Slurm: the count is never SLURM_ARRAY_TASK_COUNT, the index never shifted by SLURM_ARRAY_TASK_MIN
		// (sbatch --array=2 alone sets COUNT=1, MIN=2: shard 0 of 1 would redo every input).
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "16"}, Shard{}, "--shard \"$SLURM_ARRAY_TASK_ID/N\""},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "2", "SLURM_ARRAY_TASK_COUNT": "1"}, Shard{}, "SLURM_ARRAY_TASK_COUNT is not used"},
		{"", 4, map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "2", "SLURM_ARRAY_TASK_COUNT": "1"}, Shard{2, 4}, ""},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "3", "NEWSMILL_SHARD_COUNT": "8"}, Shard{3, 8}, ""},
		{"2/4", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "2", "SLURM_ARRAY_TASK_COUNT": "1"}, Shard{2, 4}, ""},
		{"", 4, map[string]string{"SLURM_ARRAY_TASK_ID": "4"}, Shard{}, "want 0 <= i < N"},
		{"", 4, map[string]string{"SLURM_ARRAY_TASK_ID": "a"}, Shard{}, "not an integer"},
	}
	for _, tt := range tests {
		got, _, err := ShardFromEnv(tt.flag, tt.count, func(k string) string { return tt.env[k] })
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q %v: err %v, want %q", tt.flag, tt.env, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%q %v: %+v %v, want %+v", tt.flag, tt.env, got, err, tt.want)
		}
	}
	s := Shard{1, 3}
	if got := s.Pick([]string{"a", "b", "c", "d", "e"}); strings.Join(got, "") != "be" {
		t.Errorf("Pick = %v", got)
	}
	if p := s.PartPrefix(); p != "part-0001-of-0003" {
		t.Errorf("PartPrefix = %q", p)
	}
	if n := ManifestName(s); n != "_manifest-0001-of-0003.json" {
		t.Errorf("ManifestName = %q", n)
	}
}
