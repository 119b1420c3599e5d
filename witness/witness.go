// Package witness is a C2SP tlog-witness: it cosigns a log's checkpoint
// (C2SP tlog-cosignature, Ed25519 cosignature/v1) only after checking that
// it is consistent with the last checkpoint it cosigned for that log, whose
// state it keeps durably.
package witness

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	f_log "github.com/transparency-dev/formats/log"
	f_note "github.com/transparency-dev/formats/note"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"github.com/truce-dev/truce/files"
	"golang.org/x/mod/sumdb/note"
)

// algCosignatureV1 is the signed-note algorithm byte of a C2SP
// cosignature/v1 Ed25519 key.
const algCosignatureV1 = 0x04

// GenerateKey returns a new witness key pair in signed-note format with
// algorithm 0x04 (C2SP tlog-cosignature). x/mod's note.GenerateKey only
// makes 0x01 keys, so the encoding is written here, as the spec gives it.
func GenerateKey(name string) (skey, vkey string, err error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return "", "", err
	}
	pubkey := append([]byte{algCosignatureV1}, pub...)
	h := sha256.Sum256(append([]byte(name+"\n"), pubkey...))
	hash := binary.BigEndian.Uint32(h[:4])
	skey = fmt.Sprintf("PRIVATE+KEY+%s+%08x+%s", name, hash, base64.StdEncoding.EncodeToString(append([]byte{algCosignatureV1}, priv.Seed()...)))
	vkey = fmt.Sprintf("%s+%08x+%s", name, hash, base64.StdEncoding.EncodeToString(pubkey))
	if _, err := f_note.NewVerifierForCosignatureV1(vkey); err != nil {
		return "", "", fmt.Errorf("witness key name %q: %v", name, err)
	}
	return skey, vkey, nil
}

// Witness cosigns checkpoints of the logs it knows.
type Witness struct {
	signer note.Signer
	logs   map[string]note.Verifier // by origin
	dir    string
	mu     sync.Mutex // serializes updates: check, persist, sign
	logger *slog.Logger
}

// state is what the witness keeps of a log: the last checkpoint it cosigned.
type state struct {
	Size uint64 `json:"size"`
	Hash []byte `json:"hash"`
}

// New returns a witness signing with skey for the logs whose keys are
// given, keeping its state in dir.
func New(skey string, logKeys []string, dir string, logger *slog.Logger) (*Witness, error) {
	s, err := f_note.NewSignerForCosignatureV1(skey)
	if err != nil {
		return nil, fmt.Errorf("witness key: %v", err)
	}
	w := &Witness{signer: s, logs: map[string]note.Verifier{}, dir: dir, logger: logger}
	for _, k := range logKeys {
		v, err := note.NewVerifier(strings.TrimSpace(k))
		if err != nil {
			return nil, fmt.Errorf("log key %q: %v", k, err)
		}
		w.logs[v.Name()] = v
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *Witness) statePath(origin string) string {
	h := sha256.Sum256([]byte(origin))
	return filepath.Join(w.dir, fmt.Sprintf("%x.json", h))
}

func (w *Witness) load(origin string) (state, error) {
	raw, err := os.ReadFile(w.statePath(origin))
	if errors.Is(err, os.ErrNotExist) {
		return state{Hash: rfc6962.DefaultHasher.EmptyRoot()}, nil
	}
	if err != nil {
		return state{}, err
	}
	var st state
	return st, json.Unmarshal(raw, &st)
}

// Handler serves POST /add-checkpoint.
func (w *Witness) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /add-checkpoint", w.addCheckpoint)
	return mux
}

type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func fail(status int, format string, args ...any) error {
	return &httpError{status, fmt.Sprintf(format, args...)}
}

