package tlog

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/transparency-dev/tessera/api/layout"
)

// Handler serves the log's C2SP tlog-tiles resources: /checkpoint, hash
// tiles under /tile/L/N and entry bundles under /tile/entries/N, each
// exactly as stored. A partial resource is served only at its partial path.
func (l *Log) Handler() http.Handler { return ServeDir(l.dir) }

// ServeDir serves the tlog-tiles resources stored in dir, as Handler does.
func ServeDir(dir string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /checkpoint", func(w http.ResponseWriter, r *http.Request) {
		raw, err := ReadCheckpointFile(dir)
		if err != nil {
			http.Error(w, "no checkpoint published yet", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(raw)
	})
	mux.HandleFunc("GET /tile/", func(w http.ResponseWriter, r *http.Request) {
		p, ok := tilePath(strings.TrimPrefix(r.URL.Path, "/"))
		if !ok {
			http.Error(w, "not a tlog-tiles path", http.StatusNotFound)
			return
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if errors.Is(err, fs.ErrNotExist) {
			http.NotFound(w, r)
			return
		} else if err != nil {
			http.Error(w, "reading tile failed", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		if strings.Contains(p, ".p/") {
			// A partial tile is replaced by a larger one or a full one.
			w.Header().Set("Cache-Control", "no-cache")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		w.Write(data)
	})
	return mux
}

// tilePath checks p is a tile or entry bundle path in the exact form
// tlog-tiles gives it, so that nothing else under the log directory (its
// internal state) can be read.
func tilePath(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "tile/")
	if !ok {
		return "", false
	}
	if idx, ok := strings.CutPrefix(rest, "entries/"); ok {
		n, w, err := layout.ParseTileIndexPartial(idx)
		if err != nil || layout.EntriesPath(n, w) != p {
			return "", false
		}
		return p, true
	}
	level, idx, ok := strings.Cut(rest, "/")
	if !ok {
		return "", false
	}
	lv, n, w, err := layout.ParseTileLevelIndexPartial(level, idx)
	if err != nil || layout.TilePath(lv, n, w) != p {
		return "", false
	}
	return p, true
}
