package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	neturl "net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/tlog"
	"github.com/truce-dev/truce/web"
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
		return serveMirror(ctx, dataDir(*data), *mirror, *mirrorKey, sf, stdout)
	}
	return serve(ctx, dataDir(*data), sf, stdout, nil)
}

// serveMirror keeps a verified copy of another mechanism's public log in
// DIR/mirror and serves it read-only: its checkpoint and tiles.
func serveMirror(ctx context.Context, dir dataDir, remoteURL, keyFile string, sf serveFlags, stdout io.Writer) error {
	v, err := readLogVerifier(keyFile)
	if err != nil {
		return err
	}
	c, err := newClient(remoteURL)
	if err != nil {
		return err
	}
	local := dir.path("mirror")
	if err := os.MkdirAll(local, 0o755); err != nil {
		return err
	}
	// The port opens once the copy has caught up with the log once.
	if _, err := tlog.MirrorOnce(ctx, c.Fetcher(), v, local); err != nil {
		return fmt.Errorf("mirroring %s: %v", remoteURL, err)
	}
	ln, err := net.Listen("tcp", sf.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: tlog.ServeDir(local), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	fmt.Fprintf(stdout, "http://%s\n", ln.Addr())
	t := time.NewTicker(sf.checkpointInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			return srv.Shutdown(sctx)
		case <-t.C:
			if _, err := tlog.MirrorOnce(ctx, c.Fetcher(), v, local); err != nil {
				// A log that forks or serves bad tiles is not followed; the
				// copy stays at its last verified checkpoint.
				slog.Error("mirror refused an update", "remote", remoteURL, "err", err)
			}
		}
	}
}

// serve opens dir and serves it until ctx ends. The port opens only once
// the mechanism is loaded; ready, if set, runs then.
func serve(ctx context.Context, dir dataDir, sf serveFlags, stdout io.Writer, ready func(url string)) error {
	ws, err := parseWitnessFlags(sf.witnesses)
	if err != nil {
		return err
	}
	minWitnesses := sf.minWitnesses
	if len(ws) == 0 {
		// The mechanism's own witness policy, from its configuration.
		cfg, err := dir.config()
		if err != nil {
			return err
		}
		ws, minWitnesses = cfg.Witnesses, cfg.MinWitnesses
	}
	m, err := openMechanism(ctx, dir, tlog.Options{CheckpointInterval: sf.checkpointInterval, Witnesses: ws})
	if err != nil {
		return err
	}
	defer m.close()
	if err := checkWitnessPolicy(m.mech, ws, minWitnesses); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", sf.addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	if err := files.WriteAtomic(dir.serveURLPath(), []byte(url+"\n"), 0o644); err != nil {
		ln.Close()
		return err
	}
	defer os.Remove(dir.serveURLPath())
	followCtx, stopFollowing := context.WithCancel(ctx)
	defer stopFollowing()
	go func() {
		if err := m.mech.Follow(followCtx, m.store, 250*time.Millisecond); err != nil {
			slog.Error("projection stopped", "err", err)
		}
	}()
	api := trucehttp.NewServer(m.mech, m.log, m.store, m.evidence, m.drafts, slog.Default())
	nonceLog, seen, err := files.OpenNonceLog(dir.path("nonces.log"), time.Now())
	if err != nil {
		return err
	}
	defer nonceLog.Close()
	api.KeepNonces(nonceLog, seen)
	texts, err := files.OpenTexts(dir.path("texts"))
	if err != nil {
		return err
	}
	api.KeepTexts(texts)
	if sf.publicURL != "" {
		u, _ := neturl.Parse(sf.publicURL) // checked with the flags
		api.PublicHost = u.Host
	}
	site, err := newSite(dir, m)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           withSite(api, site),
		ReadHeaderTimeout: 10 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	slog.Info("serving", "url", url, "origin", m.cfg.Origin, "data", string(dir))
	if ready != nil {
		ready(url)
	} else {
		fmt.Fprintln(stdout, url)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// runningServer returns the URL of the server holding dir, if one is.
func runningServer(dir dataDir) (string, bool) {
	unlock, err := lockDir(dir)
	if err == nil {
		unlock()
		return "", false
	}
	raw, err := os.ReadFile(dir.serveURLPath())
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(string(raw)), true
}

// checkWitnessPolicy refuses to serve with other witnesses than the policy
// the log records: only a policy record, signed by the admin and k
// mediators, can change them.
func checkWitnessPolicy(mech *truce.Mechanism, ws []tlog.Witness, minWitnesses int) error {
	p, recorded := mech.WitnessPolicy()
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

// newSite is the web pages of the mechanism m in dir; the public texts of
// its sources are kept in DATA/texts.
func newSite(dir dataDir, m *mechanism) (http.Handler, error) {
	logKey, err := readLogVerifier(dir.key("log.vkey"))
	if err != nil {
		return nil, err
	}
	logVKey, err := readKeyFile(dir.key("log.vkey"))
	if err != nil {
		return nil, err
	}
	texts, err := files.Open(dir.path("texts"))
	if err != nil {
		return nil, err
	}
	return web.New(web.Config{Store: m.store, Log: m.log, LogKey: logKey, LogVKey: logVKey, Witnesses: m.mech, Texts: texts, Logger: slog.Default()}), nil
}

// apiPaths are the API's: everything else is a web page.
var apiPaths = []string{"/api/", "/checkpoint", "/tile/", "/schema/", "/healthz", "/openapi.yaml", "/metrics"}

// withSite serves the API's paths by api and every other path by site.
func withSite(api, site http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", site)
	for _, p := range apiPaths {
		mux.Handle(p, api)
	}
	return mux
}
