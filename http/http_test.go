package http_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
	"github.com/truce-dev/truce/tlog"
)

type api struct {
	*trucetest.Mechanism
	url   string
	store truce.Store
}

func newAPI(t *testing.T) *api {
	m := trucetest.NewMechanism(t)
	m.Genesis()
	store, err := sqlite.Open(filepath.Join(t.TempDir(), "projection.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	srv := httptest.NewServer(trucehttp.NewServer(m.Mech, m.Log, store, m.Evidence, must(files.Open(m.Dir+".drafts")), slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)
	return &api{Mechanism: m, url: srv.URL, store: store}
}

func (a *api) do(method, path string, body []byte) (int, map[string]any) {
	a.T.Helper()
	req, _ := http.NewRequest(method, a.url+path, bytes.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.T.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &out); err != nil {
			a.T.Fatalf("%s %s: %v in %q", method, path, err, raw)
		}
	}
	return resp.StatusCode, out
}

func TestSubmitAndRead(t *testing.T) {
	a := newAPI(t)
	env := trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("at least 206 Afghan Taliban fighters")), a.Admin)
	code, out := a.do("POST", "/api/v1/records", env)
	if code != 201 || out["index"] != 1.0 || out["duplicate"] != nil {
		t.Fatalf("POST: %d %v", code, out)
	}
	code, out = a.do("POST", "/api/v1/records", env)
	if code != 200 || out["index"] != 1.0 || out["duplicate"] != "envelope" {
		t.Fatalf("POST again: %d %v", code, out)
	}

	code, out = a.do("GET", "/api/v1/records/1", nil)
	if code != 200 || out["record"].(map[string]any)["type"] != "claim" {
		t.Fatalf("GET record: %d %v", code, out)
	}
	got, _ := json.Marshal(out["envelope"])
	parsed, _ := truce.ParseEnvelope(env)
	if !bytes.Equal(got, parsed.Canonical()) {
		t.Errorf("served envelope %s, submitted %s", got, parsed.Canonical())
	}
	h := sha256.Sum256(parsed.Canonical())
	if code, out := a.do("GET", "/api/v1/records/by-hash/"+hex.EncodeToString(h[:]), nil); code != 200 || out["index"] != 1.0 {
		t.Errorf("by-hash: %d %v", code, out)
	}

	// The proofs the API gives verify against the published checkpoint.
	rawCP, err := a.Log.AwaitCheckpoint(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := tlog.OpenCheckpoint(rawCP, a.LogVerifier())
	if err != nil {
		t.Fatal(err)
	}
	code, out = a.do("GET", fmt.Sprintf("/api/v1/proof/inclusion?index=1&size=%d", cp.Size), nil)
	if code != 200 {
		t.Fatalf("inclusion: %d %v", code, out)
	}
	leafHash := rfc6962.DefaultHasher.HashLeaf(truce.PublicLeaf(parsed))
	if err := proof.VerifyInclusion(rfc6962.DefaultHasher, 1, cp.Size, leafHash, hashes(t, out), cp.Hash); err != nil {
		t.Errorf("inclusion proof: %v", err)
	}
	code, out = a.do("GET", fmt.Sprintf("/api/v1/proof/consistency?old=1&new=%d", cp.Size), nil)
	if code != 200 {
		t.Fatalf("consistency: %d %v", code, out)
	}
	first, _ := a.Log.Leaf(context.Background(), 0)
	if err := proof.VerifyConsistency(rfc6962.DefaultHasher, 1, cp.Size, hashes(t, out), rfc6962.DefaultHasher.HashLeaf(first), cp.Hash); err != nil {
		t.Errorf("consistency proof: %v", err)
	}
	if code, _ := a.do("GET", "/healthz", nil); code != 200 {
		t.Errorf("healthz: %d", code)
	}
}

func hashes(t *testing.T, out map[string]any) [][]byte {
	var hs [][]byte
	for _, h := range out["hashes"].([]any) {
		b, err := base64.StdEncoding.DecodeString(h.(string))
		if err != nil {
			t.Fatal(err)
		}
		hs = append(hs, b)
	}
	return hs
}

