// Package benchutil holds what the benchmarks share: the machine's Ed25519
// reference rate and latency percentiles.
package benchutil

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Ed25519Rate is how many Ed25519 signatures of a record-sized message
// this machine verifies per second on one goroutine and on GOMAXPROCS.
func Ed25519Rate(d time.Duration) (one, all float64) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	msg := bytes.Repeat([]byte("x"), 400)
	sig := ed25519.Sign(priv, msg)
	run := func(workers int) float64 {
		var n atomic.Int64
		deadline := time.Now().Add(d)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Now().Before(deadline) {
					for range 100 {
						ed25519.Verify(pub, msg, sig)
					}
					n.Add(100)
				}
			}()
		}
		wg.Wait()
		return float64(n.Load()) / d.Seconds()
	}
	return run(1), run(runtime.GOMAXPROCS(0))
}

// Percentiles formats the p50 and p95 of l, sorting it.
func Percentiles(l []time.Duration) string {
	if len(l) == 0 {
		return "-"
	}
	slices.Sort(l)
	return fmt.Sprintf("%v / %v", l[len(l)*50/100].Round(10*time.Microsecond), l[len(l)*95/100].Round(10*time.Microsecond))
}
