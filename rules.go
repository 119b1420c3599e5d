package truce

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	f_note "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"
)

// state is what the rules of docs/RULES.md judge a record against: the
// membership, the parties, and for every earlier entry its type, its
// time and its signers. It is rebuilt from the log alone.
type state struct {
	cfg    Config
	size   uint64
	byHash map[[32]byte]uint64
	// byPayload holds, by payload hash, the entries recording that payload.
	byPayload map[[32]byte][]uint64
	// anchors are the key ids of the mediators' trust anchors.
	anchors map[string]bool
	keys    map[string]*memberKey // by key id, every key ever admitted
	members map[string]*memberKey // by member id, the current key
	parties map[string]bool
	entries []entryMeta
	// requests maps a request's index to the parties it is addressed to.
	requests map[uint64][]string
	// evidence maps an evidence file's SHA-256 to the records describing it.
	evidence map[string][]uint64
	// restricted holds the indices of restricted records, in order.
	restricted []uint64
	// settled counts the entries from index 0 on that are all applied:
	// concurrent submissions may apply their records out of log order.
	settled uint64
	// purged holds the indices a purge record targets.
	purged map[uint64]bool
	// policy is the latest witness policy recorded, if any.
	policy *WitnessPolicy
}

// WitnessPolicy is the witness policy a policy record sets: the witnesses'
// keys and how many must cosign.
type WitnessPolicy struct {
	Index  uint64
	Keys   []string // sorted
	Quorum int
}

type memberKey struct {
	verifier *Verifier
	member   MemberBody
	revoked  bool
	// trusted marks a mediator admitted under version 2 of the rules,
	// by k trusted mediators or as a trust anchor.
	trusted bool

	noteOnce sync.Once
	note     note.Verifier
	noteErr  error
}

type entryMeta struct {
	typ     string
	created time.Time
	signers []string // member ids
	keyids  []string // the keys that signed it
	// routing is a restricted record's routing metadata (its digest aside),
	// nil for a public record: what decides who may read it.
	routing *RestrictedLeaf
	content string // an evidence record's file SHA-256
}

func newState(cfg Config) *state {
	s := &state{
		cfg: cfg, byHash: map[[32]byte]uint64{}, byPayload: map[[32]byte][]uint64{}, anchors: map[string]bool{},
		keys: map[string]*memberKey{}, members: map[string]*memberKey{}, parties: map[string]bool{},
		requests: map[uint64][]string{}, evidence: map[string][]uint64{}, purged: map[uint64]bool{},
	}
	for _, v := range cfg.Mediators {
		s.anchors[v.KeyID()] = true
	}
	return s
}

// v2 reports whether version 2 of the rules judges the entry at index i:
// the mediators' keys are trust anchors, and only mediators resting on
// them count towards k.
func (s *state) v2(i uint64) bool { return len(s.anchors) > 0 && i >= s.cfg.RulesV2From }

// mediator selects the mediators who count towards k for the next entry:
// under version 2, those whose key is a trust anchor or who were admitted
// by k such mediators, so that the admin alone can mint none.
func (s *state) mediator() func(*memberKey) bool { return s.mediatorAt(s.size) }

// mediatorAt is mediator for the entry at index i.
func (s *state) mediatorAt(i uint64) func(*memberKey) bool {
	if !s.v2(i) {
		return role("mediator")
	}
	return func(k *memberKey) bool {
		return k.member.Role == "mediator" && (k.trusted || s.anchors[k.verifier.KeyID()])
	}
}

// IsRepeat reports whether a payload recorded with the keys recorded,
// posted again signed by signers, is the same record: it is when signers
// are some of recorded (docs/RULES.md §1). Such a repeat never counts twice.
func IsRepeat(recorded, signers []string) bool {
	for _, id := range signers {
		if !slices.Contains(recorded, id) {
			return false
		}
	}
	return len(signers) > 0
}

