package web

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/web/internal/basemap"
)

// node is a parsed element of the map's markup.
type node struct {
	name  string
	attr  map[string]string
	text  string
	kids  []*node
	outer *node
}

// parseMap parses what drawMap returns as XML: it must be well-formed (an
// inline SVG in HTML is parsed by the HTML parser, but XML's rules are
// stricter, so passing them means no tag is left open and every attribute
// is quoted and escaped).
func parseMap(t testing.TB, html string) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<root>" + html + "</root>"))
	d.Strict = true
	root := &node{name: "doc"}
	cur := root
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("map markup is not well-formed: %v\n%.400s", err, html)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attr: map[string]string{}, outer: cur}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			cur.kids = append(cur.kids, n)
			cur = n
		case xml.EndElement:
			cur = cur.outer
		case xml.CharData:
			cur.text += string(tok)
		}
	}
	return root
}

// all returns the elements below n for which keep is true, in document
// order.
func (n *node) all(keep func(*node) bool) []*node {
	var out []*node
	for _, k := range n.kids {
		if keep(k) {
			out = append(out, k)
		}
		out = append(out, k.all(keep)...)
	}
	return out
}

func (n *node) allText() string {
	s := n.text
	for _, k := range n.kids {
		s += k.allText()
	}
	return s
}

func hasClass(c string) func(*node) bool {
	return func(n *node) bool { return strings.Contains(" "+n.attr["class"]+" ", " "+c+" ") }
}

func fp(v float64) *float64 { return &v }

