package truce

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
)

// States keeps the mechanism's state between runs — membership, the
// deduplication indices, every entry's metadata — with the tree it
// reflects, so that a start replays only the log's tail. It is an
// interface so that a database several nodes share can keep it later.
type States interface {
	// LoadState returns the state saved last, or an error wrapping
	// fs.ErrNotExist when there is none.
	LoadState() ([]byte, error)
	// SaveState replaces the saved state, durably.
	SaveState(data []byte) error
}

// ProvingLog is a log that can prove that a tree it had is a prefix of
// its current one: a saved state is trusted only with such a proof.
type ProvingLog interface {
	Log
	Checkpoint(ctx context.Context) ([]byte, *log.Checkpoint, error)
	ConsistencyProof(ctx context.Context, old, new uint64) ([][]byte, error)
}

// stateVersion changes whenever the saved form of the state does; a state
// of another version is rebuilt from the log.
const stateVersion = 4

// savedState is the state as States keep it. It names the tree it is the
// fold of (size and root) and the configuration it was judged under. It
// is written as a gob of what is small or sparse, then one fixed-width row
// per entry (row), read in place: a million entries must load in about a
// second, and gob decodes maps and structs element by element and grows
// large byte slices in steps.
type savedState struct {
	Version int
	Config  [32]byte
	Size    uint64
	Root    []byte

	Keys    []savedKey // every key ever admitted
	Parties []string
	Policy  *WitnessPolicy

	Sets     [][]string                 // signer lists, which rows name by index
	Routing  map[uint64]*RestrictedLeaf // restricted entries
	Content  map[uint64]string          // evidence entries' file hashes
	Requests map[uint64][]string
	Evidence map[string][]uint64
	Purged   []uint64
}

// A row is an entry's type (an index into the registry), its created
// time (Unix seconds, nanoseconds and the offset it was written with, in
// seconds), its signers and keys (indices into Sets), the envelope hash
// it is found by and its payload's hash (zeros for none), little-endian.
const rowSize = 1 + 8 + 4 + 4 + 4 + 4 + 32 + 32

// Offsets of a row's columns.
const (
	rowSecs    = 1
	rowNanos   = 9
	rowOffset  = 13
	rowSigners = 17
	rowKeyIDs  = 21
	rowEnv     = 25
	rowPay     = 57
)

type savedKey struct {
	VKey             string
	Member           MemberBody
	Revoked, Trusted bool
	Current          bool // the member's current key
}

// configDigest names what a state was judged under: a state saved under
// another admin, quorum, anchors or version boundary is rebuilt.
func configDigest(cfg Config) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%d\n%d\n", cfg.Origin, cfg.Admin.KeyID(), cfg.Quorum, cfg.RulesV2From)
	for _, v := range cfg.Mediators {
		fmt.Fprintf(h, "%s\n", v.KeyID())
	}
	// Rows name types by their place in the registry.
	for _, t := range registry {
		fmt.Fprintf(h, "type %s\n", t.Name)
	}
	return [32]byte(h.Sum(nil))
}

// encode writes the state, which must be settled (every entry applied),
// as the fold of the tree of its size with root root.
func (s *state) encode(root []byte) ([]byte, error) {
	if s.settled != s.size {
		return nil, fmt.Errorf("entries %d to %d are not all applied", s.settled, s.size)
	}
	n := len(s.entries)
	out := savedState{
		Version: stateVersion, Config: configDigest(s.cfg), Size: s.size, Root: root, Policy: s.policy,
		Routing: map[uint64]*RestrictedLeaf{}, Content: map[uint64]string{}, Requests: s.requests, Evidence: s.evidence,
	}
	for id, k := range s.keys {
		out.Keys = append(out.Keys, savedKey{VKey: k.verifier.String(), Member: k.member, Revoked: k.revoked, Trusted: k.trusted,
			Current: s.members[k.member.ID] == k && id == k.verifier.KeyID()})
	}
	for p := range s.parties {
		out.Parties = append(out.Parties, p)
	}
	sets := map[string]uint32{}
	intern := func(ids []string) uint32 {
		key := strings.Join(ids, "\x00")
		i, ok := sets[key]
		if !ok {
			i = uint32(len(out.Sets))
			sets[key] = i
			out.Sets = append(out.Sets, ids)
		}
		return i
	}
	rows := make([]byte, rowSize*n)
	le := binary.LittleEndian
	for i, e := range s.entries {
		t := slices.IndexFunc(registry, func(t RecordType) bool { return t.Name == e.typ })
		if t < 0 {
			return nil, fmt.Errorf("entry %d has no type", i)
		}
		r := rows[rowSize*i:]
		r[0] = byte(t)
		_, offset := e.created.Zone()
		le.PutUint64(r[rowSecs:], uint64(e.created.Unix()))
		le.PutUint32(r[rowNanos:], uint32(e.created.Nanosecond()))
		le.PutUint32(r[rowOffset:], uint32(int32(offset)))
		le.PutUint32(r[rowSigners:], intern(e.signers))
		le.PutUint32(r[rowKeyIDs:], intern(e.keyids))
		if e.routing != nil {
			out.Routing[uint64(i)] = e.routing
		}
		if e.content != "" {
			out.Content[uint64(i)] = e.content
		}
	}
	for h, i := range s.byHash {
		copy(rows[rowSize*i+rowEnv:], h[:])
	}
	for h, idx := range s.byPayload {
		for _, i := range idx {
			copy(rows[rowSize*i+rowPay:], h[:])
		}
	}
	for i := range s.purged {
		out.Purged = append(out.Purged, i)
	}
	var b bytes.Buffer
	b.Write(make([]byte, 8)) // the gob's length, once known
	if err := gob.NewEncoder(&b).Encode(&out); err != nil {
		return nil, err
	}
	data := b.Bytes()
	le.PutUint64(data, uint64(len(data)-8))
	return append(data, rows...), nil
}

