// Package trucetest sets up real mechanisms for tests: a Tessera log in a
// temp dir, the mechanism on it, and the fixed test keys of testdata/keys.
package trucetest

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
	"k8s.io/klog/v2"
)

// The file stores are the domain's: checked here, where both meet, since
// files imports nothing of the root package.
var (
	_ truce.EvidenceFiles = (*files.Dir)(nil)
	_ truce.Bodies        = (*files.Dir)(nil)
	_ truce.States        = (*files.File)(nil)
	_ truce.SourceTexts   = (*files.Texts)(nil)
)

// Origin is the test mechanism's origin.
const Origin = "truce.test/pakistan-afghanistan"

func init() {
	// Tessera's klog notices drown test output; warnings still show.
	klog.SetSlogLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
}

// Skip skips a test, or fails it where TRUCE_NO_SKIP is set (in CI every
// test must run).
func Skip(t testing.TB, reason string) {
	t.Helper()
	if os.Getenv("TRUCE_NO_SKIP") != "" {
		t.Fatalf("would skip, but TRUCE_NO_SKIP is set: %s", reason)
	}
	t.Skip(reason)
}

// Testdata is the path of the repository's testdata directory.
func Testdata(p ...string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(file), "..", "..", "testdata"}, p...)...)
}

// Signer reads testdata/keys/NAME.key.
func Signer(t testing.TB, name string) *truce.Signer {
	t.Helper()
	raw, err := os.ReadFile(Testdata("keys", name+".key"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := truce.ParseSigner(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Mechanism is a mechanism on a real Tessera log in a temp dir, whose
// admin is testdata/keys/admin.
type Mechanism struct {
	T       testing.TB
	Dir     string
	LogSKey string
	LogVKey string
	Admin   *truce.Signer
	Log     *tlog.Log
	Mech    *truce.Mechanism
	// Evidence holds uploaded evidence files.
	Evidence *files.Dir
	// Texts holds the texts kept for sources.
	Texts *files.Texts
	// Mediators are the trust anchors the mechanism is opened with:
	// testdata/keys/mediator-{qatar,turkiye}, unless a test changes them
	// before Reopen; RulesV2From is where version 2 of the rules begins.
	Mediators   []*truce.Verifier
	RulesV2From uint64
	// Concurrency is how many submissions SubmitAll keeps in flight
	// (at least 64).
	Concurrency int
	closed      bool
}

// NewMechanism opens an empty mechanism, closed when the test ends.
func NewMechanism(t testing.TB) *Mechanism {
	t.Helper()
	skey, vkey, err := note.GenerateKey(rand.Reader, Origin)
	if err != nil {
		t.Fatal(err)
	}
	return OpenMechanism(t, t.TempDir(), skey, vkey)
}

// OpenMechanism opens the mechanism in dir with the given log key pair,
// closed when the test ends.
func OpenMechanism(t testing.TB, dir, logSKey, logVKey string) *Mechanism {
	t.Helper()
	m := &Mechanism{T: t, Dir: dir, LogSKey: logSKey, LogVKey: logVKey, Admin: Signer(t, "admin"),
		Mediators: []*truce.Verifier{Signer(t, "mediator-qatar").Verifier(), Signer(t, "mediator-turkiye").Verifier()}}
	m.open()
	t.Cleanup(m.Close)
	return m
}

// Close closes the log, once every appended leaf is published.
func (m *Mechanism) Close() {
	if m.closed {
		return
	}
	m.closed = true
	if err := m.Log.Close(context.Background()); err != nil {
		m.T.Error(err)
	}
	// Saved once every appended leaf is published, as truce serve does:
	// the next open replays only what follows.
	if err := m.Mech.SaveState(context.Background()); err != nil {
		m.T.Error(err)
	}
}

// LogVerifier is the log's public key.
func (m *Mechanism) LogVerifier() note.Verifier {
	v, err := note.NewVerifier(m.LogVKey)
	if err != nil {
		m.T.Fatal(err)
	}
	return v
}

func (m *Mechanism) open() {
	m.T.Helper()
	s, err := note.NewSigner(m.LogSKey)
	if err != nil {
		m.T.Fatal(err)
	}
	l, err := tlog.Open(context.Background(), m.Dir, s, m.LogVerifier(), tlog.Options{CheckpointInterval: 100e6})
	if err != nil {
		m.T.Fatal(err)
	}
	mech, err := truce.Open(context.Background(), m.Config(), l)
	if err != nil {
		m.T.Fatal(err)
	}
	m.Log, m.Mech, m.closed = l, mech, false
}

// Config is the mechanism's configuration: what it is opened with, and
// what an audit of its log is given.
func (m *Mechanism) Config() truce.Config {
	m.T.Helper()
	bodies, err := files.Open(m.Dir + ".bodies")
	if err != nil {
		m.T.Fatal(err)
	}
	if m.Evidence, err = files.Open(m.Dir + ".evidence"); err != nil {
		m.T.Fatal(err)
	}
	if m.Texts, err = files.OpenTexts(m.Dir + ".texts"); err != nil {
		m.T.Fatal(err)
	}
	return truce.Config{Origin: Origin, Admin: m.Admin.Verifier(), Bodies: bodies, Evidence: m.Evidence, Mediators: m.Mediators, RulesV2From: m.RulesV2From,
		States: files.NewFile(m.Dir + ".state"), Texts: m.Texts}
}

// Reopen closes the log and opens it and the mechanism again, as a restart.
func (m *Mechanism) Reopen() {
	m.T.Helper()
	m.Close()
	m.open()
}

// Size is the log's size.
func (m *Mechanism) Size() uint64 {
	m.T.Helper()
	n, err := m.Log.Size(context.Background())
	if err != nil {
		m.T.Fatal(err)
	}
	return n
}

// Submit submits env and fails the test on a refusal.
func (m *Mechanism) Submit(env []byte) truce.Receipt {
	m.T.Helper()
	rc, err := m.Mech.Submit(context.Background(), env)
	if err != nil {
		m.T.Fatalf("submit: %v", err)
	}
	return rc
}

// Genesis appends the admin's self-signed membership at index 0.
func (m *Mechanism) Genesis() {
	m.T.Helper()
	if rc := m.Submit(Sign(m.T, Member("admin", "admin", m.Admin), m.Admin)); rc.Index != 0 {
		m.T.Fatalf("genesis at index %d", rc.Index)
	}
}

// Record returns a public record of type typ with body, as truce submit
// would fill it, changed by mutate.
func Record(typ string, body any, mutate ...func(map[string]any)) []byte {
	m := map[string]any{"type": typ, "v": 1, "mechanism": Origin, "created": "2025-11-07T12:00:00+03:00", "visibility": "public", "body": body}
	for _, f := range mutate {
		f(m)
	}
	b, _ := json.Marshal(m)
	return b
}

// Member returns a member record admitting s's key as id with role.
func Member(id, role string, s *truce.Signer, extra ...func(map[string]any)) []byte {
	body := map[string]any{"id": id, "role": role, "name": id, "key": s.Verifier().String()}
	for _, f := range extra {
		f(body)
	}
	return Record("member", body)
}

// Sign signs rec with every signer, in one envelope.
func Sign(t testing.TB, rec []byte, signers ...*truce.Signer) []byte {
	t.Helper()
	env, err := truce.SignRecord(rec, signers[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range signers[1:] {
		env.Sign(s)
	}
	return env.Canonical()
}

// Claim is a valid claim body saying text.
func Claim(text string) map[string]any {
	return map[string]any{"speaker": "Foreign Office spokesperson", "text": text, "quoted": true, "language": "en"}
}

// Upload keeps data as an evidence file uploaded by by, as POST
// /api/v1/evidence does, and returns its SHA-256 and size.
func (m *Mechanism) Upload(data string, by *truce.Signer) (string, int64) {
	m.T.Helper()
	name, size, _, err := m.Evidence.PutStream(strings.NewReader(data), 1<<20)
	if err == nil {
		err = m.Evidence.MarkUploaded(name, by.KeyID())
	}
	if err != nil {
		m.T.Fatal(err)
	}
	return name, size
}

// DropSignature re-encodes env without the signature of s: the same
// payload, a new envelope hash, as an attacker replaying part of a
// multi-signature envelope makes it.
func DropSignature(t testing.TB, env []byte, s *truce.Signer) []byte {
	t.Helper()
	var m struct {
		PayloadType string           `json:"payloadType"`
		Payload     string           `json:"payload"`
		Signatures  []map[string]any `json:"signatures"`
	}
	if err := json.Unmarshal(env, &m); err != nil {
		t.Fatal(err)
	}
	var kept []map[string]any
	for _, sig := range m.Signatures {
		if sig["keyid"] != s.KeyID() {
			kept = append(kept, sig)
		}
	}
	if len(kept) == len(m.Signatures) {
		t.Fatalf("%s did not sign the envelope", s.Name())
	}
	m.Signatures = kept
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// NewSigner is a fresh key pair named name, for a member no fixed test key
// stands for.
func NewSigner(t testing.TB, name string) *truce.Signer {
	t.Helper()
	skey, _, err := truce.GenerateKey(name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := truce.ParseSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
