package content

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown is CommonMark plus GFM tables. Raw HTML is left out by goldmark's
// default (no html.WithUnsafe), and sanitizer removes anything that slips by.
// Numbers and phone numbers are isolated left to right (bidi.go).
var markdown = goldmark.New(
	goldmark.WithExtensions(
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
	),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(ltrRenderer{}, 1000))),
)

// sanitizer allows the elements Markdown produces and nothing else: no
// scripts, handlers, styles, frames or images (guides are read offline and
// a remote image would tell a third party who reads what).
var sanitizer = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
		"strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
		"table", "thead", "tbody", "tr", "th", "td", "bdi")
	// Numbers and phone numbers in Arabic text are shown left to right (bidi.go).
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^ltr$`)).OnElements("bdi")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|center|right)$`)).OnElements("th", "td")
	p.AllowAttrs("href", "title").OnElements("a")
	p.AllowURLSchemes("https", "mailto", "tel")
	p.AllowRelativeURLs(false)
	// External pages open outside the app and learn nothing about the reader.
	p.AddTargetBlankToFullyQualifiedLinks(true)
	p.RequireNoReferrerOnFullyQualifiedLinks(true)
	return p
}()

// Render turns a guide body into sanitised HTML. The dashboard uses it when
// an editor changes a body; files go through ParseGuide, which also checks them.
func Render(body string) (string, error) {
	src := []byte(body)
	return render(parse(src), src)
}

// parse reads a body as Markdown and isolates its numbers (bidi.go).
func parse(src []byte) ast.Node {
	doc := markdown.Parser().Parse(text.NewReader(src))
	isolate(doc, src)
	return doc
}

func render(doc ast.Node, src []byte) (string, error) {
	var buf bytes.Buffer
	if err := markdown.Renderer().Render(&buf, src, doc); err != nil {
		return "", err
	}
	// The sanitiser writes every apostrophe as "&#39;", five bytes for one
	// (more than a thousand in the French guides); in text and in its
	// double-quoted attributes a plain one means the same.
	return strings.ReplaceAll(sanitizer.Sanitize(buf.String()), "&#39;", "'"), nil
}

// renderChecked parses the body once, checks it, and renders it.
// bodyLine is the file line of body[0].
// It also returns the numbers written as plain text, for checks across files.
func renderChecked(ps *problems, body []byte, bodyLine int, helpHeading string) (string, []plainNumber) {
	doc := markdown.Parser().Parse(text.NewReader(body))
	numbers := checkBody(ps, doc, body, bodyLine, helpHeading) // on the tree as written
	isolate(doc, body)
	html, err := render(doc, body)
	if err != nil {
		ps.addf(bodyLine, "the body cannot be rendered: %v", err)
	}
	return html, numbers
}

// isHTTPS reports whether s is a full https:// address.
func isHTTPS(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != ""
}
