package ingest

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// speakers.csv lists who speaks in this conflict: people (with their
// office and the party or body they speak for), the bodies and states the
// gazetteer (data/gazetteer.csv) lacks, and, as "alias" rows, extra names
// and the party of gazetteer entries. It lives here rather than in the
// gazetteer because the gazetteer's columns are per language (en, ur, ps)
// while a speaker's name is matched across scripts and spellings
// (normKey), and because people are not tags of a text.
//
//go:embed speakers.csv
var speakersCSV []byte

// Speaker is a person, body or party that speaks, as speakers.csv and the
// gazetteer know it.
type Speaker struct {
	ID, Kind, Name string
	Role           string // a person's office, canonical and in English
	SpeaksFor      string // the party or body id the speaker speaks for
}

type regName struct {
	key   string // normKey of the alias
	latin bool
	short bool // a surname: resolved through the document's context
	sp    *Speaker
}

type registry struct {
	byID  map[string]*Speaker
	names []regName            // longest key first
	byKey map[string][]regName // by the first two runes of the key (nameKey), longest first
}

var (
	defaultReg     *registry
	defaultRegErr  error
	defaultRegOnce sync.Once
)

func speakerRegistry() *registry {
	defaultRegOnce.Do(func() { defaultReg, defaultRegErr = parseRegistry(speakersCSV, DefaultGazetteer()) })
	if defaultRegErr != nil {
		panic("ingest: embedded speakers.csv: " + defaultRegErr.Error())
	}
	return defaultReg
}

// LookupSpeaker returns the speaker with the given canonical id, or nil.
func LookupSpeaker(id string) *Speaker { return speakerRegistry().byID[id] }

func parseRegistry(b []byte, g *Gazetteer) (*registry, error) {
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "kind,id,name,role,speaks_for,aliases,short" {
		return nil, fmt.Errorf("speakers: unexpected header")
	}
	r := &registry{byID: map[string]*Speaker{}}
	add := func(sp *Speaker, names string, short bool) {
		for _, a := range strings.Split(names, "|") {
			if a = strings.TrimSpace(a); a == "" {
				continue
			}
			latin := isLatin(a)
			if k := normKey(a, latin); k != "" {
				r.names = append(r.names, regName{key: k, latin: latin, short: short, sp: sp})
			}
		}
	}
	for _, e := range g.Entries {
		if e.Place() {
			continue
		}
		sp := &Speaker{ID: e.ID, Kind: e.Kind, Name: e.Name}
		r.byID[e.ID] = sp
		add(sp, strings.Join(e.Aliases, "|"), false)
	}
	for i, row := range rows[1:] {
		kind, id, name, role, party, aliases, short := row[0], row[1], row[2], row[3], row[4], row[5], row[6]
		if id == "" {
			return nil, fmt.Errorf("speakers line %d: no id", i+2)
		}
		if kind == "alias" {
			sp := r.byID[id]
			if sp == nil {
				return nil, fmt.Errorf("speakers line %d: alias of unknown id %q", i+2, id)
			}
			if party != "" {
				sp.SpeaksFor = party
			}
			add(sp, aliases, false)
			continue
		}
		if r.byID[id] != nil || name == "" {
			return nil, fmt.Errorf("speakers line %d: id %q twice or without a name", i+2, id)
		}
		sp := &Speaker{ID: id, Kind: kind, Name: name, Role: role, SpeaksFor: party}
		r.byID[id] = sp
		add(sp, name+"|"+aliases, false)
		add(sp, short, true)
	}
	for _, sp := range r.byID {
		if sp.SpeaksFor != "" && r.byID[sp.SpeaksFor] == nil {
			return nil, fmt.Errorf("speakers: %s speaks for unknown id %q", sp.ID, sp.SpeaksFor)
		}
	}
	sort.SliceStable(r.names, func(i, j int) bool { return len(r.names[i].key) > len(r.names[j].key) })
	r.byKey = map[string][]regName{}
	for _, n := range r.names {
		k := nameKey(n.key)
		r.byKey[k] = append(r.byKey[k], n)
	}
	return r, nil
}

func isLatin(s string) bool {
	for _, c := range s {
		if unicode.IsLetter(c) {
			return c < 0x250
		}
	}
	return true
}

