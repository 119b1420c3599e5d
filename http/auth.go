package http

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
)

// nonces remembers the nonces of signed requests (tokens have none to
// spend: they are good until they expire) for as long as their
// signatures could be accepted, so that each is accepted once. It forgets
// them when the server stops, so it accepts no request signed before it
// was made (since): one used before a restart cannot be used again.
type nonces struct {
	since time.Time
	mu    sync.Mutex
	seen  map[string]time.Time // nonce to when it can be forgotten
	swept time.Time
	// kept, when set, keeps the nonces of requests that change something
	// across restarts: one signed ahead of the server's clock is after its
	// start, yet may have been used before it.
	kept NonceKeeper
}

// NonceKeeper keeps nonces durably until they expire (files.NonceLog).
type NonceKeeper interface {
	Add(nonce string, until time.Time) error
}

var _ NonceKeeper = (*files.NonceLog)(nil)

// KeepNonces has the server note the nonce of every signed request that
// changes something in k before serving it, and refuse the nonces in seen
// (those k kept before a restart, with their expiry).
func (s *Server) KeepNonces(k NonceKeeper, seen map[string]time.Time) {
	s.nonces.mu.Lock()
	defer s.nonces.mu.Unlock()
	s.nonces.kept = k
	if s.nonces.seen == nil {
		s.nonces.seen = map[string]time.Time{}
	}
	for n, until := range seen {
		s.nonces.seen[n] = until
	}
}

func (n *nonces) use(nonce string, until, now time.Time) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.seen == nil {
		n.seen = map[string]time.Time{}
	}
	if now.Sub(n.swept) > time.Second { // forgetting is not urgent; once a second will do
		for k, until := range n.seen {
			if until.Before(now) {
				delete(n.seen, k)
			}
		}
		n.swept = now
	}
	if _, dup := n.seen[nonce]; dup {
		return false
	}
	n.seen[nonce] = until
	return true
}

// reader authenticates the member making the request, by its signature or
// token. It answers 401 and returns ok false when an Authorization header
// is present but not good; a request without one is anonymous (keyID "").
func (s *Server) reader(w http.ResponseWriter, r *http.Request) (keyID string, ok bool) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", true
	}
	now := time.Now()
	host := r.Host
	if s.PublicHost != "" {
		host = s.PublicHost
	}
	a, err := s.mech.Authenticate(h, r.Method, host, r.URL.RequestURI(), now)
	if err != nil {
		if e, isRefusal := truce.AsError(err); isRefusal {
			writeJSON(w, http.StatusUnauthorized, errorBody{Error: e.Msg, Field: e.Field})
			return "", false
		}
		s.fail(w, r, err)
		return "", false
	}
	// A signed time has whole seconds: one in the second the server
	// started may be just after it.
	if started := s.nonces.since.Truncate(time.Second); !a.Token && a.Time.Before(started) {
		writeJSON(w, http.StatusUnauthorized, errorBody{Error: fmt.Sprintf("this request was signed at %s, before this server started at %s: sign it again",
			a.Time.Format(time.RFC3339), started.UTC().Format(time.RFC3339)), Field: "Authorization"})
		return "", false
	}
	if !a.Token && !s.nonces.use(a.Nonce, a.Expires, now) {
		writeJSON(w, http.StatusUnauthorized, errorBody{Error: "this signed request was already used (replay)", Field: "Authorization"})
		return "", false
	}
	if k := s.nonces.kept; k != nil && !a.Token && r.Method != http.MethodGet && r.Method != http.MethodHead {
		if err := k.Add(a.Nonce, a.Expires); err != nil {
			s.fail(w, r, fmt.Errorf("keeping the request's nonce: %v", err))
			return "", false
		}
	}
	return a.KeyID, true
}
