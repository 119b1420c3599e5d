package truce

import (
	"slices"
	"strings"
	"time"
)

// comparableState is a state with every list in a fixed order and times
// in UTC, for tests to compare two states.
type comparableState struct {
	Size       uint64
	Keys       []savedKey
	Parties    []string
	Entries    []savedEntry
	ByHash     map[[32]byte]uint64
	ByPayload  map[[32]byte][]uint64
	Requests   map[uint64][]string
	Evidence   map[string][]uint64
	Restricted []uint64
	Purged     []uint64
	Policy     *WitnessPolicy
}

type savedEntry struct {
	Type            string
	Created         string // RFC 3339, with the offset it was written with
	Signers, KeyIDs []string
	Routing         *RestrictedLeaf
	Content         string
}

// StateOf is m's state, comparable with reflect.DeepEqual.
func StateOf(m *Mechanism) any {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := comparableState{Size: m.st.size, ByHash: m.st.byHash, ByPayload: m.st.byPayload, Requests: m.st.requests,
		Evidence: m.st.evidence, Restricted: m.st.restricted, Policy: m.st.policy}
	for _, k := range m.st.keys {
		out.Keys = append(out.Keys, savedKey{VKey: k.verifier.String(), Member: k.member, Revoked: k.revoked, Trusted: k.trusted,
			Current: m.st.members[k.member.ID] == k})
	}
	slices.SortFunc(out.Keys, func(a, b savedKey) int { return strings.Compare(a.VKey, b.VKey) })
	for p := range m.st.parties {
		out.Parties = append(out.Parties, p)
	}
	slices.Sort(out.Parties)
	for _, e := range m.st.entries {
		out.Entries = append(out.Entries, savedEntry{Type: e.typ, Created: e.created.Format(time.RFC3339Nano), Signers: e.signers, KeyIDs: e.keyids, Routing: e.routing, Content: e.content})
	}
	for i := range m.st.purged {
		out.Purged = append(out.Purged, i)
	}
	slices.Sort(out.Purged)
	return out
}

// HandedOver is how many entries m's followers took in memory.
func HandedOver(m *Mechanism) uint64 { return m.handedOver.Load() }

// SetReplayChunk makes replay read n entries a chunk until the test ends,
// so that a small log spans many chunks.
func SetReplayChunk(t interface{ Cleanup(func()) }, n uint64) {
	old := replayChunk
	replayChunk = n
	t.Cleanup(func() { replayChunk = old })
}

// SetBulkCatchUp makes a catch-up of n entries or more into an empty
// store a bulk load until the test ends.
func SetBulkCatchUp(t interface{ Cleanup(func()) }, n uint64) {
	old := bulkCatchUp
	bulkCatchUp = n
	t.Cleanup(func() { bulkCatchUp = old })
}
