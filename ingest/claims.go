package ingest

import (
	"fmt"
	"iter"
	"regexp"
	"slices"
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
		out[i].Direct = before == "" || strings.ContainsRune(".!?:”\"…۔؟", r) || strings.HasSuffix(before, ".’") || verbEndRe.MatchString(tail(before, 24)) || participleEndRe.MatchString(tail(before, 24)) ||
			// "posted on his official X handle, “…”": the verb, where it
			// was said, a comma.
			r == ',' && verbTailRe.MatchString(tail(before[:len(before)-1], 80))
		first, _ := utf8.DecodeRuneInString(out[i].Text)
		// A quotation opening in lower case is a phrase, unless a colon or
		// "said," introduces it (‘Bardawil said, “we have a delegation …”’).
		if unicode.Is(unicode.Latin, first) && !unicode.IsUpper(first) && r != ':' && !(r == ',' && verbEndRe.MatchString(tail(strings.TrimSuffix(before, ","), 24))) {
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

// monthDay: "November 12", "Nov. 8", "12 November".
const monthDay = `(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)(?:,?\s+\d{4})?`

const speechVerbs = `said|says|alleged|accused|reaffirmed|condemned|rejected|criticized|criticised|reported|vowed|noted|declared|stated|warned|added|confirmed|reiterated|maintained|urged|concluded|asserted|claimed|stressed|emphasized|emphasised|affirmed|announced|told|insisted|demanded|denied|read|clarified|explained|observed|remarked|argued|pointed out|revealed|insists|warns|stresses|blamed|expressed hope|expressed concern|expressed confidence|cautioned|underscored|underlined|highlighted|refuted|asked|requested|believe|believes|wrote|outlined|elaborated|assured|acknowledged|admitted|recalled|mentioned|replied|commented|tweeted|posted|conceded|contended|suggested|indicated|disclosed|informed|went on to say|continued by saying|verified|proclaimed|called on|called upon|called for|appealed for|appealed to|dismissed|denies|deny|rejects|expressed optimism|estimates|note|complained|made claims|made the claim|found|referred to|was quoted as saying|were quoted as saying|described|say|warn|insist|allege|alleges|urges|maintains|argue|argues|hinted|estimated|detailed|countered|lamented|charged|made it clear|expressed fears|report|accuses|blames|reject|expressed the hope|termed|terms|responded|threatened|reminded|reminds|adds|states|notes|confirms|reveals|explains|reiterates|emphasizes|emphasises|asserts|concludes`

// thatVerbs report speech only with what is said after "that", a colon or
// a quotation: "wrote a letter", "posted a video", "admitted two patients"
// say nothing.
var thatVerbs = map[string]bool{"believe": true, "believes": true, "threatened": true, "wrote": true, "outlined": true, "elaborated": true, "assured": true, "acknowledged": true, "admitted": true, "recalled": true, "mentioned": true, "replied": true, "commented": true, "tweeted": true, "posted": true, "conceded": true, "contended": true, "suggested": true, "indicated": true, "disclosed": true, "informed": true, "verified": true, "concluded": true, "found": true, "responded": true, "observed": true}

var (
	// "“Are these the terrorists?” the DG asked": asked after a quotation
	// only; "asked Kabul to act" is a request the lists of verbs leave out.
	afterAttrRe     = regexp.MustCompile(`^\s*,?\s*([A-Za-z][^“”"\n.;:!?]{0,90}?)\s+(?:also\s+|further\s+)?(` + speechVerbs + `|asked)\b`)
	invertedRe      = regexp.MustCompile(`^\s*,?\s*(?:` + speechVerbs + `)\s+([A-Za-z][^“”"\n;!?]{1,120}?)\s*(?:[.;!?]\s|[.;!?]?$|[.;!?][A-Z]|,\s+(?:(?:a|one|two|three|several|just)\s+(?:day|days|week|weeks|hours?)\s+)?(?:after|before|as|while|amid|during|following|when)\s)`)
	reverseAppRe    = regexp.MustCompile(`(\b(?:[Aa]n?|[Tt]he)\s+[^,“”"]{3,80}),\s+([A-Z][\p{L}’'.-]*(?:\s+[A-Z][\p{L}’'.-]*)+)$`)
	beforeAttrRe    = regexp.MustCompile(`([A-Za-z][^“”"«»\n.;!?]{0,90}?)\s+(?:also\s+|further\s+)?(` + speechVerbs + `)\s*[:,]?\s*$`)
	participleEndRe = regexp.MustCompile(`(?:,\s*|\s+on\s+(?:X|Twitter|Facebook|Telegram)\s+)(?:saying|stating|adding|noting|declaring|insisting|warning)\s*[,:]?\s*$`)
	verbEndRe       = regexp.MustCompile(`\b(?:` + speechVerbs + `),?$`)
	// reportRe is what findSpeechVerbs finds, kept as its reference
	// (FuzzSpeechVerbs).
	reportRe       = regexp.MustCompile(`\b(?:also\s+|further\s+|repeatedly\s+)?(` + speechVerbs + `)\b`)
	innerSpeakerRe = regexp.MustCompile(`^(?:[A-Z][\p{L}’'.-]+\s+){1,4}(?:said|stated|told|added|noted|stressed|emphasi[sz]ed|underlined|reiterated|confirmed|described|termed|assured|urged|warned|accused|insisted)\b`)
	relativeOpenRe = regexp.MustCompile(`^(?:where|which|who|whom|whose|when)\s`)
	accordingRe    = regexp.MustCompile(`^(?:According to|As per)\s+([^,;]{2,120}?),\s*(.+)$`)
	// datelineRe: "KABUL:", "RAWALPINDI, November 12:", "ISLAMABAD, Oct 12
	// (AP) — ", "KABUL (Reuters) - ", "Nov 08, Kathmandu - ", "Kabul, Oct.
	// 12 — ": a place in capitals, or a place with a date, before a colon
	// or a dash.
	datelineRe = regexp.MustCompile(`^(?:[A-Z][A-Z .]{2,30}(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?(?:,\s*` + monthDay + `)?\s*(?:\([A-Za-z .]{2,30}\))?\s*(?::\s*|\s[—–-]{1,2}\s+|[—–]\s*|-\s+)|(?:` + monthDay + `,?\s+[A-Z][\p{L}]+(?:\s[A-Z][\p{L}]+)?|[A-Z][\p{L}]+(?:\s[A-Z][\p{L}]+)?,\s*` + monthDay + `)\s*(?:\([A-Za-z .]{2,30}\))?\s*(?::\s*|[—–-]{1,2}\s+)|(?:Islamabad|Kabul|Rawalpindi|Peshawar|Quetta|Karachi|Lahore|Doha|Istanbul|Ankara|Tehran|Riyadh|Kandahar|Jalalabad|Washington|Moscow|Beijing|New Delhi|Dubai|Geneva|London|United Nations)\s+[—–]\s+` +
		// "(MENAFN) ", "Islamabad [Pakistan], August 7 (ANI): ": an
		// agency's marker, and its dateline with the country in brackets.
		// "Doha (Uttam Hindu News): ": a city and the outlet.
		`|\((?:[A-Z][\p{L}]*\s*){1,3}\)\s+|[A-Z][\p{L}]+(?:\s[A-Z][\p{L}]+)?\s*\((?:[A-Z][\p{L}]*\s*){1,4}\):\s*|[A-Z][\p{L}]+(?:\s[A-Z][\p{L}]+)?\s*\[[A-Z][\p{L} ]+\],\s*` + monthDay + `\s*(?:\([A-Za-z .]{2,30}\))?\s*:\s*)`)
	appositiveRe = regexp.MustCompile(`((?:(?:Lt|Gen|Maj|Col|Brig|Dr|Mr|Ms|Mrs|Gen|Sen|Rep|Adm|Capt)\.\s*)*[A-Z][\p{L}’'.-]*(?:\s+(?:al-|el-|bin\s+|ibn\s+|de\s+)?[A-Z][\p{L}’'.-]*)+),\s+((?:the\s+)?[a-z][^,]{3,120}?),?\s*$`)
	// roleWordRe: a word of an office or of one who witnessed; roleWords
	// its words, one of which each match needs.
	roleWordRe, roleWords = wordsRe("spokesperson|spokesman|spokeswoman|minister|official|officials|general|director general|director|chief|ambassador|envoy|president|commander|officer|governor|secretary|adviser|advisor|sources|source|commissioner|negotiator|mayor|chairman|administrator|press officer|ceo|head|resident|residents|eyewitness|eyewitnesses|witness|witnesses|villager|villagers|survivor|survivors|doctor|doctors|rapporteur|delegate|diplomat|representative")
	pronounRe             = regexp.MustCompile(`^(?i:he|she|they|him|her)$`)
)

// asciiWord reports whether b is a word byte for regexp's \b.
func asciiWord(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '_'
}

// wordSet is the set of the space-separated words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// wordsRe matches, case-insensitively and as whole words, any of the
// "|"-separated phrases of list (a longer one before its prefix); set holds
// their words, lower-cased, for hasWordIn to test before the expression.
func wordsRe(list string) (re *regexp.Regexp, set map[string]bool) {
	phrases := strings.Split(list, "|")
	for i, ph := range phrases {
		phrases[i] = regexp.QuoteMeta(ph)
	}
	return regexp.MustCompile(`(?i)\b(` + strings.Join(phrases, "|") + `)\b`), wordSet(strings.ToLower(strings.ReplaceAll(list, "|", " ")))
}

// hasWordIn reports whether s has an ASCII word (as \b delimits it) that,
// lower-cased, is in set: a cheap test before a costly regex every match
// of which needs one of those words.
func hasWordIn(s string, set map[string]bool) bool {
	for _, w := range asciiWords(s) {
		if set[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// asciiWords yields each ASCII word of s (as \b delimits them) and its
// offset.
func asciiWords(s string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i := 0; i < len(s); {
			if !asciiWord(s[i]) {
				i++
				continue
			}
			j := i
			for j < len(s) && asciiWord(s[j]) {
				j++
			}
			if !yield(i, s[i:j]) {
				return
			}
			i = j
		}
	}
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
		// "Mujahid wrote on X:", "Tarar told reporters:", "the ministry
		// said in a statement:": where and to whom, between the verb and
		// the quotation; only before a colon, or a comma ("posted on his
		// official X handle, “…”").
		if e := strings.TrimRight(s, " \t\n\f\r"); !strings.HasSuffix(e, ":") && !strings.HasSuffix(e, ",") {
			return nil
		}
		loc := verbTailRe.FindStringSubmatchIndex(t)
		if loc == nil {
			return nil
		}
		cut := loc[2]
		if cut < 0 {
			cut = loc[4]
		}
		if m := beforeAttrRe.FindStringSubmatchIndex(t[:cut]); m != nil {
			return wordStart(t, m)
		}
		return nil
	}
	return wordStart(s, beforeAttrRe.FindStringSubmatchIndex(s))
}

// wordStart moves the start of a speaker phrase that beforeAttrRe's
// length limit cut inside a word ("az Mohammad Abdul Rahman, head of …")
// back to the word's start.
func wordStart(s string, m []int) []int {
	if m == nil {
		return nil
	}
	for m[2] > 0 && m[2] > m[0]-20 {
		r, w := utf8.DecodeLastRuneInString(s[:m[2]])
		if !unicode.IsLetter(r) {
			break
		}
		m[2] -= w
	}
	m[0] = min(m[0], m[2])
	return m
}

// verbTailRe: what may stand between a reporting verb and a colon opening
// the quotation; group 1 is that tail.
var verbTailRe = regexp.MustCompile(`(?:\b(?:` + speechVerbs + `)(\s+(?:on|in|via|during|at|through|from)\s+[^“”"«»\n.;:!?,]{1,40}?)|\btold(\s+(?:reporters|journalists|the media|the press|(?:[A-Z][\p{L}]*\s+){0,2}[A-Z][\p{L}]*)(?:\s+(?:on|in|at|during)\s+[^“”"«»\n.;:!?,]{1,30}?)?))\s*$`)

type speakerState struct {
	people  []string // every person named as a speaker with a role, in order
	person  string   // the last speaker that is a person or spokesperson
	persons []string // every person st.person has been, latest last
	group   string   // the last unnamed group ("Pakistani officials"), for "they"
	armed   string   // the last armed group that spoke, listed or not, for "the group"
	spokes  string   // the last named spokesperson
	org     string   // the last official body named as a speaker, as written
	it      string   // the last speaker that is a body, a party or a state, for "it"
	stated  string   // the last speaker said to issue a statement, for "the statement read"

	dp      docPeople
	last    string     // the last speaker drafted, as written
	lastWho identity   // and who that is
	runOn   bool       // the last paragraph ended on a bulletin's sentence (goesOn)
	prev    *Paragraph // the paragraph drafted before, for "This was confirmed by X"

	surnames map[string]string // a surname or a body's noun the text uses, and the full name it stands for
	written  map[string]string
}

// resolve turns an attribution phrase into a speaker, updating the state.
// It returns "" when the phrase cannot be resolved (a pronoun before any
// named speaker) or is not a plausible speaker.
func (st *speakerState) resolve(g *Gazetteer, phrase string) (speaker, role string) {
	p := strings.TrimSpace(datelineRe.ReplaceAllString(strings.TrimSpace(phrase), ""))
	p = strings.TrimSuffix(p, ",")
	// "Roza Otunbayeva, Special Representative of the Secretary-General
	// for Afghanistan and Head of the United Nations Assistance Mission in
	// Afghanistan (UNAMA)": a name and a long office.
	if n := len(strings.Fields(p)); p == "" || n > 14 && !appositiveRe.MatchString(p) && !nameAndOffice(p) || n > 24 && !nameAndOffice(p) || n > 30 {
		return "", ""
	}
	lower := strings.ToLower(p)
	definite := false
	for _, art := range []string{"the ", "this "} {
		if strings.HasPrefix(lower, art) {
			p, lower = p[len(art):], lower[len(art):]
			definite = true
		}
	}
	// "A new UNHCR report said …": the body whose report it is.
	if b := reportOf(p); b != "" {
		p, lower, definite = b, strings.ToLower(b), false
	}
	// "Minister Information said", "the Minister for Interior": an office
	// in the order of Pakistani press, which speakers.csv writes the other
	// way round.
	if m := ministerForRe.FindStringSubmatch(lower); m != nil {
		lower = strings.Replace(m[1], "defense", "defence", 1) + " minister"
	}
	// "The Afghan Taliban official said", after "Taliban spokesperson
	// Zabiullah Mujahid said": the person of that side named last.
	if definite && (sideOfficeRe.MatchString(p) || sideSpokesRe.MatchString(p)) {
		// "The military spokesperson", after "DG ISPR Lt Gen Ahmed Sharif
		// Chaudhry": a spokesperson of the same state, by office.
		// "The Afghan leader", after "Afghan Foreign Minister Amir Khan
		// Muttaqi": a person of that state.
		spokes := sideSpokesRe.MatchString(p) || strings.HasSuffix(strings.ToLower(p), " leader")
		if side := st.dp.identify(p).speaksFor; side != "" {
			for i := len(st.persons) - 1; i >= 0; i-- {
				// "The Pakistani minister said", after "Mohsin Naqvi …
				// blamed": a minister of that side.
				if w := st.dp.identify(st.persons[i]); w.id != "" && (w.speaksFor == side || spokes && stateOf(w.speaksFor) == stateOf(side)) && (!strings.HasSuffix(p, " minister") || strings.Contains(st.roleOfPerson(st.persons[i]), "minister")) {
					if sp := LookupSpeaker(w.id); sp != nil && sp.Kind == "person" {
						st.setPerson(st.persons[i])
						return st.persons[i], roleOf(st.persons[i])
					}
				}
			}
			// "The Pakistani envoy said", after "Pakistan’s Permanent
			// Representative, Ambassador Asim Iftikhar Ahmad, said": the
			// last person named with an office of that kind, whom the
			// lists do not know, of that state or of none the text gives.
			if kind := envoyWordRe.MatchString(p); kind {
				for i := len(st.persons) - 1; i >= 0; i-- {
					ph := st.persons[i]
					if w := st.dp.identify(ph); w.id == "" && envoyWordRe.MatchString(ph) && (w.speaksFor == "" || stateOf(w.speaksFor) == stateOf(side)) {
						st.setPerson(ph)
						return ph, roleOf(ph)
					}
				}
			}
		}
	}
	if definite && sideSpokesRe.MatchString(p) {
		// "The top military spokesperson", after "ISPR Director General
		// Lieutenant General Ahmed Sharif Chaudhry will address …" (no
		// claim of his yet): the listed press chief the text named.
		if w, ok := st.asWritten(st.dp.pressChief(strings.ToLower(p))); ok {
			return w, roleOf(w)
		}
		// "The military spokesperson said …" after the ISPR's statement,
		// with no person named: the ISPR.
		if l := strings.ToLower(p); (strings.Contains(l, "military") || strings.Contains(l, "army")) && st.org != "" && st.dp.identify(st.org).id == "ispr" {
			return st.org, ""
		}
	}
	// "Lt Gen said": a rank without a name is the last person named with
	// it, or nobody.
	if bareRankRe.MatchString(p) {
		for i := len(st.persons) - 1; i >= 0; i-- {
			if strings.HasPrefix(st.persons[i], p+" ") || strings.Contains(st.persons[i], " "+p+" ") {
				return st.persons[i], roleOf(st.persons[i])
			}
		}
		if strings.Contains(p, "Gen") {
			if w, ok := st.asWritten(st.dp.onlyNamedAs("general")); ok {
				return w, roleOf(w)
			}
		}
		return "", ""
	}
	switch {
	case pronounRe.MatchString(p):
		if strings.EqualFold(p, "they") {
			// They are the group that spoke last, never one person: with
			// anyone else in between, the reviewer decides.
			if st.group != "" && st.last == st.group {
				return st.group, roleOf(st.group)
			}
			return "", ""
		}
		// "The ISPR said …. He said …": with no person named yet, "he"
		// is the body's voice.
		if st.person == "" && st.last != "" && isBody(st.last, st.lastWho) {
			return st.last, ""
		}
		// "Pakistan's Defense Minister Khawaja Asif had issued a stern
		// warning, while he stated that …": with no speaker before, the
		// one listed person the text has named (the lists know no woman
		// of this conflict, so "she" stays unresolved).
		if st.person == "" && strings.EqualFold(p, "he") {
			if w, ok := st.asWritten(st.dp.onlyNamed(func(s *Speaker) bool { return s.Kind == "person" })); ok {
				return w, roleOf(w)
			}
		}
		return st.person, roleOf(st.person)
	case lower == "spokesperson" || lower == "spokesman" || lower == "spokeswoman" || lower == "press secretary" || lower == "press officer":
		switch {
		case st.spokes != "":
			return st.spokes, roleOf(st.spokes)
		case st.lastWithRole("spokes") != "":
			// "Andrabi confirmed …", then "the spokesperson said": the
			// lists know Andrabi's office.
			p := st.lastWithRole("spokes")
			st.setPerson(p)
			return p, roleOf(p)
		case st.last != st.org && st.dp.onlyNamed(listedSpokesperson) != nil:
			// "Pakistan rejected statements by the Taliban spokesperson
			// Zabihullah Mujahid …. The spokesperson had accused …": the one
			// listed spokesperson the text named, when the body that spoke
			// before is not the last speaker.
			if w, ok := st.asWritten(st.dp.onlyNamed(listedSpokesperson)); ok {
				return w, roleOf(w)
			}
			return "", ""
		case st.person != "" && st.dp.identify(st.person).speaksFor == "ispr":
			// "The DG ISPR told journalists …. The spokesman said …": the
			// head of the military's media wing is its spokesman.
			return st.person, roleOf(st.person)
		case st.org != "":
			s := st.org + " " + lower
			st.spokes = s
			st.setPerson(s)
			return s, lower
		}
		return "", ""
	case (lower == "group" || lower == "militant group" || lower == "outfit") && st.last != "" && LookupSpeaker(st.lastWho.id) != nil && LookupSpeaker(st.lastWho.id).Kind == "armed_group":
		// "The BLA claimed responsibility …. The group further alleged
		// …": the armed group that spoke last.
		return st.last, ""
	case ownWordsRe.MatchString(lower) && st.person != "":
		// "according to a statement from his office": his. "His post
		// added, …": his.
		return st.person, roleOf(st.person)
	case unownedStatementRe.MatchString(lower):
		// "according to an official statement": whose, the reviewer says.
		return "", ""
	case (lower == "group" || lower == "militant group" || lower == "outfit") && definite && st.armed != "" && IdentifySpeaker(st.armed) == "":
		// "The Jayesh Fursan Muhammad group … claimed responsibility ….
		// The militant group claimed in a statement …": the group the
		// lists do not know that spoke last, not a listed one named in
		// passing.
		return st.armed, ""
	case (lower == "group" || lower == "militant group" || lower == "outfit") && definite && len(st.dp.groups) == 1 && st.dp.written[st.dp.groups[0]] != "":
		// "In messages circulated to local media, the group said …" after
		// a statement "by the Baloch Liberation Army (BLA)": the one armed
		// group the text has named.
		return st.dp.written[st.dp.groups[0]], ""
	case lower == "military" || lower == "army":
		st.org = "the " + lower
		st.it = st.org
		return st.org, ""
	case definite && bodyOfficialRe.MatchString(p) && st.bodyPerson(p) != "":
		// "the UNHCR official stressed", after "Arafat Jamal, UN refugee
		// agency (UNHCR) Representative to Afghanistan": the person named
		// with an office of that body.
		w := st.bodyPerson(p)
		st.setPerson(w)
		return w, roleOf(w)
	case pointerGroupRe.MatchString(lower) && st.group != "" && strings.Contains(strings.ToLower(st.group), pointerGroupRe.FindStringSubmatch(lower)[1]):
		// "According to these sources", after "Sources familiar with the
		// matter told TOLOnews": the same sources.
		return st.group, roleOf(st.group)
	case delegationHeadRe.MatchString(lower):
		// "The head of the delegation noted …", "According to the chief
		// delegate", after "The head of the Russian delegation, Presidential
		// Aide Vladimir Medinsky, said": the last person named as one.
		for _, noun := range []string{"delegat", "negotiat"} {
			if p := st.lastWithRole(noun); p != "" && strings.Contains(lower, noun) {
				st.setPerson(p)
				return p, roleOf(p)
			}
		}
		return "", ""
	case roleNounRe.MatchString(lower):
		// "The minister stressed …": the last person named whose office
		// that is, else nobody.
		// The last person named whose office that is, else nobody: an
		// unnamed group or another office named since does not hide them.
		noun := strings.TrimPrefix(strings.TrimPrefix(lower, "defense "), "defence ")
		switch noun {
		case "dpm":
			noun = "deputy prime minister"
		case "pm":
			noun = "prime minister"
		case "dc":
			noun = "deputy commissioner"
		case "dg":
			noun = "director general"
		}
		// "The high-ranking police source", after "a police source".
		if strings.HasSuffix(noun, "source") {
			noun = "source"
		}
		// "the police officer added", after "Noshki Station House
		// Officer (SHO) Zafarullah Sumalani".
		if strings.HasSuffix(noun, "officer") {
			noun = "officer"
		}
		if p := st.lastWithRole(noun); p != "" {
			st.setPerson(p)
			return p, roleOf(p)
		}
		// "President Zardari and Prime Minister Sharif commended …, APP
		// reported." then "The president said …": the one listed person
		// named so far who holds that office.
		if w, ok := st.asWritten(st.dp.onlyNamedAs(noun)); ok {
			return w, roleOf(w)
		}
		// "the Secretary-General urged …", after "UN Secretary-General
		// António Guterres welcomed …": the one holder the text named.
		if h := st.dp.officeHolder(lower); h != "" {
			st.setPerson(h)
			return h, roleOf(h)
		}
		return "", ""
	case (lower == "ministry" || lower == "statement" || lower == "report") && st.org == "" && st.bodyOfLast() != nil && (lower == "statement" || lower == "report" || strings.Contains(strings.ToLower(st.bodyOfLast().Name), lower) || strings.HasSuffix(st.bodyOfLast().ID, "-mod") || strings.HasSuffix(st.bodyOfLast().ID, "-mofa")):
		// "Inayatullah Khwarizmi, a spokesman for the Taliban's Ministry
		// of Defence, said …", then "The ministry said …": the body the
		// last speaker speaks for.
		if st.surnames == nil {
			st.surnames = map[string]string{}
		}
		st.surnames[p] = st.bodyOfLast().Name
		return p, ""
	case (lower == "ministry" || lower == "office") && st.org != "" && !st.orgIs(lower):
		// "The ministry said …" after UNHCR spoke: another body, which
		// the reviewer names.
		return "", ""
	case lower == "statement" && st.org == "" && st.stated == "" && st.person != "" && st.last == st.person && !isBody(st.person, st.lastWho):
		// "… said Kabir expressed hope that …. “…,” said the statement":
		// the statement of the person who spoke last (LABELLING.md, ninth
		// pass).
		return st.person, roleOf(st.person)
	case lower == "statement" && st.org == "" && st.stated != "":
		// "Zabihullah Mujahid … issued a formal statement …", then "the
		// statement read": his.
		return st.stated, roleOf(st.stated)
	case lower == "it" && st.last != "" && st.last != st.it && lastIsGroup(st.lastWho):
		// "Taliban said their forces killed 58 soldiers …. It also said
		// …": the party or armed group that spoke last, however its name
		// is written.
		return st.last, ""
	case lower == "it" && st.it != "" && (st.last == st.it || st.last != "" && st.sameStateAsIt()):
		// Only right after it, or someone of its side, spoke: "the
		// statement said …. It added" is the statement's; "A Taliban
		// spokesman said …. It claimed …" is the Taliban government's.
		return st.it, ""
	case lower == "statement" || lower == "report" || lower == "ministry" || lower == "office" || lower == "it" || lower == "agency" || lower == "organisation" || lower == "organization" || lower == "watchdog" || lower == "un agency":
		return st.org, ""
	case definite && st.org != "" && bodyAnaphorRe.MatchString(p) && st.orgIs(bodyAnaphorRe.FindStringSubmatch(p)[1]):
		// "The UN mission called on …", after "UNAMA": the body named
		// before whose name ends in that noun, written as the text
		// writes it.
		if st.surnames == nil {
			st.surnames = map[string]string{}
		}
		st.surnames[p] = st.org
		return p, ""
	case strings.HasSuffix(lower, " statement") && st.org != "" && len(strings.Fields(lower)) <= 3:
		// "the military statement noted", after "a statement from the
		// ISPR": that statement, when it is the same side's.
		// Not "said the Indian statement" after the Taliban's: a side the
		// lists do not know is another.
		if a, b := st.dp.identify(p).speaksFor, st.dp.identify(st.org).speaksFor; a == "" && !titleWordRe.MatchString(p) || a == b {
			return st.org, ""
		}
		return "", ""
	}
	if !plausibleSpeaker(p) && !nameAndOffice(p) && !(len(strings.Fields(p)) <= 6 && !clauseWordRe.MatchString(lower) && IdentifySpeaker(p) != "") {
		return "", ""
	}
	// A person named again by surname ("Mujahid said") is the person named
	// in full before ("Zabihullah Mujahid, the spokesman of …").
	// "Lt Gen Ghai", "Foreign Secretary Misri", "Prime Minister Sharif":
	// an office or a rank before a surname is the person named in full
	// before, as the text named them then.
	if sur := titledSurname(p); sur != "" {
		for _, people := range [][]string{st.persons, st.people} {
			for i := len(people) - 1; i >= 0; i-- {
				name := strings.TrimSpace(parenRe.ReplaceAllString(strings.SplitN(people[i], ",", 2)[0], ""))
				if people[i] != p && strings.HasSuffix(name, " "+sur) {
					st.setPerson(people[i])
					return people[i], roleOf(people[i])
				}
			}
		}
		// A listed person the text named outside a claim ("met Prime
		// Minister Shehbaz Sharif").
		if sp := st.dp.onlyNamedWithSurname(sur); st.dp.written[sp] != p {
			if w, ok := st.asWritten(sp); ok {
				return w, roleOf(w)
			}
		}
		// "According to Mullah Baradar", after "Mullah Abdul Ghani
		// Baradar, instructed …": a person the lists do not know, named
		// in full before.
		if full := st.dp.namedBefore(sur); full != "" && !strings.HasSuffix(p, " "+full) {
			w := strings.TrimSpace(strings.TrimSuffix(p, sur)) + " " + full
			st.setPerson(w)
			return w, roleOf(w)
		}
	}
	named := false // a surname whose full name was given before
	if isName(p) {
		// "Secretary of State Marco Rubio told …", then "Rubio insisted":
		// the person a later "he" is, written as the text names him.
		for i := len(st.persons) - 1; i >= 0; i-- {
			// "Guo called on …" after "spokesman Guo Jiakun": a family
			// name written first.
			w := strings.Fields(st.persons[i])
			if full := st.persons[i]; full != p && !strings.Contains(full, ",") && (strings.HasSuffix(full, " "+p) || len(w) >= 3 && w[len(w)-2] == p && surnameRe.MatchString(w[len(w)-1])) {
				st.setPerson(full)
				named = true
				// "Khan said", after "spokesperson Shafqat Ali Khan": who
				// Khan is, for the lists.
				if st.surnames == nil {
					st.surnames = map[string]string{}
				}
				st.surnames[p] = full
				break
			}
		}
		for i := len(st.people) - 1; i >= 0; i-- {
			full := strings.SplitN(st.people[i], ",", 2)[0]
			// Case aside: "Ezzat al-Rishq", then "Al-Rishq" or "Rishq".
			lf, lp := strings.ToLower(full), strings.ToLower(p)
			if full != p && (strings.HasSuffix(lf, " "+lp) || strings.HasSuffix(lf, "-"+strings.TrimPrefix(lp, "al-"))) {
				st.setPerson(st.people[i])
				return st.people[i], roleOf(st.people[i])
			}
		}
	}
	// "The Afghan acting deputy foreign minister … claimed", after
	// "allegations by acting Afghanistan Deputy Foreign Minister
	// Stanikzai": the one holder of that office the text has named, whom
	// the lists do not know.
	if definite && unnamedOffice("the "+p) && st.dp.office(p).id == "" {
		if h := st.dp.officeHolder(lower); h != "" {
			st.setPerson(h)
			return h, roleOf(h)
		}
	}
	// "The ACB said …" after "the Afghanistan Cricket Board said": the
	// body as the text named it in full, so that one body is one name.
	if full := st.dp.spelledOut(p); full != "" {
		p = full
	}
	if m := reverseAppRe.FindStringSubmatch(p); m != nil {
		role = strings.TrimSpace(m[1])
	} else if m := appositiveRe.FindStringSubmatch(p); m != nil {
		role = strings.TrimSpace(m[2])
	} else {
		role = roleOf(p)
	}
	who := st.dp.identify(p)
	st.noteOrg(g, p, who)
	// "The Islamic Emirate of Afghanistan (IEA) strongly condemned …. It
	// warned …": a party or a state speaks as "it" too.
	if sp := LookupSpeaker(who.id); sp != nil && sp.Kind != "person" && role == "" && !pluralSpeaker(p) {
		st.it = p
	}
	if strings.Contains(lower, "spokes") {
		st.spokes = p
	}
	if sp := LookupSpeaker(who.id); sp != nil && sp.Kind == "person" && role == "" {
		// A listed person named without a role ("Asif said"): the one a
		// later "he" refers to.
		st.setPerson(p)
	}
	if role == "" && who.id == "" && nameAndOffice(p) {
		st.setPerson(p)
		st.people = append(st.people, p)
	}
	if role == "" && who.id == "" && (personNameRe.MatchString(p) || surnameRe.MatchString(p) && !named) && len(g.Find(p)) == 0 && !pluralSpeaker(p) {
		// "Farhan Haq said …", then "he said": a name the lists do not
		// know is still a person.
		st.setPerson(p)
	}
	if role != "" && groupRoleRe.MatchString(role) || pluralSpeaker(p) {
		// "Pakistani officials said": they, not he.
		st.group = p
	} else if role != "" {
		st.setPerson(p)
		if appositiveRe.MatchString(p) || reverseAppRe.MatchString(p) {
			st.people = append(st.people, p)
		}
	}
	return p, role
}

// lastIsGroup: who spoke last is a party or an armed group speaking as such,
// not a person or an office of it.
func lastIsGroup(who identity) bool {
	sp := LookupSpeaker(who.id)
	return who.role == "" && sp != nil && (sp.Kind == "party" || sp.Kind == "armed_group")
}

// sameStateAsIt: the last speaker speaks for the state that st.it is.
func (st *speakerState) sameStateAsIt() bool {
	it := st.dp.identify(st.it)
	a, b := stateOf(firstNonEmpty(st.lastWho.speaksFor, st.lastWho.id)), stateOf(firstNonEmpty(it.id, it.speaksFor))
	return a != "" && a == b
}

// noteOrg remembers the body a speaker phrase names, for a later "the
// ministry" or "the statement": the body as the gazetteer writes it, or
// the whole phrase when it names another state's body ("Qatar’s Ministry
// of Foreign Affairs", whose last words alone are Pakistan's).
func (st *speakerState) noteOrg(g *Gazetteer, p string, who identity) {
	for _, m := range g.Find(p) {
		if m.Entry.Kind != "body" {
			continue
		}
		st.org = p[m.Start:m.End]
		if who.id != "" && who.id != m.Entry.ID {
			if sp := LookupSpeaker(who.id); sp != nil && sp.Kind != "person" {
				st.org = p
			}
		}
	}
	if isBody(p, who) {
		st.org = p // "It said …", "the ministry said …": the body that spoke last
	}
	if st.org != "" && strings.Contains(p, st.org) {
		st.it = st.org
	}
}

// personNameRe: two to four capitalised words, as a person's name is written
// ("Farhan Haq", "Ezzat al-Rishq", "Salah El Bardawil", "S. Jaishankar").
var personNameRe = regexp.MustCompile(`^[A-Z](?:[\p{L}’'-]+|\.)(?:\s+(?:(?:al|el|bin|ibn|van|von|de|ul)-?\s?)?[A-Z][\p{L}’'-]+){1,3}$|^(?:Al|El)-[A-Z][\p{L}’']+$`)

// envoyWordRe: the offices of a state's envoys, one another's synonyms.
var envoyWordRe = regexp.MustCompile(`(?i)\b(?:envoy|ambassador|representative|diplomat)\b`)

// sideOfficeRe: a side's unnamed officer ("Afghan Taliban official",
// "Pakistani spokesperson").
var sideOfficeRe = regexp.MustCompile(`^(?:[A-Z][\p{L}’'-]*\s+){1,3}(?:official|spokesperson|spokesman|spokeswoman|leader|commander|envoy|diplomat|negotiator|minister)$`)

// sideSpokesRe: a body's unnamed spokesperson written in lower case ("the
// military spokesperson").
var sideSpokesRe = regexp.MustCompile(`^(?:(?:top|chief|senior|main)\s+)?(?:(?:(?:Pakistani|Pakistan['’]s|Afghan|Afghanistan['’]s|Taliban|Iranian|Indian)\s+)?(?:military|army)|foreign office|foreign ministry|government|defen[cs]e ministry)\s+(?:spokesperson|spokesman|spokeswoman)$`)

// stateOf is the party a body or party id stands for in the end (ispr,
// pk-army: pk).
// titledSurname: the surname in an office or rank and a surname ("Lt Gen
// Ghai", "Foreign Secretary Misri"), or "".
func titledSurname(p string) string {
	w := strings.Fields(p)
	if len(w) < 2 || len(w) > 5 {
		return ""
	}
	sur := w[len(w)-1]
	if !surnameRe.MatchString(sur) {
		return ""
	}
	if !officeOnly(strings.Join(w[:len(w)-1], " ")) {
		return ""
	}
	return sur
}

// officeWords: the words of offices and ranks besides roleWordRe's.
var officeWords = map[string]bool{"prime": true, "foreign": true, "defence": true, "defense": true, "interior": true, "external": true, "affairs": true, "state": true, "information": true, "finance": true, "home": true, "army": true, "air": true, "marshal": true, "field": true, "vice": true, "first": true, "chairman": true, "speaker": true, "senior": true, "lieutenant-general": true,
	// police ranks as Pakistani press abbreviates them ("SHO Sumalani", "IG Hameed")
	"sho": true, "ig": true, "igp": true, "dig": true, "ssp": true, "sp": true, "dsp": true, "asp": true, "dpo": true, "cpo": true, "ccpo": true, "cm": true, "inspector": true, "superintendent": true, "police": true}

var parenRe = regexp.MustCompile(`\s*\([^)]*\)`)

// bodyAnaphorRe: a body called again by the noun its name is built on.
var bodyAnaphorRe = regexp.MustCompile(`^(?:UN\s+|U\.N\.\s+|United Nations\s+)?(?:[a-z]+\s+)?(mission|commission|agency|authority|council|committee|embassy|department|organi[sz]ation)$`)

// orgIs: the body the text named last is called by noun.
func (st *speakerState) orgIs(noun string) bool {
	name := st.org
	if sp := LookupSpeaker(st.dp.identify(st.org).id); sp != nil {
		name += " " + sp.Name
		// A foreign office is a ministry, and the other way round.
		if strings.HasPrefix(sp.ID[strings.LastIndex(sp.ID, "-")+1:], "mo") {
			name += " ministry office"
		}
	}
	return strings.Contains(strings.ToLower(name), noun)
}

// bodyOfLast: the listed body the last speaker speaks for, or nil.
func (st *speakerState) bodyOfLast() *Speaker {
	if b := LookupSpeaker(st.lastWho.speaksFor); b != nil && b.Kind == "body" {
		return b
	}
	return nil
}

// asWritten: a listed person as the text wrote their name, who is now
// whom "he" means; false for nil or a person never written out in full.
func (st *speakerState) asWritten(sp *Speaker) (string, bool) {
	w := st.dp.written[sp]
	if sp == nil || w == "" {
		return "", false
	}
	st.setPerson(w)
	return w, true
}

// issuedStatementRe: a speaker's own statement, which "the statement"
// may later mean.
var issuedStatementRe = regexp.MustCompile(`\b(?:issued|released|put out|in|through)\s+(?:(?:a|an|the|his|her|its|their)\s+)?(?:[a-z]+\s+)?statement\b`)

// officeWordsOnly: before a name, only capitalised words and the small
// words of an office's name ("Pakistan's Deputy Prime Minister and
// Foreign Minister"), no verb or object.
func officeWordsOnly(s string) bool {
	for _, w := range strings.Fields(s) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && w != "of" && w != "and" && w != "the" && w != "for" {
			return false
		}
	}
	return true
}

// officeOnly: words of offices, ranks and titles only ("Deputy Prime
// Minister", "Lt Gen").
func officeOnly(p string) bool {
	w := strings.Fields(p)
	if len(w) == 0 {
		return false
	}
	for _, x := range w {
		l := strings.ToLower(strings.TrimSuffix(x, "."))
		if !titleWords[l] && !officeWords[l] && !roleWordRe.MatchString(l) {
			return false
		}
	}
	return true
}

// officeAndName: an office and a person's name after it ("Balochistan
// Chief Minister Sarfaraz Bugti"), not a body or a group.
func officeAndName(p string) bool {
	w := strings.Fields(p)
	return len(w) >= 3 && roleWordRe.MatchString(p) && !roleWordRe.MatchString(w[len(w)-1]) && personNameRe.MatchString(strings.Join(w[len(w)-2:], " ")) && !isBody(p, identity{}) && !pluralSpeaker(p)
}

// nameAndOffice: a name, a comma and an office ("Mawlawi Abdul Kabir,
// Afghanistan’s acting Minister of Refugees and Repatriation").
func nameAndOffice(p string) bool {
	name, office, ok := strings.Cut(p, ", ")
	return ok && personNameRe.MatchString(name) && roleWordRe.MatchString(office)
}

// bareRankRe: a rank or title standing alone.
var bareRankRe = regexp.MustCompile(`^(?:Lt\.?|Lieutenant|Maj\.?|Major|Brig\.?|Col\.?)(?:\s+(?:Gen\.?|General))?$|^(?:Gen\.?|General|Dr\.?|Mr\.?|Ms\.?|Mrs\.?)$`)

func stateOf(id string) string {
	for range 3 {
		sp := LookupSpeaker(id)
		if sp == nil || sp.SpeaksFor == "" || sp.SpeaksFor == id {
			return id
		}
		id = sp.SpeaksFor
	}
	return id
}

// surnameRe: one capitalised word, not an acronym ("Mujahid said", not
// "ISPR said"), that the gazetteer does not know: a person named by surname.
var surnameRe = regexp.MustCompile(`^[A-Z][a-z’'-]+[a-z]$`)

// bodyReportRe: "a new UNHCR report", "the latest ISPR report".
var bodyReportRe = regexp.MustCompile(`^(?:(?:[Aa]n?|[Tt]he|[Tt]his|[Ii]ts)\s+)?(?:(?:new|latest|recent|fresh|annual|quarterly)\s+)?(\S+)\s+reports?$`)

// reportOf is the body whose report the phrase is ("UNHCR" for "A new
// UNHCR report"), or "".
func reportOf(p string) string {
	if m := bodyReportRe.FindStringSubmatch(p); m != nil && (agencyRe.MatchString(m[1]) || IdentifySpeaker(m[1]) != "") {
		return m[1]
	}
	return ""
}

// ministerForRe: "minister (for) information".
var ministerForRe = regexp.MustCompile(`^minister\s+(?:for\s+|of\s+)?(information|interior|defen[cs]e|foreign affairs|finance|commerce)$`)

// roleNounRe: an office standing for the person who holds it.
var roleNounRe = regexp.MustCompile(`^(?:(?:defen[cs]e|foreign|information|interior|prime|deputy prime)\s+)?minister$|^(?:police\s+|senior\s+)?officer$|^president$|^army chief$|^dpm$|^pm$|^dg$|^dc$|^deputy commissioner$|^director general$|^(?:un\s+)?secretary[- ]general$|^(?:foreign|interior|defen[cs]e)\s+secretary$|^chief minister$|^governor$|^ambassador$|^envoy$|^(?:(?:high-ranking|senior|police|security|military|intelligence|government|official|diplomatic|local|the|pakistani|afghan|taliban|qatari|turkish|iranian|chinese|indian)\s+){0,2}source$`)

// roleOfPerson is the office of a person named: as the text gives it, else
// as speakers.csv records it.
func (st *speakerState) roleOfPerson(person string) string {
	if r := strings.ToLower(roleOf(person)); r != "" {
		return r
	}
	if sp := LookupSpeaker(st.dp.identify(person).id); sp != nil {
		return sp.Role
	}
	return ""
}

// lastWithRole is the last person named whose office contains noun.
func (st *speakerState) lastWithRole(noun string) string {
	for i := len(st.persons) - 1; i >= 0; i-- {
		// "Deputy Prime Minister-cum-Foreign Minister Ishaq Dar": the
		// offices the text gives him, and the one the lists do.
		if strings.Contains(st.roleOfPerson(st.persons[i]), noun) || strings.Contains(strings.ToLower(st.persons[i]), noun) {
			return st.persons[i]
		}
	}
	return ""
}

// setPerson makes p the person a later "he" or "the minister" is.
func (st *speakerState) setPerson(p string) {
	st.person = p
	if i := slices.Index(st.persons, p); i >= 0 {
		st.persons = slices.Delete(st.persons, i, i+1)
	}
	st.persons = append(st.persons, p)
}

// groupRoleRe: roles of several people, who are "they".
var groupRoleRe = regexp.MustCompile(`^(?:officials|sources|diplomats|analysts|officers|members|delegates|negotiators)$`)

// pluralHeadRe: a speaker phrase's last word that makes it a group ("Security
// forces", "Afghan authorities", "the Taliban"), whom a later "they" means.
var pluralHeadRe = regexp.MustCompile(`^(?:(?i:forces|troops|officials|sources|diplomats|analysts|officers|members|delegates|negotiators|authorities|residents|witnesses|militants|elders|leaders|medics|doctors|villagers|survivors|relatives|rescuers|guards|police|traders|drivers|people|spokesmen|ministers|experts|observers|monitors|mediators|insurgents|fighters|lawmakers|legislators|groups|organi[sz]ations|agencies|activists|campaigners|governments|countries|nations|states)|Taliban)$`)

// pluralSpeaker: the phrase, up to an appositive, names a group.
func pluralSpeaker(p string) bool {
	if c := strings.IndexByte(p, ','); c >= 0 {
		p = p[:c]
	}
	return pluralHeadRe.MatchString(strings.Trim(lastWord(p), "()’'"))
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
	if loc := statementOfRe.FindStringIndex(p); loc != nil && loc[1] < len(p) {
		p = p[loc[1]:] // "A statement issued by the President’s Secretariat"
	}
	// "An official from the Federal Investigative Agency (FIA) in Torkham":
	// an office named first may carry a longer description.
	limit := 8
	// "Inter-Services Public Relations (ISPR) Director General Lt Gen
	// Ahmed Sharif Chaudhry": a body's office, then the name.
	if w := strings.Fields(p); len(w) > 8 && (roleWordRe.MatchString(strings.Join(w[:min(4, len(w))], " ")) || roleWordRe.MatchString(strings.Join(w[:min(8, len(w))], " ")) && personNameRe.MatchString(strings.Join(w[len(w)-2:], " "))) {
		limit = 12
	} else if appositiveOpenRe.MatchString(p) {
		// "The Jamaat-ul-Ahrar, a splinter faction of the Tehreek-e-Taliban
		// Pakistan (TTP)": a name and its description.
		limit = 14
	}
	// "a security official with direct knowledge of the attack on the
	// Wana cadet college"
	if strings.Contains(p, " knowledge of ") {
		limit = 16
	}
	if len(strings.Fields(p)) > limit || clauseWordRe.MatchString(strings.ToLower(p)) {
		return false
	}
	// "Islamabad called for accountability and", "Commenting on media
	// reports regarding": a clause, not a noun phrase.
	words := strings.Fields(p)
	if len(words) == 0 {
		return false
	}
	if w := strings.ToLower(words[len(words)-1]); w == "and" || w == "or" || w == "but" || w == "to" || w == "of" {
		return false
	}
	// "The Prime Minister’s detailed description": an owner, not a
	// speaker.
	if w := words[len(words)-1]; strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s") {
		return false
	}
	if f := words[0]; strings.HasSuffix(f, "ing") || leadOpenRe.MatchString(f) && len(words) > 1 {
		return false
	}
	for i, w := range words[1:] {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && strings.HasSuffix(w, "ed") && !strings.Contains(w, "-") && !participleAdjective[w] {
			// "an official stationed at the border", "residents contacted
			// by phone": a participle before a preposition describes the
			// speaker; "Islamabad condemned the attack" is a clause.
			// Right after the first word, only after an office or a
			// group ("Officials involved in", "Sources cited by"), not a
			// name ("Pakistan responded to").
			if i+2 < len(words) && modifierPrepRe.MatchString(words[i+2]) && (i > 0 || words[i+2] == "by" || roleWordRe.MatchString(words[0])) {
				continue
			}
			return false
		}
	}
	// "the Inter-Services Public Relations (ISPR)": a name after "the".
	first, _ := utf8.DecodeRuneInString(strings.TrimPrefix(p, "the "))
	lower := strings.ToLower(p)
	return unicode.IsUpper(first) || strings.HasPrefix(lower, "a ") || strings.HasPrefix(lower, "an ") || roleWordRe.MatchString(p) || bodyNounRe.MatchString(lower) || len(words) <= 3 && pluralSpeaker(p)
}

// bodyNounRe: a body named by a common noun ("the coalition said").
var bodyNounRe = regexp.MustCompile(`^(?:the\s+)?(?:[a-z-]+\s+)?(?:coalition|government|police|council|embassy|alliance|administration|authorities|commission|committee|mission|ministry|military|army)$`)

// appositiveOpenRe: a capitalised name, a comma and a description.
var appositiveOpenRe = regexp.MustCompile(`^(?:The\s+)?[A-Z][\p{L}’'.-]+(?:\s+[A-Z][\p{L}’'.-]+){0,3},\s+(?:a|an|the)\s+[a-z]`)

// modifierPrepRe: a preposition after which a participle describes the
// noun before it.
var modifierPrepRe = regexp.MustCompile(`^(?:at|in|on|by|to|with|near|along|across|inside|outside|from|for|within)$`)

// participleAdjective: words in -ed that describe a speaker ("an unnamed
// official", "the banned group").
var participleAdjective = map[string]bool{"united": true, "armed": true, "unnamed": true, "retired": true, "concerned": true, "designated": true, "elected": true, "appointed": true, "banned": true, "outlawed": true, "proscribed": true, "exiled": true, "ousted": true, "affiliated": true, "associated": true, "unidentified": true, "named": true, "based": true, "informed": true, "embattled": true, "self-styled": true, "detained": true, "jailed": true, "wounded": true, "injured": true, "displaced": true, "aggrieved": true, "bereaved": true}

// sentenceSpans splits a paragraph into sentences, never inside a
// quotation, and not after common abbreviations ("Lt.", "Gen.") or an
// initial. Written by hand, after measuring four Go segmenters on 91
// English press excerpts (bench/README.md, issue 17): UAX #29
// (clipperhouse/uax29, rivo/uniseg) knows no abbreviations and breaks after
// "Lt." and "U.S."; Punkt (neurosnap/sentences) misses sentence ends after a
// number, which dates make frequent in news; prose is archived and reloads
// its model on every call (13 ms). This splitter was right at 199 of 200
// boundaries, at a sixth of the cost of Punkt.
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
		if end < len(s) && glued(s, i, end) {
			out = append(out, [2]int{start, end})
			start = end
			continue
		}
		if end >= len(s) || s[end] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[end+1:])
		if !unicode.IsUpper(next) && next != '“' && next != '"' {
			continue
		}
		word := s[strings.LastIndexAny(s[:i], " (")+1 : i]
		// "Zalmay M. Khalilzad", "E. Afghanistan": an initial.
		if abbreviations[word] || len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z' {
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

