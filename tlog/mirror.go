package tlog

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/transparency-dev/tessera/api/layout"
	"github.com/transparency-dev/tessera/client"
	"golang.org/x/mod/sumdb/note"
)

// MirrorOnce brings the copy of a log in dir up to the checkpoint remote
// serves: it checks the checkpoint's signature and its consistency with
// the copy's, copies the tiles and entry bundles the new tree needs, checks
// every entry and tile of the copy against the checkpoint, and only then
// publishes the checkpoint in dir. It returns the checkpoint mirrored.
func MirrorOnce(ctx context.Context, remote Fetcher, v note.Verifier, dir string) (*Checkpoint, error) {
	raw, err := remote.ReadCheckpoint(ctx)
	if err != nil {
		return nil, fmt.Errorf("fetching the checkpoint: %v", err)
	}
	cp, err := OpenCheckpoint(raw, v)
	if err != nil {
		return nil, err
	}
	local := client.FileFetcher{Root: dir}
	if prevRaw, err := ReadCheckpointFile(dir); err == nil {
		prev, err := OpenCheckpoint(prevRaw, v)
		if err != nil {
			return nil, fmt.Errorf("the mirrored checkpoint: %v", err)
		}
		if err := VerifyExtends(ctx, remote, prev, cp); err != nil {
			return nil, err
		}
		if prev.Size == cp.Size {
			return cp, nil
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	var written []string
	copyResource := func(path string, fetch func() ([]byte, error)) error {
		full := filepath.Join(dir, filepath.FromSlash(path))
		if _, err := os.Stat(full); err == nil {
			return nil // full tiles and bundles never change
		}
		data, err := fetch()
		if err != nil {
			return fmt.Errorf("fetching %s: %v", path, err)
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		written = append(written, full)
		return os.WriteFile(full, data, 0o644)
	}
	for b := uint64(0); b*layout.EntryBundleWidth < cp.Size; b++ {
		p := layout.PartialTileSize(0, b, cp.Size)
		if err := copyResource(layout.EntriesPath(b, p), func() ([]byte, error) { return remote.ReadEntryBundle(ctx, b, p) }); err != nil {
			return nil, err
		}
	}
	for level, width := uint64(0), cp.Size; width > 0; level, width = level+1, width/layout.TileWidth {
		for n := uint64(0); n*layout.TileWidth < width; n++ {
			p := layout.PartialTileSize(level, n, cp.Size)
			if err := copyResource(layout.TilePath(level, n, p), func() ([]byte, error) { return remote.ReadTile(ctx, level, n, p) }); err != nil {
				return nil, err
			}
		}
	}
	if err := VerifyAll(ctx, local, cp); err != nil {
		// Nothing unverified stays: the next round fetches it again.
		for _, f := range written {
			os.Remove(f)
		}
		return nil, fmt.Errorf("the copy does not match the checkpoint: %v", err)
	}
	cpPath := filepath.Join(dir, layout.CheckpointPath)
	tmp := cpPath + ".tmp"
	if err := os.WriteFile(tmp, raw, 0o644); err != nil {
		return nil, err
	}
	return cp, os.Rename(tmp, cpPath)
}
