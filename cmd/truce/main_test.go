package main_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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
	for _, c := range []string{"demo", "init", "serve", "keygen", "submit", "verify"} {
		truce(t, "", c, "--help").must(t, 0, "usage: truce "+c)
		truce(t, "", c, "--no-such-flag").must(t, 2, "no-such-flag")
	}
	truce(t, "", "init").must(t, 2, "--data DIR and --name ORIGIN are required")
	truce(t, "", "submit", "--server", "http://127.0.0.1:1").must(t, 2, "give one RECORD.json")
	truce(t, "", "verify", "--server", "http://127.0.0.1:1").must(t, 2, "--log-key VKEY is required")
	truce(t, "", "verify", "--server", "http://127.0.0.1:1", "--log-key", "x", "--index", "one").must(t, 2, `--index "one"`)
	truce(t, "", "serve", "--data", "x", "--db", "mysql://nope").must(t, 2, "--db")
}

const claim = `{"type":"claim","created":"2025-11-10T03:23:00+05:00","body":{"speaker":"Foreign Office spokesperson","text":"Pakistan has shown utmost restraint and patience during this period.","quoted":true,"language":"en"}}`

func TestInitServeSubmitVerify(t *testing.T) {
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
		Duplicate      bool
		InclusionProof []string `json:"inclusion_proof"`
		Checkpoint     string
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("--json output %q: %v", r.stdout, err)
	}
	if out.Index != 1 || !out.Duplicate || !strings.HasPrefix(out.Checkpoint, "example.org/talks\n") {
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
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	truce(t, "", "init", "--data", data, "--name", "example.org/talks").must(t, 0)
	rec := writeFile(t, filepath.Join(tmp, "claim.json"), claim)
	admin := filepath.Join(data, "keys", "admin.key")
	truce(t, "", "submit", "--data", data, "--key", admin, rec).must(t, 0, "index 1\n", "signature verified")
	truce(t, "", "submit", "--data", data, "--key", admin, rec).must(t, 0, "index 1\n", "duplicate")
	truce(t, "", "submit", "--data", filepath.Join(tmp, "nowhere"), "--key", admin, rec).must(t, 1, "not a mechanism's data directory")
}

func TestDemo(t *testing.T) {
	data := filepath.Join(t.TempDir(), "demo")
	url := startServer(t, "demo", "--data", data, "--addr", "127.0.0.1:0")
	cp := get(t, url+"/checkpoint")
	if !strings.HasPrefix(string(cp), "truce.demo/") {
		t.Errorf("checkpoint %q", cp)
	}
	truce(t, "", "verify", "--server", url, "--log-key", filepath.Join(data, "keys", "log.vkey"), "--index", "0").must(t, 0, "OK")
}
