package datadir

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/tlog"
	"github.com/truce-dev/truce/witness"
)

// WriteKeyPair writes PREFIX.key and PREFIX.vkey, a new Ed25519 key pair
// named name, refusing to overwrite a key. It returns the public key.
func WriteKeyPair(prefix, name string) (string, error) {
	skey, vkey, err := truce.GenerateKey(name)
	if err != nil {
		return "", fmt.Errorf("key name %q: %v", name, err)
	}
	for _, f := range []struct {
		path, data string
		perm       os.FileMode
	}{{prefix + ".key", skey, 0o600}, {prefix + ".vkey", vkey, 0o644}} {
		w, err := os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, f.perm)
		if err != nil {
			return "", err
		}
		_, err = fmt.Fprintln(w, f.data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return "", err
		}
	}
	return vkey, nil
}

// Init lays out dir, writes the log and admin keys and the config, and
// appends the admin's self-signed membership as the log's first record.
func Init(ctx context.Context, dir Dir, origin string, quorum int, mediators []string) error {
	if _, err := os.Stat(dir.ConfigPath()); err == nil {
		return fmt.Errorf("%s already holds a mechanism", dir)
	}
	if err := os.MkdirAll(dir.Path("keys"), 0o700); err != nil {
		return err
	}
	if _, err := WriteKeyPair(dir.Key("log"), origin); err != nil {
		return fmt.Errorf("log key: %v", err)
	}
	adminVkey, err := WriteKeyPair(dir.Key("admin"), "admin")
	if err != nil {
		return fmt.Errorf("admin key: %v", err)
	}
	cfg, err := json.MarshalIndent(Config{Origin: origin, Admin: adminVkey, Quorum: quorum, Mediators: mediators}, "", "  ")
	if err != nil {
		return err
	}
	if err := files.WriteAtomic(dir.ConfigPath(), append(cfg, '\n'), 0o644); err != nil {
		return err
	}
	// One record: a short checkpoint interval publishes it at once.
	m, err := Open(ctx, dir, tlog.Options{CheckpointInterval: 100 * time.Millisecond})
	if err != nil {
		return err
	}
	defer m.Close()
	admin, err := ReadSigner(dir.Key("admin.key"))
	if err != nil {
		return err
	}
	rec, _ := json.Marshal(map[string]any{
		"type": "member", "v": 1, "mechanism": origin,
		"created": time.Now().UTC().Format(time.RFC3339), "visibility": truce.Public,
		"body": truce.MemberBody{ID: "admin", Role: "admin", Name: "Secretariat", Key: adminVkey},
	})
	env, err := truce.SignRecord(rec, admin)
	if err != nil {
		return err
	}
	rc, err := m.Mech.Submit(ctx, env.Canonical())
	if err != nil {
		return fmt.Errorf("registering the admin: %v", err)
	}
	_, err = m.Log.AwaitCheckpoint(ctx, rc.Index)
	return err
}

// WitnessKeys reads a witness's DIR/keys/witness.key and .vkey, writing a
// new C2SP cosignature/v1 pair named name on first start.
func WitnessKeys(dir Dir, name string) (skey, vkey string, err error) {
	if err := os.MkdirAll(dir.Path("keys"), 0o700); err != nil {
		return "", "", err
	}
	skey, err = ReadKeyFile(dir.Key("witness.key"))
	if errors.Is(err, os.ErrNotExist) {
		if skey, vkey, err = witness.GenerateKey(name); err != nil {
			return "", "", err
		}
		if err := files.WriteAtomic(dir.Key("witness.key"), []byte(skey+"\n"), 0o600); err != nil {
			return "", "", err
		}
		return skey, vkey, files.WriteAtomic(dir.Key("witness.vkey"), []byte(vkey+"\n"), 0o644)
	} else if err != nil {
		return "", "", err
	}
	vkey, err = ReadKeyFile(dir.Key("witness.vkey"))
	return skey, vkey, err
}

// CheckWitnessPolicy refuses to serve with other witnesses than the policy
// the log records: only a policy record, signed by the admin and k
// mediators, can change them. minWitnesses 0 means all of ws.
func (m *Mechanism) CheckWitnessPolicy(ws []tlog.Witness, minWitnesses int) error {
	p, recorded := m.Mech.WitnessPolicy()
	if !recorded {
		if len(ws) > 0 {
			slog.Warn("the log records no witness policy: record one (a policy record signed by the admin and k mediators) so that the witnesses cannot be changed by the operator alone")
		}
		return nil
	}
	var keys []string
	for _, w := range ws {
		keys = append(keys, w.VKey)
	}
	slices.Sort(keys)
	k := minWitnesses
	if k == 0 {
		k = len(ws)
	}
	if !slices.Equal(keys, p.Keys) || k != p.Quorum {
		return fmt.Errorf("the witnesses configured (%d, %d required) are not the policy recorded at log index %d (%d, %d required): record a new policy, signed by the admin and k mediators, to change them", len(keys), k, p.Index, len(p.Keys), p.Quorum)
	}
	return nil
}
