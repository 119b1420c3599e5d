package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
)

// A Check is what Client.Check verifies of a server's log.
type Check struct {
	// Server is the server's URL as the user gave it, for messages.
	Server string
	// LogKey signs the log's checkpoints; its name is the origin.
	LogKey note.Verifier
	// WitnessKeyFiles hold C2SP cosignature/v1 verifier keys, one each,
	// MinWitnesses of which (0: all) must have cosigned the checkpoint.
	WitnessKeyFiles []string
	MinWitnesses    int
	// Compare are URLs of other servers of the same log, made clients by
	// Dial (nil: New): their checkpoints and ours must both be true. A
	// split view is saved to SplitViewFile, both checkpoints as signed.
	Compare       []string
	Dial          func(url string) (*Client, error)
	SplitViewFile string
	// State is a file keeping the last checkpoint verified ("": none):
	// the server's must extend it, and replaces it once every check holds.
	State string
	// All checks every entry and every hash tile (an fsck of the log).
	All bool
	// Indices are entries whose inclusion to prove.
	Indices []uint64
	// Record is a file holding a record (ParseRecord's forms) whose
	// inclusion to prove ("": none).
	Record string
	// Anchors are the mediators' trust anchors: each record proved is
	// reported with those that signed it, each signature checked.
	Anchors []*truce.Verifier
}

// A CompareError is a failure to compare with another server (URL) that
// is no split view: the server could not be read, or its checkpoint is not
// the log's.
type CompareError struct {
	URL string
	Err error
}

func (e *CompareError) Error() string { return "comparing with " + e.URL + ": " + e.Err.Error() }
func (e *CompareError) Unwrap() error { return e.Err }

// Check fetches the server's checkpoint and verifies it and the log as ch
// asks, in this order: signature, cosignatures, other servers, state,
// every entry, the entries at Indices, Record. Each check that holds is
// reported to w, one line each, and "OK" last; the first that fails is
// the error.
func (c *Client) Check(ctx context.Context, ch Check, w io.Writer) error {
	v := ch.LogKey
	cp, err := c.Checkpoint(ctx, v)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "checkpoint: %s, size %d, root %x: signature verified\n", cp.Origin, cp.Size, cp.Hash)
	if len(ch.WitnessKeyFiles) > 0 {
		var keys []string
		for _, f := range ch.WitnessKeyFiles {
			raw, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			keys = append(keys, strings.TrimSpace(string(raw)))
		}
		k := ch.MinWitnesses
		if k == 0 {
			k = len(keys)
		}
		n, err := Cosigned(cp, v, keys, k)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "cosigned by %d of %d witnesses (%d required)\n", n, len(keys), k)
	}
	for _, u := range ch.Compare {
		if err := c.compareWith(ctx, ch, cp, u, w); err != nil {
			return err
		}
	}
	if ch.State != "" {
		prevRaw, err := os.ReadFile(ch.State)
		switch {
		case errors.Is(err, os.ErrNotExist):
			fmt.Fprintf(w, "state: %s is new; this checkpoint becomes the one to extend\n", ch.State)
		case err != nil:
			return err
		default:
			prev, err := tlog.OpenCheckpoint(prevRaw, v)
			if err != nil {
				return fmt.Errorf("state file %s: %v", ch.State, err)
			}
			if err := c.VerifyExtends(ctx, prev, cp); err != nil {
				return err
			}
			fmt.Fprintf(w, "consistent with the checkpoint of size %d seen before\n", prev.Size)
		}
	}
	if ch.All {
		if err := c.VerifyAll(ctx, cp); err != nil {
			return err
		}
		fmt.Fprintf(w, "all %d entries and every hash tile match the checkpoint\n", cp.Size)
	}
	for _, i := range ch.Indices {
		entry, err := c.VerifyEntry(ctx, cp, i)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "entry %d: included (%s)\n", i, describeLeaf(entry))
		if leaf, err := truce.ParseLeaf(entry); err == nil && leaf.Envelope != nil && len(ch.Anchors) > 0 {
			if err := reportAnchors(w, fmt.Sprintf("entry %d", i), leaf.Envelope, ch.Anchors); err != nil {
				return err
			}
		}
	}
	if ch.Record != "" {
		raw, err := os.ReadFile(ch.Record)
		if err != nil {
			return err
		}
		i, env, err := c.VerifyRecord(ctx, cp, ch.Record, raw)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "record %s: included at index %d, byte for byte\n", ch.Record, i)
		if len(ch.Anchors) > 0 {
			if err := reportAnchors(w, "record "+ch.Record, env, ch.Anchors); err != nil {
				return err
			}
		}
	}
	if ch.State != "" {
		if err := files.WriteAtomic(ch.State, cp.Raw, 0o644); err != nil {
			return fmt.Errorf("saving state: %v", err)
		}
	}
	fmt.Fprintln(w, "OK")
	return nil
}

