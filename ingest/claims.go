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
		out[i].Direct = before == "" || strings.ContainsRune(".!?:”\"…۔؟", r) || strings.HasSuffix(before, ".’") || verbEndRe.MatchString(tail(before, 24))
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

const speechVerbs = `said|says|alleged|accused|reaffirmed|condemned|rejected|criticized|criticised|reported|vowed|noted|declared|stated|warned|added|confirmed|reiterated|maintained|urged|concluded|asserted|claimed|stressed|emphasized|emphasised|affirmed|announced|told|insisted|demanded|denied|read|clarified|explained|observed|remarked|argued|pointed out`

var (
	afterAttrRe  = regexp.MustCompile(`^\s*,?\s*([A-Za-z][^“”"\n.;:!?]{0,90}?)\s+(?:also\s+|further\s+)?(` + speechVerbs + `)\b`)
	invertedRe   = regexp.MustCompile(`^\s*,?\s*(?:` + speechVerbs + `)\s+([A-Za-z][^“”"\n;!?]{1,120}?)\s*(?:[.;!?]\s|[.;!?]?$)`)
	reverseAppRe = regexp.MustCompile(`((?:[Aa]n?|[Tt]he)\s+[^,]{3,80}),\s+([A-Z][\p{L}’'.-]*(?:\s+[A-Z][\p{L}’'.-]*)+)$`)
	beforeAttrRe = regexp.MustCompile(`([A-Za-z][^“”"«»\n.;!?]{0,90}?)\s+(?:also\s+|further\s+)?(` + speechVerbs + `)\s*:?\s*$`)
	verbEndRe    = regexp.MustCompile(`\b(?:` + speechVerbs + `)$`)
	reportRe     = regexp.MustCompile(`\b(?:also\s+|further\s+|repeatedly\s+)?(` + speechVerbs + `)\b`)
	accordingRe  = regexp.MustCompile(`^(?:According to|As per)\s+([^,;]{2,80}?),\s*(.+)$`)
	datelineRe   = regexp.MustCompile(`^[A-Z][A-Z .]{2,30}:\s*`)
	appositiveRe = regexp.MustCompile(`((?:(?:Lt|Gen|Maj|Col|Brig|Dr|Mr|Ms|Mrs|Gen|Sen|Rep|Adm|Capt)\.\s*)*[A-Z][\p{L}’'.-]*(?:\s+[A-Z][\p{L}’'.-]*)+),\s+((?:the\s+)?[a-z][^,]{3,120}?),?\s*$`)
	roleWordRe   = regexp.MustCompile(`(?i)\b(spokesperson|spokesman|spokeswoman|minister|official|officials|general|director general|director|chief|ambassador|envoy|president|commander|officer|governor|secretary|adviser|advisor|sources)\b`)
	pronounRe    = regexp.MustCompile(`^(?i:he|she|they|him|her)$`)
)

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
	if strings.Contains(lower, "spokes") {
		st.spokes = p
	}
	if role != "" {
		st.person = p
		if appositiveRe.MatchString(p) || reverseAppRe.MatchString(p) {
			st.people = append(st.people, p)
		}
	}
	return p, role
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
		} else if m := beforeAttrRe.FindStringSubmatchIndex(before); m != nil {
			ev.phrase, ev.pos = before[m[2]:m[3]], bstart+m[2]
			// "…, while Amir Khan Muttaqi said ‘…’": the last clause.
			if c := strings.LastIndex(ev.phrase, ","); c >= 0 && !plausibleSpeakerPhrase(ev.phrase) {
				ev.phrase = leadConjRe.ReplaceAllString(strings.TrimSpace(ev.phrase[c+1:]), "")
				ev.pos = bstart + m[2] + c + 1
			}
		} else if m := accordingQuoteRe.FindStringSubmatchIndex(before); m != nil {
			ev.phrase, ev.pos, ev.according = before[m[2]:m[3]], bstart+m[2], true
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
		if m := beforeAttrRe.FindStringSubmatch(t); m != nil {
			if speaker, role := st.resolve(g, cleanSpeaker(m[1])); speaker != "" && !notSpeakerRe.MatchString(speaker) {
				who := st.dp.identify(speaker)
				st.setLast(speaker, who)
				return &pending{speaker: speaker, role: role, who: who}
			}
		}
	}
	return nil
}

var (
	leadConjRe       = regexp.MustCompile(`^(?:while|and|but|whereas|as)\s+`)
	descRe           = regexp.MustCompile(`^(?:the|a|an)\s+[a-z]`)
	trailingAttrRe   = regexp.MustCompile(`^(?:(?:on|late|early)\s+\w+(?:\s+\w+)?|in a (?:statement|post|press conference|briefing)(?:\s+on\s+\w+)?|\w+day)?\s*[.,]?\s*$|^(?:(?:on|late|early)\s+\w+|in a (?:statement|post|press conference|briefing)(?:\s+on\s+\w+)?|\w+day)\s*(?:,|$)`)
	accordingQuoteRe = regexp.MustCompile(`(?:^|\s)(?:According to|according to)\s+([^,;“”"]{2,80}?),\s*$`)
	// News outlets and agencies report; they are not the speakers of what
	// they report.
	notSpeakerRe = regexp.MustCompile(`(?i)^(?:the\s+)?(?:local\s+)?(?:media|reports?|news|newspapers?|(?:state\s+)?broadcaster|AP|AFP|Reuters|Xinhua|IRNA|Anadolu|Al Jazeera|TOLOnews|Tolo News|India Today|Dawn|Geo News|Associated Press(?: \(AP\))?|(?-i:.*\b(?:News|Times|Agency|Television|TV))|[a-z].*\b(?:reports?|media))$`)
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
	for _, m := range reportRe.FindAllStringSubmatchIndex(s, -1) {
		if inside(quotes, span[0]+m[0]) {
			continue
		}
		prefix := s[:m[0]]
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
			if descRe.MatchString(strings.TrimSpace(phrase)) && IdentifySpeaker(phrase) == "" {
				if c2 := strings.LastIndex(prefix[:c], ","); c2 >= 0 && IdentifySpeaker(prefix[c2+1:c]) != "" {
					phrase = prefix[c2+1 : c]
				}
			}
		}
		phrase = strings.TrimSpace(phrase)
		if phrase == "" || !plausibleSpeakerPhrase(phrase) {
			return event{}, false
		}
		rest := strings.TrimSpace(s[m[1]:])
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
		if tail := trailingAttrRe.FindString(rest); tail != "" || len(strings.Fields(rest)) < 4 {
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
		if len(strings.Fields(rest)) < 4 || startsQuote(rest) {
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
