package browser

import (
	"testing"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// TestBrowserInboxFollowUpIsNotANewQuestion: the worker writes again on a
// case their counsellor closed. It comes back to the counsellor's queue,
// announced as a follow-up on an existing case, not as a new question.
func TestBrowserInboxFollowUpIsNotANewQuestion(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	q1, err := app.FindRecordById("questions", f.IDs["q1"])
	if err != nil {
		t.Fatal(err)
	}
	q1.Set("status", "closed")
	if err := app.Save(q1); err != nil {
		t.Fatal(err)
	}
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	signInToInbox(t, ctx, app, base, "cA@example.org")
	item := `#queue li[data-id="` + q1.Id + `"]`
	if browsertest.Eval[bool](t, ctx, `!!document.querySelector('`+item+`')`) {
		t.Fatal("the closed case is in the queue before the follow-up")
	}

	postAs(t, base+"/api/collections/messages/records", f.Tokens[testapp.Worker], map[string]any{"question": q1.Id, "text": "it started again"}, 200)
	waitJS(t, ctx, "the reopened case back in the queue", `document.querySelector('`+item+`')`)
	if got := browsertest.Eval[string](t, ctx, `document.getElementById("announce").textContent`); got != "Follow-up on an existing case: question one" {
		t.Errorf("the follow-up was announced as %q", got)
	}
}
