package ingest

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Files expands paths into the files to import: a directory gives its
// regular files, recursively and in order, leaving out hidden files and
// sidecars (*.meta.json). A path that cannot be read becomes a failed
// draft.
func Files(paths []string) ([]string, []*Draft) {
	var files []string
	var errs []*Draft
	fail := func(name string, err error) { errs = append(errs, failed(name, err)) }
	for _, a := range paths {
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

// failed is the draft of a file that could not be read.
func failed(name string, err error) *Draft {
	return &Draft{File: name, Claims: []Claim{}, Duplicates: []Duplicate{}, Errors: []string{err.Error()}}
}

// ImportFile reads the file name and its sidecar and drafts it; a file
// that cannot be read gives a failed draft and the error.
func ImportFile(name string) (*Draft, error) {
	data, meta, err := ReadDocument(name)
	if err != nil {
		return failed(name, err), err
	}
	return Import(name, data, meta)
}

// ReadDocument reads the file name, up to one byte past MaxSize (so that
// Import can refuse a huge file without reading all of it), and its
// sidecar NAME.meta.json, if any.
func ReadDocument(name string) ([]byte, *Meta, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, nil, err
	}
	var meta *Meta
	if b, err := os.ReadFile(name + ".meta.json"); err == nil {
		if meta, err = ParseMeta(b); err != nil {
			return nil, nil, fmt.Errorf("%s.meta.json: %v", filepath.Base(name), err)
		}
	} else if !os.IsNotExist(err) {
		return nil, nil, err
	}
	return data, meta, nil
}

// WriteSummary writes what d drafted, for a reader: its claims, figures
// and duplicates, one line each, or the errors of a failed draft.
func (d *Draft) WriteSummary(w io.Writer) {
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
	fmt.Fprintf(w, "  outlet %s; title %s; published %s; sha256 %s\n", OrUnknown(s.Outlet), OrUnknown(s.Title), OrUnknown(s.Published), s.SHA256)
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

// OrUnknown is v, or "unknown" for a field a document does not give.
func OrUnknown(v string) string {
	if v == "" {
		return "unknown"
	}
	return v
}
