// Package demo is the seed scenario: the Pakistan–Afghan Taliban talks of
// October–November 2025 as records, each citing the sentence it rests on,
// loaded into a fresh mechanism by the same path as any submission.
package demo

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/ingest"
)

//go:embed scenario.jsonl seeds/*.txt
var files embed.FS

// Scenario is the embedded scenario file.
func Scenario() []byte {
	b, _ := files.ReadFile("scenario.jsonl")
	return b
}

// Seeds are the seed statements' extracted texts (docs/FORMAT.md §10),
// which the demo's sources are drawn from and name by text_sha256; they
// are public, as their sources are, and say so (text_public).
func Seeds() [][]byte {
	var out [][]byte
	for _, d := range seedDrafts() {
		if d != nil {
			out = append(out, []byte(d.Text()))
		}
	}
	return out
}

// seedDrafts drafts the seed documents, in order; nil for one that fails
// (Load says why).
func seedDrafts() []*ingest.Draft {
	names, _ := fs.Glob(files, "seeds/*.txt")
	out := make([]*ingest.Draft, len(names))
	for i, n := range names {
		data, _ := files.ReadFile(n)
		if d, err := ingest.Import(path.Base(n), data, nil); err == nil {
			out[i] = d
		}
	}
	return out
}

// Cast is who signs the scenario: the admin, two mediators, a monitor and
// one member for each party.
type Cast map[string]*truce.Signer

// Roles the scenario's lines may sign as.
var Roles = []string{"admin", "qatar", "turkiye", "monitor", "pakistan", "afghanistan"}

// Witness is a witness of the demo mechanism, for its policy record.
type Witness struct {
	Name string `json:"name"`
	Key  string `json:"key"`
}

// line is one record of the scenario.
type line struct {
	file       string
	no         int
	ID         string          `json:"id"`
	As         []string        `json:"as"`
	Cite       string          `json:"cite"`
	Type       string          `json:"type"`
	Visibility string          `json:"visibility"`
	Audience   []string        `json:"audience"`
	Body       json.RawMessage `json:"body"`
}

// Load appends the cast's memberships, the seed documents as sources
// (through the ingest pipeline), and every line of scenario (named name in
// errors) to mech, whose log holds only its genesis. A line that breaks
// the format or a rule stops the load, naming the file, the line and the
// field.
func Load(ctx context.Context, mech *truce.Mechanism, origin string, cast Cast, witnesses []Witness, name string, scenario []byte) (int, error) {
	submit := func(typ, visibility string, audience []string, body any, signers ...string) (uint64, error) {
		rec := map[string]any{"type": typ, "v": 1, "mechanism": origin, "created": nowRFC3339(), "visibility": visibility, "body": body}
		if len(audience) > 0 {
			rec["audience"] = audience
		}
		raw, _ := json.Marshal(rec)
		env, err := truce.SignRecord(raw, cast[signers[0]])
		if err != nil {
			return 0, err
		}
		for _, s := range signers[1:] {
			env.Sign(cast[s])
		}
		rc, err := mech.Submit(ctx, env.Canonical())
		return rc.Index, err
	}
	n := 0
	member := func(id, role, party, fullName string, signers ...string) error {
		b := map[string]any{"id": id, "role": role, "name": fullName, "key": cast[id].Verifier().String()}
		if party != "" {
			b["party"] = party
		}
		_, err := submit("member", truce.Public, nil, b, signers...)
		n++
		return err
	}
	for _, p := range []struct{ id, name string }{{"pakistan", "Pakistan"}, {"afghanistan", "Afghanistan (Taliban authorities)"}} {
		if _, err := submit("party", truce.Public, nil, map[string]any{"id": p.id, "name": p.name}, "admin"); err != nil {
			return n, fmt.Errorf("cast: %v", err)
		}
		n++
	}
	for _, m := range []struct{ id, role, party, name string }{
		{"qatar", "mediator", "", "Qatar (mediator)"}, {"turkiye", "mediator", "", "Türkiye (mediator)"},
		{"monitor", "monitor", "", "Monitor (demo)"},
	} {
		if err := member(m.id, m.role, m.party, m.name, "admin"); err != nil {
			return n, fmt.Errorf("cast: %v", err)
		}
	}
	for _, m := range []struct{ id, party, name string }{
		{"pakistan", "pakistan", "Pakistan's delegation (demo key)"}, {"afghanistan", "afghanistan", "Afghan delegation (demo key)"},
	} {
		if err := member(m.id, "party", m.party, m.name, "admin", "qatar", "turkiye"); err != nil {
			return n, fmt.Errorf("cast: %v", err)
		}
	}

	if len(witnesses) > 0 {
		// The demo mechanism's own witness policy: its mediators' witnesses,
		// all of them (a fact of this demo, not of the case).
		if _, err := submit("policy", truce.Public, nil, map[string]any{"witnesses": witnesses, "quorum": len(witnesses)}, "admin", "qatar", "turkiye"); err != nil {
			return n, fmt.Errorf("witness policy: %v", err)
		}
		n++
	}
	lines, err := Check(name, scenario)
	if err != nil {
		return n, err
	}
	ids := map[string]uint64{}
	seeds, _ := fs.Glob(files, "seeds/*.txt")
	for _, s := range seeds {
		data, _ := files.ReadFile(s)
		d, err := ingest.Import(path.Base(s), data, nil)
		if err != nil {
			return n, fmt.Errorf("%s: %v", s, err)
		}
		sum := sha256.Sum256([]byte(d.Text()))
		body := map[string]any{}
		raw, _ := json.Marshal(d.Source)
		json.Unmarshal(raw, &body)
		body["text_sha256"], body["text_public"] = hex.EncodeToString(sum[:]), true
		i, err := submit("source", truce.Public, nil, body, "admin")
		if err != nil {
			return n, fmt.Errorf("%s: source: %v", s, err)
		}
		n++
		ids["source-"+strings.SplitN(path.Base(s), "_", 2)[0]] = i
	}

	for _, l := range lines {
		body, err := resolve(l.body(), ids)
		if err != nil {
			return n, l.at("body", "%v", err)
		}
		i, err := submit(l.Type, l.Visibility, l.Audience, body, l.As...)
		if err != nil {
			return n, l.at("", "%v", err)
		}
		ids[l.ID] = i
		n++
	}
	return n, nil
}

