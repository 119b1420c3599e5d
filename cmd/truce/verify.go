package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/client"
	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
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
		dir := dataDir(*data)
		cfg, err := dir.config()
		if err != nil {
			return err
		}
		if *logKey == "" {
			*logKey = dir.key("log.vkey")
		}
		if url, ok := runningServer(dir); ok && *server == "" {
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
	v, err := readLogVerifier(*logKey)
	if err != nil {
		return err
	}
	if len(mediatorFiles) > 0 {
		// Anchors given outside the data directory replace its config's.
		if anchorKeys, err = readMediatorFiles(mediatorFiles); err != nil {
			return err
		}
	}
	anchors, err := parseMediators(anchorKeys)
	if err != nil {
		return usagef("--mediator: %v", err)
	}
	c, err := newClient(*server)
	if err != nil {
		return err
	}
	cp, err := c.Checkpoint(ctx, v)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "checkpoint: %s, size %d, root %x: signature verified\n", cp.Origin, cp.Size, cp.Hash)
	if len(witnesses) > 0 {
		var keys []string
		for _, f := range witnesses {
			k, err := readKeyFile(f)
			if err != nil {
				return err
			}
			keys = append(keys, k)
		}
		k := *minWitnesses
		if k == 0 {
			k = len(keys)
		}
		n, err := client.Cosigned(cp, v, keys, k)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "cosigned by %d of %d witnesses (%d required)\n", n, len(keys), k)
	}

	for _, u := range compare {
		if err := compareWith(ctx, c, v, *server, cp, u, *proofOut, stdout); err != nil {
			return err
		}
	}

	if *stateFile != "" {
		prevRaw, err := os.ReadFile(*stateFile)
		switch {
		case errors.Is(err, os.ErrNotExist):
			fmt.Fprintf(stdout, "state: %s is new; this checkpoint becomes the one to extend\n", *stateFile)
		case err != nil:
			return err
		default:
			prev, err := tlog.OpenCheckpoint(prevRaw, v)
			if err != nil {
				return fmt.Errorf("state file %s: %v", *stateFile, err)
			}
			if err := c.VerifyExtends(ctx, prev, cp); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "consistent with the checkpoint of size %d seen before\n", prev.Size)
		}
	}

	if *all {
		if err := c.VerifyAll(ctx, cp); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "all %d entries and every hash tile match the checkpoint\n", cp.Size)
	}
	for _, i := range idx {
		entry, err := c.VerifyEntry(ctx, cp, i)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "entry %d: included (%s)\n", i, describeLeaf(entry))
		if leaf, err := truce.ParseLeaf(entry); err == nil && leaf.Envelope != nil && len(anchors) > 0 {
			if err := reportAnchors(stdout, fmt.Sprintf("entry %d", i), leaf.Envelope, anchors); err != nil {
				return err
			}
		}
	}
	if *record != "" {
		i, env, err := verifyRecordFile(ctx, c, cp, *record)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "record %s: included at index %d, byte for byte\n", *record, i)
		if len(anchors) > 0 {
			if err := reportAnchors(stdout, "record "+*record, env, anchors); err != nil {
				return err
			}
		}
	}

	if *stateFile != "" {
		if err := files.WriteAtomic(*stateFile, cp.Raw, 0o644); err != nil {
			return fmt.Errorf("saving state: %v", err)
		}
	}
	fmt.Fprintln(stdout, "OK")
	return nil
}

// reportAnchors names the mediators' trust anchors that signed env, each
// signature checked: a signature under an anchor's key id that does not
// verify fails.
func reportAnchors(stdout io.Writer, what string, env *truce.Envelope, anchors []*truce.Verifier) error {
	names := []string{}
	for _, a := range anchors {
		if !slices.Contains(env.KeyIDs(), a.KeyID()) {
			continue
		}
		if err := env.Verify(a); err != nil {
			return fmt.Errorf("%s: %v", what, err)
		}
		names = append(names, a.Name())
	}
	list := strings.Join(names, ", ")
	if len(names) == 0 {
		list = "none"
	}
	fmt.Fprintf(stdout, "%s: signed by %d of the %d mediators' trust anchors given (%s)\n", what, len(names), len(anchors), list)
	return nil
}

// verifyRecordFile proves that the envelope in file is in the log: it forms
// the leaf the envelope must have, finds its index (from the file, or by
// the envelope's hash), and checks the entry there is that leaf.
func verifyRecordFile(ctx context.Context, c *client.Client, cp *tlog.Checkpoint, file string) (uint64, *truce.Envelope, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return 0, nil, err
	}
	r, err := client.ParseRecord(raw)
	if err != nil {
		return 0, nil, fmt.Errorf("record %s: %v", file, err)
	}
	index := r.Index
	if !r.Indexed {
		// The server's answer is only a hint: the inclusion proof below is
		// what is trusted.
		if index, err = c.IndexOf(ctx, r.Envelope); err != nil {
			return 0, nil, fmt.Errorf("record %s: looking up its index: %v", file, err)
		}
	}
	entry, err := c.VerifyEntry(ctx, cp, index)
	if err != nil {
		return 0, nil, err
	}
	want, err := r.Leaf()
	if err != nil {
		return 0, nil, fmt.Errorf("record %s: %v", file, err)
	}
	if !bytes.Equal(entry, want) {
		return 0, nil, fmt.Errorf("record %s: the log's entry %d is not this record", file, index)
	}
	return index, r.Envelope, nil
}

func describeLeaf(entry []byte) string {
	leaf, err := truce.ParseLeaf(entry)
	switch {
	case err != nil:
		return "not a truce record: " + err.Error()
	case leaf.Restricted != nil:
		return "restricted " + leaf.Restricted.Type + " record"
	}
	r, err := truce.ParseRecord(leaf.Envelope.Payload())
	if err != nil {
		return "undecodable record: " + err.Error()
	}
	return r.Type + " record"
}

// compareWith fetches the log's checkpoint from the server at u and fails,
// saving both signed checkpoints to proofOut, when it and ours cannot both
// be true.
func compareWith(ctx context.Context, c *client.Client, v note.Verifier, server string, ours *tlog.Checkpoint, u, proofOut string, stdout io.Writer) error {
	other, err := newClient(u)
	if err != nil {
		return err
	}
	theirs, err := c.Compare(ctx, v, ours, other)
	var split *client.SplitView
	switch {
	case errors.As(err, &split):
		proof := fmt.Sprintf("# Two checkpoints signed by %s+%08x that cannot both be true.\n# %s\n# from %s:\n%s\n# from %s:\n%s", v.Name(), v.KeyHash(), err, server, ours.Raw, u, theirs.Raw)
		if werr := files.WriteAtomic(proofOut, []byte(proof), 0o644); werr != nil {
			return fmt.Errorf("split view with %s (%v); saving the proof failed: %v", u, err, werr)
		}
		return fmt.Errorf("split view: %s serves a checkpoint that conflicts with %s's: %v (both signed checkpoints saved to %s)", u, server, err, proofOut)
	case err != nil:
		return fmt.Errorf("--compare %s: %v", u, err)
	}
	fmt.Fprintf(stdout, "compared with %s (size %d): consistent\n", u, theirs.Size)
	return nil
}
