package main_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRepostWithFewerSignatures records a claim both mediators signed,
// then submits the same payload with one signature through the CLI: truce
// submit prints the index of the recorded entry, says it is a duplicate,
// and proves the inclusion of the two-signature envelope the log holds;
// the log does not grow, and truce verify finds both trust anchors'
// signatures on the entry.
func TestRepostWithFewerSignatures(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	origin := "example.org/talks"
	key := func(name string) string { return filepath.Join(tmp, name) }
	for _, m := range []string{"qatar", "turkiye"} {
		truce(t, "", "keygen", "--out", key(m)).must(t, 0)
	}
	truce(t, "", "init", "--data", data, "--name", origin, "--mediator", key("qatar.vkey"), "--mediator", key("turkiye.vkey")).must(t, 0)
	url := startServer(t, "serve", "--data", data, "--addr", "127.0.0.1:0", "--checkpoint-interval", "100ms")
	admin := filepath.Join(data, "keys", "admin.key")
	logKey := filepath.Join(data, "keys", "log.vkey")

	// The admin alone admits the mediators: their keys are trust anchors.
	for i, m := range []string{"qatar", "turkiye"} {
		vkey := strings.TrimSpace(string(must(os.ReadFile(key(m + ".vkey")))))
		rec := writeFile(t, key(m+".member.json"), fmt.Sprintf(`{"type":"member","body":{"id":%q,"role":"mediator","name":%q,"key":%q}}`, m, m, vkey))
		truce(t, "", "submit", "--server", url, "--key", admin, rec).must(t, 0, fmt.Sprintf("index %d\n", i+1))
	}

	// A record with its own created, so that each signing of it makes the
	// same payload.
	created := time.Now().Add(time.Minute).UTC().Format(time.RFC3339)
	record := writeFile(t, key("record.json"), `{"type":"claim","created":"`+created+`","body":{"speaker":"The mediators","text":"Both sides agreed to extend the ceasefire.","quoted":false,"language":"en"}}`)
	both, one := key("env.json"), key("env1.json")
	truce(t, "", "sign", "--key", key("qatar.key"), "--mechanism", origin, "--out", both, record).must(t, 0)
	truce(t, "", "sign", "--key", key("turkiye.key"), "--out", both, both).must(t, 0)
	truce(t, "", "sign", "--key", key("qatar.key"), "--mechanism", origin, "--out", one, record).must(t, 0)
	var envBoth, envOne struct {
		Payload    string
		Signatures []map[string]string
	}
	json.Unmarshal(must(os.ReadFile(both)), &envBoth)
	json.Unmarshal(must(os.ReadFile(one)), &envOne)
	if len(envBoth.Signatures) != 2 || len(envOne.Signatures) != 1 || envBoth.Payload != envOne.Payload || envBoth.Payload == "" {
		t.Fatalf("the envelopes do not share their payload, with 2 and 1 signatures:\n%s\n%s", must(os.ReadFile(both)), must(os.ReadFile(one)))
	}

	const index = 3
	first := truce(t, "", "submit", "--server", url, "--log-key", logKey, both).must(t, 0, "signature verified")
	if line := strings.SplitN(first.stdout, "\n", 2)[0]; line != fmt.Sprintf("index %d", index) {
		t.Fatalf("first line %q, want %q", line, fmt.Sprintf("index %d", index))
	}
	if strings.Contains(first.stdout, "duplicate") {
		t.Errorf("a new record reported as a duplicate:\n%s", first.stdout)
	}

	// The same payload, one signature: the entry already recorded.
	again := truce(t, "", "submit", "--server", url, "--log-key", logKey, one).must(t, 0, "verified", "signature verified")
	lines := strings.Split(again.stdout, "\n")
	if lines[0] != fmt.Sprintf("index %d", index) || !strings.HasPrefix(lines[1], "duplicate: this payload was already in the log") {
		t.Errorf("the re-post printed:\n%s\nwant index %d, then the duplicate line", again.stdout, index)
	}
	// Its proof is of the envelope recorded, with both signatures.
	if a, b := leafHashLine(t, first.stdout), leafHashLine(t, again.stdout); a != b {
		t.Errorf("the re-post proves leaf %s, the record is leaf %s", b, a)
	}
	r := truce(t, "", "submit", "--server", url, "--log-key", logKey, "--json", one).must(t, 0)
	var out struct {
		Index              uint64
		Duplicate          string
		LeafHash           string `json:"leaf_hash"`
		CheckpointVerified bool   `json:"checkpoint_verified"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("--json output %q: %v", r.stdout, err)
	}
	if out.Index != index || out.Duplicate != "payload" || out.LeafHash != leafHashLine(t, first.stdout) || !out.CheckpointVerified {
		t.Errorf("--json: %+v\n%s", out, r.stdout)
	}
	// The exact envelope recorded is a duplicate envelope.
	truce(t, "", "submit", "--server", url, "--log-key", logKey, both).must(t, 0, fmt.Sprintf("index %d\n", index), "duplicate: this envelope was already in the log")

	// Nothing was appended.
	resp, err := http.Get(fmt.Sprintf("%s/api/v1/records/%d", url, index+1))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("log entry %d after the re-posts: HTTP %d, want 404", index+1, resp.StatusCode)
	}
	waitForCheckpoint(t, url, index+1)
	truce(t, "", "verify", "--server", url, "--log-key", logKey, "--index", fmt.Sprint(index), "--mediator", key("qatar.vkey"), "--mediator", key("turkiye.vkey")).
		must(t, 0, fmt.Sprintf("entry %d: signed by 2 of the 2 mediators' trust anchors given", index), "OK")
	truce(t, "", "audit", "--data", data).must(t, 0, fmt.Sprintf("all %d entries hold", index+1))
}

// leafHashLine is the leaf hash truce submit printed.
func leafHashLine(t *testing.T, stdout string) string {
	t.Helper()
	for _, line := range strings.Split(stdout, "\n") {
		if h, ok := strings.CutPrefix(line, "leaf hash "); ok {
			return h
		}
	}
	t.Fatalf("no leaf hash in:\n%s", stdout)
	return ""
}
