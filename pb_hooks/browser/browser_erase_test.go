package browser

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// "Erase everything" offline: one tap wipes every store of the browser at
// once but the queued erase (the worker's token alone), the screen shows
// nothing of the worker; the server's erase goes at the next start of the
// app once a connection is back (the service worker is gone by then), and
// only once however often the app is opened again.
func TestBrowserEraseOffline(t *testing.T) {
	app := testapp.NewWithContent(t)
	network := gateServer(app)
	var erases atomic.Int32
	countRequests(app, http.MethodDelete, "/api/amem/workers/me", &erases)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	ar := arabicMessages(t)

	firstRunInArabic(t, ctx, base, "MA", "QA")
	waitJS(t, ctx, "the service worker to control the page", `navigator.serviceWorker.controller !== null`)
	waitJS(t, ctx, "the guides for the worker's countries", `document.getElementById("for-you")`)
	run(chromedp.Click(`a[data-tab="ask"]`), chromedp.WaitVisible(`#ask-text`),
		chromedp.SendKeys(`#ask-text`, "هل يحق لي عطلة سنوية؟"), chromedp.Click(`#ask-send`), chromedp.WaitVisible(`#recovery-code`))
	clientID := js(`document.getElementById("thread").dataset.id`)
	worker := theQuestion(t, app, clientID).GetString("worker")
	token := js(`import("/static/js/db.js").then(db => db.getMeta("worker")).then(w => w.token)`)
	run(chromedp.Evaluate[chromedp.Void](`sessionStorage.setItem("amem.test", "1")`))

	// No connection: erasing works at once.
	network.down.Store(true)
	run(browsertest.Offline(true))
	run(chromedp.Click(`a[data-tab="settings"]`), chromedp.WaitVisible(`#erase`), chromedp.Click(`#erase`), chromedp.WaitVisible(`#erase-confirm`))
	if got := js(`document.querySelector(".erase .notice").textContent`); got != ar["account.erase_warning"] || !strings.Contains(got, "صور") {
		t.Errorf("the warning reads %q, want %q (photos named)", got, ar["account.erase_warning"])
	}
	run(chromedp.Click(`#erase-confirm`), chromedp.WaitVisible(`#erased`))
	fitsThePhone(t, ctx, "the erased screen")
	fullScreenshot(t, ctx, "erased-ar.png")
	if got := js(`document.querySelector("#erased h1").textContent`); got != ar["account.erased"] {
		t.Errorf("after erasing the screen says %q", got)
	}
	for _, gone := range []string{ar["home.for_you"], ar["country.MA"], ar["country.QA"], ar["phase.at_work"], "هل يحق لي"} {
		if strings.Contains(js(`document.body.textContent`), gone) {
			t.Errorf("after erasing the page still shows %q", gone)
		}
	}
	// Nothing is left in any store but the one queued token.
	if got := js(`(async () => {
		const dbs = (await indexedDB.databases()).map(d => d.name).sort().join(",");
		const queued = await new Promise(ok => { const r = indexedDB.open("amem-erase"); r.onsuccess = () => {
			const all = r.result.transaction("tokens").objectStore("tokens").getAll(); all.onsuccess = () => { r.result.close(); ok(JSON.stringify(all.result)) } } });
		return [dbs, queued, (await caches.keys()).join(","), localStorage.length, sessionStorage.length,
			(await navigator.serviceWorker.getRegistrations()).length].join(" | ");
	})()`); got != "amem-erase | ["+jsonString(token)+"] |  | 0 | 0 | 0" {
		t.Errorf("after erasing offline (databases | queued | caches | local | session | service workers) = %q", got)
	}
	if _, err := app.FindRecordById("workers", worker); err != nil || erases.Load() != 0 {
		t.Fatalf("offline, the server erased already (worker: %v, erase requests: %d)", err, erases.Load())
	}

	// Back online, the server still out of reach: the token stays queued.
	run(browsertest.Offline(false))
	time.Sleep(500 * time.Millisecond) // let the page's try fail
	if got := js(`indexedDB.databases().then(d => d.map(d => d.name).join(","))`); got != "amem-erase" {
		t.Errorf("after a failed try the databases are %q, want the queue kept", got)
	}

	// The next start of the app sends it, once, even after more starts.
	network.down.Store(false)
	run(chromedp.Navigate(base + "/"))
	if !testapp.Eventually(func() bool { _, err := app.FindRecordById("workers", worker); return err != nil }) {
		t.Fatal("the worker is still on the server after the app started again online")
	}
	waitJS(t, ctx, "the queue gone", `indexedDB.databases().then(d => !d.some(d => d.name === "amem-erase"))`)
	for range 2 {
		run(chromedp.Reload(), chromedp.WaitVisible(`button[data-lang="ar"]`))
	}
	if got := js(`indexedDB.databases().then(d => d.map(d => d.name).join(","))`); got != "amem" {
		t.Errorf("after more starts the databases are %q, want the app's alone (no empty queue made again)", got)
	}
	if n := erases.Load(); n != 1 {
		t.Errorf("the server got %d erase requests, want 1", n)
	}
	if n := countQuestions(t, app, clientID); n != 0 {
		t.Errorf("%d questions left on the server", n)
	}
}

