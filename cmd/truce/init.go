package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/tlog"
)

func runKeygen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("keygen", "--out PREFIX [--name NAME]", stdout)
	out := fs.String("out", "", "write the private key to PREFIX.key and the public key to PREFIX.vkey")
	name := fs.String("name", "", "the key's name (default: PREFIX's base name)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return usagef("--out PREFIX is required, and nothing else")
	}
	if *name == "" {
		*name = filepath.Base(*out)
	}
	vkey, err := writeKeyPair(*out, *name)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, vkey)
	return nil
}

// writeKeyPair writes PREFIX.key and PREFIX.vkey, refusing to overwrite a key.
func writeKeyPair(prefix, name string) (string, error) {
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

func runInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("init", "--data DIR --name ORIGIN [--mediator VKEYFILE]... [--quorum K]", stdout)
	data := fs.String("data", "", "the new mechanism's data directory")
	name := fs.String("name", "", "the mechanism's origin: the log key's name and every checkpoint's first line")
	quorum := fs.Int("quorum", truce.DefaultQuorum, "k: how many mediators must sign a finding or admit a party's first member")
	var mediatorFiles stringList
	fs.Var(&mediatorFiles, "mediator", "a mediator's public key file: a trust anchor held outside the log, as the log key is (repeatable; at least k of them)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *data == "" || *name == "" || fs.NArg() > 0 {
		return usagef("--data DIR and --name ORIGIN are required")
	}
	if *quorum < 1 {
		return usagef("--quorum %d: must be at least 1", *quorum)
	}
	if len(mediatorFiles) > 0 && len(mediatorFiles) < *quorum {
		return usagef("--quorum %d: only %d --mediator keys given, so no finding could ever be adopted", *quorum, len(mediatorFiles))
	}
	mediators, err := readMediatorFiles(mediatorFiles)
	if err != nil {
		return err
	}
	if _, err := parseMediators(mediators); err != nil {
		return usagef("--mediator: %v", err)
	}
	if len(mediators) == 0 {
		fmt.Fprintln(stderr, "truce init: no --mediator given: the log is judged by version 1 of the rules, under which the admin alone admits mediators (docs/RULES.md)")
	}
	if err := initMechanism(ctx, dataDir(*data), *name, *quorum, mediators); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "mechanism %s created in %s\nlog key: %s\n", *name, *data, must(readKeyFile(dataDir(*data).key("log.vkey"))))
	return nil
}

func must[T any](v T, _ error) T { return v }

// initMechanism lays out dir, writes the log and admin keys and the config,
// and appends the admin's self-signed membership as the log's first record.
func initMechanism(ctx context.Context, dir dataDir, origin string, quorum int, mediators []string) error {
	if _, err := os.Stat(dir.configPath()); err == nil {
		return fmt.Errorf("%s already holds a mechanism", dir)
	}
	if err := os.MkdirAll(dir.path("keys"), 0o700); err != nil {
		return err
	}
	if _, err := writeKeyPair(dir.key("log"), origin); err != nil {
		return fmt.Errorf("log key: %v", err)
	}
	adminVkey, err := writeKeyPair(dir.key("admin"), "admin")
	if err != nil {
		return fmt.Errorf("admin key: %v", err)
	}
	cfg, err := json.MarshalIndent(config{Origin: origin, Admin: adminVkey, Quorum: quorum, Mediators: mediators}, "", "  ")
	if err != nil {
		return err
	}
	if err := files.WriteAtomic(dir.configPath(), append(cfg, '\n'), 0o644); err != nil {
		return err
	}
	// One record: a short checkpoint interval publishes it at once.
	m, err := openMechanism(ctx, dir, tlog.Options{CheckpointInterval: 100 * time.Millisecond})
	if err != nil {
		return err
	}
	defer m.close()
	admin, err := readSigner(dir.key("admin.key"))
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
	rc, err := m.mech.Submit(ctx, env.Canonical())
	if err != nil {
		return fmt.Errorf("registering the admin: %v", err)
	}
	_, err = m.log.AwaitCheckpoint(ctx, rc.Index)
	return err
}
