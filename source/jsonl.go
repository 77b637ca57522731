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
	"time"

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

// record is the JSON form of one input line.
type record struct {
	ID        json.RawMessage `json:"id"`
	Text      string          `json:"text"`
	HTML      string          `json:"html"`
	URL       string          `json:"url"`
	Title     string          `json:"title"`
	Site      string          `json:"site"`
	Published string          `json:"published"`
	Authors   json.RawMessage `json:"authors"`
}

// parseRecord turns one JSON line into a document; src is its "path:line".
// It never returns nil: a bad line gives a failed document. Strings decoded
// from JSON are valid UTF-8 (encoding/json replaces invalid bytes).
func parseRecord(src string, line []byte) *pipeline.Doc {
	if t := bytes.TrimLeft(line, " \t\r"); len(t) == 0 || t[0] != '{' {
		return failed(src, "", "not a JSON object")
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return failed(src, "", "invalid JSON: "+err.Error())
	}
	id, err := parseID(rec.ID)
	if err != nil {
		return failed(src, "", err.Error())
	}
	if id == "" {
		id = shortID(src)
	}
	if rec.Text == "" && rec.HTML == "" {
		return failed(src, id, `record has neither "text" nor "html"`)
	}
	published, err := parsePublished(rec.Published)
	if err != nil {
		return failed(src, id, err.Error())
	}
	authors, err := parseAuthors(rec.Authors)
	if err != nil {
		return failed(src, id, err.Error())
	}
	d := &pipeline.Doc{
		ID:        id,
		Source:    src,
		URL:       rec.URL,
		Title:     rec.Title,
		Site:      rec.Site,
		Published: published,
		Authors:   authors,
		Text:      rec.Text,
	}
	if rec.HTML != "" {
		d.HTML = []byte(rec.HTML)
	}
	return d
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

// parsePublished accepts RFC 3339 (with or without fractional seconds) or a
// bare date; "" gives the zero time. The result is in UTC.
func parsePublished(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf(`"published" %q is not an RFC 3339 time or a YYYY-MM-DD date`, s)
}

// parseAuthors accepts a list of strings or a single string; absent or null
// gives nil.
func parseAuthors(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf(`"authors": %v`, err)
		}
		return []string{s}, nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, errors.New(`"authors" must be a list of strings`)
	}
	return list, nil
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
