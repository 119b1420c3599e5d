// Package authbench measures the cost of authentication and of evidence
// uploads: a signed read beside an anonymous read of the same public
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
	// reported on its own.
	headers := make([]string, n)
	t0 := time.Now()
	for j := range headers {
		if headers[j], err = truce.SignRequest(c.AfghanistanMOFA, trucetest.Origin, "GET", path, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	signing := time.Since(t0) / n
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
	var anon, signed []time.Duration
	for j := range n { // interleaved, so both see the same machine
		anon = append(anon, read(""))
		signed = append(signed, read(headers[j]))
	}
	pa, ps := benchutil.Percentiles(anon), benchutil.Percentiles(signed)
	fmt.Printf("read of a public record, %d each, interleaved: anonymous p50 / p95 %s; signed %s; p50 ratio %.2f, p95 ratio %.2f; signing a request (client) %v\n",
		n, pa, ps, float64(signed[n/2])/float64(anon[n/2]), float64(signed[n*95/100])/float64(anon[n*95/100]), signing.Round(time.Microsecond))

	// Uploads beside writing the same bytes to disk with a sync.
	const files, size = 24, 4 << 20
	blobs := make([][]byte, files)
	for j := range blobs {
		blobs[j] = make([]byte, size)
		rand.Read(blobs[j])
	}
	dir := b.TempDir()
	t0 = time.Now()
	for j, blob := range blobs {
		f, err := os.Create(filepath.Join(dir, fmt.Sprint(j)))
		if err != nil {
			b.Fatal(err)
		}
		f.Write(blob)
		f.Sync()
		f.Close()
	}
	disk := float64(files*size) / time.Since(t0).Seconds()
	t0 = time.Now()
	for _, blob := range blobs {
		h, _ := truce.SignRequest(c.Qatar, trucetest.Origin, "POST", "/api/v1/evidence", time.Now())
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/evidence", bytes.NewReader(blob))
		req.Header.Set("Authorization", h)
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 201 {
			b.Fatalf("upload: HTTP %d", resp.StatusCode)
		}
	}
	upload := float64(files*size) / time.Since(t0).Seconds()
	fmt.Printf("evidence: %d files of %d MiB; upload %.0f MiB/s, writing the same bytes to disk %.0f MiB/s; ratio %.2f\n",
		files, size>>20, upload/(1<<20), disk/(1<<20), upload/disk)
}
