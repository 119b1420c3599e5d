package client

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net/url"
	"strconv"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/ingest"
)

// Submit posts a signed envelope (its canonical JSON) to the log. The
// request is not signed: the envelope's signatures are its authority. A
// repeated envelope or payload is not an error: the receipt says which.
func (c *Client) Submit(ctx context.Context, env []byte) (truce.Receipt, error) {
	var out struct {
		Index     uint64 `json:"index"`
		Duplicate string `json:"duplicate"`
	}
	if err := c.do(ctx, "POST", "/api/v1/records", env, &out); err != nil {
		return truce.Receipt{}, err
	}
	return truce.Receipt{Index: out.Index, Duplicate: out.Duplicate}, nil
}

// Get reads the record at a log index, as the server serves it to c: its
// answer as it came (ParseRecord reads it). A restricted record's body and
// salt are served only to a member of its audience.
func (c *Client) Get(ctx context.Context, index uint64) (json.RawMessage, error) {
	var raw []byte
	err := c.do(ctx, "GET", fmt.Sprintf("/api/v1/records/%d", index), nil, &raw)
	return raw, err
}

// Restricted lists, page by page, every restricted record that the member
// c reads as (As or WithToken) may read, of type typ or, when typ is "", of
// every type, each as the server serves it. The sequence ends at the first
// error.
func (c *Client) Restricted(ctx context.Context, typ string) iter.Seq2[json.RawMessage, error] {
	return func(yield func(json.RawMessage, error) bool) {
		q := url.Values{}
		if typ != "" {
			q.Set("type", typ)
		}
		q.Set("limit", strconv.Itoa(truce.MaxLimit))
		var after uint64
		for {
			var page struct {
				Items      []json.RawMessage `json:"items"`
				NextCursor *string           `json:"next_cursor"`
			}
			if err := c.do(ctx, "GET", "/api/v1/restricted?"+q.Encode(), nil, &page); err != nil {
				yield(nil, err)
				return
			}
			for _, it := range page.Items {
				if !yield(it, nil) {
					return
				}
			}
			if page.NextCursor == nil {
				return
			}
			// A cursor must move on: a server answering the same one again
			// would keep this loop going for ever.
			next, err := strconv.ParseUint(*page.NextCursor, 10, 64)
			if err != nil || next <= after {
				yield(nil, fmt.Errorf("the server's next_cursor %q does not follow %d", *page.NextCursor, after))
				return
			}
			after = next
			q.Set("cursor", *page.NextCursor)
		}
	}
}

// IndexOf asks the server at which log index the envelope is recorded.
// The answer is only a hint: VerifyEntry, with the record's Leaf, proves
// it.
func (c *Client) IndexOf(ctx context.Context, env *truce.Envelope) (uint64, error) {
	h := env.Hash()
	var out struct{ Index uint64 }
	err := c.do(ctx, "GET", "/api/v1/records/by-hash/"+hex.EncodeToString(h[:]), nil, &out)
	return out.Index, err
}

// A Record is a signed record as a reader holds it: an envelope and, for a
// restricted record read by its audience, the salt of the digest the log
// holds in its place.
type Record struct {
	Envelope *truce.Envelope
	Salt     []byte
	// Index is the record's log index, when Indexed: a server's answer
	// names it, a bare envelope does not.
	Index   uint64
	Indexed bool
}

// ParseRecord reads a record from an envelope's JSON or from a GET
// /api/v1/records answer (with its salt, for a restricted record as its
// audience reads it).
func ParseRecord(data []byte) (*Record, error) {
	var wrapped struct {
		Index    *uint64         `json:"index"`
		Envelope json.RawMessage `json:"envelope"`
		Salt     string          `json:"salt"`
	}
	envJSON := data
	if json.Unmarshal(data, &wrapped) == nil && wrapped.Envelope != nil {
		envJSON = wrapped.Envelope
	}
	env, err := truce.ParseEnvelope(envJSON)
	if err != nil {
		return nil, err
	}
	r := &Record{Envelope: env}
	if wrapped.Index != nil {
		r.Index, r.Indexed = *wrapped.Index, true
	}
	if wrapped.Salt != "" {
		if r.Salt, err = hex.DecodeString(wrapped.Salt); err != nil {
			return nil, fmt.Errorf("salt is not hex")
		}
	}
	return r, nil
}

