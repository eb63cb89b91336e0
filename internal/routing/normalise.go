package routing

import (
	"strings"
	"unicode"
)

// Normalise folds a text so that the spellings people actually type compare
// equal: with or without accents, vowel marks or hamza. IsUrgent works on
// normalised text; the web app mirrors this function in JavaScript, so this
// is the exact recipe. It is applied one code point at a time, in order:
//
//  1. lower-case the code point (Go unicode.ToLower; in JS, call
//     toLowerCase on the whole string first, then apply steps 2–4);
//  2. drop combining marks U+0300–U+036F (accents typed or decomposed as
//     separate marks, as after NFD);
//  3. replace accented Latin letters and ligatures:
//     à á â ã ä å → a; æ → ae; ç → c; è é ê ë → e; ì í î ï → i; ñ → n;
//     ò ó ô õ ö → o; œ → oe; ù ú û ü → u; ý ÿ → y
//     (French, plus the Spanish and Portuguese letters seasonal workers meet);
//  4. Arabic: drop the tashkeel U+064B–U+0652, the combining maddah and
//     hamza marks U+0653–U+0655 (so decomposed أ إ آ ؤ ئ fold like the
//     composed ones), the tatweel U+0640 and the superscript alef U+0670;
//     replace أ إ آ ٱ (U+0623 U+0625 U+0622 U+0671) with ا (U+0627),
//     ة (U+0629) with ه (U+0647), ى (U+0649) with ي (U+064A),
//     ؤ (U+0624) with و (U+0648) and ئ (U+0626) with ي (U+064A).
//
// Everything else, including spaces, punctuation, digits and the standalone
// hamza ء, is kept as it is. Normalise(Normalise(s)) == Normalise(s).
func Normalise(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r >= 0x0300 && r <= 0x036F, // combining diacritical marks
			r >= 0x064B && r <= 0x0655, // tashkeel, maddah and hamza marks
			r == 0x0640,                // tatweel
			r == 0x0670:                // superscript alef
			continue
		}
		if folded, ok := folds[r]; ok {
			b.WriteString(folded)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// folds replaces one lower-case code point by its plain spelling (steps 3 and
// 4 of Normalise).
var folds = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a",
	'æ': "ae", 'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o",
	'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u",
	'ý': "y", 'ÿ': "y",

	'أ': "ا", 'إ': "ا", 'آ': "ا", 'ٱ': "ا",
	'ة': "ه",
	'ى': "ي",
	'ؤ': "و",
	'ئ': "ي",
}
