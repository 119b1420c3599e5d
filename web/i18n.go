package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// The interface's languages: a translator adds one by adding its catalog,
// i18n/TAG.json, and its tag here.
var (
	languages = []language.Tag{language.English, language.Urdu, language.MustParse("ps"), language.Persian}
	matcher   = language.NewMatcher(languages)
	// rtl are the languages written right to left.
	rtl = []string{"ur", "ps", "fa"}
	// named are the tags a language is named by in the switcher, where its
	// readers call it otherwise than its base does: fa here is Dari, as
	// written in Afghanistan (دری, not فارسی).
	named = map[string]string{"fa": "fa-AF"}
)

//go:embed i18n/*.json
var catalogs embed.FS

var bundle = func() *i18n.Bundle {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	entries, err := catalogs.ReadDir("i18n")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		if _, err := b.LoadMessageFileFS(catalogs, path.Join("i18n", e.Name())); err != nil {
			panic(fmt.Sprintf("web: catalog %s: %v", e.Name(), err))
		}
	}
	return b
}()

// locale is how one language writes the interface: its messages, its
// digits and the names of languages in it.
type locale struct {
	tag       language.Tag
	code      string // "ur"
	dir       string // "ltr" or "rtl"
	localizer *i18n.Localizer
	printer   *message.Printer
	names     display.Namer
	// digits are the language's ten digits by CLDR's default numbering
	// system (Pashto and Dari: Extended Arabic-Indic; Urdu: Latin).
	digits *strings.Replacer
	plain  sync.Map // message id to the message, for those without arguments
	// autonym is the language's name in itself.
	autonym string
}

var locales = func() map[string]*locale {
	out := map[string]*locale{}
	for _, tag := range languages {
		base, _ := tag.Base()
		l := &locale{tag: tag, code: base.String(), dir: "ltr",
			localizer: i18n.NewLocalizer(bundle, tag.String()),
			printer:   message.NewPrinter(tag),
			names:     display.Tags(tag)}
		if slices.Contains(rtl, l.code) {
			l.dir = "rtl"
		}
		var pairs []string
		for d := range 10 {
			pairs = append(pairs, fmt.Sprint(d), l.printer.Sprint(number.Decimal(d)))
		}
		l.digits = strings.NewReplacer(pairs...)
		nameTag := tag
		if n, ok := named[l.code]; ok {
			nameTag = language.MustParse(n)
		}
		l.autonym = display.Self.Name(nameTag)
		out[l.code] = l
	}
	return out
}()

// langCookie remembers the language a reader chose with ?lang=.
const langCookie = "lang"

// pickLocale is the reader's language: ?lang= (remembered in a cookie),
// the cookie, then Accept-Language; English when none matches.
func pickLocale(w http.ResponseWriter, r *http.Request) *locale {
	if q := r.URL.Query().Get("lang"); q != "" {
		if l, ok := locales[q]; ok {
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l.code, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true})
			return l
		}
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := locales[c.Value]; ok {
			return l
		}
	}
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return locales["en"]
	}
	base, _ := languages[i].Base()
	return locales[base.String()]
}

// T is the message id in this language, filled with args (pairs of name
// and value); a count named "Count" selects the plural form.
func (l *locale) T(id string, args ...any) string {
	if len(args) == 0 {
		// A message without arguments is the same every time: localized
		// once (go-i18n runs a template for each).
		if v, ok := l.plain.Load(id); ok {
			return v.(string)
		}
		v := l.localize(id)
		l.plain.Store(id, v)
		return v
	}
	return l.localize(id, args...)
}

func (l *locale) localize(id string, args ...any) string {
	cfg := &i18n.LocalizeConfig{MessageID: id}
	if len(args) > 0 {
		data := map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			name := fmt.Sprint(args[i])
			v := args[i+1]
			if name == "Count" {
				// go-i18n reads a count given as a decimal string, whatever
				// the integer type.
				cfg.PluralCount = fmt.Sprint(v)
				v = l.Number(v)
			}
			data[name] = v
		}
		cfg.TemplateData = data
	}
	s, err := l.localizer.Localize(cfg)
	if err != nil && s == "" {
		// A missing message shows its id rather than failing the page;
		// TestCatalogs keeps every catalog complete.
		return id
	}
	return s
}

// Number writes n in the language's digits and grouping.
func (l *locale) Number(n any) string {
	switch v := n.(type) {
	case int, int64, uint64, float64, int32, uint32, uint:
		return l.printer.Sprint(number.Decimal(v))
	}
	return fmt.Sprint(n)
}

// Digits rewrites the ASCII digits of s (a date, an index) in the
// language's digits.
func (l *locale) Digits(s string) string { return l.digits.Replace(s) }

// LanguageName names the language whose BCP 47 tag is code, in this
// language.
func (l *locale) LanguageName(code string) string {
	t, err := language.Parse(code)
	if err != nil {
		return code
	}
	if n := l.names.Name(t); n != "" {
		return n
	}
	return code
}

// Code is the language's BCP 47 tag; Dir its writing direction.
func (l *locale) Code() string { return l.code }
func (l *locale) Dir() string  { return l.dir }

// Time shows an RFC 3339 time in UTC, marked up for the script that adds
// the reader's own zone beside it; s unchanged when it is no time.
func (l *locale) Time(s string) template.HTML {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return template.HTML(`<bdi dir="ltr">` + template.HTMLEscapeString(l.Digits(s)) + `</bdi>`)
	}
	u := t.UTC()
	return template.HTML(fmt.Sprintf(`<time class="ts" dir="ltr" datetime="%s">%s</time>`,
		u.Format(time.RFC3339), template.HTMLEscapeString(l.Digits(u.Format("2006-01-02 15:04"))+" UTC")))
}

// Date shows a record's date with its precision (a month-precise date
// shows its month only).
func (l *locale) Date(s, precision string) template.HTML {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		switch precision {
		case "month":
			s = t.Format("2006-01")
		case "year":
			s = t.Format("2006")
		}
	}
	out := `<bdi dir="ltr">` + template.HTMLEscapeString(l.Digits(s)) + `</bdi>`
	if precision != "" && precision != "day" {
		out += ` <span class="precision">(` + template.HTMLEscapeString(l.T("Precision_"+precision)) + `)</span>`
	}
	return template.HTML(out)
}

// Status is a computed status: its word, and a shape beside the colour so
// nothing depends on colour alone.
func (l *locale) Status(s string) template.HTML {
	if s == "" {
		return ""
	}
	return template.HTML(`<span class="status status-` + template.HTMLEscapeString(s) + `"><span class="shape" aria-hidden="true"></span>` +
		template.HTMLEscapeString(l.T("Status_"+s)) + `</span>`)
}

// Index is a log index in the language's digits.
func (l *locale) Index(i uint64) string { return l.Digits(fmt.Sprint(i)) }

// Age says how long ago t was, in the largest unit that fits, as the
// footer says how old the checkpoint's latest cosignature is.
func (l *locale) Age(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < 2*time.Minute:
		return l.T("AgeSeconds", "Count", int64(max(d, 0)/time.Second))
	case d < 2*time.Hour:
		return l.T("AgeMinutes", "Count", int64(d/time.Minute))
	case d < 48*time.Hour:
		return l.T("AgeHours", "Count", int64(d/time.Hour))
	}
	return l.T("AgeDays", "Count", int64(d/(24*time.Hour)))
}
