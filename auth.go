package truce

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
)

// A member authenticates a request by signing it: the Authorization header
// carries "Truce-Signature " and the base64 of a signed note (the
// signed-note format of golang.org/x/mod/sumdb/note, signed with the
// member's key) whose text binds the mechanism, the key, the method, the
// request target, the time and a fresh nonce, one per line. No password is
// stored anywhere; a signature is good for one request, within
// RequestWindow of its time, once.
const (
	requestScheme = "Truce-Signature "
	requestHeader = "truce-request/v1"
	// RequestWindow is how far a signed request's time may lie from the
	// server's clock.
	RequestWindow = 2 * time.Minute
)

// SignedRequest is a parsed, not yet verified, request signature.
type SignedRequest struct {
	Origin, KeyID, Method, Target, Nonce string
	Time                                 time.Time
	note                                 []byte
}

// SignRequest returns the Authorization header value for a request.
func SignRequest(s *Signer, origin, method, target string, now time.Time) (string, error) {
	nonce := make([]byte, 16)
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	text := strings.Join([]string{requestHeader, origin, s.keyID, method, target, now.UTC().Format(time.RFC3339), hex.EncodeToString(nonce)}, "\n") + "\n"
	ns, err := note.NewSigner(s.skey)
	if err != nil {
		return "", err
	}
	signed, err := note.Sign(&note.Note{Text: text}, ns)
	if err != nil {
		return "", err
	}
	return requestScheme + base64.StdEncoding.EncodeToString(signed), nil
}

// ParseRequestSignature parses an Authorization header value without
// checking the signature.
func ParseRequestSignature(header string) (*SignedRequest, error) {
	b64, ok := strings.CutPrefix(header, requestScheme)
	if !ok {
		return nil, refuse(Invalid, "Authorization", "is not a %q header", strings.TrimSpace(requestScheme))
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) > 4096 {
		return nil, refuse(Invalid, "Authorization", "is not the base64 of a signed note")
	}
	text, _, ok := strings.Cut(string(raw), "\n\n")
	if !ok {
		return nil, refuse(Invalid, "Authorization", "is not a signed note")
	}
	lines := strings.Split(text, "\n")
	if len(lines) != 7 || lines[0] != requestHeader {
		return nil, refuse(Invalid, "Authorization", "is not a %s request signature", requestHeader)
	}
	t, err := time.Parse(time.RFC3339, lines[5])
	if err != nil {
		return nil, refuse(Invalid, "Authorization", "time %q is not RFC 3339", lines[5])
	}
	if !keyIDPattern.MatchString(lines[2]) || len(lines[6]) != 32 {
		return nil, refuse(Invalid, "Authorization", "key id or nonce is malformed")
	}
	if _, err := hex.DecodeString(lines[6]); err != nil {
		return nil, refuse(Invalid, "Authorization", "nonce is not hex")
	}
	return &SignedRequest{Origin: lines[1], KeyID: lines[2], Method: lines[3], Target: lines[4], Time: t, Nonce: lines[6], note: raw}, nil
}

// Authenticate checks a request signature against the membership and the
// request it came with, and returns the signer's key id. The caller keeps
// nonces to refuse replays (see Nonces).
func (m *Mechanism) Authenticate(header, method, target string, now time.Time) (*SignedRequest, error) {
	sr, err := ParseRequestSignature(header)
	if err != nil {
		return nil, err
	}
	switch {
	case sr.Origin != m.cfg.Origin:
		return nil, refuse(Forbidden, "Authorization", "is for mechanism %q, not %q", sr.Origin, m.cfg.Origin)
	case sr.Method != method || sr.Target != target:
		return nil, refuse(Forbidden, "Authorization", "signs %s %s, not this request", sr.Method, sr.Target)
	case sr.Time.Before(now.Add(-RequestWindow)) || sr.Time.After(now.Add(RequestWindow)):
		return nil, refuse(Forbidden, "Authorization", "was signed at %s, outside %v of the server's time: expired or from the future", sr.Time.Format(time.RFC3339), RequestWindow)
	}
	m.mu.Lock()
	k, ok := m.st.keys[sr.KeyID]
	m.mu.Unlock()
	if !ok || k.revoked {
		return nil, refuse(Forbidden, "Authorization", "key %s is not an active member's key", sr.KeyID)
	}
	v, err := k.noteVerifier()
	if err != nil {
		return nil, fmt.Errorf("member key %s: %v", sr.KeyID, err)
	}
	if _, err := note.Open(sr.note, note.VerifierList(v)); err != nil {
		return nil, refuse(Forbidden, "Authorization", "signature does not verify with key %s", sr.KeyID)
	}
	return sr, nil
}

// noteVerifier is the member's key as a signed-note verifier, parsed once.
func (k *memberKey) noteVerifier() (note.Verifier, error) {
	k.noteOnce.Do(func() { k.note, k.noteErr = note.NewVerifier(k.verifier.String()) })
	return k.note, k.noteErr
}
