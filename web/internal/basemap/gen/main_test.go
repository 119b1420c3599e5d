package main

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// TestEmbeddedIsGenerated: the committed basemap.json is what gen makes of
// the vendored data, so nobody edits it by hand and nothing is lost when
// it is regenerated.
func TestEmbeddedIsGenerated(t *testing.T) {
	m, err := build("../third_party")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("../basemap.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, b.Bytes()) {
		t.Fatalf("web/internal/basemap/basemap.json (%d bytes) differs from what gen builds (%d bytes): run go generate ./web/internal/basemap", len(have), b.Len())
	}
}

func TestNum(t *testing.T) {
	for n, want := range map[int]string{0: "0", 12: "1.2", -5: "-.5", 5: ".5", 30: "3", -301: "-30.1"} {
		if got := num(n); got != want {
			t.Errorf("num(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestClip(t *testing.T) {
	// A square straddling the frame's west edge keeps its inside half.
	sq := []pt{{-100, 100}, {100, 100}, {100, 200}, {-100, 200}}
	got := clipPolygon(sq)
	for _, p := range got {
		if p.x < minX-1e-9 {
			t.Fatalf("clipped ring has %v outside the frame", p)
		}
	}
	if len(got) != 4 {
		t.Errorf("clipped square has %d corners: %v", len(got), got)
	}
	// A line leaving and re-entering the frame splits in two.
	ls := clipLine([]pt{{10, 10}, {-50, 10}, {-50, 20}, {10, 20}})
	if len(ls) != 2 {
		t.Errorf("clipLine gave %d pieces: %v", len(ls), ls)
	}
	if clipPolygon([]pt{{-100, -100}, {-50, -100}, {-50, -50}}) != nil {
		t.Error("a ring outside the frame survived clipping")
	}
}
