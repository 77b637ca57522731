package gen

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http/httputil"
	"net/url"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
)

// WARCArticle is what a reader should make of one article record of a
// generated WARC file.
type WARCArticle struct {
	Article
	RecordID string    // WARC-Record-ID without angle brackets
	Fetched  time.Time // WARC-Date
	Dated    bool      // the page states Published; otherwise only Fetched is known
	Charset  string    // the charset the page is written in
}

// WARCStats describes a generated WARC file.
type WARCStats struct {
	Records  int           // WARC records of every type
	Articles []WARCArticle // the 200 HTML responses, in file order
}

// WARCOptions configures WriteWARC.
type WARCOptions struct {
	First, N int  // articles First … First+N-1 (some become non-article records)
	Words    int  // rough article length
	Gzip     bool // compress record by record, as CC-NEWS .warc.gz files are
}

// WriteWARC writes a CC-NEWS-like WARC file to w: a warcinfo record, then
// for each article index a request record, a response and a metadata
// record. Most responses are 200 HTML articles, written in UTF-8 with the
// charset in the HTTP header, in windows-1252 with it in the HTTP header,
// or in ISO-8859-1 declared only by <meta charset>; some are chunked or
// gzip-encoded as the server sent them, and a third carry no publication
// date. Index i%10 == 3 gives a 404 page and i%10 == 7 a redirect instead
// of an article, and every fifth index adds an image response. It returns
// what a reader should find.
func WriteWARC(w io.Writer, o WARCOptions) (WARCStats, error) {
	ww := &warcWriter{w: w, gzip: o.Gzip}
	var st WARCStats
	base := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	ww.record("warcinfo", "", base, "application/warc-fields", []byte("software: newsmill-gen\r\nformat: WARC File Format 1.1\r\n"))
	for i := o.First; i < o.First+o.N; i++ {
		a := NewArticle(i, o.Words)
		fetched := a.Published.Add(2 * time.Hour)
		u, err := url.Parse(a.URL)
		if err != nil {
			return st, err
		}
		host := u.Host
		ww.record("request", a.URL, fetched, "application/http; msgtype=request",
			[]byte("GET "+u.RequestURI()+" HTTP/1.1\r\nHost: "+host+"\r\nUser-Agent: newsmill-gen\r\n\r\n"))
		switch i % 10 {
		case 3:
			ww.response(a.URL, fetched, "404 Not Found", "text/html; charset=utf-8", nil, []byte("<html><body><h1>Not found</h1></body></html>"))
		case 7:
			ww.response(a.URL, fetched, "301 Moved Permanently", "text/html", []string{"Location: " + a.URL + "?amp=1"}, nil)
		default:
			wa := WARCArticle{Article: a, Fetched: fetched, Dated: i%3 != 0}
			var body []byte
			contentType := "text/html"
			switch i % 4 {
			case 1:
				wa.Charset = "windows-1252"
				body = encode8bit(a.HTML(wa.Charset, wa.Dated), true)
				contentType += "; charset=windows-1252"
			case 2:
				wa.Charset = "iso-8859-1"
				body = encode8bit(a.HTML(wa.Charset, wa.Dated), false)
			default:
				wa.Charset = "utf-8"
				body = []byte(a.HTML(wa.Charset, wa.Dated))
				contentType += "; charset=UTF-8"
			}
			var extra []string
			switch {
			case i%9 == 4:
				var b bytes.Buffer
				cw := httputil.NewChunkedWriter(&b)
				cw.Write(body[:len(body)/2])
				cw.Write(body[len(body)/2:])
				cw.Close()
				b.WriteString("\r\n")
				body, extra = b.Bytes(), []string{"Transfer-Encoding: chunked"}
			case i%8 == 6:
				var b bytes.Buffer
				zw := gzip.NewWriter(&b)
				zw.Write(body)
				zw.Close()
				body, extra = b.Bytes(), []string{"Content-Encoding: gzip"}
			}
			wa.RecordID = ww.response(a.URL, fetched, "200 OK", contentType, extra, body)
			st.Articles = append(st.Articles, wa)
		}
		ww.record("metadata", a.URL, fetched, "application/warc-fields", []byte(fmt.Sprintf("fetchTimeMs: %d\r\n", 100+i%900)))
		if i%5 == 0 {
			img := a.URL + ".jpg"
			ww.record("request", img, fetched, "application/http; msgtype=request", []byte("GET /img HTTP/1.1\r\nHost: "+host+"\r\n\r\n"))
			ww.response(img, fetched, "200 OK", "image/jpeg", nil, []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00fake image"))
		}
	}
	st.Records = ww.n
	return st, ww.err
}

// warcWriter writes WARC records, each gzipped on its own when gzip is set.
// It keeps the first write error.
type warcWriter struct {
	w    io.Writer
	gzip bool
	n    int
	err  error
}

// response writes an HTTP response record and returns its record ID.
func (ww *warcWriter) response(url string, date time.Time, status, contentType string, extra []string, body []byte) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %s\r\nContent-Type: %s\r\n", status, contentType)
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	if len(extra) == 0 || !strings.HasPrefix(extra[0], "Transfer-Encoding") {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(body))
	}
	b.WriteString("\r\n")
	b.Write(body)
	return ww.record("response", url, date, "application/http; msgtype=response", b.Bytes())
}

// record writes one record and returns its ID, derived from its position.
func (ww *warcWriter) record(typ, url string, date time.Time, contentType string, block []byte) string {
	ww.n++
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d %s %s", ww.n, typ, url)))
	id := fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Date: %s\r\nWARC-Record-ID: <%s>\r\n", typ, date.Format(time.RFC3339), id)
	if url != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", url)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	if ww.err != nil {
		return id
	}
	if ww.gzip {
		zw := gzip.NewWriter(ww.w)
		_, ww.err = zw.Write(b.Bytes())
		if err := zw.Close(); ww.err == nil {
			ww.err = err
		}
	} else {
		_, ww.err = ww.w.Write(b.Bytes())
	}
	return id
}

// cp1252 maps the windows-1252 characters outside Latin-1 that articles use.
var cp1252 = map[rune]byte{'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '€': 0x80}

// encode8bit encodes s in ISO-8859-1, or windows-1252 when win is set;
// other characters become numeric character references, as browsers write
// them.
func encode8bit(s string, win bool) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		switch b, ok := cp1252[r]; {
		case win && ok:
			out = append(out, b)
		case r < 0x80 || (r >= 0xa0 && r <= 0xff):
			out = append(out, byte(r))
		default:
			out = fmt.Appendf(out, "&#%d;", r)
		}
	}
	return out
}
