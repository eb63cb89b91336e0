package helpline

import (
	"testing"
	"time"

	"amem/pb_hooks/testapp"
)

// A counsellor puts a case aside until a date: its deadline moves past it,
// only the holding union may, the records API cannot, and the worker's next
// message brings it back.
func TestACounsellorSnoozesACaseUntilTheWorkerWrites(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	h := testapp.Handler(t, app)
	q := testapp.Record(t, app, "questions", "q1")
	q.Set("due", time.Now().Add(10*time.Hour))
	if err := app.Save(q); err != nil {
		t.Fatal(err)
	}
	send := func(role, method, url, body string) int {
		res := testapp.ServeBody(t, h, method, url, body, map[string]string{"Authorization": f.Tokens[role], "Content-Type": "application/json"})
		testapp.ReadAll(t, res)
		return res.StatusCode
	}
	snooze := "/api/amem/questions/" + f.IDs["q1"] + "/snooze"
	until := time.Now().Add(72 * time.Hour).UTC().Truncate(time.Second)
	body := `{"until":"` + until.Format(time.RFC3339) + `"}`

	for role, want := range map[string]int{testapp.OtherOrg: 404, testapp.Worker: 403, testapp.Anonymous: 401} {
		if got := send(role, "POST", snooze, body); got != want {
			t.Errorf("%s snoozing = %d, want %d", role, got, want)
		}
	}
	for _, bad := range []string{`{}`, `{"until":"tomorrow"}`, `{"until":"2020-01-01T00:00:00Z"}`, `{"until":"` + time.Now().Add(40*24*time.Hour).Format(time.RFC3339) + `"}`} {
		if got := send(testapp.Counsellor, "POST", snooze, bad); got != 400 {
			t.Errorf("snoozing with %s = %d, want 400", bad, got)
		}
	}
	if got := send(testapp.Counsellor, "PATCH", "/api/collections/questions/records/"+f.IDs["q1"], body[:len(body)-1]+`,"snoozed_until":"`+until.Format(time.RFC3339)+`"}`); got != 400 && got != 403 && got != 404 {
		t.Errorf("snoozing through the records API = %d, want a refusal", got)
	}

	if got := send(testapp.Counsellor, "POST", snooze, body); got != 200 {
		t.Fatalf("snoozing = %d", got)
	}
	q = testapp.Record(t, app, "questions", "q1")
	if !q.GetDateTime("snoozed_until").Time().Equal(until) {
		t.Errorf("snoozed until %v, want %v", q.GetDateTime("snoozed_until"), until)
	}
	if due := q.GetDateTime("due").Time(); due.Before(until.Add(9 * time.Hour)) {
		t.Errorf("due %v: the 10 hours left should start again after %v", due, until)
	}

	if got := send(testapp.Worker, "POST", "/api/collections/messages/records", `{"question":"`+f.IDs["q1"]+`","text":"any news?"}`); got != 200 {
		t.Fatalf("the worker's message = %d", got)
	}
	if q = testapp.Record(t, app, "questions", "q1"); !q.GetDateTime("snoozed_until").IsZero() {
		t.Error("the worker's message did not wake the case")
	}
}
