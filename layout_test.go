package truce_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDriversImportNoDomain: the file store and the witness know nothing
// of what a truce log means (as Tessera's drivers), so neither imports the
// root package.
func TestDriversImportNoDomain(t *testing.T) {
	for _, pkg := range []string{"./files", "./witness"} {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == "github.com/truce-dev/truce" {
				t.Errorf("%s imports the root package", pkg)
			}
		}
	}
}
