package content

import (
	"slices"
	"strings"
	"unicode"
)

// Arabic month names. The Maghreb and the Mashriq name the months
// differently; a guide uses one set, the one its readers use, or a reader
// meets "غشت" and "أغسطس" on one page and wonders whether they differ.
var monthSets = []struct {
	name  string
	names []string
}{
	{"Mashriq (يناير، مايو، يوليو، أغسطس)", []string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}},
	{"Moroccan (ماي، يوليوز، غشت، دجنبر)", []string{"يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"}},
	{"Tunisian (جانفي، جوان، جويلية، أوت)", []string{"جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}},
}

// monthName returns the month name a word is, without a leading و ب ل, or "".
func monthName(word string) string {
	for _, prefix := range []string{"", "و", "ب", "ل"} {
		if rest, ok := strings.CutPrefix(word, prefix); ok {
			for _, set := range monthSets {
				if slices.Contains(set.names, rest) {
					return rest
				}
			}
		}
	}
	return ""
}

// checkArabicMonths reports an Arabic file whose month names come from more
// than one set, at the first name that does not fit the names before it.
func checkArabicMonths(ps *problems, src []byte) {
	var seen []string // month names so far, first use only
	for i, line := range strings.Split(string(src), "\n") {
		for _, word := range strings.FieldsFunc(line, func(r rune) bool { return !unicode.IsLetter(r) }) {
			m := monthName(word)
			if m == "" || slices.Contains(seen, m) {
				continue
			}
			seen = append(seen, m)
			if fitting(seen) == "" {
				ps.addf(i+1, "month %q is from another set of month names than %s, used before in this file: use one set per guide, the one its readers use (%s)",
					m, strings.Join(seen[:len(seen)-1], "، "), strings.Join(setNames(), "; "))
				return
			}
		}
	}
}

// fitting returns the name of a set holding every month in names, or "".
func fitting(names []string) string {
	for _, set := range monthSets {
		if !slices.ContainsFunc(names, func(n string) bool { return !slices.Contains(set.names, n) }) {
			return set.name
		}
	}
	return ""
}

func setNames() []string {
	var out []string
	for _, set := range monthSets {
		out = append(out, set.name)
	}
	return out
}