// ownSentence: after a quotation that ended its sentence, the words after
// the speech verb hold what a next sentence reports ("“… their needs.”
// Gohar told Tolo News that the return was smooth."), so its speaker is
// not the quotation's, unless a pronoun makes them one.
func ownSentence(quote, rest string) bool {
	if !strings.ContainsAny(tail(strings.TrimSpace(quote), 1), ".!?") {
		return false
	}
	if i := strings.IndexAny(rest, ".!?"); i >= 0 {
		rest = rest[:i]
	}
	return strings.Contains(rest, " that ") || len(strings.Fields(rest)) > 8
}

// glued: a sentence's end with the next sentence's first word stuck to it
// ("… their needs.”Bukht Jamal Gohar …", "… upon arrival.However, …"), where
// a page lost a paragraph break. A lower-case word before the stop keeps
// initials, "U.S.A" and "No.1" whole.
func glued(s string, stop, next int) bool {
	if stop < 2 || !unicode.IsLower(rune(s[stop-1])) || !unicode.IsLower(rune(s[stop-2])) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[next:])
	if !unicode.IsUpper(r) {
		return false
	}
	// "Caliber.Az", "News.Com": a site's name, not two sentences.
	word := s[next:]
	if i := strings.IndexFunc(word, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		word = word[:i]
	}
	r2, _ := utf8.DecodeRuneInString(word[min(len(word), utf8.RuneLen(r)):])
	// "after he met with Muttaqi.The Taliban said", "statement.It added":
	// a short word that opens sentences, not a site's.
	return unicode.IsLower(r2) && (utf8.RuneCountInString(word) >= 4 || gluedOpeners[word])
}

// gluedOpeners: short words that open a sentence glued to the one before.
var gluedOpeners = map[string]bool{"The": true, "It": true, "He": true, "She": true, "We": true, "In": true, "On": true, "At": true, "As": true, "But": true, "His": true, "Her": true, "Its": true, "Our": true}

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
	mention    bool   // a person named as a sentence's subject: not a claim, but whom a later "he" means
	needPrev   bool   // a quotation opening a sentence, with no attribution of its own
	also       string // what the speaker adds in the same sentence (", adding that …"): a claim of its own
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
		// A caption or a heading may name whom the text calls by office only.
		if p.Kind == "text" || p.Kind == "image_credit" || p.Kind == "heading" {
			st.dp.scan(p.Text)
		}
	}
	// A paragraph the page repeats word for word (a standfirst that is
	// also the article's first paragraph) is drafted once, where it comes
	// last: in the article, not above it.
	// Quotation marks may differ between the two ('large-scale attack',
	// “large-scale attack”).
	later := map[string]int{}
	keys := make([]string, len(d.Paragraphs))
	for i, p := range d.Paragraphs {
		if p.Kind == "text" && len(p.Text) >= 80 {
			keys[i] = quoteFold.Replace(p.Text)
			later[keys[i]]++
		}
	}
	for i, p := range d.Paragraphs {
		if p.Kind != "text" {
			continue
		}
		if keys[i] != "" && later[keys[i]] > 1 {
			later[keys[i]]--
			continue
		}
		if teaser(d.Paragraphs, i) || holdsLater(d.Paragraphs, keys, i) {
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
		st.prev = &p
		prevClaimed = len(d.Claims) > before
		// Figures in sentences that no claim covers are not drafted: the
		// outlet's own assertion has no speaker to attribute it to.
	}
	d.nameForward()
}

