package truce_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
)

// FuzzParseRequestSignature: no Authorization header panics the parser,
// refusals name the header, and what parses round-trips its fields.
func FuzzParseRequestSignature(f *testing.F) {
	s := readSigner(f, "admin")
	h, err := truce.SignRequest(s, "truce.test/o", "GET", "/api/v1/records/3?x=1", time.Date(2025, 11, 7, 12, 0, 0, 0, time.UTC))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(h)
	f.Add("Truce-Signature " + base64.StdEncoding.EncodeToString([]byte("truce-request/v1\no\nk\nGET\n/\n2025-11-07T12:00:00Z\nn\n\n— k sig\n")))
	f.Add("Bearer x")
	f.Fuzz(func(t *testing.T, header string) {
		sr, err := truce.ParseRequestSignature(header)
		if err != nil {
			if e, ok := truce.AsError(err); !ok || e.Field != "Authorization" {
				t.Fatalf("error %v does not name the Authorization header", err)
			}
			return
		}
		if len(sr.KeyID) != 64 || len(sr.Nonce) != 32 || strings.Contains(sr.Target, "\n") {
			t.Fatalf("parsed %+v", sr)
		}
	})
}
