package browser

import (
	"testing"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// TestBrowserInboxSignInRefusals: a wrong password and a wrong e-mailed code
// are told apart, in the reader's language (the server answers both with
// the same 400).
func TestBrowserInboxSignInRefusals(t *testing.T) {
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	messages := map[string][2]string{
		"en": {"This e-mail and password do not match. Check them and try again.",
			"This code is wrong or has expired. Check the latest e-mail, or send a new code."},
		"fr": {"Cette adresse e-mail et ce mot de passe ne correspondent pas. Vérifiez-les et réessayez.",
			"Ce code est erroné ou a expiré. Vérifiez le dernier e-mail, ou demandez un nouveau code."},
	}
	for _, lang := range []string{"en", "fr"} {
		want := messages[lang]
		// A server per language: PocketBase limits sign-in attempts per
		// address to two every three seconds.
		app := testapp.New(t)
		base := testapp.StartServer(t, app)
		run(chromedp.Navigate(base+"/inbox/"), chromedp.WaitVisible(`.lang[data-lang="`+lang+`"]`),
			chromedp.Click(`.lang[data-lang="`+lang+`"]`))
		waitJS(t, ctx, "the sign-in in "+lang, `document.documentElement.lang === "`+lang+`" && document.getElementById("email")`)

		run(chromedp.SendKeys(`#email`, "cA@example.org"), chromedp.SendKeys(`#password`, "wrong horse battery"),
			chromedp.Click(`#signin-password button[type="submit"]`))
		waitJS(t, ctx, "the refused password", `document.getElementById("signin-error").textContent !== ""`)
		if got := js(`document.getElementById("signin-error").textContent`); got != want[0] {
			t.Errorf("%s: a wrong password says %q, want %q", lang, got, want[0])
		}

		sent := app.TestMailer.TotalSend()
		run(chromedp.SetValue(`#password`, "correct horse battery"), chromedp.Click(`#signin-password button[type="submit"]`),
			chromedp.WaitVisible(`#code`))
		if !testapp.Eventually(func() bool { return app.TestMailer.TotalSend() > sent }) {
			t.Fatal("no code was e-mailed")
		}
		code := []byte(testapp.Between(app.TestMailer.LastMessage().HTML, "<strong>", "</strong>"))
		if len(code) != 6 {
			t.Fatalf("no 6-digit code in the mail: %q", code)
		}
		code[0] = '0' + (code[0]-'0'+1)%10 // surely not the code sent
		run(chromedp.SendKeys(`#code`, string(code)), chromedp.Click(`#signin-code button[type="submit"]`))
		waitJS(t, ctx, "the refused code", `document.getElementById("signin-error").textContent !== ""`)
		if got := js(`document.getElementById("signin-error").textContent`); got != want[1] {
			t.Errorf("%s: a wrong code says %q, want %q", lang, got, want[1])
		}
	}
}

// TestBrowserInboxTabsShareTheSession: on a wide screen the sign-in card
// has its full width; a second tab of the same browser opens signed in,
// without a new e-mailed code; `e` asks before it closes a case; and a
// sign-out in one tab signs out the other.
func TestBrowserInboxTabsShareTheSession(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	first := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: first}.Run
	run(chromedp.EmulateViewport(1440, 900), chromedp.Navigate(base+"/inbox/"), chromedp.WaitVisible(`#email`))
	if w := browsertest.Eval[float64](t, first, `document.querySelector(".signin-card").getBoundingClientRect().width / parseFloat(getComputedStyle(document.documentElement).fontSize)`); w < 24.9 {
		t.Errorf("the sign-in card is %.1f rem wide on a 1440 px screen, want its full 25 rem", w)
	}
	signInToInbox(t, first, app, base, "cA@example.org")
	sent := app.TestMailer.TotalSend()

	second, cancel := chromedp.NewContext(first) // a new tab of the same browser
	defer cancel()
	// Its first run opens the tab, and a time limit on it would close the
	// tab when it ends.
	if err := chromedp.Do(second); err != nil {
		t.Fatal(err)
	}
	run2 := browsertest.Tab{T: t, Ctx: second}.Run
	run2(chromedp.EmulateViewport(1440, 900), chromedp.Navigate(base+"/inbox/#/mine/"+f.IDs["q1"]))
	waitJS(t, second, "the second tab signed in", `document.body.dataset.screen === "inbox" && document.querySelector('#thread[data-id="`+f.IDs["q1"]+`"]')?.dataset.state === "ready"`)
	if app.TestMailer.TotalSend() != sent {
		t.Error("the second tab had a new code e-mailed")
	}

	// `e` asks first: cancelled, the case stays open; confirmed, it closes.
	run2(chromedp.KeyEvent("e"))
	waitJS(t, second, "the confirmation", `document.getElementById("close-confirm")?.open === true`)
	run2(chromedp.KeyEvent("\r")) // Enter on the focused Cancel
	waitJS(t, second, "the confirmation gone", `!document.getElementById("close-confirm")`)
	if got := testapp.Record(t, app, "questions", "q1").GetString("status"); got == "closed" {
		t.Fatal("a cancelled `e` closed the case")
	}
	// Confirmed with an outcome, referred to a named service: the server
	// keeps both and the closed thread says it.
	run2(chromedp.KeyEvent("e"))
	waitJS(t, second, "the confirmation", `document.getElementById("close-confirm")?.open === true`)
	run2(chromedp.SetValue(`#close-outcome`, "referred"), chromedp.SendKeys(`#close-referred-to`, "IOM Rabat"),
		chromedp.Click(`#close-confirm-yes`))
	waitJS(t, second, "the case closed", `document.getElementById("thread").dataset.status === "closed"`)
	if got := testapp.Record(t, app, "questions", "q1"); got.GetString("status") != "closed" || got.GetString("outcome") != "referred" || got.GetString("referred_to") != "IOM Rabat" {
		t.Errorf("the server has q1 %s, outcome %q to %q; want closed, referred to IOM Rabat", got.GetString("status"), got.GetString("outcome"), got.GetString("referred_to"))
	}
	waitJS(t, second, "the outcome shown", `document.getElementById("thread-outcome")?.textContent.includes("IOM Rabat")`)

	run(chromedp.Click(`#account`), chromedp.WaitVisible(`#signout`), chromedp.Click(`#signout`))
	waitJS(t, second, "the second tab signed out too", `document.body.dataset.screen === "signin" && !sessionStorage.getItem("amem.inbox.session")`)
}
