package helpline

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"amem/pb_hooks/testapp"
)

func TestTransfers(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	as := func(role, method, url, body string) (int, string) {
		t.Helper()
		res := testapp.ServeBody(t, handler, method, url, f.Fill(body),
			map[string]string{"Authorization": f.Tokens[role], "Content-Type": "application/json", "Accept-Language": "fr"})
		return res.StatusCode, testapp.ReadAll(t, res)
	}
	q1 := func() *core.Record {
		q, _ := app.FindRecordById("questions", f.IDs["q1"])
		return q
	}
	transfer := "/api/amem/questions/" + f.IDs["q1"] + "/transfer"
	consent := "/api/amem/questions/" + f.IDs["q1"] + "/consent"

	// Only the case's organisation can hand it over; others do not learn it exists.
	if status, _ := as(testapp.OtherOrg, "POST", transfer, `{"organisation":"{{orgB}}"}`); status != 404 {
		t.Fatalf("another organisation's counsellor: %d", status)
	}
	if status, _ := as(testapp.Worker, "POST", transfer, `{"organisation":"{{orgB}}"}`); status != 401 && status != 403 {
		t.Fatalf("a worker: %d", status)
	}
	if status, body := as(testapp.Counsellor, "POST", transfer, `{"organisation":"{{orgB}}","country":"MA"}`); status != 400 ||
		!strings.Contains(body, "Choisissez une seule destination") {
		t.Fatalf("two targets: %d %s", status, body)
	}
	if status, body := as(testapp.Counsellor, "POST", transfer, `{"country":"QA"}`); status != 400 || !strings.Contains(body, "Aucune organisation partenaire") {
		t.Fatalf("no partner: %d %s", status, body)
	}

	// To a colleague: at once.
	if status, body := as(testapp.Counsellor, "POST", transfer, `{"counsellor":"{{coordA}}","note":"She speaks Darija"}`); status != 200 {
		t.Fatalf("to a colleague: %d %s", status, body)
	}
	if q := q1(); q.GetString("counsellor") != f.IDs["coordA"] || q.GetString("status") != "assigned" {
		t.Fatalf("after the hand-over: %v", q.FieldsData())
	}

	// To the partner union in Morocco, where the worker is going: the worker is asked first.
	q := q1()
	q.Set("destination", "MA")
	app.Save(q)
	if status, body := as(testapp.Coordinator, "POST", transfer, `{"country":"MA","note":"Follows the worker to Morocco"}`); status != 200 ||
		!strings.Contains(body, `"status":"awaiting_consent"`) {
		t.Fatalf("to another country: %d %s", status, body)
	}
	if q := q1(); q.GetString("organisation") != f.IDs["orgA"] || q.GetString("pending_organisation") != f.IDs["orgB"] {
		t.Fatalf("the case must stay until the worker consents: %v", q.FieldsData())
	}

	if status, _ := as(testapp.OtherOrg, "GET", "/api/collections/questions/records/"+f.IDs["q1"], ""); status != 404 {
		t.Fatal("the receiving union must not see the case before the worker consents")
	}
	if status, _ := as(testapp.Coordinator, "POST", transfer, `{"counsellor":"{{cA}}"}`); status != 400 {
		t.Fatal("a second transfer while one waits for consent")
	}
	if status, _ := as(testapp.OtherWorker, "POST", consent, `{"accept":true}`); status != 404 {
		t.Fatal("only the worker who asked can consent")
	}

	// The worker accepts: the whole thread moves.
	if status, body := as(testapp.Worker, "POST", consent, `{"accept":true}`); status != 200 {
		t.Fatalf("consent: %d %s", status, body)
	}
	if q := q1(); q.GetString("organisation") != f.IDs["orgB"] || q.GetString("counsellor") == "" || q.GetString("pending_organisation") != "" {
		t.Fatalf("after consent: %v", q.FieldsData())
	}
	status, body := as(testapp.OtherOrg, "GET", "/api/collections/messages/records?filter=question='"+f.IDs["q1"]+"'", "")
	if status != 200 || !strings.Contains(body, "worker follow-up") || !strings.Contains(body, "the answer") {
		t.Fatalf("the receiving union sees the thread: %d %s", status, body)
	}
	if status, body := as(testapp.Counsellor, "GET", "/api/collections/questions/records/"+f.IDs["q1"], ""); status != 404 {
		t.Fatalf("the first union no longer sees it: %d %s", status, body)
	}
	if status, _ := as(testapp.Worker, "POST", consent, `{"accept":true}`); status != 400 {
		t.Fatal("consent twice")
	}

	// The audit trail, in order.
	events, _ := app.FindRecordsByFilter("case_events", "question = {:q}", "created", 0, 0, map[string]any{"q": f.IDs["q1"]})
	var kinds []string
	for _, ev := range events {
		kinds = append(kinds, ev.GetString("kind"))
	}
	if got := strings.Join(kinds, ","); got != "routed,routed,transferred,consent_asked,consent_given,transferred" {
		t.Fatalf("audit trail = %s", got)
	}
}

