package main_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWitnessedLog runs two truce witnesses and a server that needs both
// to cosign each checkpoint; truce verify requires their cosignatures.
func TestWitnessedLog(t *testing.T) {
	claim := newClaim()
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	truce(t, "", "init", "--data", data, "--name", "example.org/talks").must(t, 0)
	logKey := filepath.Join(data, "keys", "log.vkey")
	var flags, keys []string
	for _, name := range []string{"qatar", "turkiye"} {
		dir := filepath.Join(tmp, name)
		url := startServer(t, "witness", "--data", dir, "--log-key", logKey, "--addr", "127.0.0.1:0")
		key := filepath.Join(dir, "keys", "witness.vkey")
		flags = append(flags, "--witness", key+"@"+url)
		keys = append(keys, "--witness", key)
	}
	url := startServer(t, append([]string{"serve", "--data", data, "--addr", "127.0.0.1:0", "--checkpoint-interval", "200ms"}, flags...)...)
	rec := writeFile(t, filepath.Join(tmp, "claim.json"), claim)
	truce(t, "", "submit", "--server", url, "--key", filepath.Join(data, "keys", "admin.key"), rec).must(t, 0, "index 1")
	waitForCheckpoint(t, url, 2)
	state := filepath.Join(tmp, "state")
	truce(t, "", append([]string{"verify", "--server", url, "--log-key", logKey, "--state", state, "--index", "1"}, keys...)...).
		must(t, 0, "cosigned by 2 of 2 witnesses", "OK")
	// A witness key that never cosigned does not count.
	stray := filepath.Join(tmp, "stray")
	startServer(t, "witness", "--data", stray, "--log-key", logKey, "--addr", "127.0.0.1:0")
	truce(t, "", append(append([]string{"verify", "--server", url, "--log-key", logKey}, keys...), "--witness", filepath.Join(stray, "keys", "witness.vkey"))...).
		must(t, 1, "cosigned by 2 of the 3 witnesses given; 3 required")
	truce(t, "", append(append([]string{"verify", "--server", url, "--log-key", logKey, "--min-witnesses", "2"}, keys...), "--witness", filepath.Join(stray, "keys", "witness.vkey"))...).
		must(t, 0, "cosigned by 2 of 3 witnesses (2 required)")
	cp := string(get(t, url+"/checkpoint"))
	if strings.Count(cp, "\n— ") != 3 {
		t.Errorf("published checkpoint has %d signatures, want the log's and two witnesses': %s", strings.Count(cp, "\n— "), cp)
	}
}

// TestWitnessPolicyInConfig: the mechanism's configuration names its
// witnesses, and serve uses them without flags.
func TestWitnessPolicyInConfig(t *testing.T) {
	claim := newClaim()
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	truce(t, "", "init", "--data", data, "--name", "example.org/talks").must(t, 0)
	logKey := filepath.Join(data, "keys", "log.vkey")
	dir := filepath.Join(tmp, "qatar")
	wurl := startServer(t, "witness", "--data", dir, "--log-key", logKey, "--addr", "127.0.0.1:0")
	wkey := strings.TrimSpace(string(must(os.ReadFile(filepath.Join(dir, "keys", "witness.vkey")))))
	var cfg map[string]any
	json.Unmarshal(must(os.ReadFile(filepath.Join(data, "config.json"))), &cfg)
	cfg["witnesses"] = []map[string]string{{"vkey": wkey, "url": wurl}}
	os.WriteFile(filepath.Join(data, "config.json"), must(json.Marshal(cfg)), 0o644)
	url := startServer(t, "serve", "--data", data, "--addr", "127.0.0.1:0", "--checkpoint-interval", "200ms")
	truce(t, "", "submit", "--server", url, "--key", filepath.Join(data, "keys", "admin.key"), writeFile(t, filepath.Join(tmp, "c.json"), claim)).must(t, 0, "index 1")
	waitForCheckpoint(t, url, 2)
	truce(t, "", "verify", "--server", url, "--log-key", logKey, "--witness", filepath.Join(dir, "keys", "witness.vkey")).must(t, 0, "cosigned by 1 of 1")
}

// TestWitnessPolicyRecorded: once the log records a witness policy (signed
// by the admin and k mediators), truce serve runs with those witnesses
// only.
func TestWitnessPolicyRecorded(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	origin := "example.org/talks"
	truce(t, "", "init", "--data", data, "--name", origin).must(t, 0)
	logKey := filepath.Join(data, "keys", "log.vkey")
	admin := filepath.Join(data, "keys", "admin.key")
	cmd, url := launch(t, "serve", "--data", data, "--addr", "127.0.0.1:0", "--checkpoint-interval", "100ms")
	for _, m := range []string{"qatar", "turkiye"} {
		truce(t, "", "keygen", "--out", filepath.Join(tmp, m)).must(t, 0)
		vk := strings.TrimSpace(string(must(os.ReadFile(filepath.Join(tmp, m+".vkey")))))
		truce(t, "", "submit", "--server", url, "--key", admin, writeFile(t, filepath.Join(tmp, m+".json"),
			fmt.Sprintf(`{"type":"member","body":{"id":%q,"role":"mediator","name":%q,"key":%q}}`, m, m, vk))).must(t, 0)
	}
	wdir := filepath.Join(tmp, "w")
	wurl := startServer(t, "witness", "--data", wdir, "--log-key", logKey, "--addr", "127.0.0.1:0")
	wkeyFile := filepath.Join(wdir, "keys", "witness.vkey")
	wkey := strings.TrimSpace(string(must(os.ReadFile(wkeyFile))))
	policy := writeFile(t, filepath.Join(tmp, "policy.json"), fmt.Sprintf(`{"type":"policy","body":{"witnesses":[{"name":"w","key":%q}],"quorum":1}}`, wkey))
	env := filepath.Join(tmp, "policy.env")
	truce(t, "", "sign", "--key", admin, "--mechanism", origin, "--out", env, policy).must(t, 0)
	truce(t, "", "submit", "--server", url, env).must(t, 1, "a policy needs the signatures of the admin and 2 mediators; it has 0 mediators")
	truce(t, "", "sign", "--key", filepath.Join(tmp, "qatar.key"), "--out", env, env).must(t, 0)
	truce(t, "", "sign", "--key", filepath.Join(tmp, "turkiye.key"), "--out", env, env).must(t, 0)
	truce(t, "", "submit", "--server", url, env).must(t, 0, "index 3")
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()

	truce(t, "", "serve", "--data", data, "--addr", "127.0.0.1:0").must(t, 1, "are not the policy recorded at log index 3")
	truce(t, "", "serve", "--data", data, "--addr", "127.0.0.1:0", "--witness", filepath.Join(tmp, "qatar.vkey")+"@"+wurl).must(t, 1, "are not the policy recorded")
	startServer(t, "serve", "--data", data, "--addr", "127.0.0.1:0", "--witness", wkeyFile+"@"+wurl)
}

