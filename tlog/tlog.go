// Package tlog is truce's transparency log: Tessera's POSIX driver under a
// data directory, its checkpoints, proofs built from its tiles, and the
// C2SP tlog-tiles resources served exactly as stored.
package tlog

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/tessera"
	"github.com/transparency-dev/tessera/api"
	"github.com/transparency-dev/tessera/api/layout"
	"github.com/transparency-dev/tessera/client"
	"github.com/transparency-dev/tessera/storage/posix"
	"golang.org/x/mod/sumdb/note"
)

// Options tune the log. The zero value of each field takes its default.
type Options struct {
	// CheckpointInterval is how often a new checkpoint is published while
	// the log grows. Default 1s (Tessera's own default is 10s, which makes
	// writers wait too long for their inclusion proofs).
	CheckpointInterval time.Duration
	// BatchMaxSize and BatchMaxAge bound a sequencing batch.
	BatchMaxSize uint
	BatchMaxAge  time.Duration
	// Witnesses are asked to cosign each checkpoint before it is
	// published. A witness that is down or slow never stops publication:
	// the checkpoint carries the cosignatures that came, and verifiers
	// require their k of them.
	Witnesses []Witness
}

// Witness is a C2SP tlog-witness: its cosignature/v1 public key and URL.
type Witness struct {
	VKey string `json:"vkey"`
	URL  string `json:"url"`
}

// Defaults for Options.
const (
	DefaultCheckpointInterval = time.Second
	DefaultBatchMaxSize       = 1024
	DefaultBatchMaxAge        = 20 * time.Millisecond
)

// Log is an open log.
type Log struct {
	dir      string
	origin   string
	verifier note.Verifier
	appender *tessera.Appender
	reader   tessera.LogReader
	awaiter  *tessera.PublicationAwaiter
	shutdown func(context.Context) error
	cancel   context.CancelFunc
}

// Open opens the log in dir, creating it if it does not exist. The
// signer's name is the log's origin.
func Open(ctx context.Context, dir string, signer note.Signer, verifier note.Verifier, opts Options) (*Log, error) {
	if signer.Name() != verifier.Name() || signer.KeyHash() != verifier.KeyHash() {
		return nil, fmt.Errorf("log key %s+%08x and verifier key %s+%08x are not a pair", signer.Name(), signer.KeyHash(), verifier.Name(), verifier.KeyHash())
	}
	if opts.CheckpointInterval == 0 {
		opts.CheckpointInterval = DefaultCheckpointInterval
	}
	if opts.BatchMaxSize == 0 {
		opts.BatchMaxSize = DefaultBatchMaxSize
	}
	if opts.BatchMaxAge == 0 {
		opts.BatchMaxAge = DefaultBatchMaxAge
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// The appender's background work (sequencing, publishing) must outlive
	// the caller's context: it stops in Close.
	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	driver, err := posix.New(bg, posix.Config{Path: dir})
	if err != nil {
		cancel()
		return nil, fmt.Errorf("opening log in %s: %v", dir, err)
	}
	aopts := tessera.NewAppendOptions().
		WithCheckpointSigner(signer).
		WithCheckpointInterval(opts.CheckpointInterval).
		WithBatching(opts.BatchMaxSize, opts.BatchMaxAge)
	if len(opts.Witnesses) > 0 {
		// Tessera stops asking once its policy is met, so the policy it is
		// given asks for every witness: each checkpoint gathers every
		// cosignature that comes in time, and verifiers apply k.
		group, err := tessera.NewWitnessGroupFromPolicy([]byte(WitnessPolicy(opts.Witnesses, len(opts.Witnesses))))
		if err != nil {
			cancel()
			return nil, fmt.Errorf("witness policy: %v", err)
		}
		// Fail open: while a witness is down, appends are still acknowledged
		// and log-signed checkpoints still published, with the cosignatures
		// that came; verifiers who require k of them wait. An unchanged
		// checkpoint is republished often, so a witness that comes back
		// adds its cosignature soon.
		aopts = aopts.WithWitnesses(group, &tessera.WitnessOptions{Timeout: 2 * time.Second, FailOpen: true}).
			WithCheckpointRepublishInterval(max(opts.CheckpointInterval, 2*time.Second))
	}
	appender, shutdown, reader, err := tessera.NewAppender(bg, driver, aopts)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("opening log in %s: %v", dir, err)
	}
	return &Log{
		dir: dir, origin: signer.Name(), verifier: verifier,
		appender: appender, reader: reader, shutdown: shutdown, cancel: cancel,
		awaiter: tessera.NewPublicationAwaiter(bg, reader.ReadCheckpoint, 25*time.Millisecond),
	}, nil
}

// Close waits until every appended leaf is integrated and covered by a
// published checkpoint, then stops the log.
func (l *Log) Close(ctx context.Context) error {
	defer l.cancel()
	return l.shutdown(ctx)
}

// Origin is the log's origin, the first line of its checkpoints.
func (l *Log) Origin() string { return l.origin }

// Append durably assigns the next index to leaf.
func (l *Log) Append(ctx context.Context, leaf []byte) (uint64, error) {
	i, err := l.appender.Add(ctx, tessera.NewEntry(leaf))()
	return i.Index, err
}

