package http_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/ingest"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
)

// textAPI is an API that keeps accepted sources' texts in texts.
type textAPI struct {
	*api
	texts string
}

func newTextAPI(t *testing.T) *textAPI {
	m := trucetest.NewMechanism(t)
	m.Genesis()
	store := must(sqlite.Open(filepath.Join(t.TempDir(), "projection.sqlite")))
	t.Cleanup(func() { store.Close() })
	dir := filepath.Join(t.TempDir(), "texts")
	s := trucehttp.NewServer(m.Mech, m.Log, store, m.Evidence, must(files.Open(m.Dir+".drafts")), slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.KeepTexts(must(files.OpenTexts(dir)))
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &textAPI{api: &api{Mechanism: m, url: srv.URL, store: store}, texts: dir}
}

// queued is a draft as GET /api/v1/drafts and POST /api/v1/import give it.
type queued struct {
	ID                 string       `json:"id"`
	Draft              ingest.Draft `json:"draft"`
	AcceptedDuplicates []struct {
		File   string `json:"file"`
		Kind   string `json:"kind"`
		Source uint64 `json:"source"`
	} `json:"accepted_duplicates"`
}

// queue imports the test document name as s.
func (a *textAPI) queue(s *truce.Signer, name string) queued {
	a.T.Helper()
	path := "/api/v1/import?file=" + name
	code, _, raw := a.send("POST", path, must(os.ReadFile(trucetest.Testdata("ingest", name))), sign(a.T, s, "POST", path))
	var q queued
	if code != 201 || json.Unmarshal([]byte(raw), &q) != nil {
		a.T.Fatalf("import %s: %d %s", name, code, raw)
	}
	return q
}

// drafts is the queue as s reads it, by id.
func (a *textAPI) drafts(s *truce.Signer) map[string]queued {
	a.T.Helper()
	code, _, raw := a.signedGet("/api/v1/drafts", s, "")
	var q struct{ Items []queued }
	if code != 200 || json.Unmarshal([]byte(raw), &q) != nil {
		a.T.Fatalf("queue: %d %s", code, raw)
	}
	out := map[string]queued{}
	for _, it := range q.Items {
		out[it.ID] = it
	}
	return out
}

// source records d's source as s, with extra members in its body.
func (a *textAPI) source(s *truce.Signer, d ingest.Draft, extra map[string]any, mutate ...func(map[string]any)) uint64 {
	a.T.Helper()
	body := map[string]any{}
	json.Unmarshal(must(json.Marshal(d.Source)), &body)
	for k, v := range extra {
		body[k] = v
	}
	return a.Submit(trucetest.Sign(a.T, trucetest.Record("source", body, mutate...), s)).Index
}

func (a *textAPI) accept(s *truce.Signer, id string, index uint64) (int, map[string]any) {
	a.T.Helper()
	path := "/api/v1/drafts/" + id + "?accepted=" + itoa(index)
	code, out, _ := a.send("DELETE", path, nil, sign(a.T, s, "DELETE", path))
	return code, out
}

func itoa(i uint64) string { return string(must(json.Marshal(i))) }

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestKeptTexts: a source accepted from a draft keeps the draft's
// extracted text, served to anyone only when its signer said so on a
// public source, else to members who may read the source; a source naming
// another text is refused as the draft's acceptance and keeps nothing.
func TestKeptTexts(t *testing.T) {
	a := newTextAPI(t)
	c := a.Setup()
	q := a.queue(c.PakistanFO, "001_ada22b6276ff3a2b.txt")
	text := []byte(q.Draft.Text())
	name := hexSum(text)
	if !strings.Contains(string(text), "206 Afghan Taliban fighters") {
		t.Fatalf("the extracted text lacks the document's words: %.200q", text)
	}
	textPath := "/api/v1/texts/" + name
	neverKept := "/api/v1/texts/" + hexSum([]byte("never kept"))

	// Refused: a source naming another text.
	wrong := a.source(c.PakistanFO, q.Draft, map[string]any{"text_sha256": hexSum([]byte("another text"))})
	code, out := a.accept(c.PakistanFO, q.ID, wrong)
	if code != 403 || out["field"] != "accepted" || !strings.Contains(out["error"].(string), "text_sha256") || !strings.Contains(out["error"].(string), "nothing was kept") {
		t.Errorf("a source naming another text: %d %v", code, out)
	}
	if _, ok := a.drafts(c.Monitor)[q.ID]; !ok {
		t.Error("the refused acceptance took the draft off the queue")
	}
	if n := countFiles(t, a.texts); n != 0 {
		t.Errorf("a refused acceptance kept %d files", n)
	}

	// Members only: no text_public.
	src := a.source(c.PakistanFO, q.Draft, map[string]any{"text_sha256": name})
	if code, out := a.accept(c.PakistanFO, q.ID, src); code != 204 {
		t.Fatalf("accepting the source: %d %v", code, out)
	}
	_, _, never := a.send("GET", neverKept, nil, "")
	code, _, raw := a.send("GET", textPath, nil, "")
	if code != 404 || raw != never {
		t.Errorf("anonymous read of a members-only text: %d %s (a text never kept: %s)", code, raw, never)
	}
	for _, s := range []*truce.Signer{c.Monitor, c.AfghanistanMOFA, c.Observer} {
		code, _, raw := a.signedGet(textPath, s, "")
		if code != 200 || raw != string(text) {
			t.Errorf("a member's read of a public source's members-only text: %d %.80q", code, raw)
		}
	}

	// Public: text_public on a public source.
	q0 := a.queue(c.PakistanFO, "000_e799cd038898df58.txt")
	name0 := hexSum([]byte(q0.Draft.Text()))
	src0 := a.source(c.PakistanFO, q0.Draft, map[string]any{"text_sha256": name0, "text_public": true})
	if code, out := a.accept(c.PakistanFO, q0.ID, src0); code != 204 {
		t.Fatalf("accepting the public source: %d %v", code, out)
	}
	req, _ := http.NewRequest("GET", a.url+"/api/v1/texts/"+name0, nil)
	resp := must(http.DefaultClient.Do(req))
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != q0.Draft.Text() || resp.Header.Get("X-Content-SHA256") != name0 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("anonymous read of a public text: %d %v %.80q", resp.StatusCode, resp.Header, body)
	}
	// The web pages read the public texts from the directory itself.
	if b, err := os.ReadFile(filepath.Join(a.texts, name0)); err != nil || !bytes.Equal(b, body) {
		t.Errorf("the public text is not in the texts directory: %v", err)
	}
	if _, err := os.Stat(filepath.Join(a.texts, name)); err == nil {
		t.Error("a members-only text is in the directory the web pages read")
	}

	// A restricted source's text: its readers only.
	qk := a.queue(c.Monitor, "kabul.txt")
	namek := hexSum([]byte(qk.Draft.Text()))
	srck := a.source(c.Monitor, qk.Draft, map[string]any{"text_sha256": namek, "text_public": true}, func(m map[string]any) { m["visibility"] = "mediators" })
	if code, out := a.accept(c.Monitor, qk.ID, srck); code != 204 {
		t.Fatalf("accepting the restricted source: %d %v", code, out)
	}
	for s, want := range map[*truce.Signer]int{c.Monitor: 200, c.Qatar: 200, c.PakistanFO: 404, nil: 404} {
		code, _, raw := a.signedGet("/api/v1/texts/"+namek, s, "")
		if code != want || want == 404 && raw != never {
			t.Errorf("read of a mediators-only source's text (text_public, not public): %d %.80q, want %d", code, raw, want)
		}
	}

	// Malformed names.
	if code, out := a.do("GET", "/api/v1/texts/ABC", nil); code != 400 || out["field"] != "sha256" {
		t.Errorf("a malformed name: %d %v", code, out)
	}
}

