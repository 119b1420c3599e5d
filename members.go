package truce

// Member returns the member whose key keyID is, and false when keyID is
// not an active member's key (unknown, or revoked or rotated away).
func (m *Mechanism) Member(keyID string) (MemberBody, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k, ok := m.st.keys[keyID]
	if !ok || k.revoked {
		return MemberBody{}, false
	}
	return k.member, true
}
