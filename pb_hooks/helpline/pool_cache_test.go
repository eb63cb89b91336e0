package helpline

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"amem/pb_hooks/testapp"
)

// maxCreateStatements is what one question costs in SQL once the routing
// pool is in memory: the worker's token, the create rule, the three
// relations checked, the question, the push outbox and the routed event.
const maxCreateStatements = 8

// TestQuestionCreateStatements: a worker's question runs at most
// maxCreateStatements SQL statements (BenchmarkCreateQuestion reports the
// same count beside a plain create).
func TestQuestionCreateStatements(t *testing.T) {
	f := testapp.Seeded(t)
	app := newCreateBenchApp(t, 0)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	send := func(req *http.Request) int {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		return rec.Code
	}
	// The first question after start-up loads the pool.
	if code := createQuestion(send, "http://amem.test", "questions", f.IDs["w1"], f.Tokens[testapp.Worker]); code != 200 {
		t.Fatalf("create = %d", code)
	}
	statements, stop := countStatements(app)
	defer stop()
	if code := createQuestion(send, "http://amem.test", "questions", f.IDs["w1"], f.Tokens[testapp.Worker]); code != 200 {
		t.Fatalf("create = %d", code)
	}
	if n := statements.Load(); n > maxCreateStatements {
		t.Fatalf("one question ran %d SQL statements, want at most %d", n, maxCreateStatements)
	}
}

// TestRoutingPoolFollowsChanges: the routing pool kept in memory is dropped
// when what it is made of changes (the dashboard saving a counsellor or an
// organisation), so the next question is routed by the new state, not by the
// one cached by the question before.
func TestRoutingPoolFollowsChanges(t *testing.T) {
	f := testapp.Seeded(t)
	changes := map[string]func(t *testing.T, app core.App){
		"counsellors of Union A made inactive": func(t *testing.T, app core.App) {
			for _, name := range []string{"cA", "coordA"} {
				c := testapp.Record(t, app, "counsellors", name)
				c.Set("active", false)
				if err := app.Save(c); err != nil {
					t.Fatal(err)
				}
			}
		},
		"Union A made inactive": func(t *testing.T, app core.App) {
			o := testapp.Record(t, app, "organisations", "orgA")
			o.Set("active", false)
			if err := app.Save(o); err != nil {
				t.Fatal(err)
			}
		},
		"Union A's coverage moved from Tunisia to Libya": func(t *testing.T, app core.App) {
			o := testapp.Record(t, app, "organisations", "orgA")
			o.Set("countries", []string{"LY"})
			if err := app.Save(o); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			app := testapp.New(t)
			defer app.Cleanup()
			handler := testapp.Handler(t, app)
			ask := func(body string) (int, string) {
				res := testapp.ServeBody(t, handler, "POST", "/api/collections/questions/records", body,
					map[string]string{"Authorization": f.Tokens[testapp.Worker], "Content-Type": "application/json"})
				return res.StatusCode, testapp.ReadAll(t, res)
			}
			if q := askAs(t, app, ask, `{"client_id":"pool-cache-0001","text":"My wages are late","lang":"ar","country":"TN"}`); q.GetString("organisation") != f.IDs["orgA"] {
				t.Fatalf("before the change, routed to %q, want Union A", q.GetString("organisation"))
			}
			change(t, app)
			q := askAs(t, app, ask, `{"client_id":"pool-cache-0002","text":"My wages are late","lang":"ar","country":"TN"}`)
			if q.GetString("counsellor") == f.IDs["cA"] || q.GetString("counsellor") == f.IDs["coordA"] {
				t.Fatalf("after the change, routed to Union A's counsellor %s: %s", q.GetString("counsellor"), q.GetString("routing_note"))
			}
		})
	}
}
