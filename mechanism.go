package truce

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
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
	// Mediators are the mediators' keys: trust anchors held outside the
	// log, as the log key is (docs/RULES.md, version 2). With them, version
	// 2 of the rules applies from index RulesV2From on; without them, the
	// whole log is judged by version 1.
	Mediators   []*Verifier
	RulesV2From uint64
	// States, when set, keeps the mechanism's state between runs, so that
	// Open replays only the log's tail (SaveState).
	States States
	// Texts, when set, holds the extracted texts of accepted sources: a
	// purge of a restricted source deletes the text kept for it alone.
	Texts SourceTexts
}

// SourceTexts are the texts kept for source records (docs/FORMAT.md §10).
type SourceTexts interface {
	// Forget drops what is kept for the source at index: a text kept for
	// no other source is deleted.
	Forget(index uint64) error
}

// EvidenceFiles are uploaded evidence files, by hex SHA-256. Size of a
// file not kept returns an error wrapping fs.ErrNotExist.
type EvidenceFiles interface {
	Size(sha256 string) (int64, error)
	Delete(sha256 string) error
	// Uploaded reports whether the member whose key is keyID uploaded
	// the file.
	Uploaded(sha256, keyID string) (bool, error)
}

// DefaultQuorum is k when a mechanism's configuration does not set it.
const DefaultQuorum = 2

// Receipt is the outcome of a submission.
type Receipt struct {
	Index uint64
	// Duplicate says why a submission was already recorded at Index: ""
	// for a new record, DuplicateEnvelope for the same envelope,
	// DuplicatePayload for its payload signed by some of its signers.
	Duplicate string
}

// Why a submission was already recorded.
const (
	DuplicateEnvelope = "envelope"
	DuplicatePayload  = "payload"
)

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

	mu sync.Mutex // guards st and pending
	st *state
	// pending holds the payloads being submitted, by hash, each closed
	// when its submission ends.
	pending map[[32]byte]chan struct{}

	appended chan struct{}
	// recent holds the entries admitted since a follower last took them
	// (Follow), by index, so that the projection is handed them in memory;
	// nil while no one follows.
	recent map[uint64]Entry
	// handedOver counts the entries a follower took from recent.
	handedOver atomic.Uint64

	tokens tokenCache
}

// Open returns the mechanism whose records log holds, replaying them to
// rebuild its state: the log is the only state, so a restart forgets
// nothing that was acknowledged. Replay trusts what was checked at
// admission; Audit checks it again.
func Open(ctx context.Context, cfg Config, log Log) (*Mechanism, error) {
	cfg, err := prepare(cfg)
	if err != nil {
		return nil, err
	}
	saved, why := savedStateFor(ctx, cfg, log)
	logUnusedState(why)
	st, err := replay(ctx, cfg, log, false, saved)
	if err != nil {
		return nil, err
	}
	return &Mechanism{cfg: st.cfg, log: log, st: st, pending: map[[32]byte]chan struct{}{}, appended: make(chan struct{}, 1)}, nil
}

// Audit replays the whole log, checking every signature and every rule as
// at admission. It stops at the first entry that breaks a rule the log
// cannot be read past, and names every entry that breaks one of the rules
// version 1 let through (docs/THREAT-MODEL.md): a repeated payload, a
// record created before the mechanism began or after later entries, an
// evidence record describing a file its signers may not read.
func Audit(ctx context.Context, cfg Config, log Log) error {
	cfg, err := prepare(cfg)
	if err != nil {
		return err
	}
	_, err = replay(ctx, cfg, log, true, nil)
	return err
}

// maxNamed bounds how many entries Audit names in its error.
const maxNamed = 100

