package files

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// NonceLog keeps the nonces of signed requests on disk until they expire,
// so that a request used once is refused after a restart too: one line
// "UNIX-SECONDS NONCE" per nonce, appended and synced before the request
// is served. Written by hand: it is a few lines of append-only text, and
// no library of the field keeps nonces for a signed-request scheme of our
// own (docs/FORMAT.md §8).
type NonceLog struct {
	mu sync.Mutex
	f  *os.File
}

// OpenNonceLog opens the log at path, creating it if needed, and returns
// the nonces not expired at now with their expiry. It rewrites the file
// without the expired ones first, so the file stays as small as the
// nonces still good.
func OpenNonceLog(path string, now time.Time) (*NonceLog, map[string]time.Time, error) {
	live := map[string]time.Time{}
	var kept strings.Builder
	f, err := os.Open(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	}
	if f != nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			secs, nonce, ok := strings.Cut(sc.Text(), " ")
			n, err := strconv.ParseInt(secs, 10, 64)
			if !ok || err != nil || nonce == "" {
				continue // a line cut short by a crash: its request was never served
			}
			if until := time.Unix(n, 0); until.After(now) {
				live[nonce] = until
				fmt.Fprintf(&kept, "%d %s\n", n, nonce)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", path, err)
		}
	}
	if err := WriteAtomic(path, []byte(kept.String()), 0o600); err != nil {
		return nil, nil, err
	}
	af, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, err
	}
	return &NonceLog{f: af}, live, nil
}

// Add notes nonce, good until until, durably.
func (l *NonceLog) Add(nonce string, until time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := fmt.Fprintf(l.f, "%d %s\n", until.Unix()+1, nonce); err != nil {
		return err
	}
	return l.f.Sync()
}

// Close closes the file.
func (l *NonceLog) Close() error { return l.f.Close() }
