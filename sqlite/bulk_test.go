package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"strings"
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

// TestBulkKeepsOtherIndices: an index an operator added is not schema.sql's
// and is left alone by a bulk load.
func TestBulkKeepsOtherIndices(t *testing.T) {
	path := filepath.Join(t.TempDir(), "projection.sqlite")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`CREATE INDEX operators_own ON entries(created)`); err != nil {
		t.Fatal(err)
	}
	if err := db.BeginBulk(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := countIndices(t, path); n != 1 {
		t.Fatalf("%d indices during a bulk load, want the operator's one alone", n)
	}
	if err := db.EndBulk(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// TestOldPayloadsLayoutRebuilt: a projection whose payloads table is keyed
// by hash, as before it was keyed by index, is emptied on open, to be
// rebuilt from the log.
func TestOldPayloadsLayoutRebuilt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "projection.sqlite")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DROP TABLE payloads`,
		`CREATE TABLE payloads (sha256 BLOB NOT NULL, idx INTEGER NOT NULL, keyids TEXT NOT NULL, PRIMARY KEY (sha256, idx)) WITHOUT ROWID`,
		`INSERT INTO meta (k, v) VALUES ('size', 7) ON CONFLICT (k) DO UPDATE SET v = excluded.v`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	db, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, err := db.Size(t.Context()); err != nil || n != 0 {
		t.Fatalf("size %d (%v) after opening the old layout, want 0: rebuilt from the log", n, err)
	}
	check, _ := sql.Open("sqlite", path)
	defer check.Close()
	var def string
	if err := check.QueryRow(`SELECT sql FROM sqlite_master WHERE name = 'payloads'`).Scan(&def); err != nil || strings.Contains(def, "WITHOUT ROWID") {
		t.Fatalf("payloads after the rebuild: %s (%v)", def, err)
	}
}