// mayConfirm reports whether a submission signed by keyIDs may be told
// that it is the entry at index i. A public record: always. A restricted
// one: only while each of those keys is active, so that a revoked key — a
// stolen one, say — re-signing a guess learns nothing it may no longer
// read (Ed25519 signatures are deterministic, so its guess would be the
// very envelope recorded); it gets the refusal a new record gets.
func (s *state) mayConfirm(i uint64, keyIDs []string) bool {
	if s.entries[i].routing == nil {
		return true
	}
	for _, id := range keyIDs {
		if k, ok := s.keys[id]; !ok || k.revoked {
			return false
		}
	}
	return true
}

// repeatOf finds the entry that a payload hashing to ph, signed by keyIDs,
// repeats, and the keys that must have signed it for it to be that entry.
func (s *state) repeatOf(ph [32]byte, keyIDs []string) (uint64, []*Verifier, bool) {
	for _, i := range s.byPayload[ph] {
		if !IsRepeat(s.entries[i].keyids, keyIDs) {
			continue
		}
		var vs []*Verifier
		for _, id := range keyIDs {
			k, ok := s.keys[id]
			if !ok {
				return 0, nil, false
			}
			vs = append(vs, k.verifier)
		}
		return i, vs, true
	}
	return 0, nil, false
}

// admission is a record judged admissible but for its signatures, which
// verify checks outside the mechanism's lock.
type admission struct {
	env     *Envelope
	rec     *Record
	body    Fields
	created time.Time
	signers []*memberKey
	// newKey is the key a member record admits.
	newKey *Verifier
	// genesis is the admin's self-signed first record.
	genesis bool
}

func (a *admission) verify() error {
	if a.genesis {
		return a.env.Verify(a.newKey)
	}
	for _, k := range a.signers {
		if err := a.env.Verify(k.verifier); err != nil {
			return err
		}
	}
	return nil
}

// judge checks everything a record must satisfy, signatures included.
func (s *state) judge(e *Envelope, r *Record) (*admission, error) {
	if r.Mechanism != s.cfg.Origin {
		return nil, refuse(Invalid, "mechanism", "is %q, but this mechanism is %q", r.Mechanism, s.cfg.Origin)
	}
	b, err := validateBody(r.Type, r.Body)
	if err != nil {
		return nil, err
	}
	a, err := s.check(e, r, b)
	if err != nil {
		return nil, err
	}
	return a, a.verify()
}

// admit decodes what apply needs from a record already judged, without
// judging it again; b is its body's fields when already decoded.
func (s *state) admit(e *Envelope, r *Record, b *Fields) (*admission, error) {
	a := &admission{env: e, rec: r, genesis: s.size == 0}
	a.created, _ = time.Parse(time.RFC3339, r.Created)
	if b == nil {
		var err error
		if b, err = DecodeFields(r.Body); err != nil {
			return nil, err
		}
	}
	a.body = *b
	for _, id := range e.KeyIDs() {
		if k, ok := s.keys[id]; ok {
			a.signers = append(a.signers, k)
		}
	}
	if r.Type == "member" {
		v, err := ParseVerifier(a.body.Key)
		if err != nil {
			return nil, err
		}
		a.newKey = v
	}
	return a, nil
}

// check applies the rules of docs/RULES.md to a record whose body has
// passed its schema. It resolves the signers but leaves their signatures
// to verify.
func (s *state) check(e *Envelope, r *Record, b *Fields) (*admission, error) {
	a, err := s.admit(e, r, b)
	if err != nil {
		return nil, refuse(Invalid, "body", "%v", err)
	}
	if a.genesis {
		return a, s.checkGenesis(a)
	}
	if a.signers, err = s.signersOf(e); err != nil {
		return nil, err
	}
	if err := s.checkRefs(a); err != nil {
		return nil, err
	}
	return a, s.checkAuthority(a)
}

// signersOf resolves the keys that signed e to active members' keys.
func (s *state) signersOf(e *Envelope) ([]*memberKey, error) {
	var signers []*memberKey
	for i, id := range e.KeyIDs() {
		k, ok := s.keys[id]
		if !ok {
			return nil, refuse(Forbidden, fmt.Sprintf("signatures[%d].keyid", i), "key %s is not a member's key in this mechanism", id)
		}
		if k.revoked {
			return nil, refuse(Forbidden, fmt.Sprintf("signatures[%d].keyid", i), "key %s of member %q is revoked", id, k.member.ID)
		}
		signers = append(signers, k)
	}
	return signers, nil
}

