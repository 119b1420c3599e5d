package ingest

import "strings"

// Text is the draft's extracted text: its paragraphs' texts, every kind
// and in order, joined by a blank line (docs/FORMAT.md §10). It is what a
// source's text_sha256 hashes and what the mechanism keeps of an accepted
// source; paragraph numbers count its paragraphs.
func (d *Draft) Text() string {
	parts := make([]string, len(d.Paragraphs))
	for i, p := range d.Paragraphs {
		parts[i] = p.Text
	}
	return strings.Join(parts, "\n\n")
}

// Restore readies a draft read back from its JSON (a review queue's) for
// Compare: the JSON leaves out the MinHash signature Import computes, and
// Compare finds re-publications by it.
func (d *Draft) Restore() {
	if d.Source != nil && d.shingles == nil {
		d.shingles = minhash(d.bodyText())
	}
}
