package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsmill/newsmill/pipeline"
)

// readJSONL emits one document per non-blank line of st. A read error ends
// the input with an error document for the line it happened on.
func (s *Source) readJSONL(ctx context.Context, in *input, st *stream) error {
	lr := lineReader{r: bufio.NewReaderSize(st, 64<<10), max: s.maxRecord}
	for n := 1; ; n++ {
		line, err := lr.next()
		if err == io.EOF {
			return nil
		}
		src := in.name + ":" + strconv.Itoa(n)
		var d *pipeline.Doc
		switch {
		case errors.Is(err, errTooLong):
			d = failed(src, "", fmt.Sprintf("line is longer than the %d-byte limit", s.maxRecord))
		case err != nil:
			return in.send(ctx, failed(src, "", "read: "+st.describe(err)), time.Time{})
		default:
			if n == 1 {
				line = trimBOM(line)
			}
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			d = parseRecord(src, line)
		}
		if err := in.send(ctx, d, time.Time{}); err != nil {
			return err
		}
	}
}

// readFields are the fields of a JSON Lines record that newsmill reads
// itself; every other field is carried through in Doc.Meta.
var readFields = map[string]bool{
	"id": true, "text": true, "html": true, "url": true, "title": true,
	"site": true, "published": true, "authors": true,
}

// parseRecord turns one JSON line into a document; src is its "path:line".
// It never returns nil. A line that is not a JSON object, or whose id,
// text or html cannot be used, gives a failed document; a field that is
// merely unusable (a date that does not parse, a title that is not a
// string, an author that is neither a name nor an object with one) is left
// out with a Doc.Warnings entry, and the article is kept. Fields newsmill
// does not read go, as given, into Doc.Meta. Strings decoded from JSON are
// valid UTF-8 (encoding/json replaces invalid bytes), and so is Meta.
func parseRecord(src string, line []byte) *pipeline.Doc {
	if t := bytes.TrimLeft(line, " \t\r"); len(t) == 0 || t[0] != '{' {
		return failed(src, "", "not a JSON object")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return failed(src, "", "invalid JSON: "+err.Error())
	}
	id, err := parseID(fields["id"])
	if err != nil {
		return failed(src, "", err.Error())
	}
	if id == "" {
		id = shortID(src)
	}
	d := &pipeline.Doc{ID: id, Source: src}
	var text, html string
	for _, f := range []namedString{{"text", &text}, {"html", &html}} {
		if *f.p, err = stringField(fields, f.name); err != nil {
			return failed(src, id, err.Error())
		}
	}
	if text == "" && html == "" {
		return failed(src, id, `record has neither "text" nor "html"`)
	}
	d.Text = text
	if html != "" {
		d.HTML = []byte(html)
	}
	for _, f := range []namedString{{"url", &d.URL}, {"title", &d.Title}, {"site", &d.Site}} {
		if *f.p, err = stringField(fields, f.name); err != nil {
			d.Warn("%s; left out", err)
		}
	}
	setPublished(d, fields["published"])
	d.Authors = parseAuthors(d, fields["authors"])
	d.Meta = metaOf(fields)
	return d
}

// namedString is a string field of a record and where it goes.
type namedString struct {
	name string
	p    *string
}

// stringField returns fields[name] as a string: "" when absent or null, an
// error when it holds anything but a string.
func stringField(fields map[string]json.RawMessage, name string) (string, error) {
	raw := fields[name]
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", fmt.Errorf("%q must be a string, not %s", name, abbreviate(raw))
	}
	return s, nil
}

// metaOf returns the fields newsmill does not read as a JSON object with
// sorted keys, or "" when there are none.
func metaOf(fields map[string]json.RawMessage) string {
	extra := make(map[string]json.RawMessage)
	for k, v := range fields {
		if !readFields[k] {
			extra[k] = v
		}
	}
	if len(extra) == 0 {
		return ""
	}
	b, err := json.Marshal(extra)
	if err != nil {
		// Unreachable: every value was decoded from valid JSON.
		return ""
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// abbreviate shows a JSON value in a warning, cut to 40 bytes.
func abbreviate(raw json.RawMessage) string {
	s := strings.ToValidUTF8(string(raw), "\uFFFD")
	if len(s) > 40 {
		i := 40
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i] + "…"
	}
	return s
}

// parseID accepts a string or a number; absent or null gives "".
func parseID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf(`"id": %v`, err)
		}
		return s, nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(raw), nil
	}
	return "", errors.New(`"id" must be a string or a number`)
}

// parseAuthors accepts a list of names, one name, an object with a "name"
// (as schema.org's Person has) or a list mixing names and such objects;
// absent or null gives nil. What it cannot use it leaves out with a warning
// on d.
func parseAuthors(d *pipeline.Doc, raw json.RawMessage) []string {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var list []json.RawMessage
	if raw[0] == '[' {
		if json.Unmarshal(raw, &list) != nil {
			return nil // unreachable: raw is a valid JSON value
		}
	} else {
		list = []json.RawMessage{raw}
	}
	var names []string
	for _, item := range list {
		name, ok := authorName(item)
		switch {
		case !ok:
			d.Warn(`"authors": %s is neither a name nor an object with a "name"; left out`, abbreviate(item))
		case name != "":
			names = append(names, name)
		}
	}
	return names
}

// authorName reads one author: a string, or an object whose "name" is one.
// Null gives "" and true.
func authorName(raw json.RawMessage) (string, bool) {
	if string(raw) == "null" {
		return "", true
	}
	if raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return strings.TrimSpace(s), err == nil
	}
	if raw[0] != '{' {
		return "", false
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return "", false
	}
	name, err := stringField(obj, "name")
	return strings.TrimSpace(name), err == nil && name != ""
}

// errTooLong is returned by lineReader.next for a line over its limit.
var errTooLong = errors.New("line too long")

// lineReader splits a stream into lines of any length up to max bytes,
// unlike bufio.Scanner's fixed token limit. The returned slice is valid only
// until the next call.
type lineReader struct {
	r   *bufio.Reader
	max int
	buf []byte
}

// next returns the next line without its "\n" or "\r\n". It returns io.EOF
// after the last line (a last line without a newline is still returned), an
// error wrapping errTooLong for a line over the limit (whose bytes it skips),
// and any other read error as is.
func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	tooLong, read := false, false
	for {
		chunk, err := l.r.ReadSlice('\n')
		read = read || len(chunk) > 0
		if !tooLong {
			if len(l.buf)+len(bytes.TrimSuffix(chunk, []byte("\n"))) > l.max {
				tooLong, l.buf = true, l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			if !read {
				return nil, io.EOF
			}
			break
		}
		if err != nil {
			return nil, err
		}
		break
	}
	if tooLong {
		return nil, errTooLong
	}
	line := bytes.TrimSuffix(l.buf, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r")), nil
}
