package web

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/truce-dev/truce"
)

// roundTrip is what decodeItem stands in for: the item through JSON.
func roundTrip(t *testing.T, raw map[string]any) (item, error) {
	t.Helper()
	var it item
	b, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	err = json.Unmarshal(b, &it)
	return it, err
}

// TestDecodeItem: every item of every list of the fixture, read from the
// real store, decodes field by field to what the JSON round trip gives.
func TestDecodeItem(t *testing.T) {
	f := newFixture(t)
	n := 0
	for _, list := range truce.Lists {
		p, err := f.store.List(context.Background(), truce.Query{List: list, Limit: truce.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		for _, raw := range p.Items {
			want, err := roundTrip(t, raw)
			if err != nil {
				t.Fatal(err)
			}
			var got item
			if !decodeItem(raw, &got) {
				t.Errorf("%s item %v: decodeItem gave up on the store's own item", list, raw["index"])
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s item %v:\n got %+v\nwant %+v", list, raw["index"], got, want)
			}
			n++
		}
	}
	if n < 10 {
		t.Fatalf("only %d items decoded: the fixture's lists are not what this test expects", n)
	}
}

// TestDecodeItemKeys: decodeItem reads every field of item by its JSON
// name (a field it did not know would send every item through JSON).
func TestDecodeItemKeys(t *testing.T) {
	for k := range itemKeys {
		var it item
		if !decodeItem(map[string]any{k: nil}, &it) {
			t.Errorf("decodeItem does not read %q", k)
		}
	}
}

// TestDecodeItemGivesUp: what decodeItem cannot read as the round trip
// would, it leaves to the round trip, and decodeItems gives the same
// items or the same refusal.
func TestDecodeItemGivesUp(t *testing.T) {
	for _, raw := range []map[string]any{
		{"index": "7"},           // a number as a string: refused
		{"index": float64(1e21)}, // written with an exponent: refused
		{"index": float64(-1)},   // refused
		{"index": 1.5},           // refused
		{"Title": "Round 1"},     // another case: taken
		{"place": map[string]any{"Name": "Chaman"}},
		{"figures": []any{map[string]any{"Count": float64(3)}}},
		{"actors": []any{"A", float64(2)}}, // refused
		{"claims": []any{nil}},             // null in an array of numbers: 0
		{"signers": json.RawMessage(`["a","b"]`), "quoted": "yes"},
	} {
		var it item
		if decodeItem(raw, &it) {
			t.Errorf("%v: decodeItem read it", raw)
		}
		want, wantErr := roundTrip(t, raw)
		got, err := decodeItems([]map[string]any{raw})
		switch {
		case wantErr != nil:
			if err == nil {
				t.Errorf("%v: decoded, the round trip refuses it: %v", raw, wantErr)
			}
		case err != nil:
			t.Errorf("%v: %v", raw, err)
		case !reflect.DeepEqual(got[0], want):
			t.Errorf("%v:\n got %+v\nwant %+v", raw, got[0], want)
		}
	}
}
