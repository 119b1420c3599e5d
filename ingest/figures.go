package ingest

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

var numberWords = map[string]int64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1000000}

// numberWordRe: one number word; a count may write several ("seventy-three",
// "nine hundred and twenty five", "fifty nine thousand and seven hundred").
const numberWordRe = `(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million)`

// wordsValue is the value of a count written in words: units and tens add
// up, "hundred" multiplies what comes before it, "thousand" closes a group.
func wordsValue(s string) (int64, bool) {
	var total, cur int64
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' }) {
		if w == "and" {
			continue
		}
		v, ok := numberWords[w]
		switch {
		case !ok:
			return 0, false
		case w == "hundred":
			cur = max(cur, 1) * 100
		case w == "thousand":
			total += max(cur, 1) * 1000
			cur = 0
		case w == "million":
			total = (total + max(cur, 1)) * 1000000
			cur = 0
		default:
			cur += v
		}
	}
	return total + cur, true
}

// prepositionWords: words that end the noun phrase a count opens.
var prepositionWords = wordSet("for in at on from to with by per into across")

// durationWords: a number before one of them is a duration.
var durationWords = wordSet("day days week weeks month months year years hour hours minute minutes night nights decade decades")

// Countable heads: what a figure may count. Durations, rounds, years and
// the like are not figures.
const countNouns = `positions|fatalities|injuries|outposts|lives|assailants|others|sons|players|tanks|checkposts|fighters|drivers|militants|soldiers|troops|civilians|people|persons|terrorists|casualties|members|officials|refugees|nationals|migrants|attacks|trucks|vehicles|containers|families|children|women|men|policemen|personnel|camps|posts|checkposts|drones|strikes|airstrikes|hostages|prisoners|bodies|deaths|killed|dead|injured|wounded|insurgents|attackers|suspects|Afghans|Pakistanis|villagers|students|workers|traders|passengers|houses|homes|schools|tonnes|tons|rockets|mortars|shells|incidents|violations|khwarij|khawarij|kharijis|khariji|individuals|boys|girls|youths|infants|babies|returnees|deportees|cops|officers|commanders|jets|missiles|aircraft|helicopters|operations|IBOs|raids|clashes|skirmishes|engagements|bombings|blasts|explosions|targets`

var (
	figureRe = regexp.MustCompile(`(?i)\b(at least|more than|over|nearly|almost|about|around|approximately|roughly|some|up to|at most|as many as|no fewer than|fewer than|less than|an estimated|barely|just under|no more than)?\s*` +
		`\b(\d+(?:\.\d+)?\s+(?:million|thousand)|\d{1,3}(?:,\d{3})+|\d+|` + numberWordRe + `(?:(?:\s+and\s+|[\s-]+)` + numberWordRe + `)*)` +
		`\s+[“"‘]?((?:[\p{L}][\p{L}’'-]*\s+){0,3}?)(` + countNouns + `)\b`)
	outcomeRe = regexp.MustCompile(`^(?:[^.;]{0,40}?)\b(?:have been|had been|were|was|been|are|got)?\s*(killed|injured|wounded|arrested|detained|abducted|displaced|martyred|deported|repatriated|released|captured|returned|stranded|neutrali[sz]ed|eliminated|sent to hell)\b`)
	// auxOnlyRe: auxiliaries alone between a count and its outcome.
	auxOnlyRe = regexp.MustCompile(`(?i)^(?:(?:were|was|have|had|has|been|also|reportedly)\s+)+$`)
	// verbBeforeRe: the outcome as the verb before the count ("killed over
	// 120 militants and injured 40"), which then wins over a verb after.
	verbBeforeRe  = regexp.MustCompile(`\b(killed|injured|wounded|arrested|detained|abducted|captured|neutrali[sz]ed|eliminated)\s*$`)
	attributionRe = regexp.MustCompile(`(?i)\baccording to\s+(?:the\s+)?([^,.;“”"]{2,60})`)
	joinRe        = regexp.MustCompile(`^\s*(,|and|,\s*and)\s*$`)
	yearLikeRe    = regexp.MustCompile(`^(1[89]|20|21)\d\d$`)
	rangeRe       = regexp.MustCompile(`(?i)(between\s+)?\b(\d{1,3}(?:,\d{3})+|\d{1,6})(?:\s+(?:to|and|-|–)\s+|\s*[-–]\s*)$`)
	// "over 200 Taliban and affiliated terrorists": "Taliban" counts only
	// where no other counted noun follows it ("206 Afghan Taliban
	// fighters" counts fighters).
	talibanRe = regexp.MustCompile(strings.Replace(figureRe.String(), `(`+countNouns+`)\b`, `(Taliban)\b(?:\s+and\b|\s*[,.;]|\s*$)`, 1))
	// monthBeforeRe: a month name just before a number, which is then a day.
	monthBeforeRe = regexp.MustCompile(`\b` + monthRe + `\s+$`)
	dozensRe      = regexp.MustCompile(`(?i)\b(more than |over |at least |nearly |about )?(two|three|four|five|six|seven|eight|nine|ten)\s+dozen\b`)
	dozenRe       = regexp.MustCompile(`(?i)\b(more than |over |at least |nearly |about )?an?\s+dozen\b`)
)

