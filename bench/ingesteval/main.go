// Command ingesteval scores the ingest extractor on hand-labelled real
// press (issue 17), beside the previous extractor (bench/ingesteval/internal/baseline)
// on the same files in the same run.
//
//	go run ./bench/ingesteval                 # the test half: report only
//	go run ./bench/ingesteval -split dev -v   # the development half, with every miss
//
// The articles stay in ../shared/press (-press); the project keeps only
// their labels (testdata/ingest/labels, rules in testdata/ingest/LABELLING.md).
//
// Scores, per language and overall, each as precision and recall with the
// counts behind them:
//
//   - statement+speaker: a drafted claim that names a speaker is right when
//     its text overlaps a labelled statement (quotation or reported speech)
//     and its speaker matches the label's; a labelled statement is found
//     when some drafted claim is right about it. Speakers match by canonical
//     id (the claim's speaker_id, else ingest.IdentifySpeaker of its speaker,
//     for both extractors alike; "af" and "af-taliban" count as one), or, for
//     speakers no list knows ("a local official"), when the folded names
//     contain one another.
//   - quotes: the same, for quoted claims and labelled quotations only.
//   - figures: a drafted figure is right when a labelled figure of the file
//     has the same count, qualifier and range and its asserter matches the
//     claim's speaker. Labelled figures nobody is said to assert (the
//     outlet's own) are not scored either way.
//
// Claims drafted without a speaker (marked for review) are counted apart:
// they assert no speaker.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/truce-dev/truce/bench/ingesteval/internal/baseline"
	"github.com/truce-dev/truce/ingest"
)

func main() {
	press := flag.String("press", "../shared/press", "folder of the articles")
	labels := flag.String("labels", "testdata/ingest/labels", "folder of the label files")
	split := flag.String("split", "test", "which half to score: test, dev or all")
	verbose := flag.Bool("v", false, "list every miss and wrong draft of the current extractor")
	flag.Parse()
	if err := run(os.Stdout, *press, *labels, *split, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "ingesteval:", err)
		os.Exit(1)
	}
}

// pr is a precision/recall tally.
type pr struct{ tp, fp, found, labelled int }

func (p *pr) add(q pr) { p.tp += q.tp; p.fp += q.fp; p.found += q.found; p.labelled += q.labelled }

func (p pr) String() string {
	prec, rec := "  -  ", "  -  "
	if p.tp+p.fp > 0 {
		prec = fmt.Sprintf("%.2f", float64(p.tp)/float64(p.tp+p.fp))
	}
	if p.labelled > 0 {
		rec = fmt.Sprintf("%.2f", float64(p.found)/float64(p.labelled))
	}
	return fmt.Sprintf("P %s (%d/%d) R %s (%d/%d)", prec, p.tp, p.tp+p.fp, rec, p.found, p.labelled)
}

type score struct {
	statements, quotes, figures pr
	review, claims              int
}

func (s *score) add(o score) {
	s.statements.add(o.statements)
	s.quotes.add(o.quotes)
	s.figures.add(o.figures)
	s.review += o.review
	s.claims += o.claims
}

// claim is what both extractors draft, reduced to what is scored.
type claim struct {
	speaker, id, text string
	para              string // the text of the paragraph it was drafted from
	paraAt            int    // where that paragraph is in the article, or -1
	quoted, review    bool
	figures           []figure
}

type figure struct {
	count, max int64
	qual       string
}

