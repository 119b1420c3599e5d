package truce

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// recordTypes are the registry's type names, in docs/FORMAT.md's order.
var recordTypes = func() []string {
	var names []string
	for _, t := range registry {
		names = append(names, t.Name)
	}
	return names
}()

// IsRecordType reports whether t is a record type.
func IsRecordType(t string) bool { return slices.Contains(recordTypes, t) }

// RecordTypes returns the record types, in docs/FORMAT.md's order.
func RecordTypes() []string { return slices.Clone(recordTypes) }

// Visibilities. Only Public records carry their body in the log.
const (
	Public    = "public"
	Parties   = "parties"
	Mediators = "mediators"
	Addressed = "addressed"
)

// Record is the decoded payload of an envelope: the fields every record
// shares, and its type-specific body left as JSON.
type Record struct {
	Type       string          `json:"type"`
	V          int             `json:"v"`
	Mechanism  string          `json:"mechanism"`
	Created    string          `json:"created"`
	Visibility string          `json:"visibility"`
	Audience   []string        `json:"audience,omitempty"`
	Refs       []uint64        `json:"refs,omitempty"`
	Body       json.RawMessage `json:"body"`
}

// ParseRecord decodes and checks a canonical record payload, naming the
// first field that is wrong.
func ParseRecord(payload []byte) (*Record, error) {
	if err := checkCanonical(payload); err != nil {
		return nil, err
	}
	return parseCanonicalRecord(payload)
}

// parseCanonicalRecord is ParseRecord for a payload whose canonical form
// ParseEnvelope has already checked.
func parseCanonicalRecord(payload []byte) (*Record, error) {
	fields, ok := canonicalMembers(payload)
	if !ok {
		// Not canonical after all (a leaf of the log read as trusted):
		// decoded in general, to the same map or a refusal.
		if err := json.Unmarshal(payload, &fields); err != nil {
			return nil, refuse(Invalid, "payload", "is not a JSON object")
		}
	}
	return recordOf(fields)
}

// recordOf checks a record's members and reads them.
func recordOf(fields map[string]json.RawMessage) (*Record, error) {
	known := []string{"type", "v", "mechanism", "created", "visibility", "audience", "refs", "body"}
	for name := range fields {
		if !slices.Contains(known, name) {
			return nil, refuse(Invalid, name, "unknown field")
		}
	}
	r := &Record{}
	str := func(name string, dst *string) error {
		raw, ok := fields[name]
		if !ok {
			return refuse(Invalid, name, "is required")
		}
		if err := unmarshalString(raw, dst); err != nil {
			return refuse(Invalid, name, "must be a string")
		}
		return nil
	}
	if err := str("type", &r.Type); err != nil {
		return nil, err
	}
	if !slices.Contains(recordTypes, r.Type) {
		return nil, refuse(Invalid, "type", "%q is not a record type", r.Type)
	}
	if raw, ok := fields["v"]; !ok {
		return nil, refuse(Invalid, "v", "is required")
	} else if string(raw) != "1" {
		return nil, refuse(Invalid, "v", "version %s is not supported (want 1)", raw)
	}
	r.V = 1
	if err := str("mechanism", &r.Mechanism); err != nil {
		return nil, err
	}
	if err := str("created", &r.Created); err != nil {
		return nil, err
	}
	if _, err := time.Parse(time.RFC3339, r.Created); err != nil {
		return nil, refuse(Invalid, "created", "%q is not an RFC 3339 time with an offset", r.Created)
	}
	if err := str("visibility", &r.Visibility); err != nil {
		return nil, err
	}
	switch r.Visibility {
	case Public, Parties, Mediators, Addressed:
	default:
		return nil, refuse(Invalid, "visibility", "%q is not one of public, parties, mediators, addressed", r.Visibility)
	}
	if raw, ok := fields["audience"]; ok {
		if err := json.Unmarshal(raw, &r.Audience); err != nil {
			return nil, refuse(Invalid, "audience", "must be a list of party ids")
		}
		for i, a := range r.Audience {
			if a == "" {
				return nil, refuse(Invalid, fmt.Sprintf("audience[%d]", i), "is empty")
			}
		}
	}
	if r.Visibility == Addressed && len(r.Audience) == 0 {
		return nil, refuse(Invalid, "audience", "is required when visibility is addressed")
	}
	if r.Visibility != Addressed && len(r.Audience) > 0 {
		return nil, refuse(Invalid, "audience", "is only for visibility addressed")
	}
	if raw, ok := fields["refs"]; ok {
		var refs []json.RawMessage
		if err := json.Unmarshal(raw, &refs); err != nil {
			return nil, refuse(Invalid, "refs", "must be a list of log indices")
		}
		for i, ref := range refs {
			n, err := strconv.ParseUint(string(ref), 10, 64)
			if err != nil {
				return nil, refuse(Invalid, fmt.Sprintf("refs[%d]", i), "%s is not a log index (a non-negative JSON integer)", ref)
			}
			r.Refs = append(r.Refs, n)
		}
	}
	body, ok := fields["body"]
	if !ok {
		return nil, refuse(Invalid, "body", "is required")
	}
	if !bytes.HasPrefix(body, []byte("{")) {
		return nil, refuse(Invalid, "body", "must be a JSON object")
	}
	r.Body = body
	return r, nil
}

