package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/transparency-dev/formats/log"
	fnote "github.com/transparency-dev/formats/note"
	"github.com/truce-dev/truce"
	"golang.org/x/mod/sumdb/note"
)

// item is a list item of any list, decoded: the fields its body and the
// projection's attachments carry.
type item struct {
	Index       uint64   `json:"index"`
	Type        string   `json:"type"`
	Created     string   `json:"created"`
	Status      string   `json:"status"`
	Signers     []string `json:"signers"`
	CorrectedBy *uint64  `json:"corrected_by"`
	// round
	Title, Venue, Start, End string
	DatePrecision            string   `json:"date_precision"`
	Participants             []string `json:"participants"`
	Mediators                []string `json:"mediators"`
	Outcome                  string   `json:"outcome"`
	// commitment
	Obligor, Beneficiary, Text, Category, Criteria, Deadline string
	Round                                                    *uint64  `json:"round"`
	BreachedBy                                               []breach `json:"breached_by"`
	// AssessedBy are the assessments of a commitment, where the store
	// indexes its links.
	AssessedBy []uint64 `json:"-"`
	// incident
	EventType    string   `json:"event_type"`
	SubEventType string   `json:"sub_event_type"`
	Date         string   `json:"date"`
	Place        place    `json:"place"`
	Actors       []string `json:"actors"`
	Description  string   `json:"description"`
	Violates     []uint64 `json:"violates"`
	Figures      []figure `json:"figures"`
	Replies      []reply  `json:"replies"`
	Claims       []uint64 `json:"claims"`
	// claim
	Speaker       string   `json:"speaker"`
	Role          string   `json:"role"`
	Quoted        bool     `json:"quoted"`
	Language      string   `json:"language"`
	Source        *uint64  `json:"source"`
	About         []uint64 `json:"about"`
	TranslationOf *uint64  `json:"translation_of"`
	// source
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	SHA256    string `json:"sha256"`
	URL       string `json:"url"`
	// TextSHA256 names the text kept of it, shown when TextPublic;
	// SameStatement is the earlier source of the same statement.
	TextSHA256    string  `json:"text_sha256"`
	TextPublic    bool    `json:"text_public"`
	SameStatement *uint64 `json:"same_statement"`
	// request
	To        []string   `json:"to"`
	Kind      string     `json:"kind"`
	Due       string     `json:"due"`
	Responses []response `json:"responses"`
	// finding
	Violator    string   `json:"violator"`
	Commitments []uint64 `json:"commitments"`
	Basis       []uint64 `json:"basis"`
	Decision    string   `json:"decision"`
	Penalty     string   `json:"penalty"`
}

