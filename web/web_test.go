package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/internal/trucetest"
	"github.com/truce-dev/truce/sqlite"
)

// get fetches path with the given request headers (pairs), without
// following redirects or decompressing, and returns the response and its
// body, decompressed when it was gzipped.
func get(t testing.TB, url string, headers ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "identity")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	tr := &http.Transport{DisableCompression: true}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatalf("GET %s: gzip: %v", url, err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// pages are every page of the fixture worth reading.
func (f *fixture) pages() []string {
	p := []string{"/", "/incidents", "/commitments", "/requests", "/claims",
		fmt.Sprintf("/incidents/%d", f.incident), fmt.Sprintf("/incidents/%d", f.unmapped),
		fmt.Sprintf("/sources/%d", f.source), fmt.Sprintf("/findings/%d", f.finding)}
	return p
}

func TestPages(t *testing.T) {
	f := newFixture(t)
	checkPages(t, f)
	// The assessments of a commitment, and of an incident, show where the
	// store indexes links.
	for _, p := range []string{"/", "/commitments"} {
		if _, body := get(t, f.url+p); !strings.Contains(body, fmt.Sprintf(`<a href="/api/v1/records/%d">Assessment %d</a>`, f.commitmentAssessment, f.commitmentAssessment)) {
			t.Errorf("%s does not link the commitment's assessment", p)
		}
	}
	// The assessments of an incident show.
	_, body := get(t, fmt.Sprintf("%s/incidents/%d", f.url, f.unmapped))
	if !strings.Contains(body, "Closures confirmed by both sides&#39; statements") || !strings.Contains(body, "status-verified") {
		t.Errorf("the incident page does not show its assessment:\n%s", body)
	}
}

func checkPages(t *testing.T, f *fixture) {
	for _, path := range f.pages() {
		resp, body := get(t, f.url+path)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d\n%s", path, resp.StatusCode, body)
			continue
		}
		h := resp.Header
		if h.Get("Content-Security-Policy") != csp || h.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("GET %s: headers %v", path, h)
		}
		if !strings.Contains(body, `<html lang="en" dir="ltr">`) {
			t.Errorf("GET %s: no English html element", path)
		}
		// No inline script or style: CSP would block it.
		for _, bad := range []string{"<style", " style=", " onclick=", " onload="} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: inline %q", path, bad)
			}
		}
		for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(body, -1) {
			if !strings.Contains(m, " src=") && !strings.Contains(m, `type="application/json"`) {
				t.Errorf("GET %s: inline script %s", path, m)
			}
		}
		// No message is shown as its id (missing, or failing to format).
		for id, text := range enMessages(t) {
			if text == id {
				continue
			}
			if strings.Contains(body, ">"+id+"<") || strings.Contains(body, "> "+id+" <") {
				t.Errorf("GET %s shows the message id %s", path, id)
			}
		}
		// The footer names the checkpoint the page was rendered from.
		if !strings.Contains(body, fmt.Sprintf("checkpoint of %d entries", f.Size())) {
			t.Errorf("GET %s: footer does not give the checkpoint of %d entries", path, f.Size())
		}
	}

	_, body := get(t, f.url+"/")
	for _, want := range []string{fmt.Sprintf("The log holds %d entries.", f.Size()), "Istanbul talks (third round)", "Observe the immediate ceasefire agreed in Doha.", "Verifiable action against armed groups.",
		"Share the list of closed crossings.", "Spin Boldak", "Afghanistan (Taliban authorities)", fmt.Sprintf(`href="/findings/%d"`, f.finding)} {
		if !strings.Contains(body, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
	// Overdue before open: the overdue table comes first and holds the
	// overdue request only.
	if i, j := strings.Index(body, "Share the list of closed crossings."), strings.Index(body, "Verifiable action against armed groups."); i > j {
		t.Error("the overdue request is not listed before the open one")
	}

	_, body = get(t, f.url+"/incidents")
	m := regexp.MustCompile(`(?s)<script type="application/json" id="incidents-data">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil || !strings.Contains(body, `<figure id="incident-map"`) {
		t.Fatalf("incidents page has no map container or data:\n%s", body)
	}
	var data []mapIncident
	if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
		t.Fatalf("incidents-data: %v in %s", err, m[1])
	}
	if len(data) != 2 || data[0].Index != f.incident || data[0].Place.Lat == nil || *data[0].Place.Lat != 31.0 || data[0].Place.Precision != "district" ||
		data[0].EventType != "Battles" || data[0].Date != "2025-10-12" || data[0].Status == "" || data[1].Index != f.unmapped {
		t.Errorf("incidents-data: %s", m[1])
	}

	_, body = get(t, fmt.Sprintf("%s/incidents/%d", f.url, f.incident))
	for _, want := range []string{`data-count="206"`, `data-count="9"`, "according to Pakistan army", "according to Spokesperson of the Afghan Taliban authorities",
		"Dawn", "Clashes along the border.", "Suspension of the next round", "Afghanistan (Taliban authorities)"} {
		if !strings.Contains(body, want) {
			t.Errorf("incident page lacks %q", want)
		}
	}
	// The claims side by side in the order they were made.
	if strings.Index(body, `id="claim-`+fmt.Sprint(f.armyClaim)) > strings.Index(body, `id="claim-`+fmt.Sprint(f.afghanClaim)) {
		t.Error("claims are not in the order they were made")
	}

	_, body = get(t, fmt.Sprintf("%s/sources/%d", f.url, f.source))
	mark := fmt.Sprintf(`<mark data-claim="%d"><a href="#claim-%d">at least 206 Afghan Taliban fighters and 110 TTP militants have been killed in recent border skirmishes.</a></mark>`, f.armyClaim, f.armyClaim)
	if !strings.Contains(body, mark) {
		t.Errorf("source page does not mark the army's claim:\n%s", body)
	}
	if !strings.Contains(body, "ISLAMABAD: Pakistan said on Friday") {
		t.Error("source page lacks the text around the claim")
	}

	_, body = get(t, fmt.Sprintf("%s/findings/%d", f.url, f.finding))
	for _, want := range []string{"Suspension of the next round", "The ceasefire commitment was violated.", "qatar", "turkiye", "Spin Boldak", "Observe the immediate ceasefire"} {
		if !strings.Contains(body, want) {
			t.Errorf("finding page lacks %q", want)
		}
	}
}

// TestRefusals checks that what a page cannot show answers with a status
// and a page naming the problem.
func TestRefusals(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		path   string
		status int
		want   string
	}{
		{"/nowhere", 404, "No such page"},
		{"/incidents/abc", 404, `&#34;abc&#34; is not a log index`},
		{"/incidents/999999", 404, "The log has no entry 999999"},
		{fmt.Sprintf("/incidents/%d", f.source), 404, fmt.Sprintf("Entry %d is not a public incident", f.source)},
		{fmt.Sprintf("/sources/%d", f.restrictedRequest), 403, fmt.Sprintf("Entry %d is restricted (request, visible to: addressed)", f.restrictedRequest)},
		{"/incidents?from=yesterday", 400, "from: &#34;yesterday&#34; is not a date (YYYY-MM-DD)"},
		{"/incidents?status=won", 400, "&#34;won&#34; is not a status of this list (one of reported, corroborated"},
		{"/claims?cursor=-1", 400, "&#34;-1&#34; is not a cursor"},
		{"/requests?limit=0", 400, "&#34;0&#34; is not a positive number"},
		{"/incidents?q=" + strings.Repeat("x", 100), 200, ""},
	} {
		resp, body := get(t, f.url+tc.path)
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s: %d, want %d with %q\n%s", tc.path, resp.StatusCode, tc.status, tc.want, body)
		}
		if resp.Header.Get("Content-Security-Policy") != csp {
			t.Errorf("GET %s: no CSP on a refusal", tc.path)
		}
	}
}

