package baseline

import (
	"strings"
	"unicode"

	"github.com/abadojack/whatlanggo"
)

// Letters that Pashto writes and Urdu, Persian (Dari) and Arabic do not.
const pashtoLetters = "ټډړږښګڼېۍ"

// Letters that Urdu writes and Persian (Dari) and Arabic do not. (Pashto
// shares some of them, which is why the Pashto rule runs first.)
const urduLetters = "ٹڈڑںےھ"

// DetectLanguage returns the language tag of a paragraph.
//
// The rule, for text mostly in Arabic script: any Pashto-only letter
// (ټ ډ ړ ږ ښ ګ ڼ ې ۍ) makes it Pashto ("ps"); otherwise any Urdu-only
// letter (ٹ ڈ ڑ ں ے ھ) makes it Urdu ("ur"); otherwise whatlanggo chooses
// among Urdu, Persian and Arabic. Dari is written as Persian and reported
// as "fa": the letters alone cannot tell Dari from Iranian Persian, and
// claiming "fa-AF" would be a guess. whatlanggo has no Pashto profile, hence
// the letter rule. For other scripts whatlanggo decides; a Latin paragraph
// it is unsure of is English when English function words make up a fifth
// of its words, else "und" (undetermined).
func DetectLanguage(s string) string {
	letters, arabic, latin := 0, 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	if letters == 0 {
		return "und"
	}
	if arabic*2 > letters {
		if strings.ContainsAny(s, pashtoLetters) {
			return "ps"
		}
		if strings.ContainsAny(s, urduLetters) {
			return "ur"
		}
		info := whatlanggo.DetectWithOptions(s, whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
			whatlanggo.Urd: true, whatlanggo.Pes: true, whatlanggo.Arb: true}})
		switch info.Lang {
		case whatlanggo.Pes:
			return "fa"
		case whatlanggo.Arb:
			return "ar"
		}
		return "ur"
	}
	if latin*2 > letters && englishShare(s) >= 0.2 {
		return "en"
	}
	info := whatlanggo.Detect(s)
	if latin*2 > letters {
		if !info.IsReliable() {
			return "und"
		}
	}
	if code := info.Lang.Iso6391(); code != "" {
		return code
	}
	if code := info.Lang.Iso6393(); code != "" {
		return code
	}
	return "und"
}

var englishFunctionWords = map[string]bool{"the": true, "of": true, "and": true, "to": true, "in": true, "a": true, "is": true, "that": true, "for": true, "on": true, "with": true, "was": true, "as": true, "by": true, "at": true, "from": true, "has": true, "have": true, "it": true, "its": true, "are": true, "be": true, "not": true, "this": true, "will": true, "said": true, "an": true, "their": true, "were": true, "had": true}

func englishShare(s string) float64 {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) == 0 {
		return 0
	}
	n := 0
	for _, w := range words {
		if englishFunctionWords[w] {
			n++
		}
	}
	return float64(n) / float64(len(words))
}
