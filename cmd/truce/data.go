package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/sqlite"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
)

// config is DATA/config.json.
type config struct {
	Origin string `json:"origin"`
	// Admin is the secretariat's public key, the first member.
	Admin string `json:"admin"`
	// Quorum is k: the mediators a finding or a party's first member needs.
	Quorum int `json:"quorum"`
	// Mediators are the mediators' public keys, trust anchors held outside
	// the log (truce init --mediator); with them, version 2 of the rules
	// applies from log index RulesV2From on (docs/RULES.md).
	Mediators   []string `json:"mediators,omitempty"`
	RulesV2From uint64   `json:"rules_v2_from,omitempty"`
	// Witnesses must cosign each checkpoint before it is published, at
	// least MinWitnesses of them (0: all); serve's --witness flags, when
	// given, replace them.
	Witnesses    []tlog.Witness `json:"witnesses,omitempty"`
	MinWitnesses int            `json:"min_witnesses,omitempty"`
}

// dataDir is a mechanism's data directory, as truce init lays it out.
type dataDir string

func (d dataDir) path(p ...string) string { return filepath.Join(append([]string{string(d)}, p...)...) }
func (d dataDir) configPath() string      { return d.path("config.json") }
func (d dataDir) logDir() string          { return d.path("log") }
func (d dataDir) key(name string) string  { return d.path("keys", name) }
func (d dataDir) serveURLPath() string    { return d.path("serve.url") }
func (d dataDir) projectionPath() string  { return d.path("projection.sqlite") }

func (d dataDir) config() (*config, error) {
	raw, err := os.ReadFile(d.configPath())
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s is not a mechanism's data directory (no config.json; run 'truce init --data %s --name ORIGIN')", d, d)
	} else if err != nil {
		return nil, err
	}
	var c config
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, fmt.Errorf("%s: %v", d.configPath(), err)
	}
	return &c, nil
}

func readKeyFile(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(raw)), nil
}

func readSigner(path string) (*truce.Signer, error) {
	k, err := readKeyFile(path)
	if err != nil {
		return nil, err
	}
	s, err := truce.ParseSigner(k)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return s, nil
}

func readLogVerifier(path string) (note.Verifier, error) {
	k, err := readKeyFile(path)
	if err != nil {
		return nil, err
	}
	v, err := note.NewVerifier(k)
	if err != nil {
		return nil, fmt.Errorf("%s: not a signed-note public key: %v", path, err)
	}
	return v, nil
}

// mechanism is an open data directory: its log and the mechanism on it,
// held by this process alone.
type mechanism struct {
	dir      dataDir
	cfg      *config
	log      *tlog.Log
	mech     *truce.Mechanism
	store    truce.Store
	evidence *files.Dir
	drafts   *files.Dir
	unlock   func()
}

// errLocked means another process (a running server) holds the directory.
var errLocked = errors.New("data directory is in use by another truce process")

