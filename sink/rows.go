package sink

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
	"unicode"

	"github.com/newsmill/newsmill/pipeline"
)

// The row types below are the output schema: their parquet tags name the
// columns of the Parquet tables and their json tags the fields of the JSON
// Lines output. Integer columns are INT64; start and end are code point
// offsets into documents.text, end exclusive.

// documentRow is one row of the documents table. Strings that are unknown
// are null, never "".
type documentRow struct {
	DocID              string     `parquet:"doc_id" json:"doc_id"`
	Source             string     `parquet:"source" json:"source"`
	URL                *string    `parquet:"url,optional" json:"url"`
	Title              *string    `parquet:"title,optional" json:"title"`
	Site               *string    `parquet:"site,optional" json:"site"`
	Domain             *string    `parquet:"domain,optional" json:"domain"`
	Published          *time.Time `parquet:"published,optional,timestamp(millisecond)" json:"published"`
	PublishedOffset    *string    `parquet:"published_offset,optional,dict" json:"published_offset"`
	PublishedPrecision *string    `parquet:"published_precision,optional,dict" json:"published_precision"`
	PublishedSource    *string    `parquet:"published_source,optional,dict" json:"published_source"`
	Modified           *time.Time `parquet:"modified,optional,timestamp(millisecond)" json:"modified"`
	Fetched            *time.Time `parquet:"fetched,optional,timestamp(millisecond)" json:"fetched"`
	Authors            []string   `parquet:"authors,list" json:"authors"`
	Language           *string    `parquet:"language,optional,dict" json:"language"`
	Description        *string    `parquet:"description,optional" json:"description"`
	Section            *string    `parquet:"section,optional" json:"section"`
	Tags               []string   `parquet:"tags,list" json:"tags"`
	Image              *string    `parquet:"image,optional" json:"image"`
	Meta               *string    `parquet:"meta,optional" json:"meta"`
	Warnings           []string   `parquet:"warnings,list" json:"warnings"`
	ExtractRetries     int64      `parquet:"extract_retries" json:"extract_retries"`
	WordCount          int64      `parquet:"word_count" json:"word_count"`
	TextHash           string     `parquet:"text_hash" json:"text_hash"`
	Text               string     `parquet:"text" json:"text"`
}

// sentenceRow is one row of the sentences table.
type sentenceRow struct {
	DocID    string `parquet:"doc_id" json:"-"`
	Sentence int64  `parquet:"sentence" json:"sentence"`
	Start    int64  `parquet:"start" json:"start"`
	End      int64  `parquet:"end" json:"end"`
	Text     string `parquet:"text" json:"text"`
}

// entityRow is one row of the entities table.
type entityRow struct {
	DocID     string `parquet:"doc_id" json:"-"`
	Entity    int64  `parquet:"entity" json:"entity"`
	Text      string `parquet:"text" json:"text"`
	Label     string `parquet:"label,dict" json:"label"`
	Start     int64  `parquet:"start" json:"start"`
	End       int64  `parquet:"end" json:"end"`
	Sentence  int64  `parquet:"sentence" json:"sentence"`
	Canonical string `parquet:"canonical" json:"canonical"`
}

// quoteRow is one row of the quotes table. The speaker columns are null
// when no speaker mention was found, speaker_name, speaker_type and
// speaker_gender when they are empty, speaker_entity when the speaker is no
// entity mention, and the cue columns when there is no reporting verb.
type quoteRow struct {
	DocID         string  `parquet:"doc_id" json:"-"`
	Quote         int64   `parquet:"quote" json:"quote"`
	Text          string  `parquet:"text" json:"text"`
	Start         int64   `parquet:"start" json:"start"`
	End           int64   `parquet:"end" json:"end"`
	Kind          string  `parquet:"kind,dict" json:"kind"`
	Speaker       *string `parquet:"speaker,optional" json:"speaker"`
	SpeakerStart  *int64  `parquet:"speaker_start,optional" json:"speaker_start"`
	SpeakerEnd    *int64  `parquet:"speaker_end,optional" json:"speaker_end"`
	SpeakerName   *string `parquet:"speaker_name,optional" json:"speaker_name"`
	SpeakerType   *string `parquet:"speaker_type,optional,dict" json:"speaker_type"`
	SpeakerGender *string `parquet:"speaker_gender,optional,dict" json:"speaker_gender"`
	SpeakerEntity *int64  `parquet:"speaker_entity,optional" json:"speaker_entity"`
	Cue           *string `parquet:"cue,optional" json:"cue"`
	CueStart      *int64  `parquet:"cue_start,optional" json:"cue_start"`
	CueEnd        *int64  `parquet:"cue_end,optional" json:"cue_end"`
	Sentence      int64   `parquet:"sentence" json:"sentence"`
	Paragraph     int64   `parquet:"paragraph" json:"paragraph"`
	Confidence    float64 `parquet:"confidence" json:"confidence"`
}

