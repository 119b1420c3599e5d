package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
)

// BenchmarkIncidentsPage renders /incidents of 50 incidents with a claim
// each, in process (bench/webbench measures it on a large log).
func BenchmarkIncidentsPage(b *testing.B) {
	f := newFixture(b)
	c := &trucetest.Cast{Admin: f.Admin}
	var recs []trucetest.Unsigned
	for i := range 60 {
		at := time.Date(2025, 11, 8, 0, 0, i, 0, time.UTC).Format(time.RFC3339)
		recs = append(recs, trucetest.Unsigned{Record: trucetest.Record("incident", map[string]any{"event_type": "Battles", "sub_event_type": "Armed clash", "date": "2025-10-12", "date_precision": "day",
			"place": map[string]any{"name": "Chaman", "lat": 30.9, "lon": 66.4, "precision": "district"}, "actors": []string{"A", "B"}, "description": fmt.Sprint("clash ", i)},
			func(r map[string]any) { r["created"] = at }), Signers: []*truce.Signer{c.Admin}})
	}
	f.SubmitAll(recs)
	f.Project(f.store)
	for b.Loop() {
		r, _ := http.NewRequest("GET", "http://x/incidents", nil)
		r.Header.Set("Accept-Encoding", "gzip")
		w := httptest.NewRecorder()
		f.handler.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}
