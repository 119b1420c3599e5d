package truce

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strings"
)

// Bodies keeps the bodies of restricted records outside the log, each
// under the hex of its leaf's salted digest. Put must be durable when it
// returns, and replace what name held at once; Get of a name never put
// returns an error wrapping fs.ErrNotExist.
type Bodies interface {
	Put(name string, data []byte) error
	Get(name string) ([]byte, error)
}

// storedBody is what Bodies holds for a restricted record: its envelope and
// the salt that, with it, gives the leaf's digest. A purge replaces it with
// a tombstone that keeps only the hashes that recognize the record if it
// is posted again (docs/THREAT-MODEL.md says what they reveal, and to whom).
type storedBody struct {
	Envelope json.RawMessage `json:"envelope,omitempty"`
	Salt     string          `json:"salt,omitempty"`

	Purged         bool   `json:"purged,omitempty"`
	EnvelopeSHA256 string `json:"envelope_sha256,omitempty"`
	PayloadSHA256  string `json:"payload_sha256,omitempty"`
}

// tombstone is what a purge leaves of a restricted record's body.
func tombstone(e *Envelope) []byte {
	h, ph := e.Hash(), e.PayloadHash()
	b, _ := json.Marshal(storedBody{Purged: true, EnvelopeSHA256: hex.EncodeToString(h[:]), PayloadSHA256: hex.EncodeToString(ph[:])})
	return b
}

// purgedHashes returns the envelope and payload hashes a purged body's
// tombstone keeps, or false when there is none (a body purged before
// tombstones were kept, or missing).
func purgedHashes(bodies Bodies, rl *RestrictedLeaf) (env, payload [32]byte, ok bool) {
	if bodies == nil {
		return env, payload, false
	}
	raw, err := bodies.Get(bodyName(rl.Digest))
	if err != nil {
		return env, payload, false
	}
	var sb storedBody
	if json.Unmarshal(raw, &sb) != nil || !sb.Purged {
		return env, payload, false
	}
	e, err1 := hex.DecodeString(sb.EnvelopeSHA256)
	p, err2 := hex.DecodeString(sb.PayloadSHA256)
	if err1 != nil || err2 != nil || len(e) != 32 || len(p) != 32 {
		return env, payload, false
	}
	return [32]byte(e), [32]byte(p), true
}

// bodyName is the file name a restricted leaf's body is kept under.
func bodyName(digest string) string { return strings.TrimPrefix(digest, "sha256:") }

// restrictedLeaf forms a restricted record's leaf with a fresh salt and
// keeps its body, durably, before the leaf is appended: an acknowledged
// record never lacks its body.
func (m *Mechanism) restrictedLeaf(e *Envelope, r *Record) ([]byte, error) {
	salt := make([]byte, SaltSize)
	if _, err := rand.Read(salt); err != nil {
		return nil, err
	}
	leaf, err := NewRestrictedLeaf(e, r, salt)
	if err != nil {
		return nil, err
	}
	body, _ := json.Marshal(storedBody{Envelope: e.Canonical(), Salt: hex.EncodeToString(salt)})
	if err := m.cfg.Bodies.Put(bodyName(RestrictedDigest(e, salt)), body); err != nil {
		return nil, fmt.Errorf("keeping the restricted body: %w", err)
	}
	return leaf, nil
}

// ErrPurged is returned for a restricted record whose body is not kept.
var ErrPurged = errors.New("the body of this restricted record is not kept")

