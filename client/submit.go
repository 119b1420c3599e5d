package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"time"

	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
)

// A Submitter is where SubmitAndProve sends an envelope: a server's API (a
// *Client), or a mechanism this process holds (a *Local).
type Submitter interface {
	// Origin is the origin of the log.
	Origin(ctx context.Context) (string, error)
	Submit(ctx context.Context, env []byte) (truce.Receipt, error)
	// AwaitCheckpoint waits for a published checkpoint covering index
	// and returns it as signed.
	AwaitCheckpoint(ctx context.Context, index uint64) ([]byte, error)
	InclusionProof(ctx context.Context, index, size uint64) ([][]byte, error)
	// Recorded reads the record at index as the member reader (nil:
	// anonymously): for a restricted record, with its salt.
	Recorded(ctx context.Context, reader *truce.Signer, index uint64) (*Record, error)
	// KeepEvidence keeps the evidence file as uploaded by the member
	// uploader.
	KeepEvidence(ctx context.Context, uploader *truce.Signer, file string) (*Evidence, error)
}

var (
	_ Submitter = (*Client)(nil)
	_ Submitter = (*Local)(nil)
)

// Recorded reads and parses the record at index, as the member reader
// when it is not nil, as c otherwise.
func (c *Client) Recorded(ctx context.Context, reader *truce.Signer, index uint64) (*Record, error) {
	if reader != nil {
		c = c.As(reader)
	}
	raw, err := c.Get(ctx, index)
	if err != nil {
		return nil, err
	}
	return ParseRecord(raw)
}

// KeepEvidence uploads the evidence file as the member uploader
// (UploadEvidence).
func (c *Client) KeepEvidence(ctx context.Context, uploader *truce.Signer, file string) (*Evidence, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return c.As(uploader).UploadEvidence(ctx, data)
}

// LocalMechanism is what a Local submits to and reads restricted records
// from (a *truce.Mechanism).
type LocalMechanism interface {
	Submit(ctx context.Context, envelope []byte) (truce.Receipt, error)
	ReadRestricted(keyID string, rl *truce.RestrictedLeaf) (*truce.Restricted, bool, error)
}

// LocalLog is the log a Local proves inclusion in (a *tlog.Log).
type LocalLog interface {
	AwaitCheckpoint(ctx context.Context, index uint64) ([]byte, error)
	InclusionProof(ctx context.Context, index, size uint64) ([][]byte, error)
	Leaf(ctx context.Context, index uint64) ([]byte, error)
}

// LocalEvidence keeps evidence files (a *files.Dir).
type LocalEvidence interface {
	PutStream(r io.Reader, max int64) (name string, size int64, head []byte, err error)
	MarkUploaded(name, keyID string) error
}

// What truce serve holds is what a Local takes.
var (
	_ LocalMechanism = (*truce.Mechanism)(nil)
	_ LocalLog       = (*tlog.Log)(nil)
	_ LocalEvidence  = (*files.Dir)(nil)
)

// Local submits to a mechanism held by this process, as a server would
// for its API.
type Local struct {
	origin      string
	mech        LocalMechanism
	log         LocalLog
	evidence    LocalEvidence
	maxEvidence int64
}

// NewLocal is the mechanism mech, of the log with this origin, as a
// Submitter; evidence files are kept in evidence, up to maxEvidence bytes.
func NewLocal(origin string, mech LocalMechanism, log LocalLog, evidence LocalEvidence, maxEvidence int64) *Local {
	return &Local{origin: origin, mech: mech, log: log, evidence: evidence, maxEvidence: maxEvidence}
}

func (s *Local) Origin(context.Context) (string, error) { return s.origin, nil }
func (s *Local) Submit(ctx context.Context, env []byte) (truce.Receipt, error) {
	return s.mech.Submit(ctx, env)
}
func (s *Local) AwaitCheckpoint(ctx context.Context, index uint64) ([]byte, error) {
	return s.log.AwaitCheckpoint(ctx, index)
}
func (s *Local) InclusionProof(ctx context.Context, index, size uint64) ([][]byte, error) {
	return s.log.InclusionProof(ctx, index, size)
}

