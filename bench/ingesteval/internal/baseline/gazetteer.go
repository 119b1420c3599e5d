package baseline

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/truce-dev/truce/data"
)

// Entry is one row of the gazetteer.
type Entry struct {
	Kind, ID, Name string
	Aliases        []string // every name, the canonical one first
	Lat, Lon       *float64
}

// Place reports whether the entry is a place (it has coordinates).
func (e *Entry) Place() bool { return e.Lat != nil }

// Gazetteer finds actors and places in text by their names and aliases.
type Gazetteer struct {
	Entries []*Entry
	byID    map[string]*Entry
	names   []gazName            // longest first
	byKey   map[string][]gazName // by nameKey of the lowercased name, longest first
}

type gazName struct {
	name  string // as written (case kept for short acronyms)
	lower string
	entry *Entry
	exact bool // match case: acronyms like "FO", "BLA"
}

// ParseGazetteer reads the CSV form of data/gazetteer.csv.
func ParseGazetteer(b []byte) (*Gazetteer, error) {
	r := csv.NewReader(bytes.NewReader(b))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "kind,id,name,aliases_en,aliases_ur,aliases_ps,lat,lon" {
		return nil, fmt.Errorf("gazetteer: unexpected header")
	}
	g := &Gazetteer{byID: map[string]*Entry{}}
	for i, row := range rows[1:] {
		e := &Entry{Kind: row[0], ID: row[1], Name: row[2]}
		if e.Kind == "" || e.ID == "" || e.Name == "" {
			return nil, fmt.Errorf("gazetteer line %d: kind, id and name are required", i+2)
		}
		if g.byID[e.ID] != nil {
			return nil, fmt.Errorf("gazetteer line %d: id %q twice", i+2, e.ID)
		}
		e.Aliases = append(e.Aliases, e.Name)
		for _, col := range row[3:6] {
			for _, a := range strings.Split(col, "|") {
				if a = strings.TrimSpace(a); a != "" {
					e.Aliases = append(e.Aliases, a)
				}
			}
		}
		if row[6] != "" || row[7] != "" {
			lat, err1 := strconv.ParseFloat(row[6], 64)
			lon, err2 := strconv.ParseFloat(row[7], 64)
			if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
				return nil, fmt.Errorf("gazetteer line %d: bad coordinates", i+2)
			}
			e.Lat, e.Lon = &lat, &lon
		}
		g.Entries = append(g.Entries, e)
		g.byID[e.ID] = e
		for _, a := range e.Aliases {
			exact := len(a) <= 4 && strings.ToUpper(a) == a
			g.names = append(g.names, gazName{name: a, lower: strings.ToLower(a), entry: e, exact: exact})
		}
	}
	sort.SliceStable(g.names, func(i, j int) bool { return len(g.names[i].lower) > len(g.names[j].lower) })
	g.byKey = map[string][]gazName{}
	for _, n := range g.names {
		k := nameKey(n.lower)
		g.byKey[k] = append(g.byKey[k], n)
	}
	return g, nil
}

var (
	defaultGaz     *Gazetteer
	defaultGazErr  error
	defaultGazOnce sync.Once
)

// DefaultGazetteer is the gazetteer embedded from data/gazetteer.csv.
func DefaultGazetteer() *Gazetteer {
	defaultGazOnce.Do(func() { defaultGaz, defaultGazErr = ParseGazetteer(data.Gazetteer) })
	if defaultGazErr != nil {
		panic("ingest: embedded gazetteer: " + defaultGazErr.Error())
	}
	return defaultGaz
}

// Lookup returns the entry with the given id.
func (g *Gazetteer) Lookup(id string) *Entry { return g.byID[id] }

// Match is a gazetteer name found in a text.
type Match struct {
	Entry      *Entry
	Start, End int // byte offsets
}

// Find returns the names in s in order of position, the longest name where
// several start at one place. Names match on word boundaries; short
// all-capital acronyms match only in capitals.
func (g *Gazetteer) Find(s string) []Match {
	lower := strings.ToLower(s)
	if len(lower) != len(s) {
		lower = s // lowercasing changed byte offsets: match case-sensitively rather than misplace
	}
	var out []Match
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) || !boundaryBefore(s, i) {
			i += w
			continue
		}
		matched := false
		for _, n := range g.byKey[nameKey(lower[i:])] {
			hay, needle := lower, n.lower
			if n.exact {
				hay, needle = s, n.name
			}
			if strings.HasPrefix(hay[i:], needle) && boundary(s, i, i+len(needle)) {
				out = append(out, Match{Entry: n.entry, Start: i, End: i + len(needle)})
				i += len(needle)
				matched = true
				break
			}
		}
		if !matched {
			i += w
		}
	}
	return out
}

// nameKey is the index key of a name or a text position: its first two
// runes, lowercased.
func nameKey(s string) string {
	n := 0
	for i := range s {
		if n == 2 {
			return s[:i]
		}
		n++
	}
	return s
}

func boundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
}

func boundary(s string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' {
			return false
		}
	}
	if end < len(s) {
		r, _ := utf8.DecodeRuneInString(s[end:])
		// Allow a possessive or plural ("Pakistan’s", "Afghans").
		if unicode.IsLetter(r) && r != 's' || unicode.IsDigit(r) || r == '-' {
			return false
		}
		if r == 's' && end+1 < len(s) {
			r2, _ := utf8.DecodeRuneInString(s[end+1:])
			if unicode.IsLetter(r2) {
				return false
			}
		}
	}
	return true
}

// IDs returns the distinct entry ids found in s.
func (g *Gazetteer) IDs(s string) []string {
	seen := map[string]bool{}
	var ids []string
	for _, m := range g.Find(s) {
		if !seen[m.Entry.ID] {
			seen[m.Entry.ID] = true
			ids = append(ids, m.Entry.ID)
		}
	}
	return ids
}

// canonicalSpeaker replaces every gazetteer name in a speaker by the
// entry's canonical name and lowercases the result, dropping a leading
// article: "the Ministry of Foreign Affairs spokesperson" and "Foreign
// Office spokesperson" both become "foreign office spokesperson".
func canonicalSpeaker(g *Gazetteer, s string) string {
	var b strings.Builder
	last := 0
	for _, m := range g.Find(s) {
		b.WriteString(s[last:m.Start])
		b.WriteString(m.Entry.Name)
		last = m.End
	}
	b.WriteString(s[last:])
	out := strings.ToLower(strings.Join(strings.Fields(b.String()), " "))
	for _, p := range []string{"the ", "a ", "an "} {
		out = strings.TrimPrefix(out, p)
	}
	return out
}
