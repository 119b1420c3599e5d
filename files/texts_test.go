package files

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestTexts: a text kept for members names the sources it was kept for and
// stays out of the directory of public texts; kept public once, it is
// public, and kept for members after, it stays public.
func TestTexts(t *testing.T) {
	dir := t.TempDir()
	ts, err := OpenTexts(dir)
	if err != nil {
		t.Fatal(err)
	}
	text := []byte("Islamabad said on Friday.\n\nKabul denied it.")
	name, err := ts.Keep(text, false, 7)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Keep(text, false, 12); err != nil {
		t.Fatal(err)
	}
	got, public, sources, err := ts.Text(name)
	if err != nil || public || !bytes.Equal(got, text) || !slices.Equal(sources, []uint64{7, 12}) {
		t.Fatalf("members' text: %q %t %v %v", got, public, sources, err)
	}
	if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
		t.Error("a members-only text is among the public ones")
	}
	if _, err := ts.Keep(text, true, 20); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Keep(text, false, 21); err != nil {
		t.Fatal(err)
	}
	got, public, _, err = ts.Text(name)
	if err != nil || !public || !bytes.Equal(got, text) {
		t.Fatalf("public text: %q %t %v", got, public, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "members", name)); err == nil {
		t.Error("a public text is still kept for members only")
	}
	if _, _, _, err := ts.Text("0000000000000000000000000000000000000000000000000000000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a text never kept: %v", err)
	}
	if _, _, _, err := ts.Text("../x"); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("a name that is no SHA-256: %v", err)
	}
}
