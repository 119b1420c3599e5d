package ingest

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteSpan is a quotation in a paragraph: [Open, Close) covers the marks,
// the text is between them.
type quoteSpan struct {
	Open, Close int
	End         int // where the closing mark starts
	Text        string
	Direct      bool // a quotation of whole sentences, not a phrase inside one
}

// quoteClosers maps each opening quotation mark to the marks that may
// close it. Scraped pages mix them (“…", ”…" in Pashto, ’…‘ in Urdu), so
// the pairs are loose; a ’ closes ‘ only where no letter follows (it is
// also the apostrophe), and ’ or ” open only after a space, a colon or the
// start of the paragraph.
var quoteClosers = map[rune]string{'“': "”\"", '"': "\"”", '«': "»", '‘': "’", '„': "“”", '”': "”\"", '’': "‘’", '‹': "›"}

// findQuotes finds quotations. An opening mark met inside an open
// quotation is kept as text (scraped pages nest them carelessly); an
// unclosed quotation runs to the end of the paragraph.
func findQuotes(s string) []quoteSpan {
	var out []quoteSpan
	open, openW := -1, 0
	var closers string
	prev := ' '
	for i, r := range s {
		w := utf8.RuneLen(r)
		switch {
		case open < 0 && quoteClosers[r] != "":
			if (r == '’' || r == '”' || r == '‘') && !(unicode.IsSpace(prev) || prev == ':' || prev == '(' || i == 0) {
				break
			}
			next, _ := utf8.DecodeRuneInString(s[i+w:])
			if r == '’' && !unicode.IsLetter(next) {
				break
			}
			open, openW, closers = i, w, quoteClosers[r]
		case open >= 0 && i > open && strings.ContainsRune(closers, r):
			if r == '’' {
				next, _ := utf8.DecodeRuneInString(s[i+w:])
				if unicode.IsLetter(next) {
					break
				}
			}
			out = append(out, quoteSpan{Open: open, Close: i + w, End: i, Text: strings.TrimSpace(s[open+openW : i])})
			open = -1
		}
		prev = r
	}
	if open >= 0 {
		out = append(out, quoteSpan{Open: open, Close: len(s), End: len(s), Text: strings.TrimSpace(s[open+openW:])})
	}
	for i := range out {
		before := strings.TrimRightFunc(s[:out[i].Open], unicode.IsSpace)
		r, _ := utf8.DecodeLastRuneInString(before)
		out[i].Direct = before == "" || strings.ContainsRune(".!?:”\"…۔؟", r) || strings.HasSuffix(before, ".’") || verbEndRe.MatchString(tail(before, 24)) || participleEndRe.MatchString(tail(before, 24))
		first, _ := utf8.DecodeRuneInString(out[i].Text)
		if unicode.Is(unicode.Latin, first) && !unicode.IsUpper(first) && r != ':' {
			out[i].Direct = false
		}
		if !out[i].Direct && !isLatin(out[i].Text) && len(strings.Fields(out[i].Text)) >= 4 {
			// Arabic script has no capitals: a quotation of four words or
			// more after a reporting verb is whole sentences.
			out[i].Direct = arabicReportEnd(before)
		}
	}
	return out
}

const speechVerbs = `said|says|alleged|accused|reaffirmed|condemned|rejected|criticized|criticised|reported|vowed|noted|declared|stated|warned|added|confirmed|reiterated|maintained|urged|concluded|asserted|claimed|stressed|emphasized|emphasised|affirmed|announced|told|insisted|demanded|denied|read|clarified|explained|observed|remarked|argued|pointed out|revealed|insists|warns|stresses|blamed|expressed hope|expressed concern|expressed confidence|cautioned|underscored|highlighted`

var (
	afterAttrRe     = regexp.MustCompile(`^\s*,?\s*([A-Za-z][^“”"\n.;:!?]{0,90}?)\s+(?:also\s+|further\s+)?(` + speechVerbs + `)\b`)
	invertedRe      = regexp.MustCompile(`^\s*,?\s*(?:` + speechVerbs + `)\s+([A-Za-z][^“”"\n;!?]{1,120}?)\s*(?:[.;!?]\s|[.;!?]?$)`)
	reverseAppRe    = regexp.MustCompile(`((?:[Aa]n?|[Tt]he)\s+[^,]{3,80}),\s+([A-Z][\p{L}’'.-]*(?:\s+[A-Z][\p{L}’'.-]*)+)$`)
	beforeAttrRe    = regexp.MustCompile(`([A-Za-z][^“”"«»\n.;!?]{0,90}?)\s+(?:also\s+|further\s+)?(` + speechVerbs + `)\s*[:,]?\s*$`)
	participleEndRe = regexp.MustCompile(`,\s*(?:saying|stating|adding|noting|declaring|insisting|warning)\s*[,:]?\s*$`)
	verbEndRe       = regexp.MustCompile(`\b(?:` + speechVerbs + `),?$`)
	// reportRe is what findSpeechVerbs finds, kept as its reference
	// (FuzzSpeechVerbs).
	reportRe     = regexp.MustCompile(`\b(?:also\s+|further\s+|repeatedly\s+)?(` + speechVerbs + `)\b`)
	accordingRe  = regexp.MustCompile(`^(?:According to|As per)\s+([^,;]{2,80}?),\s*(.+)$`)
	datelineRe   = regexp.MustCompile(`^[A-Z][A-Z .]{2,30}:\s*`)
	appositiveRe = regexp.MustCompile(`((?:(?:Lt|Gen|Maj|Col|Brig|Dr|Mr|Ms|Mrs|Gen|Sen|Rep|Adm|Capt)\.\s*)*[A-Z][\p{L}’'.-]*(?:\s+[A-Z][\p{L}’'.-]*)+),\s+((?:the\s+)?[a-z][^,]{3,120}?),?\s*$`)
	roleWordRe   = regexp.MustCompile(`(?i)\b(spokesperson|spokesman|spokeswoman|minister|official|officials|general|director general|director|chief|ambassador|envoy|president|commander|officer|governor|secretary|adviser|advisor|sources)\b`)
	pronounRe    = regexp.MustCompile(`^(?i:he|she|they|him|her)$`)
)

