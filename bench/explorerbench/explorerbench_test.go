// Package explorerbench times the log explorer's verification of an entry
// in the reader's browser (Debian's chromium) against `truce verify
// --index` on the same entries of the same log, in the same run, for logs
// of several sizes. Run it from anywhere in the module with
//
//	go test -run '^$' -bench Explorer -benchtime 1x -timeout 90m ./bench/explorerbench -sizes 1000,100000,1000000 -samples 30
//
// Each log is a real mechanism (internal/trucetest: a Tessera log on a
// temp dir, the genesis, the parties and their members recorded through
// the mechanism), then claims signed by the party members: the first
// thousand submitted through the mechanism, which admits them by its
// rules; the rest, the same kind of record (each its own text and
// second), signed on every core and appended to the log directly, since
// the mechanism's one-at-a-time checks would take hours for a million.
// It is served over loopback as `truce serve` serves it: the API's
// /checkpoint and /tile/ beside web.New's pages, with the Config
// internal/server's newSite gives (the log, its key and its key's
// text, the mechanism's witness policy, a SQLite store). For each sampled
// index, interleaved:
//
//   - page: a fresh load of GET /log/{index}, the real page with its
//     stylesheet, page.js and verify.js, timed from navigation start to
//     the moment its verification section has data-verify="ok" (a
//     MutationObserver installed before the page's own scripts), with the
//     HTTP cache disabled and the browser's storage cleared, so every
//     sample is a first visit; and page.js's own run (data-verify
//     "pending" to "ok"): the checkpoint's signature, the inclusion proof
//     from the tiles and the record's member signatures;
//   - minimal page: a page that only imports verify.js and calls
//     verifyLog({index}) (checkpoint and inclusion), for comparison;
//   - CLI: `truce verify --server URL --log-key FILE --index N`, a new
//     process each time (what a reader at a terminal waits for);
//   - Go: the same checks in process (client.Checkpoint, VerifyEntry): the
//     CLI without its process start.
package explorerbench

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/bench/benchutil"
	"github.com/truce-dev/truce/client"
	"github.com/truce-dev/truce/files"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
	"github.com/truce-dev/truce/web"
)

var (
	sizes    = flag.String("sizes", "1000,100000", "log sizes, comma-separated")
	samples  = flag.Int("samples", 30, "entries verified per log and verifier")
	truceBin = flag.String("truce", "", "the truce binary (default: go build ./cmd/truce)")
	chromium = flag.String("chromium", "/usr/bin/chromium", "Debian's chromium")
)

// viaMechanism is how many claims go through the mechanism's Submit.
const viaMechanism = 1000

