package browser

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/tests"

	"amem/internal/browsertest"
	"amem/internal/opus/opustest"
	"amem/pb_hooks/testapp"
)

// noAxeViolations fails the test with what axe-core finds on the screen.
func noAxeViolations(t *testing.T, ctx context.Context, axe browsertest.Axe, screen string) {
	t.Helper()
	if v := axe.Violations(t, ctx); len(v) > 0 {
		t.Errorf("WCAG 2.2 AA on %s: %d violations:\n  %s", screen, len(v), strings.Join(v, "\n  "))
	}
}

// focusedWithoutRing names the focused element when nothing shows where
// the focus is (no outline of at least 2 px, no shadow, on it or on the
// field around it), or "" when it shows; with its key, to see the Tab
// order come round again.
const focusedWithoutRing = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body) return { key: "body", missing: "" };
	const ring = (x) => { const s = getComputedStyle(x); return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none"; };
	const around = e.closest(".search, .switch, label");
	const key = e.tagName + "#" + e.id + "." + e.className + " " + (e.getAttribute("aria-label") || e.textContent || "").trim().slice(0, 30);
	return { key, missing: ring(e) || (around && ring(around)) || (e.matches(".switch input") && ring(e.nextElementSibling)) ? "" : key };
})()`

// everyFocusVisible goes through the screen with Tab, as a keyboard user
// does, and fails the test for each element focused without a visible ring.
func everyFocusVisible(t *testing.T, ctx context.Context, screen string) {
	t.Helper()
	type focused struct{ Key, Missing string }
	seen := map[string]bool{}
	for i := 0; i < 60; i++ {
		browsertest.Run(t, ctx, 10*time.Second, chromedp.KeyEvent("\t"))
		f := browsertest.Eval[focused](t, ctx, focusedWithoutRing)
		if seen[f.Key] {
			return // round again
		}
		seen[f.Key] = true
		if f.Missing != "" {
			t.Errorf("on %s, the focus on %s is not visible", screen, f.Missing)
		}
	}
}

// Every screen of the worker's app and the guide page pass axe-core's
// WCAG 2.2 AA rules, in Arabic and in French.
func TestBrowserAccessibilityWorkerApp(t *testing.T) {
	axe := browsertest.NewAxe(t)
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	const slug = "fair-recruitment-no-fees"
	// With its player: a recording in Darija, offered to Arabic and French readers.
	testapp.PutRecording(t, app, slug, "ary", opustest.File(6*time.Second, ""))
	for _, lang := range []string{"ar", "fr"} {
		t.Run(lang, func(t *testing.T) {
			ctx := browsertest.New(t)
			run := browsertest.Tab{T: t, Ctx: ctx}.Run
			check := func(screen string) {
				t.Helper()
				noAxeViolations(t, ctx, axe, screen)
				everyFocusVisible(t, ctx, screen)
			}

			walkTheWorkerApp(t, ctx, base, lang, slug, check)
			run(chromedp.Navigate(base + "/calc"))
			waitJS(t, ctx, "the calculator", `document.getElementById("calc")`)
			check("the neutral calculator")

			// Under a PIN, the questions ask for it first.
			run(chromedp.Navigate(base+"/#/settings"), chromedp.WaitVisible(`#pin-set`),
				chromedp.SendKeys(`#pin-new`, "2468"), chromedp.SendKeys(`#pin-repeat`, "2468"), chromedp.Click(`#pin-set`))
			waitJS(t, ctx, "the PIN set", `!!document.getElementById("pin-change")`)
			run(chromedp.Reload())
			waitJS(t, ctx, "the settings again", `document.body.dataset.screen === "settings"`)
			run(chromedp.Navigate(base + "/#/questions"))
			waitJS(t, ctx, "the PIN prompt", `!!document.getElementById("unlock-pin")`)
			check("the PIN prompt")
			run(chromedp.Navigate(base+"/#/settings"), chromedp.WaitVisible(`#erase`), chromedp.Click(`#erase`), chromedp.WaitVisible(`#erase-confirm`))
			check("the erase confirmation")
			run(chromedp.Click(`#erase-confirm`), chromedp.WaitVisible(`#erased`))
			check("the erased screen")
		})
	}
}

