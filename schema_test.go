package truce_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/docs"
)

// bodyTypes are the record types of docs/FORMAT.md, each with a schema.
var bodyTypes = []string{
	"member", "party", "round", "commitment", "incident", "claim", "source",
	"evidence", "assessment", "request", "response", "finding", "correction", "purge", "policy",
}

// bodyCases: each type's smallest valid body, then bodies each wrong in one
// way, with the refusal they get.
var bodyCases = []struct {
	name, typ, body string
	want            string // err.Error(), or "" for a valid body
}{
	// member
	{"member minimal", "member", `{"id":"qatar","role":"mediator","name":"State of Qatar","key":"mediator-qatar+0fd69f93+Af/DZqc/fevhQEzfqQE9paOYnbQRwSezD58hX+doCPzv"}`, ""},
	{"member party", "member", `{"id":"pk-mofa","role":"party","party":"pakistan","name":"Ministry of Foreign Affairs","key":"mofa+0fd69f93+Af/DZqc/fevhQEzfqQE9paOYnbQRwSezD58hX+doCPzv","status":"revoked"}`, ""},
	{"member party missing", "member", `{"id":"pk-mofa","role":"party","name":"Ministry of Foreign Affairs","key":"mofa+0fd69f93+Af/DZqc/fevhQEzfqQE9paOYnbQRwSezD58hX+doCPzv"}`, "body.party: is required for role party"},
	{"member role", "member", `{"id":"x","role":"chair","name":"X","key":"x+0fd69f93+AQ=="}`, `body.role: "chair" is not one of admin, mediator, monitor, party, observer`},
	{"member status", "member", `{"id":"x","role":"observer","name":"X","key":"x+0fd69f93+AQ==","status":"suspended"}`, `body.status: "suspended" is not one of active, revoked`},
	{"member key hash", "member", `{"id":"x","role":"observer","name":"X","key":"x+0FD69F93+AQ=="}`, `body.key: "x+0FD69F93+AQ==" is not a public key line (NAME+HASH+BASE64)`},
	{"member id", "member", `{"id":"-x","role":"observer","name":"X","key":"x+0fd69f93+AQ=="}`, `body.id: "-x" is not an id (up to 64 of a-z, 0-9, "_", ".", "-", starting with a letter or digit)`},
	{"member id too long", "member", `{"id":"` + strings.Repeat("a", 65) + `","role":"observer","name":"X","key":"x+0fd69f93+AQ=="}`, `body.id: "` + strings.Repeat("a", 64) + `…" is not an id (up to 64 of a-z, 0-9, "_", ".", "-", starting with a letter or digit)`},
	{"member name empty", "member", `{"id":"x","role":"observer","name":"","key":"x+0fd69f93+AQ=="}`, "body.name: is empty"},

	// party
	{"party", "party", `{"id":"pakistan","name":"Pakistan"}`, ""},
	{"party name missing", "party", `{"id":"pakistan"}`, "body.name: is required"},
	{"party unknown", "party", `{"id":"pakistan","name":"Pakistan","flag":"green"}`, "body.flag: unknown field"},
	{"party two unknown", "party", `{"id":"pakistan","name":"Pakistan","zz":1,"aa":2}`, "body.aa: unknown field"},
	{"party typo", "party", `{"id":"pakistan","nmae":"Pakistan"}`, "body.nmae: unknown field"},
	{"party not object", "party", `"pakistan"`, "body: must be a JSON object"},
	{"party null", "party", `null`, "body: must be a JSON object"},
	{"party bad json", "party", `{"id":"pakistan",}`, "body: is not valid JSON"},
	{"party trailing", "party", `{"id":"pakistan","name":"Pakistan"} {}`, "body: is not valid JSON"},

	// round
	{"round minimal", "round", `{"title":"Doha","venue":"Doha","start":"2025-10-19","date_precision":"day","participants":["Pakistan"],"mediators":[]}`, ""},
	{"round date-time", "round", `{"title":"Doha","venue":"Doha","start":"2025-10-19T10:00:00+03:00","end":"2025-10-19T23:59:59.5Z","date_precision":"day","participants":["Pakistan"],"mediators":["Qatar"]}`, ""},
	{"round no offset", "round", `{"title":"Doha","venue":"Doha","start":"2025-10-19T10:00:00","date_precision":"day","participants":["Pakistan"],"mediators":[]}`, `body.start: "2025-10-19T10:00:00" is not a date (YYYY-MM-DD) or an RFC 3339 time with an offset`},
	{"round leap day", "round", `{"title":"Doha","venue":"Doha","start":"2025-02-29","date_precision":"day","participants":["Pakistan"],"mediators":[]}`, `body.start: "2025-02-29" is not a date (YYYY-MM-DD) or an RFC 3339 time with an offset`},
	{"round date number", "round", `{"title":"Doha","venue":"Doha","start":20251019,"date_precision":"day","participants":["Pakistan"],"mediators":[]}`, `body.start: 20251019 is not a date (YYYY-MM-DD) or an RFC 3339 time with an offset`},
	{"round precision", "round", `{"title":"Doha","venue":"Doha","start":"2025-10-19","date_precision":"year","participants":["Pakistan"],"mediators":[]}`, `body.date_precision: "year" is not one of day, week, month`},
	{"round participant type", "round", `{"title":"Doha","venue":"Doha","start":"2025-10-19","date_precision":"day","participants":["Pakistan",7],"mediators":[]}`, "body.participants[1]: must be a string, not a number"},
	{"round mediators missing", "round", `{"title":"Doha","venue":"Doha","start":"2025-10-19","date_precision":"day","participants":["Pakistan"]}`, "body.mediators: is required"},

	// commitment
	{"commitment minimal", "commitment", `{"obligor":"afghanistan","text":"t","category":"ceasefire","criteria":"c"}`, ""},
	{"commitment beneficiary", "commitment", `{"obligor":"afghanistan","beneficiary":"Pakistan","text":"t","category":"ceasefire","criteria":"c"}`, `body.beneficiary: "Pakistan" is not an id (up to 64 of a-z, 0-9, "_", ".", "-", starting with a letter or digit)`},
	{"commitment round float", "commitment", `{"obligor":"afghanistan","text":"t","category":"ceasefire","criteria":"c","round":4.5}`, "body.round: 4.5 is not a log index (a non-negative JSON integer)"},
	{"commitment round huge", "commitment", `{"obligor":"afghanistan","text":"t","category":"ceasefire","criteria":"c","round":9007199254740993}`, "body.round: is too large (at most 9007199254740991)"},
	{"commitment round exponent", "commitment", `{"obligor":"afghanistan","text":"t","category":"ceasefire","criteria":"c","round":1e2}`, ""},

	// incident
	{"incident minimal", "incident", `{"event_type":"Strategic developments","date":"2025-10-19","date_precision":"day","place":{"name":"Doha","precision":"exact"},"actors":["Pakistan"],"description":"d"}`, ""},
	{"incident every sub-event", "incident", `{"event_type":"Explosions/Remote violence","sub_event_type":"Shelling/artillery/missile attack","date":"2025-10-19","date_precision":"week","place":{"name":"Chaman","lat":30.92,"lon":66.45,"precision":"near"},"actors":["a"],"description":"d","violates":[3,4]}`, ""},
	{"incident sub-event of another type", "incident", `{"event_type":"Violence against civilians","sub_event_type":"Armed clash","date":"2025-10-19","date_precision":"day","place":{"name":"x","precision":"region"},"actors":["a"],"description":"d"}`, `body.sub_event_type: "Armed clash" is not one of Sexual violence, Attack, Abduction/forced disappearance (for event_type Violence against civilians)`},
	{"incident sub-event type", "incident", `{"event_type":"Riots","sub_event_type":5,"date":"2025-10-19","date_precision":"day","place":{"name":"x","precision":"region"},"actors":["a"],"description":"d"}`, "body.sub_event_type: must be a string, not a number"},
	{"incident lon alone", "incident", `{"event_type":"Riots","date":"2025-10-19","date_precision":"day","place":{"name":"x","lon":66,"precision":"region"},"actors":["a"],"description":"d"}`, "body.place.lat: is required with lon"},
	{"incident lon range", "incident", `{"event_type":"Riots","date":"2025-10-19","date_precision":"day","place":{"name":"x","lat":30,"lon":-181,"precision":"region"},"actors":["a"],"description":"d"}`, "body.place.lon: -181 is not between -180 and 180"},
	{"incident place unknown", "incident", `{"event_type":"Riots","date":"2025-10-19","date_precision":"day","place":{"name":"x","precision":"region","admin1":"Balochistan"},"actors":["a"],"description":"d"}`, "body.place.admin1: unknown field"},
	{"incident place name missing", "incident", `{"event_type":"Riots","date":"2025-10-19","date_precision":"day","place":{"precision":"region"},"actors":["a"],"description":"d"}`, "body.place.name: is required"},
	{"incident actors missing", "incident", `{"event_type":"Riots","date":"2025-10-19","date_precision":"day","place":{"name":"x","precision":"region"},"description":"d"}`, "body.actors: is required"},
	{"incident violates empty", "incident", `{"event_type":"Riots","date":"2025-10-19","date_precision":"day","place":{"name":"x","precision":"region"},"actors":["a"],"description":"d","violates":[]}`, "body.violates: is empty"},
	{"incident violates string", "incident", `{"event_type":"Riots","date":"2025-10-19","date_precision":"day","place":{"name":"x","precision":"region"},"actors":["a"],"description":"d","violates":[1,"2"]}`, `body.violates[1]: "2" is not a log index (a non-negative JSON integer)`},
	{"incident deepest wins", "incident", `{"event_type":"Riots","date":"2025-10-19","date_precision":"day","place":{"name":"x","precision":"region","lat":1},"actors":["a"]}`, "body.place.lon: is required with lat"},

	// claim
	{"claim minimal", "claim", `{"speaker":"s","text":"t","quoted":true,"language":"ps"}`, ""},
	{"claim figures", "claim", `{"speaker":"s","text":"t","quoted":false,"language":"ur-PK","date":"2025-11-09","date_precision":"day","translation_of":3,"figures":[{"what":"w","count":0,"qualifier":"exact"}]}`, ""},
	{"claim figure count missing", "claim", `{"speaker":"s","text":"t","quoted":false,"language":"en","figures":[{"what":"w","qualifier":"about"}]}`, "body.figures[0].count: is required"},
	{"claim figure count string", "claim", `{"speaker":"s","text":"t","quoted":false,"language":"en","figures":[{"what":"w","count":"206","qualifier":"about"}]}`, `body.figures[0].count: "206" is not a count (a non-negative JSON integer)`},
	{"claim figure count huge", "claim", `{"speaker":"s","text":"t","quoted":false,"language":"en","figures":[{"what":"w","count":1e400,"qualifier":"about"}]}`, "body.figures[0].count: is too large (at most 9007199254740991)"},
	{"claim figures not list", "claim", `{"speaker":"s","text":"t","quoted":false,"language":"en","figures":{"what":"w","count":1,"qualifier":"about"}}`, "body.figures: must be a list, not an object"},
	{"claim figure not object", "claim", `{"speaker":"s","text":"t","quoted":false,"language":"en","figures":[206]}`, "body.figures[0]: must be an object, not a number"},
	{"claim quoted null", "claim", `{"speaker":"s","text":"t","quoted":null,"language":"en"}`, "body.quoted: must be a boolean, not null"},
	{"claim language", "claim", `{"speaker":"s","text":"t","quoted":true,"language":"EN"}`, `body.language: "EN" is not a language tag (such as "en", "ur" or "ps-AF")`},
	{"claim long text quoted short", "claim", `{"speaker":"s","text":"t","quoted":true,"language":"en","date_precision":"` + strings.Repeat("é", 100) + `"}`, `body.date_precision: "` + strings.Repeat("é", 64) + `…" is not one of day, week, month`},

	// source
	{"source minimal", "source", `{"language":"en","sha256":"03b49691e71220dadda88aee025b9e2f2bc7f64a8bb3af39b7c52f52f87ae45e"}`, ""},
	{"source url", "source", `{"language":"en","sha256":"03b49691e71220dadda88aee025b9e2f2bc7f64a8bb3af39b7c52f52f87ae45e","url":"https://example.org/a?b=c#d","outlet":"o","title":"t","published":"2025-11-10T03:23:00+05:00"}`, ""},
	{"source url scheme", "source", `{"language":"en","sha256":"03b49691e71220dadda88aee025b9e2f2bc7f64a8bb3af39b7c52f52f87ae45e","url":"ftp://example.org/a"}`, `body.url: "ftp://example.org/a" is not an http or https URL`},
	{"source url space", "source", `{"language":"en","sha256":"03b49691e71220dadda88aee025b9e2f2bc7f64a8bb3af39b7c52f52f87ae45e","url":"https://exa mple.org/"}`, `body.url: "https://exa mple.org/" is not an http or https URL`},
	{"source url format", "source", `{"language":"en","sha256":"03b49691e71220dadda88aee025b9e2f2bc7f64a8bb3af39b7c52f52f87ae45e","url":"https://example.org:port/"}`, `body.url: "https://example.org:port/" is not an http or https URL`},
	{"source sha256 short", "source", `{"language":"en","sha256":"03b496"}`, `body.sha256: "03b496" is not a SHA-256 digest (64 lowercase hex digits)`},

	// evidence
	{"evidence", "evidence", `{"sha256":"03b49691e71220dadda88aee025b9e2f2bc7f64a8bb3af39b7c52f52f87ae45e","media_type":"image/jpeg","size":0,"captured":"2025-10-12","description":"d"}`, ""},
	{"evidence media type parameter", "evidence", `{"sha256":"03b49691e71220dadda88aee025b9e2f2bc7f64a8bb3af39b7c52f52f87ae45e","media_type":"text/plain;charset=\"utf-8\"","size":1,"description":"d"}`, ""},
	{"evidence size fraction", "evidence", `{"sha256":"03b49691e71220dadda88aee025b9e2f2bc7f64a8bb3af39b7c52f52f87ae45e","media_type":"image/jpeg","size":1.5,"description":"d"}`, "body.size: 1.5 is not a count (a non-negative JSON integer)"},
	{"evidence size whole float", "evidence", `{"sha256":"03b49691e71220dadda88aee025b9e2f2bc7f64a8bb3af39b7c52f52f87ae45e","media_type":"image/jpeg","size":2.0,"description":"d"}`, ""},

	// assessment
	{"assessment", "assessment", `{"subject":0,"status":"verified","rationale":"r"}`, ""},
	{"assessment corroborated", "assessment", `{"subject":8,"status":"corroborated","rationale":"r"}`, `body.status: "corroborated" is not one of verified, disputed, unfounded, in_progress, fulfilled, partly_fulfilled`},
	{"assessment lapsed", "assessment", `{"subject":8,"status":"lapsed","rationale":"r"}`, `body.status: "lapsed" is not one of verified, disputed, unfounded, in_progress, fulfilled, partly_fulfilled`},
	{"assessment evidence", "assessment", `{"subject":8,"status":"disputed","rationale":"r","evidence":[1,2,1]}`, "body.evidence[2]: 1 is listed twice"},

	// request
	{"request", "request", `{"to":["afghanistan","pakistan"],"kind":"information","text":"t","due":"2025-12-01T00:00:00+04:30"}`, ""},
	{"request to string", "request", `{"to":"afghanistan","kind":"alert","text":"t"}`, "body.to: must be a list, not a string"},
	{"request to id", "request", `{"to":["afghanistan","Pakistan"],"kind":"alert","text":"t"}`, `body.to[1]: "Pakistan" is not an id (up to 64 of a-z, 0-9, "_", ".", "-", starting with a letter or digit)`},

	// response
	{"response", "response", `{"request":11,"status":"partial","text":"t"}`, ""},
	{"response request negative", "response", `{"request":-1,"status":"accepted","text":"t"}`, "body.request: -1 is not a log index (a non-negative JSON integer)"},
	{"response text empty", "response", `{"request":1,"status":"accepted","text":""}`, "body.text: is empty"},

	// finding
	{"finding minimal", "finding", `{"violator":"afghanistan","commitments":[6],"basis":[8],"decision":"d"}`, ""},
	{"finding commitments missing", "finding", `{"violator":"afghanistan","basis":[8],"decision":"d"}`, "body.commitments: is required"},
	{"finding penalty", "finding", `{"violator":"afghanistan","commitments":[6],"basis":[8],"decision":"d","penalty":false}`, "body.penalty: must be a string, not a boolean"},

	// correction
	{"correction minimal", "correction", `{"target":12,"reason":"r"}`, ""},
	{"correction replacement list", "correction", `{"target":12,"reason":"r","replacement":[]}`, "body.replacement: must be an object, not a list"},
	{"correction unknown", "correction", `{"target":12,"reason":"r","retract":true}`, "body.retract: unknown field"},

	// not a type
	{"unknown type", "rumour", `{}`, `type: "rumour" is not a record type`},
	{"empty type", "", `{}`, `type: "" is not a record type`},
}

