package ingest

import "testing"

func TestLocate(t *testing.T) {
	g := DefaultGazetteer()
	at := func(id string) [2]float64 {
		e := g.Lookup(id)
		if e == nil || !e.Place() {
			t.Fatalf("gazetteer has no place %q", id)
		}
		return [2]float64{*e.Lat, *e.Lon}
	}
	for _, tc := range []struct {
		name string
		want string // gazetteer id; "" not located
	}{
		{"Kurram", "kurram"},
		{"Kurram, Pakistan", "kurram"},          // a country has no point
		{"near Torkham", "torkham"},             // words around a name
		{"Torkham, Khyber district", "torkham"}, // a town in its district
		{"Spin Boldak", "spin-boldak-district"}, // crossing and district at one point
		{"between Chaman and Torkham", ""},      // two places apart
		{"Kabul, Kurram", ""},                   // a town and a district far from it
		{"Kurram and Bajaur", ""},               // two districts
		{"Pakistan–Afghanistan border", ""},     // countries only
		{"a village no gazetteer lists", ""},    // nothing
		{"", ""},
	} {
		lat, lon, ok := g.Locate(tc.name)
		switch {
		case tc.want == "" && ok:
			t.Errorf("Locate(%q) = %v, %v; want not located", tc.name, lat, lon)
		case tc.want != "" && (!ok || [2]float64{lat, lon} != at(tc.want)):
			t.Errorf("Locate(%q) = %v, %v, %v; want %s %v", tc.name, lat, lon, ok, tc.want, at(tc.want))
		}
	}
}

func FuzzLocate(f *testing.F) {
	for _, s := range []string{"Kurram", "near Torkham, Khyber", "Chaman and Spin Boldak", "کرم", "\xff\xfe"} {
		f.Add(s)
	}
	g := DefaultGazetteer()
	f.Fuzz(func(t *testing.T, name string) {
		lat, lon, ok := g.Locate(name)
		if !ok {
			if lat != 0 || lon != 0 {
				t.Fatalf("not located but %v, %v", lat, lon)
			}
			return
		}
		// A located name is a gazetteer place's point, never a mix.
		for _, e := range g.Entries {
			if e.Place() && *e.Lat == lat && *e.Lon == lon {
				return
			}
		}
		t.Fatalf("Locate(%q) = %v, %v: no gazetteer place is there", name, lat, lon)
	})
}