func TestRefusedTransferKeepsTheCase(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	c := newCaseCaller(t, app)
	if s := c.send(testapp.Counsellor, "POST", "/api/amem/questions/"+f.IDs["q1"]+"/transfer", `{"organisation":"{{orgB}}"}`); s != 200 {
		t.Fatal(s)
	}
	if s := c.send(testapp.Worker, "POST", "/api/amem/questions/"+f.IDs["q1"]+"/consent", `{"accept":false}`); s != 200 {
		t.Fatal(s)
	}
	q, _ := app.FindRecordById("questions", f.IDs["q1"])
	if q.GetString("organisation") != f.IDs["orgA"] || q.GetString("counsellor") != f.IDs["cA"] || q.GetString("status") != "assigned" {
		t.Fatalf("after refusal: %v", q.FieldsData())
	}
	if _, err := app.FindFirstRecordByFilter("case_events", "question = {:q} && kind = 'consent_refused'", map[string]any{"q": q.Id}); err != nil {
		t.Fatal("refusal not in the audit trail")
	}
}

func TestWorkloadAndSignOutEverywhere(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)

	res := testapp.ServeBody(t, handler, "GET", "/api/amem/workload", "", map[string]string{"Authorization": f.Tokens[testapp.Counsellor]})
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("workload as a counsellor = %d", res.StatusCode)
	}
	res = testapp.ServeBody(t, handler, "GET", "/api/amem/workload", "", map[string]string{"Authorization": f.Tokens[testapp.Coordinator]})
	body := testapp.ReadAll(t, res)
	if res.StatusCode != 200 || !strings.Contains(body, `"counsellor":"`+f.IDs["cA"]+`"`) || !strings.Contains(body, `"open":1`) ||
		strings.Contains(body, f.IDs["cB"]) {
		t.Fatalf("workload = %d %s", res.StatusCode, body)
	}

	res = testapp.ServeBody(t, handler, "POST", "/api/amem/counsellors/signout-everywhere", "", map[string]string{"Authorization": f.Tokens[testapp.Counsellor]})
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("sign out everywhere = %d", res.StatusCode)
	}
	res = testapp.ServeBody(t, handler, "GET", "/api/collections/questions/records/"+f.IDs["q1"], "", map[string]string{"Authorization": f.Tokens[testapp.Counsellor]})
	if res.StatusCode == 200 {
		t.Fatal("the old token still works")
	}
}

func TestCounsellorsSignInWithAOneTimeCode(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)

	res := testapp.ServeBody(t, handler, "POST", "/api/collections/counsellors/auth-with-password",
		`{"identity":"cA@example.org","password":"correct horse battery"}`, map[string]string{"Content-Type": "application/json"})
	body := testapp.ReadAll(t, res)
	if res.StatusCode != 401 || !strings.Contains(body, "mfaId") {
		t.Fatalf("password alone = %d %s; want a second factor", res.StatusCode, body)
	}
	mfaID := testapp.Between(body, `"mfaId":"`, `"`)

	res = testapp.ServeBody(t, handler, "POST", "/api/collections/counsellors/request-otp", `{"email":"cA@example.org"}`,
		map[string]string{"Content-Type": "application/json"})
	body = testapp.ReadAll(t, res)
	// PocketBase sends the code in the background (no timing oracle).
	if res.StatusCode != 200 || !testapp.Eventually(func() bool { return app.TestMailer.TotalSend() == 1 }) {
		t.Fatalf("request-otp = %d %s, %d mails", res.StatusCode, body, app.TestMailer.TotalSend())
	}
	otpID := testapp.Between(body, `"otpId":"`, `"`)
	last := app.TestMailer.LastMessage()
	mail := last.HTML
	code := testapp.Between(mail, "<strong>", "</strong>")
	// In the counsellor's first language (cA answers in Arabic, then French).
	if last.Subject != "AMEM: رمز الدخول الخاص بك" || !strings.Contains(mail, `dir="rtl"`) || len(code) != 6 {
		t.Fatalf("sign-in code e-mail: %q %s", last.Subject, mail)
	}

	res = testapp.ServeBody(t, handler, "POST", "/api/collections/counsellors/auth-with-otp",
		`{"otpId":"`+otpID+`","password":"`+code+`","mfaId":"`+mfaID+`"}`, map[string]string{"Content-Type": "application/json"})
	body = testapp.ReadAll(t, res)
	if res.StatusCode != 200 || !strings.Contains(body, `"token"`) {
		t.Fatalf("with the code = %d %s", res.StatusCode, body)
	}
	// Deactivated counsellors cannot sign in at all.
	c, _ := app.FindAuthRecordByEmail("counsellors", "cB@example.org")
	c.Set("active", false)
	app.Save(c)
	res = testapp.ServeBody(t, handler, "POST", "/api/collections/counsellors/auth-with-password",
		`{"identity":"cB@example.org","password":"correct horse battery"}`, map[string]string{"Content-Type": "application/json"})
	if body := testapp.ReadAll(t, res); strings.Contains(body, "mfaId") || res.StatusCode < 400 {
		t.Fatalf("a deactivated counsellor = %d %s", res.StatusCode, body)
	}
}

