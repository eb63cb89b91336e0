package browser

import (
	"testing"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// TestBrowserInboxMarksUrgency: a counsellor marks a case urgent from its
// thread and back; the thread, its history and the server agree each time.
func TestBrowserInboxMarksUrgency(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	signInToInbox(t, ctx, app, base, "cA@example.org")
	item := `#queue li[data-id="` + f.IDs["q1"] + `"]`
	waitJS(t, ctx, "q1 in the queue", `document.querySelector('`+item+`')`)
	run(chromedp.Click(item + ` a`))
	waitJS(t, ctx, "the case", `document.querySelector('#thread[data-id="`+f.IDs["q1"]+`"]')?.dataset.state === "ready"`)

	run(chromedp.Click(`#urgency`))
	waitJS(t, ctx, "the case shown urgent", `document.getElementById("urgency")?.getAttribute("aria-pressed") === "true" && document.querySelector("#thread .pill-urgent")`)
	waitJS(t, ctx, "the change in the history, by whom", `[...document.querySelectorAll('#history li[data-kind="urgency"]')].some(li => li.innerText.includes("Marked urgent") && li.innerText.replace(/[\u2066-\u2069]/g, "").includes("by cA"))`)
	if q := testapp.Record(t, app, "questions", "q1"); !q.GetBool("urgent") {
		t.Fatal("the server does not have it urgent")
	}

	run(chromedp.Click(`#urgency`))
	waitJS(t, ctx, "the case shown not urgent", `document.getElementById("urgency")?.getAttribute("aria-pressed") === "false" && !document.querySelector("#thread .pill-urgent")`)
	if q := testapp.Record(t, app, "questions", "q1"); q.GetBool("urgent") {
		t.Fatal("the server still has it urgent")
	}
}