// nameForward gives the claims of a speaker written as an office alone ("a
// Chinese foreign ministry spokesperson said …", "the head of the United
// Nations presence told the Council …") the person a claim in the next three
// paragraphs names with that office ("Spokesperson Lin Jian made the
// remarks …, adding …"), when no other person speaks between: news writing
// names the office first and the person after.
func (d *Draft) nameForward() {
	for i := range d.Claims {
		c := d.Claims[i]
		if c.SpeakerID != "" || c.Speaker == "" || !unnamedOffice(c.Speaker) {
			continue
		}
		words := roleWordRe.FindAllString(c.Speaker, -1)
		noun := strings.ToLower(words[len(words)-1])
		for j := i + 1; j < len(d.Claims) && d.Claims[j].Paragraph <= c.Paragraph+3; j++ {
			n := d.Claims[j]
			if n.Speaker == c.Speaker || n.Speaker == "" {
				continue
			}
			// "the chief military spokesperson warned …", then "Director
			// General of ISPR Lt Gen Ahmed Sharif Chaudhry said …".
			military := (strings.Contains(strings.ToLower(c.Speaker), "military") || strings.Contains(strings.ToLower(c.Speaker), "army")) && n.SpeaksFor == "ispr"
			if !(officeAndName(n.Speaker) || nameAndOffice(n.Speaker)) || !strings.Contains(strings.ToLower(n.Speaker), noun) && !sameBody(c.Speaker, n.Speaker) && !military {
				// A surname alone may be that person's, named before the
				// office; anyone else speaks between.
				if isName(n.Speaker) {
					continue
				}
				break
			}
			for k := i; k < j; k++ {
				if d.Claims[k].Speaker == c.Speaker {
					d.Claims[k].Speaker, d.Claims[k].SpeakerID, d.Claims[k].Role, d.Claims[k].SpeaksFor = n.Speaker, n.SpeakerID, n.Role, n.SpeaksFor
				}
			}
			break
		}
	}
}

// unnamedOffice: a speaker written as an office without a name ("a Chinese
// foreign ministry spokesperson").
// sameBody: the unnamed office names a body ("a UN refugee official",
// "UNHCR official") whose name or acronym the named speaker's office
// holds ("Arafat Jamal, the UNHCR representative in Afghanistan").
func sameBody(unnamed, named string) bool {
	for _, w := range strings.Fields(unnamed) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || roleWordRe.MatchString(w) || len(w) < 2 {
			continue
		}
		for _, x := range strings.Fields(named) {
			if strings.HasPrefix(strings.Trim(x, "(),’'"), w) {
				return true
			}
		}
	}
	return false
}

func unnamedOffice(sp string) bool {
	t := sp
	for _, art := range []string{"the ", "a ", "an ", "The ", "A ", "An "} {
		t = strings.TrimPrefix(t, art)
	}
	r, _ := utf8.DecodeRuneInString(sp)
	return (unicode.IsLower(r) || t != sp) && roleWordRe.MatchString(t) && !pluralSpeaker(t) && !strings.Contains(t, ",") && !officeAndName(t)
}

// quoteFold writes every quotation mark as one, for comparing paragraphs.
var quoteFold = strings.NewReplacer("“", "\"", "”", "\"", "‘", "\"", "’", "\"", "'", "\"")

// holdsLater: paragraph i holds a later paragraph whole and more ("The
// latest round … returned home. Khawaja Asif confirmed …" above "The latest
// round … returned home." and "Khawaja Asif confirmed …"): a page's summary
// repeating the article, which is drafted where the article has it. keys
// are the paragraphs' folded texts (empty for short ones).
func holdsLater(paras []Paragraph, keys []string, i int) bool {
	if keys[i] == "" {
		return false
	}
	for j := i + 1; j < len(paras); j++ {
		if keys[j] != "" && len(keys[j]) < len(keys[i]) && strings.Contains(keys[i], keys[j]) {
			return true
		}
	}
	return false
}

// teaser: paragraph i is cut short with an ellipsis and a later paragraph
// opens with its words ("Cambodia has called for an “immediate” ceasefire
// …" above the article): it is drafted there.
func teaser(paras []Paragraph, i int) bool {
	t := strings.TrimSpace(paras[i].Text)
	stem := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "…"), "..."))
	if stem == t || len(stem) < 40 {
		return false
	}
	stem = quoteFold.Replace(stem)
	for _, q := range paras[i+1:] {
		if q.Kind == "text" && strings.HasPrefix(quoteFold.Replace(q.Text), stem) {
			return true
		}
	}
	return false
}

// confirmedByRe: "This was confirmed by Foreign Office Spokesperson Tahir
// Andrabi during a weekly press briefing": a sentence saying who said the
// one before it; group 1 is the speaker.
var confirmedByRe = regexp.MustCompile(`^(?:This|That|It|The (?:news|development|decision|figure|toll))\s+(?:was|has been|had been)\s+(?:confirmed|stated|announced|disclosed|revealed|said|shared)\s+by\s+(?:the\s+)?([A-Z][^,;:“”"]{1,120}?)(?:\s+(?:during|at|in|on|while|when|through|via|after|before|who)\b[^“”"]*)?\s*[.]?$`)

// confirmedBy drafts, for "This was confirmed by X …" (sentence si of p),
// the sentence before it, in p or closing the paragraph before, as X's
// statement, unless a claim holds it already; and X is then whom "he"
// means. It reports whether sentence si was such a sentence.
func (d *Draft) confirmedBy(g *Gazetteer, p Paragraph, st *speakerState, sents [][2]int, si int) bool {
	t := strings.TrimSpace(p.Text[sents[si][0]:sents[si][1]])
	if !strings.Contains(t, " by ") {
		return false
	}
	m := confirmedByRe.FindStringSubmatch(t)
	if m == nil {
		return false
	}
	prevP, prev := p, ""
	if si > 0 {
		prev = p.Text[sents[si-1][0]:sents[si-1][1]]
	} else if st.prev != nil {
		prevP = *st.prev
		ps := sentenceSpans(prevP.Text, findQuotes(prevP.Text))
		if len(ps) > 0 {
			prev = prevP.Text[ps[len(ps)-1][0]:ps[len(ps)-1][1]]
		}
	}
	prev = strings.TrimSpace(datelineRe.ReplaceAllString(strings.TrimSpace(prev), ""))
	speaker, role := st.resolve(g, cleanSpeaker(m[1]))
	if speaker == "" || notSpeaker(speaker) {
		return true
	}
	who := st.dp.office(speaker)
	st.setLast(speaker, who)
	if len(strings.Fields(prev)) < 4 || slices.ContainsFunc(d.Claims, func(c Claim) bool {
		return c.Paragraph == prevP.N && (strings.Contains(prev, c.Text) || strings.Contains(c.Text, prev))
	}) {
		return true
	}
	d.claim(g, prevP, speaker, role, who, prev, false, prev, "")
	return true
}

// pending is a speaker whose words follow in the next paragraph.
type pending struct {
	speaker, role string
	who           identity
	bullets       bool // a list of bullets: only another bullet goes on with it
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
		// "Bizimana said: “It's t": a quotation the excerpt cuts off
		// after a word or two says nothing yet.
		if q.End == len(p.Text) && !cutHasClause(q.Text) {
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
		// "“…,” he said": the speaker after. After a quotation that ended
		// its sentence, "He revealed that …" is the next sentence's; its
		// "he" is the quotation's speaker only when nothing before the
		// quotation names one.
		am := afterAttrRe.FindStringSubmatchIndex(after)
		if am != nil && startsQuote(after) {
			am = nil
		}
		// "“…,” Reuters reported": the outlet carries the quotation; who
		// said it is named before it.
		byOutlet := am != nil && isOutlet(cleanSpeaker(after[am[2]:am[3]]))
		if byOutlet {
			am = nil
		}
		var pronAfter []int
		if am != nil && unicode.IsUpper(rune(after[am[2]])) && ownSentence(q.Text, after[am[5]:]) {
			if pronounRe.MatchString(after[am[2]:am[3]]) {
				pronAfter = am
			}
			am = nil
		}
		if m := am; m != nil {
			ev.phrase, ev.pos = after[m[2]:m[3]], q.Close+m[2]
			// "“Hamas reiterates its readiness to implement” the plan,
			// Rishq said": the words after the quotation go on with its
			// sentence; the speaker follows their comma.
			if c := strings.LastIndex(ev.phrase, ","); c >= 0 && !strings.HasPrefix(strings.TrimLeft(after, " "), ",") && !strings.ContainsAny(tail(q.Text, 4), ",.?!…") {
				ev.phrase, ev.pos = strings.TrimSpace(ev.phrase[c+1:]), ev.pos+c+1
			}
		} else if m := invertedRe.FindStringSubmatchIndex(after); m != nil && !startsQuote(after) {
			ev.phrase, ev.pos = after[m[2]:pastAbbreviations(after, m[3])], q.Close+m[2]
		} else if m := endsWithVerb(before); m != nil {
			ev.phrase, ev.pos = before[m[2]:m[3]], bstart+m[2]
			// "X, head of …, during an interaction with journalists said":
			// the occasion, not the speaker.
			// The speaker is then looked for before it.
			if loc := inAsideRe.FindStringIndex(ev.phrase); loc != nil && loc[0] > 0 {
				t := strings.TrimRight(before[:m[2]+loc[0]], " ,") + " said"
				if m2 := speakerBeforeRe.FindStringSubmatchIndex(t); m2 != nil {
					ev.phrase, ev.pos = t[m2[2]:m2[3]], bstart+m2[2]
				}
			}
			// "…, while Amir Khan Muttaqi said ‘…’": the last clause.
			// "Lt Gen Ahmed Sharif Chaudhry, head of the military's media
			// wing, Inter-Services Public Relations, said": a listed person
			// opening the phrase with an appositive is the speaker.
			if sp, at := subjectPhrase(ev.phrase); at == 0 && sp != "" && !pronounRe.MatchString(sp) && strings.Contains(sp, ",") && personID(sp) {
				ev.phrase = sp
			} else if c := strings.LastIndex(ev.phrase, ","); c >= 0 && !plausibleSpeakerPhrase(ev.phrase) {
				ev.phrase = strings.TrimSpace(leadConjRe.ReplaceAllString(strings.TrimSpace(ev.phrase[c+1:])+" ", ""))
				ev.pos = bstart + m[2] + c + 1
				// "Miller stated … on the table, and added: “…”": the
				// subject of the sentence's first verb.
				if ev.phrase == "" && sent[0] < q.Open {
					if e, ok := reportedVerb(p.Text[sent[0]:q.Open], [2]int{sent[0], q.Open}, quotes); ok {
						ev.phrase, ev.pos = e.phrase, e.pos
					}
				}
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
			if pronAfter != nil {
				ev.phrase, ev.pos = after[pronAfter[2]:pronAfter[3]], q.Close+pronAfter[2]
			}
			if ev.phrase == "" {
				for _, q2 := range quotes[qi+1:] {
					if m := afterAttrRe.FindStringSubmatch(p.Text[q2.Close:]); q2.Direct && m != nil {
						ev.phrase = m[1]
						break
					}
				}
			}
			// A quotation an outlet carries, opening its paragraph, is not
			// the speaker's of the paragraph before.
			if ev.phrase == "" && q.Open == 0 && !byOutlet {
				switch {
				case colon != nil:
					ev.carried = colon
				case prevClaimed && st.last != "":
					ev.carried = &pending{speaker: st.last, who: st.lastWho}
				}
			}
			// "Asif said the talks were over. “They came without any
			// programme.”": a quoted sentence after a sentence of
			// reported speech is its speaker's.
			ev.needPrev = ev.carried == nil && q.Open > 0 && strings.TrimSpace(p.Text[sent[0]:q.Open]) == "" && len(strings.Fields(ev.text)) >= 4
		}
		lastAttr = ev.phrase
		if ev.text != "" && (ev.phrase != "" || ev.carried != nil || ev.needPrev) {
			evs = append(evs, ev)
		}
		// "“…,” the ministry said in a statement, adding that its forces
		// were on alert.": what the attribution adds is said too.
		if ev.phrase != "" && ev.pos > q.Close && sent[1] > ev.pos {
			if m := quoteAddingRe.FindStringSubmatch(p.Text[ev.pos:sent[1]]); m != nil && len(strings.Fields(m[1])) >= 4 {
				evs = append(evs, event{pos: ev.pos + 1, phrase: ev.phrase, text: m[1], sentence: sent})
			}
		}
	}
	for si, s := range sents {
		if directStarts[s[0]] {
			continue
		}
		if d.confirmedBy(g, p, st, sents, si) {
			continue
		}
		if ev, ok := reported(p.Text, s, quotes); ok {
			if !ev.according {
				if second, ok := secondSpeaker(p.Text, s, &ev, quotes); ok {
					evs = append(evs, second)
				}
			}
			evs = append(evs, ev)
		} else if phrase, at := mentionedSubject(p.Text[s[0]:s[1]]); phrase != "" && !pronounRe.MatchString(phrase) && !nameMetRe.MatchString(p.Text[s[0]:s[1]]) {
			// "Zabihullah Mujahid issued a statement on Saturday." then
			// "He said …": he is Mujahid, not the speaker before.
			// "Balochistan Chief Minister Sarfaraz Bugti strongly condemned
			// the blast." then "He said …": a person the lists do not
			// know, named with an office.
			// "Richard Bennett, the UN Special Rapporteur for human rights
			// in Afghanistan, said he was dismayed": the state the office
			// names is not the person.
			if sp := LookupSpeaker(st.dp.identify(phrase).id); sp != nil && sp.Kind == "person" || (sp == nil || sp.Kind == "party") && (officeAndName(phrase) || nameAndOffice(phrase)) || isBody(phrase, identity{}) {
				evs = append(evs, event{pos: s[0] + at, phrase: phrase, mention: true, sentence: s})
			}
		} else if m := nameMetRe.FindStringSubmatchIndex(p.Text[s[0]:s[1]]); m != nil && isName(p.Text[s[0]+m[2]:s[0]+m[3]]) && !notSpeaker(p.Text[s[0]+m[2]:s[0]+m[3]]) {
			// "On Wednesday, Wang met with the prime minister. He said
			// …": a name alone, which the lists do not know.
			evs = append(evs, event{pos: s[0] + m[2], phrase: p.Text[s[0]+m[2] : s[0]+m[3]], mention: true, sentence: s})
		} else if name := whoSubject(p.Text[s[0]:s[1]]); name != "" {
			// "Mohammad Yousaf, who had lived in Faisalabad for 32 years,
			// was deported." then "He said: …": a person the lists do not
			// know, named with a relative clause.
			evs = append(evs, event{pos: s[0], phrase: name, mention: true, sentence: s})
		} else if name, full := openingName(stripLeads(p.Text[s[0]:s[1]])); full {
			// "Manzoor Pashteen criticised the government." then "he".
			evs = append(evs, event{pos: s[0], phrase: name, mention: true, sentence: s})
		} else if name != "" && !strings.Contains(name, " ") && isName(name) && !notSpeaker(name) {
			// "…, as US President Donald Trump repeated an offer …", then
			// "Trump repeated an offer …. “…,” he said": the person named
			// in full before, whom the lists do not know.
			if full := st.dp.inFull(name); full != "" {
				evs = append(evs, event{pos: s[0], phrase: full, mention: true, sentence: s})
			} else if full := st.dp.namedBefore(name); full != "" {
				// "Vladimir Medinsky, an aide to the Russian President, and
				// …" then "Meanwhile, …, Medinsky also provided important
				// information. He stated …": he.
				evs = append(evs, event{pos: s[0], phrase: full, mention: true, sentence: s})
			}
		}
	}
	for i := range evs {
		if !evs[i].needPrev {
			continue
		}
		// The sentence just before the quotation's must hold the
		// reported speech, so that nobody else is named between.
		prev := -1
		for k, s := range sents {
			if s[1] <= evs[i].sentence[0] {
				prev = k
			}
		}
		for _, e := range evs {
			if prev >= 0 && !e.needPrev && !e.mention && !e.quoted && e.sentence == sents[prev] && (e.phrase != "" || e.carried != nil) {
				evs[i].phrase, evs[i].according, evs[i].carried = e.phrase, e.according, e.carried
			}
		}
	}
	evs = slices.DeleteFunc(evs, func(e event) bool { return e.quoted && e.phrase == "" && e.carried == nil })
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].pos < evs[j].pos })
	dated := map[string]DateMention{}
	// A figure once per sentence: two claims drafted from one sentence
	// ("…, killing at least 200 terrorists, while 23 soldiers were
	// martyred, the ISPR said") do not count it twice.
	type sentFig struct {
		s     [2]int
		count int64
		what  string
	}
	counted := map[sentFig]int{} // the claim holding the figure
	inText := func(c Claim, x Figure) bool {
		return slices.ContainsFunc(findFigures(c.Text), func(f Figure) bool { return f.Count == x.Count })
	}
	// The end of the last sentence drafted in this paragraph, and whether
	// its speaker issues bulletins (see goesOn).
	claimedEnd, bulletin := -1, false
	// Into the next paragraph only a body's bulletin runs on (the ISPR's
	// account of an operation); after a person, even a body's press chief,
	// the next paragraph was as often the outlet's as theirs on press the
	// rules had not seen (bench/README.md, fifth pass).
	if prevClaimed && colon == nil && st.runOn && isBody(st.last, st.lastWho) {
		first := slices.IndexFunc(evs, func(e event) bool { return !e.mention })
		switch {
		case first < 0:
			claimedEnd, bulletin = 0, true
		case evs[first].carried == nil && st.dp.identify(cleanSpeaker(evs[first].phrase)).id == st.lastWho.id:
			// "… six khwarij were killed. … According to ISPR, …": the
			// body's account ran on up to where it is named again.
			d.goesOn(g, p, st, sents[:sentenceIndex(sents, evs[first].sentence[0])], 0, quotes)
		}
	}
	for _, ev := range evs {
		var speaker, role string
		var who identity
		if !ev.mention && bulletin && ev.carried == nil && ev.sentence[0] > claimedEnd {
			// "According to ISPR, …. After a heavy exchange of fire, six
			// terrorists were killed. … The ISPR said …": the body's account
			// runs on up to where it is named again.
			if id := st.dp.identify(cleanSpeaker(ev.phrase)).id; id != "" && id == st.lastWho.id {
				d.goesOn(g, p, st, sents[:sentenceIndex(sents, ev.sentence[0])], claimedEnd, quotes)
			}
		}
		if !ev.mention {
			claimedEnd, bulletin = max(claimedEnd, ev.sentence[1]), false
		}
		if ev.mention {
			ph := cleanSpeaker(ev.phrase)
			// "The Ministry of Refugee Affairs shared these details …",
			// then "the ministry reported": a body, not a person.
			if who := st.dp.identify(ph); isBody(ph, who) {
				st.noteOrg(g, strings.TrimPrefix(ph, "The "), who)
				continue
			}
			st.setPerson(ph)
			if strings.Contains(ph, ",") && LookupSpeaker(st.dp.identify(ph).id) == nil {
				st.people = append(st.people, ph) // "Kabir" later is this person
			}
			if strings.Contains(strings.ToLower(ph), "spokes") {
				st.spokes = ph
			}
			continue
		}
		switch {
		case ev.carried != nil:
			speaker, role, who = ev.carried.speaker, ev.carried.role, ev.carried.who
		case ev.according:
			speaker = cleanSpeaker(ev.phrase)
			if t := strings.TrimPrefix(speaker, "the "); t != speaker {
				speaker = t
			}
			st.noteOrg(g, speaker, st.dp.identify(speaker))
			if pronounRe.MatchString(speaker) {
				speaker, role = st.person, roleOf(st.person)
			} else if strings.EqualFold(speaker, "them") {
				// "Local officials … say that …. According to them, …":
				// the speakers just before, when they were several.
				speaker, role = "", ""
				if head, _, _ := strings.Cut(st.last, " in "); st.last != "" && pluralSpeaker(head) {
					speaker, role = st.last, roleOf(st.last)
				}
			} else if l := strings.ToLower(speaker); l == "spokesperson" || l == "spokesman" || l == "spokeswoman" || l == "statement" || l == "report" || l == "ministry" || ownWordsRe.MatchString(l) || pointerGroupRe.MatchString(l) || unownedStatementRe.MatchString(l) || delegationHeadRe.MatchString(l) || roleNounRe.MatchString(l) || titledSurname(speaker) != "" {
				// "According to the spokesperson, …": whom that is.
				// "According to SHO Sumalani": the person named in full
				// before.
				speaker, role = st.resolve(g, speaker)
			} else if sp := LookupSpeaker(st.dp.identify(speaker).id); sp != nil {
				// "According to the Qatari Foreign Ministry, …" then "…,"
				// read the statement; "according to Mujahid" then "he".
				switch sp.Kind {
				case "body":
					st.org = speaker
					st.it = speaker
				case "person":
					st.setPerson(speaker)
				}
			} else if officeAndName(speaker) {
				// "According to KP Inspector General of Police Zulfiqar
				// Hameed, …" then "he said": a person the lists do not know.
				st.setPerson(speaker)
			}
		default:
			ph := cleanSpeaker(ev.phrase)
			speaker, role = st.resolve(g, ph)
			// "“…,” Pakistan Public Television (PTV) reported.": an outlet,
			// whatever of its name resolve kept.
			if speaker != ph && strings.HasPrefix(ph, speaker) && notSpeaker(ph) {
				continue
			}
		}
		sentence := p.Text[ev.sentence[0]:ev.sentence[1]]
		if ev.quoted {
			sentence = ev.text
		}
		if speaker == "" || notSpeaker(speaker) {
			if speaker == "" && ev.carried == nil {
				d.claim(g, p, "", "", identity{}, ev.text, ev.quoted, sentence, fmt.Sprintf("speaker not found: %.64q does not name one", ev.phrase))
				// Someone the reviewer must name spoke last: "it" and "he"
				// after this are not the speaker before.
				st.last, st.lastWho = "", identity{}
			}
			continue
		}
		if ev.carried == nil {
			who = st.dp.office(speaker)
			// The full name the text gave before decides whom a surname
			// means, before the lists' guess ("Mujahid" after "Defence
			// Minister Mohammad Yaqoob Mujahid").
			if full, ok := st.surnames[speaker]; ok {
				if w := st.dp.office(full); w.id != "" || who.id == "" {
					who = w
				}
			}
			if who.id == "" && st.last == speaker {
				who = st.lastWho
			}
		}
		st.setLast(speaker, who)
		if sent := p.Text[ev.sentence[0]:ev.sentence[1]]; strings.Contains(sent, "statement") && issuedStatementRe.MatchString(sent) {
			st.stated = speaker
		}
		// "…, police told Anadolu Agency.": an interview, not a bulletin;
		// what follows is the outlet's.
		bulletin = issuesBulletins(speaker, who) && !toldOutletTailRe.MatchString(ev.datePrefix)
		if !ev.quoted {
			ev.text = trimOutletTail(ev.text)
		}
		n := len(d.Claims)
		if ev.also != "" {
			// Each figure once: in the claim whose words hold it.
			sentence = strings.Replace(sentence, ev.also, "", 1)
		}
		d.claim(g, p, speaker, role, who, ev.text, ev.quoted, sentence, "")
		if ev.also != "" {
			d.claim(g, p, speaker, role, who, ev.also, false, ev.also, "")
		}
		c := &d.Claims[n]
		// "Three officials with knowledge of the talks said …": who speaks
		// is not what is counted.
		if !ev.quoted && ev.phrase != "" && mayHaveFigure(ev.phrase) {
			for _, f := range findFigures(ev.phrase) {
				c.Figures = slices.DeleteFunc(c.Figures, func(x Figure) bool { return x.Count == f.Count && x.What == f.What })
			}
		}
		// The claim whose words hold the figure keeps it.
		c.Figures = slices.DeleteFunc(c.Figures, func(x Figure) bool {
			k := sentFig{ev.sentence, x.Count, x.What}
			j, ok := counted[k]
			if !ok {
				counted[k] = n
				return false
			}
			if inText(*c, x) && !inText(d.Claims[j], x) {
				d.Claims[j].Figures = slices.DeleteFunc(d.Claims[j].Figures, func(y Figure) bool { return y.Count == x.Count && y.What == x.What })
				counted[k] = n
				return false
			}
			return true
		})
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
	// A bullet closed by its speaker is a headline: the paragraph after it
	// is not the bulletin's. Nor is the bullet after a bullet ("- Foreign
	// Office says …" then "- Ceasefire holds, …"): each is a headline.
	st.runOn = bulletin && sents != nil && !bulletLineRe.MatchString(p.Text)
	if st.runOn {
		d.goesOn(g, p, st, sents, claimedEnd, quotes)
	}
	// After "X said:", a paragraph with no attribution of its own is what
	// X said, quoted or not; a list of bullets goes on until it ends.
	if t := strings.TrimSpace(p.Text); colon != nil && !slices.ContainsFunc(evs, func(e event) bool { return !e.mention }) {
		text := strings.TrimSpace(strings.TrimLeft(t, "•●▪◦*–- "))
		bullet := text != t
		if len(strings.Fields(text)) >= 4 && (bullet || !colon.bullets) {
			st.setLast(colon.speaker, colon.who)
			d.claim(g, p, colon.speaker, colon.role, colon.who, trimQuote(strings.Trim(text, "\"“”«»")), true, text, "")
		}
		if bullet && !strings.HasSuffix(t, ":") {
			next := *colon
			next.bullets = true
			return &next
		}
	}
	// "X said:" closing the paragraph: the quotation follows.
	if t := strings.TrimSpace(p.Text); strings.HasSuffix(t, ":") {
		phrase := ""
		if m := endsWithVerb(t); m != nil {
			phrase = t[m[2]:m[3]]
		} else if m := statementsByRe.FindStringSubmatch(t); m != nil {
			// "Statements by Dmitry Peskov, the press secretary:" then a list.
			phrase = m[1]
		} else if n := strings.TrimSpace(strings.TrimSuffix(t, ":")); speakerLine(n) {
			// "Esmaeil Baghaei, Foreign Ministry Spokesman:" over the
			// quotations: a name and an office, no verb.
			phrase = n
		} else if loc := participleColonRe.FindStringIndex(t); loc != nil {
			// "X, the spokesperson, thanked the mediators, stating:"
			sents := sentenceSpans(t, nil)
			last := sents[len(sents)-1]
			phrase, _ = subjectPhrase(t[last[0]:loc[0]])
		}
		if phrase != "" {
			if speaker, role := st.resolve(g, cleanSpeaker(phrase)); speaker != "" && !notSpeaker(speaker) {
				who := st.dp.office(speaker)
				st.setLast(speaker, who)
				return &pending{speaker: speaker, role: role, who: who}
			}
		}
	}
	return nil
}

