package demo_test

import (
	"strings"
	"testing"

	"github.com/truce-dev/truce/demo"
)

func TestEmbeddedScenarioChecks(t *testing.T) {
	lines, err := demo.Check("demo/scenario.jsonl", demo.Scenario())
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) < 20 {
		t.Errorf("the scenario has %d records", len(lines))
	}
}

// TestCheckRefusals: a bad scenario line is named by file, line and field.
func TestCheckRefusals(t *testing.T) {
	ok := `{"id":"r","as":["admin"],"cite":"c","type":"round","body":{"title":"t","venue":"v","start":"2025-10-19","date_precision":"day","participants":["p"],"mediators":[]}}`
	for _, tc := range []struct{ scenario, want string }{
		{`{"id":"r","as":["admin"],"type":"round","body":{}}`, "s.jsonl:1: cite: is required"},
		{`{"id":"r","as":["general"],"cite":"c","type":"round","body":{}}`, `s.jsonl:1: as: "general" is not one of`},
		{ok + "\n" + ok, `s.jsonl:2: id: "r" is used twice`},
		{"\n" + strings.Replace(ok, `"round","body":{`, `"round","body":{"outcome":"@nowhere",`, 1), `s.jsonl:2: body: "@nowhere" names no earlier record`},
		{strings.Replace(ok, `"day"`, `"daily"`, 1), "s.jsonl:1: body.date_precision:"},
		{`{"id":"r"`, "s.jsonl:1: not a scenario line"},
		{strings.Replace(ok, `"cite":"c"`, `"cite":"c","colour":"red"`, 1), `s.jsonl:1: not a scenario line: json: unknown field "colour"`},
	} {
		_, err := demo.Check("s.jsonl", []byte(tc.scenario))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s\n got %v\nwant %s", tc.scenario, err, tc.want)
		}
	}
}
