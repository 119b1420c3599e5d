package http

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
)

// MaxEvidenceSize bounds one evidence file.
const MaxEvidenceSize = 32 << 20

// postEvidence stores an uploaded file under its SHA-256. Only a member,
// signing the request, may upload; the file is served to no one until an
// evidence record describes it, and then only to that record's readers.
func (s *Server) postEvidence(w http.ResponseWriter, r *http.Request) {
	keyID, ok := s.reader(w, r)
	if !ok {
		return
	}
	if keyID == "" {
		writeJSON(w, http.StatusUnauthorized, errorBody{Error: "uploading evidence needs a member's signed request", Field: "Authorization"})
		return
	}
	// The media type is judged on the first bytes before anything is
	// stored: refusing after would delete a file that others may have
	// uploaded under the same SHA-256.
	body := bufio.NewReaderSize(r.Body, 512)
	head, err := body.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) {
		badRequest(w, "", "reading the upload: %v", err)
		return
	}
	sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(head))
	if declared, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && declared != "application/octet-stream" &&
		sniffed != "application/octet-stream" && declared != sniffed {
		writeJSON(w, http.StatusUnsupportedMediaType, errorBody{Error: fmt.Sprintf("declared %s, but the content is %s; nothing was kept", clip(declared), sniffed), Field: "Content-Type"})
		return
	}
	name, size, _, err := s.evidence.PutStream(body, MaxEvidenceSize)
	if errors.Is(err, files.ErrTooLarge) {
		writeJSON(w, http.StatusRequestEntityTooLarge, errorBody{Error: fmt.Sprintf("evidence file is larger than the limit of %d bytes; nothing was kept", MaxEvidenceSize)})
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.evidence.MarkUploaded(name, keyID); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"sha256": name, "size": size, "media_type": sniffed})
}

// fileReader reads the SHA-256 a file is named by from the path, and who
// asks for it, answering the request itself when either is wrong.
func (s *Server) fileReader(w http.ResponseWriter, r *http.Request) (name, keyID string, ok bool) {
	name = r.PathValue("sha256")
	if !truce.IsHexSHA256(name) {
		badRequest(w, "sha256", "%s is not a hex SHA-256", quote(name))
		return "", "", false
	}
	keyID, ok = s.reader(w, r)
	return name, keyID, ok
}

// getEvidence serves an evidence file to those who may read a record
// describing it. Anyone else learns nothing, not even whether it exists.
func (s *Server) getEvidence(w http.ResponseWriter, r *http.Request) {
	name, keyID, ok := s.fileReader(w, r)
	if !ok {
		return
	}
	readable, _, err := s.mech.EvidenceReadable(r.Context(), keyID, name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	path, _ := s.evidence.Path(name)
	if _, err := s.evidence.Size(name); !readable || err != nil {
		writeJSON(w, http.StatusNotFound, errorBody{Error: "no evidence file with this SHA-256 that you may read", Field: "sha256"})
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("X-Content-SHA256", name)
	w.Header().Set("Cache-Control", "private, no-store")
	http.ServeFile(w, r, path)
}