// TestRestrictedNeverShown reads every page, and every entry of the log
// as each kind of page, anonymously: a restricted body never shows.
func TestRestrictedNeverShown(t *testing.T) {
	f := newFixture(t)
	paths := f.pages()
	for i := range f.Size() {
		for _, p := range []string{"incidents", "sources", "findings"} {
			paths = append(paths, fmt.Sprintf("/%s/%d", p, i))
		}
	}
	paths = append(paths, "/claims?q=secret", "/requests?party=afghanistan", "/claims?limit=500")
	for _, lang := range []string{"en", "ur"} {
		for _, p := range paths {
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			_, body := get(t, f.url+p+sep+"lang="+lang)
			for _, s := range secrets {
				if strings.Contains(body, s) {
					t.Errorf("GET %s shows the restricted %q", p, s)
				}
			}
		}
	}
	// Yet the restricted request's routing metadata is there to see.
	resp, body := get(t, fmt.Sprintf("%s/incidents/%d", f.url, f.restrictedClaim))
	if resp.StatusCode != 403 || !strings.Contains(body, "visible to: mediators") {
		t.Errorf("restricted claim: %d %s", resp.StatusCode, body)
	}
}

func TestLanguages(t *testing.T) {
	f := newFixture(t)
	resp, body := get(t, f.url+"/incidents?lang=ur")
	if !strings.Contains(body, `<html lang="ur" dir="rtl">`) || !strings.Contains(body, ">"+locales["ur"].T("NavIncidents")+"<") || locales["ur"].T("NavIncidents") == "Incidents" {
		t.Fatalf("?lang=ur: not an Urdu page:\n%s", body)
	}
	// The switcher names each language in itself; Dari as its readers do.
	for _, name := range []string{`lang="en" hreflang="en">English<`, `lang="ur" hreflang="ur" aria-current="true">اردو<`, `lang="ps" hreflang="ps">پښتو<`, `lang="fa" hreflang="fa">دری<`} {
		if !strings.Contains(body, name) {
			t.Errorf("the language switcher lacks %s", name)
		}
	}
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == langCookie {
			cookie = c
		}
	}
	if cookie == nil || cookie.Value != "ur" {
		t.Fatalf("?lang=ur sets no cookie: %v", resp.Header["Set-Cookie"])
	}
	// Remembered: the cookie alone, over another Accept-Language.
	_, body = get(t, f.url+"/", "Cookie", langCookie+"=ur", "Accept-Language", "fa")
	if !strings.Contains(body, `<html lang="ur" dir="rtl">`) {
		t.Error("the language cookie is not remembered")
	}
	_, body = get(t, f.url+"/", "Accept-Language", "ps-AF,ps;q=0.9,en;q=0.5")
	if !strings.Contains(body, `<html lang="ps" dir="rtl">`) || !strings.Contains(body, locales["ps"].T("NavOverview")) {
		t.Error("Accept-Language ps does not give Pashto")
	}
	_, body = get(t, f.url+"/", "Accept-Language", "de-DE, ja")
	if !strings.Contains(body, `<html lang="en" dir="ltr">`) {
		t.Error("an unknown language does not give English")
	}
	_, body = get(t, f.url+"/", "Cookie", langCookie+"=xx", "Accept-Language", "fa-IR")
	if !strings.Contains(body, `<html lang="fa" dir="rtl">`) {
		t.Error("a bad cookie does not fall back to Accept-Language")
	}
	// Digits by CLDR's default numbering: Dari and Pashto use Extended
	// Arabic-Indic digits, Urdu Latin ones.
	size := fmt.Sprint(f.Size())
	for lang, digits := range map[string]string{"fa": "۰۱۲۳۴۵۶۷۸۹", "ps": "۰۱۲۳۴۵۶۷۸۹", "ur": "0123456789", "en": "0123456789"} {
		want := strings.Map(func(r rune) rune { return []rune(digits)[r-'0'] }, size)
		_, body := get(t, f.url+"/?lang="+lang)
		if !strings.Contains(body, template.HTMLEscapeString(locales[lang].T("FooterCheckpoint", "Size", want))) {
			t.Errorf("%s: footer does not give the size as %s", lang, want)
		}
	}
	// Record content is labelled with the language it was recorded in,
	// named in the reader's language.
	_, body = get(t, fmt.Sprintf("%s/incidents/%d?lang=ur", f.url, f.incident))
	if !strings.Contains(body, template.HTMLEscapeString(locales["ur"].T("RecordedIn", "Language", locales["ur"].LanguageName("en")))) || !strings.Contains(body, `<blockquote lang="en" dir="auto">`) {
		t.Error("an Urdu page does not label the English claims")
	}
}