// TestBadInput sends each kind of bad submission and checks the status,
// the JSON error naming the problem, and that the log did not change.
func TestBadInput(t *testing.T) {
	a := newAPI(t)
	stranger := trucetest.Signer(t, "stranger")
	claim := trucetest.Record("claim", trucetest.Claim("y"))
	good := trucetest.Sign(t, claim, a.Admin)
	mutate := func(f func(map[string]any)) []byte {
		var m map[string]any
		json.Unmarshal(good, &m)
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	nonCanonical := mutate(func(m map[string]any) {
		m["payload"] = base64.StdEncoding.EncodeToString([]byte(`{ "type": "claim" }`))
	})
	for _, tc := range []struct {
		name   string
		body   []byte
		status int
		field  string
		msg    string
	}{
		{"malformed JSON", []byte(`{"payloadType":`), 400, "", "not valid JSON"},
		{"not an envelope", []byte(`[1,2]`), 400, "", "not a JSON object"},
		{"non-canonical payload", nonCanonical, 400, "payload", "not RFC 8785 canonical JSON"},
		{"wrong payloadType", mutate(func(m map[string]any) { m["payloadType"] = "text/plain" }), 400, "payloadType", `want "application/vnd.truce.record+json"`},
		{"missing signature", mutate(func(m map[string]any) { delete(m, "signatures") }), 400, "signatures", "at least one signature"},
		{"bad signature", mutate(func(m map[string]any) {
			m["signatures"].([]any)[0].(map[string]any)["sig"] = base64.StdEncoding.EncodeToString(make([]byte, 64))
		}), 403, "signatures[0].sig", "does not verify"},
		{"unknown key", trucetest.Sign(t, claim, stranger), 403, "signatures[0].keyid", "not a member's key"},
		{"wrong origin", trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("y"), func(m map[string]any) { m["mechanism"] = "elsewhere" }), a.Admin), 400, "mechanism", `is "elsewhere"`},
		{"missing ref", trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("y"), func(m map[string]any) { m["refs"] = []int{5} }), a.Admin), 422, "refs[0]", "log index 5 does not exist"},
		{"oversize body", append(good, bytes.Repeat([]byte(" "), 2*truce.MaxEnvelopeSize)...), 413, "", "larger than the limit"},
		{"oversize envelope", trucetest.Sign(t, trucetest.Record("claim", map[string]any{"text": strings.Repeat("x", truce.MaxEnvelopeSize)}), a.Admin), 413, "", "more than the limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := a.Size()
			code, out := a.do("POST", "/api/v1/records", tc.body)
			if code != tc.status {
				t.Errorf("HTTP %d, want %d: %v", code, tc.status, out)
			}
			if out["field"] != nil && out["field"] != tc.field || out["field"] == nil && tc.field != "" {
				t.Errorf("field %v, want %q", out["field"], tc.field)
			}
			if msg, _ := out["error"].(string); !strings.Contains(msg, tc.msg) {
				t.Errorf("error %q does not say %q", msg, tc.msg)
			}
			if a.Size() != before {
				t.Errorf("log grew from %d to %d", before, a.Size())
			}
		})
	}
}

func TestBadReads(t *testing.T) {
	a := newAPI(t)
	for _, tc := range []struct {
		path   string
		status int
		field  string
	}{
		{"/api/v1/records/99", 404, "index"},
		{"/api/v1/records/-1", 400, "index"},
		{"/api/v1/records/by-hash/abc", 400, "sha256"},
		{"/api/v1/records/by-hash/" + strings.Repeat("0", 64), 404, "sha256"},
		{"/api/v1/proof/inclusion?index=x", 400, "index"},
		{"/api/v1/proof/inclusion?index=0&size=7", 400, "size"},
		{"/api/v1/proof/inclusion?index=3&size=1", 400, "index"},
		{"/api/v1/proof/consistency?old=2&new=1", 400, "old"},
		{"/api/v1/proof/consistency?old=0&new=9", 400, "new"},
	} {
		code, out := a.do("GET", tc.path, nil)
		if code != tc.status || out["field"] != tc.field || out["error"] == "" {
			t.Errorf("GET %s: %d %v, want %d naming %q", tc.path, code, out, tc.status, tc.field)
		}
	}
}