func TestValidateBody(t *testing.T) {
	for _, c := range bodyCases {
		t.Run(c.name, func(t *testing.T) {
			err := truce.ValidateBody(c.typ, []byte(c.body))
			if c.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted, want %q", c.want)
			}
			e, ok := truce.AsError(err)
			if !ok {
				t.Fatalf("%v is not a *truce.Error", err)
			}
			if e.Kind != truce.Invalid {
				t.Errorf("kind %v, want Invalid", e.Kind)
			}
			if err.Error() != c.want {
				t.Errorf("got  %s\nwant %s", err, c.want)
			}
		})
	}
}

// bodyVectorType is the record type a testdata/body file is for:
// good_TYPE.json, fail_TYPE_WHAT.json.
func bodyVectorType(name string) string {
	name = strings.TrimSuffix(filepath.Base(name), ".json")
	if rest, ok := strings.CutPrefix(name, "good_"); ok {
		return rest
	}
	rest, _ := strings.CutPrefix(name, "fail_")
	typ, _, _ := strings.Cut(rest, "_")
	return typ
}

// TestBodyVectors: every testdata/body/good_TYPE.json is valid, and every
// fail_TYPE_WHAT.json is refused with exactly the error in its .err file
// (-update rewrites those).
func TestBodyVectors(t *testing.T) {
	for _, typ := range bodyTypes {
		path := filepath.Join("testdata", "body", "good_"+typ+".json")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("no good vector for %s: %v", typ, err)
			continue
		}
		if err := truce.ValidateBody(typ, data); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}

	// The replacement a correction carries is a body of its target's type,
	// which the schema of a correction cannot know: check it here as a
	// reader who resolved the target would.
	var corr struct{ Replacement json.RawMessage }
	if err := json.Unmarshal(must(os.ReadFile("testdata/body/good_correction.json")), &corr); err != nil {
		t.Fatal(err)
	}
	if err := truce.ValidateBody("claim", corr.Replacement); err != nil {
		t.Errorf("good_correction's replacement: %v", err)
	}

	fails, _ := filepath.Glob("testdata/body/fail_*.json")
	if len(fails) < 20 {
		t.Errorf("%d fail vectors, want at least 20", len(fails))
	}
	covered := map[string]bool{}
	for _, path := range fails {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		typ := bodyVectorType(path)
		covered[typ] = true
		t.Run(name, func(t *testing.T) {
			if !slices.Contains(bodyTypes, typ) {
				t.Fatalf("%s does not name a record type (fail_TYPE_WHAT.json)", path)
			}
			err := truce.ValidateBody(typ, must(os.ReadFile(path)))
			if err == nil {
				t.Fatal("accepted")
			}
			if e, ok := truce.AsError(err); !ok || !strings.HasPrefix(e.Field, "body") {
				t.Errorf("error %q is not a *truce.Error naming a body field", err)
			}
			checkVector(t, filepath.Join("body", name+".err"), []byte(err.Error()+"\n"))
		})
	}
	for _, typ := range bodyTypes {
		if !covered[typ] {
			t.Errorf("no fail vector for %s", typ)
		}
	}
	// An .err without its .json is a vector that was renamed or dropped.
	errs, _ := filepath.Glob("testdata/body/fail_*.err")
	for _, path := range errs {
		if _, err := os.Stat(strings.TrimSuffix(path, ".err") + ".json"); err != nil {
			t.Errorf("%s has no .json", path)
		}
	}
}

