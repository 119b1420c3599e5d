package tlog

import (
	"strings"
	"testing"
)

// FuzzTilePath: only tile and entry bundle paths in their exact tlog-tiles
// form get through, never a path out of the tile tree.
func FuzzTilePath(f *testing.F) {
	for _, p := range []string{"tile/0/000", "tile/1/x001/234.p/7", "tile/entries/x123/456", "tile/entries/000.p/255", "tile/../.state/treeState", "tile/0/000.p/0"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		got, ok := tilePath(p)
		if !ok {
			return
		}
		if got != p || !strings.HasPrefix(p, "tile/") || strings.Contains(p, "..") || strings.Contains(p, "//") || strings.HasSuffix(p, "/") {
			t.Fatalf("accepted %q", p)
		}
	})
}