// minimal verifies the entry its ?index names and reports in data-verify
// and data-ms (performance.now(): milliseconds since navigation start).
// It is served outside the site, so no Content-Security-Policy forbids
// its inline script.
const minimal = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>explorerbench</title></head>
<body><p id="v" role="status" aria-live="polite">verifying…</p>
<script type="module">
import { verifyLog, check } from "/static/verify/verify.js";
const index = Number(new URLSearchParams(location.search).get("index"));
const r = await check(verifyLog({ base: "/", logKey: LOGKEY, index }));
const el = document.getElementById("v");
el.textContent = r.ok ? "verified: entry " + index + " leaf " + r.value.leafHash : r.reason + ": " + r.message;
el.dataset.ms = performance.now();
el.dataset.verify = r.ok ? "ok" : "fail";
</script></body></html>`

// observe runs in every page before its own scripts: it notes when the
// verification section's data-verify becomes "pending" (page.js starts)
// and then "ok" or "fail", in milliseconds since navigation start. A page
// script could not do it: the site's CSP allows no inline script, and a
// poll from outside would see the result late.
const observe = `(() => {
  const seen = window.__verify = {};
  new MutationObserver((muts, o) => {
    for (const m of muts) {
      const v = m.target.dataset && m.target.dataset.verify;
      if (m.target.id !== "verification" || !v) continue;
      if (v === "pending" && seen.pending === undefined) seen.pending = performance.now();
      if (v === "ok" || v === "fail") {
        seen.done = performance.now();
        seen.state = v;
        seen.reason = m.target.dataset.reason || "";
        seen.text = m.target.textContent.trim().slice(0, 300);
        o.disconnect();
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-verify"] });
})();`

type row struct {
	n                                       uint64
	built                                   time.Duration
	page, html, pageJS, min, cli, inProcess []time.Duration
	load                                    [2]string
}

func BenchmarkExplorer(b *testing.B) {
	tmp := b.TempDir()
	bin := *truceBin
	if bin == "" {
		bin = filepath.Join(tmp, "truce")
		if out, err := exec.Command("go", "build", "-o", bin, "github.com/truce-dev/truce/cmd/truce").CombinedOutput(); err != nil {
			b.Fatalf("go build ./cmd/truce: %v\n%s", err, out)
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(*chromium), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(bctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
				return err
			}
			if _, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: observe})
			return err
		})); err != nil {
		b.Fatalf("starting %s: %v", *chromium, err)
	}

	var rows []row
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
		if err != nil {
			b.Fatalf("-sizes: %v", err)
		}
		b.Run(strconv.FormatUint(n, 10), func(b *testing.B) {
			rows = append(rows, measure(b, bctx, bin, n))
		})
	}

	fmt.Printf("\nexplorerbench: %s, GOMAXPROCS %d, %d samples per cell, cold HTTP cache, storage cleared\n\n", version(*chromium), ncpu(), *samples)
	fmt.Println("| entries | `/log/{index}`: page load → verified, p50 / p95 | HTML received | page.js's run | minimal page → verified | `truce verify --index` | Go in process | page / CLI (p50) | load average (start → end) |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, r := range rows {
		p50 := func(l []time.Duration) time.Duration { return l[len(l)/2] }
		pg, h, js, mn, cl, g := benchutil.Percentiles(r.page), benchutil.Percentiles(r.html), benchutil.Percentiles(r.pageJS), benchutil.Percentiles(r.min), benchutil.Percentiles(r.cli), benchutil.Percentiles(r.inProcess) // sorts
		fmt.Printf("| %d | %s | %s | %s | %s | %s | %s | **%.2f** | %s → %s |\n", r.n, pg, h, js, mn, cl, g, float64(p50(r.page))/float64(p50(r.cli)), r.load[0], r.load[1])
	}
}

// measure builds a mechanism whose log has n entries, serves it, and times
// each verifier on the same sampled indices.
func measure(b *testing.B, bctx context.Context, bin string, n uint64) row {
	ctx := context.Background()
	r := row{n: n}
	start := time.Now()
	m := trucetest.NewMechanism(b)
	m.Concurrency = 512
	c := m.Setup()
	if n <= m.Size()+1 {
		b.Fatalf("-sizes %d: the setup alone is %d entries", n, m.Size())
	}
	members := []*truce.Signer{c.PakistanFO, c.PakistanISPR, c.AfghanistanMOFA}
	claim := func(i uint64) ([]byte, *truce.Signer) {
		at := time.Date(2025, 11, 8, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second).Format(time.RFC3339)
		rec := trucetest.Record("claim", trucetest.Claim(fmt.Sprintf("Statement %d on the ceasefire along the border.", i)),
			func(r map[string]any) { r["created"] = at })
		return rec, members[i%uint64(len(members))]
	}
	first := m.Size()
	var recs []trucetest.Unsigned
	for i := first; i < min(n, first+viaMechanism); i++ {
		rec, s := claim(i)
		recs = append(recs, trucetest.Unsigned{Record: rec, Signers: []*truce.Signer{s}})
	}
	m.SubmitAll(recs)
	appendSigned(b, m, m.Size(), n, claim)
	if got := m.Size(); got != n {
		b.Fatalf("the log has %d entries, not %d", got, n)
	}
	if _, err := m.Log.AwaitCheckpoint(ctx, n-1); err != nil {
		b.Fatal(err)
	}
	r.built = time.Since(start)
	b.Logf("log of %d entries (%d through the mechanism) built and published in %v", n, min(n, first+viaMechanism), r.built.Round(time.Millisecond))

	// The server, as internal/server's Run and newSite build it.
	store, err := sqlite.Open(filepath.Join(b.TempDir(), "projection.sqlite"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	texts, err := files.Open(filepath.Join(b.TempDir(), "texts"))
	if err != nil {
		b.Fatal(err)
	}
	drafts, err := files.Open(filepath.Join(b.TempDir(), "drafts"))
	if err != nil {
		b.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	api := trucehttp.NewServer(m.Mech, m.Log, store, m.Evidence, drafts, quiet)
	site := web.New(web.Config{Store: store, Log: m.Log, LogKey: m.LogVerifier(), LogVKey: m.LogVKey, Witnesses: m.Mech, Texts: texts, Logger: quiet})
	mux := http.NewServeMux()
	mux.Handle("/", site)
	for _, p := range []string{"/api/", "/checkpoint", "/tile/"} {
		mux.Handle(p, api)
	}
	mux.HandleFunc("GET /bench.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, strings.Replace(minimal, "LOGKEY", strconv.Quote(m.LogVKey), 1))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	keyFile := filepath.Join(b.TempDir(), "log.vkey")
	if err := os.WriteFile(keyFile, []byte(m.LogVKey+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	cl, err := client.New(srv.URL)
	if err != nil {
		b.Fatal(err)
	}

	r.load[0] = loadavg()
	rng := mrand.New(mrand.NewPCG(n, 16))
	for k := range *samples {
		i := rng.Uint64N(n)

		// The real page.
		if err := chromedp.Do(bctx, chromedp.Navigate(fmt.Sprintf("%s/log/%d", srv.URL, i))); err != nil {
			b.Fatal(err)
		}
		var seen struct {
			Pending, Done, HTML float64
			State               string
			Reason, Text        string
		}
		res, err := chromedp.Run(bctx, chromedp.Evaluate[string](`new Promise(r => { const f = () => window.__verify && window.__verify.done !== undefined
			? r(JSON.stringify({ ...window.__verify, html: performance.getEntriesByType("navigation")[0].responseEnd })) : setTimeout(f, 5); f(); })`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		if err := json.Unmarshal([]byte(res), &seen); err != nil {
			b.Fatalf("page: %v: %s", err, res)
		}
		if seen.State != "ok" {
			b.Fatalf("/log/%d of %d: data-verify=%q (%s): %s", i, n, seen.State, seen.Reason, seen.Text)
		}
		if k == *samples-1 {
			// Where the last sample's time went (a warm browser, a cold
			// cache), as Resource Timing saw it.
			timing, err := chromedp.Run(bctx, chromedp.Evaluate[string](`performance.getEntriesByType("resource").map(e =>
				new URL(e.name).pathname.replace(/\.[0-9a-f]{8,}\./, ".") + " " + e.startTime.toFixed(0) + "→" + e.responseEnd.toFixed(0)).join(", ")`))
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("/log/%d: HTML by %.0f ms, page.js started at %.0f ms, verified at %.0f ms; requests (ms since navigation start): %s", i, seen.HTML, seen.Pending, seen.Done, timing)
			b.Logf("/log/%d: %s", i, seen.Text)
		}
		r.page = append(r.page, ms(seen.Done))
		r.pageJS = append(r.pageJS, ms(seen.Done-seen.Pending))
		r.html = append(r.html, ms(seen.HTML))
		// Each sample a first visit: no checkpoint kept from the last.
		if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`localStorage.clear(), true`)); err != nil {
			b.Fatal(err)
		}

		// The minimal page.
		if err := chromedp.Do(bctx, chromedp.Navigate(fmt.Sprintf("%s/bench.html?index=%d", srv.URL, i))); err != nil {
			b.Fatal(err)
		}
		got, err := chromedp.Run(bctx, chromedp.Evaluate[[2]string](`new Promise(r => { const f = () => { const e = document.getElementById("v");
			e && e.dataset.verify ? r([e.dataset.verify, e.dataset.ms + " " + e.textContent]) : setTimeout(f, 5); }; f(); })`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		if got[0] != "ok" {
			b.Fatalf("minimal page: entry %d of %d: %s", i, n, got[1])
		}
		at, err := strconv.ParseFloat(strings.Fields(got[1])[0], 64)
		if err != nil {
			b.Fatalf("minimal page: data-ms %q", got[1])
		}
		r.min = append(r.min, ms(at))

		t0 := time.Now()
		out, err := exec.Command(bin, "verify", "--server", srv.URL, "--log-key", keyFile, "--index", strconv.FormatUint(i, 10)).CombinedOutput()
		if err != nil || !strings.Contains(string(out), fmt.Sprintf("entry %d: included", i)) {
			b.Fatalf("truce verify --index %d: %v\n%s", i, err, out)
		}
		r.cli = append(r.cli, time.Since(t0))

		t0 = time.Now()
		cp, err := cl.Checkpoint(ctx, m.LogVerifier())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := cl.VerifyEntry(ctx, cp, i); err != nil {
			b.Fatal(err)
		}
		r.inProcess = append(r.inProcess, time.Since(t0))
	}
	r.load[1] = loadavg()
	return r
}

// appendSigned appends claims [from, n) to the log directly: signed on
// every core and appended by many writers at once, as a busy server's are.
// The mechanism has not seen them, so its state is not saved when the
// test closes it (trucetest's Close warns so); nothing here reopens it.
func appendSigned(b *testing.B, m *trucetest.Mechanism, from, n uint64, claim func(uint64) ([]byte, *truce.Signer)) {
	ctx := context.Background()
	var next atomic.Uint64
	next.Store(from)
	var wg sync.WaitGroup
	var once sync.Once
	var failed error
	for range 512 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < n; i = next.Add(1) - 1 {
				rec, s := claim(i)
				env, err := truce.SignRecord(rec, s)
				if err == nil {
					_, err = m.Log.Append(ctx, truce.PublicLeaf(env))
				}
				if err != nil {
					once.Do(func() { failed = fmt.Errorf("claim %d: %v", i, err) })
					return
				}
			}
		}()
	}
	wg.Wait()
	if failed != nil {
		b.Fatal(failed)
	}
}

func ms(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }

func loadavg() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(raw))[:3], " ")
}

func version(chromium string) string {
	out, err := exec.Command(chromium, "--version").Output()
	if err != nil {
		return "chromium (version unknown)"
	}
	return strings.TrimSpace(string(out))
}

func ncpu() int { return runtime.GOMAXPROCS(0) }