func run(w io.Writer, press, labelDir, split string, verbose bool) error {
	names, err := filepath.Glob(filepath.Join(labelDir, "*.json"))
	if err != nil || len(names) == 0 {
		return fmt.Errorf("no label files in %s", labelDir)
	}
	sort.Strings(names)
	groups := map[string]string{"en": "en", "ur": "ur", "fa": "fa+ps", "ps": "fa+ps"}
	cur, base := map[string]*score{}, map[string]*score{}
	files := map[string]int{}
	for _, name := range names {
		lb, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		var head struct{ File string }
		if err := json.Unmarshal(lb, &head); err != nil || head.File == "" || strings.ContainsAny(head.File, `/\`) {
			return fmt.Errorf("%s: no file member", name)
		}
		art, err := os.ReadFile(filepath.Join(press, head.File))
		if err != nil {
			return err
		}
		l, err := ParseLabels(lb, art)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		if split != "all" && l.Split != split {
			continue
		}
		d, _ := ingest.Import(l.File, art, nil)
		bd, _ := baseline.Import(l.File, art, nil)
		var dc, bc []claim
		paras, bparas := map[int]string{}, map[int]string{}
		at, bat := map[int]int{}, map[int]int{}
		pc, bpc := 0, 0 // where the next paragraph is looked for
		for _, p := range d.Paragraphs {
			paras[p.N], at[p.N] = p.Text, find(art, p.Text, &pc)
		}
		for _, p := range bd.Paragraphs {
			bparas[p.N], bat[p.N] = p.Text, find(art, p.Text, &bpc)
		}
		for _, c := range d.Claims {
			x := fromCurrent(c)
			x.para, x.paraAt = paras[c.Paragraph], at[c.Paragraph]
			dc = append(dc, x)
		}
		for _, c := range bd.Claims {
			x := fromBaseline(c)
			x.para, x.paraAt = bparas[c.Paragraph], bat[c.Paragraph]
			bc = append(bc, x)
		}
		var log io.Writer
		if verbose {
			log = w
			fmt.Fprintf(w, "\n## %s\n", l.File)
		}
		sc := scoreFile(l, art, dc, log)
		sb := scoreFile(l, art, bc, nil)
		gs := []string{l.Language, "all"}
		if groups[l.Language] != l.Language {
			gs = append(gs, groups[l.Language])
		}
		for _, g := range gs {
			if cur[g] == nil {
				cur[g], base[g] = &score{}, &score{}
			}
			cur[g].add(sc)
			base[g].add(sb)
			files[g]++
		}
	}
	fmt.Fprintf(w, "\nhalf: %s; current extractor beside the previous one (bench/ingesteval/internal/baseline), same files, same run\n\n", split)
	fmt.Fprintln(w, "| language | files | metric | current | previous |")
	fmt.Fprintln(w, "|---|---:|---|---|---|")
	for _, g := range []string{"en", "ur", "fa", "ps", "fa+ps", "all"} {
		c, b := cur[g], base[g]
		if c == nil {
			continue
		}
		fmt.Fprintf(w, "| %s | %d | statement+speaker | %v | %v |\n", g, files[g], c.statements, b.statements)
		fmt.Fprintf(w, "| %s | %d | quotes | %v | %v |\n", g, files[g], c.quotes, b.quotes)
		fmt.Fprintf(w, "| %s | %d | figures | %v | %v |\n", g, files[g], c.figures, b.figures)
		fmt.Fprintf(w, "| %s | %d | drafted (for review) | %d (%d) | %d (%d) |\n", g, files[g], c.claims, c.review, b.claims, b.review)
	}
	return nil
}

func fromCurrent(c ingest.Claim) claim {
	out := claim{speaker: c.Speaker, id: c.SpeakerID, text: c.Text, quoted: c.Quoted, review: c.Speaker == ""}
	if out.id == "" && c.Speaker != "" {
		out.id = ingest.IdentifySpeaker(c.Speaker)
	}
	for _, f := range c.Figures {
		out.figures = append(out.figures, figure{count: f.Count, max: f.CountMax, qual: f.Qualifier})
	}
	return out
}

func fromBaseline(c baseline.Claim) claim {
	out := claim{speaker: c.Speaker, text: c.Text, quoted: c.Quoted, review: c.Speaker == ""}
	if c.Speaker != "" {
		out.id = ingest.IdentifySpeaker(c.Speaker)
	}
	for _, f := range c.Figures {
		out.figures = append(out.figures, figure{count: f.Count, qual: f.Qualifier})
	}
	return out
}

func sameID(a, b string) bool {
	canon := func(s string) string {
		if s == "af" {
			return "af-taliban"
		}
		return s
	}
	return a != "" && canon(a) == canon(b)
}

// speakerMatches: by id when the label has one, else by folded name.
func speakerMatches(art []byte, id string, sp *Span, c claim) bool {
	if id != "" {
		return sameID(id, c.id)
	}
	if sp == nil || c.speaker == "" {
		return false
	}
	a, b := fold(string(art[sp.Start:sp.End])), fold(c.speaker)
	return a != "" && b != "" && (strings.Contains(a, b) || strings.Contains(b, a))
}

// fold lowercases, drops a leading article, marks, joiners and spaces, and
// folds the Arabic-script letters the three languages spell names with.
func fold(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, a := range []string{"the ", "a ", "an ", "mr ", "mr. ", "mrs ", "mrs. ", "ms ", "ms. ", "dr ", "dr. "} {
		s = strings.TrimPrefix(s, a)
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 'ہ', 'ۀ', 'ة', 'ھ':
			r = 'ه'
		case 'ي', 'ى', 'ې', 'ۍ':
			r = 'ی'
		case 'ك':
			r = 'ک'
		case 'آ', 'أ', 'إ':
			r = 'ا'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// locateIn is locate inside the claim's own paragraph when the article
// holds that paragraph as written, so that a sentence a page repeats (a
// standfirst, a teaser above the article) is found where it was drafted;
// else locate in the whole article.
func locateIn(art []byte, para string, at int, text string) (int, int) {
	if i := at; i >= 0 && para != "" && i+len(para) <= len(art) {
		if s0, s1 := locate(art[i:i+len(para)], text); s0 >= 0 {
			return i + s0, i + s1
		}
	}
	return locate(art, text)
}

// find is where the paragraph text is in the article at or after *cur,
// moving *cur past it; -1 (and *cur unmoved) when the article does not hold
// it as written. Paragraphs come in the article's order, so a paragraph a
// page repeats is found where the draft took it.
func find(art []byte, text string, cur *int) int {
	if text == "" {
		return -1
	}
	i := strings.Index(string(art[*cur:]), text)
	if i < 0 {
		return -1
	}
	*cur += i + len(text)
	return *cur - len(text)
}

// locate finds a drafted text in the article: whole, else by its first or
// last 40 bytes, else 20 (drafts trim and rejoin around attributions: "This
// attitude, according to X, rendered …" is drafted "This attitude rendered …").
func locate(art []byte, text string) (int, int) {
	s := string(art)
	if i := strings.Index(s, text); i >= 0 && text != "" {
		return i, i + len(text)
	}
	for _, n := range []int{40, 20} {
		head, tail := prefix(text, n), suffix(text, n)
		if len(head) >= 12 {
			if i := strings.Index(s, head); i >= 0 {
				return i, i + len(text)
			}
		}
		if len(tail) >= 12 {
			if i := strings.Index(s, tail); i >= 0 {
				return max(0, i+len(tail)-len(text)), i + len(tail)
			}
		}
	}
	return -1, -1
}

func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n]
}

func suffix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && s[i]&0xc0 == 0x80 {
		i++
	}
	return s[i:]
}

func overlaps(a0, a1 int, s Span) bool { return a0 < s.End && s.Start < a1 }

func scoreFile(l *Labels, art []byte, claims []claim, log io.Writer) score {
	var sc score
	found := make([]bool, len(l.Statements))
	qfound := make([]bool, len(l.Statements))
	say := func(format string, a ...any) {
		if log != nil {
			fmt.Fprintf(log, format, a...)
		}
	}
	for _, c := range claims {
		sc.claims++
		if c.review {
			sc.review++
			say("for review: %.80q\n", c.text)
			continue
		}
		s0, s1 := locateIn(art, c.para, c.paraAt, c.text)
		right, qright := false, false
		for i, st := range l.Statements {
			if s0 < 0 || !overlaps(s0, s1, st.Span) || !speakerMatches(art, st.SpeakerID, st.Speaker, c) {
				continue
			}
			right, found[i] = true, true
			if st.Quoted && c.quoted {
				qright, qfound[i] = true, true
			}
		}
		if right {
			sc.statements.tp++
		} else {
			sc.statements.fp++
			say("wrong: %s [%s] %.80q\n", c.speaker, c.id, c.text)
		}
		if c.quoted {
			if qright {
				sc.quotes.tp++
			} else {
				sc.quotes.fp++
			}
		}
	}
	for i, st := range l.Statements {
		sc.statements.labelled++
		if found[i] {
			sc.statements.found++
		} else {
			who := st.SpeakerID
			if st.Speaker != nil {
				who += " " + string(art[st.Speaker.Start:st.Speaker.End])
			}
			say("missed: %s: %.80q\n", who, string(art[st.Start:st.End]))
		}
		if st.Quoted {
			sc.quotes.labelled++
			if qfound[i] {
				sc.quotes.found++
			}
		}
	}
	// Figures: a multiset match per file.
	used := make([]bool, len(l.Figures))
	attributed := func(f FigureL) bool { return f.AssertedBy != "" || f.Attribution != nil }
	for _, c := range claims {
		if c.review {
			continue
		}
		for _, f := range c.figures {
			hit, ignored := false, false
			for i, lf := range l.Figures {
				if used[i] || lf.Count != f.count || lf.Qualifier != f.qual || lf.CountMax != f.max {
					continue
				}
				if !attributed(lf) {
					ignored = true
					continue
				}
				if speakerMatches(art, lf.AssertedBy, lf.Attribution, c) {
					used[i], hit = true, true
					break
				}
			}
			switch {
			case hit:
				sc.figures.tp++
			case ignored:
			default:
				sc.figures.fp++
				say("wrong figure: %d %s (max %d) by %s\n", f.count, f.qual, f.max, c.speaker)
			}
		}
	}
	for i, lf := range l.Figures {
		if !attributed(lf) {
			continue
		}
		sc.figures.labelled++
		if used[i] {
			sc.figures.found++
		} else {
			say("missed figure: %d %s %q\n", lf.Count, lf.Qualifier, string(art[lf.Start:lf.End]))
		}
	}
	return sc
}
