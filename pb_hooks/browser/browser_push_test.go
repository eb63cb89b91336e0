package browser

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"amem/internal/browsertest"
	"amem/internal/push"
	"amem/internal/push/pushtest"
	"amem/pb_hooks/testapp"
)

// Web Push in the worker's app, in a real Chromium: the offer comes only
// with a question that went out, and a click on it asks for the permission
// and subscribes this browser on the server (the browser's push manager is
// given a subscription of the local fake push service: see stubPushManager). The service worker shows a pushed notification with the server's
// title, body and tag and a link inside AMEM, and a generic one for a
// payload it cannot read.
func TestBrowserPush(t *testing.T) {
	t.Setenv(push.AllowLoopbackEnv, "1") // the fake push service listens on 127.0.0.1
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	ar := arabicMessages(t)

	// The service worker's registrations, as DevTools reports them.
	var mu sync.Mutex
	var registrations []*serviceworker.Registration
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*serviceworker.EventWorkerRegistrationUpdated); ok {
			mu.Lock()
			registrations = append(registrations, e.Registrations...)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}

	workerID := askAndGrantPush(t, ctx, app, base)
	service := pushtest.NewServer(t)
	fake := service.Subscribe()
	stubPushManager(t, ctx, fake)
	run(chromedp.Click(`#push-offer-button`))
	waitJS(t, ctx, "the outcome of the click", `document.querySelector("#push-offer p")`)
	if outcome := js(`document.querySelector("#push-offer p").textContent`); outcome != ar["notify.on"] {
		t.Fatalf("after the click the offer says %q, want %q", outcome, ar["notify.on"])
	}
	subs, err := app.FindAllRecords("push_subscriptions", dbx.HashExp{"worker": workerID})
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].GetString("endpoint") != fake.Endpoint || subs[0].GetString("lang") != "ar" {
		t.Fatalf("after the click, the server has %d subscriptions (%v), want this browser's, of worker %s in ar", len(subs), subs, workerID)
	}
	// Answered once, it is not offered again.
	run(chromedp.Evaluate[chromedp.Void](`location.hash = "#/questions"`), chromedp.WaitVisible(`#questions`),
		chromedp.Evaluate[chromedp.Void](`location.hash = "#/q/" + document.querySelector("#questions li").dataset.id`),
		chromedp.WaitVisible(`#thread`))
	time.Sleep(300 * time.Millisecond)
	if js(`String(!!document.getElementById("push-offer-button"))`) != "false" {
		t.Error("the offer came back after the worker answered it")
	}

	// Settings: the switch is there, and on only when subscribed.
	run(chromedp.Evaluate[chromedp.Void](`location.hash = "#/settings"`))
	waitJS(t, ctx, "the notifications switch", `document.getElementById("push-on")`)
	if got := js(`String(document.getElementById("push-on").checked)`); got != "true" {
		t.Errorf("the settings' switch is checked=%s, want true (subscribed)", got)
	}

	// A push to the service worker.
	if _, err := chromedp.Call(ctx, serviceworker.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	var regID serviceworker.RegistrationID
	deadline := time.Now().Add(10 * time.Second)
	for regID == "" && time.Now().Before(deadline) {
		mu.Lock()
		for _, r := range registrations {
			if !r.IsDeleted && strings.TrimSuffix(r.ScopeURL, "/") == base {
				regID = r.RegistrationID
			}
		}
		mu.Unlock()
		time.Sleep(50 * time.Millisecond)
	}
	if regID == "" {
		t.Fatal("no service worker registration reported for " + base)
	}
	deliver := func(data string) {
		t.Helper()
		if _, err := chromedp.Call(ctx, serviceworker.DeliverPushMessage, serviceworker.DeliverPushMessageParams{
			Origin: base, RegistrationID: regID, Data: data,
		}); err != nil {
			t.Fatal(err)
		}
	}
	payload, _ := json.Marshal(map[string]string{
		"kind": "answer", "title": ar["push.answer.title"], "body": ar["push.answer.body"], "url": "/#/questions/abc123", "tag": "answer-abc123",
	})
	deliver(string(payload))
	type notification struct{ Title, Body, Tag, URL, Icon string }
	// waitNotification waits until the service worker shows a notification
	// that ok accepts (Chromium lists them after a moment).
	waitNotification := func(what string, ok func(notification) bool) notification {
		t.Helper()
		var notes []notification
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			list := js(`navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => JSON.stringify(ns.map(n => ({title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url, icon: n.icon}))))`)
			if err := json.Unmarshal([]byte(list), &notes); err != nil {
				t.Fatal(err)
			}
			for _, n := range notes {
				if ok(n) {
					return n
				}
			}
		}
		t.Fatalf("no notification for %s among %+v", what, notes)
		return notification{}
	}
	n := waitNotification("the answer", func(n notification) bool { return n.Tag == "answer-abc123" })
	if n.Title != ar["push.answer.title"] || n.Body != ar["push.answer.body"] || n.URL != base+"/#/questions/abc123" {
		t.Errorf("the notification is %+v", n)
	}
	if !strings.Contains(n.Icon, "/static/icons/icon-192") {
		t.Errorf("the notification's icon is %q, want the 192 px app icon", n.Icon)
	}

	// A payload it cannot read, and one that links out of AMEM: a generic
	// notification, and links that stay in AMEM.
	deliver("not json")
	waitNotification("a payload that is not JSON", func(n notification) bool {
		return n.Tag == "" && (n.Title == "AMEM" || n.Title == ar["app.name"]) && n.URL == base+"/"
	})
	deliver(`{"kind":"alert","title":"T","body":"B","url":"https://example.com/x","tag":"alert-x"}`)
	if n := waitNotification("a link out of AMEM", func(n notification) bool { return n.Tag == "alert-x" }); n.URL != base+"/" {
		t.Errorf("a link out of AMEM became %q, want %q", n.URL, base+"/")
	}
}

