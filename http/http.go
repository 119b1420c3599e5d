// Package http serves a mechanism's HTTP API: record submission and reads,
// proofs, and the log's tlog-tiles resources.
package http

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/docs"
	"github.com/truce-dev/truce/tlog"
)

// maxRequestBody leaves room for whitespace around the largest envelope.
const maxRequestBody = 2 * truce.MaxEnvelopeSize

// Server is the API of one mechanism.
type Server struct {
	mech   Mechanism
	log    Log
	store  truce.Store
	logger *slog.Logger
	mux    *http.ServeMux
	nonces nonces
	// evidence holds uploaded evidence files; drafts is the review queue
	// of imported documents.
	evidence Evidence
	drafts   Drafts
	// queueing serializes changes to the queue: a draft queued is compared
	// with those queued before it, and they with it.
	queueing sync.Mutex
	// texts keeps accepted sources' texts (KeepTexts); nil: none kept.
	texts Texts
	// PublicHost, when set, is the host clients reach the server at (behind
	// a proxy, say): tokens must name it. Otherwise they must name the host
	// each request's Host header names.
	PublicHost string
}

// NewServer returns the API of mech, whose records log holds, store
// projects, evidence keeps the uploaded files of and drafts the review
// queue of.
func NewServer(mech Mechanism, log Log, store truce.Store, evidence Evidence, drafts Drafts, logger *slog.Logger) *Server {
	s := &Server{mech: mech, log: log, store: store, evidence: evidence, drafts: drafts, logger: logger, mux: http.NewServeMux()}
	s.nonces.since = time.Now()
	s.mux.HandleFunc("POST /api/v1/import", s.postImport)
	s.mux.HandleFunc("GET /api/v1/drafts", s.getDrafts)
	s.mux.HandleFunc("DELETE /api/v1/drafts/{id}", s.deleteDraft)
	for _, list := range truce.Lists {
		s.mux.HandleFunc("GET /api/v1/"+list, func(w http.ResponseWriter, r *http.Request) { s.list(w, r, list) })
	}
	s.mux.HandleFunc("GET /api/v1/lookup/{sha256}", s.lookup)
	s.mux.HandleFunc("POST /api/v1/evidence", s.postEvidence)
	s.mux.HandleFunc("GET /api/v1/evidence/{sha256}", s.getEvidence)
	s.mux.HandleFunc("GET /api/v1/texts/{sha256}", s.getText)
	s.mux.Handle("GET /schema/", http.StripPrefix("/schema/", http.FileServerFS(must(fs.Sub(docs.Schemas, "schema")))))
	s.mux.HandleFunc("POST /api/v1/records", s.postRecord)
	s.mux.HandleFunc("GET /api/v1/records/{index}", s.getRecord)
	s.mux.HandleFunc("GET /api/v1/restricted", s.restricted)
	s.mux.HandleFunc("GET /api/v1/records/by-hash/{sha256}", s.getRecordByHash)
	s.mux.HandleFunc("GET /api/v1/proof/inclusion", s.inclusionProof)
	s.mux.HandleFunc("GET /api/v1/proof/consistency", s.consistencyProof)
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	s.mux.HandleFunc("GET /openapi.yaml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/yaml")
		w.Write(docs.OpenAPI)
	})
	tiles := log.Handler()
	s.mux.Handle("GET /checkpoint", tiles)
	s.mux.Handle("GET /tile/", tiles)
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

type errorBody struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func badRequest(w http.ResponseWriter, field, format string, args ...any) {
	writeJSON(w, http.StatusBadRequest, errorBody{Error: fmt.Sprintf(format, args...), Field: field})
}

// fail answers a refusal with the status of its kind, and anything else as
// an internal error whose detail stays in the server's log.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if e, ok := truce.AsError(err); ok {
		status := map[truce.ErrorKind]int{
			truce.Invalid:    http.StatusBadRequest,
			truce.Forbidden:  http.StatusForbidden,
			truce.TooLarge:   http.StatusRequestEntityTooLarge,
			truce.Unresolved: http.StatusUnprocessableEntity,
		}[e.Kind]
		writeJSON(w, status, errorBody{Error: e.Msg, Field: e.Field})
		return
	}
	s.logger.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	writeJSON(w, http.StatusInternalServerError, errorBody{Error: "internal error"})
}

func (s *Server) postRecord(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeJSON(w, http.StatusRequestEntityTooLarge, errorBody{Error: fmt.Sprintf("request body is larger than the limit of %d bytes", maxRequestBody)})
		return
	} else if err != nil {
		badRequest(w, "", "reading request body: %v", err)
		return
	}
	rc, err := s.mech.Submit(r.Context(), body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if rc.Duplicate != "" {
		writeJSON(w, http.StatusOK, map[string]any{"index": rc.Index, "duplicate": rc.Duplicate})
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"index": rc.Index})
}

func (s *Server) getRecord(w http.ResponseWriter, r *http.Request) {
	i, err := strconv.ParseUint(r.PathValue("index"), 10, 64)
	if err != nil {
		badRequest(w, "index", "%s is not a log index", quote(r.PathValue("index")))
		return
	}
	keyID, ok := s.reader(w, r)
	if !ok {
		return
	}
	s.writeRecord(w, r, keyID, i)
}

func (s *Server) getRecordByHash(w http.ResponseWriter, r *http.Request) {
	raw, err := hex.DecodeString(r.PathValue("sha256"))
	if err != nil || len(raw) != 32 {
		badRequest(w, "sha256", "%s is not a hex SHA-256", quote(r.PathValue("sha256")))
		return
	}
	keyID, ok := s.reader(w, r)
	if !ok {
		return
	}
	i, ok := s.mech.Lookup(keyID, [32]byte(raw))
	if !ok {
		writeJSON(w, http.StatusNotFound, errorBody{Error: "no record has this envelope hash", Field: "sha256"})
		return
	}
	s.writeRecord(w, r, keyID, i)
}

