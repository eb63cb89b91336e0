package helpline

import (
	"testing"

	"amem/pb_hooks/testapp"
)

// TestACloseOutcomeIsAReasonOfTheClosedEvent: a counsellor closing a case as
// referred to a service writes "outcome_referred_to" with that service on the
// "closed" event, and reopening the case drops the outcome it no longer has.
func TestACloseOutcomeIsAReasonOfTheClosedEvent(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	c := newCaseCaller(t, app)
	if s := c.send(testapp.Counsellor, "PATCH", "/api/collections/questions/records/{{q1}}",
		`{"status":"closed","outcome":"referred","referred_to":"IOM Rabat"}`); s != 200 {
		t.Fatalf("close as referred = %d", s)
	}
	ev, err := app.FindFirstRecordByFilter("case_events", "question = {:q} && kind = 'closed'", map[string]any{"q": c.question(app).Id})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ev.GetString("reasons"), `[{"code":"outcome_referred_to","params":{"service":"IOM Rabat"}}]`; got != want {
		t.Errorf("closed event reasons = %s, want %s", got, want)
	}
	if s := c.send(testapp.Counsellor, "PATCH", "/api/collections/questions/records/{{q1}}", `{"status":"assigned"}`); s != 200 {
		t.Fatalf("reopen = %d", s)
	}
	if q := c.question(app); q.GetString("outcome") != "" || q.GetString("referred_to") != "" {
		t.Errorf("reopened case keeps outcome %q to %q", q.GetString("outcome"), q.GetString("referred_to"))
	}
}