// decodeState rebuilds a state from its saved form, returning the root
// of the tree it is the fold of.
func decodeState(cfg Config, data []byte) (*state, []byte, error) {
	le := binary.LittleEndian
	if len(data) < 8 || le.Uint64(data) > uint64(len(data)-8) {
		return nil, nil, fmt.Errorf("undecodable: %d bytes", len(data))
	}
	meta, rows := data[8:8+le.Uint64(data)], data[8+le.Uint64(data):]
	var in savedState
	if err := gob.NewDecoder(bytes.NewReader(meta)).Decode(&in); err != nil {
		return nil, nil, fmt.Errorf("undecodable: %v", err)
	}
	switch {
	case in.Version != stateVersion:
		return nil, nil, fmt.Errorf("saved by another version (%d, not %d)", in.Version, stateVersion)
	case in.Config != configDigest(cfg):
		return nil, nil, fmt.Errorf("saved under another configuration (admin, quorum or mediators' anchors)")
	case in.Size > uint64(len(rows))/rowSize || uint64(len(rows)) != rowSize*in.Size:
		return nil, nil, fmt.Errorf("it has %d bytes of rows for the %d entries of its tree", len(rows), in.Size)
	}
	for i := range in.Requests {
		if i >= in.Size {
			return nil, nil, fmt.Errorf("request %d of %d entries", i, in.Size)
		}
	}
	for _, idx := range in.Evidence {
		for _, i := range idx {
			if i >= in.Size {
				return nil, nil, fmt.Errorf("evidence record %d of %d entries", i, in.Size)
			}
		}
	}
	for _, i := range in.Purged {
		if i >= in.Size {
			return nil, nil, fmt.Errorf("purged entry %d of %d entries", i, in.Size)
		}
	}
	n := int(in.Size)
	s := newState(cfg)
	s.size, s.settled = in.Size, in.Size
	for _, k := range in.Keys {
		v, err := ParseVerifier(k.VKey)
		if err != nil {
			return nil, nil, fmt.Errorf("key %q: %v", k.VKey, err)
		}
		mk := &memberKey{verifier: v, member: k.Member, revoked: k.Revoked, trusted: k.Trusted}
		s.keys[v.KeyID()] = mk
		if k.Current {
			s.members[k.Member.ID] = mk
		}
	}
	for _, p := range in.Parties {
		s.parties[p] = true
	}
	set := func(i uint32) ([]string, error) {
		if int(i) >= len(in.Sets) {
			return nil, fmt.Errorf("a signer set %d of %d", i, len(in.Sets))
		}
		return in.Sets[i], nil
	}
	s.entries = make([]entryMeta, n)
	s.byHash = make(map[[32]byte]uint64, n)
	s.byPayload = make(map[[32]byte][]uint64, n)
	var zero [32]byte
	zones := map[int32]*time.Location{} // one per offset, not per entry
	for i := range n {
		r := rows[rowSize*i : rowSize*(i+1)]
		if int(r[0]) >= len(registry) {
			return nil, nil, fmt.Errorf("entry %d: no record type %d", i, r[0])
		}
		signers, err := set(le.Uint32(r[rowSigners:]))
		if err != nil {
			return nil, nil, err
		}
		keyids, err := set(le.Uint32(r[rowKeyIDs:]))
		if err != nil {
			return nil, nil, err
		}
		created := time.Unix(int64(le.Uint64(r[rowSecs:])), int64(le.Uint32(r[rowNanos:])))
		if offset := int32(le.Uint32(r[rowOffset:])); offset == 0 {
			created = created.UTC()
		} else {
			loc, ok := zones[offset]
			if !ok {
				loc = time.FixedZone("", int(offset))
				zones[offset] = loc
			}
			created = created.In(loc)
		}
		s.entries[i] = entryMeta{typ: registry[r[0]].Name, created: created, signers: signers, keyids: keyids}
		if h := [32]byte(r[rowEnv : rowEnv+32]); h != zero {
			if _, seen := s.byHash[h]; !seen {
				s.byHash[h] = uint64(i)
			}
		}
		if h := [32]byte(r[rowPay : rowPay+32]); h != zero {
			s.byPayload[h] = append(s.byPayload[h], uint64(i))
		}
	}
	// The sparse columns, each walked once rather than looked up per entry.
	for i, rl := range in.Routing {
		if i >= in.Size || rl == nil {
			return nil, nil, fmt.Errorf("restricted entry %d of %d", i, in.Size)
		}
		s.entries[i].routing = rl
		s.restricted = append(s.restricted, i)
	}
	slices.Sort(s.restricted)
	for i, c := range in.Content {
		if i >= in.Size {
			return nil, nil, fmt.Errorf("evidence entry %d of %d", i, in.Size)
		}
		s.entries[i].content = c
	}
	for _, i := range in.Purged {
		s.purged[i] = true
	}
	if in.Requests != nil {
		s.requests = in.Requests
	}
	if in.Evidence != nil {
		s.evidence = in.Evidence
	}
	s.policy = in.Policy
	return s, in.Root, nil
}