// foldArabic maps the letters that Urdu, Persian and Pashto spell one name
// with to one form ("ذبیح اللہ مجاہد", "ذبیح الله مجاهد", "ذبیحالله مجاهد";
// "تارڑ" and "تارړ"), and reports which runes carry no letter (marks,
// joiners).
func foldArabic(r rune) (rune, bool) {
	switch r {
	case 'ہ', 'ە', 'ۀ', 'ة', 'ھ':
		return 'ه', true
	case 'ي', 'ى', 'ې', 'ۍ', 'ئ':
		return 'ی', true
	case 'ك':
		return 'ک', true
	case 'ګ':
		return 'گ', true
	case 'ړ':
		return 'ڑ', true
	case 'ډ':
		return 'ڈ', true
	case 'ټ':
		return 'ٹ', true
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا', true
	case 'ؤ':
		return 'و', true
	case '\u200c', '\u200d', '\u0640', '\u200f', '\u200e':
		return 0, false
	}
	if r >= 0x064b && r <= 0x065f || r == 0x0670 {
		return 0, false
	}
	return r, true
}

// normKey is the form names are compared in. Latin script: lowercased,
// apostrophes dropped, other non-letters one space. Arabic script: letters
// folded (foldArabic) with spaces dropped, since the texts join and split
// the parts of a name freely.
func normKey(s string, latin bool) string {
	k, _ := normIndex(s, latin)
	return k
}

// normIndex returns normKey(s) and, for each byte of it, the offset in s
// of the rune it came from, so that a match maps back to the text as
// written.
func normIndex(s string, latin bool) (string, []int) {
	var b strings.Builder
	idx := make([]int, 0, len(s))
	space := true
	for i, r := range s {
		if r == '’' || r == '\'' || r == 'ʼ' {
			continue
		}
		if !latin {
			if unicode.IsSpace(r) || r == '_' {
				continue
			}
			var ok bool
			if r, ok = foldArabic(r); !ok {
				continue
			}
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			n := utf8.RuneLen(r)
			b.WriteRune(r)
			for j := 0; j < n; j++ {
				idx = append(idx, i)
			}
			space = false
			continue
		}
		if latin && !space {
			b.WriteByte(' ')
			idx = append(idx, i)
			space = true
		} else if !latin {
			b.WriteRune(r)
			for j := 0; j < utf8.RuneLen(r); j++ {
				idx = append(idx, i)
			}
		}
	}
	return b.String(), idx
}

// nameHit is a registry name found in a text.
type nameHit struct {
	sp         *Speaker
	start, end int // byte offsets in the text as written
	short      bool
}

// findNames finds the registry's names in s, longest first, never two
// overlapping. Latin names match on word boundaries; Arabic-script names
// anywhere in the space-free folded text, so short Arabic-script names (of
// three letters or fewer) are not matched at all.
func (r *registry) findNames(s string) []nameHit {
	var hits []nameHit
	hasLatin, hasArabic := false, false
	for _, c := range s {
		if unicode.IsLetter(c) {
			if c < 0x250 {
				hasLatin = true
			} else if unicode.Is(unicode.Arabic, c) {
				hasArabic = true
			}
		}
	}
	for _, latin := range []bool{true, false} {
		if latin && !hasLatin || !latin && !hasArabic {
			continue
		}
		k, idx := normIndex(s, latin)
		// Scan the folded text once, trying at each place the names
		// that start with its first two runes, longest first; a match
		// skips past itself, so matches never overlap.
		for i := 0; i < len(k); {
			_, w := utf8.DecodeRuneInString(k[i:])
			if latin && i > 0 && k[i-1] != ' ' {
				i += w
				continue
			}
			matched := false
			for _, n := range r.byKey[nameKey(k[i:])] {
				if n.latin != latin || !latin && utf8.RuneCountInString(n.key) < 4 || !strings.HasPrefix(k[i:], n.key) {
					continue
				}
				end := i + len(n.key)
				if latin && end < len(k) && k[end] != ' ' && !(k[end] == 's' && (end+1 == len(k) || k[end+1] == ' ')) {
					continue
				}
				e := len(s)
				if end < len(idx) {
					e = idx[end]
				}
				// "Asif Ghafoor", "Munir Akram": a surname followed by a
				// capitalised word is another person's given name.
				if n.short && latin && (capitalisedNext(s[trimEnd(s, idx[i], e):]) || givenNameBefore(s[:idx[i]], n.sp.Name)) {
					continue
				}
				st := idx[i]
				hits = append(hits, nameHit{sp: n.sp, start: st, end: trimEnd(s, st, e), short: n.short})
				i = end
				matched = true
				break
			}
			if !matched {
				i += w
			}
		}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].start < hits[j].start })
	// "Prime Minister Shehbaz Sharif": an alias with the office, then
	// the surname, is one naming of the person.
	for j := 1; j < len(hits); j++ {
		if a, b := hits[j-1], hits[j]; b.short && !a.short && a.sp == b.sp && s[a.end:b.start] == " " {
			hits[j-1].end = b.end
			hits = slices.Delete(hits, j, j+1)
			j--
		}
	}
	return hits
}

