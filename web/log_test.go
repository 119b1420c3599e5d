package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
)

// logServer serves the site as truce serve does: the pages, and the
// log's /checkpoint and /tile/ (which the browser's verifier fetches) by
// tiles, at the same origin.
func logServer(t testing.TB, cfg Config, tiles http.Handler) string {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	mux := http.NewServeMux()
	mux.Handle("/", New(cfg))
	mux.Handle("/checkpoint", tiles)
	mux.Handle("/tile/", tiles)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// fixtureLogServer is the fixture's site with its log key's text, which
// /log/{index} needs to offer verification.
func fixtureLogServer(t testing.TB, f *fixture) string {
	return logServer(t, Config{Store: f.store, Log: f.Log, LogKey: f.LogVerifier(), LogVKey: f.LogVKey, Witnesses: f.Mech}, f.Log.Handler())
}

var (
	logRowRE  = regexp.MustCompile(`(?s)<tr>\s*<td><a href="/log/(\d+)">[^<]*</a></td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>`)
	olderRE   = regexp.MustCompile(`<a href="([^"]*)" rel="next">`)
	newerRE   = regexp.MustCompile(`<a href="([^"]*)" rel="prev">`)
	typeRE    = regexp.MustCompile(`<span data-type="([a-z]+)">`)
	leafRE    = regexp.MustCompile(`<code dir="ltr" id="leaf-hash">([0-9a-f]{64})</code>`)
	commandRE = regexp.MustCompile(`(?s)<pre class="command"[^>]*><code>(.*?)</code></pre>`)
)

type listedRow struct {
	Index      uint64
	Type       string
	Restricted bool
	Signers    string
}

// listed reads the rows of a /log page, and its older and newer links.
func listed(t *testing.T, body string) (rows []listedRow, older, newer string) {
	t.Helper()
	for _, m := range logRowRE.FindAllStringSubmatch(body, -1) {
		i, _ := strconv.ParseUint(m[1], 10, 64)
		r := listedRow{Index: i, Restricted: strings.Contains(m[2], `class="restricted"`), Signers: m[3]}
		if c := typeRE.FindStringSubmatch(m[2]); c != nil {
			r.Type = c[1]
		}
		rows = append(rows, r)
	}
	if m := olderRE.FindStringSubmatch(body); m != nil {
		older = html.UnescapeString(m[1])
	}
	if m := newerRE.FindStringSubmatch(body); m != nil {
		newer = html.UnescapeString(m[1])
	}
	return rows, older, newer
}

// TestLogList reads /log: every entry, newest first, with its type and
// its signers' member ids and key fingerprints; paging by cursor walks
// the whole log once.
func TestLogList(t *testing.T) {
	f := newFixture(t)
	url := fixtureLogServer(t, f)
	size := f.Size()
	admin := trucetest.Signer(t, "admin").KeyID()
	mofa := trucetest.Signer(t, "afghanistan-mofa").KeyID()

	resp, body := get(t, url+"/log")
	if resp.StatusCode != 200 {
		t.Fatalf("GET /log: %d\n%s", resp.StatusCode, body)
	}
	rows, older, newer := listed(t, body)
	if uint64(len(rows)) != size || older != "" || newer != "" {
		t.Fatalf("/log lists %d rows (older %q, newer %q), want all %d on one page", len(rows), older, newer, size)
	}
	want := map[uint64]struct {
		typ        string
		restricted bool
		signer     string // member id and key id
	}{
		0: {"member", false, "admin"}, 1: {"party", false, "admin"}, f.round: {"round", false, "admin"},
		f.incident: {"incident", false, "admin"}, f.afghanClaim: {"claim", false, "afghanistan-mofa"},
		f.restrictedRequest: {"request", true, "pakistan-fo"}, f.restrictedClaim: {"claim", true, "admin"},
		f.finding: {"finding", false, "qatar"},
	}
	for j, r := range rows {
		if r.Index != size-1-uint64(j) {
			t.Fatalf("row %d is entry %d: not newest first (%d entries)", j, r.Index, size)
		}
		w, ok := want[r.Index]
		if !ok {
			continue
		}
		if r.Type != w.typ || r.Restricted != w.restricted || !strings.Contains(r.Signers, "<bdi>"+w.signer+"</bdi>") {
			t.Errorf("entry %d listed as %+v, want %+v", r.Index, r, w)
		}
	}
	for _, c := range []struct {
		i  uint64
		id string
	}{{f.incident, admin}, {f.afghanClaim, mofa}} {
		if r := rows[size-1-c.i]; !strings.Contains(r.Signers, `title="`+c.id+`">`+c.id[:16]+"…") {
			t.Errorf("entry %d does not show its signer's key fingerprint %s: %s", c.i, c.id, r.Signers)
		}
	}

	// Pages of 4, by their links: every entry once, newest first, and
	// each page links back to the newer one.
	var all []uint64
	next, pages := "/log?limit=4", 0
	for next != "" {
		_, body := get(t, url+next)
		rows, older, newer := listed(t, body)
		if len(rows) == 0 || len(rows) > 4 {
			t.Fatalf("GET %s: %d rows", next, len(rows))
		}
		if (pages == 0) != (newer == "") {
			t.Errorf("GET %s: newer link %q on page %d", next, newer, pages)
		}
		if pages == 1 && newer != "/log?limit=4" {
			t.Errorf("the second page's newer link is %q", newer)
		}
		for _, r := range rows {
			all = append(all, r.Index)
		}
		next = older
		pages++
	}
	if uint64(len(all)) != size || pages != int(size+3)/4 {
		t.Errorf("the pages list %d entries in %d pages, want %d", len(all), pages, size)
	}
	for j, i := range all {
		if i != size-1-uint64(j) {
			t.Fatalf("paged listing: %v", all)
		}
	}

	for _, tc := range []struct {
		path   string
		status int
		want   string
	}{
		{"/log?cursor=x", 400, "&#34;x&#34; is not a cursor"},
		{"/log?limit=0", 400, "&#34;0&#34; is not a positive number"},
		{"/log?index=abc", 400, "&#34;abc&#34; is not a log index"},
		{"/log?cursor=0", 200, "None recorded."},
		{"/log/abc", 404, "&#34;abc&#34; is not a log index"},
		{"/log/999999", 404, "The log has no entry 999999"},
		{"/log/" + fmt.Sprint(size), 404, fmt.Sprintf("The log has no entry %d", size)},
	} {
		resp, body := get(t, url+tc.path)
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s: %d, want %d with %q\n%s", tc.path, resp.StatusCode, tc.status, tc.want, body)
		}
	}
	// "Go to entry" is a redirect to the entry's page.
	req, _ := http.NewRequest("GET", url+"/log?index=7", nil)
	r, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/log/7" {
		t.Errorf("GET /log?index=7: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
}

// TestLogEntry reads /log/{index}: a public record in full, a restricted
// one by its routing metadata alone, each with its leaf hash, the keys the
// browser verifies it against, and the command that checks the same.
func TestLogEntry(t *testing.T) {
	f := newFixture(t)
	url := fixtureLogServer(t, f)
	leaves := map[uint64][]byte{}
	if err := f.Log.ReadLeaves(context.Background(), 0, f.Size(), func(i uint64, b []byte) error {
		leaves[i] = b
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	admin := trucetest.Signer(t, "admin")
	pakistanFO := trucetest.Signer(t, "pakistan-fo")
	logID, err := keyID(f.LogVKey)
	if err != nil {
		t.Fatal(err)
	}
	attr := func(body, name string) string {
		m := regexp.MustCompile(` ` + name + `="([^"]*)"`).FindStringSubmatch(body)
		if m == nil {
			return "<none>"
		}
		return html.UnescapeString(m[1])
	}
	check := func(i uint64, wants ...string) string {
		t.Helper()
		resp, body := get(t, fmt.Sprintf("%s/log/%d", url, i))
		if resp.StatusCode != 200 {
			t.Fatalf("GET /log/%d: %d\n%s", i, resp.StatusCode, body)
		}
		h := sha256.Sum256(append([]byte{0}, leaves[i]...))
		if m := leafRE.FindStringSubmatch(body); m == nil || m[1] != hex.EncodeToString(h[:]) {
			t.Errorf("/log/%d: leaf hash %v, want %x", i, m, h)
		}
		if attr(body, "data-log-key") != f.LogVKey || attr(body, "data-index") != fmt.Sprint(i) || attr(body, "data-witness-keys") != "[]" ||
			!strings.Contains(body, `<script type="module" src="/static/verify/page.`) {
			t.Errorf("/log/%d: the verification section is not page.js's: %s", i, body)
		}
		if !strings.Contains(body, "<code dir=\"ltr\">"+logID+"</code>") || !strings.Contains(body, "the log records no witness policy yet") {
			t.Errorf("/log/%d does not show the log key's fingerprint %s, or says it checks witnesses", i, logID)
		}
		m := commandRE.FindStringSubmatch(body)
		if m == nil || html.UnescapeString(m[1]) != fmt.Sprintf("truce verify --server %s --log-key log.vkey --state truce-checkpoint.txt --index %d", url, i) {
			t.Errorf("/log/%d: command %q", i, m)
		}
		if strings.Contains(body, "offline proof bundle") {
			t.Errorf("/log/%d links a bundle, though none exists", i)
		}
		for _, w := range wants {
			if !strings.Contains(body, w) && !strings.Contains(html.UnescapeString(body), w) {
				t.Errorf("/log/%d lacks %q", i, w)
			}
		}
		return body
	}

	body := check(f.incident, "Clashes along the border.", fmt.Sprintf(`<a href="/incidents/%d">`, f.incident), "<bdi>admin</bdi>", admin.KeyID(),
		admin.Verifier().String())
	var keys []string
	if err := json.Unmarshal([]byte(attr(body, "data-member-keys")), &keys); err != nil || !slices.Equal(keys, []string{admin.Verifier().String()}) {
		t.Errorf("data-member-keys %v (%v), want the admin's key", keys, err)
	}
	// A finding signed by two mediators gives both keys.
	body = check(f.finding, "<bdi>qatar</bdi>", "<bdi>turkiye</bdi>")
	if err := json.Unmarshal([]byte(attr(body, "data-member-keys")), &keys); err != nil || len(keys) != 2 {
		t.Errorf("the finding's member keys: %v (%v)", keys, err)
	}

	// A restricted entry: its routing metadata, never its body.
	for _, lang := range []string{"en", "ur", "ps", "fa"} {
		for _, i := range []uint64{f.restrictedRequest, f.restrictedClaim} {
			_, body := get(t, fmt.Sprintf("%s/log/%d?lang=%s", url, i, lang))
			for _, s := range secrets {
				if strings.Contains(body, s) {
					t.Errorf("/log/%d (%s) shows the restricted %q", i, lang, s)
				}
			}
		}
	}
	body = check(f.restrictedRequest, "<code dir=\"ltr\">request</code>", "<code dir=\"ltr\">addressed</code>", "Afghanistan (Taliban authorities)",
		"<bdi>pakistan-fo</bdi>", pakistanFO.KeyID(), "sha256:", "only its audience may read its body", "only its audience can check its signatures")
	if strings.Contains(body, `class="record"`) || strings.Contains(body, "three named commanders") {
		t.Errorf("the restricted entry's page shows a record body:\n%s", body)
	}
	if ok := attr(body, "data-msg-ok"); strings.Contains(ok, "{signers}") || !strings.Contains(ok, "its inclusion was checked") {
		t.Errorf("the restricted entry's success message: %q", ok)
	}

	// Every entry, in every language, anonymously: no restricted body.
	for i := range f.Size() {
		for _, lang := range []string{"en", "ur"} {
			_, body := get(t, fmt.Sprintf("%s/log/%d?lang=%s", url, i, lang))
			for _, s := range secrets {
				if strings.Contains(body, s) {
					t.Errorf("/log/%d (%s) shows the restricted %q", i, lang, s)
				}
			}
		}
	}
	for _, lang := range []string{"en", "ur"} {
		_, body := get(t, url+"/log?lang="+lang)
		for _, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("/log (%s) shows the restricted %q", lang, s)
			}
		}
	}

	// The offline bundle, once the hook says one exists.
	offlineBundle = func(_ context.Context, i uint64) (string, bool) {
		return fmt.Sprintf("/bundles/%d.json", i), i == f.incident
	}
	defer func() { offlineBundle = nil }()
	check(f.finding)
	if _, body := get(t, fmt.Sprintf("%s/log/%d", url, f.incident)); !strings.Contains(body, fmt.Sprintf(`<a href="/bundles/%d.json" download>`, f.incident)) {
		t.Errorf("no bundle link where the hook gives one")
	}

	// Without the log key's text there is nothing to verify against.
	bare := logServer(t, Config{Store: f.store, Log: f.Log, LogKey: f.LogVerifier()}, f.Log.Handler())
	if _, body := get(t, fmt.Sprintf("%s/log/%d", bare, f.incident)); strings.Contains(body, "data-verify-log") || !strings.Contains(body, "does not give its log key") {
		t.Errorf("without a log key the page still offers verification")
	}

	// The records shown elsewhere link their entry.
	for _, p := range []string{fmt.Sprintf("/incidents/%d", f.incident), fmt.Sprintf("/findings/%d", f.finding), fmt.Sprintf("/sources/%d", f.source)} {
		i := p[strings.LastIndex(p, "/")+1:]
		if _, body := get(t, url+p); !strings.Contains(body, `<a href="/log/`+i+`">Verify this record in the log</a>`) {
			t.Errorf("%s does not link /log/%s", p, i)
		}
	}
}

// TestVerifyCommandFlags keeps the command /log/{index} shows in step with
// truce verify's flags (cmd/truce/verify.go).
func TestVerifyCommandFlags(t *testing.T) {
	src, err := os.ReadFile("../cmd/truce/verify.go")
	if err != nil {
		t.Fatal(err)
	}
	s := &site{}
	v := &verification{Witnesses: []trustedKey{{Name: "w1.example/witness"}}, Quorum: 1}
	r := httptest.NewRequest("GET", "/log/5", nil)
	cmd := s.verifyCommand(r, 5, v)
	if cmd != "truce verify --server http://example.com --log-key log.vkey --witness w1.example_witness.vkey --min-witnesses 1 --state truce-checkpoint.txt --index 5" {
		t.Errorf("command: %s", cmd)
	}
	for _, m := range regexp.MustCompile(` --([a-z-]+)`).FindAllStringSubmatch(cmd, -1) {
		if !regexp.MustCompile(`fs\.(String|Int|Bool|Var)\([^,]*,? ?"` + m[1] + `"`).Match(src) {
			t.Errorf("truce verify has no flag --%s", m[1])
		}
	}
}

// TestTypeNames checks that every record type has its name in the
// catalogs (TestCatalogs checks the other languages have what English has).
func TestTypeNames(t *testing.T) {
	en := enMessages(t)
	for _, typ := range truce.Types() {
		if _, ok := en["Type_"+typ.Name]; !ok {
			t.Errorf("type %s has no name in en.json", typ.Name)
		}
	}
}

func TestKeyID(t *testing.T) {
	admin := trucetest.Signer(t, "admin")
	if id, err := keyID(admin.Verifier().String()); err != nil || id != admin.KeyID() || id != "54273743848837851d15e7f9b65a8ef3ac9ef0da82e8b467491ea92a015b652b" {
		t.Errorf("keyID(admin) = %q, %v; want FORMAT.md §1's %s", id, err, admin.KeyID())
	}
	for _, bad := range []string{"", "admin", "admin+1234", "+1234+AAAA", "admin+1234+!!!", "admin+1234+AQID", strings.Repeat("x", 100)} {
		if _, err := keyID(bad); err == nil {
			t.Errorf("keyID(%q) accepted", bad)
		} else if len(err.Error()) > 120 {
			t.Errorf("keyID(%q): an error quoting too much: %v", bad, err)
		}
	}
}

// FuzzLogPages reads /log and /log/{index} with any query: never a
// server error, never a restricted body.
func FuzzLogPages(f *testing.F) {
	fx := newFixture(f)
	h := New(Config{Store: fx.store, Log: fx.Log, LogKey: fx.LogVerifier(), LogVKey: fx.LogVKey, Witnesses: fx.Mech,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	f.Add("/log", "limit=3&cursor=7")
	f.Add("/log", "cursor=18446744073709551615&limit=99999999999")
	f.Add("/log", "index=%20%2012")
	f.Add("/log", "index=-1&lang=ps")
	f.Add(fmt.Sprintf("/log/%d", fx.restrictedRequest), "lang=ur")
	f.Add("/log/00013", "")
	f.Add("/log/18446744073709551616", "")
	f.Fuzz(func(t *testing.T, path, query string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " ?#\x00") {
			return
		}
		r, err := http.NewRequest("GET", "http://truce.test"+path+"?"+query, nil)
		if err != nil {
			return
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("GET %s?%s: %d %s", path, query, w.Code, w.Body)
		}
		for _, s := range secrets {
			if strings.Contains(w.Body.String(), s) {
				t.Errorf("GET %s?%s shows %q", path, query, s)
			}
		}
	})
}

// FuzzKeyID reads any key line: an id for a well-formed one, else an
// error, never a panic.
func FuzzKeyID(f *testing.F) {
	f.Add(trucetest.Signer(f, "admin").Verifier().String())
	f.Add("w+00000000+BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	f.Add("a+b+c+d")
	f.Fuzz(func(t *testing.T, line string) {
		id, err := keyID(line)
		if err == nil && (len(id) != 64 || strings.Trim(id, "0123456789abcdef") != "") {
			t.Errorf("keyID(%q) = %q", line, id)
		}
	})
}
