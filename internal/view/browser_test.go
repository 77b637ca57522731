package view_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsmill/newsmill/cli"
	"github.com/newsmill/newsmill/internal/view"
	_ "github.com/newsmill/newsmill/stages/builtin"
)

var update = flag.Bool("update", false, "rewrite testdata/article.png, the README's screenshot")

// seed is the bundled article whose seven quotes (direct and partial) the
// browser test checks.
const seed = "../../testdata/000_be515a28a143e7f9.txt"

// hostileText is an article whose text is markup; the page must show it.
const hostileText = "Hostile markup\n\n" +
	`The mayor wrote <script>document.title="pwned";window.pwned=1</script> in a post. ` +
	`Then "><img src=x onerror="window.pwned=2"> appeared, said Mallory Jones.` + "\n\n" +
	`“We saw <script>window.pwned=3</script> on the screen,” said Mallory Jones.` + "\n"

// chromium returns the browser to drive: Debian's chromium, which .ci/run
// installs. Outside CI the test skips without one; in CI it fails.
func chromium(t *testing.T) string {
	for _, p := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no chromium in CI: .ci/run installs Debian's chromium package")
	}
	t.Skip("no chromium: apt-get install chromium to run the browser test")
	return ""
}

// annotate runs the pipeline in-process on inputs into a new directory.
func annotate(t *testing.T, inputs ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	var stderr bytes.Buffer
	args := append([]string{"annotate", "-o", out}, inputs...)
	if code := cli.Run(context.Background(), args, strings.NewReader(""), io.Discard, &stderr); code != 0 {
		t.Fatalf("annotate: exit %d\n%s", code, stderr.String())
	}
	return out
}

func TestBrowser(t *testing.T) {
	exe := chromium(t)
	hostile := filepath.Join(t.TempDir(), "hostile.txt")
	if err := os.WriteFile(hostile, []byte(hostileText), 0o644); err != nil {
		t.Fatal(err)
	}
	out := annotate(t, seed, hostile)
	s, err := view.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs, _, err := s.Docs(view.DocFilter{}, 0, 10)
	if err != nil || len(docs) != 2 {
		t.Fatalf("documents %d, %v", len(docs), err)
	}
	seedDoc, hostileDoc := docs[0].Ordinal, docs[1].Ordinal
	if strings.Contains(docs[0].DocID, "hostile") {
		seedDoc, hostileDoc = hostileDoc, seedDoc
	}
	art, err := s.Article(seedDoc)
	if err != nil {
		t.Fatal(err)
	}
	// What the DOM must show: the direct and partial quotes with their speakers.
	var want []string
	for _, q := range art.Quotes {
		if q.Kind != "indirect" {
			want = append(want, q.SpeakerName)
		}
	}
	if len(want) != 7 {
		t.Fatalf("the seed article has %d direct and partial quotes, want 7", len(want))
	}

	srv := httptest.NewUnstartedServer(nil)
	srv.Config.Handler = view.Handler(s, out, view.Options{Addr: srv.Listener.Addr().String()})
	srv.Start()
	defer srv.Close()

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1000, 640),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+fmt.Sprintf("/doc/%d", seedDoc)), chromedp.WaitVisible(".text")); err != nil {
		t.Fatal(err)
	}
	type quoteDOM struct {
		Kind, Speaker, Title, Background, Ref string
		RefFound                              bool
	}
	quotes, err := chromedp.Run(ctx, chromedp.Evaluate[[]quoteDOM](`
		[...document.querySelectorAll('.text .quote[id]')]
			.filter(q => !q.classList.contains('quote-indirect'))
			.map(q => ({
				Kind: q.classList.contains('quote-direct') ? 'direct' : 'partial',
				Speaker: q.dataset.speaker || '',
				Title: q.title,
				Background: getComputedStyle(q).backgroundColor,
				Ref: q.dataset.ref || '',
				RefFound: !!(q.dataset.ref && document.getElementById(q.dataset.ref)),
			}))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(quotes) != len(want) {
		t.Fatalf("%d direct and partial quotes highlighted, want %d", len(quotes), len(want))
	}
	for i, q := range quotes {
		if q.Speaker != want[i] {
			t.Errorf("quote %d: speaker %q, want %q", i+1, q.Speaker, want[i])
		}
		if q.Background == "" || q.Background == "rgba(0, 0, 0, 0)" {
			t.Errorf("quote %d is not highlighted (background %q)", i+1, q.Background)
		}
		if !q.RefFound {
			t.Errorf("quote %d: its speaker mention %q is not on the page", i+1, q.Ref)
		}
		if !strings.Contains(q.Title, "confidence") || !strings.Contains(q.Title, want[i]) {
			t.Errorf("quote %d: hover text %q lacks speaker or confidence", i+1, q.Title)
		}
	}
	type entDOM struct{ Label, Shown string }
	ents, err := chromedp.Run(ctx, chromedp.Evaluate[[]entDOM](`
		[...document.querySelectorAll('.text mark.ent[data-label]')].map(m => ({
			Label: m.dataset.label,
			Shown: getComputedStyle(m, '::after').content,
		}))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != len(art.Entities) {
		t.Errorf("%d labelled entities on the page, want %d", len(ents), len(art.Entities))
	}
	for i, e := range ents {
		if i < len(art.Entities) && e.Label != art.Entities[i].Label {
			t.Errorf("entity %d: label %q, want %q", i, e.Label, art.Entities[i].Label)
		}
		if e.Shown != `"`+e.Label+`"` {
			t.Errorf("entity %d: shows %s, want its label %q", i, e.Shown, e.Label)
		}
	}
	// The screenshot shows the marked-up text around the first direct quote.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.scrollTo(0, document.querySelector('.quote-direct[id]').getBoundingClientRect().top + scrollY - 200); true`)); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(t.ArtifactDir(), "article.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("testdata/article.png", shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The hostile page shows its markup as text and runs none of it.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+fmt.Sprintf("/doc/%d", hostileDoc)), chromedp.WaitVisible(".text")); err != nil {
		t.Fatal(err)
	}
	type hostileDOM struct {
		Title, Text   string
		Pwned         bool
		Scripts, Imgs int
	}
	h, err := chromedp.Run(ctx, chromedp.Evaluate[hostileDOM](`({
		Title: document.title,
		Text: document.querySelector('.text').textContent,
		Pwned: 'pwned' in window,
		Scripts: document.scripts.length,
		Imgs: document.images.length,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if h.Pwned || strings.Contains(h.Title, "pwned") || h.Scripts != 1 || h.Imgs != 0 {
		t.Errorf("hostile page: title %q, pwned %v, %d scripts, %d images", h.Title, h.Pwned, h.Scripts, h.Imgs)
	}
	for _, s := range []string{`<script>document.title="pwned";window.pwned=1</script>`, `"><img src=x onerror="window.pwned=2">`} {
		if !strings.Contains(h.Text, s) {
			t.Errorf("hostile page does not show %q as text", s)
		}
	}
	shot, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		err = os.WriteFile(filepath.Join(t.ArtifactDir(), "hostile.png"), shot, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}