var (
	auxRe            = regexp.MustCompile(`\s+(?:(?:has|have|had)(?:\s+(?:long|also|repeatedly|previously|already|now|again|earlier|since|recently))?|did|does|later|also|earlier|again|then|now|further|repeatedly|previously|recently|once again|even|reportedly|allegedly|(?:on|late|early|last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|morning|evening|afternoon))?|yesterday|today|tonight)\s*$`)
	bulletLineRe     = regexp.MustCompile(`^\s*[•●▪◦*–-]\s`)
	bulletAttrRe     = regexp.MustCompile(`^\s*[•●▪◦*–-]\s*(.+?)\s*:\s*([A-Z][\p{L}’'(). -]{1,60}?)\s*$`)
	asideRe          = regexp.MustCompile(`,\s*(?:` + asides + `)\s*,?\s*$`)
	leadAsideRe      = regexp.MustCompile(`^\s*,\s*(?:` + asides + `)\s*,`)
	leadConjRe       = regexp.MustCompile(`^(?:while|and|but|whereas|as|which|who)\s+`)
	descRe           = regexp.MustCompile(`^(?:the|a|an)\s+[a-z]`)
	trailingAttrRe   = regexp.MustCompile(`^(?:(?:tonight|today|yesterday|on\s+\w+|late\s+\w+)\s+)?and\s+(?:also\s+)?(?:promised|vowed|pledged)\b|^(?:(?:on|late|early)\s+\w+\s*)?,\s+(?:making|bringing|raising|taking|pushing|marking|leaving)\s.*$|^(?:(?:on|late|early)\s+\w+(?:\s+\w+)?|tonight|in a (?:statement|post|press conference|briefing)(?:\s+on\s+\w+)?|\w+day)?\s*[.,]?\s*$|^(?:(?:on|late|early)\s+\w+\s+)?in (?:his|her|their|its|a|an)\s+(?:[\p{L}-]+\s+){0,3}(?:address|speech|statement|post|briefing|interview|remarks|message|press conference)\b[^“”"]*$|^(?:(?:on|late|early)\s+\w+|in a (?:statement|post|press conference|briefing)(?:\s+on\s+\w+)?|\w+day)\s*(?:,|$)|^(?:in\s+a\s+post\s+)?(?:on|via)\s+(?:(?:the|his|her|its|their)\s+)?(?:social media platform\s+|micro-?blogging (?:site|platform)\s+)?(?:X|Twitter|Facebook|Telegram|Instagram)(?:\s+account)?(?:\s*\(formerly Twitter\))?(?:\s+(?:late|early)?\s*on\s+\w+)?\s*[.,]?\s*$|^(?:a|the|his|her|their|its)\s+(?:regular\s+|daily\s+|weekly\s+)?(?:media|press|news)\s+(?:briefing|conference)(?:\s+(?:here|there|in\s+[A-Z]\w+|on\s+\w+))*\s*[.,]?\s*$`)
	accordingQuoteRe = regexp.MustCompile(`(?:^|\s)(?:According to|according to)\s+([^,;“”"]{2,80}?),\s*$`)
	// News outlets and agencies report; they are not the speakers of what
	// they report.
	notSpeakerRe = regexp.MustCompile(`(?i)^(?:the\s+)?(?:local\s+)?(?:media|reports?|news|newspapers?|(?:state\s+)?broadcaster|AP|AFP|Reuters|Xinhua|IRNA|Anadolu|Al Jazeera|TOLOnews|Tolo News|India Today|Dawn|Geo News|Associated Press(?: \(AP\))?|PTV(?: News)?|Pakistan Television|Radio Pakistan|RTA|APP|PTI|ANI|IANS|UNI|Bakhtar|WAM|QNA|SPA|TASS|Sputnik|Bernama|Kyodo|Yonhap|dpa|EFE|ANSA|TOLO(?: News)?|Ariana News|Amu TV|ReliefWeb|Khaama(?: Press)?|Pajhwok|MENAFN|Kabul ?24|KabulNow|Hasht-e[ -]Subh|Afghanistan International|(?-i:[A-Z][\p{L}]*\.(?:Az|az|com|pk|af|in|net|org|news|tv))|(?-i:.*\b(?:News|Times|Agency|Television|TV|Radio|Press|Tribune|Herald|Post|Express|Observer|Chronicle|Gazette|Journal|Telegraph)(?:\s+(?:of\s+)?[A-Z][a-z]+)?(?:\s*\([A-Z]{2,6}\))?)|[a-z].*\b(?:reports?|media|channels|outlets|broadcasters|newspapers)(?:\s+(?:on|about|of|from|in)\b.*)?|.*\bnewspaper|(?:both|the two)\s+(?:sides|parties|countries|delegations|nations|governments|neighbou?rs))$`)
	// "Officials quoted by local media": the officials speak, the media
	// carry it.
	quotedByRe = regexp.MustCompile(`(?i)^[^,]*\b(?:quoted|cited|interviewed|contacted)\s+by\s`)
	// "The Taliban on Sunday (12 October)", "officials on Wednesday": the
	// day belongs to the saying, not to the speaker.
	// speakerTimeWords: each branch of speakerTimeRe needs one of them.
	speakerTimeWords = wordSet("monday tuesday wednesday thursday friday saturday sunday today yesterday tonight in earlier later also meanwhile however speaking writing addressing talking responding reacting replying commenting quoted cited as according at via through on while when during after before")
	speakerTimeRe    = regexp.MustCompile(`(?i),?\s+(?:on\s+|late\s+|early\s+|last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)\b.*$|,?\s+(?:in a (?:statement|press briefing|press conference|post)|earlier|later|also|meanwhile|however)\b.*$|,\s+(?:speaking|writing|addressing|talking|responding|reacting|replying|commenting|quoted|cited|as\s+quoted|according)\b.*$` +
		// "…, in a series of posts", "… via a spokesperson", "… on social
		// media", "the minister while speaking to …": how or when it was
		// said, not who.
		`|,?\s+at\s+(?:a|an|the|his|her|its|their)\s+(?:[\p{L}-]+\s+){0,2}(?:conference|briefing|meeting|event|ceremony|rally|summit|session|forum|gathering)\b.*$|,?\s+(?:in\s+(?:a|an|his|her|its|their)|via|through|on\s+(?:social\s+media|X|Twitter|Facebook|television|state\s+television|state\s+TV))\s.*$|\s+(?:while|when|during|after|before)\s.*$`)
	leadAdverbRe = regexp.MustCompile(`^(?i:later|earlier|meanwhile|however|separately|also|then|now|subsequently),?\s+`)
	// "Mujahid, who is also a deputy minister": the relative clause
	// describes the speaker, it is not part of the name.
	relativeAsideRe = regexp.MustCompile(`,\s+(?:who|which)\s+[^,“”"]{1,150}(?:,\s*|$)`)
	// "a statement from the Foreign Office", "a press release by the ISPR":
	// the body the statement comes from is the speaker.
	statementOfRe = regexp.MustCompile(`(?i)^(?:(?:an?|the)\s+(?:(?:press|news)\s+release|(?:(?:written|official|latest|new|brief|separate|recent|audio|video|recorded|voice)\s+)?(?:statement|report|study|survey|message|post)|communiqu[ée]|readout|handout|notification)|comments|remarks)\s+(?:(?:today|yesterday|on\s+[A-Z][a-z]+)\s+)?(?:(?:issued|released|posted|published|shared)\s+)?(?:by|from)\s+`)
	// "Pakistan officially announced", "the ministry separately said": an
	// adverb between speaker and verb.
	adverbEndRe = regexp.MustCompile(`\s+([a-z]{3,}ly)\s*$`)
	notAdverb   = map[string]bool{"family": true, "assembly": true, "ally": true, "rally": true, "supply": true, "daily": true, "weekly": true, "monthly": true, "anomaly": true, "italy": true, "july": true, "fly": true}
)

// ministryLoc is ministryRe.FindStringIndex(s), run only when s mentions a
// ministry.
func ministryLoc(s string) []int {
	if !mentionsMinistry(s) {
		return nil
	}
	return ministryRe.FindStringIndex(s)
}

// notSpeaker: a news outlet or agency, or two parties jointly.
func notSpeaker(p string) bool {
	// "the United Nations migration agency": a body, not a news agency.
	if mayBeJoint(p) && jointRe.MatchString(p) && !bodyAgencyRe.MatchString(p) {
		return true
	}
	// "Officials from both sides of the border", "All three sides", "Both
	// leaders".
	if l := strings.ToLower(p); (strings.Contains(l, "both") || strings.Contains(l, "all") || strings.Contains(l, "the t") || strings.Contains(l, "the f") || strings.Contains(l, "each") || strings.Contains(l, "either") || strings.HasPrefix(l, "two ")) && sidesRe.MatchString(l) {
		return true
	}
	if timeSpanRe.MatchString(p) {
		return true
	}
	// "Neither Islamabad nor Kabul has confirmed …": nobody said it.
	if strings.HasPrefix(strings.ToLower(p), "neither ") {
		return true
	}
	// "October 13", "Office Order 98 of 2025", "official orders issued this
	// week", "Initial investigations": a date, a document or an inquiry,
	// not who speaks.
	if dateOnlyRe.MatchString(p) || documentRe.MatchString(p) {
		return true
	}
	// "According to unofficial figures": numbers, not who gives them.
	// "According to the information obtained by the Republic": what an
	// outlet found, not what someone said.
	if figuresRe.MatchString(p) || obtainedByRe.MatchString(p) {
		return true
	}
	// "whose spokesman", "These comments": a relative or a pointer to
	// what was said, not who said it.
	// "…, an accusation Afghanistan denies": the claim, then who denies it.
	if l := strings.ToLower(p); strings.HasPrefix(l, "whose ") || strings.HasPrefix(l, "which ") || thesePointerRe.MatchString(l) || claimOpenRe.MatchString(l) {
		return true
	}
	// "Strikes reported hours after …": events, not speakers.
	if thingWords[strings.ToLower(lastWord(p))] && !strings.Contains(p, "'") && !strings.Contains(p, "’") {
		return true
	}
	// "Many report running out of money": how many, not who.
	switch strings.ToLower(p) {
	case "many", "some", "others", "most", "few", "a few", "several", "all", "details", "the details", "case details", "the case details":
		return true
	}
	// "No one claimed responsibility".
	if l := strings.ToLower(p); l == "no one" || l == "nobody" || l == "none" || strings.HasPrefix(l, "no ") && noGroupRe.MatchString(l) {
		return true
	}
	// "Iran, Saudi Arabia, and Qatar", "and Qatar", "nor the ministry",
	// "several Middle Eastern countries": a list of speakers.
	if strings.Contains(p, ", and ") || strings.HasPrefix(p, "and ") || strings.HasPrefix(p, "nor ") || strings.HasPrefix(p, "or ") || strings.HasPrefix(p, "neither ") || severalRe.MatchString(p) {
		return true
	}
	// Two speakers joined by "and": "Thailand and Cambodia", "the
	// military’s media wing and sources", "Al Jazeera and multiple news
	// agencies". Not a name with "and" in it ("Minister for Information
	// and Broadcasting"), nor two unnamed groups ("Officials and sources"),
	// who are still one speaker.
	// "Deputy Prime Minister and Foreign Minister Ishaq Dar": two offices
	// of one person.
	if a, b, ok := strings.Cut(p, " and "); ok && !ofNameRe.MatchString(a) && !(roleWordRe.MatchString(a) && officeOnly(a) && !pluralSpeaker(a)) {
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		if isOutlet(a) || isOutlet(b) {
			return true
		}
		la, lb := IdentifySpeaker(a) != "", IdentifySpeaker(b) != ""
		named := func(x string, listed bool) bool {
			r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(x, "the ")) // "Malaysia and the U.S."
			return listed || unicode.IsUpper(r) && !strings.ContainsAny(x, ",") && !pluralSpeaker(x)
		}
		if named(a, la) && named(b, lb) || named(a, la) && pluralSpeaker(b) || lb && pluralSpeaker(a) {
			return true
		}
	}
	// "UNAMA’s report", "the UNAMA report", "the report" after it: a
	// body's report is what the body says.
	if bodyReport(p) {
		return false
	}
	// "Pakistan's state-run broadcaster PTV": an outlet.
	if l := strings.ToLower(p); (strings.Contains(l, "broadcaster") || strings.Contains(l, "television") || strings.Contains(l, "news agency")) && stateMediaRe.MatchString(p) {
		return true
	}
	return isOutlet(p) && !quotedByRe.MatchString(p)
}

// bodyAgencyRe: an agency of a government or the UN, not of news.
var bodyAgencyRe = regexp.MustCompile(`(?i)\b(?:UN|U\.N\.|United Nations|migration|refugees?|aid|humanitarian|relief|health|food|children's|intelligence|spy|nuclear|atomic|border|drugs?|narcotics|development|environment(?:al)?|space|disaster(?: management)?)\s+agency$`)

// comesAfterRe: "This (development) comes (a day) after".
var comesAfterRe = regexp.MustCompile(`^(?:This|It|The move|The development|The statement|The attack)\s+(?:[a-z]+\s+)?(?:comes?|came)\s+(?:(?:a|one|two|three|several|just|only|hours|days?|weeks?|shortly|soon)\s+){0,3}(?:after|as|amid|following)\s+`)

// noGroupRe: "No group claimed responsibility".
var noGroupRe = regexp.MustCompile(`^no\s+(?:[a-z-]+\s+){0,2}(?:group|groups|organi[sz]ation|outfit|faction|party|individual)$`)

// isOutlet: notSpeakerRe, tried only when the phrase is one of its names
// or holds one of the words its patterns need; most phrases are neither,
// and the expression costs microseconds on every speaker (bench/README.md).
func isOutlet(p string) bool {
	l := strings.Join(strings.Fields(strings.ToLower(p)), " ")
	// "A new UNHCR report", "an ISPR report": a body's report, which
	// speaks for the body.
	if reportOf(strings.TrimSpace(p)) != "" {
		return false
	}
	l = strings.TrimPrefix(strings.TrimPrefix(l, "the "), "local ")
	if !outletNames[l] && !strings.Contains(l, "news") && !strings.Contains(l, "times") && !strings.Contains(l, "agency") && !strings.Contains(l, "television") && !strings.Contains(l, "tv") && !strings.Contains(l, "radio") && !strings.Contains(l, "press") && !strings.Contains(l, "tribune") && !strings.Contains(l, "herald") && !strings.Contains(l, "report") && !strings.Contains(l, "media") && !strings.Contains(l, "channels") && !strings.Contains(l, "outlets") && !strings.Contains(l, "broadcasters") && !strings.Contains(l, "post") && !strings.Contains(l, "express") && !strings.Contains(l, "observer") && !strings.Contains(l, "chronicle") && !strings.Contains(l, "gazette") && !strings.Contains(l, "journal") && !strings.Contains(l, "telegraph") && !strings.Contains(l, "daily") && !strings.Contains(l, ".") && !strings.Contains(l, "both ") && !strings.Contains(l, "the two ") {
		return false
	}
	return notSpeakerRe.MatchString(p)
}

// outletNames: the names notSpeakerRe lists, lower-cased.
var outletNames = map[string]bool{}

func init() {
	for _, n := range strings.Split("media|report|reports|news|newspaper|newspapers|broadcaster|state broadcaster|ap|afp|reuters|xinhua|irna|anadolu|al jazeera|tolonews|tolo news|india today|dawn|geo news|associated press|associated press (ap)|ptv|ptv news|pakistan television|radio pakistan|rta|app|pti|ani|ians|uni|bakhtar|wam|qna|spa|tass|sputnik|bernama|kyodo|yonhap|dpa|efe|ansa|tolo|ariana news|amu tv|reliefweb|khaama|khaama press|pajhwok|menafn|kabul 24|kabul24|kabulnow|hasht-e subh|hasht-e-subh|afghanistan international", "|") {
		outletNames[n] = true
	}
}

var stateMediaRe = regexp.MustCompile(`(?i)^(?:[\p{L}’']+\s+){0,3}(?:state-run|state-owned|state|national|official)\s+(?:broadcaster|television|news agency)(?:\s+[A-Z][\p{L}]*(?:\s+News)?)?$`)

// mayBeJoint: a word jointRe needs, or a phrase short enough to be a
// document's name ("the agreement"); the cheap test lets most speaker
// phrases skip the expression.
func mayBeJoint(p string) bool {
	l := strings.ToLower(p)
	if len(l) < 16 {
		return true
	}
	for _, w := range jointHints {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

var jointHints = []string{"joint", "correspondent", "reporter", "stringer", "journalist", "photographer", "cameraman", "state", "official ", "agenc", "outlet", "media", "daily", "newspaper", "broadcaster", "website", "portal", "television", "tv", "radio", "associated press"}

// toldOutletRe: the outlet a speaker told, then what was told.
var toldOutletRe = regexp.MustCompile(`^` + toldOutlets + `\s+(?:on\s+[A-Z]\w+\s+)?(?:that\s+)?`)

// toldOutlets: the outlets a speaker tells, by name or by the kind of name.
const toldOutlets = `(?:AFP|AP|Reuters|Xinhua|Anadolu(?: Agency)?|Al Jazeera|(?:the )?BBC|CNN|Dawn|Arab News|TOLOnews|Amu TV|Radio Azadi|(?:[A-Z][\p{L}]*\s+){1,2}(?:News|TV|Times|Radio|Agency|Post|Tribune))`

// thatAsideRe: "that, overall, ": an aside right after "that".
var thatAsideRe = regexp.MustCompile(`^that,\s*[^,“”"]{1,40},\s*`)

// ageRe: a person's age before or after the name.
var ageRe = regexp.MustCompile(`^(?:[Aa]n?\s+)?\d{1,3}-year-old\s+|,\s*(?:aged\s+)?\d{1,3}\s*,?$`)

// reportsThatRe: a sentence the press reports.
var reportsThatRe = regexp.MustCompile(`^(?:Media\s+)?[Rr]eports\s+(?:(?:also|further)\s+)?(?:indicate|suggest|say|said|show|claim|state)(?:d|s)?\s+(?:that\s+)?`)

// bodyReport: "the report" alone, or the report of a body.
func bodyReport(p string) bool {
	l := strings.ToLower(strings.TrimSpace(p))
	if l == "the report" || l == "report" || l == "this report" {
		return true
	}
	b, ok := strings.CutSuffix(strings.TrimSpace(p), " report")
	if !ok {
		return false
	}
	b = strings.TrimSuffix(strings.TrimSuffix(b, "’s"), "'s")
	b = strings.TrimPrefix(strings.TrimPrefix(b, "the "), "The ")
	if sp := LookupSpeaker(IdentifySpeaker(b)); sp != nil {
		return sp.Kind == "body"
	}
	return isBody(b, identity{})
}

// citesSomeone: "citing security officials", "citing the Interior
// Ministry", not "citing the ongoing humanitarian crisis": a reason.
func citesSomeone(p string) bool {
	t := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(p), "the "), "a ")
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || pluralSpeaker(t) || roleWordRe.MatchString(t)
}

var relativeWordRe = regexp.MustCompile(`\b(?:who|whom|whose|which)\b`)

// personID: the phrase names a person speakers.csv lists.
func personID(p string) bool {
	sp := LookupSpeaker(IdentifySpeaker(p))
	return sp != nil && sp.Kind == "person"
}

// speakerBeforeRe: the words before "said", from the start of a word, as
// far back as a long title and appositive may go.
var speakerBeforeRe = regexp.MustCompile(`(?:^|[\s(])([A-Za-z][^“”"«»\n.;!?]{0,200}?)\s+said$`)

// thisTailRe: a verb's object that only points back ("said this in a
// statement", "said so").
var thisTailRe = regexp.MustCompile(`^(?:this|so|these words|the same)\s*(?:[.,;]|$|(?:in|at|during|while|on|when|after|before|to|as|via|through|from|late|earlier)\b)`)

// dayAsideRe: "on Thursday, December 4," or "on October 17," closing a
// speaker phrase.
var dayAsideRe = regexp.MustCompile(`,?\s+(?:on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|morning|evening|afternoon))?(?:,?\s+` + dayMonthRe + `(?:,\s*\d{4})?)?|` + dayMonthRe + `(?:,\s*\d{4})?)\s*,?\s*$`)

// dayMonthRe: a day of a month, either way round, its ordinal's suffix or
// not ("18 March", "March 18th").
const dayMonthRe = `(?:\d{1,2}(?:st|nd|rd|th)?\s+` + monthRe + `|` + monthRe + `\s+\d{1,2}(?:st|nd|rd|th)?)`

// sidesRe: the sides of a conflict together.
var sidesRe = regexp.MustCompile(`\b(?:both|all|all (?:two|three|four)|the (?:two|three|four)|each|either)\s+(?:warring\s+|conflicting\s+)?(?:sides|parties|leaders|ministers|countries|nations|governments|delegations|neighbou?rs)\b|^two\s+(?:warring\s+|conflicting\s+)?(?:sides|parties|leaders|ministers|countries|nations|governments|delegations|neighbou?rs)\b|^(?:each|either)\s+(?:side|party|country|government|nation|delegation)$`)

// claimOpenRe: a phrase opening with the claim a speaker answers.
var claimOpenRe = regexp.MustCompile(`^(?:an?|the)\s+(?:claim|charge|accusation|allegation)s?\s`)

// thingWords: nouns of events and weapons, which never speak.
var thingWords = wordSet("strikes airstrikes attacks clashes explosions blasts bombings shells rockets drones operations raids ceasefire truce deal agreement accord")

// thesePointerRe: "these comments", "this statement" as a subject.
var thesePointerRe = regexp.MustCompile(`^(?:these|those|this|that|his|her|their|such)\s+(?:comments|remarks|statements?|words|claims|assertions|developments?)$`)

// timeSpanRe: "Two days after Trump announced …": when, not who.
var timeSpanRe = regexp.MustCompile(`(?i)^(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)\s+(?:days?|weeks?|months?|hours?|years?)\b`)

// figuresRe: data rather than whom it comes from.
var figuresRe = regexp.MustCompile(`(?i)^(?:the\s+)?(?:(?:official|unofficial|latest|available|initial|preliminary|government|provisional|new|updated)\s+){0,2}(?:figures|data|statistics|estimates|numbers|tallies|counts)$`)

// dateOnlyRe: a date alone.
var dateOnlyRe = regexp.MustCompile(`^` + dayMonthRe + `(?:,?\s+\d{4})?$`)

// documentRe: a document or an inquiry named as the source.
var documentRe = regexp.MustCompile(`(?i)^(?:the\s+|an?\s+)?(?:(?:official|initial|preliminary|latest|new|government|police|internal)\s+)*(?:(?:office\s+)?orders?|notifications?|circulars?|notices?|memos?|investigations?|inquiry|inquiries|probes?|findings)\b(?:\s+(?:\d+|no\.?\s*\d+)(?:\s+of\s+\d{4})?)?(?:\s+(?:issued|released)\s+.*)?$`)

// obtainedByRe: information or documents an outlet obtained.
var obtainedByRe = regexp.MustCompile(`(?i)^(?:the\s+)?(?:information|documents?|data|papers|footage|records)\s+(?:obtained|seen|accessed|reviewed|gathered)\s+by\b`)

// severalRe: several states or bodies at once.
var severalRe = regexp.MustCompile(`(?i)^(?:several|many|some|other|regional|neighbou?ring|western|muslim|arab|gulf)\s+(?:[\p{L}-]+\s+){0,2}(?:countries|nations|states|governments|powers)$`)

// ofNameRe: the part before "and" in a name ("Ministry of Commerce").
var ofNameRe = regexp.MustCompile(`\s(?:of|for)\s+[A-Z][\p{L}]*$`)

// jointRe: a joint statement, and state media by their name ("state
// broadcaster PTV", "state-run Radio Pakistan"): not who speaks.
var jointRe = regexp.MustCompile(`(?i)^(?:an?\s+|the\s+)?joint\s+(?:statement|communiqu[ée]|declaration)\b|^(?:the\s+)?(?:agreement|deal|plan|document|draft|resolution|text|accord|proposal|declaration)$|^(?:[\p{L}’'-]+\s+){0,3}(?:media|outlet|newspaper|broadcaster|agency|daily|website|portal)\s+(?-i:[A-Z])[\p{L}]*$|^(?:[\p{L}’'-]+\s+){0,4}(?:television|TV|radio|media outlets?)(?:\s+channel)?(?:\s+(?:close to|run by|of|from)\s+.*)?$|^(?:the\s+)?Associated Press of Pakistan(?:\s*\(APP\))?$|^(?:an?\s+|the\s+)?(?:[\p{L}-]+\s+){0,3}(?:news\s+)?(?:agency|agencies|outlets?)(?:\s+[A-Z][\p{L}]*)?$|^(?:an?\s+|the\s+|our\s+)?(?:[\p{L}-]+\s+){0,2}(?:correspondent|reporter|stringer|journalist|photographer|cameraman)s?(?:\s+(?:in|at|for|of)\s+.*)?$|^(?:the\s+)?(?:state|state-run|state-owned|official)\s+(?:broadcaster|television|TV|radio|news agency|media|outlet)\b`)

// asides: what may stand between commas after a speaker ("Islamabad,
// however, said", "Mujahid, in his statement, rejected").
const asides = `however|meanwhile|though|too|in turn|for its part|for his part|for her part|in (?:a|an|his|her|its|their)(?:\s+\w+)?\s+(?:statement|post|message|press release|speech|address|interview|remarks|briefing)(?:\s+on\s+\w+)?(?:\s+(?:issued|released|posted|read out)?\s*by\s+[^,“”"]{2,60})?`

// cleanSpeaker drops from a speaker phrase what is not the speaker: the
// day of the saying and trailing connectives.
func cleanSpeaker(p string) string {
	p = strings.TrimSpace(strings.Trim(strings.TrimLeft(p, "•●▪◦*–- "), "\"“”'‘’"))
	// "Qatar 's Foreign Ministry": a possessive the page spaced apart.
	p = strings.Replace(strings.Replace(p, " 's ", "'s ", 1), " ’s ", "’s ", 1)
	// "a Mossad statement said": the body whose statement it is.
	if strings.HasSuffix(p, " statement") {
		if m := nameStatementRe.FindStringSubmatch(p); m != nil {
			p = m[1]
		}
	}
	// "Earlier in the day Islamabad": when, without its comma.
	if loc := leadTimeRe.FindStringIndex(p); loc != nil && loc[1] < len(p) {
		p = p[loc[1]:]
	}
	p = leadAdverbRe.ReplaceAllString(p, "")
	// "figures released by the Taliban government": whose figures.
	if loc := figuresByRe.FindStringIndex(p); loc != nil && loc[1] < len(p) {
		p = p[loc[1]:]
	}
	// "As the head of the United Nations presence in Afghanistan told
	// …, so too were …": the clause's subject.
	if strings.HasPrefix(p, "As the ") {
		p = p[len("As "):]
	}
	// "In a statement, the ISPR stated, “…”": the occasion is not the
	// speaker.
	if loc := leadClauseRe.FindStringIndex(p); loc != nil && loc[1] < len(p) {
		p = p[loc[1]:]
	}
	// "This development comes a day after the ISPR confirmed …": the
	// outlet's link to what the speaker said before.
	if loc := comesAfterRe.FindStringIndex(p); loc != nil && loc[1] < len(p) {
		p = p[loc[1]:]
	}
	// "(MENAFN) China": an outlet's marker opening the text.
	if strings.HasPrefix(p, "(") {
		p = strings.TrimSpace(outletMarkRe.ReplaceAllString(p, ""))
	}
	// "2024) A Hamas official": the end of a dateline's brackets.
	if c := strings.IndexByte(p, ')'); c >= 0 && !strings.Contains(p[:c], "(") {
		p = strings.TrimSpace(p[c+1:])
	}
	if loc := statementOfRe.FindStringIndex(p); loc != nil && loc[1] < len(p) {
		p = p[loc[1]:]
	}
	// "PTV, citing security officials, said": whom the outlet cites.
	if i := strings.Index(p, " citing "); i > 0 {
		p = strings.TrimSpace(p[i+len(" citing "):])
	}
	// "The military’s official statement claimed": the military.
	if m := ownStatementRe.FindStringSubmatch(p); m != nil {
		p = m[1]
	}
	if loc := relativeAsideRe.FindStringIndex(p); loc != nil && loc[0] > 0 {
		p = strings.TrimSpace(p[:loc[0]] + " " + p[loc[1]:])
	}
	if !hasWordIn(p, speakerTimeWords) {
		// no branch of speakerTimeRe can match
	} else if loc := speakerTimeRe.FindStringIndex(p); loc != nil && loc[0] > 0 {
		p = strings.TrimSpace(p[:loc[0]])
	}
	p = trimAdverb(p)
	return strings.TrimSpace(strings.TrimSuffix(p, ","))
}