func (s *state) checkGenesis(a *admission) error {
	if a.rec.Type != "member" {
		return refuse(Forbidden, "type", "the log's first record must be the admin's membership, not a %s", a.rec.Type)
	}
	if a.body.Role != "admin" || a.newKey.KeyID() != s.cfg.Admin.KeyID() {
		return refuse(Forbidden, "body.key", "the first record must admit the mechanism's admin key %s", s.cfg.Admin.KeyID())
	}
	if len(a.env.KeyIDs()) != 1 {
		return refuse(Forbidden, "signatures", "the first record is signed by the admin alone")
	}
	if len(a.rec.Refs) > 0 {
		return refuse(Unresolved, "refs[0]", "the log is empty")
	}
	return nil
}

// checkRefs checks that every index a record cites exists, is of a type
// the citing field allows, and was created no later than the record.
func (s *state) checkRefs(a *admission) error {
	type cite struct {
		field string
		index uint64
		types []string // nil: any type
	}
	var cites []cite
	for i, ref := range a.rec.Refs {
		cites = append(cites, cite{fmt.Sprintf("refs[%d]", i), ref, nil})
	}
	b := &a.body
	rt, _ := TypeOf(a.rec.Type)
	for _, f := range rt.Refs {
		refs, list := b.refs(f.Field)
		for i, ref := range refs {
			field := f.Field
			if list {
				field = fmt.Sprintf("%s[%d]", f.Field, i)
			}
			cites = append(cites, cite{field, ref, f.Types})
		}
	}
	for _, c := range cites {
		if c.index >= s.size {
			return refuse(Unresolved, c.field, "log index %d does not exist (the log has %d entries)", c.index, s.size)
		}
		m := s.entries[c.index]
		if m.typ == "" {
			return refuse(Unresolved, c.field, "log index %d is still being appended; cite it once its submission is acknowledged", c.index)
		}
		if c.types != nil && !slices.Contains(c.types, m.typ) {
			return refuse(Unresolved, c.field, "log index %d is %s, not %s", c.index, article(m.typ), article(strings.Join(c.types, " or ")))
		}
		if a.created.Before(m.created) {
			return refuse(Invalid, "created", "%s is earlier than %s, when log index %d (cited by %s) was created", a.rec.Created, m.created.Format(time.RFC3339), c.index, c.field)
		}
	}
	switch a.rec.Type {
	case "assessment":
		subject := s.entries[*b.Subject].typ
		st, _ := TypeOf(subject)
		allowed := st.Assessed
		if !slices.Contains(allowed, b.Status) {
			return refuse(Invalid, "body.status", "%q is not a status for %s (one of %s)", b.Status, article(subject), strings.Join(allowed, ", "))
		}
	case "purge":
		if t := s.entries[*b.Target]; t.routing == nil && t.typ != "evidence" {
			return refuse(Invalid, "body.target", "log index %d is a public %s: only a restricted body or an evidence file can be purged", *b.Target, t.typ)
		}
		if s.purged[*b.Target] {
			return refuse(Invalid, "body.target", "log index %d is already purged", *b.Target)
		}
	case "correction":
		t := s.entries[*b.Target].typ
		if t == "member" || t == "party" {
			return refuse(Invalid, "body.target", "a %s record is changed by a new %s record, not corrected", t, t)
		}
		// A replacement is a body of its target's type.
		if len(b.Replacement) > 0 {
			if err := ValidateBody(t, b.Replacement); err != nil {
				if e, ok := AsError(err); ok {
					return refuse(e.Kind, "body.replacement"+strings.TrimPrefix(e.Field, "body"), "%s", e.Msg)
				}
				return err
			}
		}
	}
	return nil
}

// signerRoles summarizes who signed: the distinct active members by role.
func (a *admission) has(pred func(*memberKey) bool) []string {
	var ids []string
	for _, k := range a.signers {
		if pred(k) && !slices.Contains(ids, k.member.ID) {
			ids = append(ids, k.member.ID)
		}
	}
	return ids
}

