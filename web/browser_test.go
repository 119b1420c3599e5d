package web

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/truce-dev/truce/internal/trucetest"
)

// axe is axe-core, vendored from npm (testdata/axe-core, with its
// licence): the accessibility rules the pages are checked against.
//
//go:embed testdata/axe-core/axe.min.js
var axe string

// One browser for every test of the package: starting Chromium costs
// more than most tests do.
var shared struct {
	once   sync.Once
	ctx    context.Context
	cancel func()
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.cancel != nil {
		shared.cancel()
	}
	os.Exit(code)
}

// chromium is the path of Debian's chromium (scripts/ci-setup.sh installs
// it), or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser returns a new tab of the shared headless browser, closed when
// the test ends. Without chromium the test skips (fails under
// TRUCE_NO_SKIP).
func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromium()
	if path == "" {
		trucetest.Skip(t, "chromium is not installed: scripts/ci-setup.sh installs it (apt-get install chromium fonts-noto-core, as root)")
	}
	shared.once.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path),
			chromedp.NoSandbox, chromedp.DisableGPU, chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
			chromedp.WindowSize(1280, 900))
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(alloc)
		shared.ctx, shared.cancel = ctx, func() { cancel(); cancelAlloc() }
		shared.err = chromedp.Do(ctx)
	})
	if shared.err != nil {
		t.Fatalf("starting %s: %v", path, shared.err)
	}
	tab, cancel := chromedp.NewContext(shared.ctx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(tab, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	// Any Content-Security-Policy violation on any page is recorded, from
	// before the page's own scripts run.
	watchCSP(t, ctx)
	return ctx
}

// watchCSP records, in the tab, any Content-Security-Policy violation on
// any page, from before the page's own scripts run.
func watchCSP(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.__csp = []; document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));`})
		return err
	})); err != nil {
		t.Fatal(err)
	}
}

// command runs a protocol command with no result in the tab.
func command[P any](t *testing.T, ctx context.Context, c cdp.Command[P, cdp.Empty], params P) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, c, params)
		return err
	})); err != nil {
		t.Fatal(err)
	}
}

// visit loads url in the tab and waits for the page and its fonts.
func visit(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
	eval[bool](t, ctx, `document.fonts.ready.then(() => true)`)
	if csp := eval[[]string](t, ctx, `window.__csp || []`); len(csp) > 0 {
		t.Errorf("%s: Content-Security-Policy violations: %v", url, csp)
	}
}

// eval evaluates js in the tab, awaiting a promise.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.80q: %v", js, err)
	}
	return v
}

// screenshot saves the whole page as NAME.png in the test output folder:
// $TRUCE_SCREENSHOTS, else testdata/out (ignored by git).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("TRUCE_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("testdata", "out")
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBrowser reads the pages of a populated mechanism in Chromium.
func TestBrowser(t *testing.T) {
	f := newFixture(t)
	ctx := browser(t)

	t.Run("overview", func(t *testing.T) {
		visit(t, ctx, f.url+"/?lang=en")
		rounds := eval[[]string](t, ctx, `[...document.querySelectorAll(".timeline li h3")].map(e => e.innerText)`)
		commitments := eval[[]string](t, ctx, `[...document.querySelectorAll("section[aria-labelledby=h-commitments] tbody tr")].map(e => e.innerText)`)
		if len(rounds) != 1 || rounds[0] != "Istanbul talks (third round)" {
			t.Errorf("rounds shown: %q", rounds)
		}
		if len(commitments) != 1 || !strings.Contains(commitments[0], "Observe the immediate ceasefire agreed in Doha.") || !strings.Contains(commitments[0], "Afghanistan (Taliban authorities)") {
			t.Errorf("commitments shown: %q", commitments)
		}
		screenshot(t, ctx, "overview-en")
	})

	t.Run("conflicting figures side by side", func(t *testing.T) {
		visit(t, ctx, fmt.Sprintf("%s/incidents/%d", f.url, f.incident))
		figs := eval[[]struct {
			Count                   string
			Top, Left, Width, Right float64
			Size                    string
		}](t, ctx, `[...document.querySelectorAll(".figures li")].map(li => { const r = li.getBoundingClientRect();
			return {count: li.querySelector(".figure").dataset.count, top: r.top, left: r.left, width: r.width, right: r.right,
				size: getComputedStyle(li.querySelector(".count")).fontSize}; })`)
		if len(figs) != 2 || figs[0].Count != "206" || figs[1].Count != "9" {
			t.Fatalf("figures shown: %+v", figs)
		}
		a, b := figs[0], figs[1]
		if a.Top != b.Top || a.Width != b.Width || a.Size != b.Size || b.Left < a.Right {
			t.Errorf("the two figures are not side by side at the same size: %+v", figs)
		}
		screenshot(t, ctx, "incident-en")
	})

	t.Run("source highlights its claims", func(t *testing.T) {
		visit(t, ctx, fmt.Sprintf("%s/sources/%d", f.url, f.source))
		marks := eval[[]struct{ Claim, Text, Bg, Under string }](t, ctx, `[...document.querySelectorAll(".source-text mark")].map(m => ({claim: m.dataset.claim, text: m.innerText,
			bg: getComputedStyle(m).backgroundColor, under: getComputedStyle(m.parentElement).backgroundColor}))`)
		if len(marks) != 1 || marks[0].Claim != fmt.Sprint(f.armyClaim) || !strings.HasPrefix(marks[0].Text, "at least 206 Afghan Taliban fighters") {
			t.Fatalf("marks: %+v", marks)
		}
		if marks[0].Bg == marks[0].Under || marks[0].Bg == "rgba(0, 0, 0, 0)" {
			t.Errorf("the mark does not stand out: %+v", marks[0])
		}
		screenshot(t, ctx, "source-en")
	})

	t.Run("right to left", func(t *testing.T) {
		for _, lang := range []string{"ur", "ps"} {
			visit(t, ctx, f.url+"/incidents?lang="+lang)
			got := eval[struct {
				Lang, Dir  string
				Nav        []string
				BrandLeft  float64
				Width      float64
				Fonts      []string
				NavCurrent string
			}](t, ctx, `({lang: document.documentElement.lang, dir: document.documentElement.dir,
				nav: [...document.querySelectorAll("header nav:not(.langs) a")].map(a => a.innerText.trim()),
				brandLeft: document.querySelector(".brand").getBoundingClientRect().left, width: window.innerWidth,
				fonts: [...document.fonts].filter(f => f.status === "loaded").map(f => f.family.replaceAll('"', "")),
				navCurrent: document.querySelector("header nav a[aria-current=page]").innerText.trim()})`)
			l := locales[lang]
			want := []string{l.T("NavOverview"), l.T("NavIncidents"), l.T("NavCommitments"), l.T("NavRequests"), l.T("NavClaims"), l.T("NavLog")}
			if got.Lang != lang || got.Dir != "rtl" || strings.Join(got.Nav, "|") != strings.Join(want, "|") || got.NavCurrent != l.T("NavIncidents") {
				t.Errorf("%s: %+v, want navigation %q", lang, got, want)
			}
			// The layout mirrors: the brand, first in the header, stands at
			// the right.
			if got.BrandLeft < got.Width/2 {
				t.Errorf("%s: the header does not mirror (brand at x=%v of %v)", lang, got.BrandLeft, got.Width)
			}
			face := map[string]string{"ur": "Noto Nastaliq Urdu", "ps": "Noto Naskh Arabic"}[lang]
			if !strings.Contains(strings.Join(got.Fonts, ","), face) {
				t.Errorf("%s: the server's %s is not in use (fonts loaded: %q)", lang, face, got.Fonts)
			}
			screenshot(t, ctx, "incidents-"+lang)
		}
		// Remembered: the next page without ?lang= is still Pashto.
		visit(t, ctx, f.url+"/")
		lang := eval[string](t, ctx, `document.documentElement.lang`)
		if lang != "ps" {
			t.Errorf("the language chosen is not remembered: %s", lang)
		}
		visit(t, ctx, f.url+"/?lang=ur")
		screenshot(t, ctx, "overview-ur")
		// An English reader downloads no Arabic-script font.
		visit(t, ctx, f.url+"/?lang=en")
		fonts := eval[[]string](t, ctx, `[...document.fonts].filter(f => f.status === "loaded").map(f => f.family.replaceAll('"', ""))`)
		if strings.Contains(strings.Join(fonts, ","), "Arabic") || strings.Contains(strings.Join(fonts, ","), "Urdu") {
			t.Errorf("an English page loads %q", fonts)
		}
	})

	t.Run("times in the reader's zone beside UTC", func(t *testing.T) {
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		watchCSP(t, tab)
		command(t, tab, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Asia/Karachi"})
		visit(t, tab, fmt.Sprintf("%s/findings/%d?lang=en", f.url, f.finding))
		shown := eval[[]string](t, tab, `[...document.querySelectorAll("time.ts")].map(e => e.innerText)`)
		// Recorded at 12:00 +03:00: 09:00 UTC, 14:00 in Pakistan.
		if len(shown) == 0 || !strings.Contains(shown[0], "2:00") || !strings.Contains(shown[0], "2025-11-07 09:00 UTC") {
			t.Errorf("times shown: %q", shown)
		}
	})

	t.Run("anonymous never sees a restricted body", func(t *testing.T) {
		paths := f.pages()
		for _, i := range []uint64{f.restrictedClaim, f.restrictedRequest} {
			paths = append(paths, fmt.Sprintf("/incidents/%d", i), fmt.Sprintf("/sources/%d", i), fmt.Sprintf("/findings/%d", i))
		}
		for _, lang := range []string{"en", "ur"} {
			for _, p := range paths {
				visit(t, ctx, f.url+p+sep(p)+"lang="+lang)
				html := eval[string](t, ctx, `document.documentElement.outerHTML`)
				for _, s := range secrets {
					if strings.Contains(html, s) {
						t.Errorf("%s shows the restricted %q", p, s)
					}
				}
			}
		}
	})

	t.Run("accessibility", func(t *testing.T) {
		// Every page, and a refusal.
		pages := append(f.pages(), fmt.Sprintf("/incidents/%d", f.restrictedClaim))
		for _, lang := range []string{"en", "ur"} {
			for _, p := range pages {
				visit(t, ctx, f.url+p+sep(p)+"lang="+lang)
				out := eval[[]struct {
					ID, Impact, Help string
					Nodes            []string
				}](t, ctx, axe+`;
					axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
						.filter(v => v.impact === "serious" || v.impact === "critical")
						.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160))})))`)
				for _, v := range out {
					b, _ := json.Marshal(v.Nodes)
					t.Errorf("%s (%s): %s %s: %s — %s", p, lang, v.Impact, v.ID, v.Help, b)
				}
			}
		}
	})

	t.Run("phone", func(t *testing.T) {
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		watchCSP(t, tab)
		if err := chromedp.Do(tab, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en", "ur"} {
			for _, p := range f.pages() {
				visit(t, tab, f.url+p+sep(p)+"lang="+lang)
				w := eval[struct{ Scroll, Client float64 }](t, tab, `({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})`)
				if w.Scroll > w.Client {
					t.Errorf("%s (%s) is %vpx wide on a %vpx phone", p, lang, w.Scroll, w.Client)
				}
			}
		}
		visit(t, tab, fmt.Sprintf("%s/incidents/%d?lang=ur", f.url, f.incident))
		screenshot(t, tab, "incident-ur-phone")
	})

	t.Run("readable without JavaScript", func(t *testing.T) {
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		command(t, tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		if err := chromedp.Do(tab, chromedp.Navigate(fmt.Sprintf("%s/incidents/%d?lang=en", f.url, f.incident))); err != nil {
			t.Fatal(err)
		}
		text, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS("main")))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"206", "according to Pakistan army", "according to Spokesperson of the Afghan Taliban authorities", "Spin Boldak"} {
			if !strings.Contains(text, want) {
				t.Errorf("without JavaScript the incident page lacks %q", want)
			}
		}
	})
}

func sep(path string) string {
	if strings.Contains(path, "?") {
		return "&"
	}
	return "?"
}
