package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
	"github.com/truce-dev/truce/tlog"
	"github.com/truce-dev/truce/witness"
	"golang.org/x/mod/sumdb/note"
)

// rewriter serves the log's /checkpoint and /tile/ as the log does, each
// response passed through rewrite when it is set: what a log (or a
// network between it and the reader) that lies serves the browser.
type rewriter struct {
	h       http.Handler
	mu      sync.Mutex
	rewrite func(path string, body []byte) []byte
}

func (rw *rewriter) set(f func(path string, body []byte) []byte) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	rw.rewrite = f
}

func (rw *rewriter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	rw.h.ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	rw.mu.Lock()
	f := rw.rewrite
	rw.mu.Unlock()
	if f != nil && rec.Code == http.StatusOK {
		body = f(r.URL.Path, bytes.Clone(body))
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	w.WriteHeader(rec.Code)
	w.Write(body)
}

// witnessedLog is a mechanism whose recorded witness policy names one
// witness that cosigns every checkpoint, served with its log's tiles
// through a rewriter.
type witnessedLog struct {
	url                string
	tiles              *rewriter
	witness            string
	public, restricted uint64
	// old is a cosigned checkpoint of a smaller tree than the latest.
	old  []byte
	size uint64
}

func newWitnessedLog(t *testing.T) *witnessedLog {
	t.Helper()
	ctx := context.Background()
	m := trucetest.NewMechanism(t)
	c := m.Setup()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	wl := &witnessedLog{witness: "qatar-witness"}
	skey, vkey, err := witness.GenerateKey(wl.witness)
	if err != nil {
		t.Fatal(err)
	}
	w, err := witness.New(skey, []string{m.LogVKey}, t.TempDir(), quiet)
	if err != nil {
		t.Fatal(err)
	}
	wsrv := httptest.NewServer(w.Handler())
	t.Cleanup(wsrv.Close)
	m.Submit(trucetest.Sign(t, trucetest.Record("policy", map[string]any{"witnesses": []map[string]any{{"name": wl.witness, "key": vkey}}, "quorum": 1}),
		c.Admin, c.Qatar, c.Turkiye))
	m.Close()

	signer, err := note.NewSigner(m.LogSKey)
	if err != nil {
		t.Fatal(err)
	}
	l, err := tlog.Open(ctx, m.Dir, signer, m.LogVerifier(), tlog.Options{CheckpointInterval: 100 * time.Millisecond,
		Witnesses: []tlog.Witness{{VKey: vkey, URL: wsrv.URL}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close(ctx) })
	mech, err := truce.Open(ctx, m.Config(), l)
	if err != nil {
		t.Fatal(err)
	}
	submit := func(env []byte) uint64 {
		rc, err := mech.Submit(ctx, env)
		if err != nil {
			t.Fatal(err)
		}
		return rc.Index
	}
	wl.public = submit(trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("Crossings at Torkham reopened")), c.Admin))
	wl.restricted = submit(trucetest.Sign(t, trucetest.Record("request", map[string]any{"to": []string{"afghanistan"}, "kind": "handover", "text": secrets[0]},
		func(r map[string]any) { r["visibility"] = "addressed"; r["audience"] = []string{"afghanistan"} }), c.PakistanFO))
	if wl.old, err = l.AwaitCheckpoint(ctx, wl.restricted); err != nil {
		t.Fatal(err)
	}
	last := submit(trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("A later claim")), c.Monitor))
	raw, err := l.AwaitCheckpoint(ctx, last)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "— "+wl.witness+" ") || !strings.Contains(string(wl.old), "— "+wl.witness+" ") {
		t.Fatalf("the checkpoints are not cosigned:\n%s\n%s", wl.old, raw)
	}
	wl.size = last + 1

	store, err := sqlite.Open(filepath.Join(t.TempDir(), "p.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if err := truce.CatchUp(ctx, l, store); err != nil {
		t.Fatal(err)
	}
	wl.tiles = &rewriter{h: l.Handler()}
	wl.url = logServer(t, Config{Store: store, Log: l, LogKey: m.LogVerifier(), LogVKey: m.LogVKey, Witnesses: mech, Logger: quiet}, wl.tiles)
	return wl
}