// Size is the number of leaves integrated into the tree. The POSIX driver
// integrates as it sequences, so this is also the number assigned.
func (l *Log) Size(ctx context.Context) (uint64, error) {
	return l.reader.IntegratedSize(ctx)
}

// Checkpoint returns the latest published checkpoint, raw and parsed.
func (l *Log) Checkpoint(ctx context.Context) ([]byte, *log.Checkpoint, error) {
	raw, err := l.reader.ReadCheckpoint(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("reading checkpoint: %v", err)
	}
	cp, _, _, err := log.ParseCheckpoint(raw, l.origin, l.verifier)
	if err != nil {
		return nil, nil, fmt.Errorf("published checkpoint: %v", err)
	}
	return raw, cp, nil
}

// AwaitCheckpoint blocks until a published checkpoint covers index and
// returns it.
func (l *Log) AwaitCheckpoint(ctx context.Context, index uint64) ([]byte, error) {
	_, cp, err := l.awaiter.Await(ctx, func() (tessera.Index, error) { return tessera.Index{Index: index}, nil })
	return cp, err
}

// ReadLeaves calls fn for each leaf in [from, to), in order, reading whole
// entry bundles.
func (l *Log) ReadLeaves(ctx context.Context, from, to uint64, fn func(uint64, []byte) error) error {
	size, err := l.Size(ctx)
	if err != nil {
		return err
	}
	if to > size {
		return fmt.Errorf("leaves up to %d requested, but the log has %d", to, size)
	}
	return readLeaves(from, to, func(b uint64) ([]byte, error) {
		return l.reader.ReadEntryBundle(ctx, b, layout.PartialTileSize(0, b, size))
	}, fn)
}

// readLeaves calls fn for each leaf in [from, to), in order, from the entry
// bundles readBundle returns.
func readLeaves(from, to uint64, readBundle func(uint64) ([]byte, error), fn func(uint64, []byte) error) error {
	for b := from / layout.EntryBundleWidth; b*layout.EntryBundleWidth < to; b++ {
		raw, err := readBundle(b)
		if err != nil {
			return fmt.Errorf("reading entry bundle %d: %v", b, err)
		}
		var bundle api.EntryBundle
		if err := bundle.UnmarshalText(raw); err != nil {
			return fmt.Errorf("entry bundle %d: %v", b, err)
		}
		for j, e := range bundle.Entries {
			i := b*layout.EntryBundleWidth + uint64(j)
			if i < from || i >= to {
				continue
			}
			if err := fn(i, e); err != nil {
				return err
			}
		}
	}
	return nil
}

// Leaf returns the leaf at index.
func (l *Log) Leaf(ctx context.Context, index uint64) ([]byte, error) {
	var leaf []byte
	err := l.ReadLeaves(ctx, index, index+1, func(_ uint64, b []byte) error { leaf = b; return nil })
	return leaf, err
}

// ErrBeyondSize is returned for proofs about a tree larger than the log.
var ErrBeyondSize = errors.New("beyond the log's size")

// InclusionProof proves the leaf at index is in the tree of the given size.
func (l *Log) InclusionProof(ctx context.Context, index, size uint64) ([][]byte, error) {
	if err := l.checkSize(ctx, size); err != nil {
		return nil, err
	}
	if index >= size {
		return nil, fmt.Errorf("index %d is not in a tree of size %d", index, size)
	}
	pb, err := client.NewProofBuilder(ctx, size, l.reader.ReadTile)
	if err != nil {
		return nil, err
	}
	return pb.InclusionProof(ctx, index)
}

// ConsistencyProof proves the tree of size old is a prefix of the tree of
// size new.
func (l *Log) ConsistencyProof(ctx context.Context, old, new uint64) ([][]byte, error) {
	if err := l.checkSize(ctx, new); err != nil {
		return nil, err
	}
	if old > new {
		return nil, fmt.Errorf("old size %d is larger than new size %d", old, new)
	}
	pb, err := client.NewProofBuilder(ctx, new, l.reader.ReadTile)
	if err != nil {
		return nil, err
	}
	return pb.ConsistencyProof(ctx, old, new)
}

func (l *Log) checkSize(ctx context.Context, size uint64) error {
	n, err := l.Size(ctx)
	if err != nil {
		return err
	}
	if size > n {
		return fmt.Errorf("tree size %d: %w (%d)", size, ErrBeyondSize, n)
	}
	return nil
}

// WitnessPolicy writes the k-of-n witness policy in the policy format
// Tessera and other C2SP tools read (k = 0: all).
func WitnessPolicy(ws []Witness, k int) string {
	if k == 0 {
		k = len(ws)
	}
	var b strings.Builder
	names := make([]string, len(ws))
	for i, w := range ws {
		names[i] = fmt.Sprintf("w%d", i)
		fmt.Fprintf(&b, "witness %s %s %s\n", names[i], w.VKey, w.URL)
	}
	fmt.Fprintf(&b, "group witnesses %d %s\nquorum witnesses\n", k, strings.Join(names, " "))
	return b.String()
}
