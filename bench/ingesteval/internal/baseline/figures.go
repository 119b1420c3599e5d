package baseline

import (
	"regexp"
	"strconv"
	"strings"
)

var numberWords = map[string]int64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}

// Countable heads: what a figure may count. Durations, rounds, years and
// the like are not figures.
const countNouns = `fighters|drivers|militants|soldiers|troops|civilians|people|persons|terrorists|casualties|members|officials|refugees|nationals|migrants|attacks|trucks|vehicles|containers|families|children|women|men|policemen|personnel|camps|posts|checkposts|drones|strikes|airstrikes|hostages|prisoners|bodies|deaths|killed|dead|injured|wounded|insurgents|attackers|suspects|Afghans|Pakistanis|villagers|students|workers|traders|passengers|houses|homes|schools|tonnes|tons|rockets|mortars|shells|incidents|violations`

var (
	figureRe = regexp.MustCompile(`(?i)\b(at least|more than|over|nearly|almost|about|around|approximately|roughly|some|up to|at most|as many as|no fewer than|fewer than|less than|an estimated)?\s*` +
		`(\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)` +
		`\s+((?:[\p{L}][\p{L}’'-]*\s+){0,3}?)(` + countNouns + `)\b`)
	outcomeRe     = regexp.MustCompile(`^(?:[^.;]{0,40}?)\b(?:have been|had been|were|was|been|are|got)?\s*(killed|injured|wounded|arrested|detained|abducted|displaced|martyred|deported|repatriated|released|captured|returned|stranded)\b`)
	attributionRe = regexp.MustCompile(`(?i)\baccording to\s+(?:the\s+)?([^,.;“”"]{2,60})`)
	joinRe        = regexp.MustCompile(`^\s*(,|and|,\s*and)\s*$`)
	yearLikeRe    = regexp.MustCompile(`^(1[89]|20|21)\d\d$`)
)

// findFigures finds counts in a sentence: "at least 206 Afghan Taliban
// fighters and 110 TTP militants have been killed" gives two figures, both
// at_least (a qualifier carries over a list joined by "and"), both
// "… killed"; "according to X" in the sentence becomes attributed_to.
//
// Qualifiers: "at least", "more than", "over", "no fewer than" → at_least
// ("more than" strictly means at least one more; the schema has no such
// qualifier); "nearly", "almost", "up to", "at most", "fewer/less than" →
// at_most; "about", "around", "approximately", "roughly", "some", "an
// estimated" → about; none → exact.
func findFigures(s string) []Figure {
	var figs []Figure
	attributed := ""
	if m := attributionRe.FindStringSubmatch(s); m != nil {
		attributed = strings.TrimSpace(m[1])
	}
	if !mayHaveFigure(s) {
		return nil
	}
	ms := figureRe.FindAllStringSubmatchIndex(s, -1)
	var group []int // indices into figs of the current "A and B" list
	lastQual, lastEnd := "", -1
	for _, m := range ms {
		num := strings.ToLower(s[m[4]:m[5]])
		if yearLikeRe.MatchString(num) && m[2] < 0 {
			continue
		}
		n, ok := numberWords[num]
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
		// "… and 110 TTP militants": joined to the previous figure.
		joined := lastEnd >= 0 && joinRe.MatchString(s[lastEnd:m[0]])
		if joined && m[2] < 0 {
			qual = lastQual
		}
		if !joined {
			group = group[:0]
		}
		what := strings.TrimSpace(s[m[6]:m[7]] + s[m[8]:m[9]])
		figs = append(figs, Figure{What: what, Count: n, Qualifier: qual, AttributedTo: attributed})
		group = append(group, len(figs)-1)
		lastQual, lastEnd = qual, m[1]
		if o := outcomeRe.FindStringSubmatch(s[m[1]:]); o != nil {
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
	case "nearly", "almost", "up to", "at most", "fewer than", "less than":
		return "at_most"
	case "about", "around", "approximately", "roughly", "some", "an estimated":
		return "about"
	}
	return "exact"
}

// mayHaveFigure is a cheap test that lets most sentences skip figureRe.
func mayHaveFigure(s string) bool {
	if strings.IndexAny(s, "0123456789") >= 0 {
		return true
	}
	for _, w := range words(s) {
		if _, ok := numberWords[w]; ok {
			return true
		}
	}
	return false
}