// givenNameBefore: before a surname, a capitalised word that is no title
// ("Ahmad Karimi" is not Bilal Karimi; "Spokesman Karimi", "Mullah
// Yaqoob" and "said. Karimi" may be).
func givenNameBefore(before, name string) bool {
	// "Bilawal Bhutto-Zardari": a double surname is another person's.
	if r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(before, "-")); strings.HasSuffix(before, "-") && unicode.IsLetter(r) {
		return true
	}
	if !strings.HasSuffix(before, " ") {
		return false
	}
	f := strings.Fields(before)
	if len(f) == 0 {
		return false
	}
	w := f[len(f)-1]
	r, _ := utf8.DecodeRuneInString(w)
	last, _ := utf8.DecodeLastRuneInString(w)
	if !unicode.IsUpper(r) || !unicode.IsLetter(last) || len(w) <= 2 || titleWords[strings.ToLower(w)] || roleWordRe.MatchString(w) {
		return false
	}
	// "Khwaja Asif", "Inayatullah Khwarizmi": the listed person's own
	// name spelt another way.
	for _, part := range strings.Fields(name) {
		if skeleton(part) == skeleton(w) {
			return false
		}
	}
	return true
}

// skeleton: a Latin transliteration's consonants but h, w and y, which
// spellings of one Pashto or Urdu name disagree on least.
func skeleton(w string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("aeiouyhw’'-", r) {
			return -1
		}
		return r
	}, strings.ToLower(w))
}

// titleWords: what may stand before a surname and is no given name.
var titleWords = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "mullah": true, "mulla": true, "maulvi": true, "mawlawi": true, "maulana": true, "sheikh": true, "qari": true, "hafiz": true, "haji": true, "khalifa": true, "gen": true, "lt": true, "col": true, "maj": true, "brig": true, "capt": true, "lieutenant": true, "major": true, "colonel": true, "brigadier": true, "captain": true, "deputy": true, "acting": true, "interim": true, "senator": true, "sen": true, "premier": true, "pm": true, "fm": true, "dpm": true, "dg": true, "ispr": true, "taliban": true, "afghan": true, "pakistani": true, "pakistan": true, "afghanistan": true, "while": true, "but": true, "and": true, "when": true, "then": true, "however": true, "meanwhile": true, "also": true, "later": true, "earlier": true, "separately": true, "moreover": true, "mujahid": true}

// capitalisedNext: rest opens with a space and a capitalised word.
func capitalisedNext(rest string) bool {
	if !strings.HasPrefix(rest, " ") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest[1:])
	return unicode.IsUpper(r)
}

func trimEnd(s string, start, end int) int {
	for end > start {
		r, w := utf8.DecodeLastRuneInString(s[:end])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ')' {
			break
		}
		end -= w
	}
	return end
}

// bodyOf: a body named right after a state ("Qatar’s Ministry of Foreign
// Affairs", "the Iranian Foreign Office") belongs to that state. When it
// is listed under another state, that state's body of the same name is
// meant, or, when the lists have none, the body is dropped (nil) and the
// state speaks.
func (r *registry) bodyOf(prev nameHit, body *Speaker, between, written string) *Speaker {
	if prev.sp.Kind == "person" || prev.sp.Kind == "body" || strings.Trim(between, " ’'s") != "" {
		return body
	}
	state := prev.sp.ID
	if firstNonEmpty(body.SpeaksFor, body.ID) == state {
		return body
	}
	name := normKey(written, true)
	for _, sp := range r.byID {
		if sp.Kind == "body" && sp.SpeaksFor == state && strings.Contains(normKey(sp.Name, true), name) {
			return sp
		}
	}
	for _, n := range r.names {
		if n.sp.Kind == "body" && n.sp.SpeaksFor == state && n.latin && strings.Contains(n.key, name) {
			return n.sp
		}
	}
	return nil
}

// ministryRe: a state's defence or foreign ministry, however the press
// writes its owner and its name ("Kabul’s Defence Ministry", "the
// Taliban-led Ministry of Defence", "Turkey’s Foreign Ministry"); group 1
// is the owner, group 2 or 3 the ministry.
var ministryRe = regexp.MustCompile(`(?i)\b(afghan(?:istan)?|taliban|kabul|islamic emirate(?: of afghanistan)?|pakistan(?:i)?|islamabad|turkey|turkish|türkiye|ankara|qatar(?:i)?|doha|iran(?:ian)?|tehran)(?:['’]s)?(?:[- ]led|[- ]run)?\s+(?:(?:national\s+)?(defen[cs]e|foreign(?:\s+affairs)?)\s+ministry|ministry\s+of\s+(?:national\s+)?(defen[cs]e|foreign\s+affairs))\b`)

