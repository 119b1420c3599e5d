package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/transparency-dev/tessera/api/layout"
	"github.com/truce-dev/truce/internal/tlogvectors"
	"github.com/truce-dev/truce/internal/trucetest"
)

// verifyRunner runs, in the page, every case of /cases.json through the
// verifier module (static/verify/verify.js, as embedded) and writes each
// result into the DOM: an li per case with data-verify="ok|fail", its
// data-reason and, for ok, what it verified in data-value.
const verifyRunner = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>verifier vectors</title></head>
<body><ol id="results"></ol>
<script type="module">
import * as V from "/verify/verify.js";
async function one(c) {
  const v = c.vector, base = "/v/" + c.name + "/";
  switch (v.kind) {
  case "inclusion":
    await V.verifyInclusionProof(v.index, v.size, V.unhex(v.leaf_hash), v.proof.map(V.unhex), V.unhex(v.root));
    return {};
  case "consistency":
    await V.verifyConsistencyProof(v.old_size, v.size, V.unhex(v.old_root), V.unhex(v.root), v.proof.map(V.unhex));
    return {};
  case "record":
    if (v.salt) return { signers: (await V.verifyRestricted(v.entry, v.envelope, v.salt, v.member_keys)).signers };
    return { signers: (await V.verifyRecord(v.envelope, v.member_keys)).signers };
  }
  const r = await V.verifyLog({ base, logKey: v.log_key, witnessKeys: v.witness_keys || [], minWitnesses: v.min_witnesses || 0,
    previous: v.previous || "", index: v.kind === "entry" ? v.index : null });
  if (v.kind === "entry") return { leaf_hash: r.leafHash };
  const out = { size: r.checkpoint.size, root: V.hex(r.checkpoint.root) };
  if (v.kind === "cosignature") out.cosigners = r.cosigners;
  return out;
}
const cases = await (await fetch("/cases.json")).json();
const ol = document.getElementById("results");
for (const c of cases) {
  const r = await V.check(one(c));
  const li = document.createElement("li");
  li.dataset.name = c.name;
  li.dataset.verify = r.ok ? "ok" : "fail";
  if (r.ok) li.dataset.value = JSON.stringify(r.value);
  else li.dataset.reason = r.reason;
  li.textContent = c.name + ": " + (r.ok ? "ok" : r.reason + ": " + r.message);
  ol.append(li);
}
// Direct calls with inputs of the wrong kind: each must be a refusal.
const key = cases.find((c) => c.vector.log_key)?.vector.log_key;
const z = new Uint8Array(32);
const direct = [() => V.openCheckpoint(null, key), () => V.openCheckpoint("x\n", key), () => V.parseKey("x"), () => V.parseKey(42),
  () => V.parseKey(key, 0x04), () => V.verifyInclusionProof(-1, 3, z, [], z), () => V.verifyInclusionProof(NaN, 3, z, [], z),
  () => V.verifyInclusionProof(0, 3, z, ["ab"], z), () => V.verifyInclusionProof(0, 3, z, null, z), () => V.verifyConsistencyProof(5, 3, z, z, []),
  () => V.verifyConsistencyProof(1, 2**60, z, z, [z]), () => V.verifyRecord("{", []), () => V.verifyRecord(null, []),
  () => V.verifyRecord({ payload: "!!", payloadType: "application/vnd.truce.record+json", signatures: [{}] }, []),
  () => V.verifyRecord({ payload: "e30", payloadType: "application/vnd.truce.record+json", signatures: [null] }, []),
  () => V.verifyRestricted("{}", "{}", "zz", []), () => V.verifyRestricted(new Uint8Array([0xff]), "{}", "", []),
  () => V.parseNote("a\n\n\u2014 x !!!\n"), () => V.parseNote("a\n\n\u2014 x AAAA\n"), () => V.unhex("abc"), () => V.unbase64("a"),
  () => V.verifyLog({ base: "/nowhere/", logKey: key, index: 1 }), () => V.verifyLog({ base: "/nowhere/", logKey: "", index: 1 }),
  () => V.verifyEntry(new V.Tiles("/nowhere/"), { size: 10, root: z }, 2 ** 53), () => V.verifyCosignatures({ sigs: [], body: "" }, ["nonsense"], 1)];
