package helpline

import (
	"testing"

	"amem/pb_hooks/testapp"
)

// TestACounsellorCannotUndoAPendingTransferByStatus: while the worker
// decides on a hand-over, the sending counsellor's PATCH of the status is
// refused (the transition table does not allow it) and the transfer stays.
func TestACounsellorCannotUndoAPendingTransferByStatus(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	c := newCaseCaller(t, app)
	if s := c.send(testapp.Counsellor, "POST", "/api/amem/questions/{{q1}}/transfer", `{"organisation":"{{orgB}}","note":"Union B covers Morocco."}`); s != 200 {
		t.Fatalf("transfer = %d", s)
	}
	if s := c.send(testapp.Counsellor, "PATCH", "/api/collections/questions/records/{{q1}}", `{"status":"assigned"}`); s != 400 {
		t.Errorf("PATCH status assigned during the transfer = %d, want 400", s)
	}
	if got := c.question(app).GetString("status"); got != "awaiting_consent" {
		t.Errorf("after the PATCH the case is %q, want awaiting_consent", got)
	}
}

// TestAClosedCaseIsNotHandedToAnotherUnion: the transition table has no
// move from closed to awaiting_consent; the transfer route keeps to it.
func TestAClosedCaseIsNotHandedToAnotherUnion(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	c := newCaseCaller(t, app)
	if s := c.send(testapp.Counsellor, "PATCH", "/api/collections/questions/records/{{q1}}", `{"status":"closed"}`); s != 200 {
		t.Fatalf("close = %d", s)
	}
	if s := c.send(testapp.Counsellor, "POST", "/api/amem/questions/{{q1}}/transfer", `{"organisation":"{{orgB}}","note":"Union B covers Morocco."}`); s != 400 {
		t.Errorf("transfer of a closed case to another union = %d, want 400", s)
	}
}
