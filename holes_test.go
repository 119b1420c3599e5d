package truce_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
)

// The holes of docs/THREAT-MODEL.md, each probed as a signed member would.

type body = map[string]any

// inParty puts a member record's member in party p.
func inParty(p string) func(map[string]any) { return func(b map[string]any) { b["party"] = p } }

// duplicate submits env and expects the index of the entry it repeats,
// with the log unchanged.
func (f fixture) duplicate(env []byte, want uint64, why string) {
	f.T.Helper()
	before := f.Size()
	rc, err := f.Mech.Submit(context.Background(), env)
	if err != nil || rc.Index != want || rc.Duplicate != why {
		f.T.Fatalf("resubmission: %+v, %v; want index %d, duplicate %q", rc, err, want, why)
	}
	if after := f.Size(); after != before {
		f.T.Errorf("the log grew from %d to %d entries on a duplicate", before, after)
	}
}

// appendBehind appends an envelope to the log behind the mechanism's back,
// as a log written before version 2's checks, or an operator with write
// access to the log's storage, could.
func (f fixture) appendBehind(env []byte) uint64 {
	f.T.Helper()
	e, err := truce.ParseEnvelope(env)
	if err != nil {
		f.T.Fatal(err)
	}
	i, err := f.Log.Append(context.Background(), truce.PublicLeaf(e))
	if err != nil {
		f.T.Fatal(err)
	}
	return i
}

// admitAndRevoke admits s as a member of Pakistan, co-signed by its
// foreign office, then revokes it; it returns the admission's envelope and
// index.
func (f fixture) admitAndRevoke(c *trucetest.Cast, s *truce.Signer) ([]byte, uint64) {
	f.T.Helper()
	admit := sign(f.T, memberRecord("pakistan-mod", "party", s, inParty("pakistan")), c.Admin, c.PakistanFO)
	admitted := f.Submit(admit).Index
	f.Submit(sign(f.T, memberRecord("pakistan-mod", "party", s, inParty("pakistan"), func(b map[string]any) { b["status"] = "revoked" }), c.Admin, c.PakistanFO))
	return admit, admitted
}

func TestRepeatedPayloadCountsOnce(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	stranger := readSigner(t, "stranger")

	// An admission re-posted with a signature fewer after the member's
	// revocation is the admission already recorded: it re-admits no one.
	admit, admitted := f.admitAndRevoke(c, stranger)
	f.duplicate(trucetest.DropSignature(t, admit, c.PakistanFO), admitted, truce.DuplicatePayload)
	f.duplicate(trucetest.DropSignature(t, admit, c.Admin), admitted, truce.DuplicatePayload)
	f.duplicate(admit, admitted, truce.DuplicateEnvelope)
	f.refused(sign(t, record("claim", trucetest.Claim("still here")), stranger), truce.Forbidden, "signatures[0].keyid", "is revoked")

	// A jointly signed claim re-posted once per signer is one claim.
	joint := sign(t, record("claim", trucetest.Claim("We both say so.")), c.PakistanFO, c.AfghanistanMOFA)
	i := f.Submit(joint).Index
	f.duplicate(trucetest.DropSignature(t, joint, c.PakistanFO), i, truce.DuplicatePayload)
	f.duplicate(trucetest.DropSignature(t, joint, c.AfghanistanMOFA), i, truce.DuplicatePayload)

	// A signature that does not verify is no repeat: it is judged as a
	// new record would be, and refused as one.
	forged := trucetest.DropSignature(t, joint, c.AfghanistanMOFA)
	forged = bytes.Replace(forged, []byte(`"sig":"`), []byte(`"sig":"AAAA`), 1)
	f.refused(forged, truce.Forbidden, "signatures[0].sig", "does not verify")

	// Other signers than the recorded ones make a new statement, judged as
	// any: appended, when its signers may say it.
	before := f.Size()
	if rc := f.Submit(sign(t, record("claim", trucetest.Claim("We both say so.")), c.PakistanFO, c.Observer)); rc.Duplicate != "" || rc.Index != before {
		t.Errorf("the payload with a new signer: %+v", rc)
	}

	// After a restart, the same.
	f.Reopen()
	f.duplicate(trucetest.DropSignature(t, joint, c.PakistanFO), i, truce.DuplicatePayload)
	f.duplicate(trucetest.DropSignature(t, admit, c.PakistanFO), admitted, truce.DuplicatePayload)
}

