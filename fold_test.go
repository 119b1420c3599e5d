package truce_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
)

// foldCase is one statement of docs/RULES.md §2, as records admitted by
// the rules and the statuses the fold gives the items they list.
type foldCase struct {
	name string
	// run records what the case needs, returning the item to look at.
	run  func(t *testing.T, w *world) uint64
	want string
}

// world is a mechanism with the test cast, and shorthands for records.
type world struct {
	m *trucetest.Mechanism
	c *trucetest.Cast
	n int
}

func (w *world) sub(t *testing.T, typ string, body map[string]any, signers ...*truce.Signer) uint64 {
	t.Helper()
	return w.m.Submit(trucetest.Sign(t, trucetest.Record(typ, body), signers...)).Index
}

func (w *world) incident(t *testing.T) uint64 {
	w.n++
	return w.sub(t, "incident", map[string]any{"event_type": "Battles", "date": "2025-10-12", "date_precision": "day",
		"place": map[string]any{"name": fmt.Sprintf("Place %d", w.n), "precision": "district"}, "actors": []string{"Pakistan Army"}, "description": "Clash"}, w.c.Admin)
}

func (w *world) source(t *testing.T, outlet string) uint64 {
	w.n++
	return w.sub(t, "source", map[string]any{"outlet": outlet, "language": "en", "sha256": fmt.Sprintf("%064x", w.n)}, w.c.Admin)
}

// claim records a claim about the incident at i, by signer, citing the
// source at src when src > 0.
func (w *world) claim(t *testing.T, i uint64, src uint64, signer *truce.Signer) uint64 {
	w.n++
	b := map[string]any{"speaker": "S", "text": fmt.Sprintf("Claim %d", w.n), "quoted": false, "language": "en", "about": []uint64{i}}
	if src > 0 {
		b["source"] = src
	}
	return w.sub(t, "claim", b, signer)
}

func (w *world) commitment(t *testing.T) uint64 {
	w.n++
	return w.sub(t, "commitment", map[string]any{"obligor": "afghanistan", "text": fmt.Sprintf("Commitment %d", w.n), "category": "ceasefire", "criteria": "c"}, w.c.Admin)
}

