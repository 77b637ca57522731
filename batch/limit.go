package batch

import (
	"fmt"
	"strconv"
	"strings"
)

// ErrorLimit stops a run once it has written too many error rows: more
// than a number of them, or more than a percentage of the records written
// (judged from MinRecordsForRatio records on). The zero value is no limit.
// It implements flag.Value, as "N", "N%" or -1 for no limit; "0" stops
// at the first error row.
type ErrorLimit struct {
	// Count is the number of error rows allowed when Limited is true.
	Count int64
	// Limited says that Count is a limit (so that 0 can mean zero).
	Limited bool
	Percent float64
}

// MinRecordsForRatio is how many records a run writes before a percentage
// limit is applied, so that a bad first file does not stop it.
const MinRecordsForRatio = 100

// String returns the limit as Set reads it.
func (l *ErrorLimit) String() string {
	switch {
	case l.Percent > 0:
		return strconv.FormatFloat(l.Percent, 'g', -1, 64) + "%"
	case !l.Limited:
		return "-1"
	}
	return strconv.FormatInt(l.Count, 10)
}

// Set reads a number of error rows ("10"; "0" for none), a percentage
// ("5%"), or -1 for no limit.
func (l *ErrorLimit) Set(v string) error {
	if p, ok := strings.CutSuffix(strings.TrimSpace(v), "%"); ok {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || f <= 0 || f >= 100 {
			return fmt.Errorf("want a percentage between 0 and 100, not %q", v)
		}
		*l = ErrorLimit{Percent: f}
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < -1 {
		return fmt.Errorf("want a number of error rows, a percentage such as 50%%, or -1 for no limit, not %q", v)
	}
	*l = ErrorLimit{Count: max(n, 0), Limited: n >= 0}
	return nil
}

// Exceeded reports whether errs error rows among docs+errs records break
// the limit.
func (l ErrorLimit) Exceeded(docs, errs int64) bool {
	switch {
	case l.Limited:
		return errs > l.Count
	case l.Percent > 0:
		n := docs + errs
		return n >= MinRecordsForRatio && float64(errs) > l.Percent/100*float64(n)
	}
	return false
}
