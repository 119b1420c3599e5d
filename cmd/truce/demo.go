package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/truce-dev/truce"
)

// demoOrigin names the demo mechanism's log.
const demoOrigin = "truce.demo/pakistan-afghanistan"

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("demo", "[--addr 127.0.0.1:8080] [--data DIR] [--fresh]", stdout)
	data := fs.String("data", "truce-demo", "the demo's data directory, reused if it exists")
	fresh := fs.Bool("fresh", false, "delete the data directory and start over")
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
		if err := initMechanism(ctx, dir, demoOrigin, truce.DefaultQuorum); err != nil {
			return err
		}
	}
	abs, _ := filepath.Abs(string(dir))
	return serve(ctx, dir, sf, stdout, func(url string) {
		fmt.Fprintf(stdout, "truce demo: %s\ndata: %s\n", url, abs)
	})
}
