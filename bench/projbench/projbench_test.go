// Package projbench measures the projection at scale: truce reindex beside
// raw batched SQLite inserts of the same rows, truce audit beside the
// machine's Ed25519 verify rate, list latency with three filters, and
// database bytes per record. Run it with
//
//	go test -run '^$' -bench Projection -benchtime 1x -timeout 60m ./bench/projbench -records 1000000
package projbench

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/bench/benchutil"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
)

var records = flag.Int("records", 1_000_000, "how many mixed records the log holds")

var (
	reindexProfile = flag.String("reindexprofile", "", "write a CPU profile of the reindex alone to this file")
	auditProfile   = flag.String("auditprofile", "", "write a CPU profile of the audit alone to this file")
)

// profile starts a CPU profile into path, when set, and returns what stops it.
func profile(b *testing.B, path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

func BenchmarkProjection(b *testing.B) {
	ctx := context.Background()
	n := *records
	out := func(format string, args ...any) { fmt.Printf(format+"\n", args...) }

	start := time.Now()
	m := trucetest.NewMechanism(b)
	m.Concurrency = 512
	c := m.Setup()
	m.Mixed(c, n, 7)
	size := m.Size()
	out("built a log of %d mixed records in %v (%.0f records/s through the mechanism)", size, time.Since(start).Round(time.Second), float64(size)/time.Since(start).Seconds())

	v1, v2 := benchutil.Ed25519Rate(2 * time.Second)
	out("Ed25519 verify: %.0f/s on one core, %.0f/s on both", v1, v2)

	// truce reindex: the projection from the log alone.
	dir := b.TempDir()
	path := filepath.Join(dir, "projection.sqlite")
	store, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	stop := profile(b, *reindexProfile)
	start = time.Now()
	if err := truce.CatchUp(ctx, m.Log, store); err != nil {
		b.Fatal(err)
	}
	reindex := float64(size) / time.Since(start).Seconds()
	stop()
	bytes := fileBytes(b, path)
	out("reindex: %.0f records/s; database %d bytes, %.0f bytes per record", reindex, bytes, float64(bytes)/float64(size))

	// Raw batched inserts of the same rows into tables of the same shape.
	raw := rawInserts(b, path, filepath.Join(dir, "raw.sqlite"), size, "entries", "items")
	out("raw batched SQLite inserts of the same entries and items rows: %.0f records/s; reindex/raw = %.2f", raw, reindex/raw)
	all := rawInserts(b, path, filepath.Join(dir, "raw-all.sqlite"), size, "entries", "payloads", "repeats", "members", "parties", "items", "item_parties", "links", "figures", "search")
	out("raw batched SQLite inserts of every row the projection holds: %.0f records/s; reindex/raw = %.2f", all, reindex/all)

	// truce audit: every signature and rule again.
	stop = profile(b, *auditProfile)
	start = time.Now()
	if err := truce.Audit(ctx, truce.Config{Origin: trucetest.Origin, Admin: c.Admin.Verifier()}, m.Log); err != nil {
		b.Fatal(err)
	}
	audit := float64(size) / time.Since(start).Seconds()
	stop()
	out("audit: %.0f records/s; audit/verify(both cores) = %.2f", audit, audit/v2)

	// The incidents list with three filters, over HTTP.
	srv := httptest.NewServer(trucehttp.NewServer(m.Mech, m.Log, store, nil, nil, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	types := []string{"Battles", "Explosions/Remote violence"}
	statuses := []string{"reported", "corroborated", "verified", "disputed", "unfounded"}
	var lat []time.Duration
	var items int
	for i := range 1000 {
		q := fmt.Sprintf("%s/api/v1/incidents?type=%s&status=%s&from=2025-10-%02d", srv.URL, url.QueryEscape(types[i%2]), statuses[i%5], 1+i%28)
		t0 := time.Now()
		resp, err := http.Get(q)
		if err != nil {
			b.Fatal(err)
		}
		var page struct{ Items []json.RawMessage }
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		lat = append(lat, time.Since(t0))
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("%s: HTTP %d %v", q, resp.StatusCode, err)
		}
		items += len(page.Items)
	}
	out("incidents list, three filters (type, status, from), 1000 requests, %.0f items a page on average: p50 / p95 %s", float64(items)/1000, benchutil.Percentiles(lat))
	b.ReportMetric(reindex, "reindex-records/s")
	b.ReportMetric(audit, "audit-records/s")
}

func fileBytes(b *testing.B, path string) int64 {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		b.Fatal(err)
	}
	db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	db.Close()
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		if st, err := os.Stat(path + suffix); err == nil {
			n += st.Size()
		}
	}
	return n
}

// rawInserts copies the entries and items rows the projection made into a
// fresh database with the same tables and indices, 4096 rows a
// transaction through prepared statements, and returns records/s.
func rawInserts(b *testing.B, from, to string, records uint64, names ...string) float64 {
	src, err := sql.Open("sqlite", from)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	q := url.Values{}
	for _, p := range sqlite.Pragmas {
		q.Add("_pragma", p)
	}
	dst, err := sql.Open("sqlite", "file:"+to+"?"+q.Encode())
	if err != nil {
		b.Fatal(err)
	}
	defer dst.Close()
	type table struct {
		name string
		rows [][]any
	}
	var tables []table
	for _, name := range names {
		ddl, err := src.Query(`SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL`, name)
		if err != nil {
			b.Fatal(err)
		}
		for ddl.Next() {
			var s string
			ddl.Scan(&s)
			if _, err := dst.Exec(s); err != nil {
				b.Fatal(err)
			}
		}
		ddl.Close()
		query := `SELECT * FROM ` + name
		if name == "search" {
			query = `SELECT rowid, text FROM search` // full-text rows keep their item's index
		}
		rows, err := src.Query(query)
		if err != nil {
			b.Fatal(err)
		}
		cols, _ := rows.Columns()
		t := table{name: name}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			t.rows = append(t.rows, vals)
		}
		rows.Close()
		if len(t.rows) > 0 {
			tables = append(tables, t)
		}
	}
	start := time.Now()
	for _, t := range tables {
		ph := strings.TrimSuffix(strings.Repeat("?, ", len(t.rows[0])), ", ")
		for i := 0; i < len(t.rows); i += 4096 {
			tx, err := dst.Begin()
			if err != nil {
				b.Fatal(err)
			}
			into := t.name
			if into == "search" {
				into = "search (rowid, text)"
			}
			st, err := tx.Prepare(`INSERT INTO ` + into + ` VALUES (` + ph + `)`)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range t.rows[i:min(i+4096, len(t.rows))] {
				if _, err := st.Exec(r...); err != nil {
					b.Fatal(err)
				}
			}
			st.Close()
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
	}
	return float64(records) / time.Since(start).Seconds()
}
