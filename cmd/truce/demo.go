package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/truce-dev/truce/demo"
	"github.com/truce-dev/truce/internal/datadir"
)

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
	dir := datadir.Dir(*data)
	if *fresh {
		if _, running := datadir.RunningServer(dir); running {
			return fmt.Errorf("%s is in use by a running server; stop it before --fresh", dir)
		}
		if err := os.RemoveAll(string(dir)); err != nil {
			return err
		}
	}
	ws, err := demo.Prepare(ctx, dir, name, scenario)
	if err != nil {
		return err
	}
	for i, w := range ws {
		sf.witnesses = append(sf.witnesses, dir.Path("witnesses", demo.WitnessNames[i], "keys", "witness.vkey")+"@"+w.URL)
	}
	abs, _ := filepath.Abs(string(dir))
	return serve(ctx, dir, sf, stdout, func(url string) {
		fmt.Fprintf(stdout, "truce demo: %s\ndata: %s\n", url, abs)
	})
}
