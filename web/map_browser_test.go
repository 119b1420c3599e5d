package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/truce-dev/truce/web/internal/basemap"
)

// TestMapBrowser draws the incident map in Chromium: on the /incidents page
// of a populated mechanism, and on a page of crowded incidents that
// exercises map.js's clustering and zoom.
func TestMapBrowser(t *testing.T) {
	ctx := browser(t)

	t.Run("incidents page", func(t *testing.T) {
		f := newFixture(t)
		visit(t, ctx, f.url+"/incidents?lang=en")
		eval[bool](t, ctx, `new Promise(ok => { const f = () => document.querySelector("#incident-map[data-ready]") ? ok(true) : setTimeout(f, 20); f(); })`)
		got := eval[struct {
			Width, Height float64
			Countries     int
			CountryArea   float64
			DeFactoLength float64
			DeFactoDash   string
			Markers       []struct {
				Href, Precision string
				W, H            float64
				Inside          bool
			}
			RingR    float64
			Unmapped []string
			Caption  string
		}](t, ctx, `(() => {
			const svg = document.querySelector("#incident-map svg.incident-map"), box = svg.getBoundingClientRect();
			const countries = [...svg.querySelectorAll(".map-country")];
			const df = svg.querySelector(".map-defacto");
			const inside = r => r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
			return {width: box.width, height: box.height, countries: countries.length,
				countryArea: countries.reduce((t, c) => { const r = c.getBoundingClientRect(); return t + r.width * r.height; }, 0),
				deFactoLength: df.getTotalLength(), deFactoDash: getComputedStyle(df).strokeDasharray,
				markers: [...svg.querySelectorAll("a.map-marker")].filter(a => getComputedStyle(a).display !== "none").map(a => {
					const r = a.querySelector(".map-dot").getBoundingClientRect();
					return {href: a.getAttribute("href"), precision: a.dataset.precision, w: r.width, h: r.height, inside: inside(r)}; }),
				ringR: +(svg.querySelector(".map-ring")?.getAttribute("r") || 0),
				unmapped: [...document.querySelectorAll("#incident-map figcaption .map-unmapped-list a")].map(a => a.getAttribute("href")),
				caption: document.querySelector("#incident-map figcaption").innerText};
		})()`)
		if got.Width < 300 || got.Height < 300 {
			t.Errorf("the map is %vx%v px", got.Width, got.Height)
		}
		// The base map: countries that cover the map, and the de facto
		// boundary, drawn, dashed.
		if got.Countries < 8 || got.CountryArea < got.Width*got.Height {
			t.Errorf("%d countries covering %.0f px² of a %.0f px² map", got.Countries, got.CountryArea, got.Width*got.Height)
		}
		if got.DeFactoLength < 1000 || got.DeFactoDash == "none" || got.DeFactoDash == "" {
			t.Errorf("de facto boundary: length %v units, dash %q", got.DeFactoLength, got.DeFactoDash)
		}
		if !strings.Contains(got.Caption, "de facto boundary") {
			t.Errorf("caption: %q", got.Caption)
		}
		// One marker per mapped incident: the fixture's Spin Boldak clash,
		// a district, with its precision ring; the incident at the border
		// crossings has no coordinates and is listed instead.
		if len(got.Markers) != 1 || got.Markers[0].Href != fmt.Sprintf("/incidents/%d", f.incident) || got.Markers[0].Precision != "district" ||
			!got.Markers[0].Inside || got.Markers[0].W < 6 {
			t.Errorf("markers: %+v", got.Markers)
		}
		if km := got.RingR * basemap.KmPerUnit; math.Abs(km-30) > 1 {
			t.Errorf("the district's ring spans %.1f km", km)
		}
		if len(got.Unmapped) != 1 || got.Unmapped[0] != fmt.Sprintf("/incidents/%d", f.unmapped) {
			t.Errorf("listed as not on the map: %q", got.Unmapped)
		}
		screenshot(t, ctx, "incidents-map-en")
	})

	t.Run("clusters and zoom", func(t *testing.T) {
		incs := []mapIncident{
			// Two at one point: no zoom parts them.
			{Index: 1, EventType: "Battles", Date: "2025-10-15", Place: mapPlace{Name: "Pakistan–Afghanistan border", Lat: fp(31.99), Lon: fp(69.28), Precision: "region"}},
			{Index: 2, EventType: "Strategic developments", Date: "2025-10-15", Place: mapPlace{Name: "Pakistan–Afghanistan border crossings", Lat: fp(31.99), Lon: fp(69.28), Precision: "region"}},
			// Torkham and the Khyber district's point, 5 km apart.
			{Index: 3, EventType: "Battles", Date: "2025-10-12", Place: mapPlace{Name: "Torkham", Precision: "exact"}},
			{Index: 4, EventType: "Riots", Date: "2025-10-13", Place: mapPlace{Name: "Khyber", Precision: "district"}},
			// Alone.
			{Index: 5, EventType: "Protests", Date: "2025-10-14", Place: mapPlace{Name: "Kandahar", Precision: "district"}},
		}
		js, err := assetURL("map/map.js")
		if err != nil {
			t.Fatal(err)
		}
		css, err := assetURL("map/map.css")
		if err != nil {
			t.Fatal(err)
		}
		page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>map</title>` +
			`<link rel="stylesheet" href="` + css + `"><script type="module" src="` + js + `"></script></head>` +
			`<body><main><figure id="incident-map">` + string(drawMap("en", incs)) + `</figure></main></body></html>`
		mux := http.NewServeMux()
		mux.Handle("GET /static/", staticHandler())
		mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, template.HTML(page))
		})
		srv := httptest.NewServer(secure(mux))
		t.Cleanup(srv.Close)

		type state struct {
			ViewBox  string
			Visible  []string // hrefs of markers shown on their own
			Clusters []string // data-count of each cluster
			Province string   // the province labels' visibility
			List     []string
		}
		read := func() state {
			return eval[state](t, ctx, `(() => { const svg = document.querySelector("svg.incident-map");
				return {viewBox: svg.getAttribute("viewBox"),
					visible: [...svg.querySelectorAll("a.map-marker")].filter(a => getComputedStyle(a.querySelector(".map-dot")).display !== "none").map(a => a.getAttribute("href")).sort(),
					clusters: [...svg.querySelectorAll(".map-cluster")].map(c => c.dataset.count).sort(),
					province: svg.querySelector(".map-province-labels").getAttribute("visibility"),
					list: [...document.querySelectorAll(".map-cluster-list:not([hidden]) a")].map(a => a.getAttribute("href"))}; })()`)
		}
		visit(t, ctx, srv.URL+"/")
		eval[bool](t, ctx, `new Promise(ok => { const f = () => document.querySelector("#incident-map[data-ready]") ? ok(true) : setTimeout(f, 20); f(); })`)
		full := read()
		if strings.Join(full.Visible, ",") != "/incidents/5" || strings.Join(full.Clusters, ",") != "2,2" || full.Province != "hidden" {
			t.Fatalf("whole map: %+v; want Kandahar alone and two clusters of two", full)
		}
		screenshot(t, ctx, "map-clusters")

		// The Torkham cluster zooms in until its two markers part.
		x, y := basemap.Project(71.0945, 34.1036)
		eval[bool](t, ctx, fmt.Sprintf(`(() => { const cs = [...document.querySelectorAll(".map-cluster")];
			const d = c => Math.hypot(c.querySelector("circle").cx.baseVal.value - %f, c.querySelector("circle").cy.baseVal.value - %f);
			cs.sort((a, b) => d(a) - d(b))[0].dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true})); return true; })()`, x, y))
		zoomed := read()
		if zoomed.ViewBox == full.ViewBox || !contains(zoomed.Visible, "/incidents/3") || !contains(zoomed.Visible, "/incidents/4") || zoomed.Province != "visible" {
			t.Errorf("after opening the Torkham cluster: %+v", zoomed)
		}
		screenshot(t, ctx, "map-zoomed")

		// Back to the whole map with the button.
		eval[bool](t, ctx, `(document.querySelectorAll(".map-controls button")[2].click(), true)`)
		if back := read(); back.ViewBox != full.ViewBox || strings.Join(back.Clusters, ",") != "2,2" {
			t.Errorf("after the whole-map button: %+v", back)
		}
		// The two incidents at one point are listed, since no zoom parts
		// them.
		bx, by := basemap.Project(69.28, 31.99)
		eval[bool](t, ctx, fmt.Sprintf(`(() => { const cs = [...document.querySelectorAll(".map-cluster")];
			const d = c => Math.hypot(c.querySelector("circle").cx.baseVal.value - %f, c.querySelector("circle").cy.baseVal.value - %f);
			cs.sort((a, b) => d(a) - d(b))[0].dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true})); return true; })()`, bx, by))
		if l := read().List; strings.Join(l, ",") != "/incidents/1,/incidents/2" {
			t.Errorf("the cluster at one point lists %q", l)
		}
		// Zoom buttons: in twice shows the provinces' names; out three
		// times stops at the whole map.
		eval[bool](t, ctx, `(document.querySelectorAll(".map-controls button")[0].click(), document.querySelectorAll(".map-controls button")[0].click(), true)`)
		in := read()
		if in.ViewBox == full.ViewBox || in.Province != "visible" {
			t.Errorf("zoomed in 4×: %+v", in)
		}
		screenshot(t, ctx, "map-zoom4")
		eval[bool](t, ctx, `([0, 1, 2].forEach(() => document.querySelectorAll(".map-controls button")[1].click()), true)`)
		if out := read(); out.ViewBox != full.ViewBox || out.Province != "hidden" {
			t.Errorf("zoomed out: %+v, whole %q", out, full.ViewBox)
		}

		// A plain wheel scrolls the page; Ctrl with the wheel (or a
		// trackpad's pinch) zooms; a drag pans the zoomed map.
		wheel := func(ctrl bool) string {
			return eval[string](t, ctx, fmt.Sprintf(`(() => { const svg = document.querySelector("svg.incident-map"), r = svg.getBoundingClientRect();
				svg.dispatchEvent(new WheelEvent("wheel", {deltaY: -300, ctrlKey: %t, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true}));
				return svg.getAttribute("viewBox"); })()`, ctrl))
		}
		if vb := wheel(false); vb != full.ViewBox {
			t.Errorf("a plain wheel zoomed the map: %q", vb)
		}
		zoomedIn := wheel(true)
		if zoomedIn == full.ViewBox {
			t.Error("Ctrl+wheel did not zoom")
		}
		panned := eval[string](t, ctx, `(() => { const svg = document.querySelector("svg.incident-map"), r = svg.getBoundingClientRect();
			const at = (type, x) => svg.dispatchEvent(new PointerEvent(type, {pointerId: 7, isPrimary: true, clientX: x, clientY: r.top + r.height / 2, bubbles: true}));
			const x0 = r.left + r.width / 2;
			at("pointerdown", x0); at("pointermove", x0 + 20); at("pointermove", x0 + 60); at("pointerup", x0 + 60);
			return svg.getAttribute("viewBox"); })()`)
		var x0, x1 float64
		fmt.Sscan(zoomedIn, &x0)
		fmt.Sscan(panned, &x1)
		if !(x1 < x0) {
			t.Errorf("dragging right did not move the view west: %q to %q", zoomedIn, panned)
		}
	})
}
