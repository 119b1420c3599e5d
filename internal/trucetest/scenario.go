package trucetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/truce-dev/truce"
)

// Cast is the members of a test mechanism set up by Setup.
type Cast struct {
	Admin, Qatar, Turkiye, Monitor, Observer  *truce.Signer
	PakistanFO, PakistanISPR, AfghanistanMOFA *truce.Signer
}

// Setup records the genesis, the two parties, two mediators (k = 2), a
// monitor, an observer and party members, each admitted as the rules
// require.
func (m *Mechanism) Setup() *Cast {
	m.T.Helper()
	t := m.T
	c := &Cast{
		Admin: m.Admin, Qatar: Signer(t, "mediator-qatar"), Turkiye: Signer(t, "mediator-turkiye"),
		Monitor: Signer(t, "monitor"), Observer: Signer(t, "observer"),
		PakistanFO: Signer(t, "pakistan-fo"), PakistanISPR: Signer(t, "pakistan-ispr"), AfghanistanMOFA: Signer(t, "afghanistan-mofa"),
	}
	m.Genesis()
	party := func(id, name string) {
		m.Submit(Sign(t, Record("party", map[string]any{"id": id, "name": name}), c.Admin))
	}
	party("pakistan", "Pakistan")
	party("afghanistan", "Afghanistan (Taliban authorities)")
	m.Submit(Sign(t, Member("qatar", "mediator", c.Qatar), c.Admin))
	m.Submit(Sign(t, Member("turkiye", "mediator", c.Turkiye), c.Admin))
	m.Submit(Sign(t, Member("monitor", "monitor", c.Monitor), c.Admin))
	m.Submit(Sign(t, Member("observer", "observer", c.Observer), c.Admin))
	inParty := func(p string) func(map[string]any) { return func(b map[string]any) { b["party"] = p } }
	m.Submit(Sign(t, Member("pakistan-fo", "party", c.PakistanFO, inParty("pakistan")), c.Admin, c.Qatar, c.Turkiye))
	m.Submit(Sign(t, Member("afghanistan-mofa", "party", c.AfghanistanMOFA, inParty("afghanistan")), c.Admin, c.Qatar, c.Turkiye))
	m.Submit(Sign(t, Member("pakistan-ispr", "party", c.PakistanISPR, inParty("pakistan")), c.Admin, c.PakistanFO))
	return c
}

// SubmitAll signs records concurrently (each with its signers) and submits
// them, returning their indices in the order given.
func (m *Mechanism) SubmitAll(recs []Unsigned) []uint64 {
	m.T.Helper()
	out := make([]uint64, len(recs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(m.Concurrency, 64))
	for i, r := range recs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			rc, err := m.Mech.Submit(context.Background(), Sign(m.T, r.Record, r.Signers...))
			if err != nil {
				m.T.Errorf("record %d of %d: %v", i, len(recs), err)
				return
			}
			out[i] = rc.Index
		}()
	}
	wg.Wait()
	if m.T.Failed() {
		m.T.FailNow()
	}
	return out
}

// Unsigned is a record and the members who are to sign it.
type Unsigned struct {
	Record  []byte
	Signers []*truce.Signer
}