// prepare checks a configuration and fills its defaults.
func prepare(cfg Config) (Config, error) {
	if cfg.Origin == "" || cfg.Admin == nil {
		return cfg, fmt.Errorf("mechanism config needs an origin and an admin key")
	}
	if cfg.Quorum == 0 {
		cfg.Quorum = DefaultQuorum
	}
	if len(cfg.Mediators) > 0 && cfg.Quorum > len(cfg.Mediators) {
		return cfg, fmt.Errorf("mechanism config: a quorum of %d mediators cannot be met by the %d mediators' keys given", cfg.Quorum, len(cfg.Mediators))
	}
	return cfg, nil
}

// replay folds the log's entries into st (a new state when nil), from the
// first entry st does not reflect: with strict, judging each by the rules
// and its signatures as at admission, as Audit does.
func replay(ctx context.Context, cfg Config, log Log, strict bool, st *state) (*state, error) {
	if st == nil {
		st = newState(cfg)
	}
	size, err := log.Size(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading log size: %v", err)
	}
	// Decoding, schemas and signatures do not depend on the order of
	// entries and run on every core; the rules, which do, run in order.
	// The three overlap: the next chunk is decoded and the last one's
	// signatures checked while the rules judge this one, so that no core
	// waits on the one judging.
	chunk := replayChunk
	workers := runtime.GOMAXPROCS(0)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan decodedChunk, 1)
	go func() {
		defer close(chunks)
		for from := st.size; from < size; from += chunk {
			c := decodeChunk(ctx, cfg, log, from, min(size, from+chunk), strict, workers)
			select {
			case chunks <- c:
			case <-ctx.Done():
				return
			}
			if c.err != nil {
				return
			}
		}
	}()
	var missing []uint64 // restricted records whose body is not kept
	var named []error    // entries that break a rule version 1 let through
	name := func(i uint64, err error) {
		named = append(named, fmt.Errorf("log entry %d breaks a rule: %v", i, err))
	}
	// Signatures are checked behind the rules, a chunk or two at a time;
	// a bad one is the first fault when it comes before the first broken
	// rule, so every check still running is waited for before a rule's
	// breach is reported.
	var verifying []*signatureChecks
	firstBadSignature := func(keep int) error {
		for len(verifying) > keep {
			v := verifying[0]
			verifying = verifying[1:]
			v.wg.Wait()
			for j, err := range v.bad {
				if err != nil {
					return fmt.Errorf("log entry %d breaks a rule: %v", v.done[j].i, err)
				}
			}
		}
		return nil
	}
	for c := range chunks {
		if c.err != nil {
			// A bad signature in a chunk already judged came first.
			if err := firstBadSignature(0); err != nil {
				return nil, err
			}
			return nil, c.err
		}
		from, dec := c.from, c.dec
		var done []admitted
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
			if rl := dec[j].routing; rl != nil {
				env, payload, ok := purgedHashes(cfg.Bodies, rl)
				if ok {
					if _, seen := st.byHash[env]; !seen {
						st.byHash[env] = i
					}
					st.applyRouting(i, rl, &payload)
				} else {
					st.applyRouting(i, rl, nil)
				}
				missing = append(missing, i)
				continue
			}
			e := dec[j].env
			if of, _, ok := st.repeatOf(e.PayloadHash(), e.KeyIDs()); ok {
				// The same statement again: recorded, never counted twice.
				a, err := st.admit(e, dec[j].rec, dec[j].body)
				if err != nil {
					stop = fmt.Errorf("log entry %d breaks a rule: %v", i, err)
					break
				}
				st.record(i, a)
				if strict {
					done = append(done, admitted{i, a})
					name(i, fmt.Errorf("it repeats the payload of log entry %d with some of the same signers: it is the same record, and changes nothing", of))
				}
				continue
			}
			var a *admission
			var err error
			if strict {
				a, err = st.check(e, dec[j].rec, dec[j].body)
				if err == nil {
					if lerr := st.limits(a, true); lerr != nil {
						name(i, lerr)
					}
				}
			} else {
				a, err = st.admit(e, dec[j].rec, dec[j].body)
			}
			if err != nil {
				stop = fmt.Errorf("log entry %d breaks a rule: %v", i, err)
				break
			}
			st.apply(i, a)
			done = append(done, admitted{i, a})
		}
		if strict {
			v := &signatureChecks{done: done, bad: make([]error, len(done))}
			v.wg.Add(1)
			go func() {
				defer v.wg.Done()
				parallel(len(v.done), workers, func(j int) { v.bad[j] = v.done[j].a.verify() })
			}()
			verifying = append(verifying, v)
			keep := 2 // chunks whose signatures may still be checked behind the rules
			if stop != nil {
				keep = 0
			}
			if err := firstBadSignature(keep); err != nil {
				return nil, err
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
				named = append(named, stop)
				return nil, joinNamed(named)
			}
			return nil, stop
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if strict {
		if err := firstBadSignature(0); err != nil {
			return nil, err
		}
		// A body may be missing only where a purge record says why.
		for _, i := range missing {
			if !st.purged[i] {
				return nil, fmt.Errorf("log entry %d breaks a rule: its restricted body is missing from the body store and no purge record targets it", i)
			}
		}
		named = append(named, st.futureCreated(time.Now())...)
		if len(named) > 0 {
			return nil, joinNamed(named)
		}
	}
	return st, nil
}

