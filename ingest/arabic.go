package ingest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reported speech in Urdu, Persian (Dari) and Pashto. These languages put
// the verb last: "<speaker> نے <…> کہا کہ <what was said>" (Urdu), "<speaker>
// <…> گفت که <…>" (Dari), "<speaker> <…> وویل چې <…>" (Pashto). So a rule
// finds the reporting verb and its complementiser (کہ, که, چې, or a colon),
// takes what follows as the statement and looks for the speaker in what
// precedes: a person speakers.csv knows, else an office ("the spokesperson
// of …") resolved to the person the document named in it, else a
// pronoun resolved to the previous speaker, else a body or party, else
// unnamed sources ("ذرائع", "منابع", "سرچینو") as written. Anything else is
// drafted without a speaker and marked for review.
//
// No library segments or parses these languages well enough for news text
// (whatlanggo does not even know Pashto), hence rules, kept to the forms
// the reporting verbs take.
var (
	// Urdu: "<speaker> نے [up to 8 words] کہا [ہے] کہ …", "<speaker> کا کہنا ہے کہ …".
	urVerbRe = regexp.MustCompile(`(?:^|\s)(نے)\s+(?:[^،۔:]{0,60}?\s+)?(?:کہا|بتایا|دعویٰ کیا|دعوی کیا|دعوٰی کیا|الزام لگایا|الزام عائد کیا|تصدیق کی|اعلان کیا|واضح کیا|عندیہ دیا|امید ظاہر کی|مطالبہ کیا|زور دیا)(?:\s+(?:ہے|تھا|تھی|ہیں|تھے))?\s*(کہ|:|[’'"“«])`)
	urSayRe  = regexp.MustCompile(`(?:^|\s)(کا|کی|کے) کہنا (?:ہے|تھا|تھی)\s*(?:کہ)?`)
	// Sentence-final verbs with no complementiser: "<speaker> نے … کی تصدیق کی".
	urFinalRe = regexp.MustCompile(`(?:^|\s)(نے)\s+(.+?)\s+(?:کی\s+)?(?:بھی\s+)?(?:تصدیق کی|تردید کی|مذمت کی|الزام عائد کیا)(?:\s+(?:ہے|تھا|ہیں))?\s*$`)
	// Dari/Persian.
	faVerbRe  = regexp.MustCompile(`(?:^|\s)(?:گفت|گفتند|گفته|افزود|افزوده|(?:اعلام|تأکید|تاکید|ادعا|تایید|تأیید|اظهار|تصریح|ابراز امیدواری|اظهار امیدواری) (?:کرد|کردند|کرده|کردهاند)|مدعی شد|مدعی شده|نوشت|اظهار داشت|خبر دادند|خبر داد|آمده)(?:\s+(?:است|بود))?\s*(که\s*:?|:|،|\s[«"“]|\s)`)
	faFinalRe = regexp.MustCompile(`^(.+?)\s+(?:را\s+)?(?:با\s+\S+(?:\s+\S+)?\s+)?(?:رد کرد|تایید کرد|تأیید کرد|محکوم کرد|قدردانی کرد|استقبال کرد|نسبت داد)\s*$`)
	// "<speaker> … از <what> خبر داد[ند]": reported what.
	faNewsRe = regexp.MustCompile(`^(.+?)\s+از\s+(.+?)\s+خبر\s*(?:داد|دادند|داده است|داده اند|دادهاند)\s*$`)
	// Pashto.
	psVerbRe = regexp.MustCompile(`(?:^|\s)(?:وویل|وویلې|ویلي دي|ویلي وو|ویلی وو|ویلي و|ویلي|ویل|ادعا کړې وه|ادعا کړې|ادعا کړی|ادعا کوي|ادعا وکړه|اعلان کړی|اعلان وکړ|لیکلي دي|لیکلي وو|لیکلي|زیاته کړه|وايي|زیاتوي|ټینګار کړی|راغلي)(?:\s+دي)?\s*(چې|:|،|\s[«"“”])`)
	// "according to": ur "<X> کے مطابق،", fa "به گفته <X>،", ps "د <X> په وینا".
	urAccRe = regexp.MustCompile(`^(.{2,80}?)\s*کے مطابق\s*[،,]?\s*(.+)$`)
	faAccRe = regexp.MustCompile(`^(?:به\s*گفته(?:ٔ|ی|\x{200c}ی)?|بهگفته(?:ٔ|ی)?)\s+(.{2,80}?)[،,]\s*(.+)$`)
	psAccRe = regexp.MustCompile(`^د\s+(.{2,80}?)\s+په\s+(?:وینا|خبره)\s*[،,]?\s*(.+)$`)
)