// KeepEvidence stores the file, its media type detected as the server
// detects an upload's.
func (s *Local) KeepEvidence(ctx context.Context, uploader *truce.Signer, file string) (*Evidence, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	name, size, head, err := s.evidence.PutStream(f, s.maxEvidence)
	if err != nil {
		return nil, err
	}
	if err := s.evidence.MarkUploaded(name, uploader.KeyID()); err != nil {
		return nil, err
	}
	mt, _, _ := mime.ParseMediaType(http.DetectContentType(head))
	return &Evidence{SHA256: name, Size: size, MediaType: mt}, nil
}

// Recorded reads the log's entry at index; a restricted one's body is
// read only if reader is a member of its audience.
func (s *Local) Recorded(ctx context.Context, reader *truce.Signer, index uint64) (*Record, error) {
	data, err := s.log.Leaf(ctx, index)
	if err != nil {
		return nil, err
	}
	leaf, err := truce.ParseLeaf(data)
	if err != nil {
		return nil, err
	}
	if leaf.Envelope != nil {
		return &Record{Envelope: leaf.Envelope, Index: index, Indexed: true}, nil
	}
	if reader == nil {
		return nil, fmt.Errorf("log entry %d is restricted: %w", index, ErrNoReader)
	}
	body, ok, err := s.mech.ReadRestricted(reader.KeyID(), leaf.Restricted)
	if !ok {
		return nil, fmt.Errorf("your key may not read log entry %d", index)
	}
	if err != nil {
		return nil, err
	}
	return &Record{Envelope: body.Envelope, Salt: body.Salt, Index: index, Indexed: true}, nil
}

// ErrNoReader means a restricted record was to be read without a member's
// key: only its audience reads its salt, which its leaf depends on.
var ErrNoReader = errors.New("only a member of its audience may read its salt, and no member's key was given")

// A Proof is the proof that a submitted record is in the log.
type Proof struct {
	Receipt truce.Receipt
	// Checkpoint is the first published checkpoint covering the record;
	// its signature is checked when SubmitAndProve was given the log key.
	Checkpoint *tlog.Checkpoint
	LeafHash   []byte
	// Hashes prove LeafHash at Receipt.Index in Checkpoint's tree.
	Hashes [][]byte
}

// SubmitAndProve submits env to s and, once accepted (accepted, if not nil,
// is told then), waits up to wait for a checkpoint covering it and
// verifies its inclusion there, with logKey, when not nil, checking the
// checkpoint's signature. The log holds the envelope first recorded: for a
// repeated payload, one with other signatures than env's; for a restricted
// record, a salted digest whose salt is read as the member reader (nil:
// ErrNoReader).
func SubmitAndProve(ctx context.Context, s Submitter, env *truce.Envelope, reader *truce.Signer, logKey note.Verifier, wait time.Duration, accepted func(truce.Receipt)) (*Proof, error) {
	rec, err := truce.ParseRecord(env.Payload())
	if err != nil {
		return nil, err
	}
	rc, err := s.Submit(ctx, env.Canonical())
	if err != nil {
		return nil, err
	}
	if accepted != nil {
		accepted(rc)
	}
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	cpRaw, err := s.AwaitCheckpoint(wctx, rc.Index)
	if err != nil {
		return nil, fmt.Errorf("record %d was accepted, but waiting for its checkpoint failed: %v", rc.Index, err)
	}
	cp, err := openCheckpoint(cpRaw, logKey)
	if err != nil {
		return nil, err
	}
	hashes, err := s.InclusionProof(wctx, rc.Index, cp.Size)
	if err != nil {
		return nil, fmt.Errorf("record %d: fetching its inclusion proof: %v", rc.Index, err)
	}
	leaf := truce.PublicLeaf(env)
	if rc.Duplicate == truce.DuplicatePayload || rec.Visibility != truce.Public {
		if rec.Visibility != truce.Public && reader == nil {
			return nil, fmt.Errorf("record %d is restricted: %w", rc.Index, ErrNoReader)
		}
		recorded, err := s.Recorded(ctx, reader, rc.Index)
		if err != nil {
			return nil, fmt.Errorf("record %d: fetching it: %v", rc.Index, err)
		}
		if !bytes.Equal(recorded.Envelope.Payload(), env.Payload()) {
			return nil, fmt.Errorf("the server says log entry %d records this payload, but it records another", rc.Index)
		}
		if rec.Visibility == truce.Public {
			leaf = truce.PublicLeaf(recorded.Envelope)
		} else if leaf, err = truce.NewRestrictedLeaf(recorded.Envelope, rec, recorded.Salt); err != nil {
			return nil, err
		}
	}
	leafHash := rfc6962.DefaultHasher.HashLeaf(leaf)
	if err := proof.VerifyInclusion(rfc6962.DefaultHasher, rc.Index, cp.Size, leafHash, hashes, cp.Hash); err != nil {
		return nil, fmt.Errorf("record %d: the log's inclusion proof does not verify: %v", rc.Index, err)
	}
	return &Proof{Receipt: rc, Checkpoint: cp, LeafHash: leafHash, Hashes: hashes}, nil
}

