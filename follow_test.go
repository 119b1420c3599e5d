package truce_test

import (
	"context"
	"path/filepath"
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
	go func() { done <- m.Mech.Follow(ctx, live, time.Millisecond) }()
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
