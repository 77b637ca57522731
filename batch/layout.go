package batch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/sink"
)

// The names of a run's files, sharded or not: manifests, lock files and
// part files (complete or temporary) of every table.
var (
	manifestRE = regexp.MustCompile(`^_manifest(?:-(\d{4,})-of-(\d{4,}))?\.json$`)
	partRE     = regexp.MustCompile(`^\.?` + regexp.QuoteMeta(sink.DefaultPartPrefix) + `(?:-(\d{4,})-of-(\d{4,}))?-\d{5,}\.parquet(?:\.tmp)?$`)
)

// shardOf returns the shard a file name written by a run belongs to
// (Count 1 for an unsharded run).
func shardOf(re *regexp.Regexp, name string) (Shard, bool) {
	m := re.FindStringSubmatch(name)
	if m == nil {
		return Shard{}, false
	}
	if m[1] == "" {
		return Shard{Index: 0, Count: 1}, true
	}
	i, _ := strconv.Atoi(m[1])
	n, _ := strconv.Atoi(m[2])
	return Shard{Index: i, Count: n}, true
}

// layout lists the shards that have a manifest or part files in out (in
// any table directory, stages' own tables included), sorted.
func layout(out string) ([]Shard, error) {
	seen := map[Shard]bool{}
	entries, err := os.ReadDir(out)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		if s, ok := shardOf(manifestRE, e.Name()); ok && !e.IsDir() {
			seen[s] = true
		}
		if !e.IsDir() {
			continue
		}
		files, err := os.ReadDir(filepath.Join(out, e.Name()))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if s, ok := shardOf(partRE, f.Name()); ok {
				seen[s] = true
			}
		}
	}
	shards := make([]Shard, 0, len(seen))
	for s := range seen {
		shards = append(shards, s)
	}
	slices.SortFunc(shards, func(a, b Shard) int { return (a.Count-b.Count)*1<<20 + a.Index - b.Index })
	return shards, nil
}

// describeCount names a run of n shards for messages.
func describeCount(n int) string {
	if n <= 1 {
		return "an unsharded run (no --shard)"
	}
	return fmt.Sprintf("a run in %d shards (--shard i/%d)", n, n)
}

// checkLayout refuses to mix layouts in Out: when Out holds the files of
// a run with another shard count than this one, a resumed run stops with a
// *ConfigError saying what to pass, and so does a fresh run unless
// Config.Force, which removes that run's parts (of every table) and
// manifests, each shard's under its lock. The caller holds the lock of its
// own shard.
func (p *planned) checkLayout() error {
	cfg := p.cfg
	shards, err := layout(cfg.Out)
	if err != nil {
		return err
	}
	var other []Shard
	for _, s := range shards {
		if s.Count != cfg.Shard.Count {
			other = append(other, s)
		}
	}
	if len(other) == 0 {
		return nil
	}
	found := describeCount(other[0].Count)
	switch {
	case cfg.Resume:
		return configErrorf("%s holds the output of %s, not of %s: resume with --shard i/%d, as that run was started",
			cfg.Out, found, describeCount(cfg.Shard.Count), max(other[0].Count, 1))
	case !cfg.Force:
		return configErrorf("%s holds the output of %s: pass --shard i/%d to add to that run, use another output directory, or pass --force to delete it",
			cfg.Out, found, max(other[0].Count, 1))
	}
	// Every shard is locked before any is removed: when one of them runs
	// (a *LockedError), nothing is deleted.
	for _, s := range other {
		l, err := lockShard(cfg.Out, s)
		if err != nil {
			return err
		}
		defer l.unlock()
	}
	for _, s := range other {
		if err := removeShard(cfg.Out, s); err != nil {
			return err
		}
	}
	return nil
}

// removeShard deletes the parts of every table, the manifest and the lock
// file of shard s in out; the caller holds the shard's lock.
func removeShard(out string, s Shard) error {
	if err := sink.RemoveParts(out, s.PartPrefix(), nil); err != nil {
		return err
	}
	for _, name := range []string{ManifestName(s), LockName(s)} {
		if err := os.Remove(filepath.Join(out, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// fileState is an input file's size and modification time, as the
// manifest records them.
func fileState(path string) (int64, time.Time) {
	info, err := os.Stat(path)
	if err != nil || path == "-" {
		return 0, time.Time{}
	}
	return info.Size(), info.ModTime().UTC()
}

// checkInput records the size and modification time of an input in its
// manifest entry and, when the entry already holds rows of it, refuses an
// input that changed since (a resumed run would mix two versions of it).
func checkInput(e *Input, in, mpath string) error {
	size, mod := fileState(in)
	if in == "-" {
		return nil
	}
	stored := e.Documents+e.Errors > 0 || e.Status == InputComplete
	if stored && !e.Modified.IsZero() && (e.Size != size || !e.Modified.Equal(mod)) {
		return configErrorf("input %s changed since %s recorded it (size %d, modified %s; now %d, %s): a resumed run would mix both versions; run again without --resume, or restore the file",
			in, mpath, e.Size, e.Modified.Format(time.RFC3339Nano), size, mod.Format(time.RFC3339Nano))
	}
	e.Size, e.Modified = size, mod
	return nil
}

// lazySink is the sink of a resumed run whose dataset already has parts:
// it opens the real sink at the first document, so that a run with
// nothing left to write (every input complete, or only inputs whose
// records are all stored already) adds no empty part to every table. It
// is used from the sink goroutine only.
type lazySink struct {
	open func() (pipeline.Sink, error)
	s    pipeline.Sink
}

func (l *lazySink) Write(ctx context.Context, d *pipeline.Doc) error {
	if l.s == nil {
		s, err := l.open()
		if err != nil {
			return err
		}
		l.s = s
	}
	return l.s.Write(ctx, d)
}

func (l *lazySink) Close() error {
	if l.s == nil {
		return nil
	}
	return l.s.Close()
}
