package batch

import (
	"maps"
	"slices"
	"strings"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/source"
)

// recordedOptions is the stage options of a run as its manifest records
// them: only stages given options, so that no options and an empty map
// compare equal.
func recordedOptions(opts map[string]pipeline.Options) map[string]pipeline.Options {
	var out map[string]pipeline.Options
	for stage, o := range opts {
		if len(o) == 0 {
			continue
		}
		if out == nil {
			out = map[string]pipeline.Options{}
		}
		out[stage] = maps.Clone(o)
	}
	return out
}

// sameOptions reports whether two recorded option sets are equal.
func sameOptions(a, b map[string]pipeline.Options) bool {
	return maps.EqualFunc(a, b, func(x, y pipeline.Options) bool { return maps.Equal(x, y) })
}

// formatOptions renders recorded options as --stage-opt flags, sorted,
// for messages ("none" when there are none).
func formatOptions(opts map[string]pipeline.Options) string {
	var flags []string
	for stage, o := range opts {
		for k, v := range o {
			flags = append(flags, "--stage-opt "+stage+"."+k+"="+v)
		}
	}
	if len(flags) == 0 {
		return "none"
	}
	slices.Sort(flags)
	return strings.Join(flags, " ")
}

// checkPremise refuses to resume old, the manifest loaded from mpath, with
// a run that would not continue it: standard input among the inputs (what
// it already gave cannot be told apart from what it gives now), other
// stage options, or another list of inputs for this shard. Each refusal is
// a *ConfigError of one line saying what differs.
func checkPremise(old *Manifest, mpath string, inputs []string, opts map[string]pipeline.Options) error {
	want := map[string]bool{}
	for _, in := range inputs {
		if in == "-" {
			return configErrorf("--resume cannot tell which records of standard input %s already holds: run without --resume, or give the input as a file", mpath)
		}
		want[source.Canonical(in)] = true
	}
	if rec := recordedOptions(opts); !sameOptions(old.Options, rec) {
		return configErrorf("%s was written with stage options %s, not %s: resume with the same --stage-opt flags",
			mpath, formatOptions(old.Options), formatOptions(rec))
	}
	had := map[string]bool{}
	for _, in := range old.Inputs {
		had[in.Key] = true
		if !want[in.Key] {
			return configErrorf("%s holds input %s, which this run does not list (%d inputs now, %d then): resume with the same inputs, or run without --resume",
				mpath, in.Path, len(want), len(old.Inputs))
		}
	}
	for _, in := range inputs {
		if !had[source.Canonical(in)] {
			return configErrorf("input %s is not in %s (%d inputs now, %d then): resume with the same inputs, or run without --resume",
				source.Name(in), mpath, len(want), len(old.Inputs))
		}
	}
	return nil
}
