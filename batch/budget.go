package batch

import "time"

// Defaults of Config's per-document budgets.
const (
	// DefaultInFlightBytes bounds the estimated memory of the documents in
	// flight (pipeline.Estimate: their size plus each stage's working set):
	// with the default stages, one document over about 3.7 MB runs alone.
	DefaultInFlightBytes = 256 << 20
	// DefaultMaxDocTime is the time one stage may spend on one document.
	DefaultMaxDocTime = 30 * time.Second
)

// orDefault is v, or def when v is 0, or 0 (none) when v is negative.
func orDefault[T int64 | time.Duration](v, def T) T {
	switch {
	case v == 0:
		return def
	case v < 0:
		return 0
	}
	return v
}
