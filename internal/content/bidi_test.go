package content_test

import (
	"strings"
	"testing"

	"amem/internal/content"
)

// In Arabic text the bidi algorithm turns around what joins digit runs:
// "80 104 748" would show as "748 104 80". The renderer isolates such runs
// and every phone number; these tests pin what it produces.
func TestRenderIsolatesNumbersLeftToRight(t *testing.T) {
	tests := []struct{ name, markdown, want string }{
		{"phone as a tel: link, normalised",
			"الرقم الأخضر [80 104 748](tel:+216-80-104-748).",
			`<p>الرقم الأخضر <bdi dir="ltr"><a href="tel:+21680104748">80 104 748</a></bdi>.</p>`},
		{"short number as a tel: link",
			"الشرطة: [19](tel:19)",
			`<p>الشرطة: <bdi dir="ltr"><a href="tel:19">19</a></bdi></p>`},
		{"00 prefix becomes +",
			"[80060](tel:00971-80060)",
			`<bdi dir="ltr"><a href="tel:+97180060">80060</a></bdi>`},
		{"Arabic-Indic digits in the href are folded",
			"[١٩](tel:١٩)",
			`<bdi dir="ltr"><a href="tel:19">١٩</a></bdi>`},
		{"tel: autolink shows the number",
			"<tel:+21680104748>",
			`<p><bdi dir="ltr"><a href="tel:+21680104748">+21680104748</a></bdi></p>`},
		{"international number in text becomes a link",
			"اتصل بالرقم +216 80 104 748 مجانًا",
			`اتصل بالرقم <bdi dir="ltr"><a href="tel:+21680104748">+216 80 104 748</a></bdi> مجانًا`},
		{"international number with hyphens",
			"Call +212-5-37-00-00-00.",
			`Call <bdi dir="ltr"><a href="tel:+212537000000">+212-5-37-00-00-00</a></bdi>.`},
		{"too short to be an international number: left alone",
			"une hausse de +5 %",
			`<p>une hausse de +5 %</p>`},
		{"article with a paragraph",
			"المادة 7(1) من الاتفاقية",
			`المادة <bdi dir="ltr">7(1)</bdi> من الاتفاقية`},
		{"article with a range of paragraphs",
			"المادة 7(2)–(3)",
			`المادة <bdi dir="ltr">7(2)–(3)</bdi>`},
		{"range of years",
			"للفترة 2026–2028",
			`للفترة <bdi dir="ltr">2026–2028</bdi>`},
		{"digit groups with spaces, not linked",
			"الرقم 80 104 748",
			`الرقم <bdi dir="ltr">80 104 748</bdi>`},
		{"French amount with a no-break space",
			"497\u202f550 entrées",
			"<p><bdi dir=\"ltr\">497\u202f550</bdi> entrées</p>"},
		{"numbers the algorithm shows right are left alone",
			"المرسوم 2.25.983 والقانون 65-99 و031/2015 و17.92 درهمًا و60%",
			`<p>المرسوم 2.25.983 والقانون 65-99 و031/2015 و17.92 درهمًا و60%</p>`},
		{"law number with 00 is no phone",
			"القانون 2021-007",
			`<p>القانون 2021-007</p>`},
		{"inside emphasis and table cells",
			"| a |\n|---|\n| **7(1)** |",
			`<td><strong><bdi dir="ltr">7(1)</bdi></strong></td>`},
		{"several runs in one text, line break kept",
			"7(1) و8(2)\nثم 9(3)",
			"<p><bdi dir=\"ltr\">7(1)</bdi> و<bdi dir=\"ltr\">8(2)</bdi>\nثم <bdi dir=\"ltr\">9(3)</bdi></p>"},
		{"code is left as written",
			"`80 104 748`",
			`<p><code>80 104 748</code></p>`},
		{"text of an https link is left as written",
			"[المادة 7(1)](https://normlex.ilo.org/c181)",
			`>المادة 7(1)</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, err := content.Render(tt.markdown)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(html, tt.want) {
				t.Errorf("html lacks\n %s\ngot\n %s", tt.want, html)
			}
		})
	}
}

// The sanitiser lets through only what the renderer writes: dir="ltr" on bdi.
func TestRenderAllowsOnlyLeftToRightIsolates(t *testing.T) {
	html, err := content.Render(`<bdi dir="rtl" onclick="x()">a</bdi> <span dir="ltr">b</span> [c](tel:19)`)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"rtl", "onclick", "<span", "<bdi>a"} {
		if strings.Contains(html, bad) {
			t.Errorf("%q survived: %s", bad, html)
		}
	}
}

func TestNormalisePhone(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"19", "19", true},
		{"80 104 748", "80104748", true},
		{"+216 80 104 748", "+21680104748", true},
		{"00216-80-104-748", "+21680104748", true},
		{"(+974) 4028.0660", "+97440280660", true},
		{"٨٠٠٦٠", "80060", true},
		{"+0216", "", false},
		{"1", "", false},
		{"call 19", "", false},
		{"1234567890123456", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := content.NormalisePhone(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalisePhone(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
