// Package storetest is the conformance suite every truce.Store passes:
// the same scenario, statuses, filters, pages and rebuilds, whichever
// database holds the projection.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
)

// Opener returns a new, empty store, closed when the test ends.
type Opener func(t *testing.T) truce.Store

// Run runs the suite against stores from open.
func Run(t *testing.T, open Opener) {
	t.Run("Scenario", func(t *testing.T) { testScenario(t, open) })
	t.Run("ExactlyOnce", func(t *testing.T) { testExactlyOnce(t, open) })
	t.Run("RebuildEqualsLive", func(t *testing.T) { testRebuildEqualsLive(t, open, 10000) })
	t.Run("OneStatementCountsOnce", func(t *testing.T) { testOneStatementCountsOnce(t, open) })
	t.Run("TimeStatuses", func(t *testing.T) { testTimeStatuses(t, open) })
	t.Run("Reset", func(t *testing.T) { testReset(t, open) })
	t.Run("Resume", func(t *testing.T) { testResume(t, open) })
}

// testResume stops a store at many points of a log and catches it up from
// there, the fold reading back from the store what it needs of the
// entries before (truce.Facts): every one ends as a store fed the whole
// log at once. The log has repeats, co-signed statements, corrections
// and corroboration, whose facts reach back furthest.
func testResume(t *testing.T, open Opener) {
	m := trucetest.NewMechanism(t)
	c := m.Setup()
	sub := func(typ string, body map[string]any, signers ...*truce.Signer) uint64 {
		return m.Submit(trucetest.Sign(t, trucetest.Record(typ, body), signers...)).Index
	}
	m.Mixed(c, 700, 3)
	inc := sub("incident", map[string]any{"event_type": "Battles", "date": "2025-10-12", "date_precision": "day",
		"place": map[string]any{"name": "Kurram", "precision": "district"}, "actors": []string{"Pakistan Army"}, "description": "Clash"}, c.Admin)
	other := sub("incident", map[string]any{"event_type": "Battles", "date": "2025-10-13", "date_precision": "day",
		"place": map[string]any{"name": "Chaman", "precision": "district"}, "actors": []string{"Pakistan Army"}, "description": "Clash"}, c.Admin)
	claim := func(text string, signer *truce.Signer) uint64 {
		return sub("claim", map[string]any{"speaker": "S", "text": text, "quoted": false, "language": "en", "about": []uint64{inc}}, signer)
	}
	from := claim("A clash in Kurram", c.PakistanISPR)
	// Corroborated by a second party's claim; back to reported once that
	// claim is corrected (the fold reads the claims about the incident,
	// and the incidents the claim is about, back from the store).
	second := claim("A clash, they say", c.AfghanistanMOFA)
	sub("correction", map[string]any{"target": second, "reason": "r"}, c.AfghanistanMOFA)
	claim("A clash in Kurram, they say", c.AfghanistanMOFA)
	// A statement, the same statement co-signed, and what cites it by its
	// second entry (the fold reads the repeats and payloads back).
	joint := trucetest.Record("claim", map[string]any{"speaker": "Joint", "text": "Both confirm", "quoted": true, "language": "en", "about": []uint64{other}})
	m.Submit(trucetest.Sign(t, joint, c.PakistanFO))
	again := m.Submit(trucetest.Sign(t, joint, c.PakistanFO, c.AfghanistanMOFA)).Index
	sub("assessment", map[string]any{"subject": other, "status": "verified", "rationale": "r", "evidence": []uint64{again}}, c.Monitor)
	to := m.Size()
	m.Mixed(c, 200, 4)
	whole := open(t)
	m.Project(whole)
	want := digest(t, whole)
	changes, err := truce.Changes(t.Context(), m.Log)
	if err != nil {
		t.Fatal(err)
	}
	stops := []uint64{1, 2, 17, 350, uint64(len(changes)) - 1}
	for k := from; k <= to; k++ {
		stops = append(stops, k)
	}
	for _, k := range stops {
		st := open(t)
		if err := st.Apply(t.Context(), changes[:k]); err != nil {
			t.Fatal(err)
		}
		m.Project(st)
		if got := digest(t, st); got != want {
			t.Errorf("caught up from entry %d: digest %x, fed at once %x", k, got[:8], want[:8])
		}
	}
}

