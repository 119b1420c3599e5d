package web

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
)

// The projection's items are maps of what encoding/json decodes (string,
// float64, bool, []any, map[string]any) and what the store adds (int64,
// json.RawMessage). decodeItem reads them into an item field by field:
// the JSON round trip it stands in for took an eighth of a list page's
// time (bench/README.md, issue 15). Written by hand: no decoder of
// map[string]any into structs is faster than a JSON round trip by much,
// and this one must give exactly what the round trip gives. Anything it
// does not expect (a value of another type, a number no field can hold, a
// key naming a field in another case, a field it does not know) makes it
// give up, and the item goes through JSON as before; TestDecodeItem keeps
// the two equal on every list's items.

// itemKeys are the lowercased JSON names of item's fields: a key among
// them that decodeItem does not handle sends the item through JSON.
var itemKeys = func() map[string]bool {
	out := map[string]bool{}
	t := reflect.TypeFor[item]()
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		out[strings.ToLower(name)] = true
	}
	return out
}()

// decoder reads one item's values; ok turns false at the first value it
// cannot read as the round trip would.
type decoder struct{ ok bool }

func (d *decoder) str(v any, dst *string) {
	switch s := v.(type) {
	case nil:
	case string:
		*dst = s
	default:
		d.ok = false
	}
}

func (d *decoder) boolean(v any, dst *bool) {
	switch b := v.(type) {
	case nil:
	case bool:
		*dst = b
	default:
		d.ok = false
	}
}

func (d *decoder) uint(v any) uint64 {
	switch n := v.(type) {
	case int64:
		if n >= 0 {
			return uint64(n)
		}
	case uint64:
		return n
	case float64:
		// json.Marshal writes 1e21 and up with an exponent, which an
		// integer field refuses; below it, whole numbers are plain digits.
		if !math.Signbit(n) && n < 1e21 && n == math.Trunc(n) && n < math.MaxUint64 {
			return uint64(n)
		}
	}
	d.ok = false
	return 0
}

func (d *decoder) u64(v any, dst *uint64) {
	if v != nil {
		*dst = d.uint(v)
	}
}

func (d *decoder) ptr(v any, dst **uint64) {
	if v != nil {
		n := d.uint(v)
		*dst = &n
	}
}

func (d *decoder) float(v any) float64 {
	switch n := v.(type) {
	case float64:
		return n
	case int64:
		return float64(n)
	}
	d.ok = false
	return 0
}

func (d *decoder) floatPtr(v any, dst **float64) {
	if v != nil {
		f := d.float(v)
		*dst = &f
	}
}

// list calls fn for each element of a JSON array value; nil leaves the
// field nil, as the round trip does.
func (d *decoder) list(v any, fn func(any)) bool {
	switch l := v.(type) {
	case nil:
		return false
	case []any:
		for _, x := range l {
			fn(x)
		}
		return true
	}
	d.ok = false
	return false
}

func (d *decoder) strs(v any, dst *[]string) {
	if raw, ok := v.(json.RawMessage); ok {
		// The store's signers: a JSON array it wrote.
		if json.Unmarshal(raw, dst) != nil {
			d.ok = false
		}
		return
	}
	out := []string{}
	if d.list(v, func(x any) {
		var s string
		d.str(x, &s)
		out = append(out, s)
	}) {
		*dst = out
	}
}

func (d *decoder) uints(v any, dst *[]uint64) {
	out := []uint64{}
	if d.list(v, func(x any) { out = append(out, d.uint(x)) }) {
		*dst = out
	}
}

// object calls fn for each key of a JSON object value.
func (d *decoder) object(v any, fn func(k string, x any)) {
	m, ok := v.(map[string]any)
	if !ok {
		d.ok = false
		return
	}
	for k, x := range m {
		fn(k, x)
	}
}

// objects decodes an array of objects into *dst, each key by fn, which
// says whether it took the key.
func objects[T any](d *decoder, v any, dst *[]T, fn func(k string, x any, t *T) bool) {
	out := []T{}
	if d.list(v, func(x any) {
		var t T
		if x != nil {
			d.object(x, func(k string, y any) {
				// A field's name in another case: the round trip would
				// fill the field (fn takes a nil value without effect).
				if !fn(k, y, &t) && strings.ToLower(k) != k && fn(strings.ToLower(k), nil, new(T)) {
					d.ok = false
				}
			})
		}
		out = append(out, t)
	}) {
		*dst = out
	}
}

