package http_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/trucetest"
)

func (a *api) upload(s *truce.Signer, contentType string, data []byte) (int, map[string]any) {
	a.T.Helper()
	req, _ := http.NewRequest("POST", a.url+"/api/v1/evidence", bytes.NewReader(data))
	if s != nil {
		h, err := truce.SignRequest(s, trucetest.Origin, "POST", "/api/v1/evidence", time.Now())
		if err != nil {
			a.T.Fatal(err)
		}
		req.Header.Set("Authorization", h)
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.T.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// countFiles counts the files kept in dir (not its subdirectories).
func countFiles(t *testing.T, dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") && !e.IsDir() {
			n++
		}
	}
	return n
}

// TestEvidence uploads a file, describes it in a restricted evidence
// record, and checks who can download it; bad uploads keep nothing.
func TestEvidence(t *testing.T) {
	a := newAPI(t)
	c := a.Setup()
	photo := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("crater"), 1000)...)
	sum := sha256.Sum256(photo)
	name := hex.EncodeToString(sum[:])

	if code, out := a.upload(nil, "image/png", photo); code != 401 || out["field"] != "Authorization" {
		t.Fatalf("unsigned upload: %d %v", code, out)
	}
	if code, out := a.upload(c.Qatar, "image/png", []byte("a plain text statement")); code != 415 || out["field"] != "Content-Type" {
		t.Errorf("mislabelled upload: %d %v", code, out)
	}
	if code, _ := a.upload(c.Qatar, "application/octet-stream", make([]byte, trucehttp.MaxEvidenceSize+1)); code != 413 {
		t.Errorf("oversize upload: %d", code)
	}
	if n := countFiles(t, a.Dir+".evidence"); n != 0 {
		t.Fatalf("refused uploads left %d files", n)
	}
	code, out := a.upload(c.Qatar, "image/png", photo)
	if code != 201 || out["sha256"] != name || out["media_type"] != "image/png" || out["size"] != float64(len(photo)) {
		t.Fatalf("upload: %d %v", code, out)
	}

	evidence := func(sha string, size int) []byte {
		return trucetest.Sign(t, trucetest.Record("evidence", map[string]any{"sha256": sha, "media_type": "image/png", "size": size, "description": "Photograph of the strike site"},
			func(m map[string]any) { m["visibility"] = "mediators" }), c.Qatar)
	}
	for _, tc := range []struct {
		env   []byte
		field string
	}{
		{evidence(strings.Repeat("ab", 32), len(photo)), "body.sha256"},
		{evidence(name, len(photo)+1), "body.size"},
	} {
		_, err := a.Mech.Submit(context.Background(), tc.env)
		if e, ok := truce.AsError(err); !ok || e.Field != tc.field {
			t.Errorf("evidence record refused with %v, want one naming %s", err, tc.field)
		}
	}
	a.Submit(evidence(name, len(photo)))
	// The same bytes mislabelled by someone else are refused before they
	// are stored, and the file kept for the record stays.
	if code, _ := a.upload(c.AfghanistanMOFA, "text/plain", photo); code != 415 {
		t.Errorf("the described file, mislabelled: %d", code)
	}
	if n := countFiles(t, a.Dir+".evidence"); n != 1 {
		t.Errorf("after a refused upload of a kept file: %d files, want 1", n)
	}

	path := "/api/v1/evidence/" + name
	for _, tc := range []struct {
		who  *truce.Signer
		want int
	}{{c.Qatar, 200}, {c.Turkiye, 200}, {c.Admin, 200}, {c.PakistanFO, 404}, {c.Monitor, 404}, {nil, 404}} {
		req, _ := http.NewRequest("GET", a.url+path, nil)
		if tc.who != nil {
			h, _ := truce.SignRequest(tc.who, trucetest.Origin, "GET", path, time.Now())
			req.Header.Set("Authorization", h)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		who := "anonymous"
		if tc.who != nil {
			who = tc.who.Name()
		}
		if resp.StatusCode != tc.want {
			t.Errorf("%s downloads: %d, want %d", who, resp.StatusCode, tc.want)
		}
		if tc.want == 200 && (!bytes.Equal(body, photo) || resp.Header.Get("X-Content-SHA256") != name) {
			t.Errorf("%s got %d bytes, header %q", who, len(body), resp.Header.Get("X-Content-SHA256"))
		}
		if tc.want != 200 && bytes.Contains(body, []byte("crater")) {
			t.Errorf("%s was refused but got content", who)
		}
	}
	if code, _, _ := a.signedGet(fmt.Sprintf("/api/v1/evidence/%s", strings.Repeat("cd", 32)), c.Qatar, ""); code != 404 {
		t.Errorf("unknown evidence: %d", code)
	}
}
