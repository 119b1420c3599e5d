package truce_test

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
)

// someOfEverything records what the state keeps: a restricted request
// and its purge, evidence, a jointly signed claim, a key rotation; and a
// repeat of the claim's payload, appended behind the mechanism's back as a
// log written before version 2 may hold one (so the mechanism is opened
// again, from the log, to apply it).
func someOfEverything(t *testing.T, f fixture, c *trucetest.Cast, text string) {
	t.Helper()
	req := f.Submit(sign(t, record("request", body{"to": []string{"afghanistan"}, "kind": "handover", "text": text},
		func(m map[string]any) { m["visibility"] = truce.Addressed; m["audience"] = []string{"afghanistan"} }), c.PakistanFO)).Index
	name, size := f.Upload("statement "+text, c.Qatar)
	f.Submit(sign(t, record("evidence", body{"sha256": name, "media_type": "text/plain", "size": size, "description": "d"},
		func(m map[string]any) { m["visibility"] = truce.Mediators }), c.Qatar))
	f.Submit(sign(t, record("purge", body{"target": req, "reason": "safety"}), c.Admin, c.Qatar, c.Turkiye))
	joint := sign(t, record("claim", trucetest.Claim("joint "+text)), c.PakistanFO, c.AfghanistanMOFA)
	f.Submit(joint)
	f.Submit(sign(t, memberRecord("observer", "observer", trucetest.NewSigner(t, "observer-"+text)), c.Admin))
	f.appendBehind(trucetest.DropSignature(t, joint, c.PakistanFO))
	f.Reopen()
}

// TestSavedState: a start from the saved state, replaying only the log's
// tail, comes to the very state a replay of the whole log does; a saved
// state that is not the fold of this log's prefix (another log's, a
// corrupt one) is rebuilt, never trusted.
func TestSavedState(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	someOfEverything(t, f, c, "first")
	f.Reopen() // saves the state, and starts from it
	statePath := f.Dir + ".state"
	early := must(os.ReadFile(statePath))
	someOfEverything(t, f, c, "second")
	f.Close() // saves the state of the longer log

	replayed := func(name string, state []byte) any {
		t.Helper()
		if state == nil {
			os.Remove(statePath)
		} else if err := os.WriteFile(statePath, state, 0o600); err != nil {
			t.Fatal(err)
		}
		f.Reopen()
		s := truce.StateOf(f.Mech)
		f.Close()
		return s
	}
	whole := replayed("no saved state", nil)
	latest := must(os.ReadFile(statePath))
	for _, tc := range []struct {
		name  string
		state []byte
	}{
		{"the latest saved state", latest},
		{"an earlier saved state and the tail", early},
		{"a corrupt state", append([]byte("x"), latest[1:]...)},
		{"another log's state", otherLogsState(t)},
	} {
		if got := replayed(tc.name, tc.state); !reflect.DeepEqual(got, whole) {
			t.Errorf("started from %s: the state differs from a replay of the whole log", tc.name)
		}
	}
	// And the mechanism started from a saved state admits as any.
	f.Reopen()
	f.Submit(sign(t, record("claim", trucetest.Claim("after a start from the saved state")), c.AfghanistanMOFA))
	f.refused(sign(t, record("claim", trucetest.Claim("by a rotated key")), readSigner(t, "observer")), truce.Forbidden, "signatures[0].keyid", "revoked")
}

// otherLogsState is the saved state of another log under the same
// configuration, as long as this one: its tree has another root.
func otherLogsState(t *testing.T) []byte {
	g := newFixture(t)
	c := g.Setup()
	someOfEverything(t, g, c, "other")
	g.Close()
	return must(os.ReadFile(g.Dir + ".state"))
}

// TestStateAfterAPurge: the state a purge leaves live is the one a replay
// of the log (which no longer has the purged body) comes to, so that a
// start from the state saved after it admits as a start from the log
// would: who may describe a purged evidence file's bytes, who answers a
// purged request.
func TestStateAfterAPurge(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	req := f.Submit(sign(t, record("request", body{"to": []string{"afghanistan"}, "kind": "handover", "text": "Witness W."},
		func(m map[string]any) { m["visibility"] = truce.Mediators }), c.Qatar)).Index
	name, size := f.Upload("a witness's statement", c.Qatar)
	ev := f.Submit(sign(t, record("evidence", body{"sha256": name, "media_type": "text/plain", "size": size, "description": "d"},
		func(m map[string]any) { m["visibility"] = truce.Mediators; m["created"] = "2025-11-07T11:00:00+02:00" }), c.Qatar)).Index
	for _, target := range []uint64{req, ev} {
		f.Submit(sign(t, record("purge", body{"target": target, "reason": "safety"}), c.Admin, c.Qatar, c.Turkiye))
	}
	live := truce.StateOf(f.Mech)
	f.Reopen() // saves the live state, and starts from it
	fromSaved := truce.StateOf(f.Mech)
	// A refusal citing the evidence record says its time as it was written.
	refusal := func() string {
		_, err := f.Mech.Submit(t.Context(), sign(t, record("claim", body{"speaker": "s", "text": "t", "quoted": false, "language": "en", "about": []uint64{ev}},
			func(m map[string]any) { m["created"] = "2025-11-07T08:00:00Z" }), c.Qatar))
		return fmt.Sprint(err)
	}
	savedRefusal := refusal()
	os.Remove(f.Dir + ".state")
	f.Close()
	os.Remove(f.Dir + ".state")
	f.Reopen()
	whole := truce.StateOf(f.Mech)
	if !reflect.DeepEqual(live, whole) {
		t.Errorf("the state a purge leaves live differs from a replay of the log")
	}
	if !reflect.DeepEqual(fromSaved, whole) {
		t.Errorf("the state saved after a purge differs from a replay of the log")
	}
	if r := refusal(); r != savedRefusal || !strings.Contains(r, "2025-11-07T11:00:00+02:00") {
		t.Errorf("a refusal after a start from the saved state: %q; from the log: %q", savedRefusal, r)
	}
}
