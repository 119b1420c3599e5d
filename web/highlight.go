package web

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// segment is a run of a source's text: plain, or drawn on by a claim.
type segment struct {
	Text  string
	Claim uint64 // 0: plain text
}

// quoteSpan is a claim's text, to be found in its source's text.
type quoteSpan struct {
	Claim uint64
	Text  string
}

// minFragment is the shortest part of a claim looked for on its own: a
// shorter one would be found by chance.
const minFragment = 20

// highlight splits text into segments, marking where each claim's text
// appears in it: the whole claim text if the source says it word for
// word, else each clause of it that the source has. Case, runs of white
// space and the typographic forms of quotes and apostrophes are ignored,
// since a claim is often transcribed from a source with other typography.
// placed says which claims were found. Both text and the claims are
// untrusted; the segments always concatenate back to text.
func highlight(text string, quotes []quoteSpan) (segs []segment, placed map[uint64]bool) {
	norm, orig := fold(text)
	type span struct {
		start, end int // byte offsets in text
		claim      uint64
	}
	var spans []span
	overlaps := func(a, b int) bool {
		for _, s := range spans {
			if a < s.end && s.start < b {
				return true
			}
		}
		return false
	}
	// find marks the first occurrence of frag that overlaps no mark yet.
	find := func(frag string, claim uint64) bool {
		f, _ := fold(frag)
		f = strings.TrimSpace(f)
		if utf8.RuneCountInString(f) < minFragment {
			return false
		}
		for from := 0; from < len(norm); {
			k := strings.Index(norm[from:], f)
			if k < 0 {
				return false
			}
			a, b := from+k, from+k+len(f)
			if !overlaps(orig[a], orig[b]) {
				spans = append(spans, span{orig[a], orig[b], claim})
				return true
			}
			from = a + 1
			for from < len(norm) && !utf8.RuneStart(norm[from]) {
				from++
			}
		}
		return false
	}
	placed = map[uint64]bool{}
	for _, q := range quotes {
		if find(q.Text, q.Claim) {
			placed[q.Claim] = true
			continue
		}
		for _, frag := range clauses(q.Text) {
			if find(frag, q.Claim) {
				placed[q.Claim] = true
			}
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	at := 0
	for _, s := range spans {
		if s.start > at {
			segs = append(segs, segment{Text: text[at:s.start]})
		}
		segs = append(segs, segment{Text: text[s.start:s.end], Claim: s.claim})
		at = s.end
	}
	if at < len(text) {
		segs = append(segs, segment{Text: text[at:]})
	}
	return segs, placed
}

// clauses splits a claim's text where a clause ends or a quotation opens
// or closes.
func clauses(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune(".;:,!?()\"“”«»—–…؛،؟", r)
	})
}

// fold is s lowercased, with runs of white space as one space and the
// typographic quotes as plain ones; orig maps each byte offset of it (and
// its length) to the offset in s it came from.
func fold(s string) (string, []int) {
	var b strings.Builder
	orig := make([]int, 0, len(s)+1)
	space := false
	for p, r := range s {
		if r == utf8.RuneError {
			// Invalid bytes stand for themselves, one offset each.
			r = '\uFFFD'
		}
		switch {
		case unicode.IsSpace(r):
			if space {
				continue
			}
			space = true
			r = ' '
		default:
			space = false
			switch r {
			case '‘', '’', 'ʼ', '′':
				r = '\''
			case '“', '”', '„', '″':
				r = '"'
			default:
				r = unicode.ToLower(r)
			}
		}
		n := b.Len()
		b.WriteRune(r)
		for range b.Len() - n {
			orig = append(orig, p)
		}
	}
	orig = append(orig, len(s))
	return b.String(), orig
}
