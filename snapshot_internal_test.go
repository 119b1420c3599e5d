package truce

import (
	"testing"
	"time"
)

// FuzzDecodeState: a saved state read back from disk, whatever its bytes,
// is decoded or refused with a reason, never a panic (a crash mid-write
// cannot happen, as it is replaced atomically, but a disk can rot).
func FuzzDecodeState(f *testing.F) {
	skey, _, err := GenerateKey("admin")
	if err != nil {
		f.Fatal(err)
	}
	admin, _ := ParseSigner(skey)
	cfg := Config{Origin: "example.org/fuzz", Admin: admin.Verifier(), Quorum: 2}
	s := newState(cfg)
	k := &memberKey{verifier: admin.Verifier(), member: MemberBody{ID: "admin", Role: "admin"}}
	s.keys[admin.KeyID()], s.members["admin"] = k, k
	s.parties["pakistan"] = true
	s.record(0, &admission{env: &Envelope{payload: []byte("{}")}, rec: &Record{Type: "member", Visibility: Public}, created: time.Unix(1, 0), signers: []*memberKey{k}})
	good, err := s.encode([]byte("root"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		st, root, err := decodeState(cfg, data)
		if err == nil && (st == nil || root == nil && len(data) > 0 && st.size > 0) {
			t.Fatalf("decoded without a state or root: %v %v", st, root)
		}
	})
}