// asciiWord reports whether b is a word byte for regexp's \b.
func asciiWord(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '_'
}

// speechVerbWords: the verbs of speechVerbs by their first word, each as
// its words.
var speechVerbWords = func() map[string][][]string {
	m := map[string][][]string{}
	for _, v := range strings.Split(speechVerbs, "|") {
		w := strings.Fields(v)
		m[w[0]] = append(m[w[0]], w)
	}
	return m
}()

// findSpeechVerbs is reportRe.FindAllStringSubmatchIndex(s, -1) without the
// regular expression, which tried its long alternation at every byte of
// every sentence (the largest cost of drafting claims): a scan of s's ASCII
// words looked up in speechVerbWords. FuzzSpeechVerbs checks that both
// agree.
func findSpeechVerbs(s string) [][]int {
	var out [][]int
	// word returns the ASCII word starting at i (i at a word start).
	word := func(i int) int {
		j := i
		for j < len(s) && asciiWord(s[j]) {
			j++
		}
		return j
	}
	// verbAt: the end of a speech verb starting at the word at i, or -1.
	verbAt := func(i int) int {
		j := word(i)
		for _, v := range speechVerbWords[s[i:j]] {
			end, ok := j, true
			for _, w := range v[1:] {
				// the words of "pointed out" are one space apart
				if end+1+len(w) > len(s) || s[end] != ' ' || s[end+1:end+1+len(w)] != w || end+1+len(w) < len(s) && asciiWord(s[end+1+len(w)]) {
					ok = false
					break
				}
				end += 1 + len(w)
			}
			if ok {
				return end
			}
		}
		return -1
	}
	for i := 0; i < len(s); {
		if !asciiWord(s[i]) || i > 0 && asciiWord(s[i-1]) {
			i++
			continue
		}
		j := word(i)
		if w := s[i:j]; w == "also" || w == "further" || w == "repeatedly" {
			k := j
			for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\f' || s[k] == '\r') {
				k++
			}
			if k > j && k < len(s) && asciiWord(s[k]) {
				if end := verbAt(k); end >= 0 {
					out = append(out, []int{i, end, k, end})
					i = end
					continue
				}
			}
		}
		if end := verbAt(i); end >= 0 {
			out = append(out, []int{i, end, i, end})
			i = end
			continue
		}
		i = j
	}
	return out
}

// speechVerbSet holds the last word of every speech verb ("out" of
// "pointed out", "hope" of "expressed hope").
var speechVerbSet = func() map[string]bool {
	m := map[string]bool{}
	for _, v := range strings.Split(speechVerbs, "|") {
		m[v[strings.LastIndex(v, " ")+1:]] = true
	}
	return m
}()

// endsWithVerb is beforeAttrRe.FindStringSubmatchIndex(s), run only when
// s ends with a speech verb: the expression is anchored at the end, which
// Go's regexp cannot search backwards from, so it would otherwise try every
// position of s.
func endsWithVerb(s string) []int {
	t := strings.TrimRight(s, " \t\n\f\r:,")
	w := t[strings.LastIndexAny(t, " \t\n\f\r")+1:]
	if !speechVerbSet[w] {
		return nil
	}
	return beforeAttrRe.FindStringSubmatchIndex(s)
}

type speakerState struct {
	people []string // every person named as a speaker with a role, in order
	person string   // the last speaker that is a person or spokesperson
	spokes string   // the last named spokesperson
	org    string   // the last official body named as a speaker, as written

	dp      docPeople
	last    string   // the last speaker drafted, as written
	lastWho identity // and who that is
	written map[string]string
}

// resolve turns an attribution phrase into a speaker, updating the state.
// It returns "" when the phrase cannot be resolved (a pronoun before any
// named speaker) or is not a plausible speaker.
func (st *speakerState) resolve(g *Gazetteer, phrase string) (speaker, role string) {
	p := strings.TrimSpace(datelineRe.ReplaceAllString(strings.TrimSpace(phrase), ""))
	p = strings.TrimSuffix(p, ",")
	if p == "" || len(strings.Fields(p)) > 14 {
		return "", ""
	}
	lower := strings.ToLower(p)
	for _, art := range []string{"the ", "this "} {
		if strings.HasPrefix(lower, art) {
			p, lower = p[len(art):], lower[len(art):]
		}
	}
	switch {
	case pronounRe.MatchString(p):
		return st.person, roleOf(st.person)
	case lower == "spokesperson" || lower == "spokesman" || lower == "spokeswoman":
		switch {
		case st.spokes != "":
			return st.spokes, roleOf(st.spokes)
		case st.org != "":
			s := st.org + " " + lower
			st.spokes, st.person = s, s
			return s, lower
		}
		return "", ""
	case lower == "military" || lower == "army":
		return "the " + lower, ""
	case roleNounRe.MatchString(lower):
		// "The minister stressed …": the last person named whose office
		// that is, else nobody.
		if st.person != "" && strings.Contains(st.personRole(), strings.TrimPrefix(strings.TrimPrefix(lower, "defense "), "defence ")) {
			return st.person, roleOf(st.person)
		}
		return "", ""
	case lower == "statement" || lower == "ministry" || lower == "office" || lower == "it":
		return st.org, ""
	}
	if !plausibleSpeaker(p) {
		return "", ""
	}
	// A person named again by surname ("Mujahid said") is the person named
	// in full before ("Zabihullah Mujahid, the spokesman of …").
	if isName(p) {
		for i := len(st.people) - 1; i >= 0; i-- {
			full := strings.SplitN(st.people[i], ",", 2)[0]
			if full != p && strings.HasSuffix(full, " "+p) {
				st.person = st.people[i]
				return st.people[i], roleOf(st.people[i])
			}
		}
	}
	if m := reverseAppRe.FindStringSubmatch(p); m != nil {
		role = strings.TrimSpace(m[1])
	} else if m := appositiveRe.FindStringSubmatch(p); m != nil {
		role = strings.TrimSpace(m[2])
	} else {
		role = roleOf(p)
	}
	for _, m := range g.Find(p) {
		if m.Entry.Kind == "body" {
			st.org = p[m.Start:m.End]
		}
	}
	who := st.dp.identify(p)
	if sp := LookupSpeaker(who.id); sp != nil && sp.Kind == "body" && st.org == "" {
		st.org = p
	}
	if strings.Contains(lower, "spokes") {
		st.spokes = p
	}
	if sp := LookupSpeaker(who.id); sp != nil && sp.Kind == "person" && role == "" {
		// A listed person named without a role ("Asif said"): the one a
		// later "he" refers to.
		st.person = p
	}
	if role != "" {
		st.person = p
		if appositiveRe.MatchString(p) || reverseAppRe.MatchString(p) {
			st.people = append(st.people, p)
		}
	}
	return p, role
}