// compareWith fetches the log's checkpoint from the server at u and fails,
// saving both signed checkpoints to ch.SplitViewFile, when it and ours
// cannot both be true.
func (c *Client) compareWith(ctx context.Context, ch Check, ours *tlog.Checkpoint, u string, w io.Writer) error {
	dial := ch.Dial
	if dial == nil {
		dial = New
	}
	other, err := dial(u)
	if err != nil {
		return err
	}
	theirs, err := c.Compare(ctx, ch.LogKey, ours, other)
	var split *SplitView
	switch {
	case errors.As(err, &split):
		v := ch.LogKey
		proof := fmt.Sprintf("# Two checkpoints signed by %s+%08x that cannot both be true.\n# %s\n# from %s:\n%s\n# from %s:\n%s", v.Name(), v.KeyHash(), err, ch.Server, ours.Raw, u, theirs.Raw)
		if werr := files.WriteAtomic(ch.SplitViewFile, []byte(proof), 0o644); werr != nil {
			return fmt.Errorf("split view with %s (%v); saving the proof failed: %v", u, err, werr)
		}
		return fmt.Errorf("split view: %s serves a checkpoint that conflicts with %s's: %v (both signed checkpoints saved to %s)", u, ch.Server, err, ch.SplitViewFile)
	case err != nil:
		return &CompareError{URL: u, Err: err}
	}
	fmt.Fprintf(w, "compared with %s (size %d): consistent\n", u, theirs.Size)
	return nil
}

// reportAnchors names the mediators' trust anchors that signed env, each
// signature checked: a signature under an anchor's key id that does not
// verify fails.
func reportAnchors(w io.Writer, what string, env *truce.Envelope, anchors []*truce.Verifier) error {
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
	fmt.Fprintf(w, "%s: signed by %d of the %d mediators' trust anchors given (%s)\n", what, len(names), len(anchors), list)
	return nil
}

// VerifyRecord proves that the record in data (ParseRecord's forms), named
// name in errors, is in the tree cp commits to: it forms the leaf the
// record must have, finds its index (from data, or by asking the server
// for the envelope's hash), and checks the entry there is that leaf. It
// returns the index and the record's envelope.
func (c *Client) VerifyRecord(ctx context.Context, cp *tlog.Checkpoint, name string, data []byte) (uint64, *truce.Envelope, error) {
	r, err := ParseRecord(data)
	if err != nil {
		return 0, nil, fmt.Errorf("record %s: %v", name, err)
	}
	index := r.Index
	if !r.Indexed {
		// The server's answer is only a hint: the inclusion proof below is
		// what is trusted.
		if index, err = c.IndexOf(ctx, r.Envelope); err != nil {
			return 0, nil, fmt.Errorf("record %s: looking up its index: %v", name, err)
		}
	}
	entry, err := c.VerifyEntry(ctx, cp, index)
	if err != nil {
		return 0, nil, err
	}
	want, err := r.Leaf()
	if err != nil {
		return 0, nil, fmt.Errorf("record %s: %v", name, err)
	}
	if !bytes.Equal(entry, want) {
		return 0, nil, fmt.Errorf("record %s: the log's entry %d is not this record", name, index)
	}
	return index, r.Envelope, nil
}

// describeLeaf says what a log entry is: a record of its type, public or
// restricted, or not a truce record, and why.
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
