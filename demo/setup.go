package demo

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/truce-dev/truce"
	keptfiles "github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/internal/datadir"
	"github.com/truce-dev/truce/tlog"
	"github.com/truce-dev/truce/witness"
)

// Origin names the demo mechanism's log.
const Origin = "truce.demo/pakistan-afghanistan"

// WitnessNames are the mediators' witnesses the demo runs, each under
// DATA/witnesses/NAME.
var WitnessNames = []string{"qatar-witness", "turkiye-witness"}

// Prepare makes dir a demo mechanism loaded with scenario (named name in
// errors), unless it already is one: the cast's keys (under
// DATA/keys/demo), the mechanism with the mediators as trust anchors, the
// mediators' witnesses running in this process until ctx ends, and the
// seed statements' texts. It returns the witnesses, in WitnessNames'
// order, which must cosign the checkpoints the demo's server publishes.
func Prepare(ctx context.Context, dir datadir.Dir, name string, scenario []byte) ([]tlog.Witness, error) {
	if _, err := os.Stat(dir.ConfigPath()); os.IsNotExist(err) {
		// The cast's keys come first: the mediators' are the mechanism's
		// trust anchors.
		if err := castKeys(dir); err != nil {
			return nil, err
		}
		var mediators []string
		for _, m := range []string{"qatar", "turkiye"} {
			k, err := datadir.ReadKeyFile(dir.Path("keys", "demo", m+".vkey"))
			if err != nil {
				return nil, err
			}
			mediators = append(mediators, k)
		}
		if err := datadir.Init(ctx, dir, Origin, truce.DefaultQuorum, mediators); err != nil {
			return nil, err
		}
	}
	// The mediators' witnesses run in this process, so that the demo's
	// checkpoints carry cosignatures.
	var ws []tlog.Witness
	for _, name := range WitnessNames {
		w, err := startWitness(ctx, dir, name)
		if err != nil {
			return nil, err
		}
		ws = append(ws, w)
	}
	if err := load(ctx, dir, ws, name, scenario); err != nil {
		return nil, err
	}
	return ws, keepSeedTexts(dir)
}

// startWitness runs a witness of the demo log on a loopback port until ctx
// ends, its keys and state under DIR/witnesses/NAME.
func startWitness(ctx context.Context, dir datadir.Dir, name string) (tlog.Witness, error) {
	wdir := datadir.Dir(dir.Path("witnesses", name))
	skey, vkey, err := datadir.WitnessKeys(wdir, name)
	if err != nil {
		return tlog.Witness{}, err
	}
	logKey, err := datadir.ReadKeyFile(dir.Key("log.vkey"))
	if err != nil {
		return tlog.Witness{}, err
	}
	w, err := witness.New(skey, []string{logKey}, wdir.Path("state"), slog.Default())
	if err != nil {
		return tlog.Witness{}, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return tlog.Witness{}, err
	}
	srv := &http.Server{Handler: w.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	go func() { <-ctx.Done(); srv.Close() }()
	return tlog.Witness{VKey: vkey, URL: "http://" + ln.Addr().String()}, nil
}

// castKeys writes DIR/keys/demo/ROLE.key and .vkey for every role of the
// cast but the admin, where they are missing.
func castKeys(dir datadir.Dir) error {
	if err := os.MkdirAll(dir.Path("keys", "demo"), 0o700); err != nil {
		return err
	}
	for _, role := range Roles {
		if role == "admin" {
			continue
		}
		if _, err := os.Stat(dir.Path("keys", "demo", role+".key")); os.IsNotExist(err) {
			if _, err := datadir.WriteKeyPair(dir.Path("keys", "demo", role), role); err != nil {
				return err
			}
		}
	}
	return nil
}

// load appends the scenario to a mechanism whose log holds only its
// genesis; a loaded one is served as it is.
func load(ctx context.Context, dir datadir.Dir, ws []tlog.Witness, name string, scenario []byte) error {
	// Records are appended one after another here: short batches and
	// checkpoints make the load take a second, not ten.
	m, err := datadir.Open(ctx, dir, tlog.Options{Witnesses: ws, BatchMaxAge: time.Millisecond, CheckpointInterval: 100 * time.Millisecond})
	if err != nil {
		return err
	}
	size, err := m.Log.Size(ctx)
	if err != nil || size > 1 {
		m.Close()
		return err
	}
	if err := castKeys(dir); err != nil {
		m.Close()
		return err
	}
	cast := Cast{}
	for _, role := range Roles {
		path := dir.Key(role + ".key")
		if role != "admin" {
			path = dir.Path("keys", "demo", role+".key")
		}
		s, err := datadir.ReadSigner(path)
		if err != nil {
			m.Close()
			return err
		}
		cast[role] = s
	}
	var policy []Witness
	for i, w := range ws {
		policy = append(policy, Witness{Name: fmt.Sprintf("witness-%d", i+1), Key: w.VKey})
	}
	n, err := Load(ctx, m.Mech, Origin, cast, policy, name, scenario)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("loading the demo scenario (after %d records; start over with --fresh): %w", n, err)
	}
	slog.Info("demo scenario loaded", "records", n)
	return nil
}

// keepSeedTexts keeps the seed statements' extracted texts in DATA/texts,
// public, each under the SHA-256 its source record names (text_sha256):
// the web pages show them with their claims marked, and the API serves
// them to anyone.
func keepSeedTexts(dir datadir.Dir) error {
	texts, err := keptfiles.OpenTexts(dir.Path("texts"))
	if err != nil {
		return err
	}
	for _, text := range Seeds() {
		// Public texts need no source to be read by: index 0 stands for none.
		if _, err := texts.Keep(text, true, 0); err != nil {
			return err
		}
	}
	return nil
}