// arAsideRe: a clause after a speaker's name that is not the speaker: a
// relative clause, the occasion, the day.
var arAsideRe = regexp.MustCompile(`^(?:که|جو|جس|چې|در (?:صحبت|گفتگو|گفت‌وگو|گفتوگو|مصاحبه|یک)|په (?:یوه|خپله)|روز|امروز|دیروز|اپنے|ایک (?:انٹرویو|بیان))(?:\s|$)`)

// arOutlet: a region naming a news outlet or its report.
func arOutlet(region string) bool {
	return slices.ContainsFunc(arOutletWords, func(w string) bool { return strings.Contains(region, w) })
}

var arOutletWords = []string{"نیوز", "ایجنسی", "رپورٹ", "خبر رساں", "اخبار", "ٹی وی", "خبرگزاری", "رسانه", "روزنامه", "تلویزیون", "گزارش", "رسنیو", "راډیو", "ویب سائٹ"}

// Words that make a speaker region a pronoun: he, she, they.
var arPronouns = map[string]bool{"انہوں": true, "ان": true, "اُن": true, "او": true, "وی": true, "ده": true, "هغه": true, "نوموړي": true, "نوموړی": true, "ایشان": true, "دوی": true}

// Pronouns that can only be the subject ("he", "they"), never a
// determiner: the clause they open is theirs even when it names parties.
var strongPronouns = map[string]bool{"انہوں": true, "وی": true, "هغه": true, "نوموړي": true, "نوموړی": true, "ایشان": true}

func hasSource(s string) bool {
	for _, src := range arSources {
		if strings.Contains(s, src) {
			return true
		}
	}
	return false
}

// Offices, in the three languages, with the canonical role they name.
var arRoles = []struct{ word, role string }{
	{"ترجمان", "spokesperson"}, {"سخنگوی", "spokesperson"}, {"سخنگو", "spokesperson"}, {"ویاند", "spokesperson"},
	{"وزیر دفاع", "defence minister"}, {"وزیرِ دفاع", "defence minister"}, {"دفاع وزیر", "defence minister"},
	{"وزیر خارجہ", "foreign minister"}, {"وزیر امور خارجه", "foreign minister"}, {"وزیر خارجه", "foreign minister"}, {"د بهرنیو چارو وزیر", "foreign minister"},
	{"وزیر اطلاعات", "information minister"}, {"د اطلاعاتو مرکزي وزیر", "information minister"}, {"وزیر داخلہ", "interior minister"},
	{"وزیراعظم", "prime minister"}, {"وزیر اعظم", "prime minister"}, {"صدر", "president"},
	{"رئیس جمهوری", "president"}, {"رئیس\u200cجمهور", "president"}, {"رئیسجمهور", "president"}, {"رئیس جمهور", "president"}, {"نخست وزیر", "prime minister"}, {"نخست\u200cوزیر", "prime minister"},
	{"ڈپٹی کمشنر", "deputy commissioner"}, {"کمشنر", "commissioner"},
}

// Unnamed sources and experts: a speaker as the text names them, without
// an id.
var arSources = []string{"ذرائع", "منابع", "سرچینو", "سرچینې", "چارواکو", "چارواکي", "حکام", "مقامات", "مسئولان", "کارپوهان", "تحلیلگران", "شنونکي", "دیپلوماتان", "خونه", "پوه"}

// Regions that name a kind of text, not who speaks ("تفصیلات کے مطابق",
// "according to the details").
var arNotSpeakers = []string{"تفصیلات", "اطلاعات", "رپورٹ", "رپورٹس", "گزارش", "راپور", "خبر", "رسانه", "رسنیو", "رسنۍ", "ذرائع ابلاغ", "اخبار", "خبرگزاری", "ارنا", "الجزیره", "رویټرز"}

// arabicReportEnd reports whether text ends with a reporting verb and its
// complementiser, so that a quotation after it is the speaker's own words.
func arabicReportEnd(before string) bool {
	before = strings.TrimSpace(before)
	for _, suf := range []string{"کہا", "کہ", "که", "چې", ":", "نوشت", "گفت", "افزود", "وویل", "ویلي", "لیکلي", "زیاته کړه", "،"} {
		if strings.HasSuffix(before, suf) {
			return true
		}
	}
	return false
}

