// Package suggest finds the closest of a list of known names to a
// misspelt one, for "did you mean" hints in error messages.
package suggest

import "unicode/utf8"

// Closest returns the candidate nearest to word by edit distance
// (insertions, deletions, substitutions and transpositions of adjacent
// characters), and whether it is near enough to suggest: at most one edit
// for words of up to four characters, two up to eight, three beyond. Ties
// go to the earlier candidate. It is a pure function, safe for concurrent
// use, and costs O(len(word) × len(candidate)) per candidate.
func Closest(word string, candidates []string) (string, bool) {
	limit := 3
	switch n := utf8.RuneCountInString(word); {
	case n <= 4:
		limit = 1
	case n <= 8:
		limit = 2
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := distance(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, best != ""
}

// Hint returns ` (did you mean "x"?)` for the closest candidate to word,
// or "" when none is close.
func Hint(word string, candidates []string) string {
	if c, ok := Closest(word, candidates); ok {
		return ` (did you mean "` + c + `"?)`
	}
	return ""
}

// distance is the optimal string alignment distance between a and b,
// counted in runes.
func distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	// Three rows of the dynamic programme: two back, one back, current.
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
