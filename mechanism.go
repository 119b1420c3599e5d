package truce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
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
	// Quorum is k: how many mediators must sign a finding or admit a
	// party's first member. Zero means DefaultQuorum.
	Quorum int
	// Bodies keeps restricted records' bodies; without it, only public
	// records are accepted.
	Bodies Bodies
	// Evidence holds uploaded evidence files; with it, an evidence record
	// must describe a file that was uploaded.
	Evidence EvidenceFiles
}

// EvidenceFiles are uploaded evidence files, by hex SHA-256.
type EvidenceFiles interface {
	Size(sha256 string) (int64, error)
	Delete(sha256 string) error
}

// DefaultQuorum is k when a mechanism's configuration does not set it.
const DefaultQuorum = 2

// Receipt is the outcome of a submission.
type Receipt struct {
	Index     uint64
	Duplicate bool
}

// Mechanism accepts signed records into the log after checking them against
// the record format and the rules of docs/RULES.md, judged on the state the
// log itself records, and answers a resubmitted envelope with the index it
// was first given.
type Mechanism struct {
	cfg Config
	log Log

	// order makes a record that changes membership or the witness policy
	// (member, party, policy) the only write in flight while it is checked,
	// appended and applied, so that no record is judged against a
	// membership the log has already changed.
	order sync.RWMutex

	mu      sync.Mutex // guards st and pending
	st      *state
	pending map[[32]byte]*inflight

	appended chan struct{}

	tokens tokenCache
}

type inflight struct {
	done  chan struct{}
	index uint64
	err   error
}

// Open returns the mechanism whose records log holds, replaying them to
// rebuild its state: the log is the only state, so a restart forgets
// nothing that was acknowledged. Replay trusts what was checked at
// admission; Audit checks it again.
func Open(ctx context.Context, cfg Config, log Log) (*Mechanism, error) {
	st, err := replay(ctx, cfg, log, false)
	if err != nil {
		return nil, err
	}
	return &Mechanism{cfg: st.cfg, log: log, st: st, pending: map[[32]byte]*inflight{}, appended: make(chan struct{}, 1)}, nil
}

// Audit replays the whole log, checking every signature and every rule as
// at admission, and reports the first entry that breaks one.
func Audit(ctx context.Context, cfg Config, log Log) error {
	_, err := replay(ctx, cfg, log, true)
	return err
}

