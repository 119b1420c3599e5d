package truce

import (
	"bytes"
	"encoding/base64"

	"github.com/secure-systems-lab/go-securesystemslib/dsse"
)

// Every envelope the log holds, and every envelope truce's own clients
// send, is in its canonical form, whose layout is fixed: the members in
// RFC 8785 order, the payloadType constant, standard base64 and lower-case
// hex, none of which JSON escapes. readCanonicalEnvelope reads that layout
// by position, without a JSON decoder or a second serialization: it is most
// of the cost of replaying and auditing a log. It is hand-written because
// no JSON library reads a fixed layout faster than a general decoder; the
// fuzz target FuzzCanonicalEnvelope holds it to decodeEnvelope, which
// decides for every input it accepts.
var (
	canonHead   = []byte(`{"payload":"`)
	canonType   = []byte(`","payloadType":"` + PayloadType + `","signatures":[`)
	canonKeyID  = []byte(`{"keyid":"`)
	canonSig    = []byte(`","sig":"`)
	canonSigEnd = []byte(`"}`)
	canonTail   = []byte(`]}`)
)

const keyIDHexSize = 64

// readCanonicalEnvelope returns the envelope data is the canonical form
// of, or false when data is not exactly in that form (it may still be an
// envelope, in another form: the caller decodes it generally). It does not
// check the payload's own canonical form.
func readCanonicalEnvelope(data []byte) (*Envelope, bool) {
	if len(data) > MaxEnvelopeSize {
		return nil, false
	}
	rest, ok := bytes.CutPrefix(data, canonHead)
	if !ok {
		return nil, false
	}
	b64, rest, ok := bytes.Cut(rest, canonType)
	if !ok {
		return nil, false
	}
	payload, ok := strictBase64(b64)
	if !ok {
		return nil, false
	}
	e := &Envelope{payload: payload, canon: bytes.Clone(data)}
	e.env.PayloadType = PayloadType
	e.env.Payload = string(b64)
	for {
		if rest, ok = bytes.CutPrefix(rest, canonKeyID); !ok || len(rest) < keyIDHexSize {
			return nil, false
		}
		keyID := string(rest[:keyIDHexSize])
		if !isLowerHex(keyID) {
			return nil, false
		}
		if n := len(e.env.Signatures); n > 0 && e.env.Signatures[n-1].KeyID >= keyID {
			return nil, false // not in key id order, or a key signing twice
		}
		if rest, ok = bytes.CutPrefix(rest[keyIDHexSize:], canonSig); !ok {
			return nil, false
		}
		sig, after, ok := bytes.Cut(rest, canonSigEnd)
		if !ok {
			return nil, false
		}
		if _, ok := strictBase64(sig); !ok {
			return nil, false
		}
		e.env.Signatures = append(e.env.Signatures, dsse.Signature{KeyID: keyID, Sig: string(sig)})
		rest = after
		if len(rest) > 0 && rest[0] == ',' {
			rest = rest[1:]
			continue
		}
		if !bytes.Equal(rest, canonTail) {
			return nil, false
		}
		return e, true
	}
}

// strictBase64 decodes standard, padded base64 that is the one encoding
// of what it decodes to. Strict refuses stray bits in the last character;
// the length check refuses the newlines the decoder would skip.
func strictBase64(s []byte) ([]byte, bool) {
	out := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
	n, err := base64.StdEncoding.Strict().Decode(out, s)
	if err != nil || base64.StdEncoding.EncodedLen(n) != len(s) {
		return nil, false
	}
	return out[:n], true
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
