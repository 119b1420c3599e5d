// Command logbench measures, in one run, the throughput and latency of
// Tessera's POSIX driver alone and of truce's signed submissions end to end
// through the HTTP API, at the same concurrency and batching, so that their
// ratio is meaningful on a shared, noisy machine. It also measures the
// machine's Ed25519 verification rate (the ceiling for signed writes) and
// the latency from acknowledgement to integration and to a published
// checkpoint.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/transparency-dev/tessera"
	"github.com/transparency-dev/tessera/storage/posix"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/bench/benchutil"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/sqlite"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
	"k8s.io/klog/v2"
)

const origin = "bench.truce/log"

var (
	profileTo *os.File
	batchAge  time.Duration
	batchSize uint
)

func main() {
	clientsFlag := flag.String("clients", "1,64,1024", "concurrency levels")
	duration := flag.Duration("duration", 5*time.Second, "how long each measurement runs")
	flag.DurationVar(&batchAge, "batch-age", tlog.DefaultBatchMaxAge, "batch max age, for both (a) and (b)")
	flag.UintVar(&batchSize, "batch-size", tlog.DefaultBatchMaxSize, "batch max size, for both (a) and (b)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the truce runs to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		profileTo = f
	}
	klog.SetSlogLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))

	admin, err := newSigner("admin")
	if err != nil {
		fail(err)
	}
	fmt.Printf("logbench: %s, GOMAXPROCS %d, %s per measurement, batching %d entries / %v, checkpoint every %v\n\n",
		runtime.Version(), runtime.GOMAXPROCS(0), *duration, batchSize, batchAge, tlog.DefaultCheckpointInterval)

	v1, vN := benchutil.Ed25519Rate(time.Second)
	fmt.Printf("Ed25519 verify: %.0f/s on 1 goroutine, %.0f/s on %d\n\n", v1, vN, runtime.GOMAXPROCS(0))

	fmt.Println("| clients | (a) Tessera POSIX alone, entries/s | (a) p50 / p95 | (b) truce HTTP signed, entries/s | (b) p50 / p95 | (b)/(a) | (c) HTTP no-op, requests/s | (b)/(c) |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|")
	var lat latencies
	for _, s := range strings.Split(*clientsFlag, ",") {
		c, err := strconv.Atoi(s)
		if err != nil {
			fail(err)
		}
		// Enough envelopes for the run at a generous rate, signed beforehand:
		// clients sign, not the server, so signing is not what is measured.
		envs := makeEnvelopes(admin, 40000+c*20)
		a, err := benchTessera(envs, c, *duration)
		if err != nil {
			fail(err)
		}
		b, l, err := benchTruce(admin, envs, c, *duration)
		if err != nil {
			fail(err)
		}
		if c == 64 {
			lat = l
		}
		h, err := benchHTTPNoop(envs, c, *duration)
		if err != nil {
			fail(err)
		}
		fmt.Printf("| %d | %.0f | %s | %.0f | %s | %.2f | %.0f | %.2f |\n", c, a.rate(), a.percentiles(), b.rate(), b.percentiles(), b.rate()/a.rate(), h.rate(), b.rate()/h.rate())
	}
	if lat.integration != nil {
		fmt.Printf("\nAt 64 clients, from acknowledgement to integration: %s; to a published checkpoint: %s (p50 / p95, %d samples)\n",
			benchutil.Percentiles(lat.integration), benchutil.Percentiles(lat.checkpoint), len(lat.checkpoint))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "logbench:", err)
	os.Exit(1)
}

func newSigner(name string) (*truce.Signer, error) {
	skey, _, err := truce.GenerateKey(name)
	if err != nil {
		return nil, err
	}
	return truce.ParseSigner(skey)
}