// replayChunk is how many entries replay decodes at a time.
var replayChunk uint64 = 4096

// admitted is an entry the rules admitted, its signatures still to check.
type admitted struct {
	i uint64
	a *admission
}

// signatureChecks are one chunk's signatures, checked behind the rules.
type signatureChecks struct {
	done []admitted
	bad  []error
	wg   sync.WaitGroup
}

// decodedChunk is a chunk of entries decoded for replay.
type decodedChunk struct {
	from uint64
	dec  []decodedEntry
	err  error // reading the chunk failed
}

type decodedEntry struct {
	env     *Envelope
	rec     *Record
	body    *Fields
	routing *RestrictedLeaf // a restricted record whose body is not kept
	err     error
}

// decodeChunk reads and decodes the entries in [from, to) on every core:
// strict, as Audit does, checking each leaf's canonical form and each
// body against its schema.
func decodeChunk(ctx context.Context, cfg Config, log Log, from, to uint64, strict bool, workers int) decodedChunk {
	var leaves [][]byte
	if err := log.ReadLeaves(ctx, from, to, func(_ uint64, data []byte) error {
		leaves = append(leaves, data)
		return nil
	}); err != nil {
		return decodedChunk{err: err}
	}
	dec := make([]decodedEntry, len(leaves))
	parallel(len(leaves), workers, func(j int) {
		d := &dec[j]
		read := readLeaf
		if strict {
			read = ParseLeaf
		}
		leaf, err := read(leaves[j])
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
		switch {
		case d.err != nil || d.rec == nil:
		case !strict:
			d.body, d.err = DecodeFields(d.rec.Body)
		case d.rec.Mechanism != cfg.Origin:
			d.err = refuse(Invalid, "mechanism", "is %q, but this mechanism is %q", d.rec.Mechanism, cfg.Origin)
		default:
			d.body, d.err = validateBody(d.rec.Type, d.rec.Body)
		}
	})
	return decodedChunk{from: from, dec: dec}
}

