package truce_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/truce-dev/truce"
)

var update = flag.Bool("update", false, "rewrite the test vectors under testdata/")

// checkVector compares got with testdata/name byte for byte, or writes it
// with -update.
func checkVector(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: got\n%s\nwant\n%s", name, got, want)
	}
}

// TestGoodVectors signs each testdata/good_*.record.json with the keys its
// .signers file names and checks the envelope, the leaf and the leaf hash
// byte for byte. A .salt file makes it a restricted record.
func TestGoodVectors(t *testing.T) {
	records, _ := filepath.Glob("testdata/good_*.record.json")
	if len(records) < 4 {
		t.Fatalf("found %d good vectors, want at least 4", len(records))
	}
	for _, path := range records {
		name := strings.TrimSuffix(filepath.Base(path), ".record.json")
		t.Run(name, func(t *testing.T) {
			rec, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			signers, err := os.ReadFile(filepath.Join("testdata", name+".signers"))
			if err != nil {
				t.Fatal(err)
			}
			var env *truce.Envelope
			for _, s := range strings.Fields(string(signers)) {
				if env == nil {
					env, err = truce.SignRecord(rec, readSigner(t, s))
					if err != nil {
						t.Fatal(err)
					}
				} else {
					env.Sign(readSigner(t, s))
				}
			}
			checkVector(t, name+".envelope.json", env.Canonical())

			// A verifier reading the envelope back gets the same bytes and a
			// record that parses.
			back, err := truce.ParseEnvelope(env.Canonical())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(back.Canonical(), env.Canonical()) {
				t.Error("envelope does not survive a round trip")
			}
			r, err := truce.ParseRecord(back.Payload())
			if err != nil {
				t.Fatal(err)
			}
			var leaf []byte
			if saltHex, err := os.ReadFile(filepath.Join("testdata", name+".salt")); err == nil {
				salt, err := hex.DecodeString(strings.TrimSpace(string(saltHex)))
				if err != nil {
					t.Fatal(err)
				}
				if leaf, err = truce.NewRestrictedLeaf(back, r, salt); err != nil {
					t.Fatal(err)
				}
				if bytes.Contains(leaf, r.Body) || bytes.Contains(leaf, []byte(base64.StdEncoding.EncodeToString(back.Payload()))) {
					t.Error("restricted leaf carries the body")
				}
			} else {
				leaf = truce.PublicLeaf(back)
			}
			checkVector(t, name+".leaf.json", leaf)
			checkVector(t, name+".leaf_hash.txt", []byte(hex.EncodeToString(rfc6962.DefaultHasher.HashLeaf(leaf))+"\n"))
			if _, err := truce.ParseLeaf(leaf); err != nil {
				t.Errorf("ParseLeaf: %v", err)
			}
			for _, s := range strings.Fields(string(signers)) {
				if err := back.Verify(readSigner(t, s).Verifier()); err != nil {
					t.Errorf("signature by %s: %v", s, err)
				}
			}
		})
	}
}

