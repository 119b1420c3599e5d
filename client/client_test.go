package client_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/client"
	"github.com/truce-dev/truce/files"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
	"github.com/truce-dev/truce/tlog"
	"github.com/truce-dev/truce/witness"
)

// server is a real truce server on a real log in a temp dir.
type server struct {
	*trucetest.Mechanism
	*trucetest.Cast
	c *client.Client
}

func newServer(t *testing.T, m *trucetest.Mechanism) *server {
	t.Helper()
	store, err := sqlite.Open(filepath.Join(t.TempDir(), "projection.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	drafts, err := files.Open(m.Dir + ".drafts")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(trucehttp.NewServer(m.Mech, m.Log, store, m.Evidence, drafts, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)
	c, err := client.New(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return &server{Mechanism: m, c: c}
}

// setUp is a server on a mechanism with its cast of members.
func setUp(t *testing.T) *server {
	m := trucetest.NewMechanism(t)
	s := newServer(t, m)
	s.Cast = m.Setup()
	return s
}

// checkpoint waits for a checkpoint holding index and checks its signature.
func (s *server) checkpoint(ctx context.Context, index uint64) *tlog.Checkpoint {
	s.T.Helper()
	if _, err := s.c.AwaitCheckpoint(ctx, index); err != nil {
		s.T.Fatal(err)
	}
	cp, err := s.c.Checkpoint(ctx, s.LogVerifier())
	if err != nil {
		s.T.Fatal(err)
	}
	return cp
}

func TestNew(t *testing.T) {
	for _, u := range []string{"", "ftp://example.org", "localhost:8080", "http://"} {
		if _, err := client.New(u); err == nil || !strings.Contains(err.Error(), "is not an http(s) URL") {
			t.Errorf("New(%q): %v", u, err)
		}
	}
}

// TestSubmitAndProve submits a claim, repeats it, and proves its inclusion
// both from tiles and with the API's proof.
func TestSubmitAndProve(t *testing.T) {
	ctx := context.Background()
	s := setUp(t)
	env := trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("at least 206 Afghan Taliban fighters")), s.Cast.Admin)
	rc, err := s.c.Submit(ctx, env)
	if err != nil || rc.Duplicate != "" {
		t.Fatalf("submit: %+v, %v", rc, err)
	}
	again, err := s.c.Submit(ctx, env)
	if err != nil || again.Index != rc.Index || again.Duplicate != truce.DuplicateEnvelope {
		t.Fatalf("the same envelope again: %+v, %v; want index %d, duplicate %q", again, err, rc.Index, truce.DuplicateEnvelope)
	}
	if _, err := s.c.Submit(ctx, []byte(`{"payloadType":"x"}`)); err == nil || !strings.Contains(err.Error(), "server refused (HTTP 400)") {
		t.Errorf("a broken envelope: %v", err)
	}

	cp := s.checkpoint(ctx, rc.Index)
	if origin, err := s.c.Origin(ctx); err != nil || origin != trucetest.Origin {
		t.Errorf("origin %q, %v", origin, err)
	}
	entry, err := s.c.VerifyEntry(ctx, cp, rc.Index)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := s.c.Get(ctx, rc.Index)
	if err != nil {
		t.Fatal(err)
	}
	r, err := client.ParseRecord(raw)
	if err != nil || !r.Indexed || r.Index != rc.Index {
		t.Fatalf("record %d: %+v, %v", rc.Index, r, err)
	}
	if leaf, err := r.Leaf(); err != nil || !bytes.Equal(leaf, entry) {
		t.Errorf("the record's leaf is not the proved entry (%v)", err)
	}
	if i, err := s.c.IndexOf(ctx, r.Envelope); err != nil || i != rc.Index {
		t.Errorf("IndexOf: %d, %v; want %d", i, err, rc.Index)
	}
	hashes, err := s.c.InclusionProof(ctx, rc.Index, cp.Size)
	if err != nil {
		t.Fatal(err)
	}
	if err := proof.VerifyInclusion(rfc6962.DefaultHasher, rc.Index, cp.Size, rfc6962.DefaultHasher.HashLeaf(entry), hashes, cp.Hash); err != nil {
		t.Errorf("the API's inclusion proof: %v", err)
	}
	if _, err := s.c.VerifyEntry(ctx, cp, cp.Size); err == nil || !strings.Contains(err.Error(), "not in the log's tree") {
		t.Errorf("an entry past the checkpoint: %v", err)
	}
	if err := s.c.VerifyAll(ctx, cp); err != nil {
		t.Errorf("VerifyAll: %v", err)
	}
}

// TestRestricted reads an addressed record anonymously, with a token and
// with signed requests, and proves the restricted leaf from what its
// audience reads.
func TestRestricted(t *testing.T) {
	ctx := context.Background()
	s := setUp(t)
	rc, err := s.c.Submit(ctx, trucetest.Sign(t, trucetest.Record("request", map[string]any{"to": []string{"afghanistan"}, "kind": "handover", "text": "Torkham crossing, three named commanders"},
		func(m map[string]any) { m["visibility"] = "addressed"; m["audience"] = []string{"afghanistan"} }), s.PakistanFO))
	if err != nil {
		t.Fatal(err)
	}
	cp := s.checkpoint(ctx, rc.Index)
	entry, err := s.c.VerifyEntry(ctx, cp, rc.Index)
	if err != nil {
		t.Fatal(err)
	}

	anon, err := s.c.Get(ctx, rc.Index)
	if err != nil || bytes.Contains(anon, []byte("Torkham")) {
		t.Fatalf("anonymous read: %s, %v", anon, err)
	}
	if _, err := client.ParseRecord(anon); err == nil {
		t.Error("an anonymous read of a restricted record parsed as a record")
	}
	if _, err := s.c.As(s.Monitor).Get(ctx, rc.Index); err == nil || !strings.Contains(err.Error(), "HTTP 403") {
		t.Errorf("a monitor's read: %v", err)
	}
	if _, err := s.c.Token(ctx, time.Minute); err == nil {
		t.Error("an anonymous client signed a token")
	}

	tok, err := s.c.As(s.AfghanistanMOFA).Token(ctx, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]*client.Client{"token": s.c.WithToken(tok), "signed": s.c.As(s.AfghanistanMOFA)} {
		raw, err := c.Get(ctx, rc.Index)
		if err != nil {
			t.Fatalf("%s read: %v", name, err)
		}
		r, err := client.ParseRecord(raw)
		if err != nil || len(r.Salt) == 0 {
			t.Fatalf("%s read: %+v, %v", name, r, err)
		}
		if leaf, err := r.Leaf(); err != nil || !bytes.Equal(leaf, entry) {
			t.Errorf("%s read: the restricted leaf is not the proved entry (%v)", name, err)
		}
		r.Salt[0] ^= 1
		if leaf, _ := r.Leaf(); bytes.Equal(leaf, entry) {
			t.Errorf("%s read: another salt gives the same leaf", name)
		}
	}

	var listed []string
	for it, err := range s.c.WithToken(tok).Restricted(ctx, "") {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, string(it))
	}
	if len(listed) != 1 || !strings.Contains(listed[0], "Torkham") {
		t.Errorf("restricted records listed: %q", listed)
	}
	for _, err := range s.c.Restricted(ctx, "") {
		if err == nil || !strings.Contains(err.Error(), "HTTP 401") {
			t.Errorf("anonymous listing: %v", err)
		}
	}
}

