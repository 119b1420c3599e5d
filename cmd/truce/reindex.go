package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/truce-dev/truce/internal/datadir"
	"github.com/truce-dev/truce/tlog"
)

func runReindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	dir, cfg, err := dataCommand("reindex", "the mechanism's data directory (no server may be running on it)", args, stdout)
	if err != nil {
		return err
	}
	unlock, err := datadir.Lock(dir)
	if err != nil {
		return fmt.Errorf("%v: stop the server before reindexing", err)
	}
	defer unlock()
	start := time.Now()
	m, err := datadir.OpenLocked(ctx, dir, cfg, tlog.Options{}, true)
	if err != nil {
		return err
	}
	n, err := m.Store.Size(ctx)
	if cerr := m.Close(); err == nil {
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
	dir := datadir.Dir(*data)
	cfg, err := dir.Config()
	if err != nil {
		return err
	}
	if len(mediatorFiles) > 0 {
		// An independent auditor's own anchors replace the operator's.
		if cfg.Mediators, err = datadir.ReadMediatorFiles(mediatorFiles); err != nil {
			return err
		}
		cfg.RulesV2From = *v2From
	} else if *v2From != 0 {
		return usagef("--rules-v2-from needs the --mediator keys it applies with")
	}
	mcfg, err := cfg.Mechanism(dir)
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
	return dir.Audit(ctx, mcfg, stdout)
}

// dataCommand parses the flags of a command that takes only --data DIR and
// reads that directory's configuration.
func dataCommand(name, help string, args []string, stdout io.Writer) (datadir.Dir, *datadir.Config, error) {
	fs := newFlags(name, "--data DIR", stdout)
	data := fs.String("data", "", help)
	if err := parse(fs, args); err != nil {
		return "", nil, err
	}
	if *data == "" || fs.NArg() > 0 {
		return "", nil, usagef("--data DIR is required")
	}
	dir := datadir.Dir(*data)
	cfg, err := dir.Config()
	return dir, cfg, err
}