const dres = [];
for (const f of direct) { const r = await V.check((async () => f())()); dres.push(r.ok ? "ok" : r.reason); }
document.body.dataset.direct = JSON.stringify(dres);
const paths = await (await fetch("/paths.json")).json();
document.body.dataset.paths = JSON.stringify(paths.map(([l, n, w]) => l < 0 ? V.entriesPath(n, w) : V.tilePath(l, n, w)));
document.body.dataset.done = "1";
</script></body></html>`

// vectorCase is one case the runner page runs.
type vectorCase struct {
	Name   string              `json:"name"`
	Vector *tlogvectors.Vector `json:"vector"`
}

// tilePathCases are [level (-1: entry bundle), index, partial width]: the
// verifier's tile paths must be Tessera's.
var tilePathCases = [][3]int64{{0, 0, 0}, {0, 1, 44}, {1, 0, 1}, {-1, 0, 0}, {-1, 3906, 64}, {2, 999, 0}, {0, 1000, 0},
	{0, 1234067, 255}, {-1, 1234067, 0}, {3, 1<<40 + 5, 7}}

// verifyResult is what the runner page reports for a case.
type verifyResult struct {
	Name, Verify, Reason, Value, Text string
}

// runVerifier serves the verifier module, the runner page and the cases,
// each case's log at /v/NAME/ by its handler, and returns what the
// browser found, in the cases' order.
func runVerifier(t *testing.T, cases []vectorCase, handlers map[string]http.Handler) []verifyResult {
	t.Helper()
	ctx := browser(t)
	module, err := fs.Sub(staticFS, "static/verify")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/verify/", http.StripPrefix("/verify", http.FileServerFS(module)))
	mux.HandleFunc("/runner.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(verifyRunner))
	})
	mux.HandleFunc("/cases.json", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(cases)
	})
	mux.HandleFunc("/paths.json", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(tilePathCases)
	})
	for name, h := range handlers {
		mux.Handle("/v/"+name+"/", http.StripPrefix("/v/"+name, h))
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	visit(t, ctx, srv.URL+"/runner.html")
	eval[bool](t, ctx, `new Promise(r => { const f = () => document.body.dataset.done ? r(true) : setTimeout(f, 20); f(); })`)
	got := eval[[]verifyResult](t, ctx, `[...document.querySelectorAll("#results li")].map(li => ({name: li.dataset.name,
		verify: li.dataset.verify, reason: li.dataset.reason || "", value: li.dataset.value || "", text: li.textContent}))`)
	if len(got) != len(cases) {
		t.Fatalf("the page reported %d results for %d cases", len(got), len(cases))
	}
	var direct []string
	if err := json.Unmarshal([]byte(eval[string](t, ctx, `document.body.dataset.direct`)), &direct); err != nil {
		t.Fatal(err)
	}
	for i, r := range direct {
		if !slices.Contains(append(slices.Clone(tlogvectors.Reasons), "unavailable"), r) {
			t.Errorf("direct call %d with a wrong input: %q, want a refusal with a reason", i, r)
		}
	}
	var paths []string
	if err := json.Unmarshal([]byte(eval[string](t, ctx, `document.body.dataset.paths`)), &paths); err != nil {
		t.Fatal(err)
	}
	for i, c := range tilePathCases {
		want := layout.EntriesPath(uint64(c[1]), uint8(c[2]))
		if c[0] >= 0 {
			want = layout.TilePath(uint64(c[0]), uint64(c[1]), uint8(c[2]))
		}
		if paths[i] != want {
			t.Errorf("the verifier's path of %v is %q, Tessera's %q", c, paths[i], want)
		}
	}
	return got
}

// TestVerifyVectorsInBrowser runs every verifier vector of testdata/tlog
// through the JavaScript verifier in Chromium, each vector's checkpoint
// and tiles served as a log serves them: every good_* vector verifies, with
// what it wants, and every fail_* vector fails for the reason in its .err.
func TestVerifyVectorsInBrowser(t *testing.T) {
	dir := trucetest.Testdata("tlog")
	vecs, err := tlogvectors.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []vectorCase
	handlers := map[string]http.Handler{}
	for _, v := range vecs {
		cases = append(cases, vectorCase{v.Name, v.Vector})
		handlers[v.Name] = tlogvectors.Handler(dir, v.Vector)
	}
	got := runVerifier(t, cases, handlers)
	for i, v := range vecs {
		r := got[i]
		switch {
		case r.Name != v.Name:
			t.Errorf("result %d is for %q, want %q", i, r.Name, v.Name)
		case v.Reason == "" && r.Verify != "ok":
			t.Errorf("%s: refused a good vector: %s", v.Name, r.Text)
		case v.Reason == "" && v.Want != nil:
			var w tlogvectors.Want
			if err := json.Unmarshal([]byte(r.Value), &w); err != nil {
				t.Fatalf("%s: %v", v.Name, err)
			}
			if !reflect.DeepEqual(w, *v.Want) {
				t.Errorf("%s: verified %+v, want %+v", v.Name, w, *v.Want)
			}
		case v.Reason != "" && (r.Verify != "fail" || r.Reason != v.Reason):
			t.Errorf("%s: %s; want a refusal for %q", v.Name, r.Text, v.Reason)
		}
	}
}

// TestVerifyMalformedInBrowser feeds the JavaScript verifier mutated
// checkpoints, tiles and entry bundles, and checks it never lets an
// exception escape: every case ends in ok or in a refusal with one of its
// reasons, and a checkpoint changed in any byte is always refused.
func TestVerifyMalformedInBrowser(t *testing.T) {
	dir := trucetest.Testdata("tlog")
	vecs, err := tlogvectors.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var good *tlogvectors.Vector
	for _, v := range vecs {
		if v.Name == "good_cosignature" {
			good = v.Vector
		}
	}
	if good == nil {
		t.Fatal("no good_cosignature vector")
	}
	rng := rand.New(rand.NewPCG(16, 2026))
	var cases []vectorCase
	handlers := map[string]http.Handler{}
	mustFail := map[string]bool{}
	add := func(name string, v *tlogvectors.Vector, h http.Handler) {
		cases = append(cases, vectorCase{name, v})
		handlers[name] = h
	}

	// Checkpoints: a byte changed, cut, inserted; lines repeated; sizes
	// and roots that are not numbers or hashes.
	cp := []byte(good.Checkpoint)
	for i := range 80 {
		m, changed := mutate(rng, cp)
		v := *good
		v.Kind, v.Checkpoint = "cosignature", string(m)
		name := fmt.Sprintf("checkpoint_%02d", i)
		mustFail[name] = changed
		add(name, &v, tlogvectors.Handler(dir, &v))
	}
	for i, s := range []string{"", "\n", "\n\n", "\n\n\n", good.Checkpoint[:strings.Index(good.Checkpoint, "\n")+1] + "\n",
		strings.Replace(good.Checkpoint, "\n300\n", "\n99999999999999999999\n", 1), strings.Replace(good.Checkpoint, "\n300\n", "\n-1\n", 1),
		strings.Replace(good.Checkpoint, "— ", "-- ", 1), good.Checkpoint + "— w9 AAAA\n", good.Checkpoint + strings.Repeat("— w9 AAAAAAAA\n", 101)} {
		v := *good
		v.Kind, v.Checkpoint = "cosignature", s
		name := fmt.Sprintf("checkpoint_odd_%02d", i)
		mustFail[name] = true
		add(name, &v, tlogvectors.Handler(dir, &v))
	}
	// The checkpoint seen before, mutated: only its log signature counts
	// (a verifier does not read the cosignatures of what it saw before).
	logOnly := []byte(good.Checkpoint[:strings.Index(good.Checkpoint, "\n— w")+1])
	for i := range 10 {
		v := *good
		m, changed := mutate(rng, logOnly)
		v.Kind, v.Previous = "checkpoint", string(m)
		name := fmt.Sprintf("previous_%02d", i)
		mustFail[name] = changed
		add(name, &v, tlogvectors.Handler(dir, &v))
	}
	// Tiles and entry bundles: changed, cut, grown, replaced, missing, or
	// an HTTP error, for an entry whose proof may or may not read them.
	paths := []string{"tile/0/000", "tile/0/001.p/44", "tile/1/000.p/1", "tile/entries/000", "tile/entries/001.p/44"}
	for i := range 60 {
		p := paths[rng.IntN(len(paths))]
		orig, err := os.ReadFile(filepath.Join(dir, "log", filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		v := *good
		v.Kind, v.Index = "entry", ptr(uint64(rng.IntN(tlogvectors.Size)))
		var body []byte
		status := http.StatusOK
		switch rng.IntN(6) {
		case 0, 1, 2:
			body, _ = mutate(rng, orig)
		case 3:
			body = make([]byte, rng.IntN(9000))
			for j := range body {
				body[j] = byte(rng.Uint32())
			}
		case 4:
			status = http.StatusNotFound
		case 5:
			status = http.StatusInternalServerError
		}
		base := tlogvectors.Handler(dir, &v)
		add(fmt.Sprintf("tile_%02d", i), &v, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.TrimPrefix(r.URL.Path, "/") != p {
				base.ServeHTTP(w, r)
				return
			}
			w.WriteHeader(status)
			w.Write(body)
		}))
	}

	got := runVerifier(t, cases, handlers)
	reasons := append(slices.Clone(tlogvectors.Reasons), "unavailable")
	failed, byReason := 0, map[string]int{}
	for i, r := range got {
		byReason[r.Verify+" "+r.Reason]++
		name := cases[i].Name
		switch {
		case r.Verify == "fail" && !slices.Contains(reasons, r.Reason):
			t.Errorf("%s: an error escaped the verifier: %s", name, r.Text)
		case r.Verify != "fail" && mustFail[name]:
			t.Errorf("%s: a changed checkpoint verified: %q", name, cases[i].Vector.Checkpoint+cases[i].Vector.Previous)
		case r.Verify == "fail":
			failed++
		}
	}
	t.Logf("results: %v", byReason)
	if failed < len(mustFail)+20 {
		t.Errorf("only %d of %d malformed cases were refused", failed, len(got))
	}
}

// mutate changes b in one of a few ways, never returning it unchanged,
// and says whether the change must make a signed note fail: all do but a
// signature line repeated.
func mutate(rng *rand.Rand, b []byte) ([]byte, bool) {
	for {
		var m []byte
		mustFail := true
		switch rng.IntN(4) {
		case 0: // one byte changed
			m = slices.Clone(b)
			m[rng.IntN(len(m))] ^= byte(1 + rng.IntN(255))
		case 1: // cut
			m = slices.Clone(b[:rng.IntN(len(b))])
		case 2: // a byte inserted
			i := rng.IntN(len(b) + 1)
			m = slices.Concat(b[:i], []byte{byte(rng.Uint32())}, b[i:])
		case 3: // a line repeated
			lines := strings.SplitAfter(string(b), "\n")
			i := rng.IntN(len(lines))
			mustFail = !strings.HasPrefix(lines[i], "— ")
			m = []byte(strings.Join(slices.Insert(lines, i, lines[i]), ""))
		}
		if string(m) != string(b) {
			return m, mustFail
		}
	}
}

func ptr[T any](v T) *T { return &v }

// verifyPage is a page as /log/{index} will use the verifier: the element
// page.js reads, with the keys the page trusts, and its live region.
var verifyPage = template.Must(template.New("").Parse(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>entry {{.Index}}</title>
<script type="module" src="/verify/page.js"></script></head><body>
<section id="verification" data-verify-log data-base="/log/" data-log-key="{{.LogKey}}" data-index="{{.Index}}"
 data-witness-keys="{{.WitnessKeys}}" data-min-witnesses="{{.MinWitnesses}}" data-member-keys="{{.MemberKeys}}"{{if .Record}} data-record="{{.Record}}"{{end}}>
<p data-verify-status role="status" aria-live="polite" data-msg-ok="ok: entry {index} of {size}, cosigned by [{cosigners}], signed by [{signers}]"
 data-msg-fail="refused ({reason}): {message}">Not verified: this needs JavaScript.</p></section></body></html>`))