// TestRefusedTransferRestoresTheStatus: a case that was answered when the
// hand-over was asked is answered again after the worker refuses it, not
// "assigned" as if it had never been answered.
func TestRefusedTransferRestoresTheStatus(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	c := newCaseCaller(t, app)
	if s := c.send(testapp.Counsellor, "POST", "/api/collections/messages/records", `{"question":"{{q1}}","text":"Here is what the law says."}`); s != 200 {
		t.Fatalf("answer = %d", s)
	}
	if s := c.send(testapp.Counsellor, "POST", "/api/amem/questions/"+f.IDs["q1"]+"/transfer", `{"organisation":"{{orgB}}"}`); s != 200 {
		t.Fatalf("transfer = %d", s)
	}
	if s := c.send(testapp.Worker, "POST", "/api/amem/questions/"+f.IDs["q1"]+"/consent", `{"accept":false}`); s != 200 {
		t.Fatalf("refusal = %d", s)
	}
	q, _ := app.FindRecordById("questions", f.IDs["q1"])
	if q.GetString("status") != "answered" || q.GetString("status_before_consent") != "" {
		t.Fatalf("after refusal: status %q, kept %q", q.GetString("status"), q.GetString("status_before_consent"))
	}
}

// TestInternalNotesStayWithTheirUnion: after the worker accepts a hand-over,
// the receiving union reads the worker's thread and the hand-over note
// written for it, never the sending union's internal notes nor its own
// audit trail (routing notes with its counsellors' ids).
func TestInternalNotesStayWithTheirUnion(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	c := newCaseCaller(t, app)
	const handover = "She has her contract; the employer is in Casablanca."
	if s, b := c.call(testapp.Counsellor, "POST", "/api/amem/questions/"+f.IDs["q1"]+"/transfer", `{"organisation":"{{orgB}}","note":"`+handover+`"}`); s != 200 {
		t.Fatalf("transfer = %d %s", s, b)
	}
	if s, b := c.call(testapp.Worker, "POST", "/api/amem/questions/"+f.IDs["q1"]+"/consent", `{"accept":true}`); s != 200 {
		t.Fatalf("consent = %d %s", s, b)
	}
	_, thread := c.call(testapp.OtherOrg, "GET", "/api/collections/messages/records?filter=question='"+f.IDs["q1"]+"'", "")
	if !strings.Contains(thread, "worker follow-up") || !strings.Contains(thread, "the answer") || strings.Contains(thread, "internal note") {
		t.Errorf("the receiving union's thread must hold the worker's conversation without the sender's internal notes: %s", thread)
	}
	_, trail := c.call(testapp.OtherOrg, "GET", "/api/collections/case_events/records?filter=question='"+f.IDs["q1"]+"'", "")
	if strings.Contains(trail, "assigned to cA") {
		t.Errorf("the receiving union must not read the sender's routing notes: %s", trail)
	}
	_, moved := c.call(testapp.OtherOrg, "GET", "/api/collections/case_events/records?filter="+
		"question='"+f.IDs["q1"]+"'%26%26kind='transferred'%26%26to_organisation='"+f.IDs["orgB"]+"'", "")
	if !strings.Contains(moved, handover) {
		t.Errorf("the hand-over note must reach the receiver with the move: %s", moved)
	}
}

// TestANoteBelongsToItsWritersUnion: the organisation of a note is the
// writer's, whatever the request claims.
func TestANoteBelongsToItsWritersUnion(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	res := testapp.ServeBody(t, handler, "POST", "/api/collections/messages/records",
		f.Fill(`{"question":"{{q1}}","text":"claimed for Union B","internal":true,"organisation":"{{orgB}}"}`),
		map[string]string{"Authorization": f.Tokens[testapp.Counsellor], "Content-Type": "application/json"})
	body := testapp.ReadAll(t, res)
	if res.StatusCode != 200 {
		t.Fatalf("note = %d %s", res.StatusCode, body)
	}
	m, err := app.FindFirstRecordByData("messages", "text", "claimed for Union B")
	if err != nil || m.GetString("organisation") != f.IDs["orgA"] {
		t.Fatalf("the note's organisation = %v %v, want the writer's (Union A)", m, err)
	}
}
