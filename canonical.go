package truce

import (
	"strconv"
	"unicode/utf8"

	"github.com/gowebpki/jcs"
)

// isCanonicalJSON reports whether b is the RFC 8785 canonical form of
// itself: exactly when jcs.Transform(b) succeeds and returns b. It checks
// in one pass, without building the tree and the second copy Transform
// makes, which was a tenth of an audit's time; jcs stays the reference
// (FuzzCanonicalJSON holds the two equal) and still explains a refusal.
func isCanonicalJSON(b []byte) bool {
	c := canonChecker{b: b}
	return c.value(0) && c.i == len(b)
}

// maxCanonicalDepth is jcs's nesting limit, so that both refuse alike.
const maxCanonicalDepth = 10000

type canonChecker struct {
	b []byte
	i int
}

func (c *canonChecker) value(depth int) bool {
	if c.i >= len(c.b) {
		return false
	}
	switch c.b[c.i] {
	case '{':
		return c.object(depth+1, nil)
	case '[':
		return c.array(depth + 1)
	case '"':
		_, ok := c.str()
		return ok
	default:
		return c.scalar()
	}
}

// object checks an object, handing each member to member when it is not
// nil; member returns false to refuse the object.
func (c *canonChecker) object(depth int, member func(key, value []byte) bool) bool {
	if depth > maxCanonicalDepth {
		return false
	}
	c.i++ // {
	var prev []byte
	for n := 0; ; n++ {
		if c.i >= len(c.b) {
			return false
		}
		if c.b[c.i] == '}' {
			c.i++
			return true
		}
		if n > 0 {
			if c.b[c.i] != ',' {
				return false
			}
			c.i++
		}
		if c.i >= len(c.b) || c.b[c.i] != '"' {
			return false
		}
		key, ok := c.str()
		if !ok {
			return false
		}
		// Members in order of their names' UTF-16 code units, each once.
		if n > 0 && compareUTF16(prev, key) >= 0 {
			return false
		}
		prev = key
		if c.i >= len(c.b) || c.b[c.i] != ':' {
			return false
		}
		c.i++
		start := c.i
		if !c.value(depth) {
			return false
		}
		if member != nil && !member(key, c.b[start:c.i]) {
			return false
		}
	}
}

func (c *canonChecker) array(depth int) bool {
	if depth > maxCanonicalDepth {
		return false
	}
	c.i++ // [
	for n := 0; ; n++ {
		if c.i >= len(c.b) {
			return false
		}
		if c.b[c.i] == ']' {
			c.i++
			return true
		}
		if n > 0 {
			if c.b[c.i] != ',' {
				return false
			}
			c.i++
		}
		if !c.value(depth) {
			return false
		}
	}
}

// str checks a string in its canonical form and returns what is between
// its quotes: every character as itself, except the quote, the backslash
// and control characters, escaped as \b \t \n \f \r where JSON has a
// short escape and as \u00xx otherwise.
func (c *canonChecker) str() ([]byte, bool) {
	c.i++ // "
	start := c.i
	for c.i < len(c.b) {
		ch := c.b[c.i]
		switch {
		case ch == '"':
			c.i++
			return c.b[start : c.i-1], true
		case ch < 0x20:
			return nil, false
		case ch == '\\':
			if c.i+1 >= len(c.b) {
				return nil, false
			}
			switch c.b[c.i+1] {
			case '"', '\\', 'b', 'f', 'n', 'r', 't':
				c.i += 2
			case 'u':
				if c.i+6 > len(c.b) {
					return nil, false
				}
				u := c.b[c.i+2 : c.i+6]
				v, ok := lowerHexByte(u[2], u[3])
				if u[0] != '0' || u[1] != '0' || !ok || v >= 0x20 || shortEscape(v) {
					return nil, false
				}
				c.i += 6
			default:
				return nil, false
			}
		case ch < utf8.RuneSelf:
			c.i++
		default:
			r, size := utf8.DecodeRune(c.b[c.i:])
			if r == utf8.RuneError && size <= 1 {
				return nil, false
			}
			c.i += size
		}
	}
	return nil, false
}

func shortEscape(v byte) bool { return v == '\b' || v == '\f' || v == '\n' || v == '\r' || v == '\t' }

func lowerHexByte(hi, lo byte) (byte, bool) {
	h, ok1 := lowerHexDigit(hi)
	l, ok2 := lowerHexDigit(lo)
	return h<<4 | l, ok1 && ok2
}

func lowerHexDigit(d byte) (byte, bool) {
	switch {
	case d >= '0' && d <= '9':
		return d - '0', true
	case d >= 'a' && d <= 'f':
		return d - 'a' + 10, true
	}
	return 0, false
}

// scalar checks a literal or a number: a number is canonical when it is
// the ECMAScript form of the double it denotes.
func (c *canonChecker) scalar() bool {
	start := c.i
	for c.i < len(c.b) {
		ch := c.b[c.i]
		if ch == ',' || ch == ']' || ch == '}' {
			break
		}
		if ch >= utf8.RuneSelf || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' {
			return false
		}
		c.i++
	}
	tok := c.b[start:c.i]
	switch string(tok) {
	case "true", "false", "null":
		return true
	case "", "-", "-0":
		return false
	}
	// Most numbers in records are small integers, which ECMAScript writes
	// as their digits.
	digits := tok
	if digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) > 0 && len(digits) <= 15 && digits[0] != '0' && allDigits(digits) {
		return true
	}
	if string(tok) == "0" {
		return true
	}
	if !numberGrammar(tok) {
		return false
	}
	f, err := strconv.ParseFloat(string(tok), 64)
	if err != nil {
		return false
	}
	s, err := jcs.NumberToJSON(f)
	return err == nil && s == string(tok)
}

func allDigits(b []byte) bool {
	for _, d := range b {
		if d < '0' || d > '9' {
			return false
		}
	}
	return true
}

// numberGrammar is RFC 8259's number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func numberGrammar(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == j {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == j {
			return false
		}
	}
	return i == len(b)
}

// compareUTF16 orders two member names, each the inside of a canonical
// string, by their UTF-16 code units, as RFC 8785 sorts members.
func compareUTF16(a, b []byte) int {
	for len(a) > 0 && len(b) > 0 {
		ra, na := canonRune(a)
		rb, nb := canonRune(b)
		a, b = a[na:], b[nb:]
		if ra == rb {
			continue
		}
		ua, ub := utf16Key(ra), utf16Key(rb)
		if ua != ub {
			if ua < ub {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b) // the shorter, a prefix of the longer, first
}

// utf16Key is a rune's UTF-16 code units as one number that orders as
// they do: a supplementary character's high surrogate first.
func utf16Key(r rune) uint32 {
	if r < 0x10000 {
		return uint32(r) << 16
	}
	r -= 0x10000
	return uint32(0xD800+(r>>10))<<16 | uint32(0xDC00+(r&0x3FF))
}

// canonRune decodes the first character of the inside of a canonical
// string, which str has checked.
func canonRune(s []byte) (rune, int) {
	if s[0] != '\\' {
		r, n := utf8.DecodeRune(s)
		return r, n
	}
	switch s[1] {
	case 'b':
		return '\b', 2
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case 'u':
		v, _ := lowerHexByte(s[4], s[5])
		return rune(v), 6
	}
	return rune(s[1]), 2 // \" and \\
}
