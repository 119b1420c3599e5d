package truce

import (
	"context"
	"crypto/sha256"
	"fmt"
	"runtime"
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
	// Reset empties the store, to be fed again from index 0 (truce
	// reindex): the store's driver, not its caller, knows what it keeps.
	Reset(ctx context.Context) error
	Close() error
}

// Entry is a log entry as the projection receives it: a public record, or
// a restricted record's routing metadata alone (the projection is public:
// docs/RULES.md §3).
type Entry struct {
	Index      uint64
	Envelope   *Envelope
	Record     *Record
	Restricted *RestrictedLeaf
}

// Lists a Store answers, as GET /api/v1/{list}: the registry's lists.
var Lists = func() []string {
	var lists []string
	for _, t := range registry {
		if t.List != "" {
			lists = append(lists, t.List)
		}
	}
	return lists
}()

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

// CatchUp applies to store every entry of log it has not applied yet. The
// next batch is read and decoded on the other cores while one is applied.
func CatchUp(ctx context.Context, log Log, store Store) error {
	const batch = 4096
	from, err := store.Size(ctx)
	if err != nil {
		return err
	}
	size, err := log.Size(ctx)
	if err != nil {
		return err
	}
	type decoded struct {
		entries []Entry
		err     error
	}
	batches := make(chan decoded, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(batches)
		for at := from; at < size; at += batch {
			entries, err := decodeEntries(ctx, log, at, min(size, at+batch))
			select {
			case batches <- decoded{entries, err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	for b := range batches {
		if b.err != nil {
			return b.err
		}
		if err := store.Apply(ctx, b.entries); err != nil {
			return fmt.Errorf("projecting entries %d to %d: %w", b.entries[0].Index, b.entries[len(b.entries)-1].Index, err)
		}
	}
	return nil
}

// decodeEntries reads and decodes the entries in [from, to) on every core.
func decodeEntries(ctx context.Context, log Log, from, to uint64) ([]Entry, error) {
	var leaves [][]byte
	if err := log.ReadLeaves(ctx, from, to, func(_ uint64, data []byte) error {
		leaves = append(leaves, data)
		return nil
	}); err != nil {
		return nil, err
	}
	entries := make([]Entry, len(leaves))
	errs := make([]error, len(leaves))
	parallel(len(leaves), runtime.GOMAXPROCS(0), func(j int) {
		i := from + uint64(j)
		leaf, err := ParseLeaf(leaves[j])
		if err != nil {
			errs[j] = fmt.Errorf("log entry %d: %v", i, err)
			return
		}
		if leaf.Restricted != nil {
			entries[j] = Entry{Index: i, Restricted: leaf.Restricted}
			return
		}
		r, err := parseCanonicalRecord(leaf.Envelope.Payload())
		if err != nil {
			errs[j] = fmt.Errorf("log entry %d: %v", i, err)
			return
		}
		entries[j] = Entry{Index: i, Envelope: leaf.Envelope, Record: r}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return entries, nil
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
