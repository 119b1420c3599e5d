package truce

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
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
const stateVersion = 1

// savedState is the state as States keep it. It names the tree it is the
// fold of (size and root) and the configuration it was judged under.
type savedState struct {
	Version int
	Config  [32]byte
	Size    uint64
	Root    []byte

	Keys       []savedKey // every key ever admitted
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

type savedKey struct {
	VKey             string
	Member           MemberBody
	Revoked, Trusted bool
	Current          bool // the member's current key
}

type savedEntry struct {
	Type    string
	Created time.Time
	Signers []string
	KeyIDs  []string
	Routing *RestrictedLeaf
	Content string
}

// configDigest names what a state was judged under: a state saved under
// another admin, quorum, anchors or version boundary is rebuilt.
func configDigest(cfg Config) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%d\n%d\n", cfg.Origin, cfg.Admin.KeyID(), cfg.Quorum, cfg.RulesV2From)
	for _, v := range cfg.Mediators {
		fmt.Fprintf(h, "%s\n", v.KeyID())
	}
	return [32]byte(h.Sum(nil))
}

// encode writes the state, which must be settled (every entry applied),
// as the fold of the tree of its size with root root.
func (s *state) encode(root []byte) ([]byte, error) {
	if s.settled != s.size {
		return nil, fmt.Errorf("entries %d to %d are not all applied", s.settled, s.size)
	}
	out := savedState{
		Version: stateVersion, Config: configDigest(s.cfg), Size: s.size, Root: root,
		ByHash: s.byHash, ByPayload: s.byPayload, Requests: s.requests, Evidence: s.evidence,
		Restricted: s.restricted, Policy: s.policy,
	}
	for id, k := range s.keys {
		out.Keys = append(out.Keys, savedKey{VKey: k.verifier.String(), Member: k.member, Revoked: k.revoked, Trusted: k.trusted,
			Current: s.members[k.member.ID] == k && id == k.verifier.KeyID()})
	}
	for p := range s.parties {
		out.Parties = append(out.Parties, p)
	}
	for _, e := range s.entries {
		out.Entries = append(out.Entries, savedEntry{Type: e.typ, Created: e.created, Signers: e.signers, KeyIDs: e.keyids, Routing: e.routing, Content: e.content})
	}
	for i := range s.purged {
		out.Purged = append(out.Purged, i)
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(&out); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// decodeState rebuilds a state from its saved form, returning the root
// of the tree it is the fold of.
func decodeState(cfg Config, data []byte) (*state, []byte, error) {
	var in savedState
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&in); err != nil {
		return nil, nil, fmt.Errorf("undecodable: %v", err)
	}
	switch {
	case in.Version != stateVersion:
		return nil, nil, fmt.Errorf("saved by another version (%d, not %d)", in.Version, stateVersion)
	case in.Config != configDigest(cfg):
		return nil, nil, fmt.Errorf("saved under another configuration (admin, quorum or mediators' anchors)")
	case uint64(len(in.Entries)) != in.Size:
		return nil, nil, fmt.Errorf("holds %d entries for a tree of %d", len(in.Entries), in.Size)
	}
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
	for _, e := range in.Entries {
		s.entries = append(s.entries, entryMeta{typ: e.Type, created: e.Created, signers: e.Signers, keyids: e.KeyIDs, routing: e.Routing, content: e.Content})
	}
	for _, i := range in.Purged {
		s.purged[i] = true
	}
	if in.ByHash != nil {
		s.byHash = in.ByHash
	}
	if in.ByPayload != nil {
		s.byPayload = in.ByPayload
	}
	if in.Requests != nil {
		s.requests = in.Requests
	}
	if in.Evidence != nil {
		s.evidence = in.Evidence
	}
	s.restricted, s.policy = in.Restricted, in.Policy
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