// findFigures finds counts in a sentence: "at least 206 Afghan Taliban
// fighters and 110 TTP militants have been killed" gives two figures, both
// at_least (a qualifier carries over a list joined by "and"), both
// "… killed"; "according to X" in the sentence becomes attributed_to.
//
// Qualifiers: "at least", "more than", "over", "no fewer than" → at_least
// ("more than" strictly means at least one more; the schema has no such
// qualifier); "nearly", "almost", "up to", "at most", "fewer/less than",
// "barely", "just under", "no more than" → at_most; "about", "around", "approximately", "roughly", "some", "an
// estimated" → about; none → exact.
func findFigures(s string) []Figure {
	if arabicScript(s) {
		return findFiguresAr(s)
	}
	if strings.Contains(s, "dozen") {
		s = dozenRe.ReplaceAllString(s, "${1}12 ")
		// "more than two dozen injured": 24.
		s = dozensRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := dozensRe.FindStringSubmatch(m)
			n, ok := numberWords[strings.ToLower(sub[2])]
			if !ok {
				return m
			}
			return sub[1] + strconv.FormatInt(n*12, 10) + " "
		})
	}
	if !mayHaveFigure(s) {
		return nil
	}
	var figs []Figure
	attributed := ""
	if m := attributionRe.FindStringSubmatch(s); m != nil {
		attributed = strings.TrimSpace(m[1])
	}
	wins := figureWindows(s)
	ms := findAllIn(figureRe, s, wins)
	if strings.Contains(s, "Taliban") {
		for _, m := range findAllIn(talibanRe, s, wins) {
			if !slices.ContainsFunc(ms, func(o []int) bool { return o[0] < m[9] && m[0] < o[1] }) {
				m[1] = m[9]
				ms = append(ms, m)
			}
		}
		slices.SortFunc(ms, func(a, b []int) int { return a[0] - b[0] })
	}
	var group []int // indices into figs of the current "A and B" list
	lastQual, lastEnd := "", -1
	for _, m := range ms {
		num := strings.ToLower(s[m[4]:m[5]])
		if yearLikeRe.MatchString(num) && m[2] < 0 {
			continue
		}
		// The words between the count and what it counts: not "50 percent
		// were women" (a share), nor the decimals of "2.4 percent"; not
		// "three days of violent clashes" (a duration); not "38
		// residential settlements for returnees" (what is counted comes
		// before the preposition, and it is no countable head).
		between := strings.ToLower(s[m[6]:m[7]])
		first, _, _ := strings.Cut(between, " ")
		if strings.HasPrefix(between, "percent") || strings.HasPrefix(between, "per cent") || m[4] > 1 && s[m[4]-1] == '.' && s[m[4]-2] >= '0' && s[m[4]-2] <= '9' || durationWords[first] || hasWordIn(between, prepositionWords) {
			continue
		}
		// "on October 11 when militants attacked": a day of the month.
		if m[2] < 0 && num[0] >= '0' && num[0] <= '9' && len(num) <= 2 && monthBeforeRe.MatchString(s[max(0, m[4]-12):m[4]]) {
			continue
		}
		n, ok := wordsValue(num)
		if f, unit, big := strings.Cut(num, " "); big && !ok {
			// "1.7 million Afghans": 1,700,000.
			v, err := strconv.ParseFloat(f, 64)
			if err != nil || v*1e6 > 1<<53-1 {
				continue
			}
			if strings.TrimSpace(unit) == "million" {
				n = int64(v*1e6 + 0.5)
			} else {
				n = int64(v*1e3 + 0.5)
			}
			ok = true
		}
		if !ok {
			v, err := strconv.ParseInt(strings.ReplaceAll(num, ",", ""), 10, 64)
			if err != nil || v > 1<<53-1 {
				continue
			}
			n = v
		}
		qual := "exact"
		if m[2] >= 0 {
			qual = qualifier(strings.ToLower(s[m[2]:m[3]]))
		}
		// "between 15 and 20 fighters", "15 to 20 assailants": a range.
		var top int64
		if r := rangeRe.FindStringSubmatch(s[:m[4]]); r != nil {
			if lo, err := strconv.ParseInt(strings.ReplaceAll(r[2], ",", ""), 10, 64); err == nil && lo < n {
				n, top, qual = lo, n, "at_least"
			}
		}
		// "… and 110 TTP militants": joined to the previous figure.
		joined := lastEnd >= 0 && joinRe.MatchString(s[lastEnd:m[0]])
		if joined && m[2] < 0 {
			qual = lastQual
		}
		if !joined {
			group = group[:0]
		}
		what := strings.TrimSpace(s[m[6]:m[7]] + s[m[8]:m[9]])
		// "521 were injured": what happened to them, not the verb's form.
		if auxOnlyRe.MatchString(s[m[6]:m[7]]) {
			what = s[m[8]:m[9]]
		}
		v := verbBeforeRe.FindStringSubmatch(s[:m[0]])
		if v != nil && !isOutcome(what) {
			what += " " + outcome(v[1])
		}
		figs = append(figs, Figure{What: what, Count: n, Qualifier: qual, CountMax: top, AttributedTo: attributed})
		group = append(group, len(figs)-1)
		lastQual, lastEnd = qual, m[1]
		if v != nil {
			group = group[:0]
			continue
		}
		if o := outcomeRe.FindStringSubmatch(s[m[1]:]); o != nil {
			o[1] = outcome(o[1])
			next := len(s)
			for _, m2 := range ms {
				if m2[0] >= m[1] {
					next = m2[0]
					break
				}
			}
			// Only when no other figure stands between this one and the verb.
			if idx := strings.Index(s[m[1]:], o[1]); idx >= 0 && m[1]+idx < next || next == len(s) {
				for _, gi := range group {
					if !strings.HasSuffix(figs[gi].What, o[1]) && !isOutcome(figs[gi].What) {
						figs[gi].What += " " + o[1]
					}
				}
			}
		}
	}
	return figs
}

