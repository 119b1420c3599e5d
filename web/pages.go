package web

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/truce-dev/truce"
)

// site renders the pages of one mechanism.
type site struct {
	cfg       Config
	templates map[string]*template.Template // by page
	parties   *parties
	members   *members

	mu sync.Mutex
	// hints are the cursors latest found, by query.
	hints map[string]uint64
	// The checkpoint last shown, as verified.
	lastCheckpoint checkpoint
	lastRaw        []byte
	lastPolicy     uint64
}

// pageData is what every page template is given.
type pageData struct {
	L          *locale
	Path       string // the page's path, for the navigation
	Title      string
	Langs      []langLink
	Checkpoint checkpoint
	Parties    *partyNames
	Now        time.Time
	// Page is the page's own data.
	Page any
	// template is the page's template name; status its HTTP status.
	template string
	status   int
	// shared is a part of the page's markup many responses share,
	// compressed once; nil: none.
	shared *sharedText
}

type langLink struct {
	Code, Name, URL string
	Current         bool
}

// pageError is a page that cannot be shown, with its status and message.
type pageError struct {
	status int
	msg    string // message id
	args   []any
}

func (e *pageError) Error() string { return e.msg }

func notFound(msg string, args ...any) error {
	return &pageError{status: http.StatusNotFound, msg: msg, args: args}
}

func badRequest(msg string, args ...any) error {
	return &pageError{status: http.StatusBadRequest, msg: msg, args: args}
}

// pageBuffers hold pages as they are rendered: a page of incidents is
// some 100 KB, which a new buffer would grow to by doubling, every time.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// page wraps a page's handler: the reader's language, the checkpoint in
// the footer, the rendering, and errors as pages.
func (s *site) page(fn func(r *http.Request, p *pageData) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		l := pickLocale(w, r)
		p := &pageData{L: l, Path: r.URL.Path, Now: s.cfg.Now().UTC(), status: http.StatusOK}
		for _, tag := range languages {
			code, _ := tag.Base()
			q := r.URL.Query()
			q.Set("lang", code.String())
			p.Langs = append(p.Langs, langLink{Code: code.String(), Name: locales[code.String()].autonym,
				URL: r.URL.Path + "?" + q.Encode(), Current: code.String() == l.code})
		}
		p.Checkpoint = s.checkpointInfo(ctx)
		p.Parties = &partyNames{ctx: ctx, p: s.parties}
		err := fn(r, p)
		var pe *pageError
		switch {
		case errors.As(err, &pe):
			p.status, p.template, p.Title = pe.status, "error", l.T(pe.msg, pe.args...)
			p.Page = nil
		case err != nil:
			s.cfg.Logger.ErrorContext(ctx, "page failed", "path", r.URL.Path, "err", err)
			p.status, p.template, p.Title = http.StatusInternalServerError, "error", l.T("ErrorInternal")
			p.Page = nil
		}
		buf := pageBuffers.Get().(*bytes.Buffer)
		buf.Reset()
		defer pageBuffers.Put(buf)
		err = s.templates[p.template].ExecuteTemplate(buf, "layout", p)
		if err == nil {
			err = p.Parties.err // a failed read of the log while naming a party
		}
		if err != nil {
			s.cfg.Logger.ErrorContext(ctx, "rendering failed", "path", r.URL.Path, "template", p.template, "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Language", l.code)
		h.Set("Cache-Control", "no-cache")
		h.Add("Vary", "Accept-Language, Cookie")
		w.WriteHeader(p.status)
		if gw, ok := w.(*gzipWriter); ok && p.shared != nil {
			gw.writeShared(buf.Bytes(), p.shared)
			return
		}
		w.Write(buf.Bytes())
	}
}

// index reads the {index} path value.
func index(r *http.Request) (uint64, error) {
	i, err := strconv.ParseUint(r.PathValue("index"), 10, 64)
	if err != nil {
		return 0, notFound("ErrNotIndex", "Index", quote(r.PathValue("index")))
	}
	return i, nil
}

// quote is at most 64 bytes of untrusted input, quoted.
func quote(s string) string {
	if len(s) > 64 {
		s = strings.ToValidUTF8(s[:64], "") + "…"
	}
	return strconv.Quote(s)
}

