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
