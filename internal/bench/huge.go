package bench

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"time"

	"github.com/newsmill/newsmill/pipeline"
	"github.com/newsmill/newsmill/pipeline/stagetest"
)

// HugeShape is one of issue 17's hostile shapes of input, as one document
// of any size: the inputs with which peak memory is measured.
type HugeShape struct {
	Name string
	// Make returns about size bytes of text; k numbers the document, so
	// that the documents of one run differ.
	Make func(k, size int) string
	// HTML is set when Make's text is a web page, for Doc.HTML.
	HTML bool
}

// HugeShapes are ordinary prose with ever new names and quotes, text
// without sentence punctuation, one run of capitalised words, titles with
// periods repeated, many quotation pairs, one huge token, and prose as a
// web page.
var HugeShapes = []HugeShape{
	{Name: "Prose", Make: func(k, size int) string {
		return fill(size, func(b *strings.Builder, i int) {
			name := stagetest.Word(k*1_000_000 + i)
			fmt.Fprintf(b, "Minister Anna %s met President Mike Pompeo%s of the Federal Office for the Environment in Baghdad on Tuesday. "+
				"%s said the United Nations would send aid to Basra, and Pompeo%s agreed. “We will act,” %s told Reuters.\n\n",
				name, name, name, name, name)
		})
	}},
	{Name: "NoPunctuation", Make: func(k, size int) string {
		return fill(size, func(b *strings.Builder, _ int) { b.WriteString("officials said the plan would work and ") })
	}},
	{Name: "CapitalisedRun", Make: func(k, size int) string {
		return fill(size, func(b *strings.Builder, i int) {
			b.WriteString("Word")
			b.WriteString(stagetest.Word(i % 5000))
			b.WriteByte(' ')
		})
	}},
	{Name: "Titles", Make: func(k, size int) string {
		return fill(size, func(b *strings.Builder, _ int) { b.WriteString("Dr. Mr. St. ") })
	}},
	{Name: "ManyPairs", Make: func(k, size int) string {
		// An English opening, so that the quotes stage reads the rest.
		const opening = "The minister said on Tuesday that the aid would reach the city, and that it would come by road. "
		return fill(size, func(b *strings.Builder, i int) {
			if i < 50 {
				b.WriteString(opening)
			} else {
				b.WriteString("“a” ")
			}
		})
	}},
	{Name: "OneToken", Make: func(k, size int) string { return strings.Repeat("A", size) }},
	{Name: "HTMLProse", HTML: true, Make: func(k, size int) string {
		return "<html><head><title>Aid</title></head><body><article>" + fill(size-64, func(b *strings.Builder, i int) {
			fmt.Fprintf(b, "<p>Minister Anna %s met <a href=\"/p/%d\">President Mike</a> in Baghdad. “We will act,” she told Reuters.</p>\n", stagetest.Word(k*1_000_000+i), i)
		}) + "</article></body></html>"
	}},
}

// fill calls add with 0, 1, ... until b holds size bytes and cuts the
// text there, at a space or newline when one is near.
func fill(size int, add func(b *strings.Builder, i int)) string {
	var b strings.Builder
	b.Grow(size + 512)
	for i := 0; b.Len() < size; i++ {
		add(&b, i)
	}
	s := b.String()[:size]
	if cut := strings.LastIndexAny(s, " \n"); cut > size-512 {
		s = s[:cut]
	}
	return strings.ToValidUTF8(s, "")
}

// StagePeak is what one stage cost on one document.
type StagePeak struct {
	Stage string
	// Peak is the highest live heap seen while the stage ran, less the
	// live heap before it: the stage's working set plus what it adds to
	// the document.
	Peak uint64
	// Kept is the live heap after the stage, less the live heap before
	// it: what the stage added to the document.
	Kept  int64
	Alloc uint64 // bytes allocated
	Took  time.Duration
}

// HugePeaks runs every stage of Stages in turn on one document holding
// text (made by sh: as its HTML when sh.HTML is set), with one worker and
// without the engine, and returns each stage's StagePeak. The live heap is sampled every 200 µs with the garbage
// collector made eager (GOGC 10), so Peak comes within a few percent of
// the stage's true working set. It is not safe to run beside other work
// that allocates.
func HugePeaks(sh HugeShape, text string) ([]StagePeak, error) {
	steps, err := newSteps()
	if err != nil {
		return nil, err
	}
	for _, s := range steps {
		if o, ok := s.Stage.(pipeline.Opener); ok {
			if err := o.Open(context.Background()); err != nil {
				return nil, err
			}
		}
	}
	d := &pipeline.Doc{ID: "huge", Text: text}
	if sh.HTML {
		d = &pipeline.Doc{ID: "huge", HTML: []byte(text)}
	}
	var peaks []StagePeak
	for _, s := range steps {
		before := liveHeap()
		var ms0, ms1 runtime.MemStats
		runtime.ReadMemStats(&ms0)
		stop := sampleHeap()
		start := time.Now()
		err := s.Stage.Process(context.Background(), d)
		took := time.Since(start)
		peak := stop()
		runtime.ReadMemStats(&ms1)
		if err != nil {
			return peaks, fmt.Errorf("%s: %w", s.Name, err)
		}
		after := liveHeap()
		peaks = append(peaks, StagePeak{Stage: s.Name, Peak: peak - min(peak, before), Kept: int64(after) - int64(before),
			Alloc: ms1.TotalAlloc - ms0.TotalAlloc, Took: took})
	}
	return peaks, nil
}

// liveHeap collects garbage twice and returns the bytes of live heap
// objects.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	return heapObjects()
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

var heapMu sync.Mutex

func heapObjects() uint64 {
	heapMu.Lock()
	defer heapMu.Unlock()
	metrics.Read(heapSample)
	return heapSample[0].Value.Uint64()
}

// sampleHeap starts sampling the heap's objects every 200 µs with GOGC at
// 10; the function it returns stops, restores GOGC and returns the
// highest sample.
func sampleHeap() func() uint64 {
	old := debug.SetGCPercent(10)
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		var peak uint64
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			peak = max(peak, heapObjects())
			select {
			case <-done:
				result <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		p := <-result
		debug.SetGCPercent(old)
		return max(p, heapObjects())
	}
}
