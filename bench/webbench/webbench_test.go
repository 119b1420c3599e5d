// Package webbench measures the web pages on a large mechanism: the
// server time of the overview and of the incidents page beside the API's
// list of the same incidents, in the same run, and the bytes each page
// costs a first visit, compressed, as a real browser counts them. Run it
// with
//
//	go test -run '^$' -bench Web -benchtime 1x -timeout 60m ./bench/webbench -incidents 100000
package webbench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/bench/benchutil"
	"github.com/truce-dev/truce/files"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
	"github.com/truce-dev/truce/web"
)

var (
	incidents = flag.Int("incidents", 100_000, "how many incidents the log holds, each with a claim about it")
	requests  = flag.Int("requests", 300, "how many requests of each page and of the API list")
)

// timed records how long each request's handler ran, by path and query.
type timed struct {
	h  http.Handler
	mu sync.Mutex
	d  map[string][]time.Duration
}

func (t *timed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	t.h.ServeHTTP(w, r)
	d := time.Since(start)
	t.mu.Lock()
	t.d[r.URL.RequestURI()] = append(t.d[r.URL.RequestURI()], d)
	t.mu.Unlock()
}

func BenchmarkWeb(b *testing.B) {
	out := func(format string, args ...any) { fmt.Printf(format+"\n", args...) }
	start := time.Now()
	m := trucetest.NewMechanism(b)
	m.Concurrency = 512
	c := m.Setup()
	build(b, m, c, *incidents)
	out("built a log of %d entries (%d incidents, each with a claim) in %v", m.Size(), *incidents, time.Since(start).Round(time.Second))

	store, err := sqlite.Open(filepath.Join(b.TempDir(), "projection.sqlite"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	t := time.Now()
	m.Project(store)
	out("projected in %v", time.Since(t).Round(time.Second))
	if _, err := m.Log.AwaitCheckpoint(context.Background(), m.Size()-1); err != nil {
		b.Fatal(err)
	}
	texts, err := files.Open(filepath.Join(b.TempDir(), "texts"))
	if err != nil {
		b.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	api := trucehttp.NewServer(m.Mech, m.Log, store, m.Evidence, texts, quiet)
	site := web.New(web.Config{Store: store, Log: m.Log, LogKey: m.LogVerifier(), Witnesses: m.Mech, Texts: texts, Logger: quiet})
	th := &timed{d: map[string][]time.Duration{}}
	mux := http.NewServeMux()
	mux.Handle("/", site)
	mux.Handle("/api/", api)
	mux.Handle("/checkpoint", api)
	th.h = mux
	srv := httptest.NewServer(th)
	defer srv.Close()

	fetch := func(path string) int {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		n, _ := io.Copy(io.Discard, resp.Body)
		if resp.StatusCode != 200 {
			b.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		return int(n)
	}
	// The first page after start reads the whole log once (the parties'
	// names); measured apart.
	t = time.Now()
	fetch("/")
	out("first page after start: %v", time.Since(t).Round(time.Millisecond))
	paths := []string{"/", "/incidents", "/api/v1/incidents", "/incidents?cursor=%d", "/api/v1/incidents?cursor=%d"}
	mid := fmt.Sprint(m.Size() / 2)
	for i, p := range paths {
		paths[i] = strings.ReplaceAll(p, "%d", mid)
	}
	for _, p := range paths { // warm-up
		fetch(p)
	}
	th.d = map[string][]time.Duration{}
	// Interleaved, so that the machine's noise falls on all alike.
	for range *requests {
		for _, p := range paths {
			fetch(p)
		}
	}
	out("\n| request | server time p50 / p95 | gzipped response |")
	out("|---|---:|---:|")
	for _, p := range paths {
		out("| `%s` | %s | %d bytes |", strings.ReplaceAll(p, mid, "MID"), benchutil.Percentiles(th.d[p]), fetch(p))
	}

	chrome := ""
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			chrome = p
		}
	}
	if chrome == "" {
		out("no chromium: first-visit bytes not measured")
		return
	}
	out("\n| first visit (fresh browser profile) | requests | bytes transferred (compressed) |")
	out("|---|---:|---:|")
	for _, p := range []string{"/?lang=en", "/incidents?lang=en", "/?lang=ur", "/incidents?lang=ur"} {
		n, bytes := firstVisit(b, chrome, srv.URL+p)
		out("| `%s` | %d | %d (%.0f KB) |", p, n, bytes, float64(bytes)/1024)
	}
}

// firstVisit loads url in a fresh browser (an empty cache) and returns how
// many requests the page made and the bytes they transferred, headers
// included, as the browser's Resource Timing counts them.
func firstVisit(b *testing.B, chrome, url string) (int, int) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true), chromedp.WindowSize(1280, 900))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		b.Fatal(err)
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ N, Bytes int }](`document.fonts.ready.then(() => new Promise(r => setTimeout(r, 500))).then(() => {
		const all = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
		return {n: all.length, bytes: all.reduce((s, e) => s + e.transferSize, 0)};
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatal(err)
	}
	return r.N, r.Bytes
}

// build appends n incidents and a claim about each (with a figure, every
// other one citing a source), and the rounds, commitments and requests an
// overview shows.
func build(b *testing.B, m *trucetest.Mechanism, c *trucetest.Cast, n int) {
	var recs []trucetest.Unsigned
	// Each record its own second, later than everything it cites.
	seq := 0
	add := func(typ string, body map[string]any, s ...*truce.Signer) {
		seq++
		at := time.Date(2025, 11, 8, 0, 0, 0, 0, time.UTC).Add(time.Duration(seq) * time.Second).Format(time.RFC3339)
		recs = append(recs, trucetest.Unsigned{Record: trucetest.Record(typ, body, func(r map[string]any) { r["created"] = at }), Signers: s})
	}
	flush := func() []uint64 {
		idx := m.SubmitAll(recs)
		recs = nil
		return idx
	}
	for i := range 5 {
		add("round", map[string]any{"title": fmt.Sprintf("Round %d", i+1), "venue": []string{"Doha", "Istanbul"}[i%2], "start": fmt.Sprintf("2025-10-%02d", 10+i*4),
			"date_precision": "day", "participants": []string{"Pakistan", "Afghanistan (Taliban authorities)"}, "mediators": []string{"Qatar", "Türkiye"}}, c.Admin)
	}
	for i := range 40 {
		add("commitment", map[string]any{"obligor": []string{"pakistan", "afghanistan"}[i%2], "text": fmt.Sprintf("Commitment %d", i),
			"category": "ceasefire", "criteria": "Verified by the monitors", "deadline": fmt.Sprintf("20%d-12-01", 25+i%2)}, c.Admin)
	}
	for i := range 30 {
		add("request", map[string]any{"to": []string{[]string{"pakistan", "afghanistan"}[i%2]}, "kind": "information", "text": fmt.Sprintf("Request %d", i),
			"due": fmt.Sprintf("20%d-12-01", 25+i%2)}, c.Admin)
	}
	for i := range 10 {
		add("source", map[string]any{"outlet": []string{"Dawn", "Tolo News"}[i%2], "language": "en", "sha256": fmt.Sprintf("%064x", i+1)}, c.Admin)
	}
	setup := flush()
	sources := setup[len(setup)-10:]
	places := []struct {
		name     string
		lat, lon float64
	}{{"Chaman", 30.92, 66.45}, {"Spin Boldak", 31.0, 66.4}, {"Torkham", 34.1, 71.09}, {"Kurram", 33.7, 70.2}, {"Paktika", 32.5, 68.8}, {"Kabul", 34.53, 69.17}}
	for done := 0; done < n; {
		k := min(10_000, n-done)
		for i := range k {
			p := places[(done+i)%len(places)]
			add("incident", map[string]any{"event_type": "Battles", "sub_event_type": "Armed clash", "date": fmt.Sprintf("2025-10-%02d", 1+(done+i)%31), "date_precision": "day",
				"place":  map[string]any{"name": p.name, "lat": p.lat, "lon": p.lon, "precision": "district"},
				"actors": []string{"Pakistani security forces", "Afghan Taliban forces"}, "description": fmt.Sprintf("Clash %d along the border", done+i)}, c.Admin)
		}
		idx := flush()
		for i, inc := range idx {
			body := map[string]any{"speaker": "ISPR", "text": fmt.Sprintf("Statement %d on the clash", done+i), "quoted": false, "language": "en", "about": []uint64{inc},
				"figures": []map[string]any{{"what": "killed", "count": (done + i) % 300, "qualifier": "at_least"}}}
			if i%2 == 0 {
				body["source"] = sources[i%len(sources)]
			}
			add("claim", body, c.Admin)
		}
		flush()
		done += k
	}
}