// canonicalMembers splits a canonical JSON object into its members, as
// json.Unmarshal into the same map does, without decoding what they hold:
// a record's members are read one by one after, and its body is decoded
// by its schema. It returns false when payload is not canonical, or has a
// member name with an escape in it, which no record has.
func canonicalMembers(payload []byte) (map[string]json.RawMessage, bool) {
	if len(payload) == 0 || payload[0] != '{' {
		return nil, false
	}
	fields := make(map[string]json.RawMessage, 8)
	c := canonChecker{b: payload}
	ok := c.object(1, func(key, value []byte) bool {
		if bytes.IndexByte(key, '\\') >= 0 {
			return false
		}
		fields[string(key)] = value
		return true
	})
	if !ok || c.i != len(payload) {
		return nil, false
	}
	return fields, true
}

// unmarshalString is json.Unmarshal into a string, for the strings
// records hold: without an escape, the string is its bytes.
func unmarshalString(raw []byte, dst *string) error {
	if n := len(raw); n >= 2 && raw[0] == '"' && raw[n-1] == '"' {
		in := raw[1 : n-1]
		if bytes.IndexByte(in, '\\') < 0 && bytes.IndexByte(in, '"') < 0 && utf8.Valid(in) && !hasControl(in) {
			*dst = string(in)
			return nil
		}
	}
	return json.Unmarshal(raw, dst)
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// MemberBody is the body of a member record.
type MemberBody struct {
	ID     string `json:"id"`
	Role   string `json:"role"`
	Party  string `json:"party,omitempty"`
	Name   string `json:"name"`
	Key    string `json:"key"`
	Status string `json:"status,omitempty"`
}

// Roles a member can hold.
var roles = []string{"admin", "mediator", "monitor", "party", "observer"}

func parseMemberBody(body json.RawMessage) (*MemberBody, *Verifier, error) {
	var m MemberBody
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, nil, refuse(Invalid, "body", "is not a member body: %v", err)
	}
	for _, f := range []struct{ name, val string }{{"id", m.ID}, {"role", m.Role}, {"name", m.Name}, {"key", m.Key}} {
		if f.val == "" {
			return nil, nil, refuse(Invalid, "body."+f.name, "is required")
		}
	}
	if !slices.Contains(roles, m.Role) {
		return nil, nil, refuse(Invalid, "body.role", "%q is not one of admin, mediator, monitor, party, observer", m.Role)
	}
	if m.Role == "party" && m.Party == "" {
		return nil, nil, refuse(Invalid, "body.party", "is required for role party")
	}
	if m.Status != "" && m.Status != "active" && m.Status != "revoked" {
		return nil, nil, refuse(Invalid, "body.status", "%q is not active or revoked", m.Status)
	}
	v, err := ParseVerifier(m.Key)
	if err != nil {
		return nil, nil, refuse(Invalid, "body.key", "%v", err)
	}
	return &m, v, nil
}
