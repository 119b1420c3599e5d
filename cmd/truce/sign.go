package main

import (
	"context"
	"io"

	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/internal/datadir"
)

func runSign(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sign", "--key FILE [--mechanism ORIGIN] [--out FILE] ENVELOPE.json|RECORD.json|-", stdout)
	keyFile := fs.String("key", "", "the private key file whose signature to add")
	mechanism := fs.String("mechanism", "", "the mechanism's origin, for a record that does not name it")
	out := fs.String("out", "", "write the envelope to FILE (default: standard output)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *keyFile == "" || fs.NArg() != 1 {
		return usagef("--key FILE and one ENVELOPE.json (or RECORD.json, or - for standard input) are required")
	}
	signer, err := datadir.ReadSigner(*keyFile)
	if err != nil {
		return err
	}
	input, err := readInput(fs.Arg(0))
	if err != nil {
		return err
	}
	env, err := envelopeFor(input, signer, func() (string, error) {
		if *mechanism == "" {
			return "", usagef("the record names no mechanism: give --mechanism ORIGIN")
		}
		return *mechanism, nil
	})
	if err != nil {
		return err
	}
	data := append(env.Canonical(), '\n')
	if *out == "" {
		_, err = stdout.Write(data)
		return err
	}
	return files.WriteAtomic(*out, data, 0o644)
}
