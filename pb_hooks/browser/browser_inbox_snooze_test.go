package browser

import (
	"testing"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// TestBrowserInboxSnoozesACase: a counsellor puts a case aside until
// tomorrow; it leaves the active list and is found among the snoozed, and
// waking it brings it back.
func TestBrowserInboxSnoozesACase(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	run(chromedp.EmulateViewport(1366, 860))
	signInToInbox(t, ctx, app, base, "cA@example.org")
	item := `#queue li[data-id="` + f.IDs["q1"] + `"]`
	openCase(t, ctx, base, f.IDs["q1"])

	run(chromedp.Click(`#snooze`))
	waitJS(t, ctx, "the snooze dialog", `document.getElementById("snooze-dialog")?.open && document.getElementById("snooze-until").value !== ""`)
	run(chromedp.Click(`#snooze-yes`))
	waitJS(t, ctx, "the case put aside", `document.getElementById("snoozed-banner") && !document.querySelector('`+item+`')`)
	if q := testapp.Record(t, app, "questions", "q1"); q.GetDateTime("snoozed_until").IsZero() {
		t.Fatal("the server does not have it snoozed")
	}

	run(chromedp.Navigate(base + "/inbox/#/mine?status=snoozed"))
	waitJS(t, ctx, "the case among the snoozed", `document.getElementById("queue").dataset.view?.includes("status=snoozed") && document.querySelector('`+item+` .pill-snoozed')`)

	run(chromedp.Navigate(base+"/inbox/#/mine/"+f.IDs["q1"]), chromedp.WaitVisible(`#snoozed-banner`), chromedp.Click(`#snooze`))
	waitJS(t, ctx, "the case woken", `!document.getElementById("snoozed-banner") && document.getElementById("thread").dataset.state === "ready"`)
	if q := testapp.Record(t, app, "questions", "q1"); !q.GetDateTime("snoozed_until").IsZero() {
		t.Error("the server still has it snoozed")
	}
}
