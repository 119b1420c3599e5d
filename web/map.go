package web

// How to call the map (for web.go's /incidents handler):
//
//	html := renderMap(l.code, incidents) // before writing #incidents-data
//
// renderMap (set in this file's init) returns the contents of
// <figure id="incident-map">: an inline <svg> (base map, one link per
// mapped incident) and a <figcaption> (legend, the de facto boundary note,
// and links to the incidents the map cannot place). It fills in Place.Lat
// and Place.Lon of each incident whose place the gazetteer locates, so the
// JSON written after it carries the same coordinates. It needs no
// JavaScript; the page loads {{asset "map/map.js"}} (a module: zoom, pan,
// clustering) and {{asset "map/map.css"}}.
//
// Its interface strings are catalog messages with ids "map.*", in
// web/internal/basemap/i18n/map.TAG.json, loaded into the site's bundle by
// init below (they may move into web/i18n/TAG.json; then drop the loader).

import (
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/truce-dev/truce/ingest"
	"github.com/truce-dev/truce/web/internal/basemap"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// init loads the map's catalogs (web/internal/basemap/i18n) into the
// site's bundle; a translator adds a language there beside web/i18n.
func init() {
	renderMap = drawMap
	files, err := fs.Glob(basemap.Messages, "i18n/*.json")
	if err != nil || len(files) == 0 {
		panic(fmt.Sprintf("web: map catalogs: %v (%d files)", err, len(files)))
	}
	for _, f := range files {
		if _, err := bundle.LoadMessageFileFS(basemap.Messages, f); err != nil {
			panic(fmt.Sprintf("web: map catalog %s: %v", f, err))
		}
	}
}

// precisions are the place precisions of docs/schema/incident.json.
var precisions = []string{"exact", "near", "district", "region", "country"}

// ringKm is how far from its point an incident may have happened, by the
// place's precision: the radius of its precision ring. A district of the
// border areas is some 60 km across; a region (a province, "the border
// area") some 150 km; a country is drawn at its widest ring, which tells
// the reader the point is not a place.
var ringKm = map[string]float64{
	"near":     10,
	"district": 30,
	"region":   80,
	"country":  250,
}

const (
	dotR     = 6.0 // the point's radius, viewBox units
	minRingR = dotR + 5
)

// drawMap is renderMap: see the top of this file.
func drawMap(lang string, incidents []mapIncident) template.HTML {
	l := locales[lang]
	if l == nil {
		l = locales["en"]
	}
	gaz := ingest.DefaultGazetteer()
	type marker struct {
		inc  *mapIncident
		x, y float64
		r    float64 // precision ring radius; 0: exact
	}
	var markers []marker
	var noCoords, outside []*mapIncident
	for i := range incidents {
		inc := &incidents[i]
		p := &inc.Place
		if p.Lat == nil || p.Lon == nil {
			lat, lon, ok := gaz.Locate(p.Name)
			if !ok {
				noCoords = append(noCoords, inc)
				continue
			}
			p.Lat, p.Lon = &lat, &lon
		}
		if !basemap.Inside(*p.Lon, *p.Lat) {
			outside = append(outside, inc)
			continue
		}
		x, y := basemap.Project(*p.Lon, *p.Lat)
		m := marker{inc: inc, x: x, y: y}
		if km, ok := ringKm[p.Precision]; ok {
			m.r = math.Max(km/basemap.KmPerUnit, minRingR)
		}
		markers = append(markers, m)
	}
	// The widest rings first, so smaller ones and every point stay on top
	// and can be clicked.
	sort.SliceStable(markers, func(i, j int) bool { return markers[i].r > markers[j].r })

	words := mapWords(l)
	var b strings.Builder
	base := baseLayer(l)
	b.Grow(len(base) + 8_000 + 800*len(markers))
	esc := template.HTMLEscapeString
	w, h := basemap.Width, basemap.Height
	fmt.Fprintf(&b, `<svg class="incident-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" role="group" aria-labelledby="incident-map-title" data-zoom-in="%s" data-zoom-out="%s" data-reset="%s" data-cluster="%s">`,
		f1(w), f1(h), esc(l.T("map.zoomin")), esc(l.T("map.zoomout")), esc(l.T("map.reset")), esc(l.T("map.cluster")))
	fmt.Fprintf(&b, `<title id="incident-map-title">%s</title>`, esc(l.T("map.title")))
	b.WriteString(base)

	b.WriteString(`<g class="map-markers">`)
	for _, m := range markers {
		label := incidentLabel(l, words, m.inc)
		fmt.Fprintf(&b, `<a class="map-marker" href="/incidents/%d" data-index="%d" data-precision="%s" data-x="%s" data-y="%s" aria-label="%s"><title>%s</title>`,
			m.inc.Index, m.inc.Index, esc(clean(m.inc.Place.Precision)), f1(m.x), f1(m.y), esc(label), esc(label))
		if m.r > 0 {
			fmt.Fprintf(&b, `<circle class="map-ring" cx="%s" cy="%s" r="%s" fill="#2f4a6d" fill-opacity="0.08" stroke="#2f4a6d" stroke-width="1.2" stroke-dasharray="3 3" vector-effect="non-scaling-stroke"/>`,
				f1(m.x), f1(m.y), f1(m.r))
		}
		fmt.Fprintf(&b, `<circle class="map-dot" cx="%s" cy="%s" r="%s" fill="#2f4a6d" stroke="#fff" stroke-width="1.5" vector-effect="non-scaling-stroke"/></a>`,
			f1(m.x), f1(m.y), f1(dotR))
	}
	b.WriteString(`</g></svg>`)

	// The caption: legend, the boundary note, what is not on the map.
	b.WriteString(`<figcaption class="map-caption"><ul class="map-legend">`)
	fmt.Fprintf(&b, `<li><svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true"><circle cx="10" cy="10" r="4" fill="#2f4a6d" stroke="#fff" stroke-width="1.5"/></svg> %s</li>`, esc(l.T("map.legend.exact")))
	fmt.Fprintf(&b, `<li><svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true"><circle cx="10" cy="10" r="9" fill="#2f4a6d" fill-opacity="0.12" stroke="#2f4a6d" stroke-dasharray="3 3"/><circle cx="10" cy="10" r="4" fill="#2f4a6d" stroke="#fff" stroke-width="1.5"/></svg> %s</li>`, esc(l.T("map.legend.approx")))
	fmt.Fprintf(&b, `<li><svg viewBox="0 0 30 10" width="30" height="10" aria-hidden="true"><path d="M0 5h30" stroke="#3d3a35" stroke-width="1.6" stroke-dasharray="6 4"/></svg> %s</li>`, esc(l.T("map.defacto")))
	fmt.Fprintf(&b, `</ul><p class="map-note">%s</p>`, esc(l.T("map.note")))
	if len(noCoords)+len(outside) > 0 {
		fmt.Fprintf(&b, `<p class="map-unmapped">%s</p><ul class="map-unmapped-list">`, esc(l.T("map.unmapped")))
		for _, set := range []struct {
			incs []*mapIncident
			why  string
		}{{noCoords, "map.nocoords"}, {outside, "map.outside"}} {
			for _, inc := range set.incs {
				fmt.Fprintf(&b, `<li><a href="/incidents/%d">%s</a> (%s)</li>`, inc.Index, esc(incidentLabel(l, words, inc)), esc(l.T(set.why)))
			}
		}
		b.WriteString(`</ul>`)
	}
	b.WriteString(`</figcaption>`)
	return template.HTML(b.String())
}

// baseLayers caches, per language, the base map's markup: the same for
// every page, and most of the map's bytes.
var baseLayers sync.Map // locale code → string

// baseLayer is the base map's markup in l's language.
func baseLayer(l *locale) string {
	if s, ok := baseLayers.Load(l.code); ok {
		return s.(string)
	}
	bm := basemap.Load()
	esc := template.HTMLEscapeString
	w, h := basemap.Width, basemap.Height
	var b strings.Builder
	// The base map: decoration for a screen reader, which has the list.
	b.WriteString(`<g class="map-base" aria-hidden="true">`)
	fmt.Fprintf(&b, `<rect class="map-sea" width="%s" height="%s" fill="#dfe7ec"/>`, f1(w), f1(h))
	for _, c := range bm.Countries {
		fill := "#e6e2da"
		if c.Focus {
			fill = "#f7f5f0"
		}
		fmt.Fprintf(&b, `<path class="map-country" data-id="%s" fill="%s" d="%s"/>`, esc(c.ID), fill, c.D)
	}
	fmt.Fprintf(&b, `<path class="map-provinces" fill="none" stroke="#bdb6a8" stroke-width="0.8" vector-effect="non-scaling-stroke" d="%s"/>`, bm.Provinces)
	fmt.Fprintf(&b, `<path class="map-borders" fill="none" stroke="#6f6a60" stroke-width="1.2" vector-effect="non-scaling-stroke" d="%s"/>`, bm.Borders)
	// The de facto boundary: a light casing under dashes, so the gaps read
	// as gaps over any fill.
	fmt.Fprintf(&b, `<path class="map-defacto-casing" fill="none" stroke="#f7f5f0" stroke-width="3" vector-effect="non-scaling-stroke" d="%s"/>`, bm.DeFacto)
	fmt.Fprintf(&b, `<path class="map-defacto" fill="none" stroke="#3d3a35" stroke-width="1.6" stroke-dasharray="6 4" vector-effect="non-scaling-stroke" d="%s"/>`, bm.DeFacto)
	regions := display.Regions(l.tag)
	b.WriteString(`<g class="map-country-labels" font-size="18" fill="#6f6a60" text-anchor="middle" font-family="sans-serif">`)
	for _, c := range bm.Countries {
		if c.LabelX == 0 {
			continue
		}
		name := c.Name
		if r, err := language.ParseRegion(c.ID); err == nil {
			if n := regions.Name(r); n != "" {
				name = n
			}
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s">%s</text>`, f1(c.LabelX), f1(c.LabelY), esc(name))
	}
	b.WriteString(`</g>`)
	// Province names only show when map.js has zoomed in far enough to
	// read them.
	b.WriteString(`<g class="map-province-labels" font-size="9" fill="#8a8478" text-anchor="middle" font-family="sans-serif" visibility="hidden">`)
	for _, p := range bm.ProvinceNames {
		name := p.Names[l.code]
		if name == "" {
			name = p.Names["en"]
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s">%s</text>`, f1(p.X), f1(p.Y), esc(name))
	}
	b.WriteString(`</g>`)
	dl := bm.DeFactoLabel
	fmt.Fprintf(&b, `<text class="map-defacto-label" x="%s" y="%s" dy="-6" transform="rotate(%s %s %s)" font-size="14" font-style="italic" fill="#3d3a35" text-anchor="middle" font-family="sans-serif" stroke="#f7f5f0" stroke-width="3" paint-order="stroke">%s</text>`,
		f1(dl.X), f1(dl.Y), f1(dl.Angle), f1(dl.X), f1(dl.Y), esc(l.T("map.defacto")))
	b.WriteString(`</g>`)

	s, _ := baseLayers.LoadOrStore(l.code, b.String())
	return s.(string)
}

// mapWords are the words a marker's label uses, looked up once a map:
// the precisions by name, and "incident" for "incident {n}".
func mapWords(l *locale) map[string]string {
	w := map[string]string{"incident": l.T("map.incident")}
	for _, p := range precisions {
		w[p] = l.T("map.precision." + p)
	}
	return w
}

// incidentLabel names an incident in a marker's title and a screen
// reader's link: what, where with the place's precision, when, its status.
// Event type, place and date are shown as recorded.
func incidentLabel(l *locale, words map[string]string, inc *mapIncident) string {
	prec := inc.Place.Precision
	if w, ok := words[prec]; ok {
		prec = w
	}
	parts := []string{inc.EventType, inc.Place.Name + " (" + prec + ")", l.Digits(inc.Date)}
	if inc.Status != "" {
		parts = append(parts, inc.Status)
	}
	for i, p := range parts {
		parts[i] = clean(p)
	}
	parts = append(parts, strings.Replace(words["incident"], "{n}", l.Digits(strconv.FormatUint(inc.Index, 10)), 1))
	return strings.Join(parts, " · ")
}

// clean makes recorded text safe to place in markup once escaped: valid
// UTF-8, and no control character (XML forbids them, and a reader could not
// see them).
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r == utf8.RuneError {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// f1 writes a coordinate with at most one decimal.
func f1(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }
