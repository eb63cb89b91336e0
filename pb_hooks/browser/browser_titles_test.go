package browser

import (
	"testing"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// A guide's title, summary and source titles are plain text: the app
// isolates their number runs as it does in the body, so that "المادة 7(1)"
// never reads "(1)7" and "2026–2028" never "2028–2026"; a phone number in a
// title (a heading, or a link in the list) is isolated but not a second link.
func TestBrowserGuideTitlesIsolateNumbers(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	const slug = "fair-recruitment-no-fees"
	g := guideRecord(t, app, slug, "ar")
	g.Set("title", "لا رسوم: المادة 7(1) والرقم 80 104 748")
	g.Set("summary", "الحصة 2026–2028 والرقم الأخضر 80 104 748.")
	g.Set("sources", []map[string]string{
		{"title": "اتفاقية منظمة العمل الدولية رقم 181، المادة 7(2)–(3)", "url": "https://normlex.ilo.org/"},
		{"title": "مدونة الشغل، المادة 480 و 485"},
	})
	if err := app.Save(g); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	firstRunInArabic(t, ctx, base, "MA", "QA")

	// In the list: isolated, and no link inside the guide's link.
	waitJS(t, ctx, "the changed guide in the list", `document.querySelector('a[data-slug="`+slug+`"] .title')?.textContent.includes("7(1)")`)
	if got := tab.JS(`document.querySelector('a[data-slug="` + slug + `"] .title').innerHTML`); got != `لا رسوم: المادة <bdi dir="ltr">7(1)</bdi> والرقم <bdi dir="ltr">80 104 748</bdi>` {
		t.Errorf("title in the list = %s", got)
	}
	if got := tab.JS(`String(document.querySelectorAll('a[data-slug="` + slug + `"] a').length)`); got != "0" {
		t.Errorf("%s links inside the guide's link in the list", got)
	}

	// In the reader: title, summary (its phone number a tel: link) and source titles.
	tab.Run(chromedp.Evaluate[chromedp.Void](`location.replace("#/g/` + slug + `")`))
	waitJS(t, ctx, "the guide", `document.querySelector("#guide h1")`)
	for _, c := range []struct{ what, expr, want string }{
		{"title", `document.querySelector("#guide h1").innerHTML`,
			`لا رسوم: المادة <bdi dir="ltr">7(1)</bdi> والرقم <bdi dir="ltr">80 104 748</bdi>`},
		{"summary", `document.querySelector("#guide .summary").innerHTML`,
			`الحصة <bdi dir="ltr">2026–2028</bdi> والرقم الأخضر <bdi dir="ltr"><a href="tel:80104748">80 104 748</a></bdi>.`},
		{"linked source", `document.querySelector("#guide .sources li a").innerHTML`,
			`اتفاقية منظمة العمل الدولية رقم 181، المادة <bdi dir="ltr">7(2)–(3)</bdi>`},
		{"source without a link", `document.querySelectorAll("#guide .sources li")[1].innerHTML`,
			`مدونة الشغل، المادة 480 و 485`},
	} {
		if got := tab.JS(c.expr); got != c.want {
			t.Errorf("%s = %s\nwant %s", c.what, got, c.want)
		}
	}
}
