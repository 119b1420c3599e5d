// Package ingest turns articles and official statements (HTML or plain
// text) into draft source and claim records that a member reviews, corrects
// and signs. Nothing here signs or appends: a Draft is only a proposal.
//
// The pipeline, per document: decode and check the bytes (size, binary,
// encoding), extract the main text (go-trafilatura for HTML; header and
// boilerplate rules for plain text), split it into paragraphs, mark
// boilerplate ("Read More" links, image credits, embedded posts, comment
// prompts), identify each paragraph's language, then draft claims: direct
// quotes and reported speech with their speaker, figures with qualifier and
// attribution, and dates resolved against the publication date. Actors and
// places are tagged from the embedded gazetteer (data/gazetteer.csv).
// Duplicates across the documents of one run are found by Compare.
package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// MaxSize is the largest document Import accepts.
const MaxSize = 5 << 20

// Meta is what a sidecar FILE.meta.json says about a document. It fills
// only what the document itself does not say.
type Meta struct {
	Outlet    string `json:"outlet,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
}

// ParseMeta decodes a sidecar file, refusing unknown members and a
// published value that is not a date or an RFC 3339 date-time.
func ParseMeta(b []byte) (*Meta, error) {
	var m Meta
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("sidecar: %v", err)
	}
	if m.Published != "" {
		if _, _, ok := parseISODate(m.Published); !ok {
			return nil, fmt.Errorf("sidecar: published %.64q is neither YYYY-MM-DD nor an RFC 3339 date-time", m.Published)
		}
	}
	if m.URL != "" && !urlRe.MatchString(m.URL) {
		return nil, fmt.Errorf("sidecar: url %.64q is not an absolute http(s) URL", m.URL)
	}
	return &m, nil
}

var urlRe = regexp.MustCompile(`^https?://[^\s/?#]+([/?#]\S*)?$`)

// Source is the draft source record (docs/schema/source.json).
type Source struct {
	Outlet    string `json:"outlet,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Language  string `json:"language"`
	SHA256    string `json:"sha256"`
	URL       string `json:"url,omitempty"`
}

// Figure is one number a claim asserts.
type Figure struct {
	What      string `json:"what"`
	Count     int64  `json:"count"`
	Qualifier string `json:"qualifier"`
	// CountMax is the top of a range ("15 to 20": Count 15, Qualifier
	// at_least, CountMax 20).
	CountMax     int64  `json:"count_max,omitempty"`
	AttributedTo string `json:"attributed_to,omitempty"`
}

// Claim is a draft claim. Speaker names the speaker as the text does, role
// included; Role repeats the role alone when the text gives one (else the
// office speakers.csv records). SpeakerID is the canonical id of the person
// (speakers.csv) or body or party (gazetteer) speaking, SpeaksFor the party
// or body they speak for. Review, when set, says why a reviewer must
// supply or check the speaker: an empty Speaker is never a guess.
type Claim struct {
	Speaker       string   `json:"speaker"`
	SpeakerID     string   `json:"speaker_id,omitempty"`
	Role          string   `json:"role,omitempty"`
	SpeaksFor     string   `json:"speaks_for,omitempty"`
	Review        string   `json:"review,omitempty"`
	Text          string   `json:"text"`
	Language      string   `json:"language"`
	Quoted        bool     `json:"quoted"`
	Date          string   `json:"date,omitempty"`
	DatePrecision string   `json:"date_precision,omitempty"`
	Paragraph     int      `json:"paragraph"`
	Figures       []Figure `json:"figures,omitempty"`
	Actors        []string `json:"actors,omitempty"`
	Places        []string `json:"places,omitempty"`
}

// Body returns the claim as a record body for docs/schema/claim.json: the
// draft-only members (paragraph, actors, places, review) are left out, and role is
// kept only when it is not already part of speaker.
func (c Claim) Body() map[string]any {
	b := map[string]any{"speaker": c.Speaker, "text": c.Text, "quoted": c.Quoted, "language": c.Language}
	if c.Role != "" && !strings.Contains(c.Speaker, c.Role) {
		b["role"] = c.Role
	}
	if c.SpeakerID != "" {
		b["speaker_id"] = c.SpeakerID
	}
	if c.SpeaksFor != "" {
		b["speaks_for"] = c.SpeaksFor
	}
	if c.Date != "" {
		b["date"] = c.Date
		if c.DatePrecision != "" {
			b["date_precision"] = c.DatePrecision
		}
	}
	if len(c.Figures) > 0 {
		b["figures"] = c.Figures
	}
	return b
}

// Paragraph is one paragraph of the extracted text. Kind is "text",
// "heading", or the boilerplate kinds "navigation", "byline", "link",
// "image_credit", "comments" and "embedded_post"; only "text" paragraphs
// yield claims.
type Paragraph struct {
	N        int    `json:"n"`
	Kind     string `json:"kind"`
	Language string `json:"language"`
	Text     string `json:"text"`
}

// DateMention is a date the text names, resolved when it can be.
type DateMention struct {
	Text      string `json:"text"`
	Paragraph int    `json:"paragraph"`
	Date      string `json:"date,omitempty"`
	Precision string `json:"precision,omitempty"`
}

// Tag is a gazetteer entry found in the text.
type Tag struct {
	ID   string   `json:"id"`
	Kind string   `json:"kind"`
	Name string   `json:"name"`
	Lat  *float64 `json:"lat,omitempty"`
	Lon  *float64 `json:"lon,omitempty"`
}

// Duplicate is another document of the same run that re-publishes this one
// (Kind "republication") or reports the same statement in other words or
// another language (Kind "same_statement").
type Duplicate struct {
	File        string   `json:"file"`
	Kind        string   `json:"kind"`
	Similarity  float64  `json:"similarity"`
	Differences []string `json:"differences"`
}

// Draft is everything ingest proposes for one document: one JSON line of
// `truce import --json` (docs/FORMAT.md, "Import drafts").
type Draft struct {
	File       string        `json:"file"`
	Source     *Source       `json:"source,omitempty"`
	Claims     []Claim       `json:"claims"`
	Duplicates []Duplicate   `json:"duplicates"`
	Errors     []string      `json:"errors"`
	Tags       []Tag         `json:"tags,omitempty"`
	Dates      []DateMention `json:"dates,omitempty"`
	Paragraphs []Paragraph   `json:"paragraphs,omitempty"`

	published time.Time // zero when unknown
	shingles  []uint64  // MinHash signature
	feat      *features // for Compare
}

// Import runs the pipeline on one document. name is used for the draft's
// file member and to recognise HTML by its extension; meta may be nil. An
// error means nothing was drafted: the returned Draft then holds only the
// file and the error, ready to be reported.
func Import(name string, data []byte, meta *Meta) (*Draft, error) {
	d := &Draft{File: name, Claims: []Claim{}, Duplicates: []Duplicate{}, Errors: []string{}}
	if err := d.run(name, data, meta); err != nil {
		*d = Draft{File: name, Claims: []Claim{}, Duplicates: []Duplicate{}, Errors: []string{err.Error()}}
		return d, err
	}
	return d, nil
}

// Errors Import reports.
var (
	ErrEmpty    = errors.New("empty document")
	ErrTooLarge = fmt.Errorf("document larger than %d bytes", MaxSize)
	ErrBinary   = errors.New("binary file, not text or HTML")
	ErrEncoding = errors.New("unknown text encoding (not UTF-8, UTF-16 with a byte-order mark, or a declared Latin-1/Windows-1252)")
	ErrNoText   = errors.New("no main text found (broken or empty HTML)")
)

func (d *Draft) run(name string, data []byte, meta *Meta) error {
	if len(data) > MaxSize {
		return ErrTooLarge
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return ErrEmpty
	}
	isHTML := looksHTML(name, data)
	text, err := decode(data, isHTML)
	if err != nil {
		return err
	}
	if strings.TrimSpace(text) == "" {
		return ErrEmpty
	}
	sum := sha256.Sum256(data)
	src := &Source{SHA256: hex.EncodeToString(sum[:])}
	var paras []Paragraph
	if isHTML {
		paras, err = extractHTML(text, src)
		if err != nil {
			return err
		}
	} else {
		paras = extractText(text, src)
	}
	if meta != nil {
		if src.Outlet == "" {
			src.Outlet = meta.Outlet
		}
		if src.Title == "" {
			src.Title = meta.Title
		}
		if src.Published == "" {
			src.Published = meta.Published
		}
		if src.URL == "" {
			src.URL = meta.URL
		}
	}
	if src.Published != "" {
		if t, _, ok := parseISODate(src.Published); ok {
			d.published = t
		}
	}
	markBoilerplate(paras)
	for i := range paras {
		paras[i].N = i + 1
		paras[i].Language = DetectLanguage(paras[i].Text)
	}
	if !hasText(paras) {
		return ErrNoText
	}
	src.Language = mainLanguage(paras)
	d.Source = src
	d.Paragraphs = paras
	d.draftClaims()
	d.shingles = minhash(d.bodyText())
	return nil
}

func hasText(paras []Paragraph) bool {
	for _, p := range paras {
		if p.Kind == "text" {
			return true
		}
	}
	return false
}

func (d *Draft) bodyText() string {
	var b strings.Builder
	for _, p := range d.Paragraphs {
		if p.Kind == "text" {
			b.WriteString(p.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func looksHTML(name string, data []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") || strings.HasSuffix(lower, ".xhtml") {
		return true
	}
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	h := strings.ToLower(string(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")))
	return strings.HasPrefix(h, "<!doctype html") || strings.HasPrefix(h, "<html") || strings.HasPrefix(h, "<?xml") && strings.Contains(h, "<html")
}

var charsetRe = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?([a-z0-9_\-]+)`)

// decode returns the document as UTF-8 text. It accepts UTF-8 (with or
// without a byte-order mark), UTF-16 with a byte-order mark, and, for HTML
// that declares it, ISO-8859-1 or Windows-1252. Anything else is refused
// rather than guessed.
func decode(data []byte, isHTML bool) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		return decodeUTF16(data)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", ErrBinary
	}
	if utf8.Valid(data) {
		s := string(data)
		if controlRatio(s) > 0.05 {
			return "", ErrBinary
		}
		return s, nil
	}
	if byteControlRatio(data) > 0.05 {
		return "", ErrBinary
	}
	if isHTML {
		if m := charsetRe.FindSubmatch(data); m != nil {
			switch strings.ToLower(string(m[1])) {
			case "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii":
				return decodeLatin1(data), nil
			}
		}
	}
	return "", ErrEncoding
}

