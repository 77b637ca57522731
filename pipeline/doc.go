// Package pipeline is newsmill's engine: the Doc record that moves through a
// run, the Stage contract that annotates it, a registry of stages by name, and
// Run, which connects a Source to a Sink through stages on channels with
// bounded parallelism, output in input order and clean cancellation.
//
// Offsets inside a Doc are byte offsets into Doc.Text, end exclusive. Writers
// convert them to Unicode code point offsets for the tables they write.
package pipeline

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Span is a half-open byte range [Start, End) of Doc.Text.
// The zero Span is empty.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Empty reports whether the span covers no bytes.
func (s Span) Empty() bool { return s.End <= s.Start }

// In returns text[s.Start:s.End], or "" when the span does not fit in text.
func (s Span) In(text string) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return ""
	}
	return text[s.Start:s.End]
}

// Sentence is one sentence of Doc.Text. Paragraph counts the paragraphs
// (blocks separated by blank lines) before the one holding the sentence.
type Sentence struct {
	Span
	Paragraph int    `json:"paragraph"`
	Fields    Fields `json:"fields,omitempty"` // columns added by custom stages
}

// Entity labels written by the built-in entities stage.
const (
	LabelPerson   = "PERSON"
	LabelOrg      = "ORG"
	LabelGPE      = "GPE"
	LabelLocation = "LOC"
	LabelFacility = "FAC"
)

// Entity is one named-entity mention.
type Entity struct {
	Span
	Label    string `json:"label"`
	Sentence int    `json:"sentence"` // index into Doc.Sentences
	// Canonical is the fullest mention in the same document of the entity this
	// mention names ("Pompeo" -> "Mike Pompeo"); it equals the mention's own
	// text when there is none fuller.
	Canonical string `json:"canonical"`
	Fields    Fields `json:"fields,omitempty"` // columns added by custom stages
}

// Quote kinds.
const (
	KindDirect   = "direct"   // a whole utterance inside quotation marks
	KindPartial  = "partial"  // a fragment in quotation marks inside paraphrase
	KindIndirect = "indirect" // reported speech without quotation marks
)

// Values of Quote.SpeakerGender.
const (
	GenderFemale  = "female"
	GenderMale    = "male"
	GenderUnknown = "unknown"
)

// Speaker types.
const (
	SpeakerPerson       = "person"
	SpeakerOrganization = "organization"
	SpeakerNominal      = "nominal" // a description: "a spokesperson", "two officials"
	SpeakerPronoun      = "pronoun"
	SpeakerUnknown      = "unknown"
)

// Quote is one quotation and who said it.
type Quote struct {
	// Span covers the quote including its marks (for indirect speech, the
	// reported clause).
	Span
	// Content covers the quoted words without the outer marks. For a quote
	// that runs over several paragraphs it includes the marks that reopen
	// each paragraph; Words strips them.
	Content Span   `json:"content"`
	Kind    string `json:"kind"`
	// Speaker is the mention as written; it is empty when no speaker was found.
	Speaker     Span   `json:"speaker"`
	SpeakerName string `json:"speaker_name"` // resolved fullest name
	SpeakerType string `json:"speaker_type"`
	// SpeakerEntity is the index in Doc.Entities of the speaker's mention,
	// or of a mention of the entity it resolves to (for a pronoun, say);
	// nil when the speaker is no entity mention.
	SpeakerEntity *int `json:"speaker_entity,omitempty"`
	// SpeakerGender is GenderFemale, GenderMale or GenderUnknown when a
	// speaker was found, "" otherwise.
	SpeakerGender string  `json:"speaker_gender,omitempty"`
	Cue           Span    `json:"cue"`      // the reporting verb, if any
	Sentence      int     `json:"sentence"` // index of the sentence where the quote starts
	Confidence    float64 `json:"confidence"`
	Fields        Fields  `json:"fields,omitempty"` // columns added by custom stages
}

// Values of Doc.PublishedPrecision.
const (
	PrecisionDay    = "day"
	PrecisionSecond = "second"
)

// Values of Doc.PublishedSource.
const (
	DateFromPage  = "page"  // the page's own metadata or byline
	DateFromInput = "input" // a field of the input record (JSON Lines published)
	DateFromFetch = "warc"  // the fetch time, for want of a publication date
)

// Warn appends a formatted note to d.Warnings.
func (d *Doc) Warn(format string, args ...any) {
	d.Warnings = append(d.Warnings, fmt.Sprintf(format, args...))
}

