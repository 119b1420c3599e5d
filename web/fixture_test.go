package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
)

// Words only the restricted records say: no page may ever show them to
// an anonymous reader.
var secrets = []string{"Torkham-handover-secret", "Mediators-only-secret"}

// sourceText is the public text of the fixture's source; the army's claim
// is drawn from it word for word (with other typography), the other
// claim only paraphrases it.
const sourceText = "ISLAMABAD: Pakistan said on Friday that talks had ended.\n\nAccording to army estimates, at least 206 Afghan Taliban fighters and 110 TTP militants have been killed in recent border skirmishes. Kabul maintains it does not support cross-border attacks."

// fixture is a mechanism the tests populate: a round, commitments,
// a mapped incident with two conflicting figures, a source with its text,
// requests open and overdue, a finding, and restricted records.
type fixture struct {
	*trucetest.Mechanism
	url                                   string
	handler                               http.Handler
	store                                 *sqlite.DB
	round, commitment, incident, source   uint64
	armyClaim, afghanClaim, finding       uint64
	restrictedRequest, restrictedClaim    uint64
	openRequest, overdueRequest, unmapped uint64
	assessment, commitmentAssessment      uint64
}

// newFixture builds the fixture.
func newFixture(t testing.TB) *fixture {
	m := trucetest.NewMechanism(t)
	c := m.Setup()
	f := &fixture{Mechanism: m}
	sign := func(typ string, body map[string]any, mutate ...func(map[string]any)) []byte {
		return trucetest.Sign(t, trucetest.Record(typ, body, mutate...), c.Admin)
	}
	texts, err := files.Open(filepath.Join(t.TempDir(), "texts"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(sourceText))
	if err := texts.Put(hex.EncodeToString(sum[:]), []byte(sourceText)); err != nil {
		t.Fatal(err)
	}
	f.round = m.Submit(sign("round", map[string]any{"title": "Istanbul talks (third round)", "venue": "Istanbul", "start": "2025-11-06", "end": "2025-11-07",
		"date_precision": "day", "participants": []string{"Pakistan", "Afghanistan (Taliban authorities)"}, "mediators": []string{"Türkiye", "Qatar"}})).Index
	f.commitment = m.Submit(sign("commitment", map[string]any{"obligor": "afghanistan", "beneficiary": "pakistan", "text": "Observe the immediate ceasefire agreed in Doha.",
		"category": "ceasefire", "criteria": "No cross-border attack from Afghan territory.", "round": f.round})).Index
	f.source = m.Submit(sign("source", map[string]any{"outlet": "Dawn", "title": "Talks end without agreement", "language": "en", "sha256": hex.EncodeToString(sum[:]),
		"published": "2025-11-08T09:00:00+05:00"})).Index
	f.incident = m.Submit(sign("incident", map[string]any{"event_type": "Battles", "sub_event_type": "Armed clash", "date": "2025-10-12", "date_precision": "day",
		"place":  map[string]any{"name": "Spin Boldak", "lat": 31.0, "lon": 66.4, "precision": "district"},
		"actors": []string{"Pakistani security forces", "Afghan Taliban forces"}, "description": "Clashes along the border.", "violates": []uint64{f.commitment}})).Index
	f.unmapped = m.Submit(sign("incident", map[string]any{"event_type": "Strategic developments", "sub_event_type": "Other", "date": "2025-10-15", "date_precision": "month",
		"place": map[string]any{"name": "Pakistan–Afghanistan border crossings", "precision": "region"}, "actors": []string{"Government of Pakistan"},
		"description": "Crossings closed."})).Index
	f.armyClaim = m.Submit(sign("claim", map[string]any{"speaker": "Pakistan army", "text": "At least 206 Afghan Taliban fighters and 110 TTP militants have been killed in recent border skirmishes.",
		"quoted": false, "language": "en", "source": f.source, "about": []uint64{f.incident}, "date": "2025-11-08",
		"figures": []map[string]any{{"what": "Afghan Taliban fighters killed", "count": 206, "qualifier": "at_least", "attributed_to": "army estimates"}}})).Index
	f.afghanClaim = m.Submit(trucetest.Sign(t, trucetest.Record("claim", map[string]any{"speaker": "Spokesperson of the Afghan Taliban authorities", "text": "Only 9 of our forces were killed in the clashes.",
		"quoted": true, "language": "en", "about": []uint64{f.incident}, "date": "2025-11-09",
		"figures": []map[string]any{{"what": "Afghan Taliban fighters killed", "count": 9, "qualifier": "exact"}}}), c.AfghanistanMOFA)).Index
	f.openRequest = m.Submit(sign("request", map[string]any{"to": []string{"afghanistan"}, "kind": "demand", "text": "Verifiable action against armed groups.", "due": "2099-01-01"})).Index
	f.overdueRequest = m.Submit(sign("request", map[string]any{"to": []string{"pakistan"}, "kind": "information", "text": "Share the list of closed crossings.", "due": "2025-11-01"})).Index
	f.restrictedRequest = m.Submit(trucetest.Sign(t, trucetest.Record("request", map[string]any{"to": []string{"afghanistan"}, "kind": "handover", "text": secrets[0] + ": three named commanders"},
		func(r map[string]any) { r["visibility"] = "addressed"; r["audience"] = []string{"afghanistan"} }), c.PakistanFO)).Index
	f.restrictedClaim = m.Submit(sign("claim", map[string]any{"speaker": "A mediator", "text": secrets[1] + " about the clash", "quoted": false, "language": "en", "about": []uint64{f.incident}},
		func(r map[string]any) { r["visibility"] = "mediators" })).Index
	f.commitmentAssessment = m.Submit(trucetest.Sign(t, trucetest.Record("assessment", map[string]any{"subject": f.commitment, "status": "in_progress",
		"rationale": "Talks under way"}), c.Qatar)).Index
	f.assessment = m.Submit(trucetest.Sign(t, trucetest.Record("assessment", map[string]any{"subject": f.unmapped, "status": "verified",
		"rationale": "Closures confirmed by both sides' statements", "evidence": []uint64{f.source}}), c.Monitor)).Index
	f.finding = m.Submit(trucetest.Sign(t, trucetest.Record("finding", map[string]any{"violator": "afghanistan", "commitments": []uint64{f.commitment}, "basis": []uint64{f.incident},
		"decision": "The ceasefire commitment was violated.", "penalty": "Suspension of the next round"}), c.Qatar, c.Turkiye)).Index

	store, err := sqlite.Open(filepath.Join(t.TempDir(), "projection.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	f.store = store
	m.Project(store)
	if _, err := m.Log.AwaitCheckpoint(context.Background(), m.Size()-1); err != nil {
		t.Fatal(err)
	}
	f.handler = New(Config{Store: store, Log: m.Log, LogKey: m.LogVerifier(), Witnesses: m.Mech, Texts: texts,
		Logger: slog.New(slog.NewTextHandler(os.Stderr, nil))})
	srv := httptest.NewServer(f.handler)
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}
