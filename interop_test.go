package truce_test

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/secure-systems-lab/go-securesystemslib/dsse"
	sumdbtlog "golang.org/x/mod/sumdb/tlog"
)

// dsseVerifier adapts a signed-note public key to securesystemslib's DSSE
// verifier, so that our envelopes are checked by code that is not ours.
type dsseVerifier struct {
	pub   ed25519.PublicKey
	keyID string
}

func (v dsseVerifier) Verify(_ context.Context, data, sig []byte) error {
	if !ed25519.Verify(v.pub, data, sig) {
		return errors.New("bad signature")
	}
	return nil
}
func (v dsseVerifier) KeyID() (string, error)   { return v.keyID, nil }
func (v dsseVerifier) Public() crypto.PublicKey { return v.pub }

// noteKey decodes a .vkey file by FORMAT.md §1 alone.
func noteKey(t *testing.T, name string) dsseVerifier {
	raw, err := os.ReadFile("testdata/keys/" + name + ".vkey")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(strings.TrimSpace(string(raw)), "+", 3)
	k, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(k) != 33 || k[0] != 1 {
		t.Fatalf("%s.vkey is not an Ed25519 note key", name)
	}
	return dsseVerifier{pub: k[1:], keyID: readSigner(t, name).KeyID()}
}

// TestVectorsInterop checks the good vectors with implementations that are
// not ours: securesystemslib's DSSE verifier for the signatures, and
// golang.org/x/mod/sumdb/tlog for the RFC 6962 leaf hash.
func TestVectorsInterop(t *testing.T) {
	for _, name := range []string{"good_claim", "good_member", "good_multisig", "good_restricted_request"} {
		var env dsse.Envelope
		if err := json.Unmarshal(must(os.ReadFile("testdata/"+name+".envelope.json")), &env); err != nil {
			t.Fatal(err)
		}
		var vs []dsse.Verifier
		for _, s := range strings.Fields(string(must(os.ReadFile("testdata/" + name + ".signers")))) {
			vs = append(vs, noteKey(t, s))
		}
		ev, err := dsse.NewMultiEnvelopeVerifier(len(vs), vs...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ev.Verify(context.Background(), &env); err != nil {
			t.Errorf("%s: securesystemslib rejects the envelope: %v", name, err)
		}
		leaf := must(os.ReadFile("testdata/" + name + ".leaf.json"))
		h := sumdbtlog.RecordHash(leaf)
		if got, want := hex.EncodeToString(h[:]), strings.TrimSpace(string(must(os.ReadFile("testdata/"+name+".leaf_hash.txt")))); got != want {
			t.Errorf("%s: sumdb/tlog leaf hash %s, vector %s", name, got, want)
		}
	}
}