// TestCatalogs checks that every catalog has every message English has,
// with the same plural forms where the language has them, and that every
// message the templates and code ask for exists.
func TestCatalogs(t *testing.T) {
	read := func(code string) map[string]any {
		b, err := catalogs.ReadFile("i18n/" + code + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	en := read("en")
	for _, tag := range languages {
		code, _ := tag.Base()
		if code.String() == "en" {
			continue
		}
		c := read(code.String())
		for id := range en {
			if _, ok := c[id]; !ok && !strings.HasPrefix(id, "map.") {
				t.Errorf("%s lacks %s", code, id)
			}
		}
		for id := range c {
			if _, ok := en[id]; !ok {
				t.Errorf("%s has %s, which English does not", code, id)
			}
		}
	}
	var src []byte
	for _, dir := range []string{"templates", "."} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".html") || strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
				b, _ := os.ReadFile(dir + "/" + e.Name())
				src = append(src, b...)
			}
		}
	}
	for _, m := range regexp.MustCompile(`(?:T|notFound|badRequest) "?\(?"([A-Z][A-Za-z]+)"`).FindAllStringSubmatch(string(src), -1) {
		if _, ok := en[m[1]]; !ok {
			t.Errorf("message %s is used but not in en.json", m[1])
		}
	}
	for _, n := range nav {
		if _, ok := en[n.Msg]; !ok {
			t.Errorf("navigation message %s is not in en.json", n.Msg)
		}
	}
	// Every status the rules compute, and every response status.
	for _, typ := range truce.Types() {
		for _, s := range append(slices.Clone(typ.Statuses), typ.Assessed...) {
			if _, ok := en["Status_"+s]; !ok {
				t.Errorf("status %s (%s) has no message", s, typ.Name)
			}
		}
	}
}

