package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
)

// logBuffer is a server log the tests read.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serve starts a server on m's log, store and files, as truce serve does,
// logging to logw.
func serve(t testing.TB, m *trucetest.Mechanism, store truce.Store, logw io.Writer) (*api, http.Handler) {
	h := trucehttp.NewServer(m.Mech, m.Log, store, m.Evidence, must(files.Open(m.Dir+".drafts")), slog.New(slog.NewTextHandler(logw, nil)))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &api{Mechanism: m, url: srv.URL, store: store}, h
}

// newLoggedAPI is newAPI whose server logs to the buffer returned.
func newLoggedAPI(t testing.TB) (*api, *logBuffer, http.Handler) {
	m := trucetest.NewMechanism(t)
	store, err := sqlite.Open(filepath.Join(t.TempDir(), "projection.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	logs := &logBuffer{}
	a, h := serve(t, m, store, logs)
	return a, logs, h
}

// restart stops nothing but opens the log and mechanism again and serves
// them with a new server, as a restart of truce serve on the same data.
func (a *api) restart() *api {
	a.T.Helper()
	a.Reopen()
	b, _ := serve(a.T, a.Mechanism, a.store, io.Discard)
	return b
}

// send sends a request with the Authorization header given (none if empty)
// and returns the status, the decoded JSON answer and the raw answer.
func (a *api) send(method, path string, body []byte, authorization string) (int, map[string]any, string) {
	a.T.Helper()
	req, _ := http.NewRequest(method, a.url+path, bytes.NewReader(body))
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.T.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	json.Unmarshal(raw, &out)
	return resp.StatusCode, out, string(raw)
}

// sign is a fresh signature of one request by s.
func sign(t testing.TB, s *truce.Signer, method, path string) string {
	t.Helper()
	h, err := truce.SignRequest(s, trucetest.Origin, method, path, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// signed sends a request freshly signed by s.
func (a *api) signed(s *truce.Signer, method, path string, body []byte) (int, map[string]any, string) {
	a.T.Helper()
	return a.send(method, path, body, sign(a.T, s, method, path))
}

// importSeed queues the seed article as s and returns the draft.
func (a *api) importSeed(s *truce.Signer) (id string, draft map[string]any) {
	a.T.Helper()
	seed := must(os.ReadFile(trucetest.Testdata("ingest", "001_ada22b6276ff3a2b.txt")))
	code, out, raw := a.signed(s, "POST", "/api/v1/import?file=a.txt&outlet=Express+Tribune", seed)
	if code != 201 {
		a.T.Fatalf("import: %d %s", code, raw)
	}
	return out["id"].(string), out["draft"].(map[string]any)
}

// queued is the ids of the drafts in the queue.
func (a *api) queued(s *truce.Signer) []string {
	a.T.Helper()
	code, out, raw := a.signed(s, "GET", "/api/v1/drafts", nil)
	if code != 200 {
		a.T.Fatalf("drafts: %d %s", code, raw)
	}
	var ids []string
	for _, it := range out["items"].([]any) {
		ids = append(ids, it.(map[string]any)["id"].(string))
	}
	return ids
}

// TestSignedRequestReplayAfterRestart: a signed request used once is
// refused after a restart too, which forgets the nonces seen; requests
// signed afresh are good.
func TestSignedRequestReplayAfterRestart(t *testing.T) {
	a := newAPI(t)
	c := a.Setup()
	id, _ := a.importSeed(c.PakistanFO)
	path := "/api/v1/drafts/" + id
	del := sign(t, c.PakistanFO, "DELETE", path)
	if code, _, raw := a.send("DELETE", path, nil, del); code != 204 {
		t.Fatalf("delete: %d %s", code, raw)
	}
	if code, _, raw := a.send("DELETE", path, nil, del); code != 401 || !strings.Contains(raw, "already used") {
		t.Errorf("replay before the restart: %d %s", code, raw)
	}
	a.importSeed(c.PakistanFO)
	// Signed times have whole seconds: restart in a later second than the
	// signature's, as any real restart is.
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(1100 * time.Millisecond)))
	b := a.restart()
	code, out, raw := b.send("DELETE", path, nil, del)
	if code != 401 || out["field"] != "Authorization" || !strings.Contains(fmt.Sprint(out["error"]), "before this server started") {
		t.Errorf("replay after the restart: %d %s, want 401 naming Authorization", code, raw)
	}
	if ids := b.queued(c.PakistanFO); len(ids) != 1 || ids[0] != id {
		t.Errorf("queue after the refused replay: %v", ids)
	}
	if code, _, raw := b.signed(c.PakistanFO, "DELETE", path, nil); code != 204 {
		t.Errorf("a fresh signature after the restart: %d %s", code, raw)
	}
}

// TestSignedAheadReplayAfterRestart: a request signed ahead of the
// server's clock (within the two minutes allowed) is after the server's
// start, yet was used before it; the nonces of requests that change
// something are kept on disk, so it is refused after a restart too.
func TestSignedAheadReplayAfterRestart(t *testing.T) {
	a := newAPI(t)
	c := a.Setup()
	path := filepath.Join(t.TempDir(), "nonces.log")
	start := func(m *trucetest.Mechanism) *api {
		h := trucehttp.NewServer(m.Mech, m.Log, a.store, m.Evidence, must(files.Open(m.Dir+".drafts")), slog.New(slog.NewTextHandler(io.Discard, nil)))
		kept, seen, err := files.OpenNonceLog(path, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { kept.Close() })
		h.KeepNonces(kept, seen)
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		return &api{Mechanism: m, url: srv.URL, store: a.store}
	}
	b := start(a.Mechanism)
	id, _ := b.importSeed(c.PakistanFO)
	target := "/api/v1/drafts/" + id
	ahead, err := truce.SignRequest(c.PakistanFO, trucetest.Origin, "DELETE", target, time.Now().Add(90*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if code, _, raw := b.send("DELETE", target, nil, ahead); code != 204 {
		t.Fatalf("delete signed ahead: %d %s", code, raw)
	}
	b.importSeed(c.PakistanFO)
	a.Reopen()
	r := start(a.Mechanism)
	if code, out, raw := r.send("DELETE", target, nil, ahead); code != 401 || out["field"] != "Authorization" || !strings.Contains(raw, "already used") {
		t.Errorf("replay after the restart: %d %s", code, raw)
	}
	if ids := r.queued(c.PakistanFO); len(ids) != 1 || ids[0] != id {
		t.Errorf("queue after the refused replay: %v", ids)
	}
	if code, _, raw := r.signed(c.PakistanFO, "DELETE", target, nil); code != 204 {
		t.Errorf("a fresh signature after the restart: %d %s", code, raw)
	}
}

// TestDraftDeletion: only a draft's importer, the member who accepted it,
// a mediator or the admin may delete it, and each deletion is logged.
func TestDraftDeletion(t *testing.T) {
	a, logs, _ := newLoggedAPI(t)
	c := a.Setup()
	id, draft := a.importSeed(c.PakistanFO)
	path := "/api/v1/drafts/" + id
	code, out, _ := a.signed(c.Monitor, "GET", "/api/v1/drafts", nil)
	if items, _ := out["items"].([]any); code != 200 || len(items) != 1 || items[0].(map[string]any)["imported_by"] != c.PakistanFO.KeyID() {
		t.Errorf("queue does not name the importer: %d %.200v", code, out)
	}
	still := func(what string) {
		t.Helper()
		if ids := a.queued(c.Monitor); len(ids) != 1 || ids[0] != id {
			t.Fatalf("%s: queue is %v", what, ids)
		}
	}
	refused := func(what string, s *truce.Signer, p string, status int, field string) {
		t.Helper()
		before := a.Size()
		code, out, raw := a.signed(s, "DELETE", p, nil)
		msg := fmt.Sprint(out["error"])
		if code != status || out["field"] != field || status == 403 && !strings.Contains(msg, "a mediator or the admin may delete it") {
			t.Errorf("%s: %d %s, want %d naming %q and who may delete", what, code, raw, status, field)
		}
		still(what)
		if a.Size() != before {
			t.Errorf("%s: the log grew", what)
		}
	}
	deleted := func(what string, s *truce.Signer, p string) {
		t.Helper()
		if code, _, raw := a.signed(s, "DELETE", p, nil); code != 204 {
			t.Fatalf("%s: %d %s", what, code, raw)
		}
		if ids := a.queued(c.Monitor); len(ids) != 0 {
			t.Fatalf("%s: queue is still %v", what, ids)
		}
		a.importSeed(c.PakistanFO)
	}

	refused("another party's member", c.AfghanistanMOFA, path, 403, "Authorization")
	refused("the importer's party colleague", c.PakistanISPR, path, 403, "Authorization")
	refused("a monitor", c.Monitor, path, 403, "Authorization")
	deleted("the importer", c.PakistanFO, path)
	deleted("a mediator", c.Qatar, path)
	deleted("the admin", c.Admin, path)

	// The Afghan member accepts it: it signs the draft's source.
	src := a.Submit(trucetest.Sign(t, trucetest.Record("source", draft["source"]), c.AfghanistanMOFA)).Index
	claims := draft["claims"].([]any)
	claimBody := trucetest.Claim(claims[0].(map[string]any)["text"].(string))
	claimBody["source"] = src
	claim := a.Submit(trucetest.Sign(t, trucetest.Record("claim", claimBody), c.AfghanistanMOFA)).Index
	unrelated := a.Submit(trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("unrelated")), c.AfghanistanMOFA)).Index
	otherSource := a.Submit(trucetest.Sign(t, trucetest.Record("source", map[string]any{"language": "en", "sha256": strings.Repeat("ab", 32)}), c.AfghanistanMOFA)).Index
	byFO := a.Submit(trucetest.Sign(t, trucetest.Record("source", draft["source"], func(m map[string]any) { m["created"] = "2025-11-08T12:00:00+03:00" }), c.PakistanFO)).Index
	for _, tc := range []struct {
		what, accepted string
		status         int
	}{
		{"an index that is no record yet", "999", 403},
		{"a record the acceptor did not sign", fmt.Sprint(byFO), 403},
		{"an unrelated claim", fmt.Sprint(unrelated), 403},
		{"another document's source", fmt.Sprint(otherSource), 403},
		{"a party record", "1", 403},
		{"not an index", "abc", 400},
	} {
		refused("accepted with "+tc.what, c.AfghanistanMOFA, path+"?accepted="+tc.accepted, tc.status, "accepted")
	}
	deleted("the acceptor, by its claim", c.AfghanistanMOFA, fmt.Sprintf("%s?accepted=%d", path, claim))
	deleted("the acceptor, by its source", c.AfghanistanMOFA, fmt.Sprintf("%s?accepted=%d", path, src))

	log := logs.String()
	for _, want := range []string{
		"member=pakistan-fo key=" + c.PakistanFO.KeyID() + " why=importer",
		"member=qatar key=" + c.Qatar.KeyID() + " why=mediator",
		"member=admin key=" + c.Admin.KeyID() + " why=admin",
		fmt.Sprintf("member=afghanistan-mofa key=%s why=\"accepted as record %d\"", c.AfghanistanMOFA.KeyID(), claim),
		fmt.Sprintf("member=afghanistan-mofa key=%s why=\"accepted as record %d\"", c.AfghanistanMOFA.KeyID(), src),
	} {
		if !strings.Contains(log, "msg=\"draft deleted\" draft="+id+" "+want) {
			t.Errorf("the log does not record a deletion with %s:\n%s", want, log)
		}
	}
	if n := strings.Count(log, "draft deleted"); n != 5 {
		t.Errorf("%d deletions logged, want 5", n)
	}
}

// TestListEdges: a NUL in q, a cursor past any index and a limit too
// large for an integer are answered, not failed or refused; a negative
// or non-numeric limit is refused naming it.
func TestListEdges(t *testing.T) {
	a := newAPI(t)
	c := a.Setup()
	a.Submit(trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("fighters killed near Kurram")), c.PakistanFO))
	a.handover(c)
	if err := truce.CatchUp(context.Background(), a.Log, a.store); err != nil {
		t.Fatal(err)
	}
	get := func(p string) (int, map[string]any, string) {
		t.Helper()
		if strings.HasPrefix(p, "/api/v1/restricted") {
			return a.signed(c.AfghanistanMOFA, "GET", p, nil)
		}
		return a.send("GET", p, nil, "")
	}
	page := func(p string, n int) {
		t.Helper()
		code, out, raw := get(p)
		items, _ := out["items"].([]any)
		if code != 200 || len(items) != n || out["next_cursor"] != nil {
			t.Errorf("GET %s: %d %.300s, want 200 with %d items and no next cursor", p, code, raw, n)
		}
	}
	for _, l := range truce.Lists {
		for _, q := range []string{"%00", "a%00b", "%00%22", "%22%00%22", "%00*"} {
			page("/api/v1/"+l+"?q="+q, 0)
		}
	}
	page("/api/v1/claims?q=Kurram%00fighters", 1) // a NUL separates words
	page("/api/v1/claims?q=kurram%00", 1)
	for _, p := range []string{"/api/v1/claims", "/api/v1/restricted"} {
		page(p, 1)
		for _, cursor := range []string{"9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616", "99999999999999999999999"} {
			page(p+"?cursor="+cursor, 0)
		}
		for _, limit := range []string{"500", "501", "9223372036854775807", "9223372036854775808", "99999999999999999999", "%2B99999999999999999999"} {
			page(p+"?limit="+limit, 1)
		}
		for _, bad := range []string{"limit=-1", "limit=-99999999999999999999", "limit=0", "limit=abc", "limit=1.5", "cursor=-1", "cursor=abc"} {
			field, _, _ := strings.Cut(bad, "=")
			if code, out, raw := get(p + "?" + bad); code != 400 || out["field"] != field {
				t.Errorf("GET %s?%s: %d %s, want 400 naming %s", p, bad, code, raw, field)
			}
		}
	}
}