// TestGuessingARestrictedPayload signs a guess of a restricted record that
// the guesser may not read: the answer is the one a payload never recorded
// gets, so the guess confirms nothing.
func TestGuessingARestrictedPayload(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	demand := func(text string) []byte {
		return record("request", body{"to": []string{"afghanistan"}, "kind": "handover", "text": text},
			func(m map[string]any) { m["visibility"] = truce.Addressed; m["audience"] = []string{"afghanistan"} })
	}
	f.Submit(sign(t, demand("Hand over commander K."), c.PakistanFO))
	forge := func(env []byte) []byte { return bytes.Replace(env, []byte(`"sig":"`), []byte(`"sig":"AAAA`), 1) }
	for _, tc := range []struct {
		name string
		env  func(text string) []byte
	}{
		{"the observer", func(text string) []byte { return sign(t, demand(text), c.Observer) }},
		{"the author's colleague", func(text string) []byte { return sign(t, demand(text), c.PakistanISPR) }},
		{"a forger under the author's key id", func(text string) []byte { return forge(sign(t, demand(text), c.PakistanFO)) }},
	} {
		before := f.Size()
		recorded, rerr := f.Mech.Submit(t.Context(), tc.env("Hand over commander K."))
		fresh, ferr := f.Mech.Submit(t.Context(), tc.env("Hand over commander Q."))
		if fmt.Sprint(rerr) != fmt.Sprint(ferr) || recorded.Duplicate != "" || fresh.Duplicate != "" ||
			(rerr == nil && (recorded.Index != before || fresh.Index != before+1)) {
			t.Errorf("%s: a recorded guess gets %+v %v, an unrecorded one %+v %v", tc.name, recorded, rerr, fresh, ferr)
		}
	}
}

// TestPurgedRecordIsNotKeptAgain purges a restricted record, restarts, and
// submits it again: it is the record already recorded, and no body is
// kept again.
func TestPurgedRecordIsNotKeptAgain(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	env := sign(t, record("request", body{"to": []string{"afghanistan"}, "kind": "handover", "text": "Witness W. saw the crossing"},
		func(m map[string]any) { m["visibility"] = truce.Addressed; m["audience"] = []string{"afghanistan"} }), c.PakistanFO)
	i := f.Submit(env).Index
	f.Submit(sign(t, record("purge", body{"target": i, "reason": "A witness's safety"}), c.Admin, c.Qatar, c.Turkiye))
	bodies := f.Dir + ".bodies"
	before := dirDigest(t, bodies)
	f.Reopen()
	f.duplicate(env, i, truce.DuplicateEnvelope)
	f.duplicate(trucetest.DropSignature(t, sign(t, record("request", body{"to": []string{"afghanistan"}, "kind": "handover", "text": "Witness W. saw the crossing"},
		func(m map[string]any) { m["visibility"] = truce.Addressed; m["audience"] = []string{"afghanistan"} }), c.PakistanFO, c.Admin), c.Admin), i, truce.DuplicateEnvelope)
	if after := dirDigest(t, bodies); after != before {
		t.Errorf("the body store changed:\n%s\n%s", before, after)
	}
	for _, name := range must(os.ReadDir(bodies)) {
		if raw := must(os.ReadFile(filepath.Join(bodies, name.Name()))); bytes.Contains(raw, []byte("envelope\":{")) {
			t.Errorf("a body is kept after its purge: %s", raw)
		}
	}
}

// dirDigest lists a directory's files and sizes.
func dirDigest(t *testing.T, dir string) string {
	var b strings.Builder
	for _, e := range must(os.ReadDir(dir)) {
		info := must(e.Info())
		fmt.Fprintf(&b, "%s %d\n", e.Name(), info.Size())
	}
	return b.String()
}

