package truce_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/docs"
)

// TestRegistry enumerates the record types declared in types.go against
// the documents that describe them, so that none can silently miss one:
// a schema per type and no other (docs/schema/), each type and its
// signers in RULES.md's table, each list and computed status in RULES.md,
// FORMAT.md's list of types, and OpenAPI's enums and list paths.
func TestRegistry(t *testing.T) {
	rules := string(must(os.ReadFile("docs/RULES.md")))
	format := string(must(os.ReadFile("docs/FORMAT.md")))
	openapi := string(docs.OpenAPI)

	var names []string
	for _, rt := range truce.Types() {
		names = append(names, rt.Name)
	}
	schemas, _ := filepath.Glob("docs/schema/*.json")
	var schemaNames []string
	for _, f := range schemas {
		schemaNames = append(schemaNames, strings.TrimSuffix(filepath.Base(f), ".json"))
	}
	slices.Sort(schemaNames)
	sorted := slices.Sorted(slices.Values(names))
	if !slices.Equal(schemaNames, sorted) {
		t.Errorf("docs/schema/ has %v, the registry %v", schemaNames, sorted)
	}
	if !slices.Equal(truce.RecordTypes(), names) {
		t.Errorf("RecordTypes() %v, the registry %v", truce.RecordTypes(), names)
	}

	formatTypes := regexp.MustCompile("\\| `type` \\| yes \\| one of (.*) \\|").FindStringSubmatch(format)
	if formatTypes == nil {
		t.Fatal("FORMAT.md §2 lists no record types")
	}
	if got := strings.ReplaceAll(formatTypes[1], "`", ""); got != strings.Join(names, ", ") {
		t.Errorf("FORMAT.md §2 lists %s, the registry %s", got, strings.Join(names, ", "))
	}

	enum := regexp.MustCompile(`RecordType:\n\s+type: string\n.*\n\s+enum: \[(.*)\]`).FindStringSubmatch(openapi)
	if enum == nil || enum[1] != strings.Join(names, ", ") {
		t.Errorf("openapi.yaml's RecordType enum is %v, the registry %s", enum, strings.Join(names, ", "))
	}

	for _, rt := range truce.Types() {
		if !regexp.MustCompile("(?m)^\\| [^|]*`" + rt.Name + "`").MatchString(rules) {
			t.Errorf("RULES.md's table of who may record what has no row for %s", rt.Name)
		}
		for _, r := range rt.Refs {
			if !strings.Contains(rules, "| `"+rt.Name+"."+strings.TrimPrefix(r.Field, "body.")) {
				t.Errorf("RULES.md's table of references has no row for %s.%s", rt.Name, strings.TrimPrefix(r.Field, "body."))
			}
		}
		if rt.List == "" {
			continue
		}
		if !strings.Contains(openapi, "  /api/v1/"+rt.List+":\n") || !strings.Contains(rules, rt.List) {
			t.Errorf("list %s is missing from openapi.yaml's paths or RULES.md", rt.List)
		}
		if len(rt.Statuses) == 0 {
			continue
		}
		for _, s := range rt.Statuses {
			if !strings.Contains(rules, "`"+s+"`") {
				t.Errorf("RULES.md never names %s's status %s", rt.Name, s)
			}
		}
		param := regexp.MustCompile(rt.Name + `Status: \{name: status, .* enum: \[(.*)\]\}\}`).FindStringSubmatch(openapi)
		if param == nil || param[1] != strings.Join(rt.Statuses, ", ") {
			t.Errorf("openapi.yaml's %sStatus enum is %v, the registry %v", rt.Name, param, rt.Statuses)
		}
		path := openapi[strings.Index(openapi, "  /api/v1/"+rt.List+":\n"):]
		path = path[:strings.Index(path[1:], "\n  /")+1]
		if !strings.Contains(path, "#/components/parameters/"+rt.Name+"Status") {
			t.Errorf("openapi.yaml's /api/v1/%s does not take the %sStatus parameter", rt.List, rt.Name)
		}
	}
}
