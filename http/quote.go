package http

import (
	"strconv"
	"unicode/utf8"
)

// maxQuoted is how many bytes of a request's input an error message quotes.
const maxQuoted = 64

// quote is s as an error message quotes what a request sent: Go-quoted,
// cut to its first maxQuoted bytes (whole UTF-8 characters) and "…" when
// longer, so that a huge index, id or parameter is not echoed whole.
func quote(s string) string {
	return strconv.Quote(clip(s))
}

// clip is s cut to at most maxQuoted bytes, at a character boundary, with
// "…" appended when it was cut.
func clip(s string) string {
	if len(s) <= maxQuoted {
		return s
	}
	n := maxQuoted
	for i := 1; i < utf8.UTFMax && !utf8.RuneStart(s[n]); i++ {
		n-- // back to the start of the character cut through
	}
	return s[:n] + "…"
}
