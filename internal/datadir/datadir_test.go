package datadir_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/truce-dev/truce/internal/datadir"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/tlog"
)

// TestInitOpenAudit lays out a data directory, refuses to lay it out
// again, holds it against a second opener, reindexes it and audits it.
func TestInitOpenAudit(t *testing.T) {
	ctx := context.Background()
	dir := datadir.Dir(filepath.Join(t.TempDir(), "data"))
	if _, err := dir.Config(); err == nil || !strings.Contains(err.Error(), "is not a mechanism's data directory (no config.json") {
		t.Errorf("config of an empty directory: %v", err)
	}
	qatar, err := datadir.ReadKeyFile(trucetest.Testdata("keys", "mediator-qatar.vkey"))
	if err != nil {
		t.Fatal(err)
	}
	if err := datadir.Init(ctx, dir, "truce.test/datadir", 1, []string{qatar}); err != nil {
		t.Fatal(err)
	}
	cfgRaw, _ := os.ReadFile(dir.ConfigPath())
	if err := datadir.Init(ctx, dir, "truce.test/other", 1, nil); err == nil || !strings.Contains(err.Error(), "already holds a mechanism") {
		t.Errorf("init again: %v", err)
	}
	if now, _ := os.ReadFile(dir.ConfigPath()); !bytes.Equal(now, cfgRaw) {
		t.Error("a refused init changed the config")
	}
	cfg, err := dir.Config()
	if err != nil || cfg.Origin != "truce.test/datadir" || cfg.Quorum != 1 || len(cfg.Mediators) != 1 {
		t.Fatalf("config: %+v, %v", cfg, err)
	}

	m, err := datadir.Open(ctx, dir, tlog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := datadir.Open(ctx, dir, tlog.Options{}); !errors.Is(err, datadir.ErrLocked) {
		t.Errorf("a second open: %v", err)
	}
	if _, running := datadir.RunningServer(dir); running {
		t.Error("a server is said to run without serve.url")
	}
	if err := os.WriteFile(dir.ServeURLPath(), []byte("http://127.0.0.1:1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if url, running := datadir.RunningServer(dir); !running || url != "http://127.0.0.1:1" {
		t.Errorf("running server: %q, %v", url, running)
	}
	if n, err := m.Store.Size(ctx); err != nil || n != 1 {
		t.Errorf("projection size %d, %v; want the genesis", n, err)
	}
	if err := m.CheckWitnessPolicy(nil, 0); err != nil {
		t.Errorf("no policy recorded: %v", err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if _, running := datadir.RunningServer(dir); running {
		t.Error("a server is said to run on a released directory")
	}

	unlock, err := datadir.Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	m, err = datadir.OpenLocked(ctx, dir, cfg, tlog.Options{}, true)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := m.Store.Size(ctx); err != nil || n != 1 {
		t.Errorf("rebuilt projection size %d, %v", n, err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := datadir.Lock(dir); !errors.Is(err, datadir.ErrLocked) {
		t.Errorf("Close of OpenLocked released the caller's lock: %v", err)
	}
	unlock()

	mcfg, err := cfg.Mechanism(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := dir.Audit(ctx, mcfg, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "signatures and rules: all 1 entries hold (checkpoint of size 1 verified)\nprojection: equal to a rebuild") || !strings.Contains(out.String(), "OK (") {
		t.Errorf("audit:\n%s", out.String())
	}
	// A projection that lost its rows fails the audit, naming the remedy.
	if err := os.Remove(dir.ProjectionPath()); err != nil {
		t.Fatal(err)
	}
	if err := dir.Audit(ctx, mcfg, &out); err == nil || !strings.Contains(err.Error(), "run truce reindex") {
		t.Errorf("audit of an empty projection: %v", err)
	}
}

// TestKeys parses trust anchors, refusing one given twice, and keeps a
// witness's keys across starts.
func TestKeys(t *testing.T) {
	q := trucetest.Testdata("keys", "mediator-qatar.vkey")
	keys, err := datadir.ReadMediatorFiles([]string{q, q})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := datadir.ParseMediators(keys); err == nil || !strings.Contains(err.Error(), "mediators[1]: key") || !strings.Contains(err.Error(), "is given twice") {
		t.Errorf("a key given twice: %v", err)
	}
	if _, err := datadir.ReadMediatorFiles([]string{q + ".missing"}); err == nil || !strings.Contains(err.Error(), "--mediator "+q+".missing") {
		t.Errorf("a missing key file: %v", err)
	}
	if _, err := datadir.ReadSigner(q); err == nil || !strings.Contains(err.Error(), q) {
		t.Errorf("a public key read as a signer: %v", err)
	}
	if _, err := datadir.ReadLogVerifier(q + ".missing"); err == nil {
		t.Error("a missing log key read")
	}

	w := datadir.Dir(t.TempDir())
	skey, vkey, err := datadir.WitnessKeys(w, "witness.example")
	if err != nil || !strings.HasPrefix(vkey, "witness.example+") {
		t.Fatalf("witness keys: %q, %v", vkey, err)
	}
	skey2, vkey2, err := datadir.WitnessKeys(w, "another.name")
	if err != nil || skey2 != skey || vkey2 != vkey {
		t.Errorf("witness keys on a second start: %q, %v", vkey2, err)
	}
	if _, err := datadir.WriteKeyPair(filepath.Join(string(w), "keys", "witness"), "x"); err == nil {
		t.Error("a key pair overwrote a key")
	}
}
