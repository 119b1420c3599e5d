package http_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	trucehttp "github.com/truce-dev/truce/http"
	"github.com/truce-dev/truce/internal/trucetest"
	"golang.org/x/mod/sumdb/note"
)

// get sends a GET, signed by s when s is not nil, with an Authorization
// header made by sign (default: a fresh signature of this request).
// host is the server's host[:port], as clients address it.
func (a *api) host() string { return strings.TrimPrefix(a.url, "http://") }

func (a *api) signedGet(path string, s *truce.Signer, header string) (int, map[string]any, string) {
	a.T.Helper()
	if header == "" && s != nil {
		h, err := truce.SignRequest(s, trucetest.Origin, "GET", path, time.Now())
		if err != nil {
			a.T.Fatal(err)
		}
		header = h
	}
	return a.send("GET", path, nil, header)
}

// handover records Pakistan's handover demand, addressed to Afghanistan,
// whose body says "Torkham", and returns the path it is read at.
func (a *api) handover(c *trucetest.Cast) string {
	a.T.Helper()
	i := a.Submit(trucetest.Sign(a.T, trucetest.Record("request", map[string]any{"to": []string{"afghanistan"}, "kind": "handover", "text": "Torkham crossing, three named commanders"},
		func(m map[string]any) { m["visibility"] = "addressed"; m["audience"] = []string{"afghanistan"} }), c.PakistanFO)).Index
	return fmt.Sprintf("/api/v1/records/%d", i)
}

