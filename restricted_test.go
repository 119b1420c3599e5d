package truce_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
)

// TestRestricted follows an addressed handover request: only routing
// metadata reaches the log, its audience reads and checks the body, the
// rules still see it, a restart still deduplicates it, and a body that is
// gone leaves a gap that replay accepts and audit names.
func TestRestricted(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	secret := "Hand over the three named commanders through the Torkham crossing"
	req := trucetest.Sign(t, trucetest.Record("request", map[string]any{"to": []string{"afghanistan"}, "kind": "handover", "text": secret, "due": "2025-12-01"},
		func(m map[string]any) { m["visibility"] = "addressed"; m["audience"] = []string{"afghanistan"} }), c.PakistanFO)
	i := f.Submit(req).Index
	leafBytes, err := f.Log.Leaf(context.Background(), i)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(leafBytes, []byte("Torkham")) || bytes.Contains(leafBytes, []byte("handover")) {
		t.Fatalf("the log's leaf reveals the body: %s", leafBytes)
	}
	leaf, err := truce.ParseLeaf(leafBytes)
	if err != nil || leaf.Restricted == nil {
		t.Fatalf("leaf %s: %v", leafBytes, err)
	}
	if rc := f.Submit(req); rc.Index != i || rc.Duplicate == "" {
		t.Errorf("resubmission: %+v", rc)
	}

	for _, tc := range []struct {
		who  *truce.Signer
		name string
		can  bool
	}{
		{c.PakistanFO, "author", true}, {c.AfghanistanMOFA, "addressee", true}, {c.Admin, "admin", true}, {c.Qatar, "mediator", true},
		{c.PakistanISPR, "author's colleague, not addressed", false}, {c.Monitor, "monitor", false}, {c.Observer, "observer", false},
		{readSigner(t, "stranger"), "stranger", false},
	} {
		body, ok, err := f.Mech.ReadRestricted(tc.who.KeyID(), leaf.Restricted)
		if ok != tc.can || err != nil {
			t.Errorf("%s reads: %v, %v; want %v", tc.name, ok, err, tc.can)
		}
		if ok && truce.RestrictedDigest(body.Envelope, body.Salt) != leaf.Restricted.Digest {
			t.Errorf("%s: body and salt do not give the leaf's digest", tc.name)
		}
	}

	// The addressee answers: the rules know the request's addressees.
	f.Submit(trucetest.Sign(t, trucetest.Record("response", map[string]any{"request": i, "status": "acknowledged", "text": "Received"}), c.AfghanistanMOFA))

	// The public projection knows it only by its routing metadata.
	store, err := sqlite.Open(filepath.Join(t.TempDir(), "p.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	f.Project(store)
	for _, q := range []truce.Query{{List: "requests"}, {List: "requests", Text: "Torkham"}, {List: "requests", Party: "afghanistan"}} {
		if p, err := store.List(context.Background(), q); err != nil || len(p.Items) != 0 {
			t.Errorf("list %+v shows %d items (%v): a restricted record must not be listed", q, len(p.Items), err)
		}
	}
	var dump strings.Builder
	store.Dump(context.Background(), func(l string) error { dump.WriteString(l); return nil })
	if strings.Contains(dump.String(), "Torkham") {
		t.Error("the projection holds the restricted body")
	}

	f.Reopen()
	if rc := f.Submit(req); rc.Index != i || rc.Duplicate == "" {
		t.Errorf("resubmission after restart: %+v", rc)
	}
	cfg := truce.Config{Origin: trucetest.Origin, Admin: c.Admin.Verifier()}
	bodies := f.Dir + ".bodies"
	cfg.Bodies = mustOpen(t, bodies)
	if err := truce.Audit(context.Background(), cfg, f.Log); err != nil {
		t.Fatalf("audit: %v", err)
	}
	// A body removed from the store: replay goes on with the routing
	// metadata; audit names the gap.
	if err := os.Remove(filepath.Join(bodies, strings.TrimPrefix(leaf.Restricted.Digest, "sha256:"))); err != nil {
		t.Fatal(err)
	}
	f.Reopen()
	if err := truce.Audit(context.Background(), cfg, f.Log); err == nil || !strings.Contains(err.Error(), "no purge record targets it") {
		t.Errorf("audit with a missing body: %v", err)
	}
	if _, ok, err := f.Mech.ReadRestricted(c.AfghanistanMOFA.KeyID(), leaf.Restricted); !ok || err != truce.ErrPurged {
		t.Errorf("reading a missing body: %v, %v", ok, err)
	}
}

func mustOpen(t *testing.T, dir string) truce.Bodies {
	b, err := files.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPurge deletes a restricted body and an evidence file for someone's
// safety: only the admin with k mediators may, the leaves stay, and the
// audit accepts exactly the purged gaps.
func TestPurge(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	req := f.Submit(trucetest.Sign(t, trucetest.Record("request", map[string]any{"to": []string{"afghanistan"}, "kind": "handover", "text": "Witness W. saw the crossing"},
		func(m map[string]any) { m["visibility"] = "addressed"; m["audience"] = []string{"afghanistan"} }), c.PakistanFO)).Index
	name, size := f.Upload("a statement naming the witness", c.Qatar)
	ev := f.Submit(trucetest.Sign(t, trucetest.Record("evidence", map[string]any{"sha256": name, "media_type": "text/plain", "size": size, "description": "Witness statement"},
		func(m map[string]any) { m["visibility"] = "mediators" }), c.Qatar)).Index
	public := f.Submit(trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("public words")), c.PakistanFO)).Index
	purge := func(target uint64) []byte {
		return trucetest.Record("purge", map[string]any{"target": target, "reason": "A witness's safety"})
	}
	f.refused(sign(t, purge(req), c.Admin, c.Qatar), truce.Forbidden, "signatures", "the admin and 2 mediators; it has 1 mediators (qatar)")
	f.refused(sign(t, purge(req), c.Qatar, c.Turkiye), truce.Forbidden, "signatures", "needs the admin's signature")
	f.refused(sign(t, purge(public), c.Admin, c.Qatar, c.Turkiye), truce.Invalid, "body.target", "only a restricted body or an evidence file")

	leafBefore, _ := f.Log.Leaf(context.Background(), req)
	f.Submit(sign(t, purge(req), c.Admin, c.Qatar, c.Turkiye))
	f.Submit(sign(t, purge(ev), c.Admin, c.Qatar, c.Turkiye))
	f.refused(sign(t, purge(req), c.Admin, c.Qatar, c.Turkiye, c.Monitor), truce.Invalid, "body.target", "already purged")

	leaf, _ := truce.ParseLeaf(leafBefore)
	if _, ok, err := f.Mech.ReadRestricted(c.AfghanistanMOFA.KeyID(), leaf.Restricted); !ok || err != truce.ErrPurged {
		t.Errorf("reading a purged body: %v, %v", ok, err)
	}
	if _, err := f.Evidence.Size(name); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("purged evidence file: %v", err)
	}
	if leafAfter, _ := f.Log.Leaf(context.Background(), req); !bytes.Equal(leafAfter, leafBefore) {
		t.Error("the purged record's leaf changed")
	}
	f.Reopen()
	cfg := truce.Config{Origin: trucetest.Origin, Admin: c.Admin.Verifier(), Bodies: mustOpen(t, f.Dir+".bodies")}
	if err := truce.Audit(context.Background(), cfg, f.Log); err != nil {
		t.Fatalf("audit after a purge: %v", err)
	}
}