// arSentences splits an Arabic-script paragraph at ۔ . ؟ ! ? followed by
// space or the end, never inside a quotation.
func arSentences(s string, quotes []quoteSpan) [][2]int {
	var out [][2]int
	start := 0
	for i, r := range s {
		if !strings.ContainsRune("۔.؟!?", r) || inside(quotes, i) {
			continue
		}
		end := i + utf8.RuneLen(r)
		if end < len(s) {
			next, _ := utf8.DecodeRuneInString(s[end:])
			if !unicode.IsSpace(next) && !isArabicLetter(next) {
				continue
			}
		}
		if strings.TrimSpace(s[start:end]) != "" {
			out = append(out, [2]int{start, end})
		}
		start = end
	}
	if strings.TrimSpace(s[start:]) != "" {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

func isArabicLetter(r rune) bool { return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) }

// arEvent is a statement found in an Arabic-script sentence.
type arEvent struct {
	region    string // where the speaker is named
	text      string
	quoted    bool
	colonOpen bool // the verb ends the paragraph with a colon: the next paragraph is the quotation
	sentence  [2]int
}

// arabicEvents finds the statements of one paragraph.
func arabicEvents(text string) []arEvent {
	quotes := findQuotes(text)
	var evs []arEvent
	for _, sp := range arSentences(text, quotes) {
		s := strings.TrimRight(text[sp[0]:sp[1]], " ۔.؟!?")
		trimmed := strings.TrimSpace(strings.TrimLeft(s, " ،,-–•"))
		if ev, ok := arAccording(trimmed); ok {
			// "ابنا کی رپورٹ کے مطابق، وزیر اطلاعات عطا تارڑ کا کہنا ہے کہ
			// …", "عالمی خبر رساں ادارے کے مطابق …": an outlet carries
			// the words of the speaker inside.
			if arOutlet(ev.region) {
				if inner, ok := arVerb(ev.text); ok {
					inner.sentence = sp
					evs = append(evs, inner)
					continue
				}
			}
			ev.sentence = sp
			evs = append(evs, ev)
			continue
		}
		ev, ok := arVerb(s)
		if !ok {
			continue
		}
		ev.sentence = sp
		evs = append(evs, ev)
	}
	return evs
}

func arAccording(s string) (arEvent, bool) {
	for _, re := range []*regexp.Regexp{urAccRe, faAccRe, psAccRe} {
		if m := re.FindStringSubmatch(s); m != nil {
			if len(strings.Fields(m[2])) < 3 {
				continue
			}
			return arEvent{region: m[1], text: cleanStatement(m[2])}, true
		}
	}
	return arEvent{}, false
}

func arVerb(s string) (arEvent, bool) {
	var region, rest string
	// The words after "… کہا:", "… نوشت:" are the speaker's own, marks or
	// not (LABELLING.md).
	colonMark := false
	if m := urVerbRe.FindStringSubmatchIndex(s); m != nil {
		region, rest = s[:m[2]], s[m[5]:]
		colonMark = s[m[4]:m[5]] == ":"
		if mark := s[m[4]:m[5]]; mark != "کہ" && mark != ":" {
			rest = s[m[4]:]
		}
	} else if m := urSayRe.FindStringSubmatchIndex(s); m != nil {
		region, rest = s[:m[2]], s[m[1]:]
	} else if m := faVerbRe.FindStringSubmatchIndex(s); m != nil {
		region, rest = s[:m[0]], s[m[3]:]
		colonMark = strings.TrimSpace(s[m[2]:m[3]]) == ":"
		if mark := strings.TrimSpace(s[m[2]:m[3]]); mark != "" && !strings.HasPrefix(mark, "که") && mark != ":" && mark != "،" {
			rest = s[m[2]:]
		}
	} else if m := psVerbRe.FindStringSubmatchIndex(s); m != nil {
		region, rest = s[:m[0]], s[m[3]:]
		colonMark = strings.TrimSpace(s[m[2]:m[3]]) == ":"
		if mark := strings.TrimSpace(s[m[2]:m[3]]); mark != "چې" && mark != ":" && mark != "،" {
			rest = s[m[2]:]
		}
	} else if m := faNewsRe.FindStringSubmatchIndex(s); m != nil {
		region, rest = s[m[2]:m[3]], s[m[4]:m[5]]
	} else if m := urFinalRe.FindStringSubmatchIndex(s); m != nil {
		region, rest = s[:m[2]], s[m[4]:m[5]]
	} else if m := faFinalRe.FindStringSubmatchIndex(s); m != nil {
		// The speaker opens the sentence; the statement is the rest.
		words := strings.Fields(s[m[2]:m[3]])
		if len(words) < 4 {
			return arEvent{}, false
		}
		region, rest = s[m[2]:m[3]], s[m[2]:m[3]]
	} else {
		return arEvent{}, false
	}
	rest = strings.TrimSpace(strings.TrimLeft(rest, " :،,"))
	ev := arEvent{region: strings.TrimSpace(region), quoted: colonMark}
	if rest == "" {
		ev.colonOpen = true
		return ev, true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if quoteClosers[r] != "" {
		ev.quoted = true
		rest = strings.TrimFunc(rest, func(r rune) bool {
			return quoteClosers[r] != "" || strings.ContainsRune("»”\"‘’“«.۔ ", r)
		})
	}
	if len(strings.Fields(rest)) < 3 {
		return arEvent{}, false
	}
	ev.text = cleanStatement(rest)
	return ev, true
}

func cleanStatement(s string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "،,"))
}

