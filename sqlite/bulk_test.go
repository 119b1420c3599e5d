package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/truce-dev/truce/sqlite"
)

func countIndices(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBulkStoppedMidway: a process stopped during a bulk load, its
// indices dropped, gets them back when the projection is next opened.
func TestBulkStoppedMidway(t *testing.T) {
	path := filepath.Join(t.TempDir(), "projection.sqlite")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	want := countIndices(t, path)
	if want == 0 {
		t.Fatal("a new projection has no indices")
	}
	if err := db.BeginBulk(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := countIndices(t, path); n != 0 {
		t.Fatalf("%d indices left during a bulk load", n)
	}
	db.Close() // stopped before EndBulk
	db, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := countIndices(t, path); n != want {
		t.Fatalf("reopened after a bulk load stopped midway: %d indices, want %d", n, want)
	}
}
