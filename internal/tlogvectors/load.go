package tlogvectors

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Named is a vector read from testdata/tlog, with its name and, for a
// fail_* vector, the reason a verifier must give.
type Named struct {
	Name   string
	Reason string // "" for good_*
	*Vector
}

// Load reads every vector in dir (testdata/tlog), sorted by name.
func Load(dir string) ([]Named, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []Named
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".json")
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		n := Named{Name: name, Vector: &Vector{}}
		if err := json.Unmarshal(raw, n.Vector); err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		if strings.HasPrefix(name, "fail_") {
			r, err := os.ReadFile(filepath.Join(dir, name+".err"))
			if err != nil {
				return nil, err
			}
			n.Reason = strings.TrimSpace(string(r))
		}
		out = append(out, n)
	}
	return out, nil
}

// Handler serves v's log as a tlog-tiles server would: /checkpoint is the
// vector's checkpoint, /tile/... the files of its Overlay folder, else of
// its Tiles folder, under dir (testdata/tlog). A missing file is a 404.
func Handler(dir string, v *Vector) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/checkpoint" {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write([]byte(v.Checkpoint))
			return
		}
		p := path.Clean(r.URL.Path)
		if !strings.HasPrefix(p, "/tile/") || v.Tiles == "" {
			http.NotFound(w, r)
			return
		}
		for _, folder := range []string{v.Overlay, v.Tiles} {
			if folder == "" {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, folder, filepath.FromSlash(p)))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			} else if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(b)
			return
		}
		http.NotFound(w, r)
	})
}
