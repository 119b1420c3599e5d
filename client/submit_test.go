package client_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/client"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/trucetest"
)

// TestSubmitters submits through a server's API and through the same
// mechanism held in process: each proves a public record, a repeated
// payload and a restricted record (read back as its audience), refuses to
// prove a restricted record without a reader, and keeps evidence files.
func TestSubmitters(t *testing.T) {
	ctx := context.Background()
	s := setUp(t)
	local := client.NewLocal(trucetest.Origin, s.Mech, s.Log, s.Evidence, trucehttp.MaxEvidenceSize)
	for name, sub := range map[string]client.Submitter{"http": s.c, "local": local} {
		t.Run(name, func(t *testing.T) {
			if o, err := sub.Origin(ctx); err != nil || o != trucetest.Origin {
				t.Fatalf("origin %q, %v", o, err)
			}
			rec, _ := json.Marshal(map[string]any{"type": "claim", "body": trucetest.Claim("a claim submitted by " + name)})
			env, err := client.EnvelopeFor(rec, s.Cast.Admin, func() (string, error) { return sub.Origin(ctx) })
			if err != nil {
				t.Fatal(err)
			}
			// Signed twice, then submitted with one of the signatures: the
			// proof of the repeated payload is of the envelope first
			// recorded.
			twice, err := truce.ParseEnvelope(env.Canonical())
			if err != nil {
				t.Fatal(err)
			}
			twice.Sign(s.Cast.Qatar)
			var told truce.Receipt
			p, err := client.SubmitAndProve(ctx, sub, twice, nil, s.LogVerifier(), 30*time.Second, func(rc truce.Receipt) { told = rc })
			if err != nil {
				t.Fatal(err)
			}
			if told != p.Receipt || p.Checkpoint.Size <= p.Receipt.Index || !bytes.Equal(p.LeafHash, rfc6962.DefaultHasher.HashLeaf(truce.PublicLeaf(twice))) {
				t.Errorf("proof %+v, receipt told %+v", p, told)
			}
			p2, err := client.SubmitAndProve(ctx, sub, env, nil, nil, 30*time.Second, nil)
			if err != nil || p2.Receipt.Duplicate != truce.DuplicatePayload || p2.Receipt.Index != p.Receipt.Index || !bytes.Equal(p2.LeafHash, p.LeafHash) {
				t.Errorf("a repeated payload: %+v, %v", p2, err)
			}

			addressed := trucetest.Record("request", map[string]any{"to": []string{"afghanistan"}, "kind": "handover", "text": "Torkham crossing, asked by " + name},
				func(m map[string]any) { m["visibility"] = "addressed"; m["audience"] = []string{"afghanistan"} })
			renv, err := truce.ParseEnvelope(trucetest.Sign(t, addressed, s.PakistanFO))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := client.SubmitAndProve(ctx, sub, renv, nil, s.LogVerifier(), 30*time.Second, nil); !errors.Is(err, client.ErrNoReader) || !strings.Contains(err.Error(), "is restricted") {
				t.Errorf("a restricted record without a reader: %v", err)
			}
			if p, err := client.SubmitAndProve(ctx, sub, renv, s.AfghanistanMOFA, s.LogVerifier(), 30*time.Second, nil); err != nil || p.Receipt.Duplicate != truce.DuplicateEnvelope {
				t.Errorf("a restricted record read by its audience: %+v, %v", p, err)
			}
			if _, err := client.SubmitAndProve(ctx, sub, renv, s.Monitor, s.LogVerifier(), 30*time.Second, nil); err == nil || !strings.Contains(err.Error(), "fetching it") {
				t.Errorf("a restricted record read by a member outside its audience: %v", err)
			}

			photo := append([]byte("\x89PNG\r\n\x1a\n"), []byte("crater seen by "+name)...)
			file := filepath.Join(t.TempDir(), "photo.png")
			if err := os.WriteFile(file, photo, 0o600); err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(photo)
			if up, err := sub.KeepEvidence(ctx, s.Qatar, file); err != nil || up.SHA256 != hex.EncodeToString(sum[:]) || up.Size != int64(len(photo)) || up.MediaType != "image/png" {
				t.Errorf("evidence: %+v, %v", up, err)
			}
			if _, err := sub.KeepEvidence(ctx, s.Qatar, file+".missing"); err == nil || !strings.Contains(err.Error(), "photo.png.missing") {
				t.Errorf("a missing evidence file: %v", err)
			}
		})
	}
}

// TestEnvelopeFor completes and signs records, adds signatures to
// prepared envelopes, and refuses what it cannot sign.
func TestEnvelopeFor(t *testing.T) {
	admin, qatar := trucetest.Signer(t, "admin"), trucetest.Signer(t, "mediator-qatar")
	noOrigin := func() (string, error) { return "", errors.New("origin asked for") }
	rec := []byte(`{"type":"claim","body":{"text":"x"},"mechanism":"m.example"}`)
	env, err := client.EnvelopeFor(rec, admin, noOrigin)
	if err != nil {
		t.Fatal(err)
	}
	r, err := truce.ParseRecord(env.Payload())
	if err != nil || r.Mechanism != "m.example" || r.Visibility != truce.Public || r.Created == "" {
		t.Errorf("completed record: %+v, %v", r, err)
	}
	if err := env.Verify(admin.Verifier()); err != nil {
		t.Error(err)
	}
	if _, err := client.EnvelopeFor([]byte(`{"type":"claim","body":{}}`), admin, noOrigin); err == nil || err.Error() != "origin asked for" {
		t.Errorf("a record naming no mechanism: %v", err)
	}
	if _, err := client.EnvelopeFor(rec, nil, noOrigin); !errors.Is(err, client.ErrNoSigner) {
		t.Errorf("a record without a signer: %v", err)
	}
	if _, err := client.EnvelopeFor([]byte(`[1]`), admin, noOrigin); err == nil || !strings.Contains(err.Error(), "not a JSON object") {
		t.Errorf("not an object: %v", err)
	}
	both, err := client.EnvelopeFor(env.Canonical(), qatar, noOrigin)
	if err != nil || len(both.KeyIDs()) != 2 || !bytes.Equal(both.Payload(), env.Payload()) {
		t.Errorf("a prepared envelope signed again: %v, %v", both.KeyIDs(), err)
	}
	if same, err := client.EnvelopeFor(env.Canonical(), nil, noOrigin); err != nil || !bytes.Equal(same.Canonical(), env.Canonical()) {
		t.Errorf("a prepared envelope without a signer changed: %v", err)
	}

	out, err := client.WithVisibility([]byte(`{"type":"claim","visibility":"members"}`), "addressed", []string{"afghanistan"})
	if err != nil || string(out) != `{"audience":["afghanistan"],"type":"claim","visibility":"members"}` {
		t.Errorf("WithVisibility: %s, %v", out, err)
	}
	if out, err := client.WithVisibility([]byte(`not json`), "", nil); err != nil || string(out) != "not json" {
		t.Errorf("nothing to set: %s, %v", out, err)
	}
	if _, err := client.WithVisibility(env.Canonical(), "mediators", nil); !errors.Is(err, client.ErrPrepared) {
		t.Errorf("a prepared envelope: %v", err)
	}
}