// restrictedOr explains why entry i is not in list: restricted, another
// type, or absent.
func (s *site) restrictedOr(ctx context.Context, i uint64, kind string) error {
	e, err := s.entry(ctx, i)
	if err != nil {
		return err
	}
	switch {
	case e == nil:
		return notFound("ErrNoEntry", "Index", i)
	case e.Restricted != nil:
		return &pageError{status: http.StatusForbidden, msg: "ErrRestricted", args: []any{"Index", i, "Type", e.Restricted.Type, "Visibility", e.Restricted.Visibility}}
	default:
		return notFound("ErrNotKind", "Index", i, "Kind", kind)
	}
}

type overviewPage struct {
	Rounds                   []item
	Commitments              []item
	Overdue, Open            []item
	Incidents                []item
	MoreCommitments, MoreReq bool
}

const overviewItems = 10

func (s *site) overview(r *http.Request, p *pageData) error {
	ctx := r.Context()
	var o overviewPage
	var err error
	if o.Rounds, _, err = s.list(ctx, truce.Query{List: "rounds", Limit: truce.MaxLimit}); err != nil {
		return err
	}
	slices.SortStableFunc(o.Rounds, func(a, b item) int { return strings.Compare(a.Start, b.Start) })
	size, err := s.cfg.Log.Size(ctx)
	if err != nil {
		return err
	}
	if o.Commitments, err = s.latestOf(ctx, size, truce.Query{List: "commitments"}, 2*overviewItems); err != nil {
		return err
	}
	if err := s.assessedBy(ctx, o.Commitments); err != nil {
		return err
	}
	// What needs a mediator's attention first: breached, lapsed, open.
	slices.SortStableFunc(o.Commitments, func(a, b item) int { return boardRank(a.Status) - boardRank(b.Status) })
	if o.Overdue, err = s.latestOf(ctx, size, truce.Query{List: "requests", Status: "overdue"}, overviewItems); err != nil {
		return err
	}
	if o.Open, err = s.latestOf(ctx, size, truce.Query{List: "requests", Status: "open"}, overviewItems); err != nil {
		return err
	}
	if o.Incidents, err = s.latestOf(ctx, size, truce.Query{List: "incidents"}, overviewItems); err != nil {
		return err
	}
	p.template, p.Title, p.Page = "overview", p.L.T("NavOverview"), o
	return nil
}

// boardRank orders the commitments board by status, what needs attention
// first.
func boardRank(status string) int {
	i := slices.Index([]string{"breached", "lapsed", "open", "in_progress", "partly_fulfilled", "fulfilled"}, status)
	if i < 0 {
		return 99
	}
	return i
}

// filters are a list page's query parameters, as the API takes them.
type filters struct {
	Type, Party, Status, From, To, Place, Q string
	Cursor                                  uint64
	Limit                                   int
}

func (f filters) query(list string) truce.Query {
	return truce.Query{List: list, Type: f.Type, Party: f.Party, Status: f.Status, From: f.From, To: f.To, Place: f.Place, Text: f.Q, After: f.Cursor, Limit: f.Limit}
}

// next is the URL of the page after this one.
func (f filters) next(path string, cursor uint64) string {
	v := url.Values{}
	for k, x := range map[string]string{"type": f.Type, "party": f.Party, "status": f.Status, "from": f.From, "to": f.To, "place": f.Place, "q": f.Q} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if f.Limit != 0 {
		v.Set("limit", strconv.Itoa(f.Limit))
	}
	v.Set("cursor", strconv.FormatUint(cursor, 10))
	return path + "?" + v.Encode()
}