func replay(ctx context.Context, cfg Config, log Log, strict bool) (*state, error) {
	if cfg.Origin == "" || cfg.Admin == nil {
		return nil, fmt.Errorf("mechanism config needs an origin and an admin key")
	}
	if cfg.Quorum == 0 {
		cfg.Quorum = DefaultQuorum
	}
	st := newState(cfg)
	size, err := log.Size(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading log size: %v", err)
	}
	// Decoding, schemas and signatures do not depend on the order of
	// entries and run on every core; the rules, which do, run in order.
	const chunk = 4096
	workers := runtime.GOMAXPROCS(0)
	var missing []uint64 // restricted records whose body is not kept
	for from := uint64(0); from < size; from += chunk {
		to := min(size, from+chunk)
		var leaves [][]byte
		if err := log.ReadLeaves(ctx, from, to, func(_ uint64, data []byte) error {
			leaves = append(leaves, data)
			return nil
		}); err != nil {
			return nil, err
		}
		type decoded struct {
			env     *Envelope
			rec     *Record
			routing *RestrictedLeaf // a restricted record whose body is not kept
			err     error
		}
		dec := make([]decoded, len(leaves))
		parallel(len(leaves), workers, func(j int) {
			d := &dec[j]
			leaf, err := ParseLeaf(leaves[j])
			switch {
			case err != nil:
				d.err = err
			case leaf.Restricted != nil:
				d.env, d.rec, _, d.err = openBody(cfg.Bodies, leaf.Restricted)
				if errors.Is(d.err, ErrPurged) {
					d.routing, d.err = leaf.Restricted, nil
				}
			default:
				d.env = leaf.Envelope
				d.rec, d.err = parseCanonicalRecord(leaf.Envelope.Payload())
			}
			if d.err == nil && d.rec != nil && strict {
				if d.rec.Mechanism != cfg.Origin {
					d.err = refuse(Invalid, "mechanism", "is %q, but this mechanism is %q", d.rec.Mechanism, cfg.Origin)
				} else {
					d.err = ValidateBody(d.rec.Type, d.rec.Body)
				}
			}
		})
		admitted := make([]*admission, 0, len(leaves))
		var stop error
		for j := range dec {
			i := from + uint64(j)
			if dec[j].err != nil {
				stop = fmt.Errorf("log entry %d: %v", i, dec[j].err)
				if strict {
					stop = fmt.Errorf("log entry %d breaks a rule: %v", i, dec[j].err)
				}
				break
			}
			if dec[j].routing != nil {
				st.applyRouting(i, dec[j].routing)
				missing = append(missing, i)
				continue
			}
			var a *admission
			if strict {
				a, err = st.check(dec[j].env, dec[j].rec)
			} else {
				a, err = st.admit(dec[j].env, dec[j].rec)
			}
			if err != nil {
				stop = fmt.Errorf("log entry %d breaks a rule: %v", i, err)
				break
			}
			st.apply(i, a)
			admitted = append(admitted, a)
		}
		if strict {
			// A bad signature before the first broken rule is the first fault.
			bad := make([]error, len(admitted))
			parallel(len(admitted), workers, func(j int) { bad[j] = admitted[j].verify() })
			for j, err := range bad {
				if err != nil {
					return nil, fmt.Errorf("log entry %d breaks a rule: %v", from+uint64(j), err)
				}
			}
		}
		if stop != nil {
			if strict {
				// A missing body, not yet purged, is the first fault: what
				// broke a rule may have needed it.
				for _, i := range missing {
					if !st.purged[i] {
						return nil, fmt.Errorf("log entry %d breaks a rule: its restricted body is missing from the body store and no purge record targets it", i)
					}
				}
			}
			return nil, stop
		}
	}
	if strict {
		// A body may be missing only where a purge record says why.
		for _, i := range missing {
			if !st.purged[i] {
				return nil, fmt.Errorf("log entry %d breaks a rule: its restricted body is missing from the body store and no purge record targets it", i)
			}
		}
	}
	return st, nil
}

// parallel calls f(0..n-1) on workers goroutines.
func parallel(n, workers int, f func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := int(next.Add(1)) - 1; j < n; j = int(next.Add(1)) - 1 {
				f(j)
			}
		}()
	}
	wg.Wait()
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
	if i, ok := m.st.byHash[h]; ok {
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
		if m.cfg.Bodies == nil {
			// Without a store beside the log, accepting one would lose its body.
			return 0, refuse(Invalid, "visibility", "%q records are not accepted by this server: it keeps no restricted bodies", r.Visibility)
		}
		if r.Type == "member" || r.Type == "party" || r.Type == "policy" {
			return 0, refuse(Invalid, "visibility", "membership and the witness policy are public: a %s record cannot be %q", r.Type, r.Visibility)
		}
	}
	if err := ValidateBody(r.Type, r.Body); err != nil {
		return 0, err
	}
	if r.Type == "evidence" && m.cfg.Evidence != nil {
		if err := m.checkEvidenceFile(r); err != nil {
			return 0, err
		}
	}
	if r.Type == "member" || r.Type == "party" || r.Type == "policy" {
		m.order.Lock()
		defer m.order.Unlock()
	} else {
		m.order.RLock()
		defer m.order.RUnlock()
	}
	// Judge under the lock on a consistent state, but verify signatures
	// outside it: they are the costliest step and must run on every core.
	m.mu.Lock()
	a, err := m.st.check(e, r)
	m.mu.Unlock()
	if err != nil {
		return 0, err
	}
	if err := a.verify(); err != nil {
		return 0, err
	}
	leaf := PublicLeaf(e)
	if r.Visibility != Public {
		if leaf, err = m.restrictedLeaf(e, r); err != nil {
			return 0, err
		}
	}
	i, err := m.log.Append(ctx, leaf)
	if err != nil {
		return 0, fmt.Errorf("appending to the log: %w", err)
	}
	m.mu.Lock()
	m.st.apply(i, a)
	var purge *entryMeta
	if r.Type == "purge" {
		t := m.st.entries[*a.body.Target]
		purge = &t
	}
	m.mu.Unlock()
	if purge != nil {
		// Recorded first, deleted after: a crash in between leaves a purge
		// to redo (truce audit names it), never a gap without its record.
		if err := m.purge(ctx, *a.body.Target, purge); err != nil {
			return i, fmt.Errorf("purge recorded at index %d, but deleting failed: %w", i, err)
		}
	}
	select {
	case m.appended <- struct{}{}:
	default:
	}
	return i, nil
}

