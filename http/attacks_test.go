package http_test

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
)

// TestAttacks makes, over the HTTP API, each attack of the holes issue 13
// closed (docs/THREAT-MODEL.md), as a signed member of the demo cast would:
// a payload re-posted with a subset of its signers, a guess of a restricted
// payload, evidence published by its hash, the operator speaking for a
// party, created out of bounds, and refusals naming whom a restricted
// request is addressed to. Each row is one submission: its status, the
// field and error it is refused with, or the index it is (or repeats); a
// refused or repeated one leaves the log as it was, and no answer holds a
// marker word of a restricted record or file its attacker may not read.
func TestAttacks(t *testing.T) {
	a := newAPI(t)
	c := a.Setup()
	stranger := trucetest.Signer(t, "stranger")
	puppet := trucetest.NewSigner(t, "puppet")
	rec := trucetest.Record
	env := func(r []byte, signers ...*truce.Signer) []byte { return trucetest.Sign(t, r, signers...) }
	inParty := func(p string) func(map[string]any) { return func(b map[string]any) { b["party"] = p } }
	revoked := func(b map[string]any) { b["status"] = "revoked" }
	at := func(created string) func(map[string]any) { return func(m map[string]any) { m["created"] = created } }
	restricted := func(visibility string, audience ...string) func(map[string]any) {
		return func(m map[string]any) {
			m["visibility"] = visibility
			if len(audience) > 0 {
				m["audience"] = audience
			}
		}
	}
	request := func(text string, mutate ...func(map[string]any)) []byte {
		return rec("request", map[string]any{"to": []string{"afghanistan"}, "kind": "handover", "text": text}, mutate...)
	}
	response := func(req uint64) []byte {
		return rec("response", map[string]any{"request": req, "status": "accepted", "text": "We accept"})
	}

	// The restricted records and the file, each with a marker word, and
	// who may read them (docs/RULES.md §3: the admin, the mediators, the
	// authors, and the parties addressed).
	markers := map[string][]*truce.Signer{
		"xrayhandover":  {c.Admin, c.Qatar, c.Turkiye, c.PakistanFO, c.AfghanistanMOFA},
		"xrayjoint":     {c.Admin, c.Qatar, c.Turkiye, c.PakistanFO, c.PakistanISPR, c.AfghanistanMOFA},
		"xraymediators": {c.Admin, c.Qatar, c.Turkiye},
		"xrayevidence":  {c.Admin, c.Qatar, c.Turkiye, c.PakistanFO},
		"xrayfile":      {c.Admin, c.Qatar, c.Turkiye, c.PakistanFO},
		"xrayrevoked":   {c.Admin, c.Qatar, c.Turkiye, c.AfghanistanMOFA},
	}
	handover := request("Hand over commander xrayhandover.", restricted(truce.Addressed, "afghanistan"))
	handoverI := a.Submit(env(handover, c.PakistanFO)).Index
	jointDemand := request("Close the xrayjoint camps.", restricted(truce.Addressed, "afghanistan"))
	jointDemandI := a.Submit(env(jointDemand, c.PakistanFO, c.PakistanISPR)).Index
	mediatorsOnly := a.Submit(env(request("Explain the xraymediators strike.", restricted(truce.Mediators)), c.Qatar)).Index
	addressedReq := handoverI
	publicReq := a.Submit(env(request("Confirm the ceasefire."), c.Qatar)).Index

	// A member admitted, who signs a restricted demand, and is revoked.
	admission := env(trucetest.Member("pakistan-mod", "party", stranger, inParty("pakistan")), c.Admin, c.PakistanFO)
	admitted := a.Submit(admission).Index
	modDemand := request("Hand over the xrayrevoked cell.", restricted(truce.Addressed, "afghanistan"))
	a.Submit(env(modDemand, stranger))
	a.Submit(env(trucetest.Member("pakistan-mod", "party", stranger, inParty("pakistan"), revoked), c.Admin, c.PakistanFO))

	joint := env(rec("claim", trucetest.Claim("We both say so.")), c.PakistanFO, c.AfghanistanMOFA)
	jointI := a.Submit(joint).Index

	// The file Pakistan's Foreign Office uploads, described in the table.
	file := []byte("xrayfile: the statement of a witness to the crossing")
	code, up := a.upload(c.PakistanFO, "text/plain", file)
	if code != 201 {
		t.Fatalf("upload: %d %v", code, up)
	}
	sha := up["sha256"].(string)
	size := len(file)
	evidence := func(size int, visibility string) []byte {
		return rec("evidence", map[string]any{"sha256": sha, "media_type": "text/plain", "size": size, "description": "Statement xrayevidence"},
			restricted(visibility))
	}
	notHere := "no evidence file with SHA-256 " + sha + " was uploaded by a signer of this record, or may be read by one"
	uploadAs := func(s *truce.Signer) func() {
		return func() {
			if code, out := a.upload(s, "text/plain", file); code != 201 {
				t.Fatalf("upload as %s: %d %v", s.Name(), code, out)
			}
		}
	}

	type attack struct {
		name string
		who  *truce.Signer // the attacker
		env  []byte
		prep func() // before the submission
		// The answer: a status; for 200, the index repeated and which
		// duplicate; for a refusal, the field and part of the error.
		status int
		index  uint64
		dup    string
		field  string
		err    string
		hide   []string // words the answer must not hold, beyond the markers
		// twin, when set, is the same attack on a payload never recorded:
		// its answer must be the row's, byte for byte (for 201: the next
		// index).
		twin []byte
	}
	attacks := []attack{
		// 1. A payload already recorded, re-posted with some of its signers.
		{name: "joint claim re-posted by its first signer alone", who: c.PakistanFO,
			env: trucetest.DropSignature(t, joint, c.AfghanistanMOFA), status: 200, index: jointI, dup: truce.DuplicatePayload},
		{name: "joint claim re-posted by its second signer alone", who: c.AfghanistanMOFA,
			env: trucetest.DropSignature(t, joint, c.PakistanFO), status: 200, index: jointI, dup: truce.DuplicatePayload},
		{name: "joint claim re-posted as it is", who: c.PakistanFO, env: joint, status: 200, index: jointI, dup: truce.DuplicateEnvelope},
		{name: "admission re-posted after the revocation, without the party's signature", who: c.Admin,
			env: trucetest.DropSignature(t, admission, c.PakistanFO), status: 200, index: admitted, dup: truce.DuplicatePayload},
		{name: "admission re-posted after the revocation, without the admin's signature", who: c.PakistanFO,
			env: trucetest.DropSignature(t, admission, c.Admin), status: 200, index: admitted, dup: truce.DuplicatePayload},
		{name: "the revoked member still signs nothing", who: stranger, env: env(rec("claim", trucetest.Claim("still here")), stranger),
			status: 403, field: "signatures[0].keyid", err: "is revoked"},
		{name: "joint claim re-posted with a forged signature", who: c.Observer, env: forgeSig(t, trucetest.DropSignature(t, joint, c.AfghanistanMOFA)),
			status: 403, field: "signatures[0].sig", err: "does not verify"},
		{name: "joint claim with a signer it did not have: a new record", who: c.Observer,
			env: env(rec("claim", trucetest.Claim("We both say so.")), c.PakistanFO, c.Observer), status: 201},
		{name: "restricted joint demand re-posted by one of its signers", who: c.PakistanISPR,
			env: env(jointDemand, c.PakistanISPR), status: 200, index: jointDemandI, dup: truce.DuplicatePayload},
		{name: "guess of a restricted demand by an observer", who: c.Observer, env: env(handover, c.Observer),
			status: 403, field: "signatures", err: "may submit claims (and correct them) only",
			twin: env(request("Hand over commander xrayguess.", restricted(truce.Addressed, "afghanistan")), c.Observer)},
		{name: "guess of a restricted demand by a monitor", who: c.Monitor, env: env(handover, c.Monitor),
			status: 403, field: "signatures", err: "needs the signature of the admin, a mediator or a party",
			twin: env(request("Hand over commander xrayguess.", restricted(truce.Addressed, "afghanistan")), c.Monitor)},
		{name: "guess of a restricted demand under its author's key id, forged", who: c.Observer, env: forgeSig(t, env(handover, c.PakistanFO)),
			status: 403, field: "signatures[0].sig", err: "does not verify",
			twin: forgeSig(t, env(request("Hand over commander xrayguess.", restricted(truce.Addressed, "afghanistan")), c.PakistanFO))},
		{name: "guess of a restricted demand by the author's colleague: a new record", who: c.PakistanISPR, env: env(handover, c.PakistanISPR),
			status: 201, twin: env(request("Hand over commander xrayguess.", restricted(truce.Addressed, "afghanistan")), c.PakistanISPR)},
		{name: "guess of a restricted demand by its revoked author", who: stranger, env: env(modDemand, stranger),
			status: 403, field: "signatures[0].keyid", err: "is revoked",
			twin: env(request("Hand over the xrayguess cell.", restricted(truce.Addressed, "afghanistan")), stranger)},

		// 2. Evidence published by its hash.
		{name: "non-reader describes a file before any record, right size", who: c.AfghanistanMOFA, env: env(evidence(size, truce.Public), c.AfghanistanMOFA),
			status: 422, field: "body.sha256", err: notHere},
		{name: "non-reader describes a file before any record, wrong size", who: c.AfghanistanMOFA, env: env(evidence(size+1, truce.Public), c.AfghanistanMOFA),
			status: 422, field: "body.sha256", err: notHere},
		{name: "uploader describes its file, wrong size", who: c.PakistanFO, env: env(evidence(size+1, truce.Mediators), c.PakistanFO),
			status: 400, field: "body.size", err: fmt.Sprintf("is %d, but the uploaded file is %d bytes", size+1, size)},
		{name: "uploader describes its file", who: c.PakistanFO, env: env(evidence(size, truce.Mediators), c.PakistanFO), status: 201},
		{name: "non-reader describes a restricted file, right size", who: c.AfghanistanMOFA, env: env(evidence(size, truce.Public), c.AfghanistanMOFA),
			status: 422, field: "body.sha256", err: notHere},
		{name: "non-reader describes a restricted file, wrong size", who: c.AfghanistanMOFA, env: env(evidence(size+7, truce.Public), c.AfghanistanMOFA),
			status: 422, field: "body.sha256", err: notHere},
		{name: "the uploader's colleague describes a restricted file", who: c.PakistanISPR, env: env(evidence(size, truce.Public), c.PakistanISPR),
			status: 422, field: "body.sha256", err: notHere},
		{name: "non-reader uploads the same bytes, then describes them", who: c.AfghanistanMOFA, prep: uploadAs(c.AfghanistanMOFA),
			env: env(evidence(size, truce.Parties), c.AfghanistanMOFA), status: 422, field: "body.sha256", err: notHere},
		{name: "non-reader describes a file never uploaded", who: c.AfghanistanMOFA,
			env:    env(rec("evidence", map[string]any{"sha256": strings.Repeat("ab", 32), "media_type": "text/plain", "size": 3, "description": "s"}), c.AfghanistanMOFA),
			status: 422, field: "body.sha256", err: "no evidence file with SHA-256 " + strings.Repeat("ab", 32) + " was uploaded by a signer of this record, or may be read by one"},
		{name: "reader describes a restricted file, wrong size", who: c.Qatar, env: env(evidence(size+7, truce.Public), c.Qatar),
			status: 400, field: "body.size", err: "but the uploaded file is"},
		{name: "reader describes a restricted file", who: c.Qatar, env: env(evidence(size, truce.Mediators), c.Qatar), status: 201},

		// 3. The operator speaking for a party.
		{name: "admin alone admits a mediator not a trust anchor", who: c.Admin, env: env(trucetest.Member("puppet", "mediator", puppet), c.Admin),
			status: 403, field: "signatures", err: "the mediator set changes only with the signatures of 2 mediators resting on the trust anchors; it has 0 (none)"},
		{name: "admin alone gives a mediator's id a new key", who: c.Admin, env: env(trucetest.Member("qatar", "mediator", puppet), c.Admin),
			status: 403, field: "signatures", err: "it has 0 (none)"},
		{name: "admin alone revokes a mediator", who: c.Admin, env: env(trucetest.Member("qatar", "mediator", c.Qatar, revoked), c.Admin),
			status: 403, field: "signatures", err: "it has 0 (none)"},
		{name: "admin and one mediator admit a mediator", who: c.Admin, env: env(trucetest.Member("puppet", "mediator", puppet), c.Admin, c.Qatar),
			status: 403, field: "signatures", err: "it has 1 (qatar)"},
		{name: "admin alone admits a party member", who: c.Admin, env: env(trucetest.Member("afghanistan-puppet", "party", puppet, inParty("afghanistan")), c.Admin),
			status: 403, field: "signatures", err: `a member of party "afghanistan" needs the co-signature of an existing member of that party, or of 2 mediators`},
		{name: "admin alone revokes a party member", who: c.Admin, env: env(trucetest.Member("afghanistan-mofa", "party", c.AfghanistanMOFA, inParty("afghanistan"), revoked), c.Admin),
			status: 403, field: "signatures", err: "needs the co-signature of an existing member of that party"},
		{name: "admin and two mediators admit a mediator", who: c.Admin, env: env(trucetest.Member("puppet", "mediator", puppet), c.Admin, c.Qatar, c.Turkiye), status: 201},

		// 4. created and audience out of bounds.
		{name: "created in 9999", who: c.PakistanFO, env: env(rec("claim", trucetest.Claim("from the future"), at("9999-01-01T00:00:00Z")), c.PakistanFO),
			status: 400, field: "created", err: "is later than this server's clock"},
		{name: "created past the clock skew", who: c.PakistanFO,
			env:    env(rec("claim", trucetest.Claim("a little ahead"), at(time.Now().Add(truce.MaxClockSkew+time.Minute).UTC().Format(time.RFC3339))), c.PakistanFO),
			status: 400, field: "created", err: "is later than this server's clock"},
		{name: "created in year 1", who: c.PakistanFO, env: env(rec("claim", trucetest.Claim("from the past"), at("0001-01-01T00:00:00Z")), c.PakistanFO),
			status: 400, field: "created", err: "is earlier than the mechanism's first entry"},
		{name: "created a second before the first entry", who: c.PakistanFO, env: env(rec("claim", trucetest.Claim("just before"), at("2025-11-07T08:59:59Z")), c.PakistanFO),
			status: 400, field: "created", err: "is earlier than the mechanism's first entry, created 2025-11-07T12:00:00+03:00"},
		{name: "audience naming no party", who: c.PakistanFO,
			env:    env(rec("request", map[string]any{"to": []string{"pakistan"}, "kind": "alert", "text": "t"}, restricted(truce.Addressed, "narnia")), c.PakistanFO),
			status: 422, field: "audience[0]", err: `party "narnia" does not exist`},
		{name: "audience naming a party, then no party", who: c.PakistanFO,
			env:    env(rec("request", map[string]any{"to": []string{"pakistan"}, "kind": "alert", "text": "t"}, restricted(truce.Addressed, "afghanistan", "narnia")), c.PakistanFO),
			status: 422, field: "audience[1]", err: `party "narnia" does not exist`},

		// 5. Refusals that would name whom a restricted request is addressed to.
		{name: "response to a mediators' request by a party it is not addressed to", who: c.PakistanFO, env: env(response(mediatorsOnly), c.PakistanFO),
			status: 403, field: "signatures", err: fmt.Sprintf("a response to request %d needs the signature of a member of a party it is addressed to", mediatorsOnly),
			hide: []string{"afghanistan"}},
		{name: "response to an addressed request by a party it is not addressed to", who: c.PakistanISPR, env: env(response(addressedReq), c.PakistanISPR),
			status: 403, field: "signatures", err: "a member of a party it is addressed to", hide: []string{"afghanistan"}},
		{name: "response to a mediators' request by a monitor", who: c.Monitor, env: env(response(mediatorsOnly), c.Monitor),
			status: 403, field: "signatures", hide: []string{"afghanistan"}},
		{name: "response to a public request by a party it is not addressed to", who: c.PakistanFO, env: env(response(publicReq), c.PakistanFO),
			status: 403, field: "signatures", err: "a member of afghanistan, to whom it is addressed"},

		// Last, as its created is later than every other's.
		{name: "created within the clock skew", who: c.PakistanFO,
			env:    env(rec("claim", trucetest.Claim("a fast clock"), at(time.Now().Add(truce.MaxClockSkew/2).UTC().Format(time.RFC3339))), c.PakistanFO),
			status: 201},
	}

	post := func(e []byte) (int, map[string]any, string) {
		t.Helper()
		return a.send("POST", "/api/v1/records", e, "")
	}
	for _, row := range attacks {
		if row.prep != nil {
			row.prep()
		}
		before := a.Size()
		code, out, raw := post(row.env)
		after := a.Size()
		var problems []string
		bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
		if code != row.status {
			bad("HTTP %d, want %d", code, row.status)
		}
		switch row.status {
		case 201:
			if out["index"] != float64(before) || out["duplicate"] != nil || len(out) != 1 {
				bad("answer %s, want {\"index\":%d}", strings.TrimSpace(raw), before)
			}
			if after != before+1 {
				bad("the log went from %d to %d entries, want one more", before, after)
			}
		case 200:
			if out["index"] != float64(row.index) || out["duplicate"] != row.dup || len(out) != 2 {
				bad("answer %s, want index %d, duplicate %q", strings.TrimSpace(raw), row.index, row.dup)
			}
		default:
			if out["field"] != row.field {
				bad("field %v, want %q", out["field"], row.field)
			}
			if msg, _ := out["error"].(string); !strings.Contains(msg, row.err) {
				bad("error %q does not say %q", msg, row.err)
			}
		}
		if row.status != 201 && after != before {
			bad("the log went from %d to %d entries", before, after)
		}
		for m, readers := range markers {
			if strings.Contains(raw, m) && !attackReads(readers, row.who) {
				bad("the answer holds %q, which %s may not read", m, row.who.Name())
			}
		}
		for _, w := range row.hide {
			if strings.Contains(raw, w) {
				bad("the answer names %q", w)
			}
		}
		if row.twin != nil {
			tcode, tout, traw := post(row.twin)
			switch {
			case row.status == 201 && (tcode != 201 || tout["index"] != float64(after) || len(tout) != 1):
				bad("an unrecorded guess gets %d %s, this one %d %s", tcode, strings.TrimSpace(traw), code, strings.TrimSpace(raw))
			case row.status != 201 && (tcode != code || traw != raw):
				bad("an unrecorded guess gets %d %s, this one %d %s", tcode, strings.TrimSpace(traw), code, strings.TrimSpace(raw))
			}
		}
		if len(problems) > 0 {
			t.Errorf("%s (as %s): %s\n\tanswer: %d %s", row.name, row.who.Name(), strings.Join(problems, "; "), code, strings.TrimSpace(raw))
		}
	}
}