func TestStatic(t *testing.T) {
	f := newFixture(t)
	_, body := get(t, f.url+"/")
	css := regexp.MustCompile(`href="(/static/css/truce\.[0-9a-f]{8}\.css)"`).FindStringSubmatch(body)
	if css == nil {
		t.Fatalf("no hashed stylesheet in the page")
	}
	resp, sheet := get(t, f.url+css[1], "Accept-Encoding", "gzip")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("GET %s: %d %v", css[1], resp.StatusCode, resp.Header)
	}
	fonts := regexp.MustCompile(`url\("(/static/fonts/[^"]+\.[0-9a-f]{8}\.woff2)"\)`).FindAllStringSubmatch(sheet, -1)
	if len(fonts) != 5 || strings.Contains(sheet, "../fonts") {
		t.Fatalf("stylesheet's font references not rewritten: %d", len(fonts))
	}
	for _, m := range fonts {
		if resp, _ := get(t, f.url+m[1]); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "font/woff2" {
			t.Errorf("GET %s: %d", m[1], resp.StatusCode)
		}
	}
	// The plain name is served too, revalidated.
	resp, _ = get(t, f.url+"/static/js/time.js")
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-cache" || etag == "" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("GET time.js: %d %v", resp.StatusCode, resp.Header)
	}
	if resp, _ := get(t, f.url+"/static/js/time.js", "If-None-Match", etag); resp.StatusCode != 304 {
		t.Errorf("revalidation: %d", resp.StatusCode)
	}
	if resp, _ := get(t, f.url+"/static/nothing.js"); resp.StatusCode != 404 {
		t.Errorf("a missing static file: %d", resp.StatusCode)
	}
	// Pages are compressed too.
	resp, page := get(t, f.url+"/", "Accept-Encoding", "gzip, deflate")
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(page, "</html>") {
		t.Errorf("the overview is not gzipped: %v", resp.Header)
	}
}

func TestHighlight(t *testing.T) {
	text := "He said: “We will   not allow our soil to be used against any country.” Then he left. We will not allow our soil"
	segs, placed := highlight(text, []quoteSpan{
		{Claim: 7, Text: "We will not allow our soil to be used against any country"},
		{Claim: 8, Text: "Nothing like this; not at all in the text, no."},
		{Claim: 9, Text: "We will not allow our soil to be used against any country"}, // the same words: the later occurrence is too short
	})
	var b strings.Builder
	var marked []string
	for _, s := range segs {
		b.WriteString(s.Text)
		if s.Claim != 0 {
			marked = append(marked, fmt.Sprintf("%d:%s", s.Claim, s.Text))
		}
	}
	if b.String() != text {
		t.Fatalf("segments do not rebuild the text: %q", b.String())
	}
	if !placed[7] || placed[8] || placed[9] || len(marked) != 1 || marked[0] != "7:We will   not allow our soil to be used against any country" {
		t.Errorf("marked %q, placed %v", marked, placed)
	}
}

