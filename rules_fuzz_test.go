package truce

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzJudge runs the rules on arbitrary records against a small state: no
// record, however its refs and fields are set, may panic the judge, and
// every refusal is an *Error naming its field.
func FuzzJudge(f *testing.F) {
	raw, err := os.ReadFile("testdata/keys/admin.key")
	if err != nil {
		f.Fatal(err)
	}
	admin, err := ParseSigner(string(raw))
	if err != nil {
		f.Fatal(err)
	}
	cfg := Config{Origin: "truce.test/fuzz", Admin: admin.Verifier(), Quorum: 2}
	record := func(typ string, body string) []byte {
		return []byte(`{"body":` + body + `,"created":"2025-11-07T12:00:00Z","mechanism":"truce.test/fuzz","type":"` + typ + `","v":1,"visibility":"public"}`)
	}
	files, _ := filepath.Glob("testdata/body/good_*.json")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		typ := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "good_"), ".json")
		var compact json.RawMessage
		if json.Unmarshal(b, &compact) == nil {
			f.Add(record(typ, string(compact)))
		}
	}
	f.Add(record("assessment", `{"subject":1,"status":"verified","rationale":"r"}`))
	f.Add(record("response", `{"request":2,"status":"accepted","text":"t"}`))
	f.Add(record("correction", `{"target":0,"reason":"r","replacement":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		st := newState(cfg)
		genesis, _ := SignRecord(record("member", `{"id":"admin","role":"admin","name":"Secretariat","key":"`+admin.Verifier().String()+`"}`), admin)
		for i, rec := range [][]byte{genesis.Canonical()} {
			e, _ := ParseEnvelope(rec)
			r, _ := ParseRecord(e.Payload())
			a, err := st.judge(e, r)
			if err != nil {
				t.Fatalf("setup record %d: %v", i, err)
			}
			st.apply(uint64(i), a)
		}
		for _, body := range []struct{ typ, body string }{
			{"party", `{"id":"pakistan","name":"Pakistan"}`},
			{"request", `{"to":["pakistan"],"kind":"demand","text":"t"}`},
		} {
			e, _ := SignRecord(record(body.typ, body.body), admin)
			r, _ := ParseRecord(e.Payload())
			a, err := st.judge(e, r)
			if err != nil {
				t.Fatalf("setup %s: %v", body.typ, err)
			}
			st.apply(st.size, a)
		}
		env, err := SignRecord(data, admin)
		if err != nil {
			return
		}
		r, err := ParseRecord(env.Payload())
		if err != nil {
			return
		}
		a, err := st.judge(env, r)
		if err != nil {
			if _, ok := AsError(err); !ok {
				t.Fatalf("refusal %v is not an *Error", err)
			}
			return
		}
		st.apply(st.size, a)
	})
}
