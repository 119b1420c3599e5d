package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const press = "../../../shared/press"

// needPress skips a test when the shared press articles are not beside the
// project. They are data outside the repository, not a tool the setup can
// install, so they skip even in CI (TRUCE_NO_SKIP): a clone elsewhere has
// none.
func needPress(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(press); err != nil {
		t.Skipf("%s is not beside the project (%v): the labels are checked against the articles only where they are", press, err)
	}
}

// The evaluation runs on the real articles, as tests read ../shared/seeds:
// it must load every label file against its article and report counts. It
// asserts no score: scores are for bench/README.md, not thresholds. It
// scores the development half, so that running the tests never scores the
// test half.
func TestEvaluationRuns(t *testing.T) {
	needPress(t)
	var out bytes.Buffer
	if err := run(&out, press, "../../testdata/ingest/labels", "dev", false); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ur", "fa", "ps", "fa+ps", "all"} {
		re := regexp.MustCompile(`\| ` + regexp.QuoteMeta(lang) + ` \| [1-9]\d* \| statement\+speaker \| P .* R \S+ \((\d+)/([1-9]\d*)\) \|`)
		if !re.MatchString(out.String()) {
			t.Errorf("no statement+speaker row with labelled statements for %s:\n%s", lang, out.String())
		}
	}
}

// Every label file decodes against its article.
func TestLabelFiles(t *testing.T) {
	names, _ := filepath.Glob("../../testdata/ingest/labels/*.json")
	if len(names) == 0 {
		t.Fatal("no label files")
	}
	needPress(t)
	for _, n := range names {
		b, _ := os.ReadFile(n)
		var head struct{ File string }
		json.Unmarshal(b, &head)
		art, err := os.ReadFile(filepath.Join(press, head.File))
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if _, err := ParseLabels(b, art); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}

func TestParseLabelsRefusals(t *testing.T) {
	art := []byte("Spokesman Jan Doe said “the border stays closed” — عبارت.\n")
	good := func() map[string]any {
		return map[string]any{"file": "a.txt", "sha256": shaHex(art), "language": "en", "split": "dev",
			"statements": []any{map[string]any{"start": 28, "end": 52, "quoted": true, "speaker_id": "jan-doe"}},
			"figures":    []any{}}
	}
	enc := func(m map[string]any) []byte { b, _ := json.Marshal(m); return b }
	if _, err := ParseLabels(enc(good()), art); err != nil {
		t.Fatalf("good labels refused: %v", err)
	}
	for _, tc := range []struct {
		name, want string
		edit       func(m map[string]any)
	}{
		{"unknown member", "unknown field", func(m map[string]any) { m["text"] = "copied text" }},
		{"digest", "sha256", func(m map[string]any) { m["sha256"] = strings.Repeat("0", 64) }},
		{"span outside", "not inside", func(m map[string]any) {
			m["statements"] = []any{map[string]any{"start": 10, "end": 999, "quoted": false, "speaker_id": "x"}}
		}},
		{"span cuts a character", "cuts a UTF-8", func(m map[string]any) {
			m["statements"] = []any{map[string]any{"start": 10, "end": len(art) - 3, "quoted": false, "speaker_id": "x"}}
		}},
		{"no speaker", "no speaker", func(m map[string]any) {
			m["statements"] = []any{map[string]any{"start": 0, "end": 5, "quoted": false}}
		}},
		{"qualifier", "qualifier", func(m map[string]any) {
			m["figures"] = []any{map[string]any{"start": 0, "end": 5, "count": 3, "qualifier": "roughly", "what": map[string]any{"start": 0, "end": 5}}}
		}},
		{"split", "split", func(m map[string]any) { m["split"] = "train" }},
	} {
		m := good()
		tc.edit(m)
		l, err := ParseLabels(enc(m), art)
		if err == nil || !strings.Contains(err.Error(), tc.want) || l != nil {
			t.Errorf("%s: err = %v, want one naming %q and no labels", tc.name, err, tc.want)
		}
	}
}

func FuzzParseLabels(f *testing.F) {
	art := []byte("Spokesman Jan Doe said “the border stays closed” — عبارت.\n")
	f.Add([]byte(`{"file":"a.txt","sha256":"`+shaHex(art)+`","language":"en","split":"dev","statements":[{"start":28,"end":52,"quoted":true,"speaker_id":"jan-doe","speaker":{"start":10,"end":17}}],"figures":[{"start":0,"end":3,"count":3,"qualifier":"exact","what":{"start":4,"end":7}}]}`), art)
	f.Add([]byte(`{"statements":[{"start":-1,"end":1e9}]}`), art)
	f.Add([]byte(`[]`), []byte{})
	f.Fuzz(func(t *testing.T, b, article []byte) {
		l, err := ParseLabels(b, article)
		if err != nil {
			return
		}
		for _, s := range l.Statements {
			_ = article[s.Start:s.End]
			if s.Speaker != nil {
				_ = article[s.Speaker.Start:s.Speaker.End]
			}
		}
		for _, fg := range l.Figures {
			_ = article[fg.Start:fg.End]
			_ = article[fg.What.Start:fg.What.End]
		}
	})
}

// A sentence a page repeats (a teaser above the article) is found in the
// paragraph the claim was drafted from, not at its first occurrence.
func TestLocateInParagraph(t *testing.T) {
	art := []byte("Tarar said the truce holds. Read more […]\nTarar said the truce holds, a minister told reporters.\n")
	para := "Tarar said the truce holds, a minister told reporters."
	cur := 0
	at := find(art, para, &cur)
	s0, s1 := locateIn(art, para, at, "the truce holds")
	if want := strings.Index(string(art), para) + len("Tarar said "); s0 != want || s1 != want+len("the truce holds") {
		t.Errorf("locateIn = %d, %d; want %d", s0, s1, want)
	}
	// A paragraph the page repeats is found after the one before it.
	rep := []byte(para + "\n" + para + "\n")
	cur = 0
	if a, b := find(rep, para, &cur), find(rep, para, &cur); a != 0 || b != len(para)+1 {
		t.Errorf("find of a repeated paragraph = %d then %d, want 0 then %d", a, b, len(para)+1)
	}
	if s0, _ := locateIn(art, "a paragraph the article does not hold", -1, "the truce holds"); s0 != len("Tarar said ") {
		t.Errorf("locateIn with an unknown paragraph = %d, want the first occurrence %d", s0, len("Tarar said "))
	}
}
