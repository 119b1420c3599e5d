package main_test

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// TestFindingSignReindexAudit walks a finding through the CLI: mediators
// co-sign one envelope with truce sign, the server refuses it until k have
// signed, the commitment shows as breached, and truce audit and truce
// reindex agree with the log, before and after the projection is tampered
// with.
func TestFindingSignReindexAudit(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	origin := "example.org/talks"
	vkey := func(name string) string {
		truce(t, "", "keygen", "--out", filepath.Join(tmp, name)).must(t, 0)
		return strings.TrimSpace(string(must(os.ReadFile(filepath.Join(tmp, name+".vkey")))))
	}
	anchors := map[string]string{"qatar": vkey("qatar"), "turkiye": vkey("turkiye")}
	puppet := vkey("puppet")
	vkeyFile := func(name string) string { return filepath.Join(tmp, name+".vkey") }
	truce(t, "", "init", "--data", data, "--name", origin, "--mediator", vkeyFile("qatar")).must(t, 2, "--quorum 2: only 1 --mediator keys given")
	truce(t, "", "init", "--data", data, "--name", origin, "--mediator", vkeyFile("qatar"), "--mediator", vkeyFile("turkiye")).must(t, 0)
	cmd, url := launch(t, "serve", "--data", data, "--addr", "127.0.0.1:0", "--checkpoint-interval", "100ms")
	stopped := false
	stop := func() {
		if !stopped {
			cmd.Process.Signal(os.Interrupt)
			cmd.Wait()
			stopped = true
		}
	}
	t.Cleanup(stop)
	admin := filepath.Join(data, "keys", "admin.key")
	submit := func(key, record string) int {
		t.Helper()
		f := writeFile(t, filepath.Join(tmp, fmt.Sprintf("r%d.json", time.Now().UnixNano())), record)
		r := truce(t, "", "submit", "--server", url, "--key", key, f).must(t, 0)
		var i int
		fmt.Sscanf(r.stdout, "index %d", &i)
		return i
	}
	submit(admin, `{"type":"party","body":{"id":"pakistan","name":"Pakistan"}}`)
	submit(admin, `{"type":"party","body":{"id":"afghanistan","name":"Afghanistan"}}`)
	for _, m := range []string{"qatar", "turkiye"} {
		submit(admin, fmt.Sprintf(`{"type":"member","body":{"id":%q,"role":"mediator","name":%q,"key":%q}}`, m, m, anchors[m]))
	}
	// The admin alone mints no mediator: the mediators' keys are anchors.
	truce(t, "", "submit", "--server", url, "--key", admin, writeFile(t, filepath.Join(tmp, "puppet.json"),
		fmt.Sprintf(`{"type":"member","body":{"id":"puppet","role":"mediator","name":"Puppet","key":%q}}`, puppet))).
		must(t, 1, "the mediator set changes only with the signatures of 2 mediators resting on the trust anchors; it has 0 (none)")
	com := submit(admin, `{"type":"commitment","body":{"obligor":"afghanistan","text":"Verifiable action against the TTP","category":"counter_terrorism","criteria":"Monitors verify"}}`)
	inc := submit(admin, `{"type":"incident","body":{"event_type":"Battles","sub_event_type":"Armed clash","date":"2025-10-12","date_precision":"day","place":{"name":"Kurram","precision":"district"},"actors":["Pakistan Army","Afghan Taliban"],"description":"Border clashes"}}`)

	finding := writeFile(t, filepath.Join(tmp, "finding.json"), fmt.Sprintf(`{"type":"finding","body":{"violator":"afghanistan","commitments":[%d],"basis":[%d],"decision":"No verifiable action","penalty":"Trade concessions suspended"}}`, com, inc))
	env := filepath.Join(tmp, "finding.env.json")
	truce(t, "", "sign", "--key", filepath.Join(tmp, "qatar.key"), "--mechanism", origin, "--out", env, finding).must(t, 0)
	truce(t, "", "submit", "--server", url, env).must(t, 1, "a finding needs the signatures of 2 mediators; it has 1 (qatar)")
	truce(t, "", "sign", "--key", filepath.Join(tmp, "turkiye.key"), "--out", env, env).must(t, 0)
	var signed struct{ Signatures []any }
	json.Unmarshal(must(os.ReadFile(env)), &signed)
	if len(signed.Signatures) != 2 {
		t.Fatalf("envelope has %d signatures after two truce sign", len(signed.Signatures))
	}
	truce(t, "", "submit", "--server", url, env).must(t, 0, fmt.Sprintf("index %d", inc+1))

	var page struct {
		Items []struct {
			Index      int
			Status     string
			BreachedBy []map[string]any `json:"breached_by"`
		}
		NextCursor *string `json:"next_cursor"`
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		json.Unmarshal(get(t, url+"/api/v1/commitments?status=breached"), &page)
		if len(page.Items) == 1 || time.Now().After(deadline) {
			break
		}
	}
	if len(page.Items) != 1 || page.Items[0].Index != com || len(page.Items[0].BreachedBy) != 1 || page.Items[0].BreachedBy[0]["penalty"] != "Trade concessions suspended" || page.NextCursor != nil {
		t.Fatalf("breached commitments: %+v", page)
	}

	truce(t, "", "verify", "--server", url, "--log-key", filepath.Join(data, "keys", "log.vkey"), "--index", fmt.Sprint(inc+1),
		"--mediator", vkeyFile("qatar"), "--mediator", vkeyFile("turkiye"), "--mediator", vkeyFile("puppet")).
		must(t, 0, fmt.Sprintf("entry %d: signed by 2 of the 3 mediators' trust anchors given (qatar, turkiye)", inc+1))
	// With --data, the log key, the server and the anchors are the data directory's.
	truce(t, "", "verify", "--data", data, "--index", fmt.Sprint(inc+1)).
		must(t, 0, fmt.Sprintf("entry %d: signed by 2 of the 2 mediators' trust anchors given (qatar, turkiye)", inc+1), "OK")
	truce(t, "", "audit", "--data", data).must(t, 0, "version 2 throughout", "all 8 entries hold", "equal to a rebuild", "OK")
	// An independent auditor passes its own anchors: with other ones, the
	// admin alone admitted a mediator.
	truce(t, "", "audit", "--data", data, "--mediator", vkeyFile("qatar"), "--mediator", vkeyFile("turkiye")).must(t, 0, "all 8 entries hold")
	truce(t, "", "audit", "--data", data, "--mediator", vkeyFile("qatar"), "--mediator", vkeyFile("puppet")).
		must(t, 1, "log entry 4 breaks a rule: signatures: the mediator set changes only with the signatures of 2 mediators resting on the trust anchors; it has 0 (none)")
	stop()
	truce(t, "", "reindex", "--data", data).must(t, 0, "reindexed 8 entries")
	truce(t, "", "audit", "--data", data).must(t, 0, "equal to a rebuild")

	db, err := sql.Open("sqlite", filepath.Join(data, "projection.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE items SET status = 'fulfilled' WHERE idx = ?`, com); err != nil {
		t.Fatal(err)
	}
	db.Close()
	truce(t, "", "audit", "--data", data).must(t, 1, "differs from a rebuild from the log")
	truce(t, "", "reindex", "--data", data).must(t, 0)
	truce(t, "", "audit", "--data", data).must(t, 0)
}

// TestRestrictedAndEvidenceCLI submits an addressed request and a piece of
// evidence through the CLI: both are acknowledged with an inclusion proof
// that truce submit checks against the restricted leaf, nothing of them is
// served to anonymous readers, and the audit holds.
func TestRestrictedAndEvidenceCLI(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	truce(t, "", "init", "--data", data, "--name", "example.org/talks").must(t, 0)
	url := startServer(t, "serve", "--data", data, "--addr", "127.0.0.1:0", "--checkpoint-interval", "100ms")
	admin := filepath.Join(data, "keys", "admin.key")
	party := writeFile(t, filepath.Join(tmp, "party.json"), `{"type":"party","body":{"id":"afghanistan","name":"Afghanistan"}}`)
	truce(t, "", "submit", "--server", url, "--key", admin, party).must(t, 0, "index 1")
	req := writeFile(t, filepath.Join(tmp, "req.json"), `{"type":"request","body":{"to":["afghanistan"],"kind":"handover","text":"Hand over the commanders named in the annex"}}`)
	truce(t, "", "submit", "--server", url, "--key", admin, "--visibility", "addressed", "--audience", "afghanistan", req).
		must(t, 0, "index 2", "inclusion proof", "verified")
	if body := get(t, url+"/api/v1/records/2"); strings.Contains(string(body), "annex") || !strings.Contains(string(body), `"restricted"`) {
		t.Errorf("anonymous read of a restricted record: %s", body)
	}
	// Its audience (here the admin) reads it with truce get, and proves the
	// body it was given is the one the log committed to.
	full := []byte(truce(t, "", "get", "--server", url, "--key", admin, "2").must(t, 0, "annex", `"salt"`).stdout)
	truce(t, "", "keygen", "--out", filepath.Join(tmp, "stranger")).must(t, 0)
	truce(t, "", "get", "--server", url, "--key", filepath.Join(tmp, "stranger.key"), "2").must(t, 1, "not an active member's key")
	if r := truce(t, "", "get", "--server", url, "2").must(t, 0, `"restricted"`); strings.Contains(r.stdout, "annex") {
		t.Errorf("truce get without a key: %s", r.stdout)
	}
	truce(t, "", "get", "--server", url, "two").must(t, 2, `"two" is not a log index`)
	// What the member may read, found without knowing the indices.
	truce(t, "", "get", "--server", url, "--key", admin, "--restricted").must(t, 0, "annex", `"index":2`)
	if r := truce(t, "", "get", "--server", url, "--key", admin, "--restricted", "--type", "claim").must(t, 0); r.stdout != "" {
		t.Errorf("restricted claims: %q", r.stdout)
	}
	truce(t, "", "get", "--server", url, "--restricted").must(t, 2, "needs --key")
	truce(t, "", "get", "--server", url, "--key", admin, "--restricted", "2").must(t, 2, "one of them")
	// truce token makes the header other clients send.
	tok := strings.TrimSpace(truce(t, "", "token", "--server", url, "--key", admin, "--ttl", "1m").must(t, 0, "Truce-Token ").stdout)
	truce(t, "", "token", "--server", url, "--key", admin, "--ttl", "1h").must(t, 2, "at most 10m0s")
	rq, _ := http.NewRequest("GET", url+"/api/v1/records/2", nil)
	rq.Header.Set("Authorization", tok)
	rs, err := http.DefaultClient.Do(rq)
	if err != nil {
		t.Fatal(err)
	}
	byToken, _ := io.ReadAll(rs.Body)
	rs.Body.Close()
	if !strings.Contains(string(byToken), "annex") {
		t.Fatalf("a read with truce token's header: %s", byToken)
	}
	waitForCheckpoint(t, url, 3)
	truce(t, "", "verify", "--server", url, "--log-key", filepath.Join(data, "keys", "log.vkey"), "--record", writeFile(t, filepath.Join(tmp, "r2.json"), string(full))).
		must(t, 0, "included at index 2, byte for byte")
	var obj map[string]any
	json.Unmarshal(full, &obj)
	obj["salt"] = strings.Repeat("00", 32)
	truce(t, "", "verify", "--server", url, "--log-key", filepath.Join(data, "keys", "log.vkey"), "--record", writeFile(t, filepath.Join(tmp, "r2bad.json"), string(must(json.Marshal(obj))))).
		must(t, 1, "is not this record")
	photo := writeFile(t, filepath.Join(tmp, "photo.png"), "\x89PNG\r\n\x1a\n"+strings.Repeat("pixels", 100))
	truce(t, "", "submit", "--server", url, "--key", admin, "--evidence", photo, "--description", "The crossing on 12 October").must(t, 0, "index 3", "verified")
	truce(t, "", "submit", "--server", url, "--key", admin, "--evidence", photo).must(t, 2, "--description")
	sum := sha256.Sum256(must(os.ReadFile(photo)))
	resp, err := http.Get(url + "/api/v1/evidence/" + hex.EncodeToString(sum[:]))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("anonymous download of restricted evidence: HTTP %d", resp.StatusCode)
	}
	// Its audience downloads it, and truce get checks the bytes' hash.
	out := filepath.Join(tmp, "downloaded.png")
	truce(t, "", "get", "--server", url, "--key", admin, "--evidence", hex.EncodeToString(sum[:]), "--out", out).must(t, 0)
	if got := must(os.ReadFile(out)); string(got) != string(must(os.ReadFile(photo))) {
		t.Errorf("downloaded evidence differs from the upload")
	}
	truce(t, "", "get", "--server", url, "--evidence", hex.EncodeToString(sum[:]), "--out", filepath.Join(tmp, "anon.png")).must(t, 1, "HTTP 404")
	if _, err := os.Stat(filepath.Join(tmp, "anon.png")); err == nil {
		t.Error("a refused download left a file behind")
	}
	truce(t, "", "get", "--server", url, "--evidence", "ABC").must(t, 2, "not a hex SHA-256")
	// A server that serves other bytes under the hash is caught, and one
	// that says it kept other bytes than were uploaded gets no record.
	liar := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/checkpoint":
			io.WriteString(w, "example.org/talks\n5\nAAAA\n\n— example.org/talks abc=\n")
		case "/api/v1/restricted":
			io.WriteString(w, `{"items":[],"next_cursor":"5"}`)
		case "/api/v1/evidence":
			if r.Method == "POST" {
				w.WriteHeader(201)
				fmt.Fprintf(w, `{"sha256":%q,"size":7,"media_type":"image/png"}`, strings.Repeat("ab", 32))
				return
			}
			fallthrough
		default:
			io.WriteString(w, "not the photograph")
		}
	}))
	defer liar.Close()
	truce(t, "", "submit", "--server", liar.URL, "--key", admin, "--evidence", photo, "--description", "x").must(t, 1, "but the file is", "nothing was recorded")
	truce(t, "", "get", "--server", liar.URL, "--key", admin, "--restricted").must(t, 1, `next_cursor "5" does not follow 5`)
	truce(t, "", "get", "--server", liar.URL, "--evidence", hex.EncodeToString(sum[:]), "--out", filepath.Join(tmp, "lie.png")).must(t, 1, "not the evidence asked for")
	if _, err := os.Stat(filepath.Join(tmp, "lie.png")); err == nil {
		t.Error("a download with the wrong hash left a file behind")
	}
	truce(t, "", "audit", "--data", data).must(t, 0, "all 4 entries hold", "equal to a rebuild")
}