// readFilters reads and checks the filters as the API does.
func readFilters(r *http.Request, list string) (filters, error) {
	q := r.URL.Query()
	f := filters{Type: q.Get("type"), Party: q.Get("party"), Status: q.Get("status"), From: q.Get("from"), To: q.Get("to"), Place: q.Get("place"), Q: q.Get("q")}
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v != "" {
			if _, err := time.Parse(time.DateOnly, d.v); err != nil {
				return f, badRequest("ErrNotDate", "Field", d.name, "Value", quote(d.v))
			}
		}
	}
	if f.Status != "" {
		t, _ := truce.ListOf(list)
		if !slices.Contains(t.Statuses, f.Status) {
			return f, badRequest("ErrNotStatus", "Value", quote(f.Status), "Known", strings.Join(t.Statuses, ", "))
		}
	}
	if c := q.Get("cursor"); c != "" {
		n, err := strconv.ParseUint(c, 10, 64)
		if err != nil {
			return f, badRequest("ErrNotCursor", "Value", quote(c))
		}
		f.Cursor = n
	}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			return f, badRequest("ErrNotLimit", "Value", quote(l))
		}
		f.Limit = min(n, truce.MaxLimit)
	}
	return f, nil
}

type listPage struct {
	Filters  filters
	Statuses []string
	Items    []item
	Next     string
	// Map and MapData are the incidents page's map (see the package doc),
	// the map in pieces: the template prints each through fmt, which
	// keeps buffers up to 64 KB for the next print and allocates anew for
	// a larger one, and the whole map is more.
	Map     []template.HTML
	MapData []mapIncident
}

func (s *site) listPage(r *http.Request, p *pageData, list, tmpl, title string) (*listPage, error) {
	f, err := readFilters(r, list)
	if err != nil {
		return nil, err
	}
	items, next, err := s.list(r.Context(), f.query(list))
	if err != nil {
		return nil, err
	}
	t, _ := truce.ListOf(list)
	lp := &listPage{Filters: f, Statuses: t.Statuses, Items: items}
	if next != 0 {
		lp.Next = f.next(r.URL.Path, next)
	}
	p.template, p.Title, p.Page = tmpl, p.L.T(title), lp
	return lp, nil
}

func (s *site) incidents(r *http.Request, p *pageData) error {
	lp, err := s.listPage(r, p, "incidents", "incidents", "NavIncidents")
	if err != nil {
		return err
	}
	lp.MapData = []mapIncident{}
	for _, it := range lp.Items {
		lp.MapData = append(lp.MapData, mapIncident{Index: it.Index, EventType: it.EventType, Date: it.Date, Status: it.Status,
			Place: mapPlace{Name: it.Place.Name, Lat: it.Place.Lat, Lon: it.Place.Lon, Precision: it.Place.Precision}})
	}
	if renderMap != nil {
		m := string(renderMap(p.L.code, lp.MapData))
		l := p.L
		p.shared = sharedPart("map/"+l.code, func() string { return baseLayer(l) })
		for len(m) > 0 {
			n := min(len(m), 32<<10)
			lp.Map = append(lp.Map, template.HTML(m[:n]))
			m = m[n:]
		}
	}
	return nil
}

func (s *site) commitments(r *http.Request, p *pageData) error {
	lp, err := s.listPage(r, p, "commitments", "commitments", "NavCommitments")
	if err != nil {
		return err
	}
	return s.assessedBy(r.Context(), lp.Items)
}

// assessedBy fills in the assessments of each item, where the store
// indexes its links: what a commitment's status rests on, beside the
// findings the list attaches.
func (s *site) assessedBy(ctx context.Context, items []item) error {
	for i := range items {
		idx, err := s.cfg.Store.LinksTo(ctx, items[i].Index, "subject")
		if err != nil {
			return err
		}
		items[i].AssessedBy = idx
	}
	return nil
}

func (s *site) requests(r *http.Request, p *pageData) error {
	_, err := s.listPage(r, p, "requests", "requests", "NavRequests")
	return err
}

func (s *site) claims(r *http.Request, p *pageData) error {
	_, err := s.listPage(r, p, "claims", "claims", "NavClaims")
	return err
}

// citing is the items of list that cite index by the ref named rel (the
// registry's Rel), from the store's links.
func (s *site) citing(ctx context.Context, list string, index uint64, rel string) ([]item, error) {
	idx, err := s.cfg.Store.LinksTo(ctx, index, rel)
	if err != nil {
		return nil, err
	}
	return s.many(ctx, list, idx)
}

