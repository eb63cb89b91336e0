package routing

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// A cue is a pattern of words which, found in one sentence of a question,
// makes the question urgent.
//
// Patterns are written in a small notation so that counsellors can read the
// lists and suggest words:
//
//   - words separated by spaces must follow each other in the sentence;
//   - a|b|c matches any one of the alternatives;
//   - a_b is the words a and b one after the other, as one alternative;
//   - stem* matches any word starting with stem ("confiscat*");
//   - ~N lets up to N other words come in between ("took ~2 passport*"
//     matches "took away my passport");
//   - an Arabic word may carry the clitics written before it: و or ف, then
//     one of ال بال كال لل ب ل ك (the article, "with", "to", "like") or the
//     Darija progressive ك كا ت تا; an Arabic word written with ال must
//     carry the article (ال بال كال لل, after و or ف).
//
// Patterns and notAfter words are normalised when compiled, so they are
// written in ordinary spelling.
type cue struct {
	concern  string         // what the words point at, for the audit: "violence"
	needs    [][]string     // per word of the pattern, literals one of which the sentence must contain
	anywhere *regexp.Regexp // the pattern anywhere in a sentence
	here     *regexp.Regexp // the pattern at the start of a sentence's tail; only with notAfter
	notAfter map[string]bool
}

// newCue compiles a cue. A match right after one of the notAfter words is
// ignored: it lets "took my passport" count unless the worker says "I took
// my passport".
func newCue(concern, pattern string, notAfter ...string) cue {
	body, needs, err := compileCue(pattern)
	if err != nil {
		panic(fmt.Sprintf("routing: cue %q: %v", pattern, err))
	}
	c := cue{concern: concern, needs: needs, anywhere: regexp.MustCompile(`(?:^| )` + body + `(?: |$)`)}
	if len(notAfter) > 0 {
		c.here = regexp.MustCompile(`^` + body + `(?: |$)`)
		c.notAfter = map[string]bool{}
		for _, w := range notAfter {
			c.notAfter[Normalise(w)] = true
		}
	}
	return c
}

// compileCue turns a pattern into a regular expression (without the word
// boundaries around it) over a sentence as sentences gives it: words joined
// by single spaces. needs lists, for each word of the pattern, the literal
// text one of which a matching sentence contains: a cheap test that spares
// most sentences the regular expression.
func compileCue(pattern string) (body string, needs [][]string, err error) {
	var b strings.Builder
	words := 0
	pendingGap := false
	for _, element := range strings.Fields(Normalise(pattern)) {
		if n, ok := strings.CutPrefix(element, "~"); ok {
			gap, err := strconv.Atoi(n)
			if err != nil || gap < 0 || words == 0 || pendingGap {
				return "", nil, fmt.Errorf("bad gap %q: a gap is ~N between two words", element)
			}
			fmt.Fprintf(&b, `(?: [^ ]+){0,%d}`, gap)
			pendingGap = true
			continue
		}
		if words > 0 {
			b.WriteString(" ")
		}
		alternatives := strings.Split(element, "|")
		var literals []string
		for i, alt := range alternatives {
			if alt == "" {
				return "", nil, fmt.Errorf("empty alternative in %q", element)
			}
			var seq []string
			for j, w := range strings.Split(alt, "_") {
				re, literal, err := wordPattern(w)
				if err != nil {
					return "", nil, err
				}
				seq = append(seq, re)
				if j == 0 {
					literals = append(literals, literal)
				}
			}
			alternatives[i] = strings.Join(seq, " ")
		}
		needs = append(needs, literals)
		b.WriteString("(?:" + strings.Join(alternatives, "|") + ")")
		words++
		pendingGap = false
	}
	if words == 0 || pendingGap {
		return "", nil, fmt.Errorf("a pattern starts and ends with a word")
	}
	if _, err := regexp.Compile(b.String()); err != nil {
		return "", nil, err
	}
	return "(?:" + b.String() + ")", needs, nil
}

// Clitics that may be written before an Arabic word (see cue).
const (
	arabicClitics = `[وف]?(?:ال|بال|كال|لل|كا|تا|ب|ل|ك|ت)?`
	arabicArticle = `[وف]?(?:ال|بال|كال|لل)`
)

// wordPattern is the regular expression of one word of a pattern, and the
// literal text any word it matches contains.
func wordPattern(w string) (re, literal string, err error) {
	stem, star := strings.CutSuffix(w, "*")
	if stem == "" || strings.ContainsAny(stem, "*~ ") || strings.IndexFunc(stem, notWordRune) >= 0 {
		return "", "", fmt.Errorf("bad word %q", w)
	}
	re, literal = regexp.QuoteMeta(stem), stem
	if isArabic(stem) {
		if rest, ok := strings.CutPrefix(stem, "ال"); ok && rest != "" {
			re, literal = arabicArticle+regexp.QuoteMeta(rest), rest // لل drops the article's alef
		} else {
			re = arabicClitics + re
		}
	}
	if star {
		re += `[^ ]*`
	}
	return re, literal, nil
}

func isArabic(s string) bool {
	for _, r := range s {
		return unicode.Is(unicode.Arabic, r)
	}
	return false
}

// notWordRune reports whether r cannot be part of a word (see sentences).
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}

// matches reports whether the cue is found in a sentence.
func (c cue) matches(sentence string) bool {
	for _, literals := range c.needs {
		if !slices.ContainsFunc(literals, func(l string) bool { return strings.Contains(sentence, l) }) {
			return false // the common case, without running the regular expression
		}
	}
	if !c.anywhere.MatchString(sentence) {
		return false
	}
	if c.here == nil {
		return true
	}
	// Found somewhere: look word by word for a match whose previous word
	// does not cancel it.
	previous := ""
	for tail := sentence; tail != ""; {
		if c.here.MatchString(tail) && !c.notAfter[previous] {
			return true
		}
		word, rest, _ := strings.Cut(tail, " ")
		previous, tail = word, rest
	}
	return false
}

// sentences splits a normalised text into sentences, each given as its words
// joined by single spaces. A word is a run of letters, digits and marks, so
// apostrophes and hyphens separate words ("l'employeur" is "l employeur").
// Sentences end at . ! ? ; ؟ ؛ and line breaks, so that words of two
// sentences never make one cue.
func sentences(text string) []string {
	var out, words []string
	start := -1
	endWord := func(end int) {
		if start >= 0 {
			words = append(words, text[start:end])
			start = -1
		}
	}
	endSentence := func() {
		if len(words) > 0 {
			out = append(out, strings.Join(words, " "))
			words = words[:0]
		}
	}
	for i, r := range text {
		if !notWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		endWord(i)
		if strings.ContainsRune(".!?;؟؛\n\r", r) {
			endSentence()
		}
	}
	endWord(len(text))
	endSentence()
	return out
}