// FuzzHighlight checks, for any text and claim, that the segments rebuild
// the text and that a claim marked is a claim placed.
func FuzzHighlight(f *testing.F) {
	f.Add(sourceText, "At least 206 Afghan Taliban fighters and 110 TTP militants have been killed")
	f.Add("“quoted words of twenty runes” and more", "\"quoted words of twenty runes\"")
	f.Add("\xff\xfe invalid \xc3 bytes in the text of a source", "invalid bytes in the text of")
	f.Add("İstanbul ΣΊΣΥΦΟΣ ǅ and more words to reach twenty", "i̇stanbul σίσυφος ǆ and more words")
	f.Fuzz(func(t *testing.T, text, claim string) {
		segs, placed := highlight(text, []quoteSpan{{Claim: 1, Text: claim}})
		var b strings.Builder
		marked := false
		for _, s := range segs {
			b.WriteString(s.Text)
			if s.Claim != 0 {
				marked = true
				if s.Text == "" {
					t.Error("an empty mark")
				}
			}
		}
		if b.String() != text {
			t.Fatalf("segments %v do not rebuild %q", segs, text)
		}
		if marked != placed[1] {
			t.Errorf("marked %v, placed %v", marked, placed[1])
		}
	})
}

// FuzzLocale checks that any ?lang=, cookie and Accept-Language give one
// of the interface's languages.
func FuzzLocale(f *testing.F) {
	f.Add("ur", "", "")
	f.Add("", "ps", "en")
	f.Add("xx", "zz", "fa-IR;q=0.9, *;q=0.1")
	f.Add("", "", "ur-PK,ur;q=0.9,en-GB;q=0.8,en;q=0.7")
	f.Add("", "", strings.Repeat("a-", 500))
	f.Fuzz(func(t *testing.T, q, cookie, accept string) {
		r, err := http.NewRequest("GET", "http://x/?lang="+urlQuery(q), nil)
		if err != nil {
			return
		}
		if cookie != "" {
			r.AddCookie(&http.Cookie{Name: langCookie, Value: sanitizeCookie(cookie)})
		}
		r.Header.Set("Accept-Language", accept)
		w := &headerOnly{h: http.Header{}}
		l := pickLocale(w, r)
		if l == nil || locales[l.code] != l {
			t.Fatalf("no interface language for lang=%q cookie=%q accept=%q", q, cookie, accept)
		}
		if _, ok := locales[q]; ok && l.code != q {
			t.Errorf("?lang=%s gave %s", q, l.code)
		}
	})
}

func urlQuery(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func sanitizeCookie(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x21 || r > 0x7e || r == '"' || r == ';' || r == '\\' || r == ',' {
			return -1
		}
		return r
	}, s)
}

type headerOnly struct{ h http.Header }

func (w *headerOnly) Header() http.Header         { return w.h }
func (w *headerOnly) Write(b []byte) (int, error) { return len(b), nil }
func (w *headerOnly) WriteHeader(int)             {}