// verified is what /log/{index} shows once page.js is done.
type verified struct {
	Verify, Reason, Status, LeafHash, ServerLeafHash string
}

// verifyEntry loads /log/{index} and waits for the browser's verdict.
func verifyEntry(t *testing.T, ctx context.Context, url string) verified {
	t.Helper()
	visit(t, ctx, url)
	return eval[verified](t, ctx, `new Promise(r => { const f = () => { const s = document.querySelector("[data-verify-log]");
		if (!s.dataset.verify || s.dataset.verify === "pending") return setTimeout(f, 10);
		r({verify: s.dataset.verify, reason: s.dataset.reason || "", status: s.querySelector("[data-verify-status]").textContent,
			leafHash: s.dataset.leafHash || "", serverLeafHash: document.getElementById("leaf-hash").textContent}); }; f(); })`)
}

// TestLogBrowser verifies entries of a witnessed log in Chromium, as a
// reader of /log/{index} does, while the test changes what the log
// serves: a public and a restricted entry verify; a hash tile with one
// byte changed, a forged cosignature and a checkpoint rolled back after
// the browser saw a newer one are each refused, for their reason. The
// pages pass axe-core in English and Urdu.
func TestLogBrowser(t *testing.T) {
	wl := newWitnessedLog(t)
	ctx := browser(t)
	entry := func(i uint64, lang string) string { return fmt.Sprintf("%s/log/%d?lang=%s", wl.url, i, lang) }

	t.Run("public entry verifies", func(t *testing.T) {
		got := verifyEntry(t, ctx, entry(wl.public, "en"))
		want := fmt.Sprintf("Verified in your browser: entry %d is in the log of %d entries, whose checkpoint the log key signed. Cosigned by %s. Its signatures by admin verify.",
			wl.public, wl.size, wl.witness)
		if got.Verify != "ok" || got.Status != want || got.LeafHash != got.ServerLeafHash {
			t.Errorf("got %+v\nwant %q", got, want)
		}
		screenshot(t, ctx, "log-entry-en")
	})
	t.Run("restricted entry verifies its inclusion", func(t *testing.T) {
		got := verifyEntry(t, ctx, entry(wl.restricted, "ur"))
		if got.Verify != "ok" || got.LeafHash != got.ServerLeafHash || !strings.Contains(got.Status, wl.witness) || !strings.Contains(got.Status, "اس کی شمولیت جانچی گئی") {
			t.Errorf("got %+v", got)
		}
		html := eval[string](t, ctx, `document.documentElement.outerHTML`)
		if strings.Contains(html, secrets[0]) {
			t.Errorf("the restricted entry's page shows its body")
		}
		screenshot(t, ctx, "log-entry-restricted-ur")
	})
	t.Run("hash tile with a byte changed", func(t *testing.T) {
		// Entry public's sibling leaf hash, in the level-0 tile: on the
		// inclusion proof's path.
		sibling := wl.public ^ 1
		wl.tiles.set(func(path string, b []byte) []byte {
			if strings.HasPrefix(path, "/tile/0/000") && len(b) >= 32*int(sibling+1) {
				b[32*sibling+7] ^= 0x40
			}
			return b
		})
		defer wl.tiles.set(nil)
		got := verifyEntry(t, ctx, entry(wl.public, "en"))
		if got.Verify != "fail" || got.Reason != "inclusion" || !strings.Contains(got.Status, "Verification failed (inclusion)") {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("forged cosignature", func(t *testing.T) {
		wl.tiles.set(func(path string, b []byte) []byte {
			if path != "/checkpoint" {
				return b
			}
			return forgeCosignature(t, b, wl.witness)
		})
		defer wl.tiles.set(nil)
		got := verifyEntry(t, ctx, entry(wl.public, "en"))
		if got.Verify != "fail" || got.Reason != "cosignature" || !strings.Contains(got.Status, "cosignature by "+wl.witness) {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("checkpoint rolled back", func(t *testing.T) {
		wl.tiles.set(func(path string, b []byte) []byte {
			if path == "/checkpoint" {
				return wl.old
			}
			return b
		})
		defer wl.tiles.set(nil)
		got := verifyEntry(t, ctx, entry(wl.public, "en"))
		if got.Verify != "fail" || got.Reason != "rollback" || !strings.Contains(got.Status, fmt.Sprintf("smaller than size %d seen before", wl.size)) {
			t.Errorf("got %+v", got)
		}
		// The log as it is verifies again: the refused checkpoint did not
		// replace the one the browser kept.
		wl.tiles.set(nil)
		if got := verifyEntry(t, ctx, entry(wl.public, "en")); got.Verify != "ok" {
			t.Errorf("after the rollback: %+v", got)
		}
	})
	t.Run("phone", func(t *testing.T) {
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		if err := chromedp.Do(tab, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en", "ur"} {
			for _, p := range []string{wl.url + "/log?lang=" + lang, entry(wl.public, lang), entry(wl.restricted, lang)} {
				visit(t, tab, p)
				w := eval[struct{ Scroll, Client float64 }](t, tab, `({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})`)
				if w.Scroll > w.Client {
					t.Errorf("%s is %vpx wide on a %vpx phone", p, w.Scroll, w.Client)
				}
			}
		}
	})
	t.Run("without JavaScript", func(t *testing.T) {
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		command(t, tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		if err := chromedp.Do(tab, chromedp.Navigate(entry(wl.public, "en"))); err != nil {
			t.Fatal(err)
		}
		text, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS("main")))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Not verified: verifying in your browser needs JavaScript.", "Crossings at Torkham reopened",
			fmt.Sprintf("truce verify --server %s --log-key log.vkey --witness %s.vkey --min-witnesses 1", wl.url, wl.witness)} {
			if !strings.Contains(text, want) {
				t.Errorf("without JavaScript the entry's page lacks %q", want)
			}
		}
	})
	t.Run("accessibility", func(t *testing.T) {
		for _, lang := range []string{"en", "ur"} {
			for _, p := range []string{"/log?lang=" + lang, entry(wl.public, lang), entry(wl.restricted, lang)} {
				if !strings.HasPrefix(p, "http") {
					p = wl.url + p
					visit(t, ctx, p)
					if n := eval[int](t, ctx, `document.querySelectorAll("table.log tbody a[href^='/log/']").length`); uint64(n) != wl.size {
						t.Errorf("%s lists %d entries, want %d", p, n, wl.size)
					}
					screenshot(t, ctx, "log-"+lang)
				} else if got := verifyEntry(t, ctx, p); got.Verify != "ok" {
					t.Errorf("%s: %+v", p, got)
				}
				out := eval[[]struct {
					ID, Impact, Help string
					Nodes            []string
				}](t, ctx, axe+`;
					axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
						.filter(v => v.impact === "serious" || v.impact === "critical")
						.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160))})))`)
				for _, v := range out {
					b, _ := json.Marshal(v.Nodes)
					t.Errorf("%s: %s %s: %s — %s", p, v.Impact, v.ID, v.Help, b)
				}
			}
		}
	})
}

// forgeCosignature changes one byte of the Ed25519 signature in the
// witness's cosignature line of a checkpoint, keeping its form.
func forgeCosignature(t *testing.T, cp []byte, name string) []byte {
	m := regexp.MustCompile(`(?m)^— ` + regexp.QuoteMeta(name) + ` ([A-Za-z0-9+/=]+)$`).FindSubmatchIndex(cp)
	if m == nil {
		t.Errorf("no cosignature by %s in\n%s", name, cp)
		return cp
	}
	sig, err := base64.StdEncoding.DecodeString(string(cp[m[2]:m[3]]))
	if err != nil || len(sig) != 4+8+64 {
		t.Errorf("cosignature by %s: %d bytes, %v", name, len(sig), err)
		return cp
	}
	sig[4+8+10] ^= 1
	return append(append(bytes.Clone(cp[:m[2]]), base64.StdEncoding.EncodeToString(sig)...), cp[m[3]:]...)
}