// openCheckpoint opens a checkpoint, checking its signature by the log key
// v; with v nil, only the note's text is read and its signature stays
// unchecked, which the caller must say.
func openCheckpoint(raw []byte, v note.Verifier) (*tlog.Checkpoint, error) {
	if v != nil {
		return tlog.OpenCheckpoint(raw, v)
	}
	text, _, ok := bytes.Cut(raw, []byte("\n\n"))
	if !ok {
		return nil, fmt.Errorf("checkpoint is not a signed note")
	}
	cp := &tlog.Checkpoint{Raw: raw}
	if _, err := cp.Unmarshal(append(text, '\n')); err != nil {
		return nil, fmt.Errorf("checkpoint: %v", err)
	}
	return cp, nil
}

// ErrNoSigner means a record was to be signed into an envelope without a
// member's key.
var ErrNoSigner = errors.New("a record is signed by a member's key, and none was given")

// ErrPrepared means a visibility or audience was given for a prepared
// envelope, whose signed payload cannot change.
var ErrPrepared = errors.New("visibility and audience are for records, not prepared envelopes")

// EnvelopeFor turns input into a signed envelope. An envelope (it has a
// payloadType) gets signer's signature added, if signer is not nil; a
// record is completed with the fields a writer need not type (v,
// mechanism, from origin, created, visibility), canonicalized and signed
// by signer (nil: ErrNoSigner).
func EnvelopeFor(input []byte, signer *truce.Signer, origin func() (string, error)) (*truce.Envelope, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(input, &fields); err != nil {
		return nil, fmt.Errorf("input is not a JSON object: %v", err)
	}
	if _, ok := fields["payloadType"]; ok {
		env, err := truce.ParseEnvelope(input)
		if err != nil {
			return nil, fmt.Errorf("envelope: %v", err)
		}
		if signer != nil {
			env.Sign(signer)
		}
		return env, nil
	}
	if signer == nil {
		return nil, ErrNoSigner
	}
	if _, ok := fields["mechanism"]; !ok {
		o, err := origin()
		if err != nil {
			return nil, err
		}
		fields["mechanism"], _ = json.Marshal(o)
	}
	setDefault(fields, "v", 1)
	setDefault(fields, "created", time.Now().UTC().Format(time.RFC3339))
	setDefault(fields, "visibility", truce.Public)
	rec, _ := json.Marshal(fields)
	return truce.SignRecord(rec, signer)
}

// WithVisibility sets a record's visibility and audience where the record
// does not; a prepared envelope is ErrPrepared.
func WithVisibility(input []byte, visibility string, audience []string) ([]byte, error) {
	if visibility == "" && len(audience) == 0 {
		return input, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(input, &fields); err != nil {
		return nil, fmt.Errorf("input is not a JSON object: %v", err)
	}
	if _, ok := fields["payloadType"]; ok {
		return nil, ErrPrepared
	}
	if visibility != "" {
		setDefault(fields, "visibility", visibility)
	}
	if len(audience) > 0 {
		setDefault(fields, "audience", audience)
	}
	return json.Marshal(fields)
}

// setDefault sets a JSON object's field name to v unless it is set.
func setDefault(fields map[string]json.RawMessage, name string, v any) {
	if _, ok := fields[name]; !ok {
		fields[name], _ = json.Marshal(v)
	}
}
