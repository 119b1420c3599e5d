package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
)

// TestSourceStatement: a source page shows the text its record names by
// text_sha256 only when the record says text_public, and groups the
// sources of one statement (same_statement), with the figures the others'
// claims give that its own do not; through a store that indexes its links
// and one that does not.
func TestSourceStatement(t *testing.T) {
	m := trucetest.NewMechanism(t)
	c := m.Setup()
	sign := func(typ string, body map[string]any) uint64 {
		return m.Submit(trucetest.Sign(t, trucetest.Record(typ, body), c.Admin)).Index
	}
	hexSum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	const first = "KABUL: The ministry said 12 civilians were killed in the strike."
	const second = "Kabul — the ministry said twelve civilians were killed in the strike, and 3 more wounded."
	dir := filepath.Join(t.TempDir(), "texts")
	kept := must(files.OpenTexts(dir))
	must(kept.Keep([]byte(first), true, 0))
	must(kept.Keep([]byte(second), false, 0))
	texts := must(files.Open(dir)) // the public texts, as truce serve gives them to the pages

	a := sign("source", map[string]any{"outlet": "Outlet A", "language": "en", "sha256": hexSum("a file"), "text_sha256": hexSum(first), "text_public": true})
	b := sign("source", map[string]any{"outlet": "Outlet B", "language": "en", "sha256": hexSum("b file"), "text_sha256": hexSum(second), "same_statement": a})
	// A source whose text is public elsewhere, but its signers did not say
	// so: its page does not show it.
	quiet := sign("source", map[string]any{"outlet": "Outlet C", "language": "en", "sha256": hexSum(first), "text_sha256": hexSum(first)})
	sign("claim", map[string]any{"speaker": "The ministry", "text": "12 civilians were killed in the strike.", "quoted": false, "language": "en", "source": a,
		"figures": []map[string]any{{"what": "civilians killed", "count": 12, "qualifier": "exact"}}})
	sign("claim", map[string]any{"speaker": "The ministry", "text": "3 more wounded.", "quoted": false, "language": "en", "source": b,
		"figures": []map[string]any{{"what": "civilians killed", "count": 12, "qualifier": "exact"}, {"what": "civilians wounded", "count": 3, "qualifier": "exact"}}})
	store := must(sqlite.Open(filepath.Join(t.TempDir(), "projection.sqlite")))
	t.Cleanup(func() { store.Close() })
	m.Project(store)

	{
		srv := httptest.NewServer(New(Config{Store: store, Log: m.Log, LogKey: m.LogVerifier(), Texts: texts, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
		defer srv.Close()

		_, body := get(t, fmt.Sprintf("%s/sources/%d", srv.URL, a))
		if !strings.Contains(body, "KABUL: The ministry said") || !strings.Contains(body, "<mark data-claim=") {
			t.Errorf("the public text is not shown with its claim marked")
		}
		// The group, from the first: found by the link to it.
		group := body[strings.Index(body, `id="h-statement"`)+1:]
		group = group[:strings.Index(group, "</section>")]
		if !strings.Contains(group, fmt.Sprintf(`<a href="/sources/%d">`, b)) || !strings.Contains(group, "civilians wounded") || strings.Contains(group, `data-count="12"`) {
			t.Errorf("the first source's page does not group the second with what only it says:\n%s", group)
		}
		_, body = get(t, fmt.Sprintf("%s/sources/%d", srv.URL, b))
		if strings.Contains(body, "twelve civilians") {
			t.Errorf("a text its signers did not make public is shown")
		}
		i := strings.Index(body, `id="h-statement"`)
		if i < 0 || !strings.Contains(body[i:], fmt.Sprintf(`<a href="/sources/%d">`, a)) {
			t.Errorf("the second source's page does not group the first")
		}
		_, body = get(t, fmt.Sprintf("%s/sources/%d", srv.URL, quiet))
		if strings.Contains(body, "KABUL: The ministry said") || strings.Contains(body, `id="h-statement"`) {
			t.Errorf("a source without text_public shows a text, or a group it is not in")
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
