package web

import (
	"compress/gzip"
	"net/http"
	"sync"
)

// precompressed marks a response the static handler has encoded already;
// the page compressor drops it before the headers go out.
const precompressed = "X-Truce-Precompressed"

// Pages are compressed at the fastest level: a page is rendered for each
// request, and the fastest level costs a third of the default's time for
// some tenths more bytes.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

// gzipped compresses the pages for clients that accept gzip. Written here
// rather than taken from a library: the standard library's gzip is all it
// takes, and the static files, compressed once at start, must pass
// through untouched.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !acceptsGzip(r) {
			h.ServeHTTP(&stripper{ResponseWriter: w}, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		h.ServeHTTP(gw, r)
	})
}

// stripper only drops the precompressed marker.
type stripper struct{ http.ResponseWriter }

func (s *stripper) WriteHeader(code int) {
	s.Header().Del(precompressed)
	s.ResponseWriter.WriteHeader(code)
}

func (s *stripper) Write(b []byte) (int, error) {
	s.Header().Del(precompressed)
	return s.ResponseWriter.Write(b)
}

type gzipWriter struct {
	http.ResponseWriter
	zw          *gzip.Writer
	wroteHeader bool
	passThrough bool
}

func (g *gzipWriter) WriteHeader(code int) {
	if g.wroteHeader {
		return
	}
	g.wroteHeader = true
	h := g.Header()
	switch {
	case h.Get(precompressed) != "" || code == http.StatusNotModified || code == http.StatusNoContent || h.Get("Content-Encoding") != "":
		g.passThrough = true
	default:
		h.Set("Content-Encoding", "gzip")
		h.Add("Vary", "Accept-Encoding")
		h.Del("Content-Length")
		g.zw = gzipWriters.Get().(*gzip.Writer)
		g.zw.Reset(g.ResponseWriter)
	}
	h.Del(precompressed)
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.wroteHeader {
		g.WriteHeader(http.StatusOK)
	}
	if g.passThrough {
		return g.ResponseWriter.Write(b)
	}
	return g.zw.Write(b)
}

func (g *gzipWriter) close() {
	if g.zw != nil {
		g.zw.Close()
		gzipWriters.Put(g.zw)
		g.zw = nil
	}
}
