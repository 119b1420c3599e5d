package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"github.com/truce-dev/truce/ingest"
)

// runImport drafts source and claim records from articles and statements.
// It only prints: drafts are never appended unsigned (a member reviews and
// signs them). Every file is reported; the exit status is 1 when any
// failed.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", "[--json] [--paragraphs] [--server URL|--data DIR --key FILE] FILE|DIR...", stdout)
	asJSON := fs.Bool("json", false, "print one JSON draft per file, one per line (docs/FORMAT.md, \"Import drafts\")")
	paras := fs.Bool("paragraphs", false, "with --json, include every paragraph with its kind and language")
	server := fs.String("server", "", "queue the drafts on this mechanism's server for review (truce review), instead of only printing them")
	data := fs.String("data", "", "queue the drafts on the server running on this data directory")
	keyFile := fs.String("key", "", "with --server or --data: the member key that signs the uploads")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("give at least one FILE or DIR")
	}
	if *server != "" || *data != "" {
		return queueImports(ctx, *server, *data, *keyFile, fs.Args(), stdout)
	}
	files, listErrs := ingest.Files(fs.Args())
	var bar *progressbar.ProgressBar
	if f, ok := stderr.(*os.File); ok && len(files) > 1 && isTerminal(f) {
		bar = progressbar.NewOptions(len(files), progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("importing"),
			progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100_000_000))
	}
	drafts := make([]*ingest.Draft, 0, len(files)+len(listErrs))
	failed := 0
	for _, e := range listErrs {
		drafts = append(drafts, e)
		failed++
	}
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := ingest.ImportFile(name)
		if err != nil {
			failed++
		}
		drafts = append(drafts, d)
		if bar != nil {
			bar.Add(1)
		}
	}
	if bar != nil {
		bar.Finish()
	}
	ingest.Compare(drafts)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, d := range drafts {
		if *asJSON {
			if !*paras {
				d.Paragraphs = nil
			}
			if err := enc.Encode(d); err != nil {
				return err
			}
			continue
		}
		d.WriteSummary(stdout)
	}
	if !*asJSON {
		fmt.Fprintf(stdout, "%d files, %d drafted, %d failed\n", len(drafts), len(drafts)-failed, failed)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files failed", failed, len(drafts))
	}
	return nil
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
