//go:build race

package hostile_test

// raceEnabled: the race detector makes the stages 5-10 times slower.
const raceEnabled = true