// outcome names what happened to those counted, euphemisms as what they
// mean ("six khwarij were sent to hell": killed).
func outcome(verb string) string {
	switch verb {
	case "neutralised", "neutralized", "eliminated", "sent to hell":
		return "killed"
	}
	return verb
}

func isOutcome(what string) bool {
	for _, w := range []string{"killed", "dead", "injured", "wounded", "casualties", "deaths"} {
		if strings.HasSuffix(what, w) {
			return true
		}
	}
	return false
}

func qualifier(q string) string {
	switch q {
	case "at least", "more than", "over", "no fewer than":
		return "at_least"
	case "nearly", "almost", "up to", "at most", "fewer than", "less than", "barely", "just under", "no more than":
		return "at_most"
	case "about", "around", "approximately", "roughly", "some", "an estimated":
		return "about"
	}
	return "exact"
}

// figureWindows returns the stretches of s that can hold a count: from 32
// bytes before each number (room for its qualifier) to the sixth word after
// it (what is counted, up to three words before it, and the word after
// "Taliban" that talibanRe looks at), each from and to a space, overlapping
// stretches merged. Every match of figureRe and talibanRe lies inside one,
// and matching there rather than in the whole sentence is what keeps
// findFigures cheap, as dateWindows does for dates.
func figureWindows(s string) [][2]int {
	var out [][2]int
	for i, w := range asciiWords(s) {
		j := i + len(w)
		if _, ok := numberWords[strings.ToLower(w)]; !ok && (w[0] < '0' || w[0] > '9') {
			continue
		}
		a := max(0, i-32)
		for a > 0 && !asciiSpace(s[a-1]) {
			a--
		}
		b := j
		for k := 0; k < 6 && b < len(s); k++ {
			for b < len(s) && asciiSpace(s[b]) {
				b++
			}
			for b < len(s) && !asciiSpace(s[b]) {
				b++
			}
		}
		if n := len(out); n > 0 && a <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], b)
		} else {
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

// asciiSpace is \s of Go's regexp.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// findAllIn is re.FindAllStringSubmatchIndex(s, -1) for a re whose every
// match lies inside one of wins.
func findAllIn(re *regexp.Regexp, s string, wins [][2]int) [][]int {
	var out [][]int
	for _, w := range wins {
		for _, m := range re.FindAllStringSubmatchIndex(s[w[0]:w[1]], -1) {
			for k := range m {
				if m[k] >= 0 {
					m[k] += w[0]
				}
			}
			out = append(out, m)
		}
	}
	return out
}

// mayHaveFigure is a cheap test that lets most sentences skip figureRe
// (and talibanRe): a number, in digits or words, and a counted noun, each
// a whole ASCII word as the expressions' \b reads them.
func mayHaveFigure(s string) bool {
	num, noun := false, false
	for _, w := range asciiWords(s) {
		w = strings.ToLower(w)
		if _, ok := numberWords[w]; ok || w[0] >= '0' && w[0] <= '9' {
			num = true
		}
		if countNounSet[w] {
			noun = true
		}
		if num && noun {
			return true
		}
	}
	return false
}

var countNounSet = func() map[string]bool {
	m := map[string]bool{"taliban": true}
	for _, n := range strings.Split(countNouns, "|") {
		m[strings.ToLower(n)] = true
	}
	return m
}()

// Figures in Urdu, Persian (Dari) and Pashto: a number in Western, Arabic
// or Persian digits, or a number word, followed within two words by what
// it counts; qualifiers before ("بیش از", "دستکم", "کم از کم", "حدود",
// Pashto "تر … زیات") or after ("سے زائد", "سے زیادہ"); ranges "۱۵ الی ۲۰",
// "15 سے 20", "۱۵ تا ۲۰".
var (
	arCountNouns  = `فوجی|اہلکار|اہلکاروں|افراد|شہری|شہریوں|زخمی|ہلاک|ٹینک|ٹینکوں|چیک پوسٹ|چیک پوسٹوں|چوکیوں|طالبان|دہشت گرد|دہشت گردوں|جنگجو|سپاہی|سپاہیوں|تن|نفر|غیرنظامی|سرباز|سربازان|نیرو|نیروهای|شهروند|شهروندان|مغازه|پوسته|پاسگاه|کشته|سرتېري|سرتېرو|کسان|کسانو|تنه|ماشومان|ښځه|ښځې|پوستې|ژوبل|ځواکونه|کس|کامیون|ٹرک|لارۍ`
	arNumberWords = map[string]int64{"ایک": 1, "دو": 2, "تین": 3, "چار": 4, "پانچ": 5, "چھ": 6, "سات": 7, "آٹھ": 8, "نو": 9, "دس": 10, "بیس": 20,
		"یک": 1, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "ده": 10, "بیست": 20,
		"یو": 1, "یوه": 1, "دوه": 2, "درې": 3, "څلور": 4, "پنځه": 5, "شپږ": 6, "اووه": 7, "اته": 8, "نهه": 9, "لس": 10, "شل": 20}
	// A number word must be a whole word ("دو" is also the start of
	// "دوران"), so it is followed by a space; the nouns are tried longest
	// first ("چیک پوسٹوں" before "چیک پوسٹ").
	arFigureRe = regexp.MustCompile(`(بیش از|دستکم|دست کم|کم از کم|حدود|تقریباً|تقریبا|لږ تر لږه|شاوخوا|تر)?\s*(\d[\d,٬]*|(?:` + arNumberWordAlt() + `)\s)(?:\s*(?:الی|تا|سے|څخه تر)\s*(\d+))?\s*((?:\S+\s+){0,2}?)(` + longestFirst(arCountNouns) + `)(\s+(?:سے زائد|سے زیادہ|زیات|ہلاک|زخمی|کشته|زخمی|وژل|ژوبل|شهید))?`)
)

func longestFirst(alt string) string {
	w := strings.Split(alt, "|")
	sort.SliceStable(w, func(i, j int) bool { return len(w[i]) > len(w[j]) })
	return strings.Join(w, "|")
}

func arNumberWordAlt() string {
	var w []string
	for k := range arNumberWords {
		w = append(w, k)
	}
	sort.Slice(w, func(i, j int) bool { return len(w[i]) > len(w[j]) })
	return strings.Join(w, "|")
}

// asciiDigits writes Arabic-Indic and Persian digits as ASCII ones.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + r - '٠'
		case r >= '۰' && r <= '۹':
			return '0' + r - '۰'
		}
		return r
	}, s)
}