// mentionsMinistry: "ministry" in any case, without lower-casing the text.
func mentionsMinistry(s string) bool {
	for i := 0; i+8 <= len(s); i++ {
		if (s[i] == 'm' || s[i] == 'M') && strings.EqualFold(s[i:i+8], "ministry") {
			return true
		}
	}
	return false
}

// ministryOwners: the party each owner word of ministryRe stands for.
var ministryOwners = map[string]string{"afghan": "af", "afghanistan": "af", "taliban": "af", "kabul": "af", "islamic emirate": "af", "islamic emirate of afghanistan": "af",
	"pakistan": "pk", "pakistani": "pk", "islamabad": "pk", "turkey": "tr", "turkish": "tr", "türkiye": "tr", "ankara": "tr", "qatar": "qa", "qatari": "qa", "doha": "qa", "iran": "ir", "iranian": "ir", "tehran": "ir"}

// ministry is the listed ministry a phrase names by ministryRe, or nil.
func (r *registry) ministry(phrase string) *Speaker {
	if !mentionsMinistry(phrase) {
		return nil // the cheap test first: most phrases name no ministry
	}
	m := ministryRe.FindStringSubmatch(phrase)
	if m == nil {
		return nil
	}
	kind := "mofa"
	if strings.HasPrefix(strings.ToLower(m[2]+m[3]), "defen") {
		kind = "mod"
	}
	return r.byID[ministryOwners[strings.ToLower(m[1])]+"-"+kind]
}

// nationalityRe: a state's adjective or possessive ("Israeli", "Egyptian",
// "Japanese", "Egypt’s").
var nationalityRe = regexp.MustCompile(`^[A-Z][a-z]+(?:i|ian|an|ese|ish|ch|’s|'s)$`)

// foreignOwner: the word before a body's name is a capitalised word the
// lists do not know ("Israeli", "Egypt’s"), so the body is that state's.
func foreignOwner(before string) bool {
	t := strings.TrimRight(before, " ")
	w := t[strings.LastIndexAny(t, " (")+1:]
	r, _ := utf8.DecodeRuneInString(w)
	if w == "" || !unicode.IsUpper(r) || !nationalityRe.MatchString(w) {
		return false
	}
	return len(speakerRegistry().findNames(w)) == 0 && len(DefaultGazetteer().Find(w)) == 0
}

// ofStateRe: "of Iran", "of the Kingdom of Saudi Arabia" after a body.
var ofStateRe = regexp.MustCompile(`^\s+of\s+(?:the\s+)?(?:(?:Kingdom|Islamic Republic|Republic|State|Emirate)\s+of\s+)?((?:[A-Z][\p{L}]+\s?){1,3})`)

// otherStateOf: the words after a body's name give it a state that is not
// the one the lists give it.
func otherStateOf(after string, body *Speaker) bool {
	m := ofStateRe.FindStringSubmatch(after)
	if m == nil {
		return false
	}
	state := IdentifySpeaker(strings.TrimSpace(m[1]))
	if state == "" {
		return true
	}
	return stateOf(state) != stateOf(body.ID)
}

// capitals stand for the government that sits there ("Islamabad said"),
// which is a speaker only when the text names no person for it.
var capitals = map[string]string{"islamabad": "pk", "kabul": "af-taliban", "tehran": "ir", "doha": "qa", "ankara": "tr",
	"اسلام آباد": "pk", "اسلام اباد": "pk", "اسلامآباد": "pk", "کابل": "af-taliban", "تهران": "ir"}

// identity is a speaker's structured data: canonical id, role, party.
type identity struct {
	id, role, speaksFor string
}

// docPeople remembers who a document has named in full, so that a surname
// alone ("Mujahid said") is the person named before, not another person
// sharing it.
type docPeople struct {
	named   []*Speaker
	groups  []*Speaker          // the armed groups the text has named so far
	seen    []string            // the paragraphs noted so far
	all     []*Speaker          // every person the whole document names in full (people)
	texts   []string            // paragraphs not yet scanned into all
	written map[*Speaker]string // how the text last wrote each person's full name
}

// onlyWith is the one person of the document (named anywhere in it) who
// holds role for party, or nil when none or several do.
func (dp *docPeople) onlyWith(role, party string) *Speaker {
	return onlyOne(dp.people(), func(p *Speaker) bool {
		return (p.Role == role || strings.HasSuffix(p.Role, role)) && (party == "" || p.SpeaksFor == party)
	})
}

