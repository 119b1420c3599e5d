package truce

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/gowebpki/jcs"
	"github.com/secure-systems-lab/go-securesystemslib/dsse"
)

// Envelope is a DSSE envelope carrying one record and the signatures of one
// or more members, held in its normal form: payload and signatures in
// standard base64, signatures ordered by key id, so that two submissions of
// the same signed record have the same canonical bytes and the same hash.
type Envelope struct {
	env     dsse.Envelope
	payload []byte
	canon   []byte // Canonical, kept up to date by ParseEnvelope and Sign
}

var hexSHA256 = regexp.MustCompile(`^[0-9a-f]{64}$`)

// IsHexSHA256 reports whether s is a SHA-256 in lower-case hex, as key ids,
// evidence files and restricted bodies are named.
func IsHexSHA256(s string) bool { return hexSHA256.MatchString(s) }

// ParseEnvelope decodes an untrusted DSSE envelope. It checks its shape, its
// payloadType and the canonical form of its payload; it does not check the
// signatures, which needs the signers' keys (see Verify).
func ParseEnvelope(data []byte) (*Envelope, error) {
	if len(data) > 2*MaxEnvelopeSize {
		return nil, refuse(TooLarge, "", "envelope is %d bytes, more than the limit of %d", len(data), MaxEnvelopeSize)
	}
	// Fast path: an envelope sent in its canonical form, as truce's own
	// clients send it, has no duplicate keys or odd encodings to reject.
	if e, err := decodeEnvelope(data, false); err == nil && bytes.Equal(e.canon, data) {
		return e, nil
	}
	// jcs rejects what encoding/json lets through: duplicate keys, invalid
	// UTF-8 and lone surrogates in strings.
	canon, err := jcs.Transform(data)
	if err != nil {
		return nil, refuse(Invalid, "", "envelope is not valid JSON: %v", err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(canon, &fields); err != nil {
		return nil, refuse(Invalid, "", "envelope is not a JSON object")
	}
	for name := range fields {
		if name != "payloadType" && name != "payload" && name != "signatures" {
			return nil, refuse(Invalid, name, "unknown field in a DSSE envelope")
		}
	}
	return decodeEnvelope(canon, false)
}

// decodeEnvelope checks and normalizes a JSON envelope that has no
// duplicate keys; trusted, the envelope of an entry the log holds, its
// payload's canonical form was checked at admission.
func decodeEnvelope(canon []byte, trusted bool) (*Envelope, error) {
	if e, ok := readCanonicalEnvelope(canon); ok {
		if !trusted {
			if err := checkCanonical(e.payload); err != nil {
				return nil, err
			}
		}
		return e, nil
	}
	return decodeEnvelopeJSON(canon, trusted)
}

// decodeEnvelopeJSON is decodeEnvelope for an envelope in any layout.
func decodeEnvelopeJSON(canon []byte, trusted bool) (*Envelope, error) {
	var raw dsse.Envelope
	dec := json.NewDecoder(bytes.NewReader(canon))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return nil, refuse(Invalid, "", "envelope is not a DSSE envelope: %v", err)
	}
	if raw.PayloadType != PayloadType {
		return nil, refuse(Invalid, "payloadType", "is %q, want %q", raw.PayloadType, PayloadType)
	}
	payload, err := decodeBase64(raw.Payload)
	if err != nil {
		return nil, refuse(Invalid, "payload", "is not base64")
	}
	if !trusted {
		if err := checkCanonical(payload); err != nil {
			return nil, err
		}
	}
	e := &Envelope{payload: payload}
	e.env.PayloadType = PayloadType
	e.env.Payload = base64.StdEncoding.EncodeToString(payload)
	if len(raw.Signatures) == 0 {
		return nil, refuse(Invalid, "signatures", "at least one signature is required")
	}
	for i, s := range raw.Signatures {
		if !IsHexSHA256(s.KeyID) {
			return nil, refuse(Invalid, fmt.Sprintf("signatures[%d].keyid", i), "%q is not a key id (64 lowercase hex digits)", s.KeyID)
		}
		sig, err := decodeBase64(s.Sig)
		if err != nil {
			return nil, refuse(Invalid, fmt.Sprintf("signatures[%d].sig", i), "is not base64")
		}
		e.env.Signatures = append(e.env.Signatures, dsse.Signature{KeyID: s.KeyID, Sig: base64.StdEncoding.EncodeToString(sig)})
	}
	e.normalize()
	for i := 1; i < len(e.env.Signatures); i++ {
		if e.env.Signatures[i].KeyID == e.env.Signatures[i-1].KeyID {
			return nil, refuse(Invalid, "signatures", "key %s signs twice", e.env.Signatures[i].KeyID)
		}
	}
	if n := len(e.Canonical()); n > MaxEnvelopeSize {
		return nil, refuse(TooLarge, "", "envelope is %d bytes, more than the limit of %d", n, MaxEnvelopeSize)
	}
	return e, nil
}

// checkCanonical refuses a payload that is not RFC 8785 canonical JSON:
// signatures cover the exact bytes, and only one byte string may stand for a
// record.
func checkCanonical(payload []byte) error {
	if isCanonicalJSON(payload) {
		return nil
	}
	canon, err := jcs.Transform(payload)
	if err != nil {
		return refuse(Invalid, "payload", "is not valid JSON: %v", err)
	}
	if !bytes.Equal(canon, payload) {
		return refuse(Invalid, "payload", "is not RFC 8785 canonical JSON (canonical form is %d bytes, payload %d)", len(canon), len(payload))
	}
	return nil
}

// decodeBase64 accepts both alphabets, as DSSE allows, with or without padding.
func decodeBase64(s string) ([]byte, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("not base64")
}

// SignRecord canonicalizes a record's JSON and signs it with s.
func SignRecord(record []byte, s *Signer) (*Envelope, error) {
	payload, err := jcs.Transform(record)
	if err != nil {
		return nil, refuse(Invalid, "", "record is not valid JSON: %v", err)
	}
	e := &Envelope{payload: payload}
	e.env.PayloadType = PayloadType
	e.env.Payload = base64.StdEncoding.EncodeToString(payload)
	e.Sign(s)
	return e, nil
}

// Sign adds s's signature to e, replacing an earlier signature by the same key.
func (e *Envelope) Sign(s *Signer) {
	sig := base64.StdEncoding.EncodeToString(ed25519Sign(s, dsse.PAE(PayloadType, e.payload)))
	e.env.Signatures = slices.DeleteFunc(e.env.Signatures, func(x dsse.Signature) bool { return x.KeyID == s.keyID })
	e.env.Signatures = append(e.env.Signatures, dsse.Signature{KeyID: s.keyID, Sig: sig})
	e.normalize()
}

// canonicalEnvelope lists an envelope's members in RFC 8785 order. Every
// value is the payloadType constant, hex or base64, none of which JSON
// escapes, so encoding/json's output for it is already canonical; the
// fuzz target checks this against the jcs package.
type canonicalEnvelope struct {
	Payload     string         `json:"payload"`
	PayloadType string         `json:"payloadType"`
	Signatures  []canonicalSig `json:"signatures"`
}

type canonicalSig struct {
	KeyID string `json:"keyid"`
	Sig   string `json:"sig"`
}

// normalize orders the signatures and computes the canonical bytes.
func (e *Envelope) normalize() {
	slices.SortFunc(e.env.Signatures, func(a, b dsse.Signature) int { return strings.Compare(a.KeyID, b.KeyID) })
	c := canonicalEnvelope{Payload: e.env.Payload, PayloadType: e.env.PayloadType, Signatures: make([]canonicalSig, len(e.env.Signatures))}
	for i, s := range e.env.Signatures {
		c.Signatures[i] = canonicalSig{KeyID: s.KeyID, Sig: s.Sig}
	}
	var err error
	if e.canon, err = json.Marshal(c); err != nil {
		panic(err) // strings always marshal
	}
}

// Payload is the canonical record JSON the signatures cover.
func (e *Envelope) Payload() []byte { return e.payload }

// KeyIDs lists the signers' key ids in the envelope's order.
func (e *Envelope) KeyIDs() []string {
	ids := make([]string, len(e.env.Signatures))
	for i, s := range e.env.Signatures {
		ids[i] = s.KeyID
	}
	return ids
}

// Verify checks the signature made by v's key. It names the signature that
// fails, so that a refusal says which signer is at fault.
func (e *Envelope) Verify(v *Verifier) error {
	for i, s := range e.env.Signatures {
		if s.KeyID != v.keyID {
			continue
		}
		sig, _ := base64.StdEncoding.DecodeString(s.Sig) // normalized by ParseEnvelope or Sign
		if !v.verify(dsse.PAE(PayloadType, e.payload), sig) {
			return refuse(Forbidden, fmt.Sprintf("signatures[%d].sig", i), "signature by key %s (%s) does not verify", v.keyID, v.name)
		}
		return nil
	}
	return refuse(Forbidden, "signatures", "no signature by key %s (%s)", v.keyID, v.name)
}

// Canonical is the RFC 8785 form of the envelope's JSON: the bytes a public
// leaf carries and the bytes a restricted leaf's digest covers. Callers
// must not modify it.
func (e *Envelope) Canonical() []byte { return e.canon }

// PayloadHash identifies the record: the same payload re-posted with some
// of its signers is the same record (docs/RULES.md §1).
func (e *Envelope) PayloadHash() [32]byte { return sha256.Sum256(e.payload) }

// Hash identifies the envelope for deduplication: SHA-256 of Canonical.
func (e *Envelope) Hash() [32]byte { return sha256.Sum256(e.Canonical()) }

// MarshalJSON writes the canonical form.
func (e *Envelope) MarshalJSON() ([]byte, error) { return e.Canonical(), nil }
