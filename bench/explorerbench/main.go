// Command explorerbench times the in-browser verification of an entry's
// inclusion (web/static/verify/verify.js in Debian's chromium: checkpoint
// signature, entry bundle, inclusion proof built from the hash tiles)
// against `truce verify --index` on the same entries of the same log, in
// the same run, for logs of several sizes.
//
// Each log is a real Tessera log (tlog.Open) on a temp dir, served over
// loopback exactly as `truce serve` serves it (tlog.ServeDir). For each
// sampled index:
//
//   - browser: a fresh page load of a minimal page that imports the module
//     and calls verifyLog({index}); the time from navigation start to the
//     result (performance.now() when data-verify is set), with the HTTP
//     cache disabled, so every sample fetches its checkpoint and tiles as
//     a first visit does; and the time verifyLog itself took (fetches,
//     WebCrypto, the proof);
//   - CLI: `truce verify --server URL --log-key FILE --index N`, a new
//     process each time (what a reader at a terminal waits for);
//   - Go: the same checks in process (client.Checkpoint, VerifyEntry): the
//     CLI without its process start.
//
// Run from the repository root: go run ./bench/explorerbench [-sizes
// 1000,100000,1000000] [-samples 30].
package main

import (
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"log"
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
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/truce-dev/truce/bench/benchutil"
	"github.com/truce-dev/truce/client"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
	"k8s.io/klog/v2"
)

const origin = "bench.truce.test/explorer"

