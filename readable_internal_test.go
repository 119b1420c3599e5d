package truce

import (
	"slices"
	"testing"
)

// TestReadableWaitsForEarlierEntries applies restricted records out of log
// order, as concurrent submissions may: a record is not listed while an
// earlier entry is unapplied, so a cursor past it cannot skip that entry.
func TestReadableWaitsForEarlierEntries(t *testing.T) {
	s := newState(Config{})
	s.keys["k"] = &memberKey{member: MemberBody{ID: "admin", Role: "admin"}}
	s.entries = []entryMeta{{typ: "member"}}
	s.settle()
	m := &Mechanism{st: s}
	routing := &RestrictedLeaf{Type: "request", Visibility: Mediators, Authors: []string{"k"}, Created: "2025-11-07T12:00:00Z"}
	s.applyRouting(2, routing, nil) // entry 1 is still being appended
	if got, next := m.Readable("k", "", 0, 10); len(got) != 0 || next != 0 {
		t.Fatalf("entry 2 listed before entry 1 was applied: %v, next %d", got, next)
	}
	s.applyRouting(1, routing, nil)
	if got, _ := m.Readable("k", "", 0, 10); !slices.Equal(got, []uint64{1, 2}) {
		t.Fatalf("listed %v, want [1 2]", got)
	}
}
