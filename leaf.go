package truce

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/gowebpki/jcs"
)

// Leaf kinds: the value of a leaf's "leaf" member.
const (
	leafPublic     = "truce.public.v1"
	leafRestricted = "truce.restricted.v1"
)

// SaltSize is the length of a restricted record's salt.
const SaltSize = 32

// Leaf is one entry of the log, decoded.
type Leaf struct {
	// Envelope is set for a public record.
	Envelope *Envelope
	// Restricted is set for a restricted record.
	Restricted *RestrictedLeaf
}

// RestrictedLeaf is what the log holds of a restricted record: routing
// metadata and a salted digest of its envelope, never its body.
type RestrictedLeaf struct {
	Type       string   `json:"type"`
	Visibility string   `json:"visibility"`
	Audience   []string `json:"audience,omitempty"`
	Authors    []string `json:"authors"`
	Created    string   `json:"created"`
	Digest     string   `json:"digest"`
}

// PublicLeaf is the log entry for a public record: its whole envelope.
func PublicLeaf(e *Envelope) []byte {
	// The members are in canonical order and the envelope is canonical, so
	// the concatenation is canonical JSON without another pass.
	canon := e.Canonical()
	b := make([]byte, 0, len(canon)+64)
	b = append(b, `{"envelope":`...)
	b = append(b, canon...)
	b = append(b, `,"leaf":"`+leafPublic+`"}`...)
	return b
}

// RestrictedDigest is the salted digest a restricted leaf carries:
// lowercase hex SHA-256 of the salt followed by the canonical envelope. The
// salt keeps a guessable body (a yes/no answer, a short list) from being
// confirmed by hashing candidates.
func RestrictedDigest(e *Envelope, salt []byte) string {
	h := sha256.New()
	h.Write(salt)
	h.Write(e.Canonical())
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// NewRestrictedLeaf is the log entry for a restricted record.
func NewRestrictedLeaf(e *Envelope, r *Record, salt []byte) ([]byte, error) {
	if len(salt) != SaltSize {
		return nil, fmt.Errorf("salt is %d bytes, want %d", len(salt), SaltSize)
	}
	rl := RestrictedLeaf{
		Type: r.Type, Visibility: r.Visibility, Audience: r.Audience,
		Authors: e.KeyIDs(), Created: r.Created, Digest: RestrictedDigest(e, salt),
	}
	return leafJSON(map[string]any{
		"leaf": leafRestricted, "type": rl.Type, "visibility": rl.Visibility,
		"audience": rl.Audience, "authors": rl.Authors, "created": rl.Created, "digest": rl.Digest,
	}), nil
}

// decodePublic decodes the envelope env of the public leaf data.
func decodePublic(env, data []byte, trusted bool) (*Envelope, error) {
	if trusted {
		e, err := decodeEnvelope(env, true)
		if err != nil {
			return nil, fmt.Errorf("leaf envelope: %v", err)
		}
		return e, nil
	}
	e, err := ParseEnvelope(env)
	if err != nil {
		return nil, fmt.Errorf("leaf envelope: %v", err)
	}
	// Equal to the leaf its envelope forms, the entry is canonical.
	if !bytes.Equal(PublicLeaf(e), data) {
		return nil, fmt.Errorf("leaf is not the canonical leaf of its envelope")
	}
	return e, nil
}

func leafJSON(v map[string]any) []byte {
	if a, ok := v["audience"].([]string); ok && len(a) == 0 {
		delete(v, "audience")
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	c, err := jcs.Transform(b)
	if err != nil {
		panic(err)
	}
	return c
}

// ParseLeaf decodes a log entry. It checks that the entry is in its
// canonical form, so that a leaf has exactly one byte representation.
func ParseLeaf(data []byte) (*Leaf, error) { return parseLeaf(data, false) }

// readLeaf decodes an entry of the mechanism's own log, as replay and the
// projection read it: its canonical form was checked when it was admitted
// (truce audit checks it again), so it is not checked twice.
func readLeaf(data []byte) (*Leaf, error) { return parseLeaf(data, true) }

func parseLeaf(data []byte, trusted bool) (*Leaf, error) {
	// A public leaf is its envelope between a fixed head and tail
	// (PublicLeaf): read so, the leaf is not decoded whole first. A leaf
	// that only looks so is refused below, when it is not the leaf its
	// envelope forms.
	if env, ok := bytes.CutPrefix(data, []byte(`{"envelope":`)); ok {
		if env, ok := bytes.CutSuffix(env, []byte(`,"leaf":"`+leafPublic+`"}`)); ok {
			if e, err := decodePublic(env, data, trusted); err == nil {
				return &Leaf{Envelope: e}, nil
			}
		}
	}
	var head struct {
		Leaf     string          `json:"leaf"`
		Envelope json.RawMessage `json:"envelope"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("leaf: %v", err)
	}
	switch head.Leaf {
	case leafPublic:
		e, err := decodePublic(head.Envelope, data, trusted)
		if err != nil {
			return nil, err
		}
		return &Leaf{Envelope: e}, nil
	case leafRestricted:
		if !trusted {
			if !isCanonicalJSON(data) {
				return nil, fmt.Errorf("leaf is not canonical JSON")
			}
		}
		var wire struct {
			RestrictedLeaf
			Leaf string `json:"leaf"`
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&wire); err != nil {
			return nil, fmt.Errorf("restricted leaf: %v", err)
		}
		rl := wire.RestrictedLeaf
		return &Leaf{Restricted: &rl}, nil
	default:
		return nil, fmt.Errorf("leaf kind %q is unknown", head.Leaf)
	}
}
