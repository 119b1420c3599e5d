package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/truce-dev/truce"
)

// statusExpr is the status shown: truce.StatusAt, in SQL. The registry
// declares which stored statuses expire into which once the deadline has
// passed; deadlines are stored as truce.Deadline writes them (UTC RFC
// 3339), so comparing them as text compares them as times.
var statusExpr = func() string {
	var b strings.Builder
	b.WriteString("CASE")
	for _, t := range truce.Types() {
		if t.Expires != nil {
			fmt.Fprintf(&b, "\n  WHEN i.list = %s AND i.status IN (%s) AND i.deadline < :now THEN %s", sqlString(t.List), sqlStrings(t.Expires.From), sqlString(t.Expires.As))
		}
	}
	b.WriteString("\n  ELSE i.status END")
	return b.String()
}()

// sqlString is s as an SQL string literal; the registry's names have no
// quotes, but a literal is quoted whatever it holds.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func sqlStrings(ss []string) string {
	var out []string
	for _, s := range ss {
		out = append(out, sqlString(s))
	}
	return strings.Join(out, ", ")
}

// List answers a list query in index order.
func (d *DB) List(ctx context.Context, q truce.Query) (*truce.Page, error) {
	if !slices.Contains(truce.Lists, q.List) {
		return nil, fmt.Errorf("no list %q", q.List)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = truce.DefaultLimit
	}
	limit = min(limit, truce.MaxLimit)
	now := q.Now
	if now.IsZero() {
		now = time.Now()
	}
	if q.After > math.MaxInt64 {
		// Past every index the log can hold: an empty last page (as int64,
		// the cursor would wrap round to the first).
		return &truce.Page{Items: []map[string]any{}}, nil
	}
	where := []string{"i.list = :list", "i.idx > :after"}
	args := []any{sql.Named("list", q.List), sql.Named("after", int64(q.After)), sql.Named("now", now.UTC().Format(time.RFC3339)), sql.Named("limit", limit+1)}
	add := func(cond, name string, v any) {
		where = append(where, cond)
		args = append(args, sql.Named(name, v))
	}
	if q.Party != "" {
		add("i.idx IN (SELECT idx FROM item_parties WHERE party = :party)", "party", q.Party)
	}
	if q.Status != "" {
		// Written so that a stored status can use the index on it: only
		// the statuses that expire (lapsed, overdue) depend on the time.
		t, _ := truce.ListOf(q.List)
		switch {
		case t.Expires != nil && q.Status == t.Expires.As:
			where = append(where, "i.status IN ("+sqlStrings(t.Expires.From)+") AND i.deadline < :now")
		case t.Expires != nil && slices.Contains(t.Expires.From, q.Status):
			add("i.status = :status AND NOT coalesce(i.deadline < :now, 0)", "status", q.Status)
		default:
			add("i.status = :status", "status", q.Status)
		}
	}
	if q.Type != "" {
		add("i.subtype = :type", "type", q.Type)
	}
	// With a status or a type, the index on them yields rows in index
	// order and the date only filters (the unary + keeps SQLite from
	// choosing the date index, then sorting every row in the range).
	date := "i.date"
	if q.Status != "" || q.Type != "" {
		date = "+i.date"
	}
	if q.From != "" {
		add(date+" >= :from", "from", q.From)
	}
	if q.To != "" {
		add(date+" <= :to", "to", q.To)
	}
	if q.Place != "" {
		add("i.place LIKE :place ESCAPE '\\'", "place", "%"+likeEscape(q.Place)+"%")
	}
	if q.Text != "" {
		match := ftsQuery(q.Text)
		if match == "" {
			return &truce.Page{Items: []map[string]any{}}, nil
		}
		add("i.idx IN (SELECT rowid FROM search WHERE search MATCH :text)", "text", match)
	}
	query := `SELECT i.idx, e.type, e.created, ` + statusExpr + `, i.signers, i.corrected_by, i.body
		FROM items i JOIN entries e ON e.idx = i.idx
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY i.idx LIMIT :limit`
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	page := &truce.Page{Items: []map[string]any{}}
	for rows.Next() {
		var idx int64
		var typ, created, signers, body string
		var status sql.NullString
		var correctedBy sql.NullInt64
		if err := rows.Scan(&idx, &typ, &created, &status, &signers, &correctedBy, &body); err != nil {
			return nil, err
		}
		item := map[string]any{}
		if err := json.Unmarshal([]byte(body), &item); err != nil {
			return nil, err
		}
		item["index"] = idx
		item["type"] = typ
		item["created"] = created
		item["signers"] = json.RawMessage(signers)
		if status.Valid {
			item["status"] = status.String
		}
		if correctedBy.Valid {
			item["corrected_by"] = correctedBy.Int64
		}
		page.Items = append(page.Items, item)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		page.Next = uint64(page.Items[limit-1]["index"].(int64))
	}
	return page, d.attach(ctx, q.List, page.Items)
}

