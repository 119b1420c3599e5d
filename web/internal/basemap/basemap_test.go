package basemap_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/truce-dev/truce/ingest"
	"github.com/truce-dev/truce/web/internal/basemap"
)

func TestProjectFrame(t *testing.T) {
	for _, tc := range []struct{ lon, lat, x, y float64 }{
		{basemap.West, basemap.North, 0, 0},
		{basemap.East, basemap.South, basemap.Width, basemap.Height},
		{basemap.West, basemap.South, 0, basemap.Height},
	} {
		x, y := basemap.Project(tc.lon, tc.lat)
		if math.Abs(x-tc.x) > 1e-9 || math.Abs(y-tc.y) > 1e-9 {
			t.Errorf("Project(%v, %v) = %v, %v; want %v, %v", tc.lon, tc.lat, x, y, tc.x, tc.y)
		}
	}
	// One degree of latitude is 111 km; at the middle latitude one degree
	// of longitude is 111 km × cos(31°) ≈ 95 km: both must come out right.
	_, y0 := basemap.Project(70, 31)
	_, y1 := basemap.Project(70, 32)
	if km := (y0 - y1) * basemap.KmPerUnit; math.Abs(km-111.3) > 2 {
		t.Errorf("a degree of latitude spans %.1f km on the map", km)
	}
	x0, _ := basemap.Project(70, 31)
	x1, _ := basemap.Project(71, 31)
	if km := (x1 - x0) * basemap.KmPerUnit; math.Abs(km-95.4) > 2 {
		t.Errorf("a degree of longitude at 31°N spans %.1f km on the map", km)
	}
	if basemap.Inside(58, 30) || basemap.Inside(70, 40) || !basemap.Inside(69.2, 34.5) {
		t.Error("Inside disagrees with the frame")
	}
}

// parsePath reads the path data gen writes (M, l, z; relative lines) into
// polylines.
func parsePath(t *testing.T, d string) [][][2]float64 {
	t.Helper()
	var out [][][2]float64
	var cur [][2]float64
	var x, y float64
	rel := false
	f := strings.FieldsFunc(strings.NewReplacer("M", " M ", "l", " l ", "z", " z ", "-", " -").Replace(d), func(r rune) bool { return r == ' ' })
	var nums []float64
	flush := func() {
		for i := 0; i+1 < len(nums); i += 2 {
			if rel {
				x, y = x+nums[i], y+nums[i+1]
			} else {
				x, y = nums[i], nums[i+1]
				rel = true // after the move, implicit lines are relative (gen writes "M x y l ...")
			}
			cur = append(cur, [2]float64{x, y})
		}
		nums = nums[:0]
	}
	for _, tok := range f {
		switch tok {
		case "M":
			flush()
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur, rel = nil, false
		case "l":
			flush()
			rel = true
		case "z":
			flush()
		default:
			// ".5.5" does not occur: gen separates every number.
			v, err := strconv.ParseFloat(tok, 64)
			if err != nil {
				t.Fatalf("path number %q: %v", tok, err)
			}
			nums = append(nums, v)
		}
	}
	flush()
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func inside(rings [][][2]float64, x, y float64) bool {
	in := false
	for _, r := range rings {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			if (r[i][1] > y) != (r[j][1] > y) && x < (r[j][0]-r[i][0])*(y-r[i][1])/(r[j][1]-r[i][1])+r[i][0] {
				in = !in
			}
		}
	}
	return in
}

func distToLines(ls [][][2]float64, x, y float64) float64 {
	best := math.Inf(1)
	for _, l := range ls {
		for i := 1; i < len(l); i++ {
			a, b := l[i-1], l[i]
			dx, dy := b[0]-a[0], b[1]-a[1]
			t := math.Max(0, math.Min(1, ((x-a[0])*dx+(y-a[1])*dy)/(dx*dx+dy*dy)))
			best = math.Min(best, math.Hypot(x-a[0]-t*dx, y-a[1]-t*dy))
		}
	}
	return best
}

// TestPlacesFallWhereTheyAre checks the embedded map against the
// gazetteer's coordinates: its cities lie in their countries' areas and its
// border crossings on the de facto line.
func TestPlacesFallWhereTheyAre(t *testing.T) {
	m := basemap.Load()
	area := map[string][][][2]float64{}
	for _, c := range m.Countries {
		area[c.Name] = parsePath(t, c.D)
	}
	g := ingest.DefaultGazetteer()
	at := func(id string) (float64, float64) {
		e := g.Lookup(id)
		if e == nil || !e.Place() {
			t.Fatalf("gazetteer has no place %q", id)
		}
		return basemap.Project(*e.Lon, *e.Lat)
	}
	for id, country := range map[string]string{"kabul": "Afghanistan", "islamabad": "Pakistan", "peshawar": "Pakistan", "kandahar": "Afghanistan", "nangarhar": "Afghanistan", "kurram": "Pakistan"} {
		x, y := at(id)
		if !inside(area[country], x, y) {
			t.Errorf("%s (%.1f, %.1f) is not inside %s's area", id, x, y, country)
		}
		for name, rings := range area {
			if name != country && inside(rings, x, y) {
				t.Errorf("%s (%.1f, %.1f) is inside %s's area too", id, x, y, name)
			}
		}
	}
	line := parsePath(t, m.DeFacto)
	if len(line) != 1 || len(line[0]) < 50 {
		t.Fatalf("the de facto boundary is %d lines; want one line of at least 50 points", len(line))
	}
	// Crossings lie on the boundary; 1:50m data (its vertices some 5 km
	// apart here) and a gazetteer point in the town beside the gate leave
	// up to a dozen kilometres.
	for _, id := range []string{"torkham", "chaman", "ghulam-khan", "angoor-adda", "kharlachi"} {
		x, y := at(id)
		if d := distToLines(line, x, y) * basemap.KmPerUnit; d > 15 {
			t.Errorf("crossing %s is %.1f km from the de facto boundary", id, d)
		}
	}
	// Cities well inside are far from it.
	for _, id := range []string{"kabul", "islamabad"} {
		x, y := at(id)
		if d := distToLines(line, x, y) * basemap.KmPerUnit; d < 60 {
			t.Errorf("%s is %.1f km from the de facto boundary", id, d)
		}
	}
	// The provinces' lines are inside the two countries: no vertex outside
	// the frame, and there are some.
	pl := parsePath(t, m.Provinces)
	if len(pl) < 20 {
		t.Errorf("%d province lines; the two countries have over 35 provinces", len(pl))
	}
	for _, l := range pl {
		for _, p := range l {
			if p[0] < 0 || p[0] > basemap.Width || p[1] < 0 || p[1] > basemap.Height {
				t.Fatalf("province line point %v outside the frame", p)
			}
		}
	}
	dl := m.DeFactoLabel
	if d := distToLines(line, dl.X, dl.Y); d > 1 {
		t.Errorf("the de facto label point is %.1f units off the line", d)
	}
}
