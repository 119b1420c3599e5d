package truce

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The projection's fold: what each log entry changes in the lists —
// items, links, statuses, corroboration, membership — decided here, once,
// by the rules of docs/RULES.md. A Store writes a Change as it is and
// judges nothing, so that a second driver (PostgreSQL) cannot drift from
// the first: both write the same rows.

// Change is what one log entry changes in the projection.
type Change struct {
	Index uint64
	Entry EntryRow
	// Payload is a public entry's payload hash and the keys that signed
	// it: what a later entry is judged a repeat against (IsRepeat).
	Payload *PayloadRow
	// Repeat, when set, is the entry whose item stands for this one: the
	// entry states a statement already listed.
	Repeat *uint64
	// Members are the member rows written, whole: a member's new key and
	// the keys it retires.
	Members []MemberRow
	Party   *PartyRow
	// Item is the entry's new item in its type's list.
	Item    *Item
	Links   []Link
	Figures []Figure // a claim's, in order
	Text    string   // the item's full-text, "" for none
	// Updates change items listed earlier, in order.
	Updates []ItemUpdate
}

// EntryRow is what the projection keeps of every entry.
type EntryRow struct {
	Type, Created, Visibility string
	Signers                   []string // member ids
	// Hash is the canonical envelope's SHA-256, a restricted leaf's digest.
	Hash [32]byte
	// Content is the file a source or an evidence record describes (hex
	// SHA-256).
	Content string
	// Record is the canonical payload of a public record that is not
	// listed (a listed record's body is its item's).
	Record string
}

// PayloadRow is a public entry's payload hash and signing keys.
type PayloadRow struct {
	SHA256 [32]byte
	Index  uint64
	KeyIDs []string
}

// MemberRow is a member key as the projection lists it.
type MemberRow struct {
	KeyID, ID, Role, Party, Name string
	Revoked                      *uint64 // the index from which it signs nothing
	Since                        uint64
}

// PartyRow is a party.
type PartyRow struct {
	ID, Name string
	Index    uint64
}

// Item is an entry in a list (GET /api/v1/{list}).
type Item struct {
	Index                         uint64
	List, Subtype, Date, Deadline string
	Place                         string
	// Status is the status the log's records gave it, before the time
	// (StatusAt).
	Status  string
	Signers []string // member ids
	// Parties are the parties the item concerns (the list's party filter).
	Parties     []string
	CorrectedBy *uint64
	Body        string
}

// Link is a reference from the entry at Src to the item at Dst.
type Link struct {
	Dst uint64
	Rel string
	Src uint64
}

// ItemUpdate changes an item listed earlier; zero fields are left as
// they are.
type ItemUpdate struct {
	Index       uint64
	Status      string
	Signers     []string // the whole new list
	Parties     []string // parties added
	CorrectedBy *uint64
	Body        string // a correction's replacement
}

// Facts reads back what a store's changes wrote, so that the fold resumes
// where a store stands without replaying the log before it.
type Facts interface {
	Members(ctx context.Context) ([]MemberRow, error)
	// Repeats maps every entry that repeats a listed statement to the
	// entry whose item stands for it.
	Repeats(ctx context.Context) (map[uint64]uint64, error)
	Payloads(ctx context.Context, sha256 [32]byte) ([]PayloadRow, error)
	// Item returns the item at index, nil when there is none; its
	// Parties need not be filled.
	Item(ctx context.Context, index uint64) (*Item, error)
	// LinksTo returns the sources of the links rel to dst, in order;
	// LinksFrom the destinations of the links rel from src.
	LinksTo(ctx context.Context, dst uint64, rel string) ([]uint64, error)
	LinksFrom(ctx context.Context, src uint64, rel string) ([]uint64, error)
}

// projector folds entries into changes for one store, from the store's
// size on. It keeps what the fold needs of earlier entries in memory:
// all of it when it began at index 0 (complete), what it read back from
// the store otherwise. What it holds is what the changes it made say,
// absorbed the way a store writes them.
type projector struct {
	facts    Facts
	size     uint64
	complete bool
	members  map[string]MemberRow // by key id
	keysOf   map[string][]string  // member id to its key ids
	partyOf  map[string]string    // member id to party
	repeats  map[uint64]uint64
	payloads map[[32]byte][]PayloadRow
	items    map[uint64]*itemFacts // nil: known to be no item
}

// itemFacts is what the fold needs of a listed item.
type itemFacts struct {
	list, status string
	signers      []string
	corrected    bool
	obligor      string  // a commitment's
	outlet       string  // a source's
	source       *uint64 // a claim's source
	about        []uint64
	claims       []uint64 // an incident's claims
}

func newProjector(ctx context.Context, facts Facts, size uint64) (*projector, error) {
	p := &projector{
		facts: facts, size: size, complete: size == 0,
		members: map[string]MemberRow{}, keysOf: map[string][]string{}, partyOf: map[string]string{},
		repeats: map[uint64]uint64{}, payloads: map[[32]byte][]PayloadRow{}, items: map[uint64]*itemFacts{},
	}
	if p.complete {
		return p, nil
	}
	members, err := facts.Members(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		p.member(m)
	}
	if p.repeats, err = facts.Repeats(ctx); err != nil {
		return nil, err
	}
	return p, nil
}

// member notes a member row written.
func (p *projector) member(m MemberRow) {
	if _, ok := p.members[m.KeyID]; !ok {
		p.keysOf[m.ID] = append(p.keysOf[m.ID], m.KeyID)
	}
	p.members[m.KeyID] = m
	p.partyOf[m.ID] = m.Party
}

// priors returns the public entries recording the payload hashing to ph.
func (p *projector) priors(ctx context.Context, ph [32]byte) ([]PayloadRow, error) {
	if rows, ok := p.payloads[ph]; ok || p.complete {
		return rows, nil
	}
	rows, err := p.facts.Payloads(ctx, ph)
	if err != nil {
		return nil, err
	}
	if rows == nil {
		rows = []PayloadRow{} // cached as known
	}
	p.payloads[ph] = rows
	return rows, nil
}

// item returns the facts of the item at i, nil when there is none.
func (p *projector) item(ctx context.Context, i uint64) (*itemFacts, error) {
	if f, ok := p.items[i]; ok || p.complete {
		return f, nil
	}
	it, err := p.facts.Item(ctx, i)
	if err != nil {
		return nil, err
	}
	if it == nil {
		p.items[i] = nil
		return nil, nil
	}
	f := p.factsOf(it)
	switch it.List {
	case "claims":
		f.about, err = p.facts.LinksFrom(ctx, i, "about")
	case "incidents":
		f.claims, err = p.facts.LinksTo(ctx, i, "about")
	}
	if err != nil {
		return nil, err
	}
	p.items[i] = f
	return f, nil
}

// factsOf reads what the fold needs of an item's row.
func (p *projector) factsOf(it *Item) *itemFacts {
	f := &itemFacts{list: it.List, status: it.Status, signers: it.Signers, corrected: it.CorrectedBy != nil}
	f.body(p, it.Body)
	return f
}

func (f *itemFacts) body(p *projector, body string) {
	var b struct {
		Obligor string  `json:"obligor"`
		Outlet  string  `json:"outlet"`
		Source  *uint64 `json:"source"`
	}
	json.Unmarshal([]byte(body), &b)
	f.obligor, f.outlet, f.source = b.Obligor, b.Outlet, nil
	if b.Source != nil {
		s := p.canonical(*b.Source)
		f.source = &s
	}
}

// canonical is the entry whose item stands for the entry at i: what cites
// a repeated statement reaches its one item.
func (p *projector) canonical(i uint64) uint64 {
	if f, ok := p.repeats[i]; ok {
		return f
	}
	return i
}

