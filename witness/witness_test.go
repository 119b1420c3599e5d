package witness_test

import (
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

	f_note "github.com/transparency-dev/formats/note"
	"github.com/truce-dev/truce/tlog"
	"github.com/truce-dev/truce/witness"
	"golang.org/x/mod/sumdb/note"
)

type logFixture struct {
	l    *tlog.Log
	vkey string
}

func newLog(t *testing.T) *logFixture {
	skey, vkey, err := note.GenerateKey(rand.Reader, "truce.test/witnessed")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := note.NewSigner(skey)
	v, _ := note.NewVerifier(vkey)
	l, err := tlog.Open(context.Background(), t.TempDir(), s, v, tlog.Options{CheckpointInterval: 100e6})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close(context.Background()) })
	return &logFixture{l: l, vkey: vkey}
}

// grow appends n leaves and returns the checkpoint covering them.
func (f *logFixture) grow(t *testing.T, n int) []byte {
	var last uint64
	for i := range n {
		idx, err := f.l.Append(context.Background(), []byte(fmt.Sprintf("leaf %d %p", i, f)))
		if err != nil {
			t.Fatal(err)
		}
		last = idx
	}
	cp, err := f.l.AwaitCheckpoint(context.Background(), last)
	if err != nil {
		t.Fatal(err)
	}
	return cp
}

func (f *logFixture) request(t *testing.T, old, size uint64, cp []byte) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "old %d\n", old)
	if old > 0 && old < size {
		p, err := f.l.ConsistencyProof(context.Background(), old, size)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range p {
			fmt.Fprintf(&b, "%s\n", base64.StdEncoding.EncodeToString(h))
		}
	}
	b.WriteString("\n")
	b.Write(cp)
	return []byte(b.String())
}

func post(t *testing.T, url string, body []byte) (int, string, string) {
	resp, err := http.Post(url+"/add-checkpoint", "text/plain", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
}

// TestAddCheckpoint runs the C2SP tlog-witness protocol against a witness
// over HTTP with a real log: cosign, 409 on a stale old size, refusals of
// inconsistent, unsigned and unknown checkpoints, and state kept across a
// restart.
func TestAddCheckpoint(t *testing.T) {
	f := newLog(t)
	skey, vkey, err := witness.GenerateKey("witness-qatar")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(vkey, "+") || !strings.HasPrefix(skey, "PRIVATE+KEY+witness-qatar+") {
		t.Fatalf("keys %q %q", skey, vkey)
	}
	wv, err := f_note.NewVerifierForCosignatureV1(vkey)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	start := func() *httptest.Server {
		w, err := witness.New(skey, []string{f.vkey}, dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		return httptest.NewServer(w.Handler())
	}
	srv := start()
	cp3 := f.grow(t, 3)
	code, _, sig := post(t, srv.URL, f.request(t, 0, 3, cp3))
	if code != 200 {
		t.Fatalf("first checkpoint: %d %s", code, sig)
	}
	cosigned := append(append([]byte(nil), cp3...), []byte(sig)...)
	if _, err := note.Open(cosigned, note.VerifierList(wv)); err != nil {
		t.Fatalf("the cosignature %q does not verify: %v", sig, err)
	}

	cp10 := f.grow(t, 7)
	if code, ct, body := post(t, srv.URL, f.request(t, 0, 10, cp10)); code != 409 || ct != "text/x.tlog.size" || body != "3\n" {
		t.Errorf("stale old size: %d %q %q, want 409 text/x.tlog.size 3", code, ct, body)
	}
	bad := f.request(t, 3, 10, cp10)
	bad = []byte(strings.Replace(string(bad), "\n", "\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", 1))
	if code, _, body := post(t, srv.URL, bad); code != 422 && code != 400 {
		t.Errorf("bad proof: %d %s", code, body)
	}
	forged := []byte(strings.Replace(string(f.request(t, 3, 10, cp10)), "\n10\n", "\n11\n", 1))
	if code, _, _ := post(t, srv.URL, forged); code != 403 {
		t.Errorf("checkpoint with a bad signature: %d, want 403", code)
	}
	other := newLog(t)
	ocp := other.grow(t, 1)
	ocp = []byte(strings.Replace(string(ocp), "truce.test/witnessed", "truce.test/other", 1))
	if code, _, _ := post(t, srv.URL, other.request(t, 0, 1, ocp)); code != 404 {
		t.Errorf("unknown log: %d, want 404", code)
	}
	if code, _, _ := post(t, srv.URL, []byte("old x\n\n")); code != 400 {
		t.Errorf("malformed request: %d, want 400", code)
	}

	// Restarted, the witness still knows size 3: it cosigns 3 → 10 only.
	srv.Close()
	srv = start()
	defer srv.Close()
	if code, _, body := post(t, srv.URL, f.request(t, 0, 10, cp10)); code != 409 || body != "3\n" {
		t.Errorf("after restart, stale old: %d %q", code, body)
	}
	if code, _, body := post(t, srv.URL, f.request(t, 3, 10, cp10)); code != 200 {
		t.Errorf("3 → 10: %d %s", code, body)
	}
}

// TestForkRefused: a fork of a witnessed log, signed with the real log key,
// is refused, with whatever proof it comes.
func TestForkRefused(t *testing.T) {
	skey, vkey, _ := note.GenerateKey(rand.Reader, "truce.test/forked")
	s, _ := note.NewSigner(skey)
	v, _ := note.NewVerifier(vkey)
	open := func() *logFixture {
		l, err := tlog.Open(context.Background(), t.TempDir(), s, v, tlog.Options{CheckpointInterval: 100e6})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close(context.Background()) })
		return &logFixture{l: l, vkey: vkey}
	}
	honest, fork := open(), open()
	wskey, _, _ := witness.GenerateKey("w")
	w, err := witness.New(wskey, []string{vkey}, t.TempDir(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(w.Handler())
	defer srv.Close()
	cp := honest.grow(t, 3)
	if code, _, body := post(t, srv.URL, honest.request(t, 0, 3, cp)); code != 200 {
		t.Fatalf("honest: %d %s", code, body)
	}
	fcp := fork.grow(t, 5) // other leaves, same key
	if code, _, _ := post(t, srv.URL, fork.request(t, 3, 5, fcp)); code != 422 {
		t.Errorf("fork with its own consistency proof: %d, want 422", code)
	}
	if code, _, _ := post(t, srv.URL, fork.request(t, 0, 5, fcp)); code != 409 {
		t.Errorf("fork claiming a fresh witness: %d, want 409", code)
	}
}