// makeEnvelopes signs n distinct claims, each about the size of a real one.
func makeEnvelopes(s *truce.Signer, n int) [][]byte {
	out := make([][]byte, n)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				rec, _ := json.Marshal(map[string]any{"type": "claim", "v": 1, "mechanism": origin, "created": "2025-11-07T12:00:00+03:00", "visibility": "public",
					"body": map[string]any{"speaker": "Foreign Office spokesperson", "quoted": true, "language": "en",
						"text": fmt.Sprintf("Claim %d: the Afghan authorities have taken no verifiable action against the terrorist groups operating from their soil.", i)}})
				env, err := truce.SignRecord(rec, s)
				if err != nil {
					panic(err)
				}
				out[i] = env.Canonical()
			}
		}()
	}
	wg.Wait()
	return out
}

type result struct {
	n       int64
	elapsed time.Duration
	lat     []time.Duration
}

func (r result) rate() float64 { return float64(r.n) / r.elapsed.Seconds() }

func (r result) percentiles() string { return benchutil.Percentiles(r.lat) }

// drive runs clients goroutines calling op(i) with distinct i until the
// duration ends or items run out, timing each call.
func drive(clients int, d time.Duration, items int, op func(i int) error) (result, error) {
	var next atomic.Int64
	var firstErr atomic.Value
	lats := make([][]time.Duration, clients)
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				i := int(next.Add(1)) - 1
				if i >= items {
					return
				}
				t0 := time.Now()
				if err := op(i); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				lats[c] = append(lats[c], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	r := result{elapsed: time.Since(start)}
	for _, l := range lats {
		r.lat = append(r.lat, l...)
	}
	r.n = int64(len(r.lat))
	if e := firstErr.Load(); e != nil {
		return r, e.(error)
	}
	return r, nil
}

func logKeys() (note.Signer, note.Verifier, error) {
	skey, vkey, err := note.GenerateKey(rand.Reader, origin)
	if err != nil {
		return nil, nil, err
	}
	s, err := note.NewSigner(skey)
	if err != nil {
		return nil, nil, err
	}
	v, err := note.NewVerifier(vkey)
	return s, v, err
}

// benchTessera appends the leaves truce would append for envs, with
// Tessera's own appender and truce's batching options, each caller waiting
// for its index as truce's handler does.
func benchTessera(envs [][]byte, clients int, d time.Duration) (result, error) {
	dir, err := os.MkdirTemp("", "logbench-tessera")
	if err != nil {
		return result{}, err
	}
	defer os.RemoveAll(dir)
	leaves := make([][]byte, len(envs))
	for i, e := range envs {
		env, err := truce.ParseEnvelope(e)
		if err != nil {
			return result{}, err
		}
		leaves[i] = truce.PublicLeaf(env)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, _, err := logKeys()
	if err != nil {
		return result{}, err
	}
	driver, err := posix.New(ctx, posix.Config{Path: dir})
	if err != nil {
		return result{}, err
	}
	app, shutdown, _, err := tessera.NewAppender(ctx, driver, tessera.NewAppendOptions().
		WithCheckpointSigner(s).
		WithCheckpointInterval(tlog.DefaultCheckpointInterval).
		WithBatching(batchSize, batchAge))
	if err != nil {
		return result{}, err
	}
	defer shutdown(ctx)
	return drive(clients, d, len(leaves), func(i int) error {
		_, err := app.Add(ctx, tessera.NewEntry(leaves[i]))()
		return err
	})
}

type latencies struct{ integration, checkpoint []time.Duration }

// benchTruce submits envs through a real HTTP server on loopback.
func benchTruce(admin *truce.Signer, envs [][]byte, clients int, d time.Duration) (result, latencies, error) {
	var lat latencies
	dir, err := os.MkdirTemp("", "logbench-truce")
	if err != nil {
		return result{}, lat, err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	s, v, err := logKeys()
	if err != nil {
		return result{}, lat, err
	}
	l, err := tlog.Open(ctx, dir, s, v, tlog.Options{BatchMaxSize: batchSize, BatchMaxAge: batchAge})
	if err != nil {
		return result{}, lat, err
	}
	defer l.Close(ctx)
	mech, err := truce.Open(ctx, truce.Config{Origin: origin, Admin: admin.Verifier()}, l)
	if err != nil {
		return result{}, lat, err
	}
	genesis, _ := json.Marshal(map[string]any{"type": "member", "v": 1, "mechanism": origin, "created": "2025-10-19T09:00:00Z", "visibility": "public",
		"body": map[string]any{"id": "admin", "role": "admin", "name": "Secretariat", "key": admin.Verifier().String()}})
	genv, _ := truce.SignRecord(genesis, admin)
	if _, err := mech.Submit(ctx, genv.Canonical()); err != nil {
		return result{}, lat, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return result{}, lat, err
	}
	// The projection follows the log as in truce serve, on the same cores.
	store, err := sqlite.Open(dir + "/projection.sqlite")
	if err != nil {
		return result{}, lat, err
	}
	defer store.Close()
	followCtx, stopFollow := context.WithCancel(ctx)
	defer stopFollow()
	go mech.Follow(followCtx, store, 250*time.Millisecond)
	srv := &http.Server{Handler: trucehttp.NewServer(mech, l, store, nil, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/api/v1/records"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}

	// Sample acknowledgements: integration is checked right after the
	// acknowledgement by the submitting client (Tessera's POSIX driver
	// integrates before it resolves an index, so this is expected to be
	// immediate); a watcher polls the published checkpoint for the rest.
	type sample struct {
		index uint64
		at    time.Time
	}
	samples := make(chan sample, 1<<16)
	var latMu sync.Mutex
	var watch sync.WaitGroup
	watchCtx, stopWatch := context.WithCancel(ctx)
	watch.Add(1)
	go func() {
		defer watch.Done()
		var pending []sample
		for {
			select {
			case s := <-samples:
				pending = append(pending, s)
				continue
			case <-watchCtx.Done():
				if len(pending) == 0 {
					return
				}
			case <-time.After(10 * time.Millisecond):
			}
			if len(pending) == 0 {
				continue
			}
			_, cp, err := l.Checkpoint(ctx)
			if err != nil {
				continue
			}
			now := time.Now()
			kept := pending[:0]
			for _, s := range pending {
				if s.index < cp.Size {
					lat.checkpoint = append(lat.checkpoint, now.Sub(s.at))
				} else {
					kept = append(kept, s)
				}
			}
			pending = kept
		}
	}()

	if profileTo != nil {
		pprof.StartCPUProfile(profileTo)
		defer pprof.StopCPUProfile()
	}
	res, err := drive(clients, d, len(envs), func(i int) error {
		resp, err := client.Post(url, "application/json", bytes.NewReader(envs[i]))
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var out struct{ Index uint64 }
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("POST: HTTP %d: %v", resp.StatusCode, err)
		}
		if i%50 == 0 {
			acked := time.Now()
			for {
				if size, err := l.Size(ctx); err != nil || size > out.Index {
					break
				}
				time.Sleep(100 * time.Microsecond)
			}
			latMu.Lock()
			lat.integration = append(lat.integration, time.Since(acked))
			latMu.Unlock()
			samples <- sample{index: out.Index, at: acked}
		}
		return nil
	})
	stopWatch()
	watch.Wait()
	return res, lat, err
}

// benchHTTPNoop posts the same envelopes to a handler that reads them and
// answers as truce does, without checking or appending anything: the
// ceiling any HTTP API on this machine and client reaches.
func benchHTTPNoop(envs [][]byte, clients int, d time.Duration) (result, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return result{}, err
	}
	var n atomic.Uint64
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"index":%d,"duplicate":false}`+"\n", n.Add(1))
	})}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/api/v1/records"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	return drive(clients, d, len(envs), func(i int) error {
		resp, err := client.Post(url, "application/json", bytes.NewReader(envs[i]))
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		return resp.Body.Close()
	})
}
