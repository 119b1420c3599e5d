// Package startbench measures how long a mechanism takes to open on a
// large log: replaying the whole log, beside starting from the state it
// saved when it last closed and replaying only the tail. Run it with
//
//	go test -run '^$' -bench Start -benchtime 1x -timeout 60m ./bench/startbench -records 100000
package startbench

import (
	"flag"
	"fmt"
	"math"
	"os"
	"runtime/pprof"
	"slices"
	"testing"
	"time"

	"github.com/truce-dev/truce/internal/trucetest"
)

var (
	records = flag.Int("records", 100_000, "how many mixed records the log holds")
	rounds  = flag.Int("rounds", 5, "how many opens of each kind, alternating")
	profile = flag.String("profile", "", "write a CPU profile of the opens from the saved state to this file")
)

func BenchmarkStart(b *testing.B) {
	out := func(format string, args ...any) { fmt.Printf(format+"\n", args...) }
	start := time.Now()
	m := trucetest.NewMechanism(b)
	m.Concurrency = 512
	c := m.Setup()
	m.Mixed(c, *records, 7)
	size := m.Size()
	out("built a log of %d mixed records in %v", size, time.Since(start).Round(time.Second))
	m.Close() // publishes every leaf and saves the state
	state := m.Dir + ".state"
	saved, err := os.ReadFile(state)
	if err != nil {
		b.Fatal(err)
	}
	out("saved state: %d bytes (%.0f per entry)", len(saved), float64(len(saved))/float64(size))

	// Alternating, so that the machine's noise falls on both alike.
	var whole, fromState []time.Duration
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
	}
	for range *rounds {
		os.Remove(state)
		t := time.Now()
		m.Reopen()
		whole = append(whole, time.Since(t))
		m.Close()
		if err := os.WriteFile(state, saved, 0o600); err != nil {
			b.Fatal(err)
		}
		if *profile != "" {
			f, _ := os.OpenFile(*profile, os.O_WRONLY|os.O_TRUNC, 0)
			pprof.StartCPUProfile(f)
			defer f.Close()
		}
		t = time.Now()
		m.Reopen()
		fromState = append(fromState, time.Since(t))
		if *profile != "" {
			pprof.StopCPUProfile()
		}
		m.Close()
	}
	p := func(d []time.Duration, q float64) time.Duration {
		s := slices.Clone(d)
		slices.Sort(s)
		return s[max(0, int(math.Ceil(q*float64(len(s))))-1)] // nearest rank
	}
	out("open, replaying the whole log: p50 %v, p95 %v", p(whole, 0.5).Round(time.Millisecond), p(whole, 0.95).Round(time.Millisecond))
	out("open, from the saved state: p50 %v, p95 %v (%.1f× faster at p50)", p(fromState, 0.5).Round(time.Millisecond), p(fromState, 0.95).Round(time.Millisecond),
		float64(p(whole, 0.5))/float64(p(fromState, 0.5)))
}
