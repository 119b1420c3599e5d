package baseline

import (
	"fmt"
	"hash/fnv"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
)

const (
	minhashK     = 128 // hash functions
	shingleWords = 4

	// RepublicationThreshold is the estimated Jaccard similarity of word
	// 4-shingles at or above which two documents are one text re-published.
	RepublicationThreshold = 0.5
	// StatementThreshold is the score at or above which two documents are
	// taken to report the same statement (see statementScore).
	StatementThreshold = 0.5
)

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// minhash is the MinHash signature of the text's word 4-shingles.
func minhash(s string) []uint64 {
	ws := words(s)
	sig := make([]uint64, minhashK)
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	if len(ws) < shingleWords {
		return sig
	}
	for i := 0; i+shingleWords <= len(ws); i++ {
		h := fnv.New64a()
		h.Write([]byte(strings.Join(ws[i:i+shingleWords], " ")))
		x := h.Sum64()
		for k := range sig {
			// k-th hash: a cheap independent mix of x (splitmix64 of x^seed).
			v := mix(x ^ (uint64(k+1) * 0x9e3779b97f4a7c15))
			if v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig
}

func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func minhashSimilarity(a, b []uint64) float64 {
	if len(a) != len(b) || len(a) == 0 || a[0] == math.MaxUint64 || b[0] == math.MaxUint64 {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// entity weights for the statement score: parties are named by nearly
// every article on the conflict and say little about which statement it is.
var kindWeight = map[string]float64{"party": 0, "city": 0.5, "mediator": 1, "armed_group": 1, "body": 1, "crossing": 1.5, "district": 1.5}

// speakerKeys are the gazetteer ids of the bodies and the canonical names
// of the people quoted directly or in reported speech.
func (d *Draft) speakerKeys(g *Gazetteer) map[string]bool {
	keys := map[string]bool{}
	for _, c := range d.Claims {
		found := false
		for _, m := range g.Find(c.Speaker) {
			if m.Entry.Kind == "body" {
				keys[m.Entry.ID] = true
				found = true
			}
		}
		if !found && c.Role != "" && !strings.Contains(strings.ToLower(c.Speaker), "official") && !strings.Contains(strings.ToLower(c.Speaker), "sources") {
			keys["person:"+canonicalSpeaker(g, strings.SplitN(c.Speaker, ",", 2)[0])] = true
		}
	}
	return keys
}

// keyTerms are the content words of the claims' texts (stop words and
// words under four letters left out), reduced to a crude stem.
func (d *Draft) keyTerms() map[string]bool {
	t := map[string]bool{}
	for _, c := range d.Claims {
		for _, w := range words(c.Text) {
			if len(w) < 4 || stopWords[w] {
				continue
			}
			t[stem(w)] = true
		}
	}
	return t
}

func stem(w string) string {
	for _, suf := range []string{"ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 4 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the and that this with from have been were which their there they them will would could should about after before other into over under more most such than then also only very some what when where while being does said says added noted just even much many these those your ours itself ourselves against between through during without within upon across pakistan pakistani afghanistan afghan taliban islamabad kabul government`) {
		stopWords[w] = true
	}
}

// statementScore scores how likely two drafts report the same statement:
// 0 unless they share a speaker (an official body by gazetteer id, or a
// named person); otherwise the mean of the weighted Jaccard similarity of
// their gazetteer entities (parties weigh nothing) and the Jaccard
// similarity of their claims' key terms, scaled so that a third of the
// terms in common counts fully. Figures and resolved statement dates
// they share raise it; figures or statement dates that contradict are
// listed as differences, not used to separate them.
func statementScore(g *Gazetteer, a, b *Draft) float64 {
	sa, sb := a.features(g).speakers, b.features(g).speakers
	shared := false
	for k := range sa {
		if sb[k] {
			shared = true
		}
	}
	if !shared {
		return 0
	}
	// Merge the sorted weighted entity lists.
	ea, eb := a.features(g).tagList, b.features(g).tagList
	var inter, union float64
	i, j := 0, 0
	for i < len(ea) && j < len(eb) {
		switch {
		case ea[i].id == eb[j].id:
			inter += ea[i].w
			union += ea[i].w
			i++
			j++
		case ea[i].id < eb[j].id:
			union += ea[i].w
			i++
		default:
			union += eb[j].w
			j++
		}
	}
	for ; i < len(ea); i++ {
		union += ea[i].w
	}
	for ; j < len(eb); j++ {
		union += eb[j].w
	}
	ent := 0.0
	if union > 0 {
		ent = inter / union
	}
	// Merge the two sorted lists of term hashes: intersection and union.
	ta, tb := a.features(g).termList, b.features(g).termList
	ti := 0
	for i, j := 0, 0; i < len(ta) && j < len(tb); {
		switch {
		case ta[i] == tb[j]:
			ti++
			i++
			j++
		case ta[i] < tb[j]:
			i++
		default:
			j++
		}
	}
	tu := len(ta) + len(tb) - ti
	terms := 0.0
	if tu > 0 {
		terms = math.Min(1, 3*float64(ti)/float64(tu))
	}
	return (ent + terms) / 2
}

// features are what statementScore compares, computed once per draft.
type features struct {
	speakers   map[string]bool
	terms      map[string]bool
	termList   []uint64   // the terms' hashes, sorted
	tagList    []weighted // the tags with their weights, sorted by id
	tags       map[string]Tag
	figures    map[int64]bool
	dates      map[string]bool
	claimDates map[string]string
	demands    []demand
	// The lines differences writes about this draft, formatted once per
	// draft rather than once per pair it is compared with.
	figureLines []counted
	dateLines   []dated
}

type counted struct {
	count int64
	line  string
}

type dated struct {
	date, line string
}

type weighted struct {
	id string
	w  float64
}

// demand is a claim that asks for something, with its key terms.
type demand struct {
	claim *Claim
	terms []string
}

func (d *Draft) features(g *Gazetteer) *features {
	if d.feat != nil {
		return d.feat
	}
	f := &features{speakers: d.speakerKeys(g), terms: d.keyTerms(), tags: tagSet(d),
		figures: map[int64]bool{}, dates: map[string]bool{}, claimDates: claimDates(d)}
	for i := range d.Claims {
		c := &d.Claims[i]
		for _, fg := range c.Figures {
			f.figures[fg.Count] = true
			line := fmt.Sprintf("figure: %s %d %s", strings.ReplaceAll(fg.Qualifier, "_", " "), fg.Count, fg.What)
			if fg.AttributedTo != "" {
				line += " (according to " + fg.AttributedTo + ")"
			}
			f.figureLines = append(f.figureLines, counted{fg.Count, strings.Replace(line, "exact ", "", 1)})
		}
		if demandRe.MatchString(c.Text) {
			dm := demand{claim: c}
			for _, w := range words(c.Text) {
				if len(w) >= 4 && !stopWords[w] {
					dm.terms = append(dm.terms, stem(w))
				}
			}
			f.demands = append(f.demands, dm)
		}
	}
	for _, dm := range d.Dates {
		f.dates[dm.Date] = true
		if dm.Date != "" {
			f.dateLines = append(f.dateLines, dated{dm.Date, fmt.Sprintf("date: %q (%s, %s)", dm.Text, dm.Date, dm.Precision)})
		}
	}
	for t := range f.terms {
		h := fnv.New64a()
		h.Write([]byte(t))
		f.termList = append(f.termList, h.Sum64())
	}
	for id, t := range f.tags {
		f.tagList = append(f.tagList, weighted{id, kindWeight[t.Kind]})
	}
	slices.SortFunc(f.tagList, func(x, y weighted) int { return strings.Compare(x.id, y.id) })
	slices.Sort(f.termList)
	f.termList = slices.Compact(f.termList)
	d.feat = f
	return f
}

func tagSet(d *Draft) map[string]Tag {
	m := map[string]Tag{}
	for _, t := range d.Tags {
		m[t.ID] = t
	}
	return m
}

// differences lists what a says that b does not: figures, resolved dates,
// entities named, and the demands of a's claims whose key terms b lacks.
func differences(g *Gazetteer, a, b *Draft) []string {
	var out []string
	fa, fb := a.features(g), b.features(g)
	for _, f := range fa.figureLines {
		if !fb.figures[f.count] {
			out = append(out, f.line)
		}
	}
	for _, dm := range fa.dateLines {
		if !fb.dates[dm.date] {
			out = append(out, dm.line)
		}
	}
	var contra []string
	for sp, da := range fa.claimDates {
		if db, ok := fb.claimDates[sp]; ok && db != da {
			contra = append(contra, fmt.Sprintf("contradicting date: %s spoke on %s here, on %s there", sp, da, db))
		}
	}
	sort.Strings(contra)
	out = append(out, contra...)
	var missing []string
	for _, t := range a.Tags {
		if _, ok := fb.tags[t.ID]; !ok {
			missing = append(missing, t.Name)
		}
	}
	if len(missing) > 0 {
		out = append(out, "names: "+strings.Join(missing, ", "))
	}
	for _, dm := range fa.demands {
		shared := 0
		for _, t := range dm.terms {
			if fb.terms[t] {
				shared++
			}
		}
		if len(dm.terms) > 0 && float64(shared)/float64(len(dm.terms)) < 0.5 {
			out = append(out, "demand: "+dm.claim.Speaker+": "+dm.claim.Text)
		}
	}
	return out
}

func claimDates(d *Draft) map[string]string {
	g := DefaultGazetteer()
	m := map[string]string{}
	for _, c := range d.Claims {
		if c.Date != "" && c.DatePrecision == "day" {
			m[canonicalSpeaker(g, c.Speaker)] = c.Date
		}
	}
	return m
}

var demandRe = regexp.MustCompile(`(?i)\b(demand|demanded|urge|urged|must|should|call(?:ed)? on|call(?:ed)? for|needs? to|handover|hand over|handed over)\b`)

// Compare fills the duplicates of every draft in one run: each pair of
// documents that re-publish one text or report one statement is listed on
// both sides, with the score and what each says that the other does not.
// Drafts that failed (no source) take no part.
func Compare(drafts []*Draft) {
	g := DefaultGazetteer()
	for i, a := range drafts {
		if a.Source == nil {
			continue
		}
		for _, b := range drafts[i+1:] {
			if b.Source == nil {
				continue
			}
			kind := ""
			score := minhashSimilarity(a.shingles, b.shingles)
			if a.Source.SHA256 == b.Source.SHA256 {
				kind, score = "republication", 1
			} else if score >= RepublicationThreshold {
				kind = "republication"
			} else if s := statementScore(g, a, b); s >= StatementThreshold {
				kind, score = "same_statement", s
			}
			if kind == "" {
				continue
			}
			score = math.Round(score*1000) / 1000
			a.Duplicates = append(a.Duplicates, Duplicate{File: b.File, Kind: kind, Similarity: score, Differences: nonNil(differences(g, a, b))})
			b.Duplicates = append(b.Duplicates, Duplicate{File: a.File, Kind: kind, Similarity: score, Differences: nonNil(differences(g, b, a))})
		}
	}
	for _, d := range drafts {
		sort.SliceStable(d.Duplicates, func(i, j int) bool { return d.Duplicates[i].Similarity > d.Duplicates[j].Similarity })
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
