// Package web serves a mechanism's reading pages: the overview, incidents,
// claims, sources, commitments, requests and findings, server-rendered
// with html/template and readable with JavaScript off, in English, Urdu,
// Pashto and Dari (docs: ../shared/UI.md's conventions).
//
// Pages read the public projection (a Store's lists) and the log's public
// leaves; a restricted entry shows only its routing metadata, so no page
// can show a restricted body to anyone. The store's links (LinksTo) give
// what cites an entry: assessments, findings, the claims drawn from a
// source, the sources of one statement. Parties are named as their party records
// name them, read from the log as far as needed.
//
// # The log explorer
//
// /log lists every entry, newest first (?cursor=N: the entries before
// index N; ?index=N: a redirect to /log/N), each with its type, its
// signers' member ids and key fingerprints (the key id of FORMAT.md §1)
// and its time; /log/{index} shows one entry as anyone may see it (a
// restricted one by its routing metadata alone), its leaf hash, and a
// verification section for static/verify/page.js, whose keys are the
// page's own: Config.LogVKey, the recorded witness policy's keys and the
// signers' member keys, each shown with its fingerprint. The browser
// fetches the log's /checkpoint and /tile/ from the page's origin, where
// truce serve serves them beside the pages. offlineBundle is the hook for
// the offline proof bundles a later issue adds.
//
// # Static files and the map
//
// Every file under web/static/ (subfolders included) is embedded and
// served twice: at /static/NAME.HASH.EXT, its content hash in the name,
// cacheable for a year; and at /static/NAME.EXT, revalidated by ETag, so
// that an ES module's relative imports ("./leaflet.js") resolve. CSS
// url(...) references to other static files are rewritten to the hashed
// names. Compressible files are served gzipped to clients that accept it.
// Templates name a static file with {{asset "map/map.js"}}, which gives
// its hashed URL.
//
// The map (web/map.go, web/static/map/, owned separately) plugs in here:
//   - /incidents renders <figure id="incident-map"> and, inside it, what
//     renderMap returns when map.go sets it (in an init func); until then
//     the figure is empty;
//   - renderMap is called before the page's incidents are written as JSON,
//     so it may fill in the Lat and Lon of the places it resolves (the
//     gazetteer); the JSON is <script type="application/json"
//     id="incidents-data">, an array of mapIncident: {index, event_type,
//     date, place: {name, lat?, lon?, precision}, status};
//   - the incidents page loads map/map.css and map/map.js (a module)
//     when they exist;
//   - the Content-Security-Policy allows scripts, styles, images, fonts
//     and fetches from the server's own origin only (plus data: images),
//     no inline script or style.
package web

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/transparency-dev/formats/log"
	"github.com/truce-dev/truce"
	"github.com/truce-dev/truce/files"
	"github.com/truce-dev/truce/tlog"
	"golang.org/x/mod/sumdb/note"
)

// What the pages read, declared here where it is used; the checks below
// keep the real implementations in step.

// Store answers the projection's list queries.
type Store interface {
	List(ctx context.Context, q truce.Query) (*truce.Page, error)
	// Lookup gives the entries whose content hash is hash (hex): the
	// sources of one text.
	Lookup(ctx context.Context, hash string) ([]uint64, error)
	// LinksTo gives the entries whose refs named rel cite dst, in order:
	// what cites an entry (truce.Facts).
	LinksTo(ctx context.Context, dst uint64, rel string) ([]uint64, error)
}

// Log is the log's leaves and latest checkpoint.
type Log interface {
	Size(ctx context.Context) (uint64, error)
	ReadLeaves(ctx context.Context, from, to uint64, fn func(uint64, []byte) error) error
	Checkpoint(ctx context.Context) ([]byte, *log.Checkpoint, error)
}

// Witnesses is the witness policy the log records.
type Witnesses interface {
	WitnessPolicy() (truce.WitnessPolicy, bool)
}

// Texts holds the public texts of sources, each under its SHA-256 (hex),
// the hash its source record carries; a text not held (never given, or
// not public) is fs.ErrNotExist.
type Texts interface {
	Get(name string) ([]byte, error)
}

var (
	_ Store     = (truce.Store)(nil)
	_ Log       = (*tlog.Log)(nil)
	_ Witnesses = (*truce.Mechanism)(nil)
	_ Texts     = (*files.Dir)(nil)
)

// Config is what a site reads.
type Config struct {
	Store  Store
	Log    Log
	LogKey note.Verifier
	// LogVKey is the log key's text (NAME+HASH+BASE64), which /log/{index}
	// shows and gives the browser's verifier; "": no verification there.
	LogVKey   string
	Witnesses Witnesses // nil: no witness policy shown
	Texts     Texts     // nil: no source text shown
	Logger    *slog.Logger
	// Now is the clock (statuses that depend on the time); nil: time.Now.
	Now func() time.Time
}

// mapIncident is one incident as the map reads it (see the package doc).
type mapIncident struct {
	Index     uint64   `json:"index"`
	EventType string   `json:"event_type"`
	Date      string   `json:"date"`
	Place     mapPlace `json:"place"`
	Status    string   `json:"status"`
}

type mapPlace struct {
	Name      string   `json:"name"`
	Lat       *float64 `json:"lat,omitempty"`
	Lon       *float64 `json:"lon,omitempty"`
	Precision string   `json:"precision"`
}

// renderMap, set by map.go, is the server-rendered map of the incidents
// of one /incidents page, in the reader's language (a BCP 47 tag).
var renderMap func(lang string, incidents []mapIncident) template.HTML

// New returns the site's handler: every page and the static files.
func New(cfg Config) http.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &site{cfg: cfg, parties: &parties{log: cfg.Log}, members: &members{log: cfg.Log}, hints: map[string]uint64{}}
	s.templates = mustTemplates()
	mux := http.NewServeMux()
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("GET /{$}", s.page(s.overview))
	mux.HandleFunc("GET /incidents", s.page(s.incidents))
	mux.HandleFunc("GET /incidents/{index}", s.page(s.incident))
	mux.HandleFunc("GET /commitments", s.page(s.commitments))
	mux.HandleFunc("GET /requests", s.page(s.requests))
	mux.HandleFunc("GET /claims", s.page(s.claims))
	mux.HandleFunc("GET /findings/{index}", s.page(s.finding))
	mux.HandleFunc("GET /sources/{index}", s.page(s.source))
	mux.HandleFunc("GET /log", s.logIndex())
	mux.HandleFunc("GET /log/{index}", s.page(s.logEntry))
	mux.HandleFunc("/", s.page(func(r *http.Request, p *pageData) error {
		return notFound("ErrPageNotFound")
	}))
	return secure(gzipped(mux))
}

// csp allows the server's own origin only: no inline script or style, no
// framing.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		h.ServeHTTP(w, r)
	})
}
