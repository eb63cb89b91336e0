package helpline

import (
	"amem/pb_hooks/testapp"
	"net/url"
	"strings"
	"testing"
)

// A question from a country no union covers lands in the fallback
// organisation's unassigned queue, where its counsellors' inbox shows it
// (the "unassigned" tab's filter), and no other union sees it.
func TestQuestionsNobodyCoversLandInTheFallbackQueue(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	fallback, err := app.FindRecordById("organisations", f.IDs["orgB"])
	if err != nil {
		t.Fatal(err)
	}
	fallback.Set("fallback", true)
	if err := app.Save(fallback); err != nil {
		t.Fatal(err)
	}
	handler := testapp.Handler(t, app)
	ask := func(body string) (int, string) {
		res := testapp.ServeBody(t, handler, "POST", "/api/collections/questions/records", body,
			map[string]string{"Authorization": f.Tokens[testapp.Worker], "Content-Type": "application/json"})
		return res.StatusCode, testapp.ReadAll(t, res)
	}

	for _, body := range []string{
		`{"client_id":"fallback-test-01","text":"Who can help me in Qatar?","lang":"ar","country":"QA"}`,
		`{"client_id":"fallback-test-02","text":"I do not want to say where I am","lang":"ar"}`,
	} {
		q := askAs(t, app, ask, body)
		if q.GetString("organisation") != f.IDs["orgB"] || q.GetString("counsellor") != "" || q.GetString("status") != "escalated" {
			t.Fatalf("%s: placed with %q/%q, status %s (%s)", body, q.GetString("organisation"), q.GetString("counsellor"),
				q.GetString("status"), q.GetString("routing_note"))
		}
		unassigned := "/api/collections/questions/records?filter=" + url.QueryEscape(`counsellor = "" && id = "`+q.Id+`"`)
		if got := testapp.ReadAll(t, testapp.Serve(t, handler, "GET", unassigned, f.Headers(testapp.OtherOrg))); !strings.Contains(got, `"totalItems":1`) {
			t.Errorf("the fallback's counsellor does not see it in the unassigned queue: %s", got)
		}
		if got := testapp.ReadAll(t, testapp.Serve(t, handler, "GET", unassigned, f.Headers(testapp.Counsellor))); !strings.Contains(got, `"totalItems":0`) {
			t.Errorf("another union sees it: %s", got)
		}
	}
}

// Adopting gives the fallback the questions that waited in the superusers'
// queue before it existed, and leaves every other question where it is.
func TestAFallbackAdoptsWhatWaitedInTheSuperusersQueue(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	waiting := testapp.Record(t, app, "questions", "q1")
	waiting.Set("organisation", "")
	waiting.Set("counsellor", "")
	waiting.Set("status", "escalated")
	if err := app.Save(waiting); err != nil {
		t.Fatal(err)
	}

	moved, err := AdoptUnplaced(app, f.IDs["orgSpare"])
	if err != nil || moved != 1 {
		t.Fatalf("moved %d, %v; want 1", moved, err)
	}
	q := testapp.Record(t, app, "questions", "q1")
	if q.GetString("organisation") != f.IDs["orgSpare"] || q.GetString("status") != "escalated" {
		t.Errorf("q1 is with %q, status %s", q.GetString("organisation"), q.GetString("status"))
	}
	if _, err := app.FindFirstRecordByFilter("case_events", "question = {:q} && kind = 'routed' && to_organisation = {:o}",
		map[string]any{"q": q.Id, "o": f.IDs["orgSpare"]}); err != nil {
		t.Errorf("no case event for the move: %v", err)
	}
	if other := testapp.Record(t, app, "questions", "q2"); other.GetString("organisation") != f.IDs["orgB"] {
		t.Errorf("q2 moved to %q", other.GetString("organisation"))
	}
}
