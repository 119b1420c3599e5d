package truce

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"sync"
)

// Fields holds the body fields that the rules and the projection look at,
// decoded from any record type's body; each type fills some of them.
type Fields struct {
	ID          string   `json:"id"`
	Role        string   `json:"role"`
	Party       string   `json:"party"`
	Name        string   `json:"name"`
	Key         string   `json:"key"`
	Status      string   `json:"status"`
	Start       string   `json:"start"`
	Date        string   `json:"date"`
	Published   string   `json:"published"`
	Deadline    string   `json:"deadline"`
	Due         string   `json:"due"`
	Obligor     string   `json:"obligor"`
	Beneficiary string   `json:"beneficiary"`
	Violator    string   `json:"violator"`
	To          []string `json:"to"`
	Category    string   `json:"category"`
	EventType   string   `json:"event_type"`
	Kind        string   `json:"kind"`
	Place       *struct {
		Name string `json:"name"`
	} `json:"place"`
	Speaker string   `json:"speaker"`
	Text    string   `json:"text"`
	Title   string   `json:"title"`
	Outlet  string   `json:"outlet"`
	SHA256  string   `json:"sha256"`
	Size    int64    `json:"size"` // an evidence file's
	Figures []Figure `json:"figures"`
	// A witness policy's witnesses and quorum.
	Witnesses []struct {
		Name string `json:"name"`
		Key  string `json:"key"`
	} `json:"witnesses"`
	Quorum int `json:"quorum"`
	// Refs to earlier log indices.
	Round         *uint64         `json:"round"`
	Violates      []uint64        `json:"violates"`
	Source        *uint64         `json:"source"`
	About         []uint64        `json:"about"`
	TranslationOf *uint64         `json:"translation_of"`
	SameStatement *uint64         `json:"same_statement"` // a source's
	Subject       *uint64         `json:"subject"`
	Evidence      []uint64        `json:"evidence"`
	Request       *uint64         `json:"request"`
	Commitments   []uint64        `json:"commitments"`
	Basis         []uint64        `json:"basis"`
	Target        *uint64         `json:"target"`
	Replacement   json.RawMessage `json:"replacement"`
}

// Figure is a count a claim asserts.
type Figure struct {
	What         string `json:"what"`
	Count        int64  `json:"count"`
	Qualifier    string `json:"qualifier"`
	AttributedTo string `json:"attributed_to"`
}

// DecodeFields decodes the fields of a record's body.
func DecodeFields(body []byte) (*Fields, error) {
	var f Fields
	if err := json.Unmarshal(body, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// fieldsOf reads a body's fields from v, the body as the schema checked
// it (jsonschema.UnmarshalJSON: exact numbers as json.Number), exactly as
// DecodeFields reads them from its bytes (FuzzFieldsOf holds the two
// equal), so that the body is not decoded a second time. Written by hand
// over Fields' own json tags: encoding/json decodes bytes, not values.
func fieldsOf(v any, body []byte) (*Fields, error) {
	var f Fields
	raw, err := assign(reflect.ValueOf(&f).Elem(), v)
	if err != nil {
		return nil, refuse(Invalid, "body", "%v", err)
	}
	if raw {
		// The bytes of a replacement are the record's own, as signed.
		var r struct {
			Replacement json.RawMessage `json:"replacement"`
		}
		if err := json.Unmarshal(body, &r); err != nil {
			return nil, refuse(Invalid, "body", "%v", err)
		}
		f.Replacement = r.Replacement
	}
	return &f, nil
}

var rawMessage = reflect.TypeFor[json.RawMessage]()

// structNames caches each struct type's fields' JSON names: reading
// them from the tags for every body was half of fieldsOf's time.
var structNames sync.Map // reflect.Type → []string

// jsonNames lists the JSON names of t's fields, in field order.
func jsonNames(t reflect.Type) []string {
	if names, ok := structNames.Load(t); ok {
		return names.([]string)
	}
	names := make([]string, t.NumField())
	for i := range names {
		names[i] = t.Field(i).Tag.Get("json")
	}
	structNames.Store(t, names)
	return names
}

// assign sets dst from v as encoding/json would from v's JSON; raw
// reports a json.RawMessage left for the caller to fill from the bytes.
func assign(dst reflect.Value, v any) (raw bool, err error) {
	if v == nil {
		return false, nil // null leaves the zero value, as encoding/json does
	}
	if dst.Type() == rawMessage {
		return true, nil
	}
	mismatch := func() (bool, error) {
		return false, fmt.Errorf("cannot read %T as %v", v, dst.Type())
	}
	switch dst.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return mismatch()
		}
		dst.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return mismatch()
		}
		dst.SetBool(b)
	case reflect.Int, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return mismatch()
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || dst.OverflowInt(i) {
			return mismatch()
		}
		dst.SetInt(i)
	case reflect.Uint64:
		n, ok := v.(json.Number)
		if !ok {
			return mismatch()
		}
		u, err := strconv.ParseUint(string(n), 10, 64)
		if err != nil {
			return mismatch()
		}
		dst.SetUint(u)
	case reflect.Pointer:
		p := reflect.New(dst.Type().Elem())
		raw, err := assign(p.Elem(), v)
		if err != nil {
			return raw, err
		}
		dst.Set(p)
		return raw, nil
	case reflect.Slice:
		a, ok := v.([]any)
		if !ok {
			return mismatch()
		}
		s := reflect.MakeSlice(dst.Type(), len(a), len(a))
		for i, x := range a {
			r, err := assign(s.Index(i), x)
			if err != nil {
				return false, err
			}
			raw = raw || r
		}
		dst.Set(s)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return mismatch()
		}
		for i, name := range jsonNames(dst.Type()) {
			x, ok := m[name]
			if !ok {
				continue
			}
			r, err := assign(dst.Field(i), x)
			if err != nil {
				return false, fmt.Errorf("%s: %v", name, err)
			}
			raw = raw || r
		}
	default:
		return mismatch()
	}
	return raw, nil
}
