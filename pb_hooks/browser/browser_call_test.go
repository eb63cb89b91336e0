package browser

import (
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// The emergency call is on every screen of the worker's app, one tap, and
// dials the number that contacts.yaml marks emergency for the country the
// worker is in now; for a country with none, there is no call at all.
func TestBrowserEmergencyCallOnEveryScreen(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	marked, err := app.FindFirstRecordByFilter("contacts", "emergency = true && country = 'MA'")
	if err != nil {
		t.Fatalf("contacts.yaml marks no emergency number for Morocco: %v", err)
	}
	want := "tel:" + regexp.MustCompile(`[^\d+]`).ReplaceAllString(marked.GetString("phone"), "")
	ctx := browsertest.New(t)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	firstRunInArabic(t, ctx, base, "MA", "QA")

	for _, s := range []struct{ hash, screen string }{
		{"#/", "home"}, {"#/g/fair-recruitment-no-fees", "g"}, {"#/questions", "questions"},
		{"#/contacts", "contacts"}, {"#/ask", "ask"}, {"#/settings", "settings"},
	} {
		tab.Run(chromedp.Evaluate[chromedp.Void](`location.replace(` + jsString(s.hash) + `)`))
		waitJS(t, ctx, "the "+s.screen+" screen", `document.body.dataset.screen === `+jsString(s.screen))
		got := tab.JS(`(a => a && a.checkVisibility() ? a.getAttribute("href") + " " + a.querySelector("bdi[dir=ltr]")?.textContent : "none")(document.querySelector("a#call"))`)
		if got != want+" "+marked.GetString("phone") {
			t.Errorf("on %s the emergency call is %q, want %q with its number in a left-to-right run", s.hash, got, want)
		}
	}

	// Libya has no number marked emergency: no call is shown, none invented.
	tab.Run(chromedp.SetValue(`#from`, "LY"), chromedp.Click(`#save`))
	waitJS(t, ctx, "the home screen after the change", `document.body.dataset.screen === "home" && JSON.parse(localStorage.getItem("amem.profile")).from === "LY"`)
	if got := tab.JS(`String(!!document.querySelector("a#call, a[href^='tel:']"))`); got != "false" {
		t.Errorf("in Libya, a country with no sourced emergency number, a call is shown")
	}
}