// writeRecord answers with the leaf at i: a public record's envelope and its
// decoded record, or a restricted record's routing metadata alone, as the
// member whose key is keyID (anonymous when empty) may read it.
func (s *Server) writeRecord(w http.ResponseWriter, r *http.Request, keyID string, i uint64) {
	size, err := s.log.Size(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if i >= size {
		writeJSON(w, http.StatusNotFound, errorBody{Error: fmt.Sprintf("log index %d does not exist (the log has %d entries)", i, size), Field: "index"})
		return
	}
	out, allowed, err := s.entry(r.Context(), keyID, i)
	switch {
	case err != nil:
		s.fail(w, r, err)
	case !allowed:
		writeJSON(w, http.StatusForbidden, errorBody{Error: fmt.Sprintf("log entry %d is restricted and you are not in its audience", i), Field: "index"})
	default:
		writeJSON(w, http.StatusOK, out)
	}
}

// entry is the answer for the leaf at i as the member whose key is keyID
// (anonymous when empty) reads it: with a restricted record's body and
// salt when the member may read it; allowed is false when a member asks
// for a restricted record it may not read.
func (s *Server) entry(ctx context.Context, keyID string, i uint64) (out map[string]any, allowed bool, err error) {
	data, err := s.log.Leaf(ctx, i)
	if err != nil {
		return nil, false, err
	}
	leaf, err := truce.ParseLeaf(data)
	if err != nil {
		return nil, false, fmt.Errorf("log entry %d: %v", i, err)
	}
	lh := rfc6962.DefaultHasher.HashLeaf(data)
	out = map[string]any{"index": i, "leaf_hash": base64.StdEncoding.EncodeToString(lh)}
	if leaf.Envelope != nil {
		out["envelope"] = leaf.Envelope
		out["record"] = json.RawMessage(leaf.Envelope.Payload())
		return out, true, nil
	}
	out["restricted"] = leaf.Restricted
	if keyID == "" {
		return out, true, nil
	}
	body, allowed, err := s.mech.ReadRestricted(keyID, leaf.Restricted)
	switch {
	case !allowed:
		return nil, false, nil
	case errors.Is(err, truce.ErrPurged):
		out["purged"] = true
	case err != nil:
		return nil, false, err
	default:
		out["envelope"] = body.Envelope
		out["record"] = json.RawMessage(body.Envelope.Payload())
		out["salt"] = hex.EncodeToString(body.Salt)
	}
	return out, true, nil
}

// restricted lists the restricted records the member making the request
// may read, each as GET /api/v1/records/{index} answers it.
func (s *Server) restricted(w http.ResponseWriter, r *http.Request) {
	keyID, ok := s.member(w, r)
	if !ok {
		return
	}
	p := r.URL.Query()
	typ := p.Get("type")
	if typ != "" && !truce.IsRecordType(typ) {
		badRequest(w, "type", "%s is not a record type (one of %s)", quote(typ), strings.Join(truce.RecordTypes(), ", "))
		return
	}
	after, limit, ok := pageParams(w, p)
	if !ok {
		return
	}
	if limit == 0 {
		limit = truce.DefaultLimit
	}
	indices, next := s.mech.Readable(keyID, typ, after, limit)
	items := make([]map[string]any, 0, len(indices))
	for _, i := range indices {
		out, allowed, err := s.entry(r.Context(), keyID, i)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if allowed { // a revocation between Readable and here
			items = append(items, out)
		}
	}
	var cursor any
	if next != 0 {
		cursor = strconv.FormatUint(next, 10)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "next_cursor": cursor})
}

func (s *Server) inclusionProof(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	index, err := strconv.ParseUint(q.Get("index"), 10, 64)
	if err != nil {
		badRequest(w, "index", "%s is not a log index", quote(q.Get("index")))
		return
	}
	size, ok := s.treeSize(w, r, "size")
	if !ok {
		return
	}
	if index >= size {
		badRequest(w, "index", "index %d is not in a tree of size %d", index, size)
		return
	}
	hashes, err := s.log.InclusionProof(r.Context(), index, size)
	if err != nil {
		s.proofFailed(w, r, "size", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"index": index, "size": size, "hashes": hashes})
}

func (s *Server) consistencyProof(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	old, err := strconv.ParseUint(q.Get("old"), 10, 64)
	if err != nil {
		badRequest(w, "old", "%s is not a tree size", quote(q.Get("old")))
		return
	}
	size, ok := s.treeSize(w, r, "new")
	if !ok {
		return
	}
	if old > size {
		badRequest(w, "old", "old size %d is larger than new size %d", old, size)
		return
	}
	hashes, err := s.log.ConsistencyProof(r.Context(), old, size)
	if err != nil {
		s.proofFailed(w, r, "new", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"old": old, "new": size, "hashes": hashes})
}

// treeSize reads a tree size parameter, defaulting to the latest
// published checkpoint's size.
func (s *Server) treeSize(w http.ResponseWriter, r *http.Request, name string) (uint64, bool) {
	if v := r.URL.Query().Get(name); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			badRequest(w, name, "%s is not a tree size", quote(v))
			return 0, false
		}
		return n, true
	}
	_, cp, err := s.log.Checkpoint(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return 0, false
	}
	return cp.Size, true
}

func (s *Server) proofFailed(w http.ResponseWriter, r *http.Request, field string, err error) {
	if errors.Is(err, tlog.ErrBeyondSize) {
		badRequest(w, field, "%v", err)
		return
	}
	s.fail(w, r, err)
}
