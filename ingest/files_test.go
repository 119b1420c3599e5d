package ingest_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/truce-dev/truce/ingest"
)

// TestFiles expands directories in order, leaving out hidden files and
// sidecars; a path that cannot be read, and a sidecar that does not
// parse, become failed drafts naming them.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"b.txt": "b", "a/z.txt": "z", "a/y.txt": "y", "a/y.txt.meta.json": `{"outlet":"Dawn"}`,
		".hidden/x.txt": "x", "a/.x.txt": "x", "bad.txt": "bad", "bad.txt.meta.json": `{"colour":"red"}`,
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	missing := filepath.Join(dir, "missing.txt")
	files, failed := ingest.Files([]string{dir, missing})
	want := []string{filepath.Join(dir, "a/y.txt"), filepath.Join(dir, "a/z.txt"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "bad.txt")}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files %q, want %q", files, want)
	}
	if len(failed) != 1 || failed[0].File != missing || len(failed[0].Errors) != 1 {
		t.Fatalf("failed %+v", failed)
	}
	var out bytes.Buffer
	failed[0].WriteSummary(&out)
	if !strings.HasPrefix(out.String(), missing+": error: ") {
		t.Errorf("summary of a failed draft: %q", out.String())
	}

	data, meta, err := ingest.ReadDocument(want[0])
	if err != nil || string(data) != "y" || meta == nil || meta.Outlet != "Dawn" {
		t.Errorf("document with a sidecar: %q, %+v, %v", data, meta, err)
	}
	d, err := ingest.ImportFile(want[3])
	if err == nil || !strings.Contains(err.Error(), "bad.txt.meta.json") || d == nil || d.File != want[3] || len(d.Errors) != 1 {
		t.Errorf("a bad sidecar: %+v, %v", d, err)
	}
	if ingest.OrUnknown("") != "unknown" || ingest.OrUnknown("Dawn") != "Dawn" {
		t.Error("OrUnknown")
	}
}
