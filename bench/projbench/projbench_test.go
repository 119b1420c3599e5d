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
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/bench/benchutil"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
)

var (
	records = flag.Int("records", 1_000_000, "how many mixed records the log holds")
	rounds  = flag.Int("rounds", 3, "how many times each ratio is measured, its two sides in turn")
)

// The tables of the two raw-insert references.
var (
	entriesItems = []string{"entries", "items"}
	everyRow     = []string{"entries", "payloads", "repeats", "members", "parties", "items", "item_parties", "links", "figures", "search"}
)

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// spread shows the lowest and highest of xs.
func spread(xs []float64) string {
	return fmt.Sprintf("%.2f–%.2f", slices.Min(xs), slices.Max(xs))
}

var (
	reindexProfile = flag.String("reindexprofile", "", "write a CPU profile of the reindex alone to this file")
	auditProfile   = flag.String("auditprofile", "", "write a CPU profile of the audit alone to this file")
)

// profile starts a CPU profile into path, when set, of the first round,
// and returns what stops it.
func profile(b *testing.B, path string, round int) func() {
	if path == "" || round > 0 {
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

	// Each ratio's two sides are measured in turn, the reference just
	// before and just after what it is the reference for, for several
	// rounds: the machine is shared, and a reference measured minutes
	// apart from its subject measures the other load, not the code.
	dir := b.TempDir()
	var reindexRatios, allRatios, bulkRatios, auditRatios []float64
	var reindex, audit float64
	var store *sqlite.DB
	for r := range *rounds {
		// truce reindex: the projection from the log alone, between raw
		// batched inserts of the rows it makes.
		path := filepath.Join(dir, fmt.Sprintf("projection-%d.sqlite", r))
		var err error
		if store != nil {
			store.Close() // the last round's store serves the lists below
			removeDB(filepath.Join(dir, fmt.Sprintf("projection-%d.sqlite", r-1)))
		}
		if store, err = sqlite.Open(path); err != nil {
			b.Fatal(err)
		}
		stop := profile(b, *reindexProfile, r)
		start := time.Now()
		if err := truce.CatchUp(ctx, m.Log, store); err != nil {
			b.Fatal(err)
		}
		reindex = float64(size) / time.Since(start).Seconds()
		stop()
		bytes := fileBytes(b, path)
		raw := (rawInserts(b, path, filepath.Join(dir, fmt.Sprintf("raw-%d.sqlite", r)), size, entriesItems...) +
			rawInserts(b, path, filepath.Join(dir, fmt.Sprintf("raw-%d-again.sqlite", r)), size, entriesItems...)) / 2
		all := rawInserts(b, path, filepath.Join(dir, fmt.Sprintf("raw-all-%d.sqlite", r)), size, everyRow...)
		bulk := rawBulk(b, path, filepath.Join(dir, fmt.Sprintf("raw-bulk-%d.sqlite", r)), size, entriesItems...)
		for _, name := range []string{"raw-%d.sqlite", "raw-%d-again.sqlite", "raw-all-%d.sqlite", "raw-bulk-%d.sqlite"} {
			removeDB(filepath.Join(dir, fmt.Sprintf(name, r)))
		}
		reindexRatios, allRatios, bulkRatios = append(reindexRatios, reindex/raw), append(allRatios, reindex/all), append(bulkRatios, reindex/bulk)
		out("round %d: reindex %.0f records/s (database %d bytes, %.0f bytes per record); raw inserts of the entries and items rows %.0f records/s (mean of one run before and one after), ratio %.2f; raw inserts of every row %.0f records/s, ratio %.2f; raw inserts of the entries and items rows with their indices built last %.0f records/s, ratio %.2f",
			r+1, reindex, bytes, float64(bytes)/float64(size), raw, reindex/raw, all, reindex/all, bulk, reindex/bulk)

		// truce audit: every signature and rule again, between two
		// measures of the machine's Ed25519 verify rate on every core.
		_, before := benchutil.Ed25519Rate(time.Second)
		stop = profile(b, *auditProfile, r)
		start = time.Now()
		if err := truce.Audit(ctx, truce.Config{Origin: trucetest.Origin, Admin: c.Admin.Verifier()}, m.Log); err != nil {
			b.Fatal(err)
		}
		audit = float64(size) / time.Since(start).Seconds()
		stop()
		_, after := benchutil.Ed25519Rate(time.Second)
		auditRatios = append(auditRatios, audit/((before+after)/2))
		out("round %d: audit %.0f records/s; Ed25519 verify on both cores %.0f/s before, %.0f/s after; ratio %.2f", r+1, audit, before, after, auditRatios[r])
	}
	defer store.Close()
	out("median of %d rounds: reindex/raw(entries, items) = %.2f (%s); reindex/raw(every row) = %.2f (%s); reindex/raw(entries, items, indices last) = %.2f (%s); audit/verify(both cores) = %.2f (%s)",
		*rounds, median(reindexRatios), spread(reindexRatios), median(allRatios), spread(allRatios), median(bulkRatios), spread(bulkRatios), median(auditRatios), spread(auditRatios))

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

// removeDB deletes a database and its write-ahead log: at a million
// records each is hundreds of megabytes.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
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
	return rawLoad(b, from, to, records, false, names...)
}

// rawBulk is rawInserts with the tables' secondary indices built after the
// rows are in, as a reindex into an empty projection builds them.
func rawBulk(b *testing.B, from, to string, records uint64, names ...string) float64 {
	return rawLoad(b, from, to, records, true, names...)
}

func rawLoad(b *testing.B, from, to string, records uint64, indicesLast bool, names ...string) float64 {
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
	var indices []string
	for _, name := range names {
		ddl, err := src.Query(`SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL`, name)
		if err != nil {
			b.Fatal(err)
		}
		for ddl.Next() {
			var s string
			ddl.Scan(&s)
			if indicesLast && strings.HasPrefix(s, "CREATE INDEX") {
				indices = append(indices, s)
				continue
			}
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
	for _, s := range indices {
		if _, err := dst.Exec(s); err != nil {
			b.Fatal(err)
		}
	}
	return float64(records) / time.Since(start).Seconds()
}
