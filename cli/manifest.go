package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Run and input statuses in a manifest.
const (
	statusRunning  = "running"  // a run is writing (or was killed while writing)
	statusComplete = "complete" // every input is complete
	statusStopped  = "stopped"  // stopped by a signal, --stop-after or --max-errors
	statusFailed   = "failed"   // stopped by an error

	inputPending  = "pending"  // nothing of it is stored yet
	inputPartial  = "partial"  // its first Documents+Errors records are stored
	inputComplete = "complete" // read to the end and every record stored
)

// manifest is OUT/_manifest.json: what a Parquet run has stored, so that
// --resume can finish it and people can check it. Only parts listed in
// Parts are part of the dataset, and an input's counts cover exactly the
// rows in those parts.
type manifest struct {
	SchemaVersion int        `json:"schema_version"`
	Newsmill      string     `json:"newsmill_version"`
	Stages        []string   `json:"stages"`
	Columns       []string   `json:"columns,omitempty"` // stage-defined columns, as "table.name type"
	Shard         *shard     `json:"shard,omitempty"`
	Status        string     `json:"status"`
	Updated       time.Time  `json:"updated"`
	Parts         []string   `json:"parts"`
	NextPart      int        `json:"next_part"`
	Totals        counts     `json:"totals"`
	Inputs        []*inputAt `json:"inputs"`
}

// counts is the accounting of one input or of all: Records =
// Documents + Errors once an input is complete. Skipped counts WARC records
// that are not articles.
type counts struct {
	Records   int64 `json:"records"`
	Documents int64 `json:"documents"`
	Errors    int64 `json:"errors"`
	Skipped   int64 `json:"skipped"`
}

// inputAt is one input's entry in the manifest.
type inputAt struct {
	Path   string `json:"path"` // source.Name of the input
	Status string `json:"status"`
	counts
}

// manifestName is the manifest's file name in OUT for a shard.
func manifestName(s shard) string {
	if s.Count <= 1 {
		return "_manifest.json"
	}
	return fmt.Sprintf("_manifest-%s.json", s.tag())
}

// loadManifest reads a manifest; it returns nil and no error when there is
// none.
func loadManifest(path string) (*manifest, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}

// total sums the counts of every input.
func (m *manifest) total() counts {
	var t counts
	for _, in := range m.Inputs {
		t.Records += in.Records
		t.Documents += in.Documents
		t.Errors += in.Errors
		t.Skipped += in.Skipped
	}
	return t
}

// save writes m atomically: to a temporary file, synced, then renamed.
func (m *manifest) save(path string) error {
	m.Updated = time.Now().UTC().Truncate(time.Second)
	m.Totals = m.total()
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
