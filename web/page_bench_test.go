package web

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/trucetest"
)

// benchFixture is the fixture with 60 incidents, 40 commitments and 30
// requests more, each record its own second.
func benchFixture(b *testing.B) *fixture {
	f := newFixture(b)
	c := &trucetest.Cast{Admin: f.Admin}
	var recs []trucetest.Unsigned
	add := func(typ string, body map[string]any) {
		at := time.Date(2025, 11, 8, 0, 0, len(recs), 0, time.UTC).Format(time.RFC3339)
		recs = append(recs, trucetest.Unsigned{Record: trucetest.Record(typ, body, func(r map[string]any) { r["created"] = at }), Signers: []*truce.Signer{c.Admin}})
	}
	for i := range 40 {
		add("commitment", map[string]any{"obligor": []string{"pakistan", "afghanistan"}[i%2], "text": fmt.Sprintf("Commitment %d", i),
			"category": "ceasefire", "criteria": "Verified by the monitors", "deadline": fmt.Sprintf("20%d-12-01", 25+i%2)})
	}
	for i := range 30 {
		add("request", map[string]any{"to": []string{[]string{"pakistan", "afghanistan"}[i%2]}, "kind": "information", "text": fmt.Sprintf("Request %d", i),
			"due": fmt.Sprintf("20%d-12-01", 25+i%2)})
	}
	for i := range 60 {
		add("incident", map[string]any{"event_type": "Battles", "sub_event_type": "Armed clash", "date": "2025-10-12", "date_precision": "day",
			"place": map[string]any{"name": "Chaman", "lat": 30.9, "lon": 66.4, "precision": "district"}, "actors": []string{"A", "B"}, "description": fmt.Sprint("clash ", i)})
	}
	f.SubmitAll(recs)
	f.Project(f.store)
	return f
}

func benchPage(b *testing.B, path string) {
	f := benchFixture(b)
	h := f.handler
	if strings.HasPrefix(path, "/api/") {
		texts, err := files.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		h = trucehttp.NewServer(f.Mech, f.Log, f.store, f.Evidence, texts, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}
	for b.Loop() {
		r, _ := http.NewRequest("GET", "http://x"+path, nil)
		r.Header.Set("Accept-Encoding", "gzip")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkIncidentsPage renders /incidents (50 incidents), in process
// (bench/webbench measures it on a large log).
func BenchmarkIncidentsPage(b *testing.B) { benchPage(b, "/incidents") }

// BenchmarkOverviewPage renders the overview, in process.
func BenchmarkOverviewPage(b *testing.B) { benchPage(b, "/") }

// BenchmarkIncidentsAPI is the API's list of the same incidents, the
// pages' reference (bench/webbench compares them on a large log).
func BenchmarkIncidentsAPI(b *testing.B) { benchPage(b, "/api/v1/incidents") }
