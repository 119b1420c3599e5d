package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
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
	signer, err := readSigner(*keyFile)
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

// envelopeFor turns the input into a signed envelope. An envelope (it has a
// payloadType) gets the key's signature added, if a key is given; a record
// is completed with the fields a writer need not type (v, mechanism,
// created, visibility), canonicalized and signed.
func envelopeFor(input []byte, signer *truce.Signer, origin func() (string, error)) (*truce.Envelope, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(input, &fields); err != nil {
		return nil, fmt.Errorf("input is not a JSON object: %v", err)
	}
	if _, ok := fields["payloadType"]; ok {
		env, err := truce.ParseEnvelope(input)
		if err != nil {
			return nil, fmt.Errorf("envelope: %v", err)
		}
		if signer != nil {
			env.Sign(signer)
		}
		return env, nil
	}
	if signer == nil {
		return nil, usagef("--key FILE is required to sign a record")
	}
	if _, ok := fields["mechanism"]; !ok {
		o, err := origin()
		if err != nil {
			return nil, err
		}
		fields["mechanism"], _ = json.Marshal(o)
	}
	set := func(name string, v any) {
		if _, ok := fields[name]; !ok {
			fields[name], _ = json.Marshal(v)
		}
	}
	set("v", 1)
	set("created", time.Now().UTC().Format(time.RFC3339))
	set("visibility", truce.Public)
	rec, _ := json.Marshal(fields)
	return truce.SignRecord(rec, signer)
}
