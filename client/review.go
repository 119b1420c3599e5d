package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/truce-dev/truce/ingest"
)

// Acceptance is what a member accepts of a queued draft.
type Acceptance struct {
	// Claims are the numbers (from 1) of the claims accepted; none means
	// all.
	Claims map[int]bool
	// Visibility is the records' visibility.
	Visibility string
	// PublicText says, in the source, that its text may be shown to anyone.
	PublicText bool
}

// Accepted is what Accept recorded: the source's log index (0 until it
// is), and the claims, in order.
type Accepted struct {
	Source uint64
	Claims []AcceptedClaim
}

// AcceptedClaim is a draft's claim, by its number, recorded at Index.
type AcceptedClaim struct {
	Number int
	Index  uint64
}

// Accept signs, as the member given to As, and submits the source of the
// queued draft d and the claims a accepts, each citing the source, then
// takes d off the queue. The source names the text kept of it and, when
// d duplicates a source already accepted, that source: the same
// statement. After a failure, the result holds what was recorded.
func (c *Client) Accept(ctx context.Context, d Draft, a Acceptance) (*Accepted, error) {
	out := &Accepted{}
	if c.signer == nil {
		return out, fmt.Errorf("draft %s: %w", d.ID, ErrNoSigner)
	}
	submit := func(typ string, body any) (uint64, error) {
		rec, _ := json.Marshal(map[string]any{"type": typ, "body": body, "visibility": a.Visibility})
		env, err := EnvelopeFor(rec, c.signer, func() (string, error) { return c.Origin(ctx) })
		if err != nil {
			return 0, err
		}
		rc, err := c.Submit(ctx, env.Canonical())
		return rc.Index, err
	}
	body := map[string]any{}
	raw, _ := json.Marshal(d.Draft.Source)
	json.Unmarshal(raw, &body)
	sum := sha256.Sum256([]byte(d.Draft.Text()))
	body["text_sha256"] = hex.EncodeToString(sum[:])
	if a.PublicText {
		body["text_public"] = true
	}
	if len(d.AcceptedDuplicates) > 0 {
		body["same_statement"] = d.AcceptedDuplicates[0].Source
	}
	src, err := submit("source", body)
	if err != nil {
		return out, fmt.Errorf("source of %s: %v", d.ID, err)
	}
	out.Source = src
	for i, cl := range d.Draft.Claims {
		if len(a.Claims) > 0 && !a.Claims[i+1] {
			continue
		}
		body := cl.Body()
		body["source"] = src
		idx, err := submit("claim", body)
		if err != nil {
			return out, fmt.Errorf("claim %d of %s: %v", i+1, d.ID, err)
		}
		out.Claims = append(out.Claims, AcceptedClaim{i + 1, idx})
	}
	// The source just signed shows the server this member accepted it.
	return out, c.DeleteDraft(ctx, d.ID, src)
}

// A Queue drafts documents and queues the drafts for review: a server's
// (a *Client, as the member given to As), or one this process keeps.
type Queue interface {
	// Queue drafts and queues the document in file, returning the
	// draft's id and how many claims it drafted.
	Queue(ctx context.Context, file string) (id string, claims int, err error)
}

var _ Queue = (*Client)(nil)

// Queue uploads the document in file, with its sidecar's metadata, to be
// drafted by the server and queued (Import).
func (c *Client) Queue(ctx context.Context, file string) (string, int, error) {
	doc, meta, err := ingest.ReadDocument(file)
	if err != nil {
		return "", 0, err
	}
	d, err := c.Import(ctx, file, doc, meta)
	if err != nil {
		return "", 0, err
	}
	return d.ID, len(d.Draft.Claims), nil
}

// QueueFiles queues in q each file that paths name (ingest.Files),
// reporting each to w, one line each. Every file is tried; the error says
// how many failed.
func QueueFiles(ctx context.Context, q Queue, paths []string, w io.Writer) error {
	names, listErrs := ingest.Files(paths)
	failed := len(listErrs)
	for _, d := range listErrs {
		fmt.Fprintf(w, "%s: error: %s\n", d.File, strings.Join(d.Errors, "; "))
	}
	for _, name := range names {
		id, claims, err := q.Queue(ctx, name)
		if err != nil {
			failed++
			fmt.Fprintf(w, "%s: error: %v\n", name, err)
			continue
		}
		fmt.Fprintf(w, "%s: queued as %s, %d draft claims\n", name, id, claims)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files failed", failed, len(names)+len(listErrs))
	}
	return nil
}