// office is who holds the office a phrase names without naming the person
// ("the Taliban spokesperson", "Afghanistan's defence ministry
// spokesperson", "DG ISPR"): the one person of that office and body or
// party the document names anywhere, else the phrase's identity as it is.
func (dp *docPeople) office(phrase string) identity {
	who := dp.identify(phrase)
	if who.id != "" || who.speaksFor == "" || who.role == "aide" {
		return who
	}
	// "Abdul Matin Qane, spokesperson for Afghanistan’s Ministry of
	// Interior": the phrase names the office's holder, whom the lists do
	// not know; not the holder of another office the document named.
	if namesUnlisted(phrase) {
		return who
	}
	lower := strings.ReplaceAll(strings.ToLower(phrase), "defense", "defence")
	role, ok := offices[who.role]
	// "The ISPR chief", "the head of ISPR": a body's chief is its
	// director general, when the document names one.
	if b := LookupSpeaker(who.speaksFor); !ok && (who.role == "chief" || who.role == "head") && b != nil && b.Kind == "body" {
		role, ok = "director general", true
	}
	// The one person of the document who holds the office for that body
	// or party; else for that state ("the Afghan spokesperson" is the
	// Taliban's), else whose office the phrase writes out in full ("the
	// Pakistani Defence Minister").
	only := func(match func(*Speaker) bool) *Speaker { return onlyOne(dp.people(), match) }
	state := stateOf(who.speaksFor)
	var p *Speaker
	if ok {
		p = only(func(p *Speaker) bool { return strings.Contains(p.Role, role) && p.SpeaksFor == who.speaksFor })
		if b := LookupSpeaker(who.speaksFor); p == nil && (b == nil || b.Kind != "body") {
			p = only(func(p *Speaker) bool { return strings.Contains(p.Role, role) && stateOf(p.SpeaksFor) == state })
		}
	}
	if p == nil {
		p = only(func(p *Speaker) bool {
			return strings.Contains(p.Role, " ") && strings.Contains(lower, p.Role) && stateOf(p.SpeaksFor) == state
		})
	}
	if p == nil {
		return who
	}
	return identity{id: p.ID, role: p.Role, speaksFor: p.SpeaksFor}
}

// namesUnlisted: the phrase names a person, with an office before or after
// the name, whom neither the lists nor the gazetteer know.
func namesUnlisted(phrase string) bool {
	var name string
	if n, _, ok := strings.Cut(phrase, ", "); ok && nameAndOffice(phrase) {
		name = n
	} else if officeAndName(phrase) {
		w := strings.Fields(phrase)
		if before := strings.ToLower(w[len(w)-3]); before == "of" || before == "the" || before == "for" {
			return false
		}
		name = strings.Join(w[len(w)-2:], " ")
	}
	return name != "" && IdentifySpeaker(name) == "" && len(DefaultGazetteer().Find(name)) == 0
}

// offices: the words of personWordRe that name one office, as speakers.csv
// writes it.
var offices = map[string]string{"spokesperson": "spokesperson", "spokesman": "spokesperson", "spokeswoman": "spokesperson", "dg": "director general", "director general": "director general", "president": "president", "secretary": "secretary"}

// scan records a paragraph, whose people are read only when an office
// needs them (people): most documents never ask.
func (dp *docPeople) scan(text string) {
	dp.texts = append(dp.texts, text)
}

// people is every person the document names in full.
func (dp *docPeople) people() []*Speaker {
	for _, t := range dp.texts {
		dp.scanNow(t)
	}
	dp.texts = nil
	return dp.all
}

func (dp *docPeople) scanNow(text string) {
	for _, h := range speakerRegistry().findNames(text) {
		if !h.short && h.sp.Kind == "person" && !slices.Contains(dp.all, h.sp) {
			dp.all = append(dp.all, h.sp)
		}
	}
}