// arSpeaker resolves a speaker region. It returns the speaker as written
// and its identity; ok is false when the region names nobody it can
// trust.
func (st *speakerState) arSpeaker(region string) (speaker string, who identity, ok bool) {
	region = strings.TrimSpace(strings.Trim(region, " ،,:-–•"))
	if region == "" {
		return "", identity{}, false
	}
	// "… آغاز شد که اسلامآباد از کابل": a capital opening the clause
	// after a complementiser is its subject (a relative clause after a
	// named speaker is not: "تارړ …، … که توسط قطر …").
	for _, c := range []string{" که ", " کہ ", " چې "} {
		if i := strings.LastIndex(region, c); i >= 0 {
			if w := strings.Fields(region[i+len(c):]); len(w) >= 1 && capitals[w[0]] != "" {
				region = strings.TrimSpace(region[i+len(c):])
			}
		}
	}
	// The clause nearest the verb, after the last comma, names the
	// speaker: "به گزارش …، از کابل، رسانههای محلی افغانستان".
	subject := region
	// "وزیر دفاع طالبان، که … امضا کرده بود، در صحبت با الجزیره": a
	// relative clause or the occasion after the comma is not the subject.
	for {
		c := strings.LastIndex(region, "،")
		if c < 0 {
			break
		}
		seg := strings.TrimSpace(region[c+len("،"):])
		if !arAsideRe.MatchString(seg) || strings.TrimSpace(region[:c]) == "" {
			break
		}
		region = strings.TrimSpace(region[:c])
	}
	if c := strings.LastIndex(region, "،"); c >= 0 {
		subject = strings.TrimSpace(region[c+len("،"):])
	} else {
		subject = region
	}
	// "وزارتِ اطلاعات" is a ministry, not "information".
	body := arBodyStart(subject)
	for _, w := range arNotSpeakers {
		if body < 0 && (strings.HasPrefix(region, w) || strings.HasSuffix(region, w) || strings.HasPrefix(subject, w)) {
			return "", identity{}, false
		}
	}
	if w := strings.Fields(region); len(w) >= 1 {
		if p, ok := capitals[w[0]]; ok {
			// "اسلامآباد از کابل خواست": the capital opening the clause.
			who = identity{id: p, speaksFor: p}
			return w[0], who, true
		}
	}
	reg := speakerRegistry()
	hits := reg.findNames(region)
	// The person named nearest the verb is the subject.
	for i := len(hits) - 1; i >= 0; i-- {
		h := hits[i]
		sp := h.sp
		if h.short {
			if sp = st.dp.surname(reg, region[h.start:h.end]); sp == nil {
				continue
			}
		}
		if sp.Kind == "person" {
			st.dp.saw(sp)
			who = identity{id: sp.ID, role: sp.Role, speaksFor: sp.SpeaksFor}
			st.setLast(region[h.start:h.end], who)
			return region[h.start:h.end], who, true
		}
	}
	words := strings.Fields(region)
	if len(hits) == 0 && len(words) <= 2 {
		// A name too short to find inside text ("ډار", "قطر") may be the
		// whole region.
		if sp := st.dp.surname(reg, region); sp != nil {
			who = identity{id: sp.ID, role: sp.Role, speaksFor: sp.SpeaksFor}
			st.setLast(region, who)
			return region, who, true
		}
		key := normKey(region, false)
		for _, n := range reg.names {
			if !n.latin && !n.short && n.key == key {
				who = identity{id: n.sp.ID, speaksFor: firstNonEmpty(n.sp.SpeaksFor, n.sp.ID)}
				st.setLast(region, who)
				return region, who, true
			}
		}
	}
	personHit := false
	for _, h := range hits {
		personHit = personHit || h.sp.Kind == "person"
	}
	// "آصف امروز … گفت": a surname too short to find inside text opens
	// the clause (the subject comes first).
	if !personHit && len(words) > 1 {
		if sp := st.dp.surname(reg, words[0]); sp != nil && sp.Kind == "person" {
			who = identity{id: sp.ID, role: sp.Role, speaksFor: sp.SpeaksFor}
			st.setLast(words[0], who)
			return words[0], who, true
		}
	}
	// "این منابع", "these sources": the sources named before.
	if (words[0] == "این" || words[0] == "دا" || words[0] == "ان") && len(words) <= 3 && hasSource(region) {
		if st.last != "" && st.lastWho.id == "" && hasSource(st.last) {
			return st.last, st.lastWho, true
		}
	}
	// "ایک انٹرویو میں انہوں نے کہا": the pronoun nearest the verb.
	if arPronouns[words[0]] && len(hits) == 0 || len(words) == 1 && arPronouns[words[0]] || (strongPronouns[words[0]] || strongPronouns[words[len(words)-1]]) && !personHit ||
		(words[0] == "این" || words[0] == "دا") && len(hits) == 0 && len(words) <= 3 && !hasSource(region) {
		if st.last != "" {
			return st.last, st.lastWho, true
		}
		// "He said" with no speaker drafted yet: the last person named.
		if n := len(st.dp.named); n > 0 && arPronouns[words[0]] {
			p := st.dp.named[n-1]
			who = identity{id: p.ID, role: p.Role, speaksFor: p.SpeaksFor}
			return st.nameOf(p), who, true
		}
		return "", identity{}, false
	}
	// An office: the person the document named in it, else the office.
	for _, r := range arRoles {
		i := strings.Index(region, r.word)
		if i < 0 {
			continue
		}
		// The party of the office is named next to it ("سخنگوی طالبان",
		// "د پاکستان د دفاع وزیر"), else anywhere in the region.
		var party, near string
		for _, h := range hits {
			if h.sp.Kind != "person" {
				party = firstNonEmpty(h.sp.SpeaksFor, h.sp.ID)
				if h.start >= i+len(r.word) && h.start-(i+len(r.word)) <= len(" کی ") || h.end <= i && i-h.end <= len(" د ") {
					near = party
				}
			}
		}
		party = firstNonEmpty(near, party)
		for j := len(st.dp.named) - 1; j >= 0; j-- {
			p := st.dp.named[j]
			if p.Role == r.role || strings.HasSuffix(p.Role, r.role) {
				if party == "" || p.SpeaksFor == party || reg.byID[p.SpeaksFor] != nil && reg.byID[p.SpeaksFor].SpeaksFor == party {
					who = identity{id: p.ID, role: p.Role, speaksFor: p.SpeaksFor}
					st.setLast(st.nameOf(p), who)
					return st.nameOf(p), who, true
				}
			}
		}
		// "د پاکستان د دفاع وزیر" before the text names him: the one
		// person of that office and party the document names anywhere.
		if p := st.dp.onlyWith(r.role, party); p != nil {
			who = identity{id: p.ID, role: p.Role, speaksFor: p.SpeaksFor}
			sp := officePhrase(region, i, len(r.word), hits)
			st.setLast(sp, who)
			return sp, who, true
		}
		sp := officePhrase(region, i, len(r.word), hits)
		who = identity{role: r.role, speaksFor: party}
		st.setLast(sp, who)
		return sp, who, true
	}
	for _, src := range arSources {
		if i := strings.Index(region, src); i >= 0 {
			end := i + len(src)
			// The source and the name that follows it, up to a comma:
			// "د … چارو پوه اسحاق اتمر، ازادي راډیو ته".
			if c := strings.Index(region[end:], "،"); c >= 0 {
				end += c
			} else if c := strings.Index(region[end:], " ته"); c < 0 && len(strings.Fields(region[end:])) <= 4 {
				end = len(region)
			}
			from := 0
			if c := strings.LastIndexAny(region[:i], "،,"); c >= 0 {
				from = c + 1 // "به گزارش …، برخی منابع امنیتی": after the comma
			}
			sp := strings.TrimSpace(lastWords(strings.TrimSuffix(strings.TrimSpace(region[from:end]), " هم"), 8))
			var party string
			for _, h := range hits {
				if h.start < end {
					party = firstNonEmpty(h.sp.SpeaksFor, h.sp.ID)
				}
			}
			who = identity{speaksFor: party}
			st.setLast(sp, who)
			return sp, who, true
		}
	}
	// "وزارتِ اطلاعات و نشریات": a ministry or office the lists do not
	// know, as written.
	if body >= 0 && len(hits) == 0 {
		sp := strings.TrimSpace(lastWords(subject[body:], 6))
		who = identity{}
		st.setLast(sp, who)
		return sp, who, true
	}
	if len(hits) > 0 {
		h := hits[len(hits)-1]
		who = identity{id: h.sp.ID, speaksFor: firstNonEmpty(h.sp.SpeaksFor, h.sp.ID)}
		if h.short {
			return "", identity{}, false
		}
		sp := region[h.start:h.end]
		st.setLast(sp, who)
		return sp, who, true
	}
	if p, ok := capitals[strings.TrimSpace(region)]; ok {
		who = identity{id: p, speaksFor: p}
		return region, who, true
	}
	return "", identity{}, false
}