// countSubscriptions counts a worker's push subscriptions on the server.
func countSubscriptions(t *testing.T, app *tests.TestApp, workerID string) int {
	t.Helper()
	n, err := app.CountRecords("push_subscriptions", dbx.HashExp{"worker": workerID})
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// askAndGrantPush goes through the first run in Arabic, sends a question,
// checks that notifications are offered only then, and grants the
// notification permission (DevTools stands in for the worker's answer to
// the prompt). It returns the worker's id.
func askAndGrantPush(t *testing.T, ctx context.Context, app *tests.TestApp, base string) string {
	t.Helper()
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	ar := arabicMessages(t)
	firstRunInArabic(t, ctx, base, "TN", "QA")
	waitJS(t, ctx, "the service worker to control the page", `navigator.serviceWorker.controller !== null`)
	if got := js(`Notification.permission`); got != "default" {
		t.Fatalf("the permission is %q before anything was asked", got)
	}
	if js(`String(!!document.getElementById("push-offer-button"))`) != "false" {
		t.Fatal("notifications are offered on first load")
	}

	// A question goes out: the offer comes with it.
	run(chromedp.Click(`a[data-tab="ask"]`), chromedp.WaitVisible(`#ask-text`),
		chromedp.SendKeys(`#ask-text`, "هل يحق لي أن أحصل على عطلة أسبوعية؟"), chromedp.Click(`#ask-send`))
	waitJS(t, ctx, "the question sent", `document.querySelector('#thread[data-state="assigned"], #thread[data-state="new"]')`)
	waitJS(t, ctx, "the offer of notifications", `document.getElementById("push-offer-button")`)
	if got := js(`document.getElementById("push-offer-button").textContent`); got != ar["notify.offer"] {
		t.Errorf("the offer says %q, want %q", got, ar["notify.offer"])
	}
	workerID := js(`import("/static/js/db.js").then(db => db.getMeta("worker")).then(w => w.id)`)
	if n := countSubscriptions(t, app, workerID); n != 0 {
		t.Fatalf("%d push subscriptions before the worker clicked", n)
	}

	if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: "notifications"}, Setting: browser.PermissionSettingGranted, Origin: base,
	}); err != nil {
		t.Fatal(err)
	}
	return workerID
}

// TestBrowserPushWhenTheBrowserCannotSubscribe: a browser without a push
// service says so once, and nothing is stored on the server.
func TestBrowserPushWhenTheBrowserCannotSubscribe(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	workerID := askAndGrantPush(t, ctx, app, base)

	stubPushManager(t, ctx, pushtest.Subscription{}) // subscribe fails
	browsertest.Tab{T: t, Ctx: ctx}.Run(chromedp.Click(`#push-offer-button`))
	waitJS(t, ctx, "the outcome of the click", `document.querySelector("#push-offer p")`)
	if outcome, want := js(`document.querySelector("#push-offer p").textContent`), arabicMessages(t)["notify.failed"]; outcome != want {
		t.Fatalf("after the click the offer says %q, want %q", outcome, want)
	}
	if n := countSubscriptions(t, app, workerID); n != 0 {
		t.Errorf("%d push subscriptions after a failed subscribe", n)
	}
}
