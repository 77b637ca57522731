package source

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/newsmill/newsmill/pipeline"
)

// inputDateLayouts are the spellings of a JSON Lines "published" that
// setPublished reads: the machine formats exports and databases write, not
// the prose dates of pages (the extract stage reads those). Fractional
// seconds are accepted after the seconds of every layout.
var inputDateLayouts = []struct {
	layout string
	zoned  bool // the layout carries a UTC offset
	day    bool // the layout has no time of day
}{
	{time.RFC3339, true, false},
	{"2006-01-02T15:04:05Z0700", true, false},
	{"2006-01-02T15:04Z07:00", true, false},
	{"2006-01-02T15:04:05", false, false},
	{"2006-01-02T15:04", false, false},
	{"2006-01-02 15:04:05Z07:00", true, false},
	{"2006-01-02 15:04:05 Z07:00", true, false},
	{"2006-01-02 15:04:05Z0700", true, false},
	{"2006-01-02 15:04:05 -0700", true, false},
	{"2006-01-02 15:04:05 -0700 MST", true, false},
	{"2006-01-02 15:04:05", false, false},
	{"2006-01-02 15:04", false, false},
	{time.RFC1123Z, true, false},
	{"Mon, 2 Jan 2006 15:04:05 -0700", true, false},
	{time.RFC1123, true, false},
	{"Mon, 2 Jan 2006 15:04:05 MST", true, false},
	{"2006-01-02", false, true},
	{"2006/01/02", false, true},
}

// setPublished reads a JSON Lines "published" into d: a string in one of
// inputDateLayouts, or a number of seconds (or, above 10^11, milliseconds)
// since 1970 UTC. The time keeps the offset the input gave
// (Doc.PublishedOffset, "" when it gave none and the time was read as UTC),
// with PublishedPrecision "day" for a bare date and "second" otherwise, and
// PublishedSource "input". Absent, null or "" leaves d unchanged; anything
// else that does not parse, or a year outside 1900–2200, leaves Published
// zero and adds a warning: the article is kept.
func setPublished(d *pipeline.Doc, raw json.RawMessage) {
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
		return
	}
	t, offset, precision, ok := parseInputDate(raw)
	if !ok || t.Year() < 1900 || t.Year() > 2200 {
		d.Warn(`"published" %s is not a date newsmill reads (RFC 3339, "YYYY-MM-DD hh:mm:ss", RFC 1123, YYYY-MM-DD or seconds since 1970); published left null`, abbreviate(raw))
		return
	}
	d.Published, d.PublishedOffset, d.PublishedPrecision, d.PublishedSource = t, offset, precision, pipeline.DateFromInput
}

// parseInputDate parses a JSON string or number as setPublished describes,
// returning the time, its offset as "+hh:mm" ("" for none) and its
// precision. It costs at most one time.Parse per layout.
func parseInputDate(raw json.RawMessage) (t time.Time, offset, precision string, ok bool) {
	if raw[0] != '"' {
		var sec float64
		if json.Unmarshal(raw, &sec) != nil || math.IsNaN(sec) || math.Abs(sec) > 1e15 {
			return time.Time{}, "", "", false
		}
		if math.Abs(sec) >= 1e11 {
			sec /= 1000
		}
		whole, frac := math.Modf(sec)
		return time.Unix(int64(whole), int64(frac*1e9)).UTC(), "+00:00", pipeline.PrecisionSecond, true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return time.Time{}, "", "", false
	}
	s = strings.TrimSpace(s)
	for _, l := range inputDateLayouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		precision = pipeline.PrecisionSecond
		if l.day {
			precision = pipeline.PrecisionDay
		}
		if !l.zoned {
			return t, "", precision, true
		}
		name, off := t.Zone()
		if off == 0 && name != "" && name != "UTC" && name != "GMT" {
			// time.Parse gives an abbreviation it does not know offset 0:
			// the offset is unknown, so the wall clock is read as UTC.
			return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC), "", precision, true
		}
		return t, formatOffset(off), precision, true
	}
	return time.Time{}, "", "", false
}

// formatOffset writes seconds east of UTC as "+hh:mm".
func formatOffset(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/3600, off%3600/60)
}