// TestReadable lists, for each reader, the restricted records it may read:
// the same before and after a restart, with bodies kept or gone, a page at
// a time.
func TestReadable(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	submit := func(s *truce.Signer, typ string, body map[string]any, visibility string, audience ...string) uint64 {
		return f.Submit(trucetest.Sign(t, trucetest.Record(typ, body, func(m map[string]any) {
			m["visibility"] = visibility
			if audience != nil {
				m["audience"] = audience
			}
		}), s)).Index
	}
	toAfghanistan := submit(c.PakistanFO, "request", map[string]any{"to": []string{"afghanistan"}, "kind": "handover", "text": "Hand over the named commanders"}, truce.Addressed, "afghanistan")
	toPakistan := submit(c.AfghanistanMOFA, "request", map[string]any{"to": []string{"pakistan"}, "kind": "information", "text": "Share the strike's coordinates"}, truce.Addressed, "pakistan")
	parties := submit(c.Qatar, "claim", trucetest.Claim("The crossing reopens on Monday."), truce.Parties)
	mediators := submit(c.Admin, "request", map[string]any{"to": []string{"pakistan"}, "kind": "information", "text": "Casualty lists"}, truce.Mediators)
	submit(c.Admin, "claim", trucetest.Claim("A public statement."), truce.Public)
	all := []uint64{toAfghanistan, toPakistan, parties, mediators}
	want := map[string][]uint64{
		"admin": all, "mediator": all, "pakistan-fo": {toAfghanistan, toPakistan, parties}, "pakistan-ispr": {toPakistan, parties},
		"afghanistan": {toAfghanistan, toPakistan, parties}, "monitor": {parties}, "observer": nil, "stranger": nil,
	}
	readers := map[string]*truce.Signer{"admin": c.Admin, "mediator": c.Turkiye, "pakistan-fo": c.PakistanFO, "pakistan-ispr": c.PakistanISPR,
		"afghanistan": c.AfghanistanMOFA, "monitor": c.Monitor, "observer": c.Observer, "stranger": readSigner(t, "stranger")}
	check := func(when string) {
		t.Helper()
		for name, s := range readers {
			got, next := f.Mech.Readable(s.KeyID(), "", 0, 100)
			if !slices.Equal(got, want[name]) || next != 0 {
				t.Errorf("%s: %s reads %v (next %v), want %v", when, name, got, next, want[name])
			}
			// A page at a time.
			var paged []uint64
			for after := uint64(0); ; {
				page, next := f.Mech.Readable(s.KeyID(), "", after, 1)
				paged = append(paged, page...)
				if next == 0 {
					break
				}
				after = next
			}
			if !slices.Equal(paged, want[name]) {
				t.Errorf("%s: %s reads %v a page at a time, want %v", when, name, paged, want[name])
			}
		}
		if got, _ := f.Mech.Readable(c.Admin.KeyID(), "claim", 0, 100); !slices.Equal(got, []uint64{parties}) {
			t.Errorf("%s: the admin's restricted claims: %v", when, got)
		}
	}
	check("as submitted")
	if got, next := f.Mech.Readable(c.Admin.KeyID(), "", math.MaxUint64, 100); len(got) != 0 || next != 0 {
		t.Errorf("after the last possible cursor: %v, next %d", got, next)
	}
	f.Reopen()
	check("after a restart")
	// Without their bodies, the routing metadata in the log still decides.
	bodies := f.Dir + ".bodies"
	entries, err := os.ReadDir(bodies)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		os.Remove(filepath.Join(bodies, e.Name()))
	}
	f.Reopen()
	check("after a restart without the bodies")
}

