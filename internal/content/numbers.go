package content

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// The checks on numbers: phone numbers the pipeline can isolate (bidi.go),
// and amounts in Arabic.

var (
	// spacedGroups is three or more groups of digits separated by ordinary
	// spaces: a phone number written as text ("80 104 748"). An amount is
	// written without spaces in Arabic and with no-break spaces in French.
	spacedGroups = regexp.MustCompile(`[0-9]+(?: [0-9]+){2,}`)

	// plusDigit is what is left of an international number the renderer did
	// not recognise: a + or 00 before a digit.
	// (00 only at the start of a number: "Law 2021-007" is no phone number.)
	plusDigit = regexp.MustCompile(`(?:^|[^0-9./-])(\+ ?[0-9]|00[1-9])`)

	// digitRun is a number as a reader sees it, for comparing with the directory.
	digitRun = regexp.MustCompile(`[0-9]+(?:[ \x{00A0}\x{202F}-][0-9]+)*`)

	// digitsDots is a run of digits and dots, such as "1.000" or "2.25.983".
	digitsDots = regexp.MustCompile(`[0-9٠-٩]+(?:\.[0-9٠-٩]+)+`)

	// thousandsDot is an amount written with a dot between thousands.
	thousandsDot = regexp.MustCompile(`^[0-9٠-٩]{1,3}(?:\.[0-9٠-٩]{3})+$`)

	urlPattern = regexp.MustCompile(`https?://\S+`)
)

// plainNumber is a number written as plain text in a guide body (not in a
// link or code), kept to compare with the directory's phone numbers.
type plainNumber struct {
	digits string
	text   string
	line   int
	help   bool // in the last section, where to get help
}

// checkNumbers reports, in the body as written, phone numbers the pipeline
// cannot isolate:
//   - a tel: link that does not call a phone number, or whose text shows
//     other digits than the ones it calls;
//   - a + or 00 number the renderer does not recognise (bad length or separators);
//   - digits in three or more groups separated by spaces outside a tel: link:
//     isolated, but not tappable;
//   - a number cut in two by a line break or by formatting ("**80** 104 748"):
//     each piece would be laid out on its own.
//
// It returns the other numbers written as plain text, with their lines.
func checkNumbers(ps *problems, doc ast.Node, body []byte, lineOf func(ast.Node) int, helpStart int) []plainNumber {
	var numbers []plainNumber
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		checkSplit(ps, n, body, lineOf)
		switch n := n.(type) {
		case *ast.Link:
			if isTel(n.Destination) {
				checkTelLink(ps, lineOf(n), string(n.Destination), inlineText(n, body))
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if u := n.URL(body); isTel(u) {
				checkTelLink(ps, lineOf(n), string(u), string(u[4:]))
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			line := lineOf(n)
			value := string(n.Segment.Value(body))
			phones := intlPhones(value)
			var reported []int // starts of the bad international numbers
			for _, m := range plusDigit.FindAllStringSubmatchIndex(value, -1) {
				if !inside(phones, m[2]) {
					reported = append(reported, m[2], m[2]+1)
					ps.addf(line, "%q is not a phone number the app can show left to right and call: write it as +216 80 104 748 (country code, then groups of digits separated by single spaces), or as a tel: link", around(value, m[2]))
				}
			}
			for _, m := range spacedGroups.FindAllStringIndex(value, -1) {
				if inside(phones, m[0]) || slices.Contains(reported, m[0]) {
					continue
				}
				num := value[m[0]:m[1]]
				tel, _ := NormalisePhone(num)
				ps.addf(line, "%q looks like a phone number: write it as a tel: link, [%s](tel:%s), so that it stays left to right and can be tapped (an amount takes no-break spaces, or none in Arabic)", num, num, tel)
			}
			for _, m := range digitRun.FindAllStringIndex(value, -1) {
				if inside(phones, m[0]) {
					continue
				}
				num := value[m[0]:m[1]]
				numbers = append(numbers, plainNumber{digits: digitsOf(num), text: num, line: line, help: helpStart > 0 && line >= helpStart})
			}
		}
		return ast.WalkContinue, nil
	})
	return numbers
}

// intlPhones returns the spans the renderer turns into tel: links by itself.
func intlPhones(s string) []span {
	var out []span
	for _, r := range findRuns(s) {
		if r.tel != "" {
			out = append(out, r)
		}
	}
	return out
}

func inside(spans []span, at int) bool {
	for _, sp := range spans {
		if at >= sp.start && at < sp.stop {
			return true
		}
	}
	return false
}

// around quotes a bit of s from offset at, for a message.
func around(s string, at int) string {
	end := at
	for end < len(s) && (isDigitByte(s[end]) || strings.ContainsRune("+ -()", rune(s[end]))) {
		end++
	}
	return strings.TrimSpace(s[at:end])
}

// checkTelLink checks one tel: link: dest is "tel:...", label the text shown.
func checkTelLink(ps *problems, line int, dest, label string) {
	tel, ok := NormalisePhone(dest[4:])
	if !ok {
		ps.addf(line, "link %q does not call a phone number: after tel: write 2 to 15 digits, with + and the country code when you have it", dest)
		return
	}
	shown := digitsOf(label)
	if shown != "" && !strings.HasSuffix(strings.TrimPrefix(tel, "+"), shown) {
		ps.addf(line, "the link shows %q but calls %s: the digits must be the same (the link may add the country code)", label, tel)
	}
}