// Leaf is the log entry the record must have: the envelope itself for a
// public record, the routing metadata and salted digest for a restricted
// one.
func (r *Record) Leaf() ([]byte, error) {
	if len(r.Salt) == 0 {
		return truce.PublicLeaf(r.Envelope), nil
	}
	rec, err := truce.ParseRecord(r.Envelope.Payload())
	if err != nil {
		return nil, err
	}
	return truce.NewRestrictedLeaf(r.Envelope, rec, r.Salt)
}

// Evidence is an evidence file the server keeps, as it describes it.
type Evidence struct {
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	MediaType string `json:"media_type"`
}

// UploadEvidence uploads an evidence file, as the member given to As, and
// checks that what the server says it kept is this file.
func (c *Client) UploadEvidence(ctx context.Context, data []byte) (*Evidence, error) {
	var up Evidence
	if err := c.do(ctx, "POST", "/api/v1/evidence", data, &up); err != nil {
		return nil, err
	}
	// A record will name what the server says it kept: it must be this file.
	if sum := sha256.Sum256(data); up.SHA256 != hex.EncodeToString(sum[:]) || up.Size != int64(len(data)) {
		return nil, fmt.Errorf("the server says it kept %d bytes with SHA-256 %s, but the file is %d bytes with SHA-256 %x; nothing was recorded", up.Size, up.SHA256, len(data), sum)
	}
	return &up, nil
}

// DownloadEvidence downloads the evidence file whose SHA-256 is sum (hex)
// and writes it to w once its bytes are checked to have that hash: w gets
// the file or nothing.
func (c *Client) DownloadEvidence(ctx context.Context, sum string, w io.Writer) error {
	if !truce.IsHexSHA256(sum) {
		return fmt.Errorf("evidence %q: not a hex SHA-256 (64 lowercase hex digits)", sum)
	}
	var raw []byte
	if err := c.do(ctx, "GET", "/api/v1/evidence/"+sum, nil, &raw); err != nil {
		return err
	}
	if got := sha256.Sum256(raw); hex.EncodeToString(got[:]) != sum {
		return fmt.Errorf("the server's file has SHA-256 %x, not %s: it is not the evidence asked for; nothing was written", got, sum)
	}
	_, err := io.Copy(w, bytes.NewReader(raw))
	return err
}

// A Draft is an imported document queued for review, under its id.
type Draft struct {
	ID    string       `json:"id"`
	Draft ingest.Draft `json:"draft"`
	// AcceptedDuplicates are its duplicates already accepted as sources,
	// most similar first (docs/FORMAT.md §10).
	AcceptedDuplicates []struct {
		File   string `json:"file"`
		Kind   string `json:"kind"`
		Source uint64 `json:"source"`
	} `json:"accepted_duplicates"`
}

// Import uploads a document (and its sidecar's metadata, if any) to be
// drafted by the server and queued for review, as the member given to As;
// file names it.
func (c *Client) Import(ctx context.Context, file string, doc []byte, meta *ingest.Meta) (*Draft, error) {
	q := url.Values{"file": {file}}
	if meta != nil {
		for k, v := range map[string]string{"outlet": meta.Outlet, "title": meta.Title, "published": meta.Published, "url": meta.URL} {
			if v != "" {
				q.Set(k, v)
			}
		}
	}
	var d Draft
	if err := c.do(ctx, "POST", "/api/v1/import?"+q.Encode(), doc, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Drafts lists the review queue, as the member given to As.
func (c *Client) Drafts(ctx context.Context) ([]Draft, error) {
	var queue struct{ Items []Draft }
	if err := c.do(ctx, "GET", "/api/v1/drafts", nil, &queue); err != nil {
		return nil, err
	}
	return queue.Items, nil
}

// DeleteDraft takes the draft id off the review queue, as the member given
// to As: accepted, when source is the log index of the source record the
// member signed from it, or rejected, when source is 0 (the genesis, never
// a source).
func (c *Client) DeleteDraft(ctx context.Context, id string, source uint64) error {
	path := "/api/v1/drafts/" + id
	if source != 0 {
		path = fmt.Sprintf("%s?accepted=%d", path, source)
	}
	return c.do(ctx, "DELETE", path, nil, nil)
}