// roleNounRe: an office standing for the person who holds it.
var roleNounRe = regexp.MustCompile(`^(?:(?:defen[cs]e|foreign|information|interior|prime)\s+)?minister$|^president$|^army chief$`)

// personRole is the office of the last person named: as the text gives it,
// else as speakers.csv records it.
func (st *speakerState) personRole() string {
	if r := strings.ToLower(roleOf(st.person)); r != "" {
		return r
	}
	if sp := LookupSpeaker(st.dp.identify(st.person).id); sp != nil {
		return sp.Role
	}
	return ""
}

var nameRe = regexp.MustCompile(`^[A-Z][\p{L}’'-]+(?:\s+[A-Z][\p{L}’'-]+)?$`)

// isName: one or two capitalised words that are not a gazetteer name.
func isName(p string) bool {
	return nameRe.MatchString(p) && len(DefaultGazetteer().Find(p)) == 0
}

func roleOf(speaker string) string {
	if m := reverseAppRe.FindStringSubmatch(speaker); m != nil {
		return strings.TrimSpace(m[1])
	}
	if m := appositiveRe.FindStringSubmatch(speaker); m != nil {
		return strings.TrimSpace(m[2])
	}
	if m := roleWordRe.FindString(speaker); m != "" {
		return strings.ToLower(m)
	}
	return ""
}

var clauseWordRe = regexp.MustCompile(`\b(that|which|who|was|were|is|are|had|has|have|would|will|could|not|when|if|while|but)\b`)

// plausibleSpeaker: a noun phrase, not a clause.
func plausibleSpeaker(p string) bool {
	if appositiveRe.MatchString(p) || reverseAppRe.MatchString(p) {
		return true
	}
	if len(strings.Fields(p)) > 8 || clauseWordRe.MatchString(strings.ToLower(p)) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(p)
	lower := strings.ToLower(p)
	return unicode.IsUpper(first) || strings.HasPrefix(lower, "a ") || strings.HasPrefix(lower, "an ") || roleWordRe.MatchString(p)
}

// sentenceSpans splits a paragraph into sentences, never inside a
// quotation, and not after common abbreviations ("Lt.", "Gen.").
func sentenceSpans(s string, quotes []quoteSpan) [][2]int {
	inQuote := func(i int) bool {
		for _, q := range quotes {
			// A full stop just before the closing mark may end a sentence.
			if i > q.Open && i < q.End-1 {
				return true
			}
		}
		return false
	}
	var out [][2]int
	start := 0
	for i, r := range s {
		if r != '.' && r != '!' && r != '?' || inQuote(i) {
			continue
		}
		end := i + 1
		for end < len(s) && (s[end] == '"' || strings.HasPrefix(s[end:], "”") || strings.HasPrefix(s[end:], "’")) {
			_, w := utf8.DecodeRuneInString(s[end:])
			end += w
		}
		if end >= len(s) || s[end] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[end+1:])
		if !unicode.IsUpper(next) && next != '“' && next != '"' {
			continue
		}
		word := s[strings.LastIndexAny(s[:i], " (")+1 : i]
		if abbreviations[word] {
			continue
		}
		out = append(out, [2]int{start, end})
		start = end + 1
	}
	if start < len(s) {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

var abbreviations = map[string]bool{"Lt": true, "Gen": true, "Maj": true, "Col": true, "Brig": true, "Dr": true, "Mr": true, "Ms": true, "Mrs": true, "St": true, "No": true, "U.S": true, "U.N": true, "Capt": true, "Adm": true, "Sen": true, "Rep": true, "Jr": true, "Sr": true, "vs": true, "etc": true, "i.e": true, "e.g": true}

// event is one claim found in a paragraph, before its speaker is resolved.
type event struct {
	carried    *pending // a quotation that goes on with an earlier paragraph's speaker
	pos        int      // where the speaker is named
	phrase     string
	according  bool // "According to <phrase>, …": any noun phrase will do
	text       string
	quoted     bool
	sentence   [2]int // the sentence the claim was found in, for figures and dates
	datePrefix string // text that may date the saying ("confirmed on Friday that")
}

// draftClaims finds claims in the text paragraphs, resolving speakers in
// the order the text names them.
func (d *Draft) draftClaims() {
	g := DefaultGazetteer()
	var st speakerState
	tags := map[string]bool{}
	prevClaimed := false // the previous text paragraph drafted a claim
	var colon *pending   // the previous paragraph ended "X said:"
	for _, p := range d.Paragraphs {
		if p.Kind == "text" && arabicScript(p.Text) {
			st.dp.scan(p.Text)
		}
	}
	for _, p := range d.Paragraphs {
		if p.Kind != "text" {
			continue
		}
		for _, m := range g.Find(p.Text) {
			if !tags[m.Entry.ID] {
				tags[m.Entry.ID] = true
				d.Tags = append(d.Tags, Tag{ID: m.Entry.ID, Kind: m.Entry.Kind, Name: m.Entry.Name, Lat: m.Entry.Lat, Lon: m.Entry.Lon})
			}
		}
		dates := resolveDates(p.Text, p.N, d.published)
		d.Dates = append(d.Dates, dates...)
		st.dp.note(p.Text)
		before := len(d.Claims)
		if arabicScript(p.Text) {
			colon = d.draftArabic(p, &st, colon, prevClaimed)
		} else {
			colon = d.draftLatin(g, p, &st, colon, prevClaimed)
		}
		prevClaimed = len(d.Claims) > before
		// Figures in sentences that no claim covers are not drafted: the
		// outlet's own assertion has no speaker to attribute it to.
	}
}

// pending is a speaker whose words follow in the next paragraph.
type pending struct {
	speaker, role string
	who           identity
}

func arabicScript(s string) bool {
	letters, arabic := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Arabic, r) {
				arabic++
			}
		}
	}
	return letters > 0 && arabic*2 > letters
}