// checkSplit reports a number cut in two where node n meets the node after
// it: a line break inside the number, or formatting around part of it.
func checkSplit(ps *problems, n ast.Node, body []byte, lineOf func(ast.Node) int) {
	next := n.NextSibling()
	if next == nil || n.Type() != ast.TypeInline || next.Type() != ast.TypeInline {
		return
	}
	t, isText := n.(*ast.Text)
	_, nextIsText := next.(*ast.Text)
	breaks := isText && (t.SoftLineBreak() || t.HardLineBreak())
	if !breaks && isText && nextIsText {
		return // one run of text, cut by the parser only
	}
	before, after := inlineText(n, body), inlineText(next, body)
	if endsWithDigit(before) && startsWithDigit(after) && !(breaks && !endsWithDigitTight(before)) {
		why := "formatting (** or * or `) around part of it"
		if breaks {
			why = "a line break"
		}
		ps.addf(lineOf(n), "a number is cut in two by %s: keep %q and %q together in one run, or the app cannot show it left to right", why, lastWord(before), firstWord(after))
	}
}

// inlineText is the text of an inline node as a reader sees it.
func inlineText(n ast.Node, src []byte) string {
	switch n := n.(type) {
	case *ast.Text:
		return string(n.Segment.Value(src))
	case *ast.String:
		return string(n.Value)
	case *ast.AutoLink:
		return string(n.Label(src))
	}
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.WriteString(inlineText(c, src))
	}
	return b.String()
}

func endsWithDigit(s string) bool {
	s = strings.TrimRight(s, " \u00a0\u202f")
	return s != "" && isDigitByte(s[len(s)-1])
}

// endsWithDigitTight: a line break ends a number only when no punctuation
// or word comes between (the break itself stands for the space).
func endsWithDigitTight(s string) bool { return s != "" && isDigitByte(s[len(s)-1]) }

func startsWithDigit(s string) bool {
	s = strings.TrimLeft(s, " \u00a0\u202f")
	return s != "" && isDigitByte(s[0])
}

func lastWord(s string) string {
	s = strings.TrimRight(s, " \u00a0\u202f")
	return s[strings.LastIndexAny(s, " \u00a0\u202f\n")+1:]
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, " \u00a0\u202f")
	if i := strings.IndexAny(s, " \u00a0\u202f\n"); i >= 0 {
		return s[:i]
	}
	return s
}

// checkArabicAmounts reports, in an Arabic file, numbers with a dot between
// thousands: "1.000 ريال" reads as one riyal to many readers. It reads every
// line, front matter included; decree numbers such as 2.25.983 pass.
func checkArabicAmounts(ps *problems, src []byte) {
	for i, line := range bytes.Split(src, []byte("\n")) {
		text := urlPattern.ReplaceAllString(string(line), "")
		if strings.HasPrefix(strings.TrimSpace(text), "url:") {
			continue
		}
		for _, m := range digitsDots.FindAllStringIndex(text, -1) {
			num := text[m[0]:m[1]]
			if m[0] > 0 && text[m[0]-1] == '.' { // the tail of a longer run
				continue
			}
			if thousandsDot.MatchString(num) {
				ps.addf(i+1, "amount %q has a dot between thousands, which reads as a decimal point: write %s (or the amount in words)", num, strings.ReplaceAll(num, ".", ""))
			}
		}
	}
}

// checkDirectoryNumbers reports phone numbers of the directory written as
// plain text in a guide: they must be tel: links to be isolated and tappable.
// Short numbers (19, 112, 190) are also article, law and convention numbers,
// so they are only looked for in the help section; from five digits on,
// everywhere.
func checkDirectoryNumbers(g *Guide, phones map[string]string) []Problem {
	var ps []Problem
	for _, n := range g.numbers {
		key, known := phones[n.digits]
		if !known || (len(n.digits) < 5 && !n.help) {
			continue
		}
		tel, _ := NormalisePhone(n.text)
		ps = append(ps, Problem{File: g.File, Line: n.line, Message: fmt.Sprintf(
			"%s is the phone number of %s in contacts.yaml: write it as a tel: link, [%s](tel:%s), so that it stays left to right and can be tapped",
			n.text, key, n.text, tel)})
	}
	return ps
}

// frenchSpace is an ordinary space where French typography wants a
// no-break one: before : ; ! ? and », after « and n°. An ordinary space
// there lets the line break between "n°" and "33", or put ":" alone at the
// start of a line.
// Thousands too: "25 000" with an ordinary space can break across lines.
var frenchSpace = regexp.MustCompile(`[^ ] [:;!?»]|« |[nN]° [0-9]|[0-9] [0-9]{3}\b`)

// telLink is a tel: link as written, whose text may hold spaces between digit groups.
var telLink = regexp.MustCompile(`\[[^\]]*\]\(tel:[^)]*\)`)

// checkFrenchSpaces reports, in a French file, ordinary spaces where a
// no-break space belongs (U+00A0, or the narrow U+202F). URLs and code are
// left alone.
func checkFrenchSpaces(ps *problems, src []byte) {
	inCode := false
	for i, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inCode = !inCode
		}
		if inCode || strings.HasPrefix(strings.TrimSpace(line), "url:") {
			continue
		}
		text := urlPattern.ReplaceAllString(line, "")
		text = codeSpan.ReplaceAllString(text, "")
		text = telLink.ReplaceAllString(text, "")
		for _, m := range frenchSpace.FindAllStringIndex(text, -1) {
			from := strings.LastIndex(text[:m[0]+1], " ") + 1 // the word before
			ps.addf(i+1, "%q: in French, put a no-break space (U+00A0 or U+202F) before : ; ! ? », after « and n°, and between thousands, not an ordinary space", text[from:m[1]])
		}
	}
}

var codeSpan = regexp.MustCompile("`[^`]*`")
