package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
	"golang.org/x/net/html/charset"

	"github.com/newsmill/newsmill/pipeline"
)

// readWARC emits one document per 200 HTML response record of st and counts
// the other records as skipped. A record whose framing is broken becomes an
// error document and reading resumes at the next record; so does a
// corrupt gzip member, reading resuming at the next member that starts a
// record; an otherwise unreadable stream ends the input with one.
func (s *Source) readWARC(ctx context.Context, in *input, st *stream) error {
	wr := newWARCReader(st, s.maxRecord+httpHeadRoom)
	for n := 1; ; n++ {
		rec, err := wr.next()
		if err == io.EOF && st.srcErr == nil && !st.over {
			return nil
		}
		src := in.name + ":" + strconv.Itoa(n)
		var fe *framingError
		var me *memberError
		switch {
		case err != nil && errors.As(st.srcErr, &me):
			msg := "WARC record: corrupt " + me.Error()
			at, ok := st.resync()
			if ok {
				msg += fmt.Sprintf("; reading resumed at the next gzip member, at byte %d", at)
			} else {
				msg += "; no further gzip member in the input"
			}
			id, date := "", time.Time{}
			if rec != nil {
				id, date = rec.id(), rec.date()
			}
			if err := in.send(ctx, failed(src, id, msg), date); err != nil || !ok {
				return err
			}
			// What the reader held belongs to the corrupt member; the new
			// one counts offsets from here, as memberError does.
			wr = newWARCReader(st, s.maxRecord+httpHeadRoom)
			wr.src.n = st.gz.out
			continue
		case errors.As(err, &fe):
			id, date := "", time.Time{}
			if fe.rec != nil {
				id, date = fe.rec.id(), fe.rec.date()
			}
			if err := in.send(ctx, failed(src, id, "WARC record: "+fe.msg), date); err != nil {
				return err
			}
			continue
		case err != nil:
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return in.send(ctx, failed(src, "", "WARC record: "+st.describe(err)), time.Time{})
		}
		d, ok := s.warcDoc(src, rec)
		if !ok {
			in.counts.Skipped++
			continue
		}
		if err := in.send(ctx, d, rec.date()); err != nil {
			return err
		}
	}
}

// warcDoc turns a record into a document, or reports false for a record
// that is not a 200 HTML response. A response that is one but cannot be
// used (too large, undecodable, empty) gives an error document.
func (s *Source) warcDoc(src string, rec *warcRecord) (*pipeline.Doc, bool) {
	if !strings.EqualFold(rec.field("WARC-Type"), "response") {
		return nil, false
	}
	status, h, rawHeader, payload, ok := parseHTTPResponse(rec.block)
	if !ok || status != http.StatusOK {
		return nil, false
	}
	media, params, _ := mime.ParseMediaType(h.Get("Content-Type"))
	if media != "" && media != "text/html" && media != "application/xhtml+xml" {
		return nil, false
	}
	id := rec.id()
	if id == "" {
		id = shortID(src)
	}
	if rec.cut() {
		return failed(src, id, fmt.Sprintf("HTTP payload is larger than the %d-byte limit", s.maxRecord)), true
	}
	body, err := s.decodeBody(bytes.NewReader(payload), h, chunked(rawHeader))
	if err != nil {
		return failed(src, id, err.Error()), true
	}
	if media == "" && !strings.HasPrefix(http.DetectContentType(body), "text/html") {
		return nil, false
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return failed(src, id, "empty HTTP payload"), true
	}
	if cs := params["charset"]; cs != "" {
		if enc, name := charset.Lookup(cs); enc != nil && name != "utf-8" {
			if utf, err := enc.NewDecoder().Bytes(body); err == nil {
				body = utf
			}
		}
	}
	return &pipeline.Doc{ID: id, Source: src, URL: rec.field("WARC-Target-URI"), HTML: body}, true
}

// parseHTTPResponse splits a WARC response block into its HTTP status, its
// headers (also raw, for chunked) and its payload. It reports false when the
// block does not start with an HTTP status line and headers.
func parseHTTPResponse(block []byte) (status int, h http.Header, raw, payload []byte, ok bool) {
	end, sep := bytes.Index(block, []byte("\r\n\r\n")), 4
	if lf := bytes.Index(block, []byte("\n\n")); lf >= 0 && (end < 0 || lf < end) {
		end, sep = lf, 2
	}
	if end < 0 {
		return 0, nil, nil, nil, false
	}
	raw, payload = block[:end], block[end+sep:]
	lines := strings.Split(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n")
	proto, rest, _ := strings.Cut(lines[0], " ")
	code, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
	status, err := strconv.Atoi(code)
	if !strings.HasPrefix(proto, "HTTP/") || err != nil {
		return 0, nil, nil, nil, false
	}
	h = make(http.Header)
	for _, l := range lines[1:] {
		if name, value, ok := strings.Cut(l, ":"); ok {
			h.Add(strings.TrimSpace(name), strings.TrimSpace(value))
		}
	}
	return status, h, raw, payload, true
}

// chunked reports whether raw HTTP response headers declare chunked
// transfer encoding (net/http drops the header when it parses them).
func chunked(header []byte) bool {
	for line := range bytes.SplitSeq(header, []byte("\n")) {
		name, value, ok := bytes.Cut(line, []byte(":"))
		if ok && bytes.EqualFold(bytes.TrimSpace(name), []byte("Transfer-Encoding")) &&
			bytes.Contains(bytes.ToLower(value), []byte("chunked")) {
			return true
		}
	}
	return false
}

// decodeBody reads an HTTP payload, undoing chunked transfer encoding and
// gzip content encoding when the crawler kept them, and keeping it within
// the record limit.
func (s *Source) decodeBody(payload io.Reader, h http.Header, isChunked bool) ([]byte, error) {
	r := payload
	if isChunked {
		r = httputil.NewChunkedReader(r)
	}
	switch strings.ToLower(h.Get("Content-Encoding")) {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip content encoding: %s", describeReadError(err))
		}
		defer zr.Close()
		r = zr
	}
	body, err := io.ReadAll(io.LimitReader(r, int64(s.maxRecord)+1))
	if err != nil {
		return nil, fmt.Errorf("HTTP payload: %s", describeReadError(err))
	}
	if len(body) > s.maxRecord {
		return nil, fmt.Errorf("HTTP payload is larger than the %d-byte limit", s.maxRecord)
	}
	return body, nil
}