func (w *Witness) addCheckpoint(rw http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, 1<<20))
	if err != nil {
		http.Error(rw, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}
	cosig, known, err := w.Add(body)
	var he *httpError
	switch {
	case err == nil:
		rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
		rw.Write(cosig)
	case errors.As(err, &he) && he.status == http.StatusConflict:
		rw.Header().Set("Content-Type", "text/x.tlog.size")
		rw.WriteHeader(http.StatusConflict)
		fmt.Fprintf(rw, "%d\n", known)
	case errors.As(err, &he):
		http.Error(rw, he.msg, he.status)
	default:
		w.logger.Error("add-checkpoint failed", "err", err)
		http.Error(rw, "internal error", http.StatusInternalServerError)
	}
}

// Add processes an add-checkpoint request body (C2SP tlog-witness): "old
// N", the consistency proof lines, an empty line, the checkpoint. It
// returns the cosignature line, or for a stale old size the size the
// witness knows (with an error of status 409).
func (w *Witness) Add(body []byte) (cosig []byte, known uint64, err error) {
	head, cpRaw, ok := bytes.Cut(body, []byte("\n\n"))
	if !ok {
		return nil, 0, fail(http.StatusBadRequest, "request has no empty line before the checkpoint")
	}
	sc := bufio.NewScanner(bytes.NewReader(head))
	sc.Scan()
	oldStr, found := strings.CutPrefix(sc.Text(), "old ")
	old, perr := strconv.ParseUint(oldStr, 10, 64)
	if !found || perr != nil {
		return nil, 0, fail(http.StatusBadRequest, "first line %q is not \"old N\"", sc.Text())
	}
	var hashes [][]byte
	for sc.Scan() {
		h, err := base64.StdEncoding.DecodeString(sc.Text())
		if err != nil || len(h) != sha256.Size {
			return nil, 0, fail(http.StatusBadRequest, "proof line %q is not a base64 SHA-256 hash", sc.Text())
		}
		hashes = append(hashes, h)
	}
	if len(hashes) > 63 {
		return nil, 0, fail(http.StatusBadRequest, "consistency proof has %d hashes", len(hashes))
	}
	origin, _, _ := bytes.Cut(cpRaw, []byte("\n"))
	logV, ok := w.logs[string(origin)]
	if !ok {
		return nil, 0, fail(http.StatusNotFound, "unknown log %q", origin)
	}
	cp, _, n, err := f_log.ParseCheckpoint(cpRaw, logV.Name(), logV)
	if err != nil {
		return nil, 0, fail(http.StatusForbidden, "checkpoint is not signed by the key of log %q: %v", origin, err)
	}
	if old > cp.Size {
		return nil, 0, fail(http.StatusBadRequest, "old size %d is larger than the checkpoint's %d", old, cp.Size)
	}

	w.mu.Lock()
	defer w.mu.Unlock()
	st, err := w.load(cp.Origin)
	if err != nil {
		return nil, 0, err
	}
	if old != st.Size {
		return nil, st.Size, fail(http.StatusConflict, "the witness has size %d for this log", st.Size)
	}
	if cp.Size < st.Size {
		return nil, st.Size, fail(http.StatusConflict, "the witness has size %d for this log", st.Size)
	}
	if err := proof.VerifyConsistency(rfc6962.DefaultHasher, st.Size, cp.Size, hashes, st.Hash, cp.Hash); err != nil {
		return nil, 0, fail(http.StatusUnprocessableEntity, "checkpoint of size %d is not consistent with size %d: %v", cp.Size, st.Size, err)
	}
	// Persist before signing: a crash may lose a cosignature, never make
	// the witness forget what it cosigned.
	raw, _ := json.Marshal(state{Size: cp.Size, Hash: cp.Hash})
	if err := files.WriteAtomic(w.statePath(cp.Origin), raw, 0o600); err != nil {
		return nil, 0, err
	}
	signed, err := note.Sign(&note.Note{Text: n.Text}, w.signer)
	if err != nil {
		return nil, 0, err
	}
	// The answer is the cosignature line alone.
	_, sigs, _ := bytes.Cut(signed, []byte("\n\n"))
	return sigs, 0, nil
}
