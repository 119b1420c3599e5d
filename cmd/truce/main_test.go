package main_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	trucerec "github.com/truce-dev/truce"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// truceBin is the command built once for the whole test run: these tests
// drive it as a user would.
var truceBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "truce-bin")
	if err != nil {
		panic(err)
	}
	truceBin = filepath.Join(dir, "truce")
	if out, err := exec.Command("go", "build", "-o", truceBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building truce: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

func truce(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, truceBin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr, cmd.Stdin = &out, &errb, strings.NewReader(stdin)
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

func (r result) must(t *testing.T, code int, contains ...string) result {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
	for _, c := range contains {
		if !strings.Contains(r.stdout+r.stderr, c) {
			t.Fatalf("output does not contain %q\nstdout: %s\nstderr: %s", c, r.stdout, r.stderr)
		}
	}
	return r
}

// startServer runs a command that serves and prints its URL, and returns
// the URL once the port is open; the process is stopped when the test ends.
func startServer(t *testing.T, args ...string) string {
	t.Helper()
	cmd, url := launch(t, args...)
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	return url
}

// launch starts truce with args and waits for it to print its URL.
func launch(t *testing.T, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(truceBin, args...)
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				cmd.Wait()
				t.Fatalf("%v exited before serving: %s", args, stderr.String())
			}
			if i := strings.Index(line, "http://"); i >= 0 {
				go func() {
					for range lines {
					}
				}()
				return cmd, strings.Fields(line[i:])[0]
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v did not print a URL: %s", args, stderr.String())
		}
	}
}

func get(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	return b
}

