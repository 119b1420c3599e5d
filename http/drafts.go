package http

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/ingest"
)

// member authenticates a request that only members may make.
func (s *Server) member(w http.ResponseWriter, r *http.Request) (string, bool) {
	keyID, ok := s.reader(w, r)
	if ok && keyID == "" {
		writeJSON(w, http.StatusUnauthorized, errorBody{Error: "this needs a member's signed request or, to read, a member's token (docs/FORMAT.md §8)", Field: "Authorization"})
		return "", false
	}
	return keyID, ok
}

// queuedDraft is a draft waiting in the review queue.
type queuedDraft struct {
	ID    string        `json:"id"`
	Draft *ingest.Draft `json:"draft"`
}

// postImport drafts a document and queues the draft for review. Nothing
// is appended: a member accepts drafts by signing records made from them.
func (s *Server) postImport(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.member(w, r); !ok {
		return
	}
	q := r.URL.Query()
	name := q.Get("file")
	if name == "" {
		badRequest(w, "file", "the document's file name is required (it tells HTML from text)")
		return
	}
	var meta *ingest.Meta
	if q.Get("outlet")+q.Get("title")+q.Get("published")+q.Get("url") != "" {
		raw, _ := json.Marshal(ingest.Meta{Outlet: q.Get("outlet"), Title: q.Get("title"), Published: q.Get("published"), URL: q.Get("url")})
		m, err := ingest.ParseMeta(raw)
		if err != nil {
			badRequest(w, "meta", "%v", err)
			return
		}
		meta = m
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, ingest.MaxSize+1))
	if err != nil {
		badRequest(w, "", "reading the document: %v", err)
		return
	}
	d, err := ingest.Import(name, body, meta)
	if err != nil {
		status := http.StatusUnprocessableEntity
		if errors.Is(err, ingest.ErrTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		writeJSON(w, status, errorBody{Error: fmt.Sprintf("%s: %v; nothing was queued", name, err), Field: "file"})
		return
	}
	raw, _ := json.Marshal(d)
	if err := s.drafts.Put(d.Source.SHA256, raw); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, queuedDraft{ID: d.Source.SHA256, Draft: d})
}

// getDrafts lists the review queue, to members.
func (s *Server) getDrafts(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.member(w, r); !ok {
		return
	}
	names, err := s.drafts.List()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items := []queuedDraft{}
	for _, n := range names {
		raw, err := s.drafts.Get(n)
		if err != nil {
			continue // taken off the queue meanwhile
		}
		var d ingest.Draft
		if err := json.Unmarshal(raw, &d); err != nil {
			s.fail(w, r, fmt.Errorf("draft %s: %v", n, err))
			return
		}
		items = append(items, queuedDraft{ID: n, Draft: &d})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// deleteDraft takes a draft off the queue, once accepted or rejected.
func (s *Server) deleteDraft(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.member(w, r); !ok {
		return
	}
	id := r.PathValue("id")
	if !truce.IsHexSHA256(id) {
		badRequest(w, "id", "%q is not a draft id", id)
		return
	}
	if _, err := s.drafts.Get(id); err != nil {
		writeJSON(w, http.StatusNotFound, errorBody{Error: "no such draft in the queue", Field: "id"})
		return
	}
	if err := s.drafts.Delete(id); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
