package view

import (
	"time"

	"github.com/parquet-go/parquet-go"
)

// Document is a row of the documents table as the pages show it. Columns
// the dataset lacks (older schemas) stay zero.
type Document struct {
	DocID, Source, URL, Title, Site, Domain, Language string
	Description, Section, Image                       string
	Published, Modified, Fetched                      time.Time
	PublishedPrecision                                string
	Authors, Tags, Warnings                           []string
	WordCount                                         int64
	Text                                              string
}

// Sentence is a row of the sentences table.
type Sentence struct {
	Sentence, Start, End int64
}

// Entity is a row of the entities table.
type Entity struct {
	Entity      int64
	Text, Label string
	Start, End  int64
	Sentence    int64
	Canonical   string
	EntityID    int // id of the entity (its canonical name) in the index, -1 if unknown
}

// Quote is a row of the quotes table; offsets are code points into the
// document's text. Lists fill only the fields they show (text, kind,
// speaker, cue, confidence) plus the Doc fields; the article page fills
// the rest.
type Quote struct {
	Quote                    int64
	Text, Kind               string
	Start, End               int64
	Speaker, SpeakerName     string
	SpeakerType, Gender      string
	HasSpeaker               bool
	SpeakerStart, SpeakerEnd int64
	SpeakerEntity            int64 // -1 when none
	Cue                      string
	HasCue                   bool
	CueStart, CueEnd         int64
	Sentence, Paragraph      int64
	Confidence               float64
	SpeakerID                int // index of SpeakerName in the index, -1 if none
	DocOrdinal               int // set by the caller for cross-document lists
	DocTitle, DocSite        string
	DocPublished             time.Time
}

// ErrorRow is a row of the errors table.
type ErrorRow struct {
	Source, DocID, Stage, Message string
}

// decoder maps the leaf columns of one file to their top-level names.
type decoder struct {
	names []string
}

func newDecoder(p *pfile) decoder {
	cols := p.pf.Schema().Columns()
	d := decoder{names: make([]string, len(cols))}
	for i, c := range cols {
		d.names[i] = c[0]
	}
	return d
}

// each calls fn with the top-level name of every non-null value of row.
func (d decoder) each(row parquet.Row, fn func(name string, v parquet.Value)) {
	for _, v := range row {
		c := v.Column()
		if v.IsNull() || c < 0 || c >= len(d.names) {
			continue
		}
		fn(d.names[c], v)
	}
}

func millis(v parquet.Value) time.Time {
	return time.UnixMilli(v.Int64()).UTC()
}

func (d decoder) document(row parquet.Row) Document {
	var doc Document
	d.each(row, func(name string, v parquet.Value) {
		switch name {
		case "doc_id":
			doc.DocID = v.String()
		case "source":
			doc.Source = v.String()
		case "url":
			doc.URL = v.String()
		case "title":
			doc.Title = v.String()
		case "site":
			doc.Site = v.String()
		case "domain":
			doc.Domain = v.String()
		case "language":
			doc.Language = v.String()
		case "description":
			doc.Description = v.String()
		case "section":
			doc.Section = v.String()
		case "image":
			doc.Image = v.String()
		case "published":
			doc.Published = millis(v)
		case "modified":
			doc.Modified = millis(v)
		case "fetched":
			doc.Fetched = millis(v)
		case "published_precision":
			doc.PublishedPrecision = v.String()
		case "authors":
			doc.Authors = append(doc.Authors, v.String())
		case "tags":
			doc.Tags = append(doc.Tags, v.String())
		case "warnings":
			doc.Warnings = append(doc.Warnings, v.String())
		case "word_count":
			doc.WordCount = v.Int64()
		case "text":
			doc.Text = v.String()
		}
	})
	return doc
}

func (d decoder) sentence(row parquet.Row) Sentence {
	var s Sentence
	d.each(row, func(name string, v parquet.Value) {
		switch name {
		case "sentence":
			s.Sentence = v.Int64()
		case "start":
			s.Start = v.Int64()
		case "end":
			s.End = v.Int64()
		}
	})
	return s
}

func (d decoder) entity(row parquet.Row) Entity {
	e := Entity{EntityID: -1}
	d.each(row, func(name string, v parquet.Value) {
		switch name {
		case "entity":
			e.Entity = v.Int64()
		case "text":
			e.Text = v.String()
		case "label":
			e.Label = v.String()
		case "start":
			e.Start = v.Int64()
		case "end":
			e.End = v.Int64()
		case "sentence":
			e.Sentence = v.Int64()
		case "canonical":
			e.Canonical = v.String()
		}
	})
	return e
}

func (d decoder) quote(row parquet.Row) Quote {
	q := Quote{SpeakerEntity: -1, SpeakerID: -1}
	d.each(row, func(name string, v parquet.Value) {
		switch name {
		case "quote":
			q.Quote = v.Int64()
		case "text":
			q.Text = v.String()
		case "kind":
			q.Kind = v.String()
		case "start":
			q.Start = v.Int64()
		case "end":
			q.End = v.Int64()
		case "speaker":
			q.Speaker, q.HasSpeaker = v.String(), true
		case "speaker_start":
			q.SpeakerStart = v.Int64()
		case "speaker_end":
			q.SpeakerEnd = v.Int64()
		case "speaker_name":
			q.SpeakerName = v.String()
		case "speaker_type":
			q.SpeakerType = v.String()
		case "speaker_gender":
			q.Gender = v.String()
		case "speaker_entity":
			q.SpeakerEntity = v.Int64()
		case "cue":
			q.Cue, q.HasCue = v.String(), true
		case "cue_start":
			q.CueStart = v.Int64()
		case "cue_end":
			q.CueEnd = v.Int64()
		case "sentence":
			q.Sentence = v.Int64()
		case "paragraph":
			q.Paragraph = v.Int64()
		case "confidence":
			q.Confidence = v.Double()
		}
	})
	return q
}

func (d decoder) errorRow(row parquet.Row) ErrorRow {
	var e ErrorRow
	d.each(row, func(name string, v parquet.Value) {
		switch name {
		case "source":
			e.Source = v.String()
		case "doc_id":
			e.DocID = v.String()
		case "stage":
			e.Stage = v.String()
		case "message":
			e.Message = v.String()
		}
	})
	return e
}
