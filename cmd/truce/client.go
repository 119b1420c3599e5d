package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/transparency-dev/tessera/client"
	"github.com/truce-dev/truce"
)

// apiClient talks to a truce server's HTTP API.
type apiClient struct {
	base *url.URL
	hc   *http.Client
}

func newAPIClient(server string) (*apiClient, error) {
	u, err := url.Parse(strings.TrimSuffix(server, "/") + "/")
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usagef("--server %q is not an http(s) URL", server)
	}
	return &apiClient{base: u, hc: &http.Client{Timeout: 30 * time.Second}}, nil
}

// fetcher reads the server's tlog-tiles resources.
func (c *apiClient) fetcher() *client.HTTPFetcher {
	f, err := client.NewHTTPFetcher(c.base, c.hc)
	if err != nil {
		panic(err) // only fails for a nil URL
	}
	return f
}

// signedDo is do, with the request signed by a member's key (FORMAT.md §8).
func (c *apiClient) signedDo(ctx context.Context, s *truce.Signer, origin, method, path string, body []byte, out any) (int, error) {
	target := c.url(path).RequestURI()
	h, err := truce.SignRequest(s, origin, method, target, time.Now())
	if err != nil {
		return 0, err
	}
	return c.send(ctx, method, path, body, out, h)
}

// do sends a request and decodes a JSON answer into out (or, when out is a
// *[]byte, keeps the answer as it came), turning an error body into an
// error that says what the server refused.
func (c *apiClient) do(ctx context.Context, method, path string, body []byte, out any) (int, error) {
	return c.send(ctx, method, path, body, out, "")
}

func (c *apiClient) send(ctx context.Context, method, path string, body []byte, out any, authorization string) (int, error) {
	u := c.url(path)
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	if body != nil && method == "POST" && path == "/api/v1/records" {
		req.Header.Set("Content-Type", "application/json")
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	// Large enough for the largest evidence file (http.MaxEvidenceSize).
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode >= 300 {
		var e struct{ Error, Field string }
		if json.Unmarshal(raw, &e) == nil && e.Error != "" {
			if e.Field != "" {
				return resp.StatusCode, fmt.Errorf("server refused (HTTP %d): %s: %s", resp.StatusCode, e.Field, e.Error)
			}
			return resp.StatusCode, fmt.Errorf("server refused (HTTP %d): %s", resp.StatusCode, e.Error)
		}
		return resp.StatusCode, fmt.Errorf("%s %s: HTTP %d: %s", method, u, resp.StatusCode, bytes.TrimSpace(raw))
	}
	if b, ok := out.(*[]byte); ok {
		*b = raw
	} else if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: bad answer: %v", method, u, err)
		}
	}
	return resp.StatusCode, nil
}

// url resolves an API path, with its query if any, against the server.
func (c *apiClient) url(path string) *url.URL {
	p, q, _ := strings.Cut(path, "?")
	return c.base.ResolveReference(&url.URL{Path: strings.TrimPrefix(p, "/"), RawQuery: q})
}