// decodeItem reads raw into it; false when raw needs the round trip.
func decodeItem(raw map[string]any, it *item) bool {
	d := &decoder{ok: true}
	for k, v := range raw {
		switch k {
		case "index":
			d.u64(v, &it.Index)
		case "type":
			d.str(v, &it.Type)
		case "created":
			d.str(v, &it.Created)
		case "status":
			d.str(v, &it.Status)
		case "signers":
			d.strs(v, &it.Signers)
		case "corrected_by":
			d.ptr(v, &it.CorrectedBy)
		case "title":
			d.str(v, &it.Title)
		case "venue":
			d.str(v, &it.Venue)
		case "start":
			d.str(v, &it.Start)
		case "end":
			d.str(v, &it.End)
		case "date_precision":
			d.str(v, &it.DatePrecision)
		case "participants":
			d.strs(v, &it.Participants)
		case "mediators":
			d.strs(v, &it.Mediators)
		case "outcome":
			d.str(v, &it.Outcome)
		case "obligor":
			d.str(v, &it.Obligor)
		case "beneficiary":
			d.str(v, &it.Beneficiary)
		case "text":
			d.str(v, &it.Text)
		case "category":
			d.str(v, &it.Category)
		case "criteria":
			d.str(v, &it.Criteria)
		case "deadline":
			d.str(v, &it.Deadline)
		case "round":
			d.ptr(v, &it.Round)
		case "breached_by":
			objects(d, v, &it.BreachedBy, func(k string, x any, b *breach) bool {
				switch k {
				case "finding":
					d.u64(x, &b.Finding)
				case "violator":
					d.str(x, &b.Violator)
				case "decision":
					d.str(x, &b.Decision)
				case "penalty":
					d.str(x, &b.Penalty)
				default:
					return false
				}
				return true
			})
		case "event_type":
			d.str(v, &it.EventType)
		case "sub_event_type":
			d.str(v, &it.SubEventType)
		case "date":
			d.str(v, &it.Date)
		case "place":
			if v != nil {
				d.object(v, func(k string, x any) {
					switch k {
					case "name":
						d.str(x, &it.Place.Name)
					case "lat":
						d.floatPtr(x, &it.Place.Lat)
					case "lon":
						d.floatPtr(x, &it.Place.Lon)
					case "precision":
						d.str(x, &it.Place.Precision)
					default:
						if l := strings.ToLower(k); l != k && (l == "name" || l == "lat" || l == "lon" || l == "precision") {
							d.ok = false
						}
					}
				})
			}
		case "actors":
			d.strs(v, &it.Actors)
		case "description":
			d.str(v, &it.Description)
		case "violates":
			d.uints(v, &it.Violates)
		case "figures":
			objects(d, v, &it.Figures, func(k string, x any, f *figure) bool {
				switch k {
				case "claim":
					d.u64(x, &f.Claim)
				case "speaker":
					d.str(x, &f.Speaker)
				case "what":
					d.str(x, &f.What)
				case "count":
					if x != nil {
						f.Count = d.float(x)
					}
				case "qualifier":
					d.str(x, &f.Qualifier)
				case "attributed_to":
					d.str(x, &f.AttributedTo)
				default:
					return false
				}
				return true
			})
		case "replies":
			objects(d, v, &it.Replies, func(k string, x any, r *reply) bool {
				switch k {
				case "index":
					d.u64(x, &r.Index)
				case "speaker":
					d.str(x, &r.Speaker)
				case "text":
					d.str(x, &r.Text)
				case "party":
					d.str(x, &r.Party)
				default:
					return false
				}
				return true
			})
		case "claims":
			d.uints(v, &it.Claims)
		case "speaker":
			d.str(v, &it.Speaker)
		case "role":
			d.str(v, &it.Role)
		case "quoted":
			d.boolean(v, &it.Quoted)
		case "language":
			d.str(v, &it.Language)
		case "source":
			d.ptr(v, &it.Source)
		case "about":
			d.uints(v, &it.About)
		case "translation_of":
			d.ptr(v, &it.TranslationOf)
		case "outlet":
			d.str(v, &it.Outlet)
		case "published":
			d.str(v, &it.Published)
		case "sha256":
			d.str(v, &it.SHA256)
		case "url":
			d.str(v, &it.URL)
		case "text_sha256":
			d.str(v, &it.TextSHA256)
		case "text_public":
			d.boolean(v, &it.TextPublic)
		case "same_statement":
			d.ptr(v, &it.SameStatement)
		case "to":
			d.strs(v, &it.To)
		case "kind":
			d.str(v, &it.Kind)
		case "due":
			d.str(v, &it.Due)
		case "responses":
			objects(d, v, &it.Responses, func(k string, x any, r *response) bool {
				switch k {
				case "index":
					d.u64(x, &r.Index)
				case "status":
					d.str(x, &r.Status)
				case "text":
					d.str(x, &r.Text)
				case "signers":
					d.strs(x, &r.Signers)
				default:
					return false
				}
				return true
			})
		case "violator":
			d.str(v, &it.Violator)
		case "commitments":
			d.uints(v, &it.Commitments)
		case "basis":
			d.uints(v, &it.Basis)
		case "decision":
			d.str(v, &it.Decision)
		case "penalty":
			d.str(v, &it.Penalty)
		default:
			// A field this switch does not know, or a known one spelt in
			// another case: the round trip decides.
			if itemKeys[strings.ToLower(k)] {
				return false
			}
		}
		if !d.ok {
			return false
		}
	}
	return true
}
