// Package client talks to a truce server: it submits envelopes, reads
// records (anonymously, with signed requests or with a token, as
// docs/FORMAT.md §8 describes), moves evidence files with their hashes
// checked, works the review queue, and verifies what the server's log
// commits to — checkpoints, inclusion of public and restricted records,
// consistency with a checkpoint seen before, witness cosignatures and
// split views against another server (Client.Check runs them as truce
// verify does). SubmitAndProve submits and proves a record through a
// Submitter: a server's API, or a mechanism this process holds (Local).
//
// Proofs are built from the log's tiles (C2SP tlog-tiles), fetched with
// Tessera's client.HTTPFetcher and checked by package tlog: nothing the
// server says about the log is trusted without a proof.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	tessera "github.com/transparency-dev/tessera/client"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/tlog"
)

// The log's resources are read through tlog's Fetcher interface.
var _ tlog.Fetcher = (*tessera.HTTPFetcher)(nil)

// maxAnswer bounds an answer's size: large enough for the largest evidence
// file (http.MaxEvidenceSize).
const maxAnswer = 64 << 20

// A Client talks to one truce server. It is anonymous unless made with As
// (requests signed by a member's key) or WithToken (reads carrying a
// token). A Client is safe for concurrent use.
type Client struct {
	base   *url.URL
	hc     *http.Client
	tiles  *tessera.HTTPFetcher
	signer *truce.Signer
	token  string
	origin *originCache
}

type originCache struct {
	mu     sync.Mutex
	origin string
}

// New returns an anonymous client of the server at the http(s) URL server.
func New(server string) (*Client, error) {
	u, err := url.Parse(strings.TrimSuffix(server, "/") + "/")
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("server %q is not an http(s) URL", server)
	}
	hc := &http.Client{Timeout: 30 * time.Second}
	f, err := tessera.NewHTTPFetcher(u, hc)
	if err != nil {
		return nil, fmt.Errorf("server %q: %v", server, err)
	}
	return &Client{base: u, hc: hc, tiles: f, origin: &originCache{}}, nil
}

// As returns a copy of c whose requests are signed by the member key s, one
// signature per request (Truce-Signature), except reads while a token is
// set.
func (c *Client) As(s *truce.Signer) *Client {
	cc := *c
	cc.signer = s
	return &cc
}

// WithToken returns a copy of c whose reads (GET requests) carry tok, an
// Authorization header value as Token returns it; other requests are
// signed as before, or anonymous.
func (c *Client) WithToken(tok string) *Client {
	cc := *c
	cc.token = tok
	return &cc
}

// Token signs, with the key given to As, a read token for this server (its
// host as c addresses it, and its log's origin) good for ttl from now. It
// is the Authorization header value, for WithToken or other clients.
func (c *Client) Token(ctx context.Context, ttl time.Duration) (string, error) {
	if c.signer == nil {
		return "", fmt.Errorf("a token is signed by a member's key: make the client with As")
	}
	origin, err := c.Origin(ctx)
	if err != nil {
		return "", err
	}
	return truce.SignToken(c.signer, origin, c.base.Host, time.Now(), ttl)
}

// Origin is the origin of the server's log, the first line of its
// checkpoint (read once; its signature is not checked here: Checkpoint
// does that).
func (c *Client) Origin(ctx context.Context) (string, error) {
	c.origin.mu.Lock()
	defer c.origin.mu.Unlock()
	if c.origin.origin != "" {
		return c.origin.origin, nil
	}
	raw, err := c.tiles.ReadCheckpoint(ctx)
	if err != nil {
		return "", fmt.Errorf("reading the server's checkpoint: %v", err)
	}
	origin, _, _ := strings.Cut(string(raw), "\n")
	c.origin.origin = origin
	return origin, nil
}

// Fetcher reads the server's log resources: its checkpoint, tiles and
// entry bundles (for tlog.MirrorOnce, or tlog's other checks).
func (c *Client) Fetcher() tlog.Fetcher { return c.tiles }

// do sends a request and decodes a JSON answer into out (or, when out is a
// *[]byte, keeps the answer as it came), turning an error body into an
// error that says what the server refused.
func (c *Client) do(ctx context.Context, method, path string, body []byte, out any) error {
	u := c.url(path)
	var authorization string
	switch {
	case c.token != "" && method == "GET":
		authorization = c.token
	case c.signer != nil:
		origin, err := c.Origin(ctx)
		if err != nil {
			return err
		}
		if authorization, err = truce.SignRequest(c.signer, origin, method, u.RequestURI(), time.Now()); err != nil {
			return err
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return err
	}
	if body != nil && method == "POST" && path == "/api/v1/records" {
		req.Header.Set("Content-Type", "application/json")
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		var e struct{ Error, Field string }
		if json.Unmarshal(raw, &e) == nil && e.Error != "" {
			if e.Field != "" {
				return fmt.Errorf("server refused (HTTP %d): %s: %s", resp.StatusCode, e.Field, e.Error)
			}
			return fmt.Errorf("server refused (HTTP %d): %s", resp.StatusCode, e.Error)
		}
		return fmt.Errorf("%s %s: HTTP %d: %s", method, u, resp.StatusCode, bytes.TrimSpace(raw))
	}
	if b, ok := out.(*[]byte); ok {
		*b = raw
	} else if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("%s %s: bad answer: %v", method, u, err)
		}
	}
	return nil
}

// url resolves an API path, with its query if any, against the server.
func (c *Client) url(path string) *url.URL {
	p, q, _ := strings.Cut(path, "?")
	return c.base.ResolveReference(&url.URL{Path: strings.TrimPrefix(p, "/"), RawQuery: q})
}