// fold decides what the entry e changes, on what the entries before it
// changed. It changes nothing itself: absorb does, once the change is
// decided, as a store writes it.
func (p *projector) fold(ctx context.Context, e *Entry) (*Change, error) {
	c := &Change{Index: e.Index}
	if rl := e.Restricted; rl != nil {
		// The projection is public: a restricted record is known by its
		// routing metadata only, and changes no status or list.
		signers := []string{}
		for _, k := range rl.Authors {
			signers = append(signers, p.members[k].ID)
		}
		c.Entry = EntryRow{Type: rl.Type, Created: rl.Created, Visibility: rl.Visibility, Signers: signers}
		digest, _ := hex.DecodeString(strings.TrimPrefix(rl.Digest, "sha256:"))
		copy(c.Entry.Hash[:], digest)
		return c, nil
	}
	r, b := e.Record, e.Fields
	if b == nil {
		var err error
		if b, err = DecodeFields(r.Body); err != nil {
			return nil, err
		}
	}
	t, _ := TypeOf(r.Type)
	// The signers, as the membership stood before this entry; the admin's
	// first record admits the key that signs it.
	signers, parties := []string{}, []string{}
	for _, k := range e.Envelope.KeyIDs() {
		m, ok := p.members[k]
		if !ok && r.Type == "member" {
			if v, err := ParseVerifier(b.Key); err == nil && v.KeyID() == k {
				m, ok = MemberRow{ID: b.ID, Role: b.Role, Party: b.Party}, true
			}
		}
		if !ok {
			return nil, fmt.Errorf("signer %s is not a member", k)
		}
		signers = append(signers, m.ID)
		if m.Party != "" && !slices.Contains(parties, m.Party) {
			parties = append(parties, m.Party)
		}
	}
	c.Entry = EntryRow{Type: r.Type, Created: r.Created, Visibility: r.Visibility, Signers: signers, Hash: e.Envelope.Hash()}
	if t.Content {
		c.Entry.Content = b.SHA256
	}
	if t.List == "" {
		c.Entry.Record = string(e.Envelope.Payload())
	}

	ph := e.Envelope.PayloadHash()
	priors, err := p.priors(ctx, ph)
	if err != nil {
		return nil, err
	}
	c.Payload = &PayloadRow{SHA256: ph, Index: e.Index, KeyIDs: e.Envelope.KeyIDs()}
	var same *uint64
	repeat := false
	for _, pr := range priors {
		if pr.Index >= e.Index {
			continue
		}
		if same == nil {
			same = &pr.Index
		}
		repeat = repeat || IsRepeat(pr.KeyIDs, e.Envelope.KeyIDs())
	}
	if same != nil && (repeat || t.List != "") {
		first := p.canonical(*same)
		c.Repeat = &first
		if repeat {
			return c, nil // the same record again: it changes nothing
		}
		// The same statement with more signers is still one item, signed
		// by them all: it never counts twice.
		it, err := p.item(ctx, first)
		if err != nil || it == nil {
			return c, err
		}
		all := slices.Clone(it.signers)
		for _, s := range signers {
			if !slices.Contains(all, s) {
				all = append(all, s)
			}
		}
		c.Updates = append(c.Updates, ItemUpdate{Index: first, Signers: all, Parties: parties})
		return c, nil
	}

	// Links, from the registry's refs: what cites a repeated statement
	// reaches its one item; a correction's target is the entry itself.
	for _, ref := range t.Refs {
		refs, _ := b.refs(ref.Field)
		for _, dst := range refs {
			if !ref.Raw {
				dst = p.canonical(dst)
			}
			if ref.Rel != "" && !slices.ContainsFunc(c.Links, func(l Link) bool { return l.Dst == dst && l.Rel == ref.Rel }) {
				c.Links = append(c.Links, Link{Dst: dst, Rel: ref.Rel, Src: e.Index})
			}
		}
	}
	item := func(subtype, date, deadline, place string, concerns []string) {
		it := &Item{Index: e.Index, List: t.List, Subtype: subtype, Date: day(date), Deadline: deadline, Place: place, Signers: signers, Body: string(r.Body)}
		if len(t.Statuses) > 0 {
			it.Status = t.Statuses[0]
		}
		for _, p := range concerns {
			if p != "" && !slices.Contains(it.Parties, p) {
				it.Parties = append(it.Parties, p)
			}
		}
		c.Item = it
	}
	setStatus := func(i uint64, status string) error {
		it, err := p.item(ctx, i)
		if err != nil || it == nil {
			return err
		}
		if it.status != status {
			c.Updates = append(c.Updates, ItemUpdate{Index: i, Status: status})
		}
		return nil
	}
	switch r.Type {
	case "member":
		v, err := ParseVerifier(b.Key)
		if err != nil {
			return nil, err
		}
		var others []MemberRow
		for _, k := range p.keysOf[b.ID] {
			others = append(others, p.members[k])
		}
		cur, ok := p.members[v.KeyID()]
		c.Members = memberRows(e.Index, b, v.KeyID(), cur, ok, others)
	case "party":
		c.Party = &PartyRow{ID: b.ID, Name: b.Name, Index: e.Index}
	case "round":
		item("", b.Start, "", "", nil)
	case "commitment":
		item(b.Category, r.Created, Deadline(b.Deadline), "", []string{b.Obligor, b.Beneficiary})
	case "incident":
		concerns := slices.Clone(parties)
		for _, v := range b.Violates {
			it, err := p.item(ctx, p.canonical(v))
			if err != nil {
				return nil, err
			}
			if it != nil {
				concerns = append(concerns, it.obligor)
			}
		}
		place := ""
		if b.Place != nil {
			place = b.Place.Name
		}
		item(b.EventType, b.Date, "", place, concerns)
	case "claim":
		date := b.Date
		if date == "" {
			date = r.Created
		}
		item("", date, "", "", parties)
		c.Figures = b.Figures
		c.Text = b.Speaker + "\n" + b.Text
		claim := origin{}
		if len(signers) > 0 {
			claim.author, claim.party = signers[0], p.partyOf[signers[0]]
		}
		if b.Source != nil {
			if s, err := p.item(ctx, p.canonical(*b.Source)); err != nil {
				return nil, err
			} else if s != nil {
				claim.outlet = s.outlet
			}
		}
		for _, l := range c.Links {
			if l.Rel == "about" {
				if err := p.corroborate(ctx, c, l.Dst, &claim, nil); err != nil {
					return nil, err
				}
			}
		}
	case "source":
		item("", b.Published, "", "", nil)
		c.Text = b.Outlet + "\n" + b.Title
	case "assessment":
		// The latest assessment sets the status; a final status (a breach
		// found by the mechanism) stays.
		it, err := p.item(ctx, p.canonical(*b.Subject))
		if err != nil {
			return nil, err
		}
		if it != nil && !p.final(it) {
			if err := setStatus(p.canonical(*b.Subject), b.Status); err != nil {
				return nil, err
			}
		}
	case "request":
		item(b.Kind, r.Created, Deadline(b.Due), "", append(slices.Clone(b.To), parties...))
	case "response":
		if err := setStatus(p.canonical(*b.Request), "answered"); err != nil {
			return nil, err
		}
	case "finding":
		item("", r.Created, "", "", []string{b.Violator})
		for _, i := range b.Commitments {
			if err := setStatus(p.canonical(i), "breached"); err != nil {
				return nil, err
			}
		}
	case "correction":
		target := *b.Target
		it, err := p.item(ctx, target)
		if err != nil || it == nil {
			return c, err
		}
		u := ItemUpdate{Index: target, CorrectedBy: &c.Index}
		if len(b.Replacement) > 0 {
			u.Body = string(b.Replacement)
		}
		c.Updates = append(c.Updates, u)
		// A corrected claim no longer counts towards corroboration.
		for _, inc := range it.about {
			if err := p.corroborate(ctx, c, inc, nil, &target); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

// memberRows decides what a member record at index i, admitting the key
// keyID (cur, when known before), writes of member keys: that key, revoked
// when its status says so, and every other key of the member still
// active, retired from i on (docs/RULES.md §1: rotation). The admission
// state and the projection both apply them.
func memberRows(i uint64, b *Fields, keyID string, cur MemberRow, known bool, others []MemberRow) []MemberRow {
	var rows []MemberRow
	for _, m := range others {
		if m.KeyID != keyID && m.Revoked == nil {
			m.Revoked = &i
			rows = append(rows, m)
		}
	}
	if !known {
		cur = MemberRow{KeyID: keyID, ID: b.ID, Role: b.Role, Party: b.Party, Since: i}
	}
	cur.Name, cur.Revoked = b.Name, nil
	if b.Status == "revoked" {
		cur.Revoked = &i
	}
	return append(rows, cur)
}

// final reports whether an item's status is one no assessment changes.
func (p *projector) final(it *itemFacts) bool {
	t, _ := ListOf(it.list)
	return slices.Contains(t.Final, it.status)
}

// origin is where a claim comes from, for corroboration.
type origin struct{ outlet, party, author string }

// independent reports whether two claims are independent sources
// (docs/RULES.md §2): one party's voices are one source; claims from two
// outlets are two; otherwise, two authors are, where one speaks for a
// party.
func independent(x, y origin) bool {
	if x.party != "" && x.party == y.party {
		return false
	}
	if x.outlet != "" && y.outlet != "" {
		return x.outlet != y.outlet
	}
	return x.author != y.author && (x.party != "" || y.party != "")
}

// corroborate decides an unassessed incident's status once claim joins
// the claims about it, or dropped leaves them: corroborated once two of
// them are independent. A new claim cannot undo corroboration.
func (p *projector) corroborate(ctx context.Context, c *Change, incident uint64, claim *origin, dropped *uint64) error {
	it, err := p.item(ctx, incident)
	if err != nil || it == nil || it.list != "incidents" {
		return err
	}
	t, _ := ListOf(it.list)
	if (it.status != t.Statuses[0] && it.status != "corroborated") || (claim != nil && it.status == "corroborated") {
		return nil
	}
	var origins []origin
	for _, i := range it.claims {
		f, err := p.item(ctx, i)
		if err != nil {
			return err
		}
		if f == nil || f.list != "claims" || f.corrected || (dropped != nil && i == *dropped) {
			continue
		}
		o := origin{}
		if len(f.signers) > 0 {
			o.author, o.party = f.signers[0], p.partyOf[f.signers[0]]
		}
		if f.source != nil {
			s, err := p.item(ctx, *f.source)
			if err != nil {
				return err
			}
			if s != nil {
				o.outlet = s.outlet
			}
		}
		origins = append(origins, o)
	}
	if claim != nil {
		origins = append(origins, *claim)
	}
	next := t.Statuses[0]
	for i := range origins {
		for j := i + 1; j < len(origins); j++ {
			if independent(origins[i], origins[j]) {
				next = "corroborated"
			}
		}
	}
	// Earlier updates of this change to the same incident are superseded.
	status := it.status
	for _, u := range c.Updates {
		if u.Index == incident && u.Status != "" {
			status = u.Status
		}
	}
	if next != status {
		c.Updates = append(c.Updates, ItemUpdate{Index: incident, Status: next})
	}
	return nil
}

// absorb notes what a change wrote, as a store writes it.
func (p *projector) absorb(c *Change) {
	if c.Payload != nil {
		p.payloads[c.Payload.SHA256] = append(p.payloads[c.Payload.SHA256], *c.Payload)
	}
	if c.Repeat != nil {
		p.repeats[c.Index] = *c.Repeat
	}
	for _, m := range c.Members {
		p.member(m)
	}
	if it := c.Item; it != nil {
		f := p.factsOf(it)
		for _, l := range c.Links {
			if l.Rel == "about" {
				f.about = append(f.about, l.Dst)
			}
		}
		p.items[c.Index] = f
	}
	for _, l := range c.Links {
		if l.Rel != "about" {
			continue
		}
		if it := p.items[l.Dst]; it != nil && !slices.Contains(it.claims, l.Src) {
			it.claims = append(it.claims, l.Src)
		}
	}
	for _, u := range c.Updates {
		it := p.items[u.Index]
		if it == nil {
			continue // fold read every item it updates
		}
		if u.Status != "" {
			it.status = u.Status
		}
		if u.Signers != nil {
			it.signers = u.Signers
		}
		if u.CorrectedBy != nil {
			it.corrected = true
		}
		if u.Body != "" {
			it.body(p, u.Body)
		}
	}
	p.size = c.Index + 1
}

// day is the YYYY-MM-DD of a date or RFC 3339 time, as written (the
// writer's own calendar day).
func day(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return ""
}
