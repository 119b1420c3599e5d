package web

import (
	"embed"
	"fmt"
	"html/template"
	"path"
	"strings"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages are the page templates; each is parsed with the layout and the
// partials.
var pages = []string{"overview", "incidents", "incident", "commitments", "requests", "claims", "finding", "source", "log", "entry", "error"}

var funcs = template.FuncMap{
	"asset":    assetURL,
	"hasAsset": func(name string) bool { _, ok := assets[name]; return ok },
	"join":     strings.Join,
	// dict builds a map for a partial: dict "K1" v1 "K2" v2.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m, nil
	},
	// sourceName is how a claim card names its source.
	"sourceName": func(src any) string {
		if it, ok := src.(*item); ok && it != nil {
			return it.Outlet
		}
		return ""
	},
	"navItems":     func() []navItem { return nav },
	"incidentRows": incidentRows,
	"deref": func(p *uint64) uint64 {
		if p == nil {
			return 0
		}
		return *p
	},
}

func mustTemplates() map[string]*template.Template {
	base := template.Must(template.New("").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html"))
	out := map[string]*template.Template{}
	for _, p := range pages {
		t := template.Must(base.Clone())
		out[p] = template.Must(t.ParseFS(templateFS, path.Join("templates", p+".html")))
	}
	return out
}

type navItem struct{ Path, Msg string }

// nav is the site's navigation, in order.
var nav = []navItem{{"/", "NavOverview"}, {"/incidents", "NavIncidents"}, {"/commitments", "NavCommitments"}, {"/requests", "NavRequests"}, {"/claims", "NavClaims"}, {"/log", "NavLog"}}

// incidentRow is one row of an incidents table, formatted in Go: a table
// of fifty rows would otherwise make some three hundred reflective calls
// of the template's functions (bench/README.md).
type incidentRow struct {
	Index, IndexText        string
	Date                    template.HTML
	Event, Place, Precision string
	Status                  template.HTML
	Claims                  string
}

func incidentRows(l *locale, items []item) []incidentRow {
	rows := make([]incidentRow, len(items))
	for i, it := range items {
		ev := it.EventType
		if it.SubEventType != "" {
			ev += ": " + it.SubEventType
		}
		rows[i] = incidentRow{Index: fmt.Sprint(it.Index), IndexText: l.Index(it.Index), Date: l.Date(it.Date, it.DatePrecision),
			Event: ev, Place: it.Place.Name, Precision: l.T("Precision_" + it.Place.Precision), Status: l.Status(it.Status),
			Claims: l.Digits(fmt.Sprint(len(it.Claims)))}
	}
	return rows
}