// TestEvidenceDescribedOnlyByItsReaders: a member who may not read a
// stored file cannot publish it by its hash, and no refusal tells it the
// file's size or that it exists.
func TestEvidenceDescribedOnlyByItsReaders(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	name, size := f.Upload("the statement of a witness", c.PakistanFO)
	evidence := func(size int64, visibility string) []byte {
		return record("evidence", body{"sha256": name, "media_type": "text/plain", "size": size, "description": "Statement"},
			func(m map[string]any) { m["visibility"] = visibility })
	}
	notHere := "no evidence file with SHA-256 " + name + " was uploaded by a signer of this record, or may be read by one"
	// Before any record: only its uploader may describe it.
	f.refused(sign(t, evidence(size, truce.Public), c.AfghanistanMOFA), truce.Unresolved, "body.sha256", notHere)
	f.refused(sign(t, evidence(size+1, truce.Public), c.AfghanistanMOFA), truce.Unresolved, "body.sha256", notHere)
	f.Submit(sign(t, evidence(size, truce.Mediators), c.PakistanFO))
	// After a restricted one: only who may read it.
	f.refused(sign(t, evidence(size, truce.Public), c.AfghanistanMOFA), truce.Unresolved, "body.sha256", notHere)
	f.refused(sign(t, evidence(size+7, truce.Public), c.AfghanistanMOFA), truce.Unresolved, "body.sha256", notHere)
	f.refused(sign(t, evidence(size+7, truce.Public), c.Qatar), truce.Invalid, "body.size", "")
	f.Submit(sign(t, evidence(size, truce.Public), c.Qatar))

	// The same record appended behind the mechanism's back is named by the audit.
	f.appendBehind(sign(t, record("evidence", body{"sha256": strings.Repeat("ab", 32), "media_type": "text/plain", "size": 3, "description": "s"},
		func(m map[string]any) { m["visibility"] = truce.Mediators }), c.Qatar))
	i := f.appendBehind(sign(t, record("evidence", body{"sha256": strings.Repeat("ab", 32), "media_type": "text/plain", "size": 3, "description": "s"}), c.AfghanistanMOFA))
	err := truce.Audit(t.Context(), f.Config(), f.Log)
	if want := fmt.Sprintf("log entry %d breaks a rule: body.sha256: describes the file that log entries [%d] describe, none of which its signers may read", i, i-1); err == nil || err.Error() != want {
		t.Errorf("audit: %v\nwant %s", err, want)
	}
}

// TestTheOperatorCannotSpeakForAParty: under version 2 the mediators' keys
// are trust anchors, so the admin alone can mint no mediator, and hence
// no party member.
func TestTheOperatorCannotSpeakForAParty(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	puppet := readSigner(t, "stranger")
	f.refused(sign(t, memberRecord("puppet", "mediator", puppet), c.Admin), truce.Forbidden, "signatures",
		"the mediator set changes only with the signatures of 2 mediators resting on the trust anchors; it has 0 (none)")
	f.refused(sign(t, memberRecord("qatar", "mediator", puppet), c.Admin), truce.Forbidden, "signatures", "it has 0 (none)")
	f.refused(sign(t, memberRecord("qatar", "mediator", c.Qatar, func(b map[string]any) { b["status"] = "revoked" }), c.Admin), truce.Forbidden, "signatures", "it has 0 (none)")
	f.refused(sign(t, memberRecord("puppet", "mediator", puppet), c.Admin, c.Qatar), truce.Forbidden, "signatures", "it has 1 (qatar)")

	// A trust anchor is admitted as a mediator, never as anything else.
	anchor := trucetest.NewSigner(t, "anchor")
	f.Mediators = append(f.Mediators, anchor.Verifier())
	f.Reopen()
	f.refused(sign(t, memberRecord("isp", "monitor", anchor), c.Admin), truce.Forbidden, "body.role", "trust anchor")

	// k mediators change the set; the new mediator counts towards k.
	f.Submit(sign(t, memberRecord("un", "mediator", puppet), c.Admin, c.Qatar, c.Turkiye))
	f.Submit(sign(t, record("party", body{"id": "ttp", "name": "TTP"}), c.Admin))
	first := memberRecord("ttp-1", "party", trucetest.NewSigner(t, "ttp-1"), inParty("ttp"))
	f.refused(sign(t, first, c.Admin, c.Qatar), truce.Forbidden, "signatures", "it has 1 (qatar)")
	f.Submit(sign(t, first, c.Admin, c.Qatar, puppet))
}

