package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/sqlite"
	"github.com/truce-dev/truce/tlog"
)

func runReindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	dir, cfg, err := dataCommand("reindex", "the mechanism's data directory (no server may be running on it)", args, stdout)
	if err != nil {
		return err
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return fmt.Errorf("%v: stop the server before reindexing", err)
	}
	defer unlock()
	start := time.Now()
	m, err := openLocked(ctx, dir, cfg, tlog.Options{}, true)
	if err != nil {
		return err
	}
	n, err := m.store.Size(ctx)
	m.unlock = func() {}
	if cerr := m.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	d := time.Since(start)
	fmt.Fprintf(stdout, "reindexed %d entries in %v (%.0f entries/s)\n", n, d.Round(time.Millisecond), float64(n)/d.Seconds())
	return nil
}

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("audit", "--data DIR [--mediator VKEYFILE]... [--rules-v2-from N]", stdout)
	data := fs.String("data", "", "the mechanism's data directory (a server may be running on it)")
	var mediatorFiles stringList
	fs.Var(&mediatorFiles, "mediator", "a mediator's public key file, a trust anchor (repeatable; default: the anchors truce init wrote into DIR/config.json)")
	v2From := fs.Uint64("rules-v2-from", 0, "with --mediator: the log index from which version 2 of the rules applies")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *data == "" || fs.NArg() > 0 {
		return usagef("--data DIR is required")
	}
	dir := dataDir(*data)
	cfg, err := dir.config()
	if err != nil {
		return err
	}
	if len(mediatorFiles) > 0 {
		// An independent auditor's own anchors replace the operator's.
		if cfg.Mediators, err = readMediatorFiles(mediatorFiles); err != nil {
			return err
		}
		cfg.RulesV2From = *v2From
	} else if *v2From != 0 {
		return usagef("--rules-v2-from needs the --mediator keys it applies with")
	}
	mcfg, err := cfg.mechanism(dir)
	if err != nil {
		return err
	}
	switch {
	case len(mcfg.Mediators) > 0 && mcfg.RulesV2From > 0:
		fmt.Fprintf(stdout, "rules: version 1 before index %d, version 2 from it, with %d mediators' trust anchors\n", mcfg.RulesV2From, len(mcfg.Mediators))
	case len(mcfg.Mediators) > 0:
		fmt.Fprintf(stdout, "rules: version 2 throughout, with %d mediators' trust anchors\n", len(mcfg.Mediators))
	default:
		fmt.Fprintln(stdout, "rules: version 1 throughout (no mediators' trust anchors)")
	}
	return audit(ctx, dir, mcfg, stdout)
}

// audit checks the log's checkpoint, re-checks every entry's signatures and
// rules, rebuilds the projection into a scratch database, and fails unless
// it equals the live one. It reads the log's files without opening the log
// for writing, so a running server can be audited.
func audit(ctx context.Context, dir dataDir, mcfg truce.Config, stdout io.Writer) error {
	start := time.Now()
	v, err := readLogVerifier(dir.key("log.vkey"))
	if err != nil {
		return err
	}
	raw, err := tlog.ReadCheckpointFile(dir.logDir())
	if err != nil {
		return fmt.Errorf("reading the published checkpoint: %v", err)
	}
	cp, err := tlog.OpenCheckpoint(raw, v)
	if err != nil {
		return err
	}
	live, err := sqlite.Open(dir.projectionPath())
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
	log := tlog.NewReader(dir.logDir(), size)
	if err := truce.Audit(ctx, mcfg, log); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "signatures and rules: all %d entries hold (checkpoint of size %d verified)\n", size, cp.Size)

	scratchDir, err := os.MkdirTemp("", "truce-audit")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratchDir)
	scratch, err := sqlite.Open(scratchDir + "/projection.sqlite")
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
	fmt.Fprintf(stdout, "projection: equal to a rebuild from the log (%d entries, digest %x)\nOK (%v)\n", size, want[:8], time.Since(start).Round(time.Millisecond))
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

// dataCommand parses the flags of a command that takes only --data DIR and
// reads that directory's configuration.
func dataCommand(name, help string, args []string, stdout io.Writer) (dataDir, *config, error) {
	fs := newFlags(name, "--data DIR", stdout)
	data := fs.String("data", "", help)
	if err := parse(fs, args); err != nil {
		return "", nil, err
	}
	if *data == "" || fs.NArg() > 0 {
		return "", nil, usagef("--data DIR is required")
	}
	dir := dataDir(*data)
	cfg, err := dir.config()
	return dir, cfg, err
}