// leadTimeRe: when, opening a speaker phrase without a comma.
var leadTimeRe = regexp.MustCompile(`^(?:(?:Earlier|Later)\s+(?:in the day|that day|on \w+|this (?:week|month|morning|evening|year)|today)|Last (?:week|month|year))\s+`)

// ownStatementRe: a body's statement named as the speaker; group 1 is the
// body.
var ownStatementRe = regexp.MustCompile(`^(.{2,60}?)['’]s\s+(?:(?:official|latest|written|new)\s+)?(?:statement|press release|readout|communiqu[ée])$`)

// trimAdverb drops an adverb closing a speaker phrase ("Pakistan
// officially").
func trimAdverb(p string) string {
	if m := adverbEndRe.FindStringSubmatchIndex(p); m != nil && m[0] > 0 && !notAdverb[p[m[2]:m[3]]] {
		return p[:m[0]]
	}
	return p
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

// quotedPhraseOpens: s opens with a quotation in lower case, a phrase the
// sentence goes on after.
func quotedPhraseOpens(s string) bool {
	s = strings.TrimLeft(s, " ,")
	_, w := utf8.DecodeRuneInString(s)
	r, _ := utf8.DecodeRuneInString(s[w:])
	return unicode.IsLower(r)
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

// sentenceIndex: how many of sents end at or before pos.
func sentenceIndex(sents [][2]int, pos int) int {
	return sort.Search(len(sents), func(i int) bool { return sents[i][1] > pos })
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
	// "Reports indicate that traders have urged …": what the press
	// reports, not who said it.
	if strings.HasPrefix(s, "Reports ") || strings.HasPrefix(s, "Media reports ") {
		if reportsThatRe.MatchString(s) {
			return event{}, false
		}
	}
	if m := accordingRe.FindStringSubmatchIndex(s); m != nil {
		// "According to Khaama Press, the agency highlighted …": the
		// outlet carries what the speaker inside says.
		if isOutlet(cleanSpeaker(s[m[2]:m[3]])) {
			sub := [2]int{span[0] + m[4], span[1]}
			// "the agency" is resolved by the caller, which drops outlets.
			if e, ok := reportedVerb(text[sub[0]:sub[1]], sub, quotes); ok {
				e.sentence = span
				return e, true
			}
		}
		// "According to the Russian MFA, Lavrov said that …": the source
		// carries what the person it names said.
		if innerSpeakerRe.MatchString(s[m[4]:m[5]]) {
			sub := [2]int{span[0] + m[4], span[1]}
			if e, ok := reportedVerb(text[sub[0]:sub[1]], sub, quotes); ok && !pronounRe.MatchString(e.phrase) {
				e.sentence = span
				return e, true
			}
		}
		// "According to an official readout of his comments on the flight
		// from Baku, where he met the prime minister, Erdogan said …": the
		// phrase ends at a relative clause, and is an adverbial of the
		// sentence, whose own verb says what is said, if any.
		if relativeOpenRe.MatchString(s[m[4]:m[5]]) {
			sub := [2]int{span[0] + m[4], span[1]}
			if e, ok := reportedVerb(text[sub[0]:sub[1]], sub, quotes); ok {
				e.sentence = span
				return e, true
			}
			return event{}, false
		}
		// "According to a report released by the Pakistan Institute for
		// Conflict and Security Studies (PICSS), an Islamabad-based think
		// tank, the country witnessed …": whose report, then its words
		// after the appositive.
		if ph := s[m[2]:m[3]]; !clauseWordRe.MatchString(strings.ToLower(ph)) || statementOfRe.MatchString(ph) {
			t := strings.TrimSpace(s[m[4]:m[5]])
			if loc := leadAppositiveRe.FindStringIndex(t); loc != nil && len(strings.Fields(t[loc[1]:])) >= 4 {
				t = t[loc[1]:]
			}
			return event{pos: span[0] + m[2], phrase: ph, according: true, text: t, sentence: span}, true
		}
	}
	// "Pakistan has confirmed that it will proceed …, according to a
	// statement issued by the Taliban’s embassy": the closing attribution
	// covers the whole sentence, the verb inside it too.
	if strings.Contains(s, "according to") {
		if m := accordingTailRe.FindStringSubmatchIndex(s); m != nil && !inside(quotes, span[0]+m[4]) {
			if ph := cleanSpeaker(s[m[4]:m[5]]); ph != s[m[4]:m[5]] && !notSpeaker(ph) && !clauseWordRe.MatchString(strings.ToLower(s[m[4]:m[5]])) && statementOfRe.MatchString(s[m[4]:m[5]]) {
				if t := strings.TrimSpace(datelineRe.ReplaceAllString(s[m[2]:m[3]], "")); len(strings.Fields(t)) >= 4 {
					return event{pos: span[0] + m[4], phrase: s[m[4]:m[5]], according: true, text: t, sentence: span}, true
				}
			}
		}
	}
	// "…, according to the World Food Programme (WFP), which warned it
	// can support just half …": the body says both.
	if strings.Contains(s, "according to") {
		if m := accordingMidRe.FindStringSubmatchIndex(s); m != nil && !inside(quotes, span[0]+m[4]) {
			if r := relativeSaidRe.FindStringIndex(s[m[6]:]); r != nil {
				if t := strings.TrimSpace(datelineRe.ReplaceAllString(s[m[2]:m[3]], "")); len(strings.Fields(t)) >= 4 {
					return event{pos: span[0] + m[4], phrase: s[m[4]:m[5]], according: true, text: t, also: strings.TrimSpace(s[m[6]+r[1]:]), sentence: span}, true
				}
			}
		}
	}
	ev, ok := reportedVerb(s, span, quotes)
	if ok && !notSpeaker(cleanSpeaker(ev.phrase)) {
		return ev, true
	}
	// "Dar said that …, ARY News reported.": the outlet carries what the
	// speaker inside says.
	if ok {
		if i := strings.Index(s, ev.text); i >= 0 && ev.text != "" {
			sub := [2]int{span[0] + i, span[0] + i + len(ev.text)}
			if e, ok := reportedVerb(text[sub[0]:sub[1]], sub, quotes); ok && !notSpeaker(cleanSpeaker(e.phrase)) {
				e.sentence = span
				return e, true
			}
		}
	}
	// "…, according to the ministry." and "…, according to Mujahid, …":
	// the attribution closing or inside the sentence.
	// The expressions below scan the whole sentence; a word each needs
	// lets most sentences skip them.
	according := strings.Contains(s, "according to") || strings.Contains(s, "as per")
	if according {
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
	}
	// "…, citing security officials.": an outlet's report is the cited
	// source's statement.
	if strings.Contains(s, "citing") {
		if m := citingRe.FindStringSubmatchIndex(s); m != nil && !inside(quotes, span[0]+m[4]) && citesSomeone(s[m[4]:m[5]]) {
			if t := strings.TrimSpace(datelineRe.ReplaceAllString(s[m[2]:m[3]], "")); len(strings.Fields(t)) >= 4 {
				if ok {
					// "AP reported that …, citing …": what the outlet reports.
					t = strings.TrimSpace(citingRe.ReplaceAllString(ev.text, "$1"))
				}
				return event{pos: span[0] + m[4], phrase: s[m[4]:m[5]], according: true, text: t, sentence: span}, true
			}
		}
	}
	if ok {
		return ev, true // an outlet: dropped by the caller, never drafted
	}
	// "Mujahid issued a statement on Saturday accusing the delegation of
	// …": the statement's content follows its participle.
	if m := statementParticipleRe.FindStringSubmatchIndex(s); m != nil && !inside(quotes, span[0]+m[0]) {
		// "Pakistan’s response comes a few hours after the Afghan embassy
		// issued a statement, saying …": the clause after the last
		// subordinating word.
		from := 0
		if locs := subordinateRe.FindAllStringIndex(s[:m[0]], -1); len(locs) > 0 {
			from = locs[len(locs)-1][1]
		}
		phrase, at := strings.TrimSpace(s[from:m[0]]), strings.Index(s[from:], strings.TrimSpace(s[from:m[0]]))
		if !plausibleSpeakerPhrase(phrase) || len(strings.Fields(phrase)) > 8 {
			phrase, at = subjectPhrase(s[from:m[0]])
		}
		if phrase != "" {
			at += from
			if t := strings.TrimSpace(s[m[1]:]); len(strings.Fields(t)) >= 3 && !startsQuote(t) {
				return event{pos: span[0] + at, phrase: phrase, text: t, sentence: span}, true
			}
		}
	}
	// "…, with officials stressing that “extreme caution” was exercised":
	// the participle has its own subject.
	if strings.Contains(s, " with ") {
		if m := withParticipleRe.FindStringSubmatchIndex(s); m != nil && !inside(quotes, span[0]+m[0]) && (IdentifySpeaker(s[m[2]:m[3]]) != "" || !unicode.IsUpper(rune(s[m[2]])) || roleWordRe.MatchString(s[m[2]:m[3]])) {
			// "…, with Pakistan accusing the Taliban of …": a listed speaker
			// or an unnamed group.
			if t := strings.TrimSpace(s[m[1]:]); len(strings.Fields(t)) >= 3 {
				return event{pos: span[0] + m[2], phrase: s[m[2]:m[3]], text: t, sentence: span}, true
			}
		}
	}
	// "X, the spokesman, thanked the mediators, saying that …": the
	// subject of the sentence, when the lists know it, says what follows
	// the participle.
	if m := participleRe.FindStringSubmatchIndex(s); m != nil && !inside(quotes, span[0]+m[0]) {
		phrase, at := subjectPhrase(s[:m[0]])
		if phrase == "" {
			// "Saudi Arabia echoed similar sentiments, calling for …": a
			// name the lists do not know, opening the sentence with its
			// verb.
			if n := namedSubjectRe.FindStringSubmatchIndex(s[:m[0]]); n != nil {
				phrase, at = s[n[2]:n[3]], n[2]
			} else if n := officeNameSubjectRe.FindStringSubmatchIndex(s[:m[0]]); n != nil {
				// "Saudi Arabia’s Minister of State for Foreign Affairs,
				// Adel Al-Jubeir, on Friday met …, calling for …"
				phrase, at = s[n[2]:n[3]], n[2]
			} else if n := officeSubjectRe.FindStringSubmatchIndex(s[:m[0]]); n != nil && officeAndName(s[n[2]:n[3]]) {
				// "Spokesperson Lin Jian made the remarks at a press
				// briefing, adding that …"
				phrase, at = s[n[2]:n[3]], n[2]
			}
		}
		if phrase != "" && !inside(quotes, span[0]+at) {
			// "calling for “wisdom and restraint” to prevent …": a quoted
			// phrase opens what is said; a quoted sentence is drafted as
			// a quotation.
			if t := strings.TrimSpace(s[m[1]:]); len(strings.Fields(t)) >= 4 && (!startsQuote(t) || quotedPhraseOpens(t)) {
				return event{pos: span[0] + at, phrase: phrase, text: t, sentence: span}, true
			}
		}
	}
	return event{}, false
}

// mentionedSubject: the subject of a sentence, also after a long opening
// participle ("Speaking at a joint press conference alongside Air Vice
// Marshal Aurangzeb Ahmed, and …, Lt Gen Chaudhry questioned …").
func mentionedSubject(sentence string) (string, int) {
	// "Mawlawi Abdul Kabir, Afghanistan’s acting Minister of Refugees
	// and Repatriation, made this appeal …": a name and its office, not
	// the state the office names.
	if m := nameOfficeSubjectRe.FindStringSubmatchIndex(sentence); m != nil && roleWordRe.MatchString(sentence[m[4]:m[5]]) && personNameRe.MatchString(sentence[m[2]:m[3]]) && IdentifySpeaker(sentence[m[2]:m[3]]) == "" {
		return sentence[m[2]:m[5]], m[2]
	}
	// "Pakistan’s Permanent Representative to the United Nations
	// Ambassador Asim Iftikhar Ahmad made the remarks": the office and the
	// name, not the state.
	office := hasWordIn(sentence, roleWords) // what officeAndName needs
	if m := officeSubjectRe.FindStringSubmatchIndex(sentence); office && m != nil && officeAndName(sentence[m[2]:m[3]]) && len(speakerRegistry().findNames(sentence[m[2]:m[3]])) > 0 {
		if sp := LookupSpeaker(IdentifySpeaker(sentence[m[2]:m[3]])); sp == nil || sp.Kind != "person" {
			return sentence[m[2]:m[3]], m[2]
		}
	}
	if phrase, at := subjectPhrase(sentence); phrase != "" {
		return phrase, at
	}
	// "Meanwhile, Balochistan Chief Minister Sarfaraz Bugti strongly
	// condemned …": an office and a name the lists do not know.
	from := 0
	if loc := leadClauseRe.FindStringIndex(sentence); loc != nil {
		from = loc[1]
	}
	if !office {
		// no office: only a body or a name and its office can follow
	} else if m := officeSubjectRe.FindStringSubmatchIndex(sentence[from:]); m != nil && officeAndName(sentence[from+m[2]:from+m[3]]) {
		return sentence[from+m[2] : from+m[3]], from + m[2]
	}
	// "The Ministry of Labour and Migration shared …": a body.
	if m := bodySubjectMentionRe.FindStringSubmatchIndex(sentence[from:]); m != nil && isBody(sentence[from+m[2]:from+m[3]], identity{}) {
		return sentence[from+m[2] : from+m[3]], from + m[2]
	}
	if !openingParticipleRe.MatchString(sentence) {
		return "", 0
	}
	if m := subjectAfterCommaRe.FindAllStringSubmatchIndex(sentence, -1); m != nil {
		last := m[len(m)-1]
		return sentence[last[2]:last[3]], last[2]
	}
	return "", 0
}

// whoSubject is the name opening a sentence before ", who …" when it is a
// person's the lists and the gazetteer do not know; "" when not.
func whoSubject(sentence string) string {
	m := whoSubjectRe.FindStringSubmatch(sentence)
	if m == nil || !personNameRe.MatchString(m[1]) || IdentifySpeaker(m[1]) != "" || len(DefaultGazetteer().Find(m[1])) > 0 || notSpeaker(m[1]) {
		return ""
	}
	return m[1]
}

var (
	whoSubjectRe         = regexp.MustCompile(`^([A-Z][\p{L}’'-]+(?:\s+[A-Z][\p{L}’'-]+){1,3}),\s+who\s`)
	nameMetRe            = regexp.MustCompile(`^(?:(?:On|Later on|Earlier on|Late on|On the same)\s+\w+,\s+)?([A-Z][\p{L}’'-]+(?:\s+[A-Z][\p{L}’'-]+)?)\s+(?:also\s+)?(?:met|visited|received|hosted|held talks|called on)\b`)
	officeSubjectRe      = regexp.MustCompile(`^((?:[A-Z][\p{L}’'.-]*\s+|(?:of|to|the|for)\s+){1,12}[A-Z][\p{L}’'-]+)\s+(?:also\s+|strongly\s+|later\s+|(?:on|late|early)\s+\w+\s+)?(?:[a-z]{3,}ed|met|told|said|spoke|held|made|gave)\b`)
	nameOfficeSubjectRe  = regexp.MustCompile(`^([A-Z][\p{L}’'-]+(?:\s+[A-Z][\p{L}’'-]+){1,3}),\s+([^,“”"]{3,120}),\s+(?:(?:on|late|early)\s+\w+\s+)?(?:also\s+)?(?:[a-z]{3,}ed|made|met|held|spoke|told|said|gave|sent|paid)\b`)
	bodySubjectMentionRe = regexp.MustCompile(`^((?:[A-Z][\p{L}’'.-]*\s+|(?:of|for|and|on)\s+){1,8}(?:[A-Z][\p{L}’'-]+|\([A-Z]{2,8}\)))\s+(?:also\s+|(?:on|late|early)\s+\w+\s+)?(?:[a-z]{3,}ed|met|told|said|spoke|held|shared|sent|gave|issued)\b`)
	openingParticipleRe  = regexp.MustCompile(`^[A-Z][a-z]+ing\s`)
	subjectAfterCommaRe  = regexp.MustCompile(`,\s+((?:[A-Z][\p{L}.’'-]*\s+){0,4}[A-Z][\p{L}’'-]+)\s+(?:also\s+)?(?:[a-z]{3,}ed|said|told|met|spoke)\b`)
)

// withParticipleRe: ", with <speakers> <participle> [that]"; group 1 is
// the speakers.
var withParticipleRe = regexp.MustCompile(`,\s*with\s+((?:(?:[A-Z][\p{L}’'-]*|senior|security|local|military|government|provincial|district|health|hospital)\s+){0,3}(?:officials|sources|authorities|officers|doctors|medics|residents|witnesses)|[A-Z][\p{L}’'-]+(?:\s+[A-Z][\p{L}’'-]+){0,3})\s+(?:saying|stressing|noting|adding|claiming|warning|insisting|confirming|accusing|blaming|urging)\s+(?:that\s+)?`)

// namedSubjectRe: one to three capitalised words opening a sentence, then
// a verb in the past; group 1 is the name.
var namedSubjectRe = regexp.MustCompile(`^((?:[A-Z][\p{L}’'.-]*\s+){0,4}[A-Z][\p{L}’'-]+)\s+(?:also\s+|(?:on|late|early)\s+[A-Z]\w+\s+)?[a-z]+ed\b`)

// officeNameSubjectRe: an office, then a name between commas, opening a
// sentence before its verb; group 1 is both.
var officeNameSubjectRe = regexp.MustCompile(`^((?:[A-Z][\p{L}’'-]*\s+|(?:of|for|the)\s+){1,8}[A-Z][\p{L}’'-]*,\s+[A-Z][\p{L}’'-]+(?:\s+[A-Z][\p{L}’'-]+){0,3}),\s+(?:(?:at|in|during)\s+[^,“”"]{1,80},\s+)?(?:(?:on|late|early)\s+\w+\s+)?(?:also\s+)?(?:[a-z]+ed|met|held|spoke|sent|made|gave|took|paid|led|wrote)\b`)

// leadAt: "At the meeting," opens a leading clause; "At least 12 people
// were killed," opens what is said.
const leadAt = `At\s+(?:the|a|an|his|her|their|its|this|that|around|about|dawn|dusk|midnight|noon|night|one|[A-Z0-9][^\s,]*)`

var (
	accordingTailRe       = regexp.MustCompile(`^(.+?),\s*(?:according to|as per)\s+((?:the\s+)?[^,;“”"]{2,80}?)\s*[.!?]?\s*$`)
	accordingMidRe        = regexp.MustCompile(`^(.+?),\s*according to\s+((?:the\s+)?[^,;“”"]{2,60}?),\s*(.+)$`)
	citingRe              = regexp.MustCompile(`^(.+?),\s*citing\s+((?:the\s+)?[^,;“”"]{2,80}?)\s*[.!?]?\s*$`)
	statementParticipleRe = regexp.MustCompile(`\s(?:issued|released|put out|published|posted)\s+(?:a\s+)?(?:(?:written|brief|separate|formal|official|detailed|fresh|new|strongly worded|strongly-worded)\s+)?(?:statement|press release|message|post)(?:\s+(?:on|late|early|last)\s+\w+(?:\s+\w+)?)?,?\s+(?:saying|accusing|calling|urging|condemning|stating|claiming|denying|warning|insisting|rejecting|alleging|blaming|confirming|reiterating|announcing)\s+(?:that\s+)?`)
	participleColonRe     = regexp.MustCompile(`,\s*(?:saying|stating|adding|noting|declaring)\s*[:,]?\s*:$`)
	participleRe          = regexp.MustCompile(`,\s*(?:saying|stating|adding|noting|insisting|claiming|warning|highlighting|emphasi[sz]ing|stressing|alleging|arguing|asserting|suggesting|declaring|reiterating|maintaining|cautioning|calling for|calling on|urging|accusing|terming|denouncing|describing)(?:\s+that)?\s+`)
	leadOpenRe            = regexp.MustCompile(`^\s*(?:In|On|During|` + leadAt + `|After|Before|Regarding|Referring|Responding|Commenting|Asked|When asked|Speaking|Addressing|Talking|Writing|Following|Amid|Despite)\b`)
	leadClauseRe          = regexp.MustCompile(`^(?:(?:Meanwhile|However|Separately|Earlier|Later|Also|(?:A|An|One|Two|Three|Several|Hours|Days|Weeks)\s+(?:(?:day|days|week|weeks|month|months|hour|hours)\s+)?(?:earlier|later|ago|before)),\s*|(?:In|On|During|` + leadAt + `|Referring|Speaking|Expressing|Addressing|Talking|Writing|Regarding|Responding|Commenting|Asked|When asked|Following|Amid|After|Before|Despite|Without)\b[^,]{0,100},\s*|[A-Z][a-z]{2,}ing\s+(?:out|up|on|to|about|at|in|with|over|for|from|the|a|an|his|her|its|their|that|this|these|those)\s[^,“”"]{0,150},\s*)`)
	midSubordinateRe      = regexp.MustCompile(`\s(?:as|when|after|while|because|since|before|until|though|although)\s+`)
	subordinateRe         = regexp.MustCompile(`\b(?:when|after|as|while|which|that|because|since|where|before|until|While|When|After|As|Because|Since)\s+`)
	objectVerbs           = map[string]bool{"accuses": true, "blames": true, "accused": true, "blamed": true, "denied": true, "rejected": true, "condemned": true, "described": true, "referred to": true, "called on": true, "called upon": true, "called for": true, "appealed for": true, "appealed to": true, "dismissed": true, "termed": true, "terms": true, "denies": true, "deny": true, "rejects": true, "refuted": true, "asked": true, "requested": true}
)

// adjectiveBefore: words after which a reporting verb's participle is an
// adjective ("the reported talks").
// objectFirst: verbs whose object comes before what is said ("urged
// Pakistan to stop decisions that harm people", "accused Kabul of
// harbouring groups that attack"): a later "that" opens a relative clause.
var objectFirst = map[string]bool{"urged": true, "urges": true, "called on": true, "called upon": true, "accused": true, "accuses": true, "blamed": true, "demanded": true, "asked": true, "requested": true}

// noteAdjective: an adjective before "note", the noun.
var noteAdjective = map[string]bool{"related": true, "similar": true, "separate": true, "different": true, "positive": true, "sombre": true, "somber": true, "cautionary": true, "optimistic": true, "final": true, "lighter": true, "brighter": true, "same": true, "diplomatic": true, "verbal": true, "new": true, "personal": true, "another": true}

var adjectiveBefore = map[string]bool{"the": true, "a": true, "an": true, "of": true, "regarding": true, "about": true, "over": true, "into": true, "such": true, "its": true, "their": true, "his": true, "her": true, "these": true, "those": true, "any": true, "this": true, "with": true, "by": true, "for": true, "newly": true, "publicly": true}

// denialVerbs deny what the sentence around them claims.
var denialVerbs = map[string]bool{"denied": true, "denies": true, "deny": true, "rejected": true, "rejects": true, "dismissed": true, "refuted": true}

// feelingObjectRe: what a feeling is about ("over the killing of …").
var feelingObjectRe = regexp.MustCompile(`^(?:deep\s+|grave\s+|serious\s+)?(?:over|about|at|regarding|on)\s`)

// feelingRe: a speaker's feeling reported as all that was said ("he was
// “dismayed” by fresh reports of air strikes").
var feelingRe = regexp.MustCompile(`^(?:that\s+)?(?:he|she|they|it|we|I)\s+(?:was|were|is|are|had been|has been|felt)\s+(?:deeply\s+|very\s+|extremely\s+|gravely\s+)?[“"‘]?(?:dismayed|saddened|shocked|alarmed|appalled|disappointed|pleased|encouraged|concerned|worried|troubled|horrified|heartbroken|grieved|happy|glad|delighted|outraged)[”"’]?(?:\s+(?:by|at|over|about|with|to\s+(?:hear|learn|see))\b[^;:“”]*)?\s*[.]?$`)

// protestRe: a strike or protest announced or threatened, not a statement.
var protestRe = regexp.MustCompile(`^(?:of\s+)?(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,3}(?:strike|protest|sit-in|shutdown|march|boycott|rally|dharna)s?\b`)

// vowRetaliateRe: what a vow of retaliation vows.
var vowRetaliateRe = regexp.MustCompile(`^(?:(?:on|late|early)\s+\w+\s+|today\s+|tonight\s+)?(?:to\s+)?[“"]?(?:retaliat\w*|respond|revenge|avenge|take\s+revenge|(?:a\s+)?(?:strong\s+|befitting\s+|swift\s+|firm\s+)?(?:retaliation|response|revenge))\b`)

// offerRe: an offer made, the object of "announced", "reiterated" …
var offerRe = regexp.MustCompile(`^(?:(?:its|his|her|their|our|the|[A-Z][\p{L}]*(?:’s|'s))\s+)?(?:full\s+|continued\s+|complete\s+)?(?:readiness|willingness|preparedness)\s+to\b`)

// bareCondemnRe: a condemnation of an event, with nothing said of it.
var bareCondemnRe = regexp.MustCompile(`^(?:the|this|these|an?|another|today's|yesterday's|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's)\s+(?:[a-z-]+\s+){0,3}(?:attacks?|bombings?|blasts?|killings?|incidents?|explosions?|assaults?)(?:\s+(?:in|on|at)\s+[^,;“”"]{1,40})?(?:\s+(?:as well|too))?(?:,\s+(?:carried out|claimed|perpetrated|which|that)\b[^;“”]*)?(?:\s+and\s+(?:offered|expressed|prayed|extended|condoled)\b.*|\s*[.,]?\s*)$`)

// denialObjectRe: what a denial closing the sentence denies.
var denialObjectRe = regexp.MustCompile(`^(?:these|the|such|those|this|all|any|their|his|its|her)\s+(?:allegations?|claims?|reports?|charges?|accusations?|assertions?)\s*[.]?$`)

// calledOnToRe: whom "called on" asks to do something.
var calledOnToRe = regexp.MustCompile(`^(?:the\s+|both\s+|all\s+|[a-z]|(?:Pakistan|Afghanistan|Kabul|Islamabad|India|Iran|Israel|Hamas|the)\b)[^.;:]{0,80}?\bto\s+[“"‘]?[a-z]`)

// notBefore: words before a reporting verb that deny it ("neither denied nor
// confirmed", "has not said") or make it passive ("Injuries were reported").
// calledOnNameTo: "called on IEA to distance these members …", a name
// and what it is called on to do; not "called on President Zardari to
// discuss …", a visit.
func calledOnNameTo(rest string) bool {
	m := calledOnNameRe.FindStringSubmatch(rest)
	return m != nil && !visitVerbs[m[1]]
}

var (
	calledOnNameRe = regexp.MustCompile(`^[A-Z][\p{L}-]*(?:\s+[A-Z][\p{L}-]*){0,2}\s+to\s+(?:either\s+)?([a-z]+)`)
	visitVerbs     = map[string]bool{"discuss": true, "meet": true, "review": true, "exchange": true, "talk": true, "brief": true, "inquire": true, "congratulate": true, "pay": true}
)

// reportKindBefore: words that make "report" a noun ("media report").
var reportKindBefore = map[string]bool{"media": true, "news": true, "press": true, "police": true, "intelligence": true, "official": true, "latest": true, "recent": true, "new": true, "annual": true, "local": true}

var notBefore = map[string]bool{"neither": true, "nor": true, "not": true, "never": true, "was": true, "were": true, "is": true, "are": true, "been": true, "be": true, "being": true}

// lastWord is the last space-separated word of s.
// pastAbbreviations: the end of a phrase that stopped at the full stop of
// an abbreviation or an initial ("said CENTCOM Commander Adm. Brad
// Cooper."), moved on to the stop that ends its sentence.
func pastAbbreviations(s string, end int) int {
	for end+1 < len(s) && s[end] == '.' {
		w := lastWord(s[:end])
		if !abbreviations[w] && !(len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z') {
			break
		}
		next := strings.IndexAny(s[end+1:], ".;!?\n“”\"")
		if next < 0 || next > 120 {
			break
		}
		end += 1 + next
		end -= len(s[:end]) - len(strings.TrimRight(s[:end], " "))
	}
	return end
}

// firstWord is the first word of s, lower-cased, without punctuation.
func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(strings.Trim(f[0], ",.;:“”\"'’"))
}

func lastWord(s string) string {
	t := strings.TrimRight(s, " \t\n")
	return t[strings.LastIndexAny(t, " \t\n")+1:]
}

// subjectOf is subjectPhrase of the sentence sent of text up to end.
func subjectOf(text string, sent [2]int, end int) string {
	if end <= sent[0] {
		return ""
	}
	p, _ := subjectPhrase(text[sent[0]:end])
	return p
}

// nameAfterRe: two or three capitalised words, a name after an office.
var nameAfterRe = regexp.MustCompile(`^\s+[A-Z](?:[\p{L}’'-]+|\.)?(?:\s+[A-Z][\p{L}’'-]+){1,2}`)

// initialNameRe: an initial and a surname ("S Jaishankar").
var initialNameRe = regexp.MustCompile(`^[A-Z]\.?\s+[A-Z][\p{L}’'-]+$`)

// subjectNounRe: an unnamed speaker opening a sentence ("Pakistani
// officials", "Security sources").
var subjectNounRe = regexp.MustCompile(`^(?:the\s+)?(?:(?:[A-Z][\p{L}’'-]*|senior|security|local|military|diplomatic|government|former|acting)\s+){0,3}(?:officials?|sources|spokes(?:man|person|woman)|delegation|diplomats?|(?:[Ff]oreign|[Dd]efen[cs]e|[Ii]nterior|[Ii]nformation|[Pp]rime) [Mm]inister|(?:[A-Z][\p{L}’'-]*\s+){1,2}Minister)\b`)

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
	// "The Taliban’s Ministry of Defence disputed this, claiming …": the
	// ministry, not the party that owns it.
	if loc := ministryLoc(head); loc != nil && strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(head[:loc[0]], "The "), "the ")) == "" {
		return strings.TrimSpace(head[:loc[1]]), start
	}
	hits := speakerRegistry().findNames(head)
	// "Taliban spokesman Zabihullah Mujahid": the person the words
	// before the name describe.
	first := 0
	for i, h := range hits {
		// "Pakistan's Deputy Prime Minister and Foreign Minister Ishaq
		// Dar": a long office may come before the name.
		if h.start > 80 {
			break
		}
		// Not "Dar informed Araghchi": a person before is the subject.
		// "Foreign Office Spokesperson, Shafqat Ali Khan,": the office,
		// a comma, the name.
		between := head[hits[0].start:h.start]
		if h.sp.Kind == "person" && i > 0 && hits[0].sp.Kind != "person" && (!strings.ContainsAny(between, ",;") || strings.Count(between, ",") == 1 && !strings.Contains(between, ";") && officeWordsOnly(strings.Trim(head[hits[0].end:h.start], " ,"))) {
			first = i
			break
		}
	}
	// "Pakistani officials": the officials, not the party they serve.
	m := subjectNounRe.FindString(head)
	// "Saudi Arabia’s Minister of State for Foreign Affairs, …": a longer
	// office, which the lines below read.
	if rest := head[len(m):]; strings.HasSuffix(m, "Minister") && (strings.HasPrefix(rest, " of ") || strings.HasPrefix(rest, " for ")) {
		m = ""
	}
	if m != "" && (len(hits) == 0 || hits[first].start > 80 || hits[first].start < len(m) && len(m) > hits[first].end) {
		// "Former Foreign Minister Bilawal Bhutto-Zardari": the office,
		// then the name the lists do not know.
		if n := strings.TrimSpace(nameAfterRe.FindString(head[len(m):])); n != "" && (personNameRe.MatchString(n) || initialNameRe.MatchString(n)) && !roleWordRe.MatchString(n) && !notSpeaker(n) {
			m += " " + n
		}
		return m, start
	}
	if len(hits) == 0 || hits[first].start > 80 || hits[first].start > 40 && !officeWordsOnly(head[:hits[first].start]) {
		return "", 0
	}
	h := hits[first]
	// "Türkiye's Head of Communications Burhanettin Duran": a state's
	// officer the lists do not know, named with the office.
	if h.sp.Kind != "person" {
		if m := possessiveOfficeRe.FindStringIndex(head[h.start:]); m != nil && officeAndName(strings.TrimSpace(head[h.start:h.start+m[1]])) {
			return strings.TrimSpace(head[h.start : h.start+m[1]]), start + h.start
		}
	}
	end := h.end
	// An appositive: ", the chief spokesman for the government,".
	if rest := head[end:]; strings.HasPrefix(rest, ", ") && !leadAsideRe.MatchString(rest) {
		if c := strings.Index(rest[2:], ","); c > 0 && c < 120 {
			first, _ := utf8.DecodeRuneInString(rest[2:])
			// Not ", at his weekly briefing on Friday,": an occasion.
			if (unicode.IsLower(first) || strings.HasPrefix(rest[2:], "the ") || strings.HasPrefix(rest[2:], "The ")) && !occasionOpenRe.MatchString(rest[2:]) {
				end += 2 + c
			}
		}
	}
	// "Pakistan’s Defence Minister Khawaja Asif": the words before the
	// name that belong to it.
	from := h.start
	// "Baloch expressed Pakistan’s concern": a verb before the name makes
	// it no subject.
	if pre := strings.TrimSpace(head[:from]); verbBeforeNameRe.MatchString(pre) {
		return "", 0
	} else if pre != "" && !strings.Contains(pre, ",") && (len(strings.Fields(pre)) <= 5 || len(strings.Fields(pre)) <= 9 && officeWordsOnly(pre) && roleWordRe.MatchString(pre) && !strings.ContainsAny(pre, "'’")) {
		// "Deputy Prime Minister and Foreign Minister Senator Ishaq Dar".
		from = strings.Index(head, pre)
	} else if o := strings.TrimSuffix(pre, ","); o != pre && !strings.Contains(o, ",") && len(strings.Fields(o)) <= 5 && officeWordsOnly(o) && roleWordRe.MatchString(o) {
		// "Foreign Office Spokesperson, Shafqat Ali Khan".
		from = strings.Index(head, pre)
	}
	return strings.TrimSpace(head[from:end]), start + from
}