// TestFoldRules checks the fold against the statuses docs/RULES.md §2
// states, one table row a statement, on records the rules admitted.
func TestFoldRules(t *testing.T) {
	cases := []foldCase{
		{"an incident is reported when recorded", func(t *testing.T, w *world) uint64 { return w.incident(t) }, "reported"},
		{"one claim corroborates nothing", func(t *testing.T, w *world) uint64 {
			i := w.incident(t)
			w.claim(t, i, 0, w.c.PakistanISPR)
			return i
		}, "reported"},
		{"two parties' claims are independent", func(t *testing.T, w *world) uint64 {
			i := w.incident(t)
			w.claim(t, i, 0, w.c.PakistanISPR)
			w.claim(t, i, 0, w.c.AfghanistanMOFA)
			return i
		}, "corroborated"},
		{"members of the same party are one source", func(t *testing.T, w *world) uint64 {
			i := w.incident(t)
			w.claim(t, i, 0, w.c.PakistanISPR)
			w.claim(t, i, 0, w.c.PakistanFO)
			return i
		}, "reported"},
		{"two parties citing the same outlet are one source", func(t *testing.T, w *world) uint64 {
			i, s1, s2 := w.incident(t), w.source(t, "Dawn"), w.source(t, "Dawn")
			w.claim(t, i, s1, w.c.PakistanISPR)
			w.claim(t, i, s2, w.c.AfghanistanMOFA)
			return i
		}, "reported"},
		{"two outlets are two sources", func(t *testing.T, w *world) uint64 {
			i, s1, s2 := w.incident(t), w.source(t, "Dawn"), w.source(t, "Tolo News")
			w.claim(t, i, s1, w.c.Admin)
			w.claim(t, i, s2, w.c.Admin)
			return i
		}, "corroborated"},
		{"two transcriptions from unnamed sources are not two sources", func(t *testing.T, w *world) uint64 {
			i := w.incident(t)
			w.claim(t, i, 0, w.c.Admin)
			w.claim(t, i, 0, w.c.Monitor)
			return i
		}, "reported"},
		{"two authors, one speaking for a party, are two sources", func(t *testing.T, w *world) uint64 {
			i := w.incident(t)
			w.claim(t, i, 0, w.c.Admin)
			w.claim(t, i, 0, w.c.PakistanISPR)
			return i
		}, "corroborated"},
		{"a payload recorded twice is one claim", func(t *testing.T, w *world) uint64 {
			i := w.incident(t)
			joint := trucetest.Record("claim", map[string]any{"speaker": "Joint", "text": "Both confirm", "quoted": true, "language": "en", "about": []uint64{i}})
			w.m.Submit(trucetest.Sign(t, joint, w.c.PakistanISPR))
			w.m.Submit(trucetest.Sign(t, joint, w.c.PakistanISPR, w.c.AfghanistanMOFA))
			return i
		}, "reported"},
		{"corrected claims do not count", func(t *testing.T, w *world) uint64 {
			i := w.incident(t)
			w.claim(t, i, 0, w.c.PakistanISPR)
			k := w.claim(t, i, 0, w.c.AfghanistanMOFA)
			w.sub(t, "correction", map[string]any{"target": k, "reason": "r"}, w.c.AfghanistanMOFA)
			return i
		}, "reported"},
		{"an assessment outranks corroboration", func(t *testing.T, w *world) uint64 {
			i := w.incident(t)
			w.sub(t, "assessment", map[string]any{"subject": i, "status": "disputed", "rationale": "r"}, w.c.Monitor)
			w.claim(t, i, 0, w.c.PakistanISPR)
			w.claim(t, i, 0, w.c.AfghanistanMOFA)
			return i
		}, "disputed"},
		{"the latest assessment sets an incident's status", func(t *testing.T, w *world) uint64 {
			i := w.incident(t)
			w.sub(t, "assessment", map[string]any{"subject": i, "status": "disputed", "rationale": "r"}, w.c.Monitor)
			w.sub(t, "assessment", map[string]any{"subject": i, "status": "verified", "rationale": "r2"}, w.c.Qatar)
			return i
		}, "verified"},
		{"a commitment is open when recorded", func(t *testing.T, w *world) uint64 { return w.commitment(t) }, "open"},
		{"the latest assessment sets a commitment's status", func(t *testing.T, w *world) uint64 {
			c := w.commitment(t)
			w.sub(t, "assessment", map[string]any{"subject": c, "status": "in_progress", "rationale": "r"}, w.c.Monitor)
			w.sub(t, "assessment", map[string]any{"subject": c, "status": "partly_fulfilled", "rationale": "r2"}, w.c.Monitor)
			return c
		}, "partly_fulfilled"},
		{"a finding breaches, and the breach is final", func(t *testing.T, w *world) uint64 {
			c, i := w.commitment(t), w.incident(t)
			w.sub(t, "finding", map[string]any{"violator": "afghanistan", "commitments": []uint64{c}, "basis": []uint64{i}, "decision": "Violated", "penalty": "Suspension"}, w.c.Qatar, w.c.Turkiye)
			w.sub(t, "assessment", map[string]any{"subject": c, "status": "fulfilled", "rationale": "r"}, w.c.Monitor)
			return c
		}, "breached"},
		{"a request is open when recorded", func(t *testing.T, w *world) uint64 {
			return w.sub(t, "request", map[string]any{"to": []string{"pakistan"}, "kind": "information", "text": "Share"}, w.c.Admin)
		}, "open"},
		{"a response answers a request", func(t *testing.T, w *world) uint64 {
			r := w.sub(t, "request", map[string]any{"to": []string{"pakistan"}, "kind": "information", "text": "Share what you know"}, w.c.Admin)
			w.sub(t, "response", map[string]any{"request": r, "status": "acknowledged", "text": "Received"}, w.c.PakistanFO)
			return r
		}, "answered"},
	}
	w := &world{m: trucetest.NewMechanism(t)}
	w.c = w.m.Setup()
	got := map[string]uint64{}
	for _, c := range cases {
		got[c.name] = c.run(t, w)
	}
	changes, err := truce.Changes(t.Context(), w.m.Log)
	if err != nil {
		t.Fatal(err)
	}
	status := statuses(changes)
	for _, c := range cases {
		if s := status[got[c.name]]; s != c.want {
			t.Errorf("%s: item %d is %q, want %q", c.name, got[c.name], s, c.want)
		}
	}
}

// statuses reads the items' stored statuses out of changes, as a store
// writes them.
func statuses(changes []truce.Change) map[uint64]string {
	out := map[uint64]string{}
	for _, c := range changes {
		if c.Item != nil {
			out[c.Index] = c.Item.Status
		}
		for _, u := range c.Updates {
			if u.Status != "" {
				out[u.Index] = u.Status
			}
		}
	}
	return out
}

// TestFoldMembership checks what the fold writes of members: a new key
// for a member id retires its others from that index on (docs/RULES.md §1),
// and one member signing under two keys is one signer.
func TestFoldMembership(t *testing.T) {
	m := trucetest.NewMechanism(t)
	c := m.Setup()
	next := trucetest.NewSigner(t, "pakistan-fo")
	rotation := m.Submit(trucetest.Sign(t, trucetest.Member("pakistan-fo", "party", next, func(b map[string]any) { b["party"] = "pakistan" }), c.Admin, c.PakistanFO)).Index
	changes, err := truce.Changes(t.Context(), m.Log)
	if err != nil {
		t.Fatal(err)
	}
	var rows []truce.MemberRow
	for _, ch := range changes[rotation].Members {
		rows = append(rows, ch)
	}
	i := slices.IndexFunc(rows, func(r truce.MemberRow) bool { return r.KeyID == c.PakistanFO.KeyID() })
	j := slices.IndexFunc(rows, func(r truce.MemberRow) bool { return r.KeyID == next.KeyID() })
	if i < 0 || rows[i].Revoked == nil || *rows[i].Revoked != rotation {
		t.Errorf("the old key after a rotation at %d: %+v", rotation, rows)
	}
	if j < 0 || rows[j].Revoked != nil || rows[j].Since != rotation || rows[j].ID != "pakistan-fo" {
		t.Errorf("the new key after a rotation at %d: %+v", rotation, rows)
	}
}