// Mixed appends about n records of every kind the rules admit, in waves of
// concurrent submissions, each wave citing only records of earlier waves.
func (m *Mechanism) Mixed(c *Cast, n int, seed uint64) {
	m.T.Helper()
	rng := rand.New(rand.NewPCG(seed, seed))
	base := time.Date(2025, 11, 8, 0, 0, 0, 0, time.UTC)
	var commitments, incidents, requests, claims, sources []uint64
	var requestTo = map[uint64]string{}
	var claimAuthor = map[uint64]*truce.Signer{}
	parties := []string{"pakistan", "afghanistan"}
	partyMember := map[string]*truce.Signer{"pakistan": c.PakistanFO, "afghanistan": c.AfghanistanMOFA}
	pick := func(l []uint64) uint64 { return l[rng.IntN(len(l))] }
	done := 0
	for wave := 0; done < n; wave++ {
		type pending struct {
			Unsigned
			kind string
			to   string
		}
		var batch []pending
		// Each record its own second, later than every wave before: records
		// are distinct, and none is older than what it cites.
		created := func(m map[string]any) {
			m["created"] = base.Add(time.Duration(wave)*time.Hour + time.Duration(len(batch))*time.Second).Format(time.RFC3339)
		}
		add := func(kind string, body map[string]any, signers ...*truce.Signer) {
			batch = append(batch, pending{Unsigned: Unsigned{Record(kind, body, created), signers}, kind: kind})
		}
		size := min(max(500, m.Concurrency*4), n-done)
		for len(batch) < size {
			k := rng.IntN(100)
			switch {
			case wave == 0 || k < 8:
				p := parties[rng.IntN(2)]
				add("commitment", map[string]any{"obligor": p, "text": fmt.Sprintf("Commitment %d-%d", wave, len(batch)),
					"category": []string{"ceasefire", "counter_terrorism", "handover", "border_crossing"}[rng.IntN(4)],
					"criteria": "Verified by the monitors", "deadline": fmt.Sprintf("2025-%02d-%02d", 10+rng.IntN(3), 1+rng.IntN(28))}, c.Admin)
				if wave == 0 && len(batch) < 20 {
					add("source", map[string]any{"outlet": []string{"Dawn", "Express Tribune", "Tolo News", "Pajhwok"}[rng.IntN(4)],
						"language": "en", "sha256": fmt.Sprintf("%064x", rng.Uint64())}, c.Admin)
					p := parties[rng.IntN(2)]
					add("incident", map[string]any{"event_type": "Battles", "sub_event_type": "Armed clash", "date": "2025-10-12", "date_precision": "day",
						"place": map[string]any{"name": "Kurram", "precision": "district"}, "actors": []string{"Pakistan Army", "Afghan Taliban"},
						"description": "Border clash"}, partyMember[p])
				}
			case k < 35:
				b := map[string]any{"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
					"date": fmt.Sprintf("2025-10-%02d", 1+rng.IntN(31)), "date_precision": "day",
					"place":  map[string]any{"name": []string{"Kabul", "Paktika", "Spin Boldak", "Chaman", "Kurram"}[rng.IntN(5)], "precision": "district"},
					"actors": []string{"Pakistan Air Force"}, "description": "Reported strike"}
				if len(commitments) > 0 && rng.IntN(2) == 0 {
					b["violates"] = []uint64{pick(commitments)}
				}
				add("incident", b, []*truce.Signer{c.Admin, c.PakistanFO, c.AfghanistanMOFA, c.Monitor}[rng.IntN(4)])
			case k < 70 && len(incidents) > 0:
				b := map[string]any{"speaker": "ISPR", "text": fmt.Sprintf("Statement %d on the incident", rng.IntN(1e6)), "quoted": rng.IntN(2) == 0, "language": "en",
					"about": []uint64{pick(incidents)}, "figures": []map[string]any{{"what": "killed", "count": rng.IntN(300), "qualifier": "at_least", "attributed_to": "army estimates"}}}
				if len(sources) > 0 && rng.IntN(2) == 0 {
					b["source"] = pick(sources)
				}
				add("claim", b, []*truce.Signer{c.Admin, c.PakistanISPR, c.AfghanistanMOFA, c.Observer}[rng.IntN(4)])
			case k < 78 && len(incidents) > 0:
				add("assessment", map[string]any{"subject": pick(incidents), "status": []string{"verified", "disputed", "unfounded"}[rng.IntN(3)], "rationale": "Checked"}, c.Monitor)
			case k < 82 && len(commitments) > 0:
				add("assessment", map[string]any{"subject": pick(commitments), "status": []string{"in_progress", "fulfilled", "partly_fulfilled"}[rng.IntN(3)], "rationale": "Checked"}, c.Qatar)
			case k < 88:
				p := parties[rng.IntN(2)]
				batch = append(batch, pending{Unsigned: Unsigned{Record("request", map[string]any{"to": []string{p}, "kind": "information", "text": "Share what you know", "due": "2025-12-01"}, created), []*truce.Signer{c.Admin}}, kind: "request", to: p})
			case k < 93 && len(requests) > 0:
				r := pick(requests)
				add("response", map[string]any{"request": r, "status": "acknowledged", "text": "Received"}, partyMember[requestTo[r]])
			case k < 95 && len(commitments) > 0 && len(incidents) > 0:
				add("finding", map[string]any{"violator": parties[rng.IntN(2)], "commitments": []uint64{pick(commitments)}, "basis": []uint64{pick(incidents)}, "decision": "Violated", "penalty": "Suspension"}, c.Qatar, c.Turkiye)
			case k < 97 && len(claims) > 0:
				cl := pick(claims)
				add("correction", map[string]any{"target": cl, "reason": "Mistranscribed"}, claimAuthor[cl])
			default:
				add("source", map[string]any{"outlet": "Dawn", "title": "Coverage", "language": "en", "sha256": fmt.Sprintf("%064x", rng.Uint64())}, c.Admin)
			}
		}
		recs := make([]Unsigned, len(batch))
		for i, p := range batch {
			recs[i] = p.Unsigned
		}
		for i, idx := range m.SubmitAll(recs) {
			switch batch[i].kind {
			case "commitment":
				commitments = append(commitments, idx)
			case "incident":
				incidents = append(incidents, idx)
			case "request":
				requests = append(requests, idx)
				requestTo[idx] = batch[i].to
			case "claim":
				claims = append(claims, idx)
				claimAuthor[idx] = batch[i].Signers[0]
			case "source":
				sources = append(sources, idx)
			}
		}
		done += len(batch)
	}
}

// Project catches store up with the mechanism's log.
func (m *Mechanism) Project(store truce.Store) {
	m.T.Helper()
	if err := truce.CatchUp(context.Background(), m.Log, store); err != nil {
		m.T.Fatal(err)
	}
}