// Doc is one article moving through a run. Sources create it, stages add to
// it and never remove, sinks write it. A Doc is owned by one goroutine at a
// time: the engine hands it from stage to stage, so stages need no locking
// to modify the Doc they are given.
type Doc struct {
	// Seq is the input order, assigned by the engine; sinks see docs in Seq order.
	Seq    int64
	ID     string
	Source string // file and line or offset, for error rows
	// Input is the input the document came from: the cleaned absolute path
	// of its file, or "-" for standard input. Sources set it; accounting
	// (the manifest's per-input counts) reads it.
	Input string
	// Fetched is when the page was fetched (a WARC record's WARC-Date);
	// zero when the input does not say.
	Fetched time.Time

	URL   string
	Title string
	Site  string
	// Published is the publication time, zero when unknown. Its Location
	// carries the UTC offset the source gave (see PublishedOffset).
	Published time.Time
	// PublishedOffset is the UTC offset as the source wrote it, normalised
	// to "+hh:mm" ("+00:00" for Z); "" when the source gave no offset, in
	// which case Published was read as UTC.
	PublishedOffset string
	// PublishedPrecision is PrecisionDay when the source gave only a date,
	// PrecisionSecond when it gave a time of day; "" when Published is zero.
	PublishedPrecision string
	// PublishedSource says where Published came from: DateFromPage,
	// DateFromInput or DateFromFetch; "" when Published is zero.
	PublishedSource string
	// Modified is when the page says it was last changed; zero when unknown.
	Modified time.Time
	Authors  []string
	Language string // BCP 47 tag such as "en", when known

	// Description is the lead or summary the page declares; Section its
	// section or category; Tags its keywords; Image the URL of its main
	// image; Domain the host of its canonical URL (or of URL), without
	// "www.". Each is empty when unknown.
	Description string
	Section     string
	Tags        []string
	Image       string
	Domain      string
	// Meta is a JSON object holding the fields of a JSON Lines record that
	// newsmill does not read itself, as given; "" when there are none.
	Meta string
	// Warnings are notes about something a stage could not use or chose
	// to leave out without failing the document (a date that does not
	// parse, a language it does not analyse, text it dropped). They are
	// written to the documents table.
	Warnings []string
	// ExtractRetries counts how often the extract stage retried with
	// relaxed rules because its first result looked too short.
	ExtractRetries int

	// HTML is the raw page when the input is HTML; the extract stage turns it
	// into Text and may release it.
	HTML []byte
	// Page is the page's parsed tree, kept by the extract stage only when
	// it is built with keep-page=true, for later stages that query the
	// page (extract.Query wraps it for goquery without parsing again); nil
	// otherwise. It holds the whole tree, several times the page's size,
	// until the document is written; stages must not modify it.
	Page *html.Node
	// Text is the article text. Every span in the Doc indexes it; once a stage
	// after extract has run, Text must not change.
	Text string

	Sentences []Sentence
	Entities  []Entity
	Quotes    []Quote

	// Fields holds the documents-table columns added by custom stages, and
	// Rows the rows of tables of their own (see Column).
	Fields Fields
	Rows   map[string][]Fields

	// Err is set when reading or a stage failed for this document.
	Err *StageError
}

// AddRow appends a row to the stage-defined table named table.
func (d *Doc) AddRow(table string, row Fields) {
	if d.Rows == nil {
		d.Rows = map[string][]Fields{}
	}
	d.Rows[table] = append(d.Rows[table], row)
}

// Validate reports the first span of d that does not fit its text: a span
// out of bounds, reversed, or not on UTF-8 character boundaries. Stages'
// tests and fuzz targets call it; it costs one pass over the annotations.
func (d *Doc) Validate() error {
	check := func(what string, i int, s Span) error {
		if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
			return fmt.Errorf("%s %d: span [%d,%d) outside text of %d bytes", what, i, s.Start, s.End, len(d.Text))
		}
		if !boundary(d.Text, s.Start) || !boundary(d.Text, s.End) {
			return fmt.Errorf("%s %d: span [%d,%d) splits a UTF-8 character", what, i, s.Start, s.End)
		}
		return nil
	}
	for i, s := range d.Sentences {
		if err := check("sentence", i, s.Span); err != nil {
			return err
		}
	}
	for i, e := range d.Entities {
		if err := check("entity", i, e.Span); err != nil {
			return err
		}
	}
	for i, q := range d.Quotes {
		for _, s := range []Span{q.Span, q.Content, q.Speaker, q.Cue} {
			if err := check("quote", i, s); err != nil {
				return err
			}
		}
	}
	return nil
}

// boundary reports whether byte offset i of s falls between characters:
// it is not inside a valid multi-byte UTF-8 sequence. Invalid bytes count
// as characters of their own, as utf8.DecodeRuneInString sees them.
func boundary(s string, i int) bool {
	if i <= 0 || i >= len(s) || utf8.RuneStart(s[i]) {
		return true
	}
	for j := i - 1; j >= 0 && j >= i-utf8.UTFMax+1; j-- {
		if utf8.RuneStart(s[j]) {
			r, size := utf8.DecodeRuneInString(s[j:])
			return r == utf8.RuneError && size == 1 || j+size <= i
		}
	}
	return true
}

// Fail marks d as failed by stage with an error formatted as fmt.Errorf
// does (so %w wraps a cause). It keeps the first failure when called more
// than once.
func (d *Doc) Fail(stage, format string, args ...any) {
	if d.Err != nil {
		return
	}
	d.Err = &StageError{Stage: stage, Err: fmt.Errorf(format, args...)}
}

// Words returns the quoted words of q in text: the Content span with the
// quotation marks that reopen continued paragraphs removed. It allocates only
// when such marks are present.
func (q Quote) Words(text string) string {
	s := q.Content.In(text)
	if !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if i == 0 {
			continue
		}
		t := strings.TrimLeft(l, " \t")
		for _, m := range openMarks {
			if strings.HasPrefix(t, m) {
				t = t[len(m):]
				break
			}
		}
		lines[i] = t
	}
	return strings.Join(lines, "\n")
}

// openMarks are the opening quotation marks that may reopen a continued
// paragraph of a multi-paragraph quote.
var openMarks = []string{"“", "\"", "«", "‘", "„", "''", "'"}