// failVectors says how each testdata/fail_*.json was made from the good
// claim vector; -update rewrites them from this table.
var failVectors = map[string]func(t *testing.T) []byte{
	"fail_malformed_json": func(t *testing.T) []byte {
		return []byte(`{"payloadType": "application/vnd.truce.record+json", "payload": `)
	},
	"fail_payload_type": func(t *testing.T) []byte {
		return mutateEnvelope(t, func(m map[string]any) { m["payloadType"] = "application/vnd.in-toto+json" })
	},
	"fail_no_signatures": func(t *testing.T) []byte {
		return mutateEnvelope(t, func(m map[string]any) { m["signatures"] = []any{} })
	},
	"fail_keyid": func(t *testing.T) []byte {
		return mutateEnvelope(t, func(m map[string]any) { m["signatures"].([]any)[0].(map[string]any)["keyid"] = "admin" })
	},
	"fail_sig_base64": func(t *testing.T) []byte {
		return mutateEnvelope(t, func(m map[string]any) { m["signatures"].([]any)[0].(map[string]any)["sig"] = "not base64!" })
	},
	"fail_unknown_envelope_field": func(t *testing.T) []byte {
		return mutateEnvelope(t, func(m map[string]any) { m["signed_by"] = "admin" })
	},
	"fail_noncanonical_payload": func(t *testing.T) []byte {
		return signedPayload(t, []byte(`{"v": 1, "type": "claim"}`))
	},
	"fail_unknown_type": func(t *testing.T) []byte { return mutateRecord(t, func(m map[string]any) { m["type"] = "rumour" }) },
	"fail_version":      func(t *testing.T) []byte { return mutateRecord(t, func(m map[string]any) { m["v"] = 2 }) },
	"fail_created": func(t *testing.T) []byte {
		return mutateRecord(t, func(m map[string]any) { m["created"] = "2025-11-07 10:00" })
	},
	"fail_visibility": func(t *testing.T) []byte {
		return mutateRecord(t, func(m map[string]any) { m["visibility"] = "secret" })
	},
	"fail_audience": func(t *testing.T) []byte {
		return mutateRecord(t, func(m map[string]any) { m["visibility"] = "addressed" })
	},
	"fail_refs": func(t *testing.T) []byte { return mutateRecord(t, func(m map[string]any) { m["refs"] = []any{0, -1} }) },
	"fail_body": func(t *testing.T) []byte { return mutateRecord(t, func(m map[string]any) { m["body"] = "text" }) },
	"fail_unknown_field": func(t *testing.T) []byte {
		return mutateRecord(t, func(m map[string]any) { m["author"] = "admin" })
	},
}

func goodEnvelope(t *testing.T) map[string]any {
	raw, err := os.ReadFile("testdata/good_claim.envelope.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func mutateEnvelope(t *testing.T, f func(map[string]any)) []byte {
	m := goodEnvelope(t)
	f(m)
	b, _ := json.Marshal(m)
	return b
}

func mutateRecord(t *testing.T, f func(map[string]any)) []byte {
	raw, err := os.ReadFile("testdata/good_claim.record.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, _ := json.Marshal(m)
	env, err := truce.SignRecord(b, readSigner(t, "admin"))
	if err != nil {
		t.Fatal(err)
	}
	return env.Canonical()
}

// signedPayload signs payload exactly as given, canonical or not.
func signedPayload(t *testing.T, payload []byte) []byte {
	env, err := truce.SignRecord([]byte(`{}`), readSigner(t, "admin"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{}
	json.Unmarshal(env.Canonical(), &m)
	m["payload"] = base64.StdEncoding.EncodeToString(payload)
	b, _ := json.Marshal(m)
	return b
}

// decodeEnvelope is what a server does with an untrusted envelope before it
// looks at membership: parse the envelope, then the record.
func decodeEnvelope(data []byte) error {
	env, err := truce.ParseEnvelope(data)
	if err != nil {
		return err
	}
	_, err = truce.ParseRecord(env.Payload())
	return err
}

// TestFailVectors checks that each testdata/fail_*.json is refused with
// the error in its .err file, byte for byte.
func TestFailVectors(t *testing.T) {
	if *update {
		for name, make := range failVectors {
			os.WriteFile(filepath.Join("testdata", name+".json"), make(t), 0o644)
		}
	}
	files, _ := filepath.Glob("testdata/fail_*.json")
	if len(files) != len(failVectors) {
		t.Fatalf("found %d fail vectors, the table has %d", len(files), len(failVectors))
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			err = decodeEnvelope(data)
			if err == nil {
				t.Fatal("accepted")
			}
			if _, ok := truce.AsError(err); !ok {
				t.Errorf("error %q is not a *truce.Error naming a field", err)
			}
			checkVector(t, name+".err", []byte(err.Error()+"\n"))
		})
	}
}
