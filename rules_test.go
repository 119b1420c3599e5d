package truce_test

import (
	"fmt"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
)

// TestAuthority checks who may record what (docs/RULES.md §1): each
// refusal names what is missing and leaves the log unchanged.
func TestAuthority(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	stranger := readSigner(t, "stranger")
	rec := trucetest.Record
	type body = map[string]any

	// A party's first member: the admin alone, or with one mediator, is not enough.
	f.Submit(sign(t, rec("party", body{"id": "ttp-observers", "name": "Observers"}), c.Admin))
	newMember := memberRecord("newparty-1", "party", stranger, func(b map[string]any) { b["party"] = "ttp-observers" })
	f.refused(sign(t, newMember, c.Admin), truce.Forbidden, "signatures", `the first member of party "ttp-observers" needs the co-signatures of 2 mediators; it has 0 (none)`)
	f.refused(sign(t, newMember, c.Admin, c.Qatar), truce.Forbidden, "signatures", "it has 1 (qatar)")
	f.refused(sign(t, memberRecord("x", "party", stranger, func(b map[string]any) { b["party"] = "nowhere" }), c.Admin, c.Qatar, c.Turkiye), truce.Unresolved, "body.party", `party "nowhere" does not exist`)
	// A later member of Pakistan: the admin and a Pakistani member, not an Afghan one.
	later := memberRecord("pakistan-mofa", "party", stranger, func(b map[string]any) { b["party"] = "pakistan" })
	f.refused(sign(t, later, c.Admin, c.AfghanistanMOFA), truce.Forbidden, "signatures", `needs the co-signature of an existing member of that party`)
	f.refused(sign(t, later, c.PakistanFO), truce.Forbidden, "signatures", "needs the admin's signature")
	f.refused(sign(t, memberRecord("qatar", "monitor", stranger), c.Admin), truce.Invalid, "body.role", "keeps its role")

	// Only a monitor or a mediator assesses; the status must fit the subject.
	inc := f.Submit(sign(t, rec("incident", body{"event_type": "Battles", "sub_event_type": "Armed clash", "date": "2025-10-12", "date_precision": "day",
		"place": body{"name": "Kurram", "precision": "district"}, "actors": []string{"Pakistan Army"}, "description": "Clash"}), c.PakistanFO)).Index
	f.refused(sign(t, rec("assessment", body{"subject": inc, "status": "verified", "rationale": "r"}), c.PakistanFO), truce.Forbidden, "signatures", "needs the signature of a monitor or a mediator")
	f.refused(sign(t, rec("assessment", body{"subject": inc, "status": "fulfilled", "rationale": "r"}), c.Monitor), truce.Invalid, "body.status", `"fulfilled" is not a status for an incident`)
	f.refused(sign(t, rec("assessment", body{"subject": 0, "status": "verified", "rationale": "r"}), c.Monitor), truce.Unresolved, "body.subject", "log index 0 is a member, not an incident or commitment")
	f.Submit(sign(t, rec("assessment", body{"subject": inc, "status": "verified", "rationale": "r"}), c.Monitor))

	// Only the addressee answers a request, and only a request.
	req := f.Submit(sign(t, rec("request", body{"to": []string{"afghanistan"}, "kind": "handover", "text": "Hand over"}), c.PakistanFO)).Index
	f.refused(sign(t, rec("response", body{"request": req, "status": "accepted", "text": "yes"}), c.PakistanISPR), truce.Forbidden, "signatures", "needs the signature of a member of afghanistan")
	f.refused(sign(t, rec("response", body{"request": inc, "status": "accepted", "text": "yes"}), c.AfghanistanMOFA), truce.Unresolved, "body.request", "is an incident, not a request")
	f.Submit(sign(t, rec("response", body{"request": req, "status": "rejected", "text": "No"}), c.AfghanistanMOFA))

	// A finding needs k mediators; an assessment can never say breached.
	com := f.Submit(sign(t, rec("commitment", body{"obligor": "afghanistan", "text": "Act", "category": "counter_terrorism", "criteria": "c"}), c.Qatar)).Index
	finding := rec("finding", body{"violator": "afghanistan", "commitments": []uint64{com}, "basis": []uint64{inc}, "decision": "d", "penalty": "p"})
	f.refused(sign(t, finding, c.Qatar), truce.Forbidden, "signatures", "a finding needs the signatures of 2 mediators; it has 1 (qatar)")
	f.refused(sign(t, finding, c.Admin, c.Monitor), truce.Forbidden, "signatures", "it has 0 (none)")
	f.refused(sign(t, rec("assessment", body{"subject": com, "status": "breached", "rationale": "r"}), c.Qatar), truce.Invalid, "body.status", "")
	f.refused(sign(t, rec("finding", body{"violator": "afghanistan", "commitments": []uint64{inc}, "basis": []uint64{inc}, "decision": "d"}), c.Qatar, c.Turkiye), truce.Unresolved, "body.commitments[0]", "not a commitment")
	f.Submit(sign(t, finding, c.Qatar, c.Turkiye))

	// Rounds and commitments come from the secretariat or the mediators.
	f.refused(sign(t, rec("commitment", body{"obligor": "pakistan", "text": "t", "category": "ceasefire", "criteria": "c"}), c.PakistanFO), truce.Forbidden, "signatures", "needs the signature of the admin or a mediator")
	f.refused(sign(t, rec("commitment", body{"obligor": "narnia", "text": "t", "category": "ceasefire", "criteria": "c"}), c.Qatar), truce.Unresolved, "body.obligor", `party "narnia" does not exist`)
	// Observers testify only.
	f.refused(sign(t, rec("incident", body{"event_type": "Riots", "date": "2025-10-12", "date_precision": "day",
		"place": body{"name": "Chaman", "precision": "near"}, "actors": []string{"crowd"}, "description": "d"}), c.Observer), truce.Forbidden, "signatures", "observer")

	// A correction comes from an author of its target.
	claim := f.Submit(sign(t, rec("claim", trucetest.Claim("first words")), c.PakistanFO)).Index
	f.refused(sign(t, rec("correction", body{"target": claim, "reason": "r"}), c.AfghanistanMOFA), truce.Forbidden, "signatures", "one of its authors (pakistan-fo)")
	f.refused(sign(t, rec("correction", body{"target": 0, "reason": "r"}), c.Admin), truce.Invalid, "body.target", "changed by a new member record")
	f.refused(sign(t, rec("correction", body{"target": claim, "reason": "r", "replacement": body{"speaker": "s", "text": "t", "quoted": "yes", "language": "en"}}), c.PakistanFO), truce.Invalid, "body.replacement.quoted", "")
	f.Submit(sign(t, rec("correction", body{"target": claim, "reason": "r", "replacement": trucetest.Claim("first words, completed")}), c.PakistanFO))

	// Nothing may be created before what it cites.
	f.refused(sign(t, rec("claim", map[string]any{"speaker": "s", "text": "t", "quoted": false, "language": "en", "about": []uint64{inc}},
		func(m map[string]any) { m["created"] = "2025-10-01T00:00:00Z" }), c.PakistanFO), truce.Invalid, "created", "is earlier than")

	// The whole log, replayed with every rule and signature, still holds.
	if err := truce.Audit(t.Context(), truce.Config{Origin: trucetest.Origin, Admin: c.Admin.Verifier()}, f.Log); err != nil {
		t.Fatalf("audit: %v", err)
	}
}

// TestAuditFindsRuleBreaks appends, behind the mechanism's back, a finding
// signed by one mediator, as an operator with write access to the log's
// storage could, and checks that the audit names it.
func TestAuditFindsRuleBreaks(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	com := f.Submit(sign(t, trucetest.Record("commitment", map[string]any{"obligor": "afghanistan", "text": "Act", "category": "ceasefire", "criteria": "c"}), c.Qatar)).Index
	env, err := truce.ParseEnvelope(sign(t, trucetest.Record("finding", map[string]any{"violator": "afghanistan", "commitments": []uint64{com}, "basis": []uint64{com}, "decision": "d"}), c.Qatar))
	if err != nil {
		t.Fatal(err)
	}
	i, err := f.Log.Append(t.Context(), truce.PublicLeaf(env))
	if err != nil {
		t.Fatal(err)
	}
	err = truce.Audit(t.Context(), truce.Config{Origin: trucetest.Origin, Admin: c.Admin.Verifier()}, f.Log)
	want := fmt.Sprintf("log entry %d breaks a rule: body.basis[0]: log index %d is a commitment, not an incident or assessment", i, com)
	if err == nil || err.Error() != want {
		t.Fatalf("audit: %v\nwant: %s", err, want)
	}
}