func openMechanism(ctx context.Context, dir dataDir, opts tlog.Options) (*mechanism, error) {
	cfg, err := dir.config()
	if err != nil {
		return nil, err
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	m, err := openLocked(ctx, dir, cfg, opts, false)
	if err != nil {
		unlock()
		return nil, err
	}
	m.unlock = unlock
	return m, nil
}

// openLocked opens the log, the mechanism and the projection of a data
// directory this process holds; with reset, the projection is emptied
// first and rebuilt from the log.
func openLocked(ctx context.Context, dir dataDir, cfg *config, opts tlog.Options, reset bool) (*mechanism, error) {
	skey, err := readKeyFile(dir.key("log.key"))
	if err != nil {
		return nil, err
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", dir.key("log.key"), err)
	}
	verifier, err := readLogVerifier(dir.key("log.vkey"))
	if err != nil {
		return nil, err
	}
	if signer.Name() != cfg.Origin {
		return nil, fmt.Errorf("log key is named %q but the mechanism's origin is %q", signer.Name(), cfg.Origin)
	}
	mcfg, err := cfg.mechanism(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", dir.configPath(), err)
	}
	l, err := tlog.Open(ctx, dir.logDir(), signer, verifier, opts)
	if err != nil {
		return nil, err
	}
	mech, err := truce.Open(ctx, mcfg, l)
	if err != nil {
		l.Close(ctx)
		return nil, err
	}
	store, err := sqlite.Open(dir.projectionPath())
	if err != nil {
		l.Close(ctx)
		return nil, err
	}
	if reset {
		if err := store.Reset(ctx); err != nil {
			store.Close()
			l.Close(ctx)
			return nil, err
		}
	}
	// The projection catches up before anything is served from it.
	if err := truce.CatchUp(ctx, l, store); err != nil {
		store.Close()
		l.Close(ctx)
		return nil, err
	}
	drafts, err := files.Open(dir.path("drafts"))
	if err != nil {
		store.Close()
		l.Close(ctx)
		return nil, err
	}
	return &mechanism{dir: dir, cfg: cfg, log: l, mech: mech, store: store, evidence: mcfg.Evidence.(*files.Dir), drafts: drafts}, nil
}

func (c *config) mechanism(dir dataDir) (truce.Config, error) {
	admin, err := truce.ParseVerifier(c.Admin)
	if err != nil {
		return truce.Config{}, fmt.Errorf("admin: %v", err)
	}
	bodies, err := files.Open(dir.path("bodies"))
	if err != nil {
		return truce.Config{}, err
	}
	evidence, err := files.Open(dir.path("evidence"))
	if err != nil {
		return truce.Config{}, err
	}
	mediators, err := parseMediators(c.Mediators)
	if err != nil {
		return truce.Config{}, err
	}
	texts, err := files.OpenTexts(dir.path("texts"))
	if err != nil {
		return truce.Config{}, err
	}
	return truce.Config{Origin: c.Origin, Admin: admin, Quorum: c.Quorum, Bodies: bodies, Evidence: evidence, Mediators: mediators, RulesV2From: c.RulesV2From,
		States: files.NewFile(dir.path("state")), Texts: texts}, nil
}

// parseMediators parses the mediators' trust anchors, refusing a key given
// twice.
func parseMediators(vkeys []string) ([]*truce.Verifier, error) {
	var out []*truce.Verifier
	seen := map[string]bool{}
	for i, k := range vkeys {
		v, err := truce.ParseVerifier(k)
		if err != nil {
			return nil, fmt.Errorf("mediators[%d]: %v", i, err)
		}
		if seen[v.KeyID()] {
			return nil, fmt.Errorf("mediators[%d]: key %s is given twice", i, v.KeyID())
		}
		seen[v.KeyID()] = true
		out = append(out, v)
	}
	return out, nil
}

// readMediatorFiles reads the mediators' public key files given with
// --mediator.
func readMediatorFiles(paths []string) ([]string, error) {
	var keys []string
	for _, p := range paths {
		k, err := readKeyFile(p)
		if err != nil {
			return nil, fmt.Errorf("--mediator %s: %v", p, err)
		}
		if _, err := truce.ParseVerifier(k); err != nil {
			return nil, fmt.Errorf("--mediator %s: %v", p, err)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// close waits for every appended record to be covered by a published
// checkpoint, then releases the directory.
func (m *mechanism) close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := truce.CatchUp(ctx, m.log, m.store)
	if cerr := m.log.Close(ctx); err == nil {
		err = cerr
	}
	// Every appended leaf is published now: the next start replays only
	// what follows the state saved here.
	if err == nil {
		err = m.mech.SaveState(ctx)
	}
	if cerr := m.store.Close(); err == nil {
		err = cerr
	}
	m.unlock()
	return err
}

// lockDir takes DATA/truce.lock, so that one process at a time owns the
// deduplication index and membership it rebuilds from the log.
func lockDir(dir dataDir) (func(), error) {
	f, err := os.OpenFile(dir.path("truce.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w", dir, errLocked)
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}
