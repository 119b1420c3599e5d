package truce

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"
)

// A member authenticates a request in one of two ways (docs/FORMAT.md §8),
// both a signed note (golang.org/x/mod/sumdb/note) made with the member's
// key and carried, base64, in the Authorization header; no password is
// stored anywhere.
//
//   - "Truce-Signature ": the note binds the mechanism, the key, the method,
//     the request target, the time and a fresh nonce. It is good for that one
//     request, within RequestWindow of its time, once.
//   - "Truce-Token ": the note binds the mechanism, the key, the server's
//     host as the client addressed it, when it was issued, when it expires
//     (at most MaxTokenLifetime later) and a nonce. It is good for reads
//     (GET and HEAD) until it expires, so that a client reading many records
//     pays for one signature, and the server for one verification, rather
//     than one each. Naming the host keeps a server the client was tricked
//     into using from spending the client's token at the real one.
const (
	signatureScheme = "Truce-Signature "
	tokenScheme     = "Truce-Token "
	requestHeader   = "truce-request/v1"
	tokenHeader     = "truce-token/v1"
	// RequestWindow is how far a signed request's time, or a token's issue
	// time, may lie from the server's clock.
	RequestWindow = 2 * time.Minute
	// MaxTokenLifetime bounds how long a token is good for.
	MaxTokenLifetime = 10 * time.Minute
)

// Authorization is a parsed Authorization header: a signed request or a
// token.
type Authorization struct {
	// Token is true for a token, false for a signed request.
	Token         bool
	Origin, KeyID string
	// Host is a token's: the server's host, as NormalizeHost gives it.
	Host string
	// Method and Target are a signed request's.
	Method, Target string
	// Time is when the request was signed or the token issued.
	Time time.Time
	// Expires is when the server stops accepting it: a token's expiry, a
	// signed request's Time plus RequestWindow.
	Expires time.Time
	Nonce   string
	note    []byte
}

// SignRequest returns the Authorization header value for one request.
func SignRequest(s *Signer, origin, method, target string, now time.Time) (string, error) {
	return signAuthorization(s, signatureScheme, requestHeader, origin, method, target, now.UTC().Format(time.RFC3339))
}

// SignToken returns the Authorization header value of a token good for
// reads of origin's records, at the server addressed as host (a URL's
// host[:port]), from now until now+lifetime.
func SignToken(s *Signer, origin, host string, now time.Time, lifetime time.Duration) (string, error) {
	if lifetime <= 0 || lifetime > MaxTokenLifetime {
		return "", fmt.Errorf("token lifetime %v: must be positive and at most %v", lifetime, MaxTokenLifetime)
	}
	h := NormalizeHost(host)
	if !hostPattern.MatchString(h) {
		return "", fmt.Errorf("token host %q is not a host[:port]", host)
	}
	return signAuthorization(s, tokenScheme, tokenHeader, origin, h, now.UTC().Format(time.RFC3339), now.Add(lifetime).UTC().Format(time.RFC3339))
}

// NormalizeHost is host as tokens name it: lower case, without a trailing
// dot or the default HTTP and HTTPS ports, so that the URL a client used
// and the Host header a server sees compare equal.
func NormalizeHost(host string) string {
	h := strings.ToLower(host)
	h = strings.TrimSuffix(strings.TrimSuffix(h, ":80"), ":443")
	return strings.TrimSuffix(h, ".")
}

// hostPattern is a host name, an IPv4 address or a bracketed IPv6 address,
// with an optional port.
var hostPattern = regexp.MustCompile(`^([a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?|\[[0-9a-f:.]{2,45}\])(:[0-9]{1,5})?$`)

func signAuthorization(s *Signer, scheme, header string, fields ...string) (string, error) {
	nonce := make([]byte, 16)
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	lines := append([]string{header, fields[0], s.keyID}, fields[1:]...)
	text := strings.Join(append(lines, hex.EncodeToString(nonce)), "\n") + "\n"
	ns, err := note.NewSigner(s.skey)
	if err != nil {
		return "", err
	}
	signed, err := note.Sign(&note.Note{Text: text}, ns)
	if err != nil {
		return "", err
	}
	return scheme + base64.StdEncoding.EncodeToString(signed), nil
}

// ParseAuthorization parses an Authorization header value without checking
// its signature.
func ParseAuthorization(header string) (*Authorization, error) {
	token, first := false, requestHeader
	b64, ok := strings.CutPrefix(header, signatureScheme)
	if !ok {
		if b64, ok = strings.CutPrefix(header, tokenScheme); !ok {
			return nil, refuse(Invalid, "Authorization", "is not a %q or %q header", strings.TrimSpace(signatureScheme), strings.TrimSpace(tokenScheme))
		}
		token, first = true, tokenHeader
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
	want, what := 7, "request signature"
	if token {
		what = "token"
	}
	if lines[0] != first {
		return nil, refuse(Invalid, "Authorization", "is not a %s %s: its first line is %.40q", first, what, lines[0])
	}
	if len(lines) != want {
		return nil, refuse(Invalid, "Authorization", "is not a %s %s: it has %d lines, not %d", first, what, len(lines), want)
	}
	a := &Authorization{Token: token, Origin: lines[1], KeyID: lines[2], Nonce: lines[want-1], note: raw}
	if !IsHexSHA256(a.KeyID) || len(a.Nonce) != 32 {
		return nil, refuse(Invalid, "Authorization", "key id or nonce is malformed")
	}
	if _, err := hex.DecodeString(a.Nonce); err != nil {
		return nil, refuse(Invalid, "Authorization", "nonce is not hex")
	}
	times := lines[5:6]
	if a.Token {
		a.Host, times = lines[3], lines[4:6]
		if !hostPattern.MatchString(a.Host) || NormalizeHost(a.Host) != a.Host {
			return nil, refuse(Invalid, "Authorization", "token host %.60q is not a normalized host[:port]", a.Host)
		}
	} else {
		a.Method, a.Target = lines[3], lines[4]
	}
	var parsed []time.Time
	for _, s := range times {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return nil, refuse(Invalid, "Authorization", "time %.64q is not RFC 3339", s)
		}
		parsed = append(parsed, t)
	}
	a.Time = parsed[0]
	if a.Token {
		a.Expires = parsed[1]
	} else {
		a.Expires = a.Time.Add(RequestWindow)
	}
	return a, nil
}

