package truce

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"math/big"
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
	// A size whose rows' length wraps around to the bytes there are.
	inv := new(big.Int).ModInverse(big.NewInt(rowSize), new(big.Int).Lsh(big.NewInt(1), 64))
	var b bytes.Buffer
	b.Write(make([]byte, 8))
	gob.NewEncoder(&b).Encode(&savedState{Version: stateVersion, Config: configDigest(cfg), Size: inv.Uint64()})
	wrap := b.Bytes()
	binary.LittleEndian.PutUint64(wrap, uint64(len(wrap)-8))
	f.Add(append(wrap, 0))
	if _, _, err := decodeState(cfg, append(wrap, 0)); err == nil {
		f.Fatal("a state whose size wraps its rows' length round was decoded")
	}
	f.Add(good[:len(good)-1])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		st, root, err := decodeState(cfg, data)
		if err == nil && (st == nil || root == nil && len(data) > 0 && st.size > 0) {
			t.Fatalf("decoded without a state or root: %v %v", st, root)
		}
	})
}
