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
