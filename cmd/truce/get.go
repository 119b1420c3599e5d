package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/client"
	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/internal/datadir"
)

func runGet(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("get", "--server URL|--data DIR [--key FILE] INDEX... | --key FILE --restricted [--type T] | --evidence SHA256 [--out FILE]", stdout)
	server := fs.String("server", "", "the mechanism's server URL")
	data := fs.String("data", "", "the data directory of a running server")
	keyFile := fs.String("key", "", "a member's key: read as that member (with one token for every read), so that restricted records and evidence the member may read are served")
	evidence := fs.String("evidence", "", "download the evidence file with this SHA-256 instead, checking that its bytes have that hash")
	restricted := fs.Bool("restricted", false, "with --key: every restricted record the member may read (GET /api/v1/restricted), one JSON line each")
	typ := fs.String("type", "", "with --restricted: only records of this type")
	out := fs.String("out", "", "with --evidence: the file to write (default: the SHA-256, in the current directory; - for standard output)")
	if err := parse(fs, args); err != nil {
		return err
	}
	asked := 0
	for _, b := range []bool{fs.NArg() > 0, *restricted, *evidence != ""} {
		if b {
			asked++
		}
	}
	switch {
	case asked != 1:
		return usagef("give the log indices of the records to read, or --restricted, or --evidence SHA256: one of them")
	case *restricted && *keyFile == "":
		return usagef("--restricted needs --key FILE: it lists what that member may read")
	case *typ != "" && !*restricted:
		return usagef("--type is for --restricted")
	case *evidence != "" && !truce.IsHexSHA256(*evidence):
		return usagef("--evidence %q is not a hex SHA-256 (64 lowercase hex digits)", *evidence)
	case *out != "" && *evidence == "":
		return usagef("--out is for --evidence")
	}
	var indices []uint64
	for _, a := range fs.Args() {
		n, err := strconv.ParseUint(a, 10, 64)
		if err != nil {
			return usagef("%q is not a log index", a)
		}
		indices = append(indices, n)
	}
	c, err := serverClient(*server, *data)
	if err != nil {
		return err
	}
	if *keyFile != "" {
		signer, err := datadir.ReadSigner(*keyFile)
		if err != nil {
			return err
		}
		// One token for the whole run: one signature here, one verification
		// there, whatever the number of reads.
		tok, err := c.As(signer).Token(ctx, 5*time.Minute)
		if err != nil {
			return err
		}
		c = c.WithToken(tok)
	}
	if *evidence != "" {
		if *out == "-" {
			return c.DownloadEvidence(ctx, *evidence, stdout)
		}
		var buf bytes.Buffer
		if err := c.DownloadEvidence(ctx, *evidence, &buf); err != nil {
			return err
		}
		if *out == "" {
			*out = *evidence
		}
		if err := files.WriteAtomic(*out, buf.Bytes(), 0o600); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "evidence %s: %d bytes, SHA-256 checked, written to %s\n", *evidence, buf.Len(), *out)
		return nil
	}
	emit := func(what string, raw []byte) error {
		var compact bytes.Buffer
		if err := json.Compact(&compact, raw); err != nil {
			return fmt.Errorf("%s: the server's answer is not JSON: %v", what, err)
		}
		compact.WriteByte('\n')
		_, err := stdout.Write(compact.Bytes())
		return err
	}
	if *restricted {
		for it, err := range c.Restricted(ctx, *typ) {
			if err == nil {
				err = emit("restricted records", it)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	for _, i := range indices {
		raw, err := c.Get(ctx, i)
		if err != nil {
			return fmt.Errorf("record %d: %v", i, err)
		}
		if err := emit(fmt.Sprintf("record %d", i), raw); err != nil {
			return err
		}
	}
	return nil
}

func runToken(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("token", "--key FILE --server URL|--data DIR [--ttl 5m]", stdout)
	server := fs.String("server", "", "the mechanism's server URL, as the token's users will address it: the token names its host, and its checkpoint names the origin")
	data := fs.String("data", "", "the data directory of a running server")
	keyFile := fs.String("key", "", "the member key that signs the token")
	ttl := fs.Duration("ttl", 5*time.Minute, fmt.Sprintf("how long the token is good for (at most %v)", truce.MaxTokenLifetime))
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("unexpected argument %q", fs.Arg(0))
	case *keyFile == "":
		return usagef("--key FILE is required")
	case *ttl <= 0 || *ttl > truce.MaxTokenLifetime:
		return usagef("--ttl %v: must be positive and at most %v", *ttl, truce.MaxTokenLifetime)
	}
	c, err := serverClient(*server, *data)
	if err != nil {
		return err
	}
	signer, err := datadir.ReadSigner(*keyFile)
	if err != nil {
		return err
	}
	tok, err := c.As(signer).Token(ctx, *ttl)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, tok)
	return err
}

// serverClient is the API of the server at URL, or of the one running on a
// data directory.
func serverClient(server, data string) (*client.Client, error) {
	if (server == "") == (data == "") {
		return nil, usagef("give exactly one of --server URL and --data DIR")
	}
	if data != "" {
		u, ok := datadir.RunningServer(datadir.Dir(data))
		if !ok {
			return nil, fmt.Errorf("no server is running on %s: start truce serve, or give --server", data)
		}
		server = u
	}
	return newClient(server)
}

// newClient is the client of the server at URL; a URL that is not an
// http(s) one is a usage error.
func newClient(server string) (*client.Client, error) {
	c, err := client.New(server)
	if err != nil {
		return nil, usagef("--server %q is not an http(s) URL", server)
	}
	return c, nil
}