type incidentPage struct {
	Incident item
	Claims   []item
	Sources  map[uint64]*item
	Findings []item
	Violates []item
	// Assessments are the entries assessing it (no list holds them).
	Assessments []*entry
}

func (s *site) incident(r *http.Request, p *pageData) error {
	ctx := r.Context()
	i, err := index(r)
	if err != nil {
		return err
	}
	it, err := s.one(ctx, "incidents", i)
	if err != nil {
		return err
	}
	if it == nil {
		return s.restrictedOr(ctx, i, "incident")
	}
	ip := incidentPage{Incident: *it, Sources: map[uint64]*item{}}
	if ip.Claims, err = s.many(ctx, "claims", it.Claims); err != nil {
		return err
	}
	// Side by side in the order they were made, never by party.
	slices.SortStableFunc(ip.Claims, func(a, b item) int { return strings.Compare(claimTime(a), claimTime(b)) })
	for _, c := range ip.Claims {
		if c.Source != nil {
			if _, ok := ip.Sources[*c.Source]; !ok {
				if src, err := s.one(ctx, "sources", *c.Source); err != nil {
					return err
				} else if src != nil {
					ip.Sources[*c.Source] = src
				}
			}
		}
	}
	if ip.Violates, err = s.many(ctx, "commitments", it.Violates); err != nil {
		return err
	}
	ip.Findings, err = s.citing(ctx, "findings", i, "basis")
	if err != nil {
		return err
	}
	if ip.Assessments, err = s.assessments(ctx, i); err != nil {
		return err
	}
	p.template, p.Title, p.Page = "incident", p.L.T("IncidentTitle", "Index", p.L.Digits(fmt.Sprint(i))), ip
	return nil
}

// claimTime is when a claim was made: its date, else when it was recorded.
func claimTime(c item) string {
	if c.Date != "" {
		return c.Date
	}
	return c.Created
}

type findingPage struct {
	Finding     item
	Commitments []item
	Incidents   []item
	Assessments []*entry
}

func (s *site) finding(r *http.Request, p *pageData) error {
	ctx := r.Context()
	i, err := index(r)
	if err != nil {
		return err
	}
	it, err := s.one(ctx, "findings", i)
	if err != nil {
		return err
	}
	if it == nil {
		return s.restrictedOr(ctx, i, "finding")
	}
	fp := findingPage{Finding: *it}
	if fp.Commitments, err = s.many(ctx, "commitments", it.Commitments); err != nil {
		return err
	}
	for _, b := range it.Basis {
		inc, err := s.one(ctx, "incidents", b)
		if err != nil {
			return err
		}
		if inc != nil {
			fp.Incidents = append(fp.Incidents, *inc)
			continue
		}
		// An assessment: no list holds them; its log entry does.
		e, err := s.entry(ctx, b)
		if err != nil {
			return err
		}
		if e != nil {
			fp.Assessments = append(fp.Assessments, e)
		}
	}
	p.template, p.Title, p.Page = "finding", p.L.T("FindingTitle", "Index", p.L.Digits(fmt.Sprint(i))), fp
	return nil
}

type sourcePage struct {
	Source   item
	Text     []segment
	HasText  bool
	Claims   []item
	Unplaced []item // claims not found in the text
	SameText []uint64
	// Statement is every other source of the same statement (linked by
	// same_statement, either way), in log order, with what differs.
	Statement []sameSource
}

// sameSource is a source of the same statement as the page's, with the
// figures its claims give that the page's claims do not.
type sameSource struct {
	Source    item
	OnlyThere []figure
}

// maxStatement bounds the sources of one statement a page follows.
const maxStatement = 64

