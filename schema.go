package truce

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"github.com/truce-dev/truce/docs"
)

// SchemaBase prefixes the $id of every body schema: the schema of a record
// type T is SchemaBase + T + ".json", and docs/schema/T.json holds it.
const SchemaBase = "https://truce.dev/schema/v1/"

// ValidateBody checks a record's body against the JSON Schema of its type
// (docs/schema/<type>.json). A refusal names the offending value in the
// notation of ParseRecord, prefixed with "body": "body.text" (a missing or
// unknown member is named as if it were there), "body.place.lat",
// "body.figures[0].qualifier", or "body" for the body as a whole. An unknown
// record type is refused on the field "type".
//
// Numbers are decoded exactly (no float64 rounding), so a count of 1.5 or a
// log index of 1e400 is refused, never rounded.
func ValidateBody(recordType string, body []byte) error {
	_, err := checkBody(recordType, body)
	return err
}

// validateBody is ValidateBody, returning the body's fields read from the
// same decoding the schema checked: a submission's body is decoded once.
func validateBody(recordType string, body []byte) (*Fields, error) {
	v, err := checkBody(recordType, body)
	if err != nil {
		return nil, err
	}
	return fieldsOf(v, body)
}

// checkBody decodes a body and checks it against its type's schema.
func checkBody(recordType string, body []byte) (any, error) {
	set := bodySchemas()
	sch, ok := set.compiled[recordType]
	if !ok {
		return nil, refuse(Invalid, "type", "%q is not a record type", recordType)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return nil, refuse(Invalid, "body", "is not valid JSON")
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, refuse(Invalid, "body", "must be a JSON object")
	}
	err = sch.Validate(v)
	if err == nil {
		return v, nil
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return nil, refuse(Invalid, "body", "is not a valid %s body", recordType)
	}
	return nil, set.explain(verr, v)
}

// schemaSet is every body schema, compiled, and the raw documents they were
// compiled from (to read the "if" beside a failing "then", or the bounds
// beside a failing "minimum").
type schemaSet struct {
	compiled map[string]*jsonschema.Schema // by record type
	raw      map[string]any                // by $id
}

var bodySchemas = sync.OnceValue(func() *schemaSet {
	set, err := compileSchemas(docs.Schemas)
	if err != nil {
		// The schemas are embedded in the binary and the tests compile
		// them: this is a build that should never have been made.
		panic("truce: body schemas: " + err.Error())
	}
	return set
})

func compileSchemas(fsys fs.FS) (*schemaSet, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	// In draft 2020-12 "format" is only an annotation unless asked for:
	// we want dates checked against the calendar and URLs parsed.
	c.AssertFormat()
	set := &schemaSet{compiled: map[string]*jsonschema.Schema{}, raw: map[string]any{}}
	for _, t := range recordTypes {
		data, err := fs.ReadFile(fsys, "schema/"+t+".json")
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s.json: %v", t, err)
		}
		id := SchemaBase + t + ".json"
		if m, _ := doc.(map[string]any); m == nil || m["$id"] != id {
			return nil, fmt.Errorf("%s.json: $id is not %s", t, id)
		}
		if err := c.AddResource(id, doc); err != nil {
			return nil, err
		}
		set.raw[id] = doc
	}
	for _, t := range recordTypes {
		sch, err := c.Compile(SchemaBase + t + ".json")
		if err != nil {
			return nil, err
		}
		set.compiled[t] = sch
	}
	return set, nil
}

// problem is one leaf of the validator's error tree, said our way.
type problem struct {
	path  []string // instance location, plus the member a required/unknown error names
	field string
	msg   string
	rank  int // among problems at the same depth, the lowest rank is reported
}

// explain turns the library's error tree into one refusal: the deepest
// problem, so that the message names the real fault rather than "allOf
// failed" at the top.
func (set *schemaSet) explain(verr *jsonschema.ValidationError, v any) *Error {
	var probs []problem
	set.collect(verr, v, &probs)
	if len(probs) == 0 {
		return refuse(Invalid, "body", "is not valid")
	}
	best := slices.MinFunc(probs, func(a, b problem) int {
		if len(a.path) != len(b.path) {
			return len(b.path) - len(a.path) // deeper first
		}
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		if c := strings.Compare(a.field, b.field); c != 0 {
			return c
		}
		return strings.Compare(a.msg, b.msg)
	})
	return refuse(Invalid, best.field, "%s", best.msg)
}

