package http_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
)

// TestImportQueue: members queue documents for review; bad documents and
// unsigned requests queue nothing.
func TestImportQueue(t *testing.T) {
	a := newAPI(t)
	c := a.Setup()
	post := func(s *truce.Signer, path string, body []byte) (int, map[string]any) {
		req, _ := http.NewRequest("POST", a.url+path, bytes.NewReader(body))
		if s != nil {
			h, _ := truce.SignRequest(s, trucetest.Origin, "POST", path, time.Now())
			req.Header.Set("Authorization", h)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	seed := must(os.ReadFile(trucetest.Testdata("ingest", "001_ada22b6276ff3a2b.txt")))
	if code, out := post(nil, "/api/v1/import?file=a.txt", seed); code != 401 {
		t.Errorf("unsigned import: %d %v", code, out)
	}
	if code, out := post(c.PakistanFO, "/api/v1/import?file=empty.txt", nil); code != 422 || out["field"] != "file" {
		t.Errorf("empty document: %d %v", code, out)
	}
	if code, out := post(c.PakistanFO, "/api/v1/import?file=a.txt&published=yesterday", seed); code != 400 || out["field"] != "meta" {
		t.Errorf("bad metadata: %d %v", code, out)
	}
	code, _, raw := a.signedGet("/api/v1/drafts", c.PakistanFO, "")
	if code != 200 || raw != `{"items":[]}`+"\n" {
		t.Fatalf("queue after refusals: %d %s", code, raw)
	}
	code, out := post(c.PakistanFO, "/api/v1/import?file=a.txt&outlet=Express+Tribune", seed)
	if code != 201 || out["id"] == nil {
		t.Fatalf("import: %d %v", code, out)
	}
	if code, _, _ := a.signedGet("/api/v1/drafts", nil, ""); code != 401 {
		t.Errorf("anonymous queue read: %d", code)
	}
	code, q, _ := a.signedGet("/api/v1/drafts", c.Monitor, "")
	items, _ := q["items"].([]any)
	if code != 200 || len(items) != 1 {
		t.Fatalf("queue: %d %v", code, q)
	}
	if a.Size() != 10 { // Setup's records only: nothing appended by an import
		t.Errorf("the log has %d entries after an import", a.Size())
	}
}