// claim appends a drafted claim. An empty speaker is drafted only with a
// reason for the reviewer.
func (d *Draft) claim(g *Gazetteer, p Paragraph, speaker, role string, who identity, text string, quoted bool, sentence, review string) {
	c := Claim{Speaker: speaker, SpeakerID: who.id, Role: firstNonEmpty(role, who.role), SpeaksFor: who.speaksFor, Review: review,
		Text: text, Language: p.Language, Quoted: quoted, Paragraph: p.N}
	if c.SpeakerID != "" && c.SpeakerID == c.SpeaksFor {
		c.SpeaksFor = ""
	}
	if c.Language == "und" {
		c.Language = d.Source.Language
	}
	c.Figures = findFigures(sentence)
	c.Actors, c.Places = tagIDs(g, speaker+" "+text)
	d.Claims = append(d.Claims, c)
}

func (d *Draft) draftArabic(p Paragraph, st *speakerState, colon *pending, prevClaimed bool) *pending {
	g := DefaultGazetteer()
	t := strings.TrimSpace(p.Text)
	first, _ := utf8.DecodeRuneInString(t)
	// A paragraph that is a quotation after "X said:" is X's.
	if colon != nil && quoteClosers[first] != "" {
		d.claim(g, p, colon.speaker, colon.role, colon.who, trimQuote(strings.Trim(t, "\"“”«»’‘")), true, t, "")
		return nil
	}
	evs := arabicEvents(p.Text)
	// A line that opens with a comma goes on with the last speaker's
	// statement (briefings scraped as one line per point).
	if len(evs) == 0 && prevClaimed && st.last != "" && (strings.HasPrefix(t, "،") || strings.HasPrefix(t, ",")) {
		text := cleanStatement(strings.TrimLeft(t, "،, "))
		if len(strings.Fields(text)) >= 3 {
			d.claim(g, p, st.last, "", st.lastWho, text, false, text, "")
		}
		return nil
	}
	var next *pending
	for _, ev := range evs {
		speaker, who, ok := st.arSpeaker(ev.region)
		if ev.colonOpen {
			if ok {
				next = &pending{speaker: speaker, who: who}
			}
			continue
		}
		sentence := p.Text[ev.sentence[0]:ev.sentence[1]]
		if !ok {
			d.claim(g, p, "", "", identity{}, ev.text, ev.quoted, sentence, "speaker not found: check who says this")
			continue
		}
		d.claim(g, p, speaker, "", who, ev.text, ev.quoted, sentence, "")
	}
	return next
}