func (set *schemaSet) collect(e *jsonschema.ValidationError, v any, out *[]problem) {
	switch e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		// The branches' errors each describe one alternative; only a
		// message for the whole says what was wanted.
		if msg, ok := namedMessage(e, valueAt(v, e.InstanceLocation)); ok {
			*out = append(*out, set.problem(e, v, nil, msg, 2))
			return
		}
	}
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			set.collect(c, v, out)
		}
		return
	}
	*out = append(*out, set.leaf(e, v))
}

func (set *schemaSet) leaf(e *jsonschema.ValidationError, v any) problem {
	got := valueAt(v, e.InstanceLocation)
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		props := slices.Sorted(slices.Values(k.Properties))
		return set.problem(e, v, []string{props[0]}, "unknown field", 0)
	case *kind.Required:
		msg := "is required"
		if cond := set.condition(e.SchemaURL); cond != "" {
			msg += " for " + cond
		}
		return set.problem(e, v, []string{k.Missing[0]}, msg, 3)
	case *kind.DependentRequired:
		missing := slices.Sorted(slices.Values(k.Missing))
		return set.problem(e, v, []string{missing[0]}, "is required with "+k.Prop, 3)
	case *kind.UniqueItems:
		arr, _ := got.([]any)
		msg := "is listed twice"
		if k.Duplicates[0] < len(arr) {
			msg = display(arr[k.Duplicates[0]]) + " is listed twice"
		}
		return set.problem(e, v, []string{strconv.Itoa(k.Duplicates[1])}, msg, 2)
	}
	if msg, ok := namedMessage(e, got); ok {
		return set.problem(e, v, nil, msg, 2)
	}
	var msg string
	rank := 2
	switch k := e.ErrorKind.(type) {
	case *kind.Type:
		rank = 1
		if len(e.InstanceLocation) == 0 {
			msg = "must be a JSON object"
			break
		}
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = typeName(w)
		}
		msg = "must be " + strings.Join(want, " or ") + ", not " + typeName(k.Got)
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = plain(w)
		}
		msg = display(got) + " is not one of " + strings.Join(want, ", ")
	case *kind.Const:
		msg = "must be " + display(k.Want)
	case *kind.MinLength:
		msg = "is empty"
		if k.Want > 1 {
			msg = fmt.Sprintf("is shorter than %d characters", k.Want)
		}
	case *kind.MaxLength:
		msg = fmt.Sprintf("is longer than %d characters", k.Want)
	case *kind.MinItems:
		msg = "is empty"
		if k.Want > 1 {
			msg = fmt.Sprintf("must have at least %d items", k.Want)
		}
	case *kind.MaxItems:
		msg = fmt.Sprintf("has more than %d items", k.Want)
	case *kind.MinProperties:
		msg = "is empty"
		if k.Want > 1 {
			msg = fmt.Sprintf("must have at least %d members", k.Want)
		}
	case *kind.MaxProperties:
		msg = fmt.Sprintf("has more than %d members", k.Want)
	case *kind.Minimum:
		msg = set.bounds(e.SchemaURL, got, "must be at least "+ratString(k.Want))
	case *kind.Maximum:
		msg = set.bounds(e.SchemaURL, got, "must be at most "+ratString(k.Want))
	case *kind.Pattern:
		msg = display(got) + " does not match " + k.Want
	case *kind.Format:
		msg = display(got) + " is not a valid " + k.Want
	case *kind.FalseSchema:
		msg = "is not allowed"
	default:
		msg = "is not valid"
	}
	if cond := set.condition(e.SchemaURL); cond != "" {
		msg += " (for " + cond + ")"
	}
	return set.problem(e, v, nil, msg, rank)
}

func (set *schemaSet) problem(e *jsonschema.ValidationError, v any, extra []string, msg string, rank int) problem {
	path := append(slices.Clone(e.InstanceLocation), extra...)
	return problem{path: path, field: fieldName(v, path), msg: msg, rank: rank}
}

// fieldName writes an instance location as ParseRecord names fields:
// body.figures[0].count.
func fieldName(v any, path []string) string {
	var b strings.Builder
	b.WriteString("body")
	for _, tok := range path {
		switch cur := v.(type) {
		case []any:
			b.WriteString("[" + tok + "]")
			if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(cur) {
				v = cur[i]
			} else {
				v = nil
			}
		case map[string]any:
			b.WriteString("." + tok)
			v = cur[tok]
		default:
			b.WriteString("." + tok)
			v = nil
		}
	}
	return b.String()
}

