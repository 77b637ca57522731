//go:build race

package quotes

// raceEnabled reports whether the race detector, which slows the stage
// about tenfold, is on.
const raceEnabled = true
