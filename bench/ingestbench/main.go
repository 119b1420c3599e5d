// Command ingestbench measures the ingest pipeline (issue 7): documents per
// second for the whole pipeline (ingest.Import on every page, then
// ingest.Compare across them) side by side, in the same run, with
// go-trafilatura's extraction alone on the same pages, and the peak heap of
// each phase.
//
//	go run ./bench/ingestbench -n 1000 -dir testdata/ingest
//
// The pages are generated: each is an HTML article whose body is a random
// selection, in random order, of the paragraphs of the labelled articles
// under -dir, wrapped in navigation, a "Read More" link, an image credit and
// a footer, with a random outlet, title and publication date.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"time"

	"github.com/markusmobius/go-trafilatura"
	"github.com/truce-dev/truce/ingest"
)

func main() {
	n := flag.Int("n", 1000, "pages to generate (at least 1000 for the issue's figure)")
	dir := flag.String("dir", "testdata/ingest", "folder of .txt articles whose paragraphs make up the pages")
	rounds := flag.Int("rounds", 3, "alternating rounds of each phase; the best round is reported")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the pipeline phase to this file")
	digest := flag.Bool("digest", false, "run the pipeline once and print the SHA-256 of its drafts as JSON (to check that a change of speed changes no output), then exit")
	flag.Parse()
	pages, texts, err := generate(*n, *dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ingestbench:", err)
		os.Exit(1)
	}
	if *digest {
		sum, err := draftsDigest(pages)
		if err != nil {
			fail(err)
		}
		fmt.Println(sum)
		return
	}
	var bytesTotal int
	for _, p := range pages {
		bytesTotal += len(p)
	}
	fmt.Printf("%d pages, %.1f KiB on average; go %s, GOMAXPROCS %d; best of %d rounds\n\n",
		len(pages), float64(bytesTotal)/float64(len(pages))/1024, runtime.Version(), runtime.GOMAXPROCS(0), *rounds)

	var importTime time.Duration
	dups := 0
	extract := func() (int, error) {
		claims := 0
		for _, p := range pages {
			res, err := trafilatura.Extract(bytes.NewReader(p), trafilatura.Options{ExcludeComments: true, EnableFallback: true, HtmlDateMode: trafilatura.Extensive})
			if err != nil {
				return 0, err
			}
			claims += len(res.ContentText) & 0 // keep the result alive
		}
		return claims, nil
	}
	pipeline := func() (int, error) {
		if *cpuprofile != "" {
			f, err := os.Create(*cpuprofile)
			if err != nil {
				return 0, err
			}
			pprof.StartCPUProfile(f)
			defer func() { pprof.StopCPUProfile(); f.Close() }()
		}
		start := time.Now()
		dups = 0
		drafts := make([]*ingest.Draft, len(pages))
		claims := 0
		for i, p := range pages {
			d, err := ingest.Import(fmt.Sprintf("page%04d.html", i), p, nil)
			if err != nil {
				return 0, fmt.Errorf("page %d: %v", i, err)
			}
			claims += len(d.Claims)
			drafts[i] = d
		}
		importTime = time.Since(start)
		ingest.Compare(drafts)
		for _, d := range drafts {
			dups += len(d.Duplicates)
		}
		return claims, nil
	}
	// Stages: the same pages as plain text (Import without HTML
	// extraction: paragraphs, boilerplate, language, claims, figures,
	// dates, tags, MinHash) and language detection alone on their
	// paragraphs.
	plain := func() (int, error) {
		claims := 0
		for i, t := range texts {
			d, err := ingest.Import(fmt.Sprintf("page%04d.txt", i), t, nil)
			if err != nil {
				return 0, fmt.Errorf("text %d: %v", i, err)
			}
			claims += len(d.Claims)
		}
		return claims, nil
	}
	lang := func() (int, error) {
		n := 0
		for _, t := range texts {
			for _, line := range strings.Split(string(t), "\n") {
				if ingest.DetectLanguage(line) == "en" {
					n++
				}
			}
		}
		return n, nil
	}
	var bestA, bestB, bestImport, bestC, bestD time.Duration
	var peakA, peakB uint64
	var claims int
	for r := 0; r < *rounds; r++ {
		d, peak, _, err := measure(extract)
		if err != nil {
			fail(err)
		}
		if bestA == 0 || d < bestA {
			bestA = d
		}
		peakA = max(peakA, peak)
		d, peak, c, err := measure(pipeline)
		if err != nil {
			fail(err)
		}
		if bestB == 0 || d < bestB {
			bestB, bestImport = d, importTime
		}
		peakB = max(peakB, peak)
		claims = c
		if d, _, _, err = measure(plain); err != nil {
			fail(err)
		}
		if bestC == 0 || d < bestC {
			bestC = d
		}
		if d, _, _, err = measure(lang); err != nil {
			fail(err)
		}
		if bestD == 0 || d < bestD {
			bestD = d
		}
	}
	rateA := float64(len(pages)) / bestA.Seconds()
	rateB := float64(len(pages)) / bestB.Seconds()
	fmt.Println("| phase | time | documents/s | peak heap in use |")
	fmt.Println("|---|---:|---:|---:|")
	fmt.Printf("| (a) go-trafilatura extraction alone | %v | %.0f | %.1f MiB |\n", bestA.Round(time.Millisecond), rateA, float64(peakA)/(1<<20))
	fmt.Printf("| (b) whole pipeline (Import + Compare) | %v | %.0f | %.1f MiB |\n", bestB.Round(time.Millisecond), rateB, float64(peakB)/(1<<20))
	fmt.Printf("\n(b)/(a) = **%.2f** (target ≥ 0.4); of (b), Import %v and Compare %v; %d claims and %d duplicate links per run\n",
		rateB/rateA, bestImport.Round(time.Millisecond), (bestB - bestImport).Round(time.Millisecond), claims, dups)
	fmt.Printf("\nstages of Import: HTML extraction ≈ %v (Import of the pages less Import of their text); "+
		"of the text Import %v, language detection alone %v and the rest (paragraphs, boilerplate, claims, figures, dates, tags, MinHash) ≈ %v\n",
		(bestImport - bestC).Round(time.Millisecond), bestC.Round(time.Millisecond), bestD.Round(time.Millisecond), (bestC - bestD).Round(time.Millisecond))
}