// TestRulesVersion2FromAnIndex: a log written under version 1 keeps its
// admin-made mediators there; from the index where version 2 begins, they
// count for nothing.
func TestRulesVersion2FromAnIndex(t *testing.T) {
	f := newFixture(t)
	f.Mediators = nil
	f.Reopen()
	c := f.Setup()
	puppet := readSigner(t, "stranger")
	f.Submit(sign(t, memberRecord("puppet", "mediator", puppet), c.Admin))
	f.Submit(sign(t, record("party", body{"id": "ttp", "name": "TTP"}), c.Admin))
	com := f.Submit(sign(t, record("commitment", body{"obligor": "afghanistan", "text": "Act", "category": "ceasefire", "criteria": "c"}), c.Qatar)).Index
	inc := f.Submit(sign(t, record("incident", body{"event_type": "Battles", "date": "2025-10-12", "date_precision": "day",
		"place": body{"name": "Kurram", "precision": "district"}, "actors": []string{"Pakistan Army"}, "description": "Clash"}), c.PakistanFO)).Index
	finding := record("finding", body{"violator": "afghanistan", "commitments": []uint64{com}, "basis": []uint64{inc}, "decision": "d"})
	f.Submit(sign(t, finding, c.Qatar, puppet)) // version 1: any two mediators

	f.Mediators = []*truce.Verifier{c.Qatar.Verifier(), c.Turkiye.Verifier()}
	// Anchors added without the index version 2 begins at: the server
	// trusts no mediator the anchors did not make, and the audit names the
	// admin's.
	f.Reopen()
	f.refused(sign(t, record("finding", body{"violator": "afghanistan", "commitments": []uint64{com}, "basis": []uint64{inc}, "decision": "misconfigured"}), c.Qatar, puppet),
		truce.Forbidden, "signatures", "it has 1 (qatar)")
	if err := truce.Audit(t.Context(), f.Config(), f.Log); err == nil || !strings.Contains(err.Error(), "the mediator set changes only with") {
		t.Errorf("audit of a version 1 log as version 2: %v", err)
	}
	f.RulesV2From = f.Size()
	f.Reopen()
	if err := truce.Audit(t.Context(), f.Config(), f.Log); err != nil {
		t.Fatalf("audit of a log that moved to version 2: %v", err)
	}
	again := record("finding", body{"violator": "afghanistan", "commitments": []uint64{com}, "basis": []uint64{inc}, "decision": "again"})
	f.refused(sign(t, again, c.Qatar, puppet), truce.Forbidden, "signatures", "it has 1 (qatar)")
	f.refused(sign(t, memberRecord("ttp-1", "party", trucetest.NewSigner(t, "ttp-1"), inParty("ttp")), c.Admin, c.Qatar, puppet), truce.Forbidden, "signatures", "it has 1 (qatar)")
	f.Submit(sign(t, again, c.Qatar, c.Turkiye))

	// The same entry after the switch, appended behind the mechanism's back,
	// is named by the audit.
	i := f.appendBehind(sign(t, record("finding", body{"violator": "afghanistan", "commitments": []uint64{com}, "basis": []uint64{inc}, "decision": "third"}), c.Qatar, puppet))
	err := truce.Audit(t.Context(), f.Config(), f.Log)
	if want := fmt.Sprintf("log entry %d breaks a rule: signatures: a finding needs the signatures of 2 mediators; it has 1 (qatar)", i); err == nil || err.Error() != want {
		t.Errorf("audit: %v\nwant %s", err, want)
	}
}

