package client_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/client"
	"github.com/truce-dev/truce/internal/trucetest"
)

// TestCheck verifies a server's log as truce verify does: checkpoint,
// state, every entry, entries by index with the anchors that signed them,
// and a record file; then compares it with a fork under the same key (a
// split view, saved, the state left as it was) and with another log.
func TestCheck(t *testing.T) {
	ctx := context.Background()
	s := setUp(t)
	rc, err := s.c.Submit(ctx, trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("checked")), s.Cast.Admin))
	if err != nil {
		t.Fatal(err)
	}
	s.checkpoint(ctx, rc.Index)
	raw, err := s.c.Get(ctx, rc.Index)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	record, state, proofFile := filepath.Join(tmp, "r.json"), filepath.Join(tmp, "state"), filepath.Join(tmp, "split-view.txt")
	if err := os.WriteFile(record, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	anchors := []*truce.Verifier{s.Cast.Qatar.Verifier(), s.Cast.Turkiye.Verifier()}
	ch := client.Check{Server: "ours", LogKey: s.LogVerifier(), State: state, All: true, Indices: []uint64{0, 7}, Record: record, Anchors: anchors, SplitViewFile: proofFile}
	var out bytes.Buffer
	if err := s.c.Check(ctx, ch, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{
		"checkpoint: " + trucetest.Origin + ", size ",
		"state: " + state + " is new",
		"entries and every hash tile match the checkpoint\n",
		"entry 0: included (member record)\nentry 0: signed by 0 of the 2 mediators' trust anchors given (none)\n",
		"entry 7: included (member record)\nentry 7: signed by 2 of the 2 mediators' trust anchors given (",
		"record " + record + ": included at index " + fmt.Sprint(rc.Index) + ", byte for byte\n",
		"OK\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in\n%s", want, out.String())
		}
	}
	saved, err := os.ReadFile(state)
	if err != nil || !bytes.HasPrefix(saved, []byte(trucetest.Origin+"\n")) {
		t.Fatalf("state saved: %q, %v", saved, err)
	}
	out.Reset()
	if err := s.c.Check(ctx, client.Check{LogKey: s.LogVerifier(), State: state}, &out); err != nil || !strings.Contains(out.String(), "consistent with the checkpoint of size") {
		t.Errorf("again from the state: %v\n%s", err, out.String())
	}

	fork := s.fork(ctx, rc.Index)
	other := setUp(t) // another log, under another key
	dialErr := errors.New("no such server")
	ch.Dial = func(u string) (*client.Client, error) {
		switch u {
		case "fork":
			return fork.c, nil
		case "other":
			return other.c, nil
		case "same":
			return s.c, nil
		}
		return nil, dialErr
	}
	ch.All, ch.Indices, ch.Record = false, nil, ""
	ch.Compare = []string{"same", "fork"}
	out.Reset()
	err = s.c.Check(ctx, ch, &out)
	if err == nil || !strings.Contains(err.Error(), "split view: fork serves a checkpoint that conflicts with ours's") || !strings.Contains(err.Error(), "saved to "+proofFile) {
		t.Errorf("a fork: %v", err)
	}
	if !strings.Contains(out.String(), "compared with same (size ") {
		t.Errorf("the same server compared:\n%s", out.String())
	}
	proof, _ := os.ReadFile(proofFile)
	forkCP, _ := fork.c.Checkpoint(ctx, s.LogVerifier())
	if !bytes.Contains(proof, []byte("# from fork:\n")) || forkCP == nil || !bytes.Contains(proof, forkCP.Raw) {
		t.Errorf("split view saved:\n%s", proof)
	}
	if now, _ := os.ReadFile(state); !bytes.Equal(now, saved) {
		t.Error("a failed check changed the state file")
	}
	ch.Compare = []string{"other"}
	var ce *client.CompareError
	if err := s.c.Check(ctx, ch, &out); !errors.As(err, &ce) || ce.URL != "other" {
		t.Errorf("another log: %v", err)
	}
	ch.Compare = []string{"nowhere"}
	if err := s.c.Check(ctx, ch, &out); err != dialErr {
		t.Errorf("a server that cannot be dialled: %v", err)
	}
	ch.Compare, ch.WitnessKeyFiles = nil, []string{filepath.Join(tmp, "missing.vkey")}
	if err := s.c.Check(ctx, ch, &out); err == nil || !strings.Contains(err.Error(), "missing.vkey") {
		t.Errorf("a missing witness key file: %v", err)
	}
}

