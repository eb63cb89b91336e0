package browser

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// TestBrowserInboxBulkActions: a coordinator chooses two cases and gives
// them to a colleague at once, then closes one, after a confirmation.
// Counsellors who are not coordinators have no such choice.
func TestBrowserInboxBulkActions(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	questions, err := app.FindCollectionByNameOrId("questions")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := 0; i < 2; i++ {
		q := core.NewRecord(questions)
		q.Load(map[string]any{"worker": f.IDs["w2"], "client_id": fmt.Sprintf("bulk-case-%02d", i), "text": fmt.Sprintf("bulk case %d", i),
			"lang": "fr", "country": "TN", "status": "assigned", "organisation": f.IDs["orgA"], "counsellor": f.IDs["coordA"]})
		if err := app.Save(q); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, q.Id)
	}
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	run(chromedp.EmulateViewport(1366, 860))
	signInToInbox(t, ctx, app, base, "coordA@example.org")
	run(chromedp.Navigate(base + "/inbox/#/org"))
	waitJS(t, ctx, "the organisation's cases", `document.getElementById("queue")?.dataset.state === "loaded" && document.querySelectorAll("#queue .bulk-pick").length >= 3`)

	for _, id := range ids {
		run(chromedp.Click(`#queue .bulk-pick[data-id="` + id + `"]`))
	}
	waitJS(t, ctx, "the bulk bar", `!document.getElementById("bulk").hidden && document.querySelector("#bulk .bulk-count").textContent === "2 cases chosen"`)
	run(chromedp.SetValue(`#bulk-colleague`, f.IDs["cA"]), chromedp.Click(`#bulk-assign`))
	waitJS(t, ctx, "the bar gone after the action", `document.getElementById("bulk").hidden && document.getElementById("queue").dataset.state === "loaded"`)
	for _, id := range ids {
		if q, err := app.FindRecordById("questions", id); err != nil || q.GetString("counsellor") != f.IDs["cA"] {
			t.Errorf("case %s is with %q, want cA", id, q.GetString("counsellor"))
		}
	}

	run(chromedp.Click(`#queue .bulk-pick[data-id="`+ids[0]+`"]`), chromedp.Click(`#bulk-close`))
	waitJS(t, ctx, "the confirmation", `document.getElementById("bulk-confirm")?.open && document.getElementById("bulk-confirm").textContent.includes("Close 1 case?")`)
	run(chromedp.Click(`#bulk-confirm-yes`))
	waitJS(t, ctx, "the closing done", `document.getElementById("bulk").hidden && document.getElementById("announce").textContent + document.getElementById("toast").textContent !== ""`)
	if !testapp.Eventually(func() bool {
		q, err := app.FindRecordById("questions", ids[0])
		return err == nil && q.GetString("status") == "closed"
	}) {
		t.Error("the chosen case was not closed")
	}
	if q, _ := app.FindRecordById("questions", ids[1]); q.GetString("status") == "closed" {
		t.Error("a case that was not chosen was closed")
	}

	// A counsellor who is not a coordinator sees no checkboxes.
	other := browsertest.New(t)
	signInToInbox(t, other, app, base, "cA@example.org")
	if n := browsertest.Eval[float64](t, other, `document.querySelectorAll("#queue .bulk-pick").length`); n != 0 {
		t.Errorf("a counsellor has %v bulk checkboxes", n)
	}
}