// draftsDigest is the SHA-256 of every draft of the pages, after Compare,
// as JSON.
func draftsDigest(pages [][]byte) (string, error) {
	drafts := make([]*ingest.Draft, len(pages))
	for i, p := range pages {
		d, err := ingest.Import(fmt.Sprintf("page%04d.html", i), p, nil)
		if err != nil {
			return "", fmt.Errorf("page %d: %v", i, err)
		}
		drafts[i] = d
	}
	ingest.Compare(drafts)
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, d := range drafts {
		if err := enc.Encode(d); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ingestbench:", err)
	os.Exit(1)
}

// measure runs f once, sampling the heap in use every millisecond.
func measure(f func() (int, error)) (time.Duration, uint64, int, error) {
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	start := time.Now()
	n, err := f()
	d := time.Since(start)
	close(stop)
	<-done
	return d, peak.Load(), n, err
}

var outlets = []string{"Frontier Daily", "The Capital Post", "Border Monitor", "Kabul Observer", "Indus Herald"}

func generate(n int, dir string) ([][]byte, [][]byte, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		return nil, nil, fmt.Errorf("no .txt articles in %s", dir)
	}
	var paras []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if len(strings.Fields(line)) >= 12 {
				paras = append(paras, strings.TrimSpace(line))
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 11))
	pages := make([][]byte, n)
	texts := make([][]byte, n)
	for i := range pages {
		var tb strings.Builder
		var b strings.Builder
		outlet := outlets[rng.IntN(len(outlets))]
		day := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(60))
		title := fmt.Sprintf("Pakistan and Afghanistan: report %d", i)
		fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | %s</title>`, title, outlet)
		fmt.Fprintf(&b, `<meta property="og:site_name" content="%s"><meta property="article:published_time" content="%sT09:00:00+05:00"></head><body>`, outlet, day.Format("2006-01-02"))
		b.WriteString(`<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/pakistan">Pakistan</a></nav><article>`)
		fmt.Fprintf(&b, "<h1>%s</h1>", title)
		k := 6 + rng.IntN(10)
		for j := 0; j < k; j++ {
			para := paras[rng.IntN(len(paras))]
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(para))
			tb.WriteString(para + "\n")
			if j == 2 {
				b.WriteString(`<figure><img src="/a.jpg"><figcaption>Trucks at the border. Photo: File</figcaption></figure>`)
			}
			if j == 4 {
				b.WriteString(`<p><a href="/x">Read More: Traders count losses at the border</a></p>`)
			}
		}
		b.WriteString(`</article><footer><p>© All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`)
		pages[i] = []byte(b.String())
		texts[i] = []byte(tb.String())
	}
	return pages, texts, nil
}