// possessiveOfficeRe: "Türkiye's Head of Communications Burhanettin
// Duran": a name's possessive, an office and a name.
var possessiveOfficeRe = regexp.MustCompile(`^[A-Z][\p{L}-]*(?:\s[A-Z][\p{L}-]*)?['’]s\s+(?:[A-Z][\p{L}’'.-]*\s+|(?:of|for|the|and)\s+){1,8}[A-Z][\p{L}’'-]+`)

// unlistedGroupRe: an armed group the lists do not know, by its name.
var unlistedGroupRe = regexp.MustCompile(`^(?:[Tt]he\s+)?(?:[A-Z][\p{L}’'-]*\s+){1,5}(?:group|outfit|network|brigade|front|movement)$`)

// participleAppRe: an appositive saying whom a speaker belongs to.
var participleAppRe = regexp.MustCompile(`^(?:affiliated|linked|allied|associated|aligned|backed|based|close|loyal)\s+(?:with|to|by|in|on)\s`)

// commaAsideRe: an occasion between commas closing a speaker phrase.
var commaAsideRe = regexp.MustCompile(`,\s+(?:in|at|during|on|while|speaking|addressing|writing|talking)\s[^,“”"]{1,60},\s*$`)

// occasionOpenRe: an aside of when or where, not who.
var occasionOpenRe = regexp.MustCompile(`^(?:at|in|during|on|while|after|before|speaking|addressing|talking|writing)\s`)

// verbBeforeNameRe: a lower-case past verb among the words before a name.
var verbBeforeNameRe = regexp.MustCompile(`(?:^|\s)[a-z]{3,}(?:ed|ised|ized)(?:\s|$)`)

