package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/truce-dev/truce"
)

// Apply writes changes in one transaction, with the new size. The fold
// has decided everything they say (truce.Change), so nothing written
// here is read back within the batch: rows are gathered by table and
// written many to a statement, SQLite's cost being per statement.
func (d *DB) Apply(ctx context.Context, changes []truce.Change) (err error) {
	if len(changes) == 0 {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	size, err := d.Size(ctx)
	if err != nil {
		return err
	}
	if changes[0].Index != size {
		return fmt.Errorf("changes start at index %d, but the projection has %d", changes[0].Index, size)
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	w := &writer{tx: tx, stmts: map[string]*sql.Stmt{}, items: map[uint64]*truce.Item{}, members: map[string]int{}}
	defer w.close()
	for i := range changes {
		c := &changes[i]
		if c.Index != size+uint64(i) {
			return fmt.Errorf("changes are not contiguous at index %d", c.Index)
		}
		if err := w.change(ctx, c); err != nil {
			return fmt.Errorf("entry %d: %w", c.Index, err)
		}
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (k, v) VALUES ('size', ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v`, size+uint64(len(changes))); err != nil {
		return err
	}
	return tx.Commit()
}

// writer gathers one transaction's rows.
type writer struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// items are the items new in this batch, written last, so that the
	// batch's updates to them are made in memory.
	items      map[uint64]*truce.Item
	itemOrder  []uint64
	members    map[string]int // key id to its row in memberRows
	memberRows [][]any
	rows       map[string][][]any // by table
}

func (w *writer) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

func (w *writer) add(table string, row ...any) {
	if w.rows == nil {
		w.rows = map[string][][]any{}
	}
	w.rows[table] = append(w.rows[table], row)
}

func (w *writer) change(ctx context.Context, c *truce.Change) error {
	e := &c.Entry
	signers, _ := json.Marshal(e.Signers)
	var content, record any
	if e.Content != "" {
		content = e.Content
	}
	if e.Record != "" {
		record = e.Record
	}
	w.add("entries", c.Index, e.Type, e.Created, e.Visibility, string(signers), e.Hash[:], content, record)
	if p := c.Payload; p != nil {
		keyids, _ := json.Marshal(p.KeyIDs)
		w.add("payloads", p.SHA256[:], p.Index, string(keyids))
	}
	if c.Repeat != nil {
		w.add("repeats", c.Index, *c.Repeat)
	}
	for _, m := range c.Members {
		var revoked any
		if m.Revoked != nil {
			revoked = *m.Revoked
		}
		row := []any{m.KeyID, m.ID, m.Role, nullable(m.Party), m.Name, revoked, m.Since}
		if j, ok := w.members[m.KeyID]; ok {
			w.memberRows[j] = row
		} else {
			w.members[m.KeyID] = len(w.memberRows)
			w.memberRows = append(w.memberRows, row)
		}
	}
	if p := c.Party; p != nil {
		w.add("parties", p.ID, p.Name, p.Index)
	}
	if it := c.Item; it != nil {
		copy := *it
		w.items[c.Index] = &copy
		w.itemOrder = append(w.itemOrder, c.Index)
	}
	for _, l := range c.Links {
		w.add("links", l.Dst, l.Rel, l.Src)
	}
	for n, f := range c.Figures {
		w.add("figures", c.Index, n, f.What, f.Count, f.Qualifier, nullable(f.AttributedTo))
	}
	if c.Text != "" {
		w.add("search", c.Index, c.Text)
	}
	for _, u := range c.Updates {
		for _, p := range u.Parties {
			w.add("item_parties", p, u.Index)
		}
		if it, ok := w.items[u.Index]; ok {
			if u.Status != "" {
				it.Status = u.Status
			}
			if u.Signers != nil {
				it.Signers = u.Signers
			}
			if u.CorrectedBy != nil {
				it.CorrectedBy = u.CorrectedBy
			}
			if u.Body != "" {
				it.Body = u.Body
			}
			continue
		}
		if err := w.update(ctx, u); err != nil {
			return err
		}
	}
	return nil
}

// update changes an item written by an earlier transaction.
func (w *writer) update(ctx context.Context, u truce.ItemUpdate) error {
	var set []string
	var args []any
	if u.Status != "" {
		set, args = append(set, "status = ?"), append(args, u.Status)
	}
	if u.Signers != nil {
		s, _ := json.Marshal(u.Signers)
		set, args = append(set, "signers = ?"), append(args, string(s))
	}
	if u.CorrectedBy != nil {
		set, args = append(set, "corrected_by = ?"), append(args, *u.CorrectedBy)
	}
	if u.Body != "" {
		set, args = append(set, "body = ?"), append(args, u.Body)
	}
	if len(set) == 0 {
		return nil
	}
	s, err := w.stmt(ctx, `UPDATE items SET `+strings.Join(set, ", ")+` WHERE idx = ?`)
	if err != nil {
		return err
	}
	_, err = s.ExecContext(ctx, append(args, u.Index)...)
	return err
}

// tables are the tables rows are gathered for, their columns, and how a
// row already there is met.
var tables = []struct{ name, cols, conflict string }{
	{"entries", "idx, type, created, visibility, signers, envelope_sha256, content_sha256, record", ""},
	{"payloads", "sha256, idx, keyids", ""},
	{"repeats", "idx, first", ""},
	{"members", "keyid, id, role, party, name, revoked, since", "OR REPLACE"},
	{"parties", "id, name, idx", ""},
	{"items", "idx, list, subtype, date, deadline, place, status, signers, corrected_by, body", ""},
	{"item_parties", "party, idx", "OR IGNORE"},
	{"links", "dst, rel, src", "OR IGNORE"},
	{"figures", "claim, n, what, count, qualifier, attributed_to", ""},
	{"search", "rowid, text", ""},
}

// flush writes the rows gathered.
func (w *writer) flush(ctx context.Context) error {
	if w.rows == nil {
		w.rows = map[string][][]any{}
	}
	w.rows["members"] = w.memberRows
	for _, i := range w.itemOrder {
		it := w.items[i]
		signers, _ := json.Marshal(it.Signers)
		var corrected any
		if it.CorrectedBy != nil {
			corrected = *it.CorrectedBy
		}
		w.rows["items"] = append(w.rows["items"], []any{i, it.List, nullable(it.Subtype), nullable(it.Date), nullable(it.Deadline), nullable(it.Place), nullable(it.Status), string(signers), corrected, it.Body})
		for _, p := range it.Parties {
			w.rows["item_parties"] = append(w.rows["item_parties"], []any{p, i})
		}
	}
	for _, t := range tables {
		if err := w.insert(ctx, t.name, t.cols, t.conflict, w.rows[t.name]); err != nil {
			return fmt.Errorf("writing %s: %w", t.name, err)
		}
	}
	return nil
}

// perStatement is how many rows one INSERT writes: SQLite allows 32,766
// parameters a statement, and gains little past a few hundred rows.
const perStatement = 256

// insert writes rows into table, perStatement to a statement.
func (w *writer) insert(ctx context.Context, table, cols, conflict string, rows [][]any) error {
	for len(rows) > 0 {
		n := min(len(rows), perStatement)
		width := len(rows[0])
		one := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
		q := "INSERT " + conflict + " INTO " + table + " (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
		s, err := w.stmt(ctx, q)
		if err != nil {
			return err
		}
		args := make([]any, 0, n*width)
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		if _, err := s.ExecContext(ctx, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// stmt returns query prepared, once per transaction.
func (w *writer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	s, ok := w.stmts[query]
	if !ok {
		var err error
		if s, err = w.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		w.stmts[query] = s
	}
	return s, nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Members returns every member key row.
func (d *DB) Members(ctx context.Context) ([]truce.MemberRow, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT keyid, id, role, coalesce(party, ''), name, revoked, since FROM members ORDER BY since, keyid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []truce.MemberRow
	for rows.Next() {
		var m truce.MemberRow
		var revoked sql.NullInt64
		if err := rows.Scan(&m.KeyID, &m.ID, &m.Role, &m.Party, &m.Name, &revoked, &m.Since); err != nil {
			return nil, err
		}
		if revoked.Valid {
			r := uint64(revoked.Int64)
			m.Revoked = &r
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Repeats returns the repeats of listed statements.
func (d *DB) Repeats(ctx context.Context) (map[uint64]uint64, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT idx, first FROM repeats`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[uint64]uint64{}
	for rows.Next() {
		var i, first uint64
		if err := rows.Scan(&i, &first); err != nil {
			return nil, err
		}
		out[i] = first
	}
	return out, rows.Err()
}

// Payloads returns the public entries recording a payload.
func (d *DB) Payloads(ctx context.Context, sha256 [32]byte) ([]truce.PayloadRow, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT idx, keyids FROM payloads WHERE sha256 = ? ORDER BY idx`, sha256[:])
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []truce.PayloadRow
	for rows.Next() {
		p := truce.PayloadRow{SHA256: sha256}
		var keyids string
		if err := rows.Scan(&p.Index, &keyids); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(keyids), &p.KeyIDs); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Item returns the item at index, or nil.
func (d *DB) Item(ctx context.Context, index uint64) (*truce.Item, error) {
	it := &truce.Item{Index: index}
	var subtype, date, deadline, place, status sql.NullString
	var signers string
	var corrected sql.NullInt64
	err := d.db.QueryRowContext(ctx, `SELECT list, subtype, date, deadline, place, status, signers, corrected_by, body FROM items WHERE idx = ?`, index).
		Scan(&it.List, &subtype, &date, &deadline, &place, &status, &signers, &corrected, &it.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	it.Subtype, it.Date, it.Deadline, it.Place, it.Status = subtype.String, date.String, deadline.String, place.String, status.String
	if corrected.Valid {
		c := uint64(corrected.Int64)
		it.CorrectedBy = &c
	}
	return it, json.Unmarshal([]byte(signers), &it.Signers)
}

// LinksTo returns the sources of the links rel to dst.
func (d *DB) LinksTo(ctx context.Context, dst uint64, rel string) ([]uint64, error) {
	return d.indices(ctx, `SELECT src FROM links WHERE dst = ? AND rel = ? ORDER BY src`, dst, rel)
}

// LinksFrom returns the destinations of the links rel from src.
func (d *DB) LinksFrom(ctx context.Context, src uint64, rel string) ([]uint64, error) {
	return d.indices(ctx, `SELECT dst FROM links WHERE src = ? AND rel = ? ORDER BY dst`, src, rel)
}

func (d *DB) indices(ctx context.Context, q string, args ...any) ([]uint64, error) {
	rows, err := d.db.QueryContext(ctx, q, args...)
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