// errorRow is one row of the errors table.
type errorRow struct {
	Source  string `parquet:"source" json:"source"`
	DocID   string `parquet:"doc_id" json:"doc_id"`
	Stage   string `parquet:"stage,dict" json:"stage"`
	Message string `parquet:"message" json:"message"`
}

// docRows holds the rows of one successful document. It is reused from
// document to document so that a sink allocates little per document; the
// rows are valid until the next fill. It is not safe for concurrent use.
type docRows struct {
	doc       documentRow
	sentences []sentenceRow
	entities  []entityRow
	quotes    []quoteRow
	idx       cpIndex
}

// noStrings keeps list columns such as "authors" an empty list rather than
// null in JSON.
var noStrings = []string{}

// fill builds the rows of d, which must not have failed. Every string is
// made valid UTF-8 and every span is converted to code point offsets into
// the sanitised text, so that for each row with text and span,
// text == substring(documents.text, start+1, end-start) in SQL terms
// (for quotes, text is the quoted words and the span includes the marks).
// It costs one pass over d.Text plus a sort of the spans' offsets.
func (r *docRows) fill(d *pipeline.Doc) {
	x := &r.idx
	x.reset(d.Text)
	for _, s := range d.Sentences {
		x.add(s.Span)
	}
	for _, e := range d.Entities {
		x.add(e.Span)
	}
	for _, q := range d.Quotes {
		x.add(q.Span)
		x.add(q.Content)
		x.add(q.Speaker)
		x.add(q.Cue)
	}
	x.build()

	id := validUTF8(d.ID)
	text := validUTF8(d.Text)
	pub := publishedOf(d)
	r.doc = documentRow{
		DocID:              id,
		Source:             validUTF8(d.Source),
		URL:                optString(d.URL),
		Title:              optString(d.Title),
		Site:               optString(d.Site),
		Domain:             optString(d.Domain),
		Published:          optTime(pub.time),
		PublishedOffset:    optString(pub.offset),
		PublishedPrecision: optString(pub.precision),
		PublishedSource:    optString(pub.source),
		Modified:           optTime(d.Modified),
		Fetched:            optTime(d.Fetched),
		Authors:            validStrings(d.Authors),
		Language:           optString(d.Language),
		Description:        optString(d.Description),
		Section:            optString(d.Section),
		Tags:               validStrings(d.Tags),
		Image:              optString(d.Image),
		Meta:               optString(d.Meta),
		Warnings:           validStrings(d.Warnings),
		ExtractRetries:     int64(d.ExtractRetries),
		WordCount:          int64(wordCount(text)),
		TextHash:           textHash(text),
		Text:               text,
	}

	r.sentences = r.sentences[:0]
	for i, s := range d.Sentences {
		c := x.span(s.Span)
		r.sentences = append(r.sentences, sentenceRow{
			DocID: id, Sentence: int64(i), Start: c.Start, End: c.End, Text: x.textOf(c),
		})
	}

	r.entities = r.entities[:0]
	for i, e := range d.Entities {
		c := x.span(e.Span)
		r.entities = append(r.entities, entityRow{
			DocID: id, Entity: int64(i), Text: x.textOf(c), Label: validUTF8(e.Label),
			Start: c.Start, End: c.End, Sentence: int64(e.Sentence), Canonical: validUTF8(e.Canonical),
		})
	}

	r.quotes = r.quotes[:0]
	for i, q := range d.Quotes {
		c := x.span(q.Span)
		words := q
		words.Content = x.span(q.Content).Bytes
		row := quoteRow{
			DocID: id, Quote: int64(i), Text: validUTF8(words.Words(d.Text)),
			Start: c.Start, End: c.End, Kind: validUTF8(q.Kind),
			SpeakerName: optString(q.SpeakerName), SpeakerType: optString(q.SpeakerType),
			SpeakerGender: optString(q.SpeakerGender),
			Sentence:      int64(q.Sentence), Confidence: q.Confidence,
		}
		if q.Sentence >= 0 && q.Sentence < len(d.Sentences) {
			row.Paragraph = int64(d.Sentences[q.Sentence].Paragraph)
		}
		if e := q.SpeakerEntity; e != nil && *e >= 0 && *e < len(d.Entities) {
			v := int64(*e)
			row.SpeakerEntity = &v
		}
		if sp := x.span(q.Speaker); !q.Speaker.Empty() {
			text := x.textOf(sp)
			row.Speaker, row.SpeakerStart, row.SpeakerEnd = &text, &sp.Start, &sp.End
		}
		if cue := x.span(q.Cue); !q.Cue.Empty() {
			text := x.textOf(cue)
			row.Cue, row.CueStart, row.CueEnd = &text, &cue.Start, &cue.End
		}
		r.quotes = append(r.quotes, row)
	}
}

