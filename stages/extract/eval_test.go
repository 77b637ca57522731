package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestEvalExtraction scores HTML against an article-extraction benchmark in
// the layout html/<id>.html plus gold.json (id -> {url, articleBody}). It runs
// only when NEWSMILL_EVAL_EXTRACT names that directory, e.g.
//
//	NEWSMILL_EVAL_EXTRACT=../shared/eval/extraction go test -run Eval -v ./stages/extract
//
// and logs precision, recall and F1 of 4-gram token shingles (averaged per
// page, as the benchmark's evaluate.py does) and the time per page.
func TestEvalExtraction(t *testing.T) {
	dir := os.Getenv("NEWSMILL_EVAL_EXTRACT")
	if dir == "" {
		t.Skip("set NEWSMILL_EVAL_EXTRACT to the extraction benchmark directory")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold map[string]struct {
		URL         string `json:"url"`
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	type result struct {
		id   string
		p, r float64
	}
	var results []result
	var sumP, sumR float64
	var elapsed time.Duration
	for _, id := range ids {
		page, err := os.ReadFile(filepath.Join(dir, "html", id+".html"))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		a, err := HTML(page, gold[id].URL)
		elapsed += time.Since(start)
		if err != nil {
			t.Errorf("%s: %v", id, err)
		}
		p, r := shingleMatch(gold[id].ArticleBody, a.Text)
		sumP += p
		sumR += r
		results = append(results, result{id, p, r})
	}
	n := float64(len(ids))
	p, r := sumP/n, sumR/n
	sort.Slice(results, func(i, j int) bool { return results[i].p+results[i].r < results[j].p+results[j].r })
	for _, res := range results[:min(10, len(results))] {
		t.Logf("worst: %s P=%.3f R=%.3f", res.id, res.p, res.r)
	}
	t.Logf("pages=%d precision=%.4f recall=%.4f F1=%.4f ms/page=%.2f",
		len(ids), p, r, 2*p*r/(p+r), float64(elapsed.Microseconds())/1000/n)
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// shingleMatch returns the precision and recall of pred's 4-gram token
// shingles against gold's.
func shingleMatch(gold, pred string) (precision, recall float64) {
	g, p := shingles(gold), shingles(pred)
	tp := 0
	for s := range p {
		if g[s] {
			tp++
		}
	}
	if len(p) > 0 {
		precision = float64(tp) / float64(len(p))
	}
	if len(g) > 0 {
		recall = float64(tp) / float64(len(g))
	}
	if len(g) == 0 && len(p) == 0 {
		precision, recall = 1, 1
	}
	return precision, recall
}

func shingles(text string) map[string]bool {
	toks := wordRE.FindAllString(text, -1)
	out := map[string]bool{}
	if len(toks) == 0 {
		return out
	}
	for i := 0; i < max(1, len(toks)-3); i++ {
		out[strings.Join(toks[i:min(i+4, len(toks))], " ")] = true
	}
	return out
}
