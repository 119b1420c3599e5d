// Package witnessbench measures witnessing: how many checkpoints one
// witness cosigns per second over loopback HTTP, and how long after an
// append a checkpoint cosigned by three witnesses is published, beside the
// same log without witnesses, in one run.
//
//	go test -run '^$' -bench Witness -benchtime 1x ./bench/witnessbench
package witnessbench

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	f_log "github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/truce-dev/truce/bench/benchutil"
	"github.com/truce-dev/truce/tlog"
	"github.com/truce-dev/truce/witness"
	"golang.org/x/mod/sumdb/note"
)

func openLog(b *testing.B, ws []tlog.Witness) (*tlog.Log, note.Verifier, string, note.Signer) {
	skey, vkey, _ := note.GenerateKey(rand.Reader, "bench.truce/witnessed")
	s, _ := note.NewSigner(skey)
	v, _ := note.NewVerifier(vkey)
	l, err := tlog.Open(context.Background(), b.TempDir(), s, v, tlog.Options{Witnesses: ws})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close(context.Background()) })
	return l, v, vkey, s
}

func newWitness(b *testing.B, logVKey string) (*httptest.Server, string) {
	skey, vkey, err := witness.GenerateKey(fmt.Sprintf("w%d", time.Now().UnixNano()))
	if err != nil {
		b.Fatal(err)
	}
	w, err := witness.New(skey, []string{logVKey}, b.TempDir(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(w.Handler())
	b.Cleanup(srv.Close)
	return srv, vkey
}

func BenchmarkWitness(b *testing.B) {
	ctx := context.Background()

	// Cosigning rate: checkpoints of sizes 1..n, each with its consistency
	// proof from the one before, posted in order to one witness.
	const n = 2000
	l, _, logVKey, signer := openLog(b, nil)
	var hashes [][]byte
	for i := range n {
		leaf := []byte(fmt.Sprintf("entry %d", i))
		if _, err := l.Append(ctx, leaf); err != nil {
			b.Fatal(err)
		}
		hashes = append(hashes, rfc6962.DefaultHasher.HashLeaf(leaf))
	}
	rf := compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}
	r := rf.NewEmptyRange(0)
	bodies := make([][]byte, 0, n)
	for k := 1; k <= n; k++ {
		r.Append(hashes[k-1], nil)
		root, _ := r.GetRootHash(nil)
		cp, err := note.Sign(&note.Note{Text: string(f_log.Checkpoint{Origin: signer.Name(), Size: uint64(k), Hash: root}.Marshal())}, signer)
		if err != nil {
			b.Fatal(err)
		}
		var body bytes.Buffer
		fmt.Fprintf(&body, "old %d\n", k-1)
		if k > 1 {
			p, err := l.ConsistencyProof(ctx, uint64(k-1), uint64(k))
			if err != nil {
				b.Fatal(err)
			}
			for _, h := range p {
				fmt.Fprintf(&body, "%s\n", base64.StdEncoding.EncodeToString(h))
			}
		}
		body.WriteString("\n")
		body.Write(cp)
		bodies = append(bodies, body.Bytes())
	}
	srv, _ := newWitness(b, logVKey)
	start := time.Now()
	for _, body := range bodies {
		resp, err := http.Post(srv.URL+"/add-checkpoint", "text/plain", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("HTTP %d", resp.StatusCode)
		}
	}
	rate := float64(n) / time.Since(start).Seconds()
	fmt.Printf("one witness cosigned %d consecutive checkpoints over loopback HTTP: %.0f checkpoints/s (each state write synced)\n", n, rate)

	// Latency from an acknowledged append to a published checkpoint that
	// covers it: without witnesses, and with three that must all cosign.
	measure := func(witnesses int) []time.Duration {
		var ws []tlog.Witness
		skey, vkey, _ := note.GenerateKey(rand.Reader, "bench.truce/latency")
		for range witnesses {
			srv, wv := newWitness(b, vkey)
			ws = append(ws, tlog.Witness{VKey: wv, URL: srv.URL})
		}
		s, _ := note.NewSigner(skey)
		v, _ := note.NewVerifier(vkey)
		l, err := tlog.Open(ctx, b.TempDir(), s, v, tlog.Options{Witnesses: ws})
		if err != nil {
			b.Fatal(err)
		}
		defer l.Close(ctx)
		var lat []time.Duration
		for i := range 25 {
			idx, err := l.Append(ctx, []byte(fmt.Sprintf("leaf %d", i)))
			if err != nil {
				b.Fatal(err)
			}
			t0 := time.Now()
			for {
				raw, cp, err := l.Checkpoint(ctx)
				if err == nil && cp.Size > idx && strings.Count(string(raw), "\n— ") == 1+witnesses {
					break
				}
				time.Sleep(5 * time.Millisecond)
			}
			lat = append(lat, time.Since(t0))
			time.Sleep(time.Duration(i%7) * 100 * time.Millisecond) // spread appends over the interval
		}
		return lat
	}
	plain := measure(0)
	three := measure(3)
	fmt.Printf("append to published checkpoint, checkpoint interval %v, 25 appends: no witnesses p50 / p95 %s; three witnesses, all cosigning, %s\n",
		tlog.DefaultCheckpointInterval, benchutil.Percentiles(plain), benchutil.Percentiles(three))
}