func (d *Draft) draftLatin(g *Gazetteer, p Paragraph, st *speakerState, colon *pending, prevClaimed bool) *pending {
	quotes := findQuotes(p.Text)
	sents := sentenceSpans(p.Text, quotes)
	var evs []event
	// "• 29 soldiers injured in the attack: ISPR": a bullet closed by
	// who says it.
	if m := bulletAttrRe.FindStringSubmatchIndex(p.Text); m != nil && IdentifySpeaker(p.Text[m[4]:m[5]]) != "" {
		evs = append(evs, event{pos: m[4], phrase: p.Text[m[4]:m[5]], according: true, text: p.Text[m[2]:m[3]], sentence: [2]int{m[2], m[3]}})
		sents = nil
	}
	directStarts := map[int]bool{}
	lastAttr := ""
	for qi, q := range quotes {
		if !q.Direct {
			continue
		}
		sent := sentenceOf(sents, q.Open)
		directStarts[sent[0]] = true
		after := p.Text[q.Close:]
		// The attribution before a quotation is near it: the regular
		// expressions anchored at its end need not scan the whole paragraph.
		bstart := max(0, q.Open-200)
		for bstart > 0 && !utf8.RuneStart(p.Text[bstart]) {
			bstart--
		}
		before := p.Text[bstart:q.Open]
		ev := event{text: trimQuote(q.Text), quoted: true, sentence: sent}
		if m := afterAttrRe.FindStringSubmatchIndex(after); m != nil && !startsQuote(after) {
			ev.phrase, ev.pos = after[m[2]:m[3]], q.Close+m[2]
		} else if m := invertedRe.FindStringSubmatchIndex(after); m != nil && !startsQuote(after) {
			ev.phrase, ev.pos = after[m[2]:m[3]], q.Close+m[2]
		} else if m := endsWithVerb(before); m != nil {
			ev.phrase, ev.pos = before[m[2]:m[3]], bstart+m[2]
			// "…, while Amir Khan Muttaqi said ‘…’": the last clause.
			if c := strings.LastIndex(ev.phrase, ","); c >= 0 && !plausibleSpeakerPhrase(ev.phrase) {
				ev.phrase = leadConjRe.ReplaceAllString(strings.TrimSpace(ev.phrase[c+1:]), "")
				ev.pos = bstart + m[2] + c + 1
			}
		} else if m := accordingQuoteRe.FindStringSubmatchIndex(before); m != nil {
			ev.phrase, ev.pos, ev.according = before[m[2]:m[3]], bstart+m[2], true
		} else if loc := participleEndRe.FindStringIndex(before); loc != nil && subjectOf(p.Text, sent, bstart+loc[0]) != "" {
			// "Officials presented evidence, stating, “…”"
			ev.phrase, ev.pos = subjectOf(p.Text, sent, bstart+loc[0]), sent[0]
		} else {
			// A quotation without its own attribution continues the
			// one before it in the paragraph, or takes the next one's,
			// or, opening the paragraph, goes on with the speaker of the
			// paragraph before ("He added: …" then a quotation).
			ev.pos = q.Open
			ev.phrase = lastAttr
			if ev.phrase == "" {
				for _, q2 := range quotes[qi+1:] {
					if m := afterAttrRe.FindStringSubmatch(p.Text[q2.Close:]); q2.Direct && m != nil {
						ev.phrase = m[1]
						break
					}
				}
			}
			if ev.phrase == "" && q.Open == 0 {
				switch {
				case colon != nil:
					ev.carried = colon
				case prevClaimed && st.last != "":
					ev.carried = &pending{speaker: st.last, who: st.lastWho}
				}
			}
		}
		lastAttr = ev.phrase
		if ev.text != "" && (ev.phrase != "" || ev.carried != nil) {
			evs = append(evs, ev)
		}
	}
	for _, s := range sents {
		if directStarts[s[0]] {
			continue
		}
		if ev, ok := reported(p.Text, s, quotes); ok {
			evs = append(evs, ev)
		}
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].pos < evs[j].pos })
	dated := map[string]DateMention{}
	for _, ev := range evs {
		var speaker, role string
		var who identity
		switch {
		case ev.carried != nil:
			speaker, role, who = ev.carried.speaker, ev.carried.role, ev.carried.who
		case ev.according:
			speaker = cleanSpeaker(ev.phrase)
			if t := strings.TrimPrefix(speaker, "the "); t != speaker {
				speaker = t
			}
			for _, m := range g.Find(speaker) {
				if m.Entry.Kind == "body" {
					st.org = speaker[m.Start:m.End]
				}
			}
			if pronounRe.MatchString(speaker) {
				speaker, role = st.person, roleOf(st.person)
			} else if sp := LookupSpeaker(st.dp.identify(speaker).id); sp != nil {
				// "According to the Qatari Foreign Ministry, …" then "…,"
				// read the statement; "according to Mujahid" then "he".
				switch sp.Kind {
				case "body":
					st.org = speaker
				case "person":
					st.person = speaker
				}
			}
		default:
			speaker, role = st.resolve(g, cleanSpeaker(ev.phrase))
		}
		sentence := p.Text[ev.sentence[0]:ev.sentence[1]]
		if ev.quoted {
			sentence = ev.text
		}
		if speaker == "" || notSpeakerRe.MatchString(speaker) {
			if speaker == "" && ev.carried == nil {
				d.claim(g, p, "", "", identity{}, ev.text, ev.quoted, sentence, fmt.Sprintf("speaker not found: %.64q does not name one", ev.phrase))
			}
			continue
		}
		if ev.carried == nil {
			who = st.dp.identify(speaker)
			if who.id == "" && st.last == speaker {
				who = st.lastWho
			}
		}
		st.setLast(speaker, who)
		n := len(d.Claims)
		d.claim(g, p, speaker, role, who, ev.text, ev.quoted, sentence, "")
		c := &d.Claims[n]
		if ev.datePrefix != "" {
			for _, dm := range resolveDates(ev.datePrefix, p.N, d.published) {
				if dm.Date != "" {
					dated[speaker] = dm
					break
				}
			}
		}
		if dm, ok := dated[speaker]; ok {
			c.Date, c.DatePrecision = dm.Date, dm.Precision
		}
	}
	// "X said:" closing the paragraph: the quotation follows.
	if t := strings.TrimSpace(p.Text); strings.HasSuffix(t, ":") {
		phrase := ""
		if m := endsWithVerb(t); m != nil {
			phrase = t[m[2]:m[3]]
		} else if loc := participleColonRe.FindStringIndex(t); loc != nil {
			// "X, the spokesperson, thanked the mediators, stating:"
			sents := sentenceSpans(t, nil)
			last := sents[len(sents)-1]
			phrase, _ = subjectPhrase(t[last[0]:loc[0]])
		}
		if phrase != "" {
			if speaker, role := st.resolve(g, cleanSpeaker(phrase)); speaker != "" && !notSpeakerRe.MatchString(speaker) {
				who := st.dp.identify(speaker)
				st.setLast(speaker, who)
				return &pending{speaker: speaker, role: role, who: who}
			}
		}
	}
	return nil
}

