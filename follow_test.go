package truce_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
)

// TestFollowHandsOverInMemory: records admitted while a projection
// follows reach it from memory, not by reading the log back, and the
// projection is the one a rebuild from the log makes.
func TestFollowHandsOverInMemory(t *testing.T) {
	m := trucetest.NewMechanism(t)
	c := m.Setup()
	open := func(name string) *sqlite.DB {
		st, err := sqlite.Open(filepath.Join(t.TempDir(), name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	live := open("live.sqlite")
	ctx, stop := context.WithCancel(t.Context())
	done := make(chan error)
	// Woken by appends only: a tick between a leaf's append to the log and
	// its entry's handing over would rightly read it from the log, and on
	// a loaded machine every tick could (the test then failed about once
	// in twenty runs).
	go func() { done <- m.Mech.Follow(ctx, live, time.Hour) }()
	// The follower has caught up with the setup before more is admitted:
	// on a loaded machine its goroutine could otherwise start after every
	// record was admitted, and rightly read them all back from the log.
	if m.Size() == 0 {
		t.Fatal("the setup admitted nothing to follow")
	}
	for n, _ := live.Size(t.Context()); n < m.Size(); n, _ = live.Size(t.Context()) {
		time.Sleep(5 * time.Millisecond)
	}
	m.Mixed(c, 600, 2)
	for n, _ := live.Size(t.Context()); n < m.Size(); n, _ = live.Size(t.Context()) {
		time.Sleep(5 * time.Millisecond)
	}
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := truce.HandedOver(m.Mech); n == 0 {
		t.Errorf("none of %d entries was handed over in memory", m.Size())
	}
	rebuilt := open("rebuilt.sqlite")
	m.Project(rebuilt)
	a, _ := truce.Digest(t.Context(), live)
	b, _ := truce.Digest(t.Context(), rebuilt)
	if a != b {
		t.Errorf("the projection followed in memory differs from a rebuild: %x, %x", a[:8], b[:8])
	}
}

// bulkCounting is a SQLite store that counts the bulk loads it is told of.
type bulkCounting struct {
	*sqlite.DB
	path         string
	begun, ended int
}

func (b *bulkCounting) BeginBulk(ctx context.Context) error { b.begun++; return b.DB.BeginBulk(ctx) }
func (b *bulkCounting) EndBulk(ctx context.Context) error   { b.ended++; return b.DB.EndBulk(ctx) }

// TestBulkCatchUp: a long catch-up into an empty store is loaded in bulk
// (its indices built at the end), and makes the projection a catch-up row
// by row makes, indices included.
func TestBulkCatchUp(t *testing.T) {
	m := trucetest.NewMechanism(t)
	c := m.Setup()
	m.Mixed(c, 600, 3)
	open := func(name string) *bulkCounting {
		path := filepath.Join(t.TempDir(), name)
		st, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return &bulkCounting{DB: st, path: path}
	}
	rowByRow := open("rows.sqlite")
	if err := truce.CatchUp(t.Context(), m.Log, rowByRow); err != nil {
		t.Fatal(err)
	}
	truce.SetBulkCatchUp(t, m.Size())
	bulk := open("bulk.sqlite")
	if err := truce.CatchUp(t.Context(), m.Log, bulk); err != nil {
		t.Fatal(err)
	}
	if rowByRow.begun != 0 || bulk.begun != 1 || bulk.ended != 1 {
		t.Fatalf("bulk loads: row by row %d, bulk %d begun and %d ended; want 0, 1 and 1", rowByRow.begun, bulk.begun, bulk.ended)
	}
	a, _ := truce.Digest(t.Context(), rowByRow)
	b, _ := truce.Digest(t.Context(), bulk)
	if a != b {
		t.Errorf("a bulk load differs from a catch-up row by row: %x, %x", b[:8], a[:8])
	}
	if x, y := indices(t, rowByRow.path), indices(t, bulk.path); x != y || x == "" {
		t.Errorf("indices after a catch-up row by row:\n%s\nafter a bulk load:\n%s", x, y)
	}
	// A catch-up that is not from an empty store is never a bulk load.
	m.Mixed(c, 20, 4)
	if err := truce.CatchUp(t.Context(), m.Log, bulk); err != nil {
		t.Fatal(err)
	}
	if bulk.begun != 1 {
		t.Errorf("a catch-up of a store holding entries was loaded in bulk")
	}
}

// indices lists the indices of the SQLite database at path, and how each
// is made.
func indices(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out strings.Builder
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "%s: %s\n", name, def)
	}
	return out.String()
}