// TestVerifyPageInBrowser loads pages that verify an entry with page.js,
// as /log/{index} will, while the test changes what the log serves: a
// public and a restricted entry verify; a checkpoint rolled back after the
// browser saw a newer one, a forged cosignature and a hash tile with one
// byte changed are each refused for their reason, in the live region, and
// a refused checkpoint never replaces the one the browser kept.
func TestVerifyPageInBrowser(t *testing.T) {
	dir := trucetest.Testdata("tlog")
	vecs, err := tlogvectors.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*tlogvectors.Vector{}
	for _, v := range vecs {
		byName[v.Name] = v.Vector
	}
	good, restricted := byName["good_cosignature"], byName["good_record_restricted"]
	var mu sync.Mutex
	serving := &tlogvectors.Vector{Checkpoint: good.Checkpoint, Tiles: "log"}
	serve := func(checkpoint, overlay string) {
		mu.Lock()
		defer mu.Unlock()
		serving = &tlogvectors.Vector{Checkpoint: checkpoint, Tiles: "log", Overlay: overlay}
	}
	type pageData struct {
		LogKey, WitnessKeys, MemberKeys, Record string
		Index, MinWitnesses                     int
	}
	var current pageData
	module, err := fs.Sub(staticFS, "static/verify")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/verify/", http.StripPrefix("/verify", http.FileServerFS(module)))
	mux.Handle("/log/", http.StripPrefix("/log", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		v := serving
		mu.Unlock()
		tlogvectors.Handler(dir, v).ServeHTTP(w, r)
	})))
	mux.HandleFunc("/entry", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := verifyPage.Execute(w, current); err != nil {
			t.Error(err)
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := browser(t)

	jsonOf := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	members := jsonOf(restricted.MemberKeys)
	type outcome struct{ Verify, Reason, Status, Role, Live, Kept string }
	load := func(p pageData) outcome {
		t.Helper()
		current = p
		visit(t, ctx, srv.URL+"/entry")
		return eval[outcome](t, ctx, `new Promise(r => { const f = () => { const s = document.getElementById("verification");
			if (!s.dataset.verify || s.dataset.verify === "pending") return setTimeout(f, 10);
			const st = s.querySelector("[data-verify-status]");
			r({verify: s.dataset.verify, reason: s.dataset.reason || "", status: st.textContent, role: st.getAttribute("role"),
				live: st.getAttribute("aria-live"), kept: localStorage.getItem("truce:checkpoint:truce.test/pakistan-afghanistan") || ""}); }; f(); })`)
	}
	base := pageData{LogKey: good.LogKey, WitnessKeys: jsonOf(good.WitnessKeys), MinWitnesses: 2, MemberKeys: members}

	t.Run("public entry", func(t *testing.T) {
		p := base
		p.Index = 1
		got := load(p)
		if got.Verify != "ok" || got.Status != "ok: entry 1 of 300, cosigned by [w1.witness.test, w2.witness.test], signed by [admin]" {
			t.Errorf("got %+v", got)
		}
		if got.Role != "status" || got.Live != "polite" {
			t.Errorf("the outcome is not in a live region: %+v", got)
		}
		if got.Kept != good.Checkpoint {
			t.Errorf("the browser kept %q, not the checkpoint it verified", got.Kept)
		}
	})
	t.Run("restricted entry", func(t *testing.T) {
		p := base
		p.Index = 3
		if got := load(p); got.Verify != "ok" || got.Status != "ok: entry 3 of 300, cosigned by [w1.witness.test, w2.witness.test], signed by []" {
			t.Errorf("as anyone reads it: %+v", got)
		}
		p.Record = jsonOf(map[string]any{"envelope": restricted.Envelope, "salt": restricted.Salt})
		if got := load(p); got.Verify != "ok" || got.Status != "ok: entry 3 of 300, cosigned by [w1.witness.test, w2.witness.test], signed by [admin]" {
			t.Errorf("as its audience reads it: %+v", got)
		}
		p.Record = jsonOf(map[string]any{"envelope": restricted.Envelope, "salt": byName["fail_record_restricted_salt"].Salt})
		if got := load(p); got.Verify != "fail" || got.Reason != "record" {
			t.Errorf("with another salt: %+v", got)
		}
	})
	t.Run("rolled back", func(t *testing.T) {
		serve(byName["fail_checkpoint_rollback"].Checkpoint, "")
		p := base
		p.Index, p.WitnessKeys, p.MinWitnesses = 1, "[]", 0
		got := load(p)
		if got.Verify != "fail" || got.Reason != "rollback" || !strings.HasPrefix(got.Status, "refused (rollback): rollback: the log's checkpoint has size 260, smaller than size 300 seen before") {
			t.Errorf("got %+v", got)
		}
		if got.Kept != good.Checkpoint {
			t.Errorf("a refused checkpoint replaced the one kept: %q", got.Kept)
		}
	})
	t.Run("forged cosignature", func(t *testing.T) {
		serve(byName["fail_cosignature_bad"].Checkpoint, "")
		p := base
		p.Index = 1
		if got := load(p); got.Verify != "fail" || got.Reason != "cosignature" || !strings.Contains(got.Status, "cosignature by w1.witness.test") || got.Kept != good.Checkpoint {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("hash tile changed", func(t *testing.T) {
		serve(good.Checkpoint, byName["fail_tile_hash_flip"].Overlay)
		p := base
		p.Index = 1
		if got := load(p); got.Verify != "fail" || got.Reason != "inclusion" || !strings.Contains(got.Status, "entry 1: not included in the tree of size 300") {
			t.Errorf("got %+v", got)
		}
	})
}