func (s *site) source(r *http.Request, p *pageData) error {
	ctx := r.Context()
	i, err := index(r)
	if err != nil {
		return err
	}
	it, err := s.one(ctx, "sources", i)
	if err != nil {
		return err
	}
	if it == nil {
		return s.restrictedOr(ctx, i, "source")
	}
	sp := sourcePage{Source: *it}
	sp.Claims, err = s.citing(ctx, "claims", i, "source")
	if err != nil {
		return err
	}
	if it.SHA256 != "" {
		same, err := s.cfg.Store.Lookup(ctx, it.SHA256)
		if err != nil {
			return err
		}
		for _, j := range same {
			if j != i {
				if o, err := s.one(ctx, "sources", j); err == nil && o != nil {
					sp.SameText = append(sp.SameText, j)
				}
			}
		}
	}
	if sp.Statement, err = s.statement(ctx, *it, sp.Claims); err != nil {
		return err
	}
	// The text kept of it (text_sha256) when its signers said it may be
	// shown; for a source recorded before texts were kept, the text under
	// its own sha256, which only the demo's public seeds were kept as.
	name := it.SHA256
	if it.TextSHA256 != "" {
		name = ""
		if it.TextPublic {
			name = it.TextSHA256
		}
	}
	if s.cfg.Texts != nil && truce.IsHexSHA256(name) {
		text, err := s.cfg.Texts.Get(name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		default:
			var quotes []quoteSpan
			for _, c := range sp.Claims {
				quotes = append(quotes, quoteSpan{Claim: c.Index, Text: c.Text})
			}
			var placed map[uint64]bool
			sp.Text, placed = highlight(string(text), quotes)
			sp.HasText = true
			for _, c := range sp.Claims {
				if !placed[c.Index] {
					sp.Unplaced = append(sp.Unplaced, c)
				}
			}
		}
	}
	title := it.Title
	if title == "" {
		title = p.L.T("SourceTitle", "Index", p.L.Digits(fmt.Sprint(i)))
	}
	p.template, p.Title, p.Page = "source", title, sp
	return nil
}

// assessments are the log entries assessing index, read from the log (a
// restricted one shows its routing metadata alone).
func (s *site) assessments(ctx context.Context, index uint64) ([]*entry, error) {
	idx, err := s.cfg.Store.LinksTo(ctx, index, "subject")
	if err != nil {
		return nil, err
	}
	var out []*entry
	for _, i := range idx {
		e, err := s.entry(ctx, i)
		if err != nil {
			return nil, err
		}
		if e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}

// statement is the other sources of the statement src states: those its
// same_statement refs lead to, and those citing any of them by
// same_statement; each with the figures its
// claims give that claims (src's) do not.
func (s *site) statement(ctx context.Context, src item, claims []item) ([]sameSource, error) {
	seen := map[uint64]*item{src.Index: &src}
	queue := []*item{&src}
	for len(queue) > 0 && len(seen) <= maxStatement {
		it := queue[0]
		queue = queue[1:]
		next := []uint64{}
		if it.SameStatement != nil {
			next = append(next, *it.SameStatement)
		}
		idx, err := s.cfg.Store.LinksTo(ctx, it.Index, "same_statement")
		if err != nil {
			return nil, err
		}
		next = append(next, idx...)
		for _, j := range next {
			if seen[j] != nil {
				continue
			}
			o, err := s.one(ctx, "sources", j)
			if err != nil {
				return nil, err
			}
			if o != nil { // a restricted source is no list item
				seen[j] = o
				queue = append(queue, o)
			}
		}
	}
	if len(seen) == 1 {
		return nil, nil
	}
	here := map[string]bool{}
	for _, c := range claims {
		for _, f := range c.Figures {
			here[figureKey(f)] = true
		}
	}
	var out []sameSource
	for j, o := range seen {
		if j == src.Index {
			continue
		}
		ss := sameSource{Source: *o}
		there, err := s.citing(ctx, "claims", j, "source")
		if err != nil {
			return nil, err
		}
		for _, c := range there {
			for _, f := range c.Figures {
				if !here[figureKey(f)] {
					f.Speaker = c.Speaker
					ss.OnlyThere = append(ss.OnlyThere, f)
				}
			}
		}
		out = append(out, ss)
	}
	slices.SortFunc(out, func(a, b sameSource) int { return cmp.Compare(a.Source.Index, b.Source.Index) })
	return out, nil
}

// figureKey is what makes two figures the same figure, whoever gives it.
func figureKey(f figure) string {
	return fmt.Sprintf("%s|%v|%s", f.Qualifier, f.Count, strings.ToLower(f.What))
}
