package http

import (
	"errors"
	"net/http"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
)

// Texts keeps the extracted texts of accepted sources by SHA-256
// (docs/FORMAT.md §10): public ones, and the others with the sources they
// were kept for.
type Texts interface {
	Keep(text []byte, public bool, source uint64) (name string, err error)
	// Text is files.ErrNotFound for a text never kept.
	Text(name string) (text []byte, public bool, sources []uint64, err error)
}

var _ Texts = (*files.Texts)(nil)

// KeepTexts has the server keep the text of each source accepted from a
// draft in t, and serve it at GET /api/v1/texts/{sha256}.
func (s *Server) KeepTexts(t Texts) { s.texts = t }

// getText serves a kept text: a public one to anyone, any other to a
// member who may read a source record it was kept for. Everyone else gets
// the answer a text never kept gets, so that no one learns which texts are
// kept.
func (s *Server) getText(w http.ResponseWriter, r *http.Request) {
	name, keyID, ok := s.fileReader(w, r)
	if !ok {
		return
	}
	notFound := func() {
		writeJSON(w, http.StatusNotFound, errorBody{Error: "no kept text with this SHA-256 that you may read", Field: "sha256"})
	}
	if s.texts == nil {
		notFound()
		return
	}
	text, public, sources, err := s.texts.Text(name)
	if errors.Is(err, files.ErrNotFound) {
		notFound()
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	cache := "public, max-age=31536000, immutable" // content-addressed
	if !public {
		readable := false
		for _, i := range sources {
			if keyID == "" {
				break
			}
			out, allowed, err := s.entry(r.Context(), keyID, i)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			if _, ok := out["envelope"].(*truce.Envelope); allowed && ok {
				readable = true
				break
			}
		}
		if !readable {
			notFound()
			return
		}
		cache = "private, no-store"
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-SHA256", name)
	w.Header().Set("Cache-Control", cache)
	w.Write(text)
}