// joinNamed joins the errors naming entries, at most maxNamed of them.
func joinNamed(named []error) error {
	if len(named) > maxNamed {
		rest := len(named) - maxNamed
		named = append(named[:maxNamed:maxNamed], fmt.Errorf("and %d more", rest))
	}
	return errors.Join(named...)
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
// after a restart, gets the index it was first given; so does its payload
// signed again by some of the signers it was recorded with (IsRepeat).
func (m *Mechanism) Submit(ctx context.Context, data []byte) (Receipt, error) {
	e, err := ParseEnvelope(data)
	if err != nil {
		return Receipt{}, err
	}
	h, ph := e.Hash(), e.PayloadHash()
	for {
		m.mu.Lock()
		if i, ok := m.st.byHash[h]; ok && m.st.mayConfirm(i, e.KeyIDs()) {
			m.mu.Unlock()
			return Receipt{Index: i, Duplicate: DuplicateEnvelope}, nil
		}
		// One submission of a payload at a time: the next is judged
		// against what the first one did.
		if wait, ok := m.pending[ph]; ok {
			m.mu.Unlock()
			select {
			case <-wait:
			case <-ctx.Done():
				return Receipt{}, ctx.Err()
			}
			continue
		}
		done := make(chan struct{})
		m.pending[ph] = done
		of, keys, repeat := m.st.repeatOf(ph, e.KeyIDs())
		repeat = repeat && m.st.mayConfirm(of, e.KeyIDs())
		secret := repeat && m.st.entries[of].routing != nil
		m.mu.Unlock()

		var rc Receipt
		if repeat {
			err = verifyAll(e, keys)
			if err == nil {
				rc = Receipt{Index: of, Duplicate: DuplicatePayload}
			}
		}
		// Not a repeat, or not signed by those keys after all: judged as
		// any new record, so that the answer tells nothing of whether the
		// payload is recorded. A restricted one whose signature failed
		// already has the answer a new record gets (its keys are active,
		// and a new record's signatures are verified first), at the cost
		// of one verification, as a new record's.
		if !repeat || (err != nil && !secret) {
			rc.Index, err = m.submit(ctx, e)
		}
		m.mu.Lock()
		delete(m.pending, ph)
		m.mu.Unlock()
		close(done)
		return rc, err
	}
}

// verifyAll checks e's signature by each key.
func verifyAll(e *Envelope, keys []*Verifier) error {
	for _, k := range keys {
		if err := e.Verify(k); err != nil {
			return err
		}
	}
	return nil
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
		if t, _ := TypeOf(r.Type); t.Public {
			return 0, refuse(Invalid, "visibility", "membership and the witness policy are public: a %s record cannot be %q", r.Type, r.Visibility)
		}
	}
	if created, _ := time.Parse(time.RFC3339, r.Created); created.After(time.Now().Add(MaxClockSkew)) {
		return 0, refuse(Invalid, "created", "%s is later than this server's clock (%s) by more than %v", r.Created, time.Now().UTC().Format(time.RFC3339), MaxClockSkew)
	}
	body, err := validateBody(r.Type, r.Body)
	if err != nil {
		return 0, err
	}
	if r.Type == "member" || r.Type == "party" || r.Type == "policy" {
		m.order.Lock()
		defer m.order.Unlock()
	} else {
		m.order.RLock()
		defer m.order.RUnlock()
	}
	// Signatures first, outside the lock (they are the costliest step and
	// must run on every core): no rule is judged, and so nothing the log
	// holds is told, for a signature that does not verify.
	m.mu.Lock()
	genesis := m.st.size == 0
	var signers []*memberKey
	if !genesis {
		signers, err = m.st.signersOf(e)
	}
	m.mu.Unlock()
	if err != nil {
		return 0, err
	}
	keys := make([]*Verifier, len(signers))
	for i, k := range signers {
		keys[i] = k.verifier
	}
	if err := verifyAll(e, keys); err != nil {
		return 0, err
	}
	// Then the rules, under the lock on a consistent state. A key revoked
	// meanwhile is refused here.
	m.mu.Lock()
	a, err := m.st.check(e, r, body)
	if err == nil {
		err = m.st.limits(a, false)
	}
	described := err == nil && len(m.st.evidence[a.body.SHA256]) > 0
	m.mu.Unlock()
	if err != nil {
		return 0, err
	}
	if genesis {
		if err := a.verify(); err != nil {
			return 0, err
		}
	}
	if r.Type == "evidence" && m.cfg.Evidence != nil {
		if err := m.checkEvidenceFile(a, described); err != nil {
			return 0, err
		}
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
	var purge *entryMeta
	if r.Type == "purge" {
		// What the target is before the purge forgets its body's facts:
		// the file to delete is one of them.
		t := m.st.entries[*a.body.Target]
		purge = &t
	}
	m.st.apply(i, a)
	if m.recent != nil && len(m.recent) < maxRecent {
		if r.Visibility == Public {
			m.recent[i] = Entry{Index: i, Envelope: e, Record: r, Fields: &a.body}
		} else if l, err := ParseLeaf(leaf); err == nil {
			m.recent[i] = Entry{Index: i, Restricted: l.Restricted}
		}
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

// maxRecent bounds the entries kept for a follower that lags: past it,
// the follower reads them from the log.
const maxRecent = 1 << 14

// takeRecent takes the entries from index from on, up to to, that were
// admitted in memory, stopping at the first one that is not.
func (m *Mechanism) takeRecent(from, to uint64) []Entry {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Entry
	for i := from; i < to; i++ {
		e, ok := m.recent[i]
		if !ok {
			break
		}
		out = append(out, e)
		delete(m.recent, i)
	}
	m.handedOver.Add(uint64(len(out)))
	if len(m.recent) > 0 {
		// Entries the follower passed by reading the log are never taken.
		for i := range m.recent {
			if i < from {
				delete(m.recent, i)
			}
		}
	}
	return out
}

// Appended is signalled after records are appended, for followers of the
// log such as the projection.
func (m *Mechanism) Appended() <-chan struct{} { return m.appended }

// Lookup returns the index of the envelope whose canonical form hashes to
// h, for the member whose key is keyID ("" for anyone): a restricted
// record is found only by who may read it, so that no one confirms a
// guessed envelope (one a revoked key re-signs, say) by its hash.
func (m *Mechanism) Lookup(keyID string, h [32]byte) (uint64, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	i, ok := m.st.byHash[h]
	if !ok {
		return 0, false
	}
	if rl := m.st.entries[i].routing; rl != nil && (keyID == "" || !m.st.canRead(keyID, rl)) {
		return 0, false
	}
	return i, true
}

// checkEvidenceFile checks that an evidence record describes a file that
// was uploaded, with its size, and that one of its signers may read it:
// the first record of a file needs its uploader's signature, a later one
// the signature of someone who may read an earlier one (limits). Until
// that holds, the refusal is the same whether or not the file is here.
//
// described says whether a record described the file when limits judged
// this one, in the same state: deciding it again later would let a record
// appended meanwhile skip both checks.
func (m *Mechanism) checkEvidenceFile(a *admission, described bool) error {
	sha := a.body.SHA256
	size, err := m.cfg.Evidence.Size(sha)
	if errors.Is(err, fs.ErrNotExist) {
		return errNotUploaded(sha)
	} else if err != nil {
		return err
	}
	if !described {
		uploaded := false
		for _, k := range a.signers {
			ok, err := m.cfg.Evidence.Uploaded(sha, k.verifier.KeyID())
			if err != nil {
				return err
			}
			uploaded = uploaded || ok
		}
		if !uploaded {
			return errNotUploaded(sha)
		}
	}
	if size != a.body.Size {
		return refuse(Invalid, "body.size", "is %d, but the uploaded file is %d bytes", a.body.Size, size)
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
		var rl *RestrictedLeaf
		err := m.log.ReadLeaves(ctx, target, target+1, func(_ uint64, data []byte) error {
			leaf, err := ParseLeaf(data)
			if err == nil {
				rl = leaf.Restricted
			}
			return err
		})
		if err != nil {
			return err
		}
		// The tombstone replaces the body at once and keeps its record
		// recognizable, so that it is never appended and kept again.
		e, _, _, err := openBody(m.cfg.Bodies, rl)
		if err == nil {
			err = m.cfg.Bodies.Put(bodyName(rl.Digest), tombstone(e))
		}
		if err != nil && !errors.Is(err, ErrPurged) {
			return err
		}
	}
	if t.routing != nil && t.typ == "source" && m.cfg.Texts != nil {
		if err := m.cfg.Texts.Forget(target); err != nil {
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
