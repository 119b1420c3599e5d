package main_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/truce-dev/truce/ingest"
)

func TestImport(t *testing.T) {
	dir := t.TempDir()
	copyFile := func(name string) {
		b, err := os.ReadFile(filepath.Join("../../testdata/ingest", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"000_e799cd038898df58.txt", "001_ada22b6276ff3a2b.txt", "torkham.txt", "torkham.txt.meta.json"} {
		copyFile(n)
	}
	truce(t, "", "import").must(t, 2, "give at least one FILE or DIR")
	truce(t, "", "import", "--help").must(t, 0, "usage: truce import")

	// A good directory: exit 0, a readable summary, sidecar used.
	r := truce(t, "", "import", dir).must(t, 0, "3 files, 3 drafted, 0 failed", "same statement of", "Lt. Gen. Ahmed Sharif", "truce test fixture")
	if strings.Contains(r.stderr, "importing") {
		t.Errorf("progress bar on a non-terminal stderr: %q", r.stderr)
	}

	// Bad files next to good ones: every file reported, exit 1.
	bad := filepath.Join(dir, "bad")
	os.Mkdir(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(bad, "binary.bin"), []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2}, 0o644)
	os.WriteFile(filepath.Join(bad, "huge.txt"), bytes.Repeat([]byte("word "), ingest.MaxSize/4), 0o644)
	os.WriteFile(filepath.Join(bad, "cp1251.txt"), []byte("\xcf\xf0\xe8\xe2\xe5\xf2, the spokesperson said on Friday that the talks ended."), 0o644)
	os.WriteFile(filepath.Join(bad, "broken.html"), []byte("<html><body><div><script>x()</script"), 0o644)
	os.WriteFile(filepath.Join(bad, "meta.txt"), []byte("The Foreign Office spokesperson said that the talks in Istanbul ended without any agreement."), 0o644)
	os.WriteFile(filepath.Join(bad, "meta.txt.meta.json"), []byte(`{"published":"Friday"}`), 0o644)
	r = truce(t, "", "import", "--json", dir, filepath.Join(dir, "missing.txt")).must(t, 1, "7 of 10 files failed")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 10 {
		t.Fatalf("%d JSON lines, want 10:\n%s", len(lines), r.stdout)
	}
	errs := map[string]string{}
	for _, l := range lines {
		var d struct {
			File   string
			Source *struct {
				SHA256 string `json:"sha256"`
			}
			Claims     []map[string]any
			Duplicates []struct{ File string }
			Errors     []string
		}
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		base := filepath.Base(d.File)
		if len(d.Errors) > 0 {
			errs[base] = d.Errors[0]
			if d.Source != nil || len(d.Claims) > 0 {
				t.Errorf("%s: half-imported: %s", base, l)
			}
			continue
		}
		if d.Source == nil || len(d.Source.SHA256) != 64 || len(d.Claims) == 0 {
			t.Errorf("%s: %s", base, l)
		}
		if base == "torkham.txt" && len(d.Duplicates) != 0 {
			t.Errorf("unrelated article grouped: %s", l)
		}
	}
	for name, want := range map[string]string{
		"empty.txt": "empty", "binary.bin": "binary", "huge.txt": "larger than", "cp1251.txt": "encoding",
		"broken.html": "no main text", "meta.txt": "published", "missing.txt": "no such file",
	} {
		if !strings.Contains(errs[name], want) {
			t.Errorf("%s: error %q, want it to mention %q", name, errs[name], want)
		}
	}
}
