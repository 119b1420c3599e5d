package tlog

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/transparency-dev/tessera/api/layout"
)

// Reader reads the first Size leaves of a log directory without opening it
// for writing, so that a log a server is appending to can be audited.
type Reader struct {
	dir  string
	size uint64
}

// NewReader reads the first size leaves of the log in dir.
func NewReader(dir string, size uint64) *Reader { return &Reader{dir: dir, size: size} }

// ReadCheckpointFile returns the checkpoint published in dir.
func ReadCheckpointFile(dir string) ([]byte, error) {
	return os.ReadFile(filepath.Join(dir, layout.CheckpointPath))
}

// Size is the number of leaves the reader reads.
func (r *Reader) Size(context.Context) (uint64, error) { return r.size, nil }

// Append fails: a Reader is read-only.
func (r *Reader) Append(context.Context, []byte) (uint64, error) {
	return 0, errors.New("the log is open read-only")
}

// ReadLeaves calls fn for each leaf in [from, to), in order. A partial
// entry bundle larger than the one the size needs is read in its prefix:
// bundles only grow.
func (r *Reader) ReadLeaves(ctx context.Context, from, to uint64, fn func(uint64, []byte) error) error {
	if to > r.size {
		return fmt.Errorf("leaves up to %d requested, but the reader reads %d", to, r.size)
	}
	return readLeaves(from, to, r.readBundle, fn)
}

// readBundle reads bundle b as the reader's size needs it: the full bundle,
// or the partial one of the right width; while a server appends, a wider
// partial or the full bundle may have replaced it, and holds it as prefix.
func (r *Reader) readBundle(b uint64) ([]byte, error) {
	want := layout.PartialTileSize(0, b, r.size)
	candidates := []uint8{want, 0}
	if want > 0 {
		for w := int(want) + 1; w < layout.EntryBundleWidth; w++ {
			candidates = append(candidates, uint8(w))
		}
	}
	for _, p := range candidates {
		raw, err := os.ReadFile(filepath.Join(r.dir, layout.EntriesPath(b, p)))
		if err == nil {
			return raw, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("entry bundle %d of a log of size %d is missing", b, r.size)
}
