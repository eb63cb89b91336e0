package browser

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// TestBrowserInboxAlerts: a coordinator publishes an alert for a country of
// the union and a language from the inbox; it is in the workers' sync; a
// withdrawal unpublishes it. A counsellor who is not a coordinator has no
// alerts screen, and the inbox links coordinators to the statistics.
func TestBrowserInboxAlerts(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS

	run(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/inbox/"))
	signInToInbox(t, ctx, app, base, "coordA@example.org")
	if got := js(`document.getElementById("nav-stats")?.getAttribute("href") || "none"`); got != "/stats/" {
		t.Errorf("the coordinator's link to the statistics is %q", got)
	}
	run(chromedp.Click(`#nav-alerts`))
	waitJS(t, ctx, "the alerts", `document.getElementById("alerts-list")?.dataset.state === "loaded"`)
	if got := js(`[...document.querySelectorAll("#alert-country option")].map((o) => o.value).join()`); got != "TN" {
		t.Errorf("the alert's countries are %q, want Union A's (TN)", got)
	}
	const title = "تحذير: مكتب توظيف وهمي"
	run(chromedp.SendKeys(`#alert-title`, title), chromedp.SendKeys(`#alert-body`, "لا تدفعوا أي رسوم لمن يعدكم بعمل عبر الهاتف."),
		chromedp.SetValue(`#alert-lang`, "ar"), chromedp.Click(`#alert-publish`))
	waitJS(t, ctx, "the published alert", `[...document.querySelectorAll('#alerts-list li[data-published="true"] h3')].some((e) => e.textContent === `+jsString(title)+`)`)
	alert, err := app.FindFirstRecordByData("alerts", "title", title)
	if err != nil {
		t.Fatal(err)
	}
	if !alert.GetBool("published") || alert.GetString("organisation") != f.IDs["orgA"] || alert.GetString("country") != "TN" || alert.GetString("lang") != "ar" {
		t.Errorf("the alert on the server: published %v, organisation %s, %s, %s", alert.GetBool("published"), alert.GetString("organisation"), alert.GetString("country"), alert.GetString("lang"))
	}
	res, err := http.Get(base + "/api/amem/sync?lang=ar")
	if err != nil {
		t.Fatal(err)
	}
	body := testapp.ReadAll(t, res)
	if !strings.Contains(body, title) {
		t.Error("the published alert is not in the workers' sync")
	}

	// A correction: the coordinator edits the published alert in place (the
	// same record, no second alert), and the sync carries the new title.
	const corrected = "تحذير: مكتب توظيف وهمي في صفاقس"
	before, _ := app.CountRecords("alerts")
	run(chromedp.Click(`#alerts-list li[data-id="`+alert.Id+`"] .alert-edit`), chromedp.WaitVisible(`#alert-cancel`))
	if got := js(`document.getElementById("alert-title").value + "|" + document.getElementById("alert-lang").value`); got != title+"|ar" {
		t.Errorf("the form to edit the alert holds %q", got)
	}
	js(`document.getElementById("alert-title").value = ""`)
	run(chromedp.SendKeys(`#alert-title`, corrected), chromedp.Click(`#alert-publish`))
	waitJS(t, ctx, "the corrected alert", `document.querySelector('#alerts-list li[data-id="`+alert.Id+`"] h3')?.textContent === `+jsString(corrected))
	if n, _ := app.CountRecords("alerts"); n != before {
		t.Errorf("%d alerts after the correction, want %d (the one edited)", n, before)
	}
	if a, _ := app.FindRecordById("alerts", alert.Id); a.GetString("title") != corrected || !a.GetBool("published") {
		t.Errorf("the corrected alert on the server: %q, published %v", a.GetString("title"), a.GetBool("published"))
	}
	res, err = http.Get(base + "/api/amem/sync?lang=ar")
	if err != nil {
		t.Fatal(err)
	}
	if body := testapp.ReadAll(t, res); !strings.Contains(body, corrected) {
		t.Error("the corrected alert is not in the workers' sync")
	}
	if got := js(`document.getElementById("alert-form-heading").textContent + "|" + document.getElementById("alert-cancel").hidden`); got != messagesIn(t, js(`document.documentElement.lang`))["inbox.alerts.new"]+"|true" {
		t.Errorf("after saving, the form is %q, want back to a new alert", got)
	}

	run(chromedp.Click(`#alerts-list li[data-id="` + alert.Id + `"] button`))
	waitJS(t, ctx, "the withdrawn alert", `document.querySelector('#alerts-list li[data-id="`+alert.Id+`"]')?.dataset.published === "false"`)
	if a, _ := app.FindRecordById("alerts", alert.Id); a.GetBool("published") {
		t.Error("the withdrawn alert is still published")
	}

	// A counsellor: no alerts, no statistics link; #/alerts is the queue.
	app2 := testapp.New(t)
	base2 := testapp.StartServer(t, app2)
	browsertest.Run(t, ctx, 20*time.Second, chromedp.Navigate(base2+"/inbox/"))
	signInToInbox(t, ctx, app2, base2, "cA@example.org")
	run(chromedp.Navigate(base2 + "/inbox/#/alerts"))
	waitJS(t, ctx, "the queue", `document.body.dataset.view === "queue"`)
	if got := js(`String(!!document.getElementById("nav-alerts") || !!document.getElementById("nav-stats") || !!document.getElementById("alerts-screen"))`); got != "false" {
		t.Error("a counsellor who is not a coordinator sees the alerts or the statistics link")
	}
}
