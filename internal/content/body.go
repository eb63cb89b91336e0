package content

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// checkBody enforces the rules docs/content.md sets for a guide body: it ends
// with the language's help section, and links go only to https pages (or
// mailto:/tel:), and its phone numbers can be isolated (checkNumbers). The
// problems point at file lines. It returns the numbers written as plain text.
func checkBody(ps *problems, doc ast.Node, body []byte, bodyLine int, want string) []plainNumber {
	lineOf := func(n ast.Node) int {
		return bodyLine + bytes.Count(body[:offsetOf(n, len(body))], []byte("\n"))
	}
	var last *ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 2 && n.Parent() == doc { // a heading inside a list or quote ends no section
				last = n
			}
		case *ast.Link:
			if !linkAllowed(string(n.Destination)) {
				ps.addf(lineOf(n), "link %q must be a full https:// address (or mailto:, tel:)", n.Destination)
			}
		case *ast.AutoLink:
			if u := string(n.URL(body)); n.AutoLinkType == ast.AutoLinkURL && !linkAllowed(u) {
				ps.addf(lineOf(n), "link %q must be a full https:// address (or mailto:, tel:)", u)
			}
		case *ast.Image:
			ps.addf(lineOf(n), "image %q is not allowed: guides are read offline; say it in words", n.Destination)
		}
		return ast.WalkContinue, nil
	})

	helpStart := 0
	if last != nil {
		helpStart = lineOf(last)
	}
	numbers := checkNumbers(ps, doc, body, lineOf, helpStart)

	if want == "" {
		return numbers // not a language: the file name is already reported
	}
	switch {
	case last == nil:
		ps.addf(bodyLine, "the body has no \"##\" heading; it must end with a section \"## %s\"", want)
	case !sameHeading(headingText(last, body), want):
		ps.addf(lineOf(last), "the last \"##\" heading must be \"## %s\", not \"## %s\"", want, headingText(last, body))
	case last.NextSibling() == nil:
		ps.addf(lineOf(last), "the \"## %s\" section is empty: say where to get help", want)
	}
	return numbers
}

// headingText is the heading as written, without the #s.
func headingText(h *ast.Heading, src []byte) string {
	var b strings.Builder
	for i := 0; i < h.Lines().Len(); i++ {
		seg := h.Lines().At(i)
		b.Write(seg.Value(src))
	}
	return strings.TrimSpace(b.String())
}

// sameHeading treats a typographic apostrophe as the straight one: editors'
// keyboards and word processors choose for them.
func sameHeading(got, want string) bool {
	return strings.ReplaceAll(got, "\u2019", "'") == want
}

func linkAllowed(dest string) bool {
	if isHTTPS(dest) {
		return true
	}
	u, err := url.Parse(dest)
	return err == nil && (u.Scheme == "mailto" || u.Scheme == "tel") && u.Opaque != ""
}

// offsetOf finds a source offset for a node: its own, a descendant's or an
// ancestor's (inline nodes such as links often have none).
func offsetOf(n ast.Node, limit int) int {
	for p := n; p != nil; p = p.Parent() {
		if pos := firstPos(p); pos >= 0 {
			return min(pos, limit)
		}
	}
	return 0
}

func firstPos(n ast.Node) int {
	if pos := n.Pos(); pos >= 0 {
		return pos
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if pos := firstPos(c); pos >= 0 {
			return pos
		}
	}
	return -1
}
