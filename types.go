package truce

import (
	"slices"
	"time"
)

// RecordType declares one record type, once: the rules (rules.go), the
// projection, the HTTP lists and the documents' tests all read it here.
// Adding a type means a declaration below, its schema (docs/schema/) and
// its RULES.md text; TestRegistry checks the three agree.
type RecordType struct {
	Name string
	// List is the list its records appear in (GET /api/v1/{list}), "" for
	// none.
	List string
	// Statuses are the statuses its list items can take (docs/RULES.md
	// §2), the computed ones included.
	Statuses []string
	// Assessed are the statuses an assessment of it may give; none when
	// it cannot be assessed.
	Assessed []string
	// Refs are the body fields that cite earlier log entries.
	Refs []Ref
	// Public records are never restricted: membership and the witness
	// policy must be verifiable by everyone.
	Public bool
	// Expires, when set, is the status its items take once their deadline
	// has passed: the one status computed when it is read (StatusAt).
	Expires *Expiry
	// Final are the statuses no later assessment changes.
	Final []string
	// Content marks a type whose body describes a file by its SHA-256
	// (GET /api/v1/lookup finds the record by it).
	Content bool
}

// Expiry says which stored statuses an item leaves for As once its
// deadline has passed.
type Expiry struct {
	From []string
	As   string
}

// Ref is a body field citing earlier log entries, and the types it may
// cite (nil: any).
type Ref struct {
	Field string // "body.violates"
	Types []string
	// Rel names the link the projection keeps from the item cited to the
	// citing entry ("" for none).
	Rel string
	// Raw refs cite the entry itself, never the item a repeat of a
	// statement stands for: a co-signer of the second entry may correct
	// that entry, never the statement its first authors made.
	Raw bool
}

// registry is every record type, in docs/FORMAT.md's order.
var registry = []RecordType{
	{Name: "member", Public: true},
	{Name: "party", Public: true},
	{Name: "round", List: "rounds"},
	{Name: "commitment", List: "commitments",
		Statuses: []string{"open", "in_progress", "fulfilled", "partly_fulfilled", "breached", "lapsed"},
		Assessed: []string{"in_progress", "fulfilled", "partly_fulfilled"},
		Refs:     []Ref{{Field: "body.round", Types: []string{"round"}, Rel: "round"}},
		Expires:  &Expiry{From: []string{"open", "in_progress"}, As: "lapsed"},
		Final:    []string{"breached"}},
	{Name: "incident", List: "incidents",
		Statuses: []string{"reported", "corroborated", "verified", "disputed", "unfounded"},
		Assessed: []string{"verified", "disputed", "unfounded"},
		Refs:     []Ref{{Field: "body.violates", Types: []string{"commitment"}, Rel: "violates"}}},
	{Name: "claim", List: "claims",
		Refs: []Ref{
			{Field: "body.source", Types: []string{"source"}, Rel: "source"},
			{Field: "body.about", Rel: "about"},
			{Field: "body.translation_of", Types: []string{"claim"}, Rel: "translation_of"}}},
	{Name: "source", List: "sources", Content: true,
		Refs: []Ref{{Field: "body.same_statement", Types: []string{"source"}, Rel: "same_statement"}}},
	{Name: "evidence", Content: true},
	{Name: "assessment",
		Refs: []Ref{
			{Field: "body.subject", Types: []string{"incident", "commitment"}, Rel: "subject"},
			{Field: "body.evidence", Types: []string{"evidence", "source", "claim"}, Rel: "evidence"}}},
	{Name: "request", List: "requests",
		Statuses: []string{"open", "answered", "overdue"},
		Expires:  &Expiry{From: []string{"open"}, As: "overdue"}},
	{Name: "response",
		Refs: []Ref{{Field: "body.request", Types: []string{"request"}, Rel: "response"}}},
	{Name: "finding", List: "findings",
		Refs: []Ref{
			{Field: "body.commitments", Types: []string{"commitment"}, Rel: "breached_by"},
			{Field: "body.basis", Types: []string{"incident", "assessment"}, Rel: "basis"}}},
	{Name: "correction",
		Refs: []Ref{{Field: "body.target", Rel: "corrected_by", Raw: true}}},
	{Name: "purge",
		Refs: []Ref{{Field: "body.target", Raw: true}}},
	{Name: "policy", Public: true},
}

// Types returns every record type's declaration, in docs/FORMAT.md's order.
func Types() []RecordType { return slices.Clone(registry) }

// TypeOf returns the declaration of the record type named name.
func TypeOf(name string) (RecordType, bool) {
	i := slices.IndexFunc(registry, func(t RecordType) bool { return t.Name == name })
	if i < 0 {
		return RecordType{}, false
	}
	return registry[i], true
}

// ListOf returns the declaration of the type whose records list is list.
func ListOf(list string) (RecordType, bool) {
	i := slices.IndexFunc(registry, func(t RecordType) bool { return t.List != "" && t.List == list })
	if i < 0 {
		return RecordType{}, false
	}
	return registry[i], true
}

// StatusAt is the status a list item of type typ shows at now, given the
// status the log's records gave it and its deadline (as Deadline writes
// it; "" for none): docs/RULES.md §2's lapsed and overdue. It is the rule
// every store's translation of it into a query is tested against.
func StatusAt(typ, stored, deadline string, now time.Time) string {
	t, _ := TypeOf(typ)
	if t.Expires == nil || deadline == "" || !slices.Contains(t.Expires.From, stored) {
		return stored
	}
	// Whole seconds, as deadlines are written: a deadline has passed once
	// the second after it has begun.
	if d, err := time.Parse(time.RFC3339, deadline); err == nil && d.Before(now.Truncate(time.Second)) {
		return t.Expires.As
	}
	return stored
}

// Deadline is a commitment's deadline or a request's due time as the
// rules compare it: UTC, RFC 3339; a date alone runs to the end of that
// day, UTC (docs/RULES.md §2). It is "" when s is empty or no date.
func Deadline(s string) string {
	if s == "" {
		return ""
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Format(time.RFC3339)
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Add(24*time.Hour - time.Second).UTC().Format(time.RFC3339)
	}
	return ""
}

// refs returns the log indices a body's ref field cites, and whether the
// field is a list of them.
func (b *Fields) refs(field string) (refs []uint64, list bool) {
	one := func(p *uint64) ([]uint64, bool) {
		if p == nil {
			return nil, false
		}
		return []uint64{*p}, false
	}
	switch field {
	case "body.round":
		return one(b.Round)
	case "body.violates":
		return b.Violates, true
	case "body.source":
		return one(b.Source)
	case "body.about":
		return b.About, true
	case "body.translation_of":
		return one(b.TranslationOf)
	case "body.same_statement":
		return one(b.SameStatement)
	case "body.subject":
		return one(b.Subject)
	case "body.evidence":
		return b.Evidence, true
	case "body.request":
		return one(b.Request)
	case "body.commitments":
		return b.Commitments, true
	case "body.basis":
		return b.Basis, true
	case "body.target":
		return one(b.Target)
	}
	panic("truce: no ref field " + field) // a registry entry without its accessor
}