// arBodyStart: where a ministry or office opens the region, or -1.
func arBodyStart(region string) int {
	for _, w := range []string{"وزارتِ", "وزارت", "دفتر خارجہ", "دفتر خارجه", "کمیشن", "کمیسیون", "اداره", "ادارہ"} {
		if i := strings.Index(region, w); i >= 0 && strings.TrimSpace(region[:i]) == "" {
			return i
		}
	}
	return -1
}

// functionWords are not part of a name ("له مخه", "earlier").
var functionWords = map[string]bool{"له": true, "مخه": true, "نے": true, "کا": true, "کی": true, "کے": true, "هم": true, "را": true, "به": true, "در": true, "از": true, "ته": true, "سره": true, "په": true, "کې": true, "نیز": true, "بھی": true, "امروز": true, "دیروز": true, "پرون": true, "نن": true}

// officePhrase is the office as written: the role word with the names
// (party, body) and the person's name written next to it ("وزیر دفاع
// پاکستان", "د پاکستان د دفاع وزیر", "ضلع خیبر کے ڈپٹی کمشنر بلال شاہد"),
// not the rest of the clause.
func officePhrase(region string, i, n int, hits []nameHit) string {
	start, end := i, i+n
	for _, h := range hits {
		// A name just before ("د پاکستان د …") or just after ("… پاکستان").
		if h.end <= start && start-h.end <= len(" د ") {
			start = h.start
		}
		if h.start >= end && h.start-end <= len(" ") {
			end = h.end
		}
	}
	if strings.HasSuffix(region[:start], "د ") {
		start -= len("د ")
	}
	// Words up to a comma or the end when they are few: the person's
	// name after the office, the district before it.
	if rest := region[end:]; len(strings.Fields(rest)) <= 3 && !strings.ContainsAny(rest, "،,") && !slices.ContainsFunc(strings.Fields(rest), func(w string) bool { return functionWords[w] }) {
		end = len(region)
	}
	// "ضلع خیبر کے ڈپٹی کمشنر": the place whose office it is.
	if pre := strings.TrimSpace(region[:start]); len(strings.Fields(pre)) <= 3 && !strings.ContainsAny(pre, "،,") &&
		(strings.HasSuffix(pre, " کے") || strings.HasSuffix(pre, " کی")) {
		start = 0
	}
	return strings.TrimSpace(region[start:end])
}

func lastWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		w = w[len(w)-n:]
	}
	return strings.Join(w, " ")
}

func (st *speakerState) nameOf(p *Speaker) string {
	if n, ok := st.written[p.ID]; ok {
		return n
	}
	if n, ok := st.dp.written[p]; ok {
		return n
	}
	return p.Name
}

func (st *speakerState) setLast(speaker string, who identity) {
	st.last, st.lastWho = speaker, who
	if sp := LookupSpeaker(who.id); sp != nil && sp.Kind == "armed_group" || who.id == "" && unlistedGroupRe.MatchString(speaker) {
		st.armed = speaker
	}
	if who.id != "" {
		if st.written == nil {
			st.written = map[string]string{}
		}
		if LookupSpeaker(who.id) != nil && LookupSpeaker(who.id).Kind == "person" {
			st.written[who.id] = speaker
		}
	}
}