// Authenticate checks an Authorization header against the membership and
// the request it came with: its method, the server's host (the Host header,
// or the public host the server is configured with) and its target. A
// signed request's nonce is the caller's to refuse when replayed
// (Authorization.Nonce, until Expires); a token is verified once and
// remembered until it expires.
func (m *Mechanism) Authenticate(header, method, host, target string, now time.Time) (*Authorization, error) {
	if a, ok := m.tokens.get(header, now); ok {
		if err := tokenUse(a, method, host); err != nil {
			return nil, err
		}
		if _, err := m.activeKey(a.KeyID); err != nil {
			return nil, err
		}
		return a, nil
	}
	a, err := ParseAuthorization(header)
	if err != nil {
		return nil, err
	}
	if a.Origin != m.cfg.Origin {
		return nil, refuse(Forbidden, "Authorization", "is for mechanism %.64q, not %q", a.Origin, m.cfg.Origin)
	}
	if a.Token {
		if err := tokenUse(a, method, host); err != nil {
			return nil, err
		}
		switch {
		case !a.Expires.After(a.Time) || a.Expires.Sub(a.Time) > MaxTokenLifetime:
			return nil, refuse(Forbidden, "Authorization", "token is good from %s to %s: a token's lifetime is at most %v", a.Time.Format(time.RFC3339), a.Expires.Format(time.RFC3339), MaxTokenLifetime)
		case a.Time.After(now.Add(RequestWindow)):
			return nil, refuse(Forbidden, "Authorization", "token was issued at %s, in the future of the server's time", a.Time.Format(time.RFC3339))
		case !a.Expires.After(now):
			return nil, refuse(Forbidden, "Authorization", "token expired at %s", a.Expires.Format(time.RFC3339))
		}
	} else {
		switch {
		case a.Method != method || a.Target != target:
			return nil, refuse(Forbidden, "Authorization", "signs %.16q %.64q, not this request", a.Method, a.Target)
		case a.Time.Before(now.Add(-RequestWindow)) || a.Time.After(now.Add(RequestWindow)):
			return nil, refuse(Forbidden, "Authorization", "was signed at %s, outside %v of the server's time: expired or from the future", a.Time.Format(time.RFC3339), RequestWindow)
		}
	}
	k, err := m.activeKey(a.KeyID)
	if err != nil {
		return nil, err
	}
	v, err := k.noteVerifier()
	if err != nil {
		return nil, fmt.Errorf("member key %s: %v", a.KeyID, err)
	}
	if _, err := note.Open(a.note, note.VerifierList(v)); err != nil {
		return nil, refuse(Forbidden, "Authorization", "signature does not verify with key %s", a.KeyID)
	}
	if a.Token {
		m.tokens.put(header, a, now)
	}
	return a, nil
}

// tokenUse refuses a token for a write or for another server.
func tokenUse(a *Authorization, method, host string) error {
	if method != "GET" && method != "HEAD" {
		return refuse(Forbidden, "Authorization", "a token authenticates reads (GET, HEAD) only; sign this %s request", method)
	}
	if h := NormalizeHost(host); a.Host != h {
		return refuse(Forbidden, "Authorization", "token is for host %q, but this server is %q", a.Host, h)
	}
	return nil
}

// activeKey refuses a key that is not, or no longer, an active member's:
// a revocation ends its tokens at once.
// Member returns the member whose key keyID is, and false when keyID is
// not an active member's key (unknown, or revoked or rotated away).
func (m *Mechanism) Member(keyID string) (MemberBody, bool) {
	k, err := m.activeKey(keyID)
	if err != nil {
		return MemberBody{}, false
	}
	return k.member, true
}

func (m *Mechanism) activeKey(keyID string) (*memberKey, error) {
	m.mu.Lock()
	k, ok := m.st.keys[keyID]
	m.mu.Unlock()
	if !ok || k.revoked {
		return nil, refuse(Forbidden, "Authorization", "key %s is not an active member's key", keyID)
	}
	return k, nil
}

// noteVerifier is the member's key as a signed-note verifier, parsed once.
func (k *memberKey) noteVerifier() (note.Verifier, error) {
	k.noteOnce.Do(func() { k.note, k.noteErr = note.NewVerifier(k.verifier.String()) })
	return k.note, k.noteErr
}

// tokenCache remembers verified tokens, by their header, until they expire.
// Only a good signature by a member's key gets in, and it holds at most
// maxTokens: past that, tokens are verified on every use instead.
type tokenCache struct {
	mu    sync.Mutex
	m     map[string]*Authorization
	swept time.Time
}

const maxTokens = 1 << 16

func (c *tokenCache) get(header string, now time.Time) (*Authorization, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.m[header]
	if !ok || !a.Expires.After(now) {
		return nil, false
	}
	return a, true
}

func (c *tokenCache) put(header string, a *Authorization, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*Authorization{}
	}
	if now.Sub(c.swept) > time.Second { // forgetting is not urgent; once a second will do
		for h, t := range c.m {
			if !t.Expires.After(now) {
				delete(c.m, h)
			}
		}
		c.swept = now
	}
	if len(c.m) < maxTokens {
		c.m[header] = a
	}
}