// testReset empties a store and feeds it again: it holds nothing between,
// and the same after.
func testReset(t *testing.T, open Opener) {
	s := newScenario(t)
	st := open(t)
	s.m.Project(st)
	before := digest(t, st)
	if err := st.Reset(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n, err := st.Size(t.Context()); err != nil || n != 0 {
		t.Fatalf("size after a reset: %d, %v", n, err)
	}
	if items := list(t, st, truce.Query{List: "incidents"}); len(items) != 0 {
		t.Fatalf("incidents after a reset: %v", items)
	}
	s.m.Project(st)
	if after := digest(t, st); after != before {
		t.Errorf("fed again after a reset: digest %x, before %x", after[:8], before[:8])
	}
}

// testTimeStatuses checks the store's translation of the statuses that
// depend on the time (lapsed, overdue) against the domain's rule,
// truce.StatusAt: at many moments around the deadlines, every item shows
// the status the rule gives, and filtering by each status pages exactly
// the items that show it.
func testTimeStatuses(t *testing.T, open Opener) {
	m := trucetest.NewMechanism(t)
	c := m.Setup()
	sub := func(typ string, body map[string]any, signers ...*truce.Signer) uint64 {
		return m.Submit(trucetest.Sign(t, trucetest.Record(typ, body), signers...)).Index
	}
	deadlines := []string{"", "2025-11-20", "2025-11-20T12:00:00+05:00", "2025-11-21T00:00:00Z", "2026-03-01"}
	var commitments, requests []uint64
	for i, d := range deadlines {
		b := map[string]any{"obligor": "afghanistan", "text": fmt.Sprintf("Act %d", i), "category": "ceasefire", "criteria": "c"}
		r := map[string]any{"to": []string{"pakistan"}, "kind": "information", "text": fmt.Sprintf("Share %d", i)}
		if d != "" {
			b["deadline"], r["due"] = d, d
		}
		commitments = append(commitments, sub("commitment", b, c.Admin))
		requests = append(requests, sub("request", r, c.Admin))
	}
	// Some leave the statuses that expire: assessed, fulfilled, answered.
	sub("assessment", map[string]any{"subject": commitments[1], "status": "in_progress", "rationale": "r"}, c.Monitor)
	sub("assessment", map[string]any{"subject": commitments[2], "status": "fulfilled", "rationale": "r"}, c.Monitor)
	sub("response", map[string]any{"request": requests[3], "status": "accepted", "text": "yes"}, c.PakistanFO)
	st := open(t)
	m.Project(st)

	long := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // before every deadline: the stored statuses
	var moments []time.Time
	for _, d := range []string{"2025-11-20T06:59:59Z", "2025-11-20T07:00:01Z", "2025-11-20T23:59:58Z", "2025-11-21T00:00:00Z", "2025-11-21T00:00:00.5Z", "2025-11-21T00:00:01Z", "2026-03-01T23:59:59Z", "2026-03-02T00:00:00Z"} {
		moments = append(moments, must(time.Parse(time.RFC3339, d)))
	}
	for _, rt := range truce.Types() {
		if rt.Expires == nil {
			continue
		}
		stored := map[uint64]string{}
		bodies := map[uint64]map[string]any{}
		for _, it := range list(t, st, truce.Query{List: rt.List, Now: long, Limit: truce.MaxLimit}) {
			stored[toUint(it["index"])] = it["status"].(string)
			bodies[toUint(it["index"])] = it
		}
		for _, now := range moments {
			shown := map[string][]uint64{}
			for _, it := range list(t, st, truce.Query{List: rt.List, Now: now, Limit: truce.MaxLimit}) {
				i := toUint(it["index"])
				d, _ := bodies[i]["deadline"].(string)
				if d == "" {
					d, _ = bodies[i]["due"].(string)
				}
				want := truce.StatusAt(rt.Name, stored[i], truce.Deadline(d), now)
				if it["status"] != want {
					t.Errorf("%s %d (stored %s, deadline %q) at %s: shows %v, the rule says %s", rt.Name, i, stored[i], d, now.Format(time.RFC3339), it["status"], want)
				}
				shown[want] = append(shown[want], i)
			}
			for _, status := range rt.Statuses {
				// Pages of two, so the filter meets the cursor.
				var got []uint64
				for q := (truce.Query{List: rt.List, Status: status, Now: now, Limit: 2}); ; {
					p, err := st.List(t.Context(), q)
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, indices(p.Items)...)
					if p.Next == 0 {
						break
					}
					q.After = p.Next
				}
				if !slices.Equal(got, shown[status]) {
					t.Errorf("%s with status %s at %s: %v, the rule says %v", rt.List, status, now.Format(time.RFC3339), got, shown[status])
				}
			}
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// testOneStatementCountsOnce: one jointly signed claim, re-posted with one
// signature each (as a log written before version 2 may hold them, or
// with a new co-signer as any log may), is one claim: it corroborates
// nothing alone and is listed once, signed by all.
func testOneStatementCountsOnce(t *testing.T, open Opener) {
	m := trucetest.NewMechanism(t)
	c := m.Setup()
	sub := func(typ string, body map[string]any, signers ...*truce.Signer) uint64 {
		return m.Submit(trucetest.Sign(t, trucetest.Record(typ, body), signers...)).Index
	}
	inc := sub("incident", map[string]any{"event_type": "Battles", "date": "2025-10-12", "date_precision": "day",
		"place": map[string]any{"name": "Kurram", "precision": "district"}, "actors": []string{"Pakistan Army"}, "description": "Clash"}, c.Admin)
	claim := trucetest.Record("claim", map[string]any{"speaker": "Joint statement", "text": "Both sides confirm the clash", "quoted": true, "language": "en", "about": []uint64{inc}})
	k := m.Submit(trucetest.Sign(t, claim, c.PakistanFO, c.AfghanistanMOFA)).Index
	for _, s := range []*truce.Signer{c.PakistanFO, c.AfghanistanMOFA} {
		env, err := truce.ParseEnvelope(trucetest.Sign(t, claim, s))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Log.Append(t.Context(), truce.PublicLeaf(env)); err != nil {
			t.Fatal(err)
		}
	}
	m.Reopen()
	more := m.Submit(trucetest.Sign(t, claim, c.Observer, c.Monitor)).Index
	st := open(t)
	m.Project(st)
	if it := byIndex(list(t, st, truce.Query{List: "incidents"}), inc); it["status"] != "reported" {
		t.Errorf("incident status %v, want reported: one claim, however often posted", it["status"])
	}
	claims := list(t, st, truce.Query{List: "claims"})
	if got := indices(claims); !slices.Equal(got, []uint64{k}) {
		t.Fatalf("claims %v, want [%d] (entry %d is the same claim with more signers)", got, k, more)
	}
	raw, _ := json.Marshal(claims[0]["signers"])
	var signers []string
	json.Unmarshal(raw, &signers)
	slices.Sort(signers)
	if !slices.Equal(signers, []string{"afghanistan-mofa", "monitor", "observer", "pakistan-fo"}) {
		t.Errorf("signers %s, want the four who signed the claim", raw)
	}
	// What cites the statement by its second entry reaches its one item;
	// but a co-signer of the second entry, correcting it, corrects no
	// word of what the first one's authors said.
	sub("correction", map[string]any{"target": more, "reason": "r", "replacement": map[string]any{"speaker": "Joint statement", "text": "We retract everything", "quoted": true, "language": "en"}}, c.Observer)
	m.Project(st)
	claims = list(t, st, truce.Query{List: "claims", After: k - 1, Limit: 1})
	if len(claims) != 1 || claims[0]["corrected_by"] != nil || claims[0]["text"] != "Both sides confirm the clash" {
		t.Errorf("the joint claim after its second entry's correction: %v", claims)
	}
	// The second claim that makes two independent sources.
	sub("claim", map[string]any{"speaker": "ISPR", "text": "A clash in Kurram", "quoted": false, "language": "en", "about": []uint64{inc}}, c.PakistanISPR)
	sub("claim", map[string]any{"speaker": "Mujahid", "text": "A clash in Kurram", "quoted": false, "language": "en", "about": []uint64{inc}}, c.AfghanistanMOFA)
	m.Project(st)
	if it := byIndex(list(t, st, truce.Query{List: "incidents"}), inc); it["status"] != "corroborated" {
		t.Errorf("incident status %v, want corroborated", it["status"])
	}
}

type scenario struct {
	m                      *trucetest.Mechanism
	c                      *trucetest.Cast
	round, c1, c2          uint64
	s1, s2                 uint64
	i1, i2                 uint64
	k1, k2, k3             uint64
	a1, a2                 uint64
	r1, r2, resp, f1, corr uint64
}

func (s *scenario) submit(typ string, body map[string]any, signers ...*truce.Signer) uint64 {
	s.m.T.Helper()
	return s.m.Submit(trucetest.Sign(s.m.T, trucetest.Record(typ, body), signers...)).Index
}

// newScenario records one of everything, as the talks of October and
// November 2025 might have produced it.
func newScenario(t *testing.T) *scenario {
	s := &scenario{m: trucetest.NewMechanism(t)}
	s.c = s.m.Setup()
	c := s.c
	s.round = s.submit("round", map[string]any{"title": "Doha talks", "venue": "Doha", "start": "2025-10-18", "end": "2025-10-19", "date_precision": "day",
		"participants": []string{"Pakistan", "Afghanistan"}, "mediators": []string{"Qatar", "Türkiye"}, "outcome": "Immediate ceasefire"}, c.Admin)
	s.c1 = s.submit("commitment", map[string]any{"obligor": "afghanistan", "beneficiary": "pakistan", "text": "Verifiable action against the TTP",
		"category": "counter_terrorism", "criteria": "Monitors verify", "deadline": "2025-11-06", "round": s.round}, c.Admin)
	s.c2 = s.submit("commitment", map[string]any{"obligor": "pakistan", "text": "Maintain the ceasefire", "category": "ceasefire",
		"criteria": "No cross-border strikes", "deadline": "2026-06-30", "round": s.round}, c.Qatar)
	s.s1 = s.submit("source", map[string]any{"outlet": "Express Tribune", "title": "Pakistan–Afghan Taliban talks conclude", "language": "en", "sha256": fmt.Sprintf("%064x", 1)}, c.Admin)
	s.s2 = s.submit("source", map[string]any{"outlet": "Dawn", "title": "Border clashes", "language": "en", "sha256": fmt.Sprintf("%064x", 2)}, c.Admin)
	s.i1 = s.submit("incident", map[string]any{"event_type": "Battles", "sub_event_type": "Armed clash", "date": "2025-10-12", "date_precision": "day",
		"place": map[string]any{"name": "Kurram", "precision": "district"}, "actors": []string{"Pakistan Army", "Afghan Taliban"},
		"description": "Clashes along the border", "violates": []uint64{s.c1}}, c.Admin)
	s.i2 = s.submit("incident", map[string]any{"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike", "date": "2025-10-15",
		"date_precision": "day", "place": map[string]any{"name": "Kabul", "precision": "exact", "lat": 34.53, "lon": 69.17}, "actors": []string{"Pakistan Air Force"},
		"description": "Strike reported in Kabul"}, c.AfghanistanMOFA)
	s.k1 = s.submit("claim", map[string]any{"speaker": "ISPR", "role": "military media wing", "text": "At least 206 Afghan Taliban fighters and 110 TTP militants were killed",
		"quoted": false, "language": "en", "source": s.s1, "about": []uint64{s.i1},
		"figures": []map[string]any{{"what": "Afghan Taliban fighters killed", "count": 206, "qualifier": "at_least", "attributed_to": "army estimates"}}}, c.Admin)
	s.k2 = s.submit("claim", map[string]any{"speaker": "Zabihullah Mujahid", "role": "spokesperson", "text": "Nine of our fighters were martyred",
		"quoted": true, "language": "en", "about": []uint64{s.i1},
		"figures": []map[string]any{{"what": "Afghan Taliban fighters killed", "count": 9, "qualifier": "exact"}}}, c.AfghanistanMOFA)
	s.k3 = s.submit("claim", map[string]any{"speaker": "Foreign Office spokesperson", "text": "The Afghan authorities have taken no verifiable action",
		"quoted": true, "language": "en", "source": s.s2}, c.PakistanFO)
	s.a1 = s.submit("assessment", map[string]any{"subject": s.i2, "status": "disputed", "rationale": "No independent source"}, c.Monitor)
	s.a2 = s.submit("assessment", map[string]any{"subject": s.c2, "status": "in_progress", "rationale": "Ceasefire holding"}, c.Turkiye)
	s.r1 = s.submit("request", map[string]any{"to": []string{"afghanistan"}, "kind": "handover", "text": "Hand over the named persons through proper channels", "due": "2025-11-20"}, c.PakistanFO)
	s.r2 = s.submit("request", map[string]any{"to": []string{"pakistan"}, "kind": "information", "text": "Share the evidence of the strike", "due": "2027-01-01"}, c.Admin)
	s.resp = s.submit("response", map[string]any{"request": s.r2, "status": "accepted", "text": "Evidence will be shared with the monitors"}, c.PakistanISPR)
	s.f1 = s.submit("finding", map[string]any{"violator": "afghanistan", "commitments": []uint64{s.c1}, "basis": []uint64{s.i1, s.a1},
		"decision": "No verifiable action was taken", "penalty": "Trade concessions suspended"}, c.Qatar, c.Turkiye)
	s.corr = s.submit("correction", map[string]any{"target": s.k3, "reason": "Quote completed",
		"replacement": map[string]any{"speaker": "Foreign Office spokesperson", "text": "Despite repeated assurances, the Afghan authorities have taken no verifiable action",
			"quoted": true, "language": "en", "source": s.s2}}, c.PakistanFO)
	return s
}

func list(t *testing.T, st truce.Store, q truce.Query) []map[string]any {
	t.Helper()
	if q.Now.IsZero() {
		q.Now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	p, err := st.List(context.Background(), q)
	if err != nil {
		t.Fatalf("List(%+v): %v", q, err)
	}
	return p.Items
}

func indices(items []map[string]any) []uint64 {
	var out []uint64
	for _, it := range items {
		out = append(out, toUint(it["index"]))
	}
	return out
}

func toUint(v any) uint64 {
	switch n := v.(type) {
	case int64:
		return uint64(n)
	case float64:
		return uint64(n)
	case uint64:
		return n
	case json.Number:
		i, _ := n.Int64()
		return uint64(i)
	}
	panic(fmt.Sprintf("index %v of type %T", v, v))
}

func byIndex(items []map[string]any, i uint64) map[string]any {
	for _, it := range items {
		if toUint(it["index"]) == i {
			return it
		}
	}
	return nil
}

func testScenario(t *testing.T, open Opener) {
	s := newScenario(t)
	st := open(t)
	s.m.Project(st)

	inc := list(t, st, truce.Query{List: "incidents"})
	if got := indices(inc); !slices.Equal(got, []uint64{s.i1, s.i2}) {
		t.Fatalf("incidents %v, want %v", got, []uint64{s.i1, s.i2})
	}
	i1, i2 := byIndex(inc, s.i1), byIndex(inc, s.i2)
	if i1["status"] != "corroborated" || i2["status"] != "disputed" {
		t.Errorf("incident statuses %v, %v; want corroborated (two independent claims), disputed (assessed)", i1["status"], i2["status"])
	}
	figs, _ := json.Marshal(i1["figures"])
	for _, want := range []string{`"count":206`, `"count":9`, `"attributed_to":"army estimates"`} {
		if !json.Valid(figs) || !strings.Contains(string(figs), want) {
			t.Errorf("incident figures %s lack %s: conflicting figures must stand side by side", figs, want)
		}
	}
	replies, _ := json.Marshal(i1["replies"])
	if !strings.Contains(string(replies), `"party":"afghanistan"`) {
		t.Errorf("incident replies %s lack Afghanistan's claim", replies)
	}

	com := list(t, st, truce.Query{List: "commitments"})
	c1, c2 := byIndex(com, s.c1), byIndex(com, s.c2)
	if c1["status"] != "breached" || c2["status"] != "in_progress" {
		t.Errorf("commitment statuses %v, %v; want breached, in_progress", c1["status"], c2["status"])
	}
	breach, _ := json.Marshal(c1["breached_by"])
	if !strings.Contains(string(breach), "Trade concessions suspended") || !strings.Contains(string(breach), `"violator":"afghanistan"`) {
		t.Errorf("breached commitment shows %s, want the finding's violator and penalty", breach)
	}
	later := list(t, st, truce.Query{List: "commitments", Now: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)})
	if byIndex(later, s.c2)["status"] != "lapsed" {
		t.Errorf("an in-progress commitment past its deadline is %v, want lapsed", byIndex(later, s.c2)["status"])
	}
	if byIndex(later, s.c1)["status"] != "breached" {
		t.Error("a breach must stay a breach after the deadline")
	}

	req := list(t, st, truce.Query{List: "requests"})
	if byIndex(req, s.r1)["status"] != "overdue" || byIndex(req, s.r2)["status"] != "answered" {
		t.Errorf("request statuses %v, %v; want overdue, answered", byIndex(req, s.r1)["status"], byIndex(req, s.r2)["status"])
	}
	early := list(t, st, truce.Query{List: "requests", Now: time.Date(2025, 11, 20, 23, 0, 0, 0, time.UTC)})
	if byIndex(early, s.r1)["status"] != "open" {
		t.Errorf("a request due on 2025-11-20 is %v at 23:00 UTC that day, want open", byIndex(early, s.r1)["status"])
	}

	claims := list(t, st, truce.Query{List: "claims"})
	k3 := byIndex(claims, s.k3)
	if toUint(k3["corrected_by"]) != s.corr || !strings.Contains(fmt.Sprint(k3["text"]), "Despite repeated assurances") {
		t.Errorf("corrected claim shows %v (corrected_by %v), want the replacement", k3["text"], k3["corrected_by"])
	}

	for _, tc := range []struct {
		name string
		q    truce.Query
		want []uint64
	}{
		{"type", truce.Query{List: "incidents", Type: "Battles"}, []uint64{s.i1}},
		{"status", truce.Query{List: "incidents", Status: "disputed"}, []uint64{s.i2}},
		{"date range", truce.Query{List: "incidents", From: "2025-10-13", To: "2025-10-31"}, []uint64{s.i2}},
		{"place", truce.Query{List: "incidents", Place: "kurr"}, []uint64{s.i1}},
		{"party on commitments", truce.Query{List: "commitments", Party: "afghanistan"}, []uint64{s.c1}},
		{"party on incidents", truce.Query{List: "incidents", Party: "afghanistan"}, []uint64{s.i1, s.i2}},
		{"party on findings", truce.Query{List: "findings", Party: "afghanistan"}, []uint64{s.f1}},
		{"party on requests", truce.Query{List: "requests", Party: "afghanistan"}, []uint64{s.r1}},
		{"status lapsed none", truce.Query{List: "commitments", Status: "lapsed"}, nil},
		{"overdue", truce.Query{List: "requests", Status: "overdue"}, []uint64{s.r1}},
		{"text", truce.Query{List: "claims", Text: "verifiable action"}, []uint64{s.k3}},
		{"text in speaker", truce.Query{List: "claims", Text: "mujahid"}, []uint64{s.k2}},
		{"text in sources", truce.Query{List: "sources", Text: "dawn"}, []uint64{s.s2}},
		{"text is not syntax", truce.Query{List: "claims", Text: `"206 AND OR NEAR(`}, nil},
		{"three filters", truce.Query{List: "incidents", Type: "Battles", Status: "corroborated", From: "2025-10-01"}, []uint64{s.i1}},
		{"rounds", truce.Query{List: "rounds"}, []uint64{s.round}},
	} {
		if got := indices(list(t, st, tc.q)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}

	// Pages: every claim once, in order, across cursors.
	var paged []uint64
	q := truce.Query{List: "claims", Limit: 1}
	for {
		p, err := st.List(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, indices(p.Items)...)
		if p.Next == 0 {
			break
		}
		q.After = p.Next
	}
	if !slices.Equal(paged, []uint64{s.k1, s.k2, s.k3}) {
		t.Errorf("paged claims %v", paged)
	}
	if p, _ := st.List(context.Background(), truce.Query{List: "claims", Limit: 1 << 20}); len(p.Items) != 3 {
		t.Errorf("a huge limit is clamped, not refused: %d items", len(p.Items))
	}

	// Lookup by envelope hash and by content hash.
	leaf, err := s.m.Log.Leaf(context.Background(), s.k1)
	if err != nil {
		t.Fatal(err)
	}
	l, err := truce.ParseLeaf(leaf)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(l.Envelope.Canonical())
	if got, err := st.Lookup(context.Background(), hex.EncodeToString(h[:])); err != nil || !slices.Equal(got, []uint64{s.k1}) {
		t.Errorf("lookup by envelope hash: %v, %v", got, err)
	}
	if got, err := st.Lookup(context.Background(), fmt.Sprintf("%064x", 2)); err != nil || !slices.Equal(got, []uint64{s.s2}) {
		t.Errorf("lookup by content hash: %v, %v", got, err)
	}
}

// testExactlyOnce feeds the same entries in different batches and checks
// the result is the same, and that a gap or a repeat is refused.
func testExactlyOnce(t *testing.T, open Opener) {
	s := newScenario(t)
	entries, err := truce.Changes(context.Background(), s.m.Log)
	if err != nil {
		t.Fatal(err)
	}
	whole, oneByOne := open(t), open(t)
	ctx := context.Background()
	if err := whole.Apply(ctx, entries); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := oneByOne.Apply(ctx, []truce.Change{e}); err != nil {
			t.Fatal(err)
		}
	}
	if a, b := digest(t, whole), digest(t, oneByOne); a != b {
		t.Error("one batch and one entry at a time give different projections")
	}
	before := digest(t, whole)
	if err := whole.Apply(ctx, entries[3:4]); err == nil {
		t.Error("an entry applied twice was accepted")
	}
	fresh := open(t)
	if err := fresh.Apply(ctx, entries[1:3]); err == nil {
		t.Error("entries starting after a gap were accepted")
	}
	if n, _ := fresh.Size(ctx); n != 0 {
		t.Errorf("a refused apply left size %d", n)
	}
	if digest(t, whole) != before {
		t.Error("a refused apply changed the projection")
	}
}

func digest(t *testing.T, s truce.Store) [32]byte {
	d, err := truce.Digest(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// testRebuildEqualsLive projects n mixed records while they are appended,
// as a server does, then rebuilds from the log alone and compares.
func testRebuildEqualsLive(t *testing.T, open Opener, n int) {
	m := trucetest.NewMechanism(t)
	c := m.Setup()
	live := open(t)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- m.Mech.Follow(ctx, live, 5*time.Millisecond) }()
	m.Mixed(c, n, 1)
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	m.Project(live)
	rebuilt := open(t)
	m.Project(rebuilt)
	size, _ := live.Size(context.Background())
	if want := m.Size(); size != want {
		t.Fatalf("live projection has %d entries, log %d", size, want)
	}
	if digest(t, live) != digest(t, rebuilt) {
		t.Fatal("the live projection differs from a rebuild from the log")
	}
	for _, l := range truce.Lists {
		if items := list(t, live, truce.Query{List: l, Limit: 5}); l != "rounds" && len(items) == 0 {
			t.Errorf("no %s among %d mixed records", l, n)
		}
	}
}
