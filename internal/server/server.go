// Package server serves a mechanism's data directory: its API, log and web
// pages on one port, with the projection following the log; or a
// verified read-only mirror of another mechanism's log.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/truce-dev/truce/files"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/datadir"
	"github.com/truce-dev/truce/tlog"
	"github.com/truce-dev/truce/web"
	"golang.org/x/mod/sumdb/note"
)

// Options are how a server runs.
type Options struct {
	// Addr is the address to listen on.
	Addr string
	// CheckpointInterval is how often a checkpoint is published while the
	// log grows (or, for a mirror, how often it is updated).
	CheckpointInterval time.Duration
	// Witnesses must cosign each checkpoint, MinWitnesses of them (0:
	// all); none means the witnesses of DATA/config.json.
	Witnesses    []tlog.Witness
	MinWitnesses int
	// PublicHost is the host read tokens must name, when the server is
	// behind a proxy ("": each request's Host).
	PublicHost string
}

// Run opens dir and serves it until ctx ends. The port opens only once
// the mechanism is loaded; ready runs then, with the server's URL, which
// DATA/serve.url holds while it runs.
func Run(ctx context.Context, dir datadir.Dir, o Options, ready func(url string)) error {
	ws, minWitnesses := o.Witnesses, o.MinWitnesses
	if len(ws) == 0 {
		// The mechanism's own witness policy, from its configuration.
		cfg, err := dir.Config()
		if err != nil {
			return err
		}
		ws, minWitnesses = cfg.Witnesses, cfg.MinWitnesses
	}
	m, err := datadir.Open(ctx, dir, tlog.Options{CheckpointInterval: o.CheckpointInterval, Witnesses: ws})
	if err != nil {
		return err
	}
	defer m.Close()
	if err := m.CheckWitnessPolicy(ws, minWitnesses); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	if err := files.WriteAtomic(dir.ServeURLPath(), []byte(url+"\n"), 0o644); err != nil {
		ln.Close()
		return err
	}
	defer os.Remove(dir.ServeURLPath())
	followCtx, stopFollowing := context.WithCancel(ctx)
	defer stopFollowing()
	go func() {
		if err := m.Mech.Follow(followCtx, m.Store, 250*time.Millisecond); err != nil {
			slog.Error("projection stopped", "err", err)
		}
	}()
	api := trucehttp.NewServer(m.Mech, m.Log, m.Store, m.Evidence, m.Drafts, slog.Default())
	nonceLog, seen, err := files.OpenNonceLog(dir.Path("nonces.log"), time.Now())
	if err != nil {
		return err
	}
	defer nonceLog.Close()
	api.KeepNonces(nonceLog, seen)
	texts, err := files.OpenTexts(dir.Path("texts"))
	if err != nil {
		return err
	}
	api.KeepTexts(texts)
	api.PublicHost = o.PublicHost
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
	slog.Info("serving", "url", url, "origin", m.Config.Origin, "data", string(dir))
	ready(url)
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

// Mirror keeps a verified copy of another mechanism's public log, read
// through f (from remoteURL, named in errors) and signed by v, in
// DIR/mirror, and serves it read-only: its checkpoint and tiles. The port
// opens once the copy has caught up with the log once; ready runs then.
func Mirror(ctx context.Context, dir datadir.Dir, f tlog.Fetcher, v note.Verifier, remoteURL string, o Options, ready func(url string)) error {
	local := dir.Path("mirror")
	if err := os.MkdirAll(local, 0o755); err != nil {
		return err
	}
	if _, err := tlog.MirrorOnce(ctx, f, v, local); err != nil {
		return fmt.Errorf("mirroring %s: %v", remoteURL, err)
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: tlog.ServeDir(local), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	ready("http://" + ln.Addr().String())
	t := time.NewTicker(o.CheckpointInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			return srv.Shutdown(sctx)
		case <-t.C:
			if _, err := tlog.MirrorOnce(ctx, f, v, local); err != nil {
				// A log that forks or serves bad tiles is not followed; the
				// copy stays at its last verified checkpoint.
				slog.Error("mirror refused an update", "remote", remoteURL, "err", err)
			}
		}
	}
}

// newSite is the web pages of the mechanism m in dir; the public texts of
// its sources are kept in DATA/texts.
func newSite(dir datadir.Dir, m *datadir.Mechanism) (http.Handler, error) {
	logKey, err := datadir.ReadLogVerifier(dir.Key("log.vkey"))
	if err != nil {
		return nil, err
	}
	logVKey, err := datadir.ReadKeyFile(dir.Key("log.vkey"))
	if err != nil {
		return nil, err
	}
	texts, err := files.Open(dir.Path("texts"))
	if err != nil {
		return nil, err
	}
	return web.New(web.Config{Store: m.Store, Log: m.Log, LogKey: logKey, LogVKey: logVKey, Witnesses: m.Mech, Texts: texts, Logger: slog.Default()}), nil
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
