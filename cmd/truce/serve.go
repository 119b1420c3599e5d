package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	neturl "net/url"
	"time"

	"github.com/truce-dev/truce/internal/datadir"
	"github.com/truce-dev/truce/internal/server"
	"github.com/truce-dev/truce/tlog"
)

type serveFlags struct {
	addr               string
	checkpointInterval time.Duration
	db, log            string
	witnesses          stringList
	minWitnesses       int
	publicURL          string
}

func (f *serveFlags) register(fs interface {
	StringVar(*string, string, string, string)
	DurationVar(*time.Duration, string, time.Duration, string)
	IntVar(*int, string, int, string)
	Var(flag.Value, string, string)
}) {
	fs.Var(&f.witnesses, "witness", "a witness, VKEYFILE@URL, that must cosign each checkpoint before it is published (repeatable; default: the witnesses in DATA/config.json)")
	fs.IntVar(&f.minWitnesses, "min-witnesses", 0, "k: how many of the witnesses verifiers require (default: all); checked against the policy the log records. Publication never waits for them")
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.DurationVar(&f.checkpointInterval, "checkpoint-interval", tlog.DefaultCheckpointInterval, "how often a checkpoint is published while the log grows")
	fs.StringVar(&f.db, "db", "sqlite", "projection database: sqlite (embedded)")
	fs.StringVar(&f.log, "log", "posix", "log storage: posix (Tessera's POSIX driver under DATA/log)")
	fs.StringVar(&f.publicURL, "public-url", "", "the URL clients reach this server at, when it is behind a proxy: read tokens must name its host (default: the host each request's Host header names)")
}

func (f *serveFlags) check() error {
	if f.db != "sqlite" {
		return usagef("--db %q: only the embedded sqlite projection is available in this version", f.db)
	}
	if f.log != "posix" {
		return usagef("--log %q: only Tessera's posix driver is available in this version", f.log)
	}
	if f.publicURL != "" {
		if u, err := neturl.Parse(f.publicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usagef("--public-url %q is not an http(s) URL", f.publicURL)
		}
	}
	if f.checkpointInterval < 100*time.Millisecond {
		return usagef("--checkpoint-interval %v: must be at least 100ms", f.checkpointInterval)
	}
	return nil
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "--data DIR [--addr A] [--checkpoint-interval 1s]", stdout)
	data := fs.String("data", "", "the mechanism's data directory")
	mirror := fs.String("mirror", "", "instead of a mechanism, serve a verified read-only copy of the log at this URL")
	mirrorKey := fs.String("log-key", "", "with --mirror: the mirrored log's public key file")
	var sf serveFlags
	sf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *data == "" || fs.NArg() > 0 {
		return usagef("--data DIR is required")
	}
	if err := sf.check(); err != nil {
		return err
	}
	if *mirror != "" {
		if *mirrorKey == "" {
			return usagef("--mirror needs --log-key VKEYFILE, the mirrored log's key")
		}
		v, err := datadir.ReadLogVerifier(*mirrorKey)
		if err != nil {
			return err
		}
		c, err := newClient(*mirror)
		if err != nil {
			return err
		}
		o := server.Options{Addr: sf.addr, CheckpointInterval: sf.checkpointInterval}
		return server.Mirror(ctx, datadir.Dir(*data), c.Fetcher(), v, *mirror, o, func(url string) { fmt.Fprintln(stdout, url) })
	}
	return serve(ctx, datadir.Dir(*data), sf, stdout, nil)
}

// serve opens dir and serves it until ctx ends. The port opens only once
// the mechanism is loaded; ready, if set, runs then, else the URL is
// printed.
func serve(ctx context.Context, dir datadir.Dir, sf serveFlags, stdout io.Writer, ready func(url string)) error {
	ws, err := parseWitnessFlags(sf.witnesses)
	if err != nil {
		return err
	}
	o := server.Options{Addr: sf.addr, CheckpointInterval: sf.checkpointInterval, Witnesses: ws, MinWitnesses: sf.minWitnesses}
	if sf.publicURL != "" {
		u, _ := neturl.Parse(sf.publicURL) // checked with the flags
		o.PublicHost = u.Host
	}
	if ready == nil {
		ready = func(url string) { fmt.Fprintln(stdout, url) }
	}
	return server.Run(ctx, dir, o, ready)
}
