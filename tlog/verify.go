package tlog

import (
	"bytes"
	"context"
	"fmt"

	"github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/transparency-dev/tessera/api"
	"github.com/transparency-dev/tessera/api/layout"
	"github.com/transparency-dev/tessera/client"
	"golang.org/x/mod/sumdb/note"
)

// Fetcher reads a log's tlog-tiles resources; client.HTTPFetcher and
// client.FileFetcher are Fetchers.
type Fetcher interface {
	ReadCheckpoint(ctx context.Context) ([]byte, error)
	ReadTile(ctx context.Context, level, index uint64, p uint8) ([]byte, error)
	ReadEntryBundle(ctx context.Context, index uint64, p uint8) ([]byte, error)
}

// Checkpoint is a checkpoint whose signature has been checked.
type Checkpoint struct {
	log.Checkpoint
	Raw []byte
}

// OpenCheckpoint checks raw's signature by the log key v; the key's name is
// the origin the checkpoint must carry.
func OpenCheckpoint(raw []byte, v note.Verifier) (*Checkpoint, error) {
	if origin, _, _ := bytes.Cut(raw, []byte("\n")); string(origin) != v.Name() {
		return nil, fmt.Errorf("checkpoint origin is %q, expected %q (the log key's name)", origin, v.Name())
	}
	cp, _, _, err := log.ParseCheckpoint(raw, v.Name(), v)
	if err != nil {
		return nil, fmt.Errorf("checkpoint is not signed by log key %s+%08x for origin %q: %v", v.Name(), v.KeyHash(), v.Name(), err)
	}
	return &Checkpoint{Checkpoint: *cp, Raw: raw}, nil
}

// VerifyExtends checks that next is consistent with prev, the last
// checkpoint the verifier saw, with a consistency proof built from tiles
// fetched by f. A smaller tree is a rollback; another root at the same size
// or an unprovable extension is a fork.
func VerifyExtends(ctx context.Context, f Fetcher, prev, next *Checkpoint) error {
	switch {
	case next.Size < prev.Size:
		return fmt.Errorf("rollback: the log's checkpoint has size %d, smaller than size %d seen before", next.Size, prev.Size)
	case next.Size == prev.Size:
		if !bytes.Equal(next.Hash, prev.Hash) {
			return fmt.Errorf("fork: two checkpoints of size %d with different roots (%x seen before, %x now)", next.Size, prev.Hash, next.Hash)
		}
		return nil
	}
	pb, err := client.NewProofBuilder(ctx, next.Size, f.ReadTile)
	if err != nil {
		return err
	}
	p, err := pb.ConsistencyProof(ctx, prev.Size, next.Size)
	if err != nil {
		return fmt.Errorf("consistency proof from size %d to %d: fetching tiles: %v", prev.Size, next.Size, err)
	}
	if err := proof.VerifyConsistency(rfc6962.DefaultHasher, prev.Size, next.Size, p, prev.Hash, next.Hash); err != nil {
		return fmt.Errorf("fork: the checkpoint of size %d does not extend the one of size %d seen before: %v", next.Size, prev.Size, err)
	}
	return nil
}

// VerifyEntry fetches the entry at index and proves it is included in the
// tree cp commits to, with a proof built from tiles fetched by f. It
// returns the entry.
func VerifyEntry(ctx context.Context, f Fetcher, cp *Checkpoint, index uint64) ([]byte, error) {
	if index >= cp.Size {
		return nil, fmt.Errorf("entry %d: not in the log's tree of size %d", index, cp.Size)
	}
	bundle, err := client.GetEntryBundle(ctx, f.ReadEntryBundle, index/layout.EntryBundleWidth, cp.Size)
	if err != nil {
		return nil, fmt.Errorf("entry %d: %v", index, err)
	}
	j := index % layout.EntryBundleWidth
	if uint64(len(bundle.Entries)) <= j {
		return nil, fmt.Errorf("entry %d: its entry bundle holds only %d entries", index, len(bundle.Entries))
	}
	entry := bundle.Entries[j]
	if err := VerifyInclusion(ctx, f, cp, index, rfc6962.DefaultHasher.HashLeaf(entry)); err != nil {
		return nil, err
	}
	return entry, nil
}