// savedStateFor returns the saved state, if there is one the log proves
// it is the fold of a prefix of; otherwise nil, saying why it is not used.
func savedStateFor(ctx context.Context, cfg Config, l Log) (*state, string) {
	pl, ok := l.(ProvingLog)
	if cfg.States == nil || !ok {
		return nil, ""
	}
	data, err := cfg.States.LoadState()
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ""
	} else if err != nil {
		return nil, fmt.Sprintf("reading it failed: %v", err)
	}
	st, root, err := decodeState(cfg, data)
	if err != nil {
		return nil, err.Error()
	}
	_, cp, err := pl.Checkpoint(ctx)
	if err != nil {
		return nil, fmt.Sprintf("reading the log's checkpoint failed: %v", err)
	}
	switch {
	case cp.Size < st.size:
		return nil, fmt.Sprintf("it reflects %d entries, but the log's checkpoint has %d", st.size, cp.Size)
	case cp.Size == st.size:
		if !bytes.Equal(cp.Hash, root) {
			return nil, fmt.Sprintf("its tree of %d entries has another root than the log's", st.size)
		}
	default:
		p, err := pl.ConsistencyProof(ctx, st.size, cp.Size)
		if err == nil {
			err = proof.VerifyConsistency(rfc6962.DefaultHasher, st.size, cp.Size, p, root, cp.Hash)
		}
		if err != nil {
			return nil, fmt.Sprintf("its tree of %d entries is not a prefix of the log's of %d: %v", st.size, cp.Size, err)
		}
	}
	return st, ""
}

// SaveState saves the mechanism's state, if every entry is applied and
// the log's checkpoint covers exactly them, so that the next start replays
// only what is appended after; otherwise it says why not, and saves
// nothing. It does nothing without cfg.States.
func (m *Mechanism) SaveState(ctx context.Context) error {
	pl, ok := m.log.(ProvingLog)
	if m.cfg.States == nil || !ok {
		return nil
	}
	_, cp, err := pl.Checkpoint(ctx)
	if err != nil {
		return err
	}
	m.mu.Lock()
	var data []byte
	if m.st.size == cp.Size {
		data, err = m.st.encode(cp.Hash)
	} else {
		err = fmt.Errorf("it has %d entries, the checkpoint %d", m.st.size, cp.Size)
	}
	m.mu.Unlock()
	if err != nil {
		// Not a failure: the next start replays more of the log.
		slog.Warn("the mechanism's state is not saved", "why", err)
		return nil
	}
	return m.cfg.States.SaveState(data)
}

// logUnusedState says, once, why a saved state was not used.
func logUnusedState(why string) {
	if why != "" {
		slog.Warn("the saved mechanism state is not used; rebuilding it from the log", "why", why)
	}
}