// identify finds who a speaker phrase names: a person before a body
// before a party. A surname alone resolves to the last person the
// document named in full who bears it, else to the only registry person
// who bears it.
func (dp *docPeople) identify(phrase string) identity {
	reg := speakerRegistry()
	if p, ok := capitals[strings.ToLower(strings.TrimSpace(phrase))]; ok {
		return identity{id: p, speaksFor: p}
	}
	hits := reg.findNames(phrase)
	var person, body, party *Speaker
	for i, h := range hits {
		sp := h.sp
		if h.short {
			sp = dp.surname(reg, phrase[h.start:h.end])
			if sp == nil {
				continue
			}
		}
		if sp.Kind == "body" && i > 0 {
			sp = reg.bodyOf(hits[i-1], sp, phrase[hits[i-1].end:h.start], phrase[h.start:h.end])
			if sp == nil {
				continue
			}
		}
		// "the Israeli ministry of foreign affairs": a state the lists do
		// not know owns the body; it is not the body of that name they
		// list.
		if sp.Kind == "body" && (i == 0 || hits[i-1].end < h.start-4) && foreignOwner(phrase[:h.start]) {
			continue
		}
		// "the Ministry of Foreign Affairs of Iran": another state's body
		// of that name.
		if sp.Kind == "body" && otherStateOf(phrase[h.end:], sp) {
			continue
		}
		// "Director General of Military Operations": a common noun the
		// lists give a body is here a word in another office's name.
		if sp.Kind == "body" && !strings.Contains(phrase[h.start:h.end], " ") && strings.HasSuffix(phrase[:h.start], " of ") && capitalisedNext(phrase[h.end:]) {
			continue
		}
		// "the UN Special Rapporteur for human rights in Afghanistan": a
		// state an office is for or in is not whom its holder speaks for.
		if sp.Kind == "party" && officeForRe.MatchString(phrase[:h.start]) {
			continue
		}
		// "Pakistan Institute for Conflict and Security Studies", "the
		// Pakistan Cricket Board": a state's name in an institution's,
		// which does not speak for the state.
		if sp.Kind == "party" && institutionRe.MatchString(phrase[h.end:]) {
			continue
		}
		switch sp.Kind {
		case "person":
			// "A longtime aide to Taliban Interior Minister Sirajuddin
			// Haqqani": someone close to the person, speaking for the
			// same side, not the person.
			if person == nil && closeToRe.MatchString(phrase[:h.start]) {
				return identity{role: "aide", speaksFor: sp.SpeaksFor}
			}
			if person == nil {
				person = sp
			}
		case "body":
			if body == nil {
				body = sp
			}
		default:
			if party == nil {
				party = sp
			}
		}
	}
	switch {
	case person != nil:
		dp.saw(person)
		return identity{id: person.ID, role: person.Role, speaksFor: person.SpeaksFor}
	}
	if m := reg.ministry(phrase); m != nil {
		body = m
	}
	org := body
	if org == nil {
		org = party
	}
	if org == nil {
		return identity{}
	}
	// "A senior Pakistani official", "the Foreign Office spokesperson":
	// someone speaking for the body, not the body itself.
	if !hasWordIn(phrase, personWords) {
		// no person speaks for the body here
	} else if m := personWordRe.FindString(phrase); m != "" {
		return identity{role: strings.ToLower(m), speaksFor: org.ID}
	}
	return identity{id: org.ID, speaksFor: firstNonEmpty(org.SpeaksFor, org.ID)}
}

// spelledOut: the name an acronym stands for, as the text spelt it out,
// with the acronym ("Afghanistan Cricket Board (ACB)" for "ACB"); "" when
// the phrase is no acronym, the text never spelt it out, or the lists know
// it.
func (dp *docPeople) spelledOut(acronym string) string {
	if len(acronym) < 2 || len(acronym) > 7 || strings.ToUpper(acronym) != acronym || strings.ContainsAny(acronym, " .-") || IdentifySpeaker(acronym) != "" {
		return ""
	}
	for i := len(dp.seen) - 1; i >= 0; i-- {
		for _, m := range spelledNameRe.FindAllString(dp.seen[i], -1) {
			// The initials must be the name's: "Afghanistan Cricket Board"
			// for ACB, "International Organization for Migration" for IOM.
			if m = strings.TrimPrefix(m, "The "); initialsOf(m) == acronym {
				return m + " (" + acronym + ")"
			}
		}
	}
	return ""
}

// spelledNameRe: capitalised words, with the small words of a name.
var spelledNameRe = regexp.MustCompile(`[A-Z][\p{L}’'-]*(?:\s+(?:(?:of|for|on|and|the|in|&)\s+)*[A-Z][\p{L}’'-]*){1,7}`)