// TestErrorsClipInput: an error quotes at most a short prefix of what the
// request sent, however long, and names the field.
func TestErrorsClipInput(t *testing.T) {
	a := newAPI(t)
	a.Setup()
	huge := strings.Repeat("A", 900<<10)
	for _, tc := range []struct{ path, field string }{
		{"/api/v1/records/" + huge, "index"},
		{"/api/v1/records/by-hash/" + huge, "sha256"},
		{"/api/v1/lookup/" + huge, "sha256"},
		{"/api/v1/evidence/" + huge, "sha256"},
		{"/api/v1/proof/inclusion?index=" + huge, "index"},
		{"/api/v1/proof/inclusion?index=0&size=" + huge, "size"},
		{"/api/v1/proof/consistency?old=" + huge, "old"},
		{"/api/v1/proof/consistency?old=0&new=" + huge, "new"},
		{"/api/v1/incidents?status=" + huge, "status"},
		{"/api/v1/incidents?from=" + huge, "from"},
		{"/api/v1/incidents?to=" + huge, "to"},
		{"/api/v1/incidents?cursor=" + huge, "cursor"},
		{"/api/v1/incidents?limit=" + huge, "limit"},
		{"/api/v1/incidents?limit=-" + strings.Repeat("é", 300<<10), "limit"},
	} {
		code, out, raw := a.send("GET", tc.path, nil, "")
		if code != 400 || out["field"] != tc.field || len(raw) >= 1024 || !strings.Contains(raw, "…") {
			t.Errorf("GET %.60s…: %d, %d bytes: %.300s; want 400 naming %s, under 1 KB", tc.path, code, len(raw), raw, tc.field)
		}
	}
}

