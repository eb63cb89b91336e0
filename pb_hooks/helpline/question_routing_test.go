package helpline

import (
	"amem/pb_hooks/testapp"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// askAs sends a question as a worker and returns the stored record.
func askAs(t *testing.T, app core.App, handlerBody func(body string) (int, string), body string) *core.Record {
	t.Helper()
	status, res := handlerBody(body)
	if status != 200 {
		t.Fatalf("ask = %d %s", status, res)
	}
	var out struct{ ID string }
	json.Unmarshal([]byte(res), &out)
	q, err := app.FindRecordById("questions", out.ID)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestQuestionsAreRoutedOnArrival(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	ask := func(body string) (int, string) {
		res := testapp.ServeBody(t, handler, "POST", "/api/collections/questions/records", body,
			map[string]string{"Authorization": f.Tokens[testapp.Worker], "Content-Type": "application/json"})
		return res.StatusCode, testapp.ReadAll(t, res)
	}

	// Arabic, in Tunisia: a counsellor of Union A who speaks Arabic; cA
	// already carries q1, so the coordinator (0 open) is the least loaded.
	q := askAs(t, app, ask, `{"client_id":"route-test-001","text":"متى يجب أن يدفع لي الأجر؟","lang":"ar","country":"TN","topic":"wages"}`)
	if q.GetString("organisation") != f.IDs["orgA"] || q.GetString("counsellor") != f.IDs["coordA"] || q.GetString("status") != "assigned" {
		t.Fatalf("routed to %s/%s status %s: %s", q.GetString("organisation"), q.GetString("counsellor"), q.GetString("status"), q.GetString("routing_note"))
	}
	if q.GetBool("urgent") {
		t.Error("a wages question is not urgent")
	}
	due := q.GetDateTime("due").Time()
	if d := time.Until(due); d < 47*time.Hour || d > 49*time.Hour {
		t.Errorf("normal question due in %v, want about 48h", d)
	}
	ev, err := app.FindFirstRecordByFilter("case_events", "question = {:q} && kind = 'routed'", map[string]any{"q": q.Id})
	if err != nil || ev.GetString("to_counsellor") != f.IDs["coordA"] || !strings.HasPrefix(ev.GetString("reasons"), `[{"code":"assigned_least_loaded"`) || ev.GetString("note") != "" {
		t.Fatalf("routing event %v %v", ev, err)
	}

	// A confiscated passport is urgent.
	q = askAs(t, app, ask, `{"client_id":"route-test-002","text":"My employer took my passport and will not give it back","lang":"ar","country":"TN"}`)
	if !q.GetBool("urgent") {
		t.Fatalf("not urgent: %s", q.GetString("routing_note"))
	}
	if d := time.Until(q.GetDateTime("due").Time()); d > 5*time.Hour {
		t.Errorf("urgent question due in %v", d)
	}
	if strings.Contains(q.GetString("routing_note"), "passport and will not") {
		t.Error("the routing note must not quote the worker")
	}

	// Nobody speaks English in Union A: its coordinator takes it.
	q = askAs(t, app, ask, `{"client_id":"route-test-003","text":"Hello","lang":"en","country":"TN"}`)
	if q.GetString("counsellor") != f.IDs["coordA"] || !strings.Contains(q.GetString("routing_note"), "coordinator") {
		t.Errorf("English question: %s", q.GetString("routing_note"))
	}

	// Libya: no counsellor at all — the superusers' queue, said honestly.
	q = askAs(t, app, ask, `{"client_id":"route-test-004","text":"Hello","lang":"ar","country":"LY"}`)
	if q.GetString("status") != "escalated" || q.GetString("counsellor") != "" || q.GetString("organisation") != "" {
		t.Errorf("Libya question: status %s counsellor %q", q.GetString("status"), q.GetString("counsellor"))
	}
}

func TestThreadMovesTheQuestionAlong(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	post := func(role, body string) {
		t.Helper()
		res := testapp.ServeBody(t, handler, "POST", "/api/collections/messages/records", f.Fill(body),
			map[string]string{"Authorization": f.Tokens[role], "Content-Type": "application/json"})
		if res.StatusCode != 200 {
			t.Fatalf("message as %s = %d %s", role, res.StatusCode, testapp.ReadAll(t, res))
		}
	}
	status := func() string {
		q, _ := app.FindRecordById("questions", f.IDs["q1"])
		return q.GetString("status")
	}

	post(testapp.Counsellor, `{"question":"{{q1}}","text":"Let me check","internal":true}`)
	if s := status(); s != "assigned" {
		t.Fatalf("an internal note changed the status to %s", s)
	}
	post(testapp.Counsellor, `{"question":"{{q1}}","text":"Here is the answer"}`)
	if s := status(); s != "answered" {
		t.Fatalf("after the answer: %s", s)
	}
	post(testapp.Worker, `{"question":"{{q1}}","text":"One more thing"}`)
	if s := status(); s != "assigned" {
		t.Fatalf("after the follow-up: %s", s)
	}
	q, _ := app.FindRecordById("questions", f.IDs["q1"])
	q.Set("status", "closed")
	app.Save(q)
	post(testapp.Worker, `{"question":"{{q1}}","text":"It happened again"}`)
	if s := status(); s != "assigned" {
		t.Fatalf("a closed question written to again: %s", s)
	}
	if _, err := app.FindFirstRecordByFilter("case_events", "question = {:q} && kind = 'reopened'", map[string]any{"q": f.IDs["q1"]}); err != nil {
		t.Error("reopening is not in the audit trail")
	}
}

func TestOverdueQuestionsAreReRouted(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()

	q, _ := app.FindRecordById("questions", f.IDs["q1"])
	q.Set("due", time.Now().Add(-time.Hour))
	if err := app.Save(q); err != nil {
		t.Fatal(err)
	}
	n, err := escalateOverdue(app, time.Now())
	if err != nil || n != 1 {
		t.Fatalf("escalateOverdue = %d, %v", n, err)
	}
	q, _ = app.FindRecordById("questions", f.IDs["q1"])
	if q.GetString("counsellor") == f.IDs["cA"] || q.GetString("counsellor") == "" {
		t.Fatalf("still with %q", q.GetString("counsellor"))
	}
	if !q.GetDateTime("due").Time().After(time.Now()) {
		t.Error("the new holder needs a fresh due time")
	}
	ev, err := app.FindFirstRecordByFilter("case_events", "question = {:q} && kind = 'overdue'", map[string]any{"q": q.Id})
	if err != nil || ev.GetString("from_counsellor") != f.IDs["cA"] || !strings.HasPrefix(ev.GetString("reasons"), `[{"code":"overdue_rerouted"`) {
		t.Fatalf("overdue event %v %v", ev, err)
	}
	// Nothing else is overdue now.
	if n, _ := escalateOverdue(app, time.Now()); n != 0 {
		t.Errorf("second run moved %d", n)
	}
}

// TestClosingIsInTheAuditTrail: who closed or reopened a case, and when.
func TestClosingIsInTheAuditTrail(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	patch := func(role, status string) {
		res := testapp.ServeBody(t, handler, "PATCH", "/api/collections/questions/records/"+f.IDs["q1"], `{"status":"`+status+`"}`,
			map[string]string{"Authorization": f.Tokens[role], "Content-Type": "application/json"})
		if res.StatusCode != 200 {
			t.Fatalf("%s sets %s: %d %s", role, status, res.StatusCode, testapp.ReadAll(t, res))
		}
	}
	patch(testapp.Counsellor, "closed")
	patch(testapp.Counsellor, "assigned")
	patch(testapp.Worker, "closed")
	events, _ := app.FindRecordsByFilter("case_events", "question = {:q} && kind != 'routed'", "created", 0, 0, map[string]any{"q": f.IDs["q1"]})
	var got []string
	for _, ev := range events {
		got = append(got, ev.GetString("kind")+"/"+ev.GetString("actor"))
	}
	want := "closed/" + f.IDs["cA"] + ",reopened/" + f.IDs["cA"] + ",closed/"
	if strings.Join(got, ",") != want {
		t.Fatalf("audit trail = %v, want %s", got, want)
	}
}

// TestAQuestionAndItsRoutingCommitTogether: the "routed" event is written
// in the question's own transaction, so a question never exists without
// the record of where it went and why (here the event cannot be saved:
// the question is refused, and nothing is stored).
func TestAQuestionAndItsRoutingCommitTogether(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	app.OnRecordCreate("case_events").BindFunc(func(e *core.RecordEvent) error {
		return errors.New("the disk is full")
	})
	handler := testapp.Handler(t, app)
	res := testapp.ServeBody(t, handler, "POST", "/api/collections/questions/records",
		`{"client_id":"routed-together-1","text":"Is this fee legal?","lang":"ar","country":"TN"}`,
		map[string]string{"Authorization": f.Tokens[testapp.Worker], "Content-Type": "application/json"})
	res.Body.Close()
	if res.StatusCode == 200 {
		t.Errorf("the question was accepted although its routing could not be recorded")
	}
	if q, _ := app.FindFirstRecordByData("questions", "client_id", "routed-together-1"); q != nil {
		t.Errorf("the question %s was stored without its routed event", q.Id)
	}
}