var (
	auxRe            = regexp.MustCompile(`\s+(?:(?:has|have|had)(?:\s+(?:long|also|repeatedly|previously|already|now|again))?|later|also|earlier|again|then|now|further|repeatedly|previously|recently|once again)\s*$`)
	bulletAttrRe     = regexp.MustCompile(`^\s*[•●▪◦*–-]\s*(.+?)\s*:\s*([A-Z][\p{L}’'(). -]{1,60}?)\s*$`)
	asideRe          = regexp.MustCompile(`,\s*(?:however|meanwhile|though|too|in turn|for its part|for his part|for her part)\s*,?\s*$`)
	leadConjRe       = regexp.MustCompile(`^(?:while|and|but|whereas|as)\s+`)
	descRe           = regexp.MustCompile(`^(?:the|a|an)\s+[a-z]`)
	trailingAttrRe   = regexp.MustCompile(`^(?:(?:on|late|early)\s+\w+(?:\s+\w+)?|in a (?:statement|post|press conference|briefing)(?:\s+on\s+\w+)?|\w+day)?\s*[.,]?\s*$|^(?:(?:on|late|early)\s+\w+|in a (?:statement|post|press conference|briefing)(?:\s+on\s+\w+)?|\w+day)\s*(?:,|$)`)
	accordingQuoteRe = regexp.MustCompile(`(?:^|\s)(?:According to|according to)\s+([^,;“”"]{2,80}?),\s*$`)
	// News outlets and agencies report; they are not the speakers of what
	// they report.
	notSpeakerRe = regexp.MustCompile(`(?i)^(?:the\s+)?(?:local\s+)?(?:media|reports?|news|newspapers?|(?:state\s+)?broadcaster|AP|AFP|Reuters|Xinhua|IRNA|Anadolu|Al Jazeera|TOLOnews|Tolo News|India Today|Dawn|Geo News|Associated Press(?: \(AP\))?|(?-i:.*\b(?:News|Times|Agency|Television|TV))|[a-z].*\b(?:reports?|media)|.*\bnewspaper|(?:both|the two)\s+(?:sides|parties|countries|delegations|nations|governments|neighbou?rs))$`)
	// "The Taliban on Sunday (12 October)", "officials on Wednesday": the
	// day belongs to the saying, not to the speaker.
	speakerTimeRe = regexp.MustCompile(`(?i),?\s+(?:on\s+|late\s+|early\s+|last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)\b.*$|,?\s+(?:in a (?:statement|press briefing|press conference|post)|earlier|later|also|meanwhile|however)\b.*$|,\s+(?:speaking|writing|addressing|talking|quoted)\b.*$`)
)

// cleanSpeaker drops from a speaker phrase what is not the speaker: the
// day of the saying and trailing connectives.
func cleanSpeaker(p string) string {
	p = strings.TrimSpace(p)
	if loc := speakerTimeRe.FindStringIndex(p); loc != nil && loc[0] > 0 {
		p = strings.TrimSpace(p[:loc[0]])
	}
	return strings.TrimSpace(strings.TrimSuffix(p, ","))
}

func tagIDs(g *Gazetteer, s string) (actors, places []string) {
	seen := map[string]bool{}
	for _, m := range g.Find(s) {
		if seen[m.Entry.ID] {
			continue
		}
		seen[m.Entry.ID] = true
		if m.Entry.Place() {
			places = append(places, m.Entry.ID)
		} else {
			actors = append(actors, m.Entry.ID)
		}
	}
	return actors, places
}

func startsQuote(s string) bool {
	s = strings.TrimLeft(s, " ,")
	return strings.HasPrefix(s, "“") || strings.HasPrefix(s, "\"")
}

func trimQuote(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ",")
	return strings.TrimSpace(s)
}

func sentenceOf(sents [][2]int, pos int) [2]int {
	for _, s := range sents {
		if pos >= s[0] && pos < s[1] {
			return s
		}
	}
	return [2]int{0, 0}
}

// reported finds reported speech in one sentence: "According to X, …",
// or "<speaker> <verb> [that] …" where the speaker is a noun phrase that
// opens the sentence or follows its last comma before the verb.
func reported(text string, span [2]int, quotes []quoteSpan) (event, bool) {
	s := text[span[0]:span[1]]
	if m := accordingRe.FindStringSubmatchIndex(s); m != nil {
		if !clauseWordRe.MatchString(strings.ToLower(s[m[2]:m[3]])) {
			return event{pos: span[0] + m[2], phrase: s[m[2]:m[3]], according: true, text: strings.TrimSpace(s[m[4]:m[5]]), sentence: span}, true
		}
	}
	ev, ok := reportedVerb(s, span, quotes)
	if ok && !notSpeakerRe.MatchString(cleanSpeaker(ev.phrase)) {
		return ev, true
	}
	// "…, according to the ministry." and "…, according to Mujahid, …":
	// the attribution closing or inside the sentence.
	if m := accordingTailRe.FindStringSubmatchIndex(s); m != nil && !inside(quotes, span[0]+m[4]) {
		if t := strings.TrimSpace(datelineRe.ReplaceAllString(s[m[2]:m[3]], "")); len(strings.Fields(t)) >= 4 && !clauseWordRe.MatchString(strings.ToLower(s[m[4]:m[5]])) {
			return event{pos: span[0] + m[4], phrase: s[m[4]:m[5]], according: true, text: t, sentence: span}, true
		}
	}
	if m := accordingMidRe.FindStringSubmatchIndex(s); m != nil && !inside(quotes, span[0]+m[4]) {
		t := strings.TrimSpace(datelineRe.ReplaceAllString(s[m[2]:m[3]], "")) + " " + strings.TrimSpace(s[m[6]:m[7]])
		if len(strings.Fields(t)) >= 4 && !clauseWordRe.MatchString(strings.ToLower(s[m[4]:m[5]])) {
			return event{pos: span[0] + m[4], phrase: s[m[4]:m[5]], according: true, text: t, sentence: span}, true
		}
	}
	// "…, citing security officials.": an outlet's report is the cited
	// source's statement.
	if m := citingRe.FindStringSubmatchIndex(s); m != nil && !inside(quotes, span[0]+m[4]) {
		if t := strings.TrimSpace(datelineRe.ReplaceAllString(s[m[2]:m[3]], "")); len(strings.Fields(t)) >= 4 {
			if ok {
				// "AP reported that …, citing …": what the outlet reports.
				t = strings.TrimSpace(citingRe.ReplaceAllString(ev.text, "$1"))
			}
			return event{pos: span[0] + m[4], phrase: s[m[4]:m[5]], according: true, text: t, sentence: span}, true
		}
	}
	if ok {
		return ev, true // an outlet: dropped by the caller, never drafted
	}
	// "X, the spokesman, thanked the mediators, saying that …": the
	// subject of the sentence, when the lists know it, says what follows
	// the participle.
	if m := participleRe.FindStringSubmatchIndex(s); m != nil && !inside(quotes, span[0]+m[0]) {
		if phrase, at := subjectPhrase(s[:m[0]]); phrase != "" {
			if t := strings.TrimSpace(s[m[1]:]); len(strings.Fields(t)) >= 4 && !startsQuote(t) {
				return event{pos: span[0] + at, phrase: phrase, text: t, sentence: span}, true
			}
		}
	}
	return event{}, false
}