// TestOpenAPIDescribesEveryRoute fetches /openapi.yaml and checks that each
// route the server answers is described.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	a := newAPI(t)
	resp, err := http.Get(a.url + "/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, _ := io.ReadAll(resp.Body)
	for _, p := range []string{"/api/v1/records:", "/api/v1/records/{index}:", "/api/v1/records/by-hash/{sha256}:", "/api/v1/restricted:", "/api/v1/proof/inclusion:", "/api/v1/proof/consistency:", "/checkpoint:", "/tile/{level}/{index}:", "/tile/entries/{index}:", "/healthz:", "/openapi.yaml:", "/api/v1/lookup/{sha256}:", "/api/v1/evidence:", "/api/v1/evidence/{sha256}:", "/api/v1/import:", "/api/v1/drafts:", "/api/v1/drafts/{id}:", "/schema/{type}.json:", "/api/v1/rounds:", "/api/v1/commitments:", "/api/v1/incidents:", "/api/v1/claims:", "/api/v1/sources:", "/api/v1/requests:", "/api/v1/findings:"} {
		if !bytes.Contains(doc, []byte("\n  "+p)) {
			t.Errorf("openapi.yaml does not describe %s", p)
		}
	}
}

// TestLists checks the list shape of DESIGN.md, filters, cursors, clamped
// limits, and that bad parameters are refused naming the parameter.
func TestLists(t *testing.T) {
	a := newAPI(t)
	c := a.Setup()
	for i := range 3 {
		a.Submit(trucetest.Sign(t, trucetest.Record("incident", map[string]any{"event_type": "Battles", "sub_event_type": "Armed clash",
			"date": fmt.Sprintf("2025-10-1%d", i), "date_precision": "day", "place": map[string]any{"name": "Kurram", "precision": "district"},
			"actors": []string{"Pakistan Army"}, "description": "Clash"}), c.PakistanFO))
	}
	if err := truce.CatchUp(context.Background(), a.Log, a.store); err != nil {
		t.Fatal(err)
	}
	code, out := a.do("GET", "/api/v1/incidents?limit=2&type=Battles&from=2025-10-10&party=pakistan", nil)
	items, _ := out["items"].([]any)
	if code != 200 || len(items) != 2 || out["next_cursor"] == nil {
		t.Fatalf("first page: %d %v", code, out)
	}
	first := items[0].(map[string]any)
	for _, k := range []string{"index", "type", "status", "event_type", "place", "date"} {
		if first[k] == nil {
			t.Errorf("item lacks %q: %v", k, first)
		}
	}
	code, out = a.do("GET", "/api/v1/incidents?limit=2&type=Battles&from=2025-10-10&party=pakistan&cursor="+out["next_cursor"].(string), nil)
	if items, _ := out["items"].([]any); code != 200 || len(items) != 1 || out["next_cursor"] != nil {
		t.Fatalf("second page: %d %v", code, out)
	}
	if code, out := a.do("GET", "/api/v1/incidents?limit=100000", nil); code != 200 || len(out["items"].([]any)) != 3 {
		t.Errorf("a limit above the maximum must be clamped, not refused: %d %v", code, out)
	}
	for _, l := range truce.Lists {
		if code, out := a.do("GET", "/api/v1/"+l, nil); code != 200 || out["items"] == nil {
			t.Errorf("%s: %d %v", l, code, out)
		}
	}
	for _, tc := range []struct{ query, field string }{
		{"/api/v1/incidents?from=2025-13-01", "from"},
		{"/api/v1/incidents?to=yesterday", "to"},
		{"/api/v1/incidents?status=breached", "status"},
		{"/api/v1/claims?status=open", "status"},
		{"/api/v1/incidents?cursor=abc", "cursor"},
		{"/api/v1/incidents?limit=0", "limit"},
		{"/api/v1/lookup/xyz", "sha256"},
	} {
		if code, out := a.do("GET", tc.query, nil); code != 400 || out["field"] != tc.field || out["error"] == "" {
			t.Errorf("GET %s: %d %v, want 400 naming %q", tc.query, code, out, tc.field)
		}
	}
	resp, err := http.Get(a.url + "/schema/incident.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	json.NewDecoder(resp.Body).Decode(&schema)
	resp.Body.Close()
	if resp.StatusCode != 200 || schema["$id"] == nil {
		t.Errorf("/schema/incident.json: %d %v", resp.StatusCode, schema)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func decodeB64(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }
func encodeB64(b []byte) string          { return base64.StdEncoding.EncodeToString(b) }
