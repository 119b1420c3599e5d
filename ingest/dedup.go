package ingest

import (
	"fmt"
	"hash/fnv"
	"io"
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
	h := fnv.New64a()
	for i := 0; i+shingleWords <= len(ws); i++ {
		// The hash of the shingle's words joined by spaces, written word
		// by word rather than joined first.
		h.Reset()
		for j, w := range ws[i : i+shingleWords] {
			if j > 0 {
				h.Write([]byte{' '})
			}
			io.WriteString(h, w)
		}
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
	return contentScore(g, a, b)
}

// contentScore is statementScore for two drafts known to share a speaker.
func contentScore(g *Gazetteer, a, b *Draft) float64 {
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
	id    string
	w     float64
	order int // the tag's index in the draft's Tags
}

// demand is a claim that asks for something, with the hashes of its key
// terms and the line differences writes for it.
type demand struct {
	terms []uint64
	line  string
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
			dm := demand{line: "demand: " + c.Speaker + ": " + c.Text}
			for _, w := range words(c.Text) {
				if len(w) >= 4 && !stopWords[w] {
					dm.terms = append(dm.terms, termHash(stem(w)))
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
		f.termList = append(f.termList, termHash(t))
	}
	for i, t := range d.Tags {
		if f.tags[t.ID] == t && !slices.ContainsFunc(f.tagList, func(w weighted) bool { return w.id == t.ID }) {
			f.tagList = append(f.tagList, weighted{t.ID, kindWeight[t.Kind], i})
		}
	}
	slices.SortFunc(f.tagList, func(x, y weighted) int { return strings.Compare(x.id, y.id) })
	slices.Sort(f.termList)
	f.termList = slices.Compact(f.termList)
	d.feat = f
	return f
}

func termHash(t string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(t))
	return h.Sum64()
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
	fa, fb := a.features(g), b.features(g)
	out := make([]string, 0, len(fa.figureLines)+len(fa.dateLines)+len(fa.demands)+2)
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
	// The names a has and b lacks, in a's order: a merge of the two
	// sorted tag lists rather than a lookup per tag.
	var missing []int
	ea, eb := fa.tagList, fb.tagList
	for i, j := 0, 0; i < len(ea); {
		switch {
		case j < len(eb) && ea[i].id == eb[j].id:
			i++
			j++
		case j < len(eb) && ea[i].id > eb[j].id:
			j++
		default:
			missing = append(missing, ea[i].order)
			i++
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		var b strings.Builder
		b.WriteString("names: ")
		for k, i := range missing {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString(a.Tags[i].Name)
		}
		out = append(out, b.String())
	}
	for _, dm := range fa.demands {
		shared := 0
		for _, t := range dm.terms {
			if _, ok := slices.BinarySearch(fb.termList, t); ok {
				shared++
			}
		}
		if len(dm.terms) > 0 && float64(shared)/float64(len(dm.terms)) < 0.5 {
			out = append(out, dm.line)
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
//
// A statement is scored only between drafts that share a speaker, so the
// pairs to score come from an index of speakers to drafts rather than from
// every pair: a run of many drafts that name different speakers costs a
// MinHash comparison per pair and nothing more.
func Compare(drafts []*Draft) {
	g := DefaultGazetteer()
	bySpeaker := map[string][]int32{}
	for i, d := range drafts {
		if d.Source == nil {
			continue
		}
		for k := range d.features(g).speakers {
			bySpeaker[k] = append(bySpeaker[k], int32(i))
		}
	}
	// sharing[j] == i+1 marks draft j as sharing a speaker with draft i.
	sharing := make([]int32, len(drafts))
	for i, a := range drafts {
		if a.Source == nil {
			continue
		}
		for k := range a.feat.speakers {
			// Postings are in draft order: only the drafts after a.
			post := bySpeaker[k]
			from, _ := slices.BinarySearch(post, int32(i+1))
			for _, j := range post[from:] {
				sharing[j] = int32(i + 1)
			}
		}
		for j := i + 1; j < len(drafts); j++ {
			b := drafts[j]
			if b.Source == nil {
				continue
			}
			kind := ""
			var score float64
			if a.Source.SHA256 == b.Source.SHA256 {
				kind, score = "republication", 1
			} else if s, ok := minhashAtLeast(a.shingles, b.shingles, RepublicationThreshold); ok {
				kind, score = "republication", s
			} else if sharing[j] == int32(i+1) {
				if s := contentScore(g, a, b); s >= StatementThreshold {
					kind, score = "same_statement", s
				}
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

// minhashAtLeast is minhashSimilarity(a, b) and whether it reaches min,
// giving up as soon as too many hashes differ for it to.
func minhashAtLeast(a, b []uint64, min float64) (float64, bool) {
	if len(a) != len(b) || len(a) == 0 || a[0] == math.MaxUint64 || b[0] == math.MaxUint64 {
		return 0, false
	}
	allowed := len(a) - int(math.Ceil(min*float64(len(a)))) // differing hashes that still reach min
	differ := 0
	for i := range a {
		if a[i] != b[i] {
			if differ++; differ > allowed {
				return 0, false
			}
		}
	}
	return float64(len(a)-differ) / float64(len(a)), true
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