// TestQueueAndAccept queues a directory's documents (hidden files left
// out, sidecars read) and a missing path, then accepts one claim of the
// draft: the source names its text, the claim cites the source, and the
// draft leaves the queue.
func TestQueueAndAccept(t *testing.T) {
	ctx := context.Background()
	s := setUp(t)
	docs := filepath.Join(t.TempDir(), "docs")
	doc, err := os.ReadFile(trucetest.Testdata("ingest", "001_ada22b6276ff3a2b.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"a.txt": string(doc), "a.txt.meta.json": `{"outlet":"Dawn"}`, ".hidden.txt": "not a document"} {
		if err := os.MkdirAll(docs, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(docs, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	fo := s.c.As(s.PakistanFO)
	var out bytes.Buffer
	missing := filepath.Join(docs, "missing.txt")
	if err := client.QueueFiles(ctx, fo, []string{docs, missing}, &out); err == nil || err.Error() != "1 of 2 files failed" {
		t.Errorf("queueing: %v", err)
	}
	if !strings.Contains(out.String(), missing+": error: ") || !strings.Contains(out.String(), "a.txt: queued as ") || strings.Contains(out.String(), "hidden") {
		t.Errorf("queueing reported:\n%s", out.String())
	}
	queue, err := fo.Drafts(ctx)
	if err != nil || len(queue) != 1 || queue[0].Draft.Source.Outlet != "Dawn" || len(queue[0].Draft.Claims) < 2 {
		t.Fatalf("queue: %+v, %v", queue, err)
	}
	d := queue[0]

	size := s.Size()
	if _, err := s.c.Accept(ctx, d, client.Acceptance{Visibility: truce.Public}); !errors.Is(err, client.ErrNoSigner) || s.Size() != size {
		t.Errorf("an anonymous acceptance: %v, log grew from %d to %d", err, size, s.Size())
	}
	done, err := fo.Accept(ctx, d, client.Acceptance{Claims: map[int]bool{2: true}, Visibility: truce.Public})
	if err != nil || done.Source == 0 || len(done.Claims) != 1 || done.Claims[0].Number != 2 {
		t.Fatalf("accept: %+v, %v", done, err)
	}
	var src, claim struct {
		Envelope json.RawMessage `json:"envelope"`
	}
	for _, x := range []struct {
		index uint64
		into  *struct {
			Envelope json.RawMessage `json:"envelope"`
		}
	}{{done.Source, &src}, {done.Claims[0].Index, &claim}} {
		raw, err := s.c.Get(ctx, x.index)
		if err != nil || json.Unmarshal(raw, x.into) != nil {
			t.Fatalf("record %d: %s, %v", x.index, raw, err)
		}
	}
	sum := sha256.Sum256([]byte(d.Draft.Text()))
	if !strings.Contains(string(mustPayload(t, src.Envelope)), `"text_sha256":"`+hex.EncodeToString(sum[:])+`"`) {
		t.Errorf("the source does not name its text %x", sum)
	}
	if !strings.Contains(string(mustPayload(t, claim.Envelope)), `"source":`+fmt.Sprint(done.Source)) {
		t.Errorf("the claim does not cite source %d: %s", done.Source, mustPayload(t, claim.Envelope))
	}
	if queue, err := fo.Drafts(ctx); err != nil || len(queue) != 0 {
		t.Errorf("queue after accepting: %+v, %v", queue, err)
	}
}

func mustPayload(t *testing.T, env []byte) []byte {
	t.Helper()
	e, err := truce.ParseEnvelope(env)
	if err != nil {
		t.Fatal(err)
	}
	return e.Payload()
}

// fork is a second server of a log under the same key, set up the same
// way, with another record at index: a split view of s's log.
func (s *server) fork(ctx context.Context, index uint64) *server {
	t := s.T.(*testing.T)
	t.Helper()
	fork := newServer(t, trucetest.OpenMechanism(t, t.TempDir(), s.LogSKey, s.LogVKey))
	fork.Cast = fork.Setup()
	frc, err := fork.c.Submit(ctx, trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("other")), fork.Cast.Admin))
	if err != nil || frc.Index != index {
		t.Fatalf("fork: %+v, %v", frc, err)
	}
	fork.checkpoint(ctx, frc.Index)
	return fork
}
