package browser

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// A coordinator adds a label for the union and puts it on a case with one
// the union already has; the queue filters by it; a counsellor sees the
// labels and sets them, but cannot add one.
func TestBrowserInboxLabels(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	questions, err := app.FindCollectionByNameOrId("questions")
	if err != nil {
		t.Fatal(err)
	}
	unlabelled := core.NewRecord(questions)
	unlabelled.Load(map[string]any{"worker": f.IDs["w2"], "client_id": "unlabelled-case-01", "text": "a case with no label",
		"lang": "fr", "country": "TN", "status": "assigned", "organisation": f.IDs["orgA"], "counsellor": f.IDs["cA"]})
	if err := app.Save(unlabelled); err != nil {
		t.Fatal(err)
	}
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	run(chromedp.EmulateViewport(1366, 860))
	signInToInbox(t, ctx, app, base, "coordA@example.org")
	run(chromedp.Navigate(base + "/inbox/#/org/" + f.IDs["q1"]))
	waitJS(t, ctx, "the case", `document.querySelector('#thread[data-id="`+f.IDs["q1"]+`"]')?.dataset.state === "ready"`)

	run(chromedp.Click(`#labels`), chromedp.WaitVisible(`#labels-dialog #label-name`))
	run(chromedp.SendKeys(`#label-name`, "Inspector contacted"), chromedp.SetValue(`#label-colour`, "blue"), chromedp.Click(`#label-add`))
	waitJS(t, ctx, "the new label, chosen", `[...document.querySelectorAll("#labels-list input:checked")].length === 1`)
	added, err := app.FindFirstRecordByFilter("labels", "name = 'Inspector contacted'")
	if err != nil {
		t.Fatal("the new label was not stored:", err)
	}
	if added.GetString("organisation") != f.IDs["orgA"] || added.GetString("colour") != "blue" {
		t.Errorf("the new label is %v", added.FieldsData())
	}
	run(chromedp.Click(`#labels-list input[value="`+f.IDs["labelA"]+`"]`), chromedp.Click(`#labels-save`))
	waitJS(t, ctx, "the two labels on the case", `document.querySelectorAll("#thread .head-meta .label").length === 2`)
	if got := testapp.Record(t, app, "questions", "q1").GetStringSlice("labels"); len(got) != 2 {
		t.Errorf("the case has the labels %v, want 2", got)
	}
	if got := js(`[...document.querySelectorAll("#thread .head-meta .label")].map(e => e.textContent).sort().join("|")`); got != "Inspector contacted|Wages claim" {
		t.Errorf("the case shows the labels %q", got)
	}

	// The queue, filtered by the new label: that case alone.
	run(chromedp.Navigate(base + "/inbox/#/org?tag=" + added.Id))
	waitJS(t, ctx, "the filtered queue", `document.getElementById("queue")?.dataset.state === "loaded" && document.querySelector('#queue li[data-id="`+f.IDs["q1"]+`"]')`)
	if got := js(`[...document.querySelectorAll("#queue li[data-id]")].map(li => li.dataset.id).join(" ")`); got != f.IDs["q1"] {
		t.Errorf("the queue filtered by the label lists %q, want only %s", got, f.IDs["q1"])
	}
	if got := js(`document.querySelector('#filters select[name="tag"]').value`); got != added.Id {
		t.Errorf("the label filter shows %q", got)
	}

	// A counsellor who is not a coordinator: labels, but no adding.
	other := browsertest.New(t)
	signInToInbox(t, other, app, base, "cA@example.org")
	openCase(t, other, base, unlabelled.Id)
	browsertest.Run(t, other, 20*time.Second, chromedp.Click(`#labels`), chromedp.WaitVisible(`#labels-dialog #labels-list`))
	if n := browsertest.Eval[float64](t, other, `document.querySelectorAll("#labels-dialog #label-add, #labels-dialog .label-row button").length`); n != 0 {
		t.Errorf("a counsellor has %v controls to add or remove labels", n)
	}
	browsertest.Run(t, other, 20*time.Second, chromedp.Click(`#labels-list input[value="`+added.Id+`"]`), chromedp.Click(`#labels-save`))
	waitJS(t, other, "the label on the case", `document.querySelectorAll("#thread .head-meta .label").length === 1`)
	stored, err := app.FindRecordById("questions", unlabelled.Id)
	if err != nil {
		t.Fatal(err)
	}
	if got := stored.GetStringSlice("labels"); len(got) != 1 || got[0] != added.Id {
		t.Errorf("the counsellor's case has the labels %v", got)
	}
}
