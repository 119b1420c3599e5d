package web

// The log explorer (issue 16): /log lists every entry of the log, newest
// first, and /log/{index} shows one entry as any reader may see it, with
// its leaf hash and the verification that static/verify/page.js runs in
// the reader's browser against the keys this page names.

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/truce-dev/truce"
)

// offlineBundle is the hook for entries' offline proof bundles (a later
// issue builds them): the URL of entry index's bundle, and false when it
// has none. Nil until then, and /log/{index} links no bundle.
var offlineBundle func(ctx context.Context, index uint64) (url string, ok bool)

// logPageSize is how many entries /log shows at a time unless ?limit=.
const logPageSize = 50

// signer is a key that signed an entry, named by the member record that
// admitted it where the log has one.
type signer struct {
	KeyID  string // hex SHA-256 of the key (FORMAT.md §1): its fingerprint
	Short  string // its first 16 digits, for a list
	Member string // member id, "" when no member record names the key
	Key    string // the key line, "" when unknown
}

// logRow is one entry as /log lists it: its routing metadata, which every
// reader may see, public or restricted alike.
type logRow struct {
	Index      uint64
	Type       string
	Visibility string
	Audience   []string
	Created    string
	Refs       []uint64
	Signers    []signer
	Restricted bool
	// Unreadable is the reason an entry could not be decoded (never for
	// entries this server admitted).
	Unreadable string
	// Leaf is the entry as the log holds it.
	Leaf []byte
	// record is a public entry's record (canonical JSON).
	record []byte
}

// readRows reads entries [from, to) of the log and names their signers.
func (s *site) readRows(ctx context.Context, from, to uint64) ([]logRow, error) {
	var rows []logRow
	var ids []string
	err := s.cfg.Log.ReadLeaves(ctx, from, to, func(i uint64, data []byte) error {
		row := logRow{Index: i, Leaf: data}
		leaf, err := truce.ParseLeaf(data)
		switch {
		case err != nil:
			row.Unreadable = err.Error()
		case leaf.Restricted != nil:
			rl := leaf.Restricted
			row.Restricted, row.Type, row.Visibility, row.Audience, row.Created = true, rl.Type, rl.Visibility, rl.Audience, rl.Created
			row.Signers = signersOf(rl.Authors)
		default:
			var r struct {
				Type       string   `json:"type"`
				Visibility string   `json:"visibility"`
				Audience   []string `json:"audience"`
				Created    string   `json:"created"`
				Refs       []uint64 `json:"refs"`
			}
			row.record = leaf.Envelope.Payload()
			if err := json.Unmarshal(row.record, &r); err != nil {
				row.Unreadable = err.Error()
				break
			}
			row.Type, row.Visibility, row.Audience, row.Created, row.Refs = r.Type, r.Visibility, r.Audience, r.Created, r.Refs
			row.Signers = signersOf(leaf.Envelope.KeyIDs())
		}
		for _, k := range row.Signers {
			ids = append(ids, k.KeyID)
		}
		rows = append(rows, row)
		return nil
	})
	if err != nil || len(rows) == 0 {
		return rows, err
	}
	known, err := s.members.keys(ctx, ids, to)
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		for j, k := range row.Signers {
			if m, ok := known[k.KeyID]; ok {
				row.Signers[j].Member, row.Signers[j].Key = m.ID, m.Key
			}
		}
	}
	return rows, nil
}

func signersOf(ids []string) []signer {
	out := make([]signer, len(ids))
	for i, id := range ids {
		out[i] = signer{KeyID: id, Short: id}
		if len(id) > 16 {
			out[i].Short = strings.ToValidUTF8(id[:16], "") + "…"
		}
	}
	return out
}

// members knows the member record behind each key the log has admitted,
// read from the log's member records as far as needed: a key's member
// record comes before anything it signs, so naming the signers of entry i
// never reads past i; no entry is read twice. Keys rotated away or revoked
// stay known, so that old entries still name and verify their signers.
type members struct {
	log     Log
	mu      sync.Mutex
	scanned uint64
	byKey   map[string]truce.MemberBody
}