// VerifyInclusion proves the leaf hash at index is in the tree cp commits to.
func VerifyInclusion(ctx context.Context, f Fetcher, cp *Checkpoint, index uint64, leafHash []byte) error {
	pb, err := client.NewProofBuilder(ctx, cp.Size, f.ReadTile)
	if err != nil {
		return err
	}
	p, err := pb.InclusionProof(ctx, index)
	if err != nil {
		return fmt.Errorf("entry %d: inclusion proof: fetching tiles: %v", index, err)
	}
	if err := proof.VerifyInclusion(rfc6962.DefaultHasher, index, cp.Size, leafHash, p, cp.Hash); err != nil {
		return fmt.Errorf("entry %d: not included in the tree of size %d: %v", index, cp.Size, err)
	}
	return nil
}

// VerifyAll checks every entry and every hash tile of the tree cp commits
// to, as an fsck does: the entries, hashed, must give the checkpoint's root,
// and each stored tile must hold exactly the hashes the entries give. A
// changed, dropped or added entry or tile byte fails, naming where.
func VerifyAll(ctx context.Context, f Fetcher, cp *Checkpoint) error {
	hasher := rfc6962.DefaultHasher
	level := make([][]byte, 0, cp.Size)
	for b := uint64(0); b*layout.EntryBundleWidth < cp.Size; b++ {
		bundle, err := client.GetEntryBundle(ctx, f.ReadEntryBundle, b, cp.Size)
		if err != nil {
			return err
		}
		want := min(layout.EntryBundleWidth, cp.Size-b*layout.EntryBundleWidth)
		if uint64(len(bundle.Entries)) != want {
			return fmt.Errorf("entry bundle %d holds %d entries, the tree of size %d needs %d: entries were dropped or added", b, len(bundle.Entries), cp.Size, want)
		}
		for _, e := range bundle.Entries {
			level = append(level, hasher.HashLeaf(e))
		}
	}
	rf := compact.RangeFactory{Hash: hasher.HashChildren}
	r := rf.NewEmptyRange(0)
	for _, h := range level {
		if err := r.Append(h, nil); err != nil {
			return err
		}
	}
	root, err := r.GetRootHash(nil)
	if err != nil {
		return err
	}
	if !bytes.Equal(root, cp.Hash) {
		return fmt.Errorf("the log's %d entries hash to root %x, not the checkpoint's %x: an entry was changed", cp.Size, root, cp.Hash)
	}
	// Tile level L holds the tree's nodes at height 8L: for L > 0, the roots
	// of complete 256-wide subtrees of the level below.
	for tl := uint64(0); len(level) > 0; tl++ {
		for n := uint64(0); n*layout.TileWidth < uint64(len(level)); n++ {
			nodes := level[n*layout.TileWidth : min(uint64(len(level)), (n+1)*layout.TileWidth)]
			p := uint8(len(nodes) % layout.TileWidth)
			raw, err := f.ReadTile(ctx, tl, n, p)
			if err != nil {
				return fmt.Errorf("hash tile %s: %v", layout.TilePath(tl, n, p), err)
			}
			var tile api.HashTile
			if err := tile.UnmarshalText(raw); err != nil {
				return fmt.Errorf("hash tile %s: %v", layout.TilePath(tl, n, p), err)
			}
			if len(tile.Nodes) != len(nodes) {
				return fmt.Errorf("hash tile %s holds %d hashes, want %d", layout.TilePath(tl, n, p), len(tile.Nodes), len(nodes))
			}
			for i := range nodes {
				if !bytes.Equal(tile.Nodes[i], nodes[i]) {
					return fmt.Errorf("hash tile %s: hash %d differs from the hash of the entries it covers", layout.TilePath(tl, n, p), i)
				}
			}
		}
		var next [][]byte
		for n := uint64(0); (n+1)*layout.TileWidth <= uint64(len(level)); n++ {
			sub := rf.NewEmptyRange(0)
			for _, h := range level[n*layout.TileWidth : (n+1)*layout.TileWidth] {
				sub.Append(h, nil)
			}
			h, _ := sub.GetRootHash(nil)
			next = append(next, h)
		}
		level = next
	}
	return nil
}