// attach adds to each item what other records say of it: the figures and
// replies of claims about an incident, side by side and never merged; the
// findings that breached a commitment; the responses to a request. The
// joins are CROSS JOINs because SQLite takes those in the order written:
// from the links of these few items outward, never from a scan of every
// claim.
func (d *DB) attach(ctx context.Context, list string, items []map[string]any) error {
	if len(items) == 0 {
		return nil
	}
	byIdx := map[int64]map[string]any{}
	ids := make([]string, len(items))
	for i, it := range items {
		byIdx[it["index"].(int64)] = it
		ids[i] = fmt.Sprint(it["index"])
	}
	in := "(" + strings.Join(ids, ",") + ")" // integers we produced: safe to inline
	switch list {
	case "incidents":
		rows, err := d.db.QueryContext(ctx, `SELECT l.dst, c.idx, coalesce(json_extract(c.body, '$.speaker'), ''), c.signers, f.what, f.count, f.qualifier, coalesce(f.attributed_to, '')
			FROM links l CROSS JOIN items c ON c.idx = l.src CROSS JOIN figures f ON f.claim = c.idx
			WHERE l.rel = 'about' AND l.dst IN `+in+` ORDER BY l.dst, c.idx, f.n`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var dst, claim, count int64
			var speaker, signers, what, qualifier, attributed string
			if err := rows.Scan(&dst, &claim, &speaker, &signers, &what, &count, &qualifier, &attributed); err != nil {
				rows.Close()
				return err
			}
			f := map[string]any{"claim": claim, "speaker": speaker, "what": what, "count": count, "qualifier": qualifier}
			if attributed != "" {
				f["attributed_to"] = attributed
			}
			appendTo(byIdx[dst], "figures", f)
		}
		rows.Close()
		rows, err = d.db.QueryContext(ctx, `SELECT l.dst, c.idx, c.signers, coalesce(json_extract(c.body, '$.speaker'), ''), coalesce(json_extract(c.body, '$.text'), '')
			FROM links l CROSS JOIN items c ON c.idx = l.src WHERE l.rel = 'about' AND c.list = 'claims' AND l.dst IN `+in+` ORDER BY l.dst, c.idx`)
		if err != nil {
			return err
		}
		defer rows.Close()
		var partyOf map[string]string
		for rows.Next() {
			var dst, claim int64
			var signers, speaker, text string
			if err := rows.Scan(&dst, &claim, &signers, &speaker, &text); err != nil {
				return err
			}
			var ids []string
			json.Unmarshal([]byte(signers), &ids)
			party := ""
			if len(ids) > 0 {
				if partyOf == nil {
					if partyOf, err = d.partyOf(ctx); err != nil {
						return err
					}
				}
				party = partyOf[ids[0]]
			}
			c := map[string]any{"index": claim, "speaker": speaker, "text": text}
			if party != "" {
				c["party"] = party
				appendTo(byIdx[dst], "replies", c)
			}
			appendTo(byIdx[dst], "claims", claim)
		}
		return rows.Err()
	case "commitments":
		return d.attachRows(ctx, byIdx, "breached_by", `SELECT l.dst, f.idx, json_extract(f.body, '$.violator'), json_extract(f.body, '$.decision'), coalesce(json_extract(f.body, '$.penalty'), '')
			FROM links l CROSS JOIN items f ON f.idx = l.src WHERE l.rel = 'breached_by' AND l.dst IN `+in+` ORDER BY l.dst, f.idx`,
			"finding", "violator", "decision", "penalty")
	case "requests":
		return d.attachRows(ctx, byIdx, "responses", `SELECT l.dst, r.idx, json_extract(r.record, '$.body.status'), json_extract(r.record, '$.body.text'), r.signers
			FROM links l CROSS JOIN entries r ON r.idx = l.src WHERE l.rel = 'response' AND l.dst IN `+in+` ORDER BY l.dst, r.idx`,
			"index", "status", "text", "signers")
	}
	return nil
}

// partyOf maps member ids to the party each speaks for ("" for none).
func (d *DB) partyOf(ctx context.Context) (map[string]string, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, coalesce(party, '') FROM members`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, party string
		if err := rows.Scan(&id, &party); err != nil {
			return nil, err
		}
		out[id] = party
	}
	return out, rows.Err()
}

// attachRows appends, to the item each row's first column names, an object
// of the remaining columns under key.
func (d *DB) attachRows(ctx context.Context, byIdx map[int64]map[string]any, key, query string, names ...string) error {
	rows, err := d.db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var dst int64
		vals := make([]any, len(names))
		ptrs := []any{&dst}
		for i := range vals {
			ptrs = append(ptrs, &vals[i])
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		obj := map[string]any{}
		for i, n := range names {
			if s, ok := vals[i].(string); ok && s == "" {
				continue
			}
			if s, ok := vals[i].(string); ok && n == "signers" {
				obj[n] = json.RawMessage(s)
				continue
			}
			obj[n] = vals[i]
		}
		appendTo(byIdx[dst], key, obj)
	}
	return rows.Err()
}

func appendTo(item map[string]any, key string, v any) {
	if item == nil {
		return
	}
	l, _ := item[key].([]any)
	item[key] = append(l, v)
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ftsQuery turns free text into an FTS5 query of quoted terms, all
// required, so that no user input is read as FTS5 syntax. A NUL byte
// separates terms, as the tokenizer reads it in the indexed text: inside a
// term it would end the query string early within SQLite, leaving a quote
// open.
func ftsQuery(text string) string {
	text = strings.ReplaceAll(text, "\x00", " ")
	var terms []string
	for _, t := range strings.Fields(text) {
		terms = append(terms, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
	}
	return strings.Join(terms, " ")
}
