package ingest

import "math"

// Locate gives the coordinates of the place an incident's place name
// designates, from the gazetteer. Names of actors and countries carry no
// coordinates and are passed over, so "Kurram, Pakistan" is Kurram. Where
// the name holds a town or crossing and the district around it ("Torkham,
// Khyber district"), the town is the place. A name that designates two
// places apart ("between Chaman and Torkham"), or a town and a district far
// from it, is not located: a point between them would draw a place no
// source named.
func (g *Gazetteer) Locate(name string) (lat, lon float64, ok bool) {
	var points, districts []*Entry
	for _, m := range g.Find(name) {
		switch e := m.Entry; {
		case !e.Place():
		case e.Kind == "district":
			districts = append(districts, e)
		default:
			points = append(points, e)
		}
	}
	candidates := points
	if len(points) == 0 {
		candidates = districts
	}
	if len(candidates) == 0 {
		return 0, 0, false
	}
	lat, lon = *candidates[0].Lat, *candidates[0].Lon
	for _, e := range candidates[1:] {
		if *e.Lat != lat || *e.Lon != lon {
			return 0, 0, false
		}
	}
	if len(points) > 0 {
		for _, d := range districts {
			if km(lat, lon, *d.Lat, *d.Lon) > districtKm {
				return 0, 0, false
			}
		}
	}
	return lat, lon, true
}

// districtKm is how far from a district's recorded point a town may lie and
// still be taken as inside it: the border districts the gazetteer lists are
// under 100 km across.
const districtKm = 60

// km is the great-circle distance between two points (haversine).
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}