type place struct {
	Name      string   `json:"name"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
	Precision string   `json:"precision"`
}

type figure struct {
	Claim        uint64  `json:"claim"`
	Speaker      string  `json:"speaker"`
	What         string  `json:"what"`
	Count        float64 `json:"count"`
	Qualifier    string  `json:"qualifier"`
	AttributedTo string  `json:"attributed_to"`
}

type reply struct {
	Index   uint64 `json:"index"`
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
	Party   string `json:"party"`
}

type breach struct {
	Finding  uint64 `json:"finding"`
	Violator string `json:"violator"`
	Decision string `json:"decision"`
	Penalty  string `json:"penalty"`
}

type response struct {
	Index   uint64   `json:"index"`
	Status  string   `json:"status"`
	Text    string   `json:"text"`
	Signers []string `json:"signers"`
}

// decodeItems turns a page's items into items: by decodeItem, or for an
// item it cannot read, a round trip through JSON, the one decoder of
// them.
func decodeItems(raw []map[string]any) ([]item, error) {
	out := make([]item, len(raw))
	for i, r := range raw {
		if decodeItem(r, &out[i]) {
			continue
		}
		out[i] = item{}
		b, err := json.Marshal(r)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &out[i]); err != nil {
			return nil, fmt.Errorf("decoding list items: %v", err)
		}
	}
	return out, nil
}

// list answers q and decodes its items.
func (s *site) list(ctx context.Context, q truce.Query) ([]item, uint64, error) {
	if q.Now.IsZero() {
		q.Now = s.cfg.Now()
	}
	p, err := s.cfg.Store.List(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	items, err := decodeItems(p.Items)
	return items, p.Next, err
}

// one is the item at index in list, if it is there.
func (s *site) one(ctx context.Context, list string, index uint64) (*item, error) {
	var after uint64
	if index > 0 {
		after = index - 1
	} else {
		// Index 0 is the genesis member, never a list item.
		return nil, nil
	}
	items, _, err := s.list(ctx, truce.Query{List: list, After: after, Limit: 1})
	if err != nil || len(items) == 0 || items[0].Index != index {
		return nil, err
	}
	return &items[0], nil
}

// many is the items at the given indices in list, in the order given;
// indices not in the list are left out.
func (s *site) many(ctx context.Context, list string, indices []uint64) ([]item, error) {
	var out []item
	for _, i := range indices {
		it, err := s.one(ctx, list, i)
		if err != nil {
			return nil, err
		}
		if it != nil {
			out = append(out, *it)
		}
	}
	return out, nil
}

// latest is up to n of the most recent items q selects, newest first.
// The lists page forward from a cursor, and count(x), the items after
// cursor x, only falls as x grows; so latest looks for the smallest x
// whose page of n holds every item after it: windows ever further back
// from the log's end bracket it, then bisection finds it. Every probe
// reads at most n items, so the newest items of a long list cost a few
// short queries whatever lies between them and the end, never a walk of
// the list.
func (s *site) latest(ctx context.Context, q truce.Query, n int) ([]item, error) {
	size, err := s.cfg.Log.Size(ctx)
	if err != nil {
		return nil, err
	}
	return s.latestOf(ctx, size, q, n)
}

// latestOf is latest in a log of size entries: a page asking for several
// lists reads the log's size once.
func (s *site) latestOf(ctx context.Context, size uint64, q truce.Query, n int) ([]item, error) {
	q.Limit = n
	// probe reads the first n items after x; all is true when they are
	// every item after x.
	probe := func(x uint64) ([]item, bool, error) {
		q.After = x
		items, next, err := s.list(ctx, q)
		return items, next == 0, err
	}
	var found []item
	hi := size // count(hi) <= n: nothing lies after the end
	lo := uint64(0)
	bracketed := false
	// The cursor found last time for this query is a hint: if exactly n
	// items follow it still, they are the newest n; if more do, it is a
	// floor for the search.
	key := fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%d", q.List, q.Party, q.Status, q.Type, q.From, q.To, q.Place+"\x00"+q.Text, n)
	s.mu.Lock()
	hint, hinted := s.hints[key]
	s.mu.Unlock()
	if hinted && hint < size {
		items, all, err := probe(hint)
		if err != nil {
			return nil, err
		}
		if all && len(items) == n {
			slices.Reverse(items)
			return items, nil
		}
		if !all {
			lo, bracketed = hint, true
		}
	}
	for back := uint64(64); ; back *= 4 {
		x := uint64(0)
		if size > back {
			x = size - back
		}
		if bracketed && x <= lo {
			break
		}
		items, all, err := probe(x)
		if err != nil {
			return nil, err
		}
		if !all {
			lo, bracketed = x, true
			break
		}
		hi, found = x, items
		if x == 0 {
			break
		}
	}
	// count(lo) > n >= count(hi): the smallest x with count(x) <= n is in
	// (lo, hi].
	for bracketed && hi-lo > 1 {
		mid := lo + (hi-lo)/2
		items, all, err := probe(mid)
		if err != nil {
			return nil, err
		}
		if all {
			hi, found = mid, items
		} else {
			lo = mid
		}
	}
	if len(found) == n {
		s.mu.Lock()
		if len(s.hints) > 1000 {
			clear(s.hints) // queries with free text could grow it without bound
		}
		s.hints[key] = hi
		s.mu.Unlock()
	}
	slices.Reverse(found)
	return found, nil
}

// parties knows each party's name as its party record gives it, read from
// the log's public leaves (the projection lists no parties). It reads the
// log only as far as it must to name the parties asked for: party records
// come first in a mechanism's life, so a few entries usually suffice, and
// no entry is read twice.
type parties struct {
	log     Log
	mu      sync.Mutex
	scanned uint64
	names   map[string]string
}

// scanChunk is how many entries a lookup reads at a time: one entry
// bundle.
const scanChunk = 256

// name is the name of the party id, or id when no party record names it.
func (p *parties) name(ctx context.Context, id string) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.names == nil {
		p.names = map[string]string{}
	}
	for {
		if n, ok := p.names[id]; ok {
			return n, nil
		}
		size, err := p.log.Size(ctx)
		if err != nil || p.scanned >= size {
			return id, err
		}
		to := min(size, p.scanned+scanChunk)
		err = p.log.ReadLeaves(ctx, p.scanned, to, func(_ uint64, data []byte) error {
			leaf, err := truce.ParseLeaf(data)
			if err != nil || leaf.Envelope == nil {
				return err
			}
			var r struct {
				Type string `json:"type"`
				Body struct {
					ID   string `json:"id"`
					Name string `json:"name"`
				} `json:"body"`
			}
			if json.Unmarshal(leaf.Envelope.Payload(), &r) == nil && r.Type == "party" && strings.TrimSpace(r.Body.Name) != "" {
				p.names[r.Body.ID] = r.Body.Name
			}
			return nil
		})
		if err != nil {
			return id, err
		}
		p.scanned = to
	}
}

// partyNames names parties for one page's templates.
type partyNames struct {
	ctx context.Context
	p   *parties
	err error
}

// Name is the party's name as its record gives it, or its id.
func (n *partyNames) Name(id string) string {
	name, err := n.p.name(n.ctx, id)
	if err != nil && n.err == nil {
		n.err = err
	}
	return name
}

// entry is one log entry as any reader may see it: a public record, or a
// restricted record's routing metadata alone.
type entry struct {
	Index      uint64
	Record     map[string]any
	Restricted *truce.RestrictedLeaf
}

func (s *site) entry(ctx context.Context, index uint64) (*entry, error) {
	size, err := s.cfg.Log.Size(ctx)
	if err != nil || index >= size {
		return nil, err
	}
	var e *entry
	err = s.cfg.Log.ReadLeaves(ctx, index, index+1, func(_ uint64, data []byte) error {
		leaf, err := truce.ParseLeaf(data)
		if err != nil {
			return fmt.Errorf("log entry %d: %v", index, err)
		}
		e = &entry{Index: index, Restricted: leaf.Restricted}
		if leaf.Envelope != nil {
			return json.Unmarshal(leaf.Envelope.Payload(), &e.Record)
		}
		return nil
	})
	return e, err
}

// checkpoint is what a page footer says of the checkpoint it was
// rendered from.
type checkpoint struct {
	Size uint64
	// Latest is the time of the latest cosignature; zero without one.
	Latest     time.Time
	Root       string // base64, as in the checkpoint
	Witnesses  []cosigner
	Quorum     int // witnesses the recorded policy requires; 0: no policy
	PolicySize int
	Err        string
}

type cosigner struct {
	Name string
	Time time.Time
}

// checkpointInfo reads the latest checkpoint and the witnesses whose
// cosignatures on it verify against the recorded witness policy.
func (s *site) checkpointInfo(ctx context.Context) checkpoint {
	raw, cp, err := s.cfg.Log.Checkpoint(ctx)
	if err != nil {
		return checkpoint{Err: err.Error()}
	}
	// Verifying the cosignatures costs a signature check each: done once
	// per checkpoint (and witness policy).
	policy, _ := s.policy()
	s.mu.Lock()
	last, lastRaw, lastPolicy := s.lastCheckpoint, s.lastRaw, s.lastPolicy
	s.mu.Unlock()
	if bytes.Equal(raw, lastRaw) && policy.Index == lastPolicy {
		return last
	}
	out := s.verifyCheckpoint(raw, cp)
	s.mu.Lock()
	s.lastCheckpoint, s.lastRaw, s.lastPolicy = out, raw, policy.Index
	s.mu.Unlock()
	return out
}

func (s *site) policy() (truce.WitnessPolicy, bool) {
	if s.cfg.Witnesses == nil {
		return truce.WitnessPolicy{}, false
	}
	return s.cfg.Witnesses.WitnessPolicy()
}

func (s *site) verifyCheckpoint(raw []byte, cp *log.Checkpoint) checkpoint {
	out := checkpoint{Size: cp.Size, Root: base64.StdEncoding.EncodeToString(cp.Hash)}
	policy, ok := s.policy()
	if !ok || s.cfg.LogKey == nil {
		return out
	}
	out.Quorum, out.PolicySize = policy.Quorum, len(policy.Keys)
	vs := []note.Verifier{s.cfg.LogKey}
	for _, k := range policy.Keys {
		v, err := fnote.NewVerifierForCosignatureV1(k)
		if err != nil {
			continue
		}
		vs = append(vs, v)
	}
	n, err := note.Open(raw, note.VerifierList(vs...))
	if err != nil {
		out.Err = err.Error()
		return out
	}
	for _, sig := range n.Sigs {
		if sig.Name == s.cfg.LogKey.Name() && sig.Hash == s.cfg.LogKey.KeyHash() {
			continue
		}
		c := cosigner{Name: sig.Name}
		// A C2SP cosignature/v1 is key hash (4 bytes), timestamp (8 bytes,
		// seconds since the epoch, big-endian), Ed25519 signature.
		if b, err := base64.StdEncoding.DecodeString(sig.Base64); err == nil && len(b) == 4+8+64 {
			c.Time = time.Unix(int64(binary.BigEndian.Uint64(b[4:12])), 0).UTC()
		}
		out.Witnesses = append(out.Witnesses, c)
	}
	sort.Slice(out.Witnesses, func(i, j int) bool { return out.Witnesses[i].Name < out.Witnesses[j].Name })
	for _, w := range out.Witnesses {
		if w.Time.After(out.Latest) {
			out.Latest = w.Time
		}
	}
	return out
}
