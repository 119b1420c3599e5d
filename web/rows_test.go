package web

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// rowsTemplate is how the template wrote an incidents table's rows before
// incidentRows wrote them in Go.
const rowsTemplate = `{{range .Rows}}<tr>
<td><a href="/incidents/{{.Index}}">{{.IndexText}}</a></td>
<td>{{.Date}}</td>
<td><bdi>{{.Event}}</bdi></td>
<td><bdi>{{.Place}}</bdi> <span class="precision">({{.Precision}})</span></td>
<td>{{.Status}}</td>
<td>{{.Claims}}</td>
</tr>{{end}}`

// TestIncidentRows: incidentRows writes, byte for byte, what the template
// wrote, in every language, whatever the recorded text holds.
func TestIncidentRows(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(rowsTemplate))
	lat := 30.9
	items := []item{
		{Index: 1234567, EventType: "Battles", SubEventType: "Armed clash", Date: "2025-10-12", DatePrecision: "day", Status: "open",
			Place: place{Name: "Chaman", Lat: &lat, Lon: &lat, Precision: "district"}, Claims: []uint64{1, 2}},
		{Index: 8, EventType: `<script>"x" & 'y' + z</script>`, Date: "2025-10", DatePrecision: "month",
			Place: place{Name: "Spin\x00Boldak \xff+", Precision: "nowhere"}, Status: "we<ird"},
		{Index: 0, EventType: "دری", Date: "not a date", Place: place{Name: "کابل", Precision: "exact"}},
	}
	for code, l := range locales {
		type row struct {
			Index, IndexText        string
			Date                    template.HTML
			Event, Place, Precision string
			Status                  template.HTML
			Claims                  string
		}
		var rows []row
		for _, it := range items {
			ev := it.EventType
			if it.SubEventType != "" {
				ev += ": " + it.SubEventType
			}
			rows = append(rows, row{Index: fmt.Sprint(it.Index), IndexText: l.Index(it.Index), Date: l.Date(it.Date, it.DatePrecision),
				Event: ev, Place: it.Place.Name, Precision: l.T("Precision_" + it.Place.Precision), Status: l.Status(it.Status),
				Claims: l.Digits(fmt.Sprint(len(it.Claims)))})
		}
		var want bytes.Buffer
		if err := tmpl.Execute(&want, map[string]any{"Rows": rows}); err != nil {
			t.Fatal(err)
		}
		if got := string(incidentRows(l, items)); got != want.String() {
			t.Errorf("%s:\n got %q\nwant %q", code, got, want.String())
		}
	}
	if incidentRows(locales["en"], nil) != "" {
		t.Error("rows for no incidents")
	}
}

// The template's commitments and requests rows, before commitmentRows and
// requestRows wrote them, given dict L, Parties, Items.
const commitmentRowsTemplate = `{{range .Items}}<tr id="commitment-{{.Index}}">
<td>{{$.L.Index .Index}}</td>
<td>{{$.Parties.Name .Obligor}}</td>
<td><bdi>{{.Text}}</bdi></td>
<td><bdi>{{.Criteria}}</bdi></td>
<td>{{if .Deadline}}{{$.L.Date .Deadline "day"}}{{else}}—{{end}}</td>
<td>{{$.L.Status .Status}}{{range .BreachedBy}}<br><a href="/findings/{{.Finding}}">{{$.L.T "FindingLink" "Index" ($.L.Index .Finding)}}</a>{{end}}{{range .AssessedBy}}<br><a href="/api/v1/records/{{.}}">{{$.L.T "AssessmentLink" "Index" ($.L.Index .)}}</a>{{end}}</td>
</tr>{{else}}<tr><td colspan="6">{{$.L.T "NoneYet"}}</td></tr>{{end}}`

const requestRowsTemplate = `{{range .Items}}<tr>
<td>{{$.L.Index .Index}}</td>
<td>{{range $i, $p := .To}}{{if $i}}, {{end}}{{$.Parties.Name $p}}{{end}}</td>
<td>{{$.L.T (print "Kind_" .Kind)}}</td>
<td><bdi>{{.Text}}</bdi>{{range .Responses}}<div class="response">{{$.L.T "ResponseBy" "Signers" (join .Signers ", ")}} {{$.L.Status .Status}} <bdi>{{.Text}}</bdi></div>{{end}}</td>
<td>{{if .Due}}{{$.L.Date .Due "day"}}{{else}}—{{end}}</td>
<td>{{$.L.Status .Status}}</td>
</tr>{{else}}<tr><td colspan="6">{{$.L.T "NoneYet"}}</td></tr>{{end}}`

// TestTableRows: commitmentRows and requestRows write, byte for byte,
// what the template wrote, in every language, parties named from the
// fixture's log.
func TestTableRows(t *testing.T) {
	f := newFixture(t)
	pn := &partyNames{ctx: t.Context(), p: &parties{log: f.Log}}
	finding, assessment := uint64(12), uint64(345)
	items := []item{
		{Index: 101, Obligor: "pakistan", Text: "Cease <fire> & \"hold\" + 'stay'", Criteria: "Verified\x00", Deadline: "2025-12-01", Status: "breached",
			BreachedBy: []breach{{Finding: finding}}, AssessedBy: []uint64{assessment, 7}},
		{Index: 102, Obligor: "nobody-we-know", Text: "کابل", Status: "open"},
		{Index: 103, Kind: "information", To: []string{"pakistan", "afghanistan", "x<y"}, Text: "Tell us", Due: "2025-11-01", Status: "overdue",
			Responses: []response{{Index: 104, Status: "answered", Text: "Here + there", Signers: []string{"a", "b<c"}}, {Status: "partial"}}},
		{Index: 105, Kind: "weird&kind"},
	}
	for _, c := range []struct {
		name, tmpl string
		rows       func(*locale, *partyNames, []item) template.HTML
	}{{"commitments", commitmentRowsTemplate, commitmentRows}, {"requests", requestRowsTemplate, requestRows}} {
		tmpl := template.Must(template.New("").Funcs(funcs).Parse(c.tmpl))
		for code, l := range locales {
			var want bytes.Buffer
			if err := tmpl.Execute(&want, map[string]any{"L": l, "Parties": pn, "Items": items}); err != nil {
				t.Fatal(err)
			}
			// The template's {{else}}: no rows at all.
			wantRows, _, _ := strings.Cut(want.String(), `<tr><td colspan="6">`)
			if got := string(c.rows(l, pn, items)); got != wantRows {
				t.Errorf("%s, %s:\n got %q\nwant %q", c.name, code, got, wantRows)
			}
		}
		if c.rows(locales["en"], pn, nil) != "" {
			t.Errorf("%s: rows for no items", c.name)
		}
	}
	if pn.err != nil {
		t.Fatal(pn.err)
	}
	if pn.Name("pakistan") == "pakistan" {
		t.Error("the fixture's party pakistan has no name: the rows name no party")
	}
}