// enMessages are the English catalog's messages by id.
func enMessages(t testing.TB) map[string]any {
	b, err := catalogs.ReadFile("i18n/en.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestLatest checks the newest items of a list, newest first, whatever
// lies between them and the log's end: items at the end, far behind a run
// of other records, fewer than asked for, none.
func TestLatest(t *testing.T) {
	m := trucetest.NewMechanism(t)
	c := m.Setup()
	var recs []trucetest.Unsigned
	seq := 0
	add := func(typ string, body map[string]any) {
		seq++
		at := time.Date(2025, 11, 8, 0, 0, seq, 0, time.UTC).Format(time.RFC3339)
		recs = append(recs, trucetest.Unsigned{Record: trucetest.Record(typ, body, func(r map[string]any) { r["created"] = at }), Signers: []*truce.Signer{c.Admin}})
	}
	for i := range 300 {
		add("incident", map[string]any{"event_type": "Battles", "date": "2025-10-12", "date_precision": "day",
			"place": map[string]any{"name": "Kurram", "precision": "district"}, "actors": []string{"A"}, "description": fmt.Sprint("clash ", i)})
	}
	incidents := m.SubmitAll(recs)
	recs = nil
	for i := range 700 {
		add("claim", trucetest.Claim(fmt.Sprint("statement ", i)))
	}
	m.SubmitAll(recs)
	store, err := sqlite.Open(filepath.Join(t.TempDir(), "p.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	m.Project(store)
	s := &site{cfg: Config{Store: store, Log: m.Log, Now: time.Now}, hints: map[string]uint64{}}
	slices.Sort(incidents)
	// Twice: the second time from the cursors the first found.
	for range 2 {
		checkLatest(t, s, m, incidents)
	}
	// New incidents after the hint: the newest ten are the five new and
	// five before them.
	recs = nil
	for i := range 5 {
		add("incident", map[string]any{"event_type": "Battles", "date": "2025-10-13", "date_precision": "day",
			"place": map[string]any{"name": "Kurram", "precision": "district"}, "actors": []string{"A"}, "description": fmt.Sprint("later clash ", i)})
	}
	later := m.SubmitAll(recs)
	slices.Sort(later)
	m.Project(store)
	got, err := s.latest(context.Background(), truce.Query{List: "incidents"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := append(slices.Clone(incidents[295:]), later...)
	slices.Reverse(want)
	var idx []uint64
	for _, it := range got {
		idx = append(idx, it.Index)
	}
	if !slices.Equal(idx, want) {
		t.Errorf("after five more: %v, want %v", idx, want)
	}
}

func checkLatest(t *testing.T, s *site, m *trucetest.Mechanism, incidents []uint64) {
	t.Helper()
	for _, tc := range []struct {
		q    truce.Query
		n    int
		want []uint64
	}{
		{truce.Query{List: "incidents"}, 10, incidents[290:]},
		{truce.Query{List: "incidents"}, 1, incidents[299:]},
		{truce.Query{List: "incidents"}, 400, incidents},
		{truce.Query{List: "claims", Text: "statement"}, 3, nil}, // filled below
		{truce.Query{List: "commitments"}, 5, nil},
		{truce.Query{List: "incidents", Place: "Chaman"}, 5, nil},
	} {
		got, err := s.latest(context.Background(), tc.q, tc.n)
		if err != nil {
			t.Fatal(err)
		}
		var idx []uint64
		for _, it := range got {
			idx = append(idx, it.Index)
		}
		want := slices.Clone(tc.want)
		slices.Reverse(want)
		if tc.q.List == "claims" {
			want = []uint64{m.Size() - 1, m.Size() - 2, m.Size() - 3}
		}
		if !slices.Equal(idx, want) {
			t.Errorf("latest %d of %+v: %v, want %v", tc.n, tc.q, idx, want)
		}
	}
}

// FuzzPages requests any path and query of a populated site: no request
// fails the server, every answer carries the security headers, and none
// shows a restricted body.
func FuzzPages(f *testing.F) {
	fx := newFixture(f)
	for _, p := range fx.pages() {
		f.Add(p, "lang=ur")
	}
	f.Add("/incidents", "type=Battles&status=reported&from=2025-01-01&to=2025-12-31&place=Spin&q=clash&party=afghanistan&limit=2&cursor=3")
	f.Add("/claims", "q=\"secret\" OR *&cursor=18446744073709551615")
	f.Add("/sources/99999999999999999999", "")
	f.Add("/static/../incidents", "lang=fa")
	f.Fuzz(func(t *testing.T, path, query string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " ?#\x00") {
			return
		}
		r, err := http.NewRequest("GET", "http://truce.test"+path+"?"+query, nil)
		if err != nil {
			return
		}
		w := httptest.NewRecorder()
		fx.handler.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("GET %s?%s: %d %s", path, query, w.Code, w.Body)
		}
		if w.Header().Get("Content-Security-Policy") != csp || w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s?%s: headers %v", path, query, w.Header())
		}
		for _, s := range secrets {
			if strings.Contains(w.Body.String(), s) {
				t.Errorf("GET %s?%s shows %q", path, query, s)
			}
		}
	})
}

// TestSharedPartGzipped: the incidents page, whose map's base layer is
// sent as blocks deflated once, decompresses (gzip checks its CRC-32 and
// length) to the page sent uncompressed, in every language; and the base
// layer was indeed sent that way.
func TestSharedPartGzipped(t *testing.T) {
	f := newFixture(t)
	for code, l := range locales {
		url := f.url + "/incidents?lang=" + code
		_, plain := get(t, url)
		resp, unzipped := get(t, url, "Accept-Encoding", "gzip")
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: not gzipped: %v", url, resp.Header)
		}
		if unzipped != plain {
			t.Errorf("%s: gzipped, the page differs from the page sent plain (%d and %d bytes)", url, len(unzipped), len(plain))
		}
		base := baseLayer(l)
		if !strings.Contains(plain, base) {
			t.Fatalf("%s: the page holds no base layer", url)
		}
		part, ok := sharedParts.Load("map/" + code)
		if !ok || string(part.(*sharedText).text) != base {
			t.Fatalf("%s: no shared part for the base layer", url)
		}
		req, _ := http.NewRequest("GET", url, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		raw, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(raw.Body)
		raw.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(body, part.(*sharedText).deflated) {
			t.Errorf("%s: the base layer was not sent as its blocks deflated once", url)
		}
	}
}
