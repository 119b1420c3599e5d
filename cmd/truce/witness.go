package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	f_note "github.com/transparency-dev/formats/note"
	"github.com/truce-dev/truce/internal/datadir"
	"github.com/truce-dev/truce/tlog"
	"github.com/truce-dev/truce/witness"
)

func runWitness(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("witness", "--data DIR --log-key VKEYFILE... [--addr A]", stdout)
	data := fs.String("data", "", "the witness's data directory (keys and state)")
	addr := fs.String("addr", "127.0.0.1:8081", "address to listen on")
	name := fs.String("name", "", "the witness key's name, on first start (default: the directory's base name)")
	var logKeys stringList
	fs.Var(&logKeys, "log-key", "the public key file of a log to witness (repeatable)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *data == "" || len(logKeys) == 0 || fs.NArg() > 0 {
		return usagef("--data DIR and at least one --log-key VKEYFILE are required")
	}
	dir := datadir.Dir(*data)
	if *name == "" {
		abs, _ := filepath.Abs(*data)
		*name = filepath.Base(abs)
	}
	skey, vkey, err := datadir.WitnessKeys(dir, *name)
	if err != nil {
		return err
	}
	var keys []string
	for _, f := range logKeys {
		k, err := datadir.ReadKeyFile(f)
		if err != nil {
			return err
		}
		keys = append(keys, k)
	}
	w, err := witness.New(skey, keys, dir.Path("state"), slog.Default())
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: w.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	fmt.Fprintf(stdout, "http://%s\nwitness key: %s\n", ln.Addr(), vkey)
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// parseWitnessFlags reads --witness VKEYFILE@URL values.
func parseWitnessFlags(values []string) ([]tlog.Witness, error) {
	var out []tlog.Witness
	for _, v := range values {
		file, url, ok := strings.Cut(v, "@")
		if !ok || url == "" {
			return nil, usagef("--witness %q: want VKEYFILE@URL", v)
		}
		k, err := datadir.ReadKeyFile(file)
		if err != nil {
			return nil, err
		}
		if _, err := f_note.NewVerifierForCosignatureV1(k); err != nil {
			return nil, fmt.Errorf("%s: not a witness key: %v", file, err)
		}
		out = append(out, tlog.Witness{VKey: k, URL: url})
	}
	return out, nil
}
