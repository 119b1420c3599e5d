package truce

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

// Log is the append-only Merkle log a mechanism writes its leaves to.
type Log interface {
	// Append durably assigns the next index to leaf and returns it.
	Append(ctx context.Context, leaf []byte) (uint64, error)
	// Size is the number of leaves durably assigned.
	Size(ctx context.Context) (uint64, error)
	// ReadLeaves calls fn for each leaf in [from, to), in order.
	ReadLeaves(ctx context.Context, from, to uint64, fn func(index uint64, leaf []byte) error) error
}

// Config is what a mechanism is set up with.
type Config struct {
	// Origin is the log's origin line and every record's "mechanism".
	Origin string
	// Admin is the secretariat's key; the log's first record must be its
	// self-signed admin membership.
	Admin *Verifier
}

// Receipt is the outcome of a submission.
type Receipt struct {
	Index     uint64
	Duplicate bool
}

// Mechanism accepts signed records into the log after checking them against
// the record format and the membership the log itself records, and answers
// a resubmitted envelope with the index it was first given.
type Mechanism struct {
	cfg Config
	log Log

	// order makes a member record the only write in flight while it is
	// checked, appended and applied, so no record is judged against a
	// membership that the log has already changed.
	order sync.RWMutex

	mu      sync.Mutex
	size    uint64
	byHash  map[[32]byte]uint64
	pending map[[32]byte]*inflight
	keys    map[string]*memberKey // by key id
	current map[string]string     // member id to its active key id
}

type memberKey struct {
	verifier *Verifier
	member   MemberBody
	revoked  bool
}

type inflight struct {
	done  chan struct{}
	index uint64
	err   error
}