func decodeUTF16(data []byte) (string, error) {
	big := data[0] == 0xfe
	data = data[2:]
	if len(data)%2 != 0 {
		return "", fmt.Errorf("%w: odd length for UTF-16", ErrEncoding)
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		if big {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	s := string(utf16.Decode(u))
	if strings.ContainsRune(s, 0) || controlRatio(s) > 0.05 {
		return "", ErrBinary
	}
	return s, nil
}

// cp1252 maps 0x80–0x9f of Windows-1252 (0 where undefined).
var cp1252 = [32]rune{0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178}

func decodeLatin1(data []byte) string {
	var b strings.Builder
	for _, c := range data {
		if c >= 0x80 && c < 0xa0 && cp1252[c-0x80] != 0 {
			b.WriteRune(cp1252[c-0x80])
		} else {
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

// byteControlRatio is the share of C0 control bytes other than white space,
// for text in an unknown 8-bit encoding.
func byteControlRatio(b []byte) float64 {
	bad := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == 0x7f {
			bad++
		}
	}
	return float64(bad) / float64(max(1, len(b)))
}

func controlRatio(s string) float64 {
	n, bad := 0, 0
	for _, r := range s {
		n++
		if r == utf8.RuneError || (unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f') {
			bad++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(bad) / float64(n)
}

// softHyphenNFC is the normalisation go-shiori/dom applies after decoding a
// page (NFC, soft hyphens removed), kept so that a page's text is the same
// as trafilatura.Extract would give.
var softHyphenNFC = transform.Chain(norm.NFD, runes.Remove(runes.Predicate(func(r rune) bool { return r == '\u00ad' })), norm.NFC)

// extractHTML runs go-trafilatura and fills what its metadata knows.
func extractHTML(text string, src *Source) ([]Paragraph, error) {
	// The page is UTF-8 already (decode refuses what it cannot read), so it
	// is parsed here rather than by trafilatura.Extract, whose parser guesses
	// the encoding again with chardet over the whole page: a fifth of
	// go-trafilatura's time on small pages, and a guess that can be wrong
	// for a short page in Arabic script.
	doc, err := html.Parse(transform.NewReader(strings.NewReader(text), softHyphenNFC))
	if err != nil {
		return nil, ErrNoText
	}
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		ExcludeComments: true,
		EnableFallback:  true,
		HtmlDateMode:    trafilatura.Extensive,
	})
	if err != nil || res == nil {
		return nil, ErrNoText
	}
	md := res.Metadata
	src.Title = strings.TrimSpace(md.Title)
	src.Outlet = strings.TrimSpace(md.Sitename)
	if !md.Date.IsZero() {
		// htmldate gives a date; the time of day is seldom reliable.
		src.Published = md.Date.Format("2006-01-02")
	}
	if md.URL != "" && urlRe.MatchString(md.URL) {
		src.URL = md.URL
	}
	var paras []Paragraph
	for _, line := range blockTexts(res.ContentNode) {
		line = cleanSpace(line)
		if line != "" {
			paras = append(paras, Paragraph{Kind: "text", Text: line})
		}
	}
	if len(paras) == 0 {
		return nil, ErrNoText
	}
	return paras, nil
}

var blockTags = map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "blockquote": true, "pre": true, "td": true, "th": true, "tr": true, "figcaption": true, "br": true, "hr": true,
	"section": true, "article": true, "ul": true, "ol": true, "table": true, "head": true, "quote": true, "item": true, "list": true}

// blockTexts returns the text of the extracted content, one string per
// block element: go-trafilatura's ContentText joins paragraphs with spaces,
// and a paragraph is the unit claims, languages and boilerplate are judged by.
func blockTexts(n *html.Node) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if t := strings.TrimSpace(b.String()); t != "" {
			out = append(out, t)
		}
		b.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	if n != nil {
		walk(n)
	}
	flush()
	return out
}

func cleanSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' || r == '\u00a0' }), " ")
}

var (
	bylineRe = regexp.MustCompile(`(?i)^(?:published|posted|updated|last updated)\s*(?:on)?\s*:?\s*(.+)$`)
	navWords = map[string]bool{"skip to main content": true, "skip to content": true, "menu": true, "home": true, "search": true, "subscribe": true, "login": true, "sign in": true}
)

// extractText splits a plain text into paragraphs (one per non-empty line)
// and reads its header: the lines before the first body paragraph, where
// short lines are navigation or headings, the longest title-like line is
// the title, and a "Published: …" line gives the publication date.
func extractText(text string, src *Source) []Paragraph {
	var paras []Paragraph
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = cleanSpace(line)
		if line == "" {
			continue
		}
		// A comment prompt glued to the next line by scraping ("Leave a
		// ReplyThe spokesperson…") is split off.
		for _, cp := range commentPrompts {
			if strings.HasPrefix(line, cp) && len(line) > len(cp) {
				paras = append(paras, Paragraph{Kind: "text", Text: cp})
				line = strings.TrimSpace(line[len(cp):])
			}
		}
		paras = append(paras, Paragraph{Kind: "text", Text: line})
	}
	// The header ends at the first line that reads as a body paragraph.
	header := 0
	for header < len(paras) && !isBodyLine(paras[header].Text) {
		header++
	}
	if header == len(paras) {
		return paras // no body: leave everything as text, no header guesses
	}
	var titles []int
	for i := 0; i < header; i++ {
		t := paras[i].Text
		switch {
		case navWords[strings.ToLower(t)]:
			paras[i].Kind = "navigation"
		case strings.HasPrefix(t, "•"), strings.HasPrefix(t, "- "), strings.HasPrefix(t, "– "):
			// A summary point under the headline ("• 29 soldiers
			// injured: ISPR") is text, not a title.
		case bylineRe.MatchString(t):
			paras[i].Kind = "byline"
			if src.Published == "" {
				if dt, ok := parseBylineDate(bylineRe.FindStringSubmatch(t)[1]); ok {
					src.Published = dt
				}
			}
		case len(strings.Fields(t)) >= 4:
			paras[i].Kind = "heading"
			titles = append(titles, i)
		default:
			paras[i].Kind = "navigation"
		}
	}
	if len(titles) > 0 {
		src.Title = paras[titles[0]].Text
	}
	return paras
}