func role(roles ...string) func(*memberKey) bool {
	return func(k *memberKey) bool { return slices.Contains(roles, k.member.Role) }
}

func ofParty(party string) func(*memberKey) bool {
	return func(k *memberKey) bool { return k.member.Role == "party" && k.member.Party == party }
}

// checkAuthority checks that the signers may say what the record says.
func (s *state) checkAuthority(a *admission) error {
	b := &a.body
	need := func(pred func(*memberKey) bool, who string) error {
		if len(a.has(pred)) == 0 {
			return refuse(Forbidden, "signatures", "a %s record needs the signature of %s", a.rec.Type, who)
		}
		return nil
	}
	// Observers only testify: claims, and corrections of their own claims.
	for _, k := range a.signers {
		if k.member.Role == "observer" && a.rec.Type != "claim" && a.rec.Type != "correction" {
			return refuse(Forbidden, "signatures", "observer %q may submit claims (and correct them) only", k.member.ID)
		}
	}
	switch a.rec.Type {
	case "member":
		return s.checkMember(a)
	case "party":
		if s.parties[b.ID] {
			return refuse(Invalid, "body.id", "party %q already exists", b.ID)
		}
		return need(role("admin"), "the admin")
	case "round", "commitment":
		if a.rec.Type == "commitment" {
			for _, p := range []struct{ field, id string }{{"body.obligor", b.Obligor}, {"body.beneficiary", b.Beneficiary}} {
				if p.id != "" && !s.parties[p.id] {
					return refuse(Unresolved, p.field, "party %q does not exist", p.id)
				}
			}
		}
		return need(role("admin", "mediator"), "the admin or a mediator")
	case "assessment":
		return need(role("monitor", "mediator"), "a monitor or a mediator")
	case "request":
		for i, p := range b.To {
			if !s.parties[p] {
				return refuse(Unresolved, fmt.Sprintf("body.to[%d]", i), "party %q does not exist", p)
			}
		}
		return need(role("admin", "mediator", "party"), "the admin, a mediator or a party")
	case "response":
		to := s.requests[*b.Request]
		if ids := a.has(func(k *memberKey) bool { return k.member.Role == "party" && slices.Contains(to, k.member.Party) }); len(ids) == 0 {
			if s.entries[*b.Request].routing != nil {
				// Who a restricted request is addressed to is its audience's
				// to know: the refusal names no party.
				return refuse(Forbidden, "signatures", "a response to request %d needs the signature of a member of a party it is addressed to", *b.Request)
			}
			return refuse(Forbidden, "signatures", "a response to request %d needs the signature of a member of %s, to whom it is addressed", *b.Request, strings.Join(to, " or "))
		}
		return nil
	case "finding":
		if !s.parties[b.Violator] {
			return refuse(Unresolved, "body.violator", "party %q does not exist", b.Violator)
		}
		if ids := a.has(s.mediator()); len(ids) < s.cfg.Quorum {
			return refuse(Forbidden, "signatures", "a finding needs the signatures of %d mediators; it has %d (%s)", s.cfg.Quorum, len(ids), listOrNone(ids))
		}
		return nil
	case "purge", "policy":
		if len(a.has(role("admin"))) == 0 {
			return refuse(Forbidden, "signatures", "a %s needs the admin's signature", a.rec.Type)
		}
		if ids := a.has(s.mediator()); len(ids) < s.cfg.Quorum {
			return refuse(Forbidden, "signatures", "a %s needs the signatures of the admin and %d mediators; it has %d mediators (%s)", a.rec.Type, s.cfg.Quorum, len(ids), listOrNone(ids))
		}
		if a.rec.Type == "policy" {
			if b.Quorum > len(b.Witnesses) {
				return refuse(Invalid, "body.quorum", "%d is more than the %d witnesses named", b.Quorum, len(b.Witnesses))
			}
			for i, w := range b.Witnesses {
				if _, err := f_note.NewVerifierForCosignatureV1(w.Key); err != nil {
					return refuse(Invalid, fmt.Sprintf("body.witnesses[%d].key", i), "is not a witness key: %v", err)
				}
			}
		}
		return nil
	case "correction":
		target := s.entries[*b.Target]
		if ids := a.has(func(k *memberKey) bool { return slices.Contains(target.signers, k.member.ID) }); len(ids) == 0 {
			return refuse(Forbidden, "signatures", "a correction of log index %d needs the signature of one of its authors (%s)", *b.Target, strings.Join(target.signers, ", "))
		}
		return nil
	}
	// incident, claim, source, evidence: any member may record them.
	return nil
}