// keys gives the member bodies of the key ids it knows, reading the log
// up to (not including) entry upto at most.
func (m *members) keys(ctx context.Context, ids []string, upto uint64) (map[string]truce.MemberBody, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.byKey == nil {
		m.byKey = map[string]truce.MemberBody{}
	}
	missing := func() bool {
		for _, id := range ids {
			if _, ok := m.byKey[id]; !ok {
				return true
			}
		}
		return false
	}
	for missing() && m.scanned < upto {
		to := min(upto, m.scanned+scanChunk)
		err := m.log.ReadLeaves(ctx, m.scanned, to, func(_ uint64, data []byte) error {
			leaf, err := truce.ParseLeaf(data)
			if err != nil || leaf.Envelope == nil {
				return nil // not a public record: no member record
			}
			var r struct {
				Type string           `json:"type"`
				Body truce.MemberBody `json:"body"`
			}
			if json.Unmarshal(leaf.Envelope.Payload(), &r) != nil || r.Type != "member" {
				return nil
			}
			if id, err := keyID(r.Body.Key); err == nil {
				if _, ok := m.byKey[id]; !ok {
					m.byKey[id] = r.Body
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		m.scanned = to
	}
	out := map[string]truce.MemberBody{}
	for _, id := range ids {
		if b, ok := m.byKey[id]; ok {
			out[id] = b
		}
	}
	return out, nil
}

// keyID is the key id of a verifier key line NAME+HASH+BASE64(alg ‖ key):
// the hex SHA-256 of its decoded bytes (FORMAT.md §1), whatever its
// algorithm (a member's or the log's 0x01, a witness's 0x04). It is the
// fingerprint the pages show beside every key.
func keyID(line string) (string, error) {
	parts := strings.SplitN(strings.TrimSpace(line), "+", 3)
	if len(parts) != 3 || parts[0] == "" {
		return "", fmt.Errorf("key %s is not NAME+HASH+BASE64", quote(line))
	}
	raw, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(raw) != 33 {
		return "", fmt.Errorf("key %s: its key is not an algorithm byte and 32 bytes of base64", quote(parts[0]))
	}
	h := sha256.Sum256(raw)
	return hex.EncodeToString(h[:]), nil
}

type logListPage struct {
	Rows        []logRow
	Size        uint64
	First, Last uint64 // the indices shown, newest first
	Newer       string // the page of newer entries, "" on the newest
	Newest      string
	Older       string // the page of older entries, "" on the oldest
}

// logList is /log: the entries newest first, as a reader arriving asks
// "what was recorded lately?" (crt.sh and a newsroom's wire both list
// newest first); an entry's index, not its place on a page, is its
// permanent name. ?cursor=N shows the entries before index N (the
// next-page links give it), like the API's cursor but counting down;
// ?index=N goes to /log/N.
func (s *site) logList(r *http.Request, p *pageData) error {
	ctx := r.Context()
	q := r.URL.Query()
	size, err := s.cfg.Log.Size(ctx)
	if err != nil {
		return err
	}
	limit := logPageSize
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			return badRequest("ErrNotLimit", "Value", quote(l))
		}
		limit = min(n, truce.MaxLimit)
	}
	end := size
	if c := q.Get("cursor"); c != "" {
		n, err := strconv.ParseUint(c, 10, 64)
		if err != nil {
			return badRequest("ErrNotCursor", "Value", quote(c))
		}
		end = min(n, size)
	}
	start := end - min(end, uint64(limit))
	rows, err := s.readRows(ctx, start, end)
	if err != nil {
		return err
	}
	slices.Reverse(rows)
	lp := logListPage{Rows: rows, Size: size}
	link := func(cursor uint64) string {
		v := url.Values{}
		if q.Get("limit") != "" {
			v.Set("limit", strconv.Itoa(limit))
		}
		if cursor < size {
			v.Set("cursor", strconv.FormatUint(cursor, 10))
		}
		if len(v) == 0 {
			return "/log"
		}
		return "/log?" + v.Encode()
	}
	if len(rows) > 0 {
		lp.First, lp.Last = rows[0].Index, rows[len(rows)-1].Index
	}
	if start > 0 {
		lp.Older = link(start)
	}
	if end < size {
		lp.Newer, lp.Newest = link(min(size, end+uint64(limit))), "/log"
	}
	p.template, p.Title, p.Page = "log", p.L.T("NavLog"), lp
	return nil
}

// logIndex serves /log: ?index=N, the form's "go to entry", is a redirect
// to /log/N; anything else is the list.
func (s *site) logIndex() http.HandlerFunc {
	list := s.page(s.logList)
	return func(w http.ResponseWriter, r *http.Request) {
		if v := r.URL.Query().Get("index"); v != "" {
			if n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64); err == nil {
				http.Redirect(w, r, "/log/"+strconv.FormatUint(n, 10), http.StatusSeeOther)
				return
			}
			s.page(func(r *http.Request, p *pageData) error {
				return badRequest("ErrNotIndex", "Index", quote(v))
			})(w, r)
			return
		}
		list(w, r)
	}
}

// trustedKey is a key the page trusts, shown with its fingerprint so
// that a reader can compare it with one published elsewhere.
type trustedKey struct {
	Name, Line, ID string
}

func trusted(line string) (trustedKey, error) {
	id, err := keyID(line)
	if err != nil {
		return trustedKey{}, err
	}
	name, _, _ := strings.Cut(strings.TrimSpace(line), "+")
	return trustedKey{Name: name, Line: strings.TrimSpace(line), ID: id}, nil
}

type entryPage struct {
	Row      logRow
	Record   string // a public record, indented; "" for a restricted one
	Digest   string // a restricted record's salted digest
	LeafHash string // hex SHA-256(0x00 ‖ leaf), RFC 6962's leaf hash
	// Shown is the page that shows the record as its kind, if any.
	Shown string
	// InCheckpoint is false while the entry is not yet in the published
	// checkpoint, which the browser verifies against (a checkpoint whose
	// cosignatures the server could not verify still counts: the browser
	// checks them itself, and says what fails).
	InCheckpoint bool
	Verify       *verification
	Bundle       string // the offline bundle's URL, if one exists
	Command      string // the `truce verify` command checking the same
}

// verification is what the browser is told to verify an entry against:
// the page's own keys, never the server's word at run time.
type verification struct {
	LogKey    trustedKey
	Witnesses []trustedKey
	Quorum    int
	// The data attributes page.js reads (JSON).
	WitnessKeys, MemberKeys string
	// MsgOK is the words of success, with page.js's {placeholders}.
	MsgOK string
}

// kindPages are the pages that show one record of a type.
var kindPages = map[string]string{"incident": "/incidents/%d", "source": "/sources/%d", "finding": "/findings/%d",
	"commitment": "/commitments#commitment-%d"}

func (s *site) logEntry(r *http.Request, p *pageData) error {
	ctx := r.Context()
	i, err := index(r)
	if err != nil {
		return err
	}
	size, err := s.cfg.Log.Size(ctx)
	if err != nil {
		return err
	}
	if i >= size {
		return notFound("ErrNoEntry", "Index", i)
	}
	rows, err := s.readRows(ctx, i, i+1)
	if err != nil {
		return err
	}
	row := rows[0]
	leaf := sha256.Sum256(append([]byte{0}, row.Leaf...))
	ep := entryPage{Row: row, LeafHash: hex.EncodeToString(leaf[:]), InCheckpoint: i < p.Checkpoint.Size}
	if row.Restricted {
		var rl struct {
			Digest string `json:"digest"`
		}
		_ = json.Unmarshal(row.Leaf, &rl)
		ep.Digest = rl.Digest
	} else if row.record != nil {
		var buf strings.Builder
		var v any
		if json.Unmarshal(row.record, &v) == nil {
			b, _ := json.MarshalIndent(v, "", "  ")
			buf.Write(b)
		}
		ep.Record = buf.String()
		if f, ok := kindPages[row.Type]; ok {
			ep.Shown = fmt.Sprintf(f, i)
		}
	}
	if ep.Verify, err = s.verification(p.L, row); err != nil {
		return err
	}
	if offlineBundle != nil {
		if u, ok := offlineBundle(ctx, i); ok {
			ep.Bundle = u
		}
	}
	ep.Command = s.verifyCommand(r, i, ep.Verify)
	p.template, p.Title, p.Page = "entry", p.L.T("EntryIndex", "Index", p.L.Index(i)), ep
	return nil
}

// verification is what the page gives the browser to verify row with; nil
// when the site was given no log key text.
func (s *site) verification(l *locale, row logRow) (*verification, error) {
	if s.cfg.LogVKey == "" {
		return nil, nil
	}
	lk, err := trusted(s.cfg.LogVKey)
	if err != nil {
		return nil, fmt.Errorf("the site's log key: %v", err)
	}
	v := &verification{LogKey: lk}
	wkeys := []string{}
	if policy, ok := s.policy(); ok {
		for _, k := range policy.Keys {
			w, err := trusted(k)
			if err != nil {
				continue // a key the policy records but no verifier reads: not trusted
			}
			v.Witnesses = append(v.Witnesses, w)
			wkeys = append(wkeys, w.Line)
		}
		v.Quorum = min(policy.Quorum, len(v.Witnesses))
	}
	mkeys := []string{}
	for _, k := range row.Signers {
		if k.Key != "" {
			mkeys = append(mkeys, k.Key)
		}
	}
	b, _ := json.Marshal(wkeys)
	v.WitnessKeys = string(b)
	b, _ = json.Marshal(mkeys)
	v.MemberKeys = string(b)
	msg := []string{l.T("VerifyOK")}
	if len(v.Witnesses) > 0 {
		msg = append(msg, l.T("VerifyOKCosigned"))
	}
	if row.Restricted {
		msg = append(msg, l.T("VerifyOKRestricted"))
	} else {
		msg = append(msg, l.T("VerifyOKSigned"))
	}
	v.MsgOK = strings.Join(msg, " ")
	return v, nil
}

// verifyCommand is the `truce verify` command (cmd/truce/verify.go) that
// checks from a terminal what the page checks in the browser, the keys
// saved in files named after them.
func (s *site) verifyCommand(r *http.Request, i uint64, v *verification) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	args := []string{"truce verify", "--server " + scheme + "://" + r.Host, "--log-key log.vkey"}
	if v != nil {
		for _, w := range v.Witnesses {
			args = append(args, "--witness "+fileName(w.Name)+".vkey")
		}
		if len(v.Witnesses) > 0 {
			args = append(args, "--min-witnesses "+strconv.Itoa(v.Quorum))
		}
	}
	args = append(args, "--state truce-checkpoint.txt", "--index "+strconv.FormatUint(i, 10))
	return strings.Join(args, " ")
}

// fileName keeps a key's name to characters any shell and file system
// take as they are.
func fileName(name string) string {
	return strings.Map(func(c rune) rune {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' {
			return c
		}
		return '_'
	}, name)
}
