package http

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/transparency-dev/formats/log"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/tlog"
)

// What the API needs of the parts it serves, declared here where it is
// used: the server works with any implementation, the checks below keep
// the real ones in step.

// Mechanism judges submissions and says who may read what.
type Mechanism interface {
	Submit(ctx context.Context, envelope []byte) (truce.Receipt, error)
	Authenticate(header, method, host, target string, now time.Time) (*truce.Authorization, error)
	Member(keyID string) (truce.MemberBody, bool)
	Lookup(keyID string, envelopeHash [32]byte) (uint64, bool)
	ReadRestricted(keyID string, rl *truce.RestrictedLeaf) (*truce.Restricted, bool, error)
	Readable(keyID, typ string, after uint64, limit int) (indices []uint64, next uint64)
	EvidenceReadable(ctx context.Context, keyID, sha256 string) (ok, found bool, err error)
}

// Log is the log's entries and proofs, and its tlog-tiles resources.
type Log interface {
	Size(ctx context.Context) (uint64, error)
	Leaf(ctx context.Context, index uint64) ([]byte, error)
	InclusionProof(ctx context.Context, index, size uint64) ([][]byte, error)
	ConsistencyProof(ctx context.Context, old, new uint64) ([][]byte, error)
	Checkpoint(ctx context.Context) ([]byte, *log.Checkpoint, error)
	// Handler serves /checkpoint and /tile/ exactly as stored.
	Handler() http.Handler
}

// Evidence keeps uploaded evidence files by SHA-256.
type Evidence interface {
	PutStream(r io.Reader, max int64) (name string, size int64, head []byte, err error)
	MarkUploaded(name, keyID string) error
	Size(name string) (int64, error)
	// Path is the file to serve a kept file from.
	Path(name string) (string, error)
}

// Drafts is the review queue of imported documents, by id.
type Drafts interface {
	Put(name string, data []byte) error
	Get(name string) ([]byte, error)
	List() ([]string, error)
	Delete(name string) error
}

var (
	_ Mechanism = (*truce.Mechanism)(nil)
	_ Log       = (*tlog.Log)(nil)
	_ Evidence  = (*files.Dir)(nil)
	_ Drafts    = (*files.Dir)(nil)
)
