package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/truce-dev/truce/client"
	"github.com/truce-dev/truce/internal/datadir"
)

func runVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("verify", "--server URL --log-key VKEY | --data DIR [--state FILE] [--all] [--index N]... [--record FILE] [--mediator VKEYFILE]...", stdout)
	server := fs.String("server", "", "the log's URL (its /checkpoint and /tile/ resources)")
	data := fs.String("data", "", "a mechanism's data directory: the defaults for --log-key (DIR/keys/log.vkey), --mediator (the anchors in DIR/config.json) and --server (DIR's running server)")
	bundle := fs.String("bundle", "", "an offline proof bundle (not available in this version)")
	logKey := fs.String("log-key", "", "the log's public key file (signed-note format); its name is the expected origin")
	stateFile := fs.String("state", "", "file keeping the last verified checkpoint: the new one must be consistent with it, and replaces it when every check holds")
	all := fs.Bool("all", false, "check every entry and every hash tile against the checkpoint (a full fsck of the log)")
	record := fs.String("record", "", "an envelope JSON file, or a GET /api/v1/records answer (a restricted record's, with its salt, as its audience reads it), whose inclusion to prove")
	var indices, witnesses, compare stringList
	fs.Var(&compare, "compare", "another mirror's or witness's URL serving the same log: fail if its checkpoint and ours cannot both be true (repeatable)")
	proofOut := fs.String("proof-out", "split-view.txt", "with --compare: where to save the two conflicting signed checkpoints")
	fs.Var(&indices, "index", "a log index whose inclusion to prove (repeatable)")
	fs.Var(&witnesses, "witness", "a witness's public key file (C2SP cosignature/v1 or Ed25519 vkey); repeatable")
	var mediatorFiles stringList
	fs.Var(&mediatorFiles, "mediator", "a mediator's public key file, a trust anchor: name, for each record proved, which anchors signed it, each signature checked (repeatable)")
	minWitnesses := fs.Int("min-witnesses", 0, "how many of the --witness keys must have cosigned the checkpoint (default: all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	var anchorKeys []string
	if *data != "" {
		dir := datadir.Dir(*data)
		cfg, err := dir.Config()
		if err != nil {
			return err
		}
		if *logKey == "" {
			*logKey = dir.Key("log.vkey")
		}
		if url, ok := datadir.RunningServer(dir); ok && *server == "" {
			*server = url
		}
		anchorKeys = cfg.Mediators
	}
	switch {
	case *bundle != "":
		return usagef("--bundle is not available in this version; use --server")
	case *minWitnesses > len(witnesses):
		return usagef("--min-witnesses %d: only %d --witness keys given", *minWitnesses, len(witnesses))
	case *server == "":
		return usagef("--server URL is required (or --data DIR of a running server)")
	case *logKey == "":
		return usagef("--log-key VKEY is required")
	case fs.NArg() > 0:
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	var idx []uint64
	for _, s := range indices {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return usagef("--index %q is not a log index", s)
		}
		idx = append(idx, n)
	}
	v, err := datadir.ReadLogVerifier(*logKey)
	if err != nil {
		return err
	}
	if len(mediatorFiles) > 0 {
		// Anchors given outside the data directory replace its config's.
		if anchorKeys, err = datadir.ReadMediatorFiles(mediatorFiles); err != nil {
			return err
		}
	}
	anchors, err := datadir.ParseMediators(anchorKeys)
	if err != nil {
		return usagef("--mediator: %v", err)
	}
	c, err := newClient(*server)
	if err != nil {
		return err
	}
	err = c.Check(ctx, client.Check{Server: *server, LogKey: v, WitnessKeyFiles: witnesses, MinWitnesses: *minWitnesses,
		Compare: compare, Dial: newClient, SplitViewFile: *proofOut,
		State: *stateFile, All: *all, Indices: idx, Record: *record, Anchors: anchors}, stdout)
	var ce *client.CompareError
	if errors.As(err, &ce) {
		return fmt.Errorf("--compare %s: %v", ce.URL, ce.Err)
	}
	return err
}
