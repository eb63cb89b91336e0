package content

import (
	"regexp"
	"strings"
	"time"

	"amem/internal/vocab"
)

// The vocabularies (phases, topics, countries, contact kinds) are
// internal/vocab's; docs/content.md writes them out for editors.

// Languages are the languages every guide is written in, in file-name form:
// vocab.Languages, under the name callers of this package know.
var Languages = vocab.Languages

// HelpHeadings is, per language, the text of the "##" heading every guide body ends with.
var HelpHeadings = map[string]string{
	"ar": "أين تجد المساعدة",
	"fr": "Où trouver de l'aide",
	"en": "Where to get help",
}

// Limits on front-matter text, in characters (not bytes: Arabic takes two bytes a letter).
const (
	MaxTitle   = 120
	MaxSummary = 300
)

// slugPattern is also the pattern of contact keys.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Today is today's date, YYYY-MM-DD, in UTC: no review or verification is
// dated later. Tests may replace it.
var Today = func() string { return time.Now().UTC().Format(time.DateOnly) }

func oneOf(list []string) string { return strings.Join(list, ", ") }

// closest returns the allowed word nearest to a typo, or "" when none is close:
// it turns `unknown field "titel"` into a hint the editor can act on.
func closest(word string, allowed []string) string {
	best, bestDist := "", 3
	for _, a := range allowed {
		// Short words are all close to each other: "de" is no typo of "ar".
		if d := editDistance(word, a); d < bestDist && 2*d < len([]rune(word)) {
			best, bestDist = a, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