// isBodyLine: a sentence of some length ending like a sentence.
func isBodyLine(s string) bool {
	if len(strings.Fields(s)) < 8 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?”\"’…:", last) || utf8.RuneCountInString(s) > 140
}

var bylineDateRe = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b|\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b`)

// parseBylineDate reads the date of a byline. A time without a zone is
// dropped: the published member then holds the date alone.
func parseBylineDate(s string) (string, bool) {
	m := bylineDateRe.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	var y, mo, d int
	switch {
	case m[1] != "":
		mo, d, y = monthNum(m[1]), atoi(m[2]), atoi(m[3])
	case m[5] != "":
		d, mo, y = atoi(m[4]), monthNum(m[5]), atoi(m[6])
	default:
		y, mo, d = atoi(m[7]), atoi(m[8]), atoi(m[9])
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if mo < 1 || mo > 12 || t.Day() != d {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' || n > 1e8 {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func parseISODate(s string) (time.Time, bool, bool) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, false, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true, true
	}
	return time.Time{}, false, false
}

var (
	commentPrompts = []string{"Leave a Reply", "Leave a Comment", "Post a Comment"}
	// teaserRe: an excerpt of an article cut with "[…]", a link to it
	// (a page's own article repeated above it, or another one).
	teaserRe   = regexp.MustCompile(`\[\s*(?:…|\.\.\.)\s*\]\s*$`)
	readMoreRe = regexp.MustCompile(`(?i)^(read|read more|also read|read also|related|see also|more from|recommended)\s*[:|–-]|^(?:Read more|READ MORE|Also read|ALSO READ)[A-Z]`)
	// readMoreHeadRe: the same alone on its line, above a list of
	// headlines.
	inlineListRe   = regexp.MustCompile(`(?i)^list of \d+ items`)
	pageEndRe      = regexp.MustCompile(`(?i)^(?:latest news|more stories|more news|top stories|you may also like|recommended(?: stories| for you)?|trending(?: now| news)?|related(?: stories| articles| news| posts))\s*:?$`)
	readMoreHeadRe = regexp.MustCompile(`(?i)^(?:also read|read more|read also|related(?: stories| articles| news)?|more from [\p{L} ]{1,30}|you may also like|recommended(?: stories| for you)?|see also|trending(?: now)?|latest news|more stories)\s*:?$`)
	// "… (Representational/File Photo)", "… (AFP Photo)": a caption that
	// closes on its credit in brackets.
	// creditWords: each branch of imageCreditRe needs one of them.
	creditWords      = wordSet("photo photos image images picture pictures file credit credits courtesy")
	imageCreditRe    = regexp.MustCompile(`(?i)(\b(photo|image|picture|file photo|credit|courtesy)\s*:\s*[^.]{1,60}\.?$)|(^\(?(photo|image)\s*:)|\([^()]{0,40}\b(photo|image|picture|file)\b[^()]{0,40}\)\s*$`)
	dateLineRe       = regexp.MustCompile(`^(?:(?:Published|Updated)(?: on)?:?\s*)?(?:[A-Z][a-z]+day,?\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December),?\s+\d{4})(?:\s*[-|,]?\s*\d{1,2}:\d{2}\s*(?:[AaPp][Mm])?(?:\s*[A-Z]{2,4})?)?$`)
	standfirstSaysRe = regexp.MustCompile(`,\s+says\s+[^,.;“”"]{2,80}\.$`)
	headlineAttrRe   = regexp.MustCompile(`^[A-Z][^.!?:“”"]{15,}:\s*(?:[A-Z][\p{L}]*\s*){1,3}$`)
	// agencyCreditRe: a caption closed by its picture agency ("Erdogan
	// meets Sharif in Baku. / AA").
	agencyCreditRe = regexp.MustCompile(`\s/\s*(?:AA|AFP|AP|Reuters|EPA|Getty Images|Xinhua|Anadolu(?: Agency)?|IRNA|APP)\s*$`)
	embedSigRe     = regexp.MustCompile(`^[–—-]\s*.{1,80}\(@\w{1,30}\)\s+\S+\s+\d{1,2},\s+\d{4}$`)
	embedLinkRe    = regexp.MustCompile(`pic\.twitter\.com/|t\.co/|instagram\.com/p/|facebook\.com/.+/posts/`)
	headlineVerbRe = regexp.MustCompile(`^(?:[A-Z][\p{L}’'-]*\s+){1,3}(?:says|details|alleges|warns|urges|claims|vows|rejects|denies|confirms|accuses|calls|blames|identifies|reveals|highlights|slams|demands|seeks|asks|announces|dismisses|condemns|stresses|reiterates|insists)\s`)
	shareRe        = regexp.MustCompile(`(?i)^(share|share this|follow us|comments?|\d+ comments?|advertisement|subscribe.*)$`)
)