// initialsOf: the capitals opening a name's words, small words left out.
func initialsOf(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// namedBefore: a person the lists do not know, named before by given name
// and surname, that surname names now; "" when none.
func (dp *docPeople) namedBefore(surname string) string {
	re, err := regexp.Compile(`\b(?:[A-Z][\p{L}’'-]+\s+){1,3}` + regexp.QuoteMeta(surname) + `\b`)
	if err != nil {
		return ""
	}
	for i := len(dp.seen) - 1; i >= 0; i-- {
		for _, m := range re.FindAllString(dp.seen[i], -1) {
			// "In Edwin Salvador": a sentence's first word is not the name's.
			// "Mullah Abdul Ghani Baradar": the title is not the name.
			for f := strings.Fields(m); len(f) > 2 && (openerWords[strings.ToLower(f[0])] || titleWords[strings.ToLower(f[0])]); f = f[1:] {
				m = strings.Join(f[1:], " ")
			}
			if personNameRe.MatchString(m) && !roleWordRe.MatchString(m) && IdentifySpeaker(m) == "" && len(DefaultGazetteer().Find(m)) == 0 && !titleWords[strings.ToLower(strings.Fields(m)[0])] && !openerWords[strings.ToLower(strings.Fields(m)[0])] {
				return m
			}
		}
	}
	return ""
}

// openerWords: words that open sentences before a name.
var openerWords = map[string]bool{"in": true, "on": true, "at": true, "the": true, "a": true, "an": true, "as": true, "but": true, "and": true, "when": true, "while": true, "after": true, "before": true, "during": true, "for": true, "from": true, "with": true, "by": true, "to": true, "of": true, "meanwhile": true, "however": true}

// inFull is how the text so far last wrote in full, with the office before
// the name, the person it now calls by surname alone ("US President Donald
// Trump" for "Trump"), or "" when it did not.
func (dp *docPeople) inFull(surname string) string {
	re, err := regexp.Compile(`(?:[A-Z][\p{L}.’'-]*\s+){1,6}` + regexp.QuoteMeta(surname) + `\b`)
	if err != nil {
		return ""
	}
	for i := len(dp.seen) - 1; i >= 0; i-- {
		ms := re.FindAllString(dp.seen[i], -1)
		for j := len(ms) - 1; j >= 0; j-- {
			// Sentence openers before the office are not part of it.
			m := strings.TrimPrefix(strings.TrimPrefix(ms[j], "The "), "As ")
			if officeAndName(m) {
				return m
			}
		}
	}
	return ""
}

// officeHolder is the one person the text so far has named with the office
// that phrase (lower case, "afghan acting deputy foreign minister") ends
// with, at least two words of it ("acting Afghanistan Deputy Foreign
// Minister Stanikzai"), as the text wrote it; "" when none or several.
func (dp *docPeople) officeHolder(phrase string) string {
	w := strings.Fields(phrase)
	if len(w) == 0 || !roleWordRe.MatchString(w[len(w)-1]) {
		return ""
	}
	k := len(w) - 1
	for k > 0 && len(w)-k < 3 && (officeWords[w[k-1]] || roleWordRe.MatchString(w[k-1]) || w[k-1] == "deputy") {
		k--
	}
	// "deputy foreign minister", "secretary-general": an office of two
	// words at least, not "minister" alone.
	if len(w)-k < 2 && !strings.Contains(w[len(w)-1], "-") {
		return ""
	}
	re, err := regexp.Compile(`((?:(?:[A-Z][\p{L}’'-]*|acting|former|deputy)\s+){0,4})(?i:` + regexp.QuoteMeta(strings.Join(w[k:], " ")) + `)\s+((?:[A-Z][\p{L}’'-]+)(?:\s+[A-Z][\p{L}’'-]+){0,3})`)
	if err != nil {
		return ""
	}
	found, name := "", ""
	for _, t := range dp.seen {
		for _, m := range re.FindAllStringSubmatch(t, -1) {
			n := m[2]
			if roleWordRe.MatchString(n) || len(DefaultGazetteer().Find(n)) > 0 || IdentifySpeaker(n) != "" || !personNameRe.MatchString(n) && !surnameRe.MatchString(n) {
				continue
			}
			if name != "" && name != n {
				return ""
			}
			found, name = strings.TrimSpace(m[0]), n
		}
	}
	return found
}

// institutionRe: the rest of an institution's name after a state's.
var institutionRe = regexp.MustCompile(`^\s+(?:[A-Z][\p{L}’'-]*\s+(?:(?:of|for|and|on)\s+)*){0,3}(?:Institute|University|Chamber|Association|Federation|Society|Foundation|Centre|Center|Forum|Trust|Bar|Cricket|Football|Hockey|Olympic|Medical|Bank|Airlines|Railways|Stock)\b`)

// officeForRe: a preposition after an office, before the state named.
var officeForRe = regexp.MustCompile(`(?i)\b(?:rapporteur|envoy|representative|coordinator|commissioner|expert|adviser|advisor|rights|affairs)\s+(?:[\p{L}-]+\s+){0,3}(?:for|in|on|to)\s+(?:the\s+)?$`)

// closeToRe: someone's aide, adviser or relative named before them.
var closeToRe = regexp.MustCompile(`(?i)\b(?:aides?|advis[eo]rs?|assistants?|relatives?|son|daughter|brother|sister|wife|husband|nephew|cousin|associates?|loyalists?|critics?|opponents?|rivals?)\s+(?:to|of)\s+(?:the\s+)?(?:[\p{L}’'.-]+\s+){0,5}$`)

// personWordRe: a word of someone speaking for a body; personWords its
// words, one of which each match needs.
var personWordRe, personWords = wordsRe("spokesperson|spokesman|spokeswoman|official|officials|minister|source|sources|commander|chief|envoy|ambassador|diplomat|diplomats|analyst|analysts|officer|officers|adviser|advisor|member|members|delegate|delegates|negotiator|negotiators|commissioner|director general|director|secretary|governor|president|leader|general|DG|major|colonel|brigadier|lieutenant|captain|head|deputy|mullah|maulvi|mawlawi|sheikh|embassy|consulate")

// note records the people a paragraph names, speakers or not, so that a
// later surname resolves to them.
func (dp *docPeople) note(text string) {
	dp.seen = append(dp.seen, text)
	for _, h := range speakerRegistry().findNames(text) {
		if !h.short && h.sp.Kind == "armed_group" && !slices.Contains(dp.groups, h.sp) {
			dp.groups = append(dp.groups, h.sp)
			if dp.written == nil {
				dp.written = map[*Speaker]string{}
			}
			dp.written[h.sp] = text[h.start:h.end]
		}
		if !h.short && h.sp.Kind == "person" {
			dp.saw(h.sp)
			if dp.written == nil {
				dp.written = map[*Speaker]string{}
			}
			dp.written[h.sp] = text[h.start:h.end]
		}
	}
}

// onlyNamed: the one listed person the text has named so far that match
// accepts, or nil when none or several are.
func (dp *docPeople) onlyNamed(match func(*Speaker) bool) *Speaker {
	return onlyOne(dp.named, match)
}

// onlyOne: the one person of people that match accepts, or nil when none
// or several are.
func onlyOne(people []*Speaker, match func(*Speaker) bool) *Speaker {
	var only *Speaker
	for _, p := range people {
		if !match(p) {
			continue
		}
		if only != nil && only != p {
			return nil
		}
		only = p
	}
	return only
}

// onlyNamedAs: the one person named so far whose office is role.
func (dp *docPeople) onlyNamedAs(role string) *Speaker {
	return dp.onlyNamed(func(p *Speaker) bool {
		return p.Role == role || strings.HasSuffix(p.Role, " "+role) || strings.Contains(p.Role, " "+role+" ") || strings.HasPrefix(p.Role, role+" ")
	})
}

// pressChief: for "the military spokesperson" or "the foreign office
// spokesman", the one person named so far who heads that press office
// (the DG ISPR, not the army chief; a foreign office spokesperson).
func (dp *docPeople) pressChief(phrase string) *Speaker {
	switch {
	case strings.Contains(phrase, "military") || strings.Contains(phrase, "army"):
		return dp.onlyNamed(func(p *Speaker) bool { return p.SpeaksFor == "ispr" })
	case strings.Contains(phrase, "foreign"):
		return dp.onlyNamed(func(p *Speaker) bool {
			return strings.HasSuffix(p.SpeaksFor, "-mofa") && strings.Contains(p.Role, "spokes")
		})
	}
	return nil
}

// onlyNamedWithSurname: the one person named so far whose name ends in
// surname.
func (dp *docPeople) onlyNamedWithSurname(surname string) *Speaker {
	return dp.onlyNamed(func(p *Speaker) bool { return strings.HasSuffix(p.Name, " "+surname) })
}

func (dp *docPeople) saw(sp *Speaker) {
	for i, p := range dp.named {
		if p == sp {
			dp.named = append(dp.named[:i], dp.named[i+1:]...)
			break
		}
	}
	dp.named = append(dp.named, sp)
}

func (dp *docPeople) surname(reg *registry, written string) *Speaker {
	latin := isLatin(written)
	key := normKey(written, latin)
	bears := func(sp *Speaker) bool {
		for _, n := range reg.names {
			if n.sp == sp && n.short && n.key == key {
				return true
			}
		}
		return false
	}
	for i := len(dp.named) - 1; i >= 0; i-- {
		if bears(dp.named[i]) {
			return dp.named[i]
		}
	}
	var only *Speaker
	for _, n := range reg.names {
		if n.short && n.key == key {
			if only != nil && only != n.sp {
				return nil
			}
			only = n.sp
		}
	}
	return only
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// IdentifySpeaker returns the canonical id of the person, body or party a
// speaker phrase names ("Zabihullah Mujahid, the Taliban spokesman",
// "ذبیح اللہ مجاہد", "the Pakistan Army"), or "" when it names none the
// lists know or names someone speaking for a body ("a Foreign Office
// official"). A surname alone resolves only when one listed person bears it.
func IdentifySpeaker(phrase string) string {
	var dp docPeople
	return dp.identify(phrase).id
}