// TestPurgeForgetsSourceText: purging a restricted source deletes the
// text kept for it alone; a text another source keeps, and a public one,
// stay.
func TestPurgeForgetsSourceText(t *testing.T) {
	f := newFixture(t)
	c := f.Setup()
	source := func(n int) uint64 {
		return f.Submit(trucetest.Sign(t, trucetest.Record("source", map[string]any{"outlet": "Dawn", "language": "en", "sha256": fmt.Sprintf("%064x", n)},
			func(m map[string]any) { m["visibility"] = "mediators" }), c.Qatar)).Index
	}
	alone, shared, other := source(1), source(2), source(3)
	only, err := f.Texts.Keep([]byte("a text only the purged source keeps"), false, alone)
	if err != nil {
		t.Fatal(err)
	}
	both, _ := f.Texts.Keep([]byte("a text two sources keep"), false, shared)
	f.Texts.Keep([]byte("a text two sources keep"), false, alone)
	public, _ := f.Texts.Keep([]byte("a public text"), true, other)
	f.Submit(sign(t, trucetest.Record("purge", map[string]any{"target": alone, "reason": "A witness's safety"}), c.Admin, c.Qatar, c.Turkiye))
	if _, _, _, err := f.Texts.Text(only); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the purged source's own text: %v", err)
	}
	if _, _, sources, err := f.Texts.Text(both); err != nil || !slices.Equal(sources, []uint64{shared}) {
		t.Errorf("a text another source keeps: %v, %v", sources, err)
	}
	if _, ok, _, err := f.Texts.Text(public); err != nil || !ok {
		t.Errorf("a public text: %v, %v", ok, err)
	}
}