// openBody returns a restricted leaf's envelope and salt from the body
// store, checked against the leaf: the digest, and the routing metadata.
func openBody(bodies Bodies, rl *RestrictedLeaf) (*Envelope, *Record, []byte, error) {
	if bodies == nil {
		return nil, nil, nil, ErrPurged
	}
	raw, err := bodies.Get(bodyName(rl.Digest))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil, ErrPurged
	} else if err != nil {
		return nil, nil, nil, err
	}
	var sb storedBody
	if err := json.Unmarshal(raw, &sb); err != nil {
		return nil, nil, nil, fmt.Errorf("restricted body %s: %v", rl.Digest, err)
	}
	if sb.Purged {
		return nil, nil, nil, ErrPurged
	}
	salt, err := hex.DecodeString(sb.Salt)
	if err != nil || len(salt) != SaltSize {
		return nil, nil, nil, fmt.Errorf("restricted body %s: bad salt", rl.Digest)
	}
	e, err := ParseEnvelope(sb.Envelope)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("restricted body %s: %v", rl.Digest, err)
	}
	if RestrictedDigest(e, salt) != rl.Digest {
		return nil, nil, nil, fmt.Errorf("restricted body %s does not hash to its leaf's digest", rl.Digest)
	}
	r, err := ParseRecord(e.Payload())
	if err != nil {
		return nil, nil, nil, fmt.Errorf("restricted body %s: %v", rl.Digest, err)
	}
	if !sameRouting(rl, e, r) {
		return nil, nil, nil, fmt.Errorf("restricted body %s does not match its leaf's routing metadata", rl.Digest)
	}
	return e, r, salt, nil
}

func sameRouting(rl *RestrictedLeaf, e *Envelope, r *Record) bool {
	return rl.Type == r.Type && rl.Visibility == r.Visibility && rl.Created == r.Created &&
		slices.Equal(rl.Audience, r.Audience) && slices.Equal(rl.Authors, e.KeyIDs())
}

// Restricted is a restricted record as its audience reads it.
type Restricted struct {
	Envelope *Envelope
	Salt     []byte
}

// ReadRestricted returns the body of the restricted record whose leaf is
// rl, if the member whose key is keyID may read it; ok is false when it
// may not (or is no member), and nothing is revealed.
func (m *Mechanism) ReadRestricted(keyID string, rl *RestrictedLeaf) (r *Restricted, ok bool, err error) {
	if !m.CanRead(keyID, rl) {
		return nil, false, nil
	}
	e, _, salt, err := openBody(m.cfg.Bodies, rl)
	if err != nil {
		return nil, true, err
	}
	return &Restricted{Envelope: e, Salt: salt}, true, nil
}

// CanRead reports whether the member whose key is keyID may read a
// restricted record (docs/RULES.md §3): its authors always; for
// "parties", every member but observers; for "mediators", the admin and
// the mediators; for "addressed", the admin, the mediators and the members
// of the parties in its audience. A revoked key reads nothing.
func (m *Mechanism) CanRead(keyID string, rl *RestrictedLeaf) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.st.canRead(keyID, rl)
}

func (s *state) canRead(keyID string, rl *RestrictedLeaf) bool {
	k, ok := s.keys[keyID]
	if !ok || k.revoked {
		return false
	}
	if slices.Contains(rl.Authors, keyID) {
		return true
	}
	for _, a := range rl.Authors {
		if ak, ok := s.keys[a]; ok && ak.member.ID == k.member.ID {
			return true // the same member under a rotated key
		}
	}
	role := k.member.Role
	switch rl.Visibility {
	case Parties:
		return role != "observer"
	case Mediators:
		return role == "admin" || role == "mediator"
	case Addressed:
		return role == "admin" || role == "mediator" || (role == "party" && slices.Contains(rl.Audience, k.member.Party))
	}
	return false
}

// Readable returns the indices of the restricted records after index after
// that the member whose key is keyID may read, of type typ if it is not
// empty, in log order, at most limit of them. When next is not 0, more may
// follow: ask again with after = next. Records are listed only once every
// entry before them is applied, so that a cursor never passes one applied
// late; and one call examines at most maxScan restricted records, so that
// a member who may read few of many does not hold up submissions.
func (m *Mechanism) Readable(keyID, typ string, after uint64, limit int) (indices []uint64, next uint64) {
	const maxScan = 10_000
	if after == math.MaxUint64 {
		return nil, 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	from, _ := slices.BinarySearch(m.st.restricted, after+1)
	to, _ := slices.BinarySearch(m.st.restricted, m.st.settled)
	for n, i := range m.st.restricted[from:to] {
		if n == maxScan {
			return indices, m.st.restricted[from+n-1]
		}
		rl := m.st.entries[i].routing
		if (typ != "" && rl.Type != typ) || !m.st.canRead(keyID, rl) {
			continue
		}
		if len(indices) == limit {
			return indices, indices[len(indices)-1]
		}
		indices = append(indices, i)
	}
	return indices, 0
}