// markBoilerplate marks, in the paragraphs still counted as text, what is
// not part of the article: "Read More" links, image credits, comment
// prompts, sharing widgets, and embedded posts (a
// post's signature line "– Name (@handle) Month D, YYYY" and the lines of
// the post before it that are links or not in Latin script). Marked
// paragraphs are kept, with their language, but yield no claims.
func markBoilerplate(paras []Paragraph) {
	// For headline: how often each text appears, and the first text
	// paragraph, counted once rather than per paragraph.
	times := map[string]int{}
	first := -1
	for i, p := range paras {
		times[p.Text]++
		if first < 0 && p.Kind == "text" {
			first = i
		}
	}
	// A date alone on its line near the top ("October 19, 2025", "Updated
	// 17 October 2025") ends the page's headline matter: what comes before
	// it (headline, standfirst, caption) is not the article's text.
	// So does a paragraph opening with a dateline ("ISLAMABAD (Dunya News)
	// –") on a page that opens with a headline (no closing stop): the lines
	// before it are headline, standfirst and captions, but for highlight
	// bullets, which are the article's.
	headed := len(paras) > 0 && !strings.ContainsAny(tail(strings.TrimSpace(paras[0].Text), 4), ".!?”\"")
	for i, n := 0, 0; i < len(paras) && n < 7; i++ {
		if paras[i].Kind != "text" {
			continue
		}
		n++
		t := strings.TrimSpace(paras[i].Text)
		date := len(t) < 60 && dateLineRe.MatchString(t)
		if date || headed && i > 0 && datelineRe.MatchString(t) && shortBefore(paras[:i]) {
			for j := range i {
				if b := strings.TrimSpace(paras[j].Text); paras[j].Kind == "text" && (date || !strings.ContainsAny(b[:min(len(b), 3)], "•●▪◦*–-")) {
					paras[j].Kind = "heading"
				}
			}
			break
		}
	}
	// "Peace talks will continue in Istanbul, says Türkiye's Foreign
	// Ministry." right under the headline: a standfirst in the present of
	// headlines, which the article tells again.
	if headed && len(paras) > 1 && paras[1].Kind == "text" && len(strings.Fields(paras[1].Text)) <= 40 && standfirstSaysRe.MatchString(strings.TrimSpace(paras[1].Text)) {
		paras[1].Kind = "heading"
	}
	links := false // under a bare "ALSO READ": other articles' headlines
	body := 0      // paragraphs of the article's text so far
	for i := range paras {
		if paras[i].Kind != "text" {
			continue
		}
		t := paras[i].Text
		// "Latest News", "More stories" under the article's text: what
		// follows is other articles (a page's list, or the next article a
		// mirrored page runs on into), however long its lines.
		if body >= 2 && len(t) < 40 && pageEndRe.MatchString(strings.TrimSpace(t)) {
			// "Recommended Stories" over "list of 4 items … end of list":
			// a box of links inside the article, which goes on after it.
			if i+1 < len(paras) && inlineListRe.MatchString(strings.TrimSpace(paras[i+1].Text)) {
				paras[i].Kind, paras[i+1].Kind = "link", "link"
				continue
			}
			for j := i; j < len(paras); j++ {
				if paras[j].Kind == "text" {
					paras[j].Kind = "link"
				}
			}
			return
		}
		if len(t) > 120 {
			body++
		}
		if links && !strings.ContainsAny(tail(strings.TrimSpace(t), 4), ".!?”\"") {
			paras[i].Kind = "link"
			continue
		}
		links = false
		switch {
		case len(t) < 40 && readMoreHeadRe.MatchString(strings.TrimSpace(t)):
			paras[i].Kind = "link"
			links = true
		case readMoreRe.MatchString(t), strings.HasSuffix(strings.TrimRight(t, " "), "]") && teaserRe.MatchString(t):
			paras[i].Kind = "link"
		// "Security forces kill three terrorists in Khyber district
		// operation: ISPR" inside the article: a link to another
		// article, written as headlines are.
		case body >= 2 && len(t) < 160 && headlineAttrRe.MatchString(t):
			paras[i].Kind = "link"
		case shareRe.MatchString(t):
			paras[i].Kind = "navigation"
		case slicesContains(commentPrompts, t):
			paras[i].Kind = "comments"
		// The cheap tests first: credits are short, and embedded posts
		// carry a link or a signature line starting with a dash.
		case len(t) < 400 && len(strings.Fields(t)) < 40 && (hasWordIn(t, creditWords) && imageCreditRe.MatchString(t) || agencyCreditRe.MatchString(t)):
			paras[i].Kind = "image_credit"
		case embedSigRe.MatchString(t) || (strings.Contains(t, ".co") && embedLinkRe.MatchString(t)):
			paras[i].Kind = "embedded_post"
			if embedSigRe.MatchString(t) {
				for j := i - 1; j >= 0; j-- {
					if paras[j].Kind == "embedded_post" {
						continue
					}
					if paras[j].Kind != "text" || latinShare(paras[j].Text) > 0.5 && !embedLinkRe.MatchString(paras[j].Text) {
						break
					}
					paras[j].Kind = "embedded_post"
				}
			}
		// "The ISPR said:" introduces what follows; it is no heading.
		case len(strings.Fields(t)) <= 8 && !strings.ContainsAny(t, ".!?“”\"") && !strings.ContainsAny(t[:1], "•●▪◦*–-") && latinShare(t) > 0.5 && !(strings.HasSuffix(t, ":") && (endsWithVerb(t) != nil || speakerLine(strings.TrimSpace(strings.TrimSuffix(t, ":"))))):
			paras[i].Kind = "heading"
		case headline(paras[i].Text, i == first || times[paras[i].Text] > 1):
			paras[i].Kind = "heading"
		// "Military alleges cross-border facilitation and identifies
		// “Fitna al Hindustan” threat in Balochistan": a subheading in
		// the present tense of headlines, without a closing stop.
		case len(strings.Fields(t)) <= 20 && headlineVerbRe.MatchString(t) && !strings.ContainsAny(tail(strings.TrimSpace(t), 4), ".!?:…") && !strings.HasSuffix(strings.TrimSpace(t), "”"):
			paras[i].Kind = "heading"
		}
	}
}

