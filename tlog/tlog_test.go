package tlog_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/transparency-dev/tessera/client"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
	"k8s.io/klog/v2"
)

func openLog(t *testing.T, dir string) (*tlog.Log, note.Verifier) {
	t.Helper()
	skey, vkey, err := note.GenerateKey(rand.Reader, "truce.test/log")
	if err != nil {
		t.Fatal(err)
	}
	return openLogWithKey(t, dir, skey, vkey), mustVerifier(t, vkey)
}

func openLogWithKey(t *testing.T, dir, skey, vkey string) *tlog.Log {
	t.Helper()
	s, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	l, err := tlog.Open(context.Background(), dir, s, mustVerifier(t, vkey), tlog.Options{CheckpointInterval: 100e6})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func mustVerifier(t *testing.T, vkey string) note.Verifier {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestAppendReadProve appends leaves concurrently to a real log and checks
// that each is readable at its index and provably included, and that the
// log is consistent across its checkpoints.
func TestAppendReadProve(t *testing.T) {
	ctx := context.Background()
	l, v := openLog(t, t.TempDir())
	defer l.Close(ctx)

	const n = 300 // more than one entry bundle of 256
	leaves := make(map[uint64][]byte)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			leaf := []byte(fmt.Sprintf("leaf %d", i))
			idx, err := l.Append(ctx, leaf)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			leaves[idx] = leaf
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(leaves) != n {
		t.Fatalf("%d distinct indices for %d appends", len(leaves), n)
	}
	if size, _ := l.Size(ctx); size != n {
		t.Fatalf("Size = %d, want %d", size, n)
	}
	raw, err := l.AwaitCheckpoint(ctx, n-1)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := tlog.OpenCheckpoint(raw, v)
	if err != nil {
		t.Fatal(err)
	}
	if cp.Size != n {
		t.Fatalf("checkpoint size %d, want %d", cp.Size, n)
	}
	seen := 0
	err = l.ReadLeaves(ctx, 0, n, func(i uint64, leaf []byte) error {
		if !bytes.Equal(leaf, leaves[i]) {
			return fmt.Errorf("leaf %d is %q, appended %q", i, leaf, leaves[i])
		}
		seen++
		return nil
	})
	if err != nil || seen != n {
		t.Fatalf("ReadLeaves: %v after %d leaves", err, seen)
	}
	for _, i := range []uint64{0, 1, 255, 256, n - 1} {
		p, err := l.InclusionProof(ctx, i, n)
		if err != nil {
			t.Fatal(err)
		}
		if err := proof.VerifyInclusion(rfc6962.DefaultHasher, i, n, rfc6962.DefaultHasher.HashLeaf(leaves[i]), p, cp.Hash); err != nil {
			t.Errorf("inclusion of %d: %v", i, err)
		}
	}
	if _, err := l.InclusionProof(ctx, 0, n+1); err == nil {
		t.Error("inclusion proof for a tree larger than the log was given")
	}
}

// TestServedTilesAreStoredBytes checks that the handler serves tiles,
// entry bundles and the checkpoint exactly as Tessera stored them, that
// Tessera's own client verifies through it, and that nothing else under the
// log directory is reachable.
func TestServedTilesAreStoredBytes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l, v := openLog(t, dir)
	defer l.Close(ctx)
	for i := range 5 {
		if _, err := l.Append(ctx, []byte(fmt.Sprintf("entry %d", i))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.AwaitCheckpoint(ctx, 4); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(l.Handler())
	defer srv.Close()

	get := func(p string) (int, []byte) {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	for _, p := range []string{"checkpoint", "tile/0/000.p/5", "tile/entries/000.p/5"} {
		stored, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		code, served := get("/" + p)
		if code != 200 || !bytes.Equal(served, stored) {
			t.Errorf("/%s: HTTP %d, %d bytes served, %d stored", p, code, len(served), len(stored))
		}
	}
	for _, p := range []string{"/tile/0/000", "/tile/entries/000.p/9", "/tile/../.state/treeState", "/tile/0/x000/000", "/tile/64/000", "/tile/0/000.p/256", "/.state/treeState"} {
		if code, _ := get(p); code != 404 {
			t.Errorf("%s: HTTP %d, want 404", p, code)
		}
	}

	u, _ := url.Parse(srv.URL + "/")
	f, err := client.NewHTTPFetcher(u, nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := f.ReadCheckpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := tlog.OpenCheckpoint(raw, v)
	if err != nil {
		t.Fatal(err)
	}
	for i := range uint64(5) {
		entry, err := tlog.VerifyEntry(ctx, f, cp, i)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("entry %d", i); string(entry) != want {
			t.Errorf("entry %d is %q, want %q", i, entry, want)
		}
	}
}

// TestReopen checks that a log reopened after Close keeps its leaves and
// continues at the next index.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	skey, vkey, _ := note.GenerateKey(rand.Reader, "truce.test/log")
	l := openLogWithKey(t, dir, skey, vkey)
	for i := range 3 {
		l.Append(ctx, []byte{byte(i)})
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	l = openLogWithKey(t, dir, skey, vkey)
	defer l.Close(ctx)
	i, err := l.Append(ctx, []byte("after"))
	if err != nil || i != 3 {
		t.Fatalf("Append after reopen = %d, %v; want index 3", i, err)
	}
	leaf, err := l.Leaf(ctx, 1)
	if err != nil || !bytes.Equal(leaf, []byte{1}) {
		t.Fatalf("Leaf(1) = %q, %v", leaf, err)
	}
}

func TestOpenRefusesMismatchedKeys(t *testing.T) {
	skey, _, _ := note.GenerateKey(rand.Reader, "truce.test/log")
	_, vkey, _ := note.GenerateKey(rand.Reader, "truce.test/log")
	s, _ := note.NewSigner(skey)
	_, err := tlog.Open(context.Background(), t.TempDir(), s, mustVerifier(t, vkey), tlog.Options{})
	if err == nil {
		t.Fatal("a log opened with a verifier that is not its signer's")
	}
}

func TestMain(m *testing.M) {
	// Tessera's klog notices drown test output; warnings still show.
	klog.SetSlogLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	os.Exit(m.Run())
}
