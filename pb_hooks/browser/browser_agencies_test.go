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
	fullScreenshot(t, ctx, "home-ar.png")
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
	fullScreenshot(t, ctx, "agencies-missing-ar.png")
	if got := js(`document.getElementById("agency-contacts").getAttribute("href")`); got != "#/contacts" {
		t.Errorf("the contacts link goes to %q", got)
	}
	run(chromedp.Click(`#agency-ask`))
	waitJS(t, ctx, "the question", `document.body.dataset.screen === "ask" && document.getElementById("ask-text")`)
	if got, want := js(`document.getElementById("ask-text").value`), strings.ReplaceAll(ar["agencies.ask_text"], "{{.Name}}", "Nowhere Recruiting"); got != want {
		t.Errorf("the question starts %q, want %q", got, want)
	}
}

// TestBrowserReportAnAgency: from the recruiter check, offline, a worker
// reports the agency found (what happened, the fees asked); it leaves like
// a question once online, as a report naming the agency, and reaches the
// union's counsellors as a case that says so.
func TestBrowserReportAnAgency(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.NewWithContent(t)
	rows, err := library.ReadAgencies(strings.NewReader(testAgencies), "test.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := library.ImportAgencies(app, "TN", "Test list", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), rows, true); err != nil {
		t.Fatal(err)
	}
	agency, err := app.FindFirstRecordByData("agencies", "licence", "TN-2024-017")
	if err != nil {
		t.Fatal(err)
	}
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	ar := arabicMessages(t)

	firstRunInArabic(t, ctx, base, "TN", "QA")
	run(browsertest.Offline(true), chromedp.Click(`#agencies-link`), chromedp.WaitVisible(`#agency-q`),
		chromedp.SetValue(`#agency-q`, "مكتب الامل"), chromedp.Click(`#agency-form button[type="submit"]`), chromedp.WaitVisible(`#agency-report`),
		chromedp.Click(`#agency-report`))
	waitJS(t, ctx, "the report", `document.body.dataset.screen === "report" && document.getElementById("report-agency")`)
	if got := js(`document.querySelector("h1").textContent + "|" + document.getElementById("report-agency").value`); got != ar["report.title"]+"|"+agency.Id {
		t.Errorf("the report screen (title|agency) is %q, want the agency found", got)
	}
	fullScreenshot(t, ctx, "report-ar.png")
	const what = "طلبوا مني 2000 دينار ولم يعطوني عقدًا"
	run(chromedp.SendKeys(`#ask-text`, what), chromedp.SendKeys(`#report-fees`, "2000 دينار"), chromedp.Click(`#ask-send`))
	waitJS(t, ctx, "the report waiting to be sent", `document.querySelector('#thread[data-state="waiting"]')`)
	clientID := js(`document.getElementById("thread").dataset.id`)
	if n := countQuestions(t, app, clientID); n != 0 {
		t.Fatalf("%d reports reached the server while offline", n)
	}
	// The worker sees it as their report, naming the agency and the fees.
	if got, want := js(`document.querySelector("#thread h1").textContent + "|" + document.getElementById("thread-report")?.textContent`),
		ar["report.yours"]+"|"+ar["report.agency_named"]+" مكتب الأمل للتشغيل بالخارج · \u2068TN-2024-017\u2069"+ar["report.fees_asked"]+" 2000 دينار"; got != want {
		t.Errorf("the waiting report's thread reads %q, want %q", got, want)
	}

	run(browsertest.Offline(false))
	waitJS(t, ctx, "the report sent", `import("/static/js/db.js").then(db => db.all("outbox")).then(a => a.length === 0)`)
	q := theQuestion(t, app, clientID)
	for field, want := range map[string]string{"kind": "report", "agency": agency.Id, "fees": "2000 دينار", "text": what, "country": "TN",
		"topic": "recruitment", "organisation": f.IDs["orgA"]} {
		if got := q.GetString(field); got != want {
			t.Errorf("the report's %s = %q, want %q", field, got, want)
		}
	}
	// Once sent, "My questions" still marks it as a report (from the server's record).
	run(chromedp.Navigate(base + "/#/questions"))
	waitJS(t, ctx, "the report in My questions", `document.querySelector('#questions li[data-id="`+clientID+`"][data-state="assigned"]')`)
	if got := js(`document.querySelector('#questions li[data-id="` + clientID + `"]').dataset.kind + "|" + document.querySelector('#questions li[data-id="` + clientID + `"] .badge').textContent`); got != "report|"+ar["report.mark"] {
		t.Errorf("My questions shows the report as %q, want it marked", got)
	}

	// A coordinator of Union A sees it as a report, with the agency and the fees.
	inbox, cancel := chromedp.NewContext(ctx)
	defer cancel()
	if err := chromedp.Do(inbox); err != nil {
		t.Fatal(err)
	}
	browsertest.Run(t, inbox, 20*time.Second, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/inbox/"))
	signInToInbox(t, inbox, app, base, "coordA@example.org")
	browsertest.Run(t, inbox, 20*time.Second, chromedp.Navigate(base+"/inbox/#/org/"+q.Id))
	waitJS(t, inbox, "the report in the inbox", `document.querySelector('#thread[data-id="`+q.Id+`"]')?.dataset.state === "ready" && document.getElementById("thread-report")`)
	if got := browsertest.Eval[string](t, inbox, `document.getElementById("thread").textContent`); !strings.Contains(got, "مكتب الأمل للتشغيل بالخارج · TN-2024-017") || !strings.Contains(got, "2000 دينار") {
		t.Errorf("the report's thread does not show the agency and the fees: %q", got)
	}
}
