package extract

import (
	"strings"
	"time"
)

// dateLayouts are the timestamp shapes found in news metadata, most common
// first. Layouts without a zone are read as UTC.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC850,
	time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006",
	"Monday, January 2, 2006",
	"Monday, Jan 2, 2006",
	"Mon, Jan 2, 2006",
	"Monday January 2, 2006",
	"Monday, 2 January 2006",
	"Monday 2 January 2006",
	"January 2, 2006 3:04 PM",
	"January 2, 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"January 2 2006",
	"Jan 2 2006",
	"2 January 2006",
	"2 Jan 2006",
	"02.01.2006",
}

// parseDate reads a date or timestamp in one of the usual metadata shapes and
// returns it in UTC. It reports false when s matches none of them. It costs a
// few failed time.Parse calls in the worst case.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 6 || len(s) > 64 {
		return time.Time{}, false
	}
	// "Sept." and ordinal suffixes do not parse; "Updated" prefixes are noise.
	s = strings.NewReplacer("Sept.", "Sep", "Sept ", "Sep ", " at ", " ").Replace(s)
	for _, p := range []string{"Published", "Updated", "Posted", "On ", "on "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = strings.TrimLeft(rest, ": ")
		}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1900 || t.Year() > 2200 {
				return time.Time{}, false
			}
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