// TestCreatedInBounds: a record may be neither later than the server's
// clock (plus the skew) nor earlier than the mechanism's first entry; a
// record signed offline and sent later keeps its older time.
func TestCreatedInBounds(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	at := func(created string) func(map[string]any) { return func(m map[string]any) { m["created"] = created } }
	f.refused(sign(t, record("claim", trucetest.Claim("from the future"), at("9999-01-01T00:00:00Z")), c.PakistanFO), truce.Invalid, "created", "is later than this server's clock")
	f.refused(sign(t, record("claim", trucetest.Claim("from the past"), at("0001-01-01T00:00:00Z")), c.PakistanFO), truce.Invalid, "created", "is earlier than the mechanism's first entry")
	f.refused(sign(t, record("request", body{"to": []string{"pakistan"}, "kind": "alert", "text": "t"},
		func(m map[string]any) { m["visibility"] = truce.Addressed; m["audience"] = []string{"narnia"} }), c.PakistanFO), truce.Unresolved, "audience[0]", `party "narnia" does not exist`)
	soon := time.Now().Add(truce.MaxClockSkew / 2).UTC().Format(time.RFC3339)
	f.Submit(sign(t, record("claim", trucetest.Claim("written offline"), at("2025-11-08T09:00:00+05:00")), c.PakistanFO))
	f.Submit(sign(t, record("claim", trucetest.Claim("a fast clock"), at(soon)), c.PakistanFO))

	// A log written before these checks: deduplication runs first, so the
	// entry keeps its index; the audit names it.
	future := sign(t, record("claim", trucetest.Claim("from the future"), at("9999-01-01T00:00:00Z")), c.PakistanFO)
	past := sign(t, record("claim", trucetest.Claim("from the past"), at("0001-01-01T00:00:00Z")), c.PakistanFO)
	fi, pi := f.appendBehind(future), f.appendBehind(past)
	f.Reopen()
	f.duplicate(future, fi, truce.DuplicateEnvelope)
	// An honest log: a record created now, then one signed offline long
	// before; neither is named.
	f.Submit(sign(t, record("claim", trucetest.Claim("now"), at(time.Now().UTC().Format(time.RFC3339))), c.PakistanFO))
	f.Submit(sign(t, record("claim", trucetest.Claim("signed offline, sent later"), at("2025-11-09T09:00:00+05:00")), c.PakistanFO))
	err := truce.Audit(t.Context(), f.Config(), f.Log)
	want := fmt.Sprintf("log entry %d breaks a rule: created: 0001-01-01T00:00:00Z is earlier than the mechanism's first entry, created 2025-11-07T12:00:00+03:00\n"+
		"log entry %d breaks a rule: created: 9999-01-01T00:00:00Z is later than this auditor's clock (", pi, fi)
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Count(err.Error(), "\n") != 1 {
		t.Errorf("audit: %v\nwant two entries named: %s…", err, want)
	}
}

// TestRefusalsRevealNoAudience: a response refused to a member of a party
// a restricted request is not addressed to does not say whom it is
// addressed to.
func TestRefusalsRevealNoAudience(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	req := f.Submit(sign(t, record("request", body{"to": []string{"afghanistan"}, "kind": "handover", "text": "Hand over K."},
		func(m map[string]any) { m["visibility"] = truce.Mediators }), c.Qatar)).Index
	_, err := f.Mech.Submit(t.Context(), sign(t, record("response", body{"request": req, "status": "accepted", "text": "yes"}), c.PakistanFO))
	if err == nil || strings.Contains(err.Error(), "afghanistan") {
		t.Errorf("refusal: %v", err)
	}
	f.refused(sign(t, record("response", body{"request": req, "status": "accepted", "text": "yes"}), c.PakistanFO), truce.Forbidden, "signatures", "a member of a party it is addressed to")
	// Nor does a forged signature under a member's key id tell the
	// addressees from the others: signatures are verified before any rule.
	for _, s := range []*truce.Signer{c.PakistanFO, c.AfghanistanMOFA} {
		forged := sign(t, record("response", body{"request": req, "status": "accepted", "text": "yes"}), s)
		forged = bytes.Replace(forged, []byte(`"sig":"`), []byte(`"sig":"AAAA`), 1)
		f.refused(forged, truce.Forbidden, "signatures[0].sig", "does not verify")
	}
}

// TestAuditNamesRepeats: a log written before version 2 may hold a
// payload re-posted with fewer signatures; the audit names every such
// entry, and the mechanism opened on it does not count it.
func TestAuditNamesRepeats(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	stranger := readSigner(t, "stranger")
	admit, admitted := f.admitAndRevoke(c, stranger)
	replayed := f.appendBehind(trucetest.DropSignature(t, admit, c.PakistanFO))
	joint := sign(t, record("claim", trucetest.Claim("We both say so.")), c.PakistanFO, c.AfghanistanMOFA)
	j := f.Submit(joint).Index
	r1, r2 := f.appendBehind(trucetest.DropSignature(t, joint, c.PakistanFO)), f.appendBehind(trucetest.DropSignature(t, joint, c.AfghanistanMOFA))
	f.Reopen()
	f.refused(sign(t, record("claim", trucetest.Claim("still here")), stranger), truce.Forbidden, "signatures[0].keyid", "is revoked")
	err := truce.Audit(t.Context(), f.Config(), f.Log)
	var want []string
	for _, r := range [][2]uint64{{replayed, admitted}, {r1, j}, {r2, j}} {
		want = append(want, fmt.Sprintf("log entry %d breaks a rule: it repeats the payload of log entry %d with some of the same signers: it is the same record, and changes nothing", r[0], r[1]))
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("audit: %v\nwant %s", err, strings.Join(want, "\n"))
	}
}