// Check reads and checks a scenario before anything is appended: every
// line's shape, roles and references, and every body against its
// schema. Errors name the file, the line and the field.
func Check(name string, scenario []byte) ([]*line, error) {
	var lines []*line
	known := map[string]bool{"source-000": true, "source-001": true}
	sc := bufio.NewScanner(bytes.NewReader(scenario))
	sc.Buffer(nil, 1<<20)
	for no := 1; sc.Scan(); no++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "//") {
			continue
		}
		l := &line{file: name, no: no}
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(l); err != nil {
			return nil, l.at("", "not a scenario line: %v", err)
		}
		switch {
		case l.ID == "":
			return nil, l.at("id", "is required")
		case known[l.ID]:
			return nil, l.at("id", "%q is used twice", l.ID)
		case l.Cite == "":
			return nil, l.at("cite", "is required: every record cites the sentence it rests on")
		case len(l.As) == 0:
			return nil, l.at("as", "is required")
		}
		for _, a := range l.As {
			if !slices.Contains(Roles, a) {
				return nil, l.at("as", "%q is not one of %s", a, strings.Join(Roles, ", "))
			}
		}
		if l.Visibility == "" {
			l.Visibility = truce.Public
		}
		// Check the body with every reference standing for a distinct
		// index, as it will.
		fake := map[string]uint64{}
		for id := range known {
			fake[id] = uint64(len(fake))
		}
		body, err := resolve(l.body(), fake)
		if err != nil {
			return nil, l.at("body", "%v", err)
		}
		raw, _ := json.Marshal(body)
		if err := truce.ValidateBody(l.Type, raw); err != nil {
			return nil, l.at("", "%v", err)
		}
		known[l.ID] = true
		lines = append(lines, l)
	}
	return lines, sc.Err()
}

func (l *line) at(field, format string, args ...any) error {
	if field != "" {
		field += ": "
	}
	return fmt.Errorf("%s:%d: %s%s", l.file, l.no, field, fmt.Sprintf(format, args...))
}

// body decodes the line's body afresh, so that resolving changes no other
// copy.
func (l *line) body() any {
	var b any
	json.Unmarshal(l.Body, &b)
	return b
}

// resolve replaces "@id" strings with the log index of the record the
// scenario named id.
func resolve(v any, ids map[string]uint64) (any, error) {
	switch x := v.(type) {
	case string:
		if ref, ok := strings.CutPrefix(x, "@"); ok {
			i, found := ids[ref]
			if !found {
				return nil, fmt.Errorf("%q names no earlier record", x)
			}
			return i, nil
		}
	case []any:
		for j := range x {
			r, err := resolve(x[j], ids)
			if err != nil {
				return nil, err
			}
			x[j] = r
		}
	case map[string]any:
		for k := range x {
			r, err := resolve(x[k], ids)
			if err != nil {
				return nil, err
			}
			x[k] = r
		}
	}
	return v, nil
}

func nowRFC3339() string { return time.Now().UTC().Format(time.RFC3339) }
