package helpline

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"amem/pb_hooks/testapp"
)

// A voice note is never detected as urgent: its counsellor marks it, the
// deadline comes forward to four hours, and unmarking gives back the normal
// one. Only the holding union may, and each change is in the case's trail.
func TestACounsellorMarksACaseUrgentAndBack(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	h := testapp.Handler(t, app)
	q := testapp.Record(t, app, "questions", "q1")
	q.Set("due", time.Now().Add(40*time.Hour))
	if err := app.Save(q); err != nil {
		t.Fatal(err)
	}
	mark := func(role, body string) int {
		res := testapp.ServeBody(t, h, "POST", "/api/amem/questions/"+q.Id+"/urgency", body,
			map[string]string{"Authorization": f.Tokens[role], "Content-Type": "application/json"})
		testapp.ReadAll(t, res)
		return res.StatusCode
	}

	for role, want := range map[string]int{testapp.OtherOrg: 404, testapp.Worker: 403, testapp.Anonymous: 401} {
		if got := mark(role, `{"urgent":true}`); got != want {
			t.Errorf("%s marking it urgent = %d, want %d", role, got, want)
		}
	}
	if got := mark(testapp.Counsellor, `{}`); got != 400 {
		t.Errorf("no urgent field = %d, want 400", got)
	}
	if testapp.Record(t, app, "questions", "q1").GetBool("urgent") {
		t.Fatal("a refused request changed the case")
	}

	if got := mark(testapp.Counsellor, `{"urgent":true}`); got != 200 {
		t.Fatalf("marking it urgent = %d", got)
	}
	q = testapp.Record(t, app, "questions", "q1")
	if !q.GetBool("urgent") || time.Until(q.GetDateTime("due").Time()) > 4*time.Hour {
		t.Errorf("urgent %v, due in %v; want urgent, due within 4h", q.GetBool("urgent"), time.Until(q.GetDateTime("due").Time()))
	}
	ev, err := app.FindFirstRecordByFilter("case_events", "question = {:q} && kind = 'urgency'", map[string]any{"q": q.Id})
	if err != nil || ev.GetString("actor") != f.IDs["cA"] || ev.GetString("reasons") != `[{"code":"marked_urgent"}]` {
		t.Fatalf("urgency event %v %v", ev, err)
	}

	if got := mark(testapp.Counsellor, `{"urgent":false}`); got != 200 {
		t.Fatalf("unmarking = %d", got)
	}
	q = testapp.Record(t, app, "questions", "q1")
	if want := q.GetDateTime("created").Time().Add(48 * time.Hour); q.GetBool("urgent") || !q.GetDateTime("due").Time().Equal(want) {
		t.Errorf("urgent %v, due %v; want not urgent, due %v (48h after it was asked)", q.GetBool("urgent"), q.GetDateTime("due"), want)
	}
	if n, _ := app.CountRecords("case_events", dbx.HashExp{"question": q.Id, "kind": "urgency"}); n != 2 {
		t.Errorf("%d urgency events, want 2", n)
	}
}
