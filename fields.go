package truce

import "encoding/json"

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
