package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/datadir"
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
	vkey, err := datadir.WriteKeyPair(*out, *name)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, vkey)
	return nil
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
	mediators, err := datadir.ReadMediatorFiles(mediatorFiles)
	if err != nil {
		return err
	}
	if _, err := datadir.ParseMediators(mediators); err != nil {
		return usagef("--mediator: %v", err)
	}
	if len(mediators) == 0 {
		fmt.Fprintln(stderr, "truce init: no --mediator given: the log is judged by version 1 of the rules, under which the admin alone admits mediators (docs/RULES.md)")
	}
	dir := datadir.Dir(*data)
	if err := datadir.Init(ctx, dir, *name, *quorum, mediators); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "mechanism %s created in %s\nlog key: %s\n", *name, *data, must(datadir.ReadKeyFile(dir.Key("log.vkey"))))
	return nil
}

func must[T any](v T, _ error) T { return v }
