package http

import (
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/truce-dev/truce"
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// list answers GET /api/v1/{list} in DESIGN.md's list shape.
func (s *Server) list(w http.ResponseWriter, r *http.Request, list string) {
	p := r.URL.Query()
	q := truce.Query{List: list, Party: p.Get("party"), Status: p.Get("status"), Type: p.Get("type"),
		From: p.Get("from"), To: p.Get("to"), Place: p.Get("place"), Text: p.Get("q"), Now: time.Now()}
	for _, d := range []struct{ name, v string }{{"from", q.From}, {"to", q.To}} {
		if d.v != "" {
			if _, err := time.Parse(time.DateOnly, d.v); err != nil {
				badRequest(w, d.name, "%s is not a date (YYYY-MM-DD)", quote(d.v))
				return
			}
		}
	}
	if q.Status != "" {
		t, _ := truce.ListOf(list)
		known := t.Statuses
		if !strings.Contains(","+strings.Join(known, ",")+",", ","+q.Status+",") {
			if len(known) == 0 {
				badRequest(w, "status", "%s have no status", list)
			} else {
				badRequest(w, "status", "%s is not a status of %s (one of %s)", quote(q.Status), list, strings.Join(known, ", "))
			}
			return
		}
	}
	var ok bool
	if q.After, q.Limit, ok = pageParams(w, p); !ok {
		return
	}
	page, err := s.store.List(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var next any
	if page.Next != 0 {
		next = strconv.FormatUint(page.Next, 10)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": page.Items, "next_cursor": next})
}

// pageParams reads the cursor and the limit every list takes (limit 0 when
// not given). It answers 400 and returns ok false when either is bad. A
// cursor too large for any index is past the end: it gives an empty page.
// A limit above the maximum, however large, is clamped, never refused.
func pageParams(w http.ResponseWriter, p url.Values) (after uint64, limit int, ok bool) {
	if c := p.Get("cursor"); c != "" {
		n, err := strconv.ParseUint(c, 10, 64) // math.MaxUint64 when out of range
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			badRequest(w, "cursor", "%s is not a cursor from next_cursor", quote(c))
			return 0, 0, false
		}
		after = n
	}
	if l := p.Get("limit"); l != "" {
		n, err := strconv.Atoi(l) // math.MaxInt or math.MinInt when out of range
		if err != nil && !errors.Is(err, strconv.ErrRange) || n < 1 {
			badRequest(w, "limit", "%s is not a positive number", quote(l))
			return 0, 0, false
		}
		limit = min(n, truce.MaxLimit) // clamped, never refused
	}
	return after, limit, true
}

// lookup finds entries by envelope hash or by the content hash a source or
// evidence record carries.
func (s *Server) lookup(w http.ResponseWriter, r *http.Request) {
	h := r.PathValue("sha256")
	if raw, err := hex.DecodeString(h); err != nil || len(raw) != 32 {
		badRequest(w, "sha256", "%s is not a hex SHA-256", quote(h))
		return
	}
	idx, err := s.store.Lookup(r.Context(), h)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if idx == nil {
		idx = []uint64{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"indices": idx})
}