// Open returns the mechanism whose records log holds, replaying them to
// rebuild its membership and deduplication index: the log is the only
// state, so a restart forgets nothing that was acknowledged.
func Open(ctx context.Context, cfg Config, log Log) (*Mechanism, error) {
	if cfg.Origin == "" || cfg.Admin == nil {
		return nil, fmt.Errorf("mechanism config needs an origin and an admin key")
	}
	m := &Mechanism{
		cfg: cfg, log: log,
		byHash:  map[[32]byte]uint64{},
		pending: map[[32]byte]*inflight{},
		keys:    map[string]*memberKey{},
		current: map[string]string{},
	}
	size, err := log.Size(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading log size: %v", err)
	}
	err = log.ReadLeaves(ctx, 0, size, func(i uint64, data []byte) error {
		leaf, err := ParseLeaf(data)
		if err != nil {
			return fmt.Errorf("log entry %d: %v", i, err)
		}
		if leaf.Envelope == nil {
			return fmt.Errorf("log entry %d: restricted records need a body store, which this server does not have", i)
		}
		r, err := ParseRecord(leaf.Envelope.Payload())
		if err != nil {
			return fmt.Errorf("log entry %d: %v", i, err)
		}
		m.apply(i, leaf.Envelope, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	m.size = size
	return m, nil
}

// Origin is the mechanism's origin.
func (m *Mechanism) Origin() string { return m.cfg.Origin }

// Submit checks an envelope and appends it, returning once its index is
// durably assigned. The same envelope submitted again, concurrently or
// after a restart, gets the index it was first given.
func (m *Mechanism) Submit(ctx context.Context, data []byte) (Receipt, error) {
	e, err := ParseEnvelope(data)
	if err != nil {
		return Receipt{}, err
	}
	h := e.Hash()
	m.mu.Lock()
	if i, ok := m.byHash[h]; ok {
		m.mu.Unlock()
		return Receipt{Index: i, Duplicate: true}, nil
	}
	if f, ok := m.pending[h]; ok {
		m.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return Receipt{}, ctx.Err()
		}
		return Receipt{Index: f.index, Duplicate: true}, f.err
	}
	f := &inflight{done: make(chan struct{})}
	m.pending[h] = f
	m.mu.Unlock()

	f.index, f.err = m.submit(ctx, e)
	m.mu.Lock()
	delete(m.pending, h)
	m.mu.Unlock()
	close(f.done)
	return Receipt{Index: f.index}, f.err
}

func (m *Mechanism) submit(ctx context.Context, e *Envelope) (uint64, error) {
	r, err := parseCanonicalRecord(e.Payload())
	if err != nil {
		return 0, err
	}
	if r.Mechanism != m.cfg.Origin {
		return 0, refuse(Invalid, "mechanism", "is %q, but this mechanism is %q", r.Mechanism, m.cfg.Origin)
	}
	if r.Visibility != Public {
		// The body of a restricted record must live in a store beside the
		// log; until that store exists, accepting one would lose its body.
		return 0, refuse(Invalid, "visibility", "%q records are not accepted by this server yet; only public", r.Visibility)
	}
	if r.Type == "member" {
		m.order.Lock()
		defer m.order.Unlock()
	} else {
		m.order.RLock()
		defer m.order.RUnlock()
	}
	if err := m.authorize(e, r); err != nil {
		return 0, err
	}
	i, err := m.log.Append(ctx, PublicLeaf(e))
	if err != nil {
		return 0, fmt.Errorf("appending to the log: %w", err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.apply(i, e, r)
	return i, nil
}

// authorize checks the signatures against the membership and the refs
// against the log.
func (m *Mechanism) authorize(e *Envelope, r *Record) error {
	// Look up under the lock, verify outside it: signature checks are the
	// costliest step of a submission and must run on every core.
	m.mu.Lock()
	size := m.size
	if size == 0 {
		m.mu.Unlock()
		return m.authorizeGenesis(e, r)
	}
	signers := make([]memberKey, 0, len(e.KeyIDs()))
	for i, id := range e.KeyIDs() {
		k, ok := m.keys[id]
		if !ok {
			m.mu.Unlock()
			return refuse(Forbidden, fmt.Sprintf("signatures[%d].keyid", i), "key %s is not a member's key in this mechanism", id)
		}
		if k.revoked {
			m.mu.Unlock()
			return refuse(Forbidden, fmt.Sprintf("signatures[%d].keyid", i), "key %s of member %q is revoked", id, k.member.ID)
		}
		signers = append(signers, *k)
	}
	m.mu.Unlock()
	for _, k := range signers {
		if err := e.Verify(k.verifier); err != nil {
			return err
		}
	}
	for i, ref := range r.Refs {
		if ref >= size {
			return refuse(Unresolved, fmt.Sprintf("refs[%d]", i), "log index %d does not exist (the log has %d entries)", ref, size)
		}
	}
	if r.Type == "member" {
		if _, _, err := parseMemberBody(r.Body); err != nil {
			return err
		}
		if !slices.ContainsFunc(signers, func(k memberKey) bool { return k.member.Role == "admin" }) {
			return refuse(Forbidden, "signatures", "a member record needs the admin's signature")
		}
	}
	return nil
}

// authorizeGenesis admits only the admin's own membership as the first
// record, signed by the admin key the mechanism was set up with.
func (m *Mechanism) authorizeGenesis(e *Envelope, r *Record) error {
	if r.Type != "member" {
		return refuse(Forbidden, "type", "the log's first record must be the admin's membership, not a %s", r.Type)
	}
	body, v, err := parseMemberBody(r.Body)
	if err != nil {
		return err
	}
	if body.Role != "admin" || v.KeyID() != m.cfg.Admin.KeyID() {
		return refuse(Forbidden, "body.key", "the first record must admit the mechanism's admin key %s", m.cfg.Admin.KeyID())
	}
	if len(e.KeyIDs()) != 1 {
		return refuse(Forbidden, "signatures", "the first record is signed by the admin alone")
	}
	if len(r.Refs) > 0 {
		return refuse(Unresolved, "refs[0]", "the log is empty")
	}
	return e.Verify(m.cfg.Admin)
}

// apply records the effects of the record at index i. Callers hold m.mu,
// or own m exclusively while replaying.
func (m *Mechanism) apply(i uint64, e *Envelope, r *Record) {
	h := e.Hash()
	if _, ok := m.byHash[h]; !ok {
		m.byHash[h] = i
	}
	if i+1 > m.size {
		m.size = i + 1
	}
	if r.Type != "member" {
		return
	}
	body, v, err := parseMemberBody(r.Body)
	if err != nil {
		return // refused at submission; a replayed log holds only accepted records
	}
	if old, ok := m.current[body.ID]; ok && old != v.KeyID() {
		m.keys[old].revoked = true // key rotation: the old key signs nothing more
	}
	m.keys[v.KeyID()] = &memberKey{verifier: v, member: *body, revoked: body.Status == "revoked"}
	m.current[body.ID] = v.KeyID()
}

// Lookup returns the index of the envelope whose canonical form hashes to h.
func (m *Mechanism) Lookup(h [32]byte) (uint64, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	i, ok := m.byHash[h]
	return i, ok
}
