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
	"regexp"
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
	mu sync.Mutex // serializes Apply
}

var _ truce.Store = (*DB)(nil)

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
	return &DB{db: db}, nil
}

// Reset drops every row and table and creates the schema anew.
func (d *DB) Reset(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return recreate(d.db)
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
	if v == schemaVersion && !oldLayout(db) {
		return nil
	}
	return recreate(db)
}

// recreate drops every table and creates the schema, at this version.
// oldLayout reports a projection whose rows are this version's but whose
// payloads table is keyed by hash, as before it was keyed by index: rebuilt
// from the log like a projection of another version, so that its writes
// do not keep an index it never uses. The version is not raised, as it is
// part of what the projection holds (Dump).
func oldLayout(db *sql.DB) bool {
	var def string
	err := db.QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'payloads'`).Scan(&def)
	return err == nil && strings.Contains(def, "WITHOUT ROWID")
}

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

// BeginBulk drops the secondary indices before a long catch-up into an
// empty projection: SQLite builds an index from sorted rows once far
// faster than it keeps one up to date row by row. EndBulk builds them
// again. A process stopped between the two gets them back when the
// projection is next opened (schema.sql creates any index missing); until
// then lists are answered, only more slowly. Only schema.sql's indices are
// dropped, all in one transaction.
func (d *DB) BeginBulk(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, n := range schemaIndices {
		if _, err := tx.ExecContext(ctx, `DROP INDEX IF EXISTS `+n); err != nil {
			return fmt.Errorf("dropping index %s for a bulk load: %v", n, err)
		}
	}
	return tx.Commit()
}

// schemaIndices names the indices schema.sql creates.
var schemaIndices = func() []string {
	var names []string
	for _, m := range regexp.MustCompile(`CREATE INDEX IF NOT EXISTS (\w+) ON`).FindAllStringSubmatch(schema, -1) {
		names = append(names, m[1])
	}
	return names
}()

// EndBulk builds the indices BeginBulk dropped.
func (d *DB) EndBulk(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, err := d.db.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("building the indices after a bulk load: %v", err)
	}
	return nil
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

// Lookup finds entries by envelope hash or content hash.
func (d *DB) Lookup(ctx context.Context, hash string) ([]uint64, error) {
	raw, err := hex.DecodeString(hash)
	if err != nil {
		return nil, fmt.Errorf("%q is not a hex SHA-256", hash)
	}
	return d.indices(ctx, `SELECT idx FROM entries WHERE envelope_sha256 = ? AND visibility = 'public' UNION SELECT idx FROM entries WHERE content_sha256 = ? AND visibility = 'public' ORDER BY idx`, raw, strings.ToLower(hash))
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