func TestMapMarkers(t *testing.T) {
	incs := []mapIncident{
		{Index: 7, EventType: "Battles", Date: "2025-10-12", Status: "unassessed",
			Place: mapPlace{Name: "Torkham", Lat: fp(34.1036), Lon: fp(71.0945), Precision: "exact"}},
		// No coordinates: the gazetteer knows Kurram.
		{Index: 9, EventType: "Explosions/Remote violence", Date: "2025-10-14",
			Place: mapPlace{Name: "Kurram", Precision: "district"}},
		{Index: 11, EventType: "Battles", Date: "2025-10-15",
			Place: mapPlace{Name: "Pakistan–Afghanistan border", Lat: fp(32.5), Lon: fp(69.3), Precision: "region"}},
		// Not locatable: listed, not drawn.
		{Index: 13, EventType: "Riots", Date: "2025-10-16",
			Place: mapPlace{Name: "a village no gazetteer lists", Precision: "near"}},
		// Outside the frame: listed, not drawn.
		{Index: 15, EventType: "Strategic developments", Date: "2025-10-25",
			Place: mapPlace{Name: "Istanbul", Lat: fp(41.0082), Lon: fp(28.9784), Precision: "exact"}},
	}
	html := string(drawMap("en", incs))
	doc := parseMap(t, html)

	svgs := doc.all(func(n *node) bool { return n.name == "svg" && hasClass("incident-map")(n) })
	if len(svgs) != 1 {
		t.Fatalf("%d map svgs", len(svgs))
	}
	svg := svgs[0]
	markers := svg.all(hasClass("map-marker"))
	got := map[string]*node{}
	for _, m := range markers {
		if m.name != "a" {
			t.Errorf("marker is a <%s>, not a link", m.name)
		}
		got[m.attr["href"]] = m
	}
	if len(markers) != 3 || got["/incidents/7"] == nil || got["/incidents/9"] == nil || got["/incidents/11"] == nil {
		t.Fatalf("markers link to %v; want /incidents/7, 9 and 11", keys(got))
	}
	for _, href := range []string{"/incidents/13", "/incidents/15"} {
		if got[href] != nil {
			t.Errorf("%s is drawn on the map", href)
		}
	}

	// Each marker names its incident for a screen reader and on hover.
	for href, m := range got {
		titles := m.all(func(n *node) bool { return n.name == "title" })
		if len(titles) != 1 || titles[0].text == "" || m.attr["aria-label"] != titles[0].text {
			t.Errorf("%s: title %v, aria-label %q", href, titles, m.attr["aria-label"])
		}
	}
	if l := got["/incidents/9"].attr["aria-label"]; !strings.Contains(l, "Kurram (district)") || !strings.Contains(l, "incident 9") {
		t.Errorf("Kurram's label %q lacks the place with its precision or the incident", l)
	}

	// Precision: the exact place is a point, the district and region carry
	// rings, the region's wider than the district's.
	ring := func(href string) float64 {
		rs := got[href].all(hasClass("map-ring"))
		if len(rs) == 0 {
			return 0
		}
		r, _ := strconv.ParseFloat(rs[0].attr["r"], 64)
		return r
	}
	if r := ring("/incidents/7"); r != 0 {
		t.Errorf("the exact place has a precision ring of %v", r)
	}
	rd, rr := ring("/incidents/9"), ring("/incidents/11")
	if math.Abs(rd*basemap.KmPerUnit-30) > 1 || math.Abs(rr*basemap.KmPerUnit-80) > 1 {
		t.Errorf("rings span %.1f km (district) and %.1f km (region); want 30 and 80", rd*basemap.KmPerUnit, rr*basemap.KmPerUnit)
	}
	for href, m := range got {
		if len(m.all(hasClass("map-dot"))) != 1 {
			t.Errorf("%s has no point", href)
		}
	}
	// The wide ring is drawn first so the small markers stay clickable.
	if markers[0].attr["href"] != "/incidents/11" {
		t.Errorf("first marker drawn is %s, want the region's", markers[0].attr["href"])
	}

	// The marker sits where the projection puts the place.
	x, y := basemap.Project(71.0945, 34.1036)
	dot := got["/incidents/7"].all(hasClass("map-dot"))[0]
	cx, _ := strconv.ParseFloat(dot.attr["cx"], 64)
	cy, _ := strconv.ParseFloat(dot.attr["cy"], 64)
	if math.Abs(cx-x) > 0.06 || math.Abs(cy-y) > 0.06 {
		t.Errorf("Torkham drawn at %v,%v; projection gives %v,%v", cx, cy, x, y)
	}

	// The gazetteer's coordinates were written back for the page's JSON.
	if p := incs[1].Place; p.Lat == nil || math.Abs(*p.Lat-33.899) > 1e-9 || math.Abs(*p.Lon-70.1) > 1e-9 {
		t.Errorf("Kurram not located in the incidents: %+v", p)
	}
	if incs[3].Place.Lat != nil {
		t.Error("an unknown place was given coordinates")
	}

	// The base map: countries, and the de facto boundary dashed and
	// labelled, on the map and in the caption.
	if n := len(svg.all(hasClass("map-country"))); n < 8 {
		t.Errorf("%d countries drawn", n)
	}
	df := svg.all(hasClass("map-defacto"))
	if len(df) != 1 || df[0].attr["stroke-dasharray"] == "" || len(df[0].attr["d"]) < 200 {
		t.Fatalf("de facto boundary not drawn dashed: %v", df)
	}
	if b := svg.all(hasClass("map-borders")); len(b) != 1 || b[0].attr["stroke-dasharray"] != "" {
		t.Error("other borders missing or dashed")
	}
	if l := svg.all(hasClass("map-defacto-label")); len(l) != 1 || l[0].text != "de facto boundary" {
		t.Errorf("de facto label on the map: %v", l)
	}
	caps := doc.all(func(n *node) bool { return n.name == "figcaption" })
	if len(caps) != 1 {
		t.Fatalf("%d figcaptions", len(caps))
	}
	capText := caps[0].allText()
	for _, want := range []string{"de facto boundary", "no line on this map is any side's claim"} {
		if !strings.Contains(capText, want) {
			t.Errorf("caption lacks %q: %s", want, capText)
		}
	}
	// What is not on the map is named, with why, and linked.
	links := map[string]string{}
	for _, a := range caps[0].all(func(n *node) bool { return n.name == "a" }) {
		links[a.attr["href"]] = a.outer.allText()
	}
	if !strings.Contains(links["/incidents/13"], "no coordinates") || !strings.Contains(links["/incidents/15"], "outside the map") {
		t.Errorf("unmapped incidents in the caption: %v", links)
	}
	if len(links) != 2 {
		t.Errorf("caption links %v; want only the two unmapped incidents", links)
	}
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// TestMapEmpty: no incidents, still a base map and a caption, no markers.
func TestMapEmpty(t *testing.T) {
	doc := parseMap(t, string(drawMap("en", nil)))
	if n := len(doc.all(hasClass("map-marker"))); n != 0 {
		t.Errorf("%d markers on an empty page", n)
	}
	if len(doc.all(hasClass("map-defacto"))) != 1 || len(doc.all(hasClass("map-unmapped"))) != 0 {
		t.Error("empty map lacks its boundary or lists unmapped incidents")
	}
}

// TestMapLanguages: country names in the reader's language (CLDR), the map
// itself not mirrored, and an unknown language falling back to English.
func TestMapLanguages(t *testing.T) {
	for lang, want := range map[string]string{"en": "Afghanistan", "ur": "افغانستان", "fa": "افغانستان", "xx": "Pakistan"} {
		doc := parseMap(t, string(drawMap(lang, nil)))
		var names []string
		for _, n := range doc.all(hasClass("map-country-labels")) {
			for _, k := range n.kids {
				names = append(names, k.text)
			}
		}
		if !contains(names, want) {
			t.Errorf("lang %s: country labels %q lack %q", lang, names, want)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestMapEscapes: recorded text (place names, event types) is escaped.
func TestMapEscapes(t *testing.T) {
	evil := `"><script>alert(1)</script><a href="x`
	html := string(drawMap("en", []mapIncident{
		{Index: 1, EventType: evil, Date: "2025-01-01", Place: mapPlace{Name: evil, Lat: fp(33), Lon: fp(70), Precision: evil}},
		{Index: 2, EventType: evil, Date: evil, Place: mapPlace{Name: evil, Precision: "near"}},
	}))
	if strings.Contains(html, "<script") {
		t.Fatal("a place name's markup reached the page")
	}
	doc := parseMap(t, html)
	m := doc.all(hasClass("map-marker"))
	if len(m) != 1 || !strings.Contains(m[0].attr["aria-label"], evil) {
		t.Errorf("the escaped name does not read back as written: %v", m)
	}
}

// FuzzDrawMap: whatever a record's place and coding hold, the map is
// well-formed, draws at most the one incident, and never a marker outside
// the frame.
func FuzzDrawMap(f *testing.F) {
	f.Add("Kurram", "Battles", "district", "2025-10-15", 33.9, 70.1, true)
	f.Add("near Torkham", "Riots", "near", "2025-10-15", 0.0, 0.0, false)
	f.Add(`<&"'>`, "\x00", "country", "\xff", -91.0, 181.0, true)
	f.Add("Pakistan–Afghanistan border", "Strategic developments", "region", "", math.NaN(), math.Inf(1), true)
	f.Fuzz(func(t *testing.T, name, event, precision, date string, lat, lon float64, hasCoords bool) {
		inc := mapIncident{Index: 3, EventType: event, Date: date, Place: mapPlace{Name: name, Precision: precision}}
		if hasCoords {
			inc.Place.Lat, inc.Place.Lon = &lat, &lon
		}
		html := string(drawMap("en", []mapIncident{inc}))
		if strings.ContainsAny(html, "\x00") {
			t.Fatal("NUL in the markup")
		}
		doc := parseMap(t, html)
		ms := doc.all(hasClass("map-marker"))
		if len(ms) > 1 {
			t.Fatalf("%d markers for one incident", len(ms))
		}
		for _, m := range ms {
			x, err1 := strconv.ParseFloat(m.attr["data-x"], 64)
			y, err2 := strconv.ParseFloat(m.attr["data-y"], 64)
			if err1 != nil || err2 != nil || x < 0 || x > basemap.Width || y < 0 || y > basemap.Height {
				t.Fatalf("marker at %q,%q", m.attr["data-x"], m.attr["data-y"])
			}
		}
		links := doc.all(func(n *node) bool { return n.name == "a" && n.attr["href"] == "/incidents/3" })
		if len(links) != 1 {
			t.Fatalf("the incident is linked %d times", len(links))
		}
	})
}

// TestMapBytes records what the map costs a first visit, compressed as the
// server sends it (gzip), for a page of incidents at the default page size
// and at the largest (bench/README.md quotes these lines), and holds it
// within the incidents page's budget: the page with its base map under
// 800 KB, of which the map may take a quarter.
func TestMapBytes(t *testing.T) {
	places := []string{"Kurram", "Torkham", "Chaman", "Spin Boldak", "Bajaur", "North Waziristan", "Nangarhar", "Kandahar", "Paktika", "Peshawar", "Kabul"}
	precs := []string{"exact", "near", "district", "region"}
	for _, n := range []int{0, truce.DefaultLimit, truce.MaxLimit} {
		incs := make([]mapIncident, n)
		for i := range incs {
			incs[i] = mapIncident{Index: uint64(1000 + i), EventType: "Explosions/Remote violence", Date: "2025-10-15", Status: "unassessed",
				Place: mapPlace{Name: places[i%len(places)], Precision: precs[i%len(precs)]}}
		}
		html := string(drawMap("en", incs))
		if got := len(parseMap(t, html).all(hasClass("map-marker"))); got != n {
			t.Fatalf("%d incidents, %d markers", n, got)
		}
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
		zw.Write([]byte(html))
		zw.Close()
		t.Logf("map of %d incidents: %d bytes, %d gzipped", n, len(html), b.Len())
		if b.Len() > 200_000 {
			t.Errorf("map of %d incidents is %d bytes gzipped, over a quarter of the page's 800 KB", n, b.Len())
		}
	}
	js, err := fs.ReadFile(staticFS, "static/map/map.js")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("map.js: %d bytes; embedded base map source: %d bytes", len(js), basemap.Bytes())
}

// BenchmarkDrawMap: the map of a default page of incidents (50), half of
// them located through the gazetteer.
func BenchmarkDrawMap(b *testing.B) {
	incs := make([]mapIncident, truce.DefaultLimit)
	for i := range incs {
		incs[i] = mapIncident{Index: uint64(i), EventType: "Battles", Date: "2025-10-15", Place: mapPlace{Name: "Kurram", Precision: "district"}}
		if i%2 == 0 {
			incs[i].Place.Lat, incs[i].Place.Lon = fp(33.9), fp(70.1)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		page := append([]mapIncident(nil), incs...)
		drawMap("ur", page)
	}
}
