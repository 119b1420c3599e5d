package truce_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
)

// FuzzParseAuthorization: no Authorization header panics the parser,
// refusals name the header, and what parses has well-formed fields.
func FuzzParseAuthorization(f *testing.F) {
	s := readSigner(f, "admin")
	at := time.Date(2025, 11, 7, 12, 0, 0, 0, time.UTC)
	h, err := truce.SignRequest(s, "truce.test/o", "GET", "/api/v1/records/3?x=1", at)
	if err != nil {
		f.Fatal(err)
	}
	tok, err := truce.SignToken(s, "truce.test/o", "truce.example", at, 5*time.Minute)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(h)
	f.Add(tok)
	f.Add("Truce-Signature " + base64.StdEncoding.EncodeToString([]byte("truce-request/v1\no\nk\nGET\n/\n2025-11-07T12:00:00Z\nn\n\n— k sig\n")))
	f.Add("Truce-Token " + base64.StdEncoding.EncodeToString([]byte("truce-token/v1\no\nk\nh\n2025-11-07T12:00:00Z\n2025-11-07T12:05:00Z\nn\n\n— k sig\n")))
	f.Add("Bearer x")
	f.Fuzz(func(t *testing.T, header string) {
		a, err := truce.ParseAuthorization(header)
		if err != nil {
			if e, ok := truce.AsError(err); !ok || e.Field != "Authorization" {
				t.Fatalf("error %v does not name the Authorization header", err)
			}
			return
		}
		if len(a.KeyID) != 64 || len(a.Nonce) != 32 || strings.Contains(a.Target, "\n") || a.Token != strings.HasPrefix(header, "Truce-Token ") {
			t.Fatalf("parsed %+v", a)
		}
	})
}

// TestParseAuthorization checks that both kinds of header carry what was
// signed into them.
func TestParseAuthorization(t *testing.T) {
	s := readSigner(t, "monitor")
	at := time.Date(2025, 11, 7, 12, 0, 0, 0, time.UTC)
	h, _ := truce.SignRequest(s, "truce.test/o", "GET", "/api/v1/records/3?x=1", at)
	a, err := truce.ParseAuthorization(h)
	if err != nil || a.Token || a.Origin != "truce.test/o" || a.KeyID != s.KeyID() || a.Method != "GET" || a.Target != "/api/v1/records/3?x=1" ||
		!a.Time.Equal(at) || !a.Expires.Equal(at.Add(truce.RequestWindow)) {
		t.Fatalf("signed request: %+v, %v", a, err)
	}
	tok, _ := truce.SignToken(s, "truce.test/o", "truce.example", at, 5*time.Minute)
	a, err = truce.ParseAuthorization(tok)
	if err != nil || !a.Token || a.Origin != "truce.test/o" || a.KeyID != s.KeyID() || a.Host != "truce.example" || a.Method != "" || !a.Time.Equal(at) || !a.Expires.Equal(at.Add(5*time.Minute)) {
		t.Fatalf("token: %+v, %v", a, err)
	}
	if _, err := truce.SignToken(s, "truce.test/o", "truce.example", at, time.Hour); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Fatalf("an hour-long token was signed: %v", err)
	}
	if _, err := truce.SignToken(s, "truce.test/o", "truce.example/path", at, time.Minute); err == nil || !strings.Contains(err.Error(), "host") {
		t.Fatalf("a token for a host with a path was signed: %v", err)
	}
	for in, want := range map[string]string{"Truce.Example:443": "truce.example", "truce.example.:80": "truce.example", "127.0.0.1:8080": "127.0.0.1:8080", "[::1]:443": "[::1]"} {
		if got := truce.NormalizeHost(in); got != want {
			t.Errorf("NormalizeHost(%q) = %q, want %q", in, got, want)
		}
	}
}
