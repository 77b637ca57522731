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
	"github.com/nlnwa/gowarc/v3"
	"golang.org/x/net/html/charset"

	"github.com/newsmill/newsmill/pipeline"
)

// readWARC emits one document per 200 HTML response record of st and counts
// the other records as skipped. A record that cannot be parsed ends the
// input with an error document: after it, record boundaries are unknown.
func (s *Source) readWARC(ctx context.Context, in *input, st *stream) error {
	wr, err := gowarc.NewWarcFileReaderFromStream(st, 0)
	if err != nil {
		return in.send(ctx, failed(in.name, "", "WARC: "+err.Error()), time.Time{})
	}
	defer wr.Close()
	for n := 1; ; n++ {
		rec, err := wr.Next()
		if rec.WarcRecord == nil && errors.Is(err, io.EOF) && st.srcErr == nil && !st.over {
			return nil
		}
		src := in.name + ":" + strconv.Itoa(n)
		if err != nil || rec.WarcRecord == nil {
			if rec.WarcRecord != nil {
				rec.Close()
			}
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return in.send(ctx, failed(src, "", "WARC record: "+st.describe(err)), time.Time{})
		}
		d, date, ok := s.warcDoc(src, rec)
		rec.Close()
		if !ok {
			in.counts.Skipped++
			continue
		}
		if err := in.send(ctx, d, date); err != nil {
			return err
		}
	}
}

// warcDoc turns a record into a document, or reports false for a record
// that is not a 200 HTML response. A response that is one but cannot be
// used (truncated, too large, empty) gives an error document.
func (s *Source) warcDoc(src string, rec gowarc.Record) (*pipeline.Doc, time.Time, bool) {
	wr := rec.WarcRecord
	if wr.Type() != gowarc.Response {
		return nil, time.Time{}, false
	}
	blk, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok || blk.HttpStatusCode() != http.StatusOK || blk.HttpHeader() == nil {
		return nil, time.Time{}, false
	}
	h := blk.HttpHeader()
	media, params, _ := mime.ParseMediaType(h.Get("Content-Type"))
	if media != "" && media != "text/html" && media != "application/xhtml+xml" {
		return nil, time.Time{}, false
	}
	date, _ := wr.WarcHeader().GetTime(gowarc.WarcDate)
	id := wr.WarcHeader().GetId(gowarc.WarcRecordID)
	if id == "" {
		id = shortID(src)
	}
	fail := func(msg string) (*pipeline.Doc, time.Time, bool) {
		return failed(src, id, msg), date, true
	}
	for _, v := range rec.Validation {
		if cl := (*gowarc.ContentLengthError)(nil); errors.As(v, &cl) {
			return fail(fmt.Sprintf("record truncated: Content-Length %d, but %d bytes", cl.Expected, cl.Actual))
		}
	}
	payload, err := blk.PayloadBytes()
	if err != nil {
		return fail("WARC payload: " + err.Error())
	}
	body, err := s.decodeBody(payload, h, chunked(blk.ProtocolHeaderBytes()))
	if err != nil {
		return fail(err.Error())
	}
	if media == "" && !strings.HasPrefix(http.DetectContentType(body), "text/html") {
		return nil, time.Time{}, false
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return fail("empty HTTP payload")
	}
	if cs := params["charset"]; cs != "" {
		if enc, name := charset.Lookup(cs); enc != nil && name != "utf-8" {
			if utf, err := enc.NewDecoder().Bytes(body); err == nil {
				body = utf
			}
		}
	}
	d := &pipeline.Doc{ID: id, Source: src, URL: wr.WarcHeader().Get(gowarc.WarcTargetURI), HTML: body}
	return d, date, true
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
func (s *Source) decodeBody(payload io.Reader, h *http.Header, isChunked bool) ([]byte, error) {
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
