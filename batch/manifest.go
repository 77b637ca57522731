package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/sink"
	"github.com/newsmill/newsmill/source"
)

// Run and input statuses in a manifest.
const (
	StatusRunning  = "running"  // a run is writing (or was killed while writing)
	StatusComplete = "complete" // every input is complete
	StatusStopped  = "stopped"  // stopped by Config.Stop, StopAfter or MaxErrors
	StatusFailed   = "failed"   // stopped by an error

	InputPending  = "pending"  // nothing of it is stored yet
	InputPartial  = "partial"  // its first Documents+Errors records are stored
	InputComplete = "complete" // read to the end and every record stored
)

// Manifest is OUT/_manifest.json (OUT/_manifest-SHARD.json for a shard):
// what a Parquet run has stored, so that a resumed run can finish it and
// people can check it. Only parts listed in Parts belong to the dataset,
// and an input's counts cover exactly the rows in those parts.
type Manifest struct {
	SchemaVersion int      `json:"schema_version"`
	Newsmill      string   `json:"newsmill_version"`
	Stages        []string `json:"stages"`
	Columns       []string `json:"columns,omitempty"` // stage-defined columns, as "table.name type"
	// Options are the stage options the run was started with (stages
	// given none are left out); a resumed run must pass the same.
	Options  map[string]pipeline.Options `json:"options,omitempty"`
	Shard    *Shard                      `json:"shard,omitempty"`
	Status   string                      `json:"status"`
	Updated  time.Time                   `json:"updated"`
	Parts    []string                    `json:"parts"`
	NextPart int                         `json:"next_part"`
	Totals   Counts                      `json:"totals"`
	Inputs   []Input                     `json:"inputs"`
}

// Counts is the accounting of one input or of all: Records = Documents +
// Errors once an input is complete. Skipped counts WARC records that are
// not articles.
type Counts struct {
	Records   int64 `json:"records"`
	Documents int64 `json:"documents"`
	Errors    int64 `json:"errors"`
	Skipped   int64 `json:"skipped"`
}

// Input is one input's entry in the manifest.
type Input struct {
	Path string `json:"path"` // source.Name of the input, as shown to people
	// Key is source.Canonical of the input, the Doc.Input of its documents.
	Key    string `json:"input,omitempty"`
	Status string `json:"status"`
	// Size and Modified are the file's when the run that first stored
	// rows of it started (zero for standard input), so that a resumed
	// run can refuse an input that changed since.
	Size     int64     `json:"size,omitempty"`
	Modified time.Time `json:"modified,omitzero"`
	Counts
}

// ManifestName is the manifest's file name in OUT for a shard.
func ManifestName(s Shard) string {
	if s.Count <= 1 {
		return "_manifest.json"
	}
	return fmt.Sprintf("_manifest-%s.json", s.tag())
}

// LoadManifest reads a manifest; it returns nil and no error when there is
// none.
func LoadManifest(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}

// Total sums the counts of every input.
func (m *Manifest) Total() Counts {
	var t Counts
	for _, in := range m.Inputs {
		t.Records += in.Records
		t.Documents += in.Documents
		t.Errors += in.Errors
		t.Skipped += in.Skipped
	}
	return t
}

// Save writes m atomically, with Updated and Totals set: to a temporary
// file, synced, then renamed.
func (m *Manifest) Save(path string) error {
	m.Updated = time.Now().UTC().Truncate(time.Second)
	m.Totals = m.Total()
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(append(b, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

// clone returns a copy of m that shares nothing mutable with it.
func (m Manifest) clone() Manifest {
	m.Stages = slices.Clone(m.Stages)
	m.Columns = slices.Clone(m.Columns)
	m.Parts = slices.Clone(m.Parts)
	m.Inputs = slices.Clone(m.Inputs)
	m.Options = recordedOptions(m.Options)
	if m.Shard != nil {
		s := *m.Shard
		m.Shard = &s
	}
	return m
}

// Commit returns m with part p stored: p listed in Parts, NextPart after
// it, p's rows added to the counts of their inputs, and every input's
// status recomputed from read, the inputs this run read to their end (by
// Doc.Input) with what they held. An input is complete once it was read to
// its end and all its records are stored. m itself is not changed: Commit
// is a pure function, safe for concurrent use.
func Commit(m Manifest, p sink.Part, read map[string]source.InputCounts) Manifest {
	m = m.clone()
	m.Parts = append(m.Parts, p.Name)
	m.NextPart = p.Index + 1
	return addCounts(m, p.Inputs, read)
}

// addCounts adds stored rows, by input, to m (which it modifies; the
// caller passes a clone) and recomputes the inputs' statuses.
func addCounts(m Manifest, stored map[string]sink.Counts, read map[string]source.InputCounts) Manifest {
	keys := make([]string, 0, len(stored))
	for k := range stored {
		keys = append(keys, k)
	}
	slices.Sort(keys) // inputs unknown to m are added in a stable order
	index := m.indexer()
	for _, k := range keys {
		c := stored[k]
		i := index(k)
		m.Inputs[i].Documents += c.Docs
		m.Inputs[i].Errors += c.Errors
	}
	for i := range m.Inputs {
		in := &m.Inputs[i]
		n := in.Documents + in.Errors
		rc, done := read[in.Key]
		switch {
		case done && rc.Records == n:
			in.Status, in.Records, in.Skipped = InputComplete, rc.Records, rc.Skipped
		case in.Status == InputComplete:
		case n > 0:
			in.Status, in.Records = InputPartial, n
		}
	}
	return m
}

// indexer returns a function that gives the index of the input whose Key
// is key, adding a pending entry to m when there is none. It keeps a map of
// m's inputs, so that a run of 80,000 inputs is not planned in quadratic
// time; m.Inputs must change only through it while it is in use.
func (m *Manifest) indexer() func(key string) int {
	pos := make(map[string]int, len(m.Inputs))
	for i, in := range m.Inputs {
		if _, ok := pos[in.Key]; !ok {
			pos[in.Key] = i
		}
	}
	return func(key string) int {
		if i, ok := pos[key]; ok {
			return i
		}
		path := key
		if path == "" {
			path = "(unknown input)"
		}
		m.Inputs = append(m.Inputs, Input{Path: path, Key: key, Status: InputPending})
		pos[key] = len(m.Inputs) - 1
		return len(m.Inputs) - 1
	}
}
