package cli

import (
	"testing"
	"time"
)

// TestETA: no estimate before the first record is written nor during the
// first spell; then the rate since the first record, so that start-up
// time does not count.
func TestETA(t *testing.T) {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	e := eta{total: 1000, minSpell: 2 * time.Second}
	for _, tc := range []struct {
		after         time.Duration
		read, written int64
		want          time.Duration
		ok            bool
	}{
		{0, 50, 0, 0, false},                              // models loading, nothing written
		{10 * time.Second, 100, 1, 0, false},              // first record: the clock starts
		{11 * time.Second, 200, 5, 0, false},              // still measuring
		{12 * time.Second, 300, 9, 7 * time.Second, true}, // 100 bytes/s since the first record, 700 left
		{13 * time.Second, 1000, 20, 0, true},             // all read
	} {
		got, ok := e.update(t0.Add(tc.after), tc.read, tc.written)
		if got != tc.want || ok != tc.ok {
			t.Errorf("after %v: %v %v, want %v %v", tc.after, got, ok, tc.want, tc.ok)
		}
	}
}
