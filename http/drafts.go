package http

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
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
	// AcceptedDuplicates are the draft's duplicates already accepted as
	// sources, most similar first: what its source is the same statement
	// as.
	AcceptedDuplicates []acceptedDuplicate `json:"accepted_duplicates,omitempty"`
}

// acceptedDuplicate is a duplicate of a draft (docs/FORMAT.md §10) whose
// file was accepted as the source at log index Source.
type acceptedDuplicate struct {
	File   string `json:"file"`
	Kind   string `json:"kind"`
	Source uint64 `json:"source"`
}

// storedDraft is a queued draft as the queue keeps it: the draft's own
// members, and the key id of the member who queued it.
type storedDraft struct {
	*ingest.Draft
	ImportedBy string `json:"imported_by,omitempty"`
	// DuplicateIDs are the ids of the drafts Duplicates names, in its
	// order: file names need not be unique, ids are.
	DuplicateIDs []string `json:"duplicate_ids,omitempty"`
}

// QueueDraft queues d for review in q, as imported by the member whose key
// id is importedBy ("" when unknown), and compares it with the drafts
// queued there, as truce import compares the files of one run: each draft
// lists the other as its duplicate (docs/FORMAT.md §10). A draft of the
// same document replaces the one queued. Callers queue one draft at a time.
func QueueDraft(q Drafts, d *ingest.Draft, importedBy string) error {
	id := d.Source.SHA256
	names, err := q.List()
	if err != nil {
		return err
	}
	all := []*storedDraft{{Draft: d, ImportedBy: importedBy}}
	for _, n := range names {
		if n == id {
			continue
		}
		raw, err := q.Get(n)
		if err != nil {
			continue // taken off the queue meanwhile
		}
		o := &storedDraft{}
		if err := json.Unmarshal(raw, o); err != nil || o.Draft == nil || o.Source == nil {
			return fmt.Errorf("draft %s: unreadable (%v)", n, err)
		}
		all = append(all, o)
	}
	// Compare names duplicates by file; the ids stand in for the names
	// while it runs, since two files of one name may be queued.
	drafts := make([]*ingest.Draft, len(all))
	files := map[string]string{}
	for i, o := range all {
		o.Restore()
		o.Duplicates = []ingest.Duplicate{}
		files[o.Source.SHA256] = o.File
		o.File = o.Source.SHA256
		drafts[i] = o.Draft
	}
	before := map[string][]string{}
	for _, o := range all[1:] {
		before[o.Source.SHA256] = o.DuplicateIDs
	}
	ingest.Compare(drafts)
	for i, o := range all {
		o.File = files[o.Source.SHA256]
		o.DuplicateIDs = nil
		for j, dup := range o.Duplicates {
			o.DuplicateIDs = append(o.DuplicateIDs, dup.File)
			o.Duplicates[j].File = files[dup.File]
		}
		if i > 0 && slices.Equal(before[o.Source.SHA256], o.DuplicateIDs) {
			continue // unchanged: the new draft is none of its duplicates
		}
		raw, _ := json.Marshal(o)
		if err := q.Put(o.Source.SHA256, raw); err != nil {
			return err
		}
	}
	return nil
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
	s.queueing.Lock()
	err = QueueDraft(s.drafts, d, keyID)
	s.queueing.Unlock()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, queuedDraft{ID: d.Source.SHA256, Draft: d, ImportedBy: keyID})
}