// Appended is signalled after records are appended, for followers of the
// log such as the projection.
func (m *Mechanism) Appended() <-chan struct{} { return m.appended }

// Lookup returns the index of the envelope whose canonical form hashes to h.
func (m *Mechanism) Lookup(h [32]byte) (uint64, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	i, ok := m.st.byHash[h]
	return i, ok
}

// checkEvidenceFile checks that an evidence record describes a file that
// was uploaded, with its size.
func (m *Mechanism) checkEvidenceFile(r *Record) error {
	f, err := DecodeFields(r.Body)
	if err != nil {
		return refuse(Invalid, "body", "%v", err)
	}
	var b struct {
		Size int64 `json:"size"`
	}
	json.Unmarshal(r.Body, &b)
	size, err := m.cfg.Evidence.Size(f.SHA256)
	if errors.Is(err, ErrPurged) {
		return refuse(Unresolved, "body.sha256", "no evidence file with SHA-256 %s was uploaded (POST /api/v1/evidence)", f.SHA256)
	} else if err != nil {
		return err
	}
	if size != b.Size {
		return refuse(Invalid, "body.size", "is %d, but the uploaded file is %d bytes", b.Size, size)
	}
	return nil
}

// EvidenceReadable reports whether the member whose key is keyID (or
// anyone, for "") may download the evidence file with this SHA-256: some
// evidence record describing it must be public, or readable by that
// member. found is false when no evidence record describes it.
func (m *Mechanism) EvidenceReadable(ctx context.Context, keyID, sha256 string) (ok, found bool, err error) {
	m.mu.Lock()
	idx := append([]uint64(nil), m.st.evidence[sha256]...)
	m.mu.Unlock()
	for _, i := range idx {
		var leaf *Leaf
		err := m.log.ReadLeaves(ctx, i, i+1, func(_ uint64, data []byte) error {
			var err error
			leaf, err = ParseLeaf(data)
			return err
		})
		if err != nil {
			return false, true, err
		}
		if leaf.Envelope != nil || (keyID != "" && m.CanRead(keyID, leaf.Restricted)) {
			return true, true, nil
		}
	}
	return false, len(idx) > 0, nil
}

// purge deletes what the purge record at a target removes: the kept body
// of a restricted record and, for evidence, the file.
func (m *Mechanism) purge(ctx context.Context, target uint64, t *entryMeta) error {
	if t.routing != nil && m.cfg.Bodies != nil {
		var digest string
		err := m.log.ReadLeaves(ctx, target, target+1, func(_ uint64, data []byte) error {
			leaf, err := ParseLeaf(data)
			if err == nil && leaf.Restricted != nil {
				digest = leaf.Restricted.Digest
			}
			return err
		})
		if err != nil {
			return err
		}
		if err := m.cfg.Bodies.Delete(bodyName(digest)); err != nil {
			return err
		}
	}
	if t.content != "" && m.cfg.Evidence != nil {
		return m.cfg.Evidence.Delete(t.content)
	}
	return nil
}

// WitnessPolicy returns the latest witness policy the log records, if any.
func (m *Mechanism) WitnessPolicy() (WitnessPolicy, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.st.policy == nil {
		return WitnessPolicy{}, false
	}
	return *m.st.policy, true
}