// reportedVerb: "<speaker> <verb> [that] …".
func reportedVerb(s string, span [2]int, quotes []quoteSpan) (event, bool) {
	verbs := findSpeechVerbs(s)
	if ev, ok := closingAttribution(s, span, quotes, verbs); ok {
		return ev, true
	}
	for _, m := range verbs {
		if inside(quotes, span[0]+m[0]) {
			continue
		}
		// "the reported talks", "the alleged attack": a participle used
		// as an adjective reports nothing.
		if w := strings.ToLower(lastWord(s[:m[0]])); adjectiveBefore[w] || notBefore[w] {
			continue
		}
		// "The statement apparently referred to an operation …": the
		// outlet's guess at what was meant, not what was said.
		if w := lastWord(s[:m[0]]); w == "apparently" || w == "seemingly" || w == "presumably" || w == "possibly" || w == "probably" {
			continue
		}
		// "India’s alleged role", "Kabul's stated aim": a participle after
		// a possessive is an adjective.
		if w := lastWord(s[:m[0]]); (strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s")) && strings.HasSuffix(s[m[2]:m[3]], "ed") {
			continue
		}
		// "On a related note, …": the noun.
		if v, w := s[m[2]:m[3]], strings.ToLower(lastWord(s[:m[0]])); (v == "note" || v == "notes") && noteAdjective[w] {
			continue
		}
		// "according to local media report": a noun after its kind.
		// "A new UNHCR report said …": the report is what speaks.
		if v := s[m[2]:m[3]]; (v == "report" || v == "reports") && (reportKindBefore[strings.ToLower(lastWord(s[:m[0]]))] || speechVerbSet[firstWord(s[m[1]:])]) {
			continue
		}
		// "The Taliban deny these allegations" denies; "… is expected to
		// fulfil its obligations and deny the use of its soil" does not.
		if s[m[2]:m[3]] == "deny" && !denialObjectRe.MatchString(strings.TrimSpace(s[m[1]:])) {
			continue
		}
		// "… as a warning over what it said were Israeli truce
		// violations": the speaker's word for a thing, not a statement.
		if b := s[max(0, m[0]-48):m[0]]; strings.Contains(b, "what ") && whatBeforeRe.MatchString(b) {
			continue
		}
		// "The strike claimed the lives of …" reports a toll, not speech.
		if s[m[2]:m[3]] == "claimed" && claimedLivesRe.MatchString(s[m[1]:]) {
			continue
		}
		// "the last attack claimed by ISIL", "the charges denied by
		// Kabul": a participle, the speaker after "by".
		if strings.HasPrefix(strings.TrimLeft(s[m[1]:], " "), "by ") && strings.HasSuffix(s[m[2]:m[3]], "ed") {
			continue
		}
		if ev, ok := invertedReported(s, span, m); ok {
			return ev, true
		}
		// "- He accused the Taliban of …": a key point under the headline.
		prefix := strings.TrimLeft(s[:m[0]], "•●▪◦*–- ")
		if loc := datelineRe.FindStringIndex(prefix); loc != nil {
			prefix = prefix[loc[1]:]
		}
		// "On Afghanistan, the spokesperson said", "Commenting on the
		// reports, Andrabi said": the clause before the subject. A verb
		// inside that clause is not the sentence's.
		if loc := leadClauseRe.FindStringIndex(prefix); loc != nil {
			prefix = prefix[loc[1]:]
		} else if !strings.Contains(prefix, ",") && leadOpenRe.MatchString(prefix) {
			continue
		}
		// "Mujahid, who is also a deputy minister, told …"
		if loc := relativeAsideRe.FindStringIndex(prefix); loc != nil && strings.TrimSpace(prefix[loc[1]:]) == "" {
			prefix = prefix[:loc[0]] + " "
		}
		// "Niamat Shahzad, a doctor — 100 kilometres from the border —
		// said", "an official who asked not to be named said": an aside
		// between the speaker and the verb.
		if loc := dashAsideRe.FindStringIndex(prefix); loc != nil && loc[0] > 0 {
			prefix = prefix[:loc[0]] + " "
		}
		if loc := anonymousRe.FindStringIndex(prefix); loc != nil && loc[0] > 0 {
			prefix = prefix[:loc[0]] + " "
		}
		// "The official, speaking on condition of anonymity, said".
		if loc := participleAsideRe.FindStringIndex(prefix); loc != nil && loc[0] > 0 {
			prefix = prefix[:loc[0]] + " "
		}
		if loc := ageRe.FindStringIndex(strings.TrimRight(prefix, " ")); loc != nil && loc[0] > 0 {
			prefix = prefix[:loc[0]] + " "
		}
		// "President Paul Kagame on Thursday, December 4, described": the
		// day between the speaker and the verb.
		if loc := dayAsideRe.FindStringIndex(prefix); loc != nil && loc[0] > 0 {
			prefix = prefix[:loc[0]] + " "
		}
		// "Islamabad, however, reiterated …", "Pakistan has long
		// expressed …", "the ministry later condemned …"
		if loc := asideRe.FindStringIndex(prefix); loc != nil {
			prefix = prefix[:loc[0]] + " "
		}
		if loc := auxRe.FindStringIndex(prefix); loc != nil && loc[0] > 0 {
			prefix = prefix[:loc[0]] + " "
		}
		// "Maj Gen Ahmed Sharif Chaudhry in his maiden press briefing last
		// month said": where it was said, between speaker and verb.
		if loc := inAsideRe.FindStringIndex(prefix); loc != nil && loc[0] > 0 {
			prefix = prefix[:loc[0]] + " "
		}
		if t := trimAdverb(strings.TrimRight(prefix, " ")); len(t)+1 < len(prefix) {
			prefix = t + " "
			// "the spokesperson also strongly condemned"
			if loc := auxRe.FindStringIndex(prefix); loc != nil && loc[0] > 0 {
				prefix = prefix[:loc[0]] + " "
			}
		}
		// "Trump, in his post, had claimed": an aside of where or when
		// between the speaker and the verb.
		if loc := commaAsideRe.FindStringIndex(prefix); loc != nil && loc[0] > 0 {
			prefix = prefix[:loc[0]] + " "
		}
		// "the ISPR, the military's media wing, said": the comma closing
		// an appositive is not the one that opens the speaker.
		if t := strings.TrimRight(prefix, " "); strings.HasSuffix(t, ",") && strings.Count(t, ",") >= 2 {
			prefix = t[:len(t)-1] + " "
		}
		phrase := prefix
		trimmed := strings.TrimRight(prefix, " ,")
		// "A spokesman for the police, Ahmad Khan": a description with an
		// office, or a short one; not "…killed in a drone attack on the
		// capital, Governor X said".
		if a := reverseAppRe.FindStringSubmatchIndex(trimmed); a != nil && opensSegment(trimmed[:a[0]]) && (roleWordRe.MatchString(trimmed[a[2]:a[3]]) || len(strings.Fields(trimmed[a[2]:a[3]])) <= 6) {
			phrase = trimmed[a[0]:]
		} else if a := appositiveRe.FindStringSubmatchIndex(strings.TrimRight(prefix, " ")); a != nil && !placePrepRe.MatchString(lastWord(prefix[:a[0]])) && !clauseOpenRe.MatchString(prefix[a[4]:a[5]]) && !namesBody(prefix[a[4]:a[5]]) {
			// Not "… killed in North Waziristan, the military's media wing
			// said": a name after a preposition is a place or an object.
			phrase = prefix[a[0]:]
			if c := strings.LastIndex(prefix[:a[0]], ","); c >= 0 {
				phrase = prefix[a[0]:]
			}
		} else if c := strings.LastIndex(prefix, ","); c >= 0 {
			phrase = prefix[c+1:]
			// "The Declaration of Principles, signed on July 19 in Doha,
			// Qatar, indicated": a city's country, not the speaker.
			if b := strings.Fields(prefix[:c]); len(b) >= 2 && placePrepRe.MatchString(b[len(b)-2]) && isPlaceName(b[len(b)-1]) && isPlaceName(strings.TrimSpace(phrase)) {
				continue
			}
			// "the ISPR, the military's media wing, said": the segment
			// before a descriptive appositive names the speaker.
			if descRe.MatchString(strings.TrimSpace(phrase)) && (IdentifySpeaker(phrase) == "" || !namedSpeakerPhrase(strings.TrimSpace(phrase))) {
				if c2 := strings.LastIndex(prefix[:c], ","); IdentifySpeaker(prefix[c2+1:c]) != "" && namedSpeakerPhrase(strings.TrimSpace(prefix[c2+1:c])) {
					phrase = prefix[c2+1 : c]
				}
			}
			// "The Jayesh Fursan Muhammad group, affiliated with the Hafiz
			// Gul Bahadar network, claimed": the group, not its network.
			if participleAppRe.MatchString(strings.TrimSpace(phrase)) {
				c2 := strings.LastIndex(prefix[:c], ",")
				if t := strings.TrimSpace(prefix[c2+1 : c]); t != "" && plausibleSpeakerPhrase(t) {
					phrase = prefix[c2+1 : c]
				}
			}
			// "Junaid Makda, President of the Pak-Afghan Joint Chamber of
			// Commerce, stated": a name, then its office written in capitals.
			if capOfficeRe.MatchString(strings.TrimSpace(phrase)) {
				c2 := strings.LastIndex(prefix[:c], ",")
				if name := strings.TrimSpace(prefix[c2+1 : c]); personNameRe.MatchString(name) && !roleWordRe.MatchString(name) {
					phrase = prefix[c2+1:]
				}
			}
		}
		phrase = strings.TrimSpace(phrase)
		// "The Pakistan Army, they added, has …": a parenthetical whose
		// pronoun is the speaker, not the subject before it.
		if c := strings.LastIndex(phrase, ", "); c >= 0 && pronounRe.MatchString(strings.TrimSpace(phrase[c+2:])) {
			phrase = strings.TrimSpace(phrase[c+2:])
		}
		// "…, but security sources said", "But it did say".
		if loc := conjOpenRe.FindStringIndex(phrase); loc != nil && loc[1] < len(phrase) {
			phrase = phrase[loc[1]:]
		}
		// "63-year-old Sean Leap said", "Sean Leap, 63, said": the age
		// is not the name.
		if strings.ContainsAny(phrase, "0123456789") {
			phrase = strings.TrimSpace(ageRe.ReplaceAllString(phrase, ""))
		}
		// "Shahid Rind, a spokesperson for …, and Hamza Shafqaat, the
		// commissioner, confirmed": the last of two speakers is not the
		// speaker; the two together are not one.
		if i := strings.LastIndex(prefix, phrase); phrase != "" && i > 0 && strings.HasSuffix(strings.TrimRight(prefix[:i], " ,"), " and") && strings.Contains(prefix[:i], ",") {
			continue
		}
		// "The Taliban spokesperson refuted claims of X, a commander, being
		// in Afghanistan and warned that …": a second verb of the
		// sentence's subject; the words before "and" are the first verb's.
		if strings.HasSuffix(strings.TrimRight(prefix, " "), " and") {
			// Not "met the envoy who praised … and suggested": the
			// relative clause's subject.
			// Nor "… after the TTP called off its ceasefire and vowed
			// …": a subordinate clause's.
			sp, at := subjectPhrase(s[:m[0]])
			if sp == "" || relativeWordRe.MatchString(prefix) || coordBreakRe.MatchString(s[at+len(sp):m[0]]) {
				continue
			}
			phrase = sp
		}
		// "Tensions escalate as Islamabad warns …", "X’s comments came
		// days after he expressed …": the subject of the clause the verb
		// is in.
		if loc := midSubordinateRe.FindStringIndex(phrase); loc != nil && loc[0] > 0 {
			cut := strings.TrimSpace(phrase[loc[1]:])
			// "…, though neither Islamabad nor Kabul has confirmed the
			// reports": nobody confirmed anything.
			if strings.HasPrefix(strings.ToLower(cut), "neither ") {
				continue
			}
			if cut != "" && (namedSpeakerPhrase(cut) || pronounRe.MatchString(cut)) {
				phrase = cut
			}
		}
		relative := false
		plausible := phrase != "" && plausibleSpeakerPhrase(phrase)
		if phrase != "" && !plausible {
			// "… began when the Taliban accused …", "… explosions that
			// the Taliban blamed on …": the speaker after the last
			// subordinating word.
			if locs := subordinateRe.FindAllStringIndex(phrase, -1); len(locs) > 0 {
				last := locs[len(locs)-1]
				if cut := leadAdverbRe.ReplaceAllString(strings.TrimSpace(phrase[last[1]:]), ""); cut != "" && plausibleSpeakerPhrase(cut) && !pronounRe.MatchString(cut) {
					w := strings.TrimSpace(phrase[last[0]:last[1]])
					relative = w == "that" || w == "which"
					// "he appreciated that Afghan officials have
					// acknowledged …": "that" after a verb opens what he
					// said, not a relative clause.
					if b := strings.ToLower(lastWord(phrase[:last[0]])); w == "that" && (strings.HasSuffix(b, "ed") || speechVerbSet[b]) {
						return event{}, false
					}
					phrase, plausible = cut, true
				}
			}
		}
		if !plausible {
			// "Khawaja Asif described the plan as a step forward and
			// suggested that …": the sentence's subject, when the lists
			// know it, says what follows the second verb too.
			if ev, ok := coordinated(s, span, m); ok {
				return ev, true
			}
			if ev, ok := relativeSpeaker(s, span, m); ok {
				return ev, true
			}
			// "The talks concluded two days back, spokesman Mujahid
			// said.": a verb whose subject is no speaker may be followed
			// by the attribution.
			continue
		}
		verb := s[m[2]:m[3]]
		minWords := 4
		if objectVerbs[verb] {
			minWords = 3
			// "The Taliban deny these allegations.": the object closing
			// the sentence is what is denied.
			if denialObjectRe.MatchString(strings.TrimSpace(s[m[1]:])) {
				minWords = 2
			}
		}
		rest := strings.TrimSpace(s[m[1]:])
		// "He said this in a statement while responding to …": what was
		// said is in the sentence before.
		if thisTailRe.MatchString(rest) {
			continue
		}
		// "described the attack as …" says something; "described the
		// scene" does not.
		// "described the truce—reached through mediation—as “a step”".
		if (verb == "described" || verb == "referred to") && !strings.Contains(rest, " as ") && !strings.Contains(rest, "—as ") && !strings.Contains(rest, "–as ") {
			continue
		}
		// "condemned the attack and offered condolences" expresses feeling;
		// "condemned the strikes as a violation" says something.
		if verb == "condemned" && bareCondemnRe.MatchString(rest) {
			continue
		}
		// "criticised the government in a speech": a bare criticism says
		// nothing; "criticised X for …" and "as …" do (LABELLING.md).
		if (verb == "criticised" || verb == "criticized") && !strings.Contains(rest, " for ") && !strings.Contains(rest, " as ") && !strings.HasPrefix(rest, "that ") && !strings.Contains(rest, ", saying") && !startsQuote(rest) {
			continue
		}
		// "expressed concern over the killing of …": a feeling, with
		// nothing said of its own (LABELLING.md); "expressed concern that
		// …" says something.
		// "expressed concern over the situation, saying that …": what the
		// participle introduces is said.
		// "said he was “dismayed” by fresh reports of …": the same.
		feelingCut := false
		if strings.HasPrefix(verb, "expressed ") && feelingObjectRe.MatchString(rest) || feelingRe.MatchString(rest) {
			loc := participleRe.FindStringIndex(rest)
			if loc == nil {
				continue
			}
			rest, feelingCut = strings.TrimSpace(rest[loc[1]:]), true
		}
		// "announced Iran’s readiness to help ease tensions": an offer,
		// not a statement (LABELLING.md, eighth pass), as "expressed
		// readiness" is.
		if offerRe.MatchString(rest) {
			continue
		}
		// "has vowed to retaliate against the assault": a vow of
		// retaliation says nothing of what happened (LABELLING.md); nor
		// does a threat ("threatened to send Afghanistan back to caves"),
		// nor "insisted on a ceasefire", an act the sentence reports.
		if verb == "vowed" && vowRetaliateRe.MatchString(rest) || (verb == "threatened" || verb == "announced") && strings.HasPrefix(rest, "to ") || (verb == "announced" || verb == "warned") && protestRe.MatchString(rest) || (verb == "insisted" || verb == "insists") && strings.HasPrefix(rest, "on ") {
			continue
		}
		// "2,817 people said to be injured": a passive, nobody's saying.
		if strings.HasPrefix(rest, "to be ") || strings.HasPrefix(rest, "to have ") {
			continue
		}
		// "he stated firmly, ruling out …": how it was said, then the
		// outlet's gloss.
		if adverbCommaRe.MatchString(rest) {
			continue
		}
		// "called on both countries to exercise restraint" says something;
		// "called on President Zardari at the Presidency" is a visit;
		// "asked the Islamic Emirate to arrest …" asks something, "asked
		// about the talks" does not.
		if (verb == "called on" || verb == "called upon" || verb == "appealed to" || verb == "asked" || verb == "requested") && !calledOnToRe.MatchString(rest) && !calledOnNameTo(rest) {
			continue
		}
		// "complained about the rotting of edibles", "hinted at possible
		// action", "maintains close ties", "warned Kabul of severe
		// consequences": what they were about, not what they said; with
		// "that" they say something.
		if (verb == "complained" || verb == "hinted") && !strings.Contains(rest[:min(len(rest), 60)], "that ") || (verb == "maintains" || verb == "maintained") && maintainsTiesRe.MatchString(rest) || verb == "warned" && !strings.Contains(rest, "that ") && consequencesRe.MatchString(rest) {
			continue
		}
		// "…, a claim Kabul denies": the denial of a claim the sentence
		// makes, not a statement of its own.
		if denialVerbs[verb] && claimNounRe.MatchString(s[max(0, m[0]-60):m[0]]) {
			continue
		}
		// "Pakistan has consistently asked the interim government to …":
		// a standing demand the outlet recalls, not a statement made.
		if verb == "asked" && perfectBeforeRe.MatchString(s[max(0, m[0]-30):m[0]]) {
			continue
		}
		// "…, a claim which New Delhi has denied": the denial of a claim
		// the sentence makes, not a statement of its own.
		if relative && (thatVerbs[verb] || denialVerbs[verb]) {
			continue
		}
		if relative {
			// What the relative clause says is about what precedes it:
			// the whole sentence is the claim.
			t := strings.TrimSpace(datelineRe.ReplaceAllString(s, ""))
			return event{pos: span[0] + m[0] - len(phrase), phrase: phrase, text: t, sentence: span, datePrefix: prefix + " " + verb}, true
		}
		datePrefix := prefix + " " + s[m[2]:m[3]]
		// "The Taliban stated that Muttaqi assured the Indian delegation
		// that …", "the Afghan ministry said Kabir expressed hope that …":
		// what the named person said, as the source reports it
		// (LABELLING.md, ninth and tenth passes).
		if verb == "said" || verb == "stated" || verb == "says" || verb == "added" {
			if ev, ok := innerStatement(s, span, strings.TrimPrefix(rest, "that "), datePrefix); ok {
				return ev, true
			}
		}
		said := feelingCut // what is said is introduced by "that" or a colon
		also := ""         // what a participle adds after the object
		// "…, Abdul Karim, a council member, said on Saturday, adding that
		// …": what precedes the attribution is said, and what it adds.
		if loc := addingRe.FindStringIndex(rest); loc != nil {
			if i := strings.LastIndex(prefix, phrase); i > 0 {
				pre := strings.TrimSpace(prefix[:i])
				if t := strings.TrimSpace(datelineRe.ReplaceAllString(strings.TrimSuffix(pre, ","), "")); strings.HasSuffix(pre, ",") && len(strings.Fields(t)) >= 4 && !startsQuote(t) {
					return event{pos: span[0] + m[0] - len(phrase), phrase: phrase, text: t, also: strings.TrimSpace(rest[loc[1]:]), sentence: span, datePrefix: s[m[2]:]}, true
				}
			}
		}
		// "confirmed on Friday that …", "told reporters that …"
		if loc := asideThatRe.FindStringIndex(rest); loc != nil {
			// "stated, during a press conference, that …"
			datePrefix += " " + rest[:loc[1]]
			rest = rest[loc[1]:]
			said = true
		} else if strings.HasPrefix(rest, "that ") {
			rest = rest[len("that "):]
			said = true
		} else if loc := thatAsideRe.FindStringIndex(rest); loc != nil {
			// "adds that, overall, Pakistan caused …"
			rest = rest[loc[1]:]
			said = true
		} else if i := strings.Index(rest, " that "); i >= 0 && i < 60 && !strings.ContainsAny(rest[:i], "“\"") && !finiteRe.MatchString(rest[:i]) && !afterCommaRe.MatchString(rest[:i]) && !(objectFirst[verb] && (strings.Contains(rest[:i], " to ") || strings.Contains(rest[:i], " of "))) {
			// Not "said his team would contact them later that day".
			if c := strings.LastIndex(rest[:i], ", "); c > 0 && (objectVerbs[verb] || objectFirst[verb] || verb == "claimed") && thatParticiples[rest[c+2:i]] && len(strings.Fields(rest[:c])) >= 2 {
				// "claimed responsibility for the attack, stating that …":
				// the object is said, and what the participle adds.
				also = strings.TrimSpace(rest[i+len(" that "):])
				rest = rest[:c]
				// "condemned the attacks as well, stating that …": the
				// condemnation says nothing; the participle's clause does.
				if verb == "condemned" && bareCondemnRe.MatchString(rest) {
					rest, also, said = also, "", true
				}
			} else {
				datePrefix += " " + rest[:i]
				rest = rest[i+len(" that "):]
				said = true
			}
		} else if loc := toldOutletRe.FindStringIndex(rest); verb == "told" && loc != nil {
			// "told AFP extra troops had been sent": the outlet told.
			datePrefix += " " + rest[:loc[1]]
			rest = rest[loc[1]:]
			// "…, the sources told Dawn on condition of anonymity, as …":
			// an attribution closing the sentence.
			if strings.HasPrefix(rest, "on condition of anonymity") {
				rest = ""
			}
		} else if loc := toldWhomRe.FindStringSubmatchIndex(rest); verb == "told" && loc != nil {
			// "told Arab News the border had opened": whom it was told.
			datePrefix += " " + rest[:loc[2]]
			rest = rest[loc[2]:]
		} else if i := strings.Index(rest, ": "); i >= 0 && i < 40 && !strings.ContainsAny(rest[:i], "“\",") {
			// "told reporters: …": what follows the colon.
			datePrefix += " " + rest[:i]
			rest = rest[i+2:]
			said = true
		} else if loc := saidWhenRe.FindStringIndex(rest); loc != nil && !glossRe.MatchString(rest[loc[1]:]) {
			// "said on Sunday the delegation left": the day is the saying's.
			datePrefix += " " + rest[:loc[1]]
			rest = rest[loc[1]:]
		}
		rest = strings.TrimSpace(rest)
		// "…, Muslim Khaksar said at the waypoint in Nangarhar.": where
		// it was said closes the sentence.
		if c := attrComma(prefix, phrase); c >= 0 && !said && placeTailRe.MatchString(rest) {
			if t := strings.TrimSpace(datelineRe.ReplaceAllString(strings.TrimSpace(prefix[:c]), "")); len(strings.Fields(t)) >= 6 {
				return event{pos: span[0] + m[0] - len(phrase), phrase: phrase, text: t, sentence: span, datePrefix: s[m[2]:]}, true
			}
		}
		// A closing attribution: "…, the ISPR said on Sunday, following an
		// attack", "…, spokesman Zabihullah Mujahid said in a statement."
		// Not after "that": "told reporters that Pakistan wanted peace."
		// is short, not closing.
		if said {
			minWords = min(minWords, 3)
		} else if tail := trailingAttrRe.FindString(rest); tail != "" || len(strings.Fields(rest)) < minWords {
			if c := attrComma(prefix, phrase); c >= 0 {
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
		// "emphasized the importance of m": the excerpt cuts the last
		// word, which does not count.
		words := len(strings.Fields(rest))
		if r, _ := utf8.DecodeLastRuneInString(rest); unicode.IsLetter(r) && span[1] == len(s) && strings.HasSuffix(s, rest) {
			words--
		}
		if words < minWords || startsQuote(rest) && !objectVerbs[verb] && !said && !quotedPhraseOpens(rest) {
			return event{}, false
		}
		// "stated in a post on X:": where, then the colon; what was said
		// follows it.
		if t := strings.TrimSpace(rest); strings.HasSuffix(t, ":") && occasionOpenRe.MatchString(t) && !strings.ContainsAny(t, "“\"") {
			return event{}, false
		}
		// "Khan added: “As soon as any clarity or in": a quotation the
		// excerpt cuts off before it says anything.
		if _, w := utf8.DecodeRuneInString(rest); startsQuote(rest) && !strings.ContainsAny(rest[w:], "”\"»") && !cutHasClause(rest[w:]) {
			return event{}, false
		}
		if thatVerbs[verb] && !said {
			continue
		}
		// "Officials told AP that Pakistan reiterated that …".
		if said && also == "" {
			if ev, ok := innerStatement(s, span, rest, datePrefix); ok {
				return ev, true
			}
		}
		return event{pos: span[0] + m[0] - len(phrase), phrase: phrase, text: rest, also: also, sentence: span, datePrefix: datePrefix}, true
	}
	return event{}, false
}

// pointerGroupRe: an unnamed group pointed back to ("these sources").
var pointerGroupRe = regexp.MustCompile(`^(?:these|those|the same|same|such)\s+(sources|officials|diplomats|analysts|residents|witnesses|officers)$`)

// listedSpokesperson: a person the lists give a spokesperson's office.
func listedSpokesperson(sp *Speaker) bool {
	return sp.Kind == "person" && strings.Contains(sp.Role, "spokes")
}

// bodyOfficialRe: an official of a body named by its name alone.
var bodyOfficialRe = regexp.MustCompile(`^(?:[A-Z][\p{L}’'.-]*\s+){1,3}(?:official|representative|chief|head|envoy|spokesperson|spokesman|spokeswoman)$`)

// bodyPerson: the last person named with an office of the body an
// office phrase names, whom the lists do not know.
func (st *speakerState) bodyPerson(office string) string {
	for i := len(st.persons) - 1; i >= 0; i-- {
		if p := st.persons[i]; p != office && (officeAndName(p) || nameAndOffice(p)) && sameBody(office, p) {
			return p
		}
	}
	return ""
}

// delegationHeadRe: the head of a delegation named by office alone.
var delegationHeadRe = regexp.MustCompile(`^(?:(?:head|chief|leader) of (?:the |our |their )?(?:[a-z]+ )?delegation|(?:delegation|delegation's|delegation’s) (?:head|chief|leader)|chief (?:delegate|negotiator)|lead negotiator)$`)

// ownWordsRe: a person's office or own words, standing for them.
var ownWordsRe = regexp.MustCompile(`^(?:his|her)\s+(?:office|post|posts|statement|message|tweet|remarks|speech|letter)$`)

// unownedStatementRe: a statement nobody is named as issuing.
var unownedStatementRe = regexp.MustCompile(`^(?:an?|one)\s+(?:(?:official|written|brief|separate|new|short)\s+)?(?:statement|press release|communiqu[ée]|readout|post|message)$`)

// titleWordRe: a capitalised word.
var titleWordRe = regexp.MustCompile(`\b[A-Z][a-z]`)

// relativeSaidRe: a relative clause of speech after a speaker ("which
// warned it can …").
var relativeSaidRe = regexp.MustCompile(`^(?:which|who)\s+(?:also\s+)?(?:said|warned|added|noted|stated|estimated|reported|cautioned)\s+(?:that\s+)?`)

// innerStatement: a named speaker's own "that" clause opening r, the rest
// of sentence s after another's verb of speech.
func innerStatement(s string, span [2]int, r, datePrefix string) (event, bool) {
	n := innerThatRe.FindStringSubmatchIndex(r)
	if n == nil {
		// "Officials said the banned Tehreek-i-Taliban Pakistan (TTP) had
		// claimed responsibility for the attack": the group's claim.
		if n = innerClaimRe.FindStringSubmatchIndex(r); n == nil || IdentifySpeaker(r[n[2]:n[3]]) == "" && !unlistedGroupRe.MatchString(r[n[2]:n[3]]) {
			return event{}, false
		}
	}
	name := r[n[2]:n[3]]
	if !(IdentifySpeaker(name) != "" || personNameRe.MatchString(name) || unlistedGroupRe.MatchString(name) || !strings.Contains(name, " ") && isName(name) && len(DefaultGazetteer().Find(name)) == 0) || notSpeaker(name) {
		return event{}, false
	}
	at := strings.LastIndex(s, r)
	if at < 0 {
		return event{}, false
	}
	return event{pos: span[0] + at + n[2], phrase: name, text: r[n[4]:], sentence: span, datePrefix: datePrefix}, true
}

// innerClaimRe: an armed group's claim of responsibility inside what
// another reports; group 1 the group, group 2 the claim.
var innerClaimRe = regexp.MustCompile(`^((?:the\s+)?(?:(?:banned|outlawed|proscribed|militant)\s+)?[A-Z][^,;“”"]{1,80}?)\s+(?:had\s+|has\s+)?claimed\s+(responsibility\b.{8,})$`)

// innerThatRe: a named speaker's own "that" clause inside what another
// reports; group 1 the name, group 2 the clause.
var innerThatRe = regexp.MustCompile(`^((?:[A-Z][\p{L}’'.-]+\s+){0,3}[A-Z][\p{L}’'.-]+)\s+(?:also\s+|had\s+|has\s+)?(?:said|stated|told|assured|informed|reiterated|stressed|emphasi[sz]ed|confirmed|noted|insisted|expressed\s+(?:the\s+)?(?:hope|confidence|concern))\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?:[A-Za-z’'-]+\s+){0,3}?that\s+(.{12,})$`)

// cutHasClause: a quotation the excerpt cuts off still says something: four
// words or more before the cut word, one of them a verb ("Our returning
// empty-handed reinforces a lack of"; not "As soon as any clarity or in").
func cutHasClause(q string) bool {
	w := strings.Fields(q)
	if len(w) < 5 {
		return false
	}
	for _, x := range w[:len(w)-1] {
		if finiteWordRe.MatchString(strings.ToLower(strings.Trim(x, ",.;:!?"))) {
			return true
		}
	}
	return false
}

// finiteWordRe: a word that is most likely a verb.
var finiteWordRe = regexp.MustCompile(`^(?:is|are|was|were|will|would|has|have|had|can|could|must|should|shall|may|might|do|does|did|am|[a-z]{3,}(?:es|ed)|[a-z]{4,}s)$`)

// clauseOpenRe: words that open a clause, not a description ("…, they
// occurred a day after …").
var clauseOpenRe = regexp.MustCompile(`^(?:they|he|she|it|we|there|this|these|those)\s`)

// placePrepRe: a preposition before a capitalised name.
// isPlaceName: the words are a place or a state the gazetteer knows, and
// nothing else ("Doha", "Qatar").
func isPlaceName(w string) bool {
	ms := DefaultGazetteer().Find(w)
	return len(ms) == 1 && ms[0].Start == 0 && ms[0].End == len(w) && (ms[0].Entry.Place() || ms[0].Entry.Kind == "party" || ms[0].Entry.Kind == "mediator")
}

var placePrepRe = regexp.MustCompile(`^(?:at|in|on|to|with|near|along|across|inside|outside|from|within|of|into|over|against|between|towards?|via)$`)

// inAsideRe: the occasion of the saying closing the text before the verb.
var inAsideRe = regexp.MustCompile(`\s+(?:in|during|at)\s+(?:a|an|his|her|its|their|the)\s+(?:[\p{L}-]+\s+){0,3}(?:briefing|statement|address|speech|interview|post|conference|remarks|message|tweet|session|interaction|meeting|call|event|ceremony|gathering|seminar|visit)(?:\s+with\s+(?:[\p{L}-]+\s+){0,3}[\p{L}-]+)?(?:\s+(?:on|last|this|earlier)(?:\s+this)?\s+\w+)?\s*$`)

// dashAsideRe: an aside between dashes closing the text before a verb.
// "Ishaq Dar—who also serves as Pakistan’s Deputy Prime Minister—told":
// em dashes without spaces too.
var dashAsideRe = regexp.MustCompile(`\s+[—–]\s+[^—–“”"]{1,120}\s+[—–]\s*$|—[^—“”"]{1,120}—\s*$`)

// participleAsideRe: ", speaking on condition of anonymity," and the like
// between a speaker and the verb.
var participleAsideRe = regexp.MustCompile(`,\s+(?:speaking|talking|writing|requesting|asking|in (?:response|reaction|reply) to|(?:led|headed|represented|accompanied|flanked|joined) by)\s+[^,“”"]{1,80},\s*$`)

// conjOpenRe: a conjunction opening the clause that names the speaker;
// not "and", which closes lists ("…, Qatar, and Russia, announced").
var conjOpenRe = regexp.MustCompile(`^(?:[Bb]ut|[Ww]hile|[Ww]hereas|[Tt]hough|[Aa]lthough|[Yy]et)\s+`)

// anonymousRe: an unnamed speaker's reason for staying unnamed.
var anonymousRe = regexp.MustCompile(`,?\s+who\s+(?:asked|requested|spoke|declined|wished|did not want)\b[^,“”"]{0,60}?\b(?:named|identified|anonymity|publicly|on record|the record)\s*,?\s*$`)

// issuesBulletins: a body (the ISPR, a ministry), a spokesperson or
// security sources, whose statements the press reproduces sentence after
// sentence without repeating who says them.
func issuesBulletins(speaker string, who identity) bool {
	if isBody(speaker, who) {
		return true
	}
	// The head of a body's press office (the DG ISPR, the Foreign Office
	// spokesperson) speaks for it; a party's spokesperson (Mujahid) is
	// quoted sentence by sentence, and the outlet's own sentences follow.
	if b := LookupSpeaker(who.speaksFor); b != nil && b.Kind == "body" && who.id != who.speaksFor {
		return true
	}
	return false
}

// isBody: a listed body, or one the lists do not know whose name says it
// is one ("the International Organisation for Migration (IOM)", "the
// Lakki Marwat police"), not a person in it.
func isBody(speaker string, who identity) bool {
	// A party's ministry ("the Taliban’s Ministry of Refugees and
	// Repatriation") is a body the lists do not know, not the party.
	if sp := LookupSpeaker(who.id); sp != nil && sp.Kind != "party" {
		return sp.Kind == "body"
	}
	l := strings.ToLower(speaker)
	return agencyRe.MatchString(speaker) || unlistedBodyRe.MatchString(speaker) && !roleWordRe.MatchString(speaker) && !pluralSpeaker(speaker) || l == "police" || strings.HasSuffix(l, " police") && !strings.Contains(l, ",")
}

var unlistedBodyRe = regexp.MustCompile(`^(?:[Tt]he\s+)?(?:[A-Z][\p{L}’'.-]*\s+|(?:of|for|on|and|the|in)\s+)*(?:Organi[sz]ation|Mission|Commission|Ministry|Authority|Agency|Council|Committee|Watch|Office|Department|Directorate|Secretariat|Institute|Bureau|Programme|Program|Fund|Cross|Crescent)(?:\s+(?:of|for|on|in)(?:\s+(?:and\s+|&\s+)?(?:the\s+)?[A-Z][\p{L}’'.-]*)+)?(?:\s+\([A-Z]{2,8}\))?$`)

// agencyRe: an agency by its acronym, alone or after its name ("the United
// Nations High Commissioner for Refugees (UNHCR)", whose "Commissioner"
// is no person).
var agencyRe = regexp.MustCompile(`^(?:[Tt]he\s+)?(?:[A-Z][\p{L}’'.-]*\s+(?:(?:of|for|on|and|the|in)\s+)*)*\(?(?:IOM|UNHCR|UNICEF|OCHA|WHO|WFP|ICRC|HRW|UNDP|UNFPA|UNRWA|UNAMA)\)?$`)

// goesOn drafts, as the last speaker's, the sentences of paragraph p from
// byte from on that name no speaker of their own: a bulletin's account
// ("During the operation, own troops engaged …. Resultantly, six khwarij
// were sent to hell.") runs on after its first attribution. It stops at the
// outlet's own background ("… is the term the state uses for …").
func (d *Draft) goesOn(g *Gazetteer, p Paragraph, st *speakerState, sents [][2]int, from int, quotes []quoteSpan) {
	for _, s := range sents {
		if s[0] < from {
			continue
		}
		text := strings.TrimSpace(p.Text[s[0]:s[1]])
		// "In a separate operation in Spinwam, one more terrorist was
		// eliminated": the bulletin's next action, where "in a separate
		// incident" would be the outlet's next story.
		if backgroundRe.MatchString(separateOpRe.ReplaceAllString(text, "")) || creditRe.MatchString(text) || titleCase(text) || strings.HasSuffix(text, "?") || len(strings.Fields(text)) < 5 || slices.ContainsFunc(quotes, func(q quoteSpan) bool { return q.Direct && q.Open >= s[0] && q.Open < s[1] }) {
			st.runOn = false
			return
		}
		// "Kurram District Police Officer Malik Habib stated that the
		// att": a sentence with a verb of speech that drafted nothing
		// (cut, passive) is someone else's.
		if _, named := openingName(text); !st.sameSide(text) || narrationRe.MatchString(text) || otherBodyActs(text, st.last) || ownSayingRe.MatchString(text) || named {
			st.runOn = false
			return
		}
		d.claim(g, p, st.last, "", st.lastWho, text, false, text, "")
	}
}

// stripLeads drops the clauses of time and occasion opening a sentence
// ("Meanwhile, in a separate press conference after the talks, ").
func stripLeads(t string) string {
	for range 3 {
		// "Meanwhile, in a separate …,": the second clause in lower case.
		loc := leadClauseRe.FindStringIndex(strings.ToUpper(t[:min(1, len(t))]) + t[min(1, len(t)):])
		if loc == nil || loc[1] == 0 || loc[1] >= len(t) {
			break
		}
		t = t[loc[1]:]
	}
	return t
}

// actorRe: a sentence opening with one to three capitalised words and a
// verb; surnameWordRe: one such word that can be a surname.
var (
	actorRe       = regexp.MustCompile(`^([A-Z][\p{L}’'-]+(?:\s+[A-Z][\p{L}’'-]+){0,2})\s+(?:also\s+)?([a-z]{3,}ed|said|told|met|says|spoke|held|led|made|gave)\b`)
	surnameWordRe = regexp.MustCompile(`^[A-Z][a-z’'-]+[a-z]$`)
)

// titleOpenRe: a title opening a sentence before a name.
var titleOpenRe = regexp.MustCompile(`^(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+`)

// speakerLine: a line that is only a person's name and office ("Esmaeil
// Baghaei, Foreign Ministry Spokesman"), as a page sets it over what they
// said.
func speakerLine(t string) bool {
	return len(t) < 120 && !strings.ContainsAny(t, ".;“”\"") && (nameAndOffice(t) || officeAndName(t))
}

// openingName is the name opening text before its verb: a full name
// ("Manzoor Pashteen criticised …", full: a person the lists and the
// gazetteer do not know, whom no bulletin runs on into) or one word that
// may be a surname ("Trump repeated …"); "" when neither.
func openingName(text string) (name string, full bool) {
	// "Dr. Salvador visited …": the title is not the name.
	if t := titleOpenRe.FindString(text); t != "" {
		text = text[len(t):]
	}
	m := actorRe.FindStringSubmatch(text)
	switch {
	case m == nil:
		return "", false
	case strings.Contains(m[1], " "):
		return m[1], personNameRe.MatchString(m[1]) && IdentifySpeaker(m[1]) == "" && len(DefaultGazetteer().Find(m[1])) == 0
	case m[2] != "led" && surnameWordRe.MatchString(m[1]):
		return m[1], false
	}
	return "", false
}

// sameSide: a sentence of a bulletin names, as its subject, nobody but the
// bulletin's own side. Another person ("President Zardari paid tribute …")
// or another side is the outlet telling more; the party or army the
// speaker speaks for ("Pakistan has consistently asked …", "Four other
// Army troops were injured") is still the bulletin; so is "he" after a
// person.
func (st *speakerState) sameSide(text string) bool {
	head := text
	if loc := leadClauseRe.FindStringIndex(head); loc != nil {
		head = head[loc[1]:]
	}
	head = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(head, "While "), "Although "), "As ")
	words := strings.Fields(head)
	if len(words) == 0 {
		return true
	}
	if pronounRe.MatchString(words[0]) {
		sp := LookupSpeaker(st.lastWho.id)
		return strings.EqualFold(words[0], "he") || strings.EqualFold(words[0], "she") && sp != nil && sp.Kind == "person"
	}
	side := func(id string) string {
		if sp := LookupSpeaker(id); sp != nil && sp.SpeaksFor != "" {
			if b := LookupSpeaker(sp.SpeaksFor); b != nil && b.SpeaksFor != "" {
				return b.SpeaksFor
			}
			return sp.SpeaksFor
		}
		return id
	}
	lim := len(strings.Join(words[:min(3, len(words))], " "))
	for _, h := range speakerRegistry().findNames(head) {
		// A listed person anywhere ("The agreement was signed by Defence
		// Minister X") is the outlet telling what others did.
		if h.sp.Kind == "person" && h.sp.ID != st.lastWho.id {
			return false
		}
		if h.start > lim {
			continue
		}
		// "Zabihullah Mujahid later posted …": narration about him.
		if h.sp.Kind == "person" {
			return false
		}
		// "The Taliban rejected …": another side; "A TTP network … has
		// been busted", an armed group acted upon, is still the bulletin.
		if side(h.sp.ID) != side(st.lastWho.id) {
			if next := strings.Fields(head[h.end:]); h.sp.Kind != "armed_group" || len(next) == 0 || actsRe.MatchString(next[0]) {
				return false
			}
			continue
		}
		// "The Pakistan Army also recovered …": the army acting, told by
		// the outlet; "Four other Army troops", "Pakistan has asked …":
		// the bulletin's own side in what it says.
		if h.sp.Kind != "party" && h.sp.Kind != "person" {
			if next := strings.Fields(head[h.end:]); len(next) > 0 && actsRe.MatchString(next[0]) {
				return false
			}
		}
	}
	// "The military described …": a subject the lists know by a common
	// noun.
	if m := subjectNounRe.FindString(head); m != "" {
		return false
	}
	// "Egyptian President Abdel Fattah el-Sisi proposed …", "Mohammad
	// Yousuf Hamad, head of …, said": a person the lists do not know.
	return !otherPersonRe.MatchString(head)
}

// narrationRe: the outlet explaining what a bulletin is about: what an
// agreement provides ("Under the pact, …", "The defence agreement, which
// …, has …", "Details of the proposal …") or how the events came about
// ("The latest charge has deepened …", "The Kabul incident triggered …").
var narrationRe = regexp.MustCompile(`^(?:Under\s+(?:the|this|that|its)\s+|Details\s+of\s+|The\s+latest\s+|(?:The|This|That|These|Those)\s+(?:[\p{L}-]+\s+){0,2}(?:agreement|deal|pact|accord|treaty|proposal|framework|memorandum|incident|charge|move|moves|development|developments|decision|decisions|step|steps|measure|measures|meeting|talks|escalation|announcement|visit|violence)\b(?:,[^,]{1,80},)?\s+(?:has|have|had|was|were|is|are|triggered|sparked|came|comes|followed|follows|includes|included|provides|calls|envisages|signals|signalled|signaled|marks|marked|reflects|underscores|come)\b|It\s+(?:remains|is|was)\s+(?:unclear|not\s+clear|to\s+be\s+seen|not\s+known|unknown)\b` +
	// "Security forces later cordoned off the area", "Authorities have
	// not yet released further details": the outlet on what followed.
	`|(?:Security forces|Police|Authorities|Officials|Rescue teams|Rescuers)\s+(?:later\s+|then\s+|also\s+)?(?:cordoned|sealed|have\s+not|had\s+not|did\s+not|are\s+yet|have\s+yet|launched\s+a\s+(?:search|manhunt))\b)`)

// otherBodyActs: "The WHO verified …" in the middle of a bulletin by
// another body: a body the lists do not know, named as the subject and
// acting, is another source.
func otherBodyActs(text, last string) bool {
	m := bodySubjectRe.FindStringSubmatch(text)
	if m == nil || strings.EqualFold(strings.TrimPrefix(m[1], "The "), strings.TrimPrefix(strings.TrimPrefix(last, "the "), "The ")) {
		return false
	}
	return isBody(m[1], identity{}) && actsRe.MatchString(m[2])
}