func findFiguresAr(s string) []Figure {
	s = asciiDigits(s)
	if strings.IndexAny(s, "0123456789") < 0 {
		any := false
		for _, w := range strings.Fields(s) {
			if _, ok := arNumberWords[w]; ok {
				any = true
				break
			}
		}
		if !any {
			return nil
		}
	}
	var figs []Figure
	for _, m := range arFigureRe.FindAllStringSubmatchIndex(s, -1) {
		num := strings.TrimSpace(s[m[4]:m[5]])
		// A number word must stand alone and be followed at once by what
		// it counts ("نو" is also "new", "ده" also "he").
		n, word := arNumberWords[num]
		if word {
			if m[8] != m[9] || m[4] > 0 && !unicode.IsSpace(rune(s[m[4]-1])) {
				continue
			}
		} else {
			v, err := strconv.ParseInt(strings.NewReplacer(",", "", "٬", "").Replace(num), 10, 64)
			if err != nil || v > 1<<53-1 || yearLikeRe.MatchString(num) {
				continue
			}
			n = v
		}
		if m[1] < len(s) {
			if r, _ := utf8.DecodeRuneInString(s[m[1]:]); unicode.IsLetter(r) {
				continue // the noun is the start of a longer word
			}
		}
		qual := "exact"
		if m[2] >= 0 {
			switch s[m[2]:m[3]] {
			case "بیش از", "دستکم", "دست کم", "کم از کم", "لږ تر لږه":
				qual = "at_least"
			case "حدود", "تقریباً", "تقریبا", "شاوخوا":
				qual = "about"
			case "تر":
				if !strings.Contains(s[m[8]:m[9]], "زیات") && (m[12] < 0 || strings.TrimSpace(s[m[12]:m[13]]) != "زیات") {
					continue // "تر" alone is "until", not a qualifier
				}
				qual = "at_least"
			}
		}
		if m[12] >= 0 {
			if t := strings.TrimSpace(s[m[12]:m[13]]); t == "سے زائد" || t == "سے زیادہ" || t == "زیات" {
				qual = "at_least"
			}
		}
		var top int64
		if m[6] >= 0 {
			if hi, err := strconv.ParseInt(s[m[6]:m[7]], 10, 64); err == nil && hi > n {
				top, qual = hi, "at_least"
			}
		}
		what := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s[m[8]:m[9]]), "زیات") + " " + s[m[10]:m[11]])
		if m[12] >= 0 {
			if t := strings.TrimSpace(s[m[12]:m[13]]); t != "سے زائد" && t != "سے زیادہ" && t != "زیات" {
				what += " " + t
			}
		}
		figs = append(figs, Figure{What: what, Count: n, Qualifier: qual, CountMax: top})
	}
	return figs
}