// page verifies the entry its ?index names and reports in data-verify and
// data-ms (performance.now(): milliseconds since navigation start, then
// the milliseconds verifyLog itself took).
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>explorerbench</title></head>
<body><p id="v" role="status" aria-live="polite">verifying…</p>
<script type="module">
import { verifyLog, check } from "/verify/verify.js";
const index = Number(new URLSearchParams(location.search).get("index"));
const t0 = performance.now();
const r = await check(verifyLog({ base: "/", logKey: LOGKEY, index }));
const el = document.getElementById("v");
el.textContent = r.ok ? "verified: entry " + index + " leaf " + r.value.leafHash : r.reason + ": " + r.message;
el.dataset.ms = performance.now() + " " + (performance.now() - t0);
el.dataset.verify = r.ok ? "ok" : "fail";
</script></body></html>`

func main() {
	sizes := flag.String("sizes", "1000,100000", "log sizes, comma-separated")
	samples := flag.Int("samples", 30, "entries verified per log and verifier")
	verifyDir := flag.String("verify-dir", "web/static/verify", "the verifier module's folder")
	truceBin := flag.String("truce", "", "the truce binary (default: go build ./cmd/truce)")
	chromium := flag.String("chromium", "/usr/bin/chromium", "Debian's chromium")
	flag.Parse()
	klog.SetSlogLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	tmp, err := os.MkdirTemp("", "explorerbench")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	if *truceBin == "" {
		*truceBin = filepath.Join(tmp, "truce")
		if out, err := exec.Command("go", "build", "-o", *truceBin, "./cmd/truce").CombinedOutput(); err != nil {
			log.Fatalf("go build ./cmd/truce: %v\n%s", err, out)
		}
	}
	if _, err := os.Stat(filepath.Join(*verifyDir, "verify.js")); err != nil {
		log.Fatalf("%v (run from the repository root, or give -verify-dir)", err)
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
			_, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
			return err
		})); err != nil {
		log.Fatalf("starting %s: %v", *chromium, err)
	}

	fmt.Printf("explorerbench: %s, GOMAXPROCS %d, %d samples per cell, cold HTTP cache\n\n", strings.TrimSpace(version(*chromium)), runtimeProcs(), *samples)
	fmt.Println("| entries | browser: page load → verified, p50 / p95 | browser: verifyLog alone | `truce verify --index` | Go in process | browser / CLI (p50) |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|")
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
		if err != nil {
			log.Fatalf("-sizes: %v", err)
		}
		if err := run(bctx, tmp, *verifyDir, *truceBin, n, *samples); err != nil {
			log.Fatal(err)
		}
	}
}

// run builds a log of n entries and times each verifier on the same
// sampled indices.
func run(bctx context.Context, tmp, verifyDir, truceBin string, n uint64, samples int) error {
	ctx := context.Background()
	skey, vkey, err := note.GenerateKey(rand.Reader, origin)
	if err != nil {
		return err
	}
	signer, _ := note.NewSigner(skey)
	verifier, _ := note.NewVerifier(vkey)
	dir := filepath.Join(tmp, fmt.Sprintf("log-%d", n))
	start := time.Now()
	l, err := tlog.Open(ctx, dir, signer, verifier, tlog.Options{})
	if err != nil {
		return err
	}
	// Entries the size of a public claim leaf (~700 bytes), appended by
	// many writers at once as a busy server's are.
	pad := strings.Repeat("x", 680)
	var next atomic.Uint64
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	for range 512 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < n; i = next.Add(1) - 1 {
				if _, err := l.Append(ctx, fmt.Appendf(nil, `{"entry":%d,"pad":%q}`, i, pad)); err != nil {
					select {
					case errs <- err:
					default:
					}
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := l.Close(ctx); err != nil {
		return err
	}
	select {
	case err := <-errs:
		return err
	default:
	}
	fmt.Fprintf(os.Stderr, "log of %d entries built in %v\n", n, time.Since(start).Round(time.Millisecond))
	keyFile := filepath.Join(tmp, "log.vkey")
	if err := os.WriteFile(keyFile, []byte(vkey+"\n"), 0o644); err != nil {
		return err
	}

	mux := http.NewServeMux()
	mux.Handle("/checkpoint", tlog.ServeDir(dir))
	mux.Handle("/tile/", tlog.ServeDir(dir))
	mux.Handle("/verify/", http.StripPrefix("/verify/", http.FileServer(http.Dir(verifyDir))))
	mux.HandleFunc("/bench.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.Replace(page, "LOGKEY", strconv.Quote(vkey), 1)))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	rng := mrand.New(mrand.NewPCG(n, 16))
	var browser, verifyOnly, cli, inproc []time.Duration
	c, err := client.New(srv.URL)
	if err != nil {
		return err
	}
	for range samples {
		i := rng.Uint64N(n)

		err := chromedp.Do(bctx, chromedp.Navigate(fmt.Sprintf("%s/bench.html?index=%d", srv.URL, i)))
		if err != nil {
			return err
		}
		res, err := chromedp.Run(bctx, chromedp.Evaluate[[2]string](`new Promise(r => { const f = () => { const e = document.getElementById("v");
			e && e.dataset.verify ? r([e.dataset.verify, e.dataset.ms + " " + e.textContent]) : setTimeout(f, 5); }; f(); })`, chromedp.EvalAwaitPromise))
		if err != nil {
			return err
		}
		if res[0] != "ok" {
			return fmt.Errorf("browser: entry %d of %d: %s", i, n, res[1])
		}
		f := strings.Fields(res[1])
		load, err1 := strconv.ParseFloat(f[0], 64)
		alone, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("browser: data-ms %q", res[1])
		}
		browser = append(browser, time.Duration(load*float64(time.Millisecond)))
		verifyOnly = append(verifyOnly, time.Duration(alone*float64(time.Millisecond)))

		t0 := time.Now()
		out, err := exec.Command(truceBin, "verify", "--server", srv.URL, "--log-key", keyFile, "--index", strconv.FormatUint(i, 10)).CombinedOutput()
		if err != nil || !strings.Contains(string(out), fmt.Sprintf("entry %d: included", i)) {
			return fmt.Errorf("truce verify --index %d: %v\n%s", i, err, out)
		}
		cli = append(cli, time.Since(t0))

		t0 = time.Now()
		cp, err := c.Checkpoint(ctx, verifier)
		if err != nil {
			return err
		}
		if _, err := c.VerifyEntry(ctx, cp, i); err != nil {
			return err
		}
		inproc = append(inproc, time.Since(t0))
	}
	p50 := func(l []time.Duration) time.Duration { return l[len(l)/2] }
	b, vo, cl, g := benchutil.Percentiles(browser), benchutil.Percentiles(verifyOnly), benchutil.Percentiles(cli), benchutil.Percentiles(inproc) // sorts
	fmt.Printf("| %d | %s | %s | %s | %s | **%.2f** |\n", n, b, vo, cl, g, float64(p50(browser))/float64(p50(cli)))
	return nil
}

func version(chromium string) string {
	out, err := exec.Command(chromium, "--version").Output()
	if err != nil {
		return "chromium (version unknown)"
	}
	return string(out)
}

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }
