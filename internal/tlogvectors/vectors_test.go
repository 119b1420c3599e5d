package tlogvectors

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
)

var update = flag.Bool("update", false, "rewrite testdata/tlog from the generator")

// TestCommitted checks that testdata/tlog holds exactly what Generate
// produces, byte for byte, and no other file; -update rewrites it.
func TestCommitted(t *testing.T) {
	got, err := Generate(trucetest.Testdata())
	if err != nil {
		t.Fatal(err)
	}
	dir := trucetest.Testdata("tlog")
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for p, b := range got {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, p), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	seen := map[string]bool{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		want, ok := got[rel]
		if !ok {
			t.Errorf("testdata/tlog/%s is not a generated vector (go test ./internal/tlogvectors -update removes it)", rel)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.Equal(b, want) {
			t.Errorf("testdata/tlog/%s differs from what the generator produces (go test ./internal/tlogvectors -update)", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for p := range got {
		if !seen[p] {
			t.Errorf("testdata/tlog/%s is missing (go test ./internal/tlogvectors -update)", p)
		}
	}
	if len(got) < 40 {
		t.Errorf("only %d files generated", len(got))
	}
}

// TestTesseraWritesTheSameLog appends the vectors' entries to a real log
// (Tessera's POSIX driver) with the vectors' log key: its tiles, entry
// bundles and checkpoint are byte for byte the generated ones, so the
// vectors are what a truce server serves.
func TestTesseraWritesTheSameLog(t *testing.T) {
	got, err := Generate(trucetest.Testdata())
	if err != nil {
		t.Fatal(err)
	}
	k := newKey(Origin, "log", 0x01)
	s, err := note.NewSigner(k.skey)
	if err != nil {
		t.Fatal(err)
	}
	v, err := note.NewVerifier(k.vkey)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dir := t.TempDir()
	l, err := tlog.Open(ctx, dir, s, v, tlog.Options{BatchMaxAge: time.Millisecond, CheckpointInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	list, err := logEntries(trucetest.Testdata())
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range list {
		idx, err := l.Append(ctx, e)
		if err != nil || idx != uint64(i) {
			t.Fatalf("append %d: index %d, %v", i, idx, err)
		}
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	for p, want := range got {
		rel, ok := bytes.CutPrefix([]byte(p), []byte("log/"))
		if !ok {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, string(rel)))
		if err != nil {
			t.Errorf("Tessera did not write %s: %v", rel, err)
			continue
		}
		if !bytes.Equal(b, want) {
			t.Errorf("Tessera's %s differs from the generated one", rel)
		}
	}
}
