package browser

import (
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// TestBrowserInboxCannedAnswerVariables: a canned answer's {country},
// {counsellor} and {union} are filled in when it is picked, the country in
// the worker's language; an unknown {name} stays for the counsellor to see.
func TestBrowserInboxCannedAnswerVariables(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	collection, err := app.FindCollectionByNameOrId("canned_answers")
	if err != nil {
		t.Fatal(err)
	}
	answer := core.NewRecord(collection)
	answer.Load(map[string]any{"organisation": f.IDs["orgA"], "lang": "ar", "title": "Greeting",
		"body": "مرحبًا، أنا {counsellor} من {union}. في {country} يحق لك ذلك. {unknown}"})
	if err := app.Save(answer); err != nil {
		t.Fatal(err)
	}
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	run(chromedp.EmulateViewport(1366, 860))
	signInToInbox(t, ctx, app, base, "cA@example.org")
	openCase(t, ctx, base, f.IDs["q1"])
	run(chromedp.Click(`#canned-button`))
	waitJS(t, ctx, "the canned answer", `[...document.querySelectorAll(".canned-item")].some(b => b.textContent.includes("Greeting"))`)
	js(`[...document.querySelectorAll(".canned-item")].find(b => b.textContent.includes("Greeting")).click(), ""`)
	if got, want := js(`document.getElementById("reply").value`), "مرحبًا، أنا cA من UA. في تونس يحق لك ذلك. {unknown}"; got != want {
		t.Errorf("the reply box holds %q, want %q", got, want)
	}
}

// TestBrowserInboxSearchesWholeThreads: a word that is only in a case's
// answer finds the case; a word only in another union's note finds nothing.
func TestBrowserInboxSearchesWholeThreads(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	run(chromedp.EmulateViewport(1366, 860))
	signInToInbox(t, ctx, app, base, "cA@example.org")
	item := `#queue li[data-id="` + f.IDs["q1"] + `"]`
	for q, want := range map[string]bool{"the answer": true, "union B's note": false} {
		run(chromedp.Navigate(base + "/inbox/#/mine?q=" + url.QueryEscape(q)))
		waitJS(t, ctx, "the search for "+q, `document.getElementById("queue")?.dataset.state === "loaded" && document.getElementById("queue").dataset.view.includes("q=")`)
		if got := browsertest.Eval[bool](t, ctx, `!!document.querySelector('`+item+`')`); got != want {
			t.Errorf("searching %q: q1 listed %v, want %v", q, got, want)
		}
	}
}
