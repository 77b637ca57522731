//go:build race

package bench

// raceEnabled reports whether the race detector, which changes what the
// stages allocate and slows them about tenfold, is on.
const raceEnabled = true