// errorRowOf returns the errors-table row of a failed document.
func errorRowOf(d *pipeline.Doc) errorRow {
	return errorRow{
		Source:  validUTF8(d.Source),
		DocID:   validUTF8(d.ID),
		Stage:   validUTF8(d.Err.Stage),
		Message: validUTF8(d.Err.Message()),
	}
}

// validStrings returns list with every string made valid UTF-8; it returns
// list itself when nothing needed fixing, and noStrings when it is empty.
func validStrings(list []string) []string {
	if len(list) == 0 {
		return noStrings
	}
	var out []string
	for i, s := range list {
		v := validUTF8(s)
		if v != s && out == nil {
			out = append(make([]string, 0, len(list)), list[:i]...)
		}
		if out != nil {
			out = append(out, v)
		}
	}
	if out == nil {
		return list
	}
	return out
}

// optString returns nil for "" and a pointer to the valid UTF-8 form of s
// otherwise.
func optString(s string) *string {
	if s == "" {
		return nil
	}
	v := validUTF8(s)
	return &v
}

// optTime returns nil for the zero time and t in UTC, truncated to the
// millisecond the tables store, otherwise.
func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC().Truncate(time.Millisecond)
	return &u
}

// wordCount counts the words of text: maximal runs of letters, digits,
// marks and inner apostrophes or hyphens ("don't", "well-known" count
// once). It costs one pass over text and does not allocate.
func wordCount(text string) int {
	n := 0
	in := false     // inside a word
	joined := false // the last rune was a joiner inside a word
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if !in {
				n++
			}
			in, joined = true, false
		case in && !joined && (r == '\'' || r == '’' || r == '-'):
			joined = true
		default:
			in, joined = false, false
		}
	}
	return n
}

// textHash returns the hexadecimal SHA-256 of text, so that duplicates and
// changed texts can be found across runs without comparing the texts.
func textHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// published is the publication date a documents row gets.
type published struct {
	time                      time.Time
	offset, precision, source string
}

// publishedOf returns d's publication date, or, when no stage found one,
// the time the page was fetched (a WARC-Date, in UTC), marked with
// published_source "warc".
func publishedOf(d *pipeline.Doc) published {
	if d.Published.IsZero() && !d.Fetched.IsZero() {
		return published{d.Fetched.UTC(), "+00:00", pipeline.PrecisionSecond, pipeline.DateFromFetch}
	}
	return published{d.Published, d.PublishedOffset, d.PublishedPrecision, d.PublishedSource}
}