// checkMember applies the admission rules: the admin admits everyone; a
// party's first member also needs k mediators, a later one a member of
// that party (or k mediators), so that the operator alone can never speak
// for a party.
func (s *state) checkMember(a *admission) error {
	b := &a.body
	if len(a.has(role("admin"))) == 0 {
		return refuse(Forbidden, "signatures", "a member record needs the admin's signature")
	}
	if cur, ok := s.members[b.ID]; ok && (cur.member.Role != b.Role || cur.member.Party != b.Party) {
		return refuse(Invalid, "body.role", "member %q is a %s%s; a member keeps its role and party (admit a new member id instead)", b.ID, cur.member.Role, partySuffix(cur.member.Party))
	}
	if k, ok := s.keys[a.newKey.KeyID()]; ok && k.member.ID != b.ID {
		return refuse(Invalid, "body.key", "key %s already belongs to member %q", a.newKey.KeyID(), k.member.ID)
	}
	if s.anchors[a.newKey.KeyID()] && b.Role != "mediator" {
		return refuse(Forbidden, "body.role", "key %s is a mediator's trust anchor: it can be admitted as a mediator only", a.newKey.KeyID())
	}
	if b.Role == "mediator" && s.v2(s.size) {
		return s.checkMediator(a)
	}
	if b.Role != "party" {
		return nil
	}
	if !s.parties[b.Party] {
		return refuse(Unresolved, "body.party", "party %q does not exist (record it with a party record first)", b.Party)
	}
	mediators := a.has(s.mediator())
	if len(mediators) >= s.cfg.Quorum {
		return nil
	}
	first := true
	for _, k := range s.members {
		if k.member.Role == "party" && k.member.Party == b.Party && !k.revoked {
			first = false
		}
	}
	if first {
		return refuse(Forbidden, "signatures", "the first member of party %q needs the co-signatures of %d mediators; it has %d (%s)", b.Party, s.cfg.Quorum, len(mediators), listOrNone(mediators))
	}
	// An active member of the party: a colleague, or the member itself
	// rotating its key with the key it has.
	if len(a.has(ofParty(b.Party))) == 0 {
		return refuse(Forbidden, "signatures", "a member of party %q needs the co-signature of an existing member of that party, or of %d mediators", b.Party, s.cfg.Quorum)
	}
	return nil
}

// MaxClockSkew is how far ahead of the server's clock a record's created
// may be (docs/RULES.md §1).
const MaxClockSkew = 10 * time.Minute

// limits checks what version 1 of the rules let through and the log alone
// can judge: a record created before the mechanism's first entry, an
// audience naming a party that does not exist, and an evidence record describing a file already described by records none of
// its signers may read. Admission refuses such a record, with nothing in
// the refusal that the signers may not read; audit names it.
func (s *state) limits(a *admission, audit bool) error {
	if len(s.entries) > 0 && s.entries[0].typ != "" && a.created.Before(s.entries[0].created) {
		return refuse(Invalid, "created", "%s is earlier than the mechanism's first entry, created %s", a.rec.Created, s.entries[0].created.Format(time.RFC3339))
	}
	for i, p := range a.rec.Audience {
		if !s.parties[p] {
			return refuse(Unresolved, fmt.Sprintf("audience[%d]", i), "party %q does not exist", p)
		}
	}
	if a.rec.Type == "evidence" {
		described := s.evidence[a.body.SHA256]
		readable := func(j uint64) bool {
			rl := s.entries[j].routing
			return rl == nil || slices.ContainsFunc(a.signers, func(k *memberKey) bool { return s.canRead(k.verifier.KeyID(), rl) })
		}
		if len(described) > 0 && !slices.ContainsFunc(described, readable) {
			if audit {
				return refuse(Forbidden, "body.sha256", "describes the file that log entries %v describe, none of which its signers may read", described)
			}
			return errNotUploaded(a.body.SHA256)
		}
	}
	return nil
}