// attackReads reports whether s is among readers.
func attackReads(readers []*truce.Signer, s *truce.Signer) bool {
	for _, r := range readers {
		if r.KeyID() == s.KeyID() {
			return true
		}
	}
	return false
}

// envelopeJSON is an envelope as sent.
type envelopeJSON struct {
	PayloadType string           `json:"payloadType"`
	Payload     string           `json:"payload"`
	Signatures  []map[string]any `json:"signatures"`
}

// forgeSig flips a bit of env's first signature: the key id stays, the
// signature no longer verifies.
func forgeSig(t *testing.T, env []byte) []byte {
	t.Helper()
	var e envelopeJSON
	if err := json.Unmarshal(env, &e); err != nil {
		t.Fatal(err)
	}
	sig := must(base64.StdEncoding.DecodeString(e.Signatures[0]["sig"].(string)))
	sig[len(sig)-1] ^= 1
	e.Signatures[0]["sig"] = base64.StdEncoding.EncodeToString(sig)
	return must(json.Marshal(e))
}

// TestLookupByHashHidesRestricted: a restricted record is found by its
// envelope hash only by who may read it. Otherwise anyone holding a key
// that signed it once — revoked since, or stolen — could re-sign a guess
// (Ed25519 is deterministic) and confirm it by its hash.
func TestLookupByHashHidesRestricted(t *testing.T) {
	a := newAPI(t)
	c := a.Setup()
	env := trucetest.Sign(t, trucetest.Record("request", map[string]any{"to": []string{"afghanistan"}, "kind": "handover", "text": "Hand over commander xraylookup."},
		func(m map[string]any) { m["visibility"] = truce.Addressed; m["audience"] = []string{"afghanistan"} }), c.PakistanFO)
	i := a.Submit(env).Index
	e := must(truce.ParseEnvelope(env))
	h := e.Hash()
	path := "/api/v1/records/by-hash/" + hex.EncodeToString(h[:])
	for _, tc := range []struct {
		who  *truce.Signer
		want int
	}{{nil, 404}, {c.PakistanFO, 200}, {c.AfghanistanMOFA, 200}, {c.Qatar, 200}, {c.PakistanISPR, 404}, {c.Monitor, 404}, {c.Observer, 404}} {
		code, out, raw := a.signedGet(path, tc.who, "")
		if code != tc.want {
			who := "anonymous"
			if tc.who != nil {
				who = tc.who.Name()
			}
			t.Errorf("%s looks up the restricted record by hash: %d %s, want %d", who, code, raw, tc.want)
		}
		if code == 200 && out["index"] != float64(i) {
			t.Errorf("lookup: %s", raw)
		}
		if strings.Contains(raw, "xraylookup") && tc.want != 200 {
			t.Errorf("a refused lookup carries the record's words: %s", raw)
		}
	}
	// A public record is found by anyone.
	pub := trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("public words")), c.PakistanFO)
	j := a.Submit(pub).Index
	ph := must(truce.ParseEnvelope(pub)).Hash()
	if code, out, raw := a.signedGet("/api/v1/records/by-hash/"+hex.EncodeToString(ph[:]), nil, ""); code != 200 || out["index"] != float64(j) {
		t.Errorf("public lookup: %d %s", code, raw)
	}
}
