package truce

import (
	"context"
	"crypto/sha256"
	"fmt"
	"runtime"
	"time"
)

// Store is the projection of the log that answers queries. Everything it
// holds is a pure function of the entries folded into it, in index order,
// each exactly once: it can be dropped and rebuilt from the log at any
// time and must come out the same. The rules are the fold's (fold.go): a
// store writes the changes it is given and reads them back.
type Store interface {
	Facts
	// Size is the number of log entries applied.
	Size(ctx context.Context) (uint64, error)
	// Apply writes changes, which start at Size() and are contiguous,
	// atomically with the new size.
	Apply(ctx context.Context, changes []Change) error
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

// Entry is a log entry as the fold receives it: a public record, decoded
// once, or a restricted record's routing metadata alone (the projection
// is public: docs/RULES.md §3).
type Entry struct {
	Index      uint64
	Envelope   *Envelope
	Record     *Record
	Fields     *Fields
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

// CatchUp applies to store every entry of log it has not applied yet.
func CatchUp(ctx context.Context, log Log, store Store) error {
	return (&follower{log: log, store: store}).catchUp(ctx)
}

// Changes returns the changes the log's entries make, folded from index 0:
// what a store fed from the start is given.
func Changes(ctx context.Context, log Log) ([]Change, error) {
	size, err := log.Size(ctx)
	if err != nil {
		return nil, err
	}
	entries, err := decodeEntries(ctx, log, 0, size)
	if err != nil {
		return nil, err
	}
	p, _ := newProjector(ctx, nil, 0)
	out := make([]Change, len(entries))
	for i := range entries {
		c, err := p.fold(ctx, &entries[i])
		if err != nil {
			return nil, fmt.Errorf("log entry %d: %w", i, err)
		}
		p.absorb(c)
		out[i] = *c
	}
	return out, nil
}

// follower keeps one store caught up with a log. Its projector carries
// what the fold needs from one catch-up to the next; a failed apply drops
// it, to be read back from the store.
type follower struct {
	log   Log
	store Store
	p     *projector
	// recent, when set, hands over entries admitted in memory: the log's
	// leaves are read and decoded only for the others.
	recent func(from, to uint64) []Entry
}

// bulkLoader is a Store that loads a long catch-up into an empty
// projection faster when told where it begins and ends: SQLite builds its
// secondary indices once, from sorted rows, instead of row by row. The
// catch-up's time includes EndBulk.
type bulkLoader interface {
	BeginBulk(ctx context.Context) error
	EndBulk(ctx context.Context) error
}

// bulkCatchUp is how many entries a catch-up into an empty store must
// span to be loaded in bulk: below it, building the indices at the end
// gains nothing measurable.
var bulkCatchUp uint64 = 50_000

// catchUp applies the entries from the store's size to the log's. Three
// stages overlap: the next batch is read and decoded on the other cores
// while one is folded, in order, and the one before is written.
func (f *follower) catchUp(ctx context.Context) (err error) {
	const batch = 4096
	from, err := f.store.Size(ctx)
	if err != nil {
		return err
	}
	if f.p == nil || f.p.size != from {
		if f.p, err = newProjector(ctx, f.store, from); err != nil {
			return err
		}
	}
	size, err := f.log.Size(ctx)
	if err != nil {
		return err
	}
	if b, ok := f.store.(bulkLoader); ok && from == 0 && size >= bulkCatchUp {
		if err := b.BeginBulk(ctx); err != nil {
			b.EndBulk(context.WithoutCancel(ctx)) // what was dropped is built again
			return err
		}
		defer func() {
			// The store is usable again even when the catch-up failed.
			if eerr := b.EndBulk(context.WithoutCancel(ctx)); err == nil {
				err = eerr
			}
		}()
	}
	type stage struct {
		entries []Entry
		changes []Change
		err     error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	decoded, folded := make(chan stage, 1), make(chan stage, 1)
	go func() {
		defer close(decoded)
		for at := from; at < size; {
			to := min(size, at+batch)
			var s stage
			if f.recent != nil {
				s.entries = f.recent(at, to)
			}
			if len(s.entries) == 0 {
				s.entries, s.err = decodeEntries(ctx, f.log, at, to)
			}
			select {
			case decoded <- s:
			case <-ctx.Done():
				return
			}
			if s.err != nil {
				return
			}
			at += uint64(len(s.entries))
		}
	}()
	go func() {
		defer close(folded)
		for s := range decoded {
			if s.err == nil {
				s.changes = make([]Change, len(s.entries))
				for i := range s.entries {
					c, err := f.p.fold(ctx, &s.entries[i])
					if err != nil {
						s.err = fmt.Errorf("log entry %d: %w", s.entries[i].Index, err)
						break
					}
					f.p.absorb(c)
					s.changes[i] = *c
				}
			}
			select {
			case folded <- s:
			case <-ctx.Done():
				return
			}
			if s.err != nil {
				return
			}
		}
	}()
	for s := range folded {
		if s.err == nil {
			if err := f.store.Apply(ctx, s.changes); err != nil {
				s.err = fmt.Errorf("projecting entries %d to %d: %w", s.entries[0].Index, s.entries[len(s.entries)-1].Index, err)
			}
		}
		if s.err != nil {
			cancel()
			for range folded {
			}
			f.p = nil // it may hold what the store never wrote
			return s.err
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
		leaf, err := readLeaf(leaves[j])
		if err != nil {
			errs[j] = fmt.Errorf("log entry %d: %v", i, err)
			return
		}
		if leaf.Restricted != nil {
			entries[j] = Entry{Index: i, Restricted: leaf.Restricted}
			return
		}
		r, err := parseCanonicalRecord(leaf.Envelope.Payload())
		var b *Fields
		if err == nil {
			b, err = DecodeFields(r.Body)
		}
		if err != nil {
			errs[j] = fmt.Errorf("log entry %d: %v", i, err)
			return
		}
		entries[j] = Entry{Index: i, Envelope: leaf.Envelope, Record: r, Fields: b}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return entries, nil
}

// Follow keeps store caught up with the mechanism's log until ctx ends,
// waking when records are appended and at least every interval. Records
// the mechanism admitted meanwhile are handed over in memory.
func (m *Mechanism) Follow(ctx context.Context, store Store, interval time.Duration) error {
	m.mu.Lock()
	m.recent = map[uint64]Entry{}
	m.mu.Unlock()
	f := &follower{log: m.log, store: store, recent: m.takeRecent}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := f.catchUp(ctx); err != nil && ctx.Err() == nil {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-m.appended:
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