// shortBefore: the text paragraphs are all short, as headlines, standfirsts
// and captions are (an article's paragraphs are longer).
func shortBefore(paras []Paragraph) bool {
	for _, p := range paras {
		if p.Kind == "text" && len(strings.Fields(p.Text)) > 45 {
			return false
		}
	}
	return true
}

// headline: a short line without a closing stop that opens the text or
// appears twice in it (pages repeat their headline above and in the
// article), such as "Pakistan says 23 soldiers killed, claims heavy
// losses". Headlines are not statements.
func headline(t string, firstOrRepeated bool) bool {
	if !firstOrRepeated || len(strings.Fields(t)) > 25 || strings.HasPrefix(strings.TrimSpace(t), "•") || strings.HasPrefix(strings.TrimSpace(t), "- ") || strings.HasPrefix(strings.TrimSpace(t), "– ") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(t))
	return !strings.ContainsRune(".!?”\"’:…)۔؟»", last)
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// latinShare is the share of letters that are Latin.
func latinShare(s string) float64 {
	n, l := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
			if unicode.Is(unicode.Latin, r) {
				l++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(l) / float64(n)
}

// mainLanguage is the language of most letters in the text paragraphs.
func mainLanguage(paras []Paragraph) string {
	count := map[string]int{}
	for _, p := range paras {
		if p.Kind == "text" {
			count[p.Language] += len(p.Text)
		}
	}
	best, n := "und", 0
	for l, c := range count {
		if c > n || c == n && l < best {
			best, n = l, c
		}
	}
	return best
}
