package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

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
	files, listErrs := importFiles(fs.Args())
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
		d, err := importOne(name)
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
		printSummary(stdout, d)
	}
	if !*asJSON {
		fmt.Fprintf(stdout, "%d files, %d drafted, %d failed\n", len(drafts), len(drafts)-failed, failed)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files failed", failed, len(drafts))
	}
	return nil
}

// importFiles expands the arguments: a directory gives its regular files,
// recursively and in order, leaving out hidden files and sidecars
// (*.meta.json). A path that cannot be read becomes a failed draft.
func importFiles(args []string) ([]string, []*ingest.Draft) {
	var files []string
	var errs []*ingest.Draft
	fail := func(name string, err error) {
		errs = append(errs, &ingest.Draft{File: name, Claims: []ingest.Claim{}, Duplicates: []ingest.Duplicate{}, Errors: []string{err.Error()}})
	}
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			fail(a, err)
			continue
		}
		if !info.IsDir() {
			files = append(files, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				fail(p, err)
				return nil
			}
			base := e.Name()
			if p != a && strings.HasPrefix(base, ".") {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if e.Type().IsRegular() && !strings.HasSuffix(base, ".meta.json") {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			fail(a, err)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, errs
}

// importOne reads one file and its sidecar and drafts it.
func importOne(name string) (*ingest.Draft, error) {
	data, meta, err := readDocument(name)
	if err != nil {
		return &ingest.Draft{File: name, Claims: []ingest.Claim{}, Duplicates: []ingest.Duplicate{}, Errors: []string{err.Error()}}, err
	}
	return ingest.Import(name, data, meta)
}

// readDocument reads a file, up to one byte past the limit (so that Import
// can refuse a huge file without reading all of it), and its sidecar.
func readDocument(name string) ([]byte, *ingest.Meta, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, ingest.MaxSize+1))
	if err != nil {
		return nil, nil, err
	}
	var meta *ingest.Meta
	if b, err := os.ReadFile(name + ".meta.json"); err == nil {
		if meta, err = ingest.ParseMeta(b); err != nil {
			return nil, nil, fmt.Errorf("%s.meta.json: %v", filepath.Base(name), err)
		}
	} else if !os.IsNotExist(err) {
		return nil, nil, err
	}
	return data, meta, nil
}

func printSummary(w io.Writer, d *ingest.Draft) {
	if len(d.Errors) > 0 {
		fmt.Fprintf(w, "%s: error: %s\n", d.File, strings.Join(d.Errors, "; "))
		return
	}
	s := d.Source
	quoted, figures := 0, 0
	for _, c := range d.Claims {
		if c.Quoted {
			quoted++
		}
		figures += len(c.Figures)
	}
	fmt.Fprintf(w, "%s: %d claims (%d quoted, %d reported), %d figures, language %s\n", d.File, len(d.Claims), quoted, len(d.Claims)-quoted, figures, s.Language)
	unknown := func(v string) string {
		if v == "" {
			return "unknown"
		}
		return v
	}
	fmt.Fprintf(w, "  outlet %s; title %s; published %s; sha256 %s\n", unknown(s.Outlet), unknown(s.Title), unknown(s.Published), s.SHA256)
	for _, c := range d.Claims {
		mark := "reported"
		if c.Quoted {
			mark = "quoted"
		}
		date := ""
		if c.Date != "" {
			date = " [" + c.Date + " " + c.DatePrecision + "]"
		}
		text := c.Text
		if r := []rune(text); len(r) > 90 {
			text = string(r[:90]) + "…"
		}
		speaker := c.Speaker
		if c.Review != "" {
			speaker = "[" + c.Review + "]"
		}
		fmt.Fprintf(w, "  ¶%d %s %s%s: %s\n", c.Paragraph, mark, speaker, date, text)
		for _, f := range c.Figures {
			attr := ""
			if f.AttributedTo != "" {
				attr = " (according to " + f.AttributedTo + ")"
			}
			fmt.Fprintf(w, "      figure: %s %d %s%s\n", f.Qualifier, f.Count, f.What, attr)
		}
	}
	for _, dup := range d.Duplicates {
		fmt.Fprintf(w, "  %s of %s (score %.2f)\n", strings.ReplaceAll(dup.Kind, "_", " "), dup.File, dup.Similarity)
		for _, diff := range dup.Differences {
			fmt.Fprintf(w, "      only here: %s\n", diff)
		}
	}
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
