package truce

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func canonicalEnvelopes(t testing.TB) [][]byte {
	files, _ := filepath.Glob(filepath.Join("testdata", "good_*.envelope.json"))
	if len(files) == 0 {
		t.Fatal("no good_*.envelope.json vectors")
	}
	var out [][]byte
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		e, err := ParseEnvelope(bytes.TrimSpace(b))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, e.Canonical())
	}
	return out
}

// Every canonical envelope is read by position, and read as the JSON
// decoder reads it: the fast path is the path the log's entries take.
func TestCanonicalEnvelopeReadByPosition(t *testing.T) {
	for _, c := range canonicalEnvelopes(t) {
		fast, ok := readCanonicalEnvelope(c)
		if !ok {
			t.Fatalf("canonical envelope not read by position: %.120s", c)
		}
		slow, err := decodeEnvelopeJSON(c, false)
		if err != nil {
			t.Fatal(err)
		}
		sameEnvelope(t, c, fast, slow)
	}
}

// A near miss of the canonical layout is not read by position; the JSON
// decoder decides it, refusing it or normalizing it as before.
func TestCanonicalEnvelopeNearMisses(t *testing.T) {
	c := string(canonicalEnvelopes(t)[0])
	keyid := c[strings.Index(c, `"keyid":"`)+9:][:64]
	sig := c[strings.Index(c, `"sig":"`)+7:]
	sig = sig[:strings.IndexByte(sig, '"')]
	payload := c[len(`{"payload":"`):strings.Index(c, `","payloadType"`)]
	cases := map[string]string{
		"space after a colon":        strings.Replace(c, `"payload":"`, `"payload": "`, 1),
		"upper-case key id":          strings.Replace(c, keyid, strings.ToUpper(keyid), 1),
		"unpadded base64":            strings.Replace(c, payload, strings.TrimRight(payload, "="), 1),
		"newline in base64":          strings.Replace(c, payload, payload[:8]+`\n`+payload[8:], 1),
		"stray bits in the last sig": strings.Replace(c, sig, sig[:len(sig)-3]+"B==", 1),
		"a key signing twice":        strings.Replace(c, `]}`, `,{"keyid":"`+keyid+`","sig":"`+sig+`"}]}`, 1),
		"no signatures":              c[:strings.Index(c, `[`)+1] + `]}`,
		"members out of order":       `{"payloadType":"` + PayloadType + `","payload":"` + payload + `","signatures":[{"keyid":"` + keyid + `","sig":"` + sig + `"}]}`,
		"trailing bytes":             c + " ",
		"truncated":                  c[:len(c)-1],
	}
	for _, e := range canonicalEnvelopes(t) {
		if u := strings.NewReplacer("+", "-", "/", "_").Replace(string(e)); u != string(e) {
			cases["url-safe base64"] = u
			break
		}
	}
	if _, ok := cases["url-safe base64"]; !ok {
		t.Fatal("no vector has base64 that differs in the url-safe alphabet")
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			if in == c {
				t.Fatal("the case does not change the envelope")
			}
			if _, ok := readCanonicalEnvelope([]byte(in)); ok {
				t.Fatalf("read by position: %.200s", in)
			}
		})
	}
}

func sameEnvelope(t testing.TB, data []byte, fast, slow *Envelope) {
	t.Helper()
	if !bytes.Equal(fast.Canonical(), slow.Canonical()) || !bytes.Equal(fast.Payload(), slow.Payload()) ||
		fast.env.Payload != slow.env.Payload || fast.env.PayloadType != slow.env.PayloadType ||
		len(fast.env.Signatures) != len(slow.env.Signatures) {
		t.Fatalf("read by position and decoded differ for %.200q:\n%s\n%s", data, fast.Canonical(), slow.Canonical())
	}
	for i := range fast.env.Signatures {
		if fast.env.Signatures[i] != slow.env.Signatures[i] {
			t.Fatalf("signature %d differs for %.200q: %+v vs %+v", i, data, fast.env.Signatures[i], slow.env.Signatures[i])
		}
	}
}

// FuzzCanonicalEnvelope holds the positional reader to the JSON decoder:
// whatever it reads, the decoder reads the same, and whatever the decoder
// reads whose canonical form is the input, it reads too.
func FuzzCanonicalEnvelope(f *testing.F) {
	for _, c := range canonicalEnvelopes(f) {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ok := readCanonicalEnvelope(data)
		slow, err := decodeEnvelopeJSON(data, true)
		if !ok {
			if err == nil && bytes.Equal(slow.Canonical(), data) {
				t.Fatalf("canonical envelope %.200q not read by position", data)
			}
			return
		}
		if err != nil {
			t.Fatalf("read by position, refused by the decoder (%v): %.200q", err, data)
		}
		sameEnvelope(t, data, fast, slow)
		if !bytes.Equal(fast.Canonical(), data) {
			t.Fatalf("read by position, but its canonical form differs: %.200q", data)
		}
	})
}
