package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// asset is one static file, ready to serve.
type asset struct {
	name   string // path under static/, "css/truce.css"
	hashed string // "css/truce.3f2a9c1b.css"
	body   []byte
	gz     []byte // nil when compression does not pay
	ctype  string
	etag   string
}

// assets are the static files by both their names.
var assets = loadAssets()

// cssURL matches a url(...) reference in a stylesheet.
var cssURL = regexp.MustCompile(`url\(\s*["']?([^"')]+)["']?\s*\)`)

func loadAssets() map[string]*asset {
	var names []string
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, strings.TrimPrefix(p, "static/"))
		}
		return err
	})
	if err != nil {
		panic(err)
	}
	// Stylesheets last: their url(...) references name the other files
	// by their hashed names, so a stylesheet's hash covers what it loads.
	sort.SliceStable(names, func(i, j int) bool {
		return !strings.HasSuffix(names[i], ".css") && strings.HasSuffix(names[j], ".css")
	})
	out := map[string]*asset{}
	for _, name := range names {
		body, err := staticFS.ReadFile("static/" + name)
		if err != nil {
			panic(err)
		}
		if strings.HasSuffix(name, ".css") {
			body = cssURL.ReplaceAllFunc(body, func(m []byte) []byte {
				ref := string(cssURL.FindSubmatch(m)[1])
				if strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "#") {
					return m
				}
				target, ok := out[path.Join(path.Dir(name), ref)]
				if !ok {
					panic(fmt.Sprintf("web: %s refers to %s, which is not a static file", name, ref))
				}
				return []byte(`url("/static/` + target.hashed + `")`)
			})
		}
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:4])
		ext := path.Ext(name)
		a := &asset{name: name, hashed: strings.TrimSuffix(name, ext) + "." + h + ext, body: body, etag: `"` + h + `"`}
		a.ctype = mime.TypeByExtension(ext)
		switch ext {
		case ".js", ".mjs":
			a.ctype = "text/javascript; charset=utf-8"
		case ".json", ".geojson", ".topojson":
			a.ctype = "application/json"
		case ".woff2":
			a.ctype = "font/woff2"
		case ".txt", "":
			a.ctype = "text/plain; charset=utf-8"
		}
		if a.ctype == "" {
			a.ctype = "application/octet-stream"
		}
		if compressible(a.ctype) {
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			if b.Len() < len(body)*9/10 {
				a.gz = b.Bytes()
			}
		}
		out[name] = a
		out[a.hashed] = a
	}
	return out
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "json") || strings.Contains(ctype, "svg") || strings.Contains(ctype, "javascript")
}

// assetURL is the hashed URL of the static file name ("css/truce.css").
func assetURL(name string) (string, error) {
	a, ok := assets[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + a.hashed, nil
}

// staticHandler serves the static files: immutable under their hashed
// names, revalidated under their plain ones.
func staticHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		a, ok := assets[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.ctype)
		h.Set("ETag", a.etag)
		if name == a.hashed {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-cache")
		}
		h.Add("Vary", "Accept-Encoding")
		if r.Header.Get("If-None-Match") == a.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		body := a.body
		if a.gz != nil && acceptsGzip(r) {
			h.Set("Content-Encoding", "gzip")
			body = a.gz
		}
		// Marked so the page compressor leaves it as it is.
		w.Header().Set(precompressed, "1")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	})
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}
