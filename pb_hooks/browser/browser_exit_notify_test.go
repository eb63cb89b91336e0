package browser

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// Quick exit from the notification entry paths, as web/sw.js's
// notificationclick takes them: a new window on /#/questions/<id> when the
// app is closed, or, when it is open, the service worker navigates the
// app's window (client.navigate) there. After the exit, Back never brings
// AMEM back.
func TestBrowserQuickExitFromANotification(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	firstRunInArabic(t, ctx, base, "TN", "")
	tab.Run(chromedp.Click(`a[data-tab="ask"]`), chromedp.WaitVisible(`#ask-text`),
		chromedp.SendKeys(`#ask-text`, "لم أتقاض أجري منذ شهرين."), chromedp.Click(`#ask-send`))
	waitJS(t, ctx, "the question sent", `document.querySelector('#thread[data-state="assigned"]')`)
	url := base + "/#/questions/" + theQuestion(t, app, tab.JS(`document.getElementById("thread").dataset.id`)).Id
	waitJS(t, ctx, "the service worker to control the page", `navigator.serviceWorker.controller !== null`)

	backNeverShowsAMEM := func(how string, ctx context.Context) {
		t.Helper()
		waitJS(t, ctx, "the thread opened by "+how, `document.getElementById("thread")`)
		browsertest.Run(t, ctx, 10*time.Second, chromedp.Click(`#exit`))
		waitJS(t, ctx, "the calculator after "+how, `document.getElementById("calc")`)
		for i := 1; i <= 3; i++ {
			c, cancel := context.WithTimeout(ctx, 5*time.Second)
			_, _ = chromedp.Run(c, chromedp.NavigateBack()) // at the first entry there is no Back: the calculator stays
			cancel()
			time.Sleep(700 * time.Millisecond)
			got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " app=" + !!document.getElementById("app") + " thread=" + !!document.getElementById("thread") + " article=" + !!document.querySelector("article")`))
			if !strings.HasSuffix(got, "app=false thread=false article=false") {
				t.Errorf("%s, Back %d after a quick exit: %s, want no AMEM content", how, i, got)
			}
		}
	}

	// The app is closed: the notification's click opens a new window on the
	// thread (clients.openWindow, which only a real click may call; a new
	// tab opened on the same address is the same entry path).
	opened, cancel := chromedp.NewContext(ctx)
	defer cancel()
	if err := chromedp.Do(opened); err != nil { // no time limit on a tab's first run: it would close the tab
		t.Fatal(err)
	}
	browsertest.Run(t, opened, 20*time.Second, chromedp.Navigate(url))
	backNeverShowsAMEM("clients.openWindow", opened)
	cancel()
	// The way back from the calculator (C three times) opens the app again.
	tab.Run(chromedp.Navigate(base + "/calc"))
	browsertest.Eval[bool](t, ctx, `(document.cookie = "exit=; path=/; max-age=0", caches.delete("amem-exit").then(() => true))`)
	tab.Run(chromedp.Navigate(base + "/"))
	waitJS(t, ctx, "the app again", `document.body.dataset.screen === "home"`)

	// The app is open on a guide; the notification's click navigates it.
	tab.Run(chromedp.Evaluate[chromedp.Void](`location.replace("#/g/fair-recruitment-no-fees")`))
	waitJS(t, ctx, "the guide", `document.body.dataset.screen === "g"`)
	inServiceWorker(t, ctx, fmt.Sprintf(`clients.matchAll({type: "window"}).then(ws => ws[0].navigate(%s)).then(() => "")`, jsString(url)))
	backNeverShowsAMEM("client.navigate", ctx)

}

// inServiceWorker evaluates expr (a promise) in the page's service worker,
// as its own event handlers run.
func inServiceWorker(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	targets, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, info := range targets {
		if info.Type != "service_worker" {
			continue
		}
		sw, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(info.TargetID))
		defer cancel()
		yes := true
		res, err := chromedp.Call(sw, runtime.Evaluate, runtime.EvaluateParams{Expression: expr, AwaitPromise: &yes})
		if err == nil && res.ExceptionDetails != nil {
			err = fmt.Errorf("%s %v", res.ExceptionDetails.Text, res.ExceptionDetails.Exception)
		}
		if err != nil {
			t.Fatalf("in the service worker: %v", err)
		}
		return
	}
	t.Fatal("no service worker")
}