// errNotUploaded refuses an evidence record whose file this server does
// not hold, or holds for others only: the two are told apart by no one.
func errNotUploaded(sha256 string) error {
	return refuse(Unresolved, "body.sha256", "no evidence file with SHA-256 %s was uploaded by a signer of this record, or may be read by one (POST /api/v1/evidence)", sha256)
}

// futureCreated names the entries created later than now, the auditor's
// own clock, by more than MaxClockSkew: a record is created no later than
// its admission plus the skew, and admitted before it is audited. (A later
// entry's created bounds nothing: it may have been signed offline, long
// before.)
func (s *state) futureCreated(now time.Time) []error {
	var named []error
	for i, m := range s.entries {
		if m.typ != "" && m.created.After(now.Add(MaxClockSkew)) {
			named = append(named, fmt.Errorf("log entry %d breaks a rule: created: %s is later than this auditor's clock (%s) by more than %v", i, m.created.Format(time.RFC3339), now.UTC().Format(time.RFC3339), MaxClockSkew))
		}
	}
	return named
}

// checkMediator applies version 2's rule for the mediator set: it changes
// only with k trusted mediators' signatures, but for a trust anchor's
// first admission, which the anchor itself authorizes (the admin records
// its id and name).
func (s *state) checkMediator(a *admission) error {
	b := &a.body
	if _, known := s.members[b.ID]; !known && s.anchors[a.newKey.KeyID()] {
		return nil
	}
	if ids := a.has(s.mediator()); len(ids) < s.cfg.Quorum {
		return refuse(Forbidden, "signatures", "the mediator set changes only with the signatures of %d mediators resting on the trust anchors; it has %d (%s)", s.cfg.Quorum, len(ids), listOrNone(ids))
	}
	return nil
}

// article prefixes a record type with its indefinite article.
func article(typ string) string {
	if strings.ContainsAny(typ[:1], "aeiou") {
		return "an " + typ
	}
	return "a " + typ
}

func partySuffix(p string) string {
	if p == "" {
		return ""
	}
	return " of party " + p
}