var bodySubjectRe = regexp.MustCompile(`^((?:The\s+)?(?:[A-Z][\p{L}’'.-]*\s+|(?:of|for|on|and|the|in)\s+){0,6}?[A-Z][\p{L}’'.-]*(?:\s+\([A-Z]{2,8}\))?)\s+([a-z]+)\b`)

// otherPersonRe: a sentence opening on a person, by office and name or by
// a name and its appositive.
var otherPersonRe = regexp.MustCompile(`^(?:[A-Z][\p{L}’'-]*\s+){0,2}(?:President|Minister|Prime Minister|Secretary|Spokesperson|Spokesman|Envoy|Ambassador|Governor|Chief|Commander|General)\s+[A-Z]|^[A-Z][\p{L}’'-]+(?:\s+[A-Z][\p{L}’'-]+){1,3},\s+(?:(?:the|a|an)\s+[a-z]|(?:head|chief|director|deputy|spokes\w+|minister|president|commander|leader|member|governor|officer|official)\b)`)

// actsRe: a word after a subject that makes it act.
var actsRe = regexp.MustCompile(`^(?:also|has|have|had|was|were|is|are|will|would|said|says|[a-z]+ed)$`)

// titleCase: most words capitalised, as in a headline or a link to another
// article.
func titleCase(s string) bool {
	words, upper := 0, 0
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return words >= 4 && upper*10 >= words*7
}

// ownSayingRe: a sentence whose own subject says something.
var ownSayingRe = regexp.MustCompile(`\b(?:said|stated|says|told|added|noted|explained|announced|confirmed)\s+(?:that\s+|on\s+\w+\s+)?(?:the|a|an|it|he|she|they|[A-Z])`)

// toldOutletTailRe: a verb of telling an outlet.
var toldOutletTailRe = regexp.MustCompile(`(?:^|\s)told\s+(?:the\s+)?` + toldOutlets + `\b`)

// creditRe: an agency's credit line ("(Reporting by …; Editing by …)").
var creditRe = regexp.MustCompile(`(?i)^\(?(?:additional\s+)?(?:reporting|writing|editing|compiled)\s+by\b`)

// separateOpRe: a bulletin's next operation.
var separateOpRe = regexp.MustCompile(`^In (?:a|another) separate (?:operation|engagement|intelligence-based operation|IBO|exchange of fire)\b`)

// backgroundRe: what an outlet adds to a bulletin in its own voice.
// "Reported" is the outlet's ("Dawn reported that", "was reported") but
// not as an adjective ("on reported presence of khawarij").
var backgroundRe = regexp.MustCompile(`(?i)\b(?:(?:is|are|was) (?:the |a )?(?:term|name|designation|label)|refers? to|(?:is|are) used (?:by|for|to)|this (?:comes|came|is the)|the (?:development|incident|attack|operation|strike|raid|move|decision|announcement|surge|statement)(?: [^\s,.]+){0,4}? (?:comes|came)|(?:comes|came) (?:just |only )?(?:a|an|one|two|three|four|five|several|\d+) (?:day|days|hour|hours|week|weeks|month|months) (?:after|before)|gave no (?:further |other |more )?(?:information|details)|(?:is|are) (?:the|one of the) (?:busiest|largest|biggest|main|longest|oldest|only|principal|primary|key|major)\b|it (?:is|may be) (?:pertinent|noted|worth|noteworthy)|worth mentioning|earlier (?:this|last|in|on)|last (?:month|year|week)|in (?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:19|20)\d\d|separately|meanwhile|in a separate|in a related development|on the other hand|has (?:long |also )?been (?:[a-z]+ing|a|an|the|in|at|on|under|for|one|among|part|critical|vocal)\b|have (?:long )?been (?:accus|blam)|according to|quoted|reports (?:via|citing|quoting|that)|reports\s*[.]?$|reported(?:\s*(?:[.,;]|$)|\s+(?:that|on|in|by|to|as|earlier|the|a|an|it|he|she|they)\b)|(?:was|were|is|are|been|being|has|have|had)\s+(?:\w+\s+)?reported|told|said|says|paid (?:rich )?tributes?|expressed (?:grief|sorrow|condolences)|lauded|praised|condoled|it (?:marked|marks|was the|is the)|recent(?:ly)?|earlier today|label(?:l)?ed|designated|did not (?:mention|say|give|disclose|specify)|no official|the (?:clashes|violence|fighting|escalation|hostilities|exchange of fire) (?:followed|erupted|broke out|began|came|started|took place)|the (?:ceasefire|truce) (?:took effect|came into (?:force|effect)|went into effect|began|started)|there (?:was|has been|were) no (?:immediate )?(?:confirmation|comment|response|reaction|word)|(?:could|can)(?:not| not) be (?:independently )?(?:verified|confirmed)|both (?:sides|nations|countries|parties|delegations)|reportedly|allegedly|apparently|seemingly|presumably|no (?:further |other )?details|(?:was|is|has been) not possible to (?:independently )?verify|(?:could|can) not independently verify|unable to (?:independently )?verify|(?:his|her|their|the|these|those) (?:remarks|comments|statements?) (?:come|came|followed|follow)|(?:a|one|two|three|several) days? (?:earlier|later)|expressed (?:solidarity|sympathy|concern|regret))\b`)

// secondSpeaker finds a second speaker in the text of ev, reported in
// sentence s of text: "Mujahid said Kabul wanted dialogue, while Tarar said
// the ball was in Kabul's court." The first claim's text then ends before
// the second's clause.
func secondSpeaker(text string, s [2]int, ev *event, quotes []quoteSpan) (event, bool) {
	start := strings.Index(text[s[0]:s[1]], ev.text)
	if start < 0 {
		return event{}, false
	}
	start += s[0]
	for _, loc := range secondClauseRe.FindAllStringIndex(text[start:s[1]], -1) {
		at := start + loc[1]
		if inside(quotes, at) {
			continue
		}
		e, ok := reportedVerb(text[at:s[1]], [2]int{at, s[1]}, quotes)
		if !ok || pronounRe.MatchString(e.phrase) || !namedSpeakerPhrase(e.phrase) || IdentifySpeaker(e.phrase) == "" && !personNameRe.MatchString(e.phrase) {
			continue
		}
		first := strings.TrimSpace(text[start : start+loc[0]])
		if len(strings.Fields(first)) < 3 {
			return event{}, false
		}
		ev.text = first
		e.sentence = s
		return e, true
	}
	return event{}, false
}

// secondClauseRe: what opens a second speaker's clause in a sentence.
var secondClauseRe = regexp.MustCompile(`,\s*(?:while|whereas|but|and)\s+|;\s+`)

// quoteAddingRe: an attribution after a quotation that goes on with more
// of what was said; group 1 is that.
var quoteAddingRe = regexp.MustCompile(`^[^“”"]{1,120}?(?:,\s*(?:adding|noting|saying|stressing|warning|urging|accusing|emphasi[sz]ing|insisting|alleging|calling on|calling for|confirming|claiming|asserting|arguing)|\s+and\s+(?:added|reiterated|stressed|warned|noted|said|insisted|urged))\s+(?:that\s+)?(.+?)\s*$`)

// addingRe: when or where it was said, then a participle adding more.
var addingRe = regexp.MustCompile(`^(?:(?:on|in|at|late|early|last|during)\s+[^,“”"]{1,30})?,\s*(?:adding|noting|saying|stressing|urging|accusing|emphasi[sz]ing|insisting|alleging|warning)\s+(?:that\s+)?`)

// attrComma is the comma before a closing attribution: before the whole
// speaker phrase ("…, Ahmad Khan, a police spokesman, said"), else the
// last one.
func attrComma(prefix, phrase string) int {
	if strings.Contains(phrase, ",") {
		i := strings.LastIndex(prefix, phrase)
		if i >= 0 && strings.TrimSpace(prefix[:i]) == "" {
			// "Dr. X, director of the hospital, reported the same
			// assessment.": the speaker opens the sentence; nothing
			// before it was said.
			return -1
		}
		if i > 0 {
			if t := strings.TrimRight(prefix[:i], " "); strings.HasSuffix(t, ",") {
				return len(t) - 1
			}
		}
	}
	return strings.LastIndex(prefix, ",")
}

// namesBody: the words are a listed body or party's name and nothing else
// ("the ISPR"), so what precedes their comma is not the name they describe
// ("… in North Waziristan, Khyber Pakhtunkhwa, the ISPR said").
func namesBody(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "the ")
	ms := DefaultGazetteer().Find(s)
	return len(ms) == 1 && ms[0].Start == 0 && ms[0].End == len(s) && !ms[0].Entry.Place()
}

// figuresByRe: figures or data, then whose they are.
var figuresByRe = regexp.MustCompile(`(?i)^(?:the\s+)?(?:[a-z]+\s+)?(?:figures|data|statistics|numbers|estimates)\s+(?:compiled|collected|gathered|reviewed|released|published|shared|issued|provided)\s+by\s+`)

// outletMarkRe: "(MENAFN) ", "(AFP) ": an outlet's marker.
var outletMarkRe = regexp.MustCompile(`^\((?:[A-Z][\p{L}]*\s*){1,3}\)\s*`)

// nameStatementRe: a statement named by whose it is.
var nameStatementRe = regexp.MustCompile(`^(?:[Aa]n?|[Tt]he)\s+((?:[A-Z][\p{L}’'-]*\s+){0,3}[A-Z][\p{L}-]*?)(?:['’]s)?\s+statement$`)

// adverbCommaRe: an adverb and a comma right after a verb of speech.
var adverbCommaRe = regexp.MustCompile(`^[a-z]+ly,\s`)

// thatParticiples: a participle that adds a statement after an object.
var thatParticiples = map[string]bool{"stating": true, "saying": true, "adding": true, "claiming": true, "noting": true, "warning": true, "insisting": true}

// maintainsTiesRe: what one maintains that is no saying ("close ties").
var maintainsTiesRe = regexp.MustCompile(`^(?:[a-z]+\s+){0,3}(?:ties|relations|relationship|contacts|links|channels|presence|control|ceasefire|truce|calm)\b`)

// consequencesRe: a warning of consequences, no statement.
var consequencesRe = regexp.MustCompile(`^[^.;“”"]{0,120}?\bof\s+(?:\w+\s+){0,2}(?:consequences|repercussions|retaliation|a\s+response)\b`)

// claimNounRe: "a claim Kabul", "an accusation that Afghanistan" right
// before a verb of denial.
var claimNounRe = regexp.MustCompile(`\b(?:an?|the)\s+(?:claim|charge|accusation|allegation)s?\s+(?:that\s+)?(?:[A-Z][\p{L}’'-]*\s+){1,3}(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?$`)

// perfectBeforeRe: a perfect tense right before a verb.
var perfectBeforeRe = regexp.MustCompile(`\b(?:has|have|had)\s+(?:[a-z]+ly\s+|also\s+|long\s+)?$`)

// leadAppositiveRe: "an Islamabad-based think tank, " describing who was
// named just before.
var leadAppositiveRe = regexp.MustCompile(`^(?:an?|the)\s+[^,“”"]{2,60}?\b(?:think tank|organi[sz]ation|agency|group|body|institute|monitor|watchdog|body|NGO|charity)\s*,\s+`)

// whatBeforeRe: "what it", "what Israel" right before a verb of speech.
var whatBeforeRe = regexp.MustCompile(`\bwhat\s+(?:it|he|she|they|[A-Z][\p{L}’'-]*(?:\s+[A-Z][\p{L}’'-]*){0,2})\s+(?:has\s+|had\s+|have\s+)?$`)

// capOfficeRe: an office written in capitals, opening an appositive.
var capOfficeRe = regexp.MustCompile(`^(?:[A-Z][\p{L}’'-]*\s+){0,3}(?:President|Chairman|Chairperson|Chairwoman|Director|Secretary|Head|Chief|Spokesperson|Spokesman|Spokeswoman|Minister|Governor|Commissioner|CEO|Founder|Leader|Member|Patron)\b`)

// opensSegment: nothing, or a comma or dash, before what follows.
func opensSegment(before string) bool {
	t := strings.TrimRight(before, " ")
	return t == "" || strings.HasSuffix(t, ",") || strings.HasSuffix(t, "—") || strings.HasSuffix(t, "–") || strings.HasSuffix(t, ":")
}

// claimedLivesRe: what follows "claimed" when it reports a toll.
var claimedLivesRe = regexp.MustCompile(`^\s+(?:the\s+)?(?:lives?|life)\b`)

// coordinated: "<subject> <verb> … and <speech verb> that …", the subject
// being one subjectPhrase finds (a speaker the lists know, a pronoun or
// "Pakistani officials") and nothing between it and "and" opening a clause
// of its own, so the second verb's subject is the first's.
func coordinated(s string, span [2]int, m []int) (event, bool) {
	prefix := strings.TrimRight(s[:m[0]], " ")
	conj := " and"
	if strings.HasSuffix(prefix, " but") {
		conj = " but" // "Asif praised the delegation but blamed Kabul for …"
	} else if !strings.HasSuffix(prefix, " and") {
		return event{}, false
	}
	rest := strings.TrimSpace(s[m[1]:])
	verb := s[m[2]:m[3]]
	if !strings.HasPrefix(rest, "that ") && verb != "said" && verb != "added" && !objectVerbs[verb] {
		return event{}, false
	}
	rest = strings.TrimSpace(strings.TrimPrefix(rest, "that "))
	phrase, at := subjectPhrase(prefix)
	if phrase == "" || len(strings.Fields(rest)) < 4 || startsQuote(rest) {
		return event{}, false
	}
	mid := leadAsideRe.ReplaceAllString(prefix[at+len(phrase):len(prefix)-len(conj)], "")
	// "described the attack as “an unprecedented act” and emphasised":
	// a phrase quoted on the way opens no clause.
	mid = quotedPhraseRe.ReplaceAllString(mid, "")
	// "He referenced a recent attack on Chinese citizens, and alleged
	// that …": the serial comma before "and" opens no clause.
	mid = strings.TrimSuffix(strings.TrimSpace(mid), ",")
	if strings.ContainsAny(mid, ",;:“”\"") || coordBreakRe.MatchString(mid) || len(findSpeechVerbs(mid)) > 0 {
		return event{}, false
	}
	return event{pos: span[0] + at, phrase: phrase, text: rest, sentence: span, datePrefix: verb}, true
}

// outletTailRe: an outlet closing what it carries ("…, ARY News
// reported.", "…, a television channel reported."); group 1 is the outlet.
var outletTailRe = regexp.MustCompile(`,\s+([^,“”"]{2,60}?)\s+(?:reported|said|quoted)\s*\.?$`)

// outletWordRe: words that make a phrase an outlet.
var outletWordRe = regexp.MustCompile(`(?i)\b(?:channel|newspaper|daily|agency|outlet|broadcaster|television|TV|radio|media|news|times|tribune|post|reported)\b`)

// trimOutletTail drops an outlet's closing attribution from a claim's text.
func trimOutletTail(text string) string {
	if m := outletTailRe.FindStringSubmatchIndex(text); m != nil {
		if o := text[m[2]:m[3]]; notSpeaker(o) || outletWordRe.MatchString(o) {
			return text[:m[0]]
		}
	}
	return text
}

// quotedPhraseRe: a short quotation inside a sentence.
var quotedPhraseRe = regexp.MustCompile(`“[^“”]{1,120}”|"[^"]{1,120}"`)

// relativeSpeaker: "…the toll released by Afghanistan, which said 58
// soldiers were killed": a speaker the lists know, then a relative
// pronoun and the verb.
func relativeSpeaker(s string, span [2]int, m []int) (event, bool) {
	// "Iran, which maintains close ties with both": no saying.
	if v := s[m[2]:m[3]]; (v == "maintains" || v == "maintained") && maintainsTiesRe.MatchString(strings.TrimSpace(s[m[1]:])) {
		return event{}, false
	}
	loc := relSpeakerRe.FindStringSubmatchIndex(s[:m[0]])
	if loc == nil {
		return event{}, false
	}
	phrase := s[loc[2]:loc[3]]
	if IdentifySpeaker(phrase) == "" && !(personNameRe.MatchString(phrase) && loc[4] >= 0) {
		// "…, according to Ali Mohammad Haqmal, spokesman for the local
		// information department, who said …": a name the lists do not
		// know, with its office.
		return event{}, false
	}
	if loc[4] >= 0 {
		phrase = s[loc[2]:loc[5]]
	}
	rest := strings.TrimSpace(s[m[1]:])
	verb := s[m[2]:m[3]]
	if strings.HasPrefix(rest, "that ") {
		rest = strings.TrimSpace(rest[len("that "):])
	} else if thatVerbs[verb] {
		return event{}, false
	}
	if len(strings.Fields(rest)) < 4 || startsQuote(rest) {
		return event{}, false
	}
	return event{pos: span[0] + loc[2], phrase: phrase, text: rest, sentence: span, datePrefix: verb}, true
}

// relSpeakerRe: up to four capitalised words, a comma and "which" or "who"
// right before the verb.
var relSpeakerRe = regexp.MustCompile(`([A-Z][\p{L}’'.-]*(?:\s+(?:of\s+)?[A-Z][\p{L}’'.-]*){0,3})(,\s+(?:an?\s+|the\s+)?[a-z][^,“”"]{2,80})?,\s+(?:which|who)\s+(?:also\s+|later\s+)?$`)

// coordBreakRe: words that open another clause, whose subject the second
// verb may have.
var coordBreakRe = regexp.MustCompile(`\b(?:who|which|that|when|while|after|before|because|as soon as|if|whom|whose|where)\b`)

// statementsByRe: a paragraph closing on "Statements by X:".
var statementsByRe = regexp.MustCompile(`(?:^|[.!?]\s+)(?:Statements?|Remarks|Comments|Excerpts)\s+(?:by|from|of)\s+([A-Z][^:.;!?]{2,120}):$`)

// placeTailRe: a place or occasion and nothing else.
var placeTailRe = regexp.MustCompile(`^(?:(?:a|an|one|two|three|several|just)\s+(?:days?|weeks?|months?|hours?)\s+(?:after|before|since)|at|in|during|from|via|through|while|after|before|to|as|amid|following|despite|marking|signalling|signaling|underscoring|highlighting|reflecting)\s+[^,.;:“”"]{1,80}[.]?$`)

// finiteRe: a verb of its own, so the words before " that " are a clause.
var finiteRe = regexp.MustCompile(`\b(?:would|will|had|has|have|is|was|were|are|could|should|can|did|does)\b`)

// toldWhomRe: the capitalised name of whom something was told, then what
// was told (group 1 starts it).
var toldWhomRe = regexp.MustCompile(`^(?:reporters|journalists|the media|the press|[A-Z][\p{L}]*(?:\s+[A-Z][\p{L}]*){0,3})(?:\s+(?:on|over|in)\s+(?:the\s+)?\w+)?\s+((?:the|a|an|it|he|she|they|his|her|their|its|there|this|these|those)\s)`)

// asideThatRe: an aside between the verb and "that".
var asideThatRe = regexp.MustCompile(`^,[^,“”"]{1,80},\s*that\s+`)

// saidWhenRe: the day of the saying right after its verb.
// afterCommaRe: a clause of time after the verb's own words ("told AFP on
// Oct. 30, after Islamabad's announcement that …"): its "that" is not the
// verb's.
var afterCommaRe = regexp.MustCompile(`,\s+(?:after|before|as|amid|following|when|while|despite)\s`)

// glossRe: the outlet's gloss after a closing attribution ("…, Mujahid
// said on Tuesday, making it one of the deadliest …").
var glossRe = regexp.MustCompile(`^(?:making|bringing|raising|taking|pushing|marking|leaving)\s`)

var saidWhenRe = regexp.MustCompile(`^(?:(?:early|late)\s+)?(?:(?:on|late|early|last)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|morning|evening|afternoon))?(?:\s*,)?\s+`)

var ingWordRe = regexp.MustCompile(`(?:^|,\s*)[a-z]+ing\b`)

// toldTailRe: whom it was told, and when, closing the sentence.
var toldTailRe = regexp.MustCompile(`^(?:reporters|journalists|the media|the press|[A-Z][\p{L}/’'.-]*(?:\s+[A-Z][\p{L}/’'.-]*){0,3})(?:\s+(?:on|late|early|in)\s+[^,;:“”"]{1,30})?(?:\s*[.]?$|,\s*(?:with|as|amid|while|following|despite|after|before|when)\s)`)

// closingAttribution: "The talks concluded two days back, Afghan Taliban
// spokesperson Zabihullah Mujahid said.": the last reporting verb closes
// the sentence after a comma and a speaker the lists know (or an office,
// or a name), so an earlier reporting verb is part of what is said.
func closingAttribution(s string, span [2]int, quotes []quoteSpan, verbs [][]int) (event, bool) {
	if len(verbs) == 0 {
		return event{}, false
	}
	m := verbs[len(verbs)-1]
	rest := strings.TrimSpace(s[m[1]:])
	// "…, health officials in Kandahar told Radio Azadi on February 24."
	told := s[m[2]:m[3]] == "told" && toldTailRe.MatchString(rest)
	if len(verbs) < 2 && !told || inside(quotes, span[0]+m[0]) || !told && trailingAttrRe.FindString(rest) == "" && strings.Trim(rest, " .") != "" {
		return event{}, false
	}
	// "…, X said in a recent press briefing that …": what follows is said.
	if i := strings.Index(rest, " that "); i >= 0 && !strings.Contains(rest[:i], ",") {
		return event{}, false
	}
	prefix := strings.TrimRight(s[:m[0]], " ")
	c := strings.LastIndex(prefix, ",")
	if c < 0 {
		return event{}, false
	}
	phrase := strings.TrimSpace(prefix[c+1:])
	if loc := auxRe.FindStringIndex(" " + phrase); loc != nil && loc[0] > 0 {
		phrase = strings.TrimSpace(phrase[:loc[0]-1])
	}
	// "Pakistan has consistently urged Kabul to …, the statement further
	// said.": the statement said it all, the subject's verb inside too.
	if t := strings.TrimSuffix(strings.TrimSuffix(phrase, " further"), " also"); anaphors[strings.ToLower(t)] {
		phrase = t
	} else if phrase == "" || !plausibleSpeakerPhrase(phrase) || IdentifySpeaker(phrase) == "" && !roleWordRe.MatchString(phrase) && !personNameRe.MatchString(phrase) && !(isName(phrase) && !strings.Contains(phrase, " ") && !notSpeaker(phrase)) {
		// "The UN refugee agency now estimates that …, Jamal said.": a
		// surname closing the sentence says it all.
		return event{}, false
	}
	text := strings.TrimSpace(datelineRe.ReplaceAllString(strings.TrimSpace(prefix[:c]), ""))
	if len(strings.Fields(text)) < 4 {
		return event{}, false
	}
	return event{pos: span[0] + c + 1, phrase: phrase, text: text, sentence: span, datePrefix: s[m[2]:]}, true
}

// invertedTailRe: a speaker closing the sentence after its verb.
var invertedTailRe = regexp.MustCompile(`^\s+((?:the\s+|The\s+)?[A-Za-z][^;:“”"\n]{1,160}?)\s*[.!?]?\s*$`)

// invertedReported: "…, reaffirmed the ISPR.", "…, said the Inter-Services
// Public Relations (ISPR) on Monday.": the verb right after a comma and the
// speaker closing the sentence; what precedes the comma is said.
func invertedReported(s string, span [2]int, m []int) (event, bool) {
	prefix := strings.TrimRight(s[:m[0]], " ")
	if !strings.HasSuffix(prefix, ",") || objectVerbs[s[m[2]:m[3]]] || thatVerbs[s[m[2]:m[3]]] {
		return event{}, false
	}
	// "Abdul Jabbar Hikmat, the commissioner on the Afghan side of the
	// border, confirmed the closure": the comma closes an appositive,
	// and the verb's subject is before it.
	if body := strings.TrimSuffix(prefix, ","); strings.Contains(body, ",") {
		seg := strings.TrimSpace(body[strings.LastIndex(body, ",")+1:])
		if before := strings.TrimSpace(body[:strings.LastIndex(body, ",")]); descRe.MatchString(seg) && roleWordRe.MatchString(seg) && surnameRe.MatchString(lastWord(before)) {
			return event{}, false
		}
	}
	tail := s[m[1]:]
	// "…, said spokesperson Zabihullah Mujahid, adding that all eight were
	// women and children.": what he adds is said too.
	added := ""
	if a := invertedAddingRe.FindStringSubmatchIndex(tail); a != nil {
		added = strings.TrimSpace(tail[a[2]:a[3]])
		tail = tail[:a[0]]
	}
	r := invertedTailRe.FindStringSubmatchIndex(tail)
	if r == nil {
		return event{}, false
	}
	phrase := cleanSpeaker(tail[r[2]:r[3]])
	// "…, reported Roza Otunbayeva, Special Representative of the
	// Secretary-General": a name and its office in capitals.
	if phrase == "" || pronounRe.MatchString(phrase) || strings.EqualFold(phrase, "it") || !plausibleSpeakerPhrase(phrase) && !nameAndOffice(phrase) || ingWordRe.MatchString(phrase) {
		return event{}, false
	}
	// After the verb, the words must name someone: a listed speaker, an
	// office, a name, or a name with its office.
	if IdentifySpeaker(phrase) == "" && !roleWordRe.MatchString(phrase) && !personNameRe.MatchString(phrase) && !appositiveRe.MatchString(phrase) && !reverseAppRe.MatchString(phrase) && !nameAndOffice(phrase) {
		return event{}, false
	}
	text := strings.TrimSpace(datelineRe.ReplaceAllString(strings.TrimSuffix(prefix, ","), ""))
	if len(strings.Fields(text)) < 4 {
		return event{}, false
	}
	return event{pos: span[0] + m[1] + r[2], phrase: phrase, text: text, also: added, sentence: span, datePrefix: s[m[2]:]}, true
}

// invertedAddingRe: ", adding that …" after an inverted attribution; group 1
// is what is added.
var invertedAddingRe = regexp.MustCompile(`,\s*(?:adding|noting|stressing|warning|urging|accusing|emphasi[sz]ing|insisting|alleging)\s+(?:that\s+)?([^“”"]{8,}?)\s*[.]?\s*$`)

// anaphors: the speakers named before, as a later sentence writes them.
var anaphors = map[string]bool{"the spokesperson": true, "the statement": true, "the spokesman": true, "it": true, "the army": true, "the military": true, "the agency": true, "the ministry": true, "the organisation": true, "the organization": true, "the commission": true, "the mission": true, "the office": true, "the group": true, "the militant group": true, "the outfit": true}

func plausibleSpeakerPhrase(p string) bool {
	p = datelineRe.ReplaceAllString(p, "")
	if pronounRe.MatchString(p) {
		return true
	}
	lp := strings.ToLower(p)
	if anaphors[lp] {
		return true
	}
	if namedSpeakerPhrase(p) {
		return true
	}
	// "the military’s media wing", "the foreign ministry": a body the
	// lists know, written in lower case.
	return len(strings.Fields(p)) <= 6 && !clauseWordRe.MatchString(lp) && IdentifySpeaker(p) != ""
}

// namedSpeakerPhrase: a speaker written as a name or with a role word.
func namedSpeakerPhrase(p string) bool {
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
