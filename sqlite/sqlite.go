// Package sqlite is truce's embedded projection: the log's records as
// queryable lists, statuses and full-text search, in one SQLite file
// (modernc.org/sqlite, no cgo).
package sqlite

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/truce-dev/truce"
	_ "modernc.org/sqlite"
)

//go:embed schema.sql
var schema string

// Pragmas are the settings every connection gets. The projection can be
// rebuilt from the log, so a crash may lose its last transactions
// (synchronous NORMAL), never its consistency; a 64 MiB page cache keeps
// the indices of a million records in memory.
var Pragmas = []string{"journal_mode(WAL)", "synchronous(NORMAL)", "busy_timeout(10000)", "foreign_keys(off)", "cache_size(-65536)", "temp_store(memory)"}

// DB is a projection in one SQLite file.
type DB struct {
	db *sql.DB
	// mu serializes Apply; members caches the members table for it.
	mu      sync.Mutex
	members map[string]member // by key id
	parties map[string]string // member id to party
	// repeats maps an entry that repeats a listed statement to the entry
	// whose item stands for both.
	repeats map[uint64]uint64
}

type member struct {
	id, role, party string
}

// Open opens or creates the projection at path.
func Open(path string) (*DB, error) {
	q := url.Values{}
	for _, p := range Pragmas {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("opening %s: %v", path, err)
	}
	if err := migrate(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("creating the projection in %s: %v", path, err)
	}
	d := &DB{db: db}
	if err := d.loadMembers(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// Reset drops every row and table and creates the schema anew.
func (d *DB) Reset(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := recreate(d.db); err != nil {
		return err
	}
	return d.loadMembers(ctx)
}

// schemaVersion changes whenever what the projection holds for the same
// entries changes; a projection of another version is dropped and rebuilt
// from the log, which it is a function of.
const schemaVersion = 3

func migrate(db *sql.DB) error {
	if _, err := db.Exec(schema); err != nil {
		return err
	}
	var v int
	err := db.QueryRow(`SELECT v FROM meta WHERE k = 'schema'`).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if v == schemaVersion {
		return nil
	}
	return recreate(db)
}

// recreate drops every table and creates the schema, at this version.
func recreate(db *sql.DB) error {
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%'`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	for _, t := range tables {
		if _, err := db.Exec(`DROP TABLE IF EXISTS "` + t + `"`); err != nil {
			return err
		}
	}
	if _, err := db.Exec(schema); err != nil {
		return err
	}
	_, err = db.Exec(`INSERT INTO meta (k, v) VALUES ('schema', ?)`, schemaVersion)
	return err
}

func (d *DB) loadMembers(ctx context.Context) error {
	d.members, d.parties, d.repeats = map[string]member{}, map[string]string{}, map[uint64]uint64{}
	reps, err := d.db.QueryContext(ctx, `SELECT idx, first FROM repeats`)
	if err != nil {
		return err
	}
	for reps.Next() {
		var i, first uint64
		if err := reps.Scan(&i, &first); err != nil {
			reps.Close()
			return err
		}
		d.repeats[i] = first
	}
	reps.Close()
	rows, err := d.db.QueryContext(ctx, `SELECT keyid, id, role, coalesce(party, '') FROM members`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var m member
		if err := rows.Scan(&k, &m.id, &m.role, &m.party); err != nil {
			return err
		}
		d.members[k] = m
		d.parties[m.id] = m.party
	}
	return rows.Err()
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// Size is the number of log entries applied.
func (d *DB) Size(ctx context.Context) (uint64, error) {
	var n uint64
	err := d.db.QueryRowContext(ctx, `SELECT v FROM meta WHERE k = 'size'`).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// Apply applies entries in one transaction, with the new size.
func (d *DB) Apply(ctx context.Context, entries []truce.Entry) (err error) {
	if len(entries) == 0 {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	size, err := d.Size(ctx)
	if err != nil {
		return err
	}
	if entries[0].Index != size {
		return fmt.Errorf("entries start at index %d, but the projection has %d", entries[0].Index, size)
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
			d.loadMembers(context.WithoutCancel(ctx)) // the cache may hold rolled-back members
		}
	}()
	a := &applier{tx: tx, d: d, stmts: map[string]*sql.Stmt{}}
	defer a.close()
	for i, e := range entries {
		if e.Index != size+uint64(i) {
			return fmt.Errorf("entries are not contiguous at index %d", e.Index)
		}
		if err := a.apply(ctx, e); err != nil {
			return fmt.Errorf("entry %d: %w", e.Index, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (k, v) VALUES ('size', ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v`, size+uint64(len(entries))); err != nil {
		return err
	}
	return tx.Commit()
}

// applier applies entries within one transaction.
type applier struct {
	tx    *sql.Tx
	d     *DB
	stmts map[string]*sql.Stmt
}

func (a *applier) close() {
	for _, s := range a.stmts {
		s.Close()
	}
}

// stmt returns query prepared, once per transaction.
func (a *applier) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	s, ok := a.stmts[query]
	if !ok {
		var err error
		if s, err = a.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		a.stmts[query] = s
	}
	return s, nil
}

func (a *applier) exec(ctx context.Context, query string, args ...any) error {
	s, err := a.stmt(ctx, query)
	if err != nil {
		return err
	}
	_, err = s.ExecContext(ctx, args...)
	return err
}

// scan reads one row of a prepared query into dst; no row leaves dst as it
// is.
func (a *applier) scan(ctx context.Context, query string, args []any, dst ...any) error {
	s, err := a.stmt(ctx, query)
	if err != nil {
		return err
	}
	err = s.QueryRowContext(ctx, args...).Scan(dst...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

func (a *applier) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := a.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

// listOf is the list a record type's records appear in, "" for none.
func listOf(typ string) string {
	t, _ := truce.TypeOf(typ)
	return t.List
}

func (a *applier) apply(ctx context.Context, e truce.Entry) error {
	if rl := e.Restricted; rl != nil {
		// The projection is public: a restricted record is known by its
		// routing metadata only, and changes no status or list.
		var signers []string
		for _, k := range rl.Authors {
			signers = append(signers, a.d.members[k].id)
		}
		signersJSON, _ := json.Marshal(signers)
		digest, _ := hex.DecodeString(strings.TrimPrefix(rl.Digest, "sha256:"))
		return a.exec(ctx, `INSERT INTO entries (idx, type, created, visibility, signers, envelope_sha256, content_sha256, record) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)`,
			e.Index, rl.Type, rl.Created, rl.Visibility, string(signersJSON), digest)
	}
	r := e.Record
	b, err := truce.DecodeFields(r.Body)
	if err != nil {
		return err
	}
	// The signers, as the membership stood before this entry; the admin's
	// first record admits the key that signs it.
	var signers, parties []string
	for _, k := range e.Envelope.KeyIDs() {
		m, ok := a.d.members[k]
		if !ok && r.Type == "member" {
			if v, err := truce.ParseVerifier(b.Key); err == nil && v.KeyID() == k {
				m, ok = member{id: b.ID, role: b.Role, party: b.Party}, true
			}
		}
		if !ok {
			return fmt.Errorf("signer %s is not a member", k)
		}
		signers = append(signers, m.id)
		if m.party != "" && !slices.Contains(parties, m.party) {
			parties = append(parties, m.party)
		}
	}
	signersJSON, _ := json.Marshal(signers)
	h := e.Envelope.Hash()
	same, repeat, err := a.repeats(ctx, e)
	if err != nil {
		return err
	}
	var content any
	if r.Type == "source" || r.Type == "evidence" {
		content = b.SHA256
	}
	// A listed record's body lives in its item; the others keep theirs here.
	var record any = string(e.Envelope.Payload())
	if listOf(r.Type) != "" {
		record = nil
	}
	if err := a.exec(ctx, `INSERT INTO entries (idx, type, created, visibility, signers, envelope_sha256, content_sha256, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Index, r.Type, r.Created, r.Visibility, string(signersJSON), h[:], content, record); err != nil {
		return err
	}
	if same != nil && (repeat || listOf(r.Type) != "") {
		first := *same
		if f, ok := a.d.repeats[first]; ok {
			first = f
		}
		a.d.repeats[e.Index] = first
		if err := a.exec(ctx, `INSERT INTO repeats (idx, first) VALUES (?, ?)`, e.Index, first); err != nil {
			return err
		}
		if repeat {
			return nil // the same record again: it changes nothing
		}
		// The same statement with more signers is still one item, signed
		// by them all: it never counts twice.
		return a.cosign(ctx, first, signers, parties)
	}
	a.canonical(b)
	item := func(subtype, date, deadline, place, status string, concerns []string) error {
		if err := a.exec(ctx, `INSERT INTO items (idx, list, subtype, date, deadline, place, status, signers, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Index, listOf(r.Type), nullable(subtype), nullable(day(date)), nullable(deadline), nullable(place), nullable(status), string(signersJSON), string(r.Body)); err != nil {
			return err
		}
		for _, p := range concerns {
			if p == "" {
				continue
			}
			if err := a.exec(ctx, `INSERT OR IGNORE INTO item_parties (party, idx) VALUES (?, ?)`, p, e.Index); err != nil {
				return err
			}
		}
		return nil
	}
	link := func(rel string, refs ...uint64) error {
		for _, dst := range refs {
			if err := a.exec(ctx, `INSERT OR IGNORE INTO links (dst, rel, src) VALUES (?, ?, ?)`, dst, rel, e.Index); err != nil {
				return err
			}
		}
		return nil
	}
	one := func(p *uint64) []uint64 {
		if p == nil {
			return nil
		}
		return []uint64{*p}
	}
	switch r.Type {
	case "member":
		v, err := truce.ParseVerifier(b.Key)
		if err != nil {
			return err
		}
		// A new key for a member id retires its other keys from here on.
		if err := a.exec(ctx, `UPDATE members SET revoked = ? WHERE id = ? AND keyid != ? AND revoked IS NULL`, e.Index, b.ID, v.KeyID()); err != nil {
			return err
		}
		var revoked any
		if b.Status == "revoked" {
			revoked = e.Index
		}
		if err := a.exec(ctx, `INSERT INTO members (keyid, id, role, party, name, revoked, since) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (keyid) DO UPDATE SET name = excluded.name, revoked = excluded.revoked`,
			v.KeyID(), b.ID, b.Role, nullable(b.Party), b.Name, revoked, e.Index); err != nil {
			return err
		}
		a.d.members[v.KeyID()] = member{id: b.ID, role: b.Role, party: b.Party}
		a.d.parties[b.ID] = b.Party
	case "party":
		return a.exec(ctx, `INSERT INTO parties (id, name, idx) VALUES (?, ?, ?)`, b.ID, b.Name, e.Index)
	case "round":
		return item("", b.Start, "", "", "", nil)
	case "commitment":
		if err := item(b.Category, r.Created, truce.Deadline(b.Deadline), "", "open", []string{b.Obligor, b.Beneficiary}); err != nil {
			return err
		}
		return link("round", one(b.Round)...)
	case "incident":
		concerns := slices.Clone(parties)
		for _, c := range b.Violates {
			var obligor sql.NullString
			if err := a.scan(ctx, `SELECT json_extract(body, '$.obligor') FROM items WHERE idx = ?`, []any{c}, &obligor); err != nil {
				return err
			}
			concerns = append(concerns, obligor.String)
		}
		place := ""
		if b.Place != nil {
			place = b.Place.Name
		}
		if err := item(b.EventType, b.Date, "", place, "reported", concerns); err != nil {
			return err
		}
		return link("violates", b.Violates...)
	case "claim":
		date := b.Date
		if date == "" {
			date = r.Created
		}
		if err := item("", date, "", "", "", parties); err != nil {
			return err
		}
		for n, f := range b.Figures {
			if err := a.exec(ctx, `INSERT INTO figures (claim, n, what, count, qualifier, attributed_to) VALUES (?, ?, ?, ?, ?, ?)`,
				e.Index, n, f.What, f.Count, f.Qualifier, nullable(f.AttributedTo)); err != nil {
				return err
			}
		}
		if err := a.exec(ctx, `INSERT INTO search (rowid, text) VALUES (?, ?)`, e.Index, b.Speaker+"\n"+b.Text); err != nil {
			return err
		}
		if err := link("about", b.About...); err != nil {
			return err
		}
		if err := link("source", one(b.Source)...); err != nil {
			return err
		}
		if err := link("translation_of", one(b.TranslationOf)...); err != nil {
			return err
		}
		for _, target := range b.About {
			if err := a.corroborate(ctx, target, true); err != nil {
				return err
			}
		}
	case "source":
		if err := item("", b.Published, "", "", "", nil); err != nil {
			return err
		}
		return a.exec(ctx, `INSERT INTO search (rowid, text) VALUES (?, ?)`, e.Index, b.Outlet+"\n"+b.Title)
	case "assessment":
		if err := link("subject", one(b.Subject)...); err != nil {
			return err
		}
		if err := link("evidence", b.Evidence...); err != nil {
			return err
		}
		// The latest assessment sets the status; a breach found by the
		// mechanism is final.
		return a.exec(ctx, `UPDATE items SET status = ? WHERE idx = ? AND coalesce(status, '') != 'breached'`, b.Status, *b.Subject)
	case "request":
		return item(b.Kind, r.Created, truce.Deadline(b.Due), "", "open", append(slices.Clone(b.To), parties...))
	case "response":
		if err := link("response", one(b.Request)...); err != nil {
			return err
		}
		return a.exec(ctx, `UPDATE items SET status = 'answered' WHERE idx = ?`, *b.Request)
	case "finding":
		if err := item("", r.Created, "", "", "", []string{b.Violator}); err != nil {
			return err
		}
		if err := link("breached_by", b.Commitments...); err != nil {
			return err
		}
		if err := link("basis", b.Basis...); err != nil {
			return err
		}
		for _, c := range b.Commitments {
			if err := a.exec(ctx, `UPDATE items SET status = 'breached' WHERE idx = ?`, c); err != nil {
				return err
			}
		}
	case "correction":
		if err := link("corrected_by", one(b.Target)...); err != nil {
			return err
		}
		var err error
		if len(b.Replacement) > 0 {
			err = a.exec(ctx, `UPDATE items SET corrected_by = ?, body = ? WHERE idx = ?`, e.Index, string(b.Replacement), *b.Target)
		} else {
			err = a.exec(ctx, `UPDATE items SET corrected_by = ? WHERE idx = ?`, e.Index, *b.Target)
		}
		if err != nil {
			return err
		}
		// A corrected claim no longer counts towards corroboration.
		rows, err := a.query(ctx, `SELECT dst FROM links WHERE src = ? AND rel = 'about'`, *b.Target)
		if err != nil {
			return err
		}
		var about []uint64
		for rows.Next() {
			var d uint64
			rows.Scan(&d)
			about = append(about, d)
		}
		rows.Close()
		for _, target := range about {
			if err := a.corroborate(ctx, target, false); err != nil {
				return err
			}
		}
	case "evidence":
	}
	return nil
}

// repeats finds the entries recording e's payload before it: repeat when
// one was signed by all of e's signers (truce.IsRepeat), same when any was.
func (a *applier) repeats(ctx context.Context, e truce.Entry) (same *uint64, repeat bool, err error) {
	ph := e.Envelope.PayloadHash()
	rows, err := a.query(ctx, `SELECT idx, keyids FROM payloads WHERE sha256 = ? ORDER BY idx`, ph[:])
	if err != nil {
		return nil, false, err
	}
	for rows.Next() {
		var i uint64
		var keyidsJSON string
		if err := rows.Scan(&i, &keyidsJSON); err != nil {
			rows.Close()
			return nil, false, err
		}
		var keyids []string
		json.Unmarshal([]byte(keyidsJSON), &keyids)
		if same == nil {
			same = &i
		}
		repeat = repeat || truce.IsRepeat(keyids, e.Envelope.KeyIDs())
	}
	rows.Close()
	keyidsJSON, _ := json.Marshal(e.Envelope.KeyIDs())
	return same, repeat, a.exec(ctx, `INSERT INTO payloads (sha256, idx, keyids) VALUES (?, ?, ?)`, ph[:], e.Index, string(keyidsJSON))
}

// canonical makes the refs of b cite the entries whose items stand for
// them: what cites a repeated statement reaches its one item. A
// correction's target is left as it is: a co-signer of the second entry
// may correct that entry, never the statement its first authors made.
func (a *applier) canonical(b *truce.Fields) {
	if len(a.d.repeats) == 0 {
		return
	}
	one := func(p **uint64) {
		if *p != nil {
			if f, ok := a.d.repeats[**p]; ok {
				*p = &f
			}
		}
	}
	many := func(refs []uint64) {
		for i, r := range refs {
			if f, ok := a.d.repeats[r]; ok {
				refs[i] = f
			}
		}
	}
	for _, p := range []**uint64{&b.Round, &b.Source, &b.TranslationOf, &b.Subject, &b.Request} {
		one(p)
	}
	for _, refs := range [][]uint64{b.Violates, b.About, b.Evidence, b.Commitments, b.Basis} {
		many(refs)
	}
}

// cosign adds signers, and the parties they speak for, to the item at i.
func (a *applier) cosign(ctx context.Context, i uint64, signers, parties []string) error {
	var signersJSON string
	if err := a.scan(ctx, `SELECT signers FROM items WHERE idx = ?`, []any{i}, &signersJSON); err != nil {
		return err
	}
	var all []string
	json.Unmarshal([]byte(signersJSON), &all)
	for _, s := range signers {
		if !slices.Contains(all, s) {
			all = append(all, s)
		}
	}
	out, _ := json.Marshal(all)
	if err := a.exec(ctx, `UPDATE items SET signers = ? WHERE idx = ?`, string(out), i); err != nil {
		return err
	}
	for _, p := range parties {
		if err := a.exec(ctx, `INSERT OR IGNORE INTO item_parties (party, idx) VALUES (?, ?)`, p, i); err != nil {
			return err
		}
	}
	return nil
}

// corroborate recomputes an unassessed incident's status: corroborated
// once two claims about it are independent (docs/RULES.md). A new claim
// cannot undo corroboration, so it need not recompute it (grows).
func (a *applier) corroborate(ctx context.Context, incident uint64, grows bool) error {
	var status sql.NullString
	var list string
	if err := a.scan(ctx, `SELECT list, status FROM items WHERE idx = ?`, []any{incident}, &list, &status); err != nil {
		return err
	}
	if list != "incidents" || (status.String != "reported" && status.String != "corroborated") || (grows && status.String == "corroborated") {
		return nil
	}
	rows, err := a.query(ctx, `SELECT c.signers, coalesce(json_extract(s.body, '$.outlet'), '')
		FROM links l CROSS JOIN items c ON c.idx = l.src LEFT JOIN items s ON s.idx = json_extract(c.body, '$.source')
		WHERE l.dst = ? AND l.rel = 'about' AND c.list = 'claims' AND c.corrected_by IS NULL ORDER BY l.src`, incident)
	if err != nil {
		return err
	}
	type origin struct{ outlet, party, author string }
	var origins []origin
	for rows.Next() {
		var signersJSON, outlet string
		if err := rows.Scan(&signersJSON, &outlet); err != nil {
			rows.Close()
			return err
		}
		var signers []string
		json.Unmarshal([]byte(signersJSON), &signers)
		o := origin{outlet: outlet}
		if len(signers) > 0 {
			o.author = signers[0]
			o.party = a.d.parties[signers[0]]
		}
		origins = append(origins, o)
	}
	rows.Close()
	independent := func(x, y origin) bool {
		if x.party != "" && x.party == y.party {
			return false // one party's voices are one source
		}
		if x.outlet != "" && y.outlet != "" {
			return x.outlet != y.outlet
		}
		return x.author != y.author && (x.party != "" || y.party != "")
	}
	next := "reported"
	for i := range origins {
		for j := i + 1; j < len(origins); j++ {
			if independent(origins[i], origins[j]) {
				next = "corroborated"
			}
		}
	}
	return a.exec(ctx, `UPDATE items SET status = ? WHERE idx = ?`, next, incident)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// day is the YYYY-MM-DD of a date or RFC 3339 time, as written (the
// writer's own calendar day).
func day(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return ""
}

// Lookup finds entries by envelope hash or content hash.
func (d *DB) Lookup(ctx context.Context, hash string) ([]uint64, error) {
	raw, err := hex.DecodeString(hash)
	if err != nil {
		return nil, fmt.Errorf("%q is not a hex SHA-256", hash)
	}
	rows, err := d.db.QueryContext(ctx, `SELECT idx FROM entries WHERE envelope_sha256 = ? AND visibility = 'public' UNION SELECT idx FROM entries WHERE content_sha256 = ? AND visibility = 'public' ORDER BY idx`, raw, strings.ToLower(hash))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []uint64
	for rows.Next() {
		var i uint64
		if err := rows.Scan(&i); err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// Dump writes every table in primary-key order, one row a line, from one
// snapshot.
func (d *DB) Dump(ctx context.Context, w func(string) error) error {
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{
		`SELECT 'meta', k, v FROM meta ORDER BY k`,
		`SELECT 'entries', idx, type, created, visibility, signers, hex(envelope_sha256), coalesce(content_sha256, ''), coalesce(record, '') FROM entries ORDER BY idx`,
		`SELECT 'members', keyid, id, role, coalesce(party, ''), name, coalesce(revoked, -1), since FROM members ORDER BY keyid`,
		`SELECT 'parties', id, name, idx FROM parties ORDER BY id`,
		`SELECT 'items', idx, list, coalesce(subtype, ''), coalesce(date, ''), coalesce(deadline, ''), coalesce(place, ''), coalesce(status, ''), signers, coalesce(corrected_by, -1), body FROM items ORDER BY idx`,
		`SELECT 'item_parties', party, idx FROM item_parties ORDER BY party, idx`,
		`SELECT 'links', dst, rel, src FROM links ORDER BY dst, rel, src`,
		`SELECT 'figures', claim, n, what, count, qualifier, coalesce(attributed_to, '') FROM figures ORDER BY claim, n`,
		`SELECT 'search', rowid, text FROM search ORDER BY rowid`,
		`SELECT 'payloads', hex(sha256), idx, keyids FROM payloads ORDER BY sha256, idx`,
		`SELECT 'repeats', idx, first FROM repeats ORDER BY idx`,
	} {
		if err := dumpQuery(ctx, tx, q, w); err != nil {
			return err
		}
	}
	return nil
}

func dumpQuery(ctx context.Context, db *sql.Tx, q string, w func(string) error) error {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		line, _ := json.Marshal(vals)
		if err := w(string(line)); err != nil {
			return err
		}
	}
	return rows.Err()
}