func writeFile(t *testing.T, path, data string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestHelpAndUsage(t *testing.T) {
	truce(t, "", "--help").must(t, 0, "commands:", "submit", "verify")
	truce(t, "").must(t, 2, "usage: truce COMMAND")
	truce(t, "", "frobnicate").must(t, 2, `unknown command "frobnicate"`)
	for _, c := range []string{"demo", "init", "serve", "keygen", "submit", "sign", "witness", "get", "token", "verify", "reindex", "audit", "import", "review"} {
		truce(t, "", c, "--help").must(t, 0, "usage: truce "+c)
		truce(t, "", c, "--no-such-flag").must(t, 2, "no-such-flag")
	}
	truce(t, "", "init").must(t, 2, "--data DIR and --name ORIGIN are required")
	truce(t, "", "submit", "--server", "http://127.0.0.1:1").must(t, 2, "give one RECORD.json")
	truce(t, "", "verify", "--server", "http://127.0.0.1:1").must(t, 2, "--log-key VKEY is required")
	truce(t, "", "verify", "--server", "http://127.0.0.1:1", "--log-key", "x", "--index", "one").must(t, 2, `--index "one"`)
	truce(t, "", "serve", "--data", "x", "--db", "mysql://nope").must(t, 2, "--db")
	truce(t, "", "serve", "--data", "x", "--public-url", "truce.example.org").must(t, 2, `--public-url "truce.example.org" is not an http(s) URL`)
	truce(t, "", "token", "--server", "http://127.0.0.1:1").must(t, 2, "--key FILE is required")
	truce(t, "", "token", "--key", "k", "--server", "http://127.0.0.1:1", "--ttl", "0s").must(t, 2, "must be positive")
}

// newClaim is a record prepared with its own created: a little after the
// mechanism the calling test has created (records may not predate the
// mechanism's first entry), and within the clock skew a server allows. It
// is made when a test runs, not when the suite starts: on a loaded machine
// the suite outlasts any margin.
func newClaim() string {
	return `{"type":"claim","created":"` + time.Now().Add(5*time.Minute).UTC().Format(time.RFC3339) + `","body":{"speaker":"Foreign Office spokesperson","text":"Pakistan has shown utmost restraint and patience during this period.","quoted":true,"language":"en"}}`
}

func TestInitServeSubmitVerify(t *testing.T) {
	claim := newClaim()
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	truce(t, "", "init", "--data", data, "--name", "example.org/talks").must(t, 0, "example.org/talks+")
	truce(t, "", "init", "--data", data, "--name", "example.org/talks").must(t, 1, "already holds a mechanism")
	for _, f := range []string{"keys/log.key", "keys/log.vkey", "keys/admin.key", "keys/admin.vkey", "config.json", "log/checkpoint"} {
		if _, err := os.Stat(filepath.Join(data, f)); err != nil {
			t.Errorf("init did not write %s: %v", f, err)
		}
	}
	url := startServer(t, "serve", "--data", data, "--addr", "127.0.0.1:0")
	admin := filepath.Join(data, "keys", "admin.key")
	logKey := filepath.Join(data, "keys", "log.vkey")
	rec := writeFile(t, filepath.Join(tmp, "claim.json"), claim)

	r := truce(t, "", "submit", "--server", url, "--key", admin, "--log-key", logKey, rec).must(t, 0, "inclusion proof", "signature verified")
	if first := strings.SplitN(r.stdout, "\n", 2)[0]; first != "index 1" {
		t.Fatalf("first line %q, want %q", first, "index 1")
	}
	// The same record from stdin, through the data directory whose server
	// is running, is the same envelope: same index.
	r = truce(t, claim, "submit", "--data", data, "--key", admin, "--json", "-").must(t, 0)
	var out struct {
		Index          uint64
		Duplicate      string
		InclusionProof []string `json:"inclusion_proof"`
		Checkpoint     string
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("--json output %q: %v", r.stdout, err)
	}
	if out.Index != 1 || out.Duplicate != "envelope" || !strings.HasPrefix(out.Checkpoint, "example.org/talks\n") {
		t.Errorf("--json: %+v", out)
	}

	// A member's key the log does not know is refused with the reason.
	truce(t, "", "keygen", "--out", filepath.Join(tmp, "alice")).must(t, 0, "alice+")
	truce(t, "", "submit", "--server", url, "--key", filepath.Join(tmp, "alice.key"), rec).must(t, 1, "HTTP 403", "not a member's key")
	truce(t, "", "submit", "--server", url, "--key", admin, writeFile(t, filepath.Join(tmp, "bad.json"), `{"type":"rumour","body":{}}`)).must(t, 1, `type: "rumour" is not a record type`)

	state := filepath.Join(tmp, "state")
	recordFile := writeFile(t, filepath.Join(tmp, "rec1.json"), string(get(t, url+"/api/v1/records/1")))
	truce(t, "", "verify", "--server", url, "--log-key", logKey, "--state", state, "--index", "0", "--index", "1", "--record", recordFile).
		must(t, 0, "entry 0: included (member record)", "entry 1: included (claim record)", "included at index 1", "OK")

	// The log grows; the next verification proves it extends the last.
	second := writeFile(t, filepath.Join(tmp, "claim2.json"), strings.Replace(claim, "restraint", "patience", 1))
	truce(t, "", "submit", "--server", url, "--key", admin, second).must(t, 0, "index 2")
	truce(t, "", "verify", "--server", url, "--log-key", logKey, "--state", state, "--index", "2").
		must(t, 0, "consistent with the checkpoint of size 2 seen before", "OK")
	truce(t, "", "verify", "--server", url, "--log-key", logKey, "--index", "3").must(t, 1, "entry 3: not in the log's tree of size 3")

	// Another log's key, or a state from another log, fails verification.
	other := filepath.Join(tmp, "other")
	truce(t, "", "init", "--data", other, "--name", "example.org/talks").must(t, 0)
	truce(t, "", "verify", "--server", url, "--log-key", filepath.Join(other, "keys", "log.vkey")).must(t, 1, "not signed by log key")
	otherURL := startServer(t, "serve", "--data", other, "--addr", "127.0.0.1:0")
	otherState := filepath.Join(tmp, "other-state")
	truce(t, "", "verify", "--server", otherURL, "--log-key", filepath.Join(other, "keys", "log.vkey"), "--state", otherState).must(t, 0)
	saved := must(os.ReadFile(state))
	truce(t, "", "verify", "--server", otherURL, "--log-key", logKey, "--state", state).must(t, 1, "not signed by log key")
	if !bytes.Equal(must(os.ReadFile(state)), saved) {
		t.Error("a failed verification changed the state file")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestSubmitWithoutServer appends through the data directory itself when
// no server holds it, and remembers the envelope across runs.
func TestSubmitWithoutServer(t *testing.T) {
	claim := newClaim()
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	truce(t, "", "init", "--data", data, "--name", "example.org/talks").must(t, 0)
	rec := writeFile(t, filepath.Join(tmp, "claim.json"), claim)
	admin := filepath.Join(data, "keys", "admin.key")
	truce(t, "", "submit", "--data", data, "--key", admin, rec).must(t, 0, "index 1\n", "signature verified")
	truce(t, "", "submit", "--data", data, "--key", admin, rec).must(t, 0, "index 1\n", "duplicate")
	truce(t, "", "submit", "--data", filepath.Join(tmp, "nowhere"), "--key", admin, rec).must(t, 1, "not a mechanism's data directory")
}

// TestDemo runs the one-command first run and checks it shows the real
// case: verified and audited, cosigned by its witnesses, with named facts.
func TestDemo(t *testing.T) {
	data := filepath.Join(t.TempDir(), "demo")
	url := startServer(t, "demo", "--data", data, "--addr", "127.0.0.1:0")
	logKey := filepath.Join(data, "keys", "log.vkey")
	w1 := filepath.Join(data, "witnesses", "qatar-witness", "keys", "witness.vkey")
	w2 := filepath.Join(data, "witnesses", "turkiye-witness", "keys", "witness.vkey")
	truce(t, "", "verify", "--server", url, "--log-key", logKey, "--all", "--witness", w1, "--witness", w2).must(t, 0, "cosigned by 2 of 2 witnesses", "OK")
	truce(t, "", "audit", "--data", data).must(t, 0, "equal to a rebuild")

	var rounds struct{ Items []map[string]any }
	json.Unmarshal(get(t, url+"/api/v1/rounds"), &rounds)
	if len(rounds.Items) != 3 || rounds.Items[2]["end"] != "2025-11-07" || rounds.Items[0]["venue"] != "Doha" {
		t.Errorf("rounds: %v", rounds.Items)
	}
	var inc struct{ Items []map[string]any }
	json.Unmarshal(get(t, url+"/api/v1/incidents?type=Battles"), &inc)
	if len(inc.Items) != 1 {
		t.Fatalf("clashes: %v", inc.Items)
	}
	figs, _ := json.Marshal(inc.Items[0]["figures"])
	if !strings.Contains(string(figs), `"count":206`) || !strings.Contains(string(figs), `"attributed_to":"army estimates"`) || !strings.Contains(string(figs), "Pakistan army") {
		t.Errorf("the army's estimate is not attributed to the army: %s", figs)
	}
	claims, _ := inc.Items[0]["claims"].([]any)
	if len(claims) < 2 {
		t.Errorf("the clashes have %d claims about them, want both sides'", len(claims))
	}
	if body := string(get(t, url+"/api/v1/claims?q=Kabul")); !strings.Contains(body, "internal security failures") {
		t.Errorf("Kabul's stated position is missing: %s", body)
	}
	// The handover demand is addressed to the Afghan side: routing metadata
	// for everyone, the body for its audience.
	var reqs struct{ Items []map[string]any }
	json.Unmarshal(get(t, url+"/api/v1/requests"), &reqs)
	for _, r := range reqs.Items {
		if r["kind"] == "handover" {
			t.Errorf("the restricted handover demand is in the public list: %v", r)
		}
	}
	var entries []uint64
	for i := uint64(0); ; i++ {
		resp, err := http.Get(fmt.Sprintf("%s/api/v1/records/%d", url, i))
		if err != nil {
			t.Fatal(err)
		}
		var rec struct{ Restricted map[string]any }
		json.NewDecoder(resp.Body).Decode(&rec)
		resp.Body.Close()
		if resp.StatusCode == 404 {
			break
		}
		if rec.Restricted != nil {
			entries = append(entries, i)
		}
	}
	if len(entries) != 1 {
		t.Fatalf("restricted records in the demo: %v, want the handover demand", entries)
	}
	afghan, err := trucerec.ParseSigner(string(must(os.ReadFile(filepath.Join(data, "keys", "demo", "afghanistan.key")))))
	if err != nil {
		t.Fatal(err)
	}
	// The README's commands: the Afghan member lists what it may read and
	// proves it against the log.
	got := truce(t, "", "get", "--server", url, "--key", filepath.Join(data, "keys", "demo", "afghanistan.key"), "--restricted").must(t, 0, "proper channels")
	truce(t, "", "verify", "--server", url, "--log-key", filepath.Join(data, "keys", "log.vkey"), "--record", writeFile(t, filepath.Join(t.TempDir(), "handover.json"), got.stdout)).
		must(t, 0, fmt.Sprintf("included at index %d, byte for byte", entries[0]))
	path := fmt.Sprintf("/api/v1/records/%d", entries[0])
	h, _ := trucerec.SignRequest(afghan, "truce.demo/pakistan-afghanistan", "GET", path, time.Now())
	req, _ := http.NewRequest("GET", url+path, nil)
	req.Header.Set("Authorization", h)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if anon := string(get(t, url+path)); strings.Contains(anon, "proper channels") || !strings.Contains(string(body), "proper channels") {
		t.Errorf("the handover demand: anonymous %s; Afghan member %s", anon, body)
	}

	// A scenario that breaks the schema stops the demo, naming file, line
	// and field, before anything is appended.
	bad := writeFile(t, filepath.Join(t.TempDir(), "bad.jsonl"), "// comment\n"+`{"id":"x","as":["admin"],"cite":"c","type":"incident","body":{"event_type":"Battles","date":"2025-10-15","date_precision":"month","place":{"name":"Kurram","precision":"near-ish"},"actors":["a"],"description":"d"}}`+"\n")
	other := filepath.Join(t.TempDir(), "other")
	truce(t, "", "demo", "--data", other, "--scenario", bad, "--addr", "127.0.0.1:0").must(t, 1, "bad.jsonl:2: body.place.precision")
	if _, err := os.Stat(other); err == nil {
		t.Error("a refused scenario left a data directory behind")
	}
}
