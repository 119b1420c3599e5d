package http_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
)

// TestAuthorizationMatrix records one request and one evidence file of
// each visibility, each with a marker word in its body, and asks every
// endpoint, as every role and anonymously, signing each request or with a
// token: the marker reaches exactly the readers docs/RULES.md §3 names,
// through the record read, the reader's own list of restricted records and
// the evidence download alone, and never through a public list, a search,
// a lookup, a tile, an entry bundle or an error.
func TestAuthorizationMatrix(t *testing.T) {
	a := newAPI(t)
	c := a.Setup()
	type rec struct {
		visibility string
		marker     string
		index      uint64
		readers    map[string]bool
		file       string // the SHA-256 of an evidence file of this visibility
	}
	recs := []*rec{
		{visibility: "public", marker: "zulupublic"},
		{visibility: "parties", marker: "zuluparties"},
		{visibility: "mediators", marker: "zulumediators"},
		{visibility: "addressed", marker: "zuluaddressed"},
	}
	roles := map[string]*truce.Signer{
		"admin": c.Admin, "mediator": c.Qatar, "monitor": c.Monitor, "pakistan": c.PakistanISPR,
		"afghanistan": c.AfghanistanMOFA, "observer": c.Observer, "anonymous": nil,
	}
	all := func(except ...string) map[string]bool {
		m := map[string]bool{}
		for r := range roles {
			m[r] = true
		}
		for _, e := range except {
			delete(m, e)
		}
		return m
	}
	recs[0].readers = all()
	recs[1].readers = all("observer", "anonymous")
	recs[2].readers = map[string]bool{"admin": true, "mediator": true}
	recs[3].readers = map[string]bool{"admin": true, "mediator": true, "afghanistan": true}
	for _, r := range recs {
		r.index = a.Submit(trucetest.Sign(t, trucetest.Record("request", map[string]any{"to": []string{"afghanistan"}, "kind": "information", "text": "Share the " + r.marker + " list"},
			func(m map[string]any) {
				m["visibility"] = r.visibility
				if r.visibility == "addressed" {
					m["audience"] = []string{"afghanistan"}
				}
			}), c.Admin)).Index
	}
	// An evidence file of each visibility, described by a record of it.
	for _, r := range recs {
		data := []byte("zulufile " + r.visibility + ": a statement taken from a witness")
		code, out := a.upload(c.Qatar, "text/plain", data)
		if code != 201 {
			t.Fatalf("upload: %d %v", code, out)
		}
		r.file = out["sha256"].(string)
		a.Submit(trucetest.Sign(t, trucetest.Record("evidence", map[string]any{"sha256": r.file, "media_type": "text/plain", "size": len(data), "description": "A witness statement"},
			func(m map[string]any) {
				m["visibility"] = r.visibility
				if r.visibility == "addressed" {
					m["audience"] = []string{"afghanistan"}
				}
			}), c.Qatar))
	}
	if err := truce.CatchUp(context.Background(), a.Log, a.store); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Log.AwaitCheckpoint(context.Background(), recs[3].index); err != nil {
		t.Fatal(err)
	}

	// Each member reads once by signing every request and once with a
	// token (docs/FORMAT.md §8).
	tokens := map[*truce.Signer]string{}
	for _, s := range roles {
		if s != nil {
			tokens[s] = must(truce.SignToken(s, trucetest.Origin, a.host(), time.Now(), 5*time.Minute))
		}
	}
	byToken := false
	get := func(path string, s *truce.Signer) (int, string) {
		req, _ := http.NewRequest("GET", a.url+path, nil)
		if s != nil {
			h := tokens[s]
			if !byToken {
				var err error
				if h, err = truce.SignRequest(s, trucetest.Origin, "GET", path, time.Now()); err != nil {
					t.Fatal(err)
				}
			}
			req.Header.Set("Authorization", h)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	// Everything but the record read itself: no marker but the public one,
	// ever, for anyone.
	shared := []string{"/api/v1/requests", "/api/v1/requests?party=afghanistan", "/api/v1/requests?q=zuluparties", "/api/v1/requests?q=zulumediators",
		"/api/v1/requests?q=zuluaddressed", "/api/v1/requests?status=open", "/api/v1/claims?q=zulu", "/api/v1/sources?q=zulu", "/checkpoint",
		"/tile/entries/000.p/" + fmt.Sprint(recs[3].index+1), "/tile/0/000.p/" + fmt.Sprint(recs[3].index+1),
		"/api/v1/records/999", "/api/v1/records/by-hash/" + strings.Repeat("0", 64), "/api/v1/lookup/" + strings.Repeat("0", 64)}
	checked := 0
	for _, byToken = range []bool{false, true} {
		for role, s := range roles {
			for _, p := range shared {
				_, body := get(p, s)
				for _, r := range recs[1:] {
					if strings.Contains(body, r.marker) {
						t.Errorf("%s: GET %s reveals the %s record", role, p, r.visibility)
					}
				}
				checked++
			}
			for _, r := range recs {
				code, body := get(fmt.Sprintf("/api/v1/records/%d", r.index), s)
				sees := strings.Contains(body, r.marker)
				if sees != r.readers[role] {
					t.Errorf("%s reads the %s record: HTTP %d, sees it %v, should %v", role, r.visibility, code, sees, r.readers[role])
				}
				if !r.readers[role] && s != nil && r.visibility != "public" && code != 403 {
					t.Errorf("%s, signed in, reading the %s record: HTTP %d, want 403", role, r.visibility, code)
				}
				checked++
				code, body = get("/api/v1/evidence/"+r.file, s)
				if sees := strings.Contains(body, "zulufile "+r.visibility); sees != r.readers[role] || (!sees && code != 404) {
					t.Errorf("%s downloads the %s evidence file: HTTP %d, sees it %v, should %v", role, r.visibility, code, sees, r.readers[role])
				}
				checked++
			}
			// The reader's own list of restricted records shows exactly
			// those it may read; filtered to another type, none.
			code, body := get("/api/v1/restricted", s)
			for _, r := range recs[1:] {
				if sees := strings.Contains(body, r.marker); sees != r.readers[role] {
					t.Errorf("%s lists its restricted records: HTTP %d, sees the %s one %v, should %v", role, code, r.visibility, sees, r.readers[role])
				}
			}
			if s == nil && code != 401 {
				t.Errorf("anonymous list of restricted records: HTTP %d, want 401", code)
			}
			if _, body := get("/api/v1/restricted?type=claim", s); strings.Contains(body, "zulu") {
				t.Errorf("%s: restricted claims show a request: %s", role, body)
			}
			checked += 2
		}
	}
	// The public list shows the public record, with its marker.
	if _, body := get("/api/v1/requests", nil); !strings.Contains(body, "zulupublic") {
		t.Errorf("the public record is missing from the public list: %s", body)
	}
	t.Logf("%d role × endpoint × visibility reads checked", checked*len(recs))
}