// The inbox passes them too, signed out and in, on a desk and a phone.
func TestBrowserAccessibilityInbox(t *testing.T) {
	axe := browsertest.NewAxe(t)
	f := testapp.Seeded(t)
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	for _, lang := range []string{"ar", "fr"} {
		t.Run(lang, func(t *testing.T) {
			ctx := browsertest.New(t)
			run := browsertest.Tab{T: t, Ctx: ctx}.Run
			check := func(screen string) {
				t.Helper()
				noAxeViolations(t, ctx, axe, screen)
				everyFocusVisible(t, ctx, screen)
			}

			walkTheInbox(t, ctx, app, base, lang, f.IDs["q1"], check)
			run(chromedp.Click(`#account`))
			waitJS(t, ctx, "the account menu", `document.getElementById("lang")?.getClientRects().length`)
			check("the account menu")
			run(chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch),
				chromedp.Navigate(base+"/inbox/#/mine"))
			waitJS(t, ctx, "the queue on a phone", `document.getElementById("queue")?.dataset.state === "loaded"`)
			check("the queue on a 360 px phone")
			openCase(t, ctx, base, f.IDs["q1"])
			check("a case on a 360 px phone")
			run(chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), chromedp.KeyEvent("?"))
			waitJS(t, ctx, "the keyboard shortcuts", `document.getElementById("shortcuts")?.open`)
			noAxeViolations(t, ctx, axe, "the keyboard shortcuts")
		})
	}
}

// walkTheWorkerApp goes through every screen of the worker's app in lang as
// a first-time worker would (language, setup, home, a guide, contacts,
// settings, questions, ask, a thread, the /g/ page), calling check on each.
func walkTheWorkerApp(t *testing.T, ctx context.Context, base, lang, slug string, check func(screen string)) {
	t.Helper()
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	run(chromedp.Navigate(base+"/"), chromedp.WaitVisible(`button[data-lang="`+lang+`"]`))
	check("the language choice")
	run(chromedp.Click(`button[data-lang="`+lang+`"]`), chromedp.WaitVisible(`#profile`))
	check("the setup")
	run(chromedp.SetValue(`#from`, "MA"), chromedp.Click(`input[name="phase"][value="at_work"]`), chromedp.Click(`#save`))
	waitJS(t, ctx, "the library", `document.body.dataset.screen === "home" && document.body.dataset.sync === "done" && +document.body.dataset.guides > 0`)
	check("the home screen")
	for _, s := range []struct{ hash, screen string }{
		{"#/g/" + slug, "g"}, {"#/contacts", "contacts"}, {"#/settings", "settings"}, {"#/questions", "questions"}, {"#/ask", "ask"},
	} {
		run(chromedp.Navigate(base + "/" + s.hash))
		waitJS(t, ctx, "the screen "+s.screen, `document.body.dataset.screen === "`+s.screen+`" && document.querySelector("#app h1")`)
		if s.screen == "g" {
			// The recordings' player comes a moment later (its own module).
			waitJS(t, ctx, "the guide's recordings", `!document.getElementById("recordings") || document.querySelector("#recordings [id$=-download], #recordings [id$=-kept]")`)
		}
		check("the screen " + s.hash)
		if s.screen == "g" && browsertest.Eval[bool](t, ctx, `!!document.querySelector("#recordings [id$=-download]")`) {
			run(chromedp.Click(`#recordings [id$=-download]`), chromedp.WaitVisible(`#recordings [id$=-kept]`))
			check("the guide's recording, kept offline")
		}
	}
	run(chromedp.SendKeys(`#ask-text`, "Question ?"), chromedp.Click(`#ask-send`))
	waitJS(t, ctx, "the question's thread", `document.body.dataset.screen === "q" && document.querySelector("#app h1")`)
	check("a question's thread")
	run(chromedp.Navigate(base + "/g/" + lang + "/" + slug))
	waitJS(t, ctx, "the guide page", `document.querySelector("article")`)
	check("the guide page /g/")
}

// walkTheInbox goes through the inbox in lang as a counsellor would (the
// language choice, the sign-in, the queue, then the case caseID), calling
// check on each screen.
func walkTheInbox(t *testing.T, ctx context.Context, app *tests.TestApp, base, lang, caseID string, check func(screen string)) {
	t.Helper()
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	run(chromedp.Navigate(base+"/inbox/"), chromedp.WaitVisible(`button[data-lang="`+lang+`"]`))
	check("the inbox's language choice")
	run(chromedp.Click(`button[data-lang="` + lang + `"]`))
	waitJS(t, ctx, "the sign-in screen", `document.documentElement.lang === "`+lang+`" && document.querySelector("#signin h1")`)
	check("the inbox's sign-in")
	signInToInbox(t, ctx, app, base, "cA@example.org")
	check("the inbox's queue")
	openCase(t, ctx, base, caseID)
	check("a case in the inbox")
}
