package content

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Numbers in right-to-left text.
//
// In an Arabic paragraph the Unicode bidirectional algorithm lays out every
// run of digits left to right, but the spaces, brackets and dashes between
// runs take the paragraph's direction: "80 104 748" shows as "748 104 80",
// "المادة 7(1)" as "(1)7" and "2023–2025" as "2025–2023". The renderer puts
// such runs, and every phone number, in a left-to-right isolate
// (<bdi dir="ltr">), and makes phone numbers tappable tel: links. In French
// and English the isolate changes nothing on screen, so one rendering serves
// every language.
//
// What the pipeline recognises (and so can isolate):
//   - a tel: link, [80 104 748](tel:+21680104748): the href is normalised to
//     the digits, with a leading + when the number has its country code;
//   - a number in international form, "+216 80 104 748" or "00216 80 104 748"
//     (8 to 15 digits, groups separated by single spaces or hyphens): it
//     becomes a tel: link by itself;
//   - a run of digits joined by single spaces, brackets or dashes ("7(1)",
//     "80 104 748", "2023–2025"): isolated, but not linked, since it may be
//     an article, an amount or a range.
//
// Everything else that looks like a phone number is a problem for
// "amem content check" (see checkPhones): it would read backwards or could
// not be tapped.

// space is what may separate the groups of one number: a space, or a
// no-break space (French writes "452 000" with one).
const space = ` \x{00A0}\x{202F}`

var (
	// intlPhone is a number with its country code. Checked for length after matching.
	intlPhone = regexp.MustCompile(`(?:\+|00)[1-9](?:[` + space + `-]?[0-9])+`)

	// ltrRun is digits joined by what the bidi algorithm would turn around.
	ltrRun = regexp.MustCompile(`[0-9]+(?:\([0-9]{1,3}[a-z]?\)|[` + space + `][0-9]+|[` + space + `]?[–—][` + space + `]?(?:[0-9]+|\([0-9]{1,3}[a-z]?\)))+`)

	// notDialled is what may be written in a phone number but is not dialled.
	notDialled = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "-", "", ".", "", "(", "", ")", "")
)

// KindLTR is the kind of an LTR node.
var KindLTR = ast.NewNodeKind("LTR")

// LTR is an inline node whose children are shown left to right, isolated from
// the text around them.
type LTR struct{ ast.BaseInline }

func (n *LTR) Kind() ast.NodeKind            { return KindLTR }
func (n *LTR) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// NormalisePhone returns the tel: form of a phone number as written: its
// digits (Arabic-Indic digits folded to ASCII), with "+" for a leading + or
// 00. ok is false when what is left is not 2 to 15 digits.
func NormalisePhone(s string) (tel string, ok bool) {
	s = foldDigits(notDialled.Replace(strings.TrimSpace(s)))
	plus := false
	switch {
	case strings.HasPrefix(s, "+"):
		plus, s = true, s[1:]
	case strings.HasPrefix(s, "00") && len(s) > 2:
		plus, s = true, s[2:]
	}
	if len(s) < 2 || len(s) > 15 || strings.Trim(s, "0123456789") != "" || (plus && s[0] == '0') {
		return "", false
	}
	if plus {
		return "+" + s, true
	}
	return s, true
}

// foldDigits turns Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits into ASCII.
func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		}
		return r
	}, s)
}

// digitsOf keeps the ASCII (or folded) digits of s.
func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, foldDigits(s))
}

// isTel reports whether a link destination is a tel: URI.
func isTel(dest []byte) bool {
	return len(dest) >= 4 && strings.EqualFold(string(dest[:4]), "tel:")
}

// isolate wraps tel: links and number runs in LTR nodes, and links
// international numbers. It runs on a parsed document, after the checks
// (which see the body as written).
func isolate(doc ast.Node, src []byte) {
	var texts []*ast.Text
	var links []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if isTel(n.Destination) {
				links = append(links, n)
			}
			return ast.WalkSkipChildren, nil // a link's text is the link's business
		case *ast.AutoLink:
			if isTel(n.URL(src)) {
				links = append(links, n)
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			texts = append(texts, n)
		}
		return ast.WalkContinue, nil
	})
	for _, l := range links {
		isolateTelLink(l, src)
	}
	for _, t := range texts {
		splitText(t, src)
	}
}

