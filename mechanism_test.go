package truce_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
)

type fixture struct{ *trucetest.Mechanism }

func newFixture(t *testing.T) fixture { return fixture{trucetest.NewMechanism(t)} }

var (
	record       = trucetest.Record
	memberRecord = trucetest.Member
	sign         = trucetest.Sign
	readSigner   = trucetest.Signer
)

// refused submits env, expects a refusal of kind naming field and saying
// msg, and checks the log did not change.
func (f fixture) refused(env []byte, kind truce.ErrorKind, field, msg string) {
	f.T.Helper()
	before := f.Size()
	_, err := f.Mech.Submit(context.Background(), env)
	e, ok := truce.AsError(err)
	if !ok {
		f.T.Fatalf("got %v, want a refusal of %s", err, field)
	}
	if e.Kind != kind || e.Field != field || !strings.Contains(e.Msg, msg) {
		f.T.Errorf("refusal = {kind %d, field %q, %q}, want {kind %d, field %q, containing %q}", e.Kind, e.Field, e.Msg, kind, field, msg)
	}
	if after := f.Size(); after != before {
		f.T.Errorf("the log grew from %d to %d entries on a refused record", before, after)
	}
}

func TestGenesisAdmitsOnlyTheAdmin(t *testing.T) {
	f := newFixture(t)
	stranger := readSigner(t, "stranger")
	claim := record("claim", trucetest.Claim("y"))
	f.refused(sign(t, claim, f.Admin), truce.Forbidden, "type", "must be the admin's membership")
	f.refused(sign(t, memberRecord("admin", "admin", stranger), stranger), truce.Forbidden, "body.key", "admin key")
	f.refused(sign(t, memberRecord("admin", "admin", stranger), f.Admin), truce.Forbidden, "body.key", "admin key")
	f.refused(sign(t, memberRecord("admin", "admin", f.Admin), f.Admin, stranger), truce.Forbidden, "signatures", "admin alone")
	f.Genesis()
}

func TestDuplicateGetsTheSameIndex(t *testing.T) {
	f := newFixture(t)
	f.Genesis()
	env := sign(t, record("claim", trucetest.Claim("no verifiable action")), f.Admin)

	// Concurrent submissions of one envelope: one append, one index.
	const n = 32
	receipts := make([]truce.Receipt, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rc, err := f.Mech.Submit(context.Background(), env)
			if err != nil {
				t.Error(err)
			}
			receipts[i] = rc
		}()
	}
	wg.Wait()
	fresh := 0
	for _, rc := range receipts {
		if rc.Index != receipts[0].Index {
			t.Fatalf("indices %d and %d for one envelope", rc.Index, receipts[0].Index)
		}
		if rc.Duplicate == "" {
			fresh++
		}
	}
	if fresh != 1 || f.Size() != 2 {
		t.Fatalf("%d submissions appended, log size %d; want 1 and 2", fresh, f.Size())
	}

	// The same envelope re-encoded (indented, URL-safe base64) is the same
	// envelope.
	var m map[string]any
	json.Unmarshal(env, &m)
	payload, _ := base64.StdEncoding.DecodeString(m["payload"].(string))
	m["payload"] = base64.RawURLEncoding.EncodeToString(payload)
	reencoded, _ := json.MarshalIndent(m, "", "  ")
	if rc := f.Submit(reencoded); rc.Index != receipts[0].Index || rc.Duplicate == "" {
		t.Errorf("re-encoded envelope: %+v, want duplicate of %d", rc, receipts[0].Index)
	}

	// After a restart the index is remembered from the log itself.
	f.Reopen()
	if rc := f.Submit(env); rc.Index != receipts[0].Index || rc.Duplicate == "" {
		t.Errorf("after restart: %+v, want duplicate of %d", rc, receipts[0].Index)
	}
	if f.Size() != 2 {
		t.Errorf("log size %d after restart and resubmission, want 2", f.Size())
	}
}

