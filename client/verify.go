package client

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/transparency-dev/formats/log"
	fnote "github.com/transparency-dev/formats/note"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
)

// Checkpoint fetches the server's checkpoint and checks its signature by
// the log key v, whose name is the origin it must carry.
func (c *Client) Checkpoint(ctx context.Context, v note.Verifier) (*tlog.Checkpoint, error) {
	raw, err := c.tiles.ReadCheckpoint(ctx)
	if err != nil {
		return nil, fmt.Errorf("fetching checkpoint: %v", err)
	}
	return tlog.OpenCheckpoint(raw, v)
}

// AwaitCheckpoint waits for the server to publish a checkpoint whose tree
// holds index, and returns it as it came: its signature is the caller's to
// check.
func (c *Client) AwaitCheckpoint(ctx context.Context, index uint64) ([]byte, error) {
	for {
		raw, err := c.tiles.ReadCheckpoint(ctx)
		if err == nil {
			var cp log.Checkpoint
			if text, _, ok := bytes.Cut(raw, []byte("\n\n")); ok {
				if _, err := cp.Unmarshal(append(text, '\n')); err == nil && cp.Size > index {
					return raw, nil
				}
			}
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// InclusionProof asks the server's API for the proof that the entry at
// index is in the tree of the given size. It is the caller's to verify
// (VerifyEntry builds its own proof from tiles).
func (c *Client) InclusionProof(ctx context.Context, index, size uint64) ([][]byte, error) {
	var out struct{ Hashes [][]byte }
	err := c.do(ctx, "GET", fmt.Sprintf("/api/v1/proof/inclusion?index=%d&size=%d", index, size), nil, &out)
	return out.Hashes, err
}

// VerifyEntry fetches the log entry at index and proves, from tiles, that
// it is in the tree cp commits to. It returns the entry.
func (c *Client) VerifyEntry(ctx context.Context, cp *tlog.Checkpoint, index uint64) ([]byte, error) {
	return tlog.VerifyEntry(ctx, c.tiles, cp, index)
}

// VerifyAll checks every entry and every hash tile of the tree cp commits
// to, as an fsck does.
func (c *Client) VerifyAll(ctx context.Context, cp *tlog.Checkpoint) error {
	return tlog.VerifyAll(ctx, c.tiles, cp)
}

// VerifyExtends checks that next, the server's checkpoint, is consistent
// with prev, one seen before: a smaller tree is a rollback, another root
// at the same size or an unprovable extension a fork.
func (c *Client) VerifyExtends(ctx context.Context, prev, next *tlog.Checkpoint) error {
	return tlog.VerifyExtends(ctx, c.tiles, prev, next)
}

// A SplitView is two checkpoints of one log, both signed by its key, that
// cannot both be true: the same size with another root, or a larger tree
// that is not consistent with the smaller one. Ours and Theirs are kept
// as signed, the proof of the log's misbehaviour.
type SplitView struct {
	Ours, Theirs *tlog.Checkpoint
	Err          error
}

func (e *SplitView) Error() string { return e.Err.Error() }
func (e *SplitView) Unwrap() error { return e.Err }

// Compare fetches other's checkpoint of the same log, checks its signature
// by the log key v, and checks that it and ours, c's, can both be true,
// with a consistency proof from the larger tree's tiles. It returns
// other's checkpoint; a conflict is a *SplitView.
func (c *Client) Compare(ctx context.Context, v note.Verifier, ours *tlog.Checkpoint, other *Client) (*tlog.Checkpoint, error) {
	theirs, err := other.Checkpoint(ctx, v)
	if err != nil {
		return nil, err
	}
	small, large, f := ours, theirs, other.tiles
	if theirs.Size < ours.Size {
		small, large, f = theirs, ours, c.tiles
	}
	if err := tlog.VerifyExtends(ctx, f, small, large); err != nil {
		return theirs, &SplitView{Ours: ours, Theirs: theirs, Err: err}
	}
	return theirs, nil
}

// Cosigned checks that at least k of the witnesses whose keys are given
// (C2SP cosignature/v1 verifier keys) cosigned cp, signed by the log key;
// k = 0 means all of them. It returns how many distinct witnesses did.
func Cosigned(cp *tlog.Checkpoint, logKey note.Verifier, witnessKeys []string, k int) (int, error) {
	if k == 0 {
		k = len(witnessKeys)
	}
	vs := []note.Verifier{logKey}
	for _, key := range witnessKeys {
		v, err := fnote.NewVerifierForCosignatureV1(key)
		if err != nil {
			return 0, fmt.Errorf("checkpoint cosignatures: witness key %q: %v", key, err)
		}
		vs = append(vs, v)
	}
	n, err := note.Open(cp.Raw, note.VerifierList(vs...))
	if err != nil {
		return 0, fmt.Errorf("checkpoint cosignatures: %v", err)
	}
	seen := map[string]bool{}
	for _, s := range n.Sigs {
		if s.Name == logKey.Name() && s.Hash == logKey.KeyHash() {
			continue
		}
		seen[fmt.Sprintf("%s+%08x", s.Name, s.Hash)] = true
	}
	if len(seen) < k {
		return len(seen), fmt.Errorf("checkpoint is cosigned by %d of the %d witnesses given; %d required", len(seen), len(witnessKeys), k)
	}
	return len(seen), nil
}