// isolateTelLink normalises a tel: link's destination and puts it in an LTR
// node. A destination that does not normalise is left as written: the check
// reports it.
func isolateTelLink(n ast.Node, src []byte) {
	var link *ast.Link
	switch n := n.(type) {
	case *ast.Link:
		link = n
	case *ast.AutoLink: // <tel:+216...>: show the number without "tel:"
		url := n.URL(src)
		link = ast.NewLink()
		link.Destination = url
		link.AppendChild(link, ast.NewString(url[4:]))
		n.Parent().ReplaceChild(n.Parent(), n, link)
	}
	if tel, ok := NormalisePhone(string(link.Destination[4:])); ok {
		link.Destination = []byte("tel:" + tel)
	}
	wrap(link)
}

// wrap replaces n by an LTR node holding n.
func wrap(n ast.Node) *LTR {
	ltr := &LTR{}
	parent := n.Parent()
	parent.ReplaceChild(parent, n, ltr)
	ltr.AppendChild(ltr, n)
	return ltr
}

// span is a part of a text node that needs isolating; tel is set for phone numbers.
type span struct {
	start, stop int // byte offsets in the text's value
	tel         string
}

// findRuns returns the phone numbers and number runs of s, in order and
// without overlaps.
func findRuns(s string) []span {
	var out []span
	taken := func(a, b int) bool {
		for _, sp := range out {
			if a < sp.stop && sp.start < b {
				return true
			}
		}
		return false
	}
	for _, m := range intlPhone.FindAllStringIndex(s, -1) {
		if m[0] > 0 && strings.ContainsRune("0123456789./-", rune(s[m[0]-1])) { // "2000216", "2021-0071234" are no phone numbers
			continue
		}
		if tel, ok := NormalisePhone(s[m[0]:m[1]]); ok && len(tel) >= 9 { // + and 8 digits at least
			out = append(out, span{m[0], m[1], tel})
		}
	}
	for _, m := range ltrRun.FindAllStringIndex(s, -1) {
		if !taken(m[0], m[1]) {
			out = append(out, span{start: m[0], stop: m[1]})
		}
	}
	// In order of position: phones were found first.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// splitText cuts a text node around the runs it holds: the text before stays
// plain, each run goes into an LTR node (phone numbers inside a tel: link).
func splitText(t *ast.Text, src []byte) {
	if t.IsRaw() || t.Parent() == nil {
		return
	}
	seg := t.Segment
	value := string(seg.Value(src))
	if !utf8.ValidString(value) || len(value) != seg.Stop-seg.Start { // padded segments: leave them
		return
	}
	runs := findRuns(value)
	if len(runs) == 0 {
		return
	}
	parent := t.Parent()
	at := 0
	for _, r := range runs {
		if r.start > at {
			parent.InsertBefore(parent, t, ast.NewTextSegment(text.NewSegment(seg.Start+at, seg.Start+r.start)))
		}
		inner := ast.NewTextSegment(text.NewSegment(seg.Start+r.start, seg.Start+r.stop))
		ltr := &LTR{}
		if r.tel != "" {
			link := ast.NewLink()
			link.Destination = []byte("tel:" + r.tel)
			link.AppendChild(link, inner)
			ltr.AppendChild(ltr, link)
		} else {
			ltr.AppendChild(ltr, inner)
		}
		parent.InsertBefore(parent, t, ltr)
		at = r.stop
	}
	// What follows the last run keeps the node, and with it its line break.
	t.Segment = text.NewSegment(seg.Start+at, seg.Stop)
	if at == len(value) && !t.SoftLineBreak() && !t.HardLineBreak() {
		parent.RemoveChild(parent, t)
	}
}

// ltrRenderer writes LTR nodes as <bdi dir="ltr">.
type ltrRenderer struct{}

func (ltrRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindLTR, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<bdi dir="ltr">`)
		} else {
			_, _ = w.WriteString(`</bdi>`)
		}
		return ast.WalkContinue, nil
	})
}

var _ renderer.NodeRenderer = ltrRenderer{}
