package datadir

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/sqlite"
	"github.com/truce-dev/truce/tlog"
)

// Audit checks the log's checkpoint, re-checks every entry's signatures and
// rules under mcfg, rebuilds the projection into a scratch database, and
// fails unless it equals the live one, reporting each step to w as it
// holds. It reads the log's files without opening the log for writing, so
// a running server can be audited.
func (d Dir) Audit(ctx context.Context, mcfg truce.Config, w io.Writer) error {
	start := time.Now()
	v, err := ReadLogVerifier(d.Key("log.vkey"))
	if err != nil {
		return err
	}
	raw, err := tlog.ReadCheckpointFile(d.LogDir())
	if err != nil {
		return fmt.Errorf("reading the published checkpoint: %v", err)
	}
	cp, err := tlog.OpenCheckpoint(raw, v)
	if err != nil {
		return err
	}
	live, err := sqlite.Open(d.ProjectionPath())
	if err != nil {
		return err
	}
	defer live.Close()
	// The live projection may be ahead of the published checkpoint; audit
	// what it holds, and no less than what the checkpoint commits to.
	size, err := live.Size(ctx)
	if err != nil {
		return err
	}
	if size < cp.Size {
		return fmt.Errorf("the projection holds %d entries, fewer than the %d the checkpoint commits to: run truce reindex", size, cp.Size)
	}
	log := tlog.NewReader(d.LogDir(), size)
	if err := truce.Audit(ctx, mcfg, log); err != nil {
		return err
	}
	fmt.Fprintf(w, "signatures and rules: all %d entries hold (checkpoint of size %d verified)\n", size, cp.Size)

	scratchDir, err := os.MkdirTemp("", "truce-audit")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratchDir)
	scratch, err := sqlite.Open(filepath.Join(scratchDir, "projection.sqlite"))
	if err != nil {
		return err
	}
	defer scratch.Close()
	if err := truce.CatchUp(ctx, log, scratch); err != nil {
		return err
	}
	want, err := truce.Digest(ctx, scratch)
	if err != nil {
		return err
	}
	got, err := digestAt(ctx, live, size)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("the live projection differs from a rebuild from the log (digest %x, rebuilt %x): run truce reindex", got[:8], want[:8])
	}
	fmt.Fprintf(w, "projection: equal to a rebuild from the log (%d entries, digest %x)\nOK (%v)\n", size, want[:8], time.Since(start).Round(time.Millisecond))
	return nil
}

// digestAt digests the live projection, which must still be at size: a
// server applying more entries meanwhile makes the comparison moot.
func digestAt(ctx context.Context, s truce.Store, size uint64) ([32]byte, error) {
	d, err := truce.Digest(ctx, s)
	if err != nil {
		return d, err
	}
	if now, err := s.Size(ctx); err != nil || now != size {
		return d, fmt.Errorf("the live projection grew from %d to %d entries during the audit; run it again", size, now)
	}
	return d, nil
}
