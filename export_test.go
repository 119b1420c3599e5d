package truce

import (
	"slices"
	"strings"
)

// StateOf is m's state in its saved form, with every list in a fixed
// order, for tests to compare two states.
func StateOf(m *Mechanism) any {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := savedState{Size: m.st.size, ByHash: m.st.byHash, ByPayload: m.st.byPayload, Requests: m.st.requests,
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
		out.Entries = append(out.Entries, savedEntry{Type: e.typ, Created: e.created, Signers: e.signers, KeyIDs: e.keyids, Routing: e.routing, Content: e.content})
	}
	for i := range m.st.purged {
		out.Purged = append(out.Purged, i)
	}
	slices.Sort(out.Purged)
	return out
}
