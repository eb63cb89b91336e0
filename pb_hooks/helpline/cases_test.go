package helpline

import (
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"amem/pb_hooks/testapp"
)

// The losses found when the helpline was tried as counsellors and workers
// would: each must never happen again.

// caseCaller sends requests as the fixture's roles.
type caseCaller struct {
	t       *testing.T
	handler http.Handler
	f       *testapp.Fixture
}

func newCaseCaller(t *testing.T, app *tests.TestApp) caseCaller {
	return caseCaller{t: t, handler: testapp.Handler(t, app), f: testapp.Seeded(t)}
}

// call sends a request as role ({{name}} in url and body is the fixture
// id) and returns the status and the body.
func (c caseCaller) call(role, method, url, body string) (int, string) {
	c.t.Helper()
	res := testapp.ServeBody(c.t, c.handler, method, c.f.Fill(url), c.f.Fill(body),
		map[string]string{"Authorization": c.f.Tokens[role], "Content-Type": "application/json"})
	return res.StatusCode, testapp.ReadAll(c.t, res)
}

// send is call for the status alone; a refusal's body goes to the log.
func (c caseCaller) send(role, method, url, body string) int {
	c.t.Helper()
	status, answer := c.call(role, method, url, body)
	if status >= 300 {
		c.t.Logf("%s %s as %s = %d %s", method, url, role, status, answer)
	}
	return status
}

func (c caseCaller) question(app core.App) *core.Record {
	c.t.Helper()
	q, err := app.FindRecordById("questions", c.f.IDs["q1"])
	if err != nil {
		c.t.Fatal(err)
	}
	return q
}

// TestAFollowUpAfterTheDeadlineStaysWithItsCounsellor: a worker writes again
// days after an answer given on time. The case gets a fresh deadline and the
// overdue job leaves it with the counsellor who answered.
func TestAFollowUpAfterTheDeadlineStaysWithItsCounsellor(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	c := newCaseCaller(t, app)

	if s := c.send(testapp.Counsellor, "POST", "/api/collections/messages/records", `{"question":"{{q1}}","text":"You are owed the overtime."}`); s != 200 {
		t.Fatalf("answer = %d", s)
	}
	// Three days later: the original deadline has long passed.
	q := c.question(app)
	q.Set("due", time.Now().Add(-24*time.Hour))
	if err := app.Save(q); err != nil {
		t.Fatal(err)
	}
	if s := c.send(testapp.Worker, "POST", "/api/collections/messages/records", `{"question":"{{q1}}","text":"They still refuse to pay.","client_id":"follow-up-0001"}`); s != 200 {
		t.Fatalf("follow-up = %d", s)
	}
	q = c.question(app)
	if q.GetString("status") != "assigned" || !q.GetDateTime("due").Time().After(time.Now().Add(time.Hour)) {
		t.Fatalf("after the follow-up: status %s, due %v; want assigned with a fresh due", q.GetString("status"), q.GetDateTime("due"))
	}
	if n, err := escalateOverdue(app, time.Now()); err != nil || n != 0 {
		t.Fatalf("the overdue job moved %d case(s) (%v); the follow-up is not late", n, err)
	}
	q = c.question(app)
	if q.GetString("counsellor") != c.f.IDs["cA"] || q.GetString("organisation") != c.f.IDs["orgA"] {
		t.Fatalf("the case moved to %s of %s", q.GetString("counsellor"), q.GetString("organisation"))
	}
}

// TestTheOverdueJobNeverMovesACaseToAnotherUnion: when nobody else in the
// union can take a late case, it stays there, even though a counsellor of
// another union would fit: moving it needs the worker's consent.
func TestTheOverdueJobNeverMovesACaseToAnotherUnion(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	c := newCaseCaller(t, app)
	// Union B and its counsellor now cover Tunisia too; Union A's
	// coordinator is away.
	for _, change := range []struct{ collection, name, field string }{
		{"organisations", "orgB", "countries"}, {"counsellors", "cB", "countries"},
	} {
		r := testapp.Record(t, app, change.collection, change.name)
		r.Set(change.field, []string{"MA", "TN"})
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	coord := testapp.Record(t, app, "counsellors", "coordA")
	coord.Set("active", false)
	if err := app.Save(coord); err != nil {
		t.Fatal(err)
	}
	q := c.question(app)
	q.Set("due", time.Now().Add(-time.Hour))
	if err := app.Save(q); err != nil {
		t.Fatal(err)
	}

	if n, err := escalateOverdue(app, time.Now()); err != nil || n != 1 {
		t.Fatalf("escalateOverdue = %d, %v", n, err)
	}
	q = c.question(app)
	if q.GetString("organisation") != c.f.IDs["orgA"] || q.GetString("counsellor") != c.f.IDs["cA"] {
		t.Fatalf("the late case went to %s of %s", q.GetString("counsellor"), q.GetString("organisation"))
	}
	if !q.GetDateTime("due").Time().After(time.Now()) {
		t.Error("the case kept needs a fresh due time")
	}
	if s := c.send(testapp.OtherOrg, "GET", "/api/collections/questions/records/{{q1}}", ""); s != http.StatusNotFound {
		t.Fatalf("the other union reads the case: %d", s)
	}
}

// TestAnsweringDuringATransferKeepsTheTransfer: an answer written while a
// hand-over waits for the worker's consent does not cancel it; the worker's
// later "accept" moves the case.
func TestAnsweringDuringATransferKeepsTheTransfer(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	c := newCaseCaller(t, app)

	if s := c.send(testapp.Counsellor, "POST", "/api/amem/questions/{{q1}}/transfer", `{"organisation":"{{orgB}}","note":"Union B covers Morocco."}`); s != 200 {
		t.Fatalf("transfer = %d", s)
	}
	if s := c.send(testapp.Counsellor, "POST", "/api/collections/messages/records", `{"question":"{{q1}}","text":"Meanwhile: keep your payslips."}`); s != 200 {
		t.Fatalf("answer = %d", s)
	}
	if got := c.question(app).GetString("status"); got != "awaiting_consent" {
		t.Fatalf("after the answer the case is %q, want awaiting_consent", got)
	}
	if s := c.send(testapp.Worker, "POST", "/api/amem/questions/{{q1}}/consent", `{"accept":true}`); s != 200 {
		t.Fatalf("accept = %d", s)
	}
	if q := c.question(app); q.GetString("organisation") != c.f.IDs["orgB"] {
		t.Fatalf("after consent the case is with %s", q.GetString("organisation"))
	}
}
