package baseline

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var monthNames = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

func monthNum(s string) int {
	s = strings.ToLower(s)
	if len(s) < 3 {
		return 0
	}
	return monthNames[s[:3]]
}

const monthRe = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`

var dateRe = regexp.MustCompile(`(?i:\b(?:on|since|by|until|from)\s+)?` +
	`(?:` +
	`\b` + monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b` + // 1-3: Month D[, YYYY]
	`|\b(\d{1,2})(?:st|nd|rd|th)?\s+` + monthRe + `(?:,?\s+(\d{4}))?\b` + // 4-6: D Month [YYYY]
	`|\b(?i:(early|beginning of|mid|end of|late)[- ]+)?` + monthRe + `\s+(\d{4})\b` + // 7-9: [early] Month YYYY
	`|\b(?i:on\s+)(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b` + // 10: on Weekday
	`|\b(?i:(yesterday|today|last week|last month|this week|earlier this week|earlier this month|last weekend|over the weekend|this month))\b` + // 11
	`|\b(?i:(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)\s+ago)\b` + // 12-13: N days/weeks ago
	`|\b(?:(?i:in|the|during|since|by|until|early|late|mid)[- ]+)(January|February|March|April|June|July|August|September|October|November|December|May)\b(?:,?\s+(\d{4})\b)?` + // 14-15: a month alone, or with its year
	`)`)

// resolveDates finds the dates a paragraph names and resolves each it can
// against the publication date pub (zero when unknown). The rules:
//
//   - "November 6", "6 November" (day): in the publication year, or the
//     year before when that would put it more than a week after
//     publication; with a year, that day. Unresolved without a year and
//     without a publication date.
//   - "on Friday" (day): the latest such weekday before the publication
//     day (the publication day itself when it is that weekday).
//   - "yesterday", "today" (day).
//   - "October 2025" (month): its 15th; "early/beginning of" its 1st,
//     "late/end of" its last day, as ACLED's time_precision 3.
//   - "last month", "this month", "earlier this month" (month): the 15th of
//     that month, or, for "this"/"earlier this" month, the publication day
//     when that is earlier.
//   - "last week" (week): the Thursday of the week (Monday–Sunday) before
//     the publication week; "this week" the Thursday of its week, or the
//     publication day when that is earlier; "earlier this week": the middle
//     of the days from that week's Monday to the day before publication,
//     or of the seven days before publication when it falls on a Monday.
//   - "last weekend", "over the weekend" (week): the Saturday before.
//   - "two days ago" (day), "three weeks ago" (week): counted back from
//     publication.
//   - a month named alone after "in", "the", "during", "since", "by",
//     "until", "early", "late" or "mid" ("the October clashes") (month):
//     its 15th in the publication year, the year before when the month is
//     later than publication's, the publication day when the 15th is after
//     it. "May" counts only in these positions.
func resolveDates(para string, n int, pub time.Time) []DateMention {
	var out []DateMention
	for _, w := range dateWindows(para) {
		out = append(out, resolveWindow(w, n, pub)...)
	}
	return out
}

// dateWindows returns the stretches of s around its date words (whole
// words, 24 bytes either side, overlapping stretches merged): every match
// of dateRe lies inside one, and matching there is much cheaper than
// matching the whole paragraph.
func dateWindows(s string) []string {
	var out []string
	start, end := -1, -1
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += w
			continue
		}
		j := i
		for j < len(s) {
			r, w := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += w
		}
		if j-i <= 9 && dateWords[strings.ToLower(s[i:j])] {
			a, b := max(0, i-24), min(len(s), j+24)
			for a > 0 && s[a-1] != ' ' {
				a--
			}
			for b < len(s) && s[b] != ' ' {
				b++
			}
			if start >= 0 && a <= end {
				end = max(end, b)
			} else {
				if start >= 0 {
					out = append(out, s[start:end])
				}
				start, end = a, b
			}
		}
		i = j
	}
	if start >= 0 {
		out = append(out, s[start:end])
	}
	return out
}

