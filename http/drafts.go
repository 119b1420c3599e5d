package http

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

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
	// ImportedBy is the key id of the member who queued it, when known.
	ImportedBy string `json:"imported_by,omitempty"`
}

// storedDraft is a queued draft as the queue keeps it: the draft's own
// members, and the key id of the member who queued it.
type storedDraft struct {
	*ingest.Draft
	ImportedBy string `json:"imported_by,omitempty"`
}

// getDraft reads a queued draft; ok is false when it is not queued.
func (s *Server) getDraft(id string) (d *storedDraft, ok bool, err error) {
	raw, err := s.drafts.Get(id)
	if err != nil {
		return nil, false, nil // not queued, or taken off the queue meanwhile
	}
	d = &storedDraft{}
	if err := json.Unmarshal(raw, d); err != nil || d.Draft == nil {
		return nil, false, fmt.Errorf("draft %s: unreadable (%v)", id, err)
	}
	return d, true, nil
}

// postImport drafts a document and queues the draft for review. Nothing
// is appended: a member accepts drafts by signing records made from them.
func (s *Server) postImport(w http.ResponseWriter, r *http.Request) {
	keyID, ok := s.member(w, r)
	if !ok {
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
			badRequest(w, "meta", "%v", err) // ParseMeta quotes at most 64 bytes of a value
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
		writeJSON(w, status, errorBody{Error: fmt.Sprintf("%s: %v; nothing was queued", quote(name), err), Field: "file"})
		return
	}
	raw, _ := json.Marshal(storedDraft{Draft: d, ImportedBy: keyID})
	if err := s.drafts.Put(d.Source.SHA256, raw); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, queuedDraft{ID: d.Source.SHA256, Draft: d, ImportedBy: keyID})
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
		d, ok, err := s.getDraft(n)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if ok {
			items = append(items, queuedDraft{ID: n, Draft: d.Draft, ImportedBy: d.ImportedBy})
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// deleteDraft takes a draft off the queue, once accepted or rejected. Only
// the member who imported it, the member who accepted it (?accepted=INDEX:
// the index of a source or claim record that member signed from it), a
// mediator or the admin may; each deletion is logged, saying by whom and
// why.
func (s *Server) deleteDraft(w http.ResponseWriter, r *http.Request) {
	keyID, ok := s.member(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	if !truce.IsHexSHA256(id) {
		badRequest(w, "id", "%s is not a draft id", quote(id))
		return
	}
	d, ok, err := s.getDraft(id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !ok {
		writeJSON(w, http.StatusNotFound, errorBody{Error: "no such draft in the queue", Field: "id"})
		return
	}
	who, ok := s.mech.Member(keyID)
	if !ok { // revoked since it authenticated
		writeJSON(w, http.StatusForbidden, errorBody{Error: fmt.Sprintf("key %s is not an active member's key", keyID), Field: "Authorization"})
		return
	}
	var why string
	if v, given := r.URL.Query()["accepted"]; given {
		i, err := strconv.ParseUint(v[0], 10, 64)
		if err != nil || len(v) > 1 {
			badRequest(w, "accepted", "%s is not the log index of a record accepted from this draft", quote(v[0]))
			return
		}
		if problem, err := s.acceptedFrom(r.Context(), keyID, who.ID, id, d, i); err != nil {
			s.fail(w, r, err)
			return
		} else if problem != "" {
			writeJSON(w, http.StatusForbidden, errorBody{Error: fmt.Sprintf("accepted=%d: %s; %s", i, problem, mayDelete(d)), Field: "accepted"})
			return
		}
		why = fmt.Sprintf("accepted as record %d", i)
	} else {
		switch {
		case d.ImportedBy != "" && d.ImportedBy == keyID:
			why = "importer"
		case who.Role == "mediator" || who.Role == "admin":
			why = who.Role
		default:
			writeJSON(w, http.StatusForbidden, errorBody{Error: fmt.Sprintf("member %s may not delete this draft: %s", who.ID, mayDelete(d)), Field: "Authorization"})
			return
		}
	}
	if err := s.drafts.Delete(id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.logger.InfoContext(r.Context(), "draft deleted", "draft", id, "member", who.ID, "key", keyID, "why", why, "at", time.Now().UTC().Format(time.RFC3339))
	w.WriteHeader(http.StatusNoContent)
}

// mayDelete says who may delete draft d.
func mayDelete(d *storedDraft) string {
	importer := "the member who imported it"
	if d.ImportedBy != "" {
		importer += " (key " + d.ImportedBy + ")"
	}
	return importer + ", the member who accepted it (with ?accepted= the index of a source or claim record it signed from the draft), a mediator or the admin may delete it"
}

// acceptedFrom checks that the record at index i was signed with keyID,
// member's key, and made from draft d, queued as id: a source whose
// sha256 is the draft's, or a claim saying one of the draft's claims. It
// returns what is wrong, or "".
func (s *Server) acceptedFrom(ctx context.Context, keyID, member, id string, d *storedDraft, i uint64) (problem string, err error) {
	size, err := s.log.Size(ctx)
	if err != nil {
		return "", err
	}
	if i >= size {
		return fmt.Sprintf("log index %d does not exist (the log has %d entries)", i, size), nil
	}
	out, allowed, err := s.entry(ctx, keyID, i)
	if err != nil {
		return "", err
	}
	env, _ := out["envelope"].(*truce.Envelope)
	if !allowed || env == nil {
		return fmt.Sprintf("log entry %d is not a record you can read", i), nil
	}
	if !slices.Contains(env.KeyIDs(), keyID) {
		return fmt.Sprintf("record %d is not signed by member %s", i, member), nil
	}
	var rec struct {
		Type string
		Body struct{ SHA256, Text string }
	}
	if err := json.Unmarshal(env.Payload(), &rec); err != nil {
		return "", fmt.Errorf("record %d: %v", i, err)
	}
	switch rec.Type {
	case "source":
		if rec.Body.SHA256 == id {
			return "", nil
		}
		return fmt.Sprintf("source %d is not the draft's: its sha256 differs", i), nil
	case "claim":
		for _, c := range d.Claims {
			if c.Text == rec.Body.Text {
				return "", nil
			}
		}
		return fmt.Sprintf("claim %d is none of the draft's claims", i), nil
	}
	return fmt.Sprintf("record %d is a %s, not a source or claim", i, rec.Type), nil
}
