package truce

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

// algEd25519 is the signed-note algorithm byte for Ed25519 keys.
const algEd25519 = 1

// GenerateKey returns a new Ed25519 key pair in the signed-note key format
// of golang.org/x/mod/sumdb/note: skey for PREFIX.key, vkey for PREFIX.vkey.
func GenerateKey(name string) (skey, vkey string, err error) {
	return note.GenerateKey(rand.Reader, name)
}

// Signer signs DSSE envelopes with a member's private key.
type Signer struct {
	name  string
	keyID string
	priv  ed25519.PrivateKey
	skey  string // the key file's line, for signed notes
}

// Verifier checks signatures made by one member's key.
type Verifier struct {
	name  string
	keyID string
	pub   ed25519.PublicKey
	vkey  string
}

// KeyID is the identifier a DSSE signature carries: the lowercase hex
// SHA-256 of the signed-note key bytes (0x01 followed by the 32-byte Ed25519
// public key), so it is the same whichever name the key file gives.
func KeyID(pub ed25519.PublicKey) string {
	h := sha256.Sum256(append([]byte{algEd25519}, pub...))
	return hex.EncodeToString(h[:])
}

// ParseSigner reads a signed-note private key ("PRIVATE+KEY+name+hash+key").
func ParseSigner(skey string) (*Signer, error) {
	skey = strings.TrimSpace(skey)
	// note.NewSigner checks the format and the key hash; we then need the raw
	// seed, which note does not expose, to sign DSSE PAE bytes ourselves.
	if _, err := note.NewSigner(skey); err != nil {
		return nil, fmt.Errorf("private key: %v", err)
	}
	parts := strings.SplitN(skey, "+", 5)
	raw, err := base64.StdEncoding.DecodeString(parts[4])
	if err != nil || len(raw) != 1+ed25519.SeedSize || raw[0] != algEd25519 {
		return nil, fmt.Errorf("private key: not an Ed25519 signed-note key")
	}
	priv := ed25519.NewKeyFromSeed(raw[1:])
	return &Signer{name: parts[2], keyID: KeyID(priv.Public().(ed25519.PublicKey)), priv: priv, skey: skey}, nil
}

// ParseVerifier reads a signed-note public key ("name+hash+key").
func ParseVerifier(vkey string) (*Verifier, error) {
	vkey = strings.TrimSpace(vkey)
	if _, err := note.NewVerifier(vkey); err != nil {
		return nil, fmt.Errorf("public key %q: %v", vkey, err)
	}
	parts := strings.SplitN(vkey, "+", 3)
	raw, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(raw) != 1+ed25519.PublicKeySize || raw[0] != algEd25519 {
		return nil, fmt.Errorf("public key %q: not an Ed25519 signed-note key", vkey)
	}
	pub := ed25519.PublicKey(raw[1:])
	return &Verifier{name: parts[0], keyID: KeyID(pub), pub: pub, vkey: vkey}, nil
}

// Name is the key's name from its key file.
func (s *Signer) Name() string { return s.name }

// KeyID is the key id of s.
func (s *Signer) KeyID() string { return s.keyID }

// Verifier returns the public half of s.
func (s *Signer) Verifier() *Verifier {
	pub := s.priv.Public().(ed25519.PublicKey)
	vkey, err := note.NewEd25519VerifierKey(s.name, pub)
	if err != nil {
		panic(err) // the name was accepted by note.NewSigner, so it is valid
	}
	return &Verifier{name: s.name, keyID: s.keyID, pub: pub, vkey: vkey}
}

// Name is the key's name from its key file.
func (v *Verifier) Name() string { return v.name }

// KeyID is the key id of v.
func (v *Verifier) KeyID() string { return v.keyID }

// String returns the key in signed-note format, as in a .vkey file.
func (v *Verifier) String() string { return v.vkey }

func (v *Verifier) verify(msg, sig []byte) bool {
	return len(sig) == ed25519.SignatureSize && ed25519.Verify(v.pub, msg, sig)
}

func ed25519Sign(s *Signer, msg []byte) []byte { return ed25519.Sign(s.priv, msg) }