func resolveWindow(text string, para int, pub time.Time) []DateMention {
	var out []DateMention
	for _, m := range dateRe.FindAllStringSubmatchIndex(text, -1) {
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[m[2*i]:m[2*i+1]]
		}
		dm := DateMention{Text: strings.TrimSpace(text[m[0]:m[1]]), Paragraph: para}
		var t time.Time
		prec := "day"
		switch {
		case g(1) != "":
			t = dayMonth(atoi(g(2)), monthNum(g(1)), g(3), pub)
		case g(5) != "":
			t = dayMonth(atoi(g(4)), monthNum(g(5)), g(6), pub)
		case g(8) != "":
			mo, y := monthNum(g(8)), atoi(g(9))
			prec = "month"
			if mo >= 1 && y >= 1900 && y <= 2200 {
				t = time.Date(y, time.Month(mo), 15, 0, 0, 0, 0, time.UTC)
				switch strings.ToLower(g(7)) {
				case "early", "beginning of":
					t = t.AddDate(0, 0, -14)
				case "late", "end of":
					t = time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC)
				}
			}
		case g(10) != "":
			if !pub.IsZero() {
				wd := weekday(g(10))
				back := (int(pub.Weekday()) - wd + 7) % 7
				t = pub.AddDate(0, 0, -back)
			}
		case g(11) != "":
			if pub.IsZero() {
				break
			}
			monday := pub.AddDate(0, 0, -((int(pub.Weekday()) + 6) % 7))
			switch strings.ToLower(g(11)) {
			case "yesterday":
				t = pub.AddDate(0, 0, -1)
			case "today":
				t = pub
			case "last month":
				prec = "month"
				t = time.Date(pub.Year(), pub.Month()-1, 15, 0, 0, 0, 0, time.UTC)
			case "this month", "earlier this month":
				prec = "month"
				t = time.Date(pub.Year(), pub.Month(), 15, 0, 0, 0, 0, time.UTC)
				if t.After(pub) {
					t = pub
				}
			case "last week":
				prec = "week"
				t = monday.AddDate(0, 0, -7+3)
			case "this week":
				prec = "week"
				t = monday.AddDate(0, 0, 3)
				if t.After(pub) {
					t = pub
				}
			case "earlier this week":
				prec = "week"
				days := int(pub.Sub(monday).Hours() / 24)
				if days == 0 {
					t = pub.AddDate(0, 0, -4) // middle of the 7 days before
				} else {
					t = monday.AddDate(0, 0, (days-1)/2)
				}
			case "last weekend", "over the weekend":
				prec = "week"
				back := (int(pub.Weekday()) - int(time.Saturday) + 7) % 7
				if back == 0 {
					back = 7
				}
				t = pub.AddDate(0, 0, -back)
			}
		case g(12) != "":
			n, ok := numberWords[strings.ToLower(g(12))]
			if !ok {
				n = int64(atoi(g(12)))
			}
			if pub.IsZero() {
				break
			}
			if strings.HasPrefix(strings.ToLower(g(13)), "day") {
				t = pub.AddDate(0, 0, -int(n))
			} else {
				prec = "week"
				t = pub.AddDate(0, 0, -7*int(n))
			}
		case g(14) != "":
			prec = "month"
			if pub.IsZero() && g(15) == "" {
				break
			}
			mo := monthNum(g(14))
			if g(15) != "" {
				t = time.Date(atoi(g(15)), time.Month(mo), 15, 0, 0, 0, 0, time.UTC)
				break
			}
			y := pub.Year()
			if mo > int(pub.Month()) {
				y-- // a month named alone, later in the year than publication, is last year's
			}
			t = time.Date(y, time.Month(mo), 15, 0, 0, 0, 0, time.UTC)
			if t.After(pub) {
				t = pub
			}
		}
		if !t.IsZero() {
			dm.Date = t.Format("2006-01-02")
			dm.Precision = prec
		}
		out = append(out, dm)
	}
	return out
}

func weekday(s string) int {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(d.String(), s) {
			return int(d)
		}
	}
	return 0
}

func dayMonth(d, mo int, year string, pub time.Time) time.Time {
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	var y int
	switch {
	case year != "":
		y = atoi(year)
		if y < 1900 || y > 2200 {
			return time.Time{}
		}
	case pub.IsZero():
		return time.Time{}
	default:
		y = pub.Year()
		if time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC).After(pub.AddDate(0, 0, 7)) {
			y--
		}
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}
	}
	return t
}

var dateWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december
		monday tuesday wednesday thursday friday saturday sunday yesterday today week weeks weekend month months ago`) {
		dateWords[w] = true
	}
}