// FuzzListQuery: no list parameters, however odd, make the server fail.
func FuzzListQuery(f *testing.F) {
	a, _, h := newLoggedAPI(f)
	c := a.Setup()
	a.Submit(trucetest.Sign(f, trucetest.Record("claim", trucetest.Claim("fighters killed near Kurram")), c.PakistanFO))
	a.Submit(trucetest.Sign(f, trucetest.Record("incident", map[string]any{"event_type": "Battles", "sub_event_type": "Armed clash",
		"date": "2025-10-12", "date_precision": "day", "place": map[string]any{"name": "Kurram", "precision": "district"},
		"actors": []string{"Pakistan Army"}, "description": "Clash"}), c.PakistanFO))
	if err := truce.CatchUp(context.Background(), a.Log, a.store); err != nil {
		f.Fatal(err)
	}
	f.Add(uint8(2), "Kurram", "", "", "", "", "", "", "", "")
	f.Add(uint8(3), "a\x00b", "", "", "", "", "", "", "", "")
	f.Add(uint8(2), "\x00", "\x00", "\x00", "\x00", "\x00", "\x00", "\x00", "\x00", "\x00")
	f.Add(uint8(1), `"a" OR b*`, "%_\\", "Battles", "pakistan", "2025-10-01", "2025-10-31", "reported", "9223372036854775808", "99999999999999999999")
	f.Add(uint8(3), "NEAR(a b) ^c -d {x}: \xff\xfe", "\xff", "\xff", "\xff", "2025-02-30", "9999-99-99", "open", "-1", "-1")
	f.Add(uint8(4), "\u200b \t\n\r", "'", "'", "'", "", "", "", "18446744073709551616", "+0")
	f.Fuzz(func(t *testing.T, list uint8, q, place, typ, party, from, to, status, cursor, limit string) {
		v := url.Values{}
		for k, s := range map[string]string{"q": q, "place": place, "type": typ, "party": party, "from": from, "to": to, "status": status, "cursor": cursor, "limit": limit} {
			if s != "" {
				v.Set(k, s)
			}
		}
		p := "/api/v1/" + truce.Lists[int(list)%len(truce.Lists)] + "?" + v.Encode()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		var out map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatalf("GET %s: %d, not JSON: %q", p, w.Code, w.Body)
		}
		switch {
		case w.Code == 200 && out["items"] != nil:
		case w.Code == 400 && out["field"] != nil && out["error"] != "" && w.Body.Len() < 1024:
		default:
			t.Fatalf("GET %s: %d %s", p, w.Code, w.Body)
		}
	})
}