// TestSchemaFiles: docs/schema holds one valid draft 2020-12 schema per
// record type, all embedded, each closed to unknown members, with the same
// shared definitions everywhere.
func TestSchemaFiles(t *testing.T) {
	entries, err := os.ReadDir("docs/schema")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	var want []string
	for _, typ := range bodyTypes {
		want = append(want, typ+".json")
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("docs/schema holds %v, want %v", names, want)
	}
	embedded, err := fs.Glob(docs.Schemas, "schema/*")
	if err != nil || len(embedded) != len(names) {
		t.Fatalf("embedded %v (%v), want %d files", embedded, err, len(names))
	}

	defs := map[string][]byte{}
	defFile := map[string]string{}
	for _, typ := range bodyTypes {
		t.Run(typ, func(t *testing.T) {
			file := typ + ".json"
			data := must(os.ReadFile(filepath.Join("docs", "schema", file)))
			if emb, err := fs.ReadFile(docs.Schemas, "schema/"+file); err != nil || !bytes.Equal(emb, data) {
				t.Fatalf("schema/%s is not embedded as it is on disk (%v)", file, err)
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			// A fresh compiler checks the document against the draft
			// 2020-12 metaschema.
			c := jsonschema.NewCompiler()
			id := truce.SchemaBase + file
			if err := c.AddResource(id, doc); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Compile(id); err != nil {
				t.Fatalf("not a valid JSON Schema: %v", err)
			}
			m := doc.(map[string]any)
			if m["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
				t.Errorf("$schema is %v", m["$schema"])
			}
			if m["$id"] != id {
				t.Errorf("$id is %v, want %s", m["$id"], id)
			}
			for _, k := range []string{"title", "description"} {
				if s, _ := m[k].(string); s == "" {
					t.Errorf("no %s", k)
				}
			}
			checkSchemaNode(t, file, "#", m)
			ds, _ := m["$defs"].(map[string]any)
			for name, d := range ds {
				b, _ := json.Marshal(d)
				if prev, ok := defs[name]; ok && !bytes.Equal(prev, b) {
					t.Errorf("$defs/%s differs from the one in %s", name, defFile[name])
				}
				defs[name], defFile[name] = b, file
			}
		})
	}
}

// openObjects are the object schemas that may not close their members: a
// correction's replacement is a whole body of its target's type.
var openObjects = []string{"correction.json#/properties/replacement"}

// checkSchemaNode walks a schema: every object schema lists its members and
// refuses others, and every member is described.
func checkSchemaNode(t *testing.T, file, loc string, node any) {
	t.Helper()
	switch n := node.(type) {
	case map[string]any:
		if n["type"] == "object" && !slices.Contains(openObjects, file+loc) {
			if n["additionalProperties"] != false {
				t.Errorf("%s: an object without additionalProperties: false", loc)
			}
			if _, ok := n["properties"].(map[string]any); !ok {
				t.Errorf("%s: an object without properties", loc)
			}
		}
		if props, ok := n["properties"].(map[string]any); ok && n["type"] == "object" {
			for name, p := range props {
				if pm, _ := p.(map[string]any); pm == nil || pm["description"] == nil {
					t.Errorf("%s/properties/%s: no description", loc, name)
				}
			}
		}
		if n["type"] == "string" && n["minLength"] == nil && n["pattern"] == nil && n["enum"] == nil && n["const"] == nil {
			t.Errorf("%s: a string that may be empty", loc)
		}
		for k, v := range n {
			checkSchemaNode(t, file, loc+"/"+k, v)
		}
	case []any:
		for i, v := range n {
			checkSchemaNode(t, file, loc+"/"+strconv.Itoa(i), v)
		}
	}
}

// FuzzValidateBody: no body panics, every refusal is a *truce.Error naming
// a body field (or the type), and the same input is always refused the same
// way (the library's error tree comes from map iterations).
func FuzzValidateBody(f *testing.F) {
	files, _ := filepath.Glob("testdata/body/*.json")
	for _, p := range files {
		f.Add(bodyVectorType(p), must(os.ReadFile(p)))
	}
	for _, c := range bodyCases {
		f.Add(c.typ, []byte(c.body))
	}
	f.Fuzz(func(t *testing.T, typ string, body []byte) {
		err := truce.ValidateBody(typ, body)
		if err == nil {
			return
		}
		e, ok := truce.AsError(err)
		if !ok {
			t.Fatalf("error %v is not a *truce.Error", err)
		}
		if !strings.HasPrefix(e.Field, "body") && e.Field != "type" {
			t.Fatalf("error %q names field %q", err, e.Field)
		}
		if e.Msg == "" || strings.Contains(e.Msg, "\n") {
			t.Fatalf("message %q", e.Msg)
		}
		for range 3 {
			if again := truce.ValidateBody(typ, body); again == nil || again.Error() != err.Error() {
				t.Fatalf("refused as %q, then as %v", err, again)
			}
		}
	})
}

func BenchmarkValidateBody(b *testing.B) {
	for _, typ := range []string{"claim", "incident"} {
		body := must(os.ReadFile("testdata/body/good_" + typ + ".json"))
		b.Run(typ, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if err := truce.ValidateBody(typ, body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