// TestEvidence uploads a file as a member and downloads it, its hash
// checked.
func TestEvidence(t *testing.T) {
	ctx := context.Background()
	s := setUp(t)
	photo := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("crater"), 1000)...)
	if _, err := s.c.UploadEvidence(ctx, photo); err == nil || !strings.Contains(err.Error(), "HTTP 401") {
		t.Errorf("anonymous upload: %v", err)
	}
	up, err := s.c.As(s.Qatar).UploadEvidence(ctx, photo)
	if err != nil || up.MediaType != "image/png" || up.Size != int64(len(photo)) {
		t.Fatalf("upload: %+v, %v", up, err)
	}
	// The file is served to the audience of the record describing it.
	var got bytes.Buffer
	if err := s.c.As(s.Qatar).DownloadEvidence(ctx, up.SHA256, &got); err == nil || got.Len() != 0 {
		t.Fatalf("download before any record describes it: %d bytes, %v", got.Len(), err)
	}
	if _, err := s.c.Submit(ctx, trucetest.Sign(t, trucetest.Record("evidence", map[string]any{"sha256": up.SHA256, "media_type": up.MediaType, "size": up.Size, "description": "Photograph of the strike site"},
		func(m map[string]any) { m["visibility"] = "mediators" }), s.Qatar)); err != nil {
		t.Fatal(err)
	}
	tok, err := s.c.As(s.Turkiye).Token(ctx, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.c.WithToken(tok).DownloadEvidence(ctx, up.SHA256, &got); err != nil || !bytes.Equal(got.Bytes(), photo) {
		t.Fatalf("download: %d bytes, %v", got.Len(), err)
	}
	if err := s.c.DownloadEvidence(ctx, "not a hash", &got); err == nil || !strings.Contains(err.Error(), "not a hex SHA-256") {
		t.Errorf("a bad hash: %v", err)
	}

	// A file changed on the server's disk is refused, and nothing written.
	if err := os.WriteFile(filepath.Join(s.Dir+".evidence", up.SHA256), []byte("\x89PNG\r\n\x1a\nsomething else"), 0o600); err != nil {
		t.Fatal(err)
	}
	got.Reset()
	if err := s.c.WithToken(tok).DownloadEvidence(ctx, up.SHA256, &got); err == nil || !strings.Contains(err.Error(), "it is not the evidence asked for") || got.Len() != 0 {
		t.Errorf("a changed file: %v, %d bytes written", err, got.Len())
	}
}

