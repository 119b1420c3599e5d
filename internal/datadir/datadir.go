// Package datadir is a mechanism's data directory as truce init lays it
// out: its configuration, keys, log, projection and file stores, opened
// together under a lock that one process at a time holds.
package datadir

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

// Config is DATA/config.json.
type Config struct {
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

// A Dir is a mechanism's data directory.
type Dir string

// Path is the path p below the directory.
func (d Dir) Path(p ...string) string { return filepath.Join(append([]string{string(d)}, p...)...) }

// ConfigPath is DATA/config.json.
func (d Dir) ConfigPath() string { return d.Path("config.json") }

// LogDir holds the Tessera log.
func (d Dir) LogDir() string { return d.Path("log") }

// Key is the key file DATA/keys/NAME.
func (d Dir) Key(name string) string { return d.Path("keys", name) }

// ServeURLPath holds the URL of the server running on the directory.
func (d Dir) ServeURLPath() string { return d.Path("serve.url") }

// ProjectionPath is the SQLite projection.
func (d Dir) ProjectionPath() string { return d.Path("projection.sqlite") }

// Config reads DATA/config.json.
func (d Dir) Config() (*Config, error) {
	raw, err := os.ReadFile(d.ConfigPath())
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s is not a mechanism's data directory (no config.json; run 'truce init --data %s --name ORIGIN')", d, d)
	} else if err != nil {
		return nil, err
	}
	var c Config
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, fmt.Errorf("%s: %v", d.ConfigPath(), err)
	}
	return &c, nil
}

// ReadKeyFile reads a key file, without its trailing newline.
func ReadKeyFile(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(raw)), nil
}

// ReadSigner reads a member's private key file.
func ReadSigner(path string) (*truce.Signer, error) {
	k, err := ReadKeyFile(path)
	if err != nil {
		return nil, err
	}
	s, err := truce.ParseSigner(k)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return s, nil
}

// ReadLogVerifier reads a log's public key file (signed-note format).
func ReadLogVerifier(path string) (note.Verifier, error) {
	k, err := ReadKeyFile(path)
	if err != nil {
		return nil, err
	}
	v, err := note.NewVerifier(k)
	if err != nil {
		return nil, fmt.Errorf("%s: not a signed-note public key: %v", path, err)
	}
	return v, nil
}

// A Mechanism is an open data directory: its log and the mechanism on it,
// held by this process alone.
type Mechanism struct {
	Dir      Dir
	Config   *Config
	Log      *tlog.Log
	Mech     *truce.Mechanism
	Store    truce.Store
	Evidence *files.Dir
	Drafts   *files.Dir
	unlock   func()
}

// ErrLocked means another process (a running server) holds the directory.
var ErrLocked = errors.New("data directory is in use by another truce process")

// Open locks dir and opens its log, mechanism and projection, the
// projection caught up with the log.
func Open(ctx context.Context, dir Dir, opts tlog.Options) (*Mechanism, error) {
	cfg, err := dir.Config()
	if err != nil {
		return nil, err
	}
	unlock, err := Lock(dir)
	if err != nil {
		return nil, err
	}
	m, err := OpenLocked(ctx, dir, cfg, opts, false)
	if err != nil {
		unlock()
		return nil, err
	}
	m.unlock = unlock
	return m, nil
}

// OpenLocked opens the log, the mechanism and the projection of a data
// directory this process holds (Lock); with reset, the projection is
// emptied first and rebuilt from the log. Close does not release the lock.
func OpenLocked(ctx context.Context, dir Dir, cfg *Config, opts tlog.Options, reset bool) (*Mechanism, error) {
	skey, err := ReadKeyFile(dir.Key("log.key"))
	if err != nil {
		return nil, err
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", dir.Key("log.key"), err)
	}
	verifier, err := ReadLogVerifier(dir.Key("log.vkey"))
	if err != nil {
		return nil, err
	}
	if signer.Name() != cfg.Origin {
		return nil, fmt.Errorf("log key is named %q but the mechanism's origin is %q", signer.Name(), cfg.Origin)
	}
	mcfg, err := cfg.Mechanism(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", dir.ConfigPath(), err)
	}
	l, err := tlog.Open(ctx, dir.LogDir(), signer, verifier, opts)
	if err != nil {
		return nil, err
	}
	mech, err := truce.Open(ctx, mcfg, l)
	if err != nil {
		l.Close(ctx)
		return nil, err
	}
	store, err := sqlite.Open(dir.ProjectionPath())
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
	drafts, err := files.Open(dir.Path("drafts"))
	if err != nil {
		store.Close()
		l.Close(ctx)
		return nil, err
	}
	return &Mechanism{Dir: dir, Config: cfg, Log: l, Mech: mech, Store: store, Evidence: mcfg.Evidence.(*files.Dir), Drafts: drafts, unlock: func() {}}, nil
}

// Mechanism is the mechanism's configuration, with its file stores in dir.
func (c *Config) Mechanism(dir Dir) (truce.Config, error) {
	admin, err := truce.ParseVerifier(c.Admin)
	if err != nil {
		return truce.Config{}, fmt.Errorf("admin: %v", err)
	}
	bodies, err := files.Open(dir.Path("bodies"))
	if err != nil {
		return truce.Config{}, err
	}
	evidence, err := files.Open(dir.Path("evidence"))
	if err != nil {
		return truce.Config{}, err
	}
	mediators, err := ParseMediators(c.Mediators)
	if err != nil {
		return truce.Config{}, err
	}
	texts, err := files.OpenTexts(dir.Path("texts"))
	if err != nil {
		return truce.Config{}, err
	}
	return truce.Config{Origin: c.Origin, Admin: admin, Quorum: c.Quorum, Bodies: bodies, Evidence: evidence, Mediators: mediators, RulesV2From: c.RulesV2From,
		States: files.NewFile(dir.Path("state")), Texts: texts}, nil
}

// ParseMediators parses the mediators' trust anchors, refusing a key given
// twice.
func ParseMediators(vkeys []string) ([]*truce.Verifier, error) {
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

// ReadMediatorFiles reads the mediators' public key files given with
// --mediator.
func ReadMediatorFiles(paths []string) ([]string, error) {
	var keys []string
	for _, p := range paths {
		k, err := ReadKeyFile(p)
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

// Close waits for every appended record to be covered by a published
// checkpoint, saves the mechanism's state, then releases the directory.
func (m *Mechanism) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := truce.CatchUp(ctx, m.Log, m.Store)
	if cerr := m.Log.Close(ctx); err == nil {
		err = cerr
	}
	// Every appended leaf is published now: the next start replays only
	// what follows the state saved here.
	if err == nil {
		err = m.Mech.SaveState(ctx)
	}
	if cerr := m.Store.Close(); err == nil {
		err = cerr
	}
	m.unlock()
	return err
}

// Lock takes DATA/truce.lock, so that one process at a time owns the
// deduplication index and membership it rebuilds from the log; the
// function returned releases it.
func Lock(dir Dir) (func(), error) {
	f, err := os.OpenFile(dir.Path("truce.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w", dir, ErrLocked)
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}

// RunningServer returns the URL of the server holding dir, if one is.
func RunningServer(dir Dir) (string, bool) {
	unlock, err := Lock(dir)
	if err == nil {
		unlock()
		return "", false
	}
	raw, err := os.ReadFile(dir.ServeURLPath())
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(string(raw)), true
}
