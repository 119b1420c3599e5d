package web

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"net/http"
	"sync"
)

// precompressed marks a response the static handler has encoded already;
// the page compressor drops it before the headers go out.
const precompressed = "X-Truce-Precompressed"

// Pages are compressed at the fastest level: a page is rendered for each
// request, and the fastest level costs a third of the default's time for
// some tenths more bytes.
var flateWriters = sync.Pool{New: func() any {
	zw, _ := flate.NewWriter(nil, flate.BestSpeed)
	return zw
}}

// sharedText is a part of many pages' markup, the same every time (the map's
// base layer, two thirds of the incidents page), deflated once at the best
// level. A response holding it is framed by hand around the standard
// library's flate: the page before it, flushed to a byte boundary; its
// deflated blocks as they are; the page after it, from a fresh
// compressor, which refers to nothing before; one CRC-32 and length over
// it all. compress/gzip cannot splice, and this saves compressing the
// largest part of the page for every request (bench/README.md, issue 15).
type sharedText struct {
	text     []byte
	deflated []byte // raw deflate blocks, ending in a sync flush, none final
}

var sharedParts sync.Map // key → *sharedText

// sharedPart is the part named key, whose text is text(): the same for
// the life of the process.
func sharedPart(key string, text func() string) *sharedText {
	if s, ok := sharedParts.Load(key); ok {
		return s.(*sharedText)
	}
	t := []byte(text())
	var b bytes.Buffer
	zw, _ := flate.NewWriter(&b, flate.BestCompression)
	zw.Write(t)
	zw.Flush()
	s, _ := sharedParts.LoadOrStore(key, &sharedText{text: t, deflated: b.Bytes()})
	return s.(*sharedText)
}

// gzipped compresses the pages for clients that accept gzip. Written here
// rather than taken from a library: the standard library's flate is all it
// takes, the static files, compressed once at start, must pass through
// untouched, and a page's shared part is spliced in already deflated
// (sharedText).
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
	zw          *flate.Writer
	crc         uint32
	size        uint32 // mod 2^32, as gzip's trailer counts it
	wroteHeader bool
	passThrough bool
}

// gzipHeader is the header compress/gzip writes at the fastest level: no
// name, no time, the fastest compression (XFL 4), an unknown OS.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 0xff}

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
	}
	h.Del(precompressed)
	g.ResponseWriter.WriteHeader(code)
	if !g.passThrough {
		g.ResponseWriter.Write(gzipHeader)
		g.zw = flateWriters.Get().(*flate.Writer)
		g.zw.Reset(g.ResponseWriter)
	}
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.wroteHeader {
		g.WriteHeader(http.StatusOK)
	}
	if g.passThrough {
		return g.ResponseWriter.Write(b)
	}
	g.crc = crc32.Update(g.crc, crc32.IEEETable, b)
	g.size += uint32(len(b))
	return g.zw.Write(b)
}

// writeShared writes b, in which the text of part may be found: that
// text as part's deflated blocks, the rest compressed as usual.
func (g *gzipWriter) writeShared(b []byte, part *sharedText) (int, error) {
	i := bytes.Index(b, part.text)
	if !g.wroteHeader {
		g.WriteHeader(http.StatusOK)
	}
	if i < 0 || g.passThrough {
		return g.Write(b)
	}
	n, err := g.Write(b[:i])
	if err != nil {
		return n, err
	}
	if err := g.zw.Flush(); err != nil {
		return n, err
	}
	if _, err := g.ResponseWriter.Write(part.deflated); err != nil {
		return n, err
	}
	g.crc = crc32.Update(g.crc, crc32.IEEETable, b[i:i+len(part.text)])
	g.size += uint32(len(part.text))
	// What follows may not refer back past the part: a fresh compressor.
	g.zw.Reset(g.ResponseWriter)
	m, err := g.Write(b[i+len(part.text):])
	return n + len(part.text) + m, err
}

func (g *gzipWriter) close() {
	if g.zw != nil {
		g.zw.Close()
		var trailer [8]byte
		binary.LittleEndian.PutUint32(trailer[:4], g.crc)
		binary.LittleEndian.PutUint32(trailer[4:], g.size)
		g.ResponseWriter.Write(trailer[:])
		flateWriters.Put(g.zw)
		g.zw = nil
	}
}