// TestDrafts queues a document for review, lists the queue and rejects
// the draft.
func TestDrafts(t *testing.T) {
	ctx := context.Background()
	s := setUp(t)
	doc, err := os.ReadFile(trucetest.Testdata("ingest", "001_ada22b6276ff3a2b.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.c.Import(ctx, "a.txt", doc, nil); err == nil || !strings.Contains(err.Error(), "HTTP 401") {
		t.Errorf("anonymous import: %v", err)
	}
	fo := s.c.As(s.PakistanFO)
	d, err := fo.Import(ctx, "a.txt", doc, nil)
	if err != nil || d.ID == "" || len(d.Draft.Claims) == 0 {
		t.Fatalf("import: %+v, %v", d, err)
	}
	queue, err := fo.Drafts(ctx)
	if err != nil || len(queue) != 1 || queue[0].ID != d.ID {
		t.Fatalf("queue: %+v, %v", queue, err)
	}
	if err := fo.DeleteDraft(ctx, d.ID, 0); err != nil {
		t.Fatal(err)
	}
	if queue, err := fo.Drafts(ctx); err != nil || len(queue) != 0 {
		t.Errorf("queue after the rejection: %+v, %v", queue, err)
	}
	if err := fo.DeleteDraft(ctx, d.ID, 0); err == nil || !strings.Contains(err.Error(), "HTTP 404") {
		t.Errorf("rejecting it again: %v", err)
	}
}

// TestTamperedTile changes a hash tile on the server's disk: proofs built
// from it are refused.
func TestTamperedTile(t *testing.T) {
	ctx := context.Background()
	s := setUp(t)
	cp := s.checkpoint(ctx, s.Size()-1)
	if _, err := s.c.VerifyEntry(ctx, cp, 1); err != nil {
		t.Fatal(err)
	}
	// Flip the first byte of every level-0 tile: the hash of entry 0, a
	// sibling in entry 1's inclusion proof.
	tampered := 0
	err := filepath.WalkDir(filepath.Join(s.Dir, "tile", "0"), func(p string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		raw[0] ^= 0xff
		tampered++
		return os.WriteFile(p, raw, 0o644)
	})
	if err != nil || tampered == 0 {
		t.Fatalf("tampering with level-0 tiles: %d changed, %v", tampered, err)
	}
	if _, err := s.c.VerifyEntry(ctx, cp, 1); err == nil || !strings.Contains(err.Error(), "entry 1: not included") {
		t.Errorf("entry 1 with a tampered tile: %v", err)
	}
	if err := s.c.VerifyAll(ctx, cp); err == nil {
		t.Error("VerifyAll passed a tampered tile")
	}
}

// TestConsistencyAndSplitView checks a checkpoint against one seen before,
// and against another server's: the same log key on a forked log is a
// split view.
func TestConsistencyAndSplitView(t *testing.T) {
	ctx := context.Background()
	s := setUp(t)
	v := s.LogVerifier()
	old := s.checkpoint(ctx, s.Size()-1)
	rc, err := s.c.Submit(ctx, trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("more")), s.Cast.Admin))
	if err != nil {
		t.Fatal(err)
	}
	cp := s.checkpoint(ctx, rc.Index)
	if err := s.c.VerifyExtends(ctx, old, cp); err != nil {
		t.Errorf("a later checkpoint: %v", err)
	}
	if err := s.c.VerifyExtends(ctx, cp, old); err == nil || !strings.Contains(err.Error(), "rollback") {
		t.Errorf("an earlier checkpoint: %v", err)
	}

	// The same server is consistent with itself.
	if theirs, err := s.c.Compare(ctx, v, cp, s.c); err != nil || theirs.Size != cp.Size {
		t.Errorf("compare with itself: %v", err)
	}
	// A second log under the same key, with another record at the same
	// index, cannot be true along with the first.
	fork := s.fork(ctx, rc.Index)
	_, err = s.c.Compare(ctx, v, cp, fork.c)
	var split *client.SplitView
	if !errors.As(err, &split) || split.Ours != cp || split.Theirs.Size != cp.Size || !strings.Contains(err.Error(), "fork") {
		t.Errorf("compare with a fork: %v", err)
	}
	// A smaller tree, consistent, is no split view; a larger fork is.
	if _, err := s.c.Compare(ctx, v, old, s.c); err != nil {
		t.Errorf("an older checkpoint of the same log: %v", err)
	}
	if _, err := fork.c.Compare(ctx, v, old, s.c); err != nil {
		t.Errorf("the fork's common prefix: %v", err)
	}
}

// TestCosigned counts witness cosignatures, k of n.
func TestCosigned(t *testing.T) {
	ctx := context.Background()
	s := setUp(t)
	cp := s.checkpoint(ctx, s.Size()-1)
	_, vkey, err := witness.GenerateKey("witness.example")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := client.Cosigned(cp, s.LogVerifier(), nil, 0); err != nil || n != 0 {
		t.Errorf("no witnesses asked for: %d, %v", n, err)
	}
	if n, err := client.Cosigned(cp, s.LogVerifier(), []string{vkey}, 1); err == nil || n != 0 || !strings.Contains(err.Error(), "cosigned by 0 of the 1 witnesses given; 1 required") {
		t.Errorf("an uncosigned checkpoint: %d, %v", n, err)
	}
	if _, err := client.Cosigned(cp, s.LogVerifier(), []string{"not a key"}, 1); err == nil || !strings.Contains(err.Error(), "witness key") {
		t.Errorf("a bad witness key: %v", err)
	}
}
