package batch

import "time"

// Defaults of Config's per-document budgets.
const (
	// DefaultInFlightBytes bounds the bytes of the documents in flight:
	// with the default 16 MiB record limit, 16 of the largest documents.
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
