package browser

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// Quick exit from every entry path: a shared guide link opened in the app,
// then a notification's link (the service worker's client.navigate is a new
// history entry, as the navigation here), then the exit: Back, again and
// again, reaches only the calculator, offline too, and the next open is
// the calculator until its way back (C three times).
func TestBrowserQuickExit(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	run, js := tab.Run, tab.JS
	const slug = "fair-recruitment-no-fees"

	// The shared link's page has its own Quick exit, a plain link.
	run(chromedp.Navigate(base+"/g/en/"+slug), chromedp.WaitVisible(`#open-app`))
	if got := js(`document.querySelector("a#exit").getAttribute("href")`); got != "/calc?exit" {
		t.Errorf("the guide page's Quick exit links to %q", got)
	}
	run(chromedp.Click(`#open-app`), chromedp.WaitVisible(`button[data-lang="en"]`),
		chromedp.Click(`button[data-lang="en"]`), chromedp.WaitVisible(`#profile`),
		chromedp.Click(`input[name="phase"][value="at_work"]`), chromedp.Click(`#save`))
	waitJS(t, ctx, "the guide in the app", `document.body.dataset.screen === "g"`)
	waitJS(t, ctx, "the service worker to control the page", `navigator.serviceWorker.controller !== null`)
	// A notification's link.
	run(chromedp.Navigate(base+"/#/settings"), chromedp.WaitVisible(`#exit-back`))

	run(chromedp.Click(`#exit`))
	waitLocation(t, ctx, func(url string) bool { return url == base+"/calc" })
	waitJS(t, ctx, "the calculator", `document.getElementById("calc")`)
	// Back past the app's first entry (the guide page) and on to the start.
	for i := 1; i <= 3; i++ {
		run(chromedp.NavigateBack())
		time.Sleep(700 * time.Millisecond)
		if got := js(`location.href + " app=" + !!document.getElementById("app") + " article=" + !!document.querySelector("article") + ""`); !strings.HasSuffix(got, "app=false article=false") {
			t.Errorf("Back %d after a quick exit: %s, want no AMEM content", i, got)
		}
	}

	// Offline, the next open of the app and of the shared link is the
	// calculator, from the service worker.
	run(browsertest.Offline(true))
	for _, path := range []string{"/", "/g/en/" + slug} {
		run(chromedp.Navigate(base + path))
		waitJS(t, ctx, "the calculator offline at "+path, `document.getElementById("calc") && !document.getElementById("app")`)
	}
	if got := js(`document.title + "|" + document.body.innerText`); strings.Contains(strings.ToLower(got), "amem") {
		t.Errorf("the neutral page names AMEM: %q", got)
	}
	// It calculates, and C three times opens the app again.
	for _, k := range []string{"7", "×", "6", "="} {
		run(chromedp.Click(`button[data-key="` + k + `"]`))
	}
	if got := js(`document.getElementById("screen").textContent`); got != "42" {
		t.Errorf("7 × 6 = %q", got)
	}
	for i := 0; i < 3; i++ {
		run(chromedp.Click(`button[data-key="C"]`))
	}
	waitJS(t, ctx, "the app after the way back", `document.body.dataset.screen === "home"`)
	run(browsertest.Offline(false))
}

// The script-free guide page's Quick exit, for a reader who never opened
// the app: Back shows the calculator, not the guide.
func TestBrowserQuickExitFromGuidePage(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	run, js := tab.Run, tab.JS
	run(chromedp.Navigate(base + "/g/en/fair-recruitment-no-fees"))
	waitJS(t, ctx, "the guide page", `document.querySelector("article")`)
	run(chromedp.Evaluate[chromedp.Void](`document.getElementById("exit").click()`))
	waitJS(t, ctx, "the calculator", `document.getElementById("calc")`)
	run(chromedp.NavigateBack())
	time.Sleep(700 * time.Millisecond)
	if got := js(`location.pathname + " article=" + !!document.querySelector("article") + " calc=" + !!document.getElementById("calc")`); !strings.HasSuffix(got, "article=false calc=true") {
		t.Errorf("Back after the guide page's quick exit: %s", got)
	}
}

// Quick exit stays whole on screen with Android's large text: 150 % at
// 360 px and 200 % at 320 px, in the app and on a guide page.
func TestBrowserQuickExitLargeText(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	run, js := tab.Run, tab.JS
	run(chromedp.Navigate(base+"/"), chromedp.WaitVisible(`button[data-lang="ar"]`), chromedp.Click(`button[data-lang="ar"]`),
		chromedp.WaitVisible(`#profile`), chromedp.Click(`input[name="phase"][value="at_work"]`),
		chromedp.SetValue(`#from`, "MA"), chromedp.Click(`#save`))
	waitJS(t, ctx, "the home screen, with the emergency call", `document.body.dataset.screen === "home" && document.querySelector("a#call")`)
	// whole says whether an element is entirely on screen, and its content
	// entirely inside it.
	const whole = `(e => { if (!e) return "missing"; const r = e.getBoundingClientRect(); return [r.left >= 0, r.right <= innerWidth, r.top >= 0, r.bottom <= innerHeight, e.scrollWidth <= e.clientWidth + 1, e.scrollHeight <= e.clientHeight + 1].join() })`
	for _, c := range []struct{ width, percent int }{{360, 150}, {320, 200}} {
		if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: int64(c.width), Height: 640, DeviceScaleFactor: 2, Mobile: true}); err != nil {
			t.Fatal(err)
		}
		pages := []string{"/", "/#/g/fair-recruitment-no-fees", "/#/questions", "/#/ask", "/#/contacts", "/#/settings", "/g/ar/fair-recruitment-no-fees"}
		for _, page := range pages {
			run(chromedp.Navigate(base+page), chromedp.WaitVisible(`#exit`),
				chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.documentElement.style.fontSize = "%d%%"`, c.percent)))
			time.Sleep(200 * time.Millisecond)
			controls := map[string]string{"Quick exit": "#exit"}
			if !strings.HasPrefix(page, "/g/") {
				controls["the emergency call"] = "a#call" // the app's screens; the /g/ page has Quick exit only
			}
			for name, selector := range controls {
				got := js(whole + `(document.querySelector("` + selector + `"))`)
				if got != "true,true,true,true,true,true" {
					t.Errorf("at %d px and %d %% text, %s on %s is not whole on screen (left, right, top, bottom, width, height inside: %s)", c.width, c.percent, name, page, got)
				}
			}
		}
	}
}