// TestWitnessDown runs a 2-of-3 policy with one witness down: appends are
// acknowledged and checkpoints published, cosigned by the two that are up;
// a verifier requiring all three waits; when the third comes back, its
// cosignature is added.
func TestWitnessDown(t *testing.T) {
	claim := newClaim()
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	truce(t, "", "init", "--data", data, "--name", "example.org/talks").must(t, 0)
	logKey := filepath.Join(data, "keys", "log.vkey")
	var flags, keys []string
	var downAddr, downDir string
	for i, name := range []string{"qatar", "turkiye", "un"} {
		dir := filepath.Join(tmp, name)
		if i == 2 {
			// Its key exists, its server does not yet.
			downDir, downAddr = dir, freePort(t)
			cmd, _ := launch(t, "witness", "--data", dir, "--log-key", logKey, "--addr", "127.0.0.1:0")
			cmd.Process.Signal(os.Interrupt)
			cmd.Wait()
			flags = append(flags, "--witness", filepath.Join(dir, "keys", "witness.vkey")+"@http://"+downAddr)
		} else {
			url := startServer(t, "witness", "--data", dir, "--log-key", logKey, "--addr", "127.0.0.1:0")
			flags = append(flags, "--witness", filepath.Join(dir, "keys", "witness.vkey")+"@"+url)
		}
		keys = append(keys, "--witness", filepath.Join(dir, "keys", "witness.vkey"))
	}
	url := startServer(t, append([]string{"serve", "--data", data, "--addr", "127.0.0.1:0", "--checkpoint-interval", "200ms", "--min-witnesses", "2"}, flags...)...)
	truce(t, "", "submit", "--server", url, "--key", filepath.Join(data, "keys", "admin.key"), writeFile(t, filepath.Join(tmp, "c.json"), claim)).must(t, 0, "index 1")
	waitForCheckpoint(t, url, 2)
	verify := append([]string{"verify", "--server", url, "--log-key", logKey}, keys...)
	truce(t, "", append(verify, "--min-witnesses", "2")...).must(t, 0, "cosigned by 2 of 3 witnesses")
	truce(t, "", verify...).must(t, 1, "cosigned by 2 of the 3 witnesses given; 3 required")

	startServer(t, "witness", "--data", downDir, "--log-key", logKey, "--addr", downAddr)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		if truce(t, "", verify...).code == 0 {
			break
		}
		if time.Now().After(deadline) {
			truce(t, "", verify...).must(t, 0, "cosigned by 3 of 3")
		}
	}
}

// TestMirror keeps a verified copy of a mechanism's log and serves it:
// verifiers can use the mirror and compare it with the origin.
func TestMirror(t *testing.T) {
	claim := newClaim()
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	truce(t, "", "init", "--data", data, "--name", "example.org/talks").must(t, 0)
	logKey := filepath.Join(data, "keys", "log.vkey")
	admin := filepath.Join(data, "keys", "admin.key")
	url := startServer(t, "serve", "--data", data, "--addr", "127.0.0.1:0", "--checkpoint-interval", "100ms")
	truce(t, "", "submit", "--server", url, "--key", admin, writeFile(t, filepath.Join(tmp, "a.json"), claim)).must(t, 0, "index 1")
	mirror := startServer(t, "serve", "--data", filepath.Join(tmp, "mirror"), "--mirror", url, "--log-key", logKey, "--addr", "127.0.0.1:0", "--checkpoint-interval", "100ms")
	truce(t, "", "verify", "--server", mirror, "--log-key", logKey, "--all", "--index", "1").must(t, 0, "all 2 entries")
	for i := range 11 {
		truce(t, "", "submit", "--server", url, "--key", admin, "--json", writeFile(t, filepath.Join(tmp, fmt.Sprintf("c%d.json", i)),
			strings.Replace(claim, "restraint", fmt.Sprintf("restraint %d", i), 1))).must(t, 0)
	}
	waitForCheckpoint(t, url, 13)
	waitForCheckpoint(t, mirror, 13)
	truce(t, "", "verify", "--server", mirror, "--log-key", logKey, "--all", "--compare", url).must(t, 0, "all 13 entries", "consistent")
}