// TestImportReview queues the seed articles on a server, lists the review
// queue, accepts two claims of one draft and rejects the other: only what
// a member accepted and signed is appended.
func TestImportReview(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	truce(t, "", "init", "--data", data, "--name", "example.org/talks").must(t, 0)
	url := startServer(t, "serve", "--data", data, "--addr", "127.0.0.1:0", "--checkpoint-interval", "100ms")
	admin := filepath.Join(data, "keys", "admin.key")
	seeds := filepath.Join("..", "..", "testdata", "ingest")
	a, b := filepath.Join(seeds, "000_e799cd038898df58.txt"), filepath.Join(seeds, "001_ada22b6276ff3a2b.txt")
	// Queued on the data directory while no server runs, then served.
	offline := filepath.Join(tmp, "offline")
	truce(t, "", "init", "--data", offline, "--name", "example.org/offline").must(t, 0)
	truce(t, "", "import", "--data", offline, a).must(t, 0, "queued as")
	ourl := startServer(t, "serve", "--data", offline, "--addr", "127.0.0.1:0")
	truce(t, "", "review", "--server", ourl, "--key", filepath.Join(offline, "keys", "admin.key")).must(t, 0, "1 drafts waiting")
	truce(t, "", "import", "--server", url, a, b).must(t, 2, "--key FILE is required")
	r := truce(t, "", "import", "--server", url, "--key", admin, a, b, filepath.Join(tmp, "missing.txt")).must(t, 1, "queued as", "missing.txt: error")
	if strings.Count(r.stdout, "queued as") != 2 {
		t.Fatalf("import: %s", r.stdout)
	}
	list := truce(t, "", "review", "--server", url, "--key", admin).must(t, 0, "2 drafts waiting for review", "Foreign Office spokesperson")
	var ids []string
	for _, line := range strings.Split(list.stdout, "\n") {
		if f := strings.Fields(line); len(f) > 1 && len(f[0]) == 64 {
			ids = append(ids, f[0])
		}
	}
	if len(ids) != 2 {
		t.Fatalf("queue ids %v in %s", ids, list.stdout)
	}
	if n := strings.Count(string(get(t, url+"/api/v1/claims")), `"index"`); n != 0 {
		t.Fatalf("%d claims appended before any review", n)
	}
	truce(t, "", "review", "--server", url, "--key", admin, "--accept", ids[0], "--claim", "1", "--claim", "2").must(t, 0, "source: index 1", "claim 1: index 2", "claim 2: index 3")
	truce(t, "", "review", "--server", url, "--key", admin, "--reject", ids[1]).must(t, 0, "rejected")
	truce(t, "", "review", "--server", url, "--key", admin).must(t, 0, "0 drafts waiting")
	waitForCheckpoint(t, url, 4)
	for deadline := time.Now().Add(10 * time.Second); strings.Count(string(get(t, url+"/api/v1/claims")), `"index"`) != 2; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("claims listed: %s", get(t, url+"/api/v1/claims"))
		}
	}
	truce(t, "", "audit", "--data", data).must(t, 0, "all 4 entries hold")
}
