package pipeline

// MemoryEstimator is implemented by a stage that can tell, before a
// document enters the run, about how much heap its Process holds at most
// for that document: its working set plus what it adds to the document.
// Run charges Config.InFlightBytes with each document's Estimate, so
// that two huge documents never run at once while many small ones do.
// MemoryEstimate sees the document as the source read it (see
// InputBytes); it must be cheap (no pass over the text) and safe for
// concurrent use.
type MemoryEstimator interface {
	MemoryEstimate(d *Doc) int64
}

// DefaultBytesPerByte is the working set Estimate assumes, per byte of
// InputBytes, for a stage that does not implement MemoryEstimator: a few
// copies of the text and a slice of small structs per word.
const DefaultBytesPerByte = 16

// InputBytes is the size of the text the stages will see for d as read:
// len(d.Text), or len(d.HTML) when the text is still to be extracted (it
// is never longer than the HTML).
func InputBytes(d *Doc) int64 {
	if d.Text != "" {
		return int64(len(d.Text))
	}
	return int64(len(d.HTML))
}

// Estimate returns about the most heap d costs while it runs through
// steps: its HTML and text as read, plus each step's MemoryEstimate (or
// DefaultBytesPerByte × InputBytes(d) for a step without one). The sum
// over the steps is an upper bound, since a stage's working set is
// garbage once the next one starts, and it is what Config.InFlightBytes
// is charged with. Estimate costs one interface call per step.
func Estimate(steps []Step, d *Doc) int64 {
	n := int64(len(d.HTML) + len(d.Text))
	in := InputBytes(d)
	for _, s := range steps {
		if e, ok := s.Stage.(MemoryEstimator); ok {
			n += e.MemoryEstimate(d)
		} else {
			n += DefaultBytesPerByte * in
		}
	}
	return n
}