// An old phone forgets: after the recovery code was used on another phone,
// the old one wipes the worker's threads at its next contact with the
// server and says why; a server error before that wipes nothing.
func TestBrowserOldPhoneForgets(t *testing.T) {
	app := testapp.NewWithContent(t)
	var failing atomic.Bool
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(func(e *core.RequestEvent) error {
			if failing.Load() && strings.HasPrefix(e.Request.URL.Path, "/api/collections/") {
				return e.Error(http.StatusServiceUnavailable, "down for maintenance", nil)
			}
			return e.Next()
		})
		return se.Next()
	})
	base := testapp.StartServer(t, app)
	ar := arabicMessages(t)

	oldPhone := browsertest.New(t)
	old := browsertest.Tab{T: t, Ctx: oldPhone}
	firstRunInArabic(t, oldPhone, base, "TN", "")
	old.Run(chromedp.Click(`a[data-tab="ask"]`), chromedp.WaitVisible(`#ask-text`),
		chromedp.SendKeys(`#ask-text`, "هل يحق لي عطلة سنوية؟"), chromedp.Click(`#ask-send`), chromedp.WaitVisible(`#recovery-code`))
	clientID := old.JS(`document.getElementById("thread").dataset.id`)
	code := old.JS(`document.getElementById("recovery-code").textContent`)
	old.Run(chromedp.Click(`#code-written`), chromedp.Click(`a[data-tab="ask"]`))
	row := `#questions li[data-id="` + clientID + `"]`
	waitJS(t, oldPhone, "the question in My questions", `document.querySelector('`+row+`')`)
	kept := `import("/static/js/db.js").then(db => Promise.all([db.all("mine"), db.getMeta("worker")])).then(([m, w]) => m.length + " " + !!w)`

	// A server error is not a sign-out.
	failing.Store(true)
	old.Run(chromedp.Evaluate[chromedp.Void](`import("/static/js/questions.js").then(q => q.refresh())`, chromedp.EvalAwaitPromise))
	if got := old.JS(kept); got != "1 true" {
		t.Fatalf("after a 503 the old phone keeps (questions, account) %q, want 1 true", got)
	}
	failing.Store(false)

	// The new phone recovers the questions.
	newPhone := browsertest.New(t)
	firstRunInArabic(t, newPhone, base, "TN", "")
	browsertest.Run(t, newPhone, 20*time.Second, chromedp.Click(`a[data-tab="settings"]`), chromedp.WaitVisible(`#recover-code`),
		chromedp.SendKeys(`#recover-code`, code), chromedp.Click(`#recover-submit`))
	waitJS(t, newPhone, "the question on the new phone", `document.querySelector('#questions li[data-id="`+clientID+`"]')`)

	// The old phone's next contact (coming back online): it forgets, and says why.
	old.Run(chromedp.Evaluate[chromedp.Void](`dispatchEvent(new Event("online"))`))
	waitJS(t, oldPhone, "the reason shown", `document.querySelector("#signed-out p")?.textContent === `+jsString(ar["account.signed_out"]))
	if got := old.JS(kept); got != "0 false" {
		t.Errorf("the signed-out phone keeps (questions, account) %q, want 0 false", got)
	}
	waitJS(t, oldPhone, "the thread gone from the screen", `!document.querySelector('`+row+`')`)
	fitsThePhone(t, oldPhone, "the sign-out note")
	fullScreenshot(t, oldPhone, "signed-out-ar.png")
	// Read, the note goes, and stays gone after a reload.
	old.Run(chromedp.Click(`#signed-out-ok`), chromedp.WaitNotPresent(`#signed-out`), chromedp.Reload())
	waitJS(t, oldPhone, "the app again", `document.body.dataset.screen`)
	if got := old.JS(`String(!!document.getElementById("signed-out"))`); got != "false" {
		t.Error("the sign-out note came back after it was read")
	}
	// The new phone still has everything.
	if got := browsertest.Eval[string](t, newPhone, kept); got != "1 true" {
		t.Errorf("the new phone keeps (questions, account) %q, want 1 true", got)
	}
}

// countRequests counts the requests to method and path that reach the app.
func countRequests(app core.App, method, path string, n *atomic.Int32) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(func(e *core.RequestEvent) error {
			if e.Request.Method == method && e.Request.URL.Path == path {
				n.Add(1)
			}
			return e.Next()
		})
		return se.Next()
	})
}

// jsonString is s as JSON writes it (the tokens have no quotes or escapes).
func jsonString(s string) string { return `"` + s + `"` }
