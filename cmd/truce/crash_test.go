package main_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	trucerec "github.com/truce-dev/truce"
)

// TestNothingAcknowledgedIsLost runs concurrent submitters against a real
// truce serve process and kills it with SIGKILL several times mid-stream.
// Submitters resubmit whatever was not acknowledged. Afterwards every
// acknowledged record is at the index it was given, with its own bytes, no
// envelope is at two indices, and the log verifies.
func TestNothingAcknowledgedIsLost(t *testing.T) {
	tmp := t.TempDir()
	data := filepath.Join(tmp, "mech")
	truce(t, "", "init", "--data", data, "--name", "example.org/crash").must(t, 0)
	adminRaw := must(os.ReadFile(filepath.Join(data, "keys", "admin.key")))
	admin, err := trucerec.ParseSigner(string(adminRaw))
	if err != nil {
		t.Fatal(err)
	}
	const total, submitters, kills = 600, 16, 3
	queue := make(chan []byte, total)
	for i := range total {
		rec, _ := json.Marshal(map[string]any{"type": "claim", "v": 1, "mechanism": "example.org/crash",
			"created": time.Now().UTC().Format(time.RFC3339), "visibility": "public",
			"body": map[string]any{"speaker": "ISPR", "text": fmt.Sprintf("claim %d", i), "quoted": false, "language": "en"}})
		env, err := trucerec.SignRecord(rec, admin)
		if err != nil {
			t.Fatal(err)
		}
		queue <- env.Canonical()
	}

	var url atomic.Value
	cmd, u := launch(t, "serve", "--data", data, "--addr", "127.0.0.1:0")
	url.Store(u)
	var mu sync.Mutex
	acked := map[[32]byte][]uint64{} // envelope hash to every index it was acknowledged at
	envs := map[[32]byte][]byte{}
	var nacked, interrupted atomic.Int64
	remaining := atomic.Int64{}
	remaining.Store(total)
	client := &http.Client{Timeout: 10 * time.Second}

	var wg sync.WaitGroup
	for range submitters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for remaining.Load() > 0 {
				var env []byte
				select {
				case env = <-queue:
				case <-time.After(50 * time.Millisecond):
					continue
				}
				resp, err := client.Post(url.Load().(string)+"/api/v1/records", "application/json", bytes.NewReader(env))
				if err != nil {
					interrupted.Add(1)
					queue <- env // not acknowledged: the server died; try again
					time.Sleep(20 * time.Millisecond)
					continue
				}
				var out struct{ Index uint64 }
				err = json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
				if resp.StatusCode >= 400 && resp.StatusCode < 500 {
					t.Errorf("refused: HTTP %d", resp.StatusCode)
					remaining.Store(0)
					return
				}
				if err != nil || (resp.StatusCode != 201 && resp.StatusCode != 200) {
					queue <- env
					continue
				}
				h := sha256.Sum256(env)
				mu.Lock()
				acked[h] = append(acked[h], out.Index)
				envs[h] = env
				mu.Unlock()
				nacked.Add(1)
				remaining.Add(-1)
			}
		}()
	}
	for k := range kills {
		for nacked.Load() < int64((k+1)*total/(kills+1)) {
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Kill() // SIGKILL: no shutdown, no flush
		cmd.Wait()
		// Resubmit some acknowledged envelopes too, across the restart.
		mu.Lock()
		for h := range acked {
			if len(queue) < total/2 {
				queue <- envs[h]
				remaining.Add(1)
			}
			break
		}
		mu.Unlock()
		cmd, u = launch(t, "serve", "--data", data, "--addr", "127.0.0.1:0")
		url.Store(u)
	}
	wg.Wait()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	if len(acked) != total {
		t.Fatalf("%d distinct envelopes acknowledged, want %d", len(acked), total)
	}
	if interrupted.Load() == 0 {
		t.Error("no submission was interrupted by a kill: the kills were not mid-stream")
	}
	resubmitted := 0
	for h, idx := range acked {
		if len(idx) > 1 {
			resubmitted++
		}
		for _, i := range idx[1:] {
			if i != idx[0] {
				t.Errorf("envelope %x acknowledged at indices %v", h[:4], idx)
			}
		}
		var rec struct{ Envelope json.RawMessage }
		if err := json.Unmarshal(get(t, fmt.Sprintf("%s/api/v1/records/%d", u, idx[0])), &rec); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(rec.Envelope, envs[h]) {
			t.Errorf("index %d holds %s, acknowledged for %s", idx[0], rec.Envelope, envs[h])
		}
	}
	if resubmitted == 0 {
		t.Error("no acknowledged envelope was resubmitted after a restart")
	}
	t.Logf("%d submissions interrupted by %d kills, %d acknowledged envelopes resubmitted", interrupted.Load(), kills, resubmitted)
	// The log holds each envelope once: total claims plus the admin's record.
	seen := map[[32]byte]int{}
	var size uint64
	for i := uint64(0); ; i++ {
		resp, err := http.Get(fmt.Sprintf("%s/api/v1/records/%d", u, i))
		if err != nil {
			t.Fatal(err)
		}
		var rec struct{ Envelope json.RawMessage }
		json.NewDecoder(resp.Body).Decode(&rec)
		resp.Body.Close()
		if resp.StatusCode == 404 {
			size = i
			break
		}
		seen[sha256.Sum256(rec.Envelope)]++
	}
	if size != total+1 {
		t.Errorf("log has %d entries, want %d", size, total+1)
	}
	for h, n := range seen {
		if n > 1 {
			t.Errorf("envelope %x is in the log %d times", h[:4], n)
		}
	}
	waitForCheckpoint(t, u, size)
	truce(t, "", "verify", "--server", u, "--log-key", filepath.Join(data, "keys", "log.vkey"), "--all").must(t, 0, fmt.Sprintf("all %d entries", size))
}

func waitForCheckpoint(t *testing.T, url string, size uint64) {
	t.Helper()
	want := fmt.Sprintf("\n%d\n", size)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if bytes.Contains(get(t, url+"/checkpoint"), []byte(want)) {
			return
		}
	}
	t.Fatalf("no checkpoint of size %d", size)
}