// TestQueueGroupsStatements: a draft queued is compared with the queue;
// once one of a re-published pair is accepted, the other's queue entry
// names that source, as the source its own says it restates.
func TestQueueGroupsStatements(t *testing.T) {
	a := newTextAPI(t)
	c := a.Setup()
	first := a.queue(c.PakistanFO, "torkham.txt")
	second := a.queue(c.PakistanFO, "torkham-repub.html")
	a.queue(c.PakistanFO, "kabul.txt")
	if len(second.Draft.Duplicates) != 1 || second.Draft.Duplicates[0].File != "torkham.txt" {
		t.Fatalf("the re-publication queued second lists %+v", second.Draft.Duplicates)
	}
	if d := a.drafts(c.Monitor)[first.ID].Draft.Duplicates; len(d) != 1 || d[0].File != "torkham-repub.html" {
		t.Fatalf("the draft queued first lists %+v", d)
	}
	src := a.source(c.PakistanFO, first.Draft, map[string]any{"text_sha256": hexSum([]byte(first.Draft.Text()))})
	if code, out := a.accept(c.PakistanFO, first.ID, src); code != 204 {
		t.Fatalf("accept: %d %v", code, out)
	}
	a.Project(a.store)
	got := a.drafts(c.Monitor)[second.ID].AcceptedDuplicates
	if len(got) != 1 || got[0].Source != src || got[0].File != "torkham.txt" || got[0].Kind != "republication" {
		t.Fatalf("accepted duplicates: %+v, want source %d", got, src)
	}
	// The source that restates it cites it: a link the projection keeps.
	repub := a.source(c.PakistanFO, second.Draft, map[string]any{"same_statement": src})
	a.Project(a.store)
	if links := must(a.store.LinksTo(t.Context(), src, "same_statement")); len(links) != 1 || links[0] != repub {
		t.Errorf("same_statement links to %d: %v", src, links)
	}
	// same_statement must cite a source.
	bad := trucetest.Sign(t, trucetest.Record("source", map[string]any{"language": "en", "sha256": hexSum([]byte("x")), "same_statement": 1}), c.PakistanFO)
	size := a.Size()
	if code, out := a.do("POST", "/api/v1/records", bad); code != 422 || out["field"] != "body.same_statement" || !strings.Contains(out["error"].(string), "not a source") {
		t.Errorf("same_statement citing a member: %d %v", code, out)
	}
	if a.Size() != size {
		t.Error("a refused source was appended")
	}
}
