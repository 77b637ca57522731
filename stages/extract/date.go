package extract

import (
	"strings"
	"time"

	"github.com/newsmill/newsmill/pipeline"
)

// dateLayouts are the timestamp shapes found in news metadata, most common
// first. zoned tells whether a layout carries a time zone; times read with
// one that does not are taken as UTC.
var dateLayouts = []struct {
	layout string
	zoned  bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02T15:04:05.999999999Z0700", true},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02T15:04:05.999999999", false},
	{"2006-01-02T15:04", false},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02 15:04:05 -0700 MST", true},
	{"2006-01-02 15:04:05 MST", true},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02 15:04", false},
	{"2006-01-02", false},
	{"2006/01/02", false},
	{"20060102", false},
	{time.RFC1123Z, true},
	{time.RFC1123, true},
	{time.RFC850, true},
	{time.ANSIC, false},
	{"Mon, 2 Jan 2006 15:04:05 -0700", true},
	{"Mon, 2 Jan 2006 15:04:05 MST", true},
	{"Mon, 2 Jan 2006", false},
	{"Monday, January 2, 2006", false},
	{"Monday, Jan 2, 2006", false},
	{"Mon, Jan 2, 2006", false},
	{"Monday January 2, 2006", false},
	{"Monday, 2 January 2006", false},
	{"Monday 2 January 2006", false},
	{"January 2, 2006 3:04 PM MST", true},
	{"January 2, 2006 3:04 PM", false},
	{"Jan 2, 2006 3:04 PM MST", true},
	{"Jan 2, 2006 3:04 PM", false},
	{"January 2, 2006", false},
	{"Jan 2, 2006", false},
	{"Jan. 2, 2006", false},
	{"January 2 2006", false},
	{"Jan 2 2006", false},
	{"2 January 2006 15:04 MST", true},
	{"2 January 2006", false},
	{"2 Jan 2006 15:04 MST", true},
	{"2 Jan 2006", false},
	{"02.01.2006 15:04", false},
	{"02.01.2006", false},
}

// zoneOffsets are the seconds east of UTC of the zone abbreviations news
// sites print. time.Parse knows only UTC, GMT and the local zone's; for any
// other it invents a zone at offset zero.
var zoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0, "BST": 3600, "IST": 19800, "CET": 3600, "CEST": 7200, "EET": 7200, "EEST": 10800,
	"WET": 0, "WEST": 3600, "MSK": 10800, "EST": -5 * 3600, "EDT": -4 * 3600, "ET": -5 * 3600, "CST": -6 * 3600,
	"CDT": -5 * 3600, "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600, "PT": -8 * 3600,
	"AEST": 10 * 3600, "AEDT": 11 * 3600, "JST": 9 * 3600, "KST": 9 * 3600, "HKT": 8 * 3600, "SGT": 8 * 3600,
}

// parseDate reads a date or timestamp in one of the usual metadata shapes and
// returns it in UTC. It reports false when s matches none of them.
func parseDate(s string) (time.Time, bool) {
	t, _, ok := parseDateZone(s)
	return t.UTC(), ok
}

// parseDateZone reads s like parseDate but returns the time in the zone s
// names, and whether it named one (an offset or a known abbreviation). A time
// without a zone, or with an abbreviation nobody can place, is read as UTC.
// It costs a few dozen failed time.Parse calls in the worst case.
func parseDateZone(s string) (t time.Time, zoned, ok bool) {
	r, ok := readDate(s)
	return r.t, r.zoned, ok
}

// dateReading is one timestamp as a page wrote it: the time in the zone it
// named (UTC when it named none), whether it named one, and whether it gave
// only a calendar day.
type dateReading struct {
	t          time.Time
	zoned, day bool
}

// offset is the reading's UTC offset as "+hh:mm", or "" when the page gave
// no zone.
func (r dateReading) offset() string {
	if !r.zoned {
		return ""
	}
	return r.t.Format("-07:00")
}

// precision is pipeline.PrecisionDay or PrecisionSecond; "" for no reading.
func (r dateReading) precision() string {
	switch {
	case r.t.IsZero():
		return ""
	case r.day:
		return pipeline.PrecisionDay
	}
	return pipeline.PrecisionSecond
}

// readDate is parseDateZone's reading of s with its precision.
func readDate(s string) (dateReading, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 6 || len(s) > 64 {
		return dateReading{}, false
	}
	// "Sept." and "a.m." do not parse; "Updated" prefixes are noise.
	s = dateNoise.Replace(s)
	for _, p := range []string{"Published", "Updated", "Posted", "On ", "on "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = strings.TrimLeft(rest, ": ")
		}
	}
	for _, l := range dateLayouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		if t.Year() < 1900 || t.Year() > 2200 {
			return dateReading{}, false
		}
		day := !strings.Contains(l.layout, "04") // no minutes: a date only
		if name, off := t.Zone(); l.zoned && off == 0 && name != "" && name != "UTC" {
			known, found := zoneOffsets[name]
			if !found {
				return dateReading{t: time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC), day: day}, true
			}
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, known))
		}
		return dateReading{t: t, zoned: l.zoned, day: day}, true
	}
	return dateReading{}, false
}

var dateNoise = strings.NewReplacer("Sept.", "Sep", "Sept ", "Sep ", " at ", " ", "a.m.", "AM", "p.m.", "PM", " am", " AM", " pm", " PM", ",  ", ", ")

// pickDate returns, in UTC, the first of candidates (given in order of
// trust) that parses. When that one has no time zone and a later candidate
// with a zone shows the same day and, if the first has one, the same time of
// day in its own zone, the zoned reading wins: sites often print local time
// without a zone in one place and with it in another.
func pickDate(candidates []string) time.Time {
	return pickReading(candidates).t.UTC()
}

// pickReading is pickDate's choice as the page wrote it; the zero reading
// when no candidate parses.
func pickReading(candidates []string) dateReading {
	for i, c := range candidates {
		r, ok := readDate(c)
		if !ok {
			continue
		}
		if !r.zoned {
			for _, later := range candidates[i+1:] {
				if lr, ok := readDate(later); ok && lr.zoned && sameWallClock(r.t, lr.t) {
					lr.day = lr.day && r.day
					return lr
				}
			}
		}
		return r
	}
	return dateReading{}
}

// sameWallClock reports whether zoned, in its own zone, shows the calendar
// day of the zone-less reading t and, when t has a time of day, its hour and
// minute.
func sameWallClock(t, zoned time.Time) bool {
	if t.Year() != zoned.Year() || t.YearDay() != zoned.YearDay() {
		return false
	}
	return (t.Hour() == 0 && t.Minute() == 0) || (t.Hour() == zoned.Hour() && t.Minute() == zoned.Minute())
}
