package truce

import (
	"context"
	"crypto/sha256"
	"fmt"
	"time"
)

// Store is the projection of the log that answers queries. Everything it
// holds is a pure function of the entries it was fed, in index order,
// each exactly once: it can be dropped and rebuilt from the log at any
// time and must come out the same.
type Store interface {
	// Size is the number of log entries applied.
	Size(ctx context.Context) (uint64, error)
	// Apply applies entries, which start at Size() and are contiguous,
	// atomically with the new size.
	Apply(ctx context.Context, entries []Entry) error
	// List answers a list query.
	List(ctx context.Context, q Query) (*Page, error)
	// Lookup returns the indices of entries whose envelope hash, or whose
	// body's content hash (a source's or evidence's sha256), is hash (hex).
	Lookup(ctx context.Context, hash string) ([]uint64, error)
	// Dump writes every row the store holds in a canonical text form, so
	// that two stores fed the same entries dump the same bytes.
	Dump(ctx context.Context, w func(line string) error) error
	Close() error
}

// Entry is a log entry as the projection receives it.
type Entry struct {
	Index    uint64
	Envelope *Envelope
	Record   *Record
}

// Lists a Store answers, as GET /api/v1/{list}.
var Lists = []string{"rounds", "commitments", "incidents", "claims", "sources", "requests", "findings"}

// Query selects and pages a list.
type Query struct {
	List string // one of Lists
	// Filters; empty means any.
	Party  string    // a party id the item concerns
	Status string    // computed status
	Type   string    // event_type, category or kind
	From   string    // date range on the item's date, inclusive (YYYY-MM-DD)
	To     string    //
	Place  string    // place name, case-insensitive substring
	Text   string    // full-text search
	After  uint64    // cursor: only items with a larger index
	Limit  int       // clamped to [1, MaxLimit]; 0 means DefaultLimit
	Now    time.Time // for statuses that depend on the time (lapsed, overdue)
}

// List limits.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Page is one page of a list. Items are JSON objects carrying index, type,
// status where one applies, and the body's fields.
type Page struct {
	Items []map[string]any
	// Next is the cursor for the next page, or 0 when there is none.
	Next uint64
}

// CatchUp applies to store every entry of log it has not applied yet.
func CatchUp(ctx context.Context, log Log, store Store) error {
	const batch = 4096
	for {
		from, err := store.Size(ctx)
		if err != nil {
			return err
		}
		size, err := log.Size(ctx)
		if err != nil {
			return err
		}
		if from >= size {
			return nil
		}
		to := min(size, from+batch)
		entries := make([]Entry, 0, to-from)
		err = log.ReadLeaves(ctx, from, to, func(i uint64, data []byte) error {
			leaf, err := ParseLeaf(data)
			if err != nil {
				return fmt.Errorf("log entry %d: %v", i, err)
			}
			if leaf.Envelope == nil {
				return fmt.Errorf("log entry %d: restricted records need a body store, which this server does not have", i)
			}
			r, err := parseCanonicalRecord(leaf.Envelope.Payload())
			if err != nil {
				return fmt.Errorf("log entry %d: %v", i, err)
			}
			entries = append(entries, Entry{Index: i, Envelope: leaf.Envelope, Record: r})
			return nil
		})
		if err != nil {
			return err
		}
		if err := store.Apply(ctx, entries); err != nil {
			return fmt.Errorf("projecting entries %d to %d: %w", from, to-1, err)
		}
	}
}

// Follow keeps store caught up with log until ctx ends, waking when wake
// is signalled and at least every interval.
func Follow(ctx context.Context, log Log, store Store, wake <-chan struct{}, interval time.Duration) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := CatchUp(ctx, log, store); err != nil && ctx.Err() == nil {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-wake:
		case <-t.C:
		}
	}
}

// Digest is the SHA-256 of a store's dump: equal for stores fed the same
// entries.
func Digest(ctx context.Context, s Store) ([32]byte, error) {
	h := sha256.New()
	err := s.Dump(ctx, func(line string) error {
		h.Write([]byte(line))
		h.Write([]byte{'\n'})
		return nil
	})
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out, err
}