func listOrNone(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

// applyRouting records what the log alone says of a restricted record
// whose body is not kept: its type, time and authors; and, from the
// purge's tombstone, its payload's hash, so that it is still recognized
// when posted again.
func (s *state) applyRouting(i uint64, rl *RestrictedLeaf, payload *[32]byte) {
	if payload != nil {
		s.notePayload(i, *payload)
	}
	for uint64(len(s.entries)) <= i {
		s.entries = append(s.entries, entryMeta{})
	}
	created, _ := time.Parse(time.RFC3339, rl.Created)
	var signers []string
	for _, id := range rl.Authors {
		if k, ok := s.keys[id]; ok {
			signers = append(signers, k.member.ID)
		}
	}
	// The routing as the record gives it, as record() keeps it for a body
	// that is kept: the digest is the leaf's, not the record's.
	routing := *rl
	routing.Digest = ""
	s.entries[i] = entryMeta{typ: rl.Type, created: created, signers: signers, keyids: rl.Authors, routing: &routing}
	s.addRestricted(i)
	s.settle()
	if rl.Type == "request" {
		// The addressees are in the body; the audience is their best witness.
		s.requests[i] = rl.Audience
	}
	if i+1 > s.size {
		s.size = i + 1
	}
}

// forget drops what only a restricted record's body told of entry i, once
// it is purged, so that the state is the one a replay of the log, which no
// longer has the body, comes to: the file an evidence record described,
// and a request's addressees (its audience stands for them).
func (s *state) forget(i uint64) {
	t := &s.entries[i]
	if t.routing == nil {
		return // a public evidence record: its file goes, its record stays
	}
	if t.content != "" {
		s.evidence[t.content] = slices.DeleteFunc(s.evidence[t.content], func(j uint64) bool { return j == i })
		if len(s.evidence[t.content]) == 0 {
			delete(s.evidence, t.content)
		}
		t.content = ""
	}
	if t.typ == "request" {
		s.requests[i] = t.routing.Audience
	}
}

// settle advances settled past the entries applied since.
func (s *state) settle() {
	for s.settled < uint64(len(s.entries)) && s.entries[s.settled].typ != "" {
		s.settled++
	}
}

// addRestricted adds i to the restricted indices. Concurrent submissions
// may apply their records out of log order, rarely and by little.
func (s *state) addRestricted(i uint64) {
	j, found := slices.BinarySearch(s.restricted, i)
	if !found {
		s.restricted = slices.Insert(s.restricted, j, i)
	}
}

// apply records the record at index i and its effects.
func (s *state) apply(i uint64, a *admission) {
	// A mediator is trusted for what it rests on, never for its index
	// alone: a log replayed with anchors added to a version 1 config does
	// not trust the admin's mediators.
	trusted := a.rec.Type == "member" && a.body.Role == "mediator" && s.v2(i) &&
		(s.anchors[a.newKey.KeyID()] || len(a.has(s.mediatorAt(i))) >= s.cfg.Quorum)
	s.record(i, a)
	b := &a.body
	switch a.rec.Type {
	case "party":
		s.parties[b.ID] = true
	case "request":
		s.requests[i] = b.To
	case "evidence":
		s.evidence[b.SHA256] = append(s.evidence[b.SHA256], i)
		s.entries[i].content = b.SHA256
	case "purge":
		s.purged[*b.Target] = true
		s.forget(*b.Target)
	case "policy":
		p := &WitnessPolicy{Index: i, Quorum: b.Quorum}
		for _, w := range b.Witnesses {
			p.Keys = append(p.Keys, w.Key)
		}
		slices.Sort(p.Keys)
		s.policy = p
	case "member":
		// The member's current key is its only active one: rotations
		// retired the others.
		var others []MemberRow
		if cur, ok := s.members[b.ID]; ok && !cur.revoked {
			others = append(others, MemberRow{KeyID: cur.verifier.KeyID()})
		}
		for _, row := range memberRows(i, b, a.newKey.KeyID(), MemberRow{}, false, others) {
			if row.KeyID != a.newKey.KeyID() {
				s.keys[row.KeyID].revoked = row.Revoked != nil
				continue
			}
			mb := MemberBody{ID: b.ID, Role: b.Role, Party: b.Party, Name: b.Name, Key: b.Key, Status: b.Status}
			k := &memberKey{verifier: a.newKey, member: mb, revoked: row.Revoked != nil, trusted: trusted}
			s.keys[row.KeyID] = k
			s.members[b.ID] = k
		}
	}
}

// record notes the record at index i in the log, without its effects: a
// repeat of a recorded payload (IsRepeat) is recorded, and changes nothing.
func (s *state) record(i uint64, a *admission) {
	h := a.env.Hash()
	if _, ok := s.byHash[h]; !ok {
		s.byHash[h] = i
	}
	s.notePayload(i, a.env.PayloadHash())
	for uint64(len(s.entries)) <= i {
		s.entries = append(s.entries, entryMeta{})
	}
	signers := make([]string, 0, len(a.signers)+1)
	for _, k := range a.signers {
		signers = append(signers, k.member.ID)
	}
	if a.genesis {
		signers = append(signers, a.body.ID)
	}
	s.entries[i] = entryMeta{typ: a.rec.Type, created: a.created, signers: signers, keyids: a.env.KeyIDs()}
	if a.rec.Visibility != Public {
		s.entries[i].routing = &RestrictedLeaf{Type: a.rec.Type, Visibility: a.rec.Visibility, Audience: a.rec.Audience, Authors: a.env.KeyIDs(), Created: a.rec.Created}
		s.addRestricted(i)
	}
	s.settle()
	if i+1 > s.size {
		s.size = i + 1
	}
}

// notePayload adds entry i to the entries recording the payload hashing
// to ph, in index order.
func (s *state) notePayload(i uint64, ph [32]byte) {
	idx := s.byPayload[ph]
	if j, found := slices.BinarySearch(idx, i); !found {
		s.byPayload[ph] = slices.Insert(idx, j, i)
	}
}