func TestMembership(t *testing.T) {
	f := newFixture(t)
	// Version 1, where the admin alone rotates a mediator's key; version
	// 2's trust anchors: TestTheOperatorCannotSpeakForAParty.
	f.Mediators = nil
	f.Reopen()
	f.Genesis()
	qatar := readSigner(t, "mediator-qatar")
	stranger := readSigner(t, "stranger")
	claim := func(text string) []byte { return record("claim", trucetest.Claim(text)) }

	f.refused(sign(t, claim("unknown"), stranger), truce.Forbidden, "signatures[0].keyid", "not a member's key")
	f.refused(sign(t, memberRecord("qatar", "mediator", qatar), qatar), truce.Forbidden, "signatures[0].keyid", "not a member's key")
	f.Submit(sign(t, memberRecord("qatar", "mediator", qatar), f.Admin))
	f.refused(sign(t, memberRecord("stranger", "observer", stranger), qatar), truce.Forbidden, "signatures", "needs the admin's signature")
	before := f.Submit(sign(t, claim("signed while active"), qatar))
	f.refused(sign(t, memberRecord("bad", "general", stranger), f.Admin), truce.Invalid, "body.role", "not one of")
	f.refused(sign(t, memberRecord("bad", "party", stranger), f.Admin), truce.Invalid, "body.party", "required for role party")

	// A key rotation retires the old key from that record on; what it
	// signed before stays in the log and keeps its index.
	f.Submit(sign(t, memberRecord("qatar", "mediator", stranger), f.Admin))
	f.refused(sign(t, claim("after rotation"), qatar), truce.Forbidden, "signatures[0].keyid", "revoked")
	f.Submit(sign(t, claim("new key"), stranger))
	if rc := f.Submit(sign(t, claim("signed while active"), qatar)); rc.Index != before.Index || rc.Duplicate == "" {
		t.Errorf("an envelope signed before rotation: %+v, want duplicate of %d", rc, before.Index)
	}

	// Revocation, and the same judgement after a restart.
	f.Submit(sign(t, memberRecord("qatar", "mediator", stranger, func(b map[string]any) { b["status"] = "revoked" }), f.Admin))
	f.refused(sign(t, claim("after revocation"), stranger), truce.Forbidden, "signatures[0].keyid", "revoked")
	f.Reopen()
	f.refused(sign(t, claim("after revocation and restart"), stranger), truce.Forbidden, "signatures[0].keyid", "revoked")
	f.refused(sign(t, claim("after rotation and restart"), qatar), truce.Forbidden, "signatures[0].keyid", "revoked")
}

func TestRefusals(t *testing.T) {
	f := newFixture(t)
	f.Genesis()
	stranger := readSigner(t, "stranger")
	body := trucetest.Claim("y")

	f.refused(sign(t, record("claim", body, func(m map[string]any) { m["mechanism"] = "other.example/log" }), f.Admin),
		truce.Invalid, "mechanism", `is "other.example/log", but this mechanism is "truce.test/pakistan-afghanistan"`)
	f.refused(sign(t, record("claim", body, func(m map[string]any) { m["refs"] = []int{0, 7} }), f.Admin),
		truce.Unresolved, "refs[1]", "log index 7 does not exist (the log has 1 entries)")
	f.refused(sign(t, record("member", map[string]any{"id": "x", "role": "observer", "name": "x", "key": stranger.Verifier().String()}, func(m map[string]any) { m["visibility"] = "mediators" }), f.Admin),
		truce.Invalid, "visibility", "membership and the witness policy are public")

	// A signature made by another key under the admin's key id.
	var forged map[string]any
	json.Unmarshal(sign(t, record("claim", body), stranger), &forged)
	forged["signatures"].([]any)[0].(map[string]any)["keyid"] = f.Admin.KeyID()
	b, _ := json.Marshal(forged)
	f.refused(b, truce.Forbidden, "signatures[0].sig", "does not verify")

	// Every fail vector is refused by the mechanism too, unchanged log.
	for name := range failVectors {
		data, err := os.ReadFile("testdata/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		want, _ := os.ReadFile("testdata/" + name + ".err")
		before := f.Size()
		_, err = f.Mech.Submit(context.Background(), data)
		if err == nil || err.Error()+"\n" != string(want) {
			t.Errorf("%s: %v, want %s", name, err, want)
		}
		if f.Size() != before {
			t.Errorf("%s: log changed", name)
		}
	}

	big := strings.Repeat("x", truce.MaxEnvelopeSize)
	f.refused(sign(t, record("claim", map[string]any{"text": big}), f.Admin), truce.TooLarge, "", "more than the limit")
}
