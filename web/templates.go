package web

import (
	"embed"
	"fmt"
	"html/template"
	"path"
	"strconv"
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
	"navItems":       func() []navItem { return nav },
	"incidentRows":   incidentRows,
	"commitmentRows": commitmentRows,
	"requestRows":    requestRows,
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

// incidentRows are the rows of an incidents table, written in Go: a table
// of fifty rows would otherwise make some three hundred reflective calls
// of the template's functions and escapers, the template's largest cost
// (bench/README.md, issue 15). They are what the template's rows gave,
// byte for byte (TestIncidentRows), escaped as html/template escapes text.
func incidentRows(l *locale, items []item) template.HTML {
	if len(items) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(320 * len(items))
	for _, it := range items {
		ev := it.EventType
		if it.SubEventType != "" {
			ev += ": " + it.SubEventType
		}
		idx := strconv.FormatUint(it.Index, 10)
		b.WriteString("<tr>\n<td><a href=\"/incidents/")
		b.WriteString(idx)
		b.WriteString("\">")
		b.WriteString(htmlText.Replace(l.Digits(idx)))
		b.WriteString("</a></td>\n<td>")
		b.WriteString(string(l.Date(it.Date, it.DatePrecision)))
		b.WriteString("</td>\n<td><bdi>")
		b.WriteString(htmlText.Replace(ev))
		b.WriteString("</bdi></td>\n<td><bdi>")
		b.WriteString(htmlText.Replace(it.Place.Name))
		b.WriteString("</bdi> <span class=\"precision\">(")
		b.WriteString(htmlText.Replace(l.T("Precision_" + it.Place.Precision)))
		b.WriteString(")</span></td>\n<td>")
		b.WriteString(string(l.Status(it.Status)))
		b.WriteString("</td>\n<td>")
		b.WriteString(htmlText.Replace(l.Digits(strconv.Itoa(len(it.Claims)))))
		b.WriteString("</td>\n</tr>")
	}
	return template.HTML(b.String())
}

// htmlText escapes text as html/template escapes it in an element's
// content (its htmlEscaper: '+' too, and NUL as U+FFFD).
var htmlText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// commitmentRows are the rows of a commitments table, written in Go as
// incidentRows are (TestTableRows).
func commitmentRows(l *locale, parties *partyNames, items []item) template.HTML {
	if len(items) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(400 * len(items))
	for _, it := range items {
		idx := strconv.FormatUint(it.Index, 10)
		b.WriteString(`<tr id="commitment-`)
		b.WriteString(idx)
		b.WriteString("\">\n<td>")
		b.WriteString(htmlText.Replace(l.Digits(idx)))
		b.WriteString("</td>\n<td>")
		b.WriteString(htmlText.Replace(parties.Name(it.Obligor)))
		b.WriteString("</td>\n<td><bdi>")
		b.WriteString(htmlText.Replace(it.Text))
		b.WriteString("</bdi></td>\n<td><bdi>")
		b.WriteString(htmlText.Replace(it.Criteria))
		b.WriteString("</bdi></td>\n<td>")
		if it.Deadline != "" {
			b.WriteString(string(l.Date(it.Deadline, "day")))
		} else {
			b.WriteString("—")
		}
		b.WriteString("</td>\n<td>")
		b.WriteString(string(l.Status(it.Status)))
		for _, br := range it.BreachedBy {
			f := strconv.FormatUint(br.Finding, 10)
			b.WriteString(`<br><a href="/findings/`)
			b.WriteString(f)
			b.WriteString(`">`)
			b.WriteString(htmlText.Replace(l.T("FindingLink", "Index", l.Digits(f))))
			b.WriteString("</a>")
		}
		for _, a := range it.AssessedBy {
			ai := strconv.FormatUint(a, 10)
			b.WriteString(`<br><a href="/api/v1/records/`)
			b.WriteString(ai)
			b.WriteString(`">`)
			b.WriteString(htmlText.Replace(l.T("AssessmentLink", "Index", l.Digits(ai))))
			b.WriteString("</a>")
		}
		b.WriteString("</td>\n</tr>")
	}
	return template.HTML(b.String())
}

// requestRows are the rows of a requests table, written in Go as
// incidentRows are (TestTableRows).
func requestRows(l *locale, parties *partyNames, items []item) template.HTML {
	if len(items) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(400 * len(items))
	for _, it := range items {
		b.WriteString("<tr>\n<td>")
		b.WriteString(htmlText.Replace(l.Index(it.Index)))
		b.WriteString("</td>\n<td>")
		for i, p := range it.To {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(htmlText.Replace(parties.Name(p)))
		}
		b.WriteString("</td>\n<td>")
		b.WriteString(htmlText.Replace(l.T("Kind_" + it.Kind)))
		b.WriteString("</td>\n<td><bdi>")
		b.WriteString(htmlText.Replace(it.Text))
		b.WriteString("</bdi>")
		for _, r := range it.Responses {
			b.WriteString(`<div class="response">`)
			b.WriteString(htmlText.Replace(l.T("ResponseBy", "Signers", strings.Join(r.Signers, ", "))))
			b.WriteString(" ")
			b.WriteString(string(l.Status(r.Status)))
			b.WriteString(" <bdi>")
			b.WriteString(htmlText.Replace(r.Text))
			b.WriteString("</bdi></div>")
		}
		b.WriteString("</td>\n<td>")
		if it.Due != "" {
			b.WriteString(string(l.Date(it.Due, "day")))
		} else {
			b.WriteString("—")
		}
		b.WriteString("</td>\n<td>")
		b.WriteString(string(l.Status(it.Status)))
		b.WriteString("</td>\n</tr>")
	}
	return template.HTML(b.String())
}
