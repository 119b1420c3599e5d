package main_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/witness"
)

// omniwitnessBin is where scripts/ci-setup.sh builds transparency-dev's
// omniwitness (a witness that is not our code).
func omniwitnessBin(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	bin := filepath.Join(filepath.Dir(file), "..", "..", ".tools", "bin", "omniwitness")
	if _, err := os.Stat(bin); err != nil {
		trucetest.Skip(t, "omniwitness is not built: run scripts/ci-setup.sh")
	}
	return bin
}

func freePort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestOmniwitnessInterop has transparency-dev's omniwitness cosign a truce
// log's checkpoints, pushed by truce serve per C2SP tlog-witness, and truce
// verify accept its cosignature, beside a truce witness.
func TestOmniwitnessInterop(t *testing.T) {
	claim := newClaim()
	bin := omniwitnessBin(t)
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	truce(t, "", "init", "--data", data, "--name", "example.org/talks").must(t, 0)
	logKey := filepath.Join(data, "keys", "log.vkey")
	logVKey := strings.TrimSpace(string(must(os.ReadFile(logKey))))

	skey, vkey, err := witness.GenerateKey("omniwitness-test")
	if err != nil {
		t.Fatal(err)
	}
	omniKey := writeFile(t, filepath.Join(tmp, "omni.key"), skey+"\n")
	omniVKey := writeFile(t, filepath.Join(tmp, "omni.vkey"), vkey+"\n")
	logs := writeFile(t, filepath.Join(tmp, "logs.yaml"), fmt.Sprintf("Logs:\n  - Origin: example.org/talks\n    PublicKey: %s\n    URL: http://127.0.0.1:1/\n", logVKey))
	addr := freePort(t)
	cmd := exec.Command(bin, "--listen", addr, "--metrics_listen", "", "--db_file", filepath.Join(tmp, "omni.db"),
		"--private_key_path", omniKey, "--additional_logs", logs, "--logtostderr")
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("omniwitness did not start: %s", out.String())
		}
	}

	ours := filepath.Join(tmp, "ours")
	oursURL := startServer(t, "witness", "--data", ours, "--log-key", logKey, "--addr", "127.0.0.1:0")
	oursVKey := filepath.Join(ours, "keys", "witness.vkey")
	url := startServer(t, "serve", "--data", data, "--addr", "127.0.0.1:0", "--checkpoint-interval", "200ms",
		"--witness", omniVKey+"@http://"+addr, "--witness", oursVKey+"@"+oursURL)
	rec := writeFile(t, filepath.Join(tmp, "claim.json"), claim)
	admin := filepath.Join(data, "keys", "admin.key")
	truce(t, "", "submit", "--server", url, "--key", admin, rec).must(t, 0, "index 1")
	second := writeFile(t, filepath.Join(tmp, "claim2.json"), strings.Replace(claim, "restraint", "patience", 1))
	truce(t, "", "submit", "--server", url, "--key", admin, second).must(t, 0, "index 2")
	waitForCheckpoint(t, url, 3)
	truce(t, "", "verify", "--server", url, "--log-key", logKey, "--witness", omniVKey, "--witness", oursVKey, "--index", "2").
		must(t, 0, "cosigned by 2 of 2 witnesses", "OK")
}