// TestRestrictedReads checks that an addressed record's body reaches its
// audience, signed in, and nobody else; and that a signature is good for
// its own request, once, in its time, by its key only.
func TestRestrictedReads(t *testing.T) {
	a := newAPI(t)
	c := a.Setup()
	path := a.handover(c)

	code, out, raw := a.signedGet(path, nil, "")
	if code != 200 || out["restricted"] == nil || out["envelope"] != nil || strings.Contains(raw, "Torkham") {
		t.Fatalf("anonymous read: %d %s", code, raw)
	}
	code, out, raw = a.signedGet(path, c.AfghanistanMOFA, "")
	if code != 200 || !strings.Contains(raw, "Torkham") || out["salt"] == nil {
		t.Fatalf("addressee's read: %d %s", code, raw)
	}
	env, err := truce.ParseEnvelope(must(json.Marshal(out["envelope"])))
	if err != nil {
		t.Fatal(err)
	}
	salt, _ := hex.DecodeString(out["salt"].(string))
	if truce.RestrictedDigest(env, salt) != out["restricted"].(map[string]any)["digest"] {
		t.Error("the envelope and salt served do not give the leaf's digest")
	}
	for _, s := range []*truce.Signer{c.PakistanISPR, c.Monitor, c.Observer} {
		if code, out, raw := a.signedGet(path, s, ""); code != 403 || strings.Contains(raw, "Torkham") || out["field"] != "index" {
			t.Errorf("%s reads: %d %s", s.Name(), code, raw)
		}
	}

	fresh := func(s *truce.Signer, p string, at time.Time) string {
		h, err := truce.SignRequest(s, trucetest.Origin, "GET", p, at)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	replayed := fresh(c.AfghanistanMOFA, path, time.Now())
	a.signedGet(path, nil, replayed)
	stranger := trucetest.Signer(t, "stranger")
	forged := fresh(stranger, path, time.Now())
	// The stranger's signature presented as the addressee's key id.
	forgedRaw := strings.Replace(string(must(decodeB64(strings.TrimPrefix(forged, "Truce-Signature ")))), stranger.KeyID(), c.AfghanistanMOFA.KeyID(), 1)
	for _, tc := range []struct {
		name, header, want string
	}{
		{"replay", replayed, "already used"},
		{"expired", fresh(c.AfghanistanMOFA, path, time.Now().Add(-10*time.Minute)), "outside"},
		{"from the future", fresh(c.AfghanistanMOFA, path, time.Now().Add(10*time.Minute)), "outside"},
		{"another request", fresh(c.AfghanistanMOFA, "/api/v1/records/0", time.Now()), "not this request"},
		{"unknown key", forged, "not an active member's key"},
		{"forged", "Truce-Signature " + encodeB64([]byte(forgedRaw)), "does not verify"},
		{"garbage", "Truce-Signature !!!", "not the base64"},
		{"other scheme", "Bearer abc", "is not a"},
	} {
		code, out, raw := a.signedGet(path, nil, tc.header)
		if code != 401 || out["field"] != "Authorization" || !strings.Contains(fmt.Sprint(out["error"]), tc.want) || strings.Contains(raw, "Torkham") {
			t.Errorf("%s: %d %s, want 401 saying %q", tc.name, code, raw, tc.want)
		}
	}
}

// TestTokenReads checks that a token reads, as its signer, as often as its
// life allows and no longer, nothing but reads, and nothing once its key is
// revoked; and that a token the rules do not allow is refused, whoever
// signed it.
func TestTokenReads(t *testing.T) {
	a := newAPI(t)
	c := a.Setup()
	path := a.handover(c)
	tok, err := truce.SignToken(c.AfghanistanMOFA, trucetest.Origin, a.host(), time.Now(), 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if code, _, raw := a.signedGet(path, nil, tok); code != 200 || !strings.Contains(raw, "Torkham") {
			t.Fatalf("the addressee's token: %d %s", code, raw)
		}
	}
	ispr, _ := truce.SignToken(c.PakistanISPR, trucetest.Origin, a.host(), time.Now(), 5*time.Minute)
	if code, out, raw := a.signedGet(path, nil, ispr); code != 403 || strings.Contains(raw, "Torkham") || out["field"] != "index" {
		t.Errorf("another party's token: %d %s", code, raw)
	}

	// A token does not write: an upload with one is refused, and nothing is kept.
	req, _ := http.NewRequest("POST", a.url+"/api/v1/evidence", strings.NewReader("a photograph"))
	req.Header.Set("Authorization", tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if kept, _ := a.Evidence.List(); resp.StatusCode != 401 || !strings.Contains(string(raw), "reads (GET, HEAD) only") || len(kept) != 0 {
		t.Errorf("an upload with a token: %d %s; %d files kept", resp.StatusCode, raw, len(kept))
	}

	// Tokens made by hand, so that the signer's rules are not what refuses them.
	craft := func(s *truce.Signer, origin, host string, issued, expires time.Time) string {
		key, err := os.ReadFile(trucetest.Testdata("keys", s.Name()+".key"))
		if err != nil {
			t.Fatal(err)
		}
		ns, err := note.NewSigner(strings.TrimSpace(string(key)))
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join([]string{"truce-token/v1", origin, s.KeyID(), host, issued.UTC().Format(time.RFC3339), expires.UTC().Format(time.RFC3339), strings.Repeat("ab", 16)}, "\n") + "\n"
		signed, err := note.Sign(&note.Note{Text: text}, ns)
		if err != nil {
			t.Fatal(err)
		}
		return "Truce-Token " + encodeB64(signed)
	}
	now := time.Now()
	mofa := c.AfghanistanMOFA
	stranger := trucetest.Signer(t, "stranger")
	for _, tc := range []struct{ name, header, want string }{
		{"expired", craft(mofa, trucetest.Origin, a.host(), now.Add(-20*time.Minute), now.Add(-15*time.Minute)), "expired"},
		{"too long", craft(mofa, trucetest.Origin, a.host(), now, now.Add(time.Hour)), "lifetime is at most"},
		{"ends before it begins", craft(mofa, trucetest.Origin, a.host(), now, now.Add(-time.Minute)), "lifetime is at most"},
		{"issued in the future", craft(mofa, trucetest.Origin, a.host(), now.Add(5*time.Minute), now.Add(10*time.Minute)), "in the future"},
		{"another mechanism", craft(mofa, "example.org/other", a.host(), now, now.Add(time.Minute)), "is for mechanism"},
		{"not a member", craft(stranger, trucetest.Origin, a.host(), now, now.Add(time.Minute)), "not an active member's key"},
		{"signature swapped", "Truce-Token " + encodeB64([]byte(strings.Replace(string(must(decodeB64(strings.TrimPrefix(craft(stranger, trucetest.Origin, a.host(), now, now.Add(time.Minute)), "Truce-Token ")))), stranger.KeyID(), mofa.KeyID(), 1))), "does not verify"},
		{"garbage", "Truce-Token %%%", "not the base64"},
		// A server the client was tricked into using spends its token here.
		{"another server", craft(mofa, trucetest.Origin, "truce.example.net", now, now.Add(time.Minute)), `token is for host "truce.example.net"`},
		{"host not normalized", craft(mofa, trucetest.Origin, "Truce.Example.NET", now, now.Add(time.Minute)), "not a normalized host"},
	} {
		code, out, raw := a.signedGet(path, nil, tc.header)
		if code != 401 || out["field"] != "Authorization" || !strings.Contains(fmt.Sprint(out["error"]), tc.want) || strings.Contains(raw, "Torkham") {
			t.Errorf("%s: %d %s, want 401 saying %q", tc.name, code, raw, tc.want)
		}
	}

	// Behind a proxy, the server is told its public host: tokens must name
	// it, whatever Host header reaches the server.
	api := trucehttp.NewServer(a.Mech, a.Log, a.store, a.Evidence, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	api.PublicHost = "truce.example.org"
	proxied := httptest.NewServer(api)
	defer proxied.Close()
	for _, tc := range []struct {
		host string
		want int
	}{{"truce.example.org", 200}, {strings.TrimPrefix(proxied.URL, "http://"), 401}} {
		tok := must(truce.SignToken(mofa, trucetest.Origin, tc.host, time.Now(), time.Minute))
		req, _ := http.NewRequest("GET", proxied.URL+path, nil)
		req.Header.Set("Authorization", tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want || strings.Contains(string(raw), "Torkham") != (tc.want == 200) {
			t.Errorf("behind a proxy, a token for %s: %d %s, want %d", tc.host, resp.StatusCode, raw, tc.want)
		}
	}

	// Revoking the key ends its token at once, though the server had
	// already accepted it.
	a.Submit(trucetest.Sign(t, trucetest.Member("afghanistan-mofa", "party", mofa, func(b map[string]any) { b["party"] = "afghanistan"; b["status"] = "revoked" }), c.Admin, c.Qatar, c.Turkiye))
	if code, out, raw := a.signedGet(path, nil, tok); code != 401 || !strings.Contains(fmt.Sprint(out["error"]), "not an active member's key") || strings.Contains(raw, "Torkham") {
		t.Errorf("the revoked key's token: %d %s", code, raw)
	}
}

// TestRestrictedList pages through a member's restricted records and
// refuses bad parameters, naming them.
func TestRestrictedList(t *testing.T) {
	a := newAPI(t)
	c := a.Setup()
	var want []float64
	for _, text := range []string{"first", "second", "third"} {
		i := a.Submit(trucetest.Sign(t, trucetest.Record("request", map[string]any{"to": []string{"afghanistan"}, "kind": "information", "text": text},
			func(m map[string]any) { m["visibility"] = "addressed"; m["audience"] = []string{"afghanistan"} }), c.PakistanFO)).Index
		want = append(want, float64(i))
	}
	tok := must(truce.SignToken(c.AfghanistanMOFA, trucetest.Origin, a.host(), time.Now(), time.Minute))
	var got []float64
	path := "/api/v1/restricted?type=request&limit=2"
	for pages := 0; ; pages++ {
		code, out, raw := a.signedGet(path, nil, tok)
		if code != 200 || pages > 3 {
			t.Fatalf("GET %s: %d %s", path, code, raw)
		}
		for _, it := range out["items"].([]any) {
			item := it.(map[string]any)
			if item["salt"] == nil || item["record"] == nil {
				t.Errorf("item without its body and salt: %v", item)
			}
			got = append(got, item["index"].(float64))
		}
		if out["next_cursor"] == nil {
			break
		}
		path = "/api/v1/restricted?type=request&limit=2&cursor=" + out["next_cursor"].(string)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("paged through %v, want %v", got, want)
	}
	for _, tc := range []struct{ query, field string }{{"type=rumour", "type"}, {"cursor=x", "cursor"}, {"limit=0", "limit"}} {
		if code, out, raw := a.signedGet("/api/v1/restricted?"+tc.query, nil, tok); code != 400 || out["field"] != tc.field || strings.Contains(raw, "first") {
			t.Errorf("?%s: %d %s, want 400 naming %s", tc.query, code, raw, tc.field)
		}
	}
}
