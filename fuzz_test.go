package truce_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/gowebpki/jcs"
	"github.com/truce-dev/truce"
)

func addTestdata(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join("testdata", pattern))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzParseEnvelope: no input panics, and an accepted envelope's normal
// form is a fixed point.
func FuzzParseEnvelope(f *testing.F) {
	addTestdata(f, "good_*.envelope.json")
	addTestdata(f, "fail_*.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := truce.ParseEnvelope(data)
		if err != nil {
			if _, ok := truce.AsError(err); !ok {
				t.Fatalf("error %v is not a *truce.Error", err)
			}
			return
		}
		if c, err := jcs.Transform(e.Canonical()); err != nil || !bytes.Equal(c, e.Canonical()) {
			t.Fatalf("canonical bytes %s are not RFC 8785 canonical (%s, %v)", e.Canonical(), c, err)
		}
		if leaf := truce.PublicLeaf(e); !bytes.Equal(must(jcs.Transform(leaf)), leaf) {
			t.Fatalf("public leaf %s is not canonical", leaf)
		}
		again, err := truce.ParseEnvelope(e.Canonical())
		if err != nil {
			t.Fatalf("normal form %s refused: %v", e.Canonical(), err)
		}
		if !bytes.Equal(again.Canonical(), e.Canonical()) || again.Hash() != e.Hash() {
			t.Fatalf("normal form is not stable: %s vs %s", again.Canonical(), e.Canonical())
		}
		if len(e.KeyIDs()) == 0 {
			t.Fatal("accepted an envelope without signatures")
		}
	})
}

// FuzzParseRecord: no payload panics, and an accepted record has the
// fields every record must have.
func FuzzParseRecord(f *testing.F) {
	for _, p := range []string{"good_claim", "good_member", "good_multisig", "good_restricted_request"} {
		e, err := truce.ParseEnvelope(must(os.ReadFile("testdata/" + p + ".envelope.json")))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(e.Payload())
	}
	f.Add([]byte(`{"body":{},"created":"2025-11-07T12:00:00Z","mechanism":"m","refs":[1e3],"type":"claim","v":1,"visibility":"public"}`))
	f.Fuzz(func(t *testing.T, payload []byte) {
		r, err := truce.ParseRecord(payload)
		if err != nil {
			if _, ok := truce.AsError(err); !ok {
				t.Fatalf("error %v is not a *truce.Error", err)
			}
			return
		}
		if r.Type == "" || r.V != 1 || r.Created == "" || r.Visibility == "" || len(r.Body) == 0 || r.Body[0] != '{' {
			t.Fatalf("accepted an incomplete record %+v", r)
		}
		if (r.Visibility == truce.Addressed) != (len(r.Audience) > 0) {
			t.Fatalf("audience %v with visibility %s", r.Audience, r.Visibility)
		}
	})
}

// FuzzParseLeaf: no entry panics, and an accepted public leaf is exactly
// the leaf its envelope forms.
func FuzzParseLeaf(f *testing.F) {
	addTestdata(f, "good_*.leaf.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := truce.ParseLeaf(data)
		if err != nil {
			return
		}
		if (l.Envelope == nil) == (l.Restricted == nil) {
			t.Fatal("a leaf must be public or restricted")
		}
		if l.Envelope != nil && !bytes.Equal(truce.PublicLeaf(l.Envelope), data) {
			t.Fatalf("leaf %s re-forms as %s", data, truce.PublicLeaf(l.Envelope))
		}
	})
}

var keyIDRe = regexp.MustCompile(`^[0-9a-f]{64}$`)

// FuzzParseKeys: no key file panics either parser, and accepted keys have
// well-formed ids.
func FuzzParseKeys(f *testing.F) {
	addTestdata(f, "keys/*")
	f.Add([]byte("PRIVATE+KEY+a+00000000+AQ=="))
	f.Fuzz(func(t *testing.T, data []byte) {
		if v, err := truce.ParseVerifier(string(data)); err == nil && !keyIDRe.MatchString(v.KeyID()) {
			t.Fatalf("key id %q", v.KeyID())
		}
		if s, err := truce.ParseSigner(string(data)); err == nil {
			if s.KeyID() != s.Verifier().KeyID() {
				t.Fatal("signer and its verifier disagree on the key id")
			}
			if _, err := truce.ParseVerifier(s.Verifier().String()); err != nil {
				t.Fatalf("a signer's verifier does not parse: %v", err)
			}
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