var (
	accordingTailRe   = regexp.MustCompile(`^(.+?),\s*(?:according to|as per)\s+((?:the\s+)?[^,;“”"]{2,80}?)\s*[.!?]?\s*$`)
	accordingMidRe    = regexp.MustCompile(`^(.+?),\s*according to\s+((?:the\s+)?[^,;“”"]{2,60}?),\s*(.+)$`)
	citingRe          = regexp.MustCompile(`^(.+?),\s*citing\s+((?:the\s+)?[^,;“”"]{2,80}?)\s*[.!?]?\s*$`)
	participleColonRe = regexp.MustCompile(`,\s*(?:saying|stating|adding|noting|declaring)\s*[:,]?\s*:$`)
	participleRe      = regexp.MustCompile(`,\s*(?:saying|stating|adding|noting|insisting|claiming|warning|highlighting|emphasi[sz]ing|stressing|alleging|arguing|asserting)(?:\s+that)?\s+`)
	leadClauseRe      = regexp.MustCompile(`^(?:(?:Meanwhile|However|Separately|Earlier|Later|Also),\s*|(?:In|On|During|At|Referring|Speaking|Expressing|Addressing|Talking|Writing)\b[^,]{0,100},\s*)`)
	subordinateRe     = regexp.MustCompile(`\b(?:when|after|as|while|which|that|because|since|where|before|until)\s+`)
	objectVerbs       = map[string]bool{"accused": true, "blamed": true, "denied": true, "rejected": true, "condemned": true}
)

// subjectOf is subjectPhrase of the sentence sent of text up to end.
func subjectOf(text string, sent [2]int, end int) string {
	if end <= sent[0] {
		return ""
	}
	p, _ := subjectPhrase(text[sent[0]:end])
	return p
}

// subjectNounRe: an unnamed speaker opening a sentence ("Pakistani
// officials", "Security sources").
var subjectNounRe = regexp.MustCompile(`^(?:(?:[A-Z][\p{L}’'-]*|senior|security|local|military|diplomatic|government)\s+){0,3}(?:officials?|sources|spokes(?:man|person|woman)|delegation|diplomats?)\b`)

// subjectPhrase is the speaker a sentence opens with, when speakers.csv or
// the gazetteer knows it or it is a pronoun: the name with its appositive
// ("Zabihullah Mujahid, spokesperson for …"), and its offset in prefix.
func subjectPhrase(prefix string) (string, int) {
	start := 0
	if loc := datelineRe.FindStringIndex(prefix); loc != nil {
		start = loc[1]
	}
	if loc := leadClauseRe.FindStringIndex(prefix[start:]); loc != nil {
		start += loc[1]
	}
	head := prefix[start:]
	if w := strings.Fields(head); len(w) > 0 && pronounRe.MatchString(w[0]) {
		return w[0], start
	}
	hits := speakerRegistry().findNames(head)
	// "Pakistani officials": the officials, not the party they serve.
	if m := subjectNounRe.FindString(head); m != "" && (len(hits) == 0 || hits[0].start > 40 || hits[0].start == 0 && len(m) > hits[0].end) {
		return m, start
	}
	if len(hits) == 0 || hits[0].start > 40 {
		return "", 0
	}
	h := hits[0]
	end := h.end
	// An appositive: ", the chief spokesman for the government,".
	if rest := head[end:]; strings.HasPrefix(rest, ", ") {
		if c := strings.Index(rest[2:], ","); c > 0 && c < 120 {
			first, _ := utf8.DecodeRuneInString(rest[2:])
			if unicode.IsLower(first) || strings.HasPrefix(rest[2:], "the ") || strings.HasPrefix(rest[2:], "The ") {
				end += 2 + c
			}
		}
	}
	// "Pakistan’s Defence Minister Khawaja Asif": the words before the
	// name that belong to it.
	from := h.start
	if pre := strings.TrimSpace(head[:from]); pre != "" && !strings.Contains(pre, ",") && len(strings.Fields(pre)) <= 5 {
		from = strings.Index(head, pre)
	}
	return strings.TrimSpace(head[from:end]), start + from
}