func valueAt(v any, path []string) any {
	for _, tok := range path {
		switch cur := v.(type) {
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(cur) {
				return nil
			}
			v = cur[i]
		case map[string]any:
			v = cur[tok]
		default:
			return nil
		}
	}
	return v
}

// namedMessages say what a value of a named kind is, for any error in the
// schema of that name ($defs/NAME or properties/NAME): a date that is not
// a date says so, rather than quoting a regular expression.
var namedMessages = map[string]string{
	"id":         `%s is not an id (up to 64 of a-z, 0-9, "_", ".", "-", starting with a letter or digit)`,
	"ref":        "%s is not a log index (a non-negative JSON integer)",
	"count":      "%s is not a count (a non-negative JSON integer)",
	"date":       "%s is not a date (YYYY-MM-DD) or an RFC 3339 time with an offset",
	"language":   `%s is not a language tag (such as "en", "ur" or "ps-AF")`,
	"sha256":     "%s is not a SHA-256 digest (64 lowercase hex digits)",
	"key":        "%s is not a public key line (NAME+HASH+BASE64)",
	"media_type": `%s is not a media type (such as "image/jpeg")`,
	"url":        "%s is not an http or https URL",
}

func namedMessage(e *jsonschema.ValidationError, got any) (string, bool) {
	_, frag, _ := strings.Cut(e.SchemaURL, "#")
	toks := strings.Split(frag, "/")
	if len(toks) < 2 {
		return "", false
	}
	if p := toks[len(toks)-2]; p != "$defs" && p != "properties" {
		return "", false
	}
	format, ok := namedMessages[toks[len(toks)-1]]
	if !ok {
		return "", false
	}
	switch e.ErrorKind.(type) {
	case *kind.Maximum:
		// Only integers beyond 2^53-1, which not every reader holds exactly.
		return "is too large (at most 9007199254740991)", true
	}
	return fmt.Sprintf(format, display(got)), true
}

// lookup resolves a schema location (an $id and a JSON pointer) in the raw
// documents.
func (set *schemaSet) lookup(loc string) any {
	id, frag, _ := strings.Cut(loc, "#")
	v := set.raw[id]
	if frag == "" {
		return v
	}
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch cur := v.(type) {
		case map[string]any:
			v = cur[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(cur) {
				return nil
			}
			v = cur[i]
		default:
			return nil
		}
	}
	return v
}

// condition says when a "then" applies, for an error inside one whose "if"
// is a single constant ("role party", "event_type Battles"); else "".
func (set *schemaSet) condition(loc string) string {
	i := strings.LastIndex(loc, "/then")
	if i < 0 || (len(loc) > i+5 && loc[i+5] != '/') {
		return ""
	}
	cond, _ := set.lookup(loc[:i] + "/if").(map[string]any)
	props, _ := cond["properties"].(map[string]any)
	if len(props) != 1 {
		return ""
	}
	for name, p := range props {
		pm, _ := p.(map[string]any)
		if c, ok := pm["const"]; ok {
			return name + " " + plain(c)
		}
	}
	return ""
}

// bounds says "X is not between MIN and MAX" when the schema has both.
func (set *schemaSet) bounds(loc string, got any, fallback string) string {
	s, _ := set.lookup(loc).(map[string]any)
	lo, ok1 := s["minimum"].(json.Number)
	hi, ok2 := s["maximum"].(json.Number)
	if ok1 && ok2 {
		return display(got) + " is not between " + string(lo) + " and " + string(hi)
	}
	return fallback + ", not " + display(got)
}

func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func typeName(t string) string {
	switch t {
	case "array":
		return "a list"
	case "object", "integer":
		return "an " + t
	case "null":
		return "null"
	default:
		return "a " + t
	}
}

// maxShown bounds how much of a value a message quotes.
const maxShown = 64

// display writes a value into a message: strings quoted, numbers as given,
// composites by their kind, everything cut short.
func display(v any) string {
	switch v := v.(type) {
	case string:
		if utf8.RuneCountInString(v) > maxShown {
			v = string([]rune(v)[:maxShown]) + "…"
		}
		return strconv.Quote(v)
	case json.Number:
		s := string(v)
		if len(s) > maxShown {
			s = s[:maxShown] + "…"
		}
		return s
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return "null"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprint(v)
}

// plain writes an allowed value into a list of them: strings unquoted.
func plain(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return display(v)
}
