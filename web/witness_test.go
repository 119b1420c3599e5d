package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
	"github.com/truce-dev/truce/tlog"
	"github.com/truce-dev/truce/witness"
	"golang.org/x/mod/sumdb/note"
)

// TestCosignedFooter checks that the footer names the witnesses whose
// cosignatures on the checkpoint verify against the recorded policy, with
// the time each cosigned; a witness the policy does not name is not shown.
func TestCosignedFooter(t *testing.T) {
	m := trucetest.NewMechanism(t)
	c := m.Setup()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var ws []tlog.Witness
	var policy []map[string]any
	for i, name := range []string{"qatar-witness", "stranger-witness"} {
		skey, vkey, err := witness.GenerateKey(name)
		if err != nil {
			t.Fatal(err)
		}
		w, err := witness.New(skey, []string{m.LogVKey}, t.TempDir(), quiet)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(w.Handler())
		t.Cleanup(srv.Close)
		ws = append(ws, tlog.Witness{VKey: vkey, URL: srv.URL})
		if i == 0 { // the policy names only the first
			policy = append(policy, map[string]any{"name": name, "key": vkey})
		}
	}
	m.Submit(trucetest.Sign(t, trucetest.Record("policy", map[string]any{"witnesses": policy, "quorum": 1}), c.Admin, c.Qatar, c.Turkiye))
	m.Close()

	// Reopened with both witnesses asked to cosign.
	signer, err := note.NewSigner(m.LogSKey)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l, err := tlog.Open(ctx, m.Dir, signer, m.LogVerifier(), tlog.Options{CheckpointInterval: 100 * time.Millisecond, Witnesses: ws})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close(ctx)
	mech, err := truce.Open(ctx, m.Config(), l)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := mech.Submit(ctx, trucetest.Sign(t, trucetest.Record("claim", trucetest.Claim("after the policy")), c.Admin))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.AwaitCheckpoint(ctx, rc.Index); err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(filepath.Join(t.TempDir(), "p.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := truce.CatchUp(ctx, l, store); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(Config{Store: store, Log: l, LogKey: m.LogVerifier(), Witnesses: mech, Logger: quiet}))
	defer srv.Close()

	raw, _, err := l.Checkpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "— stranger-witness ") || !strings.Contains(string(raw), "— qatar-witness ") {
		t.Fatalf("the checkpoint is not cosigned by both witnesses:\n%s", raw)
	}
	_, body := get(t, srv.URL+"/")
	footer := body[strings.Index(body, `<footer`):]
	today := time.Now().UTC().Format("2006-01-02")
	if !strings.Contains(footer, "Cosigned by 1 of the 1 witnesses the recorded policy names (1 required)") ||
		!strings.Contains(footer, `<bdi dir="ltr">qatar-witness</bdi> (<time class="ts" dir="ltr" datetime="`+today) || strings.Contains(footer, "stranger-witness") {
		t.Errorf("footer:\n%s", footer)
	}
	if !regexp.MustCompile(`last cosigned \d+ seconds? ago`).MatchString(footer) {
		t.Errorf("the footer does not say how old the cosignature is:\n%s", footer)
	}
	if !strings.Contains(body, fmt.Sprintf("The log holds %d entries.", rc.Index+1)) {
		t.Errorf("the overview does not give the checkpoint's size %d", rc.Index+1)
	}
}

func TestAge(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		lang string
		ago  time.Duration
		want string
	}{
		{"en", time.Second, "last cosigned 1 second ago"},
		{"en", 90 * time.Second, "last cosigned 90 seconds ago"},
		{"en", 5 * time.Minute, "last cosigned 5 minutes ago"},
		{"en", 3 * time.Hour, "last cosigned 3 hours ago"},
		{"en", 72 * time.Hour, "last cosigned 3 days ago"},
		{"en", -time.Minute, "last cosigned 0 seconds ago"}, // a witness's clock ahead of ours
		{"ps", 5 * time.Minute, "وروستی ګډ لاسلیک ۵ دقیقې مخکې"},
		{"fa", 26 * time.Hour, "آخرین هم‌امضا ۲۶ ساعت پیش"},
		{"ur", 1 * time.Hour * 24 * 12, "آخری توثیق 12 دن پہلے"},
	} {
		if got := locales[tc.lang].Age(now.Add(-tc.ago), now); got != tc.want {
			t.Errorf("%s, %v ago: %q, want %q", tc.lang, tc.ago, got, tc.want)
		}
	}
}
