// Package authbench measures the cost of authentication and of evidence
// uploads: authenticated reads beside an anonymous read of the same public
// record, and uploads beside writing the same bytes to disk, in one run.
//
//	go test -run '^$' -bench Auth -benchtime 1x ./bench/authbench
package authbench

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/bench/benchutil"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
)

func BenchmarkAuth(b *testing.B) {
	m := trucetest.NewMechanism(b)
	c := m.Setup()
	i := m.Submit(trucetest.Sign(b, trucetest.Record("claim", trucetest.Claim("Pakistan has shown utmost restraint and patience during this period.")), c.PakistanFO)).Index
	store, err := sqlite.Open(filepath.Join(b.TempDir(), "p.sqlite"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	srv := httptest.NewServer(trucehttp.NewServer(m.Mech, m.Log, store, m.Evidence, nil, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	client := srv.Client()
	path := fmt.Sprintf("/api/v1/records/%d", i)

	const n = 3000
	// Signatures are made beforehand: signing is the client's work, and is
	// reported on its own. A token is signed once, as truce get does, and
	// its first use (the one that verifies it) is among the timed reads.
	headers := make([]string, n)
	t0 := time.Now()
	for j := range headers {
		if headers[j], err = truce.SignRequest(c.AfghanistanMOFA, trucetest.Origin, "GET", path, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	signing := time.Since(t0) / n
	token, err := truce.SignToken(c.AfghanistanMOFA, trucetest.Origin, strings.TrimPrefix(srv.URL, "http://"), time.Now(), 5*time.Minute)
	if err != nil {
		b.Fatal(err)
	}
	read := func(header string) time.Duration {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if header != "" {
			req.Header.Set("Authorization", header)
		}
		t := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("HTTP %d", resp.StatusCode)
		}
		return time.Since(t)
	}
	var anon, byToken, signed []time.Duration
	for j := range n { // interleaved, so that all see the same machine
		anon = append(anon, read(""))
		byToken = append(byToken, read(token))
		signed = append(signed, read(headers[j]))
	}
	pa, pt, ps := benchutil.Percentiles(anon), benchutil.Percentiles(byToken), benchutil.Percentiles(signed)
	ratio := func(l []time.Duration, q int) float64 { return float64(l[n*q/100]) / float64(anon[n*q/100]) }
	fmt.Printf("read of a public record, %d each, interleaved: anonymous p50 / p95 %s; with a token %s (ratio %.2f, %.2f); each request signed %s (ratio %.2f, %.2f); signing a request (client) %v\n",
		n, pa, pt, ratio(byToken, 50), ratio(byToken, 95), ps, ratio(signed, 50), ratio(signed, 95), signing.Round(time.Microsecond))

	// Uploads beside writing the same bytes to a file with a sync, file by
	// file, alternating which goes first, for several rounds: the machine's
	// disk and load change from second to second.
	const files, size, rounds = 16, 4 << 20, 5
	dir := b.TempDir()
	var ratios []float64
	var upTotal, diskTotal time.Duration
	for round := range rounds {
		var up, disk time.Duration
		for j := range files {
			blob := make([]byte, size)
			rand.Read(blob)
			write := func() {
				t := time.Now()
				f, err := os.Create(filepath.Join(dir, fmt.Sprint(round, "-", j)))
				if err != nil {
					b.Fatal(err)
				}
				f.Write(blob)
				f.Sync()
				f.Close()
				disk += time.Since(t)
			}
			upload := func() {
				h, _ := truce.SignRequest(c.Qatar, trucetest.Origin, "POST", "/api/v1/evidence", time.Now())
				req, _ := http.NewRequest("POST", srv.URL+"/api/v1/evidence", bytes.NewReader(blob))
				req.Header.Set("Authorization", h)
				t := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				up += time.Since(t)
				if resp.StatusCode != 201 {
					b.Fatalf("upload: HTTP %d", resp.StatusCode)
				}
			}
			if (round+j)%2 == 0 {
				write()
				upload()
			} else {
				upload()
				write()
			}
		}
		ratios = append(ratios, disk.Seconds()/up.Seconds())
		upTotal, diskTotal = upTotal+up, diskTotal+disk
	}
	mibps := func(d time.Duration) float64 { return float64(rounds*files*size) / d.Seconds() / (1 << 20) }
	slices.Sort(ratios)
	fmt.Printf("evidence: %d rounds of %d files of %d MiB; upload %.0f MiB/s, writing the same bytes to a file and syncing %.0f MiB/s; ratio per round %.2f (median), %.2f–%.2f\n",
		rounds, files, size>>20, mibps(upTotal), mibps(diskTotal), ratios[rounds/2], ratios[0], ratios[rounds-1])
}