// reportedVerb: "<speaker> <verb> [that] …".
func reportedVerb(s string, span [2]int, quotes []quoteSpan) (event, bool) {
	for _, m := range findSpeechVerbs(s) {
		if inside(quotes, span[0]+m[0]) {
			continue
		}
		prefix := s[:m[0]]
		// "Islamabad, however, reiterated …", "Pakistan has long
		// expressed …", "the ministry later condemned …"
		if loc := asideRe.FindStringIndex(prefix); loc != nil {
			prefix = prefix[:loc[0]] + " "
		}
		if loc := auxRe.FindStringIndex(prefix); loc != nil && loc[0] > 0 {
			prefix = prefix[:loc[0]] + " "
		}
		// "the ISPR, the military's media wing, said": the comma closing
		// an appositive is not the one that opens the speaker.
		if t := strings.TrimRight(prefix, " "); strings.HasSuffix(t, ",") && strings.Count(t, ",") >= 2 {
			prefix = t[:len(t)-1] + " "
		}
		phrase := prefix
		trimmed := strings.TrimRight(prefix, " ,")
		if a := reverseAppRe.FindStringSubmatchIndex(trimmed); a != nil {
			phrase = trimmed[a[0]:]
		} else if a := appositiveRe.FindStringSubmatchIndex(strings.TrimRight(prefix, " ")); a != nil {
			phrase = prefix[a[0]:]
			if c := strings.LastIndex(prefix[:a[0]], ","); c >= 0 {
				phrase = prefix[a[0]:]
			}
		} else if c := strings.LastIndex(prefix, ","); c >= 0 {
			phrase = prefix[c+1:]
			// "the ISPR, the military's media wing, said": the segment
			// before a descriptive appositive names the speaker.
			if descRe.MatchString(strings.TrimSpace(phrase)) && (IdentifySpeaker(phrase) == "" || !plausibleSpeakerPhrase(strings.TrimSpace(phrase))) {
				if c2 := strings.LastIndex(prefix[:c], ","); c2 >= 0 && IdentifySpeaker(prefix[c2+1:c]) != "" {
					phrase = prefix[c2+1 : c]
				}
			}
		}
		phrase = strings.TrimSpace(phrase)
		relative := false
		if phrase != "" && !plausibleSpeakerPhrase(phrase) {
			// "… began when the Taliban accused …", "… explosions that
			// the Taliban blamed on …": the speaker after the last
			// subordinating word.
			if locs := subordinateRe.FindAllStringIndex(phrase, -1); len(locs) > 0 {
				last := locs[len(locs)-1]
				if cut := strings.TrimSpace(phrase[last[1]:]); cut != "" && plausibleSpeakerPhrase(cut) && !pronounRe.MatchString(cut) {
					w := strings.TrimSpace(phrase[last[0]:last[1]])
					relative = w == "that" || w == "which"
					phrase = cut
				}
			}
		}
		if phrase == "" || !plausibleSpeakerPhrase(phrase) {
			return event{}, false
		}
		verb := s[m[2]:m[3]]
		minWords := 4
		if objectVerbs[verb] {
			minWords = 3
		}
		rest := strings.TrimSpace(s[m[1]:])
		if relative {
			// What the relative clause says is about what precedes it:
			// the whole sentence is the claim.
			t := strings.TrimSpace(datelineRe.ReplaceAllString(s, ""))
			return event{pos: span[0] + m[0] - len(phrase), phrase: phrase, text: t, sentence: span, datePrefix: prefix + " " + verb}, true
		}
		datePrefix := prefix + " " + s[m[2]:m[3]]
		// "confirmed on Friday that …", "told reporters that …"
		if i := strings.Index(rest, " that "); i >= 0 && i < 60 && !strings.ContainsAny(rest[:i], "“\"") {
			datePrefix += " " + rest[:i]
			rest = rest[i+len(" that "):]
		} else if strings.HasPrefix(rest, "that ") {
			rest = rest[len("that "):]
		}
		rest = strings.TrimSpace(rest)
		// A closing attribution: "…, the ISPR said on Sunday, following an
		// attack", "…, spokesman Zabihullah Mujahid said in a statement."
		if tail := trailingAttrRe.FindString(rest); tail != "" || len(strings.Fields(rest)) < minWords {
			if c := strings.LastIndex(prefix, ","); c >= 0 {
				rest = strings.TrimSpace(datelineRe.ReplaceAllString(strings.TrimSpace(prefix[:c]), ""))
				if len(strings.Fields(rest)) >= 4 {
					return event{pos: span[0] + m[0] - len(phrase), phrase: phrase, text: rest, sentence: span, datePrefix: s[m[2]:]}, true
				}
				return event{}, false
			}
		}
		// A parenthetical attribution: "The second round, he added, was …"
		if strings.HasPrefix(rest, ",") {
			if c := strings.LastIndex(prefix, ","); c >= 0 {
				rest = strings.TrimSpace(prefix[:c]) + " " + strings.TrimSpace(rest[1:])
				rest = strings.TrimSpace(datelineRe.ReplaceAllString(rest, ""))
			}
		}
		if len(strings.Fields(rest)) < minWords || startsQuote(rest) && !objectVerbs[verb] {
			return event{}, false
		}
		return event{pos: span[0] + m[0] - len(phrase), phrase: phrase, text: rest, sentence: span, datePrefix: datePrefix}, true
	}
	return event{}, false
}

func plausibleSpeakerPhrase(p string) bool {
	p = datelineRe.ReplaceAllString(p, "")
	if pronounRe.MatchString(p) {
		return true
	}
	lp := strings.ToLower(p)
	for _, a := range []string{"the spokesperson", "the statement", "the spokesman"} {
		if lp == a {
			return true
		}
	}
	return plausibleSpeaker(p) || plausibleSpeaker(strings.TrimPrefix(strings.TrimPrefix(p, "the "), "The "))
}

func inside(quotes []quoteSpan, pos int) bool {
	for _, q := range quotes {
		if pos > q.Open && pos < q.Close {
			return true
		}
	}
	return false
}

// tail is at most the last n bytes of s, cut at a rune boundary.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}
