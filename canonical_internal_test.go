package truce

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowebpki/jcs"
)

// jcsCanonical is what isCanonicalJSON must answer: jcs, the library the
// check stands in for, takes b to itself.
func jcsCanonical(b []byte) bool {
	c, err := jcs.Transform(b)
	return err == nil && bytes.Equal(c, b)
}

var canonicalCases = []string{
	`{}`, `[]`, `""`, `0`, `-0`, `1`, `-1`, `01`, `1.0`, `1.5`, `-1.5`, `1e3`, `1e+21`, `1e21`, `1e-7`, `0.000001`,
	`123456789012345`, `1234567890123456`, `12345678901234567`, `9007199254740993`, `100000000000000000000`, `1e400`, `-`, `.5`,
	`true`, `false`, `null`, `nul`, `truex`, `True`, ` {}`, `{} `, `{"a":1 }`, `{"a" :1}`, `[1 ,2]`,
	`{"a":1,"b":2}`, `{"b":1,"a":2}`, `{"a":1,"a":2}`, `{"a":1,}`, `[1,]`, `[,1]`, `{,}`, `{"a"}`, `{"a":}`, `{1:2}`,
	`"\u0000"`, `"\u001f"`, `"\u001F"`, `"\u0008"`, `"\b"`, `"\t"`, `"\u0009"`, `"\/"`, `"/"`, `"\u0020"`, `"\u00e9"`, "\"\u00e9\"",
	`"\""`, `"\\"`, `"\x"`, "\"\x7f\"", "\"\x01\"", "\"\xff\"", "\"\xed\xa0\x80\"", "\"\xef\xbf\xbd\"", `"\ud83d\ude00"`, "\"\U0001F600\"",
	// U+FF5E sorts after U+1F600 by code point but before it by UTF-16 units.
	"{\"\U0001F600\":1,\"\uff5e\":2}", "{\"\uff5e\":1,\"\U0001F600\":2}", `{"\n":1,"a":2}`, `{"a":1,"\n":2}`, `{"":1,"a":2}`, `{"a":1,"aa":2}`, `{"aa":1,"a":2}`,
	`[[[[]]]]`, `{"a":{"b":[1,"x",null]}}`, `[1e2]`, `[-0.0]`, `"unterminated`, `[`, `{`, `{"a":1`, ``,
}

func TestCanonicalJSONAgreesWithJCS(t *testing.T) {
	var yes, no int
	for _, in := range canonicalCases {
		got, want := isCanonicalJSON([]byte(in)), jcsCanonical([]byte(in))
		if got != want {
			t.Errorf("isCanonicalJSON(%q) = %v, jcs says %v", in, got, want)
		}
		if want {
			yes++
		} else {
			no++
		}
	}
	if yes < 20 || no < 40 {
		t.Fatalf("the cases hold %d canonical and %d other inputs: too few of one kind to test the check", yes, no)
	}
	// jcs's nesting limit, on both sides of it.
	for _, depth := range []int{maxCanonicalDepth, maxCanonicalDepth + 1} {
		in := []byte(strings.Repeat("[", depth) + strings.Repeat("]", depth))
		if got, want := isCanonicalJSON(in), jcsCanonical(in); got != want {
			t.Errorf("nested %d deep: isCanonicalJSON %v, jcs %v", depth, got, want)
		}
	}
}

func FuzzCanonicalJSON(f *testing.F) {
	for _, in := range canonicalCases {
		f.Add([]byte(in))
	}
	for _, pattern := range []string{"body/*.json", "good_*.json"} {
		files, _ := filepath.Glob(filepath.Join("testdata", pattern))
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
			if c, err := jcs.Transform(b); err == nil {
				f.Add(c)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := isCanonicalJSON(b), jcsCanonical(b); got != want {
			t.Fatalf("isCanonicalJSON(%q) = %v, jcs says %v", b, got, want)
		}
	})
}

// FuzzCanonicalMembers holds the split of a record's members to
// json.Unmarshal into the same map, and the reading of its strings to
// json.Unmarshal into a string.
func FuzzCanonicalMembers(f *testing.F) {
	for _, in := range canonicalCases {
		f.Add([]byte(in))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "good_*.envelope.json"))
	for _, p := range files {
		b, _ := os.ReadFile(p)
		if e, err := ParseEnvelope(bytes.TrimSpace(b)); err == nil {
			f.Add(e.Payload())
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, ok := canonicalMembers(b); ok {
			var want map[string]json.RawMessage
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatalf("split %q, which json.Unmarshal refuses: %v", b, err)
			}
			if len(got) != len(want) {
				t.Fatalf("%q: %d members, json.Unmarshal %d", b, len(got), len(want))
			}
			for k, v := range want {
				if !bytes.Equal(got[k], v) {
					t.Fatalf("%q: member %q is %q, json.Unmarshal %q", b, k, got[k], v)
				}
			}
		}
		var got, want string
		gerr, werr := unmarshalString(b, &got), json.Unmarshal(b, &want)
		if (gerr == nil) != (werr == nil) || got != want {
			t.Fatalf("unmarshalString(%q) = %q, %v; json.Unmarshal %q, %v", b, got, gerr, want, werr)
		}
	})
}
