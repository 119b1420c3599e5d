package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
)

// Labels are the hand labels of one article of ../shared/press
// (testdata/ingest/LABELLING.md): byte offsets into the file, never its
// text.
type Labels struct {
	File       string      `json:"file"`
	SHA256     string      `json:"sha256"`
	Language   string      `json:"language"`
	Split      string      `json:"split"`
	Statements []Statement `json:"statements"`
	Figures    []FigureL   `json:"figures"`
}

// Span is [Start, End) in bytes of the UTF-8 file.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Statement is a direct quotation (Quoted) or reported statement.
type Statement struct {
	Span
	Quoted    bool   `json:"quoted"`
	Speaker   *Span  `json:"speaker,omitempty"`
	SpeakerID string `json:"speaker_id,omitempty"`
	Role      string `json:"role,omitempty"`
	Party     string `json:"party,omitempty"`
}

// FigureL is a labelled figure: Span covers the number and its qualifier.
type FigureL struct {
	Span
	Count       int64  `json:"count"`
	CountMax    int64  `json:"count_max,omitempty"`
	Qualifier   string `json:"qualifier"`
	What        Span   `json:"what"`
	AssertedBy  string `json:"asserted_by,omitempty"`
	Attribution *Span  `json:"attribution,omitempty"`
}

var (
	idRe       = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,63}$`)
	languageRe = regexp.MustCompile(`^(en|ur|fa|ps)$`)
)

// ParseLabels decodes a label file and checks it against the article it
// labels: unknown members, spans outside the file or not on UTF-8
// boundaries, a digest that is not the file's, and unknown qualifiers are
// refused.
func ParseLabels(b, article []byte) (*Labels, error) {
	var l Labels
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("labels: %v", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("labels: data after the object")
	}
	sum := sha256.Sum256(article)
	if l.SHA256 != hex.EncodeToString(sum[:]) {
		return nil, fmt.Errorf("labels of %.64q: sha256 %.64q is not the article's: the article changed, relabel it", l.File, l.SHA256)
	}
	if !languageRe.MatchString(l.Language) {
		return nil, fmt.Errorf("labels of %.64q: language %.64q is not en, ur, fa or ps", l.File, l.Language)
	}
	if l.Split != "dev" && l.Split != "test" {
		return nil, fmt.Errorf("labels of %.64q: split %.64q is neither dev nor test", l.File, l.Split)
	}
	span := func(what string, i int, s Span) error {
		if s.Start < 0 || s.End > len(article) || s.Start >= s.End {
			return fmt.Errorf("labels of %.64q: %s %d: span [%d, %d) is not inside the %d-byte article", l.File, what, i, s.Start, s.End, len(article))
		}
		if !boundary(article, s.Start) || !boundary(article, s.End) {
			return fmt.Errorf("labels of %.64q: %s %d: span [%d, %d) cuts a UTF-8 character", l.File, what, i, s.Start, s.End)
		}
		return nil
	}
	for i, s := range l.Statements {
		if err := span("statement", i, s.Span); err != nil {
			return nil, err
		}
		if s.Speaker != nil {
			if err := span("statement speaker", i, *s.Speaker); err != nil {
				return nil, err
			}
		}
		for _, id := range []string{s.SpeakerID, s.Party} {
			if id != "" && !idRe.MatchString(id) {
				return nil, fmt.Errorf("labels of %.64q: statement %d: %.64q is not an id", l.File, i, id)
			}
		}
		if s.Speaker == nil && s.SpeakerID == "" {
			return nil, fmt.Errorf("labels of %.64q: statement %d has no speaker", l.File, i)
		}
	}
	for i, f := range l.Figures {
		if err := span("figure", i, f.Span); err != nil {
			return nil, err
		}
		if err := span("figure what", i, f.What); err != nil {
			return nil, err
		}
		if f.Attribution != nil {
			if err := span("figure attribution", i, *f.Attribution); err != nil {
				return nil, err
			}
		}
		switch f.Qualifier {
		case "exact", "at_least", "about", "at_most":
		default:
			return nil, fmt.Errorf("labels of %.64q: figure %d: qualifier %.64q is not exact, at_least, about or at_most", l.File, i, f.Qualifier)
		}
		if f.Count < 0 || f.CountMax != 0 && f.CountMax <= f.Count {
			return nil, fmt.Errorf("labels of %.64q: figure %d: count %d, count_max %d", l.File, i, f.Count, f.CountMax)
		}
		if f.AssertedBy != "" && !idRe.MatchString(f.AssertedBy) {
			return nil, fmt.Errorf("labels of %.64q: figure %d: asserted_by %.64q is not an id", l.File, i, f.AssertedBy)
		}
	}
	return &l, nil
}

func boundary(b []byte, i int) bool {
	return i == len(b) || b[i]&0xc0 != 0x80
}

func shaHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
