package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/demo"
	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/tlog"
	"github.com/truce-dev/truce/witness"
)

// demoOrigin names the demo mechanism's log.
const demoOrigin = "truce.demo/pakistan-afghanistan"

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("demo", "[--addr 127.0.0.1:8080] [--data DIR] [--fresh] [--scenario FILE]", stdout)
	data := fs.String("data", "truce-demo", "the demo's data directory, reused if it exists")
	fresh := fs.Bool("fresh", false, "delete the data directory and start over")
	scenarioFile := fs.String("scenario", "", "load this scenario file instead of the embedded one (demo/scenario.jsonl)")
	var sf serveFlags
	sf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if err := sf.check(); err != nil {
		return err
	}
	name, scenario := "demo/scenario.jsonl", demo.Scenario()
	if *scenarioFile != "" {
		b, err := os.ReadFile(*scenarioFile)
		if err != nil {
			return err
		}
		name, scenario = *scenarioFile, b
	}
	// A scenario is checked whole before anything is appended.
	if _, err := demo.Check(name, scenario); err != nil {
		return err
	}
	dir := dataDir(*data)
	if *fresh {
		if _, running := runningServer(dir); running {
			return fmt.Errorf("%s is in use by a running server; stop it before --fresh", dir)
		}
		if err := os.RemoveAll(string(dir)); err != nil {
			return err
		}
	}
	if _, err := os.Stat(dir.configPath()); os.IsNotExist(err) {
		// The cast's keys come first: the mediators' are the mechanism's
		// trust anchors.
		if err := demoKeys(dir); err != nil {
			return err
		}
		var mediators []string
		for _, m := range []string{"qatar", "turkiye"} {
			k, err := readKeyFile(dir.path("keys", "demo", m+".vkey"))
			if err != nil {
				return err
			}
			mediators = append(mediators, k)
		}
		if err := initMechanism(ctx, dir, demoOrigin, truce.DefaultQuorum, mediators); err != nil {
			return err
		}
	}
	// The mediators' witnesses run in this process, so that the demo's
	// checkpoints carry cosignatures.
	var ws []tlog.Witness
	for _, name := range []string{"qatar-witness", "turkiye-witness"} {
		w, err := startDemoWitness(ctx, dir, name)
		if err != nil {
			return err
		}
		ws = append(ws, w)
		sf.witnesses = append(sf.witnesses, dir.path("witnesses", name, "keys", "witness.vkey")+"@"+w.URL)
	}
	if err := loadDemo(ctx, dir, ws, name, scenario); err != nil {
		return err
	}
	if err := keepSeedTexts(dir); err != nil {
		return err
	}
	abs, _ := filepath.Abs(string(dir))
	return serve(ctx, dir, sf, stdout, func(url string) {
		fmt.Fprintf(stdout, "truce demo: %s\ndata: %s\n", url, abs)
	})
}

// startDemoWitness runs a witness of the demo log on a loopback port until
// ctx ends, its keys and state under DIR/witnesses/NAME.
func startDemoWitness(ctx context.Context, dir dataDir, name string) (tlog.Witness, error) {
	wdir := dataDir(dir.path("witnesses", name))
	skey, vkey, err := witnessKeys(wdir, name)
	if err != nil {
		return tlog.Witness{}, err
	}
	logKey, err := readKeyFile(dir.key("log.vkey"))
	if err != nil {
		return tlog.Witness{}, err
	}
	w, err := witness.New(skey, []string{logKey}, wdir.path("state"), slog.Default())
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

// demoKeys writes DIR/keys/demo/ROLE.key and .vkey for every role of the
// cast but the admin, where they are missing.
func demoKeys(dir dataDir) error {
	if err := os.MkdirAll(dir.path("keys", "demo"), 0o700); err != nil {
		return err
	}
	for _, role := range demo.Roles {
		if role == "admin" {
			continue
		}
		if _, err := os.Stat(dir.path("keys", "demo", role+".key")); os.IsNotExist(err) {
			if _, err := writeKeyPair(dir.path("keys", "demo", role), role); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadDemo appends the scenario to a mechanism whose log holds only its
// genesis; a loaded one is served as it is.
func loadDemo(ctx context.Context, dir dataDir, ws []tlog.Witness, name string, scenario []byte) error {
	// Records are appended one after another here: short batches and
	// checkpoints make the load take a second, not ten.
	m, err := openMechanism(ctx, dir, tlog.Options{Witnesses: ws, BatchMaxAge: time.Millisecond, CheckpointInterval: 100 * time.Millisecond})
	if err != nil {
		return err
	}
	size, err := m.log.Size(ctx)
	if err != nil || size > 1 {
		m.close()
		return err
	}
	if err := demoKeys(dir); err != nil {
		m.close()
		return err
	}
	cast := demo.Cast{}
	for _, role := range demo.Roles {
		path := dir.key(role + ".key")
		if role != "admin" {
			path = dir.path("keys", "demo", role+".key")
		}
		s, err := readSigner(path)
		if err != nil {
			m.close()
			return err
		}
		cast[role] = s
	}
	var policy []demo.Witness
	for i, w := range ws {
		policy = append(policy, demo.Witness{Name: fmt.Sprintf("witness-%d", i+1), Key: w.VKey})
	}
	n, err := demo.Load(ctx, m.mech, demoOrigin, cast, policy, name, scenario)
	if cerr := m.close(); err == nil {
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
func keepSeedTexts(dir dataDir) error {
	texts, err := files.OpenTexts(dir.path("texts"))
	if err != nil {
		return err
	}
	for _, text := range demo.Seeds() {
		// Public texts need no source to be read by: index 0 stands for none.
		if _, err := texts.Keep(text, true, 0); err != nil {
			return err
		}
	}
	return nil
}
