package browser

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/library"
	"amem/pb_hooks/testapp"
)

// testAgencies is a list made up for this test only (no made-up agency
// ships in content/): Arabic names with hamza, taa marbuta and alif
// maqsura, a Latin name with accents.
const testAgencies = `name,licence,status
مكتب الأمل للتشغيل بالخارج,TN-2024-017,licensed
مكتب الهدى,TN-2024-020,
شركة النجمة للتوظيف,TN-2022-005,revoked
Société Étoile Recrutement,TN-2023-101,suspended
`

// TestBrowserRecruiterCheck: offline, from the home screen, a worker checks
// agencies by name or licence number however they type them (case,
// spacing, accents, Arabic letter variants) and learns "licensed",
// "suspended or withdrawn" or "not on the list we have, dated …"; from
// there, "Ask a counsellor" opens the question with the agency's name.
func TestBrowserRecruiterCheck(t *testing.T) {
	app := testapp.NewWithContent(t)
	rows, err := library.ReadAgencies(strings.NewReader(testAgencies), "test.csv")
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	if _, err := library.ImportAgencies(app, "TN", "Test list", asOf, rows, true); err != nil {
		t.Fatal(err)
	}
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	ar := arabicMessages(t)

	firstRunInArabic(t, ctx, base, "TN", "QA")
	run(browsertest.Offline(true), chromedp.Click(`#agencies-link`))
	waitJS(t, ctx, "the recruiter check", `document.body.dataset.screen === "agencies" && document.getElementById("agency-q")`)
	if got := js(`document.getElementById("agency-lists").textContent`); !strings.Contains(got, "Test list") || !strings.Contains(got, "2026") {
		t.Errorf("the lists on the phone are told as %q", got)
	}

	for _, c := range []struct{ typed, status, name string }{
		{"مكتب الامل", "licensed", "مكتب الأمل للتشغيل بالخارج"},         // أ typed as ا
		{"مكتب الآمل للتشغيل", "licensed", "مكتب الأمل للتشغيل بالخارج"}, // آ
		{"tn 2024 017", "licensed", "مكتب الأمل للتشغيل بالخارج"},        // the licence, spaced, in lower case
		{"TN–2024–020", "licensed", "مكتب الهدى"},                        // other dashes; an empty status is licensed
		{"الهدي", "licensed", "مكتب الهدى"},                              // ى typed as ي
		{"شركه النجمه", "withdrawn", "شركة النجمة للتوظيف"},              // ة typed as ه; revoked
		{"  SOCIETE   etoile ", "withdrawn", "Société Étoile Recrutement"},
		{"recrutement societe", "withdrawn", "Société Étoile Recrutement"}, // words in another order
	} {
		run(chromedp.SetValue(`#agency-q`, c.typed), chromedp.Click(`#agency-form button[type="submit"]`))
		waitJS(t, ctx, "the result of "+c.typed, `document.querySelector("#agency-results article")`)
		got := js(`(() => { const a = document.querySelector("#agency-results article"); return a.dataset.status + "|" + a.querySelector("h2").textContent + "|" + a.querySelector(".badge").textContent; })()`)
		if want := c.status + "|" + c.name + "|" + ar["agencies.status."+c.status]; got != want {
			t.Errorf("%q: the first result is %q, want %q", c.typed, got, want)
		}
	}

	// Unknown: not on the list we have, dated as the list is; the meaning
	// and what to do, and the question prefilled with the name.
	run(chromedp.SetValue(`#agency-q`, "Nowhere Recruiting"), chromedp.Click(`#agency-form button[type="submit"]`))
	waitJS(t, ctx, "the unknown agency", `document.querySelector('#agency-results article[data-status="missing"]')`)
	wantBadge := strings.ReplaceAll(ar["agencies.status.missing"], "{{.Date}}", "1 أكتوبر 2026")
	if got := js(`document.querySelector("#agency-results .badge").textContent`); got != wantBadge {
		t.Errorf("an unknown agency says %q, want %q", got, wantBadge)
	}
	if got := js(`document.querySelector("#agency-results article p").textContent`); got != ar["agencies.meaning.missing"] {
		t.Errorf("an unknown agency's meaning is %q", got)
	}
	if got := js(`document.getElementById("agency-contacts").getAttribute("href")`); got != "#/contacts" {
		t.Errorf("the contacts link goes to %q", got)
	}
	run(chromedp.Click(`#agency-ask`))
	waitJS(t, ctx, "the question", `document.body.dataset.screen === "ask" && document.getElementById("ask-text")`)
	if got, want := js(`document.getElementById("ask-text").value`), strings.ReplaceAll(ar["agencies.ask_text"], "{{.Name}}", "Nowhere Recruiting"); got != want {
		t.Errorf("the question starts %q, want %q", got, want)
	}
}
