package content_test

import (
	"slices"
	"strings"

	"testing"

	"golang.org/x/net/html"

	"amem/internal/content"
)

// forbidden must never appear in rendered html, whatever an editor or an
// attacker with dashboard access writes. (Schemes are checked as attribute
// values: "javascript:" as harmless visible text is fine.)
var forbidden = []string{
	"<script", "</script", "onerror", "onload", "onclick", `="javascript:`, `="vbscript:`, `="data:`,
	"<iframe", "<object", "<embed", "<style", "style=", "<!--", "<img", "<svg", "<form",
	"<input", "<meta", "<link", "<base", "srcdoc", "formaction",
}

func TestRenderRemovesHostileMarkdown(t *testing.T) {
	tests := []struct{ name, markdown string }{
		{"script tag", "<script>alert(1)</script>"},
		{"inline script", "Hello <script>alert(1)</script> world"},
		{"img onerror", `<img src="x" onerror="alert(1)">`},
		{"inline img onerror", `Text <img src=x onerror=alert(1)> text`},
		{"javascript link", "[click](javascript:alert(1))"},
		{"javascript link, mixed case and entity", "[click](JaVaScRiPt&#58;alert(1))"},
		{"javascript autolink", "<javascript:alert(1)>"},
		{"vbscript link", "[click](vbscript:msgbox(1))"},
		{"data url link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"},
		{"data url image", "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)"},
		{"image", "![x](https://tracker.example/pixel.gif)"},
		{"iframe", `<iframe src="https://evil.example"></iframe>`},
		{"object and embed", `<object data="x.swf"></object><embed src="x.swf">`},
		{"style attribute", `<p style="position:fixed">cover</p>`},
		{"style element", "<style>body{display:none}</style>"},
		{"html comment", "<!-- hidden --> text"},
		{"svg", `<svg onload="alert(1)"><circle/></svg>`},
		{"form", `<form action="https://evil.example"><input name="pin"></form>`},
		{"link with handler", `<a href="https://example.org" onclick="alert(1)">x</a>`},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=https://evil.example">`},
		{"table with style", "| a | b |\n|:--|--:|\n| <span style=\"color:red\">1</span> | 2 |"},
		{"heading with html", "## Title <img src=x onerror=alert(1)>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, err := content.Render(tt.markdown)
			if err != nil {
				t.Fatal(err)
			}
			lower := strings.ToLower(html)
			for _, f := range forbidden {
				if strings.Contains(lower, f) {
					t.Errorf("%q survived:\n%s", f, html)
				}
			}
		})
	}
}

func TestRenderKeepsWhatGuidesUse(t *testing.T) {
	tests := []struct {
		name, markdown string
		want           []string
		notWant        []string
	}{
		{"external link opens outside and leaks nothing",
			"[ILO](https://www.ilo.org/x)",
			[]string{`href="https://www.ilo.org/x"`, `target="_blank"`, "noopener", "noreferrer"}, nil},
		{"autolink",
			"<https://www.ilo.org>",
			[]string{`<a href="https://www.ilo.org"`, `target="_blank"`}, nil},
		{"mailto stays in the app",
			"[write](mailto:help@example.org)",
			[]string{`href="mailto:help@example.org"`}, []string{"target="}},
		{"tel",
			"[call 19](tel:19)",
			[]string{`href="tel:19"`}, nil},
		{"http link is dropped",
			"[x](http://example.org)",
			nil, []string{"http://"}},
		{"table with alignment",
			"| a | b |\n|:--|--:|\n| 1 | 2 |",
			[]string{"<table>", `<th align="left">a</th>`, `<td align="right">2</td>`}, nil},
		{"lists, emphasis, code, quote",
			"1. **one**\n2. *two*\n\n- `x`\n\n> quote",
			[]string{"<ol>", "<strong>one</strong>", "<em>two</em>", "<code>x</code>", "<blockquote>"}, nil},
		{"apostrophes stay one byte, in text and in a title",
			"## Où trouver de l'aide\n\n[l'OIT](https://www.ilo.org \"l'OIT, \\\"Genève\\\"\")",
			[]string{"<h2>Où trouver de l'aide</h2>", `title="l'OIT, &#34;Genève&#34;"`, ">l'OIT</a>"}, []string{"&#39;"}},
		{"arabic text is kept as is",
			"## أين تجد المساعدة\n\nاتصل بالنقابة.",
			[]string{"<h2>أين تجد المساعدة</h2>", "<p>اتصل بالنقابة.</p>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, err := content.Render(tt.markdown)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("html lacks %s:\n%s", w, html)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(html, w) {
					t.Errorf("html has %s:\n%s", w, html)
				}
			}
		})
	}
}

// TestRenderedQuotesStayInTheirAttribute: with apostrophes written plain,
// a title holding quotes still cannot open an attribute of its own.
func TestRenderedQuotesStayInTheirAttribute(t *testing.T) {
	for _, md := range []string{
		`[x](https://example.org "a' onmouseover='alert(1)")`,
		`[x](https://example.org 'a" onmouseover="alert(1)')`,
	} {
		out, err := content.Render(md)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode || n.Data != "a" {
				continue
			}
			for _, a := range n.Attr {
				if !slices.Contains([]string{"href", "title", "target", "rel"}, a.Key) {
					t.Errorf("%s: the link has an attribute %s=%q:\n%s", md, a.Key, a.Val, out)
				}
			}
		}
	}
}
