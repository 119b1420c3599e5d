package files_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/truce-dev/truce/files"
)

// TestNonceLog: nonces added are kept across a reopen until they expire;
// the expired ones and a line cut short by a crash are dropped.
func TestNonceLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nonces.log")
	now := time.Unix(1_800_000_000, 0)
	l, seen, err := files.OpenNonceLog(path, now)
	if err != nil || len(seen) != 0 {
		t.Fatalf("new log: %v %v", seen, err)
	}
	for _, n := range []struct {
		nonce string
		until time.Time
	}{{"aa", now.Add(time.Minute)}, {"bb", now.Add(-time.Minute)}, {"cc", now.Add(2 * time.Minute)}} {
		if err := l.Add(n.nonce, n.until); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString("18000")
	f.Close()
	l, seen, err = files.OpenNonceLog(path, now)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if len(seen) != 2 || seen["aa"].IsZero() || seen["cc"].IsZero() {
		t.Errorf("after a reopen: %v", seen)
	}
	raw, _ := os.ReadFile(path)
	if want := "1800000061 aa\n1800000121 cc\n"; string(raw) != want {
		t.Errorf("compacted file %q, want %q", raw, want)
	}
}