// getDrafts lists the review queue, to members.
func (s *Server) getDrafts(w http.ResponseWriter, r *http.Request) {
	keyID, ok := s.member(w, r)
	if !ok {
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
		if !ok {
			continue
		}
		accepted, err := s.acceptedDuplicates(r.Context(), keyID, d)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		items = append(items, queuedDraft{ID: n, Draft: d.Draft, ImportedBy: d.ImportedBy, AcceptedDuplicates: accepted})
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
		keep, problem, err := s.acceptedFrom(r.Context(), keyID, who.ID, id, d, i)
		if err != nil {
			s.fail(w, r, err)
			return
		} else if problem != "" {
			writeJSON(w, http.StatusForbidden, errorBody{Error: fmt.Sprintf("accepted=%d: %s; %s", i, problem, mayDelete(d)), Field: "accepted"})
			return
		}
		why = fmt.Sprintf("accepted as record %d", i)
		// The text is kept before the draft, its only copy, is deleted.
		if keep != nil && s.texts != nil {
			name, err := s.texts.Keep(keep.text, keep.public, keep.source)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			why += fmt.Sprintf(", its text kept as %s (public: %t)", name, keep.public)
		}
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
	s.queueing.Lock() // not while a draft queued rewrites this one
	err = s.drafts.Delete(id)
	s.queueing.Unlock()
	if err != nil {
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

// keptText is the text of a source accepted from a draft, to keep.
type keptText struct {
	text   []byte
	public bool
	source uint64
}

// acceptedFrom checks that the record at index i was signed with keyID,
// member's key, and made from draft d, queued as id: a source whose
// sha256 is the draft's, or a claim saying one of the draft's claims. It
// returns what is wrong, or "".
func (s *Server) acceptedFrom(ctx context.Context, keyID, member, id string, d *storedDraft, i uint64) (keep *keptText, problem string, err error) {
	size, err := s.log.Size(ctx)
	if err != nil {
		return nil, "", err
	}
	if i >= size {
		return nil, fmt.Sprintf("log index %d does not exist (the log has %d entries)", i, size), nil
	}
	out, allowed, err := s.entry(ctx, keyID, i)
	if err != nil {
		return nil, "", err
	}
	env, _ := out["envelope"].(*truce.Envelope)
	if !allowed || env == nil {
		return nil, fmt.Sprintf("log entry %d is not a record you can read", i), nil
	}
	if !slices.Contains(env.KeyIDs(), keyID) {
		return nil, fmt.Sprintf("record %d is not signed by member %s", i, member), nil
	}
	var rec struct {
		Type       string `json:"type"`
		Visibility string `json:"visibility"`
		Body       struct {
			SHA256     string `json:"sha256"`
			Text       string `json:"text"`
			TextSHA256 string `json:"text_sha256"`
			TextPublic bool   `json:"text_public"`
		} `json:"body"`
	}
	if err := json.Unmarshal(env.Payload(), &rec); err != nil {
		return nil, "", fmt.Errorf("record %d: %v", i, err)
	}
	switch rec.Type {
	case "source":
		if rec.Body.SHA256 != id {
			return nil, fmt.Sprintf("source %d is not the draft's: its sha256 differs", i), nil
		}
		if rec.Body.TextSHA256 == "" {
			return nil, "", nil // a source that keeps no text
		}
		text := []byte(d.Text())
		if sum := sha256.Sum256(text); hex.EncodeToString(sum[:]) != rec.Body.TextSHA256 {
			return nil, fmt.Sprintf("source %d's text_sha256 %s is not the SHA-256 of the draft's extracted text, %s (docs/FORMAT.md §10); nothing was kept", i, rec.Body.TextSHA256, hex.EncodeToString(sum[:])), nil
		}
		return &keptText{text: text, public: rec.Body.TextPublic && rec.Visibility == truce.Public, source: i}, "", nil
	case "claim":
		for _, c := range d.Claims {
			if c.Text == rec.Body.Text {
				return nil, "", nil
			}
		}
		return nil, fmt.Sprintf("claim %d is none of the draft's claims", i), nil
	}
	return nil, fmt.Sprintf("record %d is a %s, not a source or claim", i, rec.Type), nil
}

// acceptedDuplicates are d's duplicates whose drafts were accepted as
// sources the member whose key is keyID may read, most similar first:
// the sources with the duplicate's id as sha256.
func (s *Server) acceptedDuplicates(ctx context.Context, keyID string, d *storedDraft) ([]acceptedDuplicate, error) {
	var out []acceptedDuplicate
	for j, id := range d.DuplicateIDs {
		if j >= len(d.Duplicates) {
			break
		}
		found, err := s.store.Lookup(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, i := range found {
			o, allowed, err := s.entry(ctx, keyID, i)
			if err != nil {
				return nil, err
			}
			env, _ := o["envelope"].(*truce.Envelope)
			if !allowed || env == nil {
				continue
			}
			var rec struct {
				Type string `json:"type"`
			}
			if json.Unmarshal(env.Payload(), &rec) == nil && rec.Type == "source" {
				out = append(out, acceptedDuplicate{File: d.Duplicates[j].File, Kind: d.Duplicates[j].Kind, Source: i})
				break
			}
		}
	}
	return out, nil
}
